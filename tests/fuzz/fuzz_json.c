/*
 * fuzz_json.c — libFuzzer target over every request-body decoder
 * (fdecoders[], src/http/decoders.c).  The first byte picks the decoder
 * (its index, modulo their number); the rest is parsed as JSON and, when it
 * is an object, decoded by fdecode into a zeroed target of the decoder's
 * size in an arena.  Beyond not crashing, fdecode must keep its promises,
 * checked against the object itself:
 * - the set of fields given names exactly the table's keys present in the
 *   object (a nested object's set too, when its row keeps it);
 * - it succeeds only when every key is known and every required field is
 *   there, and then each text field given points at a NUL-terminated copy
 *   of the value (null: "") within the row's limit, each number is in its
 *   range and each boolean is the value given;
 * - a failure names at least one field or sets a code other than invalid.
 * A broken promise traps, so the fuzzer reports it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "http/fields.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PROMISE(cond)                                                           \
	do {                                                                    \
		if (!(cond))                                                    \
			__builtin_trap();                                       \
	} while (0)

static bool
row_given(fset given, size_t i)
{
	return i < 64 && (given & ((fset)1 << i)) != 0;
}

/* Whether d's table has a row named key. */
static bool
known(const struct fdecoder *d, const char *key)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->f[i].name, key) == 0)
			return true;
	return false;
}

/* Whether o has only known keys and every required field, nested objects
 * included: what fdecode must refuse when false.  Type errors aside. */
static bool
shape_ok(const struct fdecoder *d, json_t *o)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v) {
		if (!known(d, key))
			return false;
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct fdef *f = &d->f[i];
		v = json_object_get(o, f->name);
		if (v == NULL && (f->flags & FD_REQUIRED))
			return false;
		if (v != NULL && f->kind == FK_OBJECT && json_is_object(v) &&
		    !shape_ok(f->sub, v))
			return false;
	}
	return true;
}

/*
 * The promises about the fields given (when the set is kept: always at the
 * top, for a nested object when its row says FD_GIVEN) and, when ok, about
 * the values stored in base.
 */
static void
check(const struct fdecoder *d, json_t *o, const char *base, const fset *given, bool ok)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct fdef *f = &d->f[i];
		json_t *v = json_object_get(o, f->name);
		const void *dst = base + f->off;

		if (given != NULL)
			PROMISE(i >= 64 || row_given(*given, i) == (v != NULL));
		if (v == NULL)
			continue;
		if (f->kind == FK_OBJECT && json_is_object(v)) {
			/* fdecode ran on it, so its set is kept even on failure. */
			check(f->sub, v, base, (f->flags & FD_GIVEN) ? (const fset *)dst : NULL,
			    ok);
			continue;
		}
		if (!ok)
			continue;
		/* Null (for dates also "") leaves such a field as it was. */
		if ((f->flags & FD_NULL) && (json_is_null(v) || ((f->kind == FK_DATE ||
		    f->kind == FK_DATE_TEXT) && json_is_string(v) &&
		    json_string_length(v) == 0)))
			continue;
		switch (f->kind) {
		case FK_TEXT: {
			const char *s = *(const char *const *)dst;
			size_t n;
			PROMISE(s != NULL);
			n = strlen(s);
			PROMISE(f->max <= 0 || (int64_t)n <= f->max);
			if (json_is_null(v))
				PROMISE(n == 0);
			else
				PROMISE(json_is_string(v) && n == json_string_length(v) &&
				    memcmp(s, json_string_value(v), n) == 0);
			break;
		}
		case FK_BOOL:
			PROMISE(json_is_boolean(v) && *(const bool *)dst == json_is_true(v));
			break;
		case FK_INT: {
			int64_t n = *(const int64_t *)dst;
			PROMISE(json_is_integer(v) && n == json_integer_value(v));
			PROMISE(n >= f->min && n <= f->max);
			break;
		}
		case FK_INT32: {
			int n = *(const int *)dst;
			PROMISE(json_is_integer(v) && n == json_integer_value(v));
			PROMISE(n >= f->min && n <= f->max);
			break;
		}
		case FK_INSTANT:
			PROMISE(json_is_string(v));
			break;
		case FK_OBJECT:
			PROMISE(json_is_null(v) && !(f->flags & FD_REQUIRED));
			break;
		case FK_DATE: {
			struct date want;
			PROMISE(json_is_string(v) && date_parse(json_string_value(v), &want));
			PROMISE(date_cmp(want, *(const struct date *)dst) == 0);
			break;
		}
		case FK_DATE_TEXT: {
			const char *s = *(const char *const *)dst;
			struct date dd;
			PROMISE(s != NULL && json_is_string(v) &&
			    strcmp(s, json_string_value(v)) == 0 && date_parse(s, &dd));
			break;
		}
		case FK_JSON:
			PROMISE(*(json_t *const *)dst == v);
			break;
		case FK_CUSTOM:
			break;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fdecoder *d;
	struct arena *a;
	struct error e;
	json_error_t je;
	json_t *o;
	void *out;
	fset given = 0;
	bool ok;

	if (size < 1 || size > 65536 || nfdecoders == 0)
		return 0;
	d = fdecoders[data[0] % nfdecoders];
	o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return 0;
	}
	if ((a = arena_new(1 << 20)) == NULL || (out = arena_alloc(a, d->size)) == NULL) {
		arena_free(a);
		json_decref(o);
		return 0;
	}
	error_clear(&e);
	ok = fdecode(d, o, a, out, &given, &e, NULL);
	PROMISE(ok == (e.code == ERR_OK));
	if (!ok)
		PROMISE(e.nfields > 0 || e.code != ERR_INVALID);
	else
		PROMISE(shape_ok(d, o));
	check(d, o, out, &given, ok);
	arena_free(a);
	json_decref(o);
	return 0;
}

/*
 * fields.c — the table-driven body decoder (fields.h).
 */
#include <stdio.h>
#include <string.h>

#include "http/fields.h"
#include "http/req.h"
#include "lib/timeutil.h"

/* prefix.key, with the key in safe characters only (it came from outside). */
static void
field_name(char *out, size_t n, const char *prefix, const char *key)
{
	char safe[40];
	size_t i;

	for (i = 0; key[i] && i < sizeof safe - 1; i++)
		safe[i] = (key[i] >= 'a' && key[i] <= 'z') || key[i] == '_' ||
		    (key[i] >= '0' && key[i] <= '9') ? key[i] : '?';
	safe[i] = '\0';
	if (prefix && *prefix)
		snprintf(out, n, "%s.%s", prefix, safe);
	else
		snprintf(out, n, "%s", safe);
}

static const struct fdef *
find(const struct fdecoder *d, const char *key, size_t *idx)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->f[i].name, key) == 0) {
			*idx = i;
			return &d->f[i];
		}
	return NULL;
}

static bool
one(const struct fdef *f, json_t *v, struct arena *a, char *base, struct error *e,
    const char *name)
{
	void *dst = base + f->off;

	if ((f->flags & FD_NULL) && (json_is_null(v) || ((f->kind == FK_DATE ||
	    f->kind == FK_DATE_TEXT) && json_is_string(v) && json_string_length(v) == 0)))
		return true;
	switch (f->kind) {
	case FK_TEXT: {
		const char *s;
		char *copy;
		if (json_is_null(v)) {
			*(const char **)dst = "";
			return true;
		}
		if (!json_is_string(v)) {
			error_field(e, name, "%s", f->msg ? f->msg : "must be text");
			return false;
		}
		s = json_string_value(v);
		if (strlen(s) != json_string_length(v)) {
			error_field(e, name, "%s", f->msg ? f->msg :
			    "must not contain control characters");
			return false;
		}
		if (f->max > 0 && (int64_t)json_string_length(v) > f->max) {
			if (f->msg)
				error_field(e, name, "%s", f->msg);
			else
				error_field(e, name, "must be %lld characters or fewer",
				    (long long)f->max);
			return false;
		}
		if ((copy = arena_strdup(a, s)) == NULL) {
			error_set(e, ERR_TOOLARGE, "The request is too large.");
			return false;
		}
		*(const char **)dst = copy;
		return true;
	}
	case FK_BOOL:
		if (!json_is_boolean(v)) {
			error_field(e, name, "%s", f->msg ? f->msg : "must be true or false");
			return false;
		}
		*(bool *)dst = json_is_true(v);
		return true;
	case FK_INT:
	case FK_INT32: {
		json_int_t n;
		if (!json_is_integer(v)) {
			error_field(e, name, "%s", f->msg ? f->msg : "must be a whole number");
			return false;
		}
		n = json_integer_value(v);
		if (n < f->min || n > f->max) {
			if (f->msg)
				error_field(e, name, "%s", f->msg);
			else
				error_field(e, name, "must be from %lld to %lld",
				    (long long)f->min, (long long)f->max);
			return false;
		}
		if (f->kind == FK_INT)
			*(int64_t *)dst = n;
		else
			*(int *)dst = (int)n;
		return true;
	}
	case FK_INSTANT:
		if (!json_is_string(v) || !instant_parse(json_string_value(v), (int64_t *)dst)) {
			error_field(e, name, "%s", f->msg ? f->msg :
			    "must be a time such as 2026-11-28T14:30Z");
			return false;
		}
		return true;
	case FK_OBJECT:
		if (json_is_null(v) && !(f->flags & FD_REQUIRED))
			return true;
		if (!json_is_object(v)) {
			error_field(e, name, "%s", f->msg ? f->msg : "must be an object");
			return false;
		}
		if (f->flags & FD_MARK)
			*(bool *)dst = true;
		return fdecode(f->sub, v, a, base, (f->flags & FD_GIVEN) ? (fset *)dst : NULL,
		    e, name);
	case FK_CUSTOM: {
		const char *why = f->parse(v, dst, a);
		if (why != NULL) {
			error_field(e, name, "%s", why);
			return false;
		}
		return true;
	}
	case FK_DATE:
	case FK_DATE_TEXT: {
		struct date d;
		const char *s, *why = fields_text(v, &s);
		if (why != NULL || !date_parse(s, &d)) {
			error_field(e, name, "%s", why != NULL ? why :
			    "must be a real date written YYYY-MM-DD");
			return false;
		}
		if (f->kind == FK_DATE)
			*(struct date *)dst = d;
		else if ((*(const char **)dst = arena_strdup(a, s)) == NULL) {
			error_set(e, ERR_TOOLARGE, "The request is too large.");
			return false;
		}
		return true;
	}
	case FK_JSON:
		*(json_t **)dst = v;
		return true;
	}
	return false;
}

bool
fdecode(const struct fdecoder *d, json_t *o, struct arena *a, void *out, fset *given,
    struct error *e, const char *prefix)
{
	const char *key;
	json_t *v;
	fset seen = 0;
	bool ok = true;
	char name[96];

	json_object_foreach(o, key, v) {
		size_t i;
		const struct fdef *f = find(d, key, &i);
		field_name(name, sizeof name, prefix, key);
		if (f == NULL) {
			error_field(e, name, "is not a known field");
			ok = false;
			continue;
		}
		if (i < 64)
			seen |= (fset)1 << i;
		if (!one(f, v, a, out, e, name)) {
			ok = false;
			/* The row's own words for a wrong value, in place of the kind's. */
			if (f->msg != NULL && f->kind != FK_CUSTOM && e->nfields > 0 &&
			    e->nfields <= ERROR_FIELDS_MAX &&
			    strcmp(e->fields[e->nfields - 1].name, name) == 0)
				snprintf(e->fields[e->nfields - 1].msg,
				    sizeof e->fields[e->nfields - 1].msg, "%s", f->msg);
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		if (!(d->f[i].flags & FD_REQUIRED) || (i < 64 && (seen & ((fset)1 << i))))
			continue;
		field_name(name, sizeof name, prefix, d->f[i].name);
		error_field(e, name, "is required");
		ok = false;
	}
	if (given)
		*given = seen;
	return ok;
}

const char *
fields_text(json_t *v, const char **s)
{
	if (json_is_null(v)) {
		*s = "";
		return NULL;
	}
	if (!json_is_string(v))
		return "must be text";
	if (strlen(json_string_value(v)) != json_string_length(v))
		return "must not contain control characters";
	*s = json_string_value(v);
	return NULL;
}

bool
fset_has(const struct fdecoder *d, fset given, const char *name)
{
	size_t i;

	return find(d, name, &i) != NULL && i < 64 && (given & ((fset)1 << i)) != 0;
}

/*
 * fields.h — request bodies decoded by table.  Private to src/http/.
 *
 * A decoder is a table of the fields a body may have: each field's name, its
 * JSON type, where it goes in the target struct, its limits and whether it
 * is required.  One call checks the object against the table: keys not in it
 * are refused ("is not a known field"), each value present is type-checked
 * and stored, each required field missing is named, and the set of fields
 * given is returned — so a PATCH decodes once and changes exactly the fields
 * in that set.  Every error names the field (nested as "address.city").
 * Values are checked here only for their JSON shape and limits; what they
 * mean (a real date, a known level of care) is the core's or the
 * operation's to check.
 */
#ifndef IOP_FIELDS_H
#define IOP_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "lib/arena.h"
#include "lib/err.h"

enum fkind {
	FK_TEXT,	/* const char *: a string without NUL; null -> "" */
	FK_BOOL,	/* bool */
	FK_INT,		/* int64_t, from min to max */
	FK_INT32,	/* int, from min to max */
	FK_INSTANT,	/* int64_t: "2026-11-28T14:30Z" or with seconds, UTC */
	FK_OBJECT,	/* a nested object decoded by sub into the same struct */
	FK_CUSTOM,	/* parse(v, dst, a) decides: NULL, or what is wrong */
};

#define FD_REQUIRED 1u
/* FK_OBJECT: the nested fields given (an fset of sub's table) are stored
 * at off; without it off is unused (the nested fields have their own). */
#define FD_GIVEN 2u

struct fdecoder;

struct fdef {
	const char *name;
	enum fkind kind;
	size_t off;			/* offsetof the target member */
	unsigned flags;
	int64_t min, max;		/* FK_INT*: range; FK_TEXT: max bytes (0: none) */
	const struct fdecoder *sub;	/* FK_OBJECT */
	/* FK_CUSTOM: stores v at dst, or answers what is wrong with it
	 * ("must be one of female, male, intersex, unknown"). */
	const char *(*parse)(json_t *v, void *dst, struct arena *a);
	/* When not NULL: what a wrong value is told, instead of the kind's
	 * ("must be a time written YYYY-MM-DDTHH:MMZ (UTC)"). */
	const char *msg;
};

struct fdecoder {
	const char *name;		/* "client", "duty_shift": for tests and the fuzzer */
	const struct fdef *f;
	size_t n;
	size_t size;			/* sizeof the target struct */
};

#define FDECODER(name_, type_, table_) \
	{ name_, table_, sizeof(table_) / sizeof(table_)[0], sizeof(type_) }

/* One bit per field of the table given in the body (table order). */
typedef uint64_t fset;

/*
 * Decode object o into out by d: fields absent stay as they were.  Errors
 * are added to e (field names under prefix when not NULL); *given gets the
 * fields present.  False when any field was wrong.
 */
bool fdecode(const struct fdecoder *d, json_t *o, struct arena *a, void *out, fset *given,
    struct error *e, const char *prefix);
/* Whether the field named name was given (false for a name not in d). */
bool fset_has(const struct fdecoder *d, fset given, const char *name);

/* Every body decoder of the API (decoders.c), for the fuzz target. */
extern const struct fdecoder *const fdecoders[];
extern const size_t nfdecoders;

#endif

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
	FK_OBJECT,	/* a nested object decoded by sub into the same struct;
			 * null: as if absent, unless FD_REQUIRED */
	FK_CUSTOM,	/* parse(v, dst, a) decides: NULL, or what is wrong */
	FK_DATE,	/* struct date: a real date written YYYY-MM-DD */
	FK_DATE_TEXT,	/* const char *: the same, kept as the text given */
	FK_JSON,	/* json_t *: any value, borrowed from the body, for a shape
			 * the handler reads with facts the table lacks */
};

#define FD_REQUIRED 1u
/* null (for FK_DATE and FK_DATE_TEXT also "") leaves the field as it was. */
#define FD_NULL 2u
/* FK_OBJECT: the bool at off becomes true when the object is given (not null). */
#define FD_MARK 4u
/* FK_OBJECT: the nested fields given (an fset of sub's table) are stored
 * at off; without it off is unused (the nested fields have their own).  Not
 * with FD_MARK, which uses off too. */
#define FD_GIVEN 8u

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
	/* When set, what every wrong value of this field is told (not a missing
	 * one, nor an FK_CUSTOM one, whose hook says) instead of the kind's
	 * words: "must be a time written YYYY-MM-DDTHH:MMZ (UTC)". */
	const char *msg;
};

struct fdecoder {
	const char *name;		/* "client", "duty_shift": for tests and the fuzzer */
	const struct fdef *f;
	size_t n;
	size_t size;			/* sizeof the target struct */
};

/* A table of at most 64 rows (the set of fields given is one bit a row): a
 * longer one fails to compile. */
#define FDECODER(name_, type_, table_)                                          \
	{ name_, table_,                                                        \
	    sizeof(table_) / sizeof(table_)[0] +                                \
	    0 * sizeof(char[sizeof(table_) / sizeof(table_)[0] <= 64 ? 1 : -1]), \
	    sizeof(type_) }

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

/* The text of v as FK_TEXT takes it (null: ""), for FK_CUSTOM hooks that
 * read a word: NULL, or what is wrong with it. */
const char *fields_text(json_t *v, const char **s);

/* Every body decoder of the API (decoders.c), for the fuzz target. */
extern const struct fdecoder *const fdecoders[];
extern const size_t nfdecoders;

#endif

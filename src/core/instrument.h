/*
 * instrument.h — screening instruments as data, scored by the core.  Pure.
 *
 * The nine instruments of an admission (PHQ-9, GAD-7, AUDIT, AUDIT-C,
 * DAST-10, the C-SSRS screener, BAM, CIWA-Ar, COWS) are static tables: items,
 * allowed answers with their labels, and — private to instrument.c — the
 * scoring rules, bands and flags.  instrument_score() checks a decoded set of
 * answers against the table and computes every score; it does no I/O and
 * allocates nothing.
 */
#ifndef IOP_INSTRUMENT_H
#define IOP_INSTRUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

#define INSTRUMENT_ITEMS_MAX 20
#define INSTRUMENT_FLAGS_MAX 4
#define INSTRUMENT_SCORES_MAX 4

enum answer_kind { ANSWER_INT, ANSWER_BOOL, ANSWER_LIST /* list of strings or null, unscored */ };

struct answer_choice { int value; const char *label; };

struct instrument_item {
	int number;			/* 1-based */
	const char *key;		/* NULL, or the object key for C-SSRS ("q1", "q6_lifetime", ...) */
	const char *text;
	enum answer_kind kind;
	const struct answer_choice *choices;	/* allowed values for INT (and 0/1 labels for BOOL) */
	int nchoices;
	bool optional;			/* may be left out (C-SSRS q3-q5 when q2 is false) */
};

struct instrument {
	const char *code, *name, *version;
	bool object_answers;		/* C-SSRS screener: answers are an object of booleans */
	int nitems;
	const struct instrument_item *items;
};

/* The registry, in the order of the API: phq9 gad7 audit auditc dast10
 * cssrs_screener bam ciwa_ar cows.  instrument_at() is NULL past the end. */
size_t instrument_count(void);
const struct instrument *instrument_at(size_t i);
const struct instrument *instrument_find(const char *code);	/* NULL if unknown */

/*
 * One decoded answer.  The decoder fills the member of the item's kind.  A
 * JSON value of another kind (a string for a rated item, a number for a
 * yes/no item, ...) is marked with answer_set_wrong_kind(): present, and
 * nstrings == ANSWER_WRONG_KIND.  JSON null for an INT or BOOL item
 * (is_null) is also a wrong kind.
 */
struct answer {				/* one decoded answer */
	bool present;			/* false: left out */
	bool is_null;			/* JSON null (ANSWER_LIST only) */
	int64_t ival;			/* ANSWER_INT */
	bool bval;			/* ANSWER_BOOL */
	int nstrings;			/* ANSWER_LIST: count (strings are kept by the caller) */
};
struct answers { int n; struct answer a[INSTRUMENT_ITEMS_MAX]; };	/* a[i] is item i+1 */

#define ANSWER_WRONG_KIND (-1)

/* Mark a as present but of the wrong JSON kind for its item. */
void answer_set_wrong_kind(struct answer *a);

struct instrument_result {
	const char *code, *version;
	int nscores;
	struct { const char *name; int value; } scores[INSTRUMENT_SCORES_MAX];
	char band[48];
	int nflags;
	struct { const char *code; const char *message; } flags[INSTRUMENT_FLAGS_MAX];
	bool alert;			/* a risk flag that needs a documented response */
};

/* Validates every answer (missing, extra [n > nitems], wrong kind, value not
 * among choices, C-SSRS q3-q5 rules) — each bad one as error_field(e,
 * "item_N", ...) with N 1-based — and, when all are good, scores. sex is
 * "female", "male", anything else or NULL (AUDIT-C: the lower cut-off). */
enum err instrument_score(const struct instrument *ins, const struct answers *a,
    const char *sex, struct instrument_result *out, struct error *e);

#endif

/*
 * placement.h — levels of care and the six-dimension placement.
 *
 * The levels of care and the placement table are data: a program may hold
 * its own table (another edition, its own judgement) and pass it in.  The
 * recommendation is the most intensive of the levels the six ratings and
 * the forcing flags imply; ratings are never averaged.  It is a starting
 * point for clinical judgement: the clinician records the level chosen and,
 * when it differs, why (placement_choose).
 */
#ifndef IOP_PLACEMENT_H
#define IOP_PLACEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

/* A level of care.  rank orders intensity: higher is more intensive. */
struct level {
	const char *code;	/* "0.5", "1", "2.1", ... "4" */
	const char *name;	/* plain words: "intensive outpatient care" */
	int rank;
};

size_t level_count(void);
const struct level *level_at(size_t i);		/* NULL past the end; ordered by rank */
const struct level *level_find(const char *code);	/* NULL when unknown */

/* The six dimensions of the assessment. */
enum dim { DIM_1, DIM_2, DIM_3, DIM_4, DIM_5, DIM_6, DIM__MAX };

const char *dim_name(enum dim d);	/* "recovery environment"; "" when out of range */
const char *dim_code(enum dim d);	/* "d1".."d6", as in field names; "" when out of range */

#define PLACEMENT_RATING_MAX 4		/* ratings run 0..4 */
#define PLACEMENT_NOTE_MAX 1000		/* characters */
#define PLACEMENT_OVERRIDE_MAX 500	/* characters */
#define PLACEMENT_FLAGS_MAX 4
#define PLACEMENT_REASONS_MAX (DIM__MAX + PLACEMENT_FLAGS_MAX)
/* Bytes: a remark of 120 and a label of 100 characters of up to 4 bytes each
 * fit with the sentence around them. */
#define PLACEMENT_REASON_LEN 1024
#define PLACEMENT_EDITION_MAX 120	/* characters */
#define PLACEMENT_REMARK_MAX 120
#define PLACEMENT_LABEL_MAX 100

/* "none", "mild", "moderate", "serious", "severe"; "" when out of range. */
const char *placement_rating_word(int rating);

/*
 * The placement table.  min_level[d][r] is the least intensive level that is
 * safe for dimension d rated r.  remark[d][r], when not NULL, is added to the
 * reason given for that cell.  A flag with a NULL code is an unused slot.
 */
struct placement_flag {
	const char *code;	/* "acute_risk" */
	const char *label;	/* "Acute risk of harm to self or others" */
	const char *min_level;	/* level code the flag forces at least */
	bool safety_response;	/* also calls for an immediate safety response */
};

struct placement_table {
	const char *edition;
	const char *min_level[DIM__MAX][PLACEMENT_RATING_MAX + 1];
	const char *remark[DIM__MAX][PLACEMENT_RATING_MAX + 1];
	struct placement_flag flags[PLACEMENT_FLAGS_MAX];
};

/* Bits of placement_input.flags for placement_default (bit i = flags[i]). */
enum {
	PLACEMENT_FLAG_WITHDRAWAL_MEDICAL = 1u << 0,	/* -> 3.7 */
	PLACEMENT_FLAG_SUPERVISION_24H = 1u << 1,	/* -> 3.5 */
	PLACEMENT_FLAG_ACUTE_RISK = 1u << 2,		/* -> 4 and a safety response */
	PLACEMENT_FLAG_UNSTABLE_COOCCURRING = 1u << 3,	/* -> 2.5 */
};

/* The default table of docs/domain.md, "Level-of-care placement" (ratings 0
 * and 1 share a column). */
extern const struct placement_table placement_default;

/*
 * Every cell and flag of t names a known level, and within a dimension a
 * higher rating never implies a less intensive level; remarks are at most
 * 120 characters on one line; the edition (when not NULL) is required, one
 * line of at most 120; a flag has a code (1-32 of a-z 0-9 _, starting with a
 * letter, unique), a label (<= 100) and a level.  Unused flag slots have a
 * NULL code.  Every fault is reported: "edition", "min_level.d1.2",
 * "remarks.d1.2", "flags.0.code", "flags.0.label", "flags.0.min_level".
 */
enum err placement_table_check(const struct placement_table *t, struct error *e);

struct placement_input {
	int ratings[DIM__MAX];		/* 0..4 */
	const char *notes[DIM__MAX];	/* optional, <= 1000 characters, may be NULL */
	unsigned flags;			/* bit i = t->flags[i] */
};

struct placement_result {
	const char *recommended;	/* a level code, from the level table */
	int nreasons;
	char reasons[PLACEMENT_REASONS_MAX][PLACEMENT_REASON_LEN];
	bool safety_response;
};

/*
 * Validate in (fields "ratings.d1".."ratings.d6", "notes.d1".."notes.d6",
 * "flags"; every field at fault is reported) and recommend a level: the most
 * intensive of each dimension's implied level and the levels of the flags
 * set.  The reasons name, in plain words, the dimensions and flags that set
 * the level; when no flag is set and no dimension implies more than a
 * dimension rated 0 would, there is one reason saying so.  An invalid table
 * gives ERR_INVALID naming the table's cells.  out is cleared first.
 */
enum err placement_recommend(const struct placement_table *t,
    const struct placement_input *in, struct placement_result *out,
    struct error *e);

/*
 * Validate the clinician's choice against the recommendation: chosen_level
 * must be a known level (field "chosen_level"); when it differs from
 * rec->recommended, reason is required (field "override_reason"); reason is
 * at most 500 characters and may be multi-line.
 */
enum err placement_choose(const struct placement_result *rec,
    const char *chosen_level, const char *reason, struct error *e);

/* The bit of the flag called code in t; false when t has no such flag. */
bool placement_flag_parse(const struct placement_table *t, const char *code,
    unsigned *bit);

/* A recorded placement: the ratings, notes and flags, the recommendation
 * with its reasons, the table's edition and version, and the level chosen. */
struct placement_row {
	int64_t id, client_id;
	const char *edition, *ratings, *notes, *flags;	/* JSON text */
	const char *recommended, *reasons, *chosen, *override_reason;
	int64_t assessed_by;
	const char *assessed_by_name;
	int64_t assessed_at;
	int64_t table_version;		/* 0: the built-in default table */
	int64_t inquiry_id;		/* made on an inquiry (client_id 0 until it
					 * is converted); 0: made on the chart */
};

/* A saved version of the placement table (body: JSON, see api_placement.c). */
struct placement_table_row {
	int64_t version;
	const char *edition, *body;
	int64_t saved_by;
	const char *saved_by_name;
	int64_t saved_at;
};

/*
 * A save against the table: `seen` is the version the writer started from,
 * `current` the newest version now.  ERR_CONFLICT when they differ (someone
 * saved in between); for_record says whether it is an assessment (whose
 * recommendation may differ) or an edit of the table.
 */
enum err placement_version_check(int64_t seen, int64_t current, bool for_record,
    struct error *e);

#endif

/*
 * measure.h — measurement-based care: the instruments of an admission given
 * again on a schedule through an episode, when each falls due, and when a
 * new score is a worsening that a clinician should review.  Pure.
 *
 * The rules (docs/api.md, "Measurement-based care"):
 *  - Each repeatable instrument has one tracked score (PHQ-9 and GAD-7: the
 *    total; BAM: use, items 4-6) and a program setting: every N days
 *    (0: not repeated) and the rise that counts as worsening (0: none).
 *  - In an episode, an instrument is due N days after its last
 *    administration; a screening up to MEASURE_INTAKE_DAYS before the
 *    admission counts (the admission screening is the first).  With none,
 *    it is due on the admission day.  Due becomes overdue after
 *    MEASURE_GRACE_DAYS days.
 *  - A new administration worsens when its tracked score rose by the
 *    setting or more since the previous one in the same episode.  Only the
 *    reliable change counts: a move into a worse band by fewer points is
 *    not a worsening (a PHQ-9 of 9 to 10 is noise, 4 to 12 is not).
 */
#ifndef IOP_MEASURE_H
#define IOP_MEASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

#define MEASURE_EVERY_MAX 365	/* days between administrations */
#define MEASURE_WORSEN_MAX 100	/* points */
#define MEASURE_GRACE_DAYS 3	/* due, then overdue */
#define MEASURE_INTAKE_DAYS 30	/* an admission screening this long before counts */
#define MEASURE_BANDS_MAX 6

/* A band of the tracked score: from min up to the next band's min. */
struct measure_band { int min; const char *name; };

struct measure_def {
	const char *code;		/* the instrument (core/instrument.h) */
	const char *short_name;		/* "PHQ-9" */
	const char *score;		/* the tracked score's name in its scores */
	const char *score_label;	/* "total", "use score" */
	int score_max;
	int every_default, worsen_default;
	int nbands;
	const struct measure_band *bands;	/* ascending; higher is worse */
};

/* The repeatable instruments, in the order of the API: phq9 gad7 bam. */
size_t measure_count(void);
const struct measure_def *measure_at(size_t i);	/* NULL past the end */
const struct measure_def *measure_find(const char *code);	/* NULL: not repeatable */
/* The band's name for score v ("" when d has no bands). */
const char *measure_band(const struct measure_def *d, int v);

/* One instrument's setting. */
struct measure_setting {
	const char *code;
	int every_days, worsen_by;
	int64_t updated_by, updated_at;
};

/* every_days 0..MEASURE_EVERY_MAX, worsen_by 0..min(score_max,
 * MEASURE_WORSEN_MAX): each bad one an error on field "<code>.every_days" or
 * "<code>.worsen_by"; returns e->code. */
enum err measure_setting_check(const struct measure_setting *s, struct error *e);

enum measure_state {
	MEASURE_OFF,		/* not repeated (every_days 0) */
	MEASURE_NOT_DUE,
	MEASURE_DUE,		/* due, within the grace */
	MEASURE_OVERDUE,
};
const char *measure_state_name(enum measure_state s);	/* "off" "not_due" "due" "overdue" */

/* Days are counted since 1970-01-01 (date_days) in the site's zone. */
struct measure_due {
	enum measure_state state;
	int64_t due_day;	/* when it falls (or fell) due; 0 when off */
	int64_t overdue_day;	/* the first day it is overdue */
	bool counted_last;	/* the last administration counted (in the episode) */
};

/*
 * When an instrument given every every_days falls due in an episode
 * admitted on admitted_day, on today, given its last administration on
 * last_day (has_last false: never).  A last administration more than
 * MEASURE_INTAKE_DAYS before the admission does not count.
 */
void measure_due(int64_t admitted_day, bool has_last, int64_t last_day, int every_days,
    int64_t today, struct measure_due *out);

/* Does a score going from prev to cur worsen by worsen_by or more?  Never
 * when worsen_by is 0. */
bool measure_worsened(int prev, int cur, int worsen_by);

#endif

/*
 * duty.h — the duty roster: which clinician is on duty at a site, and when.
 *
 * A safety alert for a client without a clinician of their own goes to the
 * clinician on duty at the site (alert.h).  The roster is the record of who
 * answered alerts, so the past is not rewritten: a shift cannot start more
 * than an hour back; one that has ended stays; one under way can only be
 * ended now; one not yet started may be taken off (kept, marked removed).
 * Shifts are UTC instants; ends_at is exclusive.
 */
#ifndef IOP_DUTY_H
#define IOP_DUTY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/directory.h"
#include "lib/err.h"
#include "lib/timeutil.h"
#include "lib/tz.h"

struct duty_shift {
	int64_t id, site_id, staff_id;
	int64_t series_id;			/* an occurrence of a repeating shift; 0: none */
	const char *staff_name, *username;	/* read with it */
	int64_t starts_at, ends_at;		/* UTC seconds; ends_at is exclusive */
	const char *note;
	int64_t created_by, created_at;
	bool routes_alerts;	/* read with it: the person is an active clinician */
};

#define DUTY_SHIFT_MAX_S (7 * 86400)	/* one shift lasts at most a week */
#define DUTY_WINDOW_MAX_S (62 * 86400)	/* one read spans at most 62 days */
#define DUTY_NOTE_MAX 200
#define DUTY_LATE_S 3600		/* a shift entered late may have started this long ago */

/* A new shift's times, at now: after its start, at most a week, not over,
 * not started more than an hour ago.  Adds field errors; returns e->code. */
enum err duty_times_check(int64_t starts_at, int64_t ends_at, int64_t now, struct error *e);
/* The times and the note of a new shift. */
enum err duty_shift_check(const struct duty_shift *d, int64_t now, struct error *e);

/* Do two shifts share an instant?  (Half-open intervals.) */
bool duty_shifts_overlap(const struct duty_shift *a, const struct duty_shift *b);

/*
 * May staff st (NULL: no such staff member) go on duty at site, given how
 * many of their shifts there overlap the new one?  ERR_CONFLICT for an
 * inactive site or an overlap; ERR_INVALID naming staff_id otherwise.
 */
enum err duty_add_check(const struct site *site, const struct staff *st, int64_t overlaps,
    struct error *e);

/* What taking a shift off the roster at now does. */
enum duty_removal {
	DUTY_REMOVE,	/* not started: off the roster (kept, marked removed) */
	DUTY_END,	/* under way: it ends now */
	DUTY_KEEP,	/* ended: it stays, the record of who was on duty */
};
enum duty_removal duty_removal(const struct duty_shift *d, int64_t now);

/*
 * A repeating shift (a series): on the weekdays of the set, from start_min
 * to end_min (minutes after local midnight, in the site's time zone; an end
 * at or before the start is the next morning), on every such date from
 * `from` to `until` (local dates, both included).  Its occurrences are
 * written as shifts (series_id) for the roster and for "who is on duty
 * now"; changing or ending it leaves the shifts already worked, ends the
 * one under way now and takes off the ones not started.
 */
struct duty_series {
	int64_t id, site_id, staff_id;
	const char *staff_name, *username;	/* read with it */
	unsigned weekdays;			/* bit (1u << enum weekday) */
	int start_min, end_min;
	struct date from, until;
	const char *note;
	int64_t created_by, created_at, updated_at, ended_at;
	int64_t upcoming;			/* read with it: occurrences not over */
};

#define DUTY_SERIES_MAX_DAYS 366	/* from its start to its end, at most */
#define DUTY_SERIES_MAX (DUTY_SERIES_MAX_DAYS + 1)	/* occurrences, at most */

/* The rule of a series, on the local date today: weekdays, times, dates
 * (until not before today nor before from, at most 366 days after from),
 * note.  Adds field errors; returns e->code. */
enum err duty_series_check(const struct duty_series *s, struct date today, struct error *e);

/* The weekday of a date (WD_MON .. WD_SUN). */
enum weekday date_weekday(struct date d);

/*
 * The occurrences of series s in zone z not over at now, oldest first,
 * into out (room for DUTY_SERIES_MAX): site, staff, times, note, series id.
 * One under way starts at most DUTY_LATE_S ago (the roster does not rewrite
 * the past: an earlier start is moved to now).  Returns how many.
 */
size_t duty_series_expand(const struct duty_series *s, const struct tz *z, int64_t now,
    struct duty_shift *out);

#endif

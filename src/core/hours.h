/*
 * hours.h — a client's hours in one program week (Monday to Sunday in the
 * site's zone) against their level of care (DOMAIN.md "Schedule and
 * hours"), with the flags raised before the week is lost.
 *
 * Pure: the caller reads the week's rostered sessions and their attendance
 * and says which have started; nothing here reads a clock or a zone.
 */
#ifndef IOP_HOURS_H
#define IOP_HOURS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/timeutil.h"
#include "lib/tz.h"

#define HOURS_SHORT_DAY_MINUTES 180	/* a day under 3 h carries no per-diem */
#define HOURS_MIN_DAYS 3

/* One session of the week the client is on the roster of. */
struct hours_session {
	struct date date;		/* local */
	int minutes;			/* its length */
	bool cancelled;
	bool started;			/* its start has passed */
	bool recorded;			/* attendance recorded for the client */
	int attended_minutes;		/* when recorded: minutes attended (0 when absent) */
	bool appointment;		/* an appointment, not a group session */
};

struct hours_day {
	struct date date;
	int attended_minutes;
	int scheduled_minutes;		/* sessions not cancelled */
	bool short_day;			/* held, with attendance under 3 h (a minimum applies) */
};

enum hours_flag {
	HOURS_BELOW_WEEKLY_MINIMUM = 1 << 0,
	HOURS_BELOW_THREE_DAYS = 1 << 1,
	HOURS_SHORT_DAY = 1 << 2,
};

struct hours_week {
	struct date week_start;
	int required_minutes;
	int attended_minutes;
	int attended_days;
	int scheduled_minutes;
	int possible_minutes;
	int possible_days;		/* days attended or with a session still to come */
	struct hours_day days[7];
	unsigned flags;			/* enum hours_flag */
	bool admission_week;		/* admitted after its Monday: a partial week */
};

/* The weekly minimum of a level of care: 2.1 9 h (6 h under 18), 2.5
 * 20 h, any other level (1 included) none. */
int hours_required_minutes(const char *level, bool under_18);

/* Under 18 on the week's Monday (the 6 h minimum of level 2.1): a client
 * who turns 18 during a week keeps the minor's minimum for that week and has
 * the adult's from the next.  An unknown birth date counts as adult. */
bool hours_under_18(struct date dob, struct date week_start);

/* Whether an appointment of this kind counts towards the hours: individual
 * and family therapy and medication management do; case management and
 * assessment do not (DOMAIN.md "Schedule and hours"). */
bool hours_kind_counts(const char *kind);

/*
 * An appointment as a session of the week: its local date in the site's
 * zone z, its length, cancelled or not, started by now or not, and its
 * attendance ("" not recorded, "attended" with attended_minutes,
 * "no_show" or "late_cancellation": held with nothing attended).
 */
struct hours_session hours_appointment(const struct tz *z, int64_t now, int64_t starts_at,
    int minutes, bool cancelled, const char *attendance, int attended_minutes);

/* The Monday of the week holding d. */
struct date hours_week_start(struct date d);

/*
 * The week from Monday week_start of a client at level (under 18 on that
 * Monday or not) on the sessions s (n; any outside the week are ignored).
 * A session is still possible when it is neither cancelled nor started; a
 * started one whose attendance is not recorded counts as held with nothing
 * attended.  Flags are raised only for a level with a weekly minimum:
 * possible minutes below it; fewer than three days attended or still
 * possible; a program day (one with a group session not cancelled) already
 * held (none of its sessions still to come) with some attendance but under
 * three hours.  A day with only an appointment (a Friday's therapy hour) is
 * not a program day and is never short.
 */
void hours_compute(struct date week_start, const char *level, bool under_18,
    const struct hours_session *s, size_t n, struct hours_week *out);

/*
 * The week in which the client was admitted after its Monday is a partial
 * week: its minimum and three days cannot be asked of it, so those two
 * flags are dropped (a short day still stands: it is about the day) and
 * admission_week set.  A week starting on or after admitted_on is untouched.
 */
void hours_admitted(struct hours_week *w, struct date admitted_on);

/* The flag's code ("below_weekly_minimum"). */
const char *hours_flag_name(enum hours_flag f);

#endif

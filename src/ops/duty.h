/*
 * duty.h — operations on the duty roster: a shift added, and a shift taken
 * off (not started) or ended now (under way).
 */
#ifndef IOP_OPS_DUTY_H
#define IOP_OPS_DUTY_H

#include "core/duty.h"
#include "ops/ops.h"

/* d: site_id, staff_id, starts_at, ends_at, note.  *out: the shift made,
 * with the staff member's name and username. */
struct duty_add_in {
	struct duty_shift d;
	struct duty_shift *out;
};

/* The site exists and is active; the staff member is an active clinician
 * who works there, not already on duty there for part of that time; the
 * times are valid now (core/duty.h). */
OP_DECLARE(op_duty_add, struct duty_add_in)

/* *out: the shift as it was, and what was done (DUTY_REMOVE or DUTY_END). */
struct duty_remove_in {
	int64_t id;
	struct duty_shift *out;
	enum duty_removal *done;
};

/* A shift not started is removed (kept, marked); one under way ends now;
 * one ended is refused (ERR_CONFLICT).  res->detail names site and staff. */
OP_DECLARE(op_duty_remove, struct duty_remove_in)

/* A repeating shift: s (site_id, staff_id, weekdays, start_min, end_min,
 * from, until, note; for a change, id).  *out: the series as written, with
 * the staff member's name; its occurrences ahead in out->upcoming. */
struct duty_series_in {
	struct duty_series s;
	struct duty_series *out;
};

/*
 * The rule is valid on the site's local date (core/duty.h); the site exists
 * and is active and the staff member is an active clinician who works there
 * (as for one shift); the site's time zone is known; at least one
 * occurrence is still ahead; none overlaps another shift of the same person
 * at the site (ERR_CONFLICT naming the date).  The occurrences are written
 * as shifts.  res->detail names site and staff.
 */
OP_DECLARE(op_duty_series_add, struct duty_series_in)
/* A change of rule (id): the old occurrences not started are taken off and
 * the one under way ends now; then as for a new one, the same staff member
 * at the same site. */
OP_DECLARE(op_duty_series_update, struct duty_series_in)

struct duty_series_end_in {
	int64_t id;
	struct duty_series *out;	/* the series as it was */
};
/* No longer in force: occurrences not started are taken off, the one under
 * way ends now; those worked stay on the roster. */
OP_DECLARE(op_duty_series_end, struct duty_series_end_in)

#endif

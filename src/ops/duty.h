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

#endif

/*
 * duty.c — the rules of the duty roster (see duty.h).
 */
#include "core/duty.h"
#include "core/validate.h"

enum err
duty_times_check(int64_t starts_at, int64_t ends_at, int64_t now, struct error *e)
{
	if (ends_at <= starts_at)
		error_field(e, "ends_at", "must be after the start");
	else if (ends_at - starts_at > DUTY_SHIFT_MAX_S)
		error_field(e, "ends_at", "must be at most 7 days after the start");
	else if (ends_at <= now)
		error_field(e, "ends_at", "has already passed");
	/* The roster says who answered alerts: the past is not rewritten. */
	if (starts_at < now - DUTY_LATE_S)
		error_field(e, "starts_at", "is more than an hour ago: a shift already under way "
		    "can start now");
	return e->code;
}

enum err
duty_shift_check(const struct duty_shift *d, int64_t now, struct error *e)
{
	const char *m;

	duty_times_check(d->starts_at, d->ends_at, now, e);
	if ((m = check_text(d->note, DUTY_NOTE_MAX, false, false)) != NULL)
		error_field(e, "note", "%s", m);
	return e->code;
}

bool
duty_shifts_overlap(const struct duty_shift *a, const struct duty_shift *b)
{
	return a->starts_at < b->ends_at && b->starts_at < a->ends_at;
}

static bool
staff_works_at(const struct staff *st, int64_t site_id)
{
	for (int i = 0; i < st->nsites; i++)
		if (st->site_ids[i] == site_id)
			return true;
	return false;
}

enum err
duty_add_check(const struct site *site, const struct staff *st, int64_t overlaps,
    struct error *e)
{
	if (!site->active)
		return error_set(e, ERR_CONFLICT, "This site is inactive.");
	if (st == NULL)
		return error_field(e, "staff_id", "is not a staff member");
	if (!st->active || !(st->roles & (1u << ROLE_CLINICIAN)))
		return error_field(e, "staff_id", "must be an active clinician");
	if (!staff_works_at(st, site->id))
		return error_field(e, "staff_id", "does not work at this site (add the site to "
		    "their account first)");
	if (overlaps > 0)
		return error_set(e, ERR_CONFLICT, "%s is already on duty at this site for part "
		    "of that time.", st->full_name);
	return ERR_OK;
}

enum duty_removal
duty_removal(const struct duty_shift *d, int64_t now)
{
	if (d->ends_at <= now)
		return DUTY_KEEP;
	return d->starts_at <= now ? DUTY_END : DUTY_REMOVE;
}

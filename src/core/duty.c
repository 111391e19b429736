/*
 * duty.c — the rules of the duty roster (see duty.h).
 */
#include <string.h>

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

enum weekday
date_weekday(struct date d)
{
	int64_t k = (date_days(d) + 3) % 7;	/* 1970-01-01 was a Thursday */

	return (enum weekday)(k < 0 ? k + 7 : k);
}

enum err
duty_series_check(const struct duty_series *s, struct date today, struct error *e)
{
	const char *m;

	if (s->weekdays == 0 || s->weekdays >= (1u << WD__MAX))
		error_field(e, "weekdays", "must name at least one day of the week");
	if (s->start_min < 0 || s->start_min >= 24 * 60)
		error_field(e, "start", "must be a time of day written HH:MM");
	if (s->end_min < 0 || s->end_min >= 24 * 60)
		error_field(e, "end", "must be a time of day written HH:MM");
	else if (s->end_min == s->start_min)
		error_field(e, "end", "must differ from the start (an end before the start is "
		    "the next morning)");
	if (!date_valid(s->from))
		error_field(e, "from", "must be a date written YYYY-MM-DD");
	if (!date_valid(s->until))
		error_field(e, "until", "must be a date written YYYY-MM-DD");
	else if (date_valid(s->from) && date_cmp(s->until, s->from) < 0)
		error_field(e, "until", "must be on or after the first date");
	else if (date_cmp(s->until, today) < 0)
		error_field(e, "until", "has already passed");
	else if (date_valid(s->from) &&
	    date_days(s->until) - date_days(s->from) > DUTY_SERIES_MAX_DAYS)
		error_field(e, "until", "must be at most a year after the first date");
	if ((m = check_text(s->note, DUTY_NOTE_MAX, false, false)) != NULL)
		error_field(e, "note", "%s", m);
	return e->code;
}

size_t
duty_series_expand(const struct duty_series *s, const struct tz *z, int64_t now,
    struct duty_shift *out)
{
	int64_t first = date_days(s->from), last = date_days(s->until);
	int len = (s->end_min - s->start_min + 24 * 60) % (24 * 60);
	size_t n = 0;

	for (int64_t day = first; day <= last && n < DUTY_SERIES_MAX; day++) {
		int64_t local = day * 86400 + (int64_t)s->start_min * 60;
		int64_t k = (day + 3) % 7;
		struct duty_shift *d;

		if (k < 0)
			k += 7;
		if (!(s->weekdays & (1u << k)))
			continue;
		d = &out[n];
		memset(d, 0, sizeof *d);
		d->site_id = s->site_id;
		d->staff_id = s->staff_id;
		d->series_id = s->id;
		d->note = s->note;
		d->starts_at = tz_local_to_utc(z, local);
		d->ends_at = tz_local_to_utc(z, local + (int64_t)len * 60);
		if (d->ends_at <= now || d->ends_at <= d->starts_at)
			continue;
		if (d->starts_at < now - DUTY_LATE_S)
			d->starts_at = now;
		n++;
	}
	return n;
}

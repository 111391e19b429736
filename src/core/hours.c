/*
 * hours.c — a client's hours in one program week (see hours.h).
 */
#include <string.h>

#include "core/hours.h"
#include "core/inquiry.h"
#include "core/schedule.h"

int
hours_required_minutes(const char *level, bool under_18)
{
	if (level == NULL)
		return 0;
	if (strcmp(level, "2.1") == 0)
		return under_18 ? 6 * 60 : 9 * 60;
	if (strcmp(level, "2.5") == 0)
		return 20 * 60;
	return 0;
}

bool
hours_under_18(struct date dob, struct date week_start)
{
	return date_valid(dob) && age_on(dob, week_start) < 18;
}

bool
hours_kind_counts(const char *kind)
{
	return kind != NULL && (strcmp(kind, "individual_therapy") == 0 ||
	    strcmp(kind, "family_therapy") == 0 || strcmp(kind, "medication_management") == 0);
}

struct hours_session
hours_appointment(const struct tz *z, int64_t now, int64_t starts_at, int minutes,
    bool cancelled, const char *attendance, int attended_minutes)
{
	struct hours_session s;

	memset(&s, 0, sizeof s);
	s.date = local_date(z, starts_at);
	s.minutes = minutes;
	s.cancelled = cancelled;
	s.started = starts_at <= now;
	s.appointment = true;
	s.recorded = attendance != NULL && *attendance != '\0';
	s.attended_minutes = s.recorded && strcmp(attendance, "attended") == 0 ?
	    attended_minutes : 0;
	return s;
}

struct date
hours_week_start(struct date d)
{
	return date_from_days(date_days(d) - (date_iso_weekday(d) - 1));
}

void
hours_admitted(struct hours_week *w, struct date admitted_on)
{
	int64_t k;

	if (!date_valid(admitted_on))
		return;
	k = date_days(admitted_on) - date_days(w->week_start);
	if (k < 1 || k > 6)
		return;
	w->admission_week = true;
	w->flags &= ~(unsigned)(HOURS_BELOW_WEEKLY_MINIMUM | HOURS_BELOW_THREE_DAYS);
}

const char *
hours_flag_name(enum hours_flag f)
{
	switch (f) {
	case HOURS_BELOW_WEEKLY_MINIMUM: return "below_weekly_minimum";
	case HOURS_BELOW_THREE_DAYS: return "below_three_days";
	case HOURS_SHORT_DAY: return "short_day";
	}
	return "";
}

void
hours_compute(struct date week_start, const char *level, bool under_18,
    const struct hours_session *s, size_t n, struct hours_week *out)
{
	int64_t first = date_days(week_start);
	bool to_come[7] = { false }, group_day[7] = { false };
	int possible_days = 0;

	memset(out, 0, sizeof *out);
	out->week_start = week_start;
	out->required_minutes = hours_required_minutes(level, under_18);
	for (int i = 0; i < 7; i++)
		out->days[i].date = date_from_days(first + i);
	for (size_t i = 0; i < n; i++) {
		int64_t k = date_days(s[i].date) - first;
		struct hours_day *d;

		if (k < 0 || k > 6)
			continue;
		d = &out->days[k];
		if (s[i].cancelled)
			continue;
		if (!s[i].appointment)
			group_day[k] = true;
		d->scheduled_minutes += s[i].minutes;
		out->scheduled_minutes += s[i].minutes;
		if (s[i].recorded && s[i].attended_minutes > 0) {
			d->attended_minutes += s[i].attended_minutes;
			out->attended_minutes += s[i].attended_minutes;
		} else if (!s[i].started && !s[i].recorded) {
			to_come[k] = true;
			out->possible_minutes += s[i].minutes;
		}
	}
	out->possible_minutes += out->attended_minutes;
	for (int i = 0; i < 7; i++) {
		if (out->days[i].attended_minutes > 0)
			out->attended_days++;
		if (out->days[i].attended_minutes > 0 || to_come[i])
			possible_days++;
	}
	out->possible_days = possible_days;
	if (out->required_minutes == 0)
		return;
	if (out->possible_minutes < out->required_minutes)
		out->flags |= HOURS_BELOW_WEEKLY_MINIMUM;
	if (possible_days < HOURS_MIN_DAYS)
		out->flags |= HOURS_BELOW_THREE_DAYS;
	for (int i = 0; i < 7; i++)
		if (group_day[i] && !to_come[i] && out->days[i].attended_minutes > 0 &&
		    out->days[i].attended_minutes < HOURS_SHORT_DAY_MINUTES) {
			out->days[i].short_day = true;
			out->flags |= HOURS_SHORT_DAY;
		}
}

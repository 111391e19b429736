/*
 * alumni.c — the rules of check-ins and alumni events (core/alumni.h).
 */
#include <string.h>

#include "core/alumni.h"
#include "core/schedule.h"
#include "core/validate.h"

const int alumni_days[ALUMNI_CHECKINS] = { 30, 60, 90, 180, 365 };

static const char *const outcomes[] = { "reached", "not_reached" };
static const char *const recoveries[] = { "in_recovery", "using", "in_treatment_elsewhere",
	"unknown" };
static const char *const recovery_words[] = { "in recovery", "using again",
	"in treatment elsewhere", "not known" };
static const char *const rsvps[] = { "yes", "no", "maybe" };

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

bool
alumni_checkins_for(const char *discharge_type)
{
	return discharge_type != NULL && *discharge_type != '\0' &&
	    strcmp(discharge_type, "deceased") != 0;
}

struct date
alumni_due_on(struct date on, int days)
{
	return date_from_days(date_days(on) + days);
}

bool
alumni_outcome_valid(const char *s)
{
	return s != NULL && name_index(outcomes, N(outcomes), s) >= 0;
}

bool
alumni_recovery_valid(const char *s)
{
	return s != NULL && name_index(recoveries, N(recoveries), s) >= 0;
}

bool
alumni_rsvp_valid(const char *s)
{
	return s != NULL && name_index(rsvps, N(rsvps), s) >= 0;
}

const char *
alumni_recovery_words(const char *s)
{
	int i = s != NULL ? name_index(recoveries, N(recoveries), s) : -1;

	return i >= 0 ? recovery_words[i] : s;
}

enum err
alumni_call_check(const struct alumni_checkin *c, const char *outcome,
    const char *recovery_status, const char *notes, bool readmission_wanted,
    struct error *e)
{
	bool reached = outcome != NULL && strcmp(outcome, "reached") == 0;
	const char *m;

	if (outcome == NULL || *outcome == '\0')
		error_field(e, "outcome", "is required: reached or not_reached");
	else if (!alumni_outcome_valid(outcome))
		error_field(e, "outcome", "must be reached or not_reached");
	if (recovery_status != NULL && *recovery_status != '\0' &&
	    !alumni_recovery_valid(recovery_status))
		error_field(e, "recovery_status", "must be one of in_recovery, using, "
		    "in_treatment_elsewhere, unknown");
	else if (reached && (recovery_status == NULL || *recovery_status == '\0'))
		error_field(e, "recovery_status", "is required when the alumnus was reached: "
		    "in_recovery, using, in_treatment_elsewhere or unknown");
	if (readmission_wanted && !reached)
		error_field(e, "readmission_wanted", "can be recorded only when the alumnus "
		    "was reached and asked to come back");
	if ((m = check_text(notes, ALUMNI_NOTES_MAX, false, true)) != NULL)
		error_field(e, "notes", "%s", m);
	if (e->code != ERR_OK)
		return e->code;
	if (c->closed)
		return error_set(e, ERR_CONFLICT, "This check-in is closed already (%s).",
		    strcmp(c->outcome, "reached") == 0 ? "the alumnus was reached" :
		    "three attempts went unanswered");
	return ERR_OK;
}

void
alumni_call_apply(struct alumni_checkin *c, const char *outcome, const char *recovery_status,
    const char *notes, bool readmission_wanted)
{
	bool reached = strcmp(outcome, "reached") == 0;

	c->outcome = reached ? "reached" : "not_reached";
	c->recovery_status = recovery_status != NULL && *recovery_status ? recovery_status :
	    reached ? "unknown" : "";
	c->notes = notes != NULL ? notes : "";
	c->readmission_wanted = readmission_wanted;
	c->attempts++;
	c->closed = reached || c->attempts >= ALUMNI_ATTEMPTS_MAX;
}

enum err
alumni_event_check(const struct alumni_event *ev, struct error *e)
{
	struct date d;
	int minutes;
	const char *m;

	if (ev->site_id <= 0)
		error_field(e, "site_id", "is required: the site where the event is held");
	if (ev->on_date == NULL || !date_parse(ev->on_date, &d))
		error_field(e, "date", "must be a date written YYYY-MM-DD");
	if (ev->start_time == NULL || !time_parse_hhmm(ev->start_time, &minutes))
		error_field(e, "start_time", "must be a time written HH:MM (24-hour clock)");
	if ((m = check_text(ev->topic, ALUMNI_TOPIC_MAX, true, false)) != NULL)
		error_field(e, "topic", "%s", m);
	return e->code == ERR_OK ? ERR_OK : ERR_INVALID;
}

bool
alumnus_overdue(const struct alumnus *a, struct date today)
{
	struct date due;

	return a->next_checkin_id != 0 && a->next_due_on != NULL &&
	    date_parse(a->next_due_on, &due) && date_cmp(due, today) < 0;
}

/*
 * appointment.c — appointment kinds, a booking's checks, and the overlap
 * rule over commitments.  Pure: no I/O.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/appointment.h"
#include "core/validate.h"

static const char *const kind_names[APPT__MAX] = {
	[APPT_INDIVIDUAL_THERAPY] = "individual_therapy",
	[APPT_FAMILY_THERAPY] = "family_therapy",
	[APPT_MEDICATION_MANAGEMENT] = "medication_management",
	[APPT_CASE_MANAGEMENT] = "case_management",
	[APPT_ASSESSMENT] = "assessment",
};

static const char *const kind_words[APPT__MAX] = {
	[APPT_INDIVIDUAL_THERAPY] = "Individual therapy",
	[APPT_FAMILY_THERAPY] = "Family therapy",
	[APPT_MEDICATION_MANAGEMENT] = "Medication management",
	[APPT_CASE_MANAGEMENT] = "Case management",
	[APPT_ASSESSMENT] = "Assessment",
};

#define R(x) ((roleset)1u << ROLE_##x)
/* Whom each kind is with: therapy with a clinician (or the director, who is
 * one), medicines with a prescriber or a nurse, case management with a case
 * manager or a clinician, an assessment with any clinical role or admissions. */
static const roleset kind_roles[APPT__MAX] = {
	[APPT_INDIVIDUAL_THERAPY] = R(CLINICIAN) | R(DIRECTOR),
	[APPT_FAMILY_THERAPY] = R(CLINICIAN) | R(DIRECTOR),
	[APPT_MEDICATION_MANAGEMENT] = R(PRESCRIBER) | R(NURSE),
	[APPT_CASE_MANAGEMENT] = R(CASE_MANAGER) | R(CLINICIAN) | R(DIRECTOR),
	[APPT_ASSESSMENT] = R(CLINICIAN) | R(DIRECTOR) | R(PRESCRIBER) | R(NURSE) |
	    R(ADMISSIONS),
};
#undef R

static const char *const kind_roles_words[APPT__MAX] = {
	[APPT_INDIVIDUAL_THERAPY] = "a clinician or the director",
	[APPT_FAMILY_THERAPY] = "a clinician or the director",
	[APPT_MEDICATION_MANAGEMENT] = "a prescriber or a nurse",
	[APPT_CASE_MANAGEMENT] = "a case manager, a clinician or the director",
	[APPT_ASSESSMENT] = "a clinician, prescriber, nurse, admissions or the director",
};

const char *
appt_kind_name(enum appt_kind k)
{
	return name_of(kind_names, APPT__MAX, (int)k);
}

const char *
appt_kind_words(enum appt_kind k)
{
	return name_of(kind_words, APPT__MAX, (int)k);
}

bool
appt_kind_parse(const char *s, enum appt_kind *out)
{
	int i = name_index(kind_names, APPT__MAX, s);

	if (i >= 0 && out != NULL)
		*out = (enum appt_kind)i;
	return i >= 0;
}

roleset
appt_kind_roles(enum appt_kind k)
{
	return (unsigned)k < APPT__MAX ? kind_roles[k] : 0;
}

bool
appt_cancelled(const struct appointment *a)
{
	return a->status != NULL && strcmp(a->status, "cancelled") == 0;
}

enum err
appt_time_check(int64_t starts_at, int minutes, int64_t now, struct error *e)
{
	if (minutes < APPT_MINUTES_MIN || minutes > APPT_MINUTES_MAX)
		error_field(e, "minutes", "must be from %d to %d minutes", APPT_MINUTES_MIN,
		    APPT_MINUTES_MAX);
	if (starts_at < now - APPT_PAST_S)
		error_field(e, "starts_at", "is more than a week ago");
	else if (starts_at > now + APPT_AHEAD_S)
		error_field(e, "starts_at", "is more than a year ahead");
	return e->code;
}

enum err
appointment_check(const struct appointment *a, const int64_t *persons, size_t npersons,
    int64_t now, struct error *e)
{
	enum appt_kind k = APPT_INDIVIDUAL_THERAPY;
	bool known = appt_kind_parse(a->kind, &k);

	if (!known)
		error_field(e, "kind", "must be one of individual_therapy, family_therapy, "
		    "medication_management, case_management, assessment");
	if (a->site_id <= 0)
		error_field(e, "site_id", "is required");
	if (a->staff_id <= 0)
		error_field(e, "staff_id", "is required");
	appt_time_check(a->starts_at, a->minutes, now, e);
	if (npersons > 0 && known && k != APPT_FAMILY_THERAPY)
		error_field(e, "related_persons", "are only for family therapy");
	if (npersons > APPT_PERSONS_MAX)
		error_field(e, "related_persons", "may name at most %d people", APPT_PERSONS_MAX);
	for (size_t i = 0; i < npersons; i++)
		for (size_t j = 0; j < i; j++)
			if (persons[i] == persons[j])
				error_field(e, "related_persons", "name someone twice");
	return e->code;
}

enum err
appt_staff_check(enum appt_kind kind, const struct staff *st, struct error *e)
{
	if (st == NULL)
		return error_field(e, "staff_id", "is not a staff member");
	if (!st->active)
		return error_field(e, "staff_id", "is a disabled account: choose someone else");
	if ((st->roles & appt_kind_roles(kind)) == 0)
		return error_field(e, "staff_id", "%s is with %s", appt_kind_words(kind),
		    name_of(kind_roles_words, APPT__MAX, (int)kind));
	return ERR_OK;
}

bool
intervals_overlap(int64_t a0, int64_t a1, int64_t b0, int64_t b1)
{
	return a0 < b1 && b0 < a1;
}

const char *
commit_type_name(enum commit_type t)
{
	static const char *const names[COMMIT__MAX] = {
		[COMMIT_APPOINTMENT] = "appointment",
		[COMMIT_SESSION] = "session",
	};

	return name_of(names, COMMIT__MAX, (int)t);
}

enum conflict_on
commitment_conflict(const struct commitment *want, const struct commitment *list, size_t n,
    size_t *at)
{
	for (size_t i = 0; i < n; i++) {
		const struct commitment *c = &list[i];
		enum conflict_on on = CONFLICT_NONE;

		if (c->type == want->type && c->id == want->id && want->id != 0)
			continue;
		if (!intervals_overlap(want->starts_at, want->ends_at, c->starts_at, c->ends_at))
			continue;
		if (want->staff_id != 0 && c->staff_id == want->staff_id)
			on = CONFLICT_STAFF;
		else if (want->room_id != 0 && c->room_id == want->room_id)
			on = CONFLICT_ROOM;
		else if (want->client_id != 0 && c->client_id == want->client_id)
			on = CONFLICT_CLIENT;
		if (on != CONFLICT_NONE) {
			if (at != NULL)
				*at = i;
			return on;
		}
	}
	return CONFLICT_NONE;
}

bool
appt_late_cancellation(bool by_client, int64_t starts_at, int64_t now, int late_hours)
{
	return by_client && starts_at - now < (int64_t)late_hours * 3600;
}

bool
appt_attendance_known(const char *s)
{
	return s != NULL && (strcmp(s, "attended") == 0 || strcmp(s, "no_show") == 0 ||
	    strcmp(s, "late_cancellation") == 0);
}

/* A 409 that also names the field attendance (the web app shows it by the
 * buttons). */
static enum err
attendance_refused(struct error *e, const char *field_msg, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum err
attendance_refused(struct error *e, const char *field_msg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	error_field(e, "attendance", "%s", field_msg);
	e->code = ERR_CONFLICT;
	return e->code;
}

enum err
appt_attendance_check(const struct appointment *ap, const char *attendance, int *minutes,
    int64_t now, struct error *e)
{
	bool attended = attendance != NULL && strcmp(attendance, "attended") == 0;

	if (!appt_attendance_known(attendance))
		return error_field(e, "attendance", "must be " APPT_ATTENDANCE_WORDS);
	if (attended && *minutes < 0)
		*minutes = ap->minutes;
	else if (attended && (*minutes < 1 || *minutes > ap->minutes))
		return error_field(e, "attended_minutes", "must be from 1 to %d (the "
		    "appointment's length)", ap->minutes);
	else if (!attended && *minutes > 0)
		return error_field(e, "attended_minutes", "is only given when the client "
		    "attended");
	else if (!attended)
		*minutes = 0;
	if (appt_cancelled(ap)) {
		bool by_client = ap->cancelled_by != NULL &&
		    strcmp(ap->cancelled_by, "client") == 0;

		if (!by_client)
			return attendance_refused(e, "cannot be recorded for a cancelled appointment",
			    "The program cancelled this appointment: there is no outcome to "
			    "record.");
		if (strcmp(attendance, "late_cancellation") != 0)
			return attendance_refused(e, "can only be late_cancellation here",
			    "The client cancelled this appointment: only a late cancellation can "
			    "be recorded for it (book a new one if they came after all).");
	} else if (now < ap->starts_at) {
		return attendance_refused(e, "can be recorded once the appointment has started",
		    "This appointment has not started yet: record whether the client came "
		    "once it has begun.");
	}
	return ERR_OK;
}

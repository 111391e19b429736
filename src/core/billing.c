/*
 * billing.c — whether a day is billable as a per-diem line (see billing.h).
 */
#include <string.h>

#include "core/billing.h"
#include "core/hours.h"
#include "core/note.h"

static const char *const reason_names[BILL_REASON__MAX] = {
	[BILL_UNDER_THREE_HOURS] = "under_three_hours",
	[BILL_NOTE_UNSIGNED] = "note_unsigned",
	[BILL_NOTE_MISSING] = "note_missing",
	[BILL_NO_OBJECTIVE_LINKED] = "no_objective_linked",
	[BILL_PLAN_UNSIGNED] = "plan_unsigned",
	[BILL_PLAN_REVIEW_OVERDUE] = "plan_review_overdue",
};

static const char *const note_names[BILL_NOTE__MAX] = {
	[BILL_NOTE_OK] = "signed",
	[BILL_NOTE_NONE] = "missing",
	[BILL_NOTE_DRAFT] = "draft",
	[BILL_NOTE_AWAITS_COSIGN] = "awaits_cosignature",
	[BILL_NOTE_NO_TIMES] = "no_times",
	[BILL_NOTE_NO_OBJECTIVE] = "no_objective",
};

/* The reason a note state gives (BILL_REASON__MAX: none). */
static const enum bill_reason note_reason[BILL_NOTE__MAX] = {
	[BILL_NOTE_OK] = BILL_REASON__MAX,
	[BILL_NOTE_NONE] = BILL_NOTE_MISSING,
	[BILL_NOTE_DRAFT] = BILL_NOTE_UNSIGNED,
	[BILL_NOTE_AWAITS_COSIGN] = BILL_NOTE_UNSIGNED,
	/* A part without times documents no session time: as if missing. */
	[BILL_NOTE_NO_TIMES] = BILL_NOTE_MISSING,
	[BILL_NOTE_NO_OBJECTIVE] = BILL_NO_OBJECTIVE_LINKED,
};

const char *
bill_reason_name(enum bill_reason r)
{
	return (unsigned)r < BILL_REASON__MAX ? reason_names[r] : "";
}

const char *
bill_note_name(enum bill_note n)
{
	return (unsigned)n < BILL_NOTE__MAX ? note_names[n] : "";
}

enum bill_note
bill_note_state(const struct bill_note_facts *f)
{
	struct note n;

	if (!f->exists || !f->part)
		return BILL_NOTE_NONE;
	memset(&n, 0, sizeof n);
	n.status = f->status;
	n.signed_at = f->signed_at;
	n.cosigner_id = f->cosigner_id;
	n.cosigned_at = f->cosigned_at;
	if (!note_signed(&n))
		return BILL_NOTE_DRAFT;
	if (note_awaits_cosign(&n))
		return BILL_NOTE_AWAITS_COSIGN;
	if (f->starts_at <= 0 || f->ends_at <= f->starts_at)
		return BILL_NOTE_NO_TIMES;
	if (!f->objective)
		return BILL_NOTE_NO_OBJECTIVE;
	return BILL_NOTE_OK;
}

int
bill_plan_for(const struct bill_plan *plans, size_t n, struct date day)
{
	int best = -1;

	for (size_t i = 0; i < n; i++) {
		if (!date_valid(plans[i].clinician_signed_on) ||
		    date_days(plans[i].clinician_signed_on) > date_days(day))
			continue;
		if (best < 0 || plans[i].version > plans[best].version)
			best = (int)i;
	}
	return best;
}

void
bill_day_compute(struct date day, const struct bill_code *c, const struct bill_session *s,
    size_t n, const struct bill_plan *plans, size_t np, struct bill_day *out)
{
	int floor = c != NULL ? c->min_minutes : HOURS_SHORT_DAY_MINUTES;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		enum bill_reason r = (unsigned)s[i].note < BILL_NOTE__MAX ?
		    note_reason[s[i].note] : BILL_NOTE_MISSING;

		out->minutes += s[i].minutes;
		if (r != BILL_REASON__MAX)
			out->reasons |= 1u << r;
	}
	if (out->minutes < floor)
		out->reasons |= 1u << BILL_UNDER_THREE_HOURS;
	out->plan = bill_plan_for(plans, np, day);
	if (out->plan < 0)
		out->reasons |= 1u << BILL_PLAN_UNSIGNED;
	else if (date_valid(plans[out->plan].review_due_on) &&
	    date_days(plans[out->plan].review_due_on) < date_days(day))
		out->reasons |= 1u << BILL_PLAN_REVIEW_OVERDUE;
	out->billable = c != NULL && out->reasons == 0;
}

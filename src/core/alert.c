/*
 * alert.c — who answers a safety alert, and who may close a task.
 */
#include <string.h>

#include "core/alert.h"

bool
alert_high_risk(const char *kind)
{
	return kind != NULL && (strcmp(kind, "suicide_risk") == 0 ||
	    strcmp(kind, "immediate_evaluation") == 0);
}

void
alert_route(const struct alert_route_facts *f, struct alert_route *out)
{
	out->staff_id = 0;
	out->site_id = 0;
	out->unclaimed = false;
	if (f->primary_clinician != 0) {
		out->staff_id = f->primary_clinician;
		out->why = AROUTE_PRIMARY;
		return;
	}
	for (int i = 0; i < ASITE__MAX; i++) {
		if (f->site[i] == 0 || f->on_duty[i] == 0)
			continue;
		out->staff_id = f->on_duty[i];
		out->site_id = f->site[i];
		out->why = AROUTE_ON_DUTY;
		return;
	}
	/* Nobody on duty: it waits, unclaimed, at the first site known, and
	 * meanwhile is the director's. */
	out->unclaimed = true;
	out->why = AROUTE_NOBODY;
	for (int i = 0; i < ASITE__MAX; i++) {
		if (f->site[i] == 0)
			continue;
		if (out->site_id == 0)
			out->site_id = f->site[i];
		if (f->director[i] != 0) {
			out->staff_id = f->director[i];
			out->site_id = f->site[i];
			out->why = AROUTE_DIRECTOR;
			return;
		}
	}
}

const char *
alert_route_why_text(enum alert_route_why why)
{
	switch (why) {
	case AROUTE_PRIMARY:
		return "the client's primary clinician";
	case AROUTE_ON_DUTY:
		return "the clinician on duty";
	case AROUTE_DIRECTOR:
		return "the director (nobody was on duty; the alert is on the unclaimed list "
		    "until a clinician claims it)";
	case AROUTE_NOBODY:
		break;
	}
	return "nobody yet: nobody was on duty and the site has no director; the alert is on "
	    "the unclaimed list until a clinician claims it";
}

enum err
task_done_check(const struct task *t, int64_t staff_id, roleset roles, struct error *e)
{
	/* A safety task is done by documenting a clinical response. */
	if (t->alert_id != 0 && !roles_allow(roles, PERM_ALERTS_RESPOND))
		return error_set(e, ERR_FORBIDDEN, "Only clinical staff can document the response "
		    "to a safety alert.");
	if (t->assigned_to != staff_id && t->assigned_to != 0 &&
	    !(roles & (1u << ROLE_DIRECTOR)))
		return error_set(e, ERR_FORBIDDEN, "This task belongs to someone else.");
	return ERR_OK;
}

enum err
alert_claim_check(const struct alert *a, struct error *e)
{
	if (a->resolved_at != 0)
		return error_set(e, ERR_CONFLICT, "This alert has been resolved already.");
	if (!a->unclaimed && a->claimed_by != 0)
		return error_set(e, ERR_CONFLICT, "%s claimed this alert already.",
		    a->claimed_by_name != NULL && *a->claimed_by_name ? a->claimed_by_name :
		    "Someone else");
	if (!a->unclaimed)
		return error_set(e, ERR_CONFLICT, "This alert already has a clinician answering "
		    "it.");
	return ERR_OK;
}

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
	if (f->recorder_is_clinician && f->recorder != 0) {
		out->staff_id = f->recorder;
		out->why = AROUTE_RECORDER;
		return;
	}
	out->staff_id = f->first_clinician;
	out->why = f->first_clinician != 0 ? AROUTE_FIRST : AROUTE_NOBODY;
}

const char *
alert_route_why_text(enum alert_route_why why)
{
	switch (why) {
	case AROUTE_PRIMARY:
		return "the client's primary clinician";
	case AROUTE_ON_DUTY:
		return "the clinician on duty";
	case AROUTE_RECORDER:
		return "the clinician who recorded the screening (no clinician was on duty)";
	case AROUTE_FIRST:
		return "the first active clinician (no clinician was on duty)";
	case AROUTE_NOBODY:
		break;
	}
	return "nobody: there is no active clinician";
}

enum err
task_done_check(const struct task *t, int64_t staff_id, roleset roles, struct error *e)
{
	if (t->assigned_to != staff_id && t->assigned_to != 0 &&
	    !(roles & (1u << ROLE_DIRECTOR)))
		return error_set(e, ERR_FORBIDDEN, "This task belongs to someone else.");
	return ERR_OK;
}

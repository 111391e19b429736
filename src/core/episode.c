/*
 * episode.c — the rules of an admission into an episode of care.
 */
#include <string.h>

#include "core/episode.h"
#include "core/placement.h"

enum err
episode_admit_check_input(const struct episode *ep, struct date today, struct error *e)
{
	if (ep->level == NULL || level_find(ep->level) == NULL)
		error_field(e, "level", "must be a level of care code such as 2.1");
	if (ep->site_id <= 0)
		error_field(e, "site_id", "is required");
	if (ep->primary_clinician <= 0)
		error_field(e, "primary_clinician_id", "is required");
	if (!ep->privacy_notice_given)
		error_field(e, "privacy_notice_given", "the notice of privacy for substance use "
		    "records must be given at admission");
	if (date_valid(ep->admitted_on) &&
	    date_days(ep->admitted_on) > date_days(today) + 1)
		error_field(e, "admitted_on", "cannot be in the future");
	return e->code;
}

enum err
episode_admit_check(const struct episode *ep, const struct admit_facts *f, struct error *e)
{
	if (!f->client_active)
		return error_set(e, ERR_CONFLICT, "This client is inactive; reactivate them "
		    "before admitting.");
	if (f->open_episodes > 0)
		return error_set(e, ERR_CONFLICT, "This client already has an open episode of "
		    "care; discharge or transfer it first.");
	if (!f->site_found)
		error_field(e, "site_id", "is not a site");
	if (ep->track_id != 0) {
		if (!f->track_found)
			error_field(e, "track_id", "is not a track");
		else if (f->track_site_id != ep->site_id)
			error_field(e, "track_id", "is a track of another site");
		else if (f->track_level == NULL || ep->level == NULL ||
		    strcmp(f->track_level, ep->level) != 0)
			error_field(e, "track_id", "runs at level %s, not %s",
			    f->track_level ? f->track_level : "", ep->level ? ep->level : "");
	}
	if (!f->clinician_ok)
		error_field(e, "primary_clinician_id", "must be an active clinician");
	if (ep->case_manager != 0 && !f->case_manager_ok)
		error_field(e, "case_manager_id", "must be an active case manager");
	if (ep->inquiry_id != 0 && !f->inquiry_ok)
		error_field(e, "inquiry_id", "is not an inquiry converted to this client");
	return e->code;
}

/*
 * episode.c — the rules of an admission into an episode of care.
 */
#include <stdio.h>
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

static bool
acknowledged(const struct episode *ep, int64_t id)
{
	for (int i = 0; i < ep->acknowledged.n; i++)
		if (ep->acknowledged.id[i] == id)
			return true;
	return false;
}

bool
episode_alert_unseen(const struct episode *ep, const struct alert *a)
{
	return a->resolved_at == 0 && alert_high_risk(a->kind) && !acknowledged(ep, a->id);
}

static bool
level_offered(const struct admit_facts *f, const char *level)
{
	for (size_t i = 0; i < f->nlevels; i++)
		if (level != NULL && strcmp(f->levels[i], level) == 0)
			return true;
	return false;
}

static void
check_level(const struct episode *ep, const struct admit_facts *f, struct error *e)
{
	char list[64];
	size_t len = 0;

	if (level_offered(f, ep->level))
		return;
	if (f->nlevels == 0) {
		error_field(e, "level", "cannot be offered yet: the program has no active "
		    "track; an admin sets up tracks first");
		return;
	}
	list[0] = '\0';
	for (size_t i = 0; i < f->nlevels && len + 8 < sizeof list; i++) {
		int w = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
		    f->levels[i]);
		if (w < 0)
			break;
		len += (size_t)w;
	}
	error_field(e, "level", "is not a level this program provides; its tracks run at %s",
	    list);
}

enum err
episode_admit_check(const struct episode *ep, const struct admit_facts *f, struct error *e)
{
	size_t unseen = 0;

	if (!f->client_active)
		return error_set(e, ERR_CONFLICT, "This client is inactive; reactivate them "
		    "before admitting.");
	if (f->open_episodes > 0)
		return error_set(e, ERR_CONFLICT, "This client already has an open episode of "
		    "care; discharge or transfer it first.");
	check_level(ep, f, e);
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
	for (int i = 0; i < ep->acknowledged.n; i++) {
		bool mine = false;
		for (size_t k = 0; k < f->nalerts && !mine; k++)
			mine = f->alerts[k].id == ep->acknowledged.id[i];
		if (!mine) {
			error_field(e, "acknowledged_alerts", "names alert %lld, which is not "
			    "this client's", (long long)ep->acknowledged.id[i]);
			break;
		}
	}
	if (e->code != ERR_OK)
		return e->code;
	for (size_t k = 0; k < f->nalerts; k++)
		if (episode_alert_unseen(ep, &f->alerts[k]))
			unseen++;
	if (unseen == 1)
		return error_set(e, ERR_CONFLICT, "This client has an open safety alert. Read "
		    "it and confirm you have seen it before admitting.");
	if (unseen > 1)
		return error_set(e, ERR_CONFLICT, "This client has %zu open safety alerts. Read "
		    "them and confirm you have seen them before admitting.", unseen);
	return ERR_OK;
}

/*
 * api_episodes.c — admission into an episode of care, and the census.
 *
 * Admitting checks, in the same job as the write: the client exists and has
 * no open episode, the site exists, the track (if any) belongs to that site
 * and is at the level admitted to, the primary clinician is an active
 * clinician and the case manager an active case manager, and that the
 * privacy notice for substance-use records (42 CFR 2.22) was given.
 */
#include <stdio.h>
#include <string.h>

#include "core/placement.h"
#include "http/req.h"
#include "lib/buf.h"

static json_t *
episode_to_json(const struct episode *ep)
{
	return json_pack("{s:I,s:I,s:s,s:I,s:o,s:o,s:I,s:o,s:b,s:s,s:o,s:o,s:o,"
	    "s:{s:s,s:o,s:o,s:o},s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)ep->id, "client_id", (json_int_t)ep->client_id,
	    "level", ep->level, "site_id", (json_int_t)ep->site_id,
	    "track_id", ep->track_id ? json_integer(ep->track_id) : json_null(),
	    "admitted_on", jdate(ep->admitted_on),
	    "primary_clinician_id", (json_int_t)ep->primary_clinician,
	    "case_manager_id", ep->case_manager ? json_integer(ep->case_manager) : json_null(),
	    "privacy_notice_given", ep->privacy_notice_given,
	    "status", ep->status ? ep->status : "open",
	    "discharged_on", ep->discharged_on && *ep->discharged_on ?
	    json_string(ep->discharged_on) : json_null(),
	    "inquiry_id", ep->inquiry_id ? json_integer(ep->inquiry_id) : json_null(),
	    "created_at", jtime(ep->created_at),
	    "client", "mrn", ep->mrn ? ep->mrn : "", "first_name", jstr(ep->first_name),
	    "last_name", jstr(ep->last_name), "preferred_name", jstr(ep->preferred_name),
	    "site_name", jstr(ep->site_name), "track_name", jstr(ep->track_name),
	    "primary_clinician", jstr(ep->clinician_name),
	    "case_manager", jstr(ep->case_manager_name));
}

CLIENT_LIST(h_episodes_list, store_episode_list, struct episode, episode_to_json)

void
h_census(struct req *r)
{
	const char *level = req_query(r, "level");
	int64_t site_id = 0, track_id = 0;
	struct episode *items;
	struct page pg;
	struct error e;
	size_t n, off, cnt;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	req_query_int(r, "site_id", 1, INT64_MAX, &site_id, &e, "must be a site id");
	req_query_int(r, "track_id", 1, INT64_MAX, &track_id, &e, "must be a track id");
	if (level != NULL && level_find(level) == NULL)
		error_field(&e, "level", "must be a level of care code such as 2.1");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (store_census(r->app->store, site_id, level ? level : "", track_id, r->arena, &items,
	    &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	/* The page shown, and an audit row naming exactly its clients. */
	page_slice(pg, n, &off, &cnt);
	reply_list_audited(r, items + off, cnt, episode_to_json, (int64_t)n, client_id,
	    client_id);
}

struct admit_job {
	struct req *r;
	struct episode ep;
};

static enum err
admit_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct admit_job *j = arg;
	struct req *r = j->r;
	struct client c;
	struct site site;
	struct track t;
	struct staff st;
	int64_t open = 0;

	if (store_tx_client_get(tx, j->ep.client_id, r->arena, &c, e) != ERR_OK)
		return e->code;
	if (!c.active)
		return error_set(e, ERR_CONFLICT, "This client is inactive; reactivate them "
		    "before admitting.");
	if (store_tx_episode_open_count(tx, c.id, &open, e) != ERR_OK)
		return e->code;
	if (open > 0)
		return error_set(e, ERR_CONFLICT, "This client already has an open episode of "
		    "care; discharge or transfer it first.");
	if (store_tx_site_get(tx, j->ep.site_id, r->arena, &site, e) != ERR_OK) {
		error_clear(e);
		error_field(e, "site_id", "is not a site");
	}
	if (j->ep.track_id != 0) {
		struct error te;
		error_clear(&te);
		if (store_tx_track_get(tx, j->ep.track_id, r->arena, &t, &te) != ERR_OK)
			error_field(e, "track_id", "is not a track");
		else if (t.site_id != j->ep.site_id)
			error_field(e, "track_id", "is a track of another site");
		else if (strcmp(t.level_of_care, j->ep.level) != 0)
			error_field(e, "track_id", "runs at level %s, not %s", t.level_of_care,
			    j->ep.level);
	}
	{
		struct error se;
		error_clear(&se);
		if (store_tx_staff_get(tx, j->ep.primary_clinician, r->arena, &st, &se) != ERR_OK ||
		    !st.active || !(st.roles & (1u << ROLE_CLINICIAN)))
			error_field(e, "primary_clinician_id", "must be an active clinician");
		error_clear(&se);
		if (j->ep.case_manager != 0 &&
		    (store_tx_staff_get(tx, j->ep.case_manager, r->arena, &st, &se) != ERR_OK ||
		    !st.active || !(st.roles & (1u << ROLE_CASE_MANAGER))))
			error_field(e, "case_manager_id", "must be an active case manager");
	}
	if (j->ep.inquiry_id != 0) {
		struct inquiry q;
		struct error qe;
		error_clear(&qe);
		if (store_tx_inquiry_get(tx, j->ep.inquiry_id, r->arena, &q, &qe) != ERR_OK ||
		    q.client_id != c.id)
			error_field(e, "inquiry_id", "is not an inquiry converted to this client");
	}
	if (e->code != ERR_OK)
		return e->code;
	if (store_tx_episode_insert(tx, &j->ep, r->sess.staff_id, e) != ERR_OK)
		return e->code;
	r->audit[0].record_id = j->ep.id;
	return ERR_OK;
}

static void
admit_after(struct req *r)
{
	struct admit_job *j = r->run_arg;
	struct episode *items;
	struct error e;
	size_t n;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	error_clear(&e);
	/* Answer with the joined record (names of site, track, staff). */
	if (store_episode_list(r->app->store, j->ep.client_id, r->arena, &items, &n, &e) ==
	    ERR_OK && n > 0)
		reply_json(r, 201, episode_to_json(&items[0]));
	else
		reply_json(r, 201, episode_to_json(&j->ep));
}

static const char *const admit_keys[] = {
	"level", "site_id", "track_id", "admitted_on", "primary_clinician_id",
	"case_manager_id", "privacy_notice_given", "inquiry_id", NULL
};

void
h_episode_admit(struct req *r)
{
	struct admit_job *j = arena_alloc(r->arena, sizeof *j);
	const char *date = NULL;
	int64_t v;
	struct error e;
	json_t *o;
	struct date today = date_from_unix(r->now);

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->ep.client_id = r->ids[0];
	j->ep.level = NULL;
	json_only_keys(o, admit_keys, &e, NULL);
	jfield_str(o, "level", r->arena, &j->ep.level, &e, NULL);
	if (j->ep.level == NULL || level_find(j->ep.level) == NULL)
		error_field(&e, "level", "must be a level of care code such as 2.1");
	v = 0;
	if (jfield_int(o, "site_id", 1, INT64_MAX, &v, &e, NULL) && v == 0)
		error_field(&e, "site_id", "is required");
	j->ep.site_id = v;
	v = 0;
	jfield_int(o, "track_id", 1, INT64_MAX, &v, &e, NULL);
	j->ep.track_id = v;
	v = 0;
	if (jfield_int(o, "primary_clinician_id", 1, INT64_MAX, &v, &e, NULL) && v == 0)
		error_field(&e, "primary_clinician_id", "is required");
	j->ep.primary_clinician = v;
	v = 0;
	jfield_int(o, "case_manager_id", 1, INT64_MAX, &v, &e, NULL);
	j->ep.case_manager = v;
	v = 0;
	jfield_int(o, "inquiry_id", 1, INT64_MAX, &v, &e, NULL);
	j->ep.inquiry_id = v;
	jfield_bool(o, "privacy_notice_given", &j->ep.privacy_notice_given, &e, NULL);
	if (!j->ep.privacy_notice_given)
		error_field(&e, "privacy_notice_given", "the notice of privacy for substance use "
		    "records must be given at admission");
	if (jfield_str(o, "admitted_on", r->arena, &date, &e, NULL) && date != NULL) {
		if (!date_parse(date, &j->ep.admitted_on))
			error_field(&e, "admitted_on", "must be a real date written YYYY-MM-DD");
		else if (date_days(j->ep.admitted_on) > date_days(today) + 1)
			error_field(&e, "admitted_on", "cannot be in the future");
	} else if (date == NULL) {
		j->ep.admitted_on = today;
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, j->ep.level);
	req_write(r, admit_run, j, admit_after);
}

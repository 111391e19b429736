/*
 * api_episodes.c — admission into an episode of care, and the census.
 *
 * Admitting decodes the body and hands it to op_episode_admit
 * (src/ops/episode.c), which checks the rules of core/episode.c in the same
 * transaction as the write.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/placement.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/episode.h"
#include "lib/buf.h"

/* The alerts the admitter acknowledged: as stored, or as asked. */
static json_t *
acknowledged_to_json(const struct episode *ep)
{
	json_t *a = NULL;

	if (ep->acknowledged_json != NULL && *ep->acknowledged_json != '\0')
		a = json_loads(ep->acknowledged_json, 0, NULL);
	if (json_is_array(a))
		return a;
	json_decref(a);
	a = json_array();
	for (int i = 0; i < ep->acknowledged.n; i++)
		json_array_append_new(a, json_integer(ep->acknowledged.id[i]));
	return a;
}

json_t *
episode_to_json(const struct episode *ep)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:I,s:o,s:o,s:I,s:o,s:b,s:s,s:o,s:o,s:o,"
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

	json_object_set_new(o, "acknowledged_alerts", acknowledged_to_json(ep));
	json_object_set_new(o, "discharge_type", ep->discharge_type && *ep->discharge_type ?
	    json_string(ep->discharge_type) : json_null());
	json_object_set_new(o, "discharge_reason", jstr(ep->discharge_reason));
	json_object_set_new(o, "discharged_to", jstr(ep->discharged_to));
	json_object_set_new(o, "transferred_from", ep->transferred_from ?
	    json_integer(ep->transferred_from) : json_null());
	json_object_set_new(o, "transferred_to", ep->transferred_to ?
	    json_integer(ep->transferred_to) : json_null());
	json_object_set_new(o, "discharge_summary_id", ep->discharge_summary_id ?
	    json_integer(ep->discharge_summary_id) : json_null());
	json_object_set_new(o, "planned_step_down_weeks", json_integer(ep->step_down_weeks));
	return o;
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
	size_t n;
	int64_t total;

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
	if (store_census(r->app->store, site_id, level ? level : "", track_id, pg, r->arena,
	    &items, &n, &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	/* The page shown, and an audit row naming exactly its clients. */
	reply_list_audited(r, items, n, episode_to_json, total, client_id, client_id);
}

/* What a high-risk alert is, in words. */
static const char *
alert_kind_words(const char *kind)
{
	if (strcmp(kind, "suicide_risk") == 0)
		return "Suicide risk";
	if (strcmp(kind, "immediate_evaluation") == 0)
		return "Immediate safety evaluation needed";
	return "Safety alert";
}

/*
 * 409 with the open high-risk alerts the admission did not acknowledge,
 * each as the admitter's role may read it: its clinical text only with
 * screening.read.
 */
static void
reply_unseen_alerts(struct req *r, const struct alert *a, size_t n)
{
	json_t *b = json_error_body(&r->job.err), *list = json_array();
	bool clinical = roles_allow(r->sess.roles, PERM_SCREENING_READ);

	for (size_t i = 0; i < n; i++) {
		json_t *x = json_pack("{s:I,s:s,s:s,s:o,s:o}", "id", (json_int_t)a[i].id,
		    "kind", a[i].kind, "kind_words", alert_kind_words(a[i].kind),
		    "raised_at", jtime(a[i].raised_at), "source_type", jstr(a[i].source_type));
		if (clinical)
			json_object_set_new(x, "message", jstr(a[i].message));
		json_array_append_new(list, x);
	}
	json_object_set_new(json_object_get(b, "error"), "alerts", list);
	json_object_set_new(json_object_get(b, "error"), "acknowledge_with",
	    json_string("acknowledged_alerts"));
	reply_json(r, 409, b);
}

/* The ids of the alerts an admission acknowledges: an array of ids. */
static const char *
alert_ids_parse(json_t *v, void *dst, struct arena *a)
{
	struct alert_ids *ids = dst;
	size_t i;
	json_t *x;

	(void)a;
	if (!json_is_array(v))
		return "must be a list of alert ids";
	if (json_array_size(v) > EPISODE_ACK_MAX)
		return "names more alerts than an admission can acknowledge (32)";
	ids->n = 0;
	json_array_foreach(v, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) < 1)
			return "must be a list of alert ids";
		ids->id[ids->n++] = json_integer_value(x);
	}
	return NULL;
}

static void
admit_after(struct req *r)
{
	const struct episode_admit_in *in = r->op->in;
	struct episode *items;
	struct error e;
	size_t n;

	if (r->job.result == ERR_CONFLICT && *in->nunseen > 0) {
		reply_unseen_alerts(r, *in->unseen, *in->nunseen);
		return;
	}
	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	error_clear(&e);
	/* Answer with the joined record (names of site, track, staff). */
	if (store_episode_list(r->app->store, in->out->client_id, r->arena, &items, &n, &e) ==
	    ERR_OK && n > 0)
		reply_json(r, 201, episode_to_json(&items[0]));
	else
		reply_json(r, 201, episode_to_json(in->out));
}

/* The admission's body; admitted_on is today unless given. */
#define EP(m) offsetof(struct episode_admit_in, ep.m)
static const struct fdef admit_fields[] = {
	{ .name = "level", .kind = FK_TEXT, .off = EP(level) },
	{ .name = "site_id", .kind = FK_INT, .off = EP(site_id), .min = 1, .max = INT64_MAX },
	{ .name = "track_id", .kind = FK_INT, .off = EP(track_id), .min = 1, .max = INT64_MAX },
	{ .name = "admitted_on", .kind = FK_DATE, .off = EP(admitted_on) },
	{ .name = "primary_clinician_id", .kind = FK_INT, .off = EP(primary_clinician),
	  .min = 1, .max = INT64_MAX },
	{ .name = "case_manager_id", .kind = FK_INT, .off = EP(case_manager), .min = 1,
	  .max = INT64_MAX },
	{ .name = "privacy_notice_given", .kind = FK_BOOL, .off = EP(privacy_notice_given) },
	{ .name = "inquiry_id", .kind = FK_INT, .off = EP(inquiry_id), .min = 1,
	  .max = INT64_MAX },
	{ .name = "acknowledged_alerts", .kind = FK_CUSTOM, .off = EP(acknowledged),
	  .parse = alert_ids_parse },
};
#undef EP
const struct fdecoder dec_episode_admit = FDECODER("episode_admit", struct episode_admit_in,
    admit_fields);

void
h_episode_admit(struct req *r)
{
	struct episode_admit_in *in;
	struct error e;
	json_t *o;
	struct date today = date_from_unix(r->now);

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	in->unseen = arena_alloc(r->arena, sizeof *in->unseen);
	in->nunseen = arena_alloc(r->arena, sizeof *in->nunseen);
	if (in->unseen == NULL || in->nunseen == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	error_clear(&e);
	in->ep.client_id = r->ids[0];
	in->ep.level = NULL;
	in->ep.admitted_on = today;
	fdecode(&dec_episode_admit, o, r->arena, in, NULL, &e, NULL);
	/* The admission's own rules (the operation checks them again). */
	episode_admit_check_input(&in->ep, today, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, in->ep.level);
	req_op(r, op_episode_admit_run, in, admit_after);
}

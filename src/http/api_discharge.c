/*
 * api_discharge.c — an episode's end: POST /episodes/{id}/discharge and
 * POST /episodes/{id}/transfer (step-down, step-up).  The bodies are decoded
 * here; op_episode_discharge and op_episode_transfer (src/ops/discharge.c)
 * check the rules of core/discharge.c in the transaction that writes.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/schedule.h"

#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/discharge.h"

#define DI(m) offsetof(struct episode_discharge_in, m)
static const struct fdef discharge_fields[] = {
	{ .name = "date", .kind = FK_DATE, .off = DI(date), .flags = FD_REQUIRED },
	{ .name = "type", .kind = FK_TEXT, .off = DI(type), .flags = FD_REQUIRED },
	{ .name = "reason", .kind = FK_TEXT, .off = DI(reason), .max = DISCHARGE_REASON_MAX },
	{ .name = "to", .kind = FK_TEXT, .off = DI(to), .max = DISCHARGE_TO_MAX },
};
#undef DI
const struct fdecoder dec_episode_discharge = FDECODER("episode_discharge",
    struct episode_discharge_in, discharge_fields);

static void
discharge_after(struct req *r)
{
	const struct episode_discharge_in *in = r->op->in;
	json_t *o;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	o = episode_to_json(in->out);
	json_object_set_new(o, "appointments_cancelled", json_integer(*in->cancelled));
	reply_json(r, 200, o);
}

void
h_episode_discharge(struct req *r)
{
	struct episode_discharge_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	in->out = arena_alloc(r->arena, sizeof *in->out);
	in->cancelled = arena_alloc(r->arena, sizeof *in->cancelled);
	if (in->out == NULL || in->cancelled == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	*in->cancelled = 0;
	error_clear(&e);
	in->episode_id = r->ids[0];
	fdecode(&dec_episode_discharge, o, r->arena, in, NULL, &e, NULL);
	if (e.code == ERR_OK && !discharge_type_valid(in->type))
		error_field(&e, "type", "must be one of completed, against_advice, administrative, "
		    "transferred_higher, transferred_lower, deceased, lost_to_contact");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_episode_discharge_run, in, discharge_after);
}

#define TR(m) offsetof(struct episode_transfer_in, m)
static const struct fdef transfer_fields[] = {
	{ .name = "date", .kind = FK_DATE, .off = TR(date), .flags = FD_REQUIRED },
	{ .name = "level", .kind = FK_TEXT, .off = TR(level), .flags = FD_REQUIRED, .max = 8 },
	{ .name = "track_id", .kind = FK_INT, .off = TR(track_id), .flags = FD_REQUIRED,
	  .min = 1, .max = INT64_MAX },
	{ .name = "site_id", .kind = FK_INT, .off = TR(site_id), .min = 1, .max = INT64_MAX },
	{ .name = "primary_clinician_id", .kind = FK_INT, .off = TR(primary_clinician),
	  .min = 1, .max = INT64_MAX },
	{ .name = "planned_step_down_weeks", .kind = FK_INT32, .off = TR(step_down_weeks),
	  .min = 0, .max = STEP_DOWN_WEEKS_MAX },
	{ .name = "reason", .kind = FK_TEXT, .off = TR(reason), .max = DISCHARGE_REASON_MAX },
};
#undef TR
const struct fdecoder dec_episode_transfer = FDECODER("episode_transfer",
    struct episode_transfer_in, transfer_fields);

static void
transfer_after(struct req *r)
{
	const struct episode_transfer_in *in = r->op->in;
	json_t *o;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	o = episode_to_json(in->out);
	json_object_set_new(o, "plan_carried_forward_id", *in->plan_id ?
	    json_integer(*in->plan_id) : json_null());
	reply_json(r, 201, o);
}

void
h_episode_transfer(struct req *r)
{
	struct episode_transfer_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	in->out = arena_alloc(r->arena, sizeof *in->out);
	in->plan_id = arena_alloc(r->arena, sizeof *in->plan_id);
	if (in->out == NULL || in->plan_id == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	*in->plan_id = 0;
	error_clear(&e);
	in->episode_id = r->ids[0];
	fdecode(&dec_episode_transfer, o, r->arena, in, NULL, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_episode_transfer_run, in, transfer_after);
}

/*
 * GET /episodes/{id}/discharge-preview?date: what a discharge on the date
 * (default: the site's today) would change, for the form to say before it
 * is sent: {"episode_id","client_id","date","today","sessions_leaving",
 * "appointments_cancelled"}.
 */
void
h_episode_discharge_preview(struct req *r)
{
	const char *dq = req_query(r, "date");
	struct episode ep;
	struct site site;
	struct date on, today;
	struct error e;
	struct tz *z;
	int64_t after = 0, end = 0, sessions = 0, appts = 0;

	error_clear(&e);
	memset(&on, 0, sizeof on);
	if (dq != NULL && !date_parse(dq, &on)) {
		error_field(&e, "date", "must be a date written YYYY-MM-DD");
		reply_error(r, &e);
		return;
	}
	if (store_episode_get(r->app->store, r->ids[0], r->arena, &ep, &e) != ERR_OK ||
	    store_site_get(r->app->store, ep.site_id, r->arena, &site, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, ep.id, ep.client_id);
	if ((z = malloc(sizeof *z)) == NULL) {
		reply_err(r, ERR_NOMEM, "Out of memory.");
		return;
	}
	if (!tz_load(site.timezone, z)) {
		free(z);
		reply_err(r, ERR_CONFLICT, "The time zone of the client's site is not known on "
		    "this server; correct the site first.");
		return;
	}
	today = local_date(z, r->now);
	if (dq == NULL)
		on = today;
	wall_to_instants(z, date_from_days(date_days(on) + 1), 0, 0, &after, &end);
	free(z);
	if (store_discharge_preview(r->app->store, ep.id, ep.client_id,
	    date_from_days(date_days(on) + 1), after, &sessions, &appts, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, json_pack("{s:I,s:I,s:o,s:o,s:I,s:I}", "episode_id", (json_int_t)ep.id,
	    "client_id", (json_int_t)ep.client_id,
	    "date", jdate(on), "today", jdate(today), "sessions_leaving", (json_int_t)sessions,
	    "appointments_cancelled", (json_int_t)appts));
}

/* ---- the discharge summary ---- */

static json_t *
dsummary_to_json(const struct dsummary *d)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)d->id, "episode_id", (json_int_t)d->episode_id,
	    "client_id", (json_int_t)d->client_id, "status", d->status ? d->status : "draft",
	    "reason", jstr(d->reason), "services", jstr(d->services),
	    "progress", jstr(d->progress), "scores", jstr(d->scores),
	    "medications", jstr(d->medications), "recommendations", jstr(d->recommendations),
	    "updated_at", jtime(d->updated_at), "updated_by", jstr(d->updated_by_name),
	    "signed_at", d->signed_at ? jtime(d->signed_at) : json_null(),
	    "signed_by", d->signed_by ? json_pack("{s:I,s:o}", "staff_id",
	    (json_int_t)d->signed_by, "name", jstr(d->signed_by_name)) : json_null());
}

/* GET /episodes/{id}/discharge-summary: 404 when none is drafted yet. */
void
h_dsummary_get(struct req *r)
{
	struct episode ep;
	struct dsummary d;
	struct error e;

	error_clear(&e);
	if (store_episode_get(r->app->store, r->ids[0], r->arena, &ep, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, ep.id, ep.client_id);
	if (store_dsummary_by_episode(r->app->store, ep.id, r->arena, &d, &e) != ERR_OK) {
		if (e.code == ERR_NOTFOUND) {
			error_clear(&e);
			error_set(&e, ERR_NOTFOUND, "No discharge summary for this episode yet.");
		}
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, dsummary_to_json(&d));
}

static void
dsummary_after(struct req *r, int status, const struct dsummary *out)
{
	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	reply_json(r, status, dsummary_to_json(out));
}

static void
create_after(struct req *r)
{
	dsummary_after(r, 201, ((const struct dsummary_create_in *)r->op->in)->out);
}

static void
update_after(struct req *r)
{
	dsummary_after(r, 200, ((const struct dsummary_update_in *)r->op->in)->out);
}

static void
sign_after(struct req *r)
{
	dsummary_after(r, 200, ((const struct dsummary_sign_in *)r->op->in)->out);
}

/* POST /episodes/{id}/discharge-summary: drafted from the record. */
void
h_dsummary_create(struct req *r)
{
	struct dsummary_create_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	if ((in->out = arena_alloc(r->arena, sizeof *in->out)) == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	in->episode_id = r->ids[0];
	req_op(r, op_dsummary_create_run, in, create_after);
}

#define DS(m) offsetof(struct dsummary_update_in, d.m)
static const struct fdef dsummary_fields[] = {
	{ .name = "reason", .kind = FK_TEXT, .off = DS(reason), .max = DSUMMARY_TEXT_MAX },
	{ .name = "services", .kind = FK_TEXT, .off = DS(services), .max = DSUMMARY_TEXT_MAX },
	{ .name = "progress", .kind = FK_TEXT, .off = DS(progress), .max = DSUMMARY_TEXT_MAX },
	{ .name = "scores", .kind = FK_TEXT, .off = DS(scores), .max = DSUMMARY_TEXT_MAX },
	{ .name = "medications", .kind = FK_TEXT, .off = DS(medications),
	  .max = DSUMMARY_TEXT_MAX },
	{ .name = "recommendations", .kind = FK_TEXT, .off = DS(recommendations),
	  .max = DSUMMARY_TEXT_MAX },
};
#undef DS
const struct fdecoder dec_dsummary_update = FDECODER("dsummary_update",
    struct dsummary_update_in, dsummary_fields);

/* PATCH /discharge-summaries/{id}: the fields given replace the draft's. */
void
h_dsummary_patch(struct req *r)
{
	struct dsummary_update_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	if ((in->out = arena_alloc(r->arena, sizeof *in->out)) == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	error_clear(&e);
	in->id = r->ids[0];
	fdecode(&dec_dsummary_update, o, r->arena, in, NULL, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_dsummary_update_run, in, update_after);
}

/* POST /discharge-summaries/{id}/sign: locked from then. */
void
h_dsummary_sign(struct req *r)
{
	struct dsummary_sign_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	if ((in->out = arena_alloc(r->arena, sizeof *in->out)) == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	in->id = r->ids[0];
	req_op(r, op_dsummary_sign_run, in, sign_after);
}

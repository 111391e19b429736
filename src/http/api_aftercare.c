/*
 * api_aftercare.c — the aftercare plan of an episode: GET and POST
 * /episodes/{id}/aftercare-plan, GET and PATCH /aftercare-plans/{id}, POST
 * /aftercare-plans/{id}/sign (the client's signature on the shared screen)
 * and /revise (a new version), GET /aftercare-plans/{id}/print (the
 * client's printable page, text/html), and the support groups' vocabulary.
 * The bodies are decoded here; the rules are core/aftercare.c's, checked by
 * the operations of src/ops/aftercare.c in the transaction that writes.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/schedule.h"
#include "lib/buf.h"

#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/aftercare.h"

/* The printed page's stylesheet (web/app/chart/aftercare-print.css). */
#define PRINT_CSS "/app/chart/aftercare-print.css"
/* The printed page's most bytes. */
#define PRINT_MAX (512 * 1024)

static json_t *
versions_json(struct req *r, int64_t episode_id)
{
	struct aftercare *v;
	size_t n;
	struct error e;
	json_t *a = json_array();

	error_clear(&e);
	if (store_aftercare_versions(r->app->store, episode_id, r->arena, &v, &n, &e) != ERR_OK)
		return a;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I,s:i,s:s,s:o}", "id", (json_int_t)v[i].id,
		    "version", v[i].version, "status", v[i].status ? v[i].status : "draft",
		    "client_signed_at", jtime(v[i].client_signed_at)));
	return a;
}

static json_t *
aftercare_to_json(struct req *r, const struct aftercare *p)
{
	json_t *groups = json_array(), *meds = json_array(), *o;
	char url[80];

	for (size_t i = 0; i < p->ngroups; i++) {
		int k = ac_group_find(p->groups[i].kind);

		json_array_append_new(groups, json_pack("{s:s,s:s,s:o}", "kind", p->groups[i].kind,
		    "label", k >= 0 ? ac_groups[k].label : p->groups[i].kind,
		    "details", jstr(p->groups[i].details)));
	}
	for (size_t i = 0; i < p->nmeds; i++) {
		const struct ac_medication *m = &p->meds[i];

		json_array_append_new(meds, json_pack("{s:o,s:o,s:o,s:b,s:o,s:o}",
		    "medication_id", m->medication_id ? json_integer(m->medication_id) :
		    json_null(), "name", jstr(m->name), "mat", jstr(m->mat),
		    "is_mat", m->mat != NULL && *m->mat != '\0', "prescriber", jstr(m->prescriber),
		    "next_step", jstr(m->next_step)));
	}
	snprintf(url, sizeof url, "/api/v1/aftercare-plans/%lld/print", (long long)p->id);
	o = json_pack("{s:I,s:I,s:I,s:i,s:i,s:s}", "id", (json_int_t)p->id,
	    "episode_id", (json_int_t)p->episode_id, "client_id", (json_int_t)p->client_id,
	    "version", p->version, "latest_version", p->latest_version,
	    "status", p->status ? p->status : "draft");
	json_object_set_new(o, "provider", json_pack("{s:o,s:o,s:o}", "name",
	    jstr(p->provider_name), "phone", jstr(p->provider_phone), "address",
	    jstr(p->provider_address)));
	json_object_set_new(o, "first_appointment", json_pack("{s:o,s:o,s:o}", "date",
	    jstr(p->first_appt_date), "time", jstr(p->first_appt_time), "with",
	    jstr(p->first_appt_with)));
	json_object_set_new(o, "support_groups", groups);
	json_object_set_new(o, "sober_living", json_pack("{s:o,s:o,s:o,s:o}", "status",
	    jstr(p->sober_status), "name", jstr(p->sober_name), "address",
	    jstr(p->sober_address), "move_in", jstr(p->sober_move_in)));
	json_object_set_new(o, "medications", meds);
	json_object_set_new(o, "crisis", json_pack("{s:o,s:o,s:o,s:s}", "warning_signs",
	    jstr(p->crisis_warning_signs), "coping", jstr(p->crisis_coping), "people",
	    jstr(p->crisis_people), "lifeline", AFTERCARE_LIFELINE));
	json_object_set_new(o, "notes", jstr(p->notes));
	json_object_set_new(o, "created_at", jtime(p->created_at));
	json_object_set_new(o, "updated_at", jtime(p->updated_at));
	json_object_set_new(o, "updated_by", jstr(p->updated_by_name));
	json_object_set_new(o, "client_signature", p->client_signed_at ?
	    json_pack("{s:o,s:o,s:s,s:I,s:o}", "name", jstr(p->client_signed_name),
	    "signed_at", jtime(p->client_signed_at), "via", "shared_screen",
	    "witness_id", (json_int_t)p->witness_id, "witness_name", jstr(p->witness_name)) :
	    json_null());
	json_object_set_new(o, "print_url", json_string(url));
	json_object_set_new(o, "versions", versions_json(r, p->episode_id));
	return o;
}

/* GET /vocabularies/aftercare: the support groups, sober-living states. */
void
h_aftercare_vocabulary(struct req *r)
{
	json_t *g = json_array(), *s = json_array();

	for (int i = 0; i < ACG__MAX; i++)
		json_array_append_new(g, json_pack("{s:s,s:s}", "code", ac_groups[i].code,
		    "label", ac_groups[i].label));
	for (int i = 0; i < ACS__MAX; i++)
		json_array_append_new(s, json_string(ac_sober_names[i]));
	reply_json(r, 200, json_pack("{s:o,s:o,s:s}", "support_groups", g, "sober_living", s,
	    "lifeline", AFTERCARE_LIFELINE));
}

/* The answer for a read: the plan, or the store's error (404 named). */
static void
reply_plan(struct req *r, enum err rc, const struct aftercare *p, struct error *e,
    const char *none)
{
	if (rc != ERR_OK) {
		if (e->code == ERR_NOTFOUND) {
			error_clear(e);
			error_set(e, ERR_NOTFOUND, "%s", none);
		}
		reply_error(r, e);
		return;
	}
	req_about(r, p->id, p->client_id);
	reply_json(r, 200, aftercare_to_json(r, p));
}

/* GET /clients/{id}/aftercare-plans: the newest version of each episode's
 * plan, the newest episode first (the chart's aftercare_plans part). */
void
h_aftercare_list(struct req *r)
{
	struct client c;
	struct aftercare *items;
	struct error e;
	size_t n;
	json_t *a;

	error_clear(&e);
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_aftercare_by_client(r->app->store, c.id, r->arena, &items, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, aftercare_to_json(r, &items[i]));
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", a, "total", (json_int_t)n));
}

/* GET /episodes/{id}/aftercare-plan: the newest version (404: none yet). */
void
h_aftercare_get(struct req *r)
{
	struct episode ep;
	struct aftercare p;
	struct error e;

	error_clear(&e);
	if (store_episode_get(r->app->store, r->ids[0], r->arena, &ep, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_plan(r, store_aftercare_latest(r->app->store, ep.id, r->arena, &p, &e), &p, &e,
	    "No aftercare plan for this episode yet.");
}

/* GET /aftercare-plans/{id}: that version (older ones stay readable). */
void
h_aftercare_version(struct req *r)
{
	struct aftercare p;
	struct error e;

	error_clear(&e);
	reply_plan(r, store_aftercare_get(r->app->store, r->ids[0], r->arena, &p, &e), &p, &e,
	    "Aftercare plan not found.");
}

static void
plan_after(struct req *r, int status, const struct aftercare *out)
{
	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	reply_json(r, status, aftercare_to_json(r, out));
}

static void
create_after(struct req *r)
{
	plan_after(r, 201, ((const struct aftercare_create_in *)r->op->in)->out);
}

static void
update_after(struct req *r)
{
	plan_after(r, 200, ((const struct aftercare_update_in *)r->op->in)->out);
}

static void
sign_after(struct req *r)
{
	plan_after(r, 200, ((const struct aftercare_sign_in *)r->op->in)->out);
}

static void
revise_after(struct req *r)
{
	plan_after(r, 201, ((const struct aftercare_revise_in *)r->op->in)->out);
}

/* An output record in the request's arena, or false after answering. */
static bool
out_alloc(struct req *r, struct aftercare **out)
{
	if ((*out = arena_alloc(r->arena, sizeof **out)) != NULL)
		return true;
	reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
	return false;
}

/* POST /episodes/{id}/aftercare-plan: version 1, a draft. */
void
h_aftercare_create(struct req *r)
{
	struct aftercare_create_in *in;

	if (!REQ_OP_INPUT(r, in) || !out_alloc(r, &in->out))
		return;
	in->episode_id = r->ids[0];
	req_op(r, op_aftercare_create_run, in, create_after);
}

/* ---- PATCH: the decoders of the body and its parts ---- */

#define UB(m) offsetof(struct aftercare_update_in, p.m)
#define NAME_B (AFTERCARE_NAME_MAX * 4)
#define LINE_B (AFTERCARE_LINE_MAX * 4)
#define TEXT_B (AFTERCARE_TEXT_MAX * 4)

static const struct fdef provider_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .off = UB(provider_name), .max = NAME_B },
	{ .name = "phone", .kind = FK_TEXT, .off = UB(provider_phone), .max = 40 },
	{ .name = "address", .kind = FK_TEXT, .off = UB(provider_address), .max = LINE_B },
};
const struct fdecoder dec_aftercare_provider = FDECODER("aftercare_provider",
    struct aftercare_update_in, provider_fields);

static const struct fdef first_appt_fields[] = {
	{ .name = "date", .kind = FK_TEXT, .off = UB(first_appt_date), .max = 10,
	  .msg = "must be a date written YYYY-MM-DD, or empty" },
	{ .name = "time", .kind = FK_TEXT, .off = UB(first_appt_time), .max = 5,
	  .msg = "must be a time written HH:MM (24-hour), or empty" },
	{ .name = "with", .kind = FK_TEXT, .off = UB(first_appt_with), .max = NAME_B },
};
const struct fdecoder dec_aftercare_first_appt = FDECODER("aftercare_first_appointment",
    struct aftercare_update_in, first_appt_fields);

static const struct fdef sober_fields[] = {
	{ .name = "status", .kind = FK_TEXT, .off = UB(sober_status), .max = 20,
	  .msg = "must be one of undecided, not_needed, arranged" },
	{ .name = "name", .kind = FK_TEXT, .off = UB(sober_name), .max = NAME_B },
	{ .name = "address", .kind = FK_TEXT, .off = UB(sober_address), .max = LINE_B },
	{ .name = "move_in", .kind = FK_TEXT, .off = UB(sober_move_in), .max = 10,
	  .msg = "must be a date written YYYY-MM-DD, or empty" },
};
const struct fdecoder dec_aftercare_sober = FDECODER("aftercare_sober_living",
    struct aftercare_update_in, sober_fields);

static const struct fdef crisis_fields[] = {
	{ .name = "warning_signs", .kind = FK_TEXT, .off = UB(crisis_warning_signs),
	  .max = TEXT_B },
	{ .name = "coping", .kind = FK_TEXT, .off = UB(crisis_coping), .max = TEXT_B },
	{ .name = "people", .kind = FK_TEXT, .off = UB(crisis_people), .max = TEXT_B },
};
const struct fdecoder dec_aftercare_crisis = FDECODER("aftercare_crisis",
    struct aftercare_update_in, crisis_fields);

/* The lists, borrowed from the body and decoded item by item. */
struct aftercare_body {
	struct aftercare_update_in in;
	json_t *groups, *meds;
};
#define AB(m) offsetof(struct aftercare_body, m)
static const struct fdef aftercare_fields[] = {
	{ .name = "provider", .kind = FK_OBJECT, .sub = &dec_aftercare_provider },
	{ .name = "first_appointment", .kind = FK_OBJECT, .sub = &dec_aftercare_first_appt },
	{ .name = "support_groups", .kind = FK_JSON, .off = AB(groups) },
	{ .name = "sober_living", .kind = FK_OBJECT, .sub = &dec_aftercare_sober },
	{ .name = "medications", .kind = FK_JSON, .off = AB(meds) },
	{ .name = "crisis", .kind = FK_OBJECT, .sub = &dec_aftercare_crisis },
	{ .name = "notes", .kind = FK_TEXT, .off = AB(in.p.notes), .max = TEXT_B },
};
const struct fdecoder dec_aftercare_update = FDECODER("aftercare_update",
    struct aftercare_body, aftercare_fields);
#undef UB

#define GB(m) offsetof(struct ac_support_group, m)
static const struct fdef group_fields[] = {
	{ .name = "kind", .kind = FK_TEXT, .off = GB(kind), .flags = FD_REQUIRED, .max = 40 },
	{ .name = "details", .kind = FK_TEXT, .off = GB(details), .max = LINE_B },
};
#undef GB
const struct fdecoder dec_aftercare_group = FDECODER("aftercare_group",
    struct ac_support_group, group_fields);

#define MB(m) offsetof(struct ac_medication, m)
static const struct fdef med_fields[] = {
	{ .name = "medication_id", .kind = FK_INT, .off = MB(medication_id), .flags = FD_NULL,
	  .min = 1, .max = INT64_MAX },
	{ .name = "name", .kind = FK_TEXT, .off = MB(name), .flags = FD_REQUIRED, .max = NAME_B },
	{ .name = "mat", .kind = FK_TEXT, .off = MB(mat), .max = 40 },
	{ .name = "prescriber", .kind = FK_TEXT, .off = MB(prescriber), .max = NAME_B },
	{ .name = "next_step", .kind = FK_TEXT, .off = MB(next_step), .max = LINE_B },
};
#undef MB
const struct fdecoder dec_aftercare_med = FDECODER("aftercare_medication",
    struct ac_medication, med_fields);

/* A list of at most max objects decoded by d into an arena array. */
static void *
list_decode(json_t *v, const char *name, size_t max, const struct fdecoder *d, size_t size,
    struct arena *a, size_t *n, struct error *e)
{
	char f[64];
	char *out;

	*n = 0;
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		error_field(e, name, "must be a list");
		return NULL;
	}
	if (json_array_size(v) > max) {
		error_field(e, name, "may hold at most %zu items", max);
		return NULL;
	}
	if (json_array_size(v) == 0)
		return NULL;
	if ((out = arena_alloc(a, json_array_size(v) * size)) == NULL) {
		error_set(e, ERR_TOOLARGE, "The request is too large.");
		return NULL;
	}
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *x = json_array_get(v, i);

		snprintf(f, sizeof f, "%s[%zu]", name, i);
		if (!json_is_object(x)) {
			error_field(e, f, "must be an object");
			continue;
		}
		fdecode(d, x, a, out + i * size, NULL, e, f);
	}
	*n = json_array_size(v);
	return out;
}

/* PATCH /aftercare-plans/{id}: the parts given replace the draft's. */
void
h_aftercare_patch(struct req *r)
{
	struct aftercare_update_in *in;
	struct aftercare_body b;
	struct error e;
	fset given = 0;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in) || !out_alloc(r, &in->out))
		return;
	memset(&b, 0, sizeof b);
	error_clear(&e);
	fdecode(&dec_aftercare_update, o, r->arena, &b, &given, &e, NULL);
	b.in.p.groups = list_decode(b.groups, "support_groups", AFTERCARE_GROUPS_MAX,
	    &dec_aftercare_group, sizeof(struct ac_support_group), r->arena, &b.in.p.ngroups, &e);
	b.in.p.meds = list_decode(b.meds, "medications", AFTERCARE_MEDS_MAX, &dec_aftercare_med,
	    sizeof(struct ac_medication), r->arena, &b.in.p.nmeds, &e);
	if (e.code == ERR_OK && json_object_size(o) == 0)
		error_set(&e, ERR_INVALID, "Name at least one part of the plan to change.");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	b.in.groups_given = fset_has(&dec_aftercare_update, given, "support_groups");
	b.in.meds_given = fset_has(&dec_aftercare_update, given, "medications");
	b.in.id = r->ids[0];
	b.in.out = in->out;
	*in = b.in;
	req_op(r, op_aftercare_update_run, in, update_after);
}

#define SB(m) offsetof(struct aftercare_sign_in, m)
static const struct fdef sign_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .off = SB(name), .flags = FD_REQUIRED,
	  .max = AFTERCARE_SIGN_NAME_MAX * 4 },
	{ .name = "agree", .kind = FK_BOOL, .off = SB(agree), .flags = FD_REQUIRED },
};
#undef SB
const struct fdecoder dec_aftercare_sign = FDECODER("aftercare_sign",
    struct aftercare_sign_in, sign_fields);

/* POST /aftercare-plans/{id}/sign {"name","agree":true}: the client signs. */
void
h_aftercare_sign(struct req *r)
{
	struct aftercare_sign_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in) || !out_alloc(r, &in->out))
		return;
	error_clear(&e);
	in->id = r->ids[0];
	fdecode(&dec_aftercare_sign, o, r->arena, in, NULL, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_aftercare_sign_run, in, sign_after);
}

/* POST /aftercare-plans/{id}/revise: a new version, a draft. */
void
h_aftercare_revise(struct req *r)
{
	struct aftercare_revise_in *in;

	if (!REQ_OP_INPUT(r, in) || !out_alloc(r, &in->out))
		return;
	in->id = r->ids[0];
	req_op(r, op_aftercare_revise_run, in, revise_after);
}

/* GET /aftercare-plans/{id}/print: the client's copy, as a page to print. */
void
h_aftercare_print(struct req *r)
{
	struct aftercare p;
	struct episode ep;
	struct client c;
	struct program prog;
	struct site site;
	struct aftercare_print pr;
	struct error e;
	struct buf b;
	struct tz *z;
	char today[11], signed_on[11] = "";
	const char *first;

	error_clear(&e);
	if (store_aftercare_get(r->app->store, r->ids[0], r->arena, &p, &e) != ERR_OK ||
	    store_episode_get(r->app->store, p.episode_id, r->arena, &ep, &e) != ERR_OK ||
	    store_client_get(r->app->store, p.client_id, r->arena, &c, &e) != ERR_OK ||
	    store_site_get(r->app->store, ep.site_id, r->arena, &site, &e) != ERR_OK) {
		if (e.code == ERR_NOTFOUND) {
			error_clear(&e);
			error_set(&e, ERR_NOTFOUND, "Aftercare plan not found.");
		}
		reply_error(r, &e);
		return;
	}
	req_about(r, p.id, p.client_id);
	/* A program whose details were never saved is named in general words. */
	memset(&prog, 0, sizeof prog);
	if (store_program_get(r->app->store, r->arena, &prog, &e) != ERR_OK)
		error_clear(&e);
	/* The site's days: today, and the day the client signed. */
	date_format(date_from_unix(r->now), today);
	if ((z = tz_open(site.timezone)) != NULL) {
		date_format(local_date(z, r->now), today);
		if (p.client_signed_at)
			date_format(local_date(z, p.client_signed_at), signed_on);
	}
	free(z);
	memset(&pr, 0, sizeof pr);
	first = c.preferred_name != NULL && *c.preferred_name ? c.preferred_name : c.first_name;
	pr.client_name = arena_printf(r->arena, "%s %s", first ? first : "",
	    c.last_name ? c.last_name : "");
	pr.program_name = prog.name != NULL && *prog.name ? prog.name : "Your treatment program";
	pr.program_phone = prog.phone != NULL && *prog.phone ? prog.phone : site.phone;
	pr.discharged_on = ep.discharged_on ? ep.discharged_on : "";
	pr.printed_on = today;
	pr.signed_on = signed_on;
	if (pr.client_name == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	buf_init(&b, PRINT_MAX);
	if (!aftercare_html(&p, &pr, PRINT_CSS, &b)) {
		buf_free(&b);
		reply_err(r, ERR_NOMEM, "The printable page could not be made.");
		return;
	}
	reply_owned(r, 200, "text/html; charset=utf-8", b.data, b.len);
}

/*
 * api_casemgmt.c — case management: the program's resources (an address
 * book of outside organisations), a client's needs by domain (legal with
 * the lawyer, probation or parole officer), court dates, referrals to
 * resources with their status history, and what is due for the case
 * manager (referral follow-ups due, court dates within a week).
 *
 * The rules are core/casemgmt.c; the writes ops/casemgmt.c.  A referral
 * packet leaves the program only through the one release path, POST
 * /clients/{id}/disclosures (api_consents.c): nothing here releases.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/schedule.h"
#include "core/validate.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "lib/timeutil.h"
#include "lib/tz.h"
#include "ops/casemgmt.h"

static json_t *
words_json(const struct cm_word *v, int n, int from)
{
	json_t *a = json_array();

	for (int i = from; i < n; i++)
		json_array_append_new(a, json_pack("{s:s,s:s}", "code", v[i].code, "label",
		    v[i].label));
	return a;
}

static json_t *
opt_text(const char *s)
{
	return s != NULL && *s ? json_string(s) : json_null();
}

/* GET /vocabularies/case-management */
void
h_casemgmt_vocabulary(struct req *r)
{
	reply_json(r, 200, json_pack("{s:o,s:o,s:o,s:o,s:o,s:i}",
	    "domains", words_json(cm_domains, CMD__MAX, 0),
	    "need_statuses", words_json(cm_need_statuses, CMN__MAX, 0),
	    "resource_kinds", words_json(cm_resource_kinds, CMK__MAX, 0),
	    "referral_statuses", words_json(cm_referral_statuses, CMR__MAX, 0),
	    "officer_kinds", words_json(cm_officer_kinds, CMO__MAX, 1),
	    "court_ahead_days", CM_COURT_AHEAD_DAYS));
}

/* ---- resources ------------------------------------------------------------ */

static json_t *
resource_to_json(const struct cm_resource *x)
{
	return json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:o,s:o}",
	    "id", (json_int_t)x->id, "name", jstr(x->name), "kind", jstr(x->kind),
	    "address", jstr(x->address), "phone", jstr(x->phone), "email", jstr(x->email),
	    "website", jstr(x->website), "notes", jstr(x->notes), "active", x->active,
	    "created_at", jtime(x->created_at), "updated_at", jtime(x->updated_at));
}

/* GET /resources?q=&kind=&include_inactive=true */
void
h_resources_list(struct req *r)
{
	const char *q = req_query(r, "q"), *kind = req_query(r, "kind");
	const char *all = req_query(r, "include_inactive");
	struct cm_resource *items;
	struct error e;
	struct page pg;
	int64_t total;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (q != NULL && strlen(q) > 200)
		error_field(&e, "q", "must be 200 characters or fewer");
	if (kind != NULL && *kind && cm_resource_kind_find(kind) < 0)
		error_field(&e, "kind", "must be one of legal_aid, housing, medical_clinic, "
		    "food_bank, employment, transport, childcare, mutual_help, other");
	if (all != NULL && *all && strcmp(all, "true") != 0 && strcmp(all, "false") != 0)
		error_field(&e, "include_inactive", "must be true or false");
	if (e.code != ERR_OK || store_cm_resource_search(r->app->store, q ? q : "",
	    kind ? kind : "", all != NULL && strcmp(all, "true") == 0, pg, r->arena, &items, &n,
	    &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, resource_to_json, total);
}

GET_ONE(h_resource_get, struct cm_resource, store_cm_resource_get, resource_to_json)

#define RS(m) offsetof(struct cm_resource, m)
/* In the order of enum cm_resource_field.  Name and kind are required of
 * a new resource by cm_resource_check, not here: a change names only what
 * changes. */
static const struct fdef resource_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .off = RS(name), .max = 800 },
	{ .name = "kind", .kind = FK_TEXT, .off = RS(kind), .max = 40 },
	{ .name = "address", .kind = FK_TEXT, .off = RS(address), .max = 2000 },
	{ .name = "phone", .kind = FK_TEXT, .off = RS(phone), .max = 80 },
	{ .name = "email", .kind = FK_TEXT, .off = RS(email), .max = 1000 },
	{ .name = "website", .kind = FK_TEXT, .off = RS(website), .max = 1200 },
	{ .name = "notes", .kind = FK_TEXT, .off = RS(notes), .max = 8000 },
	{ .name = "active", .kind = FK_BOOL, .off = RS(active) },
};
#undef RS
const struct fdecoder dec_cm_resource = FDECODER("cm_resource", struct cm_resource,
    resource_fields);

OP_AFTER(resource_created, struct cm_resource_in, resource_to_json, 201)
OP_AFTER(resource_updated, struct cm_resource_in, resource_to_json, 200)

static void
resource_blank(struct cm_resource *x)
{
	x->name = x->kind = x->address = x->phone = x->email = x->website = x->notes = "";
	x->active = true;
}

void
h_resource_create(struct req *r)
{
	struct cm_resource_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	resource_blank(&in->set);
	if (!fdecode(&dec_cm_resource, o, r->arena, &in->set, NULL, &e, NULL) ||
	    cm_resource_check(&in->set, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_cm_resource_create_run, in, resource_created);
}

void
h_resource_patch(struct req *r)
{
	struct cm_resource_in *in;
	struct error e;
	fset given;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	resource_blank(&in->set);
	fdecode(&dec_cm_resource, o, r->arena, &in->set, &given, &e, NULL);
	if (e.code == ERR_OK && given == 0)
		error_set(&e, ERR_INVALID, "Name at least one field to change.");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	in->fields = (unsigned)given;
	req_op(r, op_cm_resource_update_run, in, resource_updated);
}

/* ---- a client's case management -------------------------------------------- */

static json_t *
need_to_json(const char *domain, const char *label, const struct cm_need *n)
{
	return json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "domain", domain, "label", label,
	    "status", n ? json_string(n->status) : json_null(),
	    "notes", jstr(n ? n->notes : ""),
	    "lawyer_name", jstr(n ? n->lawyer_name : ""),
	    "lawyer_phone", jstr(n ? n->lawyer_phone : ""),
	    "officer_kind", opt_text(n ? n->officer_kind : ""),
	    "officer_name", jstr(n ? n->officer_name : ""),
	    "officer_phone", jstr(n ? n->officer_phone : ""),
	    "episode_id", n && n->episode_id ? json_integer(n->episode_id) : json_null(),
	    "updated_at", jtime(n ? n->updated_at : 0),
	    "updated_by_name", n ? jstr(n->updated_by_name) : json_null());
}

static json_t *
court_to_json(const struct cm_court_date *d)
{
	return json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)d->id, "client_id", (json_int_t)d->client_id,
	    "date", jstr(d->on_date), "court", jstr(d->court), "purpose", jstr(d->purpose),
	    "created_at", jtime(d->created_at), "created_by_name", jstr(d->created_by_name),
	    "removed_at", jtime(d->removed_at));
}

static json_t *
next_json(const char *status)
{
	json_t *a = json_array();
	int from = cm_referral_status_find(status);

	for (int to = 0; from >= 0 && to < CMR__MAX; to++)
		if (cm_referral_next_ok((enum cm_referral_status)from, (enum cm_referral_status)to))
			json_array_append_new(a, json_string(cm_referral_statuses[to].code));
	return a;
}

static json_t *
referral_to_json(const struct cm_referral *f, const struct cm_referral_change *h, size_t nh)
{
	json_t *hist = json_array();

	for (size_t i = 0; i < nh; i++)
		if (h[i].referral_id == f->id)
			json_array_append_new(hist, json_pack("{s:o,s:o,s:o,s:o}",
			    "status", jstr(h[i].status), "note", jstr(h[i].note),
			    "changed_at", jtime(h[i].changed_at),
			    "changed_by_name", jstr(h[i].changed_by_name)));
	return json_pack("{s:I,s:I,s:I,s:{s:o,s:o,s:o,s:o},s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)f->id, "client_id", (json_int_t)f->client_id,
	    "resource_id", (json_int_t)f->resource_id,
	    "resource", "name", jstr(f->resource_name), "kind", jstr(f->resource_kind),
	    "phone", jstr(f->resource_phone), "email", jstr(f->resource_email),
	    "domain", jstr(f->domain), "status", jstr(f->status),
	    "follow_up_on", opt_text(f->follow_up_on), "notes", jstr(f->notes),
	    "made_at", jtime(f->made_at), "made_by_name", jstr(f->made_by_name),
	    "updated_at", jtime(f->updated_at), "next", next_json(f->status),
	    "history", hist);
}

/* GET /clients/{id}/case-management: needs (one per domain, status null when
 * not assessed), court dates and referrals with their history. */
void
h_client_casemgmt(struct req *r)
{
	struct store *s = r->app->store;
	struct client c;
	struct cm_need *needs;
	struct cm_court_date *courts;
	struct cm_referral *refs;
	struct cm_referral_change *hist;
	size_t nn, nc, nr, nh;
	struct error e;
	json_t *jn, *jc, *jr;

	error_clear(&e);
	if (store_client_get(s, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_cm_needs(s, NULL, c.id, r->arena, &needs, &nn, &e) != ERR_OK ||
	    store_cm_courts(s, NULL, c.id, r->arena, &courts, &nc, &e) != ERR_OK ||
	    store_cm_referrals(s, NULL, c.id, r->arena, &refs, &nr, &e) != ERR_OK ||
	    store_cm_referral_changes(s, NULL, c.id, r->arena, &hist, &nh, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	jn = json_array();
	for (int d = 0; d < CMD__MAX; d++) {
		const struct cm_need *found = NULL;
		for (size_t i = 0; i < nn; i++)
			if (strcmp(needs[i].domain, cm_domains[d].code) == 0)
				found = &needs[i];
		json_array_append_new(jn, need_to_json(cm_domains[d].code, cm_domains[d].label,
		    found));
	}
	jc = json_array();
	for (size_t i = 0; i < nc; i++)
		json_array_append_new(jc, court_to_json(&courts[i]));
	jr = json_array();
	for (size_t i = 0; i < nr; i++)
		json_array_append_new(jr, referral_to_json(&refs[i], hist, nh));
	reply_json(r, 200, json_pack("{s:I,s:o,s:o,s:o}", "client_id", (json_int_t)c.id,
	    "needs", jn, "court_dates", jc, "referrals", jr));
}

/* ---- needs ---------------------------------------------------------------- */

#define ND(m) offsetof(struct cm_need, m)
static const struct fdef need_fields[] = {
	{ .name = "status", .kind = FK_TEXT, .off = ND(status), .flags = FD_REQUIRED, .max = 40 },
	{ .name = "notes", .kind = FK_TEXT, .off = ND(notes), .max = 8000 },
	{ .name = "lawyer_name", .kind = FK_TEXT, .off = ND(lawyer_name), .max = 800 },
	{ .name = "lawyer_phone", .kind = FK_TEXT, .off = ND(lawyer_phone), .max = 80 },
	{ .name = "officer_kind", .kind = FK_TEXT, .off = ND(officer_kind), .max = 40 },
	{ .name = "officer_name", .kind = FK_TEXT, .off = ND(officer_name), .max = 800 },
	{ .name = "officer_phone", .kind = FK_TEXT, .off = ND(officer_phone), .max = 80 },
};
#undef ND
const struct fdecoder dec_cm_need = FDECODER("cm_need", struct cm_need, need_fields);

static void
need_after(struct req *r)
{
	const struct cm_need_in *in = r->op->in;
	int d;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	d = cm_domain_find(in->out->domain);
	reply_json(r, 200, need_to_json(in->out->domain, d >= 0 ? cm_domains[d].label : "",
	    in->out));
}

/* PUT /clients/{id}/needs/{code}: the need of one domain, as assessed now. */
void
h_need_put(struct req *r)
{
	struct cm_need_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->n.status = in->n.notes = in->n.lawyer_name = in->n.lawyer_phone = "";
	in->n.officer_kind = in->n.officer_name = in->n.officer_phone = "";
	if (cm_domain_find(r->code_param) < 0)
		error_field(&e, "domain", "must be one of legal, medical, housing, financial, "
		    "employment_education, transport, childcare (the last part of the path)");
	fdecode(&dec_cm_need, o, r->arena, &in->n, NULL, &e, NULL);
	in->n.client_id = r->ids[0];
	in->n.domain = arena_strdup(r->arena, r->code_param);
	if (e.code == ERR_OK)
		cm_need_check(&in->n, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_cm_need_set_run, in, need_after);
}

/* ---- court dates ---------------------------------------------------------- */

#define CD(m) offsetof(struct cm_court_date, m)
static const struct fdef court_fields[] = {
	{ .name = "date", .kind = FK_DATE_TEXT, .off = CD(on_date), .flags = FD_REQUIRED },
	{ .name = "court", .kind = FK_TEXT, .off = CD(court), .flags = FD_REQUIRED, .max = 800 },
	{ .name = "purpose", .kind = FK_TEXT, .off = CD(purpose), .max = 2000 },
};
#undef CD
const struct fdecoder dec_cm_court = FDECODER("cm_court_date", struct cm_court_date,
    court_fields);

OP_AFTER(court_added, struct cm_court_in, court_to_json, 201)
OP_AFTER(court_removed, struct cm_court_in, court_to_json, 200)

void
h_court_create(struct req *r)
{
	struct cm_court_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->d.on_date = in->d.court = in->d.purpose = "";
	fdecode(&dec_cm_court, o, r->arena, &in->d, NULL, &e, NULL);
	if (text_blank(in->d.court))
		error_field(&e, "court", "is required: the court's name (and room)");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->d.client_id = r->ids[0];
	req_op(r, op_cm_court_add_run, in, court_added);
}

void
h_court_remove(struct req *r)
{
	struct cm_court_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->id = r->ids[0];
	req_op(r, op_cm_court_remove_run, in, court_removed);
}

/* ---- referrals ------------------------------------------------------------ */

/* The referral with its history, read after the write is committed. */
static void
referral_after(struct req *r, int status)
{
	const struct cm_referral_in *in = r->op->in;
	struct cm_referral_change *hist = NULL;
	size_t nh = 0;
	struct error e;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	error_clear(&e);
	if (store_cm_referral_changes(r->app->store, NULL, in->out->client_id, r->arena, &hist,
	    &nh, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, status, referral_to_json(in->out, hist, nh));
}

static void
referral_created(struct req *r)
{
	referral_after(r, 201);
}

static void
referral_changed(struct req *r)
{
	referral_after(r, 200);
}

struct referral_body {
	int64_t resource_id;
	const char *domain, *follow_up_on, *notes, *status, *note;
};
#define RB(m) offsetof(struct referral_body, m)
static const struct fdef referral_fields[] = {
	{ .name = "resource_id", .kind = FK_INT, .off = RB(resource_id), .flags = FD_REQUIRED,
	  .min = 1, .max = INT64_MAX, .msg = "must be the id of a resource of the address book" },
	{ .name = "domain", .kind = FK_TEXT, .off = RB(domain), .flags = FD_REQUIRED, .max = 40 },
	{ .name = "follow_up_on", .kind = FK_DATE_TEXT, .off = RB(follow_up_on),
	  .flags = FD_NULL },
	{ .name = "notes", .kind = FK_TEXT, .off = RB(notes), .max = 8000 },
};
static const struct fdef referral_status_fields[] = {
	{ .name = "status", .kind = FK_TEXT, .off = RB(status), .flags = FD_REQUIRED, .max = 40 },
	{ .name = "note", .kind = FK_TEXT, .off = RB(note), .max = 2000 },
	{ .name = "follow_up_on", .kind = FK_DATE_TEXT, .off = RB(follow_up_on),
	  .flags = FD_NULL },
};
/* follow_up_on first, notes second: the bits read below. */
static const struct fdef referral_patch_fields[] = {
	{ .name = "follow_up_on", .kind = FK_DATE_TEXT, .off = RB(follow_up_on),
	  .flags = FD_NULL },
	{ .name = "notes", .kind = FK_TEXT, .off = RB(notes), .max = 8000 },
};
#undef RB
const struct fdecoder dec_cm_referral = FDECODER("cm_referral", struct referral_body,
    referral_fields);
const struct fdecoder dec_cm_referral_status = FDECODER("cm_referral_status",
    struct referral_body, referral_status_fields);
const struct fdecoder dec_cm_referral_patch = FDECODER("cm_referral_patch",
    struct referral_body, referral_patch_fields);

void
h_referral_create(struct req *r)
{
	struct cm_referral_in *in;
	struct referral_body b = { 0, "", "", "", "", "" };
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	fdecode(&dec_cm_referral, o, r->arena, &b, NULL, &e, NULL);
	if (*b.domain && cm_domain_find(b.domain) < 0)
		error_field(&e, "domain", "must be one of legal, medical, housing, financial, "
		    "employment_education, transport, childcare");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->f.client_id = r->ids[0];
	in->f.resource_id = b.resource_id;
	in->f.domain = b.domain;
	in->f.follow_up_on = b.follow_up_on;
	in->f.notes = b.notes;
	req_op(r, op_cm_referral_create_run, in, referral_created);
}

void
h_referral_status(struct req *r)
{
	struct cm_referral_in *in;
	struct referral_body b = { 0, "", "", "", "", "" };
	struct error e;
	fset given;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	fdecode(&dec_cm_referral_status, o, r->arena, &b, &given, &e, NULL);
	if (*b.status && (cm_referral_status_find(b.status) <= CMR_MADE))
		error_field(&e, "status", "must be accepted, completed or declined");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	in->f.status = b.status;
	in->note = b.note;
	in->f.follow_up_on = b.follow_up_on;
	in->follow_up_given = fset_has(&dec_cm_referral_status, given, "follow_up_on");
	req_op(r, op_cm_referral_status_run, in, referral_changed);
}

void
h_referral_patch(struct req *r)
{
	struct cm_referral_in *in;
	struct referral_body b = { 0, "", "", "", "", "" };
	struct error e;
	fset given = 0;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	fdecode(&dec_cm_referral_patch, o, r->arena, &b, &given, &e, NULL);
	if (e.code == ERR_OK && given == 0)
		error_set(&e, ERR_INVALID, "Name at least one field to change: follow_up_on or "
		    "notes.");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	in->f.follow_up_on = b.follow_up_on;
	in->f.notes = b.notes;
	in->follow_up_given = fset_has(&dec_cm_referral_patch, given, "follow_up_on");
	in->notes_given = fset_has(&dec_cm_referral_patch, given, "notes");
	req_op(r, op_cm_referral_update_run, in, referral_changed);
}

/* ---- what is due ---------------------------------------------------------- */

/* GET /case-management/due?mine=true: open referrals whose follow-up is due
 * (today or past) and court dates within CM_COURT_AHEAD_DAYS days, each by
 * the day at the client's site, the soonest first; mine: my clients (I am
 * the case manager of their open episode) and the referrals I made. */
void
h_casemgmt_due(struct req *r)
{
	const char *mine = req_query(r, "mine");
	struct cm_due_row *rows;
	struct zones zs = { 0 };
	struct error e;
	char upto[11], from[11], court_upto[11];
	size_t n, m = 0;
	json_t *arr;
	struct buf ids;

	error_clear(&e);
	if (mine != NULL && *mine && strcmp(mine, "true") != 0 && strcmp(mine, "false") != 0) {
		error_field(&e, "mine", "must be true or false");
		reply_error(r, &e);
		return;
	}
	/* A day either side of UTC covers every zone's today. */
	date_format(date_from_unix(r->now + 86400), upto);
	date_format(date_from_unix(r->now - 86400), from);
	date_format(date_from_unix(r->now + (CM_COURT_AHEAD_DAYS + 1) * 86400), court_upto);
	if (store_cm_due(r->app->store, upto, from, court_upto,
	    mine != NULL && strcmp(mine, "true") == 0 ? r->sess.staff_id : 0, r->arena, &rows, &n,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	arr = json_array();
	buf_init(&ids, 0);
	buf_puts(&ids, "ids=");
	for (size_t i = 0; i < n; i++) {
		const struct cm_due_row *w = &rows[i];
		int64_t today = day_in(&zs, w->timezone, r->now);
		bool court = strcmp(w->kind, "court_date") == 0;
		int st = cm_referral_status_find(w->status);
		struct date d;

		if (court ? !cm_court_due(w->on_date, today) :
		    st < 0 || !cm_referral_due((enum cm_referral_status)st, w->on_date, today))
			continue;
		if (!date_parse(w->on_date, &d))
			continue;
		json_array_append_new(arr, json_pack("{s:s,s:I,s:I,s:s,s:I,s:o,s:o,s:o,"
		    "s:{s:o,s:o,s:o,s:o}}",
		    "kind", w->kind, "id", (json_int_t)w->id, "client_id", (json_int_t)w->client_id,
		    "date", w->on_date, "days", (json_int_t)(date_days(d) - today),
		    "title", jstr(w->title), "detail", jstr(w->detail),
		    "status", opt_text(w->status),
		    "client", "mrn", jstr(w->client_mrn), "first_name", jstr(w->client_first),
		    "last_name", jstr(w->client_last), "preferred_name", jstr(w->client_preferred)));
		buf_printf(&ids, "%s%s:%lld", m ? "," : "", court ? "court" : "referral",
		    (long long)w->id);
		req_listed(r, w->client_id);
		m++;
	}
	zones_free(&zs);
	if (m == 0)
		buf_puts(&ids, "none");
	req_audit_as(r, NULL, buf_cstr(&ids));
	buf_free(&ids);
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)m));
}

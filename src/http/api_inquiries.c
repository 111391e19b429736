/*
 * api_inquiries.c — the admissions board: inquiries by status, a phone
 * intake, moves along the pipeline (assign, contacted, referred elsewhere,
 * closed with a reason), and conversion into a client record built from
 * what was captured — or linked to a returning client.
 *
 * An inquiry is health information before it is a client: every read and
 * change is audited (a list names the ids it returned).  Conversion also
 * turns the insurance given on the inquiry into the client's coverage, in
 * the same change; details that make no valid coverage never stop it.
 * The rules are core/inquiry.c's and the writes src/ops/inquiry.c's; this
 * file decodes, reads and answers.
 */
#include <stdio.h>
#include <string.h>

#include "core/client.h"
#include "core/inquiry.h"
#include "core/validate.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "lib/buf.h"
#include "ops/inquiry.h"

void inquiry_from_json(json_t *o, struct inquiry *q, struct arena *a, struct error *e);

static json_t *
inquiry_to_json(const struct inquiry *q)
{
	json_error_t je;
	json_t *subs = json_loads(q->substances_json ? q->substances_json : "[]", 0, &je);
	json_t *ins = json_null();

	if (subs == NULL || !json_is_array(subs)) {
		json_decref(subs);
		subs = json_array();
	}
	if (q->has_insurance)
		ins = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "payer", jstr(q->ins.payer),
		    "member_id", jstr(q->ins.member_id), "group_number",
		    jstr(q->ins.group_number), "subscriber_name", jstr(q->ins.subscriber_name),
		    "subscriber_dob", jdate(q->ins.subscriber_dob), "relationship",
		    jstr(q->ins.relationship));
	return json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:b,s:b,s:o,s:s,s:o,s:o,s:o,s:s,s:o,s:o,"
	    "s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)q->id,
	    "kind", inquiry_kind_name(q->kind),
	    "status", inquiry_status_name(q->status),
	    "name", jstr(q->name), "phone", jstr(q->phone), "email", jstr(q->email),
	    "ok_voicemail", q->ok_voicemail, "ok_text", q->ok_text,
	    "best_time", jstr(q->best_time),
	    "for_whom", q->for_other ? "other" : "self",
	    "caller_name", jstr(q->caller_name),
	    "caller_relationship", jstr(q->caller_relationship),
	    "substances", subs,
	    "urgency", urgency_name(q->urgency),
	    "message", jstr(q->message),
	    "insurance", ins,
	    "source", jstr(q->source),
	    "referral_source", jstr(q->referral_source),
	    "assigned_to", q->assigned_to ? json_integer(q->assigned_to) : json_null(),
	    "client_id", q->client_id ? json_integer(q->client_id) : json_null(),
	    "referred_to", jstr(q->referred_to),
	    "close_reason", jstr(q->close_reason),
	    "created_at", jtime(q->created_at),
	    "updated_at", jtime(q->updated_at));
}

void
h_inquiries_list(struct req *r)
{
	const char *status = req_query(r, "status");
	enum inquiry_status st;
	struct inquiry *items;
	struct page pg;
	struct error e;
	int64_t total, client_id = 0;
	size_t n;

	error_clear(&e);
	if (status != NULL && *status != '\0' && !inquiry_status_parse(status, &st))
		error_field(&e, "status", "must be one of new, contacted, screening_scheduled, "
		    "screened, admitted, referred, closed");
	req_query_int(r, "client_id", 1, INT64_MAX, &client_id, &e,
	    "must be a client id (a whole number from 1)");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (!req_page(r, &pg))
		return;
	if ((client_id != 0 ? store_inquiry_list_client(r->app->store, client_id,
	    status ? status : "", pg, r->arena, &items, &n, &total, &e) :
	    store_inquiry_list(r->app->store, status ? status : "", pg, r->arena, &items, &n,
	    &total, &e)) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list_audited(r, items, n, inquiry_to_json, total, id, client_id);
	/* One client's inquiries read are a read of that client: on their trail. */
	if (client_id != 0 && n > 0)
		req_about(r, 0, client_id);
}

/*
 * What the board polls: the newest id and the last change, no one's details
 * — so it is not an access to client data and writes no audit row; the
 * board reads the (audited) list only when one of the two moved.
 */
void
h_inquiries_latest(struct req *r)
{
	int64_t id, at, rev;
	struct error e;

	error_clear(&e);
	if (store_inquiry_latest(r->app->store, &id, &at, &rev, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, json_pack("{s:I,s:o,s:I}", "latest_id", (json_int_t)id, "changed_at",
	    jtime(at), "revision", (json_int_t)rev));
}

void
h_inquiry_get(struct req *r)
{
	struct inquiry q;
	struct error e;

	error_clear(&e);
	if (store_inquiry_get(r->app->store, r->ids[0], r->arena, &q, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, q.id, q.client_id);
	reply_json(r, 200, inquiry_to_json(&q));
}

/* ---- phone intake ---------------------------------------------------------- */

OP_AFTER(create_after, struct inquiry_create_in, inquiry_to_json, 201)

void
h_inquiries_create(struct req *r)
{
	struct inquiry_create_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	inquiry_from_json(o, &in->q, r->arena, &e);
	if (json_object_get(o, "website") != NULL)
		error_field(&e, "website", "is not a known field");
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		inquiry_validate_new(&in->q, date_from_unix(r->now), &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->q.source = in->q.kind == INQ_PHONE ? "phone" : "staff";
	req_audit_as(r, NULL, in->q.source);
	req_op(r, op_inquiry_create_run, in, create_after);
}

/* ---- moves on the board ------------------------------------------------------ */

static const char *const patch_keys[] = {
	"status", "assigned_to", "referral_source", "referred_to", "close_reason", NULL
};

OP_AFTER(patch_after, struct inquiry_patch_in, inquiry_to_json, 200)

/* A present string field onto *out, with its bit in *present. */
static void
patch_str(json_t *o, const char *key, unsigned bit, struct req *r, const char **out,
    unsigned *present, struct error *e)
{
	if (json_object_get(o, key) == NULL)
		return;
	if (jfield_str(o, key, r->arena, out, e, NULL) && *out != NULL)
		*present |= bit;
}

void
h_inquiry_patch(struct req *r)
{
	struct inquiry_patch_in *in;
	const char *status = NULL;
	struct error e;
	json_t *o, *v;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	if (!json_only_keys(o, patch_keys, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	if (jfield_str(o, "status", r->arena, &status, &e, NULL) && status != NULL) {
		if (inquiry_status_parse(status, &in->status))
			in->present |= INQ_PATCH_STATUS;
		else
			error_field(&e, "status", "must be one of new, contacted, "
			    "screening_scheduled, screened, admitted, referred, closed");
	}
	patch_str(o, "referral_source", INQ_PATCH_REFERRAL_SOURCE, r, &in->referral_source,
	    &in->present, &e);
	patch_str(o, "referred_to", INQ_PATCH_REFERRED_TO, r, &in->referred_to, &in->present,
	    &e);
	patch_str(o, "close_reason", INQ_PATCH_CLOSE_REASON, r, &in->close_reason,
	    &in->present, &e);
	if ((v = json_object_get(o, "assigned_to")) != NULL) {
		in->present |= INQ_PATCH_ASSIGNED_TO;
		if (json_is_null(v))
			in->assigned_to = 0;
		else if (json_is_integer(v) && json_integer_value(v) > 0)
			in->assigned_to = json_integer_value(v);
		else
			error_field(&e, "assigned_to", "must be a staff id or null");
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_inquiry_patch_run, in, patch_after);
}

/* ---- conversion into a client --------------------------------------------- */

static const char *const convert_keys[] = {
	"first_name", "last_name", "dob", "sex", "link_client_id", "allow_duplicate",
	"caller_is_guardian", "guardian", NULL
};
static const char *const guardian_keys[] = {
	"name", "relationship", "phone", "email", NULL
};

static void
convert_after(struct req *r)
{
	const struct inquiry_convert_in *in = r->op->in;
	const struct inquiry_convert_out *out = in->out;
	json_t *o;

	if (r->job.result == ERR_DUPLICATE) {
		reply_duplicates(r, &r->job.err, out->dupes, out->ndupes);
		return;
	}
	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	o = inquiry_to_json(&out->q);
	json_object_set_new(o, "coverage_id", out->cov.id ? json_integer(out->cov.id) :
	    json_null());
	json_object_set_new(o, "coverage_skipped", out->coverage_skipped ?
	    json_string(out->coverage_skipped) : json_null());
	reply_json(r, 200, o);
}

/* The guardian named in a conversion, onto in (fields named guardian.x). */
static void
guardian_from_json(json_t *g, struct inquiry_convert_in *in, struct arena *a,
    struct error *e)
{
	struct contact *ct = &in->guardian;
	struct error ge;
	size_t i;

	if (!json_is_object(g)) {
		error_field(e, "guardian", "must be an object");
		return;
	}
	in->has_guardian = true;
	memset(ct, 0, sizeof *ct);
	ct->name = ct->relationship = ct->phone = ct->email = ct->notes = "";
	ct->guardian = true;
	ct->emergency = true;
	json_only_keys(g, guardian_keys, e, "guardian");
	jfield_str(g, "name", a, &ct->name, e, "guardian.name");
	jfield_str(g, "relationship", a, &ct->relationship, e, "guardian.relationship");
	jfield_str(g, "phone", a, &ct->phone, e, "guardian.phone");
	jfield_str(g, "email", a, &ct->email, e, "guardian.email");
	error_clear(&ge);
	if (contact_validate(ct, &ge) != ERR_OK)
		for (i = 0; i < ge.nfields; i++)
			error_field(e, arena_printf(a, "guardian.%s", ge.fields[i].name), "%s",
			    ge.fields[i].msg);
}

void
h_inquiry_convert(struct req *r)
{
	struct inquiry_convert_in *in;
	const char *dob = NULL, *sex = NULL;
	struct error e;
	int64_t link = 0;
	json_t *o, *g;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->id = r->ids[0];
	client_blank(&in->c);
	in->c.first_name = in->c.last_name = NULL;
	json_only_keys(o, convert_keys, &e, NULL);
	jfield_str(o, "first_name", r->arena, &in->c.first_name, &e, NULL);
	jfield_str(o, "last_name", r->arena, &in->c.last_name, &e, NULL);
	jfield_bool(o, "allow_duplicate", &in->allow_duplicate, &e, NULL);
	jfield_bool(o, "caller_is_guardian", &in->caller_is_guardian, &e, NULL);
	if ((g = json_object_get(o, "guardian")) != NULL && !json_is_null(g))
		guardian_from_json(g, in, r->arena, &e);
	if (jfield_int(o, "link_client_id", 1, INT64_MAX, &link, &e, NULL))
		in->link_client = link;
	if (link == 0) {
		if (jfield_str(o, "dob", r->arena, &dob, &e, NULL) && dob != NULL &&
		    !date_parse(dob, &in->c.dob))
			error_field(&e, "dob", "must be a real date written YYYY-MM-DD");
		if (dob == NULL)
			error_field(&e, "dob", "is required");
		if (jfield_str(o, "sex", r->arena, &sex, &e, NULL) && sex != NULL &&
		    !sex_parse(sex, &in->c.sex))
			error_field(&e, "sex", "must be one of female, male, intersex, unknown");
		if (sex == NULL)
			error_field(&e, "sex", "is required");
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, "new client");
	req_op(r, op_inquiry_convert_run, in, convert_after);
}

/* ---- the call log ------------------------------------------------------------ */

static json_t *
inquiry_contact_to_json(const struct inquiry_contact *c)
{
	return json_pack("{s:I,s:I,s:o,s:o,s:o,s:I,s:o,s:o}",
	    "id", (json_int_t)c->id, "inquiry_id", (json_int_t)c->inquiry_id,
	    "method", jstr(c->method), "outcome", jstr(c->outcome), "note", jstr(c->note),
	    "staff_id", (json_int_t)c->staff_id, "staff", jstr(c->staff_name),
	    "at", jtime(c->at));
}

/* The records under one inquiry (GET /inquiries/{id}/...), read as the
 * inquiry's and, once converted, its client's. */
#define INQUIRY_LIST(fn, list, type, to_json)                                         \
	CHILD_LIST(fn, struct inquiry, store_inquiry_get, client_id, list, type, to_json)

INQUIRY_LIST(h_inquiry_contacts_list, store_inquiry_contact_list, struct inquiry_contact,
    inquiry_contact_to_json)

static bool
one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (s != NULL && strcmp(s, *list) == 0)
			return true;
	return false;
}

static void
contact_after(struct req *r)
{
	const struct inquiry_contact_in *in = r->op->in;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	in->out->staff_name = r->sess.username;
	reply_json(r, 201, inquiry_contact_to_json(in->out));
}

void
h_inquiry_contact_create(struct req *r)
{
	static const char *const keys[] = { "method", "outcome", "note", NULL };
	static const char *const methods[] = { "call", "voicemail", "text", "email", NULL };
	static const char *const outcomes[] = { "reached", "no_answer", "left_message", "sent",
	    NULL };
	struct inquiry_contact_in *in;
	const char *m;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->c.inquiry_id = r->ids[0];
	in->c.note = "";
	json_only_keys(o, keys, &e, NULL);
	jfield_str(o, "method", r->arena, &in->c.method, &e, NULL);
	jfield_str(o, "outcome", r->arena, &in->c.outcome, &e, NULL);
	jfield_str(o, "note", r->arena, &in->c.note, &e, NULL);
	if (!one_of(in->c.method, methods))
		error_field(&e, "method", "must be call, voicemail, text or email");
	if (!one_of(in->c.outcome, outcomes))
		error_field(&e, "outcome", "must be reached, no_answer, left_message or sent");
	if ((m = check_text(in->c.note, 2000, false, true)) != NULL)
		error_field(&e, "note", "%s", m);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, in->c.method);
	req_op(r, op_inquiry_contact_run, in, contact_after);
}

/* ---- follow-up tasks ---------------------------------------------------------- */

INQUIRY_LIST(h_inquiry_tasks_list, store_inquiry_task_list, struct task, task_to_json)

OP_AFTER(task_after, struct inquiry_task_in, task_to_json, 201)

void
h_inquiry_task_create(struct req *r)
{
	static const char *const keys[] = { "title", "due_at", "assigned_to", NULL };
	struct inquiry_task_in *in;
	const char *m;
	int64_t v = 0;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->inquiry_id = r->ids[0];
	in->t.title = "";
	json_only_keys(o, keys, &e, NULL);
	jfield_str(o, "title", r->arena, &in->t.title, &e, NULL);
	if ((m = check_text(in->t.title, 200, true, false)) != NULL)
		error_field(&e, "title", "%s", m);
	jfield_instant(o, "due_at", &in->t.due_at, &e, NULL);
	jfield_int(o, "assigned_to", 1, INT64_MAX, &v, &e, NULL);
	in->t.assigned_to = v ? v : r->sess.staff_id;
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_inquiry_task_run, in, task_after);
}

/* ---- merging ------------------------------------------------------------------ */

OP_AFTER(merge_after, struct inquiry_merge_in, inquiry_to_json, 200)

void
h_inquiry_merge(struct req *r)
{
	static const char *const keys[] = { "from_id", NULL };
	struct inquiry_merge_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->id = r->ids[0];
	json_only_keys(o, keys, &e, NULL);
	if (json_object_get(o, "from_id") == NULL)
		error_field(&e, "from_id", "is required");
	jfield_int(o, "from_id", 1, INT64_MAX, &in->from_id, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_inquiry_merge_run, in, merge_after);
}

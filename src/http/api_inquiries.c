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
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/client.h"
#include "core/inquiry.h"
#include "core/validate.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "lib/buf.h"
#include "ops/inquiry.h"

static json_t *inquiry_to_json(const struct inquiry *q);

/* A consent: true, false, or null when not asked. */
static json_t *
jconsent(enum consent c)
{
	return c == CONSENT_NOT_ASKED ? json_null() : json_boolean(c == CONSENT_YES);
}

/* The stored fields of an inquiry; inquiry_to_json adds what the core says
 * of it. */
static json_t *
inquiry_fields_json(const struct inquiry *q)
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
	return json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:o,"
	    "s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)q->id,
	    "kind", inquiry_kind_name(q->kind),
	    "status", inquiry_status_name(q->status),
	    "name", jstr(q->name), "phone", jstr(q->phone), "email", jstr(q->email),
	    "ok_voicemail", jconsent(q->ok_voicemail), "ok_text", jconsent(q->ok_text),
	    "best_time", jstr(q->best_time),
	    "for_whom", q->for_other ? "other" : "self",
	    "caller_name", jstr(q->caller_name),
	    "caller_relationship", jstr(q->caller_relationship),
	    "substances", subs,
	    "urgency", q->urgency == URG_NOT_ASKED ? json_null() :
	    json_string(urgency_name(q->urgency)),
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

/* The inquiry, and whether it is urgent on the board now (inquiry_urgent:
 * asked for today and still waiting on someone). */
static json_t *
inquiry_to_json(const struct inquiry *q)
{
	json_t *o = inquiry_fields_json(q);

	json_object_set_new(o, "urgent", json_boolean(inquiry_urgent(q)));
	json_object_set_new(o, "open_alerts", json_integer(q->open_alerts));
	return o;
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
	inquiry_from_json(o, false, in, r->arena, &e);
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

static const char *
parse_status(json_t *v, void *dst, struct arena *a)
{
	const char *s, *why;

	(void)a;
	if ((why = fields_text(v, &s)) != NULL)
		return why;
	return inquiry_status_parse(s, dst) ? NULL : "must be one of new, contacted, "
	    "screening_scheduled, screened, admitted, referred, closed";
}

/* A staff id, or null for nobody (0). */
static const char *
parse_staff_or_null(json_t *v, void *dst, struct arena *a)
{
	(void)a;
	if (json_is_null(v))
		*(int64_t *)dst = 0;
	else if (json_is_integer(v) && json_integer_value(v) > 0)
		*(int64_t *)dst = json_integer_value(v);
	else
		return "must be a staff id or null";
	return NULL;
}

/* A move on the board: the rows in the order of INQ_PATCH_*, so that the set
 * of fields given is the operation's set of present fields. */
#define P(m) offsetof(struct inquiry_patch_in, m)
static const struct fdef patch_fields[] = {
	{ .name = "status", .kind = FK_CUSTOM, .off = P(status), .parse = parse_status },
	{ .name = "assigned_to", .kind = FK_CUSTOM, .off = P(assigned_to),
	  .parse = parse_staff_or_null },
	{ .name = "referral_source", .kind = FK_TEXT, .off = P(referral_source) },
	{ .name = "referred_to", .kind = FK_TEXT, .off = P(referred_to) },
	{ .name = "close_reason", .kind = FK_TEXT, .off = P(close_reason) },
	{ .name = "ok_voicemail", .kind = FK_CUSTOM, .off = P(ok_voicemail),
	  .parse = parse_consent },
	{ .name = "ok_text", .kind = FK_CUSTOM, .off = P(ok_text), .parse = parse_consent },
	{ .name = "urgency", .kind = FK_CUSTOM, .off = P(urgency), .parse = parse_urgency },
};
#undef P
_Static_assert(sizeof patch_fields / sizeof patch_fields[0] == 8 &&
    INQ_PATCH_STATUS == 1 << 0 && INQ_PATCH_ASSIGNED_TO == 1 << 1 &&
    INQ_PATCH_REFERRAL_SOURCE == 1 << 2 && INQ_PATCH_REFERRED_TO == 1 << 3 &&
    INQ_PATCH_CLOSE_REASON == 1 << 4 && INQ_PATCH_OK_VOICEMAIL == 1 << 5 &&
    INQ_PATCH_OK_TEXT == 1 << 6 && INQ_PATCH_URGENCY == 1 << 7,
    "the patch rows are the INQ_PATCH_* bits in order");
const struct fdecoder dec_inquiry_patch = FDECODER("inquiry_patch", struct inquiry_patch_in,
    patch_fields);

OP_AFTER(patch_after, struct inquiry_patch_in, inquiry_to_json, 200)

void
h_inquiry_patch(struct req *r)
{
	struct inquiry_patch_in *in;
	struct error e;
	fset given;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->id = r->ids[0];
	if (!fdecode(&dec_inquiry_patch, o, r->arena, in, &given, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	in->present = (unsigned)given;
	req_op(r, op_inquiry_patch_run, in, patch_after);
}

/* ---- conversion into a client --------------------------------------------- */

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

static const char *
parse_sex(json_t *v, void *dst, struct arena *a)
{
	const char *s, *why;

	(void)a;
	if ((why = fields_text(v, &s)) != NULL)
		return why;
	if (*s == '\0')
		return "is required";
	return sex_parse(s, dst) ? NULL : "must be one of female, male, intersex, unknown";
}

/* A new client (dob and sex required) or a returning one (link_client_id),
 * with a guardian to record. */
#define C(m) offsetof(struct inquiry_convert_in, m)
static const struct fdef guardian_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .off = C(guardian.name) },
	{ .name = "relationship", .kind = FK_TEXT, .off = C(guardian.relationship) },
	{ .name = "phone", .kind = FK_TEXT, .off = C(guardian.phone) },
	{ .name = "email", .kind = FK_TEXT, .off = C(guardian.email) },
};
static const struct fdecoder dec_convert_guardian = FDECODER("inquiry_convert.guardian",
    struct inquiry_convert_in, guardian_fields);
static const struct fdef convert_fields[] = {
	{ .name = "first_name", .kind = FK_TEXT, .off = C(c.first_name) },
	{ .name = "last_name", .kind = FK_TEXT, .off = C(c.last_name) },
	{ .name = "dob", .kind = FK_DATE, .off = C(c.dob) },
	{ .name = "sex", .kind = FK_CUSTOM, .off = C(c.sex), .parse = parse_sex },
	{ .name = "link_client_id", .kind = FK_INT, .off = C(link_client), .min = 1,
	  .max = INT64_MAX },
	{ .name = "allow_duplicate", .kind = FK_BOOL, .off = C(allow_duplicate) },
	{ .name = "caller_is_guardian", .kind = FK_BOOL, .off = C(caller_is_guardian) },
	{ .name = "guardian", .kind = FK_OBJECT, .off = C(has_guardian), .flags = FD_MARK,
	  .sub = &dec_convert_guardian },
};
#undef C
const struct fdecoder dec_inquiry_convert = FDECODER("inquiry_convert",
    struct inquiry_convert_in, convert_fields);

void
h_inquiry_convert(struct req *r)
{
	struct inquiry_convert_in *in;
	struct contact *ct;
	struct error e, ge;
	fset given;
	json_t *o;
	size_t i;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->id = r->ids[0];
	client_blank(&in->c);
	in->c.first_name = in->c.last_name = NULL;
	ct = &in->guardian;
	ct->name = ct->relationship = ct->phone = ct->email = ct->notes = "";
	ct->guardian = true;
	ct->emergency = true;
	fdecode(&dec_inquiry_convert, o, r->arena, in, &given, &e, NULL);
	if (in->link_client == 0) {
		if (!fset_has(&dec_inquiry_convert, given, "dob"))
			error_field(&e, "dob", "is required");
		if (!fset_has(&dec_inquiry_convert, given, "sex"))
			error_field(&e, "sex", "is required");
	}
	/* The guardian's rules, their fields named guardian.x. */
	error_clear(&ge);
	if (in->has_guardian && contact_validate(ct, &ge) != ERR_OK) {
		for (i = 0; i < ge.nfields; i++) {
			char f[sizeof ge.fields[i].name + 16];
			snprintf(f, sizeof f, "guardian.%s", ge.fields[i].name);
			error_field(&e, f, "%s", ge.fields[i].msg);
		}
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

/* s's entry in list (a word of the API), or NULL. */
static const char *
one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return *list;
	return NULL;
}

static const char *
parse_method(json_t *v, void *dst, struct arena *a)
{
	static const char *const methods[] = { "call", "voicemail", "text", "email", NULL };
	const char *s, *why;

	(void)a;
	if ((why = fields_text(v, &s)) != NULL)
		return why;
	return (*(const char **)dst = one_of(s, methods)) != NULL ? NULL :
	    "must be call, voicemail, text or email";
}

static const char *
parse_outcome(json_t *v, void *dst, struct arena *a)
{
	static const char *const outcomes[] = { "reached", "no_answer", "left_message", "sent",
	    NULL };
	const char *s, *why;

	(void)a;
	if ((why = fields_text(v, &s)) != NULL)
		return why;
	return (*(const char **)dst = one_of(s, outcomes)) != NULL ? NULL :
	    "must be reached, no_answer, left_message or sent";
}

#define L(m) offsetof(struct inquiry_contact_in, c.m)
static const struct fdef contact_fields[] = {
	{ .name = "method", .kind = FK_CUSTOM, .off = L(method), .flags = FD_REQUIRED,
	  .parse = parse_method },
	{ .name = "outcome", .kind = FK_CUSTOM, .off = L(outcome), .flags = FD_REQUIRED,
	  .parse = parse_outcome },
	{ .name = "note", .kind = FK_TEXT, .off = L(note) },
};
#undef L
const struct fdecoder dec_inquiry_contact = FDECODER("inquiry_contact",
    struct inquiry_contact_in, contact_fields);

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
	struct inquiry_contact_in *in;
	const char *m;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->c.inquiry_id = r->ids[0];
	in->c.note = "";
	fdecode(&dec_inquiry_contact, o, r->arena, in, NULL, &e, NULL);
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

#define T(m) offsetof(struct inquiry_task_in, t.m)
static const struct fdef task_fields[] = {
	{ .name = "title", .kind = FK_TEXT, .off = T(title) },
	{ .name = "due_at", .kind = FK_INSTANT, .off = T(due_at), .flags = FD_REQUIRED,
	  .msg = "must be a time written YYYY-MM-DDTHH:MMZ (UTC)" },
	{ .name = "assigned_to", .kind = FK_INT, .off = T(assigned_to), .min = 1,
	  .max = INT64_MAX },
};
#undef T
const struct fdecoder dec_inquiry_task = FDECODER("inquiry_task", struct inquiry_task_in,
    task_fields);

void
h_inquiry_task_create(struct req *r)
{
	struct inquiry_task_in *in;
	const char *m;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->inquiry_id = r->ids[0];
	in->t.title = "";
	fdecode(&dec_inquiry_task, o, r->arena, in, NULL, &e, NULL);
	if ((m = check_text(in->t.title, 200, true, false)) != NULL)
		error_field(&e, "title", "%s", m);
	if (in->t.assigned_to == 0)
		in->t.assigned_to = r->sess.staff_id;
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_inquiry_task_run, in, task_after);
}

/* ---- merging ------------------------------------------------------------------ */

OP_AFTER(merge_after, struct inquiry_merge_in, inquiry_to_json, 200)

static const struct fdef merge_fields[] = {
	{ .name = "from_id", .kind = FK_INT, .off = offsetof(struct inquiry_merge_in, from_id),
	  .flags = FD_REQUIRED, .min = 1, .max = INT64_MAX },
};
const struct fdecoder dec_inquiry_merge = FDECODER("inquiry_merge", struct inquiry_merge_in,
    merge_fields);

void
h_inquiry_merge(struct req *r)
{
	struct inquiry_merge_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->id = r->ids[0];
	fdecode(&dec_inquiry_merge, o, r->arena, in, NULL, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_inquiry_merge_run, in, merge_after);
}

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
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/client.h"
#include "core/inquiry.h"
#include "core/validate.h"
#include "http/req.h"
#include "lib/buf.h"

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

struct inq_job {
	struct req *r;
	struct inquiry q;
	/* conversion */
	struct client c;
	bool caller_is_guardian;
	bool has_guardian;
	struct contact guardian;
	int64_t link_client;
	bool allow_duplicate;
	struct client *dupes;
	size_t ndupes;
	struct coverage cov;		/* from the inquiry's insurance; id 0: none */
	const char *coverage_skipped;	/* why none, when insurance was given */
};

static void
inq_after(struct req *r)
{
	struct inq_job *j = r->run_arg;

	if (r->job.result == ERR_DUPLICATE) {
		reply_duplicates(r, &r->job.err, j->dupes, j->ndupes);
		return;
	}
	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	reply_json(r, r->method == M_POST && r->nids == 0 ? 201 : 200, inquiry_to_json(&j->q));
}

/* ---- phone intake ---------------------------------------------------------- */

static enum err
phone_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct inq_job *j = arg;

	if (store_tx_inquiry_insert(tx, &j->q, e) != ERR_OK)
		return e->code;
	j->r->audit[0].record_id = j->q.id;
	return ERR_OK;
}

void
h_inquiries_create(struct req *r)
{
	struct inq_job *j = arena_alloc(r->arena, sizeof *j);
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	inquiry_from_json(o, &j->q, r->arena, &e);
	if (json_object_get(o, "website") != NULL)
		error_field(&e, "website", "is not a known field");
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		inquiry_validate_new(&j->q, date_from_unix(r->now), &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->q.source = j->q.kind == INQ_PHONE ? "phone" : "staff";
	req_audit_as(r, NULL, j->q.source);
	req_write(r, phone_run, j, inq_after);
}

/* ---- moves on the board ------------------------------------------------------ */

static const char *const patch_keys[] = {
	"status", "assigned_to", "referral_source", "referred_to", "close_reason", NULL
};

static enum err
patch_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct inq_job *j = arg;
	json_t *o = j->r->in;
	const char *status = NULL;
	json_t *v;

	if (store_tx_inquiry_get(tx, j->r->ids[0], j->r->arena, &j->q, e) != ERR_OK)
		return e->code;
	if (jfield_str(o, "status", j->r->arena, &status, e, NULL) && status != NULL &&
	    !inquiry_status_parse(status, &j->q.status))
		error_field(e, "status", "must be one of new, contacted, screening_scheduled, "
		    "screened, admitted, referred, closed");
	jfield_str(o, "referral_source", j->r->arena, &j->q.referral_source, e, NULL);
	jfield_str(o, "referred_to", j->r->arena, &j->q.referred_to, e, NULL);
	jfield_str(o, "close_reason", j->r->arena, &j->q.close_reason, e, NULL);
	if ((v = json_object_get(o, "assigned_to")) != NULL) {
		if (json_is_null(v))
			j->q.assigned_to = 0;
		else if (json_is_integer(v) && json_integer_value(v) > 0)
			j->q.assigned_to = json_integer_value(v);
		else
			error_field(e, "assigned_to", "must be a staff id or null");
	}
	if (e->code != ERR_OK && e->code != ERR_INVALID)
		return e->code;
	if (inquiry_validate_status(&j->q, e) != ERR_OK || e->code != ERR_OK)
		return e->code;
	j->q.updated_at = store_tx_now(tx);
	return store_tx_inquiry_update(tx, &j->q, e);
}

void
h_inquiry_patch(struct req *r)
{
	struct inq_job *j = arena_alloc(r->arena, sizeof *j);
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	if (!json_only_keys(o, patch_keys, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	req_write(r, patch_run, j, inq_after);
}

/* ---- conversion into a client --------------------------------------------- */

static const char *const convert_keys[] = {
	"first_name", "last_name", "dob", "sex", "link_client_id", "allow_duplicate",
	"caller_is_guardian", "guardian", NULL
};
static const char *const guardian_keys[] = {
	"name", "relationship", "phone", "email", NULL
};

/* Whole years from dob to today. */
static int
age_on(struct date dob, struct date today)
{
	int age = today.y - dob.y;

	if (today.m < dob.m || (today.m == dob.m && today.d < dob.d))
		age--;
	return age;
}

/* "Avery Lindqvist" -> Avery / Lindqvist; one word is a last name. */
static void
split_name(const char *name, struct arena *a, const char **first, const char **last)
{
	const char *sp = strrchr(name, ' ');

	if (sp == NULL) {
		*first = "";
		*last = arena_strdup(a, name);
		return;
	}
	*first = arena_strndup(a, name, (size_t)(sp - name));
	*last = arena_strdup(a, sp + 1);
}

/*
 * The relationship to the plan holder for the coverage: the inquiry's when
 * it is one the coverage knows; else "self" when the plan holder is the
 * person or unnamed, and "other" when it is someone else.
 */
static const char *
coverage_relationship(const struct inquiry *q)
{
	const char *holder = q->ins.subscriber_name;

	if (coverage_relationship_ok(q->ins.relationship))
		return q->ins.relationship;
	return holder == NULL || *holder == '\0' || strcasecmp(holder, q->name) == 0 ?
	    "self" : "other";
}

/*
 * The inquiry's insurance as the client's coverage, inside the conversion:
 * primary when the client has none yet, else secondary.  None when the
 * client holds this payer and member id already, or when the details do not
 * make a valid coverage; j->coverage_skipped then says why, and the
 * conversion goes on.
 */
static enum err
convert_coverage(struct store_tx *tx, struct inq_job *j, struct error *e)
{
	const struct insurance_info *in = &j->q.ins;
	struct req *r = j->r;
	struct coverage *held, *c = &j->cov;
	struct error ce;
	char dob[11];
	size_t n, i;

	if (!j->q.has_insurance)
		return ERR_OK;
	if (!roles_allow(r->sess.roles, PERM_INSURANCE)) {
		j->coverage_skipped = "Recording insurance needs the insurance.manage permission.";
		return ERR_OK;
	}
	if (store_tx_coverage_list(tx, j->c.id, r->arena, &held, &n, e) != ERR_OK)
		return e->code;
	for (i = 0; i < n; i++)
		if (strcasecmp(held[i].payer, in->payer) == 0 &&
		    strcasecmp(held[i].member_id, in->member_id) == 0) {
			j->coverage_skipped = "The client already holds this coverage.";
			return ERR_OK;
		}
	memset(c, 0, sizeof *c);
	c->client_id = j->c.id;
	c->rank = n == 0 ? "primary" : "secondary";
	c->payer = in->payer;
	c->plan = "";
	c->member_id = in->member_id;
	c->group_number = in->group_number;
	c->subscriber_name = in->subscriber_name;
	c->subscriber_dob = "";
	if (date_valid(in->subscriber_dob)) {
		date_format(in->subscriber_dob, dob);
		c->subscriber_dob = arena_strdup(r->arena, dob);
	}
	c->relationship = coverage_relationship(&j->q);
	c->start_date = c->end_date = "";
	error_clear(&ce);
	if (coverage_check(c, &ce) != ERR_OK) {
		j->coverage_skipped = ce.nfields > 0 ? arena_printf(r->arena, "The insurance "
		    "details on the inquiry make no valid coverage (%s %s): add it on the chart.",
		    ce.fields[0].name, ce.fields[0].msg) : "The insurance details on the inquiry "
		    "make no valid coverage: add it on the chart.";
		return ERR_OK;
	}
	if (store_tx_coverage_insert(tx, c, e) != ERR_OK)
		return e->code;
	r->audit[0].detail = arena_printf(r->arena, "%s; coverage %lld created",
	    r->audit[0].detail, (long long)c->id);
	return ERR_OK;
}

static enum err
convert_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct inq_job *j = arg;
	struct req *r = j->r;
	struct contact ct;

	if (store_tx_inquiry_get(tx, r->ids[0], r->arena, &j->q, e) != ERR_OK)
		return e->code;
	if (j->q.client_id != 0)
		return error_set(e, ERR_CONFLICT, "This inquiry was converted already (client "
		    "%lld).", (long long)j->q.client_id);
	if (j->link_client != 0) {
		if (store_tx_client_get(tx, j->link_client, r->arena, &j->c, e) != ERR_OK) {
			if (e->code == ERR_NOTFOUND) {
				error_clear(e);
				return error_field(e, "link_client_id", "is not a client");
			}
			return e->code;
		}
		r->audit[0].detail = "linked to a returning client";
	} else {
		if (j->c.first_name == NULL || j->c.last_name == NULL) {
			const char *f, *l;
			split_name(j->q.name, r->arena, &f, &l);
			if (j->c.first_name == NULL)
				j->c.first_name = f;
			if (j->c.last_name == NULL)
				j->c.last_name = l;
		}
		/* The person's own contact details only when they asked for
		 * themselves; a caller's go on the contact below. */
		if (!j->q.for_other) {
			j->c.phone = j->q.phone;
			j->c.email = j->q.email;
		}
		if (client_validate(&j->c, date_from_unix(store_tx_now(tx)), e) != ERR_OK)
			return e->code;
		if (!j->allow_duplicate) {
			if (store_tx_client_dupes(tx, &j->c, r->arena, &j->dupes, &j->ndupes, e)
			    != ERR_OK)
				return e->code;
			if (j->ndupes > 0)
				return error_set(e, ERR_DUPLICATE, "A client with this name and date "
				    "of birth already exists: link the inquiry to them, or convert "
				    "anyway.");
		}
		if (store_tx_client_insert(tx, &j->c, e) != ERR_OK)
			return e->code;
	}
	/* A client under 18 needs a guardian contact: the caller, when they
	 * are the guardian, or one named in the request. */
	if (j->link_client == 0 && age_on(j->c.dob, date_from_unix(store_tx_now(tx))) < 18 &&
	    !j->has_guardian && !(j->caller_is_guardian && j->q.for_other &&
	    j->q.caller_name[0] != '\0'))
		return error_field(e, "guardian", "a client under 18 needs a guardian contact: "
		    "mark the caller as the guardian, or give the guardian's name and phone");
	if (j->has_guardian) {
		j->guardian.client_id = j->c.id;
		if (store_tx_contact_insert(tx, &j->guardian, e) != ERR_OK)
			return e->code;
	}
	if (j->q.for_other && j->q.caller_name[0] != '\0' &&
	    (j->q.phone[0] != '\0' || j->q.email[0] != '\0')) {
		memset(&ct, 0, sizeof ct);
		ct.client_id = j->c.id;
		ct.name = j->q.caller_name;
		ct.relationship = j->q.caller_relationship[0] ? j->q.caller_relationship : "other";
		ct.phone = j->q.phone;
		ct.email = j->q.email;
		ct.notes = "";
		ct.emergency = false;
		ct.guardian = j->caller_is_guardian;
		if (contact_validate(&ct, e) == ERR_OK &&
		    store_tx_contact_insert(tx, &ct, e) != ERR_OK)
			return e->code;
		error_clear(e);	/* a caller we cannot keep as a contact is not fatal */
	}
	if (convert_coverage(tx, j, e) != ERR_OK)
		return e->code;
	j->q.client_id = j->c.id;
	j->q.updated_at = store_tx_now(tx);
	if (store_tx_inquiry_update(tx, &j->q, e) != ERR_OK)
		return e->code;
	r->audit[0].record_id = j->q.id;
	r->audit[0].client_id = j->c.id;
	return ERR_OK;
}

static void
convert_after(struct req *r)
{
	struct inq_job *j = r->run_arg;
	json_t *o;

	if (r->job.result != ERR_OK) {
		inq_after(r);
		return;
	}
	o = inquiry_to_json(&j->q);
	json_object_set_new(o, "coverage_id", j->cov.id ? json_integer(j->cov.id) : json_null());
	json_object_set_new(o, "coverage_skipped", j->coverage_skipped ?
	    json_string(j->coverage_skipped) : json_null());
	reply_json(r, 200, o);
}

void
h_inquiry_convert(struct req *r)
{
	struct inq_job *j = arena_alloc(r->arena, sizeof *j);
	const char *dob = NULL, *sex = NULL;
	struct error e;
	int64_t link = 0;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	client_blank(&j->c);
	j->c.first_name = j->c.last_name = NULL;
	json_only_keys(o, convert_keys, &e, NULL);
	jfield_str(o, "first_name", r->arena, &j->c.first_name, &e, NULL);
	jfield_str(o, "last_name", r->arena, &j->c.last_name, &e, NULL);
	jfield_bool(o, "allow_duplicate", &j->allow_duplicate, &e, NULL);
	jfield_bool(o, "caller_is_guardian", &j->caller_is_guardian, &e, NULL);
	{
		json_t *g = json_object_get(o, "guardian");
		if (g != NULL && !json_is_null(g)) {
			if (!json_is_object(g)) {
				error_field(&e, "guardian", "must be an object");
			} else {
				struct error ge;
				size_t i;
				j->has_guardian = true;
				memset(&j->guardian, 0, sizeof j->guardian);
				j->guardian.name = j->guardian.relationship = j->guardian.phone = "";
				j->guardian.email = j->guardian.notes = "";
				j->guardian.guardian = true;
				j->guardian.emergency = true;
				json_only_keys(g, guardian_keys, &e, "guardian");
				jfield_str(g, "name", r->arena, &j->guardian.name, &e, "guardian.name");
				jfield_str(g, "relationship", r->arena, &j->guardian.relationship, &e,
				    "guardian.relationship");
				jfield_str(g, "phone", r->arena, &j->guardian.phone, &e, "guardian.phone");
				jfield_str(g, "email", r->arena, &j->guardian.email, &e, "guardian.email");
				error_clear(&ge);
				if (contact_validate(&j->guardian, &ge) != ERR_OK)
					for (i = 0; i < ge.nfields; i++)
						error_field(&e, arena_printf(r->arena, "guardian.%s",
						    ge.fields[i].name), "%s", ge.fields[i].msg);
			}
		}
	}
	if (jfield_int(o, "link_client_id", 1, INT64_MAX, &link, &e, NULL))
		j->link_client = link;
	if (link == 0) {
		if (jfield_str(o, "dob", r->arena, &dob, &e, NULL) && dob != NULL &&
		    !date_parse(dob, &j->c.dob))
			error_field(&e, "dob", "must be a real date written YYYY-MM-DD");
		if (dob == NULL)
			error_field(&e, "dob", "is required");
		if (jfield_str(o, "sex", r->arena, &sex, &e, NULL) && sex != NULL &&
		    !sex_parse(sex, &j->c.sex))
			error_field(&e, "sex", "must be one of female, male, intersex, unknown");
		if (sex == NULL)
			error_field(&e, "sex", "is required");
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, "new client");
	req_write(r, convert_run, j, convert_after);
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

struct log_job {
	struct req *r;
	struct inquiry_contact c;
	struct task t;
	int64_t from;
	struct inquiry q;
};

static bool
one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (s != NULL && strcmp(s, *list) == 0)
			return true;
	return false;
}

static enum err
contact_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct log_job *j = arg;

	if (store_tx_inquiry_get(tx, j->r->ids[0], j->r->arena, &j->q, e) != ERR_OK)
		return e->code;
	/* The caller's wishes are rules, not hints. */
	if (strcmp(j->c.method, "voicemail") == 0 && !j->q.ok_voicemail)
		return error_set(e, ERR_CONFLICT, "This person asked not to get voicemails.");
	if (strcmp(j->c.method, "text") == 0 && !j->q.ok_text)
		return error_set(e, ERR_CONFLICT, "This person asked not to get text messages.");
	if (store_tx_inquiry_contact_insert(tx, &j->c, e) != ERR_OK)
		return e->code;
	if (j->q.status == INQS_NEW && strcmp(j->c.outcome, "reached") == 0) {
		j->q.status = INQS_CONTACTED;
		j->q.updated_at = store_tx_now(tx);
		if (store_tx_inquiry_update(tx, &j->q, e) != ERR_OK)
			return e->code;
	}
	j->r->audit[0].record_id = j->q.id;
	return ERR_OK;
}

static void
contact_after(struct req *r)
{
	struct log_job *j = r->run_arg;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	j->c.staff_name = r->sess.username;
	reply_json(r, 201, inquiry_contact_to_json(&j->c));
}

void
h_inquiry_contact_create(struct req *r)
{
	static const char *const keys[] = { "method", "outcome", "note", NULL };
	static const char *const methods[] = { "call", "voicemail", "text", "email", NULL };
	static const char *const outcomes[] = { "reached", "no_answer", "left_message", "sent",
	    NULL };
	struct log_job *j = arena_alloc(r->arena, sizeof *j);
	const char *m;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->c.inquiry_id = r->ids[0];
	j->c.note = "";
	j->c.staff_id = r->sess.staff_id;
	json_only_keys(o, keys, &e, NULL);
	jfield_str(o, "method", r->arena, &j->c.method, &e, NULL);
	jfield_str(o, "outcome", r->arena, &j->c.outcome, &e, NULL);
	jfield_str(o, "note", r->arena, &j->c.note, &e, NULL);
	if (!one_of(j->c.method, methods))
		error_field(&e, "method", "must be call, voicemail, text or email");
	if (!one_of(j->c.outcome, outcomes))
		error_field(&e, "outcome", "must be reached, no_answer, left_message or sent");
	if ((m = check_text(j->c.note, 2000, false, true)) != NULL)
		error_field(&e, "note", "%s", m);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, j->c.method);
	req_write(r, contact_run, j, contact_after);
}

/* ---- follow-up tasks ---------------------------------------------------------- */

INQUIRY_LIST(h_inquiry_tasks_list, store_inquiry_task_list, struct task, task_to_json)

static enum err
task_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct log_job *j = arg;

	if (store_tx_inquiry_get(tx, j->r->ids[0], j->r->arena, &j->q, e) != ERR_OK)
		return e->code;
	if (j->t.assigned_to != j->r->sess.staff_id) {
		struct staff st;
		struct error se;
		error_clear(&se);
		if (store_tx_staff_get(tx, j->t.assigned_to, j->r->arena, &st, &se) != ERR_OK ||
		    !st.active)
			return error_field(e, "assigned_to", "must be an active staff member");
	}
	if (store_tx_task_insert(tx, "follow_up", j->t.title, j->q.client_id, j->q.id, 0,
	    j->t.assigned_to, j->t.due_at, &j->t.id, e) != ERR_OK)
		return e->code;
	j->t.kind = "follow_up";
	j->t.inquiry_id = j->q.id;
	j->t.client_id = j->q.client_id;
	j->t.response = "";
	j->t.created_at = store_tx_now(tx);
	j->r->audit[0].record_id = j->q.id;
	return ERR_OK;
}

static void
task_after(struct req *r)
{
	struct log_job *j = r->run_arg;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 201, task_to_json(&j->t));
}

void
h_inquiry_task_create(struct req *r)
{
	static const char *const keys[] = { "title", "due_at", "assigned_to", NULL };
	struct log_job *j = arena_alloc(r->arena, sizeof *j);
	const char *m;
	int64_t v = 0;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->t.title = "";
	json_only_keys(o, keys, &e, NULL);
	jfield_str(o, "title", r->arena, &j->t.title, &e, NULL);
	if ((m = check_text(j->t.title, 200, true, false)) != NULL)
		error_field(&e, "title", "%s", m);
	jfield_instant(o, "due_at", &j->t.due_at, &e, NULL);
	jfield_int(o, "assigned_to", 1, INT64_MAX, &v, &e, NULL);
	j->t.assigned_to = v ? v : r->sess.staff_id;
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, task_run, j, task_after);
}

/* ---- merging ------------------------------------------------------------------ */

static const char *
keep(const char *mine, const char *theirs)
{
	return mine != NULL && *mine != '\0' ? mine : theirs;
}

static enum err
merge_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct log_job *j = arg;
	struct inquiry from;

	if (j->from == j->r->ids[0])
		return error_field(e, "from_id", "must be another inquiry");
	if (store_tx_inquiry_get(tx, j->r->ids[0], j->r->arena, &j->q, e) != ERR_OK)
		return e->code;
	if (store_tx_inquiry_get(tx, j->from, j->r->arena, &from, e) != ERR_OK) {
		error_clear(e);
		return error_field(e, "from_id", "is not an inquiry");
	}
	if (from.client_id != 0 && j->q.client_id != 0 && from.client_id != j->q.client_id)
		return error_set(e, ERR_CONFLICT, "The two inquiries were converted to different "
		    "clients.");
	/* What the kept one lacks, the merged one fills. */
	j->q.phone = keep(j->q.phone, from.phone);
	j->q.email = keep(j->q.email, from.email);
	j->q.referral_source = keep(j->q.referral_source, from.referral_source);
	if (j->q.client_id == 0)
		j->q.client_id = from.client_id;
	j->q.updated_at = store_tx_now(tx);
	if (store_tx_inquiry_update(tx, &j->q, e) != ERR_OK ||
	    store_tx_inquiry_merge(tx, from.id, j->q.id, e) != ERR_OK)
		return e->code;
	j->r->audit[0].detail = arena_printf(j->r->arena, "merged inquiry %lld",
	    (long long)from.id);
	return ERR_OK;
}

static void
merge_after(struct req *r)
{
	struct log_job *j = r->run_arg;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 200, inquiry_to_json(&j->q));
}

void
h_inquiry_merge(struct req *r)
{
	static const char *const keys[] = { "from_id", NULL };
	struct log_job *j = arena_alloc(r->arena, sizeof *j);
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	json_only_keys(o, keys, &e, NULL);
	if (json_object_get(o, "from_id") == NULL)
		error_field(&e, "from_id", "is required");
	jfield_int(o, "from_id", 1, INT64_MAX, &j->from, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, merge_run, j, merge_after);
}

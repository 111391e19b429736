/*
 * api_alerts.c — safety alerts on a client and the tasks that follow them.
 *
 * An alert (raised by a screening's risk flag) cannot be dismissed: it is
 * resolved only with a documented response, which also completes its task.
 * Every signed-in user sees their own open tasks.
 */
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/alert.h"
#include "ops/task.h"

/* An id, or null for 0. */
static json_t *
jid(int64_t id)
{
	return id != 0 ? json_integer(id) : json_null();
}

/*
 * An alert as the care team reads it: what was flagged, the response, who
 * responded and when, and (while nobody is on duty) where it waits unclaimed.
 * restricted: for a reader without screening.read (the front desk), kind and
 * message say only that a clinician must see the client, and the response
 * is left out.
 */
static json_t *
alert_json(const struct alert *x, bool restricted)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(x->id));
	/* An alert raised on an inquiry has no client until it is converted. */
	json_object_set_new(o, "client_id", jid(x->client_id));
	json_object_set_new(o, "client", x->client_id == 0 ? json_null() :
	    json_pack("{s:I,s:o,s:o,s:o,s:o}", "id",
	    (json_int_t)x->client_id, "mrn", jstr(x->client_mrn), "first_name",
	    jstr(x->client_first), "last_name", jstr(x->client_last), "preferred_name",
	    jstr(x->client_preferred)));
	json_object_set_new(o, "kind", jstr(restricted ? ALERT_NEUTRAL_KIND : x->kind));
	json_object_set_new(o, "message", jstr(restricted ? ALERT_NEUTRAL_MESSAGE : x->message));
	json_object_set_new(o, "restricted", json_boolean(restricted));
	json_object_set_new(o, "source_type", jstr(x->source_type));
	json_object_set_new(o, "source_id", json_integer(x->source_id));
	json_object_set_new(o, "raised_at", jtime(x->raised_at));
	json_object_set_new(o, "open", json_boolean(x->resolved_at == 0));
	json_object_set_new(o, "resolved_at", jtime(x->resolved_at));
	json_object_set_new(o, "resolved_by", jid(x->resolved_by));
	json_object_set_new(o, "resolved_by_name", x->resolved_by ?
	    jstr(x->resolved_by_name) : json_null());
	json_object_set_new(o, "response", jstr(restricted ? "" : x->response));
	json_object_set_new(o, "assigned_to", jid(x->assigned_to));
	json_object_set_new(o, "assigned_name", x->assigned_to ? jstr(x->assigned_name) :
	    json_null());
	json_object_set_new(o, "unclaimed", json_boolean(x->unclaimed));
	json_object_set_new(o, "site_id", jid(x->site_id));
	json_object_set_new(o, "site_name", x->site_id ? jstr(x->site_name) : json_null());
	json_object_set_new(o, "claimed_by", jid(x->claimed_by));
	json_object_set_new(o, "claimed_by_name", x->claimed_by ? jstr(x->claimed_by_name) :
	    json_null());
	json_object_set_new(o, "claimed_at", jtime(x->claimed_at));
	return o;
}

static json_t *
alert_to_json(const struct alert *x)
{
	return alert_json(x, false);
}

static json_t *
alert_to_json_restricted(const struct alert *x)
{
	return alert_json(x, true);
}

/* May this reader see what an alert says (screening.read)? */
static bool
reads_alert_content(const struct req *r)
{
	return roles_allow(r->sess.roles, PERM_SCREENING_READ);
}

json_t *
task_to_json(const struct task *t)
{
	json_t *client = json_null();

	if (t->client_id != 0)
		client = json_pack("{s:I,s:o,s:o,s:o,s:o}", "id", (json_int_t)t->client_id,
		    "mrn", jstr(t->client_mrn), "first_name", jstr(t->client_first),
		    "last_name", jstr(t->client_last), "preferred_name", jstr(t->client_preferred));
	return json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:o,s:o}",
	    "id", (json_int_t)t->id, "kind", jstr(t->kind), "title", jstr(t->title),
	    "client_id", t->client_id ? json_integer(t->client_id) : json_null(),
	    "inquiry_id", t->inquiry_id ? json_integer(t->inquiry_id) : json_null(),
	    "alert_id", t->alert_id ? json_integer(t->alert_id) : json_null(),
	    "assigned_to", t->assigned_to ? json_integer(t->assigned_to) : json_null(),
	    "due_at", jtime(t->due_at), "done_at", jtime(t->done_at),
	    "response", jstr(t->response), "created_at", jtime(t->created_at),
	    "open", t->done_at == 0, "client", client,
	    "inquiry_name", t->inquiry_id ? jstr(t->inquiry_name) : json_null());
}

/* A task as a reader without screening.read sees it: a safety task says
 * only that a clinician must see the client, never the response. */
static json_t *
task_to_json_restricted(const struct task *t)
{
	struct task x = *t;

	if (x.alert_id != 0) {
		x.title = "Safety alert: " ALERT_NEUTRAL_MESSAGE;
		x.response = "";
	}
	return task_to_json(&x);
}

void
h_alerts_list(struct req *r)
{
	const char *open = req_query(r, "open");
	struct alert *items;
	struct client c;
	struct page pg;
	struct error e;
	size_t n;
	int64_t total;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_alert_list(r->app->store, c.id, open != NULL && strcmp(open, "true") == 0,
	    pg, r->arena, &items, &n, &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (reads_alert_content(r))
		reply_list(r, items, n, alert_to_json, total);
	else
		reply_list(r, items, n, alert_to_json_restricted, total);
}

/* Open alerts nobody has claimed, at the reader's sites: a read of each
 * client listed. */
void
h_alerts_unclaimed(struct req *r)
{
	struct alert *items;
	struct page pg;
	struct error e;
	size_t n;
	int64_t total;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_alert_unclaimed(r->app->store, r->sess.staff_id, pg, r->arena, &items, &n,
	    &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list_audited(r, items, n, alert_to_json, total, id, client_id);
}

OP_AFTER(resolve_after, struct alert_resolve_in, alert_to_json, 200)
OP_AFTER(claim_after, struct alert_claim_in, alert_to_json, 200)

void
h_alert_claim(struct req *r)
{
	struct alert_claim_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->id = r->ids[0];
	req_op(r, op_alert_claim_run, in, claim_after);
}

struct response_body {
	const char *response;
};

static const struct fdef alert_response_fields[] = {
	{ .name = "response", .kind = FK_TEXT,
	    .off = offsetof(struct response_body, response) },
};
const struct fdecoder dec_alert_response = FDECODER("alert_response", struct response_body,
    alert_response_fields);

static bool
response_body(struct req *r, const char **out)
{
	struct response_body b = { NULL };
	const char *msg;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return false;
	error_clear(&e);
	fdecode(&dec_alert_response, o, r->arena, &b, NULL, &e, NULL);
	*out = b.response;
	if ((msg = check_text(*out, 2000, true, true)) != NULL)
		error_field(&e, "response", "%s", msg);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	return true;
}

void
h_alert_resolve(struct req *r)
{
	struct alert_resolve_in *in;

	if (!REQ_OP_INPUT(r, in) || !response_body(r, &in->response))
		return;
	in->id = r->ids[0];
	req_op(r, op_alert_resolve_run, in, resolve_after);
}

/*
 * Tasks name clients and what is wrong with them: the page shown is a read
 * of each client on it, one row listing them (on the client's own trail
 * when there is only one).
 */
static void
audit_task_page(struct req *r, const struct task *items, size_t n)
{
	int64_t only = 0;
	bool several = false;
	struct buf d;

	buf_init(&d, 0);
	buf_puts(&d, "clients=");
	for (size_t i = 0; i < n; i++) {
		if (items[i].client_id == 0)
			continue;
		buf_printf(&d, "%s%lld", only || several ? "," : "",
		    (long long)items[i].client_id);
		req_listed(r, items[i].client_id);
		if (only != 0 && only != items[i].client_id)
			several = true;
		only = items[i].client_id;
	}
	req_about(r, 0, several ? 0 : only);
	req_audit_as(r, NULL, buf_cstr(&d));
	buf_free(&d);
}

/*
 * A safety task on an inquiry not yet converted has no chart to open, and
 * its assignee may not read the admissions board: the task carries how to
 * reach the person (phone, email, best time, whether a voicemail is
 * allowed).  Those inquiries are named in the audit row's detail.
 */
static json_t *
tasks_with_contact(struct req *r, const struct task *items, size_t n)
{
	json_t *arr = json_array();
	struct buf d;
	bool any = false;

	buf_init(&d, 0);
	for (size_t i = 0; i < n; i++) {
		const struct task *t = &items[i];
		json_t *o = task_to_json(t);
		struct inquiry q;
		struct error e;

		error_clear(&e);
		if (t->alert_id != 0 && t->inquiry_id != 0 && t->client_id == 0 &&
		    t->done_at == 0 &&
		    store_inquiry_get(r->app->store, t->inquiry_id, r->arena, &q, &e) == ERR_OK) {
			json_object_set_new(o, "inquiry_contact", json_pack("{s:o,s:o,s:o,s:o}",
			    "phone", jstr(q.phone), "email", jstr(q.email),
			    "best_time", jstr(q.best_time), "ok_voicemail",
			    q.ok_voicemail == CONSENT_YES ? json_true() :
			    q.ok_voicemail == CONSENT_NO ? json_false() : json_null()));
			buf_printf(&d, "%s%lld", any ? "," : "; inquiry contact shown=",
			    (long long)t->inquiry_id);
			any = true;
		}
		json_array_append_new(arr, o);
	}
	if (any && r->au_detail != NULL)
		req_audit_as(r, NULL, arena_printf(r->arena, "%s%s", r->au_detail, buf_cstr(&d)));
	buf_free(&d);
	return arr;
}

void
h_tasks_list(struct req *r)
{
	const char *all = req_query(r, "include_done");
	struct task *items;
	struct page pg;
	struct error e;
	size_t n;
	int64_t total;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_task_list(r->app->store, r->sess.staff_id,
	    !(all != NULL && strcmp(all, "true") == 0), pg, r->arena, &items, &n, &total,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	audit_task_page(r, items, n);
	if (!reads_alert_content(r)) {
		reply_list(r, items, n, task_to_json_restricted, total);
		return;
	}
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", tasks_with_contact(r, items, n),
	    "total", (json_int_t)total));
}

/* The nav badge's poll: counts only, no one named, so no audit row. */
void
h_tasks_count(struct req *r)
{
	int64_t open, overdue;
	struct error e;

	error_clear(&e);
	if (store_task_count(r->app->store, r->sess.staff_id, r->now, &open, &overdue, &e) !=
	    ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, json_pack("{s:I,s:I}", "open", (json_int_t)open, "overdue",
	    (json_int_t)overdue));
}

OP_AFTER(task_done_after, struct task_done_in, task_to_json, 200)

void
h_task_done(struct req *r)
{
	struct task_done_in *in;

	if (!REQ_OP_INPUT(r, in) || !response_body(r, &in->response))
		return;
	in->id = r->ids[0];
	req_op(r, op_task_done_run, in, task_done_after);
}

/* The alerts raised by an inquiry's screenings (GET /inquiries/{id}/alerts),
 * newest first; client_id null until conversion.
 * Read as the inquiry's and, once converted, its client's. */
/* An alert of an inquiry: its client (null until conversion) and inquiry. */
static json_t *
inquiry_alert_to_json(const struct alert *x)
{
	json_t *o = alert_to_json(x);

	if (x->client_id == 0)
		json_object_set_new(o, "client_id", json_null());
	return o;
}

void
h_inquiry_alerts_list(struct req *r)
{
	struct alert *items;
	struct inquiry q;
	struct page pg;
	struct error e;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_inquiry_get(r->app->store, r->ids[0], r->arena, &q, &e) != ERR_OK ||
	    store_alert_list_inquiry(r->app->store, q.id, r->arena, &items, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, q.id, q.client_id);
	reply_list_page(r, items, n, inquiry_alert_to_json, pg);
}

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

static json_t *
alert_to_json(const struct alert *x)
{
	return json_pack("{s:I,s:I,s:o,s:o,s:o,s:I,s:o,s:o,s:o,s:o,s:b}",
	    "id", (json_int_t)x->id, "client_id", (json_int_t)x->client_id,
	    "kind", jstr(x->kind), "message", jstr(x->message),
	    "source_type", jstr(x->source_type), "source_id", (json_int_t)x->source_id,
	    "raised_at", jtime(x->raised_at), "resolved_at", jtime(x->resolved_at),
	    "resolved_by", x->resolved_by ? json_integer(x->resolved_by) : json_null(),
	    "response", jstr(x->response), "open", x->resolved_at == 0);
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
	reply_list(r, items, n, alert_to_json, total);
}

OP_AFTER(resolve_after, struct alert_resolve_in, alert_to_json, 200)

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
	reply_list(r, items, n, task_to_json, total);
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

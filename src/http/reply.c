/*
 * reply.c — answering a request: JSON bodies, the error body, status codes,
 * query parameters, and audit rows for the request.
 *
 * One table maps enum err to an HTTP status.  Every 4xx and 5xx has the body
 * {"error": {"code", "message", "fields"?}}.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "http/req.h"

static const int status_of[ERR__MAX + 1] = {
	[ERR_OK] = 200,
	[ERR_NOMEM] = 500,
	[ERR_INVALID] = 400,
	[ERR_MALFORMED] = 400,
	[ERR_NOTFOUND] = 404,
	[ERR_CONFLICT] = 409,
	[ERR_DUPLICATE] = 409,
	[ERR_FORBIDDEN] = 403,
	[ERR_UNAUTH] = 401,
	[ERR_TOOLARGE] = 413,
	[ERR_RATELIMIT] = 429,
	[ERR_STORE] = 500,
	[ERR_IO] = 500,
	[ERR__MAX] = 405,	/* used by the router for "method not allowed" */
};

int
err_status(enum err code)
{
	if ((int)code < 0 || code > ERR__MAX)
		return 500;
	return status_of[code];
}

/* Drop a malloc'd answer that is being replaced. */
static void
resp_release(struct req *r)
{
	if (r->resp_heap)
		free(r->resp);
	r->resp_heap = false;
	r->resp = NULL;
}

void
reply_json(struct req *r, int status, json_t *body)
{
	char *p = json_dumps(body, JSON_COMPACT);

	json_decref(body);
	resp_release(r);
	r->ctype = "application/json";
	r->answered = true;
	if (p == NULL) {
		r->status = 500;
		r->resp = (char *)"{\"error\":{\"code\":\"internal\",\"message\":\"The server "
		    "ran out of memory.\"}}";
		r->resp_len = strlen(r->resp);
		r->resp_persistent = true;
		return;
	}
	r->status = status;
	r->resp = p;
	r->resp_len = strlen(p);
	r->resp_persistent = false;
	r->resp_heap = true;
}

void
reply_owned(struct req *r, int status, const char *ctype, char *p, size_t n)
{
	resp_release(r);
	r->ctype = ctype;
	r->answered = true;
	r->status = status;
	r->resp = p;
	r->resp_len = n;
	r->resp_persistent = false;
	r->resp_heap = true;
}

void
reply_forget(struct req *r)
{
	resp_release(r);
	r->resp_len = 0;
	r->resp_persistent = false;
	r->ctype = NULL;
	r->status = 0;
	r->answered = false;
	r->au_action = NULL;
	r->au_detail = NULL;
	r->au_record = 0;
	r->au_client = 0;
	r->nlisted = 0;
}

void
reply_empty(struct req *r, int status)
{
	resp_release(r);
	r->status = status;
	r->resp = (char *)"";
	r->resp_len = 0;
	r->resp_persistent = true;
	r->ctype = NULL;
	r->answered = true;
}

json_t *
json_error_body(const struct error *e)
{
	json_t *err = json_object();
	json_t *root = json_object();
	const char *word = e->code == ERR__MAX ? "method_not_allowed" : err_code_word(e->code);
	size_t i;

	json_object_set_new(err, "code", json_string(word));
	json_object_set_new(err, "message", json_string(e->msg[0] ? e->msg :
	    "The request could not be completed."));
	if (e->nfields > 0) {
		json_t *f = json_object();
		for (i = 0; i < e->nfields; i++)
			json_object_set_new(f, e->fields[i].name,
			    json_string(e->fields[i].msg));
		json_object_set_new(err, "fields", f);
	}
	json_object_set_new(root, "error", err);
	return root;
}

void
reply_error(struct req *r, const struct error *e)
{
	struct error safe;
	enum err code = e->code == ERR_OK ? ERR_STORE : e->code;

	if (code == ERR_STORE || code == ERR_IO || code == ERR_NOMEM) {
		/* Keep database details out of answers and logs about clients. */
		fprintf(stderr, "iop: %s %s: %s\n", r->method == M_GET ? "GET" : "write",
		    r->route >= 0 ? "api" : "-", e->msg);
		error_clear(&safe);
		error_set(&safe, code, "The server could not complete this; nothing was "
		    "changed. Try again, and tell your administrator if it persists.");
		e = &safe;
	}
	reply_json(r, err_status(code), json_error_body(e));
}

void
reply_err(struct req *r, enum err code, const char *msg)
{
	struct error e;

	error_clear(&e);
	e.code = code;
	snprintf(e.msg, sizeof e.msg, "%s", msg);
	reply_json(r, err_status(code), json_error_body(&e));
}

void
req_audit(struct req *r, const char *action, const char *record_type, int64_t record_id,
    int64_t client_id, const char *detail)
{
	struct audit_event *ev;

	if (r->naudit == r->audit_cap) {
		size_t cap = r->audit_cap ? r->audit_cap * 2 : 4;
		struct audit_event *p = arena_alloc(r->arena, cap * sizeof *p);
		if (p == NULL) {
			/* The row cannot be kept: refuse the request rather than
			 * answer it unaudited. */
			r->audit_lost = true;
			return;
		}
		if (r->naudit)
			memcpy(p, r->audit, r->naudit * sizeof *p);
		r->audit = p;
		r->audit_cap = cap;
	}
	ev = &r->audit[r->naudit++];
	memset(ev, 0, sizeof *ev);
	ev->at = r->now;
	ev->user_id = r->authed ? r->sess.staff_id : 0;
	ev->username = r->authed ? r->sess.username : "";
	ev->role = r->authed ? r->roles_str : "";
	ev->action = action;
	ev->record_type = record_type ? record_type : "";
	ev->record_id = record_id;
	ev->client_id = client_id;
	ev->address = r->addr;
	ev->detail = detail ? arena_strdup(r->arena, detail) : "";
	if (ev->detail == NULL) {
		ev->detail = "";
		r->audit_lost = true;
	}
}


void
req_about(struct req *r, int64_t record_id, int64_t client_id)
{
	r->au_record = record_id;
	r->au_client = client_id;
}

void
req_listed(struct req *r, int64_t client_id)
{
	if (client_id <= 0)
		return;
	for (size_t i = 0; i < r->nlisted; i++)
		if (r->listed[i] == client_id)
			return;
	if (r->nlisted == r->listed_cap) {
		size_t cap = r->listed_cap ? r->listed_cap * 2 : 16;
		int64_t *p = arena_alloc(r->arena, cap * sizeof *p);
		if (p == NULL) {
			r->audit_lost = true;
			return;
		}
		if (r->nlisted)
			memcpy(p, r->listed, r->nlisted * sizeof *p);
		r->listed = p;
		r->listed_cap = cap;
	}
	r->listed[r->nlisted++] = client_id;
}

void
req_audit_as(struct req *r, const char *action, const char *detail)
{
	if (action != NULL)
		r->au_action = action;
	if (detail != NULL) {
		r->au_detail = arena_strdup(r->arena, detail);
		if (r->au_detail == NULL)
			r->audit_lost = true;
	}
}

static int64_t
path_id(const struct req *r, int i)
{
	return r->nids > i ? r->ids[i] : 0;
}

void
req_audit_declared(struct req *r, const struct audit_decl *d)
{
	int64_t rec = 0, client = 0;
	struct audit_event *ev;

	if (d->action == NULL)
		return;
	/* A write refused before it was tried changed nothing; a read that
	 * failed showed nothing. */
	if (r->method == M_GET || r->method == M_HEAD) {
		if (!r->answered || r->status < 200 || r->status > 299)
			return;
	} else if (r->op == NULL) {
		return;
	}
	switch (d->rec) {
	case AU_REC_NONE:
	case AU_REC_RESULT:	/* completed from the result (req_op) */
		break;
	case AU_REC_PATH:
		rec = path_id(r, 0);
		break;
	case AU_REC_PATH2:
		rec = path_id(r, 1);
		break;
	case AU_REC_HANDLER:
		rec = r->au_record;
		break;
	}
	switch (d->client) {
	case AU_CL_NONE:
	case AU_CL_RESULT:	/* completed from the result (req_op) */
		break;
	case AU_CL_PATH:
		client = path_id(r, 0);
		break;
	case AU_CL_HANDLER:
	case AU_CL_ROWS:
		client = r->au_client;
		break;
	}
	req_audit(r, r->au_action ? r->au_action : d->action, d->record_type, rec, client,
	    NULL);
	if (r->naudit == 0 || r->audit_lost)
		return;
	ev = &r->audit[r->naudit - 1];
	ev->detail = r->au_detail ? r->au_detail : "";
	if (d->client == AU_CL_ROWS) {
		ev->clients = r->listed;
		ev->nclients = r->nlisted;
	}
}

/* The op_call's finish: complete the handler's audit rows from the result. */
static enum err
req_op_finish(struct op_call *c, void *user, struct error *e)
{
	struct req *r = user;
	const struct op_result *res = &c->res;
	size_t n = r->naudit;

	for (size_t i = 0; i < n; i++) {
		struct audit_event *ev = &r->audit[i];
		if (ev->record_id == 0)
			ev->record_id = res->id;
		if (ev->client_id == 0 && res->nclients > 0)
			ev->client_id = res->clients[0];
		if (res->action != NULL)
			ev->action = res->action;
		if (res->detail != NULL && *res->detail != '\0')
			ev->detail = res->detail;
	}
	/* Every further client touched is on the rows' client index. */
	if (res->nclients > 1) {
		for (size_t i = 0; i < n; i++) {
			struct audit_event *ev = &r->audit[i];
			if (ev->client_id == res->clients[0] && ev->nclients == 0) {
				ev->clients = res->clients;
				ev->nclients = res->nclients;
			}
		}
	}
	if (r->audit_lost)
		return error_set(e, ERR_NOMEM, "The audit rows of this change did not fit.");
	r->job.audit = r->audit;
	r->job.naudit = r->naudit;
	return ERR_OK;
}

/*
 * The op_call's refused: the operation's changes are rolled back, but when
 * its refusal shows clients (the possible duplicates a 409 lists), the
 * answer is a read of them: one row, written after the rollback, on each
 * of their trails.
 */
static void
req_op_refused(struct op_call *c, void *user, enum err rc)
{
	struct req *r = user;
	const struct op_result *res = &c->res;
	struct audit_event *ev;

	if (rc != ERR_DUPLICATE || res->nclients == 0)
		return;
	ev = arena_alloc(r->arena, sizeof *ev);
	if (ev == NULL)
		return;
	ev->at = r->now;
	ev->user_id = r->authed ? r->sess.staff_id : 0;
	ev->username = r->authed ? r->sess.username : "";
	ev->role = r->authed ? r->roles_str : "";
	ev->address = r->addr;
	ev->action = "client.duplicates_shown";
	ev->record_type = "client";
	ev->record_id = 0;
	ev->client_id = 0;
	ev->detail = "";
	ev->clients = res->clients;
	ev->nclients = res->nclients;
	r->job.audit_fail = ev;
	r->job.naudit_fail = 1;
}

struct op_call *
req_op(struct req *r, op_run_fn run, const void *in, after_fn after)
{
	struct op_call *c = arena_alloc(r->arena, sizeof *c);

	if (c == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return NULL;
	}
	op_call_init(c, r->arena, run, in);
	if (r->authed) {
		c->who.staff_id = r->sess.staff_id;
		c->who.username = r->sess.username;
		c->who.roles = r->sess.roles;
	}
	c->who.address = r->addr;
	c->who.now = r->now;
	c->finish = req_op_finish;
	c->refused = req_op_refused;
	c->user = r;
	r->op = c;
	r->after = after;
	return c;
}

const char *
req_query(struct req *r, const char *key)
{
	if (r->query_set != NULL) {
		for (const char *const *q = r->query_set; q[0] != NULL && q[1] != NULL; q += 2)
			if (strcmp(q[0], key) == 0)
				return q[1];
		return NULL;
	}
	return MHD_lookup_connection_value((struct MHD_Connection *)r->conn,
	    MHD_GET_ARGUMENT_KIND, key);
}

const char *
req_header(struct req *r, const char *key)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)r->conn,
	    MHD_HEADER_KIND, key);
}

/* 1-12 ASCII digits (no sign, no space), from min to max. */
static bool
parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	const char *p;
	long long v;

	if (s == NULL || *s == '\0' || strlen(s) > 12)
		return false;
	for (p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	v = strtoll(s, NULL, 10);
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool
req_query_int(struct req *r, const char *key, int64_t min, int64_t max, int64_t *out,
    struct error *e, const char *msg)
{
	const char *v = req_query(r, key);

	if (v == NULL)
		return true;
	if (parse_int(v, min, max, out))
		return true;
	error_field(e, key, "%s", msg);
	return false;
}

bool
req_page(struct req *r, struct page *pg)
{
	int64_t limit = 50, offset = 0;
	struct error e;

	error_clear(&e);
	req_query_int(r, "limit", 1, 200, &limit, &e, "must be a whole number from 1 to 200");
	req_query_int(r, "offset", 0, 100000000, &offset, &e, "must be a whole number, 0 or more");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	pg->limit = (int)limit;
	pg->offset = (int)offset;
	return true;
}

/*
 * The field a JSON parse error sits in: the keys from the outside in,
 * joined with '.' ("address.postal_code"), read from the body up to the
 * error's position.  False when it is not the value of an object's member
 * with a plain name, e.g. inside an array or between members.
 */
#define PATH_DEPTH 8
#define PATH_KEY 64
static bool
error_field_path(const char *b, size_t n, char *out, size_t outsz)
{
	char keys[PATH_DEPTH][PATH_KEY], last[PATH_KEY];
	bool is_obj[PATH_DEPTH], have_last = false, plain = true;
	size_t i, k, depth = 0, used;

	for (i = 0; i < n; i++) {
		switch (b[i]) {
		case '"':
			plain = true;
			for (k = 0, i++; i < n && b[i] != '"'; i++) {
				if (b[i] == '\\') {
					plain = false;	/* an escape: not a plain name */
					if (++i >= n)
						break;
					continue;
				}
				/* Only names as the API spells them, letters,
				 * digits and '_', are named back. */
				if (k + 1 < sizeof last && (isalnum((unsigned char)b[i]) ||
				    b[i] == '_'))
					last[k++] = b[i];
				else
					plain = false;
			}
			if (i >= n)
				return false;	/* the error is inside a string */
			last[k] = '\0';
			have_last = true;
			break;
		case ':':
			if (depth == 0 || !is_obj[depth - 1] || !have_last || !plain)
				return false;
			memcpy(keys[depth - 1], last, sizeof last);
			have_last = false;
			break;
		case '{':
		case '[':
			if (depth == PATH_DEPTH)
				return false;
			is_obj[depth] = b[i] == '{';
			keys[depth++][0] = '\0';
			have_last = false;
			break;
		case '}':
		case ']':
			if (depth == 0)
				return false;
			depth--;
			have_last = false;
			break;
		case ',':
			if (depth > 0)
				keys[depth - 1][0] = '\0';
			have_last = false;
			break;
		default:
			break;
		}
	}
	if (depth == 0)
		return false;
	for (i = 0; i < depth; i++)
		if (!is_obj[i] || keys[i][0] == '\0')
			return false;
	out[0] = '\0';
	for (i = 0, used = 0; i < depth; i++) {
		int w = snprintf(out + used, outsz - used, "%s%s", i ? "." : "", keys[i]);
		if (w < 0 || (size_t)w >= outsz - used)
			return false;
		used += (size_t)w;
	}
	return true;
}

/* A body that is not JSON: when the parser stopped at a number it cannot
 * hold (10^20, 1e400) or a word JSON has not (Infinity, NaN) in a member's
 * value, the answer names that member. */
static void
reply_bad_json(struct req *r, const json_error_t *je)
{
	const char *why = NULL;
	struct error e;
	char path[48];

	if (strstr(je->text, "too big") != NULL || strstr(je->text, "overflow") != NULL)
		why = "is a number too large to hold";
	else if (strstr(je->text, "invalid token") != NULL)
		why = "is not a JSON value (numbers are finite, text is quoted)";
	if (why == NULL || je->position <= 0 || (size_t)je->position > r->body_len ||
	    !error_field_path(r->body, (size_t)je->position, path, sizeof path)) {
		reply_err(r, ERR_MALFORMED, "The request body is not valid JSON.");
		return;
	}
	error_clear(&e);
	error_field(&e, path, "%s", why);
	e.code = ERR_MALFORMED;
	snprintf(e.msg, sizeof e.msg, "The request body is not valid JSON.");
	reply_json(r, err_status(ERR_MALFORMED), json_error_body(&e));
}

json_t *
req_json_object(struct req *r)
{
	json_error_t je;
	json_t *o;

	if (r->body == NULL || r->body_len == 0) {
		reply_err(r, ERR_MALFORMED, "The request needs a JSON object body.");
		return NULL;
	}
	o = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL) {
		reply_bad_json(r, &je);
		return NULL;
	}
	if (!json_is_object(o)) {
		json_decref(o);
		reply_err(r, ERR_MALFORMED, "The request body must be a JSON object.");
		return NULL;
	}
	r->in = o;
	return o;
}

/*
 * api_clients.c — clients, their contacts, and a client's audit trail.
 *
 * Every read of client data adds an audit row naming the client; a search
 * adds one row listing the ids it returned, never the search text.  Writes
 * are decoded and validated here and run as operations (ops/client.h):
 * check (existence, duplicates) and write together.  Clients are never
 * deleted: PATCH {"active": false} deactivates.
 */
#include <stdio.h>
#include <string.h>

#include "core/client.h"
#include "core/search.h"
#include "http/decoders.h"
#include "http/req.h"
#include "lib/buf.h"
#include "ops/client.h"

static struct date
today(struct req *r)
{
	return date_from_unix(r->now);
}

/* 409 duplicate: the error body with the matching clients. */
void
reply_duplicates(struct req *r, const struct error *e, const struct client *d, size_t n)
{
	json_t *b = json_error_body(e), *m = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(m, json_pack("{s:I,s:s,s:o,s:o,s:o,s:b}",
		    "id", (json_int_t)d[i].id, "mrn", d[i].mrn,
		    "first_name", jstr(d[i].first_name), "last_name", jstr(d[i].last_name),
		    "dob", jdate(d[i].dob), "active", d[i].active));
	json_object_set_new(json_object_get(b, "error"), "matches", m);
	reply_json(r, 409, b);
}

/* ---- list and read ------------------------------------------------------- */

void
h_clients_list(struct req *r)
{
	const char *q = req_query(r, "q"), *inc = req_query(r, "include_inactive");
	struct client_search cs;
	struct client *items;
	struct page pg;
	struct error e;
	bool include = false;
	int64_t total;
	size_t n;

	error_clear(&e);
	if (q != NULL && !search_parse(q, &cs))
		error_field(&e, "q", "must be 100 characters or fewer, without control "
		    "characters");
	if (q == NULL)
		search_parse("", &cs);
	if (inc != NULL) {
		if (strcmp(inc, "true") == 0 || strcmp(inc, "1") == 0)
			include = true;
		else if (strcmp(inc, "false") != 0 && strcmp(inc, "0") != 0)
			error_field(&e, "include_inactive", "must be true or false");
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (!req_page(r, &pg))
		return;
	if (store_client_search(r->app->store, &cs, include, pg, r->arena, &items, &n, &total,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list_audited(r, items, n, client_to_json, total, id, id);
}

GET_ONE(h_client_get, struct client, store_client_get, client_to_json)


/* ---- the bodies ------------------------------------------------------------ */

/* A client's body: the record, the address fields given, and whether a
 * likely duplicate is someone else. */
struct client_body {
	struct client c;
	fset address;
	bool allow_duplicate;
};

/* Text, or null / "" for none; checked as text the way FK_TEXT does. */
static const char *
text_of(json_t *v, const char **s)
{
	if (json_is_null(v)) {
		*s = "";
		return NULL;
	}
	if (!json_is_string(v))
		return "must be text";
	*s = json_string_value(v);
	if (strlen(*s) != json_string_length(v))
		return "must not contain control characters";
	return NULL;
}

static const char *
dob_parse(json_t *v, void *dst, struct arena *a)
{
	struct date *d = dst;
	const char *s, *why;

	(void)a;
	if ((why = text_of(v, &s)) != NULL)
		return why;
	if (*s == '\0')
		memset(d, 0, sizeof *d);
	else if (!date_parse(s, d))
		return "must be a real date written YYYY-MM-DD";
	return NULL;
}

static const char *
sex_field_parse(json_t *v, void *dst, struct arena *a)
{
	const char *s, *why;

	(void)a;
	if ((why = text_of(v, &s)) != NULL)
		return why;
	if (*s == '\0')
		return "is required";
	if (!sex_parse(s, dst))
		return "must be one of female, male, intersex, unknown";
	return NULL;
}

#define CB(m) offsetof(struct client_body, m)

/* In enum address order: bit i of the fset is CF_ADDR_LINE1 + i. */
static const struct fdef address_fields[] = {
	{ .name = "line1", .kind = FK_TEXT, .off = CB(c.address.line1) },
	{ .name = "line2", .kind = FK_TEXT, .off = CB(c.address.line2) },
	{ .name = "city", .kind = FK_TEXT, .off = CB(c.address.city) },
	{ .name = "state", .kind = FK_TEXT, .off = CB(c.address.state) },
	{ .name = "postal_code", .kind = FK_TEXT, .off = CB(c.address.postal_code) },
};
static const struct fdecoder dec_address = FDECODER("address", struct client_body,
    address_fields);

/* Rows up to "active" in enum client_field order: bit i of the fset is field i. */
static const struct fdef client_fields[] = {
	{ .name = "first_name", .kind = FK_TEXT, .off = CB(c.first_name) },
	{ .name = "last_name", .kind = FK_TEXT, .off = CB(c.last_name) },
	{ .name = "preferred_name", .kind = FK_TEXT, .off = CB(c.preferred_name) },
	{ .name = "dob", .kind = FK_CUSTOM, .off = CB(c.dob), .parse = dob_parse },
	{ .name = "sex", .kind = FK_CUSTOM, .off = CB(c.sex), .parse = sex_field_parse },
	{ .name = "gender_identity", .kind = FK_TEXT, .off = CB(c.gender_identity) },
	{ .name = "phone", .kind = FK_TEXT, .off = CB(c.phone) },
	{ .name = "email", .kind = FK_TEXT, .off = CB(c.email) },
	{ .name = "language", .kind = FK_TEXT, .off = CB(c.language) },
	{ .name = "active", .kind = FK_BOOL, .off = CB(c.active) },
	{ .name = "address", .kind = FK_OBJECT, .off = CB(address), .flags = FD_GIVEN,
	    .sub = &dec_address },
	{ .name = "allow_duplicate", .kind = FK_BOOL, .off = CB(allow_duplicate) },
};
const struct fdecoder dec_client = FDECODER("client", struct client_body, client_fields);

/* The client fields given (bits of enum client_field), from the body's sets. */
static unsigned
client_given(const struct client_body *b, fset given)
{
	return (unsigned)(given & ((1u << CF_ADDR_LINE1) - 1)) |
	    (unsigned)(b->address << CF_ADDR_LINE1);
}

/* Decode o onto a blank client in b; false with e filled. */
static bool
client_decode(json_t *o, struct arena *a, struct client_body *b, fset *given,
    struct error *e)
{
	memset(b, 0, sizeof *b);
	client_blank(&b->c);
	return fdecode(&dec_client, o, a, b, given, e, NULL);
}

/* In enum contact_field order: bit i of the fset is field i. */
static const struct fdef contact_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .off = offsetof(struct contact, name) },
	{ .name = "relationship", .kind = FK_TEXT,
	    .off = offsetof(struct contact, relationship) },
	{ .name = "phone", .kind = FK_TEXT, .off = offsetof(struct contact, phone) },
	{ .name = "email", .kind = FK_TEXT, .off = offsetof(struct contact, email) },
	{ .name = "emergency", .kind = FK_BOOL,
	    .off = offsetof(struct contact, emergency) },
	{ .name = "guardian", .kind = FK_BOOL, .off = offsetof(struct contact, guardian) },
	{ .name = "notes", .kind = FK_TEXT, .off = offsetof(struct contact, notes) },
	{ .name = "kind", .kind = FK_TEXT, .off = offsetof(struct contact, kind) },
	{ .name = "organisation", .kind = FK_TEXT, .off = offsetof(struct contact, organisation) },
	{ .name = "may_contact", .kind = FK_BOOL, .off = offsetof(struct contact, may_contact) },
};
const struct fdecoder dec_contact = FDECODER("contact", struct contact, contact_fields);

/* ---- create and change ------------------------------------------------- */

typedef enum err (*finish_fn)(struct op_call *c, void *user, struct error *e);

/* A change: its input first, so the call's input leads back to it. */
struct client_patch {
	struct client_update_in in;
	struct client_out out;
	finish_fn generic;	/* req_op's finish, run after the action is chosen */
};

static void
client_reply(struct req *r, const struct client_out *out)
{
	if (r->job.result == ERR_DUPLICATE) {
		reply_duplicates(r, &r->job.err, out->dupes, out->ndupes);
		return;
	}
	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	reply_json(r, r->method == M_POST ? 201 : 200, client_to_json(&out->c));
}

static void
client_create_after(struct req *r)
{
	const struct client_create_in *in = r->op->in;

	client_reply(r, in->out);
}

static void
client_patch_after(struct req *r)
{
	const struct client_patch *p = r->op->in;

	client_reply(r, &p->out);
}

void
h_clients_create(struct req *r)
{
	struct client_create_in *in = arena_alloc(r->arena, sizeof *in);
	struct client_out *out = arena_alloc(r->arena, sizeof *out);
	struct client_body b;
	struct error e;
	fset given;
	json_t *o;

	if (in == NULL || out == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	memset(in, 0, sizeof *in);
	memset(out, 0, sizeof *out);
	in->out = out;
	client_decode(o, r->arena, &b, &given, &e);
	in->c = b.c;
	in->allow_duplicate = b.allow_duplicate;
	if (fset_has(&dec_client, given, "active"))
		error_field(&e, "active", "is set by deactivating a client, not when adding one");
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		client_validate(&in->c, today(r), &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_client_create_run, in, client_create_after);
}

/* The audit row's action says what became of "active". */
static enum err
client_patch_finish(struct op_call *c, void *user, struct error *e)
{
	const struct client_patch *p = c->in;
	struct req *r = user;

	if (p->out.change == CLIENT_DEACTIVATED)
		r->audit[0].action = "client.deactivate";
	else if (p->out.change == CLIENT_REACTIVATED)
		r->audit[0].action = "client.reactivate";
	return p->generic(c, user, e);
}

void
h_client_patch(struct req *r)
{
	struct client_patch *p = arena_alloc(r->arena, sizeof *p);
	struct client_body b;
	struct op_call *c;
	struct error e;
	struct buf changed;
	fset given;
	json_t *o;

	if (p == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	memset(p, 0, sizeof *p);
	p->in.id = r->ids[0];
	p->in.out = &p->out;
	if (!client_decode(o, r->arena, &b, &given, &e)) {
		reply_error(r, &e);
		return;
	}
	/* Ending a client's record (or bringing it back) is a permission of its
	 * own: the front desk edits details but does not deactivate. */
	if (fset_has(&dec_client, given, "active") &&
	    !roles_allow(r->sess.roles, PERM_CLIENTS_DEACTIVATE)) {
		reply_err(r, ERR_FORBIDDEN, "Your role cannot deactivate or reactivate a client; "
		    "ask a clinician or the director.");
		/* A known person's attempt, on the client's trail, as the
		 * frame's refusals are. */
		req_audit(r, "request.refused", "client", r->ids[0], r->ids[0],
		    "PATCH /api/v1/clients/{id}: clients.deactivate");
		return;
	}
	p->in.set = b.c;
	p->in.allow_duplicate = b.allow_duplicate;
	p->in.fields = client_given(&b, given);
	/* The audit row names the fields given (never their values). */
	buf_init(&changed, 0);
	buf_puts(&changed, "fields=");
	for (size_t i = 0; i < dec_client.n; i++)
		if (i < 64 && (given & ((fset)1 << i)) &&
		    strcmp(dec_client.f[i].name, "allow_duplicate") != 0)
			buf_printf(&changed, "%s%s", changed.len > 7 ? "," : "",
			    dec_client.f[i].name);
	req_audit_as(r, NULL, buf_cstr(&changed));
	buf_free(&changed);
	if ((c = req_op(r, op_client_update_run, &p->in, client_patch_after)) != NULL) {
		p->generic = c->finish;
		c->finish = client_patch_finish;
	}
}

/*
 * PUT /clients/{id}/active {"active": bool}: deactivating (or reactivating)
 * a client, a permission of its own (clients.deactivate), which the front
 * desk does not hold.  The audit row says which it was.
 */
struct active_body {
	bool active;
};

static const struct fdef client_active_fields[] = {
	{ .name = "active", .kind = FK_BOOL, .off = offsetof(struct active_body, active) },
};
const struct fdecoder dec_client_active = FDECODER("client_active", struct active_body,
    client_active_fields);

void
h_client_active(struct req *r)
{
	struct client_patch *p = arena_alloc(r->arena, sizeof *p);
	struct active_body b = { false };
	struct op_call *c;
	struct error e;
	fset given = 0;
	json_t *o;

	if (p == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	fdecode(&dec_client_active, o, r->arena, &b, &given, &e, NULL);
	if (e.code == ERR_OK && !fset_has(&dec_client_active, given, "active"))
		error_field(&e, "active", "is required: true to reactivate, false to deactivate");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	memset(p, 0, sizeof *p);
	p->in.id = r->ids[0];
	p->in.out = &p->out;
	client_blank(&p->in.set);
	p->in.set.active = b.active;
	p->in.fields = 1u << CF_ACTIVE;
	p->in.allow_duplicate = true;	/* the identity does not change */
	req_audit_as(r, NULL, "fields=active");
	if ((c = req_op(r, op_client_update_run, &p->in, client_patch_after)) != NULL) {
		p->generic = c->finish;
		c->finish = client_patch_finish;
	}
}

/* ---- contacts -------------------------------------------------------------- */

/* A client has few contacts: they are read whole and paged here. */
CLIENT_LIST(h_contacts_list, store_contact_list, struct contact, contact_to_json)

/* Every contact write: the record as written in out. */
struct contact_job {
	union {
		struct contact_create_in create;
		struct contact_update_in update;
		struct contact_remove_in remove;
	} in;
	struct contact out;
};

static void
contact_after(struct req *r)
{
	const struct contact_job *j = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else if (r->method == M_DELETE)
		reply_empty(r, 204);
	else
		reply_json(r, r->method == M_POST ? 201 : 200, contact_to_json(&j->out));
}

static struct contact_job *
contact_job_new(struct req *r)
{
	struct contact_job *j = arena_alloc(r->arena, sizeof *j);

	if (j == NULL)
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
	else
		memset(j, 0, sizeof *j);
	return j;
}

void
h_contacts_create(struct req *r)
{
	struct contact_job *j = contact_job_new(r);
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->in.create.out = &j->out;
	contact_blank(&j->in.create.c, r->ids[0]);
	fdecode(&dec_contact, o, r->arena, &j->in.create.c, NULL, &e, NULL);
	contact_settle(&j->in.create.c);
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		contact_validate(&j->in.create.c, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_contact_create_run, j, contact_after);
}

void
h_contact_patch(struct req *r)
{
	struct contact_job *j = contact_job_new(r);
	struct error e;
	fset given;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->in.update.client_id = r->ids[0];
	j->in.update.id = r->ids[1];
	j->in.update.out = &j->out;
	contact_blank(&j->in.update.set, r->ids[0]);
	if (!fdecode(&dec_contact, o, r->arena, &j->in.update.set, &given, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	j->in.update.fields = (unsigned)given;
	req_op(r, op_contact_update_run, j, contact_after);
}

void
h_contact_delete(struct req *r)
{
	struct contact_job *j = contact_job_new(r);

	if (j == NULL)
		return;
	j->in.remove.client_id = r->ids[0];
	j->in.remove.id = r->ids[1];
	req_op(r, op_contact_remove_run, j, contact_after);
}

/* ---- the client's audit trail ------------------------------------------------ */

void
h_client_audit(struct req *r)
{
	struct audit_event *items;
	struct client c;
	struct page pg;
	struct error e;
	int64_t total;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_audit_by_client(r->app->store, r->ids[0], pg, r->arena, &items, &n, &total,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, audit_to_json, total);
}

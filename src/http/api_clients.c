/*
 * api_clients.c — clients, their contacts, and a client's audit trail.
 *
 * Every read of client data adds an audit row naming the client; a search
 * adds one row listing the ids it returned, never the search text.  Writes
 * validate in the core and run as one store job: check (existence,
 * duplicates) and write together.  Clients are never deleted: PATCH
 * {"active": false} deactivates.
 */
#include <stdio.h>
#include <string.h>

#include "core/client.h"
#include "core/search.h"
#include "http/req.h"
#include "lib/buf.h"

void
client_blank(struct client *c)
{
	memset(c, 0, sizeof *c);
	c->first_name = c->last_name = c->preferred_name = c->gender_identity = "";
	c->phone = c->email = c->language = "";
	c->address.line1 = c->address.line2 = c->address.city = "";
	c->address.state = c->address.postal_code = "";
	c->sex = SEX__MAX;	/* "required": validation names it */
	c->active = true;
}

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

void
h_client_get(struct req *r)
{
	struct client c;
	struct error e;

	error_clear(&e);
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, client_to_json(&c));
}

/* ---- create and change ------------------------------------------------- */

struct client_job {
	struct req *r;
	struct client c;
	bool allow_duplicate;
	struct client *dupes;
	size_t ndupes;
	const char *fields;	/* names given in a PATCH */
};

static enum err
check_dupes(struct store_tx *tx, struct client_job *j, struct error *e)
{
	if (j->allow_duplicate)
		return ERR_OK;
	if (store_tx_client_dupes(tx, &j->c, j->r->arena, &j->dupes, &j->ndupes, e) != ERR_OK)
		return e->code;
	if (j->ndupes > 0)
		return error_set(e, ERR_DUPLICATE, "A client with this name and date of birth "
		    "already exists.");
	return ERR_OK;
}

static enum err
client_create_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct client_job *j = arg;

	if (check_dupes(tx, j, e) != ERR_OK)
		return e->code;
	if (store_tx_client_insert(tx, &j->c, e) != ERR_OK)
		return e->code;
	j->r->audit[0].record_id = j->r->audit[0].client_id = j->c.id;
	return ERR_OK;
}

static void
client_job_after(struct req *r)
{
	struct client_job *j = r->run_arg;

	if (r->job.result == ERR_DUPLICATE) {
		reply_duplicates(r, &r->job.err, j->dupes, j->ndupes);
		return;
	}
	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	reply_json(r, r->method == M_POST ? 201 : 200, client_to_json(&j->c));
}

void
h_clients_create(struct req *r)
{
	struct client_job *j = arena_alloc(r->arena, sizeof *j);
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	client_blank(&j->c);
	json_only_keys(o, client_keys, &e, NULL);
	jfield_bool(o, "allow_duplicate", &j->allow_duplicate, &e, NULL);
	client_apply_json(o, &j->c, r->arena, &e, NULL);
	if (json_object_get(o, "active") != NULL)
		error_field(&e, "active", "is set by deactivating a client, not when adding one");
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		client_validate(&j->c, today(r), &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, client_create_run, j, client_job_after);
}

static enum err
client_patch_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct client_job *j = arg;
	struct client old;
	bool was_active;
	bool identity_changed;

	if (store_tx_client_get(tx, j->r->ids[0], j->r->arena, &j->c, e) != ERR_OK)
		return e->code;
	old = j->c;
	was_active = j->c.active;
	client_apply_json(j->r->in, &j->c, j->r->arena, e, NULL);
	if (e->code != ERR_OK && e->code != ERR_INVALID)
		return e->code;
	if (client_validate(&j->c, date_from_unix(store_tx_now(tx)), e) != ERR_OK ||
	    e->code != ERR_OK)
		return e->code;
	identity_changed = strcmp(old.first_name, j->c.first_name) != 0 ||
	    strcmp(old.last_name, j->c.last_name) != 0 || date_cmp(old.dob, j->c.dob) != 0;
	if (identity_changed && check_dupes(tx, j, e) != ERR_OK)
		return e->code;
	if (was_active && !j->c.active)
		j->r->audit[0].action = "client.deactivate";
	else if (!was_active && j->c.active)
		j->r->audit[0].action = "client.reactivate";
	return store_tx_client_update(tx, &j->c, e);
}

void
h_client_patch(struct req *r)
{
	struct client_job *j = arena_alloc(r->arena, sizeof *j);
	struct error e;
	struct buf changed;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	json_only_keys(o, client_keys, &e, NULL);
	jfield_bool(o, "allow_duplicate", &j->allow_duplicate, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	buf_init(&changed, 0);
	buf_puts(&changed, "fields=");
	{
		struct client scratch;
		client_blank(&scratch);
		client_apply_json(o, &scratch, r->arena, &e, &changed);
	}
	if (e.code != ERR_OK) {
		buf_free(&changed);
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, buf_cstr(&changed));
	buf_free(&changed);
	req_write(r, client_patch_run, j, client_job_after);
}

/* ---- contacts -------------------------------------------------------------- */

/* A client has few contacts: they are read whole and paged here. */
CLIENT_LIST(h_contacts_list, store_contact_list, struct contact, contact_to_json)

struct contact_job {
	struct req *r;
	struct contact c;
};

static enum err
contact_create_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct contact_job *j = arg;
	struct client c;

	if (store_tx_client_get(tx, j->c.client_id, j->r->arena, &c, e) != ERR_OK)
		return e->code;
	if (store_tx_contact_insert(tx, &j->c, e) != ERR_OK)
		return e->code;
	j->r->audit[0].record_id = j->c.id;
	return ERR_OK;
}

static enum err
contact_patch_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct contact_job *j = arg;

	if (store_tx_contact_get(tx, j->r->ids[0], j->r->ids[1], j->r->arena, &j->c, e)
	    != ERR_OK)
		return e->code;
	contact_apply_json(j->r->in, &j->c, j->r->arena, e);
	if (e->code != ERR_OK && e->code != ERR_INVALID)
		return e->code;
	if (contact_validate(&j->c, e) != ERR_OK || e->code != ERR_OK)
		return e->code;
	return store_tx_contact_update(tx, &j->c, e);
}

static enum err
contact_delete_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct contact_job *j = arg;

	return store_tx_contact_remove(tx, j->r->ids[0], j->r->ids[1], e);
}

static void
contact_after(struct req *r)
{
	struct contact_job *j = r->run_arg;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else if (r->method == M_DELETE)
		reply_empty(r, 204);
	else
		reply_json(r, r->method == M_POST ? 201 : 200, contact_to_json(&j->c));
}

void
h_contacts_create(struct req *r)
{
	struct contact_job *j = arena_alloc(r->arena, sizeof *j);
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->c.client_id = r->ids[0];
	j->c.name = j->c.relationship = j->c.phone = j->c.email = j->c.notes = "";
	json_only_keys(o, contact_keys, &e, NULL);
	contact_apply_json(o, &j->c, r->arena, &e);
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		contact_validate(&j->c, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, contact_create_run, j, contact_after);
}

void
h_contact_patch(struct req *r)
{
	struct contact_job *j = arena_alloc(r->arena, sizeof *j);
	struct contact scratch;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	memset(&scratch, 0, sizeof scratch);
	json_only_keys(o, contact_keys, &e, NULL);
	contact_apply_json(o, &scratch, r->arena, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, contact_patch_run, j, contact_after);
}

void
h_contact_delete(struct req *r)
{
	struct contact_job *j = arena_alloc(r->arena, sizeof *j);

	j->r = r;
	req_write(r, contact_delete_run, j, contact_after);
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

/* The whole log for audit review (admins, directors).  Reading it is
 * itself recorded. */
void
h_audit_list(struct req *r)
{
	struct audit_event *items;
	struct page pg;
	struct error e;
	int64_t total;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_audit_recent(r->app->store, pg, r->arena, &items, &n, &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, "whole log");
	reply_list(r, items, n, audit_to_json, total);
}

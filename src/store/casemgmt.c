/*
 * casemgmt.c — case management's reads and writes
 * (sql/queries/casemgmt.sql): resources, needs, court dates, referrals
 * with their history, and the rows of what is due.
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"
#include "store/casemgmt.h"

#define R_(f, n, k) k(struct cm_resource, f, n)
static const struct col cm_resource_cols[] = {
	R_(id, "id", C_INT), R_(name, "name", C_TEXT), R_(kind, "kind", C_TEXT),
	R_(address, "address", C_TEXT), R_(phone, "phone", C_TEXT), R_(email, "email", C_TEXT),
	R_(website, "website", C_TEXT), R_(notes, "notes", C_TEXT), R_(active, "active", C_BOOL),
	R_(created_at, "created_at", C_INT), R_(updated_at, "updated_at", C_INT),
};
#undef R_
static const enum sql_query cm_resource_queries[] = { Q_cm_resource_search,
    Q_cm_resource_by_id };
const struct row_table cm_resource_rows = ROW_TABLE(struct cm_resource, "resource",
    cm_resource_cols, cm_resource_queries);

#define N_(f, n, k) k(struct cm_need, f, n)
static const struct col cm_need_cols[] = {
	N_(id, "id", C_INT), N_(client_id, "client_id", C_INT), N_(domain, "domain", C_TEXT),
	N_(status, "status", C_TEXT), N_(notes, "notes", C_TEXT),
	N_(lawyer_name, "lawyer_name", C_TEXT), N_(lawyer_phone, "lawyer_phone", C_TEXT),
	N_(officer_kind, "officer_kind", C_TEXT), N_(officer_name, "officer_name", C_TEXT),
	N_(officer_phone, "officer_phone", C_TEXT), N_(episode_id, "episode_id", C_INT),
	N_(updated_at, "updated_at", C_INT), N_(updated_by_name, "updated_by_name", C_TEXT),
};
#undef N_
static const enum sql_query cm_need_queries[] = { Q_cm_need_by_client };
const struct row_table cm_need_rows = ROW_TABLE(struct cm_need, "need", cm_need_cols,
    cm_need_queries);

#define D_(f, n, k) k(struct cm_court_date, f, n)
static const struct col cm_court_cols[] = {
	D_(id, "id", C_INT), D_(client_id, "client_id", C_INT), D_(on_date, "on_date", C_TEXT),
	D_(court, "court", C_TEXT), D_(purpose, "purpose", C_TEXT),
	D_(created_at, "created_at", C_INT), D_(removed_at, "removed_at", C_INT),
	D_(created_by_name, "created_by_name", C_TEXT),
};
#undef D_
static const enum sql_query cm_court_queries[] = { Q_cm_court_by_client, Q_cm_court_by_id };
const struct row_table cm_court_rows = ROW_TABLE(struct cm_court_date, "court date",
    cm_court_cols, cm_court_queries);

#define F_(f, n, k) k(struct cm_referral, f, n)
static const struct col cm_referral_cols[] = {
	F_(id, "id", C_INT), F_(client_id, "client_id", C_INT),
	F_(resource_id, "resource_id", C_INT), F_(domain, "domain", C_TEXT),
	F_(status, "status", C_TEXT), F_(follow_up_on, "follow_up_on", C_TEXT),
	F_(notes, "notes", C_TEXT), F_(made_at, "made_at", C_INT),
	F_(updated_at, "updated_at", C_INT), F_(resource_name, "resource_name", C_TEXT),
	F_(resource_kind, "resource_kind", C_TEXT), F_(resource_phone, "resource_phone", C_TEXT),
	F_(resource_email, "resource_email", C_TEXT), F_(made_by_name, "made_by_name", C_TEXT),
};
#undef F_
static const enum sql_query cm_referral_queries[] = { Q_cm_referral_by_client,
    Q_cm_referral_by_id };
const struct row_table cm_referral_rows = ROW_TABLE(struct cm_referral, "referral",
    cm_referral_cols, cm_referral_queries);

#define H_(f, n, k) k(struct cm_referral_change, f, n)
static const struct col cm_change_cols[] = {
	H_(id, "id", C_INT), H_(referral_id, "referral_id", C_INT), H_(status, "status", C_TEXT),
	H_(note, "note", C_TEXT), H_(changed_at, "changed_at", C_INT),
	H_(changed_by_name, "changed_by_name", C_TEXT),
};
#undef H_
static const enum sql_query cm_change_queries[] = { Q_cm_referral_changes_by_client };
const struct row_table cm_change_rows = ROW_TABLE(struct cm_referral_change,
    "referral change", cm_change_cols, cm_change_queries);

#define U_(f, n, k) k(struct cm_due_row, f, n)
static const struct col cm_due_cols[] = {
	U_(kind, "kind", C_TEXT), U_(id, "id", C_INT), U_(client_id, "client_id", C_INT),
	U_(on_date, "on_date", C_TEXT), U_(title, "title", C_TEXT), U_(detail, "detail", C_TEXT),
	U_(status, "status", C_TEXT), U_(client_mrn, "client_mrn", C_TEXT),
	U_(client_first, "client_first", C_TEXT), U_(client_last, "client_last", C_TEXT),
	U_(client_preferred, "client_preferred", C_TEXT), U_(timezone, "timezone", C_TEXT),
};
#undef U_
static const enum sql_query cm_due_queries[] = { Q_cm_due };
const struct row_table cm_due_rows = ROW_TABLE(struct cm_due_row, "due item", cm_due_cols,
    cm_due_queries);

/* ---- resources ------------------------------------------------------------ */

enum err
store_cm_resource_search(struct store *s, const char *q, const char *kind, bool all,
    struct page pg, struct arena *a, struct cm_resource **items, size_t *n, int64_t *total,
    struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_rows(s, Q_cm_resource_search, ARGS(A_TEXT(q), A_TEXT(kind),
	    A_INT(all ? 1 : 0), A_LIMIT(pg), A_OFFSET(pg)), pg, a, &cm_resource_rows, 11, &tmp,
	    n, total, e);

	*items = tmp;
	return rc;
}

enum err
store_cm_resource_get(struct store *s, int64_t id, struct arena *a, struct cm_resource *out,
    struct error *e)
{
	return get_row(s, Q_cm_resource_by_id, ARGS(A_INT(id)), a, &cm_resource_rows, out, e);
}

enum err
store_tx_cm_resource_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct cm_resource *out, struct error *e)
{
	return tx_get_row(tx, Q_cm_resource_by_id, ARGS(A_INT(id)), a, &cm_resource_rows, out, e);
}

enum err
store_tx_cm_resource_insert(struct store_tx *tx, struct cm_resource *r, int64_t by,
    struct error *e)
{
	return tx_insert(tx, Q_cm_resource_insert, ARGS(A_TEXT(r->name), A_TEXT(r->kind),
	    A_TEXT(r->address), A_TEXT(r->phone), A_TEXT(r->email), A_TEXT(r->website),
	    A_TEXT(r->notes), A_INT(r->active ? 1 : 0), A_INT(by), A_INT(tx->now)), &r->id, e);
}

enum err
store_tx_cm_resource_update(struct store_tx *tx, const struct cm_resource *r, int64_t by,
    struct error *e)
{
	return tx_change(tx, Q_cm_resource_update, ARGS(A_INT(r->id), A_TEXT(r->name),
	    A_TEXT(r->kind), A_TEXT(r->address), A_TEXT(r->phone), A_TEXT(r->email),
	    A_TEXT(r->website), A_TEXT(r->notes), A_INT(r->active ? 1 : 0), A_INT(by),
	    A_INT(tx->now)), "resource", e);
}

/* ---- needs ---------------------------------------------------------------- */

enum err
store_cm_needs(struct store *s, struct store_tx *tx, int64_t client_id, struct arena *a,
    struct cm_need **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id_in(s, tx, Q_cm_need_by_client, client_id, &cm_need_rows, a,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_cm_need_put(struct store_tx *tx, const struct cm_need *n, int64_t by, struct error *e)
{
	return tx_exec(tx, Q_cm_need_put, ARGS(A_INT(n->client_id), A_TEXT(n->domain),
	    A_TEXT(n->status), A_TEXT(n->notes), A_TEXT(n->lawyer_name), A_TEXT(n->lawyer_phone),
	    A_TEXT(n->officer_kind), A_TEXT(n->officer_name), A_TEXT(n->officer_phone),
	    A_INT(n->episode_id), A_INT(by), A_INT(tx->now)), e);
}

enum err
store_tx_cm_open_episode(struct store_tx *tx, int64_t client_id, int64_t *id, struct error *e)
{
	return tx_int(tx, Q_cm_open_episode, client_id, 0, id, "finding the client's episode", e);
}

/* ---- court dates ---------------------------------------------------------- */

enum err
store_cm_courts(struct store *s, struct store_tx *tx, int64_t client_id, struct arena *a,
    struct cm_court_date **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id_in(s, tx, Q_cm_court_by_client, client_id, &cm_court_rows, a,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_cm_court_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct cm_court_date *out, struct error *e)
{
	return tx_get_row(tx, Q_cm_court_by_id, ARGS(A_INT(id)), a, &cm_court_rows, out, e);
}

enum err
store_tx_cm_court_insert(struct store_tx *tx, struct cm_court_date *d, int64_t by,
    struct error *e)
{
	return tx_insert(tx, Q_cm_court_insert, ARGS(A_INT(d->client_id), A_TEXT(d->on_date),
	    A_TEXT(d->court), A_TEXT(d->purpose), A_INT(by), A_INT(tx->now)), &d->id, e);
}

enum err
store_tx_cm_court_remove(struct store_tx *tx, int64_t id, int64_t by, struct error *e)
{
	return tx_change_once(tx, Q_cm_court_remove, ARGS(A_INT(id), A_INT(by), A_INT(tx->now)),
	    "This court date was already removed.", e);
}

/* ---- referrals ------------------------------------------------------------ */

enum err
store_cm_referrals(struct store *s, struct store_tx *tx, int64_t client_id, struct arena *a,
    struct cm_referral **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id_in(s, tx, Q_cm_referral_by_client, client_id,
	    &cm_referral_rows, a, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_cm_referral_changes(struct store *s, struct store_tx *tx, int64_t client_id,
    struct arena *a, struct cm_referral_change **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id_in(s, tx, Q_cm_referral_changes_by_client, client_id,
	    &cm_change_rows, a, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_cm_referral_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct cm_referral *out, struct error *e)
{
	return tx_get_row(tx, Q_cm_referral_by_id, ARGS(A_INT(id)), a, &cm_referral_rows, out, e);
}

enum err
store_tx_cm_referral_insert(struct store_tx *tx, struct cm_referral *f, int64_t by,
    struct error *e)
{
	if (tx_insert(tx, Q_cm_referral_insert, ARGS(A_INT(f->client_id), A_INT(f->resource_id),
	    A_TEXT(f->domain), A_TEXT(f->follow_up_on), A_TEXT(f->notes), A_INT(by),
	    A_INT(tx->now)), &f->id, e) != ERR_OK)
		return e->code;
	return tx_exec(tx, Q_cm_referral_change_insert, ARGS(A_INT(f->id), A_TEXT("made"),
	    A_TEXT(""), A_INT(by), A_INT(tx->now)), e);
}

enum err
store_tx_cm_referral_set(struct store_tx *tx, const struct cm_referral *f, const char *note,
    int64_t by, struct error *e)
{
	if (tx_change(tx, Q_cm_referral_set, ARGS(A_INT(f->id), A_TEXT(f->status),
	    A_TEXT(f->follow_up_on), A_TEXT(f->notes), A_INT(by), A_INT(tx->now)), "referral",
	    e) != ERR_OK)
		return e->code;
	if (note == NULL)
		return ERR_OK;
	return tx_exec(tx, Q_cm_referral_change_insert, ARGS(A_INT(f->id), A_TEXT(f->status),
	    A_TEXT(note), A_INT(by), A_INT(tx->now)), e);
}

/* ---- what is due ---------------------------------------------------------- */

enum err
store_cm_due(struct store *s, const char *upto, const char *from, const char *court_upto,
    int64_t mine, struct arena *a, struct cm_due_row **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc;

	RSTMT(s, Q_cm_due, e, st);
	bind_args(st, ARGS(A_TEXT(upto), A_TEXT(from), A_INT(mine), A_TEXT(court_upto)));
	rc = read_rows(st_c->db, st, a, &cm_due_rows, -1, &tmp, n, NULL, e);
	*items = tmp;
	return rc;
}

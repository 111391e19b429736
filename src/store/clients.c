/*
 * clients.c — the client record and its contacts (sql/queries/clients.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col client_cols[] = {
	C_INT(struct client, id, "id"),
	C_CHARS(struct client, mrn, "mrn"),
	C_TEXT(struct client, first_name, "first_name"),
	C_TEXT(struct client, last_name, "last_name"),
	C_TEXT(struct client, preferred_name, "preferred_name"),
	C_DATE(struct client, dob, "dob"),
	C_SEX(struct client, sex, "sex"),
	C_TEXT(struct client, gender_identity, "gender_identity"),
	C_TEXT(struct client, phone, "phone"),
	C_TEXT(struct client, email, "email"),
	C_TEXT(struct client, address.line1, "addr_line1"),
	C_TEXT(struct client, address.line2, "addr_line2"),
	C_TEXT(struct client, address.city, "addr_city"),
	C_TEXT(struct client, address.state, "addr_state"),
	C_TEXT(struct client, address.postal_code, "addr_postal_code"),
	C_TEXT(struct client, language, "language"),
	C_BOOL(struct client, active, "active"),
	C_INT(struct client, created_at, "created_at"),
	C_INT(struct client, updated_at, "updated_at"),
};
static const enum sql_query client_queries[] = {
	Q_client_by_id,
	Q_client_search_all,
	Q_client_search_name,
	Q_client_search_pair,
	Q_client_search_mrn,
	Q_client_search_dob,
	Q_client_dupes,
};
const struct row_table client_rows = ROW_TABLE(struct client, "client", client_cols,
    client_queries);

static const struct col contact_cols[] = {
	C_INT(struct contact, id, "id"),
	C_INT(struct contact, client_id, "client_id"),
	C_TEXT(struct contact, name, "name"),
	C_TEXT(struct contact, relationship, "relationship"),
	C_TEXT(struct contact, phone, "phone"),
	C_TEXT(struct contact, email, "email"),
	C_BOOL(struct contact, emergency, "emergency"),
	C_BOOL(struct contact, guardian, "guardian"),
	C_TEXT(struct contact, notes, "notes"),
	C_TEXT(struct contact, kind, "kind"),
	C_TEXT(struct contact, organisation, "organisation"),
	C_BOOL(struct contact, may_contact, "may_contact"),
};
static const enum sql_query contact_queries[] = {
	Q_contact_list,
	Q_contact_by_id,
};
const struct row_table contact_rows = ROW_TABLE(struct contact, "contact", contact_cols,
    contact_queries);

enum err
store_client_get(struct store *s, int64_t id, struct arena *a, struct client *out,
    struct error *e)
{
	return get_row(s, Q_client_by_id, ARGS(A_INT(id)), a, &client_rows, out, e);
}

static void
search_bind(struct db_stmt *st, const struct client_search *q, bool include_inactive,
    struct page pg, char mrn[16], char dob[11])
{
	db_bind_int(st, 1, include_inactive ? 1 : 0);
	db_bind_int(st, 2, pg.limit);
	db_bind_int(st, 3, pg.offset);
	switch (q->kind) {
	case SEARCH_NAME:
		db_bind_text(st, 4, q->a);	/* lower-cased prefixes (core/search.c) */
		break;
	case SEARCH_NAME_PAIR:
		db_bind_text(st, 4, q->a);
		db_bind_text(st, 5, q->b);
		break;
	case SEARCH_MRN:
		client_mrn_format(q->mrn, mrn);
		db_bind_text(st, 4, mrn);
		break;
	case SEARCH_DOB:
		date_format(q->dob, dob);
		db_bind_text(st, 4, dob);
		break;
	default:
		break;
	}
}

enum err
store_client_search(struct store *s, const struct client_search *q, bool include_inactive,
    struct page pg, struct arena *a, struct client **items, size_t *n, int64_t *total,
    struct error *e)
{
	static const enum sql_query rows_q[] = {
		[SEARCH_ALL] = Q_client_search_all, [SEARCH_NAME] = Q_client_search_name,
		[SEARCH_NAME_PAIR] = Q_client_search_pair, [SEARCH_MRN] = Q_client_search_mrn,
		[SEARCH_DOB] = Q_client_search_dob,
	};
	static const enum sql_query count_q[] = {
		[SEARCH_ALL] = Q_client_count_all, [SEARCH_NAME] = Q_client_count_name,
		[SEARCH_NAME_PAIR] = Q_client_count_pair, [SEARCH_MRN] = Q_client_count_mrn,
		[SEARCH_DOB] = Q_client_count_dob,
	};
	char mrn[16], dob[11];
	struct rconn *c = rconn_get(s, e);
	struct db_stmt *st, *cnt;
	void *tmp = NULL;
	enum err rc;

	if (c == NULL)
		return e->code;
	/* The page and its total from one read snapshot. */
	st = db_query(c->db, rows_q[q->kind]);
	search_bind(st, q, include_inactive, pg, mrn, dob);
	cnt = db_query(c->db, count_q[q->kind]);
	search_bind(cnt, q, include_inactive, pg, mrn, dob);
	rc = read_page(c->db, st, cnt, pg, a, &client_rows, &tmp, n, total, e);
	*items = tmp;
	return rc;
}

enum err
store_contact_list(struct store *s, int64_t client_id, struct arena *a,
    struct contact **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_contact_list, client_id, a, &contact_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_contact_get(struct store *s, int64_t client_id, int64_t contact_id, struct arena *a,
    struct contact *out, struct error *e)
{
	return get_row(s, Q_contact_by_id, ARGS(A_INT(client_id), A_INT(contact_id)), a,
	    &contact_rows, out, e);
}

enum err
store_tx_client_get(struct store_tx *tx, int64_t id, struct arena *a, struct client *out,
    struct error *e)
{
	return tx_get_row(tx, Q_client_by_id, ARGS(A_INT(id)), a, &client_rows, out, e);
}

enum err
store_tx_client_dupes(struct store_tx *tx, const struct client *c, struct arena *a,
    struct client **items, size_t *n, struct error *e)
{
	char dob[11];

	date_format(c->dob, dob);
	void *tmp = NULL;
	enum err rc = tx_list_rows(tx, Q_client_dupes, ARGS(A_TEXT(c->first_name),
	    A_TEXT(c->last_name), A_TEXT(dob), A_INT(c->id)), a, &client_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

static void
bind_client_fields(struct db_stmt *st, int base, const struct client *c, char dob[11])
{
	date_format(c->dob, dob);
	db_bind_text(st, base + 0, c->first_name);
	db_bind_text(st, base + 1, c->last_name);
	db_bind_text(st, base + 2, c->preferred_name);
	db_bind_text(st, base + 3, dob);
	db_bind_text(st, base + 4, sex_name(c->sex));
	db_bind_text(st, base + 5, c->gender_identity);
	db_bind_text(st, base + 6, c->phone);
	db_bind_text(st, base + 7, c->email);
	db_bind_text(st, base + 8, c->address.line1);
	db_bind_text(st, base + 9, c->address.line2);
	db_bind_text(st, base + 10, c->address.city);
	db_bind_text(st, base + 11, c->address.state);
	db_bind_text(st, base + 12, c->address.postal_code);
	db_bind_text(st, base + 13, c->language);
	db_bind_int(st, base + 14, c->active ? 1 : 0);
}

enum err
store_tx_client_insert(struct store_tx *tx, struct client *c, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_client_insert);
	char dob[11];

	bind_client_fields(st, 1, c, dob);
	db_bind_int(st, 16, tx->now);
	db_bind_int(st, 17, ++tx->s->pending_seq);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	c->id = db_last_id(WDB(tx));
	client_mrn_format(c->id, c->mrn);
	c->created_at = c->updated_at = tx->now;
	return tx_exec(tx, Q_client_set_mrn, ARGS(A_INT(c->id), A_TEXT(c->mrn)), e);
}

enum err
store_tx_client_update(struct store_tx *tx, struct client *c, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_client_update);
	char dob[11];

	db_bind_int(st, 1, c->id);
	bind_client_fields(st, 2, c, dob);
	db_bind_int(st, 17, tx->now);
	c->updated_at = tx->now;
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	return tx_changed(tx, "client", e);
}

static void
bind_contact_fields(struct db_stmt *st, int base, const struct contact *c)
{
	db_bind_text(st, base + 0, c->name);
	db_bind_text(st, base + 1, c->relationship);
	db_bind_text(st, base + 2, c->phone);
	db_bind_text(st, base + 3, c->email);
	db_bind_int(st, base + 4, c->emergency ? 1 : 0);
	db_bind_int(st, base + 5, c->guardian ? 1 : 0);
	db_bind_text(st, base + 6, c->notes);
}

/* The related-person fields (migration 0035), bound after the others. */
static void
bind_contact_kind(struct db_stmt *st, int base, const struct contact *c)
{
	db_bind_text(st, base + 0, c->kind != NULL && *c->kind ? c->kind : "other");
	db_bind_text(st, base + 1, c->organisation != NULL ? c->organisation : "");
	db_bind_int(st, base + 2, c->may_contact ? 1 : 0);
}

enum err
store_tx_contact_get(struct store_tx *tx, int64_t client_id, int64_t contact_id,
    struct arena *a, struct contact *out, struct error *e)
{
	return tx_get_row(tx, Q_contact_by_id, ARGS(A_INT(client_id), A_INT(contact_id)), a,
	    &contact_rows, out, e);
}

enum err
store_tx_contact_insert(struct store_tx *tx, struct contact *c, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_contact_insert);

	db_bind_int(st, 1, c->client_id);
	bind_contact_fields(st, 2, c);
	db_bind_int(st, 9, tx->now);
	bind_contact_kind(st, 10, c);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	c->id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_contact_update(struct store_tx *tx, const struct contact *c, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_contact_update);

	db_bind_int(st, 1, c->client_id);
	db_bind_int(st, 2, c->id);
	bind_contact_fields(st, 3, c);
	db_bind_int(st, 10, tx->now);
	bind_contact_kind(st, 11, c);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	return tx_changed(tx, "contact", e);
}

enum err
store_tx_contact_remove(struct store_tx *tx, int64_t client_id, int64_t contact_id,
    struct error *e)
{
	return tx_change(tx, Q_contact_remove, ARGS(A_INT(client_id), A_INT(contact_id),
	    A_INT(tx->now)), "contact", e);
}

enum err
store_tx_client_clinician(struct store_tx *tx, int64_t client_id, int64_t *id,
    struct error *e)
{
	return tx_int(tx, Q_episode_open_clinician, client_id, 0, id,
	    "finding the client's clinician", e);
}

enum err
store_tx_client_site(struct store_tx *tx, int64_t client_id, int64_t *site_id,
    struct error *e)
{
	return tx_int(tx, Q_episode_open_site, client_id, 0, site_id,
	    "finding the client's site", e);
}

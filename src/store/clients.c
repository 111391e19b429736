/*
 * clients.c — the client record and its contacts (sql/queries/clients.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "store/store_int.h"
#include "lib/timeutil.h"

static void
row_client(struct db_stmt *st, struct arena *a, struct client *c)
{
	const char *sx;

	memset(c, 0, sizeof *c);
	c->id = db_col_int(st, 0);
	snprintf(c->mrn, sizeof c->mrn, "%s", db_col_text(st, 1));
	c->first_name = col_text(st, 2, a);
	c->last_name = col_text(st, 3, a);
	c->preferred_name = col_text(st, 4, a);
	date_parse(db_col_text(st, 5), &c->dob);
	sx = db_col_text(st, 6);
	if (!sex_parse(sx ? sx : "", &c->sex))
		c->sex = SEX_UNKNOWN;
	c->gender_identity = col_text(st, 7, a);
	c->phone = col_text(st, 8, a);
	c->email = col_text(st, 9, a);
	c->address.line1 = col_text(st, 10, a);
	c->address.line2 = col_text(st, 11, a);
	c->address.city = col_text(st, 12, a);
	c->address.state = col_text(st, 13, a);
	c->address.postal_code = col_text(st, 14, a);
	c->language = col_text(st, 15, a);
	c->active = db_col_int(st, 16) != 0;
	c->created_at = db_col_int(st, 17);
	c->updated_at = db_col_int(st, 18);
}

static void
row_contact(struct db_stmt *st, struct arena *a, struct contact *c)
{
	memset(c, 0, sizeof *c);
	c->id = db_col_int(st, 0);
	c->client_id = db_col_int(st, 1);
	c->name = col_text(st, 2, a);
	c->relationship = col_text(st, 3, a);
	c->phone = col_text(st, 4, a);
	c->email = col_text(st, 5, a);
	c->emergency = db_col_int(st, 6) != 0;
	c->guardian = db_col_int(st, 7) != 0;
	c->notes = col_text(st, 8, a);
}

enum err
store_client_get(struct store *s, int64_t id, struct arena *a, struct client *out,
    struct error *e)
{
	RSTMT(s, Q_client_by_id, e, st);
	db_bind_int(st, 1, id);
	return read_one(st_c->db, st, a, (row_fn)row_client, out, "client", e);
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
	struct db_stmt *st;
	enum err rc;

	if (c == NULL)
		return e->code;
	st = db_query(c->db, rows_q[q->kind]);
	search_bind(st, q, include_inactive, pg, mrn, dob);
	rc = read_rows(c->db, st, a, sizeof **items, (row_fn)row_client, -1,
	    (void **)items, n, NULL, e);
	if (rc != ERR_OK)
		return rc;
	if (pg.offset == 0 && *n < (size_t)pg.limit) {
		*total = (int64_t)*n;	/* the whole answer is on this page */
		return ERR_OK;
	}
	st = db_query(c->db, count_q[q->kind]);
	search_bind(st, q, include_inactive, pg, mrn, dob);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return db_error(e, c->db, "counting clients");
	}
	*total = db_col_int(st, 0);
	db_reset(st);
	return ERR_OK;
}

enum err
store_contact_list(struct store *s, int64_t client_id, struct arena *a,
    struct contact **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_contact_list, client_id, a, sizeof **items,
	    (row_fn)row_contact, (void **)items, n, e);
}

enum err
store_contact_get(struct store *s, int64_t client_id, int64_t contact_id, struct arena *a,
    struct contact *out, struct error *e)
{
	RSTMT(s, Q_contact_by_id, e, st);
	db_bind_int(st, 1, client_id);
	db_bind_int(st, 2, contact_id);
	return read_one(st_c->db, st, a, (row_fn)row_contact, out, "contact", e);
}

enum err
store_tx_client_get(struct store_tx *tx, int64_t id, struct arena *a, struct client *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_client_by_id);

	db_bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_client, out, "client", e);
}

enum err
store_tx_client_dupes(struct store_tx *tx, const struct client *c, struct arena *a,
    struct client **items, size_t *n, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_client_dupes);
	char dob[11];

	date_format(c->dob, dob);
	db_bind_text(st, 1, c->first_name);
	db_bind_text(st, 2, c->last_name);
	db_bind_text(st, 3, dob);
	db_bind_int(st, 4, c->id);
	return read_rows(WDB(tx), st, a, sizeof **items, (row_fn)row_client, -1,
	    (void **)items, n, NULL, e);
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
	st = WST(tx, Q_client_set_mrn);
	db_bind_int(st, 1, c->id);
	db_bind_text(st, 2, c->mrn);
	c->created_at = c->updated_at = tx->now;
	return step_write(WDB(tx), st, e);
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
	if (db_changes(WDB(tx)) == 0)
		return error_set(e, ERR_NOTFOUND, "client not found");
	return ERR_OK;
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

enum err
store_tx_contact_get(struct store_tx *tx, int64_t client_id, int64_t contact_id,
    struct arena *a, struct contact *out, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_contact_by_id);

	db_bind_int(st, 1, client_id);
	db_bind_int(st, 2, contact_id);
	return read_one(WDB(tx), st, a, (row_fn)row_contact, out, "contact", e);
}

enum err
store_tx_contact_insert(struct store_tx *tx, struct contact *c, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_contact_insert);

	db_bind_int(st, 1, c->client_id);
	bind_contact_fields(st, 2, c);
	db_bind_int(st, 9, tx->now);
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
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	return db_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "contact not found");
}

enum err
store_tx_contact_remove(struct store_tx *tx, int64_t client_id, int64_t contact_id,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_contact_remove);

	db_bind_int(st, 1, client_id);
	db_bind_int(st, 2, contact_id);
	db_bind_int(st, 3, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	return db_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "contact not found");
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

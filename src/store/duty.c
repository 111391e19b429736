/*
 * duty.c — the duty roster: who routes alerts when (sql/queries/duty.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col duty_cols[] = {
	C_INT(struct duty_shift, id, "id"),
	C_INT(struct duty_shift, site_id, "site_id"),
	C_INT(struct duty_shift, staff_id, "staff_id"),
	C_TEXT(struct duty_shift, staff_name, "full_name"),
	C_TEXT(struct duty_shift, username, "username"),
	C_INT(struct duty_shift, starts_at, "starts_at"),
	C_INT(struct duty_shift, ends_at, "ends_at"),
	C_TEXT(struct duty_shift, note, "note"),
	C_INT(struct duty_shift, created_by, "created_by"),
	C_INT(struct duty_shift, created_at, "created_at"),
	C_BOOL(struct duty_shift, routes_alerts, "routes_alerts"),
};
static const enum sql_query duty_queries[] = {
	Q_duty_by_site,
	Q_duty_get,
};
const struct row_table duty_rows = ROW_TABLE(struct duty_shift, "shift", duty_cols,
    duty_queries);

enum err
store_duty_list(struct store *s, int64_t site_id, int64_t from, int64_t to, struct page pg,
    struct arena *a, struct duty_shift **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_duty_by_site, e, st);
	struct db_stmt *cnt = db_query(st_c->db, Q_duty_count_site);

	db_bind_int(st, 1, site_id);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, to);
	db_bind_int(st, 4, pg.limit);
	db_bind_int(st, 5, pg.offset);
	db_bind_int(cnt, 1, site_id);
	db_bind_int(cnt, 2, from);
	db_bind_int(cnt, 3, to);
	void *tmp = NULL;
	enum err rc = read_page(st_c->db, st, cnt, pg, a, &duty_rows, &tmp, n, total, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_duty_get(struct store_tx *tx, int64_t id, struct arena *a, struct duty_shift *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_duty_get);

	db_bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, &duty_rows, out, e);
}

enum err
store_tx_duty_insert(struct store_tx *tx, struct duty_shift *d, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_duty_insert);

	db_bind_int(st, 1, d->site_id);
	db_bind_int(st, 2, d->staff_id);
	db_bind_int(st, 3, d->starts_at);
	db_bind_int(st, 4, d->ends_at);
	db_bind_text(st, 5, d->note);
	db_bind_int(st, 6, d->created_by);
	db_bind_int(st, 7, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	d->id = db_last_id(WDB(tx));
	d->created_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_duty_overlaps(struct store_tx *tx, const struct duty_shift *d, int64_t *n,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_duty_overlaps);
	int rc;

	db_bind_int(st, 1, d->site_id);
	db_bind_int(st, 2, d->staff_id);
	db_bind_int(st, 3, d->starts_at);
	db_bind_int(st, 4, d->ends_at);
	rc = db_step(st);
	*n = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc == DB_ROW ? ERR_OK : db_error(e, WDB(tx), "reading the roster");
}

enum err
store_tx_duty_remove(struct store_tx *tx, int64_t id, int64_t by, struct error *e)
{
	return tx_change(tx, Q_duty_remove, ARGS(A_INT(id), A_INT(tx->now), A_INT(by)), "shift",
	    e);
}

enum err
store_tx_duty_end(struct store_tx *tx, int64_t id, struct error *e)
{
	return tx_change(tx, Q_duty_end, ARGS(A_INT(id), A_INT(tx->now)), "shift", e);
}

enum err
store_tx_duty_clinician(struct store_tx *tx, int64_t site_id, int64_t at, int64_t *staff_id,
    struct error *e)
{
	return tx_int(tx, Q_duty_clinician_now, site_id, at, staff_id,
	    "finding the clinician on duty", e);
}

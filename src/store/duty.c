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
	C_INT(struct duty_shift, series_id, "series_id"),
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
	db_bind_int(st, 8, d->series_id);
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

/* ---- repeating shifts ---------------------------------------------------- */

/* The columns of a series as the store keeps them; dates as text. */
struct series_row {
	struct duty_series s;
	const char *from, *until;
	int64_t weekdays, start_min, end_min;
};

static const struct col series_cols[] = {
	C_INT(struct series_row, s.id, "id"),
	C_INT(struct series_row, s.site_id, "site_id"),
	C_INT(struct series_row, s.staff_id, "staff_id"),
	C_TEXT(struct series_row, s.staff_name, "full_name"),
	C_TEXT(struct series_row, s.username, "username"),
	C_INT(struct series_row, weekdays, "weekdays"),
	C_INT(struct series_row, start_min, "start_min"),
	C_INT(struct series_row, end_min, "end_min"),
	C_TEXT(struct series_row, from, "from_date"),
	C_TEXT(struct series_row, until, "until_date"),
	C_TEXT(struct series_row, s.note, "note"),
	C_INT(struct series_row, s.created_by, "created_by"),
	C_INT(struct series_row, s.created_at, "created_at"),
	C_INT(struct series_row, s.updated_at, "updated_at"),
	C_INT(struct series_row, s.ended_at, "ended_at"),
	C_INT(struct series_row, s.upcoming, "upcoming"),
};
static const enum sql_query series_queries[] = {
	Q_duty_series_get,
	Q_duty_series_by_site,
};
const struct row_table duty_series_rows = ROW_TABLE(struct series_row, "repeating shift",
    series_cols, series_queries);

static void
series_from_row(const struct series_row *r, struct duty_series *out)
{
	*out = r->s;
	out->weekdays = (unsigned)r->weekdays;
	out->start_min = (int)r->start_min;
	out->end_min = (int)r->end_min;
	if (r->from == NULL || !date_parse(r->from, &out->from))
		out->from = (struct date){ 0, 0, 0 };
	if (r->until == NULL || !date_parse(r->until, &out->until))
		out->until = (struct date){ 0, 0, 0 };
}

enum err
store_duty_series_list(struct store *s, int64_t site_id, int64_t now, struct page pg,
    struct arena *a, struct duty_series **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	struct series_row *rows;
	enum err rc = page_counted(s, Q_duty_series_by_site, Q_duty_series_count_site,
	    ARGS(A_INT(site_id), A_INT(now), A_LIMIT(pg), A_OFFSET(pg)), pg, a,
	    &duty_series_rows, &tmp, n, total, e);

	*items = NULL;
	if (rc != ERR_OK)
		return rc;
	rows = tmp;
	if (*n > 0 && (*items = arena_alloc(a, *n * sizeof **items)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	for (size_t i = 0; i < *n; i++)
		series_from_row(&rows[i], &(*items)[i]);
	return ERR_OK;
}

enum err
store_tx_duty_series_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct duty_series *out, struct error *e)
{
	struct series_row r;

	if (tx_get_row(tx, Q_duty_series_get, ARGS(A_INT(id), A_INT(tx->now)), a,
	    &duty_series_rows, &r, e) != ERR_OK)
		return e->code;
	series_from_row(&r, out);
	return ERR_OK;
}

enum err
store_tx_duty_series_insert(struct store_tx *tx, struct duty_series *d, struct error *e)
{
	char from[11], until[11];

	date_format(d->from, from);
	date_format(d->until, until);
	if (tx_insert(tx, Q_duty_series_insert, ARGS(A_INT(d->site_id), A_INT(d->staff_id),
	    A_INT(d->weekdays), A_INT(d->start_min), A_INT(d->end_min), A_TEXT(from),
	    A_TEXT(until), A_TEXT(d->note), A_INT(d->created_by), A_INT(tx->now)), &d->id,
	    e) != ERR_OK)
		return e->code;
	d->created_at = d->updated_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_duty_series_update(struct store_tx *tx, const struct duty_series *d,
    struct error *e)
{
	char from[11], until[11];

	date_format(d->from, from);
	date_format(d->until, until);
	return tx_change(tx, Q_duty_series_update, ARGS(A_INT(d->id), A_INT(d->weekdays),
	    A_INT(d->start_min), A_INT(d->end_min), A_TEXT(from), A_TEXT(until),
	    A_TEXT(d->note), A_INT(tx->now)), "repeating shift", e);
}

/* Its occurrences not started are taken off; the one under way ends now. */
enum err
store_tx_duty_series_stop(struct store_tx *tx, int64_t id, int64_t by, struct error *e)
{
	if (tx_exec(tx, Q_duty_series_remove_ahead, ARGS(A_INT(id), A_INT(tx->now), A_INT(by)),
	    e) != ERR_OK)
		return e->code;
	return tx_exec(tx, Q_duty_series_end_now, ARGS(A_INT(id), A_INT(tx->now)), e);
}

enum err
store_tx_duty_series_end(struct store_tx *tx, int64_t id, int64_t by, struct error *e)
{
	if (store_tx_duty_series_stop(tx, id, by, e) != ERR_OK)
		return e->code;
	return tx_change(tx, Q_duty_series_end, ARGS(A_INT(id), A_INT(tx->now), A_INT(by)),
	    "repeating shift", e);
}

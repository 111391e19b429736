/*
 * duty.c — the duty roster: who routes alerts when (sql/queries/duty.sql).
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
row_duty(struct db_stmt *st, struct arena *a, struct duty_shift *d)
{
	memset(d, 0, sizeof *d);
	d->id = db_col_int(st, 0);
	d->site_id = db_col_int(st, 1);
	d->staff_id = db_col_int(st, 2);
	d->staff_name = col_text(st, 3, a);
	d->username = col_text(st, 4, a);
	d->starts_at = db_col_int(st, 5);
	d->ends_at = db_col_int(st, 6);
	d->note = col_text(st, 7, a);
	d->created_by = db_col_int(st, 8);
	d->created_at = db_col_int(st, 9);
	d->routes_alerts = db_col_int(st, 10) != 0;
}

enum err
store_duty_list(struct store *s, int64_t site_id, int64_t from, int64_t to, struct arena *a,
    struct duty_shift **items, size_t *n, struct error *e)
{
	RSTMT(s, Q_duty_by_site, e, st);
	db_bind_int(st, 1, site_id);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, to);
	return read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_duty, -1, (void **)items,
	    n, NULL, e);
}

enum err
store_tx_duty_get(struct store_tx *tx, int64_t id, struct arena *a, struct duty_shift *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_duty_get);

	db_bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_duty, out, "shift", e);
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
	struct db_stmt *st = WST(tx, Q_duty_remove);

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, tx->now);
	db_bind_int(st, 3, by);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	if (db_changes(WDB(tx)) == 0)
		return error_set(e, ERR_NOTFOUND, "shift not found");
	return ERR_OK;
}

enum err
store_tx_duty_end(struct store_tx *tx, int64_t id, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_duty_end);

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	if (db_changes(WDB(tx)) == 0)
		return error_set(e, ERR_NOTFOUND, "shift not found");
	return ERR_OK;
}

enum err
store_tx_duty_clinician(struct store_tx *tx, int64_t site_id, int64_t at, int64_t *staff_id,
    struct error *e)
{
	return tx_int(tx, Q_duty_clinician_now, site_id, at, staff_id,
	    "finding the clinician on duty", e);
}

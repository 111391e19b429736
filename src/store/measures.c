/*
 * measures.c — the schedule of repeated instruments, what is due in open
 * episodes and the scores a worsening is judged on
 * (sql/queries/measures.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <string.h>

#include "store/store_int.h"
#include "store/measures.h"

static const struct col setting_cols[] = {
	C_TEXT(struct measure_setting, code, "code"),
	C_I32(struct measure_setting, every_days, "every_days"),
	C_I32(struct measure_setting, worsen_by, "worsen_by"),
	C_INT(struct measure_setting, updated_by, "updated_by"),
	C_INT(struct measure_setting, updated_at, "updated_at"),
};
static const enum sql_query setting_queries[] = { Q_measure_schedule_all };
const struct row_table measure_setting_rows = ROW_TABLE(struct measure_setting,
    "measure setting", setting_cols, setting_queries);

static const struct col prev_cols[] = {
	C_INT(struct measure_prev, id, "id"),
	C_INT(struct measure_prev, administered_at, "administered_at"),
	C_INT(struct measure_prev, value, "value"),
};
static const enum sql_query prev_queries[] = { Q_measure_previous };
const struct row_table measure_prev_rows = ROW_TABLE(struct measure_prev,
    "earlier administration", prev_cols, prev_queries);

static const struct col due_cols[] = {
	C_INT(struct measure_due_row, episode_id, "episode_id"),
	C_INT(struct measure_due_row, client_id, "client_id"),
	C_TEXT(struct measure_due_row, client_mrn, "client_mrn"),
	C_TEXT(struct measure_due_row, client_first, "client_first"),
	C_TEXT(struct measure_due_row, client_last, "client_last"),
	C_TEXT(struct measure_due_row, client_preferred, "client_preferred"),
	C_INT(struct measure_due_row, site_id, "site_id"),
	C_TEXT(struct measure_due_row, timezone, "timezone"),
	C_TEXT(struct measure_due_row, admitted_on, "admitted_on"),
	C_INT(struct measure_due_row, primary_clinician, "primary_clinician"),
	C_TEXT(struct measure_due_row, code, "code"),
	C_I32(struct measure_due_row, every_days, "every_days"),
	C_INT(struct measure_due_row, last_at, "last_at"),
};
static const enum sql_query due_queries[] = { Q_measure_due_rows };
const struct row_table measure_due_rows = ROW_TABLE(struct measure_due_row, "measure due",
    due_cols, due_queries);

static const struct col point_cols[] = {
	C_INT(struct measure_point, id, "id"),
	C_TEXT(struct measure_point, code, "code"),
	C_INT(struct measure_point, administered_at, "administered_at"),
	C_TEXT(struct measure_point, scores, "scores"),
	C_TEXT(struct measure_point, band, "band"),
};
static const enum sql_query point_queries[] = { Q_measure_history };
const struct row_table measure_point_rows = ROW_TABLE(struct measure_point, "measure point",
    point_cols, point_queries);

/* All rows of q bound with v on the read connection. */
static enum err
read_all(struct store *s, enum sql_query q, const struct arg *v, size_t nv, struct arena *a,
    const struct row_table *t, void **items, size_t *n, struct error *e)
{
	int64_t total;
	struct db_stmt *st;
	struct rconn *c = rconn_get(s, e);

	*items = NULL;
	*n = 0;
	if (c == NULL)
		return e->code;
	st = db_query(c->db, q);
	bind_args(st, v, nv);
	return read_rows(c->db, st, a, t, -1, items, n, &total, e);
}

enum err
store_measure_settings(struct store *s, struct arena *a, struct measure_setting **items,
    size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = read_all(s, Q_measure_schedule_all, NULL, 0, a, &measure_setting_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_measure_settings(struct store_tx *tx, struct arena *a, struct measure_setting **items,
    size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = tx_list_rows(tx, Q_measure_schedule_all, NULL, 0, a, &measure_setting_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_measure_setting_update(struct store_tx *tx, const struct measure_setting *m,
    int64_t by, struct error *e)
{
	return tx_change(tx, Q_measure_schedule_update, ARGS(A_TEXT(m->code),
	    A_INT(m->every_days), A_INT(m->worsen_by), A_INT(by), A_INT(tx->now)),
	    "measure setting", e);
}

enum err
store_tx_measure_previous(struct store_tx *tx, int64_t client_id, const char *code,
    const char *score, int64_t before_id, int64_t before_at, int64_t since,
    struct measure_prev *out, bool *found, struct error *e)
{
	memset(out, 0, sizeof *out);
	*found = false;
	if (tx_get_row(tx, Q_measure_previous, ARGS(A_INT(client_id), A_TEXT(code),
	    A_TEXT(score), A_INT(before_id), A_INT(since), A_INT(before_at)), NULL,
	    &measure_prev_rows, out, e) ==
	    ERR_OK) {
		*found = true;
		return ERR_OK;
	}
	if (e->code == ERR_NOTFOUND) {
		error_clear(e);
		return ERR_OK;
	}
	return e->code;
}

enum err
store_measure_due_rows(struct store *s, int64_t site_id, int64_t clinician, int64_t client_id,
    bool all, struct arena *a, struct measure_due_row **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = read_all(s, Q_measure_due_rows, ARGS(A_INT(site_id), A_INT(clinician),
	    A_INT(client_id), A_INT(all)), a, &measure_due_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_measure_history(struct store *s, int64_t client_id, struct arena *a,
    struct measure_point **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = read_all(s, Q_measure_history, ARGS(A_INT(client_id)), a,
	    &measure_point_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

/*
 * alerts.c — clinical alerts raised and resolved (sql/queries/alerts.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col alert_cols[] = {
	C_INT(struct alert, id, "id"),
	C_INT(struct alert, client_id, "client_id"),
	C_TEXT(struct alert, kind, "kind"),
	C_TEXT(struct alert, message, "message"),
	C_TEXT(struct alert, source_type, "source_type"),
	C_INT(struct alert, source_id, "source_id"),
	C_INT(struct alert, raised_at, "raised_at"),
	C_INT(struct alert, resolved_at, "resolved_at"),
	C_INT(struct alert, resolved_by, "resolved_by"),
	C_TEXT(struct alert, response, "response"),
};
static const enum sql_query alert_queries[] = {
	Q_alert_by_client,
	Q_alert_by_id,
};
const struct row_table alert_rows = ROW_TABLE(struct alert, "alert", alert_cols, alert_queries);

enum err
store_alert_list(struct store *s, int64_t client_id, bool open_only, struct page pg,
    struct arena *a, struct alert **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_alert_by_client, e, st);
	struct db_stmt *cnt = db_query(st_c->db, Q_alert_count_client);

	db_bind_int(st, 1, client_id);
	db_bind_int(st, 2, open_only);
	db_bind_int(st, 3, pg.limit);
	db_bind_int(st, 4, pg.offset);
	db_bind_int(cnt, 1, client_id);
	db_bind_int(cnt, 2, open_only);
	return read_page(st_c->db, st, cnt, pg, a, &alert_rows, (void **)items, n, total, e);
}

enum err
store_tx_alert_insert(struct store_tx *tx, int64_t client_id, const char *kind,
    const char *message, const char *source_type, int64_t source_id, int64_t *id,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_alert_insert);

	db_bind_int(st, 1, client_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, message);
	db_bind_text(st, 4, source_type);
	db_bind_int(st, 5, source_id);
	db_bind_int(st, 6, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	*id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_alert_get(struct store_tx *tx, int64_t id, struct arena *a, struct alert *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_alert_by_id);

	db_bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, &alert_rows, out, e);
}

enum err
store_tx_alert_resolve(struct store_tx *tx, int64_t id, int64_t by, const char *response,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_alert_resolve);

	db_bind_int(st, 1, id);
	db_bind_int(st, 2, tx->now);
	db_bind_int(st, 3, by);
	db_bind_text(st, 4, response);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	if (db_changes(WDB(tx)) == 0)
		return error_set(e, ERR_CONFLICT, "This alert was resolved already.");
	st = WST(tx, Q_task_done_for_alert);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, tx->now);
	db_bind_int(st, 3, by);
	db_bind_text(st, 4, response);
	return step_write(WDB(tx), st, e);
}

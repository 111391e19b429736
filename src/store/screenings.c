/*
 * screenings.c — administered screening instruments, on a client or an
 * inquiry, voided with their alerts closed, and carried from an inquiry to
 * its client at conversion (sql/queries/screenings.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col screening_cols[] = {
	C_INT(struct screening_row, id, "id"),
	C_INT(struct screening_row, client_id, "client_id"),
	C_INT(struct screening_row, inquiry_id, "inquiry_id"),
	C_TEXT(struct screening_row, code, "code"),
	C_TEXT(struct screening_row, version, "version"),
	C_TEXT(struct screening_row, answers, "answers"),
	C_TEXT(struct screening_row, scores, "scores"),
	C_TEXT(struct screening_row, band, "band"),
	C_TEXT(struct screening_row, flags, "flags"),
	C_INT(struct screening_row, administered_by, "administered_by"),
	C_TEXT(struct screening_row, administered_by_name, "username"),
	C_INT(struct screening_row, administered_at, "administered_at"),
	C_INT(struct screening_row, voided_at, "voided_at"),
	C_INT(struct screening_row, voided_by, "voided_by"),
	C_TEXT(struct screening_row, voided_by_name, "voided_by_name"),
	C_TEXT(struct screening_row, void_reason, "void_reason"),
};
static const enum sql_query screening_queries[] = {
	Q_screening_by_client,
	Q_screening_by_inquiry,
	Q_screening_by_id,
};
const struct row_table screening_rows = ROW_TABLE(struct screening_row, "screening",
    screening_cols, screening_queries);

enum err
store_screening_list(struct store *s, int64_t client_id, struct page pg, struct arena *a,
    struct screening_row **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_screening_by_client, Q_screening_count,
	    ARGS(A_INT(client_id), A_LIMIT(pg), A_OFFSET(pg)), pg, a, &screening_rows,
	    &tmp, n, total, e);

	*items = tmp;
	return rc;
}

enum err
store_screening_list_inquiry(struct store *s, int64_t inquiry_id, struct page pg,
    struct arena *a, struct screening_row **items, size_t *n, int64_t *total,
    struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_screening_by_inquiry, Q_screening_count_inquiry,
	    ARGS(A_INT(inquiry_id), A_LIMIT(pg), A_OFFSET(pg)), pg, a, &screening_rows,
	    &tmp, n, total, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_screening_insert(struct store_tx *tx, struct screening_row *r, struct error *e)
{
	if (tx_insert(tx, Q_screening_insert, ARGS(A_INT(r->client_id), A_INT(r->inquiry_id),
	    A_TEXT(r->code), A_TEXT(r->version), A_TEXT(r->answers), A_TEXT(r->scores),
	    A_TEXT(r->band), A_TEXT(r->flags), A_INT(r->administered_by),
	    A_INT(r->administered_at != 0 ? r->administered_at : tx->now)), &r->id, e) != ERR_OK)
		return e->code;
	if (r->administered_at == 0)
		r->administered_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_screening_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct screening_row *out, struct error *e)
{
	return tx_get_row(tx, Q_screening_by_id, ARGS(A_INT(id)), a, &screening_rows, out, e);
}

enum err
store_tx_screening_void(struct store_tx *tx, int64_t id, int64_t by, const char *reason,
    const char *alert_response, int64_t *alerts_closed, struct error *e)
{
	if (tx_change_once(tx, Q_screening_void, ARGS(A_INT(id), A_INT(tx->now), A_INT(by),
	    A_TEXT(reason)), "This screening was voided already.", e) != ERR_OK ||
	    tx_exec(tx, Q_alert_close_for_screening, ARGS(A_INT(id), A_INT(tx->now), A_INT(by),
	    A_TEXT(alert_response)), e) != ERR_OK)
		return e->code;
	*alerts_closed = db_changes(WDB(tx));
	return tx_exec(tx, Q_task_close_for_screening, ARGS(A_INT(id), A_INT(tx->now), A_INT(by),
	    A_TEXT(alert_response)), e);
}

enum err
store_tx_inquiry_carry(struct store_tx *tx, int64_t inquiry_id, int64_t client_id,
    int64_t *screenings, int64_t *placements, struct error *e)
{
	if (tx_exec(tx, Q_screening_carry_alerts, ARGS(A_INT(inquiry_id), A_INT(client_id)),
	    e) != ERR_OK ||
	    tx_exec(tx, Q_screening_carry_tasks, ARGS(A_INT(inquiry_id), A_INT(client_id)),
	    e) != ERR_OK ||
	    tx_exec(tx, Q_screening_carry, ARGS(A_INT(inquiry_id), A_INT(client_id)), e) !=
	    ERR_OK)
		return e->code;
	*screenings = db_changes(WDB(tx));
	if (tx_exec(tx, Q_placement_carry, ARGS(A_INT(inquiry_id), A_INT(client_id)), e) !=
	    ERR_OK)
		return e->code;
	*placements = db_changes(WDB(tx));
	return ERR_OK;
}

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
	C_INT(struct alert, site_id, "site_id"),
	C_BOOL(struct alert, unclaimed, "unclaimed"),
	C_INT(struct alert, claimed_by, "claimed_by"),
	C_INT(struct alert, claimed_at, "claimed_at"),
	C_TEXT(struct alert, resolved_by_name, "resolved_by_name"),
	C_TEXT(struct alert, claimed_by_name, "claimed_by_name"),
	C_INT(struct alert, assigned_to, "assigned_to"),
	C_TEXT(struct alert, assigned_name, "assigned_name"),
	C_TEXT(struct alert, site_name, "site_name"),
	C_TEXT(struct alert, client_mrn, "client_mrn"),
	C_TEXT(struct alert, client_first, "client_first"),
	C_TEXT(struct alert, client_last, "client_last"),
	C_TEXT(struct alert, client_preferred, "client_preferred"),
};
static const enum sql_query alert_queries[] = {
	Q_alert_by_client,
	Q_alert_by_id,
	Q_alerts_of_client,	/* episodes.sql: the facts of an admission */
	Q_alert_unclaimed,
	Q_alert_by_inquiry,
};
const struct row_table alert_rows = ROW_TABLE(struct alert, "alert", alert_cols, alert_queries);

enum err
store_alert_list(struct store *s, int64_t client_id, bool open_only, struct page pg,
    struct arena *a, struct alert **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_alert_by_client, Q_alert_count_client,
	    ARGS(A_INT(client_id), A_INT(open_only), A_LIMIT(pg), A_OFFSET(pg)), pg, a,
	    &alert_rows, &tmp, n, total, e);

	*items = tmp;
	return rc;
}

enum err
store_alert_unclaimed(struct store *s, int64_t staff_id, struct page pg, struct arena *a,
    struct alert **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_alert_unclaimed, Q_alert_unclaimed_count,
	    ARGS(A_INT(staff_id), A_LIMIT(pg), A_OFFSET(pg)), pg, a, &alert_rows, &tmp, n,
	    total, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_alert_insert(struct store_tx *tx, const struct alert *x, int64_t *id,
    struct error *e)
{
	return tx_insert(tx, Q_alert_insert, ARGS(A_INT(x->client_id), A_TEXT(x->kind),
	    A_TEXT(x->message), A_TEXT(x->source_type), A_INT(x->source_id), A_INT(tx->now),
	    A_INT(x->site_id), A_INT(x->unclaimed)), id, e);
}

/* Claiming an unclaimed alert makes its open task the claimer's. */
enum err
store_tx_alert_claim(struct store_tx *tx, int64_t id, int64_t by, struct error *e)
{
	if (tx_change_once(tx, Q_alert_claim, ARGS(A_INT(id), A_INT(by), A_INT(tx->now)),
	    "Someone else claimed this alert first.", e) != ERR_OK)
		return e->code;
	return tx_exec(tx, Q_task_claim_for_alert, ARGS(A_INT(id), A_INT(by)), e);
}

enum err
store_tx_alert_get(struct store_tx *tx, int64_t id, struct arena *a, struct alert *out,
    struct error *e)
{
	return tx_get_row(tx, Q_alert_by_id, ARGS(A_INT(id)), a, &alert_rows, out, e);
}

/* Resolving an alert also closes the tasks it raised, with the same answer. */
enum err
store_tx_alert_resolve(struct store_tx *tx, int64_t id, int64_t by, const char *response,
    struct error *e)
{
	if (tx_change_once(tx, Q_alert_resolve, ARGS(A_INT(id), A_INT(tx->now), A_INT(by),
	    A_TEXT(response)), "This alert was resolved already.", e) != ERR_OK)
		return e->code;
	return tx_exec(tx, Q_task_done_for_alert, ARGS(A_INT(id), A_INT(tx->now), A_INT(by),
	    A_TEXT(response)), e);
}

enum err
store_alert_list_inquiry(struct store *s, int64_t inquiry_id, struct arena *a,
    struct alert **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_alert_by_inquiry, inquiry_id, a, &alert_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

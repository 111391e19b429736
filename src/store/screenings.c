/*
 * screenings.c — administered screening instruments
 * (sql/queries/screenings.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col screening_cols[] = {
	C_INT(struct screening_row, id, "id"),
	C_INT(struct screening_row, client_id, "client_id"),
	C_TEXT(struct screening_row, code, "code"),
	C_TEXT(struct screening_row, version, "version"),
	C_TEXT(struct screening_row, answers, "answers"),
	C_TEXT(struct screening_row, scores, "scores"),
	C_TEXT(struct screening_row, band, "band"),
	C_TEXT(struct screening_row, flags, "flags"),
	C_INT(struct screening_row, administered_by, "administered_by"),
	C_TEXT(struct screening_row, administered_by_name, "username"),
	C_INT(struct screening_row, administered_at, "administered_at"),
};
static const enum sql_query screening_queries[] = {
	Q_screening_by_client,
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
store_tx_screening_insert(struct store_tx *tx, struct screening_row *r, struct error *e)
{
	if (tx_insert(tx, Q_screening_insert, ARGS(A_INT(r->client_id), A_TEXT(r->code),
	    A_TEXT(r->version), A_TEXT(r->answers), A_TEXT(r->scores), A_TEXT(r->band),
	    A_TEXT(r->flags), A_INT(r->administered_by), A_INT(tx->now)), &r->id, e) != ERR_OK)
		return e->code;
	r->administered_at = tx->now;
	return ERR_OK;
}

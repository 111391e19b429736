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
	RSTMT(s, Q_screening_by_client, e, st);
	struct db_stmt *cnt = db_query(st_c->db, Q_screening_count);

	db_bind_int(st, 1, client_id);
	db_bind_int(st, 2, pg.limit);
	db_bind_int(st, 3, pg.offset);
	db_bind_int(cnt, 1, client_id);
	return read_page(st_c->db, st, cnt, pg, a, &screening_rows, (void **)items, n, total,
	    e);
}

enum err
store_tx_screening_insert(struct store_tx *tx, struct screening_row *r, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_screening_insert);

	db_bind_int(st, 1, r->client_id);
	db_bind_text(st, 2, r->code);
	db_bind_text(st, 3, r->version);
	db_bind_text(st, 4, r->answers);
	db_bind_text(st, 5, r->scores);
	db_bind_text(st, 6, r->band);
	db_bind_text(st, 7, r->flags);
	db_bind_int(st, 8, r->administered_by);
	db_bind_int(st, 9, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	r->id = db_last_id(WDB(tx));
	r->administered_at = tx->now;
	return ERR_OK;
}

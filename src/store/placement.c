/*
 * placement.c — level-of-care placement assessments and the placement
 * table's versions (sql/queries/placement.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col placement_cols[] = {
	C_INT(struct placement_row, id, "id"),
	C_INT(struct placement_row, client_id, "client_id"),
	C_TEXT(struct placement_row, edition, "edition"),
	C_TEXT(struct placement_row, ratings, "ratings"),
	C_TEXT(struct placement_row, notes, "notes"),
	C_TEXT(struct placement_row, flags, "flags"),
	C_TEXT(struct placement_row, recommended, "recommended"),
	C_TEXT(struct placement_row, reasons, "reasons"),
	C_TEXT(struct placement_row, chosen, "chosen"),
	C_TEXT(struct placement_row, override_reason, "override_reason"),
	C_INT(struct placement_row, assessed_by, "assessed_by"),
	C_TEXT(struct placement_row, assessed_by_name, "username"),
	C_INT(struct placement_row, assessed_at, "assessed_at"),
	C_INT(struct placement_row, table_version, "table_version"),
	C_INT(struct placement_row, inquiry_id, "inquiry_id"),
};
static const enum sql_query placement_queries[] = {
	Q_placement_by_client,
	Q_placement_by_inquiry,
};
const struct row_table placement_rows = ROW_TABLE(struct placement_row, "placement",
    placement_cols, placement_queries);

enum err
store_placement_list(struct store *s, int64_t client_id, struct page pg, struct arena *a,
    struct placement_row **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_placement_by_client, e, st);
	struct db_stmt *cnt = db_query(st_c->db, Q_placement_count_client);

	db_bind_int(st, 1, client_id);
	db_bind_int(st, 2, pg.limit);
	db_bind_int(st, 3, pg.offset);
	db_bind_int(cnt, 1, client_id);
	void *tmp = NULL;
	enum err rc = read_page(st_c->db, st, cnt, pg, a, &placement_rows, &tmp, n, total,
	    e);

	*items = tmp;
	return rc;
}

enum err
store_placement_list_inquiry(struct store *s, int64_t inquiry_id, struct page pg,
    struct arena *a, struct placement_row **items, size_t *n, int64_t *total,
    struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_placement_by_inquiry, Q_placement_count_inquiry,
	    ARGS(A_INT(inquiry_id), A_LIMIT(pg), A_OFFSET(pg)), pg, a, &placement_rows,
	    &tmp, n, total, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_placement_insert(struct store_tx *tx, struct placement_row *p, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_placement_insert);

	db_bind_int(st, 1, p->client_id);
	db_bind_text(st, 2, p->edition);
	db_bind_text(st, 3, p->ratings);
	db_bind_text(st, 4, p->notes);
	db_bind_text(st, 5, p->flags);
	db_bind_text(st, 6, p->recommended);
	db_bind_text(st, 7, p->reasons);
	db_bind_text(st, 8, p->chosen);
	db_bind_text(st, 9, p->override_reason);
	db_bind_int(st, 10, p->assessed_by);
	db_bind_int(st, 11, tx->now);
	db_bind_int(st, 12, p->table_version);
	db_bind_int(st, 13, p->inquiry_id);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	p->id = db_last_id(WDB(tx));
	p->assessed_at = tx->now;
	return ERR_OK;
}

static const struct col placement_table_cols[] = {
	C_INT(struct placement_table_row, version, "version"),
	C_TEXT(struct placement_table_row, edition, "edition"),
	C_TEXT(struct placement_table_row, body, "body"),
	C_INT(struct placement_table_row, saved_by, "saved_by"),
	C_TEXT(struct placement_table_row, saved_by_name, "username"),
	C_INT(struct placement_table_row, saved_at, "saved_at"),
};
static const enum sql_query placement_table_queries[] = {
	Q_placement_table_current,
};
const struct row_table placement_table_rows = ROW_TABLE(struct placement_table_row,
    "placement table", placement_table_cols, placement_table_queries);

enum err
store_placement_table_current(struct store *s, struct arena *a,
    struct placement_table_row *out, struct error *e)
{
	RSTMT(s, Q_placement_table_current, e, st);
	return read_one(st_c->db, st, a, &placement_table_rows, out, e);
}

enum err
store_tx_placement_table_version(struct store_tx *tx, int64_t *version, struct error *e)
{
	return tx_int(tx, Q_placement_table_version, 0, 0, version,
	    "reading the placement table's version", e);
}

enum err
store_tx_placement_table_insert(struct store_tx *tx, struct placement_table_row *t,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_placement_table_insert);

	db_bind_int(st, 1, t->version);
	db_bind_text(st, 2, t->edition);
	db_bind_text(st, 3, t->body);
	db_bind_int(st, 4, t->saved_by);
	db_bind_int(st, 5, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	t->saved_at = tx->now;
	return ERR_OK;
}

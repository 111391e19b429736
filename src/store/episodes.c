/*
 * episodes.c — episodes of care and the census (sql/queries/episodes.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col episode_cols[] = {
	C_INT(struct episode, id, "id"),
	C_INT(struct episode, client_id, "client_id"),
	C_TEXT(struct episode, level, "level"),
	C_INT(struct episode, site_id, "site_id"),
	C_INT(struct episode, track_id, "track_id"),
	C_DATE(struct episode, admitted_on, "admitted_on"),
	C_INT(struct episode, primary_clinician, "primary_clinician"),
	C_INT(struct episode, case_manager, "case_manager"),
	C_BOOL(struct episode, privacy_notice_given, "privacy_notice_given"),
	C_TEXT(struct episode, status, "status"),
	C_TEXT(struct episode, discharged_on, "discharged_on"),
	C_INT(struct episode, inquiry_id, "inquiry_id"),
	C_INT(struct episode, created_at, "created_at"),
	C_TEXT(struct episode, mrn, "mrn"),
	C_TEXT(struct episode, first_name, "first_name"),
	C_TEXT(struct episode, last_name, "last_name"),
	C_TEXT(struct episode, preferred_name, "preferred_name"),
	C_TEXT(struct episode, site_name, "name"),
	C_TEXT(struct episode, track_name, "track_name"),
	C_TEXT(struct episode, clinician_name, "full_name"),
	C_TEXT(struct episode, case_manager_name, "case_manager_name"),
};
static const enum sql_query episode_queries[] = {
	Q_episode_by_client,
	Q_census,
};
const struct row_table episode_rows = ROW_TABLE(struct episode, "episode", episode_cols,
    episode_queries);

enum err
store_episode_list(struct store *s, int64_t client_id, struct arena *a,
    struct episode **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_episode_by_client, client_id, a, &episode_rows,
	    (void **)items, n, e);
}

enum err
store_census(struct store *s, int64_t site_id, const char *level, int64_t track_id,
    struct page pg, struct arena *a, struct episode **items, size_t *n, int64_t *total,
    struct error *e)
{
	RSTMT(s, Q_census, e, st);
	struct db_stmt *cnt = db_query(st_c->db, Q_census_count);

	db_bind_int(st, 1, site_id);
	db_bind_text(st, 2, level);
	db_bind_int(st, 3, track_id);
	db_bind_int(st, 4, pg.limit);
	db_bind_int(st, 5, pg.offset);
	db_bind_int(cnt, 1, site_id);
	db_bind_text(cnt, 2, level);
	db_bind_int(cnt, 3, track_id);
	return read_page(st_c->db, st, cnt, pg, a, &episode_rows, (void **)items, n, total, e);
}

enum err
store_tx_episode_open_count(struct store_tx *tx, int64_t client_id, int64_t *n,
    struct error *e)
{
	return tx_int(tx, Q_episode_open_for, client_id, 0, n, "reading episodes", e);
}

enum err
store_tx_episode_insert(struct store_tx *tx, struct episode *ep, int64_t created_by,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_episode_insert);
	char d[11];
	int rc;

	date_format(ep->admitted_on, d);
	db_bind_int(st, 1, ep->client_id);
	db_bind_text(st, 2, ep->level);
	db_bind_int(st, 3, ep->site_id);
	db_bind_int(st, 4, ep->track_id);
	db_bind_text(st, 5, d);
	db_bind_int(st, 6, ep->primary_clinician);
	db_bind_int(st, 7, ep->case_manager);
	db_bind_int(st, 8, ep->privacy_notice_given);
	db_bind_int(st, 9, ep->inquiry_id);
	db_bind_int(st, 10, created_by);
	db_bind_int(st, 11, tx->now);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_CONSTRAINT)
		return error_set(e, ERR_CONFLICT, "This client has an open episode already, or a "
		    "named record does not exist.");
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "admitting");
	ep->id = db_last_id(WDB(tx));
	ep->created_at = tx->now;
	ep->status = "open";
	if (ep->inquiry_id != 0) {
		st = WST(tx, Q_inquiry_admit);
		db_bind_int(st, 1, ep->inquiry_id);
		db_bind_int(st, 2, ep->client_id);
		db_bind_int(st, 3, tx->now);
		if (step_write(WDB(tx), st, e) != ERR_OK)
			return e->code;
		if (db_changes(WDB(tx)) == 0)
			return error_field(e, "inquiry_id", "is not an inquiry converted to this "
			    "client");
	}
	return ERR_OK;
}

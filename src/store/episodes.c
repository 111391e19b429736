/*
 * episodes.c — episodes of care and the census (sql/queries/episodes.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <stdio.h>
#include <string.h>

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
	C_TEXT(struct episode, acknowledged_json, "acknowledged_alerts"),
	C_TEXT(struct episode, discharge_type, "discharge_type"),
	C_TEXT(struct episode, discharge_reason, "discharge_reason"),
	C_TEXT(struct episode, discharged_to, "discharged_to"),
	C_INT(struct episode, transferred_from, "transferred_from"),
	C_I32(struct episode, step_down_weeks, "step_down_weeks"),
	C_INT(struct episode, transferred_to, "transferred_to"),
	C_INT(struct episode, discharge_summary_id, "discharge_summary_id"),
};
static const enum sql_query episode_queries[] = {
	Q_episode_by_client,
	Q_episode_by_id,
	Q_census,
};
const struct row_table episode_rows = ROW_TABLE(struct episode, "episode", episode_cols,
    episode_queries);

enum err
store_episode_list(struct store *s, int64_t client_id, struct arena *a,
    struct episode **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_episode_by_client, client_id, a, &episode_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_episode_get(struct store *s, int64_t id, struct arena *a, struct episode *out,
    struct error *e)
{
	memset(out, 0, sizeof *out);
	return get_row(s, Q_episode_by_id, ARGS(A_INT(id)), a, &episode_rows, out, e);
}

enum err
store_tx_episode_get(struct store_tx *tx, int64_t id, struct arena *a, struct episode *out,
    struct error *e)
{
	memset(out, 0, sizeof *out);
	return tx_get_row(tx, Q_episode_by_id, ARGS(A_INT(id)), a, &episode_rows, out, e);
}

enum err
store_census(struct store *s, int64_t site_id, const char *level, int64_t track_id,
    struct page pg, struct arena *a, struct episode **items, size_t *n, int64_t *total,
    struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_census, Q_census_count, ARGS(A_INT(site_id), A_TEXT(level),
	    A_INT(track_id), A_LIMIT(pg), A_OFFSET(pg)), pg, a, &episode_rows, &tmp,
	    n, total, e);

	*items = tmp;
	return rc;
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
	/* The acknowledged alerts as stored: a JSON array of ids. */
	char d[11], acks[EPISODE_ACK_MAX * 22 + 3];
	size_t len = 0;
	enum db_rc rc;

	acks[len++] = '[';
	for (int i = 0; i < ep->acknowledged.n && i < EPISODE_ACK_MAX; i++)
		len += (size_t)snprintf(acks + len, sizeof acks - len, "%s%lld", i ? "," : "",
		    (long long)ep->acknowledged.id[i]);
	snprintf(acks + len, sizeof acks - len, "]");
	date_format(ep->admitted_on, d);
	rc = tx_step(tx, Q_episode_insert, ARGS(A_INT(ep->client_id), A_TEXT(ep->level),
	    A_INT(ep->site_id), A_INT(ep->track_id), A_TEXT(d), A_INT(ep->primary_clinician),
	    A_INT(ep->case_manager), A_INT(ep->privacy_notice_given), A_INT(ep->inquiry_id),
	    A_INT(created_by), A_INT(tx->now), A_TEXT(acks)));
	if (rc == DB_CONSTRAINT)
		return error_set(e, ERR_CONFLICT, "This client has an open episode already, or a "
		    "named record does not exist.");
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "admitting");
	ep->id = db_last_id(WDB(tx));
	ep->created_at = tx->now;
	ep->status = "open";
	if (ep->inquiry_id != 0) {
		if (tx_exec(tx, Q_inquiry_admit, ARGS(A_INT(ep->inquiry_id),
		    A_INT(ep->client_id), A_INT(tx->now)), e) != ERR_OK)
			return e->code;
		if (db_changes(WDB(tx)) == 0)
			return error_field(e, "inquiry_id", "is not an inquiry converted to this "
			    "client");
	}
	return ERR_OK;
}

enum err
store_tx_levels_offered(struct store_tx *tx, struct arena *a, const char ***levels,
    size_t *n, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_levels_offered);
	const char **out = NULL;
	size_t have = 0, cap = 0;
	enum db_rc rc;

	*levels = NULL;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (have == cap) {
			const char **grown = arena_alloc(a, (cap ? cap * 2 : 8) * sizeof *grown);
			if (grown == NULL)
				break;
			if (have > 0)
				memcpy(grown, out, have * sizeof *grown);
			out = grown;
			cap = cap ? cap * 2 : 8;
		}
		if ((out[have] = arena_strdup(a, db_col_text(st, 0))) == NULL)
			break;
		have++;
	}
	db_reset(st);
	if (rc == DB_ROW)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "reading the program's tracks");
	*levels = out;
	*n = have;
	return ERR_OK;
}

enum err
store_tx_alert_list_client(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct alert **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = tx_list_rows(tx, Q_alerts_of_client, ARGS(A_INT(client_id)), a,
	    &alert_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_followups_close(struct store_tx *tx, int64_t inquiry_id, int64_t by,
    const char *response, struct error *e)
{
	return tx_exec(tx, Q_followups_close_for_inquiry, ARGS(A_INT(inquiry_id), A_INT(tx->now),
	    A_INT(by), A_TEXT(response)), e);
}

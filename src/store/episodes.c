/*
 * episodes.c — episodes of care and the census (sql/queries/episodes.sql).
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
row_episode(struct db_stmt *st, struct arena *a, struct episode *ep)
{
	memset(ep, 0, sizeof *ep);
	ep->id = db_col_int(st, 0);
	ep->client_id = db_col_int(st, 1);
	ep->level = col_text(st, 2, a);
	ep->site_id = db_col_int(st, 3);
	ep->track_id = db_col_int(st, 4);
	date_parse(db_col_text(st, 5), &ep->admitted_on);
	ep->primary_clinician = db_col_int(st, 6);
	ep->case_manager = db_col_int(st, 7);
	ep->privacy_notice_given = db_col_int(st, 8) != 0;
	ep->status = col_text(st, 9, a);
	ep->discharged_on = col_text(st, 10, a);
	ep->inquiry_id = db_col_int(st, 11);
	ep->created_at = db_col_int(st, 12);
	ep->mrn = col_text(st, 13, a);
	ep->first_name = col_text(st, 14, a);
	ep->last_name = col_text(st, 15, a);
	ep->preferred_name = col_text(st, 16, a);
	ep->site_name = col_text(st, 17, a);
	ep->track_name = col_text(st, 18, a);
	ep->clinician_name = col_text(st, 19, a);
	ep->case_manager_name = col_text(st, 20, a);
}

enum err
store_episode_list(struct store *s, int64_t client_id, struct arena *a,
    struct episode **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_episode_by_client, client_id, a, sizeof **items,
	    (row_fn)row_episode, (void **)items, n, e);
}

enum err
store_census(struct store *s, int64_t site_id, const char *level, int64_t track_id,
    struct arena *a, struct episode **items, size_t *n, struct error *e)
{
	RSTMT(s, Q_census, e, st);
	db_bind_int(st, 1, site_id);
	db_bind_text(st, 2, level);
	db_bind_int(st, 3, track_id);
	return read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_episode, -1,
	    (void **)items, n, NULL, e);
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

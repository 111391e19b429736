/*
 * screenings.c — administered screening instruments
 * (sql/queries/screenings.sql).
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
row_screening(struct db_stmt *st, struct arena *a, struct screening_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int(st, 0);
	r->client_id = db_col_int(st, 1);
	r->code = col_text(st, 2, a);
	r->version = col_text(st, 3, a);
	r->answers = col_text(st, 4, a);
	r->scores = col_text(st, 5, a);
	r->band = col_text(st, 6, a);
	r->flags = col_text(st, 7, a);
	r->administered_by = db_col_int(st, 8);
	r->administered_by_name = col_text(st, 9, a);
	r->administered_at = db_col_int(st, 10);
}

enum err
store_screening_list(struct store *s, int64_t client_id, struct page pg, struct arena *a,
    struct screening_row **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_screening_by_client, e, st);
	struct db_stmt *cnt = db_query(st_c->db, Q_screening_count);
	enum err rc;

	db_exec(st_c->db, "BEGIN");
	db_bind_int(st, 1, client_id);
	db_bind_int(st, 2, pg.limit);
	db_bind_int(st, 3, pg.offset);
	rc = read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_screening, -1,
	    (void **)items, n, NULL, e);
	if (rc == ERR_OK) {
		db_bind_int(cnt, 1, client_id);
		if (db_step(cnt) == DB_ROW)
			*total = db_col_int(cnt, 0);
		else
			rc = db_error(e, st_c->db, "counting screenings");
		db_reset(cnt);
	}
	db_exec(st_c->db, "COMMIT");
	return rc;
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

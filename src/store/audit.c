/*
 * audit.c — reading the audit log: a client's trail and the whole log,
 * newest first (sql/queries/audit.sql; appending is audit_chain.c).
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

void
row_audit(struct db_stmt *st, struct arena *a, struct audit_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->id = db_col_int(st, 0);
	ev->at = db_col_int(st, 1);
	ev->user_id = db_col_int(st, 2);
	ev->username = col_text(st, 3, a);
	ev->role = col_text(st, 4, a);
	ev->action = col_text(st, 5, a);
	ev->record_type = col_text(st, 6, a);
	ev->record_id = db_col_int(st, 7);
	ev->client_id = db_col_int(st, 8);
	ev->address = col_text(st, 9, a);
	ev->detail = col_text(st, 10, a);
}

enum err
store_audit_by_client(struct store *s, int64_t client_id, struct page pg, struct arena *a,
    struct audit_event **items, size_t *n, int64_t *total, struct error *e)
{
	return page_by_id(s, Q_audit_by_client, client_id, NULL, pg, a, sizeof **items,
	    (row_fn)row_audit, 12, (void **)items, n, total, e);
}

enum err
store_audit_recent(struct store *s, struct page pg, struct arena *a,
    struct audit_event **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_audit_recent, e, st);
	struct db_stmt *cnt = db_query(st_c->db, Q_audit_count);

	enum err rc;

	/* Rows and count from one snapshot, while the writer goes on. */
	db_exec(st_c->db, "BEGIN");
	db_bind_int(st, 1, pg.limit);
	db_bind_int(st, 2, pg.offset);
	rc = read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_audit, -1, (void **)items,
	    n, NULL, e);
	if (rc == ERR_OK) {
		if (db_step(cnt) == DB_ROW)
			*total = db_col_int(cnt, 0);
		else
			rc = db_error(e, st_c->db, "counting the audit log");
		db_reset(cnt);
	}
	db_exec(st_c->db, "COMMIT");
	return rc;
}

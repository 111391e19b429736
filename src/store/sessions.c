/*
 * sessions.c — sign-in sessions (sql/queries/sessions.sql).
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

enum err
store_session_get(struct store *s, const uint8_t token_hash[32], struct arena *a,
    struct session *out, struct error *e)
{
	RSTMT(s, Q_session_by_token, e, st);
	int rc;
	const char *roles;

	db_bind_blob(st, 1, token_hash, 32);
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		if (rc == DB_DONE)
			return error_set(e, ERR_UNAUTH, "no session");
		return db_error(e, st_c->db, "reading the session");
	}
	memset(out, 0, sizeof *out);
	out->id = db_col_int(st, 0);
	out->staff_id = db_col_int(st, 1);
	snprintf(out->csrf, sizeof out->csrf, "%s", db_col_text(st, 2));
	out->created_at = db_col_int(st, 3);
	out->last_seen_at = db_col_int(st, 4);
	out->expires_at = db_col_int(st, 5);
	out->username = col_text(st, 6, a);
	out->full_name = col_text(st, 7, a);
	roles = db_col_text(st, 8);
	if (!roles_parse_list(roles ? roles : "", &out->roles))
		out->roles = 0;
	out->staff_active = db_col_int(st, 9) != 0;
	out->must_change_password = db_col_int(st, 10) != 0;
	db_reset(st);
	return ERR_OK;
}

enum err
store_tx_session_insert(struct store_tx *tx, const uint8_t token_hash[32], int64_t staff_id,
    const char *csrf, const char *address, int64_t expires_at, int64_t *id,
    struct error *e)
{
	struct db_stmt *q = WST(tx, Q_session_insert);

	db_bind_blob(q, 1, token_hash, 32);
	db_bind_int(q, 2, staff_id);
	db_bind_text(q, 3, csrf);
	db_bind_text(q, 4, address);
	db_bind_int(q, 5, tx->now);
	db_bind_int(q, 6, expires_at);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	*id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_session_touch(struct store_tx *tx, int64_t id, struct error *e)
{
	struct db_stmt *q = WST(tx, Q_session_touch);

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, tx->now);
	return step_write(WDB(tx), q, e);
}

enum err
store_tx_session_end(struct store_tx *tx, int64_t id, struct error *e)
{
	struct db_stmt *q = WST(tx, Q_session_end);

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, tx->now);
	return step_write(WDB(tx), q, e);
}

enum err
store_tx_sessions_end_staff(struct store_tx *tx, int64_t staff_id, struct error *e)
{
	struct db_stmt *q = WST(tx, Q_session_end_staff);

	db_bind_int(q, 1, staff_id);
	db_bind_int(q, 2, tx->now);
	return step_write(WDB(tx), q, e);
}

/*
 * sessions.c — sign-in sessions (sql/queries/sessions.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col session_cols[] = {
	C_INT(struct session, id, "id"),
	C_INT(struct session, staff_id, "staff_id"),
	C_CHARS(struct session, csrf, "csrf_token"),
	C_INT(struct session, created_at, "created_at"),
	C_INT(struct session, last_seen_at, "last_seen_at"),
	C_INT(struct session, expires_at, "expires_at"),
	C_TEXT(struct session, username, "username"),
	C_TEXT(struct session, full_name, "full_name"),
	C_ROLES(struct session, roles, "roles"),
	C_BOOL(struct session, staff_active, "active"),
	C_BOOL(struct session, must_change_password, "must_change_password"),
};
static const enum sql_query session_queries[] = {
	Q_session_by_token,
};
const struct row_table session_rows = ROW_TABLE(struct session, "session", session_cols,
    session_queries);

enum err
store_session_get(struct store *s, const uint8_t token_hash[32], struct arena *a,
    struct session *out, struct error *e)
{
	enum err rc = get_row(s, Q_session_by_token, ARGS(A_BLOB(token_hash, 32)), a,
	    &session_rows, out, e);

	if (rc == ERR_NOTFOUND)
		return error_set(e, ERR_UNAUTH, "no session");
	return rc;
}

enum err
store_tx_session_insert(struct store_tx *tx, const uint8_t token_hash[32], int64_t staff_id,
    const char *csrf, const char *address, int64_t expires_at, int64_t *id,
    struct error *e)
{
	return tx_insert(tx, Q_session_insert, ARGS(A_BLOB(token_hash, 32), A_INT(staff_id),
	    A_TEXT(csrf), A_TEXT(address), A_INT(tx->now), A_INT(expires_at)), id, e);
}

enum err
store_tx_session_touch(struct store_tx *tx, int64_t id, struct error *e)
{
	return tx_exec(tx, Q_session_touch, ARGS(A_INT(id), A_INT(tx->now)), e);
}

enum err
store_tx_session_end(struct store_tx *tx, int64_t id, struct error *e)
{
	return tx_exec(tx, Q_session_end, ARGS(A_INT(id), A_INT(tx->now)), e);
}

enum err
store_tx_sessions_end_staff(struct store_tx *tx, int64_t staff_id, struct error *e)
{
	return tx_exec(tx, Q_session_end_staff, ARGS(A_INT(staff_id), A_INT(tx->now), A_INT(0)),
	    e);
}

enum err
store_tx_sessions_end_others(struct store_tx *tx, int64_t staff_id, int64_t keep,
    struct error *e)
{
	return tx_exec(tx, Q_session_end_staff, ARGS(A_INT(staff_id), A_INT(tx->now),
	    A_INT(keep)), e);
}

/*
 * attendance.c — attendance at group sessions and the earlier values of
 * corrected records (sql/queries/attendance.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <string.h>

#include "store/store_int.h"

static const struct col attendance_cols[] = {
	C_INT(struct attendance, session_id, "session_id"),
	C_INT(struct attendance, client_id, "client_id"),
	C_TEXT(struct attendance, status, "status"),
	C_I32(struct attendance, late_minutes, "late_minutes"),
	C_I32(struct attendance, left_early_minutes, "left_early_minutes"),
	C_I32(struct attendance, minutes, "minutes"),
	C_INT(struct attendance, recorded_by, "recorded_by"),
	C_INT(struct attendance, recorded_at, "recorded_at"),
};
static const enum sql_query attendance_queries[] = { Q_attendance_of_session };
const struct row_table attendance_rows = ROW_TABLE(struct attendance, "attendance",
    attendance_cols, attendance_queries);

static const struct col attendance_change_cols[] = {
	C_INT(struct attendance_change, was.session_id, "session_id"),
	C_INT(struct attendance_change, was.client_id, "client_id"),
	C_TEXT(struct attendance_change, was.status, "status"),
	C_I32(struct attendance_change, was.late_minutes, "late_minutes"),
	C_I32(struct attendance_change, was.left_early_minutes, "left_early_minutes"),
	C_I32(struct attendance_change, was.minutes, "minutes"),
	C_INT(struct attendance_change, was.recorded_by, "recorded_by"),
	C_INT(struct attendance_change, was.recorded_at, "recorded_at"),
	C_INT(struct attendance_change, changed_by, "changed_by"),
	C_INT(struct attendance_change, changed_at, "changed_at"),
};
static const enum sql_query attendance_change_queries[] = { Q_attendance_changes_of_session };
const struct row_table attendance_change_rows = ROW_TABLE(struct attendance_change,
    "attendance_change", attendance_change_cols, attendance_change_queries);

enum err
store_tx_attendance_put(struct store_tx *tx, const struct attendance *x, bool correction,
    struct error *e)
{
	if (correction && tx_exec(tx, Q_attendance_keep_change, ARGS(A_INT(x->session_id),
	    A_INT(x->client_id), A_INT(x->recorded_by), A_INT(x->recorded_at)), e) != ERR_OK)
		return e->code;
	return tx_exec(tx, Q_attendance_upsert, ARGS(A_INT(x->session_id), A_INT(x->client_id),
	    A_TEXT(x->status), A_INT(x->late_minutes), A_INT(x->left_early_minutes),
	    A_INT(x->minutes), A_INT(x->recorded_by), A_INT(x->recorded_at)), e);
}

enum err
store_tx_session_attendance(struct store_tx *tx, int64_t session_id, struct arena *a,
    struct session_attendance *out, struct error *e)
{
	void *x = NULL, *c = NULL;

	if (tx_list_rows(tx, Q_attendance_of_session, ARGS(A_INT(session_id)), a,
	    &attendance_rows, &x, &out->n, e) != ERR_OK ||
	    tx_list_rows(tx, Q_attendance_changes_of_session, ARGS(A_INT(session_id)), a,
	    &attendance_change_rows, &c, &out->nchanges, e) != ERR_OK)
		return e->code;
	out->items = x;
	out->changes = c;
	return ERR_OK;
}

enum err
store_session_attendance(struct store *s, int64_t session_id, struct arena *a,
    struct session_attendance *out, struct error *e)
{
	void *x = NULL, *c = NULL;

	if (list_by_id(s, Q_attendance_of_session, session_id, a, &attendance_rows, &x, &out->n,
	    e) != ERR_OK ||
	    list_by_id(s, Q_attendance_changes_of_session, session_id, a, &attendance_change_rows,
	    &c, &out->nchanges, e) != ERR_OK)
		return e->code;
	out->items = x;
	out->changes = c;
	return ERR_OK;
}

enum err
store_tx_roster(struct store_tx *tx, int64_t track_id, struct date d, struct arena *a,
    struct roster_entry **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	char ds[11];
	enum err rc;

	date_format(d, ds);
	rc = tx_list_rows(tx, Q_roster_of, ARGS(A_INT(track_id), A_TEXT(ds)), a, &roster_rows,
	    &tmp, n, e);
	*items = tmp;
	return rc;
}

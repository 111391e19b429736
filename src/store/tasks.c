/*
 * tasks.c — staff tasks, their counts and completion (sql/queries/tasks.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col task_cols[] = {
	C_INT(struct task, id, "id"),
	C_TEXT(struct task, kind, "kind"),
	C_TEXT(struct task, title, "title"),
	C_INT(struct task, client_id, "client_id"),
	C_INT(struct task, inquiry_id, "inquiry_id"),
	C_INT(struct task, alert_id, "alert_id"),
	C_INT(struct task, assigned_to, "assigned_to"),
	C_INT(struct task, due_at, "due_at"),
	C_INT(struct task, done_at, "done_at"),
	C_INT(struct task, done_by, "done_by"),
	C_TEXT(struct task, response, "response"),
	C_INT(struct task, created_at, "created_at"),
	C_TEXT(struct task, client_mrn, "client_mrn"),
	C_TEXT(struct task, client_first, "client_first"),
	C_TEXT(struct task, client_last, "client_last"),
	C_TEXT(struct task, client_preferred, "client_preferred"),
	C_TEXT(struct task, inquiry_name, "inquiry_name"),
};
static const enum sql_query task_queries[] = {
	Q_task_list_for,
	Q_task_by_id,
	Q_task_list_inquiry,
};
const struct row_table task_rows = ROW_TABLE(struct task, "task", task_cols, task_queries);

enum err
store_task_count(struct store *s, int64_t assigned_to, int64_t now, int64_t *open,
    int64_t *overdue, struct error *e)
{
	RSTMT(s, Q_task_open_count, e, st);
	int rc;

	db_bind_int(st, 1, assigned_to);
	db_bind_int(st, 2, now);
	rc = db_step(st);
	*open = rc == DB_ROW ? db_col_int(st, 0) : 0;
	*overdue = rc == DB_ROW ? db_col_int(st, 1) : 0;
	db_reset(st);
	return rc == DB_ROW ? ERR_OK : db_error(e, st_c->db, "counting tasks");
}

enum err
store_task_list(struct store *s, int64_t assigned_to, bool open_only, struct page pg,
    struct arena *a, struct task **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_task_list_for, Q_task_count_for, ARGS(A_INT(assigned_to),
	    A_INT(open_only), A_LIMIT(pg), A_OFFSET(pg)), pg, a, &task_rows, &tmp, n,
	    total, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_task_insert(struct store_tx *tx, const char *kind, const char *title,
    int64_t client_id, int64_t inquiry_id, int64_t alert_id, int64_t assigned_to,
    int64_t due_at, int64_t *id, struct error *e)
{
	return tx_insert(tx, Q_task_insert, ARGS(A_TEXT(kind), A_TEXT(title), A_INT(client_id),
	    A_INT(inquiry_id), A_INT(alert_id), A_INT(assigned_to), A_INT(due_at),
	    A_INT(tx->now)), id, e);
}

enum err
store_tx_task_get(struct store_tx *tx, int64_t id, struct arena *a, struct task *out,
    struct error *e)
{
	return tx_get_row(tx, Q_task_by_id, ARGS(A_INT(id)), a, &task_rows, out, e);
}

enum err
store_tx_task_done(struct store_tx *tx, int64_t id, int64_t by, const char *response,
    struct error *e)
{
	return tx_change_once(tx, Q_task_done, ARGS(A_INT(id), A_INT(tx->now), A_INT(by),
	    A_TEXT(response)), "This task was done already.", e);
}

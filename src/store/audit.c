/*
 * audit.c — reading the audit log: a client's trail and the whole log,
 * newest first (sql/queries/audit.sql; appending is audit_chain.c).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col audit_cols[] = {
	C_INT(struct audit_event, id, "id"),
	C_INT(struct audit_event, at, "at"),
	C_INT(struct audit_event, user_id, "user_id"),
	C_TEXT(struct audit_event, username, "username"),
	C_TEXT(struct audit_event, role, "role"),
	C_TEXT(struct audit_event, action, "action"),
	C_TEXT(struct audit_event, record_type, "record_type"),
	C_INT(struct audit_event, record_id, "record_id"),
	C_INT(struct audit_event, client_id, "client_id"),
	C_TEXT(struct audit_event, address, "address"),
	C_TEXT(struct audit_event, detail, "detail"),
};
static const enum sql_query audit_queries[] = {
	Q_audit_all,
	Q_audit_by_client,
	Q_audit_find,
};
const struct row_table audit_rows = ROW_TABLE(struct audit_event, "audit row", audit_cols,
    audit_queries);

enum err
store_audit_by_client(struct store *s, int64_t client_id, struct page pg, struct arena *a,
    struct audit_event **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_rows(s, Q_audit_by_client, ARGS(A_INT(client_id), A_LIMIT(pg),
	    A_OFFSET(pg)), pg, a, &audit_rows, 12, &tmp, n, total, e);

	*items = tmp;
	return rc;
}

/* Rows and count from one snapshot, while the writer goes on. */
enum err
store_audit_find(struct store *s, const struct audit_filter *f, struct page pg,
    struct arena *a, struct audit_event **items, size_t *n, int64_t *total,
    struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_audit_find, Q_audit_find_count,
	    ARGS(A_INT(f->upto > 0 ? f->upto : INT64_MAX), A_INT(f->from),
	    A_INT(f->to > 0 ? f->to : INT64_MAX), A_INT(f->staff_id), A_INT(f->client_id),
	    A_TEXT(f->action ? f->action : ""), A_LIMIT(pg), A_OFFSET(pg)),
	    pg, a, &audit_rows, &tmp, n, total, e);

	*items = tmp;
	return rc;
}

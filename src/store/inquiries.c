/*
 * inquiries.c — admissions inquiries, their call log, merging and the
 * latest change (sql/queries/inquiries.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col inquiry_cols[] = {
	C_INT(struct inquiry, id, "id"),
	C_INQ_KIND(struct inquiry, kind, "kind"),
	C_INQ_STATUS(struct inquiry, status, "status"),
	C_TEXT(struct inquiry, name, "name"),
	C_TEXT(struct inquiry, phone, "phone"),
	C_TEXT(struct inquiry, email, "email"),
	C_CONSENT(struct inquiry, ok_voicemail, "ok_voicemail"),
	C_CONSENT(struct inquiry, ok_text, "ok_text"),
	C_TEXT(struct inquiry, best_time, "best_time"),
	C_FOR_OTHER(struct inquiry, for_other, "for_whom"),
	C_TEXT(struct inquiry, caller_name, "caller_name"),
	C_TEXT(struct inquiry, caller_relationship, "caller_relationship"),
	C_TEXT(struct inquiry, substances_json, "substances"),
	C_URGENCY(struct inquiry, urgency, "urgency"),
	C_TEXT(struct inquiry, message, "message"),
	C_TEXT(struct inquiry, ins.payer, "ins_payer"),
	C_TEXT(struct inquiry, ins.member_id, "ins_member_id"),
	C_TEXT(struct inquiry, ins.group_number, "ins_group_number"),
	C_TEXT(struct inquiry, ins.subscriber_name, "ins_subscriber_name"),
	C_DATE(struct inquiry, ins.subscriber_dob, "ins_subscriber_dob"),
	C_TEXT(struct inquiry, ins.relationship, "ins_relationship"),
	C_TEXT(struct inquiry, source, "source"),
	C_TEXT(struct inquiry, referral_source, "referral_source"),
	C_INT(struct inquiry, assigned_to, "assigned_to"),
	C_INT(struct inquiry, client_id, "client_id"),
	C_TEXT(struct inquiry, referred_to, "referred_to"),
	C_TEXT(struct inquiry, close_reason, "close_reason"),
	C_INT(struct inquiry, created_at, "created_at"),
	C_INT(struct inquiry, updated_at, "updated_at"),
	C_INT(struct inquiry, open_alerts, "open_alerts"),
};
static const enum sql_query inquiry_queries[] = {
	Q_inquiry_by_id,
	Q_inquiry_list,
	Q_inquiry_by_client,
};
const struct row_table inquiry_rows = ROW_TABLE(struct inquiry, "inquiry", inquiry_cols,
    inquiry_queries);

/* What an inquiry row implies: insurance was given when a payer or member id was. */
static enum err
inquiry_complete(enum err rc, struct inquiry *q, size_t n)
{
	size_t i;

	if (rc != ERR_OK)
		return rc;
	for (i = 0; i < n; i++)
		q[i].has_insurance = q[i].ins.payer[0] != '\0' || q[i].ins.member_id[0] != '\0';
	return ERR_OK;
}

enum err
store_inquiry_get(struct store *s, int64_t id, struct arena *a, struct inquiry *out,
    struct error *e)
{
	return inquiry_complete(get_row(s, Q_inquiry_by_id, ARGS(A_INT(id)), a, &inquiry_rows,
	    out, e), out, 1);
}

enum err
store_inquiry_latest(struct store *s, int64_t *latest_id, int64_t *changed_at,
    int64_t *revision, struct error *e)
{
	RSTMT(s, Q_inquiry_latest, e, st);
	int rc = db_step(st);

	*latest_id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	*changed_at = rc == DB_ROW ? db_col_int(st, 1) : 0;
	*revision = rc == DB_ROW ? db_col_int(st, 2) : 0;
	db_reset(st);
	return rc == DB_ROW ? ERR_OK : db_error(e, st_c->db, "reading the inquiries");
}

enum err
store_inquiry_list(struct store *s, const char *status, struct page pg, struct arena *a,
    struct inquiry **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_inquiry_list, Q_inquiry_count, ARGS(A_LIMIT(pg),
	    A_OFFSET(pg), A_TEXT(status)), pg, a, &inquiry_rows, &tmp, n, total, e);

	*items = tmp;
	return inquiry_complete(rc, *items, *n);
}

enum err
store_inquiry_list_client(struct store *s, int64_t client_id, const char *status,
    struct page pg, struct arena *a, struct inquiry **items, size_t *n, int64_t *total,
    struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_rows(s, Q_inquiry_by_client, ARGS(A_INT(client_id), A_LIMIT(pg),
	    A_OFFSET(pg), A_TEXT(status)), pg, a, &inquiry_rows, 30, &tmp, n, total, e);

	*items = tmp;
	return inquiry_complete(rc, *items, *n);
}

/* A consent as stored: -1 (bound, and stored as NULL) not asked, 0 no, 1 yes. */
static int
consent_sql(enum consent c)
{
	return c == CONSENT_YES ? 1 : c == CONSENT_NO ? 0 : -1;
}

enum err
store_tx_inquiry_insert(struct store_tx *tx, struct inquiry *q, struct error *e)
{
	char dob[11];

	date_format(q->ins.subscriber_dob, dob);
	if (tx_insert(tx, Q_inquiry_insert, ARGS(A_TEXT(inquiry_kind_name(q->kind)),
	    A_TEXT(q->name), A_TEXT(q->phone), A_TEXT(q->email),
	    A_INT(consent_sql(q->ok_voicemail)), A_INT(consent_sql(q->ok_text)),
	    A_TEXT(q->best_time), A_TEXT(q->for_other ? "other" : "self"),
	    A_TEXT(q->caller_name), A_TEXT(q->caller_relationship),
	    A_TEXT(q->substances_json ? q->substances_json : "[]"),
	    A_TEXT(urgency_name(q->urgency)), A_TEXT(q->message), A_TEXT(q->ins.payer),
	    A_TEXT(q->ins.member_id), A_TEXT(q->ins.group_number),
	    A_TEXT(q->ins.subscriber_name), A_TEXT(dob), A_TEXT(q->ins.relationship),
	    A_TEXT(q->source ? q->source : "web"), A_TEXT(q->referral_source),
	    A_INT(tx->now)), &q->id, e) != ERR_OK)
		return e->code;
	q->status = INQS_NEW;
	q->created_at = q->updated_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_inquiry_get(struct store_tx *tx, int64_t id, struct arena *a, struct inquiry *out,
    struct error *e)
{
	return inquiry_complete(tx_get_row(tx, Q_inquiry_by_id, ARGS(A_INT(id)), a,
	    &inquiry_rows, out, e), out, 1);
}

enum err
store_tx_inquiry_update(struct store_tx *tx, const struct inquiry *q, struct error *e)
{
	if (tx_exec_field(tx, Q_inquiry_update, ARGS(A_INT(q->id),
	    A_TEXT(inquiry_status_name(q->status)), A_INT(q->assigned_to),
	    A_TEXT(q->referral_source), A_TEXT(q->referred_to), A_TEXT(q->close_reason),
	    A_INT(q->client_id), A_INT(tx->now), A_TEXT(q->phone), A_TEXT(q->email),
	    A_INT(consent_sql(q->ok_voicemail)), A_INT(consent_sql(q->ok_text)),
	    A_TEXT(urgency_name(q->urgency))),
	    "assigned_to", "names a staff member who does not exist", "changing an inquiry",
	    e) != ERR_OK)
		return e->code;
	return tx_changed(tx, "inquiry", e);
}

static const struct col inquiry_contact_cols[] = {
	C_INT(struct inquiry_contact, id, "id"),
	C_INT(struct inquiry_contact, inquiry_id, "inquiry_id"),
	C_TEXT(struct inquiry_contact, method, "method"),
	C_TEXT(struct inquiry_contact, outcome, "outcome"),
	C_TEXT(struct inquiry_contact, note, "note"),
	C_INT(struct inquiry_contact, staff_id, "staff_id"),
	C_TEXT(struct inquiry_contact, staff_name, "username"),
	C_INT(struct inquiry_contact, at, "at"),
};
static const enum sql_query inquiry_contact_queries[] = {
	Q_inquiry_contact_list,
};
const struct row_table inquiry_contact_rows = ROW_TABLE(struct inquiry_contact, "call",
    inquiry_contact_cols, inquiry_contact_queries);

enum err
store_inquiry_contact_list(struct store *s, int64_t inquiry_id, struct arena *a,
    struct inquiry_contact **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_inquiry_contact_list, inquiry_id, a, &inquiry_contact_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_inquiry_task_list(struct store *s, int64_t inquiry_id, struct arena *a,
    struct task **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_task_list_inquiry, inquiry_id, a, &task_rows, &tmp,
	    n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_inquiry_contact_insert(struct store_tx *tx, struct inquiry_contact *c,
    struct error *e)
{
	if (tx_insert(tx, Q_inquiry_contact_insert, ARGS(A_INT(c->inquiry_id),
	    A_TEXT(c->method), A_TEXT(c->outcome), A_TEXT(c->note), A_INT(c->staff_id),
	    A_INT(tx->now)), &c->id, e) != ERR_OK)
		return e->code;
	c->at = tx->now;
	return ERR_OK;
}

enum err
store_tx_inquiry_merge(struct store_tx *tx, int64_t from, int64_t into, struct error *e)
{
	static const enum sql_query qs[] = {
		Q_inquiry_merge_move, Q_inquiry_merge_tasks, Q_inquiry_merge_screenings,
		Q_inquiry_merge_placements, Q_inquiry_merge_close
	};
	size_t i;

	for (i = 0; i < sizeof qs / sizeof qs[0]; i++)
		if (tx_exec(tx, qs[i], ARGS(A_INT(from), A_INT(into), A_INT(tx->now)),
		    e) != ERR_OK)
			return e->code;
	return ERR_OK;
}

enum err
store_tx_inquiry_list_client(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct inquiry **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = tx_list_rows(tx, Q_inquiry_by_client, ARGS(A_INT(client_id), A_INT(100000),
	    A_INT(0), A_TEXT("")), a, &inquiry_rows, &tmp, n, e);

	*items = tmp;
	return inquiry_complete(rc, *items, *n);
}

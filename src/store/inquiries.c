/*
 * inquiries.c — admissions inquiries, their call log, merging and the
 * latest change (sql/queries/inquiries.sql).
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
row_inquiry(struct db_stmt *st, struct arena *a, struct inquiry *q)
{
	const char *t;

	memset(q, 0, sizeof *q);
	q->id = db_col_int(st, 0);
	t = db_col_text(st, 1);
	if (!inquiry_kind_parse(t, &q->kind))
		q->kind = INQ_PHONE;
	t = db_col_text(st, 2);
	if (!inquiry_status_parse(t, &q->status))
		q->status = INQS_NEW;
	q->name = col_text(st, 3, a);
	q->phone = col_text(st, 4, a);
	q->email = col_text(st, 5, a);
	q->ok_voicemail = db_col_int(st, 6) != 0;
	q->ok_text = db_col_int(st, 7) != 0;
	q->best_time = col_text(st, 8, a);
	t = db_col_text(st, 9);
	q->for_other = t != NULL && strcmp(t, "other") == 0;
	q->caller_name = col_text(st, 10, a);
	q->caller_relationship = col_text(st, 11, a);
	q->substances_json = col_text(st, 12, a);
	t = db_col_text(st, 13);
	if (!urgency_parse(t, &q->urgency))
		q->urgency = URG_EXPLORING;
	q->message = col_text(st, 14, a);
	q->ins.payer = col_text(st, 15, a);
	q->ins.member_id = col_text(st, 16, a);
	q->ins.group_number = col_text(st, 17, a);
	q->ins.subscriber_name = col_text(st, 18, a);
	date_parse(db_col_text(st, 19), &q->ins.subscriber_dob);
	q->ins.relationship = col_text(st, 20, a);
	q->has_insurance = q->ins.payer[0] != '\0' || q->ins.member_id[0] != '\0';
	q->source = col_text(st, 21, a);
	q->referral_source = col_text(st, 22, a);
	q->assigned_to = db_col_int(st, 23);
	q->client_id = db_col_int(st, 24);
	q->referred_to = col_text(st, 25, a);
	q->close_reason = col_text(st, 26, a);
	q->created_at = db_col_int(st, 27);
	q->updated_at = db_col_int(st, 28);
}

enum err
store_inquiry_get(struct store *s, int64_t id, struct arena *a, struct inquiry *out,
    struct error *e)
{
	RSTMT(s, Q_inquiry_by_id, e, st);
	db_bind_int(st, 1, id);
	return read_one(st_c->db, st, a, (row_fn)row_inquiry, out, "inquiry", e);
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
	RSTMT(s, Q_inquiry_list, e, st);
	struct db_stmt *cnt = db_query(st_c->db, Q_inquiry_count);
	enum err rc;

	db_exec(st_c->db, "BEGIN");
	db_bind_int(st, 1, pg.limit);
	db_bind_int(st, 2, pg.offset);
	db_bind_text(st, 3, status);
	rc = read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_inquiry, -1,
	    (void **)items, n, NULL, e);
	if (rc == ERR_OK) {
		db_bind_text(cnt, 3, status);
		if (db_step(cnt) == DB_ROW)
			*total = db_col_int(cnt, 0);
		else
			rc = db_error(e, st_c->db, "counting inquiries");
		db_reset(cnt);
	}
	db_exec(st_c->db, "COMMIT");
	return rc;
}

enum err
store_inquiry_list_client(struct store *s, int64_t client_id, const char *status,
    struct page pg, struct arena *a, struct inquiry **items, size_t *n, int64_t *total,
    struct error *e)
{
	return page_by_id(s, Q_inquiry_by_client, client_id, status ? status : "", pg, a,
	    sizeof **items, (row_fn)row_inquiry, 29, (void **)items, n, total, e);
}

enum err
store_tx_inquiry_insert(struct store_tx *tx, struct inquiry *q, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_inquiry_insert);
	char dob[11];

	date_format(q->ins.subscriber_dob, dob);
	db_bind_text(st, 1, inquiry_kind_name(q->kind));
	db_bind_text(st, 2, q->name);
	db_bind_text(st, 3, q->phone);
	db_bind_text(st, 4, q->email);
	db_bind_int(st, 5, q->ok_voicemail);
	db_bind_int(st, 6, q->ok_text);
	db_bind_text(st, 7, q->best_time);
	db_bind_text(st, 8, q->for_other ? "other" : "self");
	db_bind_text(st, 9, q->caller_name);
	db_bind_text(st, 10, q->caller_relationship);
	db_bind_text(st, 11, q->substances_json ? q->substances_json : "[]");
	db_bind_text(st, 12, urgency_name(q->urgency));
	db_bind_text(st, 13, q->message);
	db_bind_text(st, 14, q->ins.payer);
	db_bind_text(st, 15, q->ins.member_id);
	db_bind_text(st, 16, q->ins.group_number);
	db_bind_text(st, 17, q->ins.subscriber_name);
	db_bind_text(st, 18, dob);
	db_bind_text(st, 19, q->ins.relationship);
	db_bind_text(st, 20, q->source ? q->source : "web");
	db_bind_text(st, 21, q->referral_source);
	db_bind_int(st, 22, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	q->id = db_last_id(WDB(tx));
	q->status = INQS_NEW;
	q->created_at = q->updated_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_inquiry_get(struct store_tx *tx, int64_t id, struct arena *a, struct inquiry *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_inquiry_by_id);

	db_bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_inquiry, out, "inquiry", e);
}

enum err
store_tx_inquiry_update(struct store_tx *tx, const struct inquiry *q, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_inquiry_update);
	int rc;

	db_bind_int(st, 1, q->id);
	db_bind_text(st, 2, inquiry_status_name(q->status));
	db_bind_int(st, 3, q->assigned_to);
	db_bind_text(st, 4, q->referral_source);
	db_bind_text(st, 5, q->referred_to);
	db_bind_text(st, 6, q->close_reason);
	db_bind_int(st, 7, q->client_id);
	db_bind_int(st, 8, tx->now);
	db_bind_text(st, 9, q->phone);
	db_bind_text(st, 10, q->email);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_CONSTRAINT)
		return error_field(e, "assigned_to", "names a staff member who does not exist");
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "changing an inquiry");
	return db_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "inquiry not found");
}

static void
row_inquiry_contact(struct db_stmt *st, struct arena *a, struct inquiry_contact *c)
{
	memset(c, 0, sizeof *c);
	c->id = db_col_int(st, 0);
	c->inquiry_id = db_col_int(st, 1);
	c->method = col_text(st, 2, a);
	c->outcome = col_text(st, 3, a);
	c->note = col_text(st, 4, a);
	c->staff_id = db_col_int(st, 5);
	c->staff_name = col_text(st, 6, a);
	c->at = db_col_int(st, 7);
}

enum err
store_inquiry_contact_list(struct store *s, int64_t inquiry_id, struct arena *a,
    struct inquiry_contact **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_inquiry_contact_list, inquiry_id, a, sizeof **items,
	    (row_fn)row_inquiry_contact, (void **)items, n, e);
}

enum err
store_inquiry_task_list(struct store *s, int64_t inquiry_id, struct arena *a,
    struct task **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_task_list_inquiry, inquiry_id, a, sizeof **items,
	    (row_fn)row_task, (void **)items, n, e);
}

enum err
store_tx_inquiry_contact_insert(struct store_tx *tx, struct inquiry_contact *c,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_inquiry_contact_insert);

	db_bind_int(st, 1, c->inquiry_id);
	db_bind_text(st, 2, c->method);
	db_bind_text(st, 3, c->outcome);
	db_bind_text(st, 4, c->note);
	db_bind_int(st, 5, c->staff_id);
	db_bind_int(st, 6, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	c->id = db_last_id(WDB(tx));
	c->at = tx->now;
	return ERR_OK;
}

enum err
store_tx_inquiry_merge(struct store_tx *tx, int64_t from, int64_t into, struct error *e)
{
	static const enum sql_query qs[] = {
		Q_inquiry_merge_move, Q_inquiry_merge_tasks, Q_inquiry_merge_close
	};
	size_t i;

	for (i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		struct db_stmt *st = WST(tx, qs[i]);
		db_bind_int(st, 1, from);
		db_bind_int(st, 2, into);
		db_bind_int(st, 3, tx->now);
		if (step_write(WDB(tx), st, e) != ERR_OK)
			return e->code;
	}
	return ERR_OK;
}

/*
 * rows.c — reading rows into records through the row tables (store_int.h),
 * the check of those tables against the queries when the store opens, and
 * the readers the record families share: one row, all rows, a page with
 * its total, one write.
 *
 * This file must not know about HTTP or print health information.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"
#include "core/client.h"
#include "core/inquiry.h"

/* Every row table, for the check on open. */
static const struct row_table *const all_tables[] = {
	&client_rows, &contact_rows, &staff_rows, &session_rows, &site_rows, &room_rows,
	&track_rows, &audit_rows, &inquiry_rows, &inquiry_contact_rows, &screening_rows,
	&alert_rows, &task_rows, &placement_rows, &placement_table_rows, &episode_rows,
	&coverage_rows, &benefit_rows, &authorization_rows, &duty_rows, &duty_series_rows,
	&program_rows, &setup_rows, &block_rows, &closure_rows, &gsession_rows,
	&open_episode_rows, &enrolment_rows, &roster_rows, &attendance_rows,
	&attendance_change_rows,
	&appt_rows, &appt_person_rows, &appt_change_rows, &appt_att_change_rows,
	&commitment_rows,
	&hours_rows, &hours_appt_rows, &hours_client_rows, &feed_rows, &feed_item_rows,
	&plan_rows, &plan_problem_rows, &plan_goal_rows, &plan_objective_rows,
	&plan_intervention_rows, &plan_review_rows, &plan_episode_rows,
	&medication_rows, &medication_rev_rows, &dscreen_rows, &dscreen_rev_rows,
	&dsummary_draft_rows, &dsummary_rows,
	&measure_setting_rows, &measure_prev_rows, &measure_due_rows, &measure_point_rows,
	&note_rows, &note_part_rows, &note_absent_rows, &note_linked_rows, &note_choice_rows,
	&note_last_rows, &note_last_shared_rows, &note_person_rows, &note_addendum_rows,
	&note_supervision_rows,
	&consent_rows, &disclosure_rows, &release_line_rows,
	&cm_resource_rows, &cm_need_rows, &cm_court_rows, &cm_referral_rows, &cm_change_rows,
	&cm_due_rows,
	&aftercare_rows, &ac_version_rows, &ac_group_rows, &ac_med_rows,
	&bill_code_rows, &bill_episode_rows, &bill_session_rows, &bill_plan_rows,
	&bill_gnote_rows, &bill_part_rows,
	&care_member_rows, &care_client_rows,
	&alumni_checkin_rows, &alumnus_rows, &alumni_event_rows, &alumni_rsvp_rows,
};

enum err
rows_check(struct db *d, struct error *e)
{
	size_t i, j, k;

	for (i = 0; i < sizeof all_tables / sizeof all_tables[0]; i++) {
		const struct row_table *t = all_tables[i];

		for (j = 0; j < t->nqueries; j++) {
			struct db_stmt *st = db_query(d, t->queries[j]);
			size_t have = (size_t)db_col_count(st);

			if (have < t->ncols)
				return error_set(e, ERR_STORE, "query %s gives %zu columns where "
				    "the %s row table reads %zu", sql_query_name[t->queries[j]],
				    have, t->record, t->ncols);
			for (k = 0; k < t->ncols; k++)
				if (strcmp(db_col_name(st, (int)k), t->cols[k].name) != 0)
					return error_set(e, ERR_STORE, "query %s column %zu is "
					    "'%s' where the %s row table reads '%s'",
					    sql_query_name[t->queries[j]], k + 1,
					    db_col_name(st, (int)k), t->record,
					    t->cols[k].name);
		}
	}
	return ERR_OK;
}

bool
row_read(const struct row_table *t, struct db_stmt *st, struct arena *a, void *out)
{
	char *base = out;
	size_t i;
	bool ok = true;

	memset(out, 0, t->size);
	for (i = 0; i < t->ncols; i++) {
		const struct col *c = &t->cols[i];
		void *f = base + c->off;
		int k = (int)i;

		switch (c->type) {
		case COL_INT:
			*(int64_t *)f = db_col_int(st, k);
			break;
		case COL_I32:
			*(int *)f = (int)db_col_int(st, k);
			break;
		case COL_U32:
			*(unsigned *)f = (unsigned)db_col_int(st, k);
			break;
		case COL_BOOL:
			*(bool *)f = db_col_int(st, k) != 0;
			break;
		case COL_TEXT:
			*(const char **)f = arena_strdup(a, db_col_text(st, k));
			if (*(const char **)f == NULL)
				ok = false;
			break;
		case COL_CHARS:
			snprintf(f, c->size, "%s", db_col_text(st, k));
			break;
		case COL_DATE:
			date_parse(db_col_text(st, k), f);
			break;
		case COL_SEX:
			if (!sex_parse(db_col_text(st, k), f))
				*(enum sex *)f = SEX_UNKNOWN;
			break;
		case COL_ROLES:
			if (!roles_parse_list(db_col_text(st, k), f))
				*(roleset *)f = 0;
			break;
		case COL_INQ_KIND:
			if (!inquiry_kind_parse(db_col_text(st, k), f))
				*(enum inquiry_kind *)f = INQ_PHONE;
			break;
		case COL_INQ_STATUS:
			if (!inquiry_status_parse(db_col_text(st, k), f))
				*(enum inquiry_status *)f = INQS_NEW;
			break;
		case COL_URGENCY:
			if (!urgency_parse(db_col_text(st, k), f))
				*(enum urgency *)f = URG_NOT_ASKED;
			break;
		case COL_CONSENT: {
			/* A NULL reads as "": the person was not asked. */
			const char *v = db_col_text(st, k);
			*(enum consent *)f = *v == '\0' ? CONSENT_NOT_ASKED :
			    strcmp(v, "0") == 0 ? CONSENT_NO : CONSENT_YES;
			break;
		}
		case COL_FOR_OTHER:
			*(bool *)f = strcmp(db_col_text(st, k), "other") == 0;
			break;
		}
	}
	return ok;
}

const char *
col_text(struct db_stmt *st, int i, struct arena *a)
{
	return arena_strdup(a, db_col_text(st, i));
}

/*
 * Steps a bound statement, reading each row into a growing array of
 * elements of size sz.  When count_col >= 0 the column holds the total
 * (count(*) OVER ()).
 */
enum err
read_rows(struct db *db, struct db_stmt *st, struct arena *a, const struct row_table *t,
    int count_col, void **items, size_t *n, int64_t *total, struct error *e)
{
	size_t sz = t->size, cap = 16, len = 0;
	char *arr = arena_alloc(a, cap * sz);
	int rc;

	*items = NULL;
	*n = 0;
	if (total)
		*total = 0;
	if (arr == NULL) {
		db_reset(st);
		return error_set(e, ERR_TOOLARGE, "the answer is too large");
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (len == cap) {
			char *na = arena_alloc(a, cap * 2 * sz);
			if (na == NULL) {
				db_reset(st);
				return error_set(e, ERR_TOOLARGE, "the answer is too large");
			}
			memcpy(na, arr, cap * sz);
			arr = na;
			cap *= 2;
		}
		if (!row_read(t, st, a, arr + len * sz)) {
			db_reset(st);
			return error_set(e, ERR_TOOLARGE, "the answer is too large");
		}
		if (count_col >= 0 && total)
			*total = db_col_int(st, count_col);
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_error(e, db, "reading");
	*items = arr;
	*n = len;
	return ERR_OK;
}

enum err
read_one(struct db *db, struct db_stmt *st, struct arena *a, const struct row_table *t,
    void *out, struct error *e)
{
	int rc = db_step(st);

	if (rc == DB_ROW) {
		bool ok = row_read(t, st, a, out);

		db_reset(st);
		return ok ? ERR_OK : error_set(e, ERR_TOOLARGE, "the answer is too large");
	}
	db_reset(st);
	if (rc == DB_DONE)
		return error_set(e, ERR_NOTFOUND, "%s not found", t->record);
	return db_error(e, db, "reading");
}

enum err
step_write(struct db *db, struct db_stmt *st, struct error *e)
{
	int rc = db_step(st);

	db_reset(st);
	if (rc == DB_DONE)
		return ERR_OK;
	if (rc == DB_CONSTRAINT)
		return error_set(e, ERR_CONFLICT, "the change conflicts with another record");
	return db_error(e, db, "writing");
}
/*
 * The same for a query that filters: st, bound again for one row at offset
 * 0, yields the total in column col (count(*) OVER ()), or no row if none.
 */
enum err
first_total(struct db *db, struct db_stmt *st, int col, int64_t *total, struct error *e)
{
	int rc = db_step(st);

	if (rc == DB_ROW && total)
		*total = db_col_int(st, col);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_error(e, db, "counting");
	return ERR_OK;
}

/* The rows a query gives for one id (a client's, an inquiry's), all of them. */
enum err
list_by_id(struct store *s, enum sql_query q, int64_t id, struct arena *a,
    const struct row_table *t, void **items, size_t *n, struct error *e)
{
	struct rconn *c = rconn_get(s, e);
	struct db_stmt *st;

	if (c == NULL)
		return e->code;
	st = db_query(c->db, q);
	db_bind_int(st, 1, id);
	return read_rows(c->db, st, a, t, -1, items, n, NULL, e);
}

enum err
list_by_id_in(struct store *s, struct store_tx *tx, enum sql_query q, int64_t id,
    const struct row_table *t, struct arena *a, void **items, size_t *n, struct error *e)
{
	*items = NULL;
	*n = 0;
	if (tx != NULL)
		return tx_list_rows(tx, q, ARGS(A_INT(id)), a, t, items, n, e);
	return list_by_id(s, q, id, a, t, items, n, e);
}

void *
arena_array(struct arena *a, size_t n)
{
	return n == 0 ? NULL : arena_alloc(a, n);
}
/*
 * A page of a list and its true total from one read snapshot: rows is bound
 * with its filters and the page, count with the same filters.  The count is
 * not run when the first page holds the whole list.
 */
enum err
read_page(struct db *db, struct db_stmt *rows, struct db_stmt *count, struct page pg,
    struct arena *a, const struct row_table *t, void **items, size_t *n, int64_t *total,
    struct error *e)
{
	enum err rc;

	*total = 0;
	if (db_begin_read(db) != DB_OK) {
		db_reset(rows);
		db_reset(count);
		return db_error(e, db, "starting a read");
	}
	rc = read_rows(db, rows, a, t, -1, items, n, NULL, e);
	if (rc == ERR_OK && pg.offset == 0 && *n < (size_t)pg.limit)
		*total = (int64_t)*n;
	else if (rc == ERR_OK && db_step(count) == DB_ROW)
		*total = db_col_int(count, 0);
	else if (rc == ERR_OK)
		rc = db_error(e, db, "counting");
	db_reset(count);
	db_commit(db);
	return rc;
}

/* One integer from a write-side query with up to two bound ints; *out is 0
 * when there is no row. */
enum err
tx_int(struct store_tx *tx, enum sql_query q, int64_t a1, int64_t a2, int64_t *out,
    const char *what, struct error *e)
{
	struct db_stmt *st = WST(tx, q);
	int n = db_param_count(st), rc;

	if (n >= 1)
		db_bind_int(st, 1, a1);
	if (n >= 2)
		db_bind_int(st, 2, a2);
	rc = db_step(st);
	*out = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? ERR_OK : db_error(e, WDB(tx), what);
}

/* Binds v; with first_row a page's limit and offset are 1 and 0. */
static void
bind_page_args(struct db_stmt *st, const struct arg *v, size_t n, bool first_row)
{
	size_t have = (size_t)db_param_count(st), i;

	/* A parameter left unbound would be NULL: the query and its ARGS
	 * disagree.  More ARGS than parameters are for a count query that
	 * shares its list query's ARGS but reads no page. */
	if (n < have)
		db_refuse(st, "a query was given fewer values than it takes");
	for (i = 0; i < n && i < have; i++) {
		int k = (int)i + 1;

		switch (v[i].kind) {
		case ARG_INT:
			db_bind_int(st, k, v[i].i);
			break;
		case ARG_TEXT:
			db_bind_text(st, k, v[i].p);
			break;
		case ARG_BLOB:
			db_bind_blob(st, k, v[i].p, (size_t)v[i].i);
			break;
		case ARG_LIMIT:
			db_bind_int(st, k, first_row ? 1 : v[i].i);
			break;
		case ARG_OFFSET:
			db_bind_int(st, k, first_row ? 0 : v[i].i);
			break;
		}
	}
}

void
bind_args(struct db_stmt *st, const struct arg *v, size_t n)
{
	bind_page_args(st, v, n, false);
}

enum err
get_row(struct store *s, enum sql_query q, const struct arg *v, size_t n, struct arena *a,
    const struct row_table *t, void *out, struct error *e)
{
	RSTMT(s, q, e, st);
	bind_args(st, v, n);
	return read_one(st_c->db, st, a, t, out, e);
}

enum err
tx_get_row(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    struct arena *a, const struct row_table *t, void *out, struct error *e)
{
	struct db_stmt *st = WST(tx, q);

	bind_args(st, v, n);
	return read_one(WDB(tx), st, a, t, out, e);
}

enum err
tx_list_rows(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    struct arena *a, const struct row_table *t, void **items, size_t *nitems,
    struct error *e)
{
	struct db_stmt *st = WST(tx, q);

	bind_args(st, v, n);
	return read_rows(WDB(tx), st, a, t, -1, items, nitems, NULL, e);
}

enum err
page_rows(struct store *s, enum sql_query q, const struct arg *v, size_t n, struct page pg,
    struct arena *a, const struct row_table *t, int col, void **items, size_t *nitems,
    int64_t *total, struct error *e)
{
	RSTMT(s, q, e, st);
	enum err rc;

	/* Past the end the total comes from a second run of the query: both
	 * runs read one snapshot, so the total is the rows' own. */
	bind_args(st, v, n);
	if (db_begin_read(st_c->db) != DB_OK) {
		db_reset(st);
		return db_error(e, st_c->db, "starting a read");
	}
	rc = read_rows(st_c->db, st, a, t, col, items, nitems, total, e);
	if (rc == ERR_OK && *nitems == 0 && pg.offset != 0) {
		bind_page_args(st, v, n, true);
		rc = first_total(st_c->db, st, col, total, e);
	}
	db_commit(st_c->db);
	return rc;
}

enum err
page_counted(struct store *s, enum sql_query q, enum sql_query count_q, const struct arg *v,
    size_t n, struct page pg, struct arena *a, const struct row_table *t, void **items,
    size_t *nitems, int64_t *total, struct error *e)
{
	RSTMT(s, q, e, st);
	struct db_stmt *cnt = db_query(st_c->db, count_q);

	bind_args(st, v, n);
	bind_args(cnt, v, n);
	return read_page(st_c->db, st, cnt, pg, a, t, items, nitems, total, e);
}

enum db_rc
tx_step(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n)
{
	struct db_stmt *st = WST(tx, q);
	enum db_rc rc;

	bind_args(st, v, n);
	rc = db_step(st);
	db_reset(st);
	return rc;
}

enum err
tx_exec(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    struct error *e)
{
	struct db_stmt *st = WST(tx, q);

	bind_args(st, v, n);
	return step_write(WDB(tx), st, e);
}

enum err
tx_insert(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n, int64_t *id,
    struct error *e)
{
	if (tx_exec(tx, q, v, n, e) != ERR_OK)
		return e->code;
	*id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
tx_changed(struct store_tx *tx, const char *what, struct error *e)
{
	return db_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND, "%s not found", what);
}

enum err
tx_change(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    const char *what, struct error *e)
{
	if (tx_exec(tx, q, v, n, e) != ERR_OK)
		return e->code;
	return tx_changed(tx, what, e);
}

enum err
tx_exec_field(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    const char *field, const char *msg, const char *what, struct error *e)
{
	enum db_rc rc = tx_step(tx, q, v, n);

	if (rc == DB_CONSTRAINT)
		return error_field(e, field, "%s", msg);
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), what);
	return ERR_OK;
}

enum err
read_int(struct db *db, struct db_stmt *st, int64_t *out, const char *what, struct error *e)
{
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return db_error(e, db, what);
	}
	*out = db_col_int(st, 0);
	db_reset(st);
	return ERR_OK;
}

enum err
tx_change_once(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    const char *msg, struct error *e)
{
	if (tx_exec(tx, q, v, n, e) != ERR_OK)
		return e->code;
	return db_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_CONFLICT, "%s", msg);
}

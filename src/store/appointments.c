/*
 * appointments.c — appointments, their related persons and history, and the
 * commitments a booking is checked against (sql/queries/appointments.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <string.h>

#include "store/store_int.h"

static const struct col appt_cols[] = {
	C_INT(struct appointment, id, "id"),
	C_INT(struct appointment, client_id, "client_id"),
	C_INT(struct appointment, site_id, "site_id"),
	C_INT(struct appointment, staff_id, "staff_id"),
	C_INT(struct appointment, room_id, "room_id"),
	C_TEXT(struct appointment, kind, "kind"),
	C_INT(struct appointment, starts_at, "starts_at"),
	C_INT(struct appointment, ends_at, "ends_at"),
	C_I32(struct appointment, minutes, "minutes"),
	C_TEXT(struct appointment, status, "status"),
	C_TEXT(struct appointment, cancelled_by, "cancelled_by"),
	C_TEXT(struct appointment, cancel_reason, "cancel_reason"),
	C_BOOL(struct appointment, late_cancellation, "late_cancellation"),
	C_INT(struct appointment, cancelled_at, "cancelled_at"),
	C_INT(struct appointment, created_by, "created_by"),
	C_INT(struct appointment, created_at, "created_at"),
	C_INT(struct appointment, updated_at, "updated_at"),
	C_TEXT(struct appointment, staff_name, "staff_name"),
	C_TEXT(struct appointment, room_name, "room_name"),
	C_TEXT(struct appointment, site_name, "site_name"),
	C_TEXT(struct appointment, site_timezone, "site_timezone"),
	C_TEXT(struct appointment, attendance, "attendance"),
	C_I32(struct appointment, attended_minutes, "attended_minutes"),
	C_INT(struct appointment, attendance_by, "attendance_by"),
	C_INT(struct appointment, attendance_at, "attendance_at"),
	C_TEXT(struct appointment, attendance_by_name, "attendance_by_name"),
};
static const enum sql_query appt_queries[] = {
	Q_appt_by_id,
	Q_appt_list,
};
const struct row_table appt_rows = ROW_TABLE(struct appointment, "appointment", appt_cols,
    appt_queries);

static const struct col appt_person_cols[] = {
	C_INT(struct appt_person, contact_id, "contact_id"),
	C_TEXT(struct appt_person, name, "name"),
	C_TEXT(struct appt_person, relationship, "relationship"),
};
static const enum sql_query appt_person_queries[] = {
	Q_appt_persons,
};
const struct row_table appt_person_rows = ROW_TABLE(struct appt_person, "related person",
    appt_person_cols, appt_person_queries);

static const struct col appt_change_cols[] = {
	C_INT(struct appt_change, id, "id"),
	C_INT(struct appt_change, appointment_id, "appointment_id"),
	C_TEXT(struct appt_change, change, "change"),
	C_INT(struct appt_change, starts_at, "starts_at"),
	C_I32(struct appt_change, minutes, "minutes"),
	C_INT(struct appt_change, staff_id, "staff_id"),
	C_INT(struct appt_change, room_id, "room_id"),
	C_TEXT(struct appt_change, reason, "reason"),
	C_INT(struct appt_change, changed_by, "changed_by"),
	C_INT(struct appt_change, changed_at, "changed_at"),
	C_TEXT(struct appt_change, changed_by_name, "changed_by_name"),
};
static const enum sql_query appt_change_queries[] = {
	Q_appt_history,
};
const struct row_table appt_change_rows = ROW_TABLE(struct appt_change,
    "appointment change", appt_change_cols, appt_change_queries);

static const struct col appt_att_change_cols[] = {
	C_TEXT(struct appt_attendance_change, attendance, "attendance"),
	C_I32(struct appt_attendance_change, attended_minutes, "attended_minutes"),
	C_INT(struct appt_attendance_change, recorded_by, "recorded_by"),
	C_INT(struct appt_attendance_change, recorded_at, "recorded_at"),
	C_INT(struct appt_attendance_change, changed_by, "changed_by"),
	C_INT(struct appt_attendance_change, changed_at, "changed_at"),
	C_TEXT(struct appt_attendance_change, recorded_by_name, "recorded_by_name"),
	C_TEXT(struct appt_attendance_change, changed_by_name, "changed_by_name"),
};
static const enum sql_query appt_att_change_queries[] = {
	Q_appt_attendance_history,
};
const struct row_table appt_att_change_rows = ROW_TABLE(struct appt_attendance_change,
    "appointment attendance change", appt_att_change_cols, appt_att_change_queries);

/* A commitment as the query gives it: its type as a word. */
struct commit_row {
	const char *type;
	int64_t id, starts_at, ends_at, staff_id, room_id, client_id;
	const char *what, *staff_name, *room_name;
};
static const struct col commit_cols[] = {
	C_TEXT(struct commit_row, type, "type"),
	C_INT(struct commit_row, id, "id"),
	C_INT(struct commit_row, starts_at, "starts_at"),
	C_INT(struct commit_row, ends_at, "ends_at"),
	C_INT(struct commit_row, staff_id, "staff_id"),
	C_INT(struct commit_row, room_id, "room_id"),
	C_INT(struct commit_row, client_id, "client_id"),
	C_TEXT(struct commit_row, what, "what"),
	C_TEXT(struct commit_row, staff_name, "staff_name"),
	C_TEXT(struct commit_row, room_name, "room_name"),
};
static const enum sql_query commit_queries[] = {
	Q_commitments_overlapping,
};
const struct row_table commitment_rows = ROW_TABLE(struct commit_row, "commitment",
    commit_cols, commit_queries);

/* The related persons and history of a[0..n), on the read connection. */
static enum err
appt_details(struct store *s, struct appointment *a, size_t n, struct arena *ar,
    struct error *e)
{
	for (size_t i = 0; i < n; i++) {
		void *p = NULL, *h = NULL, *c = NULL;

		if (list_by_id(s, Q_appt_persons, a[i].id, ar, &appt_person_rows, &p,
		    &a[i].npersons, e) != ERR_OK ||
		    list_by_id(s, Q_appt_history, a[i].id, ar, &appt_change_rows, &h,
		    &a[i].nhistory, e) != ERR_OK ||
		    list_by_id(s, Q_appt_attendance_history, a[i].id, ar, &appt_att_change_rows,
		    &c, &a[i].nattendance_history, e) != ERR_OK)
			return e->code;
		a[i].persons = p;
		a[i].history = h;
		a[i].attendance_history = c;
	}
	return ERR_OK;
}

/* The same inside a job. */
static enum err
tx_appt_details(struct store_tx *tx, struct appointment *a, struct arena *ar, struct error *e)
{
	void *p = NULL, *h = NULL, *c = NULL;

	if (tx_list_rows(tx, Q_appt_persons, ARGS(A_INT(a->id)), ar, &appt_person_rows, &p,
	    &a->npersons, e) != ERR_OK ||
	    tx_list_rows(tx, Q_appt_history, ARGS(A_INT(a->id)), ar, &appt_change_rows, &h,
	    &a->nhistory, e) != ERR_OK ||
	    tx_list_rows(tx, Q_appt_attendance_history, ARGS(A_INT(a->id)), ar,
	    &appt_att_change_rows, &c, &a->nattendance_history, e) != ERR_OK)
		return e->code;
	a->persons = p;
	a->history = h;
	a->attendance_history = c;
	return ERR_OK;
}

enum err
store_appt_get(struct store *s, int64_t id, struct arena *a, struct appointment *out,
    struct error *e)
{
	if (get_row(s, Q_appt_by_id, ARGS(A_INT(id)), a, &appt_rows, out, e) != ERR_OK)
		return e->code;
	return appt_details(s, out, 1, a, e);
}

enum err
store_appt_list(struct store *s, const struct appt_filter *f, struct page pg,
    struct arena *a, struct appointment **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_appt_list, Q_appt_count, ARGS(A_INT(f->client_id),
	    A_INT(f->staff_id), A_INT(f->site_id), A_INT(f->from), A_INT(f->to),
	    A_INT(f->scheduled_only), A_LIMIT(pg), A_OFFSET(pg)), pg, a, &appt_rows, &tmp, n,
	    total, e);

	*items = tmp;
	if (rc != ERR_OK)
		return rc;
	return appt_details(s, *items, *n, a, e);
}

enum err
store_tx_appt_get(struct store_tx *tx, int64_t id, struct arena *a, struct appointment *out,
    struct error *e)
{
	if (tx_get_row(tx, Q_appt_by_id, ARGS(A_INT(id)), a, &appt_rows, out, e) != ERR_OK)
		return e->code;
	return tx_appt_details(tx, out, a, e);
}

enum err
store_tx_room_get(struct store_tx *tx, int64_t id, struct arena *a, struct room *out,
    struct error *e)
{
	return tx_get_row(tx, Q_room_by_id, ARGS(A_INT(id)), a, &room_rows, out, e);
}

static enum err
change_insert(struct store_tx *tx, int64_t appt_id, const char *change,
    const struct appointment *before, const char *reason, int64_t by, struct error *e)
{
	int64_t id;

	return tx_insert(tx, Q_appt_change_insert, ARGS(A_INT(appt_id), A_TEXT(change),
	    A_INT(before->starts_at), A_INT(before->minutes), A_INT(before->staff_id),
	    A_INT(before->room_id), A_TEXT(reason), A_INT(by), A_INT(tx->now)), &id, e);
}

enum err
store_tx_appt_insert(struct store_tx *tx, struct appointment *ap, const int64_t *persons,
    size_t npersons, struct error *e)
{
	if (tx_insert(tx, Q_appt_insert, ARGS(A_INT(ap->client_id), A_INT(ap->site_id),
	    A_TEXT(ap->kind), A_INT(ap->staff_id), A_INT(ap->room_id), A_INT(ap->starts_at),
	    A_INT(ap->minutes), A_INT(ap->created_by), A_INT(tx->now)), &ap->id, e) != ERR_OK)
		return e->code;
	for (size_t i = 0; i < npersons; i++)
		if (tx_exec(tx, Q_appt_person_insert, ARGS(A_INT(ap->id), A_INT(persons[i])),
		    e) != ERR_OK)
			return e->code;
	return change_insert(tx, ap->id, "booked", ap, "", ap->created_by, e);
}

enum err
store_tx_appt_reschedule(struct store_tx *tx, const struct appointment *before,
    const struct appointment *after, int64_t by, struct error *e)
{
	if (tx_change_once(tx, Q_appt_reschedule, ARGS(A_INT(after->id),
	    A_INT(after->starts_at), A_INT(after->minutes), A_INT(after->staff_id),
	    A_INT(after->room_id), A_INT(tx->now)), "This appointment was cancelled; book a "
	    "new one.", e) != ERR_OK)
		return e->code;
	return change_insert(tx, after->id, "rescheduled", before, "", by, e);
}

enum err
store_tx_appt_cancel(struct store_tx *tx, const struct appointment *ap, int64_t by,
    struct error *e)
{
	if (tx_change_once(tx, Q_appt_cancel, ARGS(A_INT(ap->id), A_TEXT(ap->cancelled_by),
	    A_TEXT(ap->cancel_reason), A_INT(ap->late_cancellation), A_INT(tx->now), A_INT(by)),
	    "This appointment is cancelled already.", e) != ERR_OK)
		return e->code;
	return change_insert(tx, ap->id, "cancelled", ap, ap->cancel_reason, by, e);
}

enum err
store_tx_appt_attendance(struct store_tx *tx, int64_t id, const char *attendance, int minutes,
    bool correction, int64_t by, struct error *e)
{
	if (correction && tx_exec(tx, Q_appt_attendance_keep, ARGS(A_INT(id), A_INT(by),
	    A_INT(tx->now)), e) != ERR_OK)
		return e->code;
	return tx_exec(tx, Q_appt_attendance_set, ARGS(A_INT(id), A_TEXT(attendance),
	    A_INT(minutes), A_INT(by), A_INT(tx->now)), e);
}

/* The commitments of rows[0..n) into *items, in the arena. */
static enum err
commitments_of(const struct commit_row *rows, size_t n, struct arena *a,
    struct commitment **items, struct error *e)
{
	struct commitment *out;

	*items = NULL;
	if (n == 0)
		return ERR_OK;
	if ((out = arena_alloc(a, n * sizeof *out)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	for (size_t i = 0; i < n; i++) {
		out[i] = (struct commitment){
			.type = strcmp(rows[i].type, "session") == 0 ? COMMIT_SESSION :
			    COMMIT_APPOINTMENT,
			.id = rows[i].id, .starts_at = rows[i].starts_at,
			.ends_at = rows[i].ends_at, .staff_id = rows[i].staff_id,
			.room_id = rows[i].room_id, .client_id = rows[i].client_id,
			.what = rows[i].what, .staff_name = rows[i].staff_name,
			.room_name = rows[i].room_name,
		};
	}
	*items = out;
	return ERR_OK;
}

enum err
store_tx_commitments(struct store_tx *tx, const struct commitment *want, struct arena *a,
    struct commitment **items, size_t *n, struct error *e)
{
	void *tmp = NULL;

	*items = NULL;
	*n = 0;
	if (tx_list_rows(tx, Q_commitments_overlapping, ARGS(A_INT(want->starts_at),
	    A_INT(want->ends_at), A_INT(want->staff_id), A_INT(want->room_id),
	    A_INT(want->client_id)), a, &commitment_rows, &tmp, n, e) != ERR_OK)
		return e->code;
	return commitments_of(tmp, *n, a, items, e);
}

enum err
store_commitments(struct store *s, const struct commitment *want, struct arena *a,
    struct commitment **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	RSTMT(s, Q_commitments_overlapping, e, st);

	*items = NULL;
	*n = 0;
	bind_args(st, ARGS(A_INT(want->starts_at), A_INT(want->ends_at), A_INT(want->staff_id),
	    A_INT(want->room_id), A_INT(want->client_id)));
	if (read_rows(st_c->db, st, a, &commitment_rows, -1, &tmp, n, NULL, e) != ERR_OK)
		return e->code;
	return commitments_of(tmp, *n, a, items, e);
}

/*
 * hours.c (store) — the sessions and appointments of a client's week, or of
 * every client in an open episode at a site (sql/queries/hours.sql), for
 * core/hours.h.
 *
 * This file must not know about HTTP or print health information.
 */
#include <string.h>

#include "store/store_int.h"

static const struct col hours_cols[] = {
	C_INT(struct hours_row, episode_id, "episode_id"),
	C_INT(struct hours_row, client_id, "client_id"),
	C_DATE(struct hours_row, s.date, "date"),
	C_I32(struct hours_row, s.minutes, "minutes"),
	C_BOOL(struct hours_row, s.cancelled, "cancelled"),
	C_INT(struct hours_row, starts_at, "starts_at"),
	C_BOOL(struct hours_row, s.recorded, "recorded"),
	C_I32(struct hours_row, s.attended_minutes, "attended_minutes"),
};
static const enum sql_query hours_queries[] = { Q_hours_sessions, Q_hours_site_sessions };
const struct row_table hours_rows = ROW_TABLE(struct hours_row, "session", hours_cols,
    hours_queries);

static const struct col hours_appt_cols[] = {
	C_INT(struct hours_appt_row, episode_id, "episode_id"),
	C_INT(struct hours_appt_row, client_id, "client_id"),
	C_TEXT(struct hours_appt_row, kind, "kind"),
	C_INT(struct hours_appt_row, starts_at, "starts_at"),
	C_I32(struct hours_appt_row, minutes, "minutes"),
	C_BOOL(struct hours_appt_row, cancelled, "cancelled"),
	C_TEXT(struct hours_appt_row, attendance, "attendance"),
	C_I32(struct hours_appt_row, attended_minutes, "attended_minutes"),
};
static const enum sql_query hours_appt_queries[] = { Q_hours_appointments,
    Q_hours_site_appointments };
const struct row_table hours_appt_rows = ROW_TABLE(struct hours_appt_row, "appointment",
    hours_appt_cols, hours_appt_queries);

static const struct col hours_client_cols[] = {
	C_INT(struct hours_client_row, episode_id, "episode_id"),
	C_INT(struct hours_client_row, client_id, "client_id"),
	C_TEXT(struct hours_client_row, first_name, "first_name"),
	C_TEXT(struct hours_client_row, last_name, "last_name"),
	C_TEXT(struct hours_client_row, preferred_name, "preferred_name"),
	C_TEXT(struct hours_client_row, mrn, "mrn"),
	C_DATE(struct hours_client_row, dob, "dob"),
	C_TEXT(struct hours_client_row, level, "level"),
	C_INT(struct hours_client_row, track_id, "track_id"),
	C_TEXT(struct hours_client_row, track_name, "track_name"),
	C_DATE(struct hours_client_row, admitted_on, "admitted_on"),
};
static const enum sql_query hours_client_queries[] = { Q_hours_site_clients };
const struct row_table hours_client_rows = ROW_TABLE(struct hours_client_row, "client",
    hours_client_cols, hours_client_queries);

/* Sessions are looked up by start instant a day either side of the week's
 * local dates (no zone is more than 14 h from UTC), then kept by date. */
#define SPAN_MARGIN 86400

enum err
store_hours_sessions(struct store *s, int64_t client_id, struct hours_span w,
    struct arena *a, struct hours_row **items, size_t *n, struct hours_appt_row **appts,
    size_t *nappts, struct error *e)
{
	RSTMT(s, Q_hours_sessions, e, st);
	struct db_stmt *ap = db_query(st_c->db, Q_hours_appointments);
	void *t1 = NULL, *t2 = NULL;
	char f[11], t[11];
	enum err rc;

	date_format(w.from, f);
	date_format(w.to, t);
	bind_args(st, ARGS(A_INT(client_id), A_TEXT(f), A_TEXT(t), A_INT(w.lo - SPAN_MARGIN),
	    A_INT(w.hi + SPAN_MARGIN)));
	bind_args(ap, ARGS(A_INT(client_id), A_INT(w.lo), A_INT(w.hi)));
	*n = *nappts = 0;
	if (db_begin_read(st_c->db) != DB_OK) {
		db_reset(st);
		db_reset(ap);
		return db_error(e, st_c->db, "starting a read");
	}
	rc = read_rows(st_c->db, st, a, &hours_rows, -1, &t1, n, NULL, e);
	if (rc == ERR_OK)
		rc = read_rows(st_c->db, ap, a, &hours_appt_rows, -1, &t2, nappts, NULL, e);
	db_reset(st);
	db_reset(ap);
	db_commit(st_c->db);
	*items = t1;
	*appts = t2;
	return rc;
}

enum err
store_hours_site(struct store *s, int64_t site_id, struct hours_span w, struct arena *a,
    struct hours_client_row **clients, size_t *nclients, struct hours_row **items, size_t *n,
    struct hours_appt_row **appts, size_t *nappts, struct error *e)
{
	RSTMT(s, Q_hours_site_clients, e, cl);
	struct db_stmt *st = db_query(cl_c->db, Q_hours_site_sessions);
	struct db_stmt *ap = db_query(cl_c->db, Q_hours_site_appointments);
	void *t0 = NULL, *t1 = NULL, *t2 = NULL;
	char f[11], t[11];
	enum err rc;

	date_format(w.from, f);
	date_format(w.to, t);
	bind_args(cl, ARGS(A_INT(site_id)));
	bind_args(st, ARGS(A_INT(site_id), A_TEXT(f), A_TEXT(t), A_INT(w.lo - SPAN_MARGIN),
	    A_INT(w.hi + SPAN_MARGIN)));
	bind_args(ap, ARGS(A_INT(site_id), A_INT(w.lo), A_INT(w.hi)));
	*nclients = *n = *nappts = 0;
	if (db_begin_read(cl_c->db) != DB_OK) {
		db_reset(cl);
		db_reset(st);
		db_reset(ap);
		return db_error(e, cl_c->db, "starting a read");
	}
	/* One snapshot: the clients and their rows agree. */
	rc = read_rows(cl_c->db, cl, a, &hours_client_rows, -1, &t0, nclients, NULL, e);
	if (rc == ERR_OK)
		rc = read_rows(cl_c->db, st, a, &hours_rows, -1, &t1, n, NULL, e);
	if (rc == ERR_OK)
		rc = read_rows(cl_c->db, ap, a, &hours_appt_rows, -1, &t2, nappts, NULL, e);
	db_reset(cl);
	db_reset(st);
	db_reset(ap);
	db_commit(cl_c->db);
	*clients = t0;
	*items = t1;
	*appts = t2;
	return rc;
}

/*
 * schedule.c — the program's week: tracks' blocks, site closures and group
 * sessions (sql/queries/schedule.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"

static const struct col block_cols[] = {
	C_I32(struct track_block, weekday, "weekday"),
	C_I32(struct track_block, start_min, "start_min"),
	C_I32(struct track_block, minutes, "minutes"),
	C_TEXT(struct track_block, group_type, "group_type"),
	C_TEXT(struct track_block, topic, "topic"),
	C_TEXT(struct track_block, topics, "topics"),
	C_INT(struct track_block, facilitator_id, "facilitator_id"),
	C_INT(struct track_block, room_id, "room_id"),
};
static const enum sql_query block_queries[] = { Q_block_list };
const struct row_table block_rows = ROW_TABLE(struct track_block, "track_block", block_cols,
    block_queries);

static const struct col closure_cols[] = {
	C_INT(struct site_closure, id, "id"),
	C_INT(struct site_closure, site_id, "site_id"),
	C_DATE(struct site_closure, date, "date"),
	C_TEXT(struct site_closure, reason, "reason"),
};
static const enum sql_query closure_queries[] = { Q_closure_by_id, Q_closure_on,
	Q_closure_list };
const struct row_table closure_rows = ROW_TABLE(struct site_closure, "site_closure",
    closure_cols, closure_queries);

static const struct col gsession_cols[] = {
	C_INT(struct group_session, id, "id"),
	C_INT(struct group_session, track_id, "track_id"),
	C_INT(struct group_session, site_id, "site_id"),
	C_DATE(struct group_session, date, "date"),
	C_I32(struct group_session, start_min, "start_min"),
	C_INT(struct group_session, starts_at, "starts_at"),
	C_INT(struct group_session, ends_at, "ends_at"),
	C_I32(struct group_session, minutes, "minutes"),
	C_BOOL(struct group_session, cancelled, "cancelled"),
	C_TEXT(struct group_session, cancel_reason, "cancel_reason"),
	C_INT(struct group_session, closure_id, "closure_id"),
	C_TEXT(struct group_session, group_type, "group_type"),
	C_TEXT(struct group_session, topic, "topic"),
	C_INT(struct group_session, facilitator_id, "facilitator_id"),
	C_INT(struct group_session, substitute_id, "substitute_id"),
	C_INT(struct group_session, room_id, "room_id"),
	C_BOOL(struct group_session, one_off, "one_off"),
};
static const enum sql_query gsession_queries[] = { Q_gsession_by_id, Q_gsession_list,
	Q_gsession_future };
const struct row_table gsession_rows = ROW_TABLE(struct group_session, "group_session",
    gsession_cols, gsession_queries);

/* ---- blocks ---------------------------------------------------------------- */

enum err
store_track_blocks(struct store *s, struct track *t, struct arena *a, struct error *e)
{
	void *items = NULL;
	size_t n = 0;

	if (list_by_id(s, Q_block_list, t->id, a, &block_rows, &items, &n, e) != ERR_OK)
		return e->code;
	t->blocks = items;
	t->nblocks = (int)n;
	return ERR_OK;
}

enum err
store_tx_track_blocks(struct store_tx *tx, struct track *t, struct arena *a, struct error *e)
{
	void *items = NULL;
	size_t n = 0;

	if (tx_list_rows(tx, Q_block_list, ARGS(A_INT(t->id)), a, &block_rows, &items, &n,
	    e) != ERR_OK)
		return e->code;
	t->blocks = items;
	t->nblocks = (int)n;
	return ERR_OK;
}

enum err
store_tx_track_blocks_put(struct store_tx *tx, const struct track *t, struct error *e)
{
	if (tx_exec(tx, Q_block_delete_all, ARGS(A_INT(t->id)), e) != ERR_OK)
		return e->code;
	for (int i = 0; i < t->nblocks; i++) {
		const struct track_block *b = &t->blocks[i];
		char f[40];

		snprintf(f, sizeof f, "blocks[%d]", i);
		if (tx_exec_field(tx, Q_block_insert, ARGS(A_INT(t->id), A_INT(i),
		    A_INT(b->weekday), A_INT(b->start_min), A_INT(b->minutes),
		    A_TEXT(b->group_type), A_TEXT(b->topic), A_TEXT(b->topics ? b->topics : ""),
		    A_INT(b->facilitator_id), A_INT(b->room_id)), f,
		    "names a facilitator or room that does not exist", "saving a track's week",
		    e) != ERR_OK)
			return e->code;
	}
	return ERR_OK;
}

/* ---- closures -------------------------------------------------------------- */

enum err
store_tx_closure_insert(struct store_tx *tx, struct site_closure *c, int64_t by,
    struct error *e)
{
	char d[11];

	date_format(c->date, d);
	if (tx_exec_field(tx, Q_closure_insert, ARGS(A_INT(c->site_id), A_TEXT(d),
	    A_TEXT(c->reason), A_INT(by), A_INT(tx->now)), "date",
	    "is already a closure day of this site", "adding a closure", e) != ERR_OK)
		return e->code;
	c->id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_closure_get(struct store_tx *tx, int64_t id, struct arena *a, struct site_closure *out,
    struct error *e)
{
	return tx_get_row(tx, Q_closure_by_id, ARGS(A_INT(id)), a, &closure_rows, out, e);
}

/* The closure of site on date d: ERR_NOTFOUND when open. */
enum err
store_tx_closure_on(struct store_tx *tx, int64_t site_id, struct date d, struct arena *a,
    struct site_closure *out, struct error *e)
{
	char ds[11];

	date_format(d, ds);
	return tx_get_row(tx, Q_closure_on, ARGS(A_INT(site_id), A_TEXT(ds)), a, &closure_rows,
	    out, e);
}

enum err
store_tx_closure_delete(struct store_tx *tx, int64_t id, struct error *e)
{
	return tx_change(tx, Q_closure_delete, ARGS(A_INT(id)), "closure", e);
}

enum err
store_tx_closure_cancel(struct store_tx *tx, const struct site_closure *c, int64_t *n,
    struct error *e)
{
	char d[11];

	date_format(c->date, d);
	if (tx_exec(tx, Q_closure_cancel_sessions, ARGS(A_INT(c->site_id), A_TEXT(d),
	    A_TEXT(c->reason), A_INT(c->id), A_INT(tx->now)), e) != ERR_OK)
		return e->code;
	*n = db_changes(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_closure_restore(struct store_tx *tx, int64_t closure_id, int64_t *n, struct error *e)
{
	if (tx_exec(tx, Q_closure_restore_sessions, ARGS(A_INT(closure_id), A_INT(tx->now)),
	    e) != ERR_OK)
		return e->code;
	*n = db_changes(WDB(tx));
	return ERR_OK;
}

enum err
store_closure_list(struct store *s, int64_t site_id, struct date from, struct date to,
    struct page pg, struct arena *a, struct site_closure **items, size_t *n, int64_t *total,
    struct error *e)
{
	void *tmp = NULL;
	char f[11], t[11];
	enum err rc;

	date_format(from, f);
	date_format(to, t);
	rc = page_rows(s, Q_closure_list, ARGS(A_LIMIT(pg), A_OFFSET(pg), A_INT(site_id),
	    A_TEXT(f), A_TEXT(t)), pg, a, &closure_rows, 4, &tmp, n, total, e);
	*items = tmp;
	return rc;
}

/* ---- sessions -------------------------------------------------------------- */

enum err
store_tx_gsession_insert(struct store_tx *tx, struct group_session *g, bool *made,
    struct error *e)
{
	char d[11];

	date_format(g->date, d);
	if (tx_exec(tx, Q_gsession_insert, ARGS(A_INT(g->track_id), A_INT(g->site_id), A_TEXT(d),
	    A_INT(g->start_min), A_INT(g->starts_at), A_INT(g->ends_at), A_INT(g->minutes),
	    A_TEXT(g->cancelled ? "cancelled" : "scheduled"), A_TEXT(g->cancel_reason),
	    A_INT(g->closure_id), A_TEXT(g->group_type), A_TEXT(g->topic),
	    A_INT(g->facilitator_id), A_INT(g->substitute_id), A_INT(g->room_id),
	    A_INT(g->one_off), A_INT(tx->now)), e) != ERR_OK)
		return e->code;
	*made = db_changes(WDB(tx)) > 0;
	if (*made)
		g->id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_gsession_update(struct store_tx *tx, const struct group_session *g, struct error *e)
{
	char d[11];

	date_format(g->date, d);
	return tx_change(tx, Q_gsession_update, ARGS(A_INT(g->id), A_TEXT(d), A_INT(g->start_min),
	    A_INT(g->starts_at), A_INT(g->ends_at), A_INT(g->minutes), A_INT(g->cancelled),
	    A_TEXT(g->cancel_reason), A_INT(g->closure_id), A_TEXT(g->group_type),
	    A_TEXT(g->topic), A_INT(g->facilitator_id), A_INT(g->substitute_id),
	    A_INT(g->room_id), A_INT(tx->now)), "session", e);
}

enum err
store_tx_gsession_delete(struct store_tx *tx, int64_t id, struct error *e)
{
	return tx_change(tx, Q_gsession_delete, ARGS(A_INT(id)), "session", e);
}

enum err
store_tx_gsession_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct group_session *out, struct error *e)
{
	return tx_get_row(tx, Q_gsession_by_id, ARGS(A_INT(id)), a, &gsession_rows, out, e);
}

enum err
store_gsession_get(struct store *s, int64_t id, struct arena *a, struct group_session *out,
    struct error *e)
{
	return get_row(s, Q_gsession_by_id, ARGS(A_INT(id)), a, &gsession_rows, out, e);
}

enum err
store_tx_gsession_future(struct store_tx *tx, int64_t track_id, int64_t after, struct arena *a,
    struct group_session **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = tx_list_rows(tx, Q_gsession_future, ARGS(A_INT(track_id), A_INT(after)), a,
	    &gsession_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_gsession_last_date(struct store_tx *tx, int64_t track_id, struct date *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_gsession_last_date);
	enum db_rc rc;

	memset(out, 0, sizeof *out);
	bind_args(st, ARGS(A_INT(track_id)));
	rc = db_step(st);
	if (rc == DB_ROW) {
		const char *t = db_col_text(st, 0);
		if (t != NULL && t[0] != '\0')
			date_parse(t, out);
	}
	db_reset(st);
	if (rc != DB_ROW)
		return db_error(e, WDB(tx), "reading a track's sessions");
	return ERR_OK;
}

enum err
store_gsession_list(struct store *s, int64_t track_id, int64_t site_id, struct date from,
    struct date to, struct page pg, struct arena *a, struct group_session **items, size_t *n,
    int64_t *total, struct error *e)
{
	void *tmp = NULL;
	char f[11], t[11];
	enum err rc;

	date_format(from, f);
	date_format(to, t);
	rc = page_rows(s, Q_gsession_list, ARGS(A_LIMIT(pg), A_OFFSET(pg), A_INT(track_id),
	    A_INT(site_id), A_TEXT(f), A_TEXT(t)), pg, a, &gsession_rows, 17, &tmp, n, total, e);
	*items = tmp;
	return rc;
}

enum err
store_tx_schedule_refs(struct store_tx *tx, int64_t staff_id, int64_t room_id, int *missing,
    struct error *e)
{
	int64_t v = 0;

	if (tx_int(tx, Q_schedule_refs_missing, staff_id, room_id, &v, "checking a session's "
	    "staff and room", e) != ERR_OK)
		return e->code;
	*missing = (int)v;
	return ERR_OK;
}

/* ---- enrolments and rosters ------------------------------------------------ */

struct open_episode_row {
	int64_t id;
	int64_t site_id;
	struct date admitted_on;
};
static const struct col open_episode_cols[] = {
	C_INT(struct open_episode_row, id, "id"),
	C_INT(struct open_episode_row, site_id, "site_id"),
	C_DATE(struct open_episode_row, admitted_on, "admitted_on"),
};
static const enum sql_query open_episode_queries[] = { Q_enrol_open_episode };
const struct row_table open_episode_rows = ROW_TABLE(struct open_episode_row,
    "open_episode", open_episode_cols, open_episode_queries);

static const struct col enrolment_cols[] = {
	C_INT(struct enrolment, id, "id"),
	C_INT(struct enrolment, client_id, "client_id"),
	C_INT(struct enrolment, episode_id, "episode_id"),
	C_INT(struct enrolment, track_id, "track_id"),
	C_DATE(struct enrolment, from, "from_date"),
	C_DATE(struct enrolment, until, "until_date"),
};
static const enum sql_query enrolment_queries[] = { Q_enrolment_at, Q_enrolment_list };
const struct row_table enrolment_rows = ROW_TABLE(struct enrolment, "enrolment",
    enrolment_cols, enrolment_queries);

static const struct col roster_cols[] = {
	C_INT(struct roster_entry, client_id, "client_id"),
	C_TEXT(struct roster_entry, mrn, "mrn"),
	C_TEXT(struct roster_entry, first_name, "first_name"),
	C_TEXT(struct roster_entry, last_name, "last_name"),
	C_TEXT(struct roster_entry, preferred_name, "preferred_name"),
	C_DATE(struct roster_entry, from, "from_date"),
};
static const enum sql_query roster_queries[] = { Q_roster_of };
const struct row_table roster_rows = ROW_TABLE(struct roster_entry, "roster", roster_cols,
    roster_queries);

enum err
store_tx_open_episode(struct store_tx *tx, int64_t client_id, struct arena *a,
    int64_t *episode_id, int64_t *site_id, struct date *admitted_on, struct error *e)
{
	struct open_episode_row r;

	memset(&r, 0, sizeof r);
	if (tx_get_row(tx, Q_enrol_open_episode, ARGS(A_INT(client_id)), a, &open_episode_rows,
	    &r, e) != ERR_OK)
		return e->code;
	*episode_id = r.id;
	*site_id = r.site_id;
	*admitted_on = r.admitted_on;
	return ERR_OK;
}

enum err
store_tx_enrolment_at(struct store_tx *tx, int64_t client_id, struct date d, struct arena *a,
    struct enrolment *out, struct error *e)
{
	char ds[11];

	memset(out, 0, sizeof *out);
	date_format(d, ds);
	return tx_get_row(tx, Q_enrolment_at, ARGS(A_INT(client_id), A_TEXT(ds)), a,
	    &enrolment_rows, out, e);
}

enum err
store_tx_enrolment_move(struct store_tx *tx, struct enrolment *en, int64_t by, struct arena *a,
    struct error *e)
{
	struct enrolment cur;
	struct error fe;
	char ds[11];

	date_format(en->from, ds);
	error_clear(&fe);
	/* The place held on that date ends then (or goes, if it began then);
	 * places planned from later go. */
	if (store_tx_enrolment_at(tx, en->client_id, en->from, a, &cur, &fe) == ERR_OK) {
		if (date_cmp(cur.from, en->from) < 0) {
			if (tx_exec(tx, Q_enrolment_end, ARGS(A_INT(cur.id), A_TEXT(ds)), e) != ERR_OK)
				return e->code;
		}
	} else if (fe.code != ERR_NOTFOUND) {
		*e = fe;
		return e->code;
	}
	if (tx_exec(tx, Q_enrolment_delete_from, ARGS(A_INT(en->client_id), A_TEXT(ds)), e) !=
	    ERR_OK)
		return e->code;
	return tx_insert(tx, Q_enrolment_insert, ARGS(A_INT(en->client_id), A_INT(en->episode_id),
	    A_INT(en->track_id), A_TEXT(ds), A_INT(by), A_INT(tx->now)), &en->id, e);
}

enum err
store_enrolment_list(struct store *s, int64_t client_id, struct arena *a,
    struct enrolment **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_enrolment_list, client_id, a, &enrolment_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_roster(struct store *s, int64_t track_id, struct date d, struct arena *a,
    struct roster_entry **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	char ds[11];
	enum err rc;
	int64_t total = 0;

	date_format(d, ds);
	rc = page_rows(s, Q_roster_of, ARGS(A_INT(track_id), A_TEXT(ds)), (struct page){ 0, 0 },
	    a, &roster_rows, -1, &tmp, n, &total, e);
	*items = tmp;
	return rc;
}

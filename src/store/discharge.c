/*
 * discharge.c — an episode's end and a transfer's writes
 * (sql/queries/discharge.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <string.h>

#include "store/store_int.h"

enum err
store_tx_episode_discharge(struct store_tx *tx, const struct episode *ep, struct date on,
    struct date roster_end, int64_t by, struct error *e)
{
	char d[11], end[11];

	date_format(on, d);
	date_format(roster_end, end);
	if (tx_change_once(tx, Q_episode_discharge, ARGS(A_INT(ep->id), A_TEXT(d),
	    A_TEXT(ep->discharge_type), A_TEXT(ep->discharge_reason ? ep->discharge_reason : ""),
	    A_TEXT(ep->discharged_to ? ep->discharged_to : ""), A_INT(by), A_INT(tx->now)),
	    "This episode is discharged already.", e) != ERR_OK)
		return e->code;
	if (tx_exec(tx, Q_enrolment_drop_episode_from, ARGS(A_INT(ep->id), A_TEXT(end)), e) !=
	    ERR_OK)
		return e->code;
	return tx_exec(tx, Q_enrolment_end_episode, ARGS(A_INT(ep->id), A_TEXT(end)), e);
}

enum err
store_tx_discharge_sessions(struct store_tx *tx, int64_t episode_id, struct date from,
    int64_t *n, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_discharge_sessions_after);
	char d[11];

	date_format(from, d);
	bind_args(st, ARGS(A_INT(episode_id), A_TEXT(d)));
	return read_int(WDB(tx), st, n, "counting the sessions after the discharge", e);
}

enum err
store_tx_discharge_appointments(struct store_tx *tx, int64_t client_id, int64_t from,
    const char *reason, int64_t by, int64_t *n, struct error *e)
{
	if (tx_int(tx, Q_discharge_appts_count, client_id, from, n, "reading appointments", e) !=
	    ERR_OK)
		return e->code;
	if (*n == 0)
		return ERR_OK;
	if (tx_exec(tx, Q_discharge_appts_history, ARGS(A_INT(client_id), A_INT(from),
	    A_TEXT(reason), A_INT(by), A_INT(tx->now)), e) != ERR_OK)
		return e->code;
	return tx_exec(tx, Q_discharge_appts_cancel, ARGS(A_INT(client_id), A_INT(from),
	    A_TEXT(reason), A_INT(tx->now)), e);
}

enum err
store_tx_episode_set_transfer(struct store_tx *tx, int64_t id, int64_t from, int weeks,
    struct error *e)
{
	return tx_change(tx, Q_episode_set_transfer, ARGS(A_INT(id), A_INT(from), A_INT(weeks)),
	    "episode", e);
}

enum err
store_tx_plan_latest_signed(struct store_tx *tx, int64_t episode_id, int64_t *id,
    struct error *e)
{
	return tx_int(tx, Q_plan_latest_signed_id, episode_id, 0, id, "reading the plan", e);
}

enum err
store_discharge_preview(struct store *s, int64_t episode_id, int64_t client_id,
    struct date from, int64_t after, int64_t *sessions, int64_t *appts, struct error *e)
{
	char d[11];

	date_format(from, d);
	{
		RSTMT(s, Q_discharge_sessions_after, e, st);
		bind_args(st, ARGS(A_INT(episode_id), A_TEXT(d)));
		if (read_int(st_c->db, st, sessions, "counting the sessions", e) != ERR_OK)
			return e->code;
	}
	{
		RSTMT(s, Q_discharge_appts_count, e, st);
		bind_args(st, ARGS(A_INT(client_id), A_INT(after)));
		return read_int(st_c->db, st, appts, "counting the appointments", e);
	}
}

/* ---- discharge summaries ---- */

struct dsummary_draft_row {
	const char *groups, *appts, *scores, *medications, *progress;
};
static const struct col dsummary_draft_cols[] = {
	C_TEXT(struct dsummary_draft_row, groups, "services_groups"),
	C_TEXT(struct dsummary_draft_row, appts, "services_appts"),
	C_TEXT(struct dsummary_draft_row, scores, "scores"),
	C_TEXT(struct dsummary_draft_row, medications, "medications"),
	C_TEXT(struct dsummary_draft_row, progress, "progress"),
};
static const enum sql_query dsummary_draft_queries[] = { Q_dsummary_draft };
const struct row_table dsummary_draft_rows = ROW_TABLE(struct dsummary_draft_row,
    "discharge summary draft", dsummary_draft_cols, dsummary_draft_queries);

static const struct col dsummary_cols[] = {
	C_INT(struct dsummary, id, "id"),
	C_INT(struct dsummary, episode_id, "episode_id"),
	C_INT(struct dsummary, client_id, "client_id"),
	C_TEXT(struct dsummary, status, "status"),
	C_TEXT(struct dsummary, reason, "reason"),
	C_TEXT(struct dsummary, services, "services"),
	C_TEXT(struct dsummary, progress, "progress"),
	C_TEXT(struct dsummary, scores, "scores"),
	C_TEXT(struct dsummary, medications, "medications"),
	C_TEXT(struct dsummary, recommendations, "recommendations"),
	C_INT(struct dsummary, created_by, "created_by"),
	C_INT(struct dsummary, created_at, "created_at"),
	C_INT(struct dsummary, updated_by, "updated_by"),
	C_INT(struct dsummary, updated_at, "updated_at"),
	C_INT(struct dsummary, signed_by, "signed_by"),
	C_INT(struct dsummary, signed_at, "signed_at"),
	C_TEXT(struct dsummary, signed_by_name, "signed_by_name"),
	C_TEXT(struct dsummary, updated_by_name, "updated_by_name"),
};
static const enum sql_query dsummary_queries[] = { Q_dsummary_by_id, Q_dsummary_by_episode };
const struct row_table dsummary_rows = ROW_TABLE(struct dsummary, "discharge summary",
    dsummary_cols, dsummary_queries);

enum err
store_tx_dsummary_draft(struct store_tx *tx, const struct episode *ep, struct arena *a,
    struct dsummary *out, struct error *e)
{
	struct dsummary_draft_row r;
	char adm[11];

	memset(&r, 0, sizeof r);
	date_format(ep->admitted_on, adm);
	if (tx_get_row(tx, Q_dsummary_draft, ARGS(A_INT(ep->id), A_INT(ep->client_id), A_TEXT(adm),
	    A_TEXT(ep->discharged_on ? ep->discharged_on : "")), a, &dsummary_draft_rows, &r,
	    e) != ERR_OK)
		return e->code;
	out->services = *r.appts ? arena_printf(a, "%s\n%s", r.groups, r.appts) : r.groups;
	out->scores = r.scores;
	out->medications = r.medications;
	out->progress = r.progress;
	return out->services == NULL ? error_set(e, ERR_NOMEM, "Out of memory.") : ERR_OK;
}

enum err
store_tx_dsummary_insert(struct store_tx *tx, struct dsummary *d, struct error *e)
{
	enum db_rc rc = tx_step(tx, Q_dsummary_insert, ARGS(A_INT(d->episode_id),
	    A_INT(d->client_id), A_TEXT(d->reason), A_TEXT(d->services), A_TEXT(d->progress),
	    A_TEXT(d->scores), A_TEXT(d->medications), A_TEXT(d->recommendations),
	    A_INT(d->created_by), A_INT(tx->now)));

	if (rc == DB_CONSTRAINT)
		return error_set(e, ERR_CONFLICT, "This episode has a discharge summary already: "
		    "open it to edit or sign it.");
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "writing the discharge summary");
	d->id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_dsummary_get(struct store_tx *tx, int64_t id, struct arena *a, struct dsummary *out,
    struct error *e)
{
	memset(out, 0, sizeof *out);
	return tx_get_row(tx, Q_dsummary_by_id, ARGS(A_INT(id)), a, &dsummary_rows, out, e);
}

enum err
store_dsummary_by_episode(struct store *s, int64_t episode_id, struct arena *a,
    struct dsummary *out, struct error *e)
{
	memset(out, 0, sizeof *out);
	return get_row(s, Q_dsummary_by_episode, ARGS(A_INT(episode_id)), a, &dsummary_rows, out,
	    e);
}

enum err
store_tx_dsummary_update(struct store_tx *tx, const struct dsummary *d, int64_t by,
    struct error *e)
{
	return tx_change_once(tx, Q_dsummary_update, ARGS(A_INT(d->id), A_TEXT(d->reason),
	    A_TEXT(d->services), A_TEXT(d->progress), A_TEXT(d->scores), A_TEXT(d->medications),
	    A_TEXT(d->recommendations), A_INT(by), A_INT(tx->now)),
	    "This discharge summary is signed: it is locked and cannot be changed.", e);
}

enum err
store_tx_dsummary_sign(struct store_tx *tx, int64_t id, int64_t by, struct error *e)
{
	return tx_change_once(tx, Q_dsummary_sign, ARGS(A_INT(id), A_INT(by), A_INT(tx->now)),
	    "This discharge summary is signed already.", e);
}

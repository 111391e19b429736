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

/*
 * attendance.c — attendance at a group session (ops/attendance.h).
 *
 * One request, one transaction: every record is checked (the session has
 * started and is not cancelled, each client is on its roster once, each
 * status goes with its minutes) before anything is written, so a fault
 * anywhere writes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "ops/attendance.h"

static enum err
nomem(struct error *e)
{
	return error_set(e, ERR_NOMEM, "Out of memory.");
}

static bool
on_roster(const struct roster_entry *r, size_t n, int64_t client_id)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].client_id == client_id)
			return true;
	return false;
}

static const struct attendance *
current_of(const struct session_attendance *sa, int64_t client_id)
{
	for (size_t i = 0; i < sa->n; i++)
		if (sa->items[i].client_id == client_id)
			return &sa->items[i];
	return NULL;
}

enum err
op_attendance_record(struct store_tx *tx, const struct actor *who,
    const struct attendance_record_in *in, struct op_result *res, struct error *e)
{
	struct group_session *g = in->session;
	struct session_attendance before;
	char ds[11], prefix[32], cf[48];
	size_t written = 0, corrected = 0;

	if (store_tx_gsession_get(tx, in->session_id, res->arena, g, e) != ERR_OK)
		return e->code;
	date_format(g->date, ds);
	if (attendance_session_open(g->cancelled, g->starts_at, ds, g->start_min, who->now, e) !=
	    ERR_OK)
		return e->code;
	if (store_tx_roster(tx, g->track_id, g->date, res->arena, in->roster, in->nroster, e) !=
	    ERR_OK)
		return e->code;
	if (in->n == 0)
		return error_field(e, "records", "must name at least one client of the roster");
	for (size_t i = 0; i < in->n; i++) {
		const struct attendance *x = &in->records[i];

		snprintf(prefix, sizeof prefix, "records[%zu]", i);
		attendance_validate(x, g->minutes, prefix, e);
		snprintf(cf, sizeof cf, "%s.client_id", prefix);
		if (!on_roster(*in->roster, *in->nroster, x->client_id)) {
			error_field(e, cf,
			    "is not on this session's roster (only clients enrolled on the "
			    "track that day)");
			continue;
		}
		for (size_t k = 0; k < i; k++)
			if (in->records[k].client_id == x->client_id) {
				error_field(e, cf,
				    "is listed twice: give each client one record");
				break;
			}
	}
	if (e->code != ERR_OK)
		return e->code;
	if (store_tx_session_attendance(tx, g->id, res->arena, &before, e) != ERR_OK)
		return e->code;
	for (size_t i = 0; i < in->n; i++) {
		struct attendance x = in->records[i];
		const struct attendance *cur = current_of(&before, x.client_id);

		if (cur != NULL && attendance_same(cur, &x))
			continue;
		x.session_id = g->id;
		x.minutes = attendance_minutes(x.status, x.late_minutes, x.left_early_minutes,
		    g->minutes);
		x.recorded_by = who->staff_id;
		x.recorded_at = who->now;
		if (store_tx_attendance_put(tx, &x, cur != NULL, e) != ERR_OK)
			return e->code;
		if (op_touched(res, x.client_id) != ERR_OK)
			return nomem(e);
		written++;
		if (cur != NULL)
			corrected++;
	}
	if (store_tx_session_attendance(tx, g->id, res->arena, in->att, e) != ERR_OK)
		return e->code;
	res->id = g->id;
	res->detail = arena_printf(res->arena, "written=%zu,corrected=%zu", written, corrected);
	return res->detail == NULL ? nomem(e) : ERR_OK;
}

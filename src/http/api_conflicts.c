/*
 * api_conflicts.c — GET /appointments/conflicts: would a booking overlap
 * anything?  The booking form asks as the user picks a time, staff member,
 * room and client, so the clash is shown in words before saving.
 *
 * It reads the same commitments (store_commitments, the query a booking is
 * checked against) and asks the same overlap rule (commitment_conflict),
 * collecting every clash rather than the first; each message is the one the
 * booking's 409 would carry (appt_conflict_words).  It writes nothing: the
 * booking itself is still checked in its transaction and refused with 409
 * if something was booked meanwhile.  Another client's name is never in an
 * answer.  With a client asked about, the row is on that client's trail.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "core/appointment.h"
#include "http/req.h"
#include "ops/appointment.h"

#define TIME_MSG "must be a time written YYYY-MM-DDTHH:MMZ (UTC)"

static const char *
on_name(enum conflict_on on)
{
	switch (on) {
	case CONFLICT_ROOM:
		return "room";
	case CONFLICT_CLIENT:
		return "client";
	default:
		return "staff";
	}
}

/*
 * ?site_id (required: its time zone words the times), starts_at (an
 * instant), minutes (5-480), staff_id, room_id, client_id (at least one of
 * the three), exclude (an appointment being moved, left out).
 */
void
h_appointment_conflicts(struct req *r)
{
	struct commitment want, *list = NULL;
	struct site site;
	struct error e, le;
	int64_t site_id = 0, minutes = 0, exclude = 0;
	const char *st = req_query(r, "starts_at");
	json_t *items;
	size_t n = 0, from = 0, at;

	error_clear(&e);
	memset(&want, 0, sizeof want);
	want.type = COMMIT_APPOINTMENT;
	req_query_int(r, "site_id", 1, INT64_MAX, &site_id, &e, "must be a site's id");
	if (site_id == 0 && req_query(r, "site_id") == NULL)
		error_field(&e, "site_id", "is required: the site the booking is at");
	if (st == NULL)
		error_field(&e, "starts_at", "is required: the start, written "
		    "YYYY-MM-DDTHH:MMZ (UTC)");
	else if (!instant_parse(st, &want.starts_at))
		error_field(&e, "starts_at", TIME_MSG);
	if (req_query(r, "minutes") == NULL)
		error_field(&e, "minutes", "is required: the length, from %d to %d minutes",
		    APPT_MINUTES_MIN, APPT_MINUTES_MAX);
	else
		req_query_int(r, "minutes", APPT_MINUTES_MIN, APPT_MINUTES_MAX, &minutes, &e,
		    "must be a length from 5 to 480 minutes");
	req_query_int(r, "staff_id", 1, INT64_MAX, &want.staff_id, &e, "must be a staff id");
	req_query_int(r, "room_id", 1, INT64_MAX, &want.room_id, &e, "must be a room's id");
	req_query_int(r, "client_id", 1, INT64_MAX, &want.client_id, &e, "must be a client's id");
	req_query_int(r, "exclude", 1, INT64_MAX, &exclude, &e, "must be an appointment's id");
	if (e.code == ERR_OK && want.staff_id == 0 && want.room_id == 0 && want.client_id == 0)
		error_field(&e, "staff_id", "or room_id or client_id is needed: whose time to check");
	if (e.code == ERR_OK) {
		error_clear(&le);
		if (store_site_get(r->app->store, site_id, r->arena, &site, &le) != ERR_OK) {
			if (le.code != ERR_NOTFOUND) {
				reply_error(r, &le);
				return;
			}
			error_field(&e, "site_id", "is not a site");
		}
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	want.id = exclude;
	want.ends_at = want.starts_at + minutes * 60;
	if (store_commitments(r->app->store, &want, r->arena, &list, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	items = json_array();
	/* Every clash, in time order: the rule finds the first of the rest. */
	while (from < n) {
		enum conflict_on on = commitment_conflict(&want, list + from, n - from, &at);
		const struct commitment *c;

		if (on == CONFLICT_NONE)
			break;
		c = &list[from + at];
		error_clear(&le);
		appt_conflict_words(&site, c, on, &le);
		json_array_append_new(items, json_pack("{s:s,s:I,s:s,s:o,s:o,s:s}",
		    "kind", commit_type_name(c->type), "id", (json_int_t)c->id, "on", on_name(on),
		    "starts_at", jtime(c->starts_at), "ends_at", jtime(c->ends_at),
		    "message", le.msg));
		from += at + 1;
	}
	req_about(r, 0, want.client_id);
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", items,
	    "total", (json_int_t)json_array_size(items)));
}

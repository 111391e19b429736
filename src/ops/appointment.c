/*
 * appointment.c — appointments booked, rescheduled and cancelled.
 *
 * Each write checks the facts it rests on inside its transaction (the
 * client, site, room, staff member and contacts), asks the overlap rule
 * about every commitment the store gathers for the new time, and keeps the
 * change as history.  The outcome (attendance) is recorded once the
 * appointment has started; a cancellation by the client inside the late
 * window records the outcome late_cancellation with it, and an appointment
 * whose outcome is recorded is no longer cancelled (correct the outcome).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "lib/timeutil.h"
#include "lib/tz.h"
#include "ops/appointment.h"

static enum err
touched(struct op_result *res, int64_t id, int64_t client_id, struct error *e)
{
	res->id = id;
	if (op_touched(res, client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

/* "14:00" and "2026-12-07" of instant t in zone z (UTC when z is NULL). */
static void
local_parts(const struct tz *z, int64_t t, char hm[6], char day[11])
{
	int64_t l = t + (z != NULL ? tz_offset(z, t) : 0);
	int64_t s = ((l % 86400) + 86400) % 86400;

	snprintf(hm, 6, "%02d:%02d", (int)(s / 3600) % 24, (int)(s / 60 % 60));
	date_format(date_from_unix(l), day);
}

/* What a commitment is, in words: "individual therapy", "a group session". */
static void
commit_words(const struct commitment *c, char *out, size_t n)
{
	enum appt_kind k;
	size_t i;

	if (c->type == COMMIT_APPOINTMENT && appt_kind_parse(c->what, &k)) {
		snprintf(out, n, "%s", appt_kind_words(k));
		if (out[0] != '\0')
			out[0] = (char)(out[0] - 'A' + 'a');
		return;
	}
	snprintf(out, n, "%s", c->what != NULL && *c->what ? c->what : "a group session");
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == '_')
			out[i] = ' ';
}

/*
 * The 409 for a booking want (at site) that runs into c on what: the message
 * names the booking (its kind, time in the site's zone and id) and *cf
 * carries it.  Another client's name is never in it.
 */
static enum err
conflict_error(const struct site *site, const struct commitment *c, enum conflict_on on,
    struct appt_conflict *cf, struct error *e)
{
	struct tz *z = tz_open(site->timezone);
	char from[6], to[6], day[11], d2[11], what[64];
	const char *zone = "";

	if (z == NULL)
		zone = " UTC";
	local_parts(z, c->starts_at, from, day);
	local_parts(z, c->ends_at, to, d2);
	free(z);
	commit_words(c, what, sizeof what);
	if (cf != NULL)
		*cf = (struct appt_conflict){ on, c->type, c->id, c->starts_at, c->ends_at };
	switch (on) {
	case CONFLICT_ROOM:
		return error_set(e, ERR_CONFLICT, "%s is taken then: %s %s–%s%s on %s (%s %lld).",
		    c->room_name, what, from, to, zone, day, commit_type_name(c->type),
		    (long long)c->id);
	case CONFLICT_CLIENT:
		return error_set(e, ERR_CONFLICT, "The client already has %s with %s %s–%s%s on "
		    "%s (%s %lld).", what, c->staff_name, from, to, zone, day,
		    commit_type_name(c->type), (long long)c->id);
	default:
		return error_set(e, ERR_CONFLICT, "%s already has %s %s–%s%s on %s (%s %lld).",
		    c->staff_name, what, from, to, zone, day, commit_type_name(c->type),
		    (long long)c->id);
	}
}

/*
 * Checks the facts ap (its time already checked) rests on — an active site,
 * a room of that site, a staff member fit for the kind — then that it
 * overlaps no commitment of its staff member, room or client (itself, when
 * rescheduling, left out).
 */
static enum err
appt_place(struct store_tx *tx, const struct appointment *ap, struct arena *a,
    struct appt_conflict *cf, struct error *e)
{
	struct site site;
	struct room room;
	struct staff st;
	struct error le;
	struct commitment want, *list;
	enum appt_kind kind;
	enum conflict_on on;
	size_t n, at = 0;
	bool found;

	if (!appt_kind_parse(ap->kind, &kind))
		return error_field(e, "kind", "is not a kind of appointment");
	error_clear(&le);
	if (store_tx_site_get(tx, ap->site_id, a, &site, &le) != ERR_OK) {
		if (le.code != ERR_NOTFOUND) {
			*e = le;
			return e->code;
		}
		error_field(e, "site_id", "is not a site");
	} else if (!site.active) {
		error_field(e, "site_id", "is a site no longer in use");
	}
	if (ap->room_id != 0) {
		error_clear(&le);
		if (store_tx_room_get(tx, ap->room_id, a, &room, &le) != ERR_OK) {
			if (le.code != ERR_NOTFOUND) {
				*e = le;
				return e->code;
			}
			error_field(e, "room_id", "is not a room");
		} else if (room.site_id != ap->site_id) {
			error_field(e, "room_id", "is a room of another site");
		} else if (!room.active) {
			error_field(e, "room_id", "is a room no longer in use");
		}
	}
	error_clear(&le);
	found = store_tx_staff_get(tx, ap->staff_id, a, &st, &le) == ERR_OK;
	if (!found && le.code != ERR_NOTFOUND) {
		*e = le;
		return e->code;
	}
	appt_staff_check(kind, found ? &st : NULL, e);
	if (e->code != ERR_OK)
		return e->code;
	want = (struct commitment){ .type = COMMIT_APPOINTMENT, .id = ap->id,
	    .starts_at = ap->starts_at, .ends_at = ap->starts_at + (int64_t)ap->minutes * 60,
	    .staff_id = ap->staff_id, .room_id = ap->room_id, .client_id = ap->client_id };
	if (store_tx_commitments(tx, &want, a, &list, &n, e) != ERR_OK)
		return e->code;
	on = commitment_conflict(&want, list, n, &at);
	if (on != CONFLICT_NONE)
		return conflict_error(&site, &list[at], on, cf, e);
	return ERR_OK;
}

enum err
op_appt_book(struct store_tx *tx, const struct actor *who, const struct appt_book_in *in,
    struct op_result *res, struct error *e)
{
	struct appointment ap = in->a;
	struct client cl;
	struct contact ct;
	struct error le;
	char f[40];

	if (appointment_check(&ap, in->persons, in->npersons, who->now, e) != ERR_OK)
		return e->code;
	if (strcmp(ap.kind, "family_therapy") == 0 && in->npersons == 0)
		return error_field(e, "related_persons", "name at least one of the client's "
		    "contacts for family therapy");
	if (store_tx_client_get(tx, ap.client_id, res->arena, &cl, e) != ERR_OK)
		return e->code;
	if (!cl.active)
		return error_set(e, ERR_CONFLICT, "This client's record is inactive: reactivate "
		    "it before booking.");
	for (size_t i = 0; i < in->npersons; i++) {
		error_clear(&le);
		if (store_tx_contact_get(tx, ap.client_id, in->persons[i], res->arena, &ct,
		    &le) == ERR_OK)
			continue;
		if (le.code != ERR_NOTFOUND) {
			*e = le;
			return e->code;
		}
		snprintf(f, sizeof f, "related_persons[%zu]", i);
		error_field(e, f, "is not one of this client's contacts");
	}
	if (e->code != ERR_OK)
		return e->code;
	ap.id = 0;
	if (appt_place(tx, &ap, res->arena, in->conflict, e) != ERR_OK)
		return e->code;
	ap.created_by = who->staff_id;
	if (store_tx_appt_insert(tx, &ap, in->persons, in->npersons, e) != ERR_OK ||
	    store_tx_appt_get(tx, ap.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	return touched(res, ap.id, ap.client_id, e);
}

enum err
op_appt_reschedule(struct store_tx *tx, const struct actor *who,
    const struct appt_reschedule_in *in, struct op_result *res, struct error *e)
{
	struct appointment before, after;

	if (store_tx_appt_get(tx, in->id, res->arena, &before, e) != ERR_OK)
		return e->code;
	if (appt_cancelled(&before))
		return error_set(e, ERR_CONFLICT, "This appointment was cancelled; book a new one.");
	if (before.starts_at <= who->now)
		return error_set(e, ERR_CONFLICT, "This appointment has already started; book a "
		    "new one instead.");
	after = before;
	if (in->starts_at != INT64_MIN)
		after.starts_at = in->starts_at;
	if (in->minutes != 0)
		after.minutes = in->minutes;
	if (in->staff_id != 0)
		after.staff_id = in->staff_id;
	if (in->room_given)
		after.room_id = in->room_id;
	if (appt_time_check(after.starts_at, after.minutes, who->now, e) != ERR_OK)
		return e->code;
	if (after.starts_at == before.starts_at && after.minutes == before.minutes &&
	    after.staff_id == before.staff_id && after.room_id == before.room_id)
		return error_field(e, "starts_at", "is the time it has: choose a new time, "
		    "length, staff member or room");
	if (appt_place(tx, &after, res->arena, in->conflict, e) != ERR_OK)
		return e->code;
	if (store_tx_appt_reschedule(tx, &before, &after, who->staff_id, e) != ERR_OK ||
	    store_tx_appt_get(tx, after.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->detail = "";
	return touched(res, after.id, after.client_id, e);
}

enum err
op_appt_cancel(struct store_tx *tx, const struct actor *who, const struct appt_cancel_in *in,
    struct op_result *res, struct error *e)
{
	struct appointment ap;
	const char *m;
	bool by_client = in->by != NULL && strcmp(in->by, "client") == 0;

	if (!by_client && (in->by == NULL || strcmp(in->by, "program") != 0))
		error_field(e, "cancelled_by", "must be client or program");
	if ((m = check_text(in->reason, APPT_REASON_MAX, true, true)) != NULL)
		error_field(e, "reason", "%s", m);
	if (e->code != ERR_OK)
		return e->code;
	if (store_tx_appt_get(tx, in->id, res->arena, &ap, e) != ERR_OK)
		return e->code;
	if (appt_cancelled(&ap))
		return error_set(e, ERR_CONFLICT, "This appointment is cancelled already.");
	if (ap.ends_at <= who->now)
		return error_set(e, ERR_CONFLICT, "This appointment is over: it can no longer be "
		    "cancelled.");
	if (ap.attendance != NULL && *ap.attendance != '\0')
		return error_set(e, ERR_CONFLICT, "This appointment's outcome is recorded already: "
		    "correct the outcome instead of cancelling it.");
	ap.cancelled_by = by_client ? "client" : "program";
	ap.cancel_reason = in->reason;
	ap.late_cancellation = appt_late_cancellation(by_client, ap.starts_at, who->now,
	    in->late_hours);
	if (store_tx_appt_cancel(tx, &ap, who->staff_id, e) != ERR_OK ||
	    store_tx_appt_get(tx, ap.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->detail = ap.late_cancellation ? (by_client ? "by=client; late" : "by=program; late")
	    : (by_client ? "by=client" : "by=program");
	return touched(res, ap.id, ap.client_id, e);
}

enum err
op_appt_attendance(struct store_tx *tx, const struct actor *who,
    const struct appt_attendance_in *in, struct op_result *res, struct error *e)
{
	struct appointment ap;
	int minutes = in->minutes;
	bool correction;

	if (store_tx_appt_get(tx, in->id, res->arena, &ap, e) != ERR_OK)
		return e->code;
	if (appt_attendance_check(&ap, in->attendance, &minutes, who->now, e) != ERR_OK)
		return e->code;
	correction = ap.attendance != NULL && *ap.attendance != '\0';
	if (correction && strcmp(ap.attendance, in->attendance) == 0 &&
	    ap.attended_minutes == minutes) {
		*in->out = ap;
		res->detail = "unchanged";
		return touched(res, ap.id, ap.client_id, e);
	}
	if (store_tx_appt_attendance(tx, ap.id, in->attendance, minutes, correction,
	    who->staff_id, e) != ERR_OK ||
	    store_tx_appt_get(tx, ap.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->detail = arena_printf(res->arena, "%s%s", in->attendance,
	    correction ? "; corrected" : "");
	if (res->detail == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return touched(res, ap.id, ap.client_id, e);
}

/* The words of the 409 a booking at site would get for running into c on
 * on, for the check a booking form makes before it is saved. */
enum err
appt_conflict_words(const struct site *site, const struct commitment *c, enum conflict_on on,
    struct error *e)
{
	return conflict_error(site, c, on, NULL, e);
}

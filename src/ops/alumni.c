/*
 * alumni.c (ops) — the alumni program's writes: the check-ins planned at
 * discharge, a call recorded (and the readmission inquiry it may start),
 * alumni events and RSVPs (see ops/alumni.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/schedule.h"
#include "lib/tz.h"
#include "ops/alumni.h"

static enum err
nomem(struct error *e)
{
	return error_set(e, ERR_NOMEM, "Out of memory.");
}

enum err
alumni_plan_checkins(struct store_tx *tx, const struct episode *ep, struct date on,
    const struct tz *z, struct arena *a, int *made, struct error *e)
{
	int64_t coordinator = 0, to;
	char due[11];

	*made = 0;
	if (!alumni_checkins_for(ep->discharge_type))
		return ERR_OK;
	if (store_tx_alumni_coordinator(tx, ep->site_id, &coordinator, e) != ERR_OK)
		return e->code;
	to = coordinator != 0 ? coordinator : ep->primary_clinician;
	for (int i = 0; i < ALUMNI_CHECKINS; i++) {
		struct alumni_checkin c;
		struct date d = alumni_due_on(on, alumni_days[i]);
		int64_t at = 0, end = 0;
		const char *title;

		wall_to_instants(z, d, 9 * 60, 0, &at, &end);
		title = arena_printf(a, "Alumni check-in: %d days after discharge", alumni_days[i]);
		if (title == NULL)
			return nomem(e);
		memset(&c, 0, sizeof c);
		c.episode_id = ep->id;
		c.client_id = ep->client_id;
		c.day = alumni_days[i];
		date_format(d, due);
		c.due_on = due;
		if (store_tx_task_insert(tx, ALUMNI_TASK_KIND, title, ep->client_id, 0, 0, to, at,
		    &c.task_id, e) != ERR_OK ||
		    store_tx_alumni_checkin_insert(tx, &c, e) != ERR_OK)
			return e->code;
		(*made)++;
	}
	return ERR_OK;
}

/* The readmission inquiry of a reached alumnus: on the admissions board as
 * new, linked to the client, with their name and phone or email. */
static enum err
readmission_inquiry(struct store_tx *tx, const struct actor *who, const struct alumni_checkin *c,
    struct arena *a, int64_t *id, struct error *e)
{
	struct client cl;
	struct inquiry q, out;
	struct error ve;

	if (store_tx_client_get(tx, c->client_id, a, &cl, e) != ERR_OK)
		return e->code;
	memset(&q, 0, sizeof q);
	q.kind = INQ_PHONE;
	q.name = arena_printf(a, "%s %s", cl.first_name, cl.last_name);
	q.phone = cl.phone ? cl.phone : "";
	q.email = cl.email ? cl.email : "";
	q.best_time = q.caller_name = q.caller_relationship = "";
	q.urgency = URG_THIS_WEEK;
	q.message = arena_printf(a, "Asked to come back at the %d-day alumni check-in "
	    "(discharged %s).", c->day, c->discharged_on);
	q.source = "alumni";
	q.referral_source = "Alumni check-in";
	q.substances_json = "[]";
	if (q.name == NULL || q.message == NULL)
		return nomem(e);
	error_clear(&ve);
	if (inquiry_validate_new(&q, date_from_unix(who->now), &ve) != ERR_OK)
		return error_field(e, "readmission_wanted", "needs a phone number or email on the "
		    "client's record, so admissions can call them back: add one first");
	if (store_tx_inquiry_insert(tx, &q, e) != ERR_OK)
		return e->code;
	/* Linked to the client at once: admissions admit the returning client
	 * without converting or re-keying anything. */
	if (store_tx_inquiry_get(tx, q.id, a, &out, e) != ERR_OK)
		return e->code;
	out.client_id = c->client_id;
	out.updated_at = who->now;
	if (store_tx_inquiry_update(tx, &out, e) != ERR_OK)
		return e->code;
	*id = q.id;
	return ERR_OK;
}

enum err
op_alumni_call(struct store_tx *tx, const struct actor *who, const struct alumni_call_in *in,
    struct op_result *res, struct error *e)
{
	struct alumni_checkin c;
	int64_t inquiry = 0;
	const char *response;

	if (store_tx_alumni_checkin_get(tx, in->id, res->arena, &c, e) != ERR_OK) {
		if (e->code == ERR_NOTFOUND) {
			error_clear(e);
			return error_set(e, ERR_NOTFOUND, "Alumni check-in %lld not found.",
			    (long long)in->id);
		}
		return e->code;
	}
	res->id = c.id;
	if (op_touched(res, c.client_id) != ERR_OK)
		return nomem(e);
	if (alumni_call_check(&c, in->outcome, in->recovery_status, in->notes,
	    in->readmission_wanted, e) != ERR_OK)
		return e->code;
	alumni_call_apply(&c, in->outcome, in->recovery_status, in->notes,
	    in->readmission_wanted);
	if (in->readmission_wanted &&
	    readmission_inquiry(tx, who, &c, res->arena, &inquiry, e) != ERR_OK)
		return e->code;
	if (inquiry != 0)
		c.inquiry_id = inquiry;
	if (store_tx_alumni_checkin_record(tx, &c, who->staff_id, who->now, e) != ERR_OK)
		return e->code;
	if (c.closed && c.task_id != 0) {
		response = strcmp(c.outcome, "reached") == 0 ? "Alumnus reached." :
		    "Not reached after three attempts.";
		if (store_tx_task_done(tx, c.task_id, who->staff_id, response, e) != ERR_OK) {
			/* A task closed by hand before is not a reason to refuse. */
			if (e->code != ERR_CONFLICT)
				return e->code;
			error_clear(e);
		}
	}
	if (in->inquiry_id != NULL)
		*in->inquiry_id = inquiry;
	if (in->out != NULL &&
	    store_tx_alumni_checkin_get(tx, c.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	/* Never the recovery status or the notes: health information. */
	res->detail = arena_printf(res->arena, "outcome=%s; attempt=%d%s%s", c.outcome,
	    c.attempts, c.closed ? "; closed" : "", inquiry ? "; readmission inquiry" : "");
	if (res->detail != NULL && inquiry != 0)
		res->detail = arena_printf(res->arena, "%s %lld", res->detail, (long long)inquiry);
	return res->detail == NULL ? nomem(e) : ERR_OK;
}

enum err
op_alumni_event_create(struct store_tx *tx, const struct actor *who,
    const struct alumni_event_in *in, struct op_result *res, struct error *e)
{
	struct alumni_event ev = in->ev;

	if (alumni_event_check(&ev, e) != ERR_OK)
		return e->code;
	/* A site that does not exist fails the insert's reference, named
	 * site_id there (store_tx_alumni_event_insert). */
	ev.created_by = who->staff_id;
	if (store_tx_alumni_event_insert(tx, &ev, e) != ERR_OK)
		return e->code;
	res->id = ev.id;
	return in->out != NULL ? store_tx_alumni_event_get(tx, ev.id, res->arena, in->out, e) :
	    ERR_OK;
}

enum err
op_alumni_rsvp(struct store_tx *tx, const struct actor *who, const struct alumni_rsvp_in *in,
    struct op_result *res, struct error *e)
{
	struct alumni_event ev;
	struct alumni_rsvp r;
	struct error ge;
	bool alumnus = false;

	if (store_tx_alumni_event_get(tx, in->event_id, res->arena, &ev, e) != ERR_OK)
		return e->code;
	res->id = ev.id;
	if (in->has_rsvp && !alumni_rsvp_valid(in->rsvp))
		error_field(e, "rsvp", "must be yes, no or maybe");
	if (!in->has_rsvp && !in->has_attended)
		error_field(e, "rsvp", "give rsvp (yes, no or maybe), attended (true or false), "
		    "or both");
	if (store_tx_alumni_is_alumnus(tx, in->client_id, &alumnus, e) != ERR_OK)
		return e->code;
	if (!alumnus)
		error_field(e, "client_id", "is not an alumnus: only clients discharged from the "
		    "program (and not readmitted) are invited to alumni events");
	if (e->code != ERR_OK)
		return e->code;
	error_clear(&ge);
	if (store_tx_alumni_rsvp_get(tx, ev.id, in->client_id, res->arena, &r, &ge) != ERR_OK) {
		if (ge.code != ERR_NOTFOUND) {
			*e = ge;
			return e->code;
		}
		memset(&r, 0, sizeof r);
		r.event_id = ev.id;
		r.client_id = in->client_id;
		r.rsvp = "";
		r.attended = -1;
	}
	if (in->has_rsvp)
		r.rsvp = in->rsvp;
	if (in->has_attended)
		r.attended = in->attended;
	r.updated_by = who->staff_id;
	if (store_tx_alumni_rsvp_put(tx, &r, e) != ERR_OK)
		return e->code;
	if (op_touched(res, in->client_id) != ERR_OK)
		return nomem(e);
	res->detail = arena_printf(res->arena, "client=%lld; rsvp=%s; attended=%s",
	    (long long)in->client_id, *r.rsvp ? r.rsvp : "none",
	    r.attended < 0 ? "unknown" : r.attended ? "yes" : "no");
	if (res->detail == NULL)
		return nomem(e);
	return in->out != NULL ? store_tx_alumni_rsvp_get(tx, ev.id, in->client_id, res->arena,
	    in->out, e) : ERR_OK;
}

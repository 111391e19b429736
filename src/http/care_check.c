/*
 * care_check.c — the care relationship rule at the door of every route.
 */
#include <string.h>

#include "http/routes.h"
#include "store/care.h"

/*
 * The care relationship rule (core/care.h), in one place for every route:
 * a user whose roles are only clinical opens a client's records only when
 * they have a role in that client's care or declared an emergency.  The
 * client is the path's under /clients/{id}/...; on a route about one record
 * (/notes/{id}, /episodes/{id}/..., the table below), the record's client —
 * every client of a group note.  Lists (search, rosters, worklists, the
 * census) are not held to it: names on a list are how staff find a client,
 * and break the glass; nor are the safety alerts (anyone on duty answers
 * them), a group session's roster (its facilitator's), inquiries (no client
 * yet), and the routes flagged RF_NO_CARE.
 */
static const struct {
	const char *prefix;
	enum care_record kind;
} care_records[] = {
	{ "/api/v1/episodes/", CARE_REC_EPISODE },
	{ "/api/v1/plans/", CARE_REC_PLAN },
	{ "/api/v1/discharge-summaries/", CARE_REC_DISCHARGE_SUMMARY },
	{ "/api/v1/notes/", CARE_REC_NOTE },
	{ "/api/v1/drug-screens/", CARE_REC_DRUG_SCREEN },
	{ "/api/v1/medications/", CARE_REC_MEDICATION },
	{ "/api/v1/appointments/", CARE_REC_APPOINTMENT },
	{ "/api/v1/consents/", CARE_REC_CONSENT },
	{ "/api/v1/disclosures/", CARE_REC_DISCLOSURE },
	{ "/api/v1/coverages/", CARE_REC_COVERAGE },
	{ "/api/v1/screenings/", CARE_REC_SCREENING },
	{ "/api/v1/aftercare-plans/", CARE_REC_AFTERCARE_PLAN },
	{ "/api/v1/court-dates/", CARE_REC_COURT_DATE },
	{ "/api/v1/referrals/", CARE_REC_REFERRAL },
	{ "/api/v1/alumni/checkins/", CARE_REC_ALUMNI_CHECKIN },
};

/* Refuse: 403 care_relationship_required, with the client's name and MRN
 * (for the screen that offers to break the glass), on the client's trail. */
static void
care_refuse(struct req *r, const struct route_def *rt, const struct client *c)
{
	struct error e;
	json_t *b, *err;
	const char *detail;

	error_clear(&e);
	error_set(&e, ERR_FORBIDDEN, "You have no role in this client's care. In an "
	    "emergency, declare it to open the record; the director is told.");
	b = json_error_body(&e);
	err = json_object_get(b, "error");
	json_object_set_new(err, "code", json_string("care_relationship_required"));
	json_object_set_new(err, "client", json_pack("{s:I,s:s,s:o,s:o,s:o}",
	    "id", (json_int_t)c->id, "mrn", c->mrn, "first_name", jstr(c->first_name),
	    "last_name", jstr(c->last_name), "preferred_name", jstr(c->preferred_name)));
	reply_json(r, 403, b);
	detail = arena_printf(r->arena, "%s %s: no care relationship", method_names[r->method],
	    rt->path);
	if (detail == NULL) {
		r->audit_lost = true;
		return;
	}
	req_audit(r, "request.refused", "client", c->id, c->id, detail);
}

/* True when the user is in the client's care (or the client does not
 * exist: the route answers 404); false after answering. */
static bool
care_client(struct req *r, const struct route_def *rt, int64_t client)
{
	enum care_way way;
	struct client c;
	struct error e;

	error_clear(&e);
	if (store_care_relationship(r->app->store, r->sess.staff_id, client, r->now, &way,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	if (way != CARE_NONE)
		return true;
	if (store_client_get(r->app->store, client, r->arena, &c, &e) != ERR_OK) {
		if (e.code == ERR_NOTFOUND)
			return true;
		reply_error(r, &e);
		return false;
	}
	care_refuse(r, rt, &c);
	return false;
}

/* True when the request may go on; false after answering. */
bool
care_check(struct req *r, const struct route_def *rt)
{
	int64_t one, *clients = &one;
	size_t n = 0;
	struct error e;

	if (!care_rule_applies(r->sess.roles) || (rt->flags & RF_NO_CARE) || r->nids == 0)
		return true;
	error_clear(&e);
	if (strncmp(rt->path, "/api/v1/clients/{id}", 20) == 0) {
		one = r->ids[0];
		n = 1;
	} else {
		for (size_t k = 0; k < sizeof care_records / sizeof care_records[0]; k++) {
			if (strncmp(rt->path, care_records[k].prefix,
			    strlen(care_records[k].prefix)) != 0)
				continue;
			if (store_care_record_clients(r->app->store, care_records[k].kind,
			    r->ids[0], r->arena, &clients, &n, &e) != ERR_OK) {
				reply_error(r, &e);
				return false;
			}
			break;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (!care_client(r, rt, clients[i]))
			return false;
	return true;
}

bool
req_care(struct req *r, int64_t client_id)
{
	if (!care_rule_applies(r->sess.roles) || r->route < 0)
		return true;
	return care_client(r, &routes[r->route], client_id);
}

/*
 * api_chart.c — GET /clients/{id}/chart, the chart's first view in one
 * answer (the parts are routes of routes.c, run in turn).
 */
#include <string.h>

#include "http/routes.h"

/*
 * GET /clients/{id}/chart: what the chart's first view shows, in one answer
 * and one audit row instead of one per part.  Each part is its own route's
 * answer (the same handler, permission and query the web app sends for it),
 * so the chart shows nothing its parts would not; a part the user's roles do
 * not allow is left out, one that failed carries its error and status.  The
 * row (client.chart_opened) lists every part shown with the ids of its
 * items ("shown: client; contacts=5,6; alerts=none; ..."), so an auditor
 * loses nothing of the rows the parts would have written.  The parts' own
 * routes stay, audited as before, for what the chart reloads later.
 */
static const struct chart_part {
	const char *name;
	enum route route;
	const char *query[5];	/* name, value, ..., NULL */
} chart_parts[] = {
	{ "client", R_CLIENT_GET, { NULL } },
	{ "contacts", R_CONTACTS_LIST, { "limit", "200", NULL } },
	/* Every alert, open and resolved: the banner and the alert history. */
	{ "alerts", R_ALERTS_LIST, { "limit", "50", NULL } },
	{ "screenings", R_SCREENING_LIST, { "limit", "20", NULL } },
	{ "episodes", R_EPISODES_LIST, { NULL } },
	{ "placements", R_PLACEMENT_LIST, { NULL } },
	{ "coverages", R_COVERAGES_LIST, { NULL } },
	{ "benefit_checks", R_BENEFITS_LIST, { NULL } },
	{ "authorizations", R_AUTHORIZATIONS_LIST, { NULL } },
	{ "appointments", R_CLIENT_APPOINTMENTS, { "limit", "200", NULL } },
	{ "hours_weeks", R_CLIENT_HOURS_WEEKS, { NULL } },
	{ "billable_days", R_CLIENT_BILLABLE_DAYS, { NULL } },
	{ "plans", R_CLIENT_PLANS, { NULL } },
	{ "medications", R_MEDICATIONS_LIST, { "limit", "200", NULL } },
	{ "drug_screens", R_DRUG_SCREENS_LIST, { "limit", "200", NULL } },
	{ "measures", R_CLIENT_MEASURES, { NULL } },
	{ "notes", R_CLIENT_NOTES, { NULL } },
	{ "consents", R_CONSENTS_LIST, { "limit", "200", NULL } },
	{ "disclosures", R_DISCLOSURES_LIST, { "limit", "200", NULL } },
	{ "alumni_checkins", R_CLIENT_ALUMNI_CHECKINS, { NULL } },
	{ "case_management", R_CLIENT_CASEMGMT, { NULL } },
	{ "aftercare_plans", R_AFTERCARE_LIST, { NULL } },
	{ "care_team", R_CARE_TEAM_LIST, { NULL } },
};

/* The ids of a list answer's items for the row: "5,6", or "none". */
static void
chart_ids(struct buf *d, json_t *body)
{
	json_t *items = json_object_get(body, "items"), *it;
	size_t i;

	/* A client's case management: its referrals and court dates (the needs
	 * are one per domain, named by the part). */
	if (items == NULL && json_is_array(json_object_get(body, "referrals"))) {
		static const char *const lists[] = { "referrals", "court_dates" };
		static const char *const words[] = { "referral", "court_date" };
		bool any = false;

		for (size_t k = 0; k < 2; k++)
			json_array_foreach(json_object_get(body, lists[k]), i, it) {
				buf_printf(d, "%s%s:%lld", any ? "," : "", words[k],
				    (long long)json_integer_value(json_object_get(it, "id")));
				any = true;
			}
		if (!any)
			buf_puts(d, "none");
		return;
	}
	if (json_array_size(items) == 0) {
		buf_puts(d, "none");
		return;
	}
	/* A client's measures (one item per instrument): the screenings their
	 * score histories show. */
	if (json_is_array(json_object_get(json_array_get(items, 0), "history"))) {
		bool any = false;

		json_array_foreach(items, i, it) {
			json_t *p;
			size_t k;

			json_array_foreach(json_object_get(it, "history"), k, p) {
				buf_printf(d, "%s%lld", any ? "," : "",
				    (long long)json_integer_value(json_object_get(p, "id")));
				any = true;
			}
		}
		if (!any)
			buf_puts(d, "none");
		return;
	}
	json_array_foreach(items, i, it) {
		json_t *id = json_object_get(it, "id");

		/* A client's weeks have no ids: their Mondays name them; billable
		 * days are named by their dates. */
		if (id == NULL && json_is_string(json_object_get(it, "week_start")))
			buf_printf(d, "%s%s", i ? "," : "",
			    json_string_value(json_object_get(it, "week_start")));
		else if (id == NULL && json_is_string(json_object_get(it, "date")))
			buf_printf(d, "%s%s", i ? "," : "",
			    json_string_value(json_object_get(it, "date")));
		else
			buf_printf(d, "%s%lld", i ? "," : "", (long long)json_integer_value(id));
	}
}

void
h_client_chart(struct req *r)
{
	json_t *chart = json_object();
	struct buf d;

	buf_init(&d, 0);
	buf_puts(&d, "shown:");
	for (size_t k = 0; k < sizeof chart_parts / sizeof chart_parts[0]; k++) {
		const struct chart_part *p = &chart_parts[k];
		const struct route_def *rt = &routes[p->route];
		json_t *body;
		int status;

		if (rt->perm != PERM_NONE && !roles_allow(r->sess.roles, rt->perm))
			continue;
		r->query_set = p->query;
		rt->fn(r);
		r->query_set = NULL;
		status = r->answered ? r->status : 500;
		if (p->route == R_CLIENT_GET && status != 200) {
			/* No client, no chart: its answer (404) is the chart's. */
			json_decref(chart);
			buf_free(&d);
			return;
		}
		body = r->answered ? json_loadb(r->resp, r->resp_len, 0, NULL) : NULL;
		reply_forget(r);
		if (body == NULL)
			body = json_pack("{s:{s:s,s:s}}", "error", "code", "internal",
			    "message", "This part of the chart could not be read.");
		buf_printf(&d, "%s %s", k ? ";" : "", p->name);
		if (status != 200) {
			json_object_set_new(body, "status", json_integer(status));
			buf_puts(&d, "=error");
		} else if (p->route != R_CLIENT_GET) {
			buf_puts(&d, "=");
			chart_ids(&d, body);
		}
		json_object_set_new(chart, p->name, body);
	}
	if (d.failed) {
		json_decref(chart);
		buf_free(&d);
		reply_err(r, ERR_NOMEM, "The server ran out of memory.");
		return;
	}
	req_audit_as(r, NULL, buf_cstr(&d));
	buf_free(&d);
	reply_json(r, 200, chart);
}

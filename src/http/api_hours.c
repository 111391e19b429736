/*
 * api_hours.c — a client's hours in a program week:
 * GET /api/v1/clients/{id}/hours?week=YYYY-MM-DD (core/hours.h).
 *
 * The week is Monday to Sunday in the time zone of the site of the client's
 * open episode; ?week may name any of its days (default: today there).  A
 * read: no operation, audited as a read of the client (router.c).
 */
#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/inquiry.h"
#include "core/schedule.h"
#include "http/op_reply.h"
#include "http/req.h"

static json_t *
hours_to_json(const struct hours_week *w)
{
	static const enum hours_flag all[] = { HOURS_BELOW_WEEKLY_MINIMUM,
	    HOURS_BELOW_THREE_DAYS, HOURS_SHORT_DAY };
	json_t *days = json_array(), *flags = json_array();

	for (int i = 0; i < 7; i++)
		json_array_append_new(days, json_pack("{s:o,s:i,s:i}",
		    "date", jdate(w->days[i].date),
		    "attended_minutes", w->days[i].attended_minutes,
		    "scheduled_minutes", w->days[i].scheduled_minutes));
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (w->flags & all[i])
			json_array_append_new(flags, json_string(hours_flag_name(all[i])));
	return json_pack("{s:o,s:i,s:i,s:i,s:i,s:i,s:o,s:o}",
	    "week_start", jdate(w->week_start),
	    "required_minutes", w->required_minutes,
	    "attended_minutes", w->attended_minutes,
	    "attended_days", w->attended_days,
	    "scheduled_minutes", w->scheduled_minutes,
	    "possible_minutes", w->possible_minutes,
	    "days", days,
	    "flags", flags);
}

/* The client's open episode into *ep; a conflict saying so when none. */
static enum err
open_episode(struct req *r, int64_t client_id, struct episode *ep, struct error *e)
{
	struct episode *items = NULL;
	size_t n = 0;

	if (store_episode_list(r->app->store, client_id, r->arena, &items, &n, e) != ERR_OK)
		return e->code;
	for (size_t i = 0; i < n; i++)
		if (items[i].status != NULL && strcmp(items[i].status, "open") == 0) {
			*ep = items[i];
			return ERR_OK;
		}
	return error_set(e, ERR_CONFLICT, "The client is not in an open episode of care: hours "
	    "are counted against the level of care of an open episode; admit the client first.");
}

void
h_client_hours(struct req *r)
{
	const char *wq = req_query(r, "week");
	struct hours_row *rows = NULL;
	struct hours_session *s;
	struct hours_week w;
	struct episode ep;
	struct client c;
	struct site site;
	struct date day = { 0, 0, 0 }, start, end;
	struct error e;
	struct tz *z;
	size_t n = 0;
	bool under_18;

	error_clear(&e);
	memset(&ep, 0, sizeof ep);
	memset(&c, 0, sizeof c);
	memset(&site, 0, sizeof site);
	if (wq != NULL && !date_parse(wq, &day)) {
		error_field(&e, "week", "must be a date written YYYY-MM-DD (any day of the week)");
		reply_error(r, &e);
		return;
	}
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    open_episode(r, c.id, &ep, &e) != ERR_OK ||
	    store_site_get(r->app->store, ep.site_id, r->arena, &site, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if ((z = malloc(sizeof *z)) == NULL) {
		error_set(&e, ERR_NOMEM, "Out of memory.");
		reply_error(r, &e);
		return;
	}
	if (!tz_load(site.timezone, z)) {
		free(z);
		error_set(&e, ERR_CONFLICT, "The time zone of %s (%s) is not known on this server; "
		    "correct the site first.", site.name, site.timezone);
		reply_error(r, &e);
		return;
	}
	if (wq == NULL)
		day = local_date(z, r->now);
	free(z);
	start = hours_week_start(day);
	end = date_from_days(date_days(start) + 6);
	if (store_hours_sessions(r->app->store, c.id, start, end, r->arena, &rows, &n, &e) !=
	    ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if ((s = req_zalloc(r, (n > 0 ? n : 1) * sizeof *s)) == NULL) {
		error_set(&e, ERR_NOMEM, "Out of memory.");
		reply_error(r, &e);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		s[i] = rows[i].s;
		s[i].started = rows[i].starts_at <= r->now;
	}
	under_18 = date_valid(c.dob) && age_on(c.dob, start) < 18;
	hours_compute(start, ep.level, under_18, s, n, &w);
	reply_json(r, 200, hours_to_json(&w));
}

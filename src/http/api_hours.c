/*
 * api_hours.c — hours compliance (core/hours.h):
 *
 *   GET /api/v1/clients/{id}/hours?week=YYYY-MM-DD  a client's week
 *   GET /api/v1/clients/{id}/hours/weeks            the weeks of their episode
 *   GET /api/v1/hours?site_id=&week=&at_risk=       "This week": every client
 *                                                   in an open episode at a site
 *
 * The week is Monday to Sunday in the time zone of the site of the client's
 * open episode; ?week may name any of its days (default: today there).  The
 * minutes counted are those of the group sessions the client is on the
 * roster of and of their individual, family and medication-management
 * appointments.  Reads: no operation; audited as reads of the clients
 * shown (router.c).  The site's list is read in three queries for the whole
 * site-week (store_hours_site), never one per client.
 */
#include <stdlib.h>
#include <string.h>

#include "core/hours.h"
#include "core/inquiry.h"
#include "core/schedule.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "lib/buf.h"

#define WEEKS_SHOWN 26		/* the chart's weeks: half a year at most */

static json_t *
hours_to_json(const struct hours_week *w)
{
	static const enum hours_flag all[] = { HOURS_BELOW_WEEKLY_MINIMUM,
	    HOURS_BELOW_THREE_DAYS, HOURS_SHORT_DAY };
	json_t *days = json_array(), *flags = json_array();

	for (int i = 0; i < 7; i++)
		json_array_append_new(days, json_pack("{s:o,s:i,s:i,s:b}",
		    "date", jdate(w->days[i].date),
		    "attended_minutes", w->days[i].attended_minutes,
		    "scheduled_minutes", w->days[i].scheduled_minutes,
		    "short_day", w->days[i].short_day));
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (w->flags & all[i])
			json_array_append_new(flags, json_string(hours_flag_name(all[i])));
	return json_pack("{s:o,s:i,s:i,s:i,s:i,s:i,s:i,s:b,s:b,s:o,s:o}",
	    "week_start", jdate(w->week_start),
	    "required_minutes", w->required_minutes,
	    "attended_minutes", w->attended_minutes,
	    "attended_days", w->attended_days,
	    "possible_days", w->possible_days,
	    "scheduled_minutes", w->scheduled_minutes,
	    "possible_minutes", w->possible_minutes,
	    "admission_week", w->admission_week,
	    "step_down_week", w->step_down_week,
	    "days", days,
	    "flags", flags);
}

/* The client's open episode into *ep; false when none. */
static bool
open_episode(struct req *r, int64_t client_id, struct episode *ep, struct error *e)
{
	struct episode *items = NULL;
	size_t n = 0;

	if (store_episode_list(r->app->store, client_id, r->arena, &items, &n, e) != ERR_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		if (items[i].status != NULL && strcmp(items[i].status, "open") == 0) {
			*ep = items[i];
			return true;
		}
	return false;
}

/* The zone of site_id, malloc'd (the caller frees it); NULL with e set (req.h). */
struct tz *
site_zone(struct req *r, int64_t site_id, struct site *site, struct error *e)
{
	struct tz *z = NULL;

	if (store_site_get(r->app->store, site_id, r->arena, site, e) != ERR_OK ||
	    op_site_zone(site, &z, e) != ERR_OK)
		return NULL;
	return z;
}

/* The local dates first .. last (inclusive) and the instants holding them (req.h). */
struct hours_span
span_of(const struct tz *z, struct date first, struct date last)
{
	struct hours_span w;
	int64_t end;

	w.from = first;
	w.to = last;
	wall_to_instants(z, first, 0, 0, &w.lo, &end);
	wall_to_instants(z, date_from_days(date_days(last) + 1), 0, 0, &w.hi, &end);
	return w;
}

/* ?week: any day of a week (false, answered, when it is not a date); day
 * is left alone when there is none. */
static bool
week_query(struct req *r, struct date *day, bool *given)
{
	const char *wq = req_query(r, "week");
	struct error e;

	*given = wq != NULL;
	if (wq == NULL || date_parse(wq, day))
		return true;
	error_clear(&e);
	error_field(&e, "week", "must be a date written YYYY-MM-DD (any day of the week)");
	reply_error(r, &e);
	return false;
}

/*
 * Into s (room for ns + na), a client's sessions rows[0..ns) (started by
 * now) and their appointments ap[0..na) of the kinds that count, with local
 * dates in z; the number put.
 */
static size_t
gather(const struct tz *z, int64_t now, const struct hours_row *rows, size_t ns,
    const struct hours_appt_row *ap, size_t na, struct hours_session *s)
{
	size_t k = 0;

	for (size_t i = 0; i < ns; i++) {
		s[k] = rows[i].s;
		s[k++].started = rows[i].starts_at <= now;
	}
	for (size_t i = 0; i < na; i++)
		if (hours_kind_counts(ap[i].kind))
			s[k++] = hours_appointment(z, now, ap[i].starts_at, ap[i].minutes,
			    ap[i].cancelled, ap[i].attendance, ap[i].attended_minutes);
	return k;
}

/* Read a client's rows for the span and gather them; false, answered, on
 * an error. */
static bool
client_rows(struct req *r, const struct tz *z, int64_t client_id, struct hours_span w,
    struct hours_session **s, size_t *n)
{
	struct hours_row *rows = NULL;
	struct hours_appt_row *ap = NULL;
	size_t ns = 0, na = 0;
	struct error e;

	error_clear(&e);
	if (store_hours_sessions(r->app->store, client_id, w, r->arena, &rows, &ns, &ap, &na,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	if ((*s = req_zalloc(r, (ns + na + 1) * sizeof **s)) == NULL) {
		reply_err(r, ERR_NOMEM, "Out of memory.");
		return false;
	}
	*n = gather(z, r->now, rows, ns, ap, na, *s);
	return true;
}

void
h_client_hours(struct req *r)
{
	struct hours_session *s;
	struct hours_week w;
	struct episode ep;
	struct client c;
	struct site site;
	struct date day = { 0, 0, 0 }, start;
	struct error e;
	struct tz *z;
	size_t n = 0;
	bool given;

	error_clear(&e);
	memset(&ep, 0, sizeof ep);
	memset(&c, 0, sizeof c);
	memset(&site, 0, sizeof site);
	if (!week_query(r, &day, &given))
		return;
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (!open_episode(r, c.id, &ep, &e)) {
		if (e.code == ERR_OK)
			error_set(&e, ERR_CONFLICT, "The client is not in an open episode of "
			    "care: hours are counted against the level of care of an open "
			    "episode; admit the client first.");
		reply_error(r, &e);
		return;
	}
	if ((z = site_zone(r, ep.site_id, &site, &e)) == NULL) {
		reply_error(r, &e);
		return;
	}
	if (!given)
		day = local_date(z, r->now);
	start = hours_week_start(day);
	if (!client_rows(r, z, c.id, span_of(z, start, date_from_days(date_days(start) + 6)),
	    &s, &n)) {
		free(z);
		return;
	}
	free(z);
	hours_compute(start, ep.level, hours_under_18(c.dob, start), s, n, &w);
	hours_admitted(&w, ep.admitted_on);
	hours_step_down(&w, ep.admitted_on, ep.step_down_weeks);
	reply_json(r, 200, hours_to_json(&w));
}

/*
 * The weeks of the client's open episode, this week first, back to the
 * week of admission (at most WEEKS_SHOWN): {"items":[WEEK],"total"}; no
 * open episode, no weeks.
 */
void
h_client_hours_weeks(struct req *r)
{
	struct hours_session *s;
	struct episode ep;
	struct client c;
	struct site site;
	struct date first, last;
	struct error e;
	json_t *items;
	struct tz *z;
	size_t n = 0;
	int64_t weeks;

	error_clear(&e);
	memset(&ep, 0, sizeof ep);
	memset(&c, 0, sizeof c);
	memset(&site, 0, sizeof site);
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (!open_episode(r, c.id, &ep, &e)) {
		if (e.code != ERR_OK)
			reply_error(r, &e);
		else
			reply_json(r, 200, json_pack("{s:[],s:i}", "items", "total", 0));
		return;
	}
	if ((z = site_zone(r, ep.site_id, &site, &e)) == NULL) {
		reply_error(r, &e);
		return;
	}
	last = hours_week_start(local_date(z, r->now));
	first = date_valid(ep.admitted_on) ? hours_week_start(ep.admitted_on) : last;
	if (date_days(first) > date_days(last))
		first = last;
	if ((date_days(last) - date_days(first)) / 7 >= WEEKS_SHOWN)
		first = date_from_days(date_days(last) - 7 * (WEEKS_SHOWN - 1));
	if (!client_rows(r, z, c.id, span_of(z, first, date_from_days(date_days(last) + 6)),
	    &s, &n)) {
		free(z);
		return;
	}
	free(z);
	items = json_array();
	weeks = (date_days(last) - date_days(first)) / 7 + 1;
	for (int64_t k = 0; k < weeks; k++) {
		struct date ws = date_from_days(date_days(last) - 7 * k);
		struct hours_week w;

		hours_compute(ws, ep.level, hours_under_18(c.dob, ws), s, n, &w);
		hours_admitted(&w, ep.admitted_on);
		hours_step_down(&w, ep.admitted_on, ep.step_down_weeks);
		json_array_append_new(items, hours_to_json(&w));
	}
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)weeks));
}

/* The first index of rows (sorted by episode_id) at or after id. */
#define LOWER_BOUND(rows, n, id, out)                                           \
	do {                                                                    \
		size_t lo_ = 0, hi_ = (n);                                      \
		while (lo_ < hi_) {                                             \
			size_t mid_ = lo_ + (hi_ - lo_) / 2;                    \
			if ((rows)[mid_].episode_id < (id))                      \
				lo_ = mid_ + 1;                                 \
			else                                                    \
				hi_ = mid_;                                     \
		}                                                               \
		(out) = lo_;                                                    \
	} while (0)

/* One client of the site's week. */
struct hours_item {
	const struct hours_client_row *c;
	struct hours_week w;
	int64_t client_id;		/* for the audit row */
};

static json_t *
item_to_json(const struct hours_item *it)
{
	const struct hours_client_row *c = it->c;
	json_t *o = hours_to_json(&it->w);
	struct buf b;

	buf_init(&b, 0);
	buf_printf(&b, "%s %s", c->preferred_name && *c->preferred_name ? c->preferred_name :
	    c->first_name, c->last_name);
	json_object_set_new(o, "client_id", json_integer(c->client_id));
	json_object_set_new(o, "name", json_string(buf_cstr(&b)));
	json_object_set_new(o, "first_name", jstr(c->first_name));
	json_object_set_new(o, "last_name", jstr(c->last_name));
	json_object_set_new(o, "preferred_name", jstr(c->preferred_name));
	json_object_set_new(o, "mrn", jstr(c->mrn));
	json_object_set_new(o, "level", jstr(c->level));
	json_object_set_new(o, "track_id", c->track_id ? json_integer(c->track_id) : json_null());
	json_object_set_new(o, "track", jstr(c->track_name));
	buf_free(&b);
	return o;
}

/*
 * GET /api/v1/hours?site_id=&week=&at_risk=true|false&limit=&offset=:
 * the week of every client in an open episode at the site, by name; with
 * at_risk=true only those with a flag.  {"items":[ITEM],"total",
 * "week_start"}; the audit row names the clients of the page shown.
 */
void
h_hours_list(struct req *r)
{
	const char *risk = req_query(r, "at_risk");
	struct hours_client_row *cl = NULL;
	struct hours_row *rows = NULL;
	struct hours_appt_row *ap = NULL;
	struct hours_session *s;
	struct hours_item *items;
	struct hours_span span;
	struct site site;
	struct date day = { 0, 0, 0 }, start;
	struct page pg;
	struct error e;
	struct tz *z;
	size_t ncl = 0, ns = 0, na = 0, nitems = 0, off, cnt;
	int64_t site_id = 0;
	bool given, at_risk = false;

	error_clear(&e);
	memset(&site, 0, sizeof site);
	if (!req_page(r, &pg) || !week_query(r, &day, &given))
		return;
	if (req_query(r, "site_id") == NULL)
		error_field(&e, "site_id", "is required: the site whose week to show");
	else
		req_query_int(r, "site_id", 1, INT64_MAX, &site_id, &e, "must be a site id");
	if (risk != NULL && strcmp(risk, "true") == 0)
		at_risk = true;
	else if (risk != NULL && strcmp(risk, "false") != 0)
		error_field(&e, "at_risk", "must be true or false");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if ((z = site_zone(r, site_id, &site, &e)) == NULL) {
		reply_error(r, &e);
		return;
	}
	if (!given)
		day = local_date(z, r->now);
	start = hours_week_start(day);
	span = span_of(z, start, date_from_days(date_days(start) + 6));
	if (store_hours_site(r->app->store, site_id, span, r->arena, &cl, &ncl, &rows, &ns, &ap,
	    &na, &e) != ERR_OK) {
		free(z);
		reply_error(r, &e);
		return;
	}
	s = req_zalloc(r, (ns + na + 1) * sizeof *s);
	items = req_zalloc(r, (ncl + 1) * sizeof *items);
	if (s == NULL || items == NULL) {
		free(z);
		reply_err(r, ERR_NOMEM, "Out of memory.");
		return;
	}
	for (size_t i = 0; i < ncl; i++) {
		size_t r0, r1, a0, a1, k;

		LOWER_BOUND(rows, ns, cl[i].episode_id, r0);
		LOWER_BOUND(rows, ns, cl[i].episode_id + 1, r1);
		LOWER_BOUND(ap, na, cl[i].episode_id, a0);
		LOWER_BOUND(ap, na, cl[i].episode_id + 1, a1);
		k = gather(z, r->now, rows + r0, r1 - r0, ap + a0, a1 - a0, s);
		hours_compute(start, cl[i].level, hours_under_18(cl[i].dob, start), s, k,
		    &items[nitems].w);
		hours_admitted(&items[nitems].w, cl[i].admitted_on);
		hours_step_down(&items[nitems].w, cl[i].admitted_on, cl[i].step_down_weeks);
		if (at_risk && items[nitems].w.flags == 0)
			continue;
		items[nitems].c = &cl[i];
		items[nitems].client_id = cl[i].client_id;
		nitems++;
	}
	free(z);
	page_slice(pg, nitems, &off, &cnt);
	{
		struct buf ids;
		json_t *arr = json_array();

		buf_init(&ids, 0);
		buf_puts(&ids, "ids=");
		for (size_t k = 0; k < cnt; k++) {
			buf_printf(&ids, "%s%lld", k ? "," : "",
			    (long long)items[off + k].client_id);
			req_listed(r, items[off + k].client_id);
			json_array_append_new(arr, item_to_json(&items[off + k]));
		}
		req_audit_as(r, NULL, buf_cstr(&ids));
		buf_free(&ids);
		reply_json(r, 200, json_pack("{s:o,s:I,s:o}", "items", arr,
		    "total", (json_int_t)nitems, "week_start", jdate(start)));
	}
}

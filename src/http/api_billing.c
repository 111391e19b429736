/*
 * api_billing.c — billable days (core/billing.h; issue 13, item 8):
 *
 *   GET /api/v1/clients/{id}/billable-days?from=&to=
 *       one item per day the client attended a counted session, with the
 *       per-diem code, the minutes, every reason the day is not billable,
 *       and each counted session's note state
 *   GET /api/v1/billable-days?site_id=&from=&to=&billable=&limit=&offset=
 *       the same for every client with an episode at the site, by client
 *       name then date, with the range's totals
 *
 * The range is local dates in the site's time zone (of the client's latest
 * episode for one client), by default the last 30 days to today; at most
 * BILL_MAX_DAYS.  The facts are read set-based (store/billing.h: five reads
 * for the whole range, never one per client); which episode holds a day,
 * which appointment kinds count (core/hours.h) and the rule are applied
 * here and in the core.  Reads: no operation; audited as reads of the
 * clients shown (router.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/billing.h"
#include "core/hours.h"
#include "core/schedule.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "lib/buf.h"
#include "store/billing.h"

#define BILL_MAX_DAYS 92	/* a quarter: longer ranges are asked in pieces */
#define BILL_DEFAULT_DAYS 30
/* A site's range is read into an arena of its own, larger than a request's:
 * a month of 1,000 clients is some 25,000 rows (about 6 MiB). */
#define BILL_SITE_ARENA (96u << 20)

/* A day decided. */
struct bill_item {
	int64_t client_id;
	struct date date;
	const struct bill_episode_row *ep;	/* NULL: outside every episode */
	const struct bill_code *code;		/* NULL: no per-diem for the level */
	const struct bill_session_row *const *s;	/* its counted sessions */
	const struct bill_session *one;		/* the same, decided (minutes, note) */
	size_t ns;
	struct bill_day day;
	const struct bill_plan *plans;		/* the episode's */
};

/* ?from and ?to: valid dates, in order, at most BILL_MAX_DAYS; defaults
 * filled later from today.  False after answering 400. */
static bool
range_query(struct req *r, struct date *from, struct date *to, bool *has_from, bool *has_to,
    struct error *e)
{
	const char *f = req_query(r, "from"), *t = req_query(r, "to");

	*has_from = f != NULL;
	*has_to = t != NULL;
	if (f != NULL && !date_parse(f, from))
		error_field(e, "from", "must be a date written YYYY-MM-DD (the first day to show)");
	if (t != NULL && !date_parse(t, to))
		error_field(e, "to", "must be a date written YYYY-MM-DD (the last day to show)");
	if (e->code != ERR_OK)
		return false;
	if (f != NULL && t != NULL) {
		if (date_days(*to) < date_days(*from))
			error_field(e, "to", "must be on or after from");
		else if (date_days(*to) - date_days(*from) + 1 > BILL_MAX_DAYS)
			error_field(e, "to", "must be at most 92 days from from: ask for a "
			    "shorter range (a quarter at most)");
	}
	return e->code == ERR_OK;
}

/* Defaults: to today, from 29 days before to (30 days); a lone from runs
 * 30 days or to today, whichever comes first. */
static void
range_defaults(const struct tz *z, int64_t now, struct date *from, struct date *to,
    bool has_from, bool has_to)
{
	struct date today = local_date(z, now);

	if (!has_to) {
		*to = today;
		if (has_from && date_days(*to) - date_days(*from) >= BILL_DEFAULT_DAYS)
			*to = date_from_days(date_days(*from) + BILL_DEFAULT_DAYS - 1);
		if (has_from && date_days(*to) < date_days(*from))
			*to = date_from_days(date_days(*from) + BILL_DEFAULT_DAYS - 1);
	}
	if (!has_from)
		*from = date_from_days(date_days(*to) - (BILL_DEFAULT_DAYS - 1));
}

static int
cmp_session(const void *a, const void *b)
{
	const struct bill_session_row *x = *(const struct bill_session_row *const *)a;
	const struct bill_session_row *y = *(const struct bill_session_row *const *)b;
	int64_t dx = date_days(x->date), dy = date_days(y->date);

	if (x->client_id != y->client_id)
		return x->client_id < y->client_id ? -1 : 1;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	if (x->starts_at != y->starts_at)
		return x->starts_at < y->starts_at ? -1 : 1;
	return 0;
}

/* The episode of client_id holding day (the latest admitted when two do:
 * a transfer's day); episodes are by client, then admission. */
static const struct bill_episode_row *
episode_on(const struct bill_facts *f, int64_t client_id, struct date day)
{
	const struct bill_episode_row *best = NULL;
	size_t lo = 0, hi = f->nepisodes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->episodes[mid].client_id < client_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < f->nepisodes && f->episodes[i].client_id == client_id; i++) {
		const struct bill_episode_row *e = &f->episodes[i];

		if (date_days(e->admitted_on) > date_days(day))
			continue;
		if (date_valid(e->discharged_on) && date_days(e->discharged_on) < date_days(day))
			continue;
		best = e;
	}
	return best;
}

/* The first plan row of episode_id (plans are by episode, then version). */
static size_t
plans_from(const struct bill_facts *f, int64_t episode_id)
{
	size_t lo = 0, hi = f->nplans;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->plans[mid].episode_id < episode_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct bill_code *
code_of(const struct bill_facts *f, const char *level)
{
	for (size_t i = 0; level != NULL && i < f->ncodes; i++)
		if (f->codes[i].level != NULL && strcmp(f->codes[i].level, level) == 0)
			return &f->codes[i];
	return NULL;
}

/*
 * The days of the facts f in zone z: into *out (n, in a), by client then
 * date.  site_id > 0 keeps only days whose episode is at that site.  False
 * on out of memory.
 */
static bool
decide(struct arena *a, const struct tz *z, const struct bill_facts *f, struct hours_span w,
    int64_t site_id, struct bill_item **out, size_t *n)
{
	size_t ns = 0, nd = 0;
	const struct bill_session_row **s = arena_alloc(a, (f->nsessions + f->nappts + 1) *
	    sizeof *s);
	struct bill_plan *bp = arena_alloc(a, (f->nplans + 1) * sizeof *bp);
	struct bill_session *one;
	struct bill_item *items;

	if (s == NULL || bp == NULL)
		return false;
	for (size_t i = 0; i < f->nsessions; i++)
		s[ns++] = &f->sessions[i];
	for (size_t i = 0; i < f->nappts; i++) {
		struct bill_session_row *ap = &f->appts[i];

		if (!hours_kind_counts(ap->kind))
			continue;
		ap->date = local_date(z, ap->starts_at);
		if (date_days(ap->date) < date_days(w.from) || date_days(ap->date) > date_days(w.to))
			continue;
		s[ns++] = ap;
	}
	qsort(s, ns, sizeof *s, cmp_session);
	for (size_t i = 0; i < f->nplans; i++) {
		const struct bill_plan_row *p = &f->plans[i];

		bp[i].id = p->id;
		bp[i].version = p->version;
		if (p->clinician_signed_at != 0)
			bp[i].clinician_signed_on = local_date(z, p->clinician_signed_at);
		if (p->review_due_at != 0)
			bp[i].review_due_on = local_date(z, p->review_due_at);
		bp[i].client_signed = p->client_signed_at != 0;
	}
	one = arena_alloc(a, (ns + 1) * sizeof *one);
	items = arena_alloc(a, (ns + 1) * sizeof *items);
	if (one == NULL || items == NULL)
		return false;
	for (size_t i = 0; i < ns;) {
		size_t j = i, p0 = 0, np = 0;
		struct bill_item *it = &items[nd];

		while (j < ns && s[j]->client_id == s[i]->client_id &&
		    date_days(s[j]->date) == date_days(s[i]->date))
			j++;
		memset(it, 0, sizeof *it);
		it->client_id = s[i]->client_id;
		it->date = s[i]->date;
		it->ep = episode_on(f, it->client_id, it->date);
		if (site_id > 0 && (it->ep == NULL || it->ep->site_id != site_id)) {
			i = j;
			continue;
		}
		it->s = s + i;
		it->one = one + i;
		it->ns = j - i;
		for (size_t k = i; k < j; k++) {
			one[k].minutes = s[k]->minutes;
			one[k].note = bill_note_state(&s[k]->note);
		}
		if (it->ep != NULL) {
			it->code = code_of(f, it->ep->level);
			p0 = plans_from(f, it->ep->id);
			while (p0 + np < f->nplans && f->plans[p0 + np].episode_id == it->ep->id)
				np++;
		}
		it->plans = bp + p0;
		bill_day_compute(it->date, it->code, one + i, j - i, bp + p0, np, &it->day);
		nd++;
		i = j;
	}
	*out = items;
	*n = nd;
	return true;
}

static const char *
client_name_of(const struct bill_episode_row *e)
{
	return e->preferred_name != NULL && *e->preferred_name ? e->preferred_name :
	    e->first_name;
}

static json_t *
item_to_json(const struct bill_item *it, bool with_client)
{
	json_t *reasons = json_array(), *sessions = json_array(), *o;
	const struct bill_code *c = it->code;

	for (int k = 0; k < BILL_REASON__MAX; k++)
		if (it->day.reasons & (1u << k))
			json_array_append_new(reasons, json_string(bill_reason_name(
			    (enum bill_reason)k)));
	for (size_t k = 0; k < it->ns; k++) {
		const struct bill_session_row *s = it->s[k];
		bool group = strcmp(s->kind, "group") == 0;

		json_array_append_new(sessions, json_pack("{s:s,s:I,s:o,s:i,s:s,s:o,s:s}",
		    "kind", s->kind,
		    group ? "session_id" : "appointment_id", (json_int_t)s->ref_id,
		    "starts_at", jtime(s->starts_at),
		    "minutes", s->minutes,
		    "title", s->title != NULL ? s->title : "",
		    "note_id", s->note_id ? json_integer(s->note_id) : json_null(),
		    "note_state", bill_note_name(it->one[k].note)));
	}
	o = json_pack("{s:o,s:b,s:o,s:o,s:i,s:i,s:i,s:o,s:b,s:o,s:o,s:o}",
	    "date", jdate(it->date),
	    "billable", it->day.billable,
	    "code", c ? json_string(c->code) : json_null(),
	    "revenue_code", c ? json_string(c->revenue_code) : json_null(),
	    "units", it->day.billable ? c->units : 0,
	    "minutes", it->day.minutes,
	    "min_minutes", c ? c->min_minutes : HOURS_SHORT_DAY_MINUTES,
	    "reasons", reasons,
	    "per_diem", c != NULL,
	    "episode_id", it->ep ? json_integer(it->ep->id) : json_null(),
	    "level", it->ep ? jstr(it->ep->level) : json_null(),
	    "sessions", sessions);
	if (it->day.plan >= 0) {
		const struct bill_plan *p = &it->plans[it->day.plan];

		json_object_set_new(o, "plan", json_pack("{s:I,s:i,s:o,s:o,s:b}",
		    "id", (json_int_t)p->id, "version", p->version,
		    "clinician_signed_on", jdate(p->clinician_signed_on),
		    "review_due_on", date_valid(p->review_due_on) ? jdate(p->review_due_on) :
		    json_null(),
		    "client_signed", p->client_signed));
	} else
		json_object_set_new(o, "plan", json_null());
	if (with_client && it->ep != NULL) {
		struct buf b;

		buf_init(&b, 0);
		buf_printf(&b, "%s %s", client_name_of(it->ep), it->ep->last_name);
		json_object_set_new(o, "client_id", json_integer(it->client_id));
		json_object_set_new(o, "name", json_string(buf_cstr(&b)));
		json_object_set_new(o, "first_name", jstr(it->ep->first_name));
		json_object_set_new(o, "last_name", jstr(it->ep->last_name));
		json_object_set_new(o, "preferred_name", jstr(it->ep->preferred_name));
		json_object_set_new(o, "mrn", jstr(it->ep->mrn));
		buf_free(&b);
	}
	return o;
}

/* The range's totals over items[0..n): {"billable_days","not_billable_days",
 * "by_reason":{reason: days}}. */
static json_t *
totals_json(const struct bill_item *items, size_t n)
{
	int by[BILL_REASON__MAX] = { 0 };
	json_t *o = json_object();
	int yes = 0, no = 0;

	for (size_t i = 0; i < n; i++) {
		if (items[i].day.billable)
			yes++;
		else
			no++;
		for (int k = 0; k < BILL_REASON__MAX; k++)
			if (items[i].day.reasons & (1u << k))
				by[k]++;
	}
	for (int k = 0; k < BILL_REASON__MAX; k++)
		json_object_set_new(o, bill_reason_name((enum bill_reason)k), json_integer(by[k]));
	return json_pack("{s:i,s:i,s:o}", "billable_days", yes, "not_billable_days", no,
	    "by_reason", o);
}

void
h_client_billable_days(struct req *r)
{
	struct episode *eps = NULL;
	struct bill_item *items = NULL;
	struct bill_facts f;
	struct client c;
	struct site site;
	struct date from = { 0, 0, 0 }, to = { 0, 0, 0 };
	struct error e;
	struct tz *z;
	size_t neps = 0, n = 0;
	const struct episode *pick = NULL;
	bool has_from, has_to;
	json_t *arr;

	error_clear(&e);
	memset(&c, 0, sizeof c);
	if (!range_query(r, &from, &to, &has_from, &has_to, &e)) {
		reply_error(r, &e);
		return;
	}
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_episode_list(r->app->store, c.id, r->arena, &eps, &neps, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	/* The zone: the site of the latest episode (days are the program's). */
	for (size_t i = 0; i < neps; i++)
		if (pick == NULL || date_days(eps[i].admitted_on) > date_days(pick->admitted_on))
			pick = &eps[i];
	if (pick == NULL) {
		reply_json(r, 200, json_pack("{s:[],s:i,s:o}", "items", "total", 0,
		    "totals", totals_json(NULL, 0)));
		return;
	}
	if ((z = site_zone(r, pick->site_id, &site, &e)) == NULL) {
		reply_error(r, &e);
		return;
	}
	range_defaults(z, r->now, &from, &to, has_from, has_to);
	{
		struct hours_span w = span_of(z, from, to);

		if (store_billing_facts(r->app->store, c.id, 0, w, r->arena, &f, &e) != ERR_OK) {
			free(z);
			reply_error(r, &e);
			return;
		}
		if (!decide(r->arena, z, &f, w, 0, &items, &n)) {
			free(z);
			reply_err(r, ERR_NOMEM, "Out of memory.");
			return;
		}
	}
	free(z);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, item_to_json(&items[i], false));
	reply_json(r, 200, json_pack("{s:o,s:I,s:o,s:o,s:o}", "items", arr,
	    "total", (json_int_t)n, "from", jdate(from), "to", jdate(to),
	    "totals", totals_json(items, n)));
}

/* By client name, then client id, then date. */
static int
cmp_item(const void *a, const void *b)
{
	const struct bill_item *x = a, *y = b;
	int c;

	if (x->client_id != y->client_id) {
		c = strcasecmp(x->ep->last_name ? x->ep->last_name : "",
		    y->ep->last_name ? y->ep->last_name : "");
		if (c == 0)
			c = strcasecmp(x->ep->first_name ? x->ep->first_name : "",
			    y->ep->first_name ? y->ep->first_name : "");
		if (c != 0)
			return c;
		return x->client_id < y->client_id ? -1 : 1;
	}
	return date_days(x->date) < date_days(y->date) ? -1 :
	    date_days(x->date) > date_days(y->date);
}

/*
 * GET /api/v1/billable-days?site_id=&from=&to=&billable=true|false
 * &limit=&offset=: {"items":[ITEM with the client],"total","from","to",
 * "totals"}; totals count every day of the range at the site, whatever
 * billable= keeps; the audit row names the clients of the page shown.
 */
void
h_billable_days_list(struct req *r)
{
	const char *bq = req_query(r, "billable");
	struct bill_item *items = NULL, *kept;
	struct bill_facts f;
	struct hours_span w;
	struct site site;
	struct date from = { 0, 0, 0 }, to = { 0, 0, 0 };
	struct page pg;
	struct error e;
	struct arena *pa;
	struct tz *z;
	size_t n = 0, nkept = 0, off, cnt;
	int64_t site_id = 0;
	bool has_from, has_to;
	int want = -1;		/* -1 all, 0 not billable, 1 billable */

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (req_query(r, "site_id") == NULL)
		error_field(&e, "site_id", "is required: the site whose days to show");
	else
		req_query_int(r, "site_id", 1, INT64_MAX, &site_id, &e, "must be a site id");
	if (bq != NULL && strcmp(bq, "true") == 0)
		want = 1;
	else if (bq != NULL && strcmp(bq, "false") == 0)
		want = 0;
	else if (bq != NULL)
		error_field(&e, "billable", "must be true or false");
	if (e.code == ERR_OK)
		range_query(r, &from, &to, &has_from, &has_to, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if ((z = site_zone(r, site_id, &site, &e)) == NULL) {
		reply_error(r, &e);
		return;
	}
	range_defaults(z, r->now, &from, &to, has_from, has_to);
	w = span_of(z, from, to);
	if ((pa = arena_new(BILL_SITE_ARENA)) == NULL) {
		free(z);
		reply_err(r, ERR_NOMEM, "Out of memory.");
		return;
	}
	if (store_billing_facts(r->app->store, 0, site_id, w, pa, &f, &e) != ERR_OK) {
		free(z);
		arena_free(pa);
		reply_error(r, &e);
		return;
	}
	if (!decide(pa, z, &f, w, site_id, &items, &n) ||
	    (kept = arena_alloc(pa, (n + 1) * sizeof *kept)) == NULL) {
		free(z);
		arena_free(pa);
		reply_err(r, ERR_NOMEM, "The server ran out of memory: ask for a shorter range.");
		return;
	}
	free(z);
	qsort(items, n, sizeof *items, cmp_item);
	for (size_t i = 0; i < n; i++)
		if (want < 0 || (want == 1) == items[i].day.billable)
			kept[nkept++] = items[i];
	page_slice(pg, nkept, &off, &cnt);
	{
		struct buf ids;
		json_t *arr = json_array();
		int64_t last = 0;

		buf_init(&ids, 0);
		buf_puts(&ids, "ids=");
		for (size_t k = 0; k < cnt; k++) {
			const struct bill_item *it = &kept[off + k];

			if (it->client_id != last) {
				buf_printf(&ids, "%s%lld", last ? "," : "",
				    (long long)it->client_id);
				req_listed(r, it->client_id);
				last = it->client_id;
			}
			json_array_append_new(arr, item_to_json(it, true));
		}
		req_audit_as(r, NULL, buf_cstr(&ids));
		buf_free(&ids);
		reply_json(r, 200, json_pack("{s:o,s:I,s:o,s:o,s:o}", "items", arr,
		    "total", (json_int_t)nkept, "from", jdate(from), "to", jdate(to),
		    "totals", totals_json(items, n)));
	}
	arena_free(pa);
}

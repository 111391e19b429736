/*
 * api_duty.c — the duty roster: which clinician is on duty at a site, and
 * when.  A safety alert for a client without a clinician of their own goes
 * to the clinician on duty at the site (core/alert.c).
 *
 * Shifts are UTC instants; the web app shows them in local time.  The
 * rules (core/duty.h) and the writes (src/ops/duty.c) are elsewhere; this
 * file decodes, reads the roster and answers.
 */
#include <limits.h>
#include <string.h>

#include "core/validate.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/duty.h"


static json_t *
duty_to_json(const struct duty_shift *d)
{
	return json_pack("{s:I,s:I,s:o,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:b}",
	    "id", (json_int_t)d->id, "site_id", (json_int_t)d->site_id,
	    "series_id", d->series_id ? json_integer(d->series_id) : json_null(),
	    "staff_id", (json_int_t)d->staff_id, "staff_name", jstr(d->staff_name),
	    "username", jstr(d->username), "starts_at", jtime(d->starts_at),
	    "ends_at", jtime(d->ends_at), "note", jstr(d->note),
	    "created_at", jtime(d->created_at), "routes_alerts", d->routes_alerts);
}

/* An optional instant from the query string; false after answering 400. */
static bool
query_instant(struct req *r, const char *key, int64_t *out)
{
	const char *v = req_query(r, key);
	struct error e;

	if (v == NULL)
		return true;
	if (instant_parse(v, out))
		return true;
	error_clear(&e);
	error_field(&e, key, "must be a time written YYYY-MM-DDTHH:MMZ (UTC)");
	reply_error(r, &e);
	return false;
}

/*
 * The roster: without ?limit it answers the whole window (at most 62 days);
 * with ?limit and/or ?offset, that page of it.  total is the true count of
 * the window's shifts either way.
 */
void
h_duty_list(struct req *r)
{
	struct page all = { INT_MAX, 0 }, pg = all;
	struct duty_shift *items, *now_items;
	size_t n, nnow;
	int64_t from = r->now - 86400, to, total, total_now;
	struct site site;
	struct error e;
	json_t *now_list, *list;

	if (req_query(r, "limit") != NULL || req_query(r, "offset") != NULL) {
		if (!req_page(r, &pg))
			return;
		if (req_query(r, "limit") == NULL)
			pg.limit = INT_MAX;
	}
	if (!query_instant(r, "from", &from))
		return;
	to = from + 14 * 86400;
	if (!query_instant(r, "to", &to))
		return;
	error_clear(&e);
	if (to <= from)
		error_field(&e, "to", "must be after from");
	else if (to - from > DUTY_WINDOW_MAX_S)
		error_field(&e, "to", "must be at most 62 days after from");
	if (e.code == ERR_OK &&
	    store_site_get(r->app->store, r->ids[0], r->arena, &site, &e) == ERR_OK &&
	    store_duty_list(r->app->store, site.id, from, to, pg, r->arena, &items, &n, &total,
	    &e) == ERR_OK)
		store_duty_list(r->app->store, site.id, r->now, r->now + 1, all, r->arena,
		    &now_items, &nnow, &total_now, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	/* On duty now: those alerts would go to (not a disabled account). */
	now_list = json_array();
	for (size_t i = 0; i < nnow; i++)
		if (now_items[i].routes_alerts)
			json_array_append_new(now_list, duty_to_json(&now_items[i]));
	list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, duty_to_json(&items[i]));
	reply_json(r, 200, json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:I}", "site_id",
	    (json_int_t)site.id, "from", jtime(from), "to", jtime(to), "now", jtime(r->now),
	    "on_duty_now", now_list, "items", list, "total", (json_int_t)total));
}

OP_AFTER(duty_add_after, struct duty_add_in, duty_to_json, 201)

#define DS(m) offsetof(struct duty_shift, m)
#define TIME_MSG "must be a time written YYYY-MM-DDTHH:MMZ (UTC)"

static const struct fdef duty_shift_fields[] = {
	{ .name = "staff_id", .kind = FK_INT, .off = DS(staff_id), .flags = FD_REQUIRED,
	    .min = 1, .max = INT64_MAX },
	{ .name = "starts_at", .kind = FK_INSTANT, .off = DS(starts_at),
	    .flags = FD_REQUIRED, .msg = TIME_MSG },
	{ .name = "ends_at", .kind = FK_INSTANT, .off = DS(ends_at), .flags = FD_REQUIRED,
	    .msg = TIME_MSG },
	{ .name = "note", .kind = FK_TEXT, .off = DS(note) },
};
const struct fdecoder dec_duty_shift = FDECODER("duty_shift", struct duty_shift,
    duty_shift_fields);

void
h_duty_add(struct req *r)
{
	struct duty_add_in *in;
	const char *m;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->d.site_id = r->ids[0];
	in->d.note = "";
	/* Still INT64_MIN after decoding: that time was missing or wrong. */
	in->d.starts_at = in->d.ends_at = INT64_MIN;
	fdecode(&dec_duty_shift, o, r->arena, &in->d, NULL, &e, NULL);
	if (in->d.starts_at != INT64_MIN && in->d.ends_at != INT64_MIN)
		duty_times_check(in->d.starts_at, in->d.ends_at, r->now, &e);
	if ((m = check_text(in->d.note, DUTY_NOTE_MAX, false, false)) != NULL)
		error_field(&e, "note", "%s", m);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, arena_printf(r->arena, "site=%lld staff=%lld",
	    (long long)in->d.site_id, (long long)in->d.staff_id));
	req_op(r, op_duty_add_run, in, duty_add_after);
}

static void
duty_remove_after(struct req *r)
{
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_empty(r, 204);
}

void
h_duty_remove(struct req *r)
{
	struct duty_remove_in *in;

	if (!REQ_OP_INPUT(r, in) || (in->done = req_zalloc(r, sizeof *in->done)) == NULL)
		return;
	in->id = r->ids[0];
	req_op(r, op_duty_remove_run, in, duty_remove_after);
}

/* ---- repeating shifts ------------------------------------------------------ */

static json_t *
series_to_json(const struct duty_series *d)
{
	json_t *days = json_array();
	char start[24], end[24], from[11], until[11];

	for (int i = 0; i < WD__MAX; i++)
		if (d->weekdays & (1u << i))
			json_array_append_new(days, json_string(weekday_name((enum weekday)i)));
	snprintf(start, sizeof start, "%02d:%02d", d->start_min / 60, d->start_min % 60);
	snprintf(end, sizeof end, "%02d:%02d", d->end_min / 60, d->end_min % 60);
	date_format(d->from, from);
	date_format(d->until, until);
	return json_pack("{s:I,s:I,s:I,s:o,s:o,s:o,s:s,s:s,s:b,s:s,s:s,s:o,s:I,s:o,s:o}",
	    "id", (json_int_t)d->id, "site_id", (json_int_t)d->site_id,
	    "staff_id", (json_int_t)d->staff_id, "staff_name", jstr(d->staff_name),
	    "username", jstr(d->username), "weekdays", days, "start", start, "end", end,
	    "overnight", d->end_min <= d->start_min, "from", from, "until", until,
	    "note", jstr(d->note), "upcoming", (json_int_t)d->upcoming,
	    "created_at", jtime(d->created_at), "updated_at", jtime(d->updated_at));
}

void
h_duty_series_list(struct req *r)
{
	struct duty_series *items;
	struct site site;
	struct page pg;
	struct error e;
	size_t n;
	int64_t total;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_site_get(r->app->store, r->ids[0], r->arena, &site, &e) != ERR_OK ||
	    store_duty_series_list(r->app->store, site.id, r->now, pg, r->arena, &items, &n,
	    &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, series_to_json, total);
}

/* The body of a repeating shift, as given. */
struct series_body {
	int64_t staff_id;
	unsigned weekdays;
	int start_min, end_min;
	struct date from, until;
	const char *note;
};

static const char *
weekdays_parse(json_t *v, void *dst, struct arena *a)
{
	static const char bad[] = "must be a list of days: mon, tue, wed, thu, fri, sat, sun";
	unsigned *out = dst;
	size_t i;
	json_t *x;

	(void)a;
	if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > 7)
		return bad;
	*out = 0;
	json_array_foreach(v, i, x) {
		enum weekday d;
		if (!json_is_string(x) || !weekday_parse(json_string_value(x), &d))
			return bad;
		*out |= 1u << d;
	}
	return NULL;
}

static const char *
hhmm_parse(json_t *v, void *dst, struct arena *a)
{
	(void)a;
	if (!json_is_string(v) || strlen(json_string_value(v)) != 5 ||
	    !time_parse_hhmm(json_string_value(v), dst) || *(int *)dst >= 24 * 60)
		return "must be a time of day written HH:MM (24-hour, the site's local time)";
	return NULL;
}

#define SB(m) offsetof(struct series_body, m)

static const struct fdef duty_series_fields[] = {
	{ .name = "staff_id", .kind = FK_INT, .off = SB(staff_id), .min = 1,
	    .max = INT64_MAX },
	{ .name = "weekdays", .kind = FK_CUSTOM, .off = SB(weekdays), .flags = FD_REQUIRED,
	    .parse = weekdays_parse },
	{ .name = "start", .kind = FK_CUSTOM, .off = SB(start_min), .flags = FD_REQUIRED,
	    .parse = hhmm_parse },
	{ .name = "end", .kind = FK_CUSTOM, .off = SB(end_min), .flags = FD_REQUIRED,
	    .parse = hhmm_parse },
	{ .name = "from", .kind = FK_DATE, .off = SB(from), .flags = FD_REQUIRED },
	{ .name = "until", .kind = FK_DATE, .off = SB(until), .flags = FD_REQUIRED },
	{ .name = "note", .kind = FK_TEXT, .off = SB(note) },
};
const struct fdecoder dec_duty_series = FDECODER("duty_series", struct series_body,
    duty_series_fields);

/* The body into in->s; false after answering 400.  A change need not name
 * the staff member (the series keeps its own). */
static bool
series_body(struct req *r, struct duty_series_in *in, bool change)
{
	struct series_body b = { 0, 0, -1, -1, { 0, 0, 0 }, { 0, 0, 0 }, "" };
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return false;
	error_clear(&e);
	fdecode(&dec_duty_series, o, r->arena, &b, NULL, &e, NULL);
	if (!change && b.staff_id == 0 && !json_is_integer(json_object_get(o, "staff_id")))
		error_field(&e, "staff_id", "is required");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	in->s.staff_id = b.staff_id;
	in->s.weekdays = b.weekdays;
	in->s.start_min = b.start_min;
	in->s.end_min = b.end_min;
	in->s.from = b.from;
	in->s.until = b.until;
	in->s.note = b.note;
	return true;
}

OP_AFTER(series_add_after, struct duty_series_in, series_to_json, 201)
OP_AFTER(series_update_after, struct duty_series_in, series_to_json, 200)

void
h_duty_series_add(struct req *r)
{
	struct duty_series_in *in;

	if (!REQ_OP_INPUT(r, in) || !series_body(r, in, false))
		return;
	in->s.site_id = r->ids[0];
	req_op(r, op_duty_series_add_run, in, series_add_after);
}

void
h_duty_series_update(struct req *r)
{
	struct duty_series_in *in;

	if (!REQ_OP_INPUT(r, in) || !series_body(r, in, true))
		return;
	in->s.id = r->ids[0];
	req_op(r, op_duty_series_update_run, in, series_update_after);
}

void
h_duty_series_end(struct req *r)
{
	struct duty_series_end_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->id = r->ids[0];
	req_op(r, op_duty_series_end_run, in, duty_remove_after);
}

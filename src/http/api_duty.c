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
	return json_pack("{s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:b}",
	    "id", (json_int_t)d->id, "site_id", (json_int_t)d->site_id,
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

/*
 * api_duty.c — the duty roster: which clinician is on duty at a site, and
 * when.  A safety alert for a client without a clinician of their own goes
 * to the clinician on duty at the site (api_screening.c).
 *
 * Shifts are UTC instants; the web app shows them in local time.  The
 * roster is the record of who answered alerts, so the past is not
 * rewritten: a shift cannot start more than an hour back; one that has
 * ended stays; one under way can only be ended now; one not yet started may
 * be taken off (it is kept, marked removed).
 */
#include <string.h>

#include "core/validate.h"
#include "http/req.h"

#define DUTY_SHIFT_MAX_S (7 * 86400)	/* one shift lasts at most a week */
#define DUTY_WINDOW_MAX_S (62 * 86400)	/* one read spans at most 62 days */
#define DUTY_NOTE_MAX 200
#define DUTY_LATE_S 3600		/* a shift entered late may have started this long ago */

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

void
h_duty_list(struct req *r)
{
	struct duty_shift *items, *now_items;
	size_t n, nnow;
	int64_t from = r->now - 86400, to;
	struct site site;
	struct error e;
	json_t *now_list, *list;

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
	    store_duty_list(r->app->store, site.id, from, to, r->arena, &items, &n, &e) ==
	    ERR_OK)
		store_duty_list(r->app->store, site.id, r->now, r->now + 1, r->arena, &now_items,
		    &nnow, &e);
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
	reply_json(r, 200, json_pack("{s:I,s:o,s:o,s:o,s:o,s:o}", "site_id", (json_int_t)site.id,
	    "from", jtime(from), "to", jtime(to), "now", jtime(r->now), "on_duty_now", now_list,
	    "items", list));
}

struct duty_job {
	struct req *r;
	struct duty_shift d;
};

static bool
staff_works_at(const struct staff *st, int64_t site_id)
{
	for (int i = 0; i < st->nsites; i++)
		if (st->site_ids[i] == site_id)
			return true;
	return false;
}

static enum err
duty_add_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct duty_job *j = arg;
	struct staff st;
	struct site site;
	int64_t n;

	if (store_tx_site_get(tx, j->d.site_id, j->r->arena, &site, e) != ERR_OK)
		return e->code;
	if (!site.active)
		return error_set(e, ERR_CONFLICT, "This site is inactive.");
	if (store_tx_staff_get(tx, j->d.staff_id, j->r->arena, &st, e) != ERR_OK) {
		error_clear(e);
		return error_field(e, "staff_id", "is not a staff member");
	}
	if (!st.active || !(st.roles & (1u << ROLE_CLINICIAN)))
		return error_field(e, "staff_id", "must be an active clinician");
	if (!staff_works_at(&st, site.id))
		return error_field(e, "staff_id", "does not work at this site (add the site to "
		    "their account first)");
	if (store_tx_duty_overlaps(tx, &j->d, &n, e) != ERR_OK)
		return e->code;
	if (n > 0)
		return error_set(e, ERR_CONFLICT, "%s is already on duty at this site for part "
		    "of that time.", st.full_name);
	if (store_tx_duty_insert(tx, &j->d, e) != ERR_OK)
		return e->code;
	j->d.staff_name = st.full_name;
	j->d.username = st.username;
	j->d.routes_alerts = true;	/* an active clinician, checked above */
	j->r->audit[0].record_id = j->d.id;
	return ERR_OK;
}

static void
duty_add_after(struct req *r)
{
	struct duty_job *j = r->run_arg;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 201, duty_to_json(&j->d));
}

void
h_duty_add(struct req *r)
{
	static const char *const keys[] = { "staff_id", "starts_at", "ends_at", "note", NULL };
	struct duty_job *j = arena_alloc(r->arena, sizeof *j);
	const char *m;
	struct error e;
	json_t *o;
	bool times;

	if ((o = req_json_object(r)) == NULL)
		return;
	memset(j, 0, sizeof *j);
	error_clear(&e);
	j->r = r;
	j->d.site_id = r->ids[0];
	j->d.created_by = r->sess.staff_id;
	j->d.note = "";
	json_only_keys(o, keys, &e, NULL);
	if (json_object_get(o, "staff_id") == NULL)
		error_field(&e, "staff_id", "is required");
	jfield_int(o, "staff_id", 1, INT64_MAX, &j->d.staff_id, &e, NULL);
	times = jfield_instant(o, "starts_at", &j->d.starts_at, &e, NULL);
	times = jfield_instant(o, "ends_at", &j->d.ends_at, &e, NULL) && times;
	if (times && j->d.ends_at <= j->d.starts_at)
		error_field(&e, "ends_at", "must be after the start");
	else if (times && j->d.ends_at - j->d.starts_at > DUTY_SHIFT_MAX_S)
		error_field(&e, "ends_at", "must be at most 7 days after the start");
	else if (times && j->d.ends_at <= r->now)
		error_field(&e, "ends_at", "has already passed");
	/* The roster says who answered alerts: the past is not rewritten. */
	if (times && j->d.starts_at < r->now - DUTY_LATE_S)
		error_field(&e, "starts_at", "is more than an hour ago: a shift already under way "
		    "can start now");
	jfield_str(o, "note", r->arena, &j->d.note, &e, NULL);
	if ((m = check_text(j->d.note, DUTY_NOTE_MAX, false, false)) != NULL)
		error_field(&e, "note", "%s", m);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, arena_printf(r->arena, "site=%lld staff=%lld",
	    (long long)j->d.site_id, (long long)j->d.staff_id));
	req_write(r, duty_add_run, j, duty_add_after);
}

/* Not started: off the roster (kept, marked removed).  Under way: it ends
 * now, so the roster still says who was on duty until then.  Ended: kept. */
static enum err
duty_remove_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct duty_job *j = arg;
	struct req *r = j->r;
	int64_t now = store_tx_now(tx);

	if (store_tx_duty_get(tx, j->d.id, r->arena, &j->d, e) != ERR_OK)
		return e->code;
	if (j->d.ends_at <= now)
		return error_set(e, ERR_CONFLICT, "This shift has ended; it stays on the roster "
		    "as the record of who was on duty.");
	r->audit[0].detail = arena_printf(r->arena, "site=%lld staff=%lld",
	    (long long)j->d.site_id, (long long)j->d.staff_id);
	if (j->d.starts_at <= now) {
		r->audit[0].action = "duty.end";
		return store_tx_duty_end(tx, j->d.id, e);
	}
	return store_tx_duty_remove(tx, j->d.id, r->sess.staff_id, e);
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
	struct duty_job *j = arena_alloc(r->arena, sizeof *j);

	memset(j, 0, sizeof *j);
	j->r = r;
	j->d.id = r->ids[0];
	req_write(r, duty_remove_run, j, duty_remove_after);
}

/*
 * api_measures.c — measurement-based care: the program's schedule of
 * repeated instruments (GET, PATCH /api/v1/measures/schedule), a client's
 * measures (GET /clients/{id}/measures: per instrument the last score, when
 * it is next due and the score history) and the worklist of measures due
 * in open episodes (GET /measures/due?site_id=&mine=).  Days are the
 * episode's site's (its zone); the rules are core/measure.h's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/measure.h"
#include "core/schedule.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "lib/tz.h"
#include "ops/measure.h"
#include "store/measures.h"

static json_t *
jday(int64_t day)
{
	return jdate(date_from_days(day));
}

/* ---- the schedule ------------------------------------------------------------ */

static json_t *
bands_json(const struct measure_def *d)
{
	json_t *a = json_array();

	for (int i = 0; i < d->nbands; i++)
		json_array_append_new(a, json_pack("{s:i,s:s}", "min", d->bands[i].min, "name",
		    d->bands[i].name));
	return a;
}

static const struct measure_setting *
find_setting(const struct measure_setting *v, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return &v[i];
	return NULL;
}

static json_t *
schedule_json(const struct measure_setting *v, size_t n)
{
	json_t *items = json_array();

	for (size_t i = 0; i < measure_count(); i++) {
		const struct measure_def *d = measure_at(i);
		const struct measure_setting *s = find_setting(v, n, d->code);

		if (s == NULL)
			continue;
		json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:o,"
		    "s:o}",
		    "code", d->code, "name", d->short_name, "score", d->score,
		    "score_label", d->score_label, "score_max", d->score_max,
		    "every_days", s->every_days, "worsen_by", s->worsen_by,
		    "default_every_days", d->every_default,
		    "default_worsen_by", d->worsen_default, "bands", bands_json(d),
		    "updated_at", jtime(s->updated_at)));
	}
	return json_pack("{s:o,s:i,s:i}", "items", items, "grace_days", MEASURE_GRACE_DAYS,
	    "intake_days", MEASURE_INTAKE_DAYS);
}

void
h_measure_schedule_get(struct req *r)
{
	struct measure_setting *v;
	struct error e;
	size_t n;

	error_clear(&e);
	if (store_measure_settings(r->app->store, r->arena, &v, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, schedule_json(v, n));
}

struct schedule_job {
	struct measure_schedule_in in;
	struct measure_setting *out;
	size_t nout;
};

static void
schedule_after(struct req *r)
{
	const struct schedule_job *j = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 200, schedule_json(j->out, j->nout));
}

/* One of "every_days", "worsen_by" of code's object: a whole number. */
static void
setting_int(json_t *o, const char *code, const char *key, int *dst, struct arena *a,
    struct error *e)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL)
		return;
	if (!json_is_integer(v)) {
		error_field(e, arena_printf(a, "%s.%s", code, key), "must be a whole number");
		return;
	}
	/* Out of range: measure_setting_check names the range. */
	*dst = json_integer_value(v) < 0 || json_integer_value(v) > 100000 ? -1 :
	    (int)json_integer_value(v);
}

/* PATCH {"phq9": {"every_days": 14, "worsen_by": 5}, ...}: the instruments
 * given change, each field given; the rest stay. */
void
h_measure_schedule_patch(struct req *r)
{
	struct schedule_job *j = req_zalloc(r, sizeof *j);
	struct measure_setting *cur;
	const char *code, *key;
	struct error e;
	json_t *o, *v, *x;
	size_t n;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	if (store_measure_settings(r->app->store, r->arena, &cur, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	json_object_foreach(o, code, v) {
		const struct measure_setting *s = find_setting(cur, n, code);
		struct measure_setting *m;

		if (s == NULL || measure_find(code) == NULL) {
			error_field(&e, code, "is not an instrument that is repeated: use phq9, gad7 "
			    "or bam");
			continue;
		}
		if (!json_is_object(v)) {
			error_field(&e, code, "must be an object with every_days and worsen_by");
			continue;
		}
		json_object_foreach(v, key, x)
			if (strcmp(key, "every_days") != 0 && strcmp(key, "worsen_by") != 0)
				error_field(&e, arena_printf(r->arena, "%s.%s", code, key),
				    "is not a setting: use every_days or worsen_by");
		if (j->in.n >= sizeof j->in.items / sizeof j->in.items[0])
			continue;
		m = &j->in.items[j->in.n++];
		*m = *s;
		setting_int(v, code, "every_days", &m->every_days, r->arena, &e);
		setting_int(v, code, "worsen_by", &m->worsen_by, r->arena, &e);
	}
	for (size_t i = 0; e.code == ERR_OK && i < j->in.n; i++)
		measure_setting_check(&j->in.items[i], &e);
	for (size_t i = 0; e.code == ERR_INVALID && i < j->in.n; i++)
		measure_setting_check(&j->in.items[i], &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->in.out = &j->out;
	j->in.nout = &j->nout;
	req_op(r, op_measure_schedule_save_run, j, schedule_after);
}

/* ---- a client's measures ------------------------------------------------------ */

/* The tracked score in a screening's scores (JSON text); false when absent. */
static bool
tracked(const struct measure_def *d, const char *scores, int *out)
{
	json_t *o = json_loads(scores != NULL ? scores : "{}", 0, NULL);
	json_t *v = json_object_get(o, d->score);
	bool ok = json_is_integer(v);

	if (ok)
		*out = (int)json_integer_value(v);
	json_decref(o);
	return ok;
}

static json_t *
due_json(const struct measure_due *du)
{
	return json_pack("{s:s,s:o,s:o}", "state", measure_state_name(du->state),
	    "due_on", du->state == MEASURE_OFF ? json_null() : jday(du->due_day),
	    "overdue_on", du->state == MEASURE_OFF ? json_null() : jday(du->overdue_day));
}

void
h_client_measures(struct req *r)
{
	struct measure_setting *set;
	struct measure_due_row *rows;
	struct measure_point *pts;
	struct zones zs = { 0 };
	struct client c;
	struct error e;
	size_t nset, nrows, npts;
	json_t *items, *episode = json_null();
	const struct measure_due_row *ep = NULL;
	int64_t today = 0, admitted_day = 0;

	error_clear(&e);
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_measure_settings(r->app->store, r->arena, &set, &nset, &e) != ERR_OK ||
	    store_measure_due_rows(r->app->store, 0, 0, c.id, true, r->arena, &rows, &nrows,
	    &e) != ERR_OK ||
	    store_measure_history(r->app->store, c.id, r->arena, &pts, &npts, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (nrows > 0) {
		struct date ad;

		ep = &rows[0];
		today = day_in(&zs, ep->timezone, r->now);
		if (date_parse(ep->admitted_on, &ad))
			admitted_day = date_days(ad);
		episode = json_pack("{s:I,s:s,s:I,s:o}", "id", (json_int_t)ep->episode_id,
		    "admitted_on", ep->admitted_on, "site_id", (json_int_t)ep->site_id,
		    "today", jday(today));
	}
	items = json_array();
	for (size_t i = 0; i < measure_count(); i++) {
		const struct measure_def *d = measure_at(i);
		const struct measure_setting *s = find_setting(set, nset, d->code);
		json_t *hist = json_array(), *last = json_null(), *it;
		const struct measure_due_row *row = NULL;
		int64_t last_at = 0;

		if (s == NULL)
			continue;
		for (size_t k = 0; k < nrows; k++)
			if (strcmp(rows[k].code, d->code) == 0)
				row = &rows[k];
		for (size_t k = 0; k < npts; k++) {
			int v;

			if (strcmp(pts[k].code, d->code) != 0 || !tracked(d, pts[k].scores, &v))
				continue;
			json_decref(last);
			last = json_pack("{s:I,s:o,s:i,s:s,s:s}", "id", (json_int_t)pts[k].id,
			    "administered_at", jtime(pts[k].administered_at), "value", v,
			    "band", measure_band(d, v), "result", pts[k].band);
			json_array_append(hist, last);
			last_at = pts[k].administered_at;
		}
		it = json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:i,s:o,s:o,s:o}", "code", d->code,
		    "name", d->short_name, "score", d->score, "score_label", d->score_label,
		    "score_max", d->score_max, "every_days", s->every_days,
		    "worsen_by", s->worsen_by, "bands", bands_json(d), "last", last,
		    "history", hist);
		if (row != NULL) {
			struct measure_due du;

			measure_due(admitted_day, row->last_at != 0,
			    row->last_at != 0 ? day_in(&zs, row->timezone, row->last_at) : 0,
			    s->every_days, today, &du);
			json_object_set_new(it, "due", due_json(&du));
		} else {
			json_object_set_new(it, "due", json_null());
		}
		(void)last_at;
		json_array_append_new(items, it);
	}
	zones_free(&zs);
	{
		struct buf ids;

		buf_init(&ids, 0);
		buf_puts(&ids, "screenings=");
		for (size_t k = 0; k < npts; k++)
			buf_printf(&ids, "%s%lld", k ? "," : "", (long long)pts[k].id);
		if (npts == 0)
			buf_puts(&ids, "none");
		req_audit_as(r, NULL, buf_cstr(&ids));
		buf_free(&ids);
	}
	reply_json(r, 200, json_pack("{s:I,s:o,s:o,s:i}", "client_id", (json_int_t)c.id,
	    "episode", episode, "items", items, "grace_days", MEASURE_GRACE_DAYS));
}

/* ---- the worklist ------------------------------------------------------------- */

struct due_item {
	const struct measure_due_row *row;
	const struct measure_def *def;
	struct measure_due du;
	int64_t today;
};

static int
due_cmp(const void *pa, const void *pb)
{
	const struct due_item *a = pa, *b = pb;

	if (a->du.due_day != b->du.due_day)
		return a->du.due_day < b->du.due_day ? -1 : 1;
	if (a->row->client_id != b->row->client_id)
		return a->row->client_id < b->row->client_id ? -1 : 1;
	return strcmp(a->def->code, b->def->code);
}

/* GET /measures/due?site_id=&mine=true: the measures due or overdue in open
 * episodes (at a site; of my clients), the longest due first. */
void
h_measures_due(struct req *r)
{
	const char *mine = req_query(r, "mine");
	struct measure_due_row *rows;
	struct due_item *items;
	struct zones zs = { 0 };
	struct error e;
	int64_t site_id = 0;
	size_t n, m = 0;
	json_t *arr;
	struct buf ids;

	error_clear(&e);
	if (!req_query_int(r, "site_id", 1, INT64_MAX, &site_id, &e, "must be a site's id") ||
	    (mine != NULL && strcmp(mine, "true") != 0 && strcmp(mine, "false") != 0 &&
	    *mine != '\0')) {
		if (e.code == ERR_OK)
			error_field(&e, "mine", "must be true or false");
		reply_error(r, &e);
		return;
	}
	if (store_measure_due_rows(r->app->store, site_id,
	    mine != NULL && strcmp(mine, "true") == 0 ? r->sess.staff_id : 0, 0, false, r->arena,
	    &rows, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	items = arena_alloc(r->arena, (n ? n : 1) * sizeof *items);
	if (items == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct due_item *it = &items[m];
		struct date ad;

		it->row = &rows[i];
		it->def = measure_find(rows[i].code);
		if (it->def == NULL || !date_parse(rows[i].admitted_on, &ad))
			continue;
		it->today = day_in(&zs, rows[i].timezone, r->now);
		measure_due(date_days(ad), rows[i].last_at != 0,
		    rows[i].last_at != 0 ? day_in(&zs, rows[i].timezone, rows[i].last_at) : 0,
		    rows[i].every_days, it->today, &it->du);
		if (it->du.state == MEASURE_DUE || it->du.state == MEASURE_OVERDUE)
			m++;
	}
	zones_free(&zs);
	qsort(items, m, sizeof *items, due_cmp);
	arr = json_array();
	buf_init(&ids, 0);
	buf_puts(&ids, "episodes=");
	for (size_t i = 0; i < m; i++) {
		const struct due_item *it = &items[i];
		const struct measure_due_row *w = it->row;

		json_array_append_new(arr, json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:s,s:o,s:o,"
		    "s:I,s:o,s:{s:o,s:o,s:o,s:o}}",
		    "client_id", (json_int_t)w->client_id, "episode_id", (json_int_t)w->episode_id,
		    "site_id", (json_int_t)w->site_id,
		    "primary_clinician", (json_int_t)w->primary_clinician,
		    "code", it->def->code, "name", it->def->short_name,
		    "state", measure_state_name(it->du.state), "due_on", jday(it->du.due_day),
		    "overdue_on", jday(it->du.overdue_day),
		    "days_due", (json_int_t)(it->today - it->du.due_day),
		    "last_at", jtime(w->last_at),
		    "client", "mrn", jstr(w->client_mrn), "first_name", jstr(w->client_first),
		    "last_name", jstr(w->client_last), "preferred_name",
		    jstr(w->client_preferred)));
		buf_printf(&ids, "%s%lld:%s", i ? "," : "", (long long)w->episode_id,
		    it->def->code);
		req_listed(r, w->client_id);
	}
	if (m == 0)
		buf_puts(&ids, "none");
	req_audit_as(r, NULL, buf_cstr(&ids));
	buf_free(&ids);
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)m));
}

/*
 * api_drugscreens.c — a client's medications and drug screens, and their
 * vocabulary (substances, panels, medications for addiction treatment).
 *
 * A medication is added (POST /clients/{id}/medications) and changed
 * (PATCH /medications/{id}: an edit, a stop date, or entered_in_error with
 * a reason), never deleted.  A drug screen is recorded with its results
 * (a point-of-care cup) or without (pending, a lab's); its results are
 * entered or corrected with PUT /drug-screens/{id}/results, the earlier ones
 * kept.  The rules are core/medication.c and core/drugscreen.c; the writes
 * ops/medication.c and ops/drugscreen.c.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "lib/timeutil.h"
#include "ops/drugscreen.h"
#include "ops/medication.h"

#define TIME_MSG "must be a time written YYYY-MM-DDTHH:MMZ (UTC)"
/* A collection time may run this far ahead of the server's clock. */
#define COLLECTED_AHEAD_MAX 300

/* A comma list of substance codes as a JSON array. */
static json_t *
subset_json(subset s)
{
	json_t *a = json_array();

	for (int i = 0; i < SUB__MAX; i++)
		if (s & ((subset)1u << i))
			json_array_append_new(a, json_string(substances[i].code));
	return a;
}

static json_t *
jdate_or_null(const char *d)
{
	return d && *d ? json_string(d) : json_null();
}

/* "active", "stopped" (its stop date has passed) or "entered_in_error". */
static const char *
medication_status(const struct medication *m, int64_t now)
{
	char today[11];

	if (m->entered_in_error)
		return "entered_in_error";
	date_format(date_from_unix(now), today);
	return m->stop_date && *m->stop_date && strcmp(m->stop_date, today) < 0 ? "stopped" :
	    "active";
}

/* The request's clock for medication_to_json (whose status depends on the
 * day), set on the thread that encodes just before it does. */
static _Thread_local int64_t json_now;

static json_t *
medication_to_json(const struct medication *m)
{
	const struct mat_def *md = mat_find(m->mat);
	bool ours = m->prescriber_id != 0;

	return json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:o,s:o,s:s,s:b,s:o,s:I,s:o,"
	    "s:o,s:I}",
	    "id", (json_int_t)m->id, "client_id", (json_int_t)m->client_id,
	    "name", jstr(m->name),
	    "mat", md ? json_string(md->code) : json_null(),
	    "mat_name", md ? json_string(md->name) : json_null(),
	    "expected", subset_json(subset_parse(m->expected)),
	    "dose", jstr(m->dose),
	    "prescriber_id", ours ? json_integer(m->prescriber_id) : json_null(),
	    "prescriber_name", jstr(ours ? m->prescriber_staff_name : m->prescriber_name),
	    "prescriber_outside", !ours,
	    "start_date", jdate_or_null(m->start_date),
	    "stop_date", jdate_or_null(m->stop_date),
	    "status", medication_status(m, json_now),
	    "entered_in_error", m->entered_in_error,
	    "error_reason", m->entered_in_error ? jstr(m->error_reason) : json_null(),
	    "created_by", (json_int_t)m->created_by,
	    "created_at", jtime(m->created_at),
	    "changed_at", jtime(m->changed_at),
	    "earlier_versions", (json_int_t)m->revisions);
}

/* A panel's substances, as codes. */
static json_t *
panel_json(const struct panel_def *p)
{
	json_t *a = json_array();

	for (int i = 0; p != NULL && i < p->n; i++)
		json_array_append_new(a, json_string(substances[p->subs[i]].code));
	return a;
}

static json_t *
dscreen_to_json(const struct drug_screen *d)
{
	const struct panel_def *p = panel_find(d->panel);
	bool resulted = strcmp(d->status, "resulted") == 0;
	struct screen_results res;
	subset unexp = subset_parse(d->unexpected);
	json_t *o, *results = json_null(), *un = json_array();
	struct arena *a = arena_new(4096);

	if (resulted && screen_results_parse(d->results, &res) && p != NULL) {
		results = json_object();
		for (int i = 0; i < p->n; i++)
			json_object_set_new(results, substances[p->subs[i]].code,
			    json_string(screen_result_name(res.r[p->subs[i]])));
		for (int i = 0; i < SUB__MAX; i++)
			if (unexp & ((subset)1u << i)) {
				const char *w = a ? screen_unexpected_words((enum substance)i,
				    res.r[i], a) : NULL;
				json_array_append_new(un, json_pack("{s:s,s:s,s:o}", "substance",
				    substances[i].code, "result", screen_result_name(res.r[i]),
				    "words", jstr(w)));
			}
	}
	arena_free(a);
	o = json_pack("{s:I,s:I,s:o,s:s,s:b,s:s,s:o,s:o,s:s,s:o,s:o,s:o,s:b,s:o,s:I,s:o,s:o,"
	    "s:o,s:o,s:I}",
	    "id", (json_int_t)d->id, "client_id", (json_int_t)d->client_id,
	    "collected_at", jtime(d->collected_at),
	    "method", d->method, "observed", d->observed,
	    "panel", d->panel, "panel_name", jstr(p ? p->name : d->panel),
	    "substances", panel_json(p),
	    "status", d->status,
	    "results", results,
	    "expected", subset_json(subset_parse(d->expected)),
	    "unexpected", un,
	    "flagged", json_array_size(un) > 0,
	    "task_id", d->task_id ? json_integer(d->task_id) : json_null(),
	    "recorded_by", (json_int_t)d->recorded_by,
	    "recorded_by_name", jstr(d->recorded_by_name),
	    "recorded_at", jtime(d->recorded_at),
	    "resulted_by_name", d->resulted_by ? jstr(d->resulted_by_name) : json_null(),
	    "resulted_at", jtime(d->resulted_at),
	    "corrections", (json_int_t)d->revisions);
	/* Entered in error: kept and readable, with who said so, when and why. */
	json_object_set_new(o, "entered_in_error", json_boolean(d->entered_in_error));
	json_object_set_new(o, "error_reason", d->entered_in_error ? jstr(d->error_reason) :
	    json_null());
	json_object_set_new(o, "error_by_name", d->entered_in_error ? jstr(d->error_by_name) :
	    json_null());
	json_object_set_new(o, "error_at", d->entered_in_error ? jtime(d->error_at) :
	    json_null());
	return o;
}

/* GET /vocabularies/drug-screens: substances, panels, MAT medications. */
void
h_drugscreen_vocabulary(struct req *r)
{
	json_t *subs = json_array(), *pans = json_array(), *mats = json_array();

	for (int i = 0; i < SUB__MAX; i++)
		json_array_append_new(subs, json_pack("{s:s,s:s}", "code", substances[i].code,
		    "name", substances[i].name));
	for (size_t i = 0; i < npanels; i++)
		json_array_append_new(pans, json_pack("{s:s,s:s,s:s,s:o}", "code", panels[i].code,
		    "name", panels[i].name, "method", panels[i].method, "substances",
		    panel_json(&panels[i])));
	for (size_t i = 0; i < nmat_meds; i++)
		json_array_append_new(mats, json_pack("{s:s,s:s,s:o}", "code", mat_meds[i].code,
		    "name", mat_meds[i].name, "expected", subset_json(mat_meds[i].expected)));
	reply_json(r, 200, json_pack("{s:o,s:o,s:o,s:[sss],s:[ss]}", "substances", subs,
	    "panels", pans, "medications_for_addiction", mats, "results", "positive",
	    "negative", "not_tested", "methods", "point_of_care", "lab"));
}

/* ---- medications ------------------------------------------------------------ */

void medications_list(struct req *r);
CLIENT_LIST(medications_list, store_medication_list, struct medication, medication_to_json)

void
h_medications_list(struct req *r)
{
	json_now = r->now;
	medications_list(r);
}

/* GET /medications/{id}/history: the medication's earlier versions, newest
 * first, each as it was, who made it when and who replaced it when. */
void
h_medication_history(struct req *r)
{
	struct medication m;
	struct medication_revision *h;
	struct error e;
	json_t *items;
	size_t n;

	error_clear(&e);
	if (store_medication_get(r->app->store, r->ids[0], r->arena, &m, &e) != ERR_OK ||
	    store_medication_history(r->app->store, m.id, r->arena, &h, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, m.id, m.client_id);
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct medication_revision *v = &h[i];
		const struct mat_def *md = mat_find(v->mat);
		bool ours = v->prescriber_id != 0;

		json_array_append_new(items, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:o,s:o,"
		    "s:b,s:o,s:I,s:o,s:o,s:I,s:o,s:o}",
		    "name", jstr(v->name),
		    "mat", md ? json_string(md->code) : json_null(),
		    "mat_name", md ? json_string(md->name) : json_null(),
		    "dose", jstr(v->dose),
		    "prescriber_id", ours ? json_integer(v->prescriber_id) : json_null(),
		    "prescriber_name", jstr(ours ? v->prescriber_staff_name : v->prescriber_name),
		    "prescriber_outside", !ours,
		    "start_date", jdate_or_null(v->start_date),
		    "stop_date", jdate_or_null(v->stop_date),
		    "entered_in_error", v->entered_in_error,
		    "error_reason", v->entered_in_error ? jstr(v->error_reason) : json_null(),
		    "changed_by", (json_int_t)v->was_changed_by,
		    "changed_by_name", jstr(v->was_changed_by_name),
		    "changed_at", jtime(v->was_changed_at),
		    "replaced_by", (json_int_t)v->replaced_by,
		    "replaced_by_name", jstr(v->replaced_by_name),
		    "replaced_at", jtime(v->replaced_at)));
	}
	reply_json(r, 200, json_pack("{s:I,s:I,s:o,s:I}", "medication_id", (json_int_t)m.id,
	    "client_id", (json_int_t)m.client_id, "items", items, "total", (json_int_t)n));
}

/* expected: a list of substance codes, stored as a comma list. */
static const char *
expected_parse(json_t *v, void *dst, struct arena *a)
{
	subset s = 0;
	size_t i;
	json_t *x;
	int k;

	if (json_is_null(v)) {
		*(const char **)dst = "";
		return NULL;
	}
	if (!json_is_array(v))
		return "must be a list of substance codes";
	json_array_foreach(v, i, x) {
		if (!json_is_string(x) || (k = substance_find(json_string_value(x))) < 0)
			return "must name substances of the drug-screen vocabulary "
			    "(GET /api/v1/vocabularies/drug-screens)";
		s |= (subset)1u << k;
	}
	return (*(const char **)dst = subset_text(s, a)) != NULL ? NULL : "is too long";
}

/* In enum med_field order: bit i of the fset given is field i. */
#define MB(m) offsetof(struct medication, m)
static const struct fdef medication_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .off = MB(name) },
	{ .name = "mat", .kind = FK_TEXT, .off = MB(mat) },
	{ .name = "expected", .kind = FK_CUSTOM, .off = MB(expected), .parse = expected_parse },
	{ .name = "dose", .kind = FK_TEXT, .off = MB(dose) },
	{ .name = "prescriber_id", .kind = FK_INT, .off = MB(prescriber_id), .flags = FD_NULL,
	  .min = 1, .max = INT64_MAX },
	{ .name = "prescriber_name", .kind = FK_TEXT, .off = MB(prescriber_name) },
	{ .name = "start_date", .kind = FK_DATE_TEXT, .off = MB(start_date), .flags = FD_NULL },
	{ .name = "stop_date", .kind = FK_DATE_TEXT, .off = MB(stop_date), .flags = FD_NULL },
	{ .name = "entered_in_error", .kind = FK_BOOL, .off = MB(entered_in_error) },
	{ .name = "error_reason", .kind = FK_TEXT, .off = MB(error_reason) },
};
#undef MB
const struct fdecoder dec_medication = FDECODER("medication", struct medication,
    medication_fields);

static void
medication_blank(struct medication *m)
{
	m->name = m->mat = m->expected = m->dose = m->prescriber_name = "";
	m->start_date = m->stop_date = m->error_reason = "";
}

static void
medication_after(struct req *r)
{
	const struct medication_create_in *in = r->op->in;

	json_now = r->now;
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 201, medication_to_json(in->out));
}

void
h_medication_create(struct req *r)
{
	struct medication_create_in *in;
	struct error e;
	fset given;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	medication_blank(&in->m);
	fdecode(&dec_medication, o, r->arena, &in->m, &given, &e, NULL);
	if (given & (1u << MEDF_ENTERED_IN_ERROR))
		error_field(&e, "entered_in_error", "is set by changing a medication already on "
		    "the list");
	if (given & (1u << MEDF_ERROR_REASON))
		error_field(&e, "error_reason", "is given when marking a medication entered in "
		    "error");
	in->m.client_id = r->ids[0];
	in->m.entered_in_error = false;
	in->expected_given = (given & (1u << MEDF_EXPECTED)) != 0;
	if (e.code == ERR_OK && !in->expected_given) {
		const struct mat_def *md = mat_find(in->m.mat);
		in->m.expected = subset_text(md ? md->expected : 0, r->arena);
		in->expected_given = true;
	}
	if (e.code == ERR_OK)
		medication_check(&in->m, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_medication_create_run, in, medication_after);
}

static void
medication_update_after(struct req *r)
{
	const struct medication_update_in *in = r->op->in;

	json_now = r->now;
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 200, medication_to_json(in->out));
}

/* A change of the fields given; the rest stay as they are. */
void
h_medication_patch(struct req *r)
{
	struct medication_update_in *in;
	struct error e;
	fset given;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->id = r->ids[0];
	medication_blank(&in->set);
	if (!fdecode(&dec_medication, o, r->arena, &in->set, &given, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	if (given == 0) {
		error_set(&e, ERR_INVALID, "Name at least one field to change.");
		reply_error(r, &e);
		return;
	}
	if ((given & (1u << MEDF_ENTERED_IN_ERROR)) && !in->set.entered_in_error) {
		error_field(&e, "entered_in_error", "can only be set to true: an entry marked "
		    "entered in error stays so");
		reply_error(r, &e);
		return;
	}
	in->fields = (unsigned)given;
	req_op(r, op_medication_update_run, in, medication_update_after);
}

/* ---- drug screens ----------------------------------------------------------- */

/* A results text as {substance: result} over the panel p. */
static json_t *
results_json(const char *text, const struct panel_def *p)
{
	struct screen_results res;
	json_t *o;

	if (p == NULL || !screen_results_parse(text, &res))
		return json_null();
	o = json_object();
	for (int i = 0; i < p->n; i++)
		json_object_set_new(o, substances[p->subs[i]].code,
		    json_string(screen_result_name(res.r[p->subs[i]])));
	return o;
}

/* GET /drug-screens/{id}: the screen and the results its corrections
 * replaced, newest first. */
void
h_drugscreen_get(struct req *r)
{
	struct drug_screen d;
	struct dscreen_revision *h;
	const struct panel_def *p;
	struct error e;
	json_t *o, *hist;
	size_t n;

	error_clear(&e);
	if (store_dscreen_get(r->app->store, r->ids[0], r->arena, &d, &e) != ERR_OK ||
	    store_dscreen_history(r->app->store, d.id, r->arena, &h, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, d.id, d.client_id);
	p = panel_find(d.panel);
	hist = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(hist, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
		    "results", results_json(h[i].results, p),
		    "expected", subset_json(subset_parse(h[i].expected)),
		    "unexpected", subset_json(subset_parse(h[i].unexpected)),
		    "resulted_by_name", jstr(h[i].resulted_by_name),
		    "resulted_at", jtime(h[i].resulted_at),
		    "replaced_by_name", jstr(h[i].replaced_by_name),
		    "replaced_at", jtime(h[i].replaced_at)));
	o = dscreen_to_json(&d);
	json_object_set_new(o, "history", hist);
	reply_json(r, 200, o);
}

CLIENT_LIST(h_drugscreens_list, store_dscreen_list, struct drug_screen, dscreen_to_json)

/*
 * results: an object of substance code -> positive | negative | not_tested
 * into *res and *given; field errors "results.<code>" added to e.  Whether
 * they fit the panel is the operation's check (screen_results_check).
 */
static void
results_decode(json_t *v, struct screen_results *res, subset *given, struct error *e)
{
	const char *k;
	json_t *x;
	char f[64];
	int i;

	*given = 0;
	for (i = 0; i < SUB__MAX; i++)
		res->r[i] = RES_NOT_TESTED;
	if (!json_is_object(v)) {
		error_field(e, "results", "must be an object of substance: positive, negative "
		    "or not_tested");
		return;
	}
	json_object_foreach(v, k, x) {
		snprintf(f, sizeof f, "results.%.40s", k);
		if ((i = substance_find(k)) < 0) {
			error_field(e, f, "is not a substance of the drug-screen vocabulary");
			continue;
		}
		if (!json_is_string(x) || !screen_result_parse(json_string_value(x), &res->r[i])) {
			error_field(e, f, "must be positive, negative or not_tested");
			continue;
		}
		*given |= (subset)1u << i;
	}
}

struct dscreen_body {
	struct drug_screen d;
	json_t *results;
};

#define DB(m) offsetof(struct dscreen_body, m)
static const struct fdef dscreen_fields[] = {
	{ .name = "collected_at", .kind = FK_INSTANT, .off = DB(d.collected_at),
	  .flags = FD_REQUIRED, .msg = TIME_MSG },
	{ .name = "method", .kind = FK_TEXT, .off = DB(d.method), .flags = FD_REQUIRED },
	{ .name = "observed", .kind = FK_BOOL, .off = DB(d.observed) },
	{ .name = "panel", .kind = FK_TEXT, .off = DB(d.panel), .flags = FD_REQUIRED },
	{ .name = "results", .kind = FK_JSON, .off = DB(results) },
};
#undef DB
const struct fdecoder dec_drug_screen = FDECODER("drug_screen", struct dscreen_body,
    dscreen_fields);

struct dresults_body {
	json_t *results;
};
static const struct fdef dresults_fields[] = {
	{ .name = "results", .kind = FK_JSON, .off = offsetof(struct dresults_body, results),
	  .flags = FD_REQUIRED },
};
const struct fdecoder dec_drug_screen_results = FDECODER("drug_screen_results",
    struct dresults_body, dresults_fields);

/* The operation's refusal, or the screen as stored with status. */
static void
dscreen_reply(struct req *r, int status, const struct dscreen_out *out)
{
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, status, dscreen_to_json(&out->d));
}

static void
dscreen_after(struct req *r)
{
	const struct dscreen_record_in *in = r->op->in;

	dscreen_reply(r, 201, in->out);
}

void
h_drugscreen_create(struct req *r)
{
	struct dscreen_record_in *in;
	struct dscreen_body b;
	enum screen_method m;
	const struct panel_def *p;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	memset(&b, 0, sizeof b);
	b.d.method = b.d.panel = "";
	fdecode(&dec_drug_screen, o, r->arena, &b, NULL, &e, NULL);
	if (*b.d.method && !screen_method_parse(b.d.method, &m))
		error_field(&e, "method", "must be point_of_care or lab");
	if (*b.d.panel && (p = panel_find(b.d.panel)) == NULL)
		error_field(&e, "panel", "is not a known panel (GET /api/v1/vocabularies/"
		    "drug-screens lists them)");
	if (b.d.collected_at > r->now + COLLECTED_AHEAD_MAX)
		error_field(&e, "collected_at", "must not be in the future");
	in->d = b.d;
	in->d.client_id = r->ids[0];
	in->has_results = b.results != NULL && !json_is_null(b.results);
	if (in->has_results)
		results_decode(b.results, &in->res, &in->given, &e);
	if (e.code == ERR_OK && in->has_results && (p = panel_find(b.d.panel)) != NULL)
		screen_results_check(in->given, p, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_dscreen_record_run, in, dscreen_after);
}

static void
dresults_after(struct req *r)
{
	const struct dscreen_results_in *in = r->op->in;

	dscreen_reply(r, 200, in->out);
}

void
h_drugscreen_results(struct req *r)
{
	struct dscreen_results_in *in;
	struct dresults_body b;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	memset(&b, 0, sizeof b);
	if (fdecode(&dec_drug_screen_results, o, r->arena, &b, NULL, &e, NULL))
		results_decode(b.results, &in->res, &in->given, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	req_op(r, op_dscreen_results_run, in, dresults_after);
}

struct derror_body {
	const char *reason;
};
static const struct fdef derror_fields[] = {
	{ .name = "reason", .kind = FK_TEXT, .off = offsetof(struct derror_body, reason),
	  .flags = FD_REQUIRED, .max = DSCREEN_REASON_MAX,
	  .msg = "say why the screen should never have been recorded (for example: the "
	  "wrong client)" },
};
const struct fdecoder dec_drug_screen_error = FDECODER("drug_screen_error",
    struct derror_body, derror_fields);

static void
derror_after(struct req *r)
{
	const struct dscreen_error_in *in = r->op->in;

	dscreen_reply(r, 200, in->out);
}

/* POST /drug-screens/{id}/entered-in-error {"reason"}: kept, struck
 * through; its open review task closed. */
void
h_drugscreen_error(struct req *r)
{
	struct dscreen_error_in *in;
	struct derror_body b;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	memset(&b, 0, sizeof b);
	if (fdecode(&dec_drug_screen_error, o, r->arena, &b, NULL, &e, NULL))
		dscreen_reason_check(b.reason, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	in->reason = b.reason;
	req_op(r, op_dscreen_error_run, in, derror_after);
}

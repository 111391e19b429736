/*
 * api_screening.c — screening instruments: their definitions, scoring
 * without storing, and recording an administration for a client.
 *
 * The instruments are data in src/core/instrument.c; this file only turns
 * JSON answers into struct answers and results back into JSON.  Recording
 * keeps the answers as given, the version and every computed score.  A risk
 * flag (PHQ-9 item 9, C-SSRS high risk) raises an alert on the client and a
 * task for the client's clinician (the primary clinician of the open
 * episode); without one, for the clinician recording it, else the first
 * active clinician (there is no duty roster yet).
 */
#include <stdio.h>
#include <string.h>

#include "core/instrument.h"
#include "http/req.h"

static json_t *
instrument_def_to_json(const struct instrument *ins)
{
	json_t *items = json_array();
	int i, k;

	for (i = 0; i < ins->nitems; i++) {
		const struct instrument_item *it = &ins->items[i];
		json_t *ans = json_array();
		json_t *o;
		for (k = 0; k < it->nchoices; k++) {
			json_t *v = it->kind == ANSWER_BOOL ? json_boolean(it->choices[k].value) :
			    json_integer(it->choices[k].value);
			json_array_append_new(ans, json_pack("{s:o,s:s}", "value", v, "label",
			    it->choices[k].label ? it->choices[k].label : ""));
		}
		o = json_pack("{s:i,s:s,s:s,s:o,s:b}", "number", it->number, "text", it->text,
		    "kind", it->kind == ANSWER_INT ? "rated" : it->kind == ANSWER_BOOL ?
		    "yes_no" : "list", "answers", ans, "optional", it->optional);
		if (it->key != NULL)
			json_object_set_new(o, "key", json_string(it->key));
		json_array_append_new(items, o);
	}
	return json_pack("{s:s,s:s,s:s,s:b,s:o}", "code", ins->code, "name", ins->name,
	    "version", ins->version, "object_answers", ins->object_answers, "items", items);
}

void
h_instruments_list(struct req *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < instrument_count(); i++)
		json_array_append_new(arr, instrument_def_to_json(instrument_at(i)));
	reply_json(r, 200, json_pack("{s:o}", "items", arr));
}

/* One JSON value onto one answer, by the item's kind. */
static void
answer_from_json(const struct instrument_item *it, json_t *v, struct answer *a)
{
	size_t k;

	memset(a, 0, sizeof *a);
	a->present = true;
	switch (it->kind) {
	case ANSWER_INT:
		if (json_is_integer(v))
			a->ival = json_integer_value(v);
		else
			answer_set_wrong_kind(a);
		break;
	case ANSWER_BOOL:
		if (json_is_boolean(v))
			a->bval = json_is_true(v);
		else
			answer_set_wrong_kind(a);
		break;
	case ANSWER_LIST:
		if (json_is_null(v)) {
			a->is_null = true;
		} else if (json_is_array(v) && json_array_size(v) <= 20) {
			for (k = 0; k < json_array_size(v); k++) {
				json_t *s = json_array_get(v, k);
				if (!json_is_string(s) || json_string_length(s) == 0 ||
				    json_string_length(s) > 50) {
					answer_set_wrong_kind(a);
					return;
				}
			}
			a->nstrings = (int)json_array_size(v);
		} else {
			answer_set_wrong_kind(a);
		}
		break;
	}
}

/*
 * Decode {"answers": ..., "sex"?} for ins.  Errors name "answers" (wrong
 * shape) or "item_N"; the core adds the rest.
 */
static bool
answers_from_json(const struct instrument *ins, json_t *o, struct answers *as,
    const char **sex, struct arena *ar, struct error *e)
{
	json_t *v = json_object_get(o, "answers");
	const char *key;
	json_t *x;
	size_t i;
	int k;

	memset(as, 0, sizeof *as);
	*sex = NULL;
	jfield_str(o, "sex", ar, sex, e, NULL);
	if (v == NULL) {
		error_field(e, "answers", "is required");
		return false;
	}
	if (ins->object_answers) {
		if (!json_is_object(v)) {
			error_field(e, "answers", "must be an object of yes/no answers");
			return false;
		}
		as->n = ins->nitems;
		json_object_foreach(v, key, x) {
			for (k = 0; k < ins->nitems; k++)
				if (ins->items[k].key && strcmp(ins->items[k].key, key) == 0)
					break;
			if (k == ins->nitems) {
				/* Not an item: reported as the item past the end. */
				as->n = ins->nitems + 1;
				as->a[ins->nitems].present = true;
				continue;
			}
			answer_from_json(&ins->items[k], x, &as->a[k]);
		}
		return true;
	}
	if (!json_is_array(v)) {
		error_field(e, "answers", "must be a list of answers in item order");
		return false;
	}
	if (json_array_size(v) > INSTRUMENT_ITEMS_MAX) {
		error_field(e, "answers", "has more answers than the instrument has items");
		return false;
	}
	as->n = (int)json_array_size(v);
	for (i = 0; i < json_array_size(v); i++) {
		if ((int)i < ins->nitems)
			answer_from_json(&ins->items[i], json_array_get(v, i), &as->a[i]);
		else
			as->a[i].present = true;
	}
	return true;
}

static json_t *
result_scores_json(const struct instrument_result *res)
{
	json_t *s = json_object();
	int i;

	for (i = 0; i < res->nscores; i++)
		json_object_set_new(s, res->scores[i].name, json_integer(res->scores[i].value));
	return s;
}

static json_t *
result_flags_json(const struct instrument_result *res)
{
	json_t *f = json_array();
	int i;

	for (i = 0; i < res->nflags; i++)
		json_array_append_new(f, json_pack("{s:s,s:s}", "code", res->flags[i].code,
		    "message", res->flags[i].message));
	return f;
}

static json_t *
result_json(const struct instrument_result *res)
{
	return json_pack("{s:s,s:s,s:o,s:s,s:o}", "code", res->code, "version", res->version,
	    "scores", result_scores_json(res), "band", res->band, "flags",
	    result_flags_json(res));
}

static const char *const score_keys[] = { "answers", "sex", NULL };
static const char *const record_keys[] = { "code", "answers", "sex", "site_id", NULL };

/* Shared by score and record: decode and score, or answer 400. */
static bool
score_body(struct req *r, const struct instrument *ins, json_t *o,
    const char *const *keys, struct instrument_result *res)
{
	struct answers as;
	const char *sex;
	struct error e;

	error_clear(&e);
	json_only_keys(o, keys, &e, NULL);
	if (answers_from_json(ins, o, &as, &sex, r->arena, &e) &&
	    (e.code == ERR_OK || e.code == ERR_INVALID))
		instrument_score(ins, &as, sex, res, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	return true;
}

void
h_instrument_score(struct req *r)
{
	const struct instrument *ins = instrument_find(r->code_param);
	struct instrument_result res;
	json_t *o;

	if (ins == NULL) {
		reply_err(r, ERR_NOTFOUND, "No such instrument.");
		return;
	}
	if ((o = req_json_object(r)) == NULL)
		return;
	if (score_body(r, ins, o, score_keys, &res))
		reply_json(r, 200, result_json(&res));
}

/* ---- recording ------------------------------------------------------------- */

struct screening_job {
	struct req *r;
	struct instrument_result res;
	struct screening_row row;
	int64_t site_id;		/* where it was given; 0: not said */
	int64_t alerts;
	/* Who the alert tasks went to, and why. */
	int64_t assignee;
	const char *assignee_name, *why;
};

/* Who answers a safety alert for client c: into j->assignee and j->why. */
static enum err
alert_assignee(struct store_tx *tx, struct screening_job *j, const struct client *c,
    struct error *e)
{
	struct req *r = j->r;
	int64_t sites[3], site = 0, who = 0;
	struct staff sf;
	struct site st;
	int i;

	if (store_tx_client_clinician(tx, c->id, &who, e) != ERR_OK)
		return e->code;
	if (who != 0) {
		j->why = "the client's primary clinician";
		goto found;
	}
	/* The sites to look at, in order: the open episode's, where the
	 * screening was given, the recorder's first. */
	if (store_tx_client_site(tx, c->id, &sites[0], e) != ERR_OK ||
	    store_tx_staff_first_site(tx, r->sess.staff_id, &sites[2], e) != ERR_OK)
		return e->code;
	sites[1] = j->site_id;
	for (i = 0; i < 3 && who == 0; i++) {
		if (sites[i] == 0)
			continue;
		if (store_tx_duty_clinician(tx, sites[i], store_tx_now(tx), &who, e) != ERR_OK)
			return e->code;
		site = sites[i];
	}
	if (who != 0) {
		if (store_tx_site_get(tx, site, r->arena, &st, e) != ERR_OK)
			return e->code;
		j->why = arena_printf(r->arena, "the clinician on duty at %s", st.name);
		goto found;
	}
	if (r->sess.roles & (1u << ROLE_CLINICIAN)) {
		who = r->sess.staff_id;
		j->why = "the clinician who recorded the screening (no clinician was on duty)";
		goto found;
	}
	if (store_tx_clinician_first(tx, &who, e) != ERR_OK)
		return e->code;
	j->why = "the first active clinician (no clinician was on duty)";
	if (who == 0) {
		j->why = "nobody: there is no active clinician";
		return ERR_OK;
	}
found:
	if (store_tx_staff_get(tx, who, r->arena, &sf, e) != ERR_OK)
		return e->code;
	j->assignee = who;
	j->assignee_name = sf.full_name;
	return ERR_OK;
}

static enum err
screening_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct screening_job *j = arg;
	struct req *r = j->r;
	struct client c;
	int64_t alert_id, task_id;
	struct site site;
	int i;

	if (store_tx_client_get(tx, j->row.client_id, r->arena, &c, e) != ERR_OK)
		return e->code;
	if (j->site_id != 0 && store_tx_site_get(tx, j->site_id, r->arena, &site, e) != ERR_OK) {
		error_clear(e);
		return error_field(e, "site_id", "is not a site");
	}
	if (store_tx_screening_insert(tx, &j->row, e) != ERR_OK)
		return e->code;
	r->audit[0].record_id = j->row.id;
	if (!j->res.alert)
		return ERR_OK;
	if (alert_assignee(tx, j, &c, e) != ERR_OK)
		return e->code;
	for (i = 0; i < j->res.nflags; i++) {
		const struct instrument *ins = instrument_find(j->res.code);
		const char *title = arena_printf(r->arena, "Safety alert from the %s: assess "
		    "and document a response", ins ? ins->name : j->res.code);
		if (store_tx_alert_insert(tx, c.id, j->res.flags[i].code, j->res.flags[i].message,
		    "screening", j->row.id, &alert_id, e) != ERR_OK ||
		    store_tx_task_insert(tx, "alert_response", title, c.id, 0, alert_id,
		    j->assignee, store_tx_now(tx), &task_id, e) != ERR_OK)
			return e->code;
		j->alerts++;
	}
	r->audit[0].detail = arena_printf(r->arena, "%s; %lld alert(s) raised; task to staff "
	    "%lld", j->res.code, (long long)j->alerts, (long long)j->assignee);
	return ERR_OK;
}

static json_t *
screening_to_json(const struct screening_row *s)
{
	json_error_t je;
	json_t *answers = json_loads(s->answers, JSON_DECODE_ANY, &je);
	json_t *scores = json_loads(s->scores, 0, &je);
	json_t *flags = json_loads(s->flags, 0, &je);

	return json_pack("{s:I,s:I,s:s,s:s,s:o,s:o,s:o,s:s,s:o,s:o,s:o}",
	    "id", (json_int_t)s->id, "client_id", (json_int_t)s->client_id,
	    "code", s->code, "version", s->version,
	    "administered_at", jtime(s->administered_at),
	    "answers", answers ? answers : json_null(),
	    "scores", scores ? scores : json_object(),
	    "band", s->band,
	    "flags", flags ? flags : json_array(),
	    "administered_by", jstr(s->administered_by_name),
	    "administered_by_id", json_integer(s->administered_by));
}

static void
screening_after(struct req *r)
{
	struct screening_job *j = r->run_arg;
	json_t *o;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	j->row.administered_by_name = r->sess.username;
	o = screening_to_json(&j->row);
	if (j->alerts > 0)
		json_object_set_new(o, "alert_task", json_pack("{s:o,s:o,s:s}", "assigned_to",
		    j->assignee ? json_integer(j->assignee) : json_null(), "assigned_name",
		    jstr(j->assignee_name), "why", j->why));
	reply_json(r, 201, o);
}

void
h_screening_record(struct req *r)
{
	struct screening_job *j = arena_alloc(r->arena, sizeof *j);
	const struct instrument *ins;
	const char *code = NULL;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	if (!jfield_str(o, "code", r->arena, &code, &e, NULL) || code == NULL ||
	    (ins = instrument_find(code)) == NULL) {
		error_clear(&e);
		error_field(&e, "code", "must be one of phq9, gad7, audit, auditc, dast10, "
		    "cssrs_screener, bam, ciwa_ar, cows");
		reply_error(r, &e);
		return;
	}
	if (!json_is_null(json_object_get(o, "site_id")) &&
	    !jfield_int(o, "site_id", 1, INT64_MAX, &j->site_id, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	if (!score_body(r, ins, o, record_keys, &j->res))
		return;
	j->r = r;
	j->row.client_id = r->ids[0];
	j->row.code = j->res.code;
	j->row.version = j->res.version;
	j->row.answers = json_dump_arena(r->arena, json_incref(json_object_get(o, "answers")));
	j->row.scores = json_dump_arena(r->arena, result_scores_json(&j->res));
	j->row.flags = json_dump_arena(r->arena, result_flags_json(&j->res));
	j->row.band = j->res.band;
	j->row.administered_by = r->sess.staff_id;
	if (j->row.answers == NULL || j->row.scores == NULL || j->row.flags == NULL) {
		reply_err(r, ERR_TOOLARGE, "The request is too large.");
		return;
	}
	req_audit_as(r, NULL, j->res.code);
	req_write(r, screening_run, j, screening_after);
}

void
h_screening_list(struct req *r)
{
	struct screening_row *items;
	struct client c;
	struct page pg;
	struct error e;
	int64_t total;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_screening_list(r->app->store, r->ids[0], pg, r->arena, &items, &n, &total,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, screening_to_json, total);
}

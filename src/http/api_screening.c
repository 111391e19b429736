/*
 * api_screening.c — screening instruments: their definitions, scoring
 * without storing, and recording an administration for a client.
 *
 * The instruments are data in src/core/instrument.c; this file only turns
 * JSON answers into struct answers and results back into JSON.  Recording
 * keeps the answers as given, the version and every computed score.  A risk
 * flag (PHQ-9 item 9, C-SSRS high risk) raises an alert on the client and a
 * task for whoever answers it (the rule is core/alert.c's alert_route; the
 * write is op_screening_record in src/ops/screening.c).
 */
#include <stdio.h>
#include <string.h>

#include "core/instrument.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/screening.h"

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
 * The answers v (given: the body's "answers") for ins.  Errors name
 * "answers" (wrong shape) or "item_N"; the core adds the rest.
 */
static bool
answers_from_json(const struct instrument *ins, json_t *v, struct answers *as,
    struct error *e)
{
	const char *key;
	json_t *x;
	size_t i;
	int k;

	memset(as, 0, sizeof *as);
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

/* A score's or a recording's body; the answers stay JSON until the
 * instrument is known. */
struct screening_body {
	const char *code;
	json_t *answers;	/* borrowed from the body */
	const char *sex;
	int64_t site_id;	/* 0: none */
};

/* Any JSON value: what it must be depends on the instrument. */
static const char *
json_take(json_t *v, void *dst, struct arena *a)
{
	(void)a;
	*(json_t **)dst = v;
	return NULL;
}

/* A site id, or null for none. */
static const char *
opt_id_parse(json_t *v, void *dst, struct arena *a)
{
	(void)a;
	if (json_is_null(v))
		return NULL;
	if (!json_is_integer(v))
		return "must be a whole number";
	if (json_integer_value(v) < 1)
		return "must be from 1 to 9223372036854775807";
	*(int64_t *)dst = json_integer_value(v);
	return NULL;
}

#define SCB(m) offsetof(struct screening_body, m)

static const struct fdef instrument_score_fields[] = {
	{ .name = "answers", .kind = FK_CUSTOM, .off = SCB(answers), .flags = FD_REQUIRED,
	    .parse = json_take },
	{ .name = "sex", .kind = FK_TEXT, .off = SCB(sex) },
};
const struct fdecoder dec_instrument_score = FDECODER("instrument_score",
    struct screening_body, instrument_score_fields);

static const struct fdef screening_fields[] = {
	{ .name = "code", .kind = FK_TEXT, .off = SCB(code) },
	{ .name = "answers", .kind = FK_CUSTOM, .off = SCB(answers), .flags = FD_REQUIRED,
	    .parse = json_take },
	{ .name = "sex", .kind = FK_TEXT, .off = SCB(sex) },
	{ .name = "site_id", .kind = FK_CUSTOM, .off = SCB(site_id),
	    .parse = opt_id_parse },
};
const struct fdecoder dec_screening = FDECODER("screening", struct screening_body,
    screening_fields);

/* Shared by score and record: after decoding b into e, score, or answer 400. */
static bool
score_body(struct req *r, const struct instrument *ins, const struct screening_body *b,
    struct error *e, struct instrument_result *res)
{
	struct answers as;

	if (b->answers != NULL && answers_from_json(ins, b->answers, &as, e) &&
	    (e->code == ERR_OK || e->code == ERR_INVALID))
		instrument_score(ins, &as, b->sex, res, e);
	if (e->code != ERR_OK) {
		reply_error(r, e);
		return false;
	}
	return true;
}

void
h_instrument_score(struct req *r)
{
	const struct instrument *ins = instrument_find(r->code_param);
	struct screening_body b;
	struct instrument_result res;
	struct error e;
	json_t *o;

	if (ins == NULL) {
		reply_err(r, ERR_NOTFOUND, "No such instrument.");
		return;
	}
	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	memset(&b, 0, sizeof b);
	fdecode(&dec_instrument_score, o, r->arena, &b, NULL, &e, NULL);
	if (score_body(r, ins, &b, &e, &res))
		reply_json(r, 200, result_json(&res));
}

/* ---- recording ------------------------------------------------------------- */

/* An id, or null for 0 (none). */
static json_t *
jid(int64_t id)
{
	return id != 0 ? json_integer(id) : json_null();
}

static json_t *
screening_to_json(const struct screening_row *s)
{
	json_error_t je;
	json_t *answers = json_loads(s->answers, JSON_DECODE_ANY, &je);
	json_t *scores = json_loads(s->scores, 0, &je);
	json_t *flags = json_loads(s->flags, 0, &je);
	json_t *voided = json_null();

	if (s->voided_at != 0)
		voided = json_pack("{s:o,s:o,s:o,s:o}", "at", jtime(s->voided_at),
		    "by", jstr(s->voided_by_name), "by_id", json_integer(s->voided_by),
		    "reason", jstr(s->void_reason));
	return json_pack("{s:I,s:o,s:o,s:s,s:s,s:o,s:o,s:o,s:s,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)s->id, "client_id", jid(s->client_id),
	    "inquiry_id", jid(s->inquiry_id),
	    "code", s->code, "version", s->version,
	    "administered_at", jtime(s->administered_at),
	    "answers", answers ? answers : json_null(),
	    "scores", scores ? scores : json_object(),
	    "band", s->band,
	    "flags", flags ? flags : json_array(),
	    "administered_by", jstr(s->administered_by_name),
	    "administered_by_id", json_integer(s->administered_by),
	    "voided", voided);
}

static void
screening_after(struct req *r)
{
	const struct screening_record_in *in = r->op->in;
	struct screening_record_out *out = in->out;
	json_t *o;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	out->row.administered_by_name = r->sess.username;
	o = screening_to_json(&out->row);
	if (out->alerts > 0)
		json_object_set_new(o, "alert_task", json_pack("{s:o,s:o,s:s,s:b}", "assigned_to",
		    out->assignee ? json_integer(out->assignee) : json_null(), "assigned_name",
		    jstr(out->assignee_name), "why", out->why, "unclaimed", out->unclaimed));
	/* A repeated measure that worsened: its review task (ops/measure.h). */
	if (out->worsening.raised)
		json_object_set_new(o, "worsening_task", json_pack("{s:I,s:I,s:i,s:i}", "task_id",
		    (json_int_t)out->worsening.task_id, "assigned_to",
		    (json_int_t)out->worsening.assignee, "from", out->worsening.prev, "to",
		    out->worsening.cur));
	reply_json(r, 201, o);
}

/* The operation's input and what it answers, together. */
struct screening_call {
	struct screening_record_in in;
	struct screening_record_out out;
	struct instrument_result res;
};

/* Record a screening for a client (client_id) or an inquiry (inquiry_id). */
static void
screening_record(struct req *r, int64_t client_id, int64_t inquiry_id)
{
	struct screening_call *k;
	struct screening_row *row;
	const struct instrument *ins;
	struct screening_body b;
	struct error e;
	json_t *o;

	if ((k = req_zalloc(r, sizeof *k)) == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	memset(&b, 0, sizeof b);
	fdecode(&dec_screening, o, r->arena, &b, NULL, &e, NULL);
	/* A wrong code is all that is said: the answers mean nothing without it. */
	if (b.code == NULL || (ins = instrument_find(b.code)) == NULL) {
		error_clear(&e);
		error_field(&e, "code", "must be one of phq9, gad7, audit, auditc, dast10, "
		    "cssrs_screener, bam, ciwa_ar, cows");
		reply_error(r, &e);
		return;
	}
	k->in.site_id = b.site_id;
	if (!score_body(r, ins, &b, &e, &k->res))
		return;
	k->in.out = &k->out;
	k->in.result = &k->res;
	row = &k->in.row;
	row->client_id = client_id;
	row->inquiry_id = inquiry_id;
	row->code = k->res.code;
	row->version = k->res.version;
	row->answers = json_dump_arena(r->arena, json_incref(b.answers));
	row->scores = json_dump_arena(r->arena, result_scores_json(&k->res));
	row->flags = json_dump_arena(r->arena, result_flags_json(&k->res));
	row->band = k->res.band;
	if (row->answers == NULL || row->scores == NULL || row->flags == NULL) {
		reply_err(r, ERR_TOOLARGE, "The request is too large.");
		return;
	}
	req_audit_as(r, NULL, k->res.code);
	/* Its detail, when alerts were raised, counts them and names to whom. */
	req_op(r, op_screening_record_run, &k->in, screening_after);
}

void
h_screening_record(struct req *r)
{
	screening_record(r, r->ids[0], 0);
}

/* Screening before a client record: on the inquiry, carried to the client
 * at conversion. */
void
h_inquiry_screening_record(struct req *r)
{
	screening_record(r, 0, r->ids[0]);
}

/* An inquiry's screenings, voided ones too; read as the inquiry's and, once
 * converted, its client's. */
void
h_inquiry_screening_list(struct req *r)
{
	struct screening_row *items;
	struct inquiry q;
	struct page pg;
	struct error e;
	int64_t total;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_inquiry_get(r->app->store, r->ids[0], r->arena, &q, &e) != ERR_OK ||
	    store_screening_list_inquiry(r->app->store, q.id, pg, r->arena, &items, &n, &total,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, q.id, q.client_id);
	reply_list(r, items, n, screening_to_json, total);
}

/* ---- voiding ------------------------------------------------------------------ */

struct void_call {
	struct screening_void_in in;
	struct screening_void_out out;
};

static const struct fdef screening_void_fields[] = {
	{ .name = "reason", .kind = FK_TEXT, .off = offsetof(struct screening_void_in, reason),
	  .flags = FD_REQUIRED },
};
const struct fdecoder dec_screening_void = FDECODER("screening_void",
    struct screening_void_in, screening_void_fields);

static void
void_after(struct req *r)
{
	const struct screening_void_in *in = r->op->in;
	json_t *o;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	o = screening_to_json(&in->out->row);
	json_object_set_new(o, "alerts_closed", json_integer(in->out->alerts_closed));
	reply_json(r, 200, o);
}

void
h_screening_void(struct req *r)
{
	struct void_call *k;
	struct error e;
	json_t *o;

	if ((k = req_zalloc(r, sizeof *k)) == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	k->in.id = r->ids[0];
	k->in.out = &k->out;
	fdecode(&dec_screening_void, o, r->arena, &k->in, NULL, &e, NULL);
	if (e.code == ERR_OK)
		screening_void_check(&k->out.row, k->in.reason, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_screening_void_run, &k->in, void_after);
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

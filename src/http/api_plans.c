/*
 * api_plans.c — treatment plans (issue 13, item 1): the interventions
 * vocabulary, an episode's versions, one version, a draft's edit, the
 * clinician's and the client's signatures, a new version, and the reviews
 * due for the worklist.
 *
 * A version's content is one nested body, replaced whole by each PATCH:
 * {"problems":[{"dimension":1-6,"statement","goals":[{"text","objectives":
 * [{"key"?,"text","target_date","status"}],"interventions":[{"code",
 * "frequency","staff_id"}]}]}]}.  Every write to a signed version answers
 * 409 `conflict` and changes nothing.  The rules are core/plan.c's, the
 * writes src/ops/plan.c's.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/placement.h"
#include "core/plan.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/plan.h"

/* ---- JSON out -------------------------------------------------------------- */

static json_t *
jid(int64_t id)
{
	return id != 0 ? json_integer(id) : json_null();
}

static json_t *
goal_to_json(const struct plan_goal *g)
{
	json_t *objs = json_array(), *ivs = json_array();

	for (size_t k = 0; k < g->nobjectives; k++) {
		const struct plan_objective *o = &g->objectives[k];
		json_array_append_new(objs, json_pack("{s:I,s:o,s:o,s:o}", "key",
		    (json_int_t)o->key, "text", jstr(o->text), "target_date", jdate(o->target),
		    "status", jstr(o->status)));
	}
	for (size_t k = 0; k < g->ninterventions; k++) {
		const struct plan_intervention *iv = &g->interventions[k];
		const struct intervention_kind *ik = intervention_find(iv->code);
		json_array_append_new(ivs, json_pack("{s:o,s:o,s:o,s:I,s:o}", "code",
		    jstr(iv->code), "words", jstr(ik != NULL ? ik->words : iv->code),
		    "frequency", jstr(iv->frequency), "staff_id", (json_int_t)iv->staff_id,
		    "staff_name", jstr(iv->staff_name)));
	}
	return json_pack("{s:o,s:o,s:o}", "text", jstr(g->text), "objectives", objs,
	    "interventions", ivs);
}

/* The version as the API shows it, its review judged at now. */
static json_t *
plan_json_at(const struct plan *p, int64_t now)
{
	json_t *problems = json_array(), *o, *cs = json_null(), *ks = json_null();

	for (size_t i = 0; i < p->nproblems; i++) {
		const struct plan_problem *x = &p->problems[i];
		json_t *goals = json_array();

		for (size_t j = 0; j < x->ngoals; j++)
			json_array_append_new(goals, goal_to_json(&x->goals[j]));
		json_array_append_new(problems, json_pack("{s:i,s:s,s:o,s:o}", "dimension",
		    x->dimension, "dimension_name", dim_name((enum dim)(x->dimension - 1)),
		    "statement", jstr(x->statement), "goals", goals));
	}
	if (p->clinician_signed_at != 0)
		cs = json_pack("{s:I,s:o,s:o}", "staff_id", (json_int_t)p->clinician_signed_by,
		    "name", jstr(p->clinician_name), "signed_at", jtime(p->clinician_signed_at));
	if (p->client_signed_at != 0)
		ks = json_pack("{s:o,s:o,s:o,s:o,s:o}", "name", jstr(p->client_signed_name),
		    "signed_at", jtime(p->client_signed_at), "via", jstr(p->client_signed_via),
		    "witness_id", jid(p->client_signed_witness), "witness_name",
		    jstr(p->witness_name));
	o = json_pack("{s:I,s:I,s:I,s:i,s:I,s:b,s:b,s:o}", "id", (json_int_t)p->id,
	    "episode_id", (json_int_t)p->episode_id, "client_id", (json_int_t)p->client_id,
	    "version", p->version, "latest_version", (json_int_t)p->latest_version,
	    "is_latest", p->latest_version == p->version, "superseded", p->superseded,
	    "status", jstr(p->status));
	json_object_set_new(o, "created_by", jid(p->created_by));
	json_object_set_new(o, "created_by_name", jstr(p->created_by_name));
	json_object_set_new(o, "created_at", jtime(p->created_at));
	json_object_set_new(o, "updated_at", jtime(p->updated_at));
	json_object_set_new(o, "clinician_signature", cs);
	json_object_set_new(o, "client_signature", ks);
	json_object_set_new(o, "review_days", p->review_days ? json_integer(p->review_days) :
	    json_null());
	json_object_set_new(o, "review_due_at", jtime(p->review_due_at));
	json_object_set_new(o, "review_overdue", json_boolean(plan_review_overdue(p, now)));
	json_object_set_new(o, "problems", problems);
	return o;
}

/* ---- the content's body ---------------------------------------------------- */

struct problem_body {
	struct plan_problem p;
	json_t *goals;
};
struct goal_body {
	struct plan_goal g;
	json_t *objectives, *interventions;
};
struct objective_body {
	struct plan_objective o;
};
struct intervention_body {
	struct plan_intervention iv;
};
struct content_body {
	json_t *problems;
};

#define PB(m) offsetof(struct problem_body, m)
static const struct fdef plan_problem_fields[] = {
	{ .name = "dimension", .kind = FK_INT32, .off = PB(p.dimension), .flags = FD_REQUIRED,
	  .min = 1, .max = 6, .msg = "must be a placement dimension from 1 to 6" },
	{ .name = "statement", .kind = FK_TEXT, .off = PB(p.statement), .flags = FD_REQUIRED,
	  .max = PLAN_TEXT_MAX * 4 },
	{ .name = "goals", .kind = FK_JSON, .off = PB(goals) },
};
#undef PB
const struct fdecoder dec_plan_problem = FDECODER("plan_problem", struct problem_body,
    plan_problem_fields);

#define GB(m) offsetof(struct goal_body, m)
static const struct fdef plan_goal_fields[] = {
	{ .name = "text", .kind = FK_TEXT, .off = GB(g.text), .flags = FD_REQUIRED,
	  .max = PLAN_TEXT_MAX * 4 },
	{ .name = "objectives", .kind = FK_JSON, .off = GB(objectives) },
	{ .name = "interventions", .kind = FK_JSON, .off = GB(interventions) },
};
#undef GB
const struct fdecoder dec_plan_goal = FDECODER("plan_goal", struct goal_body,
    plan_goal_fields);

#define OB(m) offsetof(struct objective_body, m)
static const struct fdef plan_objective_fields[] = {
	{ .name = "key", .kind = FK_INT, .off = OB(o.key), .flags = FD_NULL, .min = 1,
	  .max = INT64_MAX, .msg = "must be the key of an objective of this plan, or null" },
	{ .name = "text", .kind = FK_TEXT, .off = OB(o.text), .flags = FD_REQUIRED,
	  .max = PLAN_TEXT_MAX * 4 },
	{ .name = "target_date", .kind = FK_DATE, .off = OB(o.target), .flags = FD_REQUIRED },
	{ .name = "status", .kind = FK_TEXT, .off = OB(o.status), .max = 20 },
};
#undef OB
const struct fdecoder dec_plan_objective = FDECODER("plan_objective", struct objective_body,
    plan_objective_fields);

#define IB(m) offsetof(struct intervention_body, m)
static const struct fdef plan_intervention_fields[] = {
	{ .name = "code", .kind = FK_TEXT, .off = IB(iv.code), .flags = FD_REQUIRED,
	  .max = 40 },
	{ .name = "frequency", .kind = FK_TEXT, .off = IB(iv.frequency), .flags = FD_REQUIRED,
	  .max = PLAN_FREQUENCY_MAX * 4 },
	{ .name = "staff_id", .kind = FK_INT, .off = IB(iv.staff_id), .flags = FD_REQUIRED,
	  .min = 1, .max = INT64_MAX, .msg = "must name the staff member responsible" },
};
#undef IB
const struct fdecoder dec_plan_intervention = FDECODER("plan_intervention",
    struct intervention_body, plan_intervention_fields);

static const struct fdef plan_content_fields[] = {
	{ .name = "problems", .kind = FK_JSON, .off = offsetof(struct content_body, problems),
	  .flags = FD_REQUIRED },
};
const struct fdecoder dec_plan_content = FDECODER("plan_content", struct content_body,
    plan_content_fields);

/* An array at name with at most max items (null: none); false when it is
 * not one (a field error added). */
static bool
list_of(json_t *v, const char *name, size_t max, const char *what, struct error *e,
    size_t *n)
{
	*n = 0;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_array(v)) {
		error_field(e, name, "must be a list of %s", what);
		return false;
	}
	if ((*n = json_array_size(v)) > max) {
		error_field(e, name, "may hold at most %zu %s", max, what);
		*n = 0;
		return false;
	}
	return true;
}

/* Each item of arr (n of them) by d into out[i] (stride size). */
static void
each_object(json_t *arr, size_t n, const struct fdecoder *d, const char *at,
    struct arena *a, void *out, size_t size, struct error *e)
{
	char f[160];

	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(arr, i);

		snprintf(f, sizeof f, "%s[%zu]", at, i);
		if (!json_is_object(x)) {
			error_field(e, f, "must be an object");
			continue;
		}
		fdecode(d, x, a, (char *)out + i * size, NULL, e, f);
	}
}

/* A body's "problems" into a tree in the arena; field errors added to e. */
static void
problems_decode(json_t *v, struct arena *a, struct plan_problem **out, size_t *nout,
    struct error *e)
{
	struct problem_body *pb;
	size_t n;
	char at[128];

	*out = NULL;
	*nout = 0;
	if (!list_of(v, "problems", PLAN_PROBLEMS_MAX, "problems", e, &n) || n == 0)
		return;
	if ((pb = arena_alloc(a, n * sizeof *pb)) == NULL ||
	    (*out = arena_alloc(a, n * sizeof **out)) == NULL) {
		error_set(e, ERR_NOMEM, "Out of memory.");
		return;
	}
	memset(pb, 0, n * sizeof *pb);
	each_object(v, n, &dec_plan_problem, "problems", a, pb, sizeof *pb, e);
	for (size_t i = 0; i < n; i++) {
		struct goal_body *gb = NULL;
		size_t ng = 0;

		snprintf(at, sizeof at, "problems[%zu].goals", i);
		if (list_of(pb[i].goals, at, PLAN_GOALS_MAX, "goals", e, &ng) && ng > 0) {
			if ((gb = arena_alloc(a, ng * sizeof *gb)) == NULL ||
			    (pb[i].p.goals = arena_alloc(a, ng * sizeof *pb[i].p.goals)) == NULL) {
				error_set(e, ERR_NOMEM, "Out of memory.");
				return;
			}
			memset(gb, 0, ng * sizeof *gb);
			each_object(pb[i].goals, ng, &dec_plan_goal, at, a, gb, sizeof *gb, e);
		}
		pb[i].p.ngoals = ng;
		for (size_t j = 0; j < ng; j++) {
			struct objective_body *ob = NULL;
			struct intervention_body *ib = NULL;
			size_t no = 0, ni = 0;

			snprintf(at, sizeof at, "problems[%zu].goals[%zu].objectives", i, j);
			if (list_of(gb[j].objectives, at, PLAN_OBJECTIVES_MAX, "objectives", e,
			    &no) && no > 0) {
				if ((ob = arena_alloc(a, no * sizeof *ob)) == NULL) {
					error_set(e, ERR_NOMEM, "Out of memory.");
					return;
				}
				memset(ob, 0, no * sizeof *ob);
				for (size_t k = 0; k < no; k++)
					ob[k].o.status = "open";
				each_object(gb[j].objectives, no, &dec_plan_objective, at, a, ob,
				    sizeof *ob, e);
			}
			snprintf(at, sizeof at, "problems[%zu].goals[%zu].interventions", i, j);
			if (list_of(gb[j].interventions, at, PLAN_INTERVENTIONS_MAX,
			    "interventions", e, &ni) && ni > 0) {
				if ((ib = arena_alloc(a, ni * sizeof *ib)) == NULL) {
					error_set(e, ERR_NOMEM, "Out of memory.");
					return;
				}
				memset(ib, 0, ni * sizeof *ib);
				each_object(gb[j].interventions, ni, &dec_plan_intervention, at, a, ib,
				    sizeof *ib, e);
			}
			/* The bodies start with the records: view them as arrays. */
			gb[j].g.objectives = no > 0 ? &ob[0].o : NULL;
			gb[j].g.nobjectives = no;
			gb[j].g.interventions = ni > 0 ? &ib[0].iv : NULL;
			gb[j].g.ninterventions = ni;
			pb[i].p.goals[j] = gb[j].g;
		}
		(*out)[i] = pb[i].p;
	}
	*nout = n;
}

/* The body's content (problems required when need); false after answering. */
static bool
content_body(struct req *r, bool need, struct plan_problem **pr, size_t *n)
{
	struct content_body b = { NULL };
	struct error e;
	json_t *o = NULL;

	*pr = NULL;
	*n = 0;
	error_clear(&e);
	if (!need && (r->body_len == 0))
		return true;
	if ((o = req_json_object(r)) == NULL)
		return false;
	if (!need && json_object_get(o, "problems") == NULL && json_object_size(o) == 0)
		return true;
	if (fdecode(&dec_plan_content, o, r->arena, &b, NULL, &e, NULL))
		problems_decode(b.problems, r->arena, pr, n, &e);
	/* What the shapes let through is checked too, so one answer names every
	 * field at fault (the operation checks again, with the facts). */
	if (e.code == ERR_INVALID && *n > 0)
		plan_content_check(*pr, *n, false, date_from_unix(r->now), &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	return true;
}

/* ---- handlers -------------------------------------------------------------- */

/* GET /vocabularies/interventions. */
void
h_interventions(struct req *r)
{
	json_t *items = json_array();

	for (size_t i = 0; i < nintervention_kinds; i++)
		json_array_append_new(items, json_pack("{s:s,s:s}", "code",
		    intervention_kinds[i].code, "label", intervention_kinds[i].words));
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", items, "total",
	    (json_int_t)nintervention_kinds));
}

/* {"items","total"}, and with ep (not NULL) whose episode they are:
 * "client_id", "episode_id", even when there are none yet. */
static void
reply_plans(struct req *r, const struct plan *items, size_t n, const struct plan_episode *ep)
{
	json_t *arr = json_array(), *o;

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, plan_json_at(&items[i], r->now));
	o = json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)n);
	if (ep != NULL) {
		json_object_set_new(o, "client_id", json_integer(ep->client_id));
		json_object_set_new(o, "episode_id", json_integer(ep->id));
	}
	reply_json(r, 200, o);
}

/* GET /clients/{id}/plans: every version of every episode's plan, newest
 * first. */
void
h_client_plans(struct req *r)
{
	struct plan *items;
	struct client c;
	struct error e;
	size_t n;

	error_clear(&e);
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_plan_list(r->app->store, c.id, 0, r->arena, &items, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_plans(r, items, n, NULL);
}

/* GET /episodes/{id}/plans: the episode's versions, newest first. */
void
h_episode_plans(struct req *r)
{
	struct plan_episode ep;
	struct plan *items;
	struct error e;
	size_t n;

	error_clear(&e);
	if (store_plan_episode(r->app->store, r->ids[0], r->arena, &ep, &e) != ERR_OK ||
	    store_plan_list(r->app->store, ep.client_id, ep.id, r->arena, &items, &n, &e) !=
	    ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, ep.id, ep.client_id);
	reply_plans(r, items, n, &ep);
}

/* GET /plans/{id}. */
void
h_plan_get(struct req *r)
{
	struct plan p;
	struct error e;

	error_clear(&e);
	if (store_plan_get(r->app->store, r->ids[0], r->arena, &p, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, p.id, p.client_id);
	reply_json(r, 200, plan_json_at(&p, r->now));
}

#define PLAN_AFTER(fn, intype, status)                                          \
	static void                                                             \
	fn(struct req *r)                                                       \
	{                                                                       \
		const intype *in_ = r->op->in;                                  \
		if (r->job.result != ERR_OK)                                    \
			reply_error(r, &r->job.err);                            \
		else                                                            \
			reply_json(r, (status), plan_json_at(in_->out, r->now)); \
	}

PLAN_AFTER(create_after, struct plan_create_in, 201)
PLAN_AFTER(update_after, struct plan_update_in, 200)
PLAN_AFTER(sign_after, struct plan_sign_in, 200)
PLAN_AFTER(client_sign_after, struct plan_client_sign_in, 200)
PLAN_AFTER(revise_after, struct plan_revise_in, 201)

/* POST /episodes/{id}/plans {"problems"?}: the first version, a draft. */
void
h_episode_plan_create(struct req *r)
{
	struct plan_create_in *in;

	if (!REQ_OP_INPUT(r, in) || !content_body(r, false, &in->problems, &in->nproblems))
		return;
	in->episode_id = r->ids[0];
	req_op(r, op_plan_create_run, in, create_after);
}

/* PATCH /plans/{id} {"problems"}: a draft's content, whole. */
void
h_plan_patch(struct req *r)
{
	struct plan_update_in *in;

	if (!REQ_OP_INPUT(r, in) || !content_body(r, true, &in->problems, &in->nproblems))
		return;
	in->id = r->ids[0];
	req_op(r, op_plan_update_run, in, update_after);
}

struct sign_body {
	int review_days;
};
static const struct fdef plan_sign_fields[] = {
	{ .name = "review_days", .kind = FK_INT32, .off = offsetof(struct sign_body,
	  review_days), .flags = FD_NULL, .min = PLAN_REVIEW_DAYS_MIN,
	  .max = PLAN_REVIEW_DAYS_MAX },
};
const struct fdecoder dec_plan_sign = FDECODER("plan_sign", struct sign_body,
    plan_sign_fields);

/* POST /plans/{id}/sign {"review_days"?}: the clinician's signature. */
void
h_plan_sign(struct req *r)
{
	struct plan_sign_in *in;
	struct sign_body b = { r->app->set.plan_review_days };
	struct error e;
	json_t *o;

	if (!REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	if (r->body_len > 0) {
		if ((o = req_json_object(r)) == NULL)
			return;
		if (!fdecode(&dec_plan_sign, o, r->arena, &b, NULL, &e, NULL)) {
			reply_error(r, &e);
			return;
		}
	}
	in->id = r->ids[0];
	in->review_days = b.review_days;
	req_op(r, op_plan_sign_run, in, sign_after);
}

struct client_sign_body {
	const char *name;
	bool agree;
};
static const struct fdef plan_client_sign_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .off = offsetof(struct client_sign_body, name),
	  .flags = FD_REQUIRED, .max = PLAN_NAME_MAX * 4 },
	{ .name = "agree", .kind = FK_BOOL, .off = offsetof(struct client_sign_body, agree),
	  .flags = FD_REQUIRED },
};
const struct fdecoder dec_plan_client_signature = FDECODER("plan_client_signature",
    struct client_sign_body, plan_client_sign_fields);

/* POST /plans/{id}/client-signature {"name","agree"}: on a shared screen. */
void
h_plan_client_sign(struct req *r)
{
	struct plan_client_sign_in *in;
	struct client_sign_body b = { "", false };
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	if (!fdecode(&dec_plan_client_signature, o, r->arena, &b, NULL, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	in->name = b.name;
	in->agree = b.agree;
	in->via = "shared_screen";
	req_op(r, op_plan_client_sign_run, in, client_sign_after);
}

/* POST /plans/{id}/revise: a new draft version copied from this one. */
void
h_plan_revise(struct req *r)
{
	struct plan_revise_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->id = r->ids[0];
	req_op(r, op_plan_revise_run, in, revise_after);
}

static json_t *
review_to_json(const struct plan_review *v, int64_t now)
{
	return json_pack("{s:I,s:I,s:I,s:i,s:o,s:o,s:b,s:{s:o,s:o,s:o,s:o}}",
	    "plan_id", (json_int_t)v->id, "client_id", (json_int_t)v->client_id,
	    "episode_id", (json_int_t)v->episode_id, "version", v->version,
	    "review_due_at", jtime(v->review_due_at),
	    "clinician_signed_at", jtime(v->clinician_signed_at),
	    "overdue", now > v->review_due_at,
	    "client", "mrn", jstr(v->client_mrn), "first_name", jstr(v->client_first),
	    "last_name", jstr(v->client_last), "preferred_name", jstr(v->client_preferred));
}

/* GET /plan-reviews?days=N&all=true: the plans in force whose review is
 * overdue or falls due within N days (default 7), of my clients (all=true:
 * everyone's, for a director), the most overdue first. */
void
h_plan_reviews(struct req *r)
{
	const char *all = req_query(r, "all");
	struct plan_review *items;
	struct error e;
	int64_t days = 7;
	json_t *arr;
	size_t n;
	struct buf ids;

	error_clear(&e);
	if (!req_query_int(r, "days", 0, 90, &days, &e, "must be a number of days from 0 to 90")
	    || (all != NULL && strcmp(all, "true") != 0 && strcmp(all, "false") != 0)) {
		if (e.code == ERR_OK)
			error_field(&e, "all", "must be true or false");
		reply_error(r, &e);
		return;
	}
	if (store_plan_reviews_due(r->app->store, all != NULL && strcmp(all, "true") == 0 ? 0 :
	    r->sess.staff_id, r->now + days * 86400, r->arena, &items, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	arr = json_array();
	buf_init(&ids, 0);
	buf_puts(&ids, "ids=");
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(arr, review_to_json(&items[i], r->now));
		buf_printf(&ids, "%s%lld", i ? "," : "", (long long)items[i].id);
		req_listed(r, items[i].client_id);
	}
	req_audit_as(r, NULL, buf_cstr(&ids));
	buf_free(&ids);
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)n));
}

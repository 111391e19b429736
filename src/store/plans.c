/*
 * plans.c — treatment plan versions, their content (problems, goals,
 * objectives, interventions, each row placed by its position) and the
 * reviews due (sql/queries/plans.sql).
 *
 * A draft's content is replaced whole by each edit; a signed version's rows
 * are never written again (the status guards in the queries make a write to
 * one change nothing).  This file must not know about HTTP or print health
 * information.
 */
#include <string.h>

#include "store/store_int.h"

static const struct col plan_cols[] = {
	C_INT(struct plan, id, "id"),
	C_INT(struct plan, episode_id, "episode_id"),
	C_INT(struct plan, client_id, "client_id"),
	C_I32(struct plan, version, "version"),
	C_TEXT(struct plan, status, "status"),
	C_INT(struct plan, created_by, "created_by"),
	C_INT(struct plan, created_at, "created_at"),
	C_INT(struct plan, updated_by, "updated_by"),
	C_INT(struct plan, updated_at, "updated_at"),
	C_INT(struct plan, clinician_signed_by, "clinician_signed_by"),
	C_INT(struct plan, clinician_signed_at, "clinician_signed_at"),
	C_I32(struct plan, review_days, "review_days"),
	C_INT(struct plan, review_due_at, "review_due_at"),
	C_TEXT(struct plan, client_signed_name, "client_signed_name"),
	C_INT(struct plan, client_signed_at, "client_signed_at"),
	C_TEXT(struct plan, client_signed_via, "client_signed_via"),
	C_INT(struct plan, client_signed_witness, "client_signed_witness"),
	C_INT(struct plan, latest_version, "latest_version"),
	C_BOOL(struct plan, superseded, "superseded"),
	C_TEXT(struct plan, created_by_name, "created_by_name"),
	C_TEXT(struct plan, clinician_name, "clinician_name"),
	C_TEXT(struct plan, witness_name, "witness_name"),
};
static const enum sql_query plan_queries[] = {
	Q_plan_by_id,
	Q_plan_list,
};
const struct row_table plan_rows = ROW_TABLE(struct plan, "treatment plan", plan_cols,
    plan_queries);

/* The content's rows as the queries give them. */
struct problem_row {
	int64_t version_id;
	int pos, dimension;
	const char *statement;
};
struct goal_row {
	int64_t version_id;
	int problem_pos, pos;
	const char *text;
};
struct objective_row {
	int64_t version_id;
	int problem_pos, goal_pos, pos;
	int64_t key;
	const char *text;
	struct date target;
	const char *status;
};
struct intervention_row {
	int64_t version_id;
	int problem_pos, goal_pos, pos;
	const char *code, *frequency;
	int64_t staff_id;
	const char *staff_name;
};

static const struct col problem_cols[] = {
	C_INT(struct problem_row, version_id, "version_id"),
	C_I32(struct problem_row, pos, "pos"),
	C_I32(struct problem_row, dimension, "dimension"),
	C_TEXT(struct problem_row, statement, "statement"),
};
static const enum sql_query problem_queries[] = { Q_plan_problems };
const struct row_table plan_problem_rows = ROW_TABLE(struct problem_row, "plan problem",
    problem_cols, problem_queries);

static const struct col goal_cols[] = {
	C_INT(struct goal_row, version_id, "version_id"),
	C_I32(struct goal_row, problem_pos, "problem_pos"),
	C_I32(struct goal_row, pos, "pos"),
	C_TEXT(struct goal_row, text, "text"),
};
static const enum sql_query goal_queries[] = { Q_plan_goals };
const struct row_table plan_goal_rows = ROW_TABLE(struct goal_row, "plan goal", goal_cols,
    goal_queries);

static const struct col objective_cols[] = {
	C_INT(struct objective_row, version_id, "version_id"),
	C_I32(struct objective_row, problem_pos, "problem_pos"),
	C_I32(struct objective_row, goal_pos, "goal_pos"),
	C_I32(struct objective_row, pos, "pos"),
	C_INT(struct objective_row, key, "objective_key"),
	C_TEXT(struct objective_row, text, "text"),
	C_DATE(struct objective_row, target, "target_date"),
	C_TEXT(struct objective_row, status, "status"),
};
static const enum sql_query objective_queries[] = { Q_plan_objectives };
const struct row_table plan_objective_rows = ROW_TABLE(struct objective_row, "plan objective",
    objective_cols, objective_queries);

static const struct col intervention_cols[] = {
	C_INT(struct intervention_row, version_id, "version_id"),
	C_I32(struct intervention_row, problem_pos, "problem_pos"),
	C_I32(struct intervention_row, goal_pos, "goal_pos"),
	C_I32(struct intervention_row, pos, "pos"),
	C_TEXT(struct intervention_row, code, "intervention"),
	C_TEXT(struct intervention_row, frequency, "frequency"),
	C_INT(struct intervention_row, staff_id, "staff_id"),
	C_TEXT(struct intervention_row, staff_name, "staff_name"),
};
static const enum sql_query intervention_queries[] = { Q_plan_interventions };
const struct row_table plan_intervention_rows = ROW_TABLE(struct intervention_row,
    "plan intervention", intervention_cols, intervention_queries);

static const struct col review_cols[] = {
	C_INT(struct plan_review, id, "id"),
	C_INT(struct plan_review, client_id, "client_id"),
	C_INT(struct plan_review, episode_id, "episode_id"),
	C_I32(struct plan_review, version, "version"),
	C_INT(struct plan_review, review_due_at, "review_due_at"),
	C_INT(struct plan_review, clinician_signed_at, "clinician_signed_at"),
	C_INT(struct plan_review, primary_clinician, "primary_clinician"),
	C_TEXT(struct plan_review, client_mrn, "client_mrn"),
	C_TEXT(struct plan_review, client_first, "client_first"),
	C_TEXT(struct plan_review, client_last, "client_last"),
	C_TEXT(struct plan_review, client_preferred, "client_preferred"),
};
static const enum sql_query review_queries[] = { Q_plan_reviews_due };
const struct row_table plan_review_rows = ROW_TABLE(struct plan_review, "plan review",
    review_cols, review_queries);

static const struct col episode_cols[] = {
	C_INT(struct plan_episode, id, "id"),
	C_INT(struct plan_episode, client_id, "client_id"),
	C_BOOL(struct plan_episode, open, "open"),
};
static const enum sql_query episode_queries[] = { Q_plan_episode };
const struct row_table plan_episode_rows = ROW_TABLE(struct plan_episode, "episode",
    episode_cols, episode_queries);

enum err
store_plan_episode(struct store *s, int64_t id, struct arena *a, struct plan_episode *out,
    struct error *e)
{
	return get_row(s, Q_plan_episode, ARGS(A_INT(id)), a, &plan_episode_rows, out, e);
}

enum err
store_tx_plan_episode(struct store_tx *tx, int64_t id, struct arena *a,
    struct plan_episode *out, struct error *e)
{
	return tx_get_row(tx, Q_plan_episode, ARGS(A_INT(id)), a, &plan_episode_rows, out, e);
}

/* Reads p's content and builds its tree. */
static enum err
plan_content(struct store *s, struct store_tx *tx, struct plan *p, struct arena *a,
    struct error *e)
{
	struct problem_row *pr;
	struct goal_row *gr;
	struct objective_row *or;
	struct intervention_row *ir;
	size_t np, ng, no, ni;
	void *t1, *t2, *t3, *t4;

	if (list_by_id_in(s, tx, Q_plan_problems, p->id, &plan_problem_rows, a, &t1, &np, e) ||
	    list_by_id_in(s, tx, Q_plan_goals, p->id, &plan_goal_rows, a, &t2, &ng, e) ||
	    list_by_id_in(s, tx, Q_plan_objectives, p->id, &plan_objective_rows, a, &t3, &no, e) ||
	    list_by_id_in(s, tx, Q_plan_interventions, p->id, &plan_intervention_rows, a, &t4, &ni,
	    e))
		return e->code;
	pr = t1;
	gr = t2;
	or = t3;
	ir = t4;
	p->nproblems = np;
	p->problems = arena_array(a, np * sizeof *p->problems);
	if (np > 0 && p->problems == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	for (size_t i = 0; i < np; i++) {
		struct plan_problem *x = &p->problems[i];
		size_t cnt = 0;

		x->dimension = pr[i].dimension;
		x->statement = pr[i].statement;
		for (size_t j = 0; j < ng; j++)
			if (gr[j].problem_pos == pr[i].pos)
				cnt++;
		if ((x->goals = arena_array(a, cnt * sizeof *x->goals)) == NULL && cnt > 0)
			return error_set(e, ERR_NOMEM, "Out of memory.");
		for (size_t j = 0; j < ng; j++) {
			struct plan_goal *g;
			size_t co = 0, ci = 0;

			if (gr[j].problem_pos != pr[i].pos)
				continue;
			g = &x->goals[x->ngoals++];
			g->text = gr[j].text;
			for (size_t k = 0; k < no; k++)
				co += or[k].problem_pos == gr[j].problem_pos &&
				    or[k].goal_pos == gr[j].pos;
			for (size_t k = 0; k < ni; k++)
				ci += ir[k].problem_pos == gr[j].problem_pos &&
				    ir[k].goal_pos == gr[j].pos;
			g->objectives = arena_array(a, co * sizeof *g->objectives);
			g->interventions = arena_array(a, ci * sizeof *g->interventions);
			if ((co > 0 && g->objectives == NULL) ||
			    (ci > 0 && g->interventions == NULL))
				return error_set(e, ERR_NOMEM, "Out of memory.");
			for (size_t k = 0; k < no; k++)
				if (or[k].problem_pos == gr[j].problem_pos &&
				    or[k].goal_pos == gr[j].pos)
					g->objectives[g->nobjectives++] = (struct plan_objective){
						or[k].key, or[k].text, or[k].target, or[k].status };
			for (size_t k = 0; k < ni; k++)
				if (ir[k].problem_pos == gr[j].problem_pos &&
				    ir[k].goal_pos == gr[j].pos)
					g->interventions[g->ninterventions++] =
					    (struct plan_intervention){ ir[k].code,
						ir[k].frequency, ir[k].staff_id,
						ir[k].staff_name };
		}
	}
	return ERR_OK;
}

enum err
store_plan_get(struct store *s, int64_t id, struct arena *a, struct plan *out,
    struct error *e)
{
	if (get_row(s, Q_plan_by_id, ARGS(A_INT(id)), a, &plan_rows, out, e) != ERR_OK)
		return e->code;
	return plan_content(s, NULL, out, a, e);
}

enum err
store_plan_list(struct store *s, int64_t client_id, int64_t episode_id, struct arena *a,
    struct plan **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	int64_t total;
	struct db_stmt *st;
	struct rconn *c = rconn_get(s, e);

	*items = NULL;
	*n = 0;
	if (c == NULL)
		return e->code;
	st = db_query(c->db, Q_plan_list);
	bind_args(st, ARGS(A_INT(client_id), A_INT(episode_id)));
	if (read_rows(c->db, st, a, &plan_rows, -1, &tmp, n, &total, e) != ERR_OK)
		return e->code;
	*items = tmp;
	for (size_t i = 0; i < *n; i++)
		if (plan_content(s, NULL, &(*items)[i], a, e) != ERR_OK)
			return e->code;
	return ERR_OK;
}

enum err
store_plan_reviews_due(struct store *s, int64_t staff_id, int64_t before, struct arena *a,
    struct plan_review **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	int64_t total;
	struct db_stmt *st;
	struct rconn *c = rconn_get(s, e);

	*items = NULL;
	*n = 0;
	if (c == NULL)
		return e->code;
	st = db_query(c->db, Q_plan_reviews_due);
	bind_args(st, ARGS(A_INT(staff_id), A_INT(before)));
	if (read_rows(c->db, st, a, &plan_review_rows, -1, &tmp, n, &total, e) != ERR_OK)
		return e->code;
	*items = tmp;
	return ERR_OK;
}

enum err
store_tx_plan_get(struct store_tx *tx, int64_t id, struct arena *a, struct plan *out,
    struct error *e)
{
	if (tx_get_row(tx, Q_plan_by_id, ARGS(A_INT(id)), a, &plan_rows, out, e) != ERR_OK)
		return e->code;
	return plan_content(NULL, tx, out, a, e);
}

enum err
store_tx_plan_latest(struct store_tx *tx, int64_t episode_id, int64_t *id, struct error *e)
{
	return tx_int(tx, Q_plan_latest_id, episode_id, 0, id, "reading the latest plan", e);
}

enum err
store_tx_objective_key_of(struct store_tx *tx, int64_t key, int64_t episode_id, bool *ok,
    struct error *e)
{
	int64_t n = 0;

	if (tx_int(tx, Q_plan_objective_key_of, key, episode_id, &n, "reading an objective",
	    e) != ERR_OK)
		return e->code;
	*ok = n > 0;
	return ERR_OK;
}

/* p's content as p->id's rows; objectives with key 0 get a new key. */
static enum err
content_insert(struct store_tx *tx, struct plan *p, struct error *e)
{
	char d[11];

	for (size_t i = 0; i < p->nproblems; i++) {
		const struct plan_problem *x = &p->problems[i];

		if (tx_exec(tx, Q_plan_problem_insert, ARGS(A_INT(p->id), A_INT(i),
		    A_INT(x->dimension), A_TEXT(x->statement)), e) != ERR_OK)
			return e->code;
		for (size_t j = 0; j < x->ngoals; j++) {
			struct plan_goal *g = &x->goals[j];

			if (tx_exec(tx, Q_plan_goal_insert, ARGS(A_INT(p->id), A_INT(i), A_INT(j),
			    A_TEXT(g->text)), e) != ERR_OK)
				return e->code;
			for (size_t k = 0; k < g->nobjectives; k++) {
				struct plan_objective *o = &g->objectives[k];

				if (o->key == 0 && tx_insert(tx, Q_plan_objective_key_new,
				    ARGS(A_INT(p->episode_id), A_INT(tx->now)), &o->key, e) !=
				    ERR_OK)
					return e->code;
				date_format(o->target, d);
				if (tx_exec(tx, Q_plan_objective_insert, ARGS(A_INT(p->id), A_INT(i),
				    A_INT(j), A_INT(k), A_INT(o->key), A_TEXT(o->text), A_TEXT(d),
				    A_TEXT(o->status)), e) != ERR_OK)
					return e->code;
			}
			for (size_t k = 0; k < g->ninterventions; k++) {
				const struct plan_intervention *iv = &g->interventions[k];

				if (tx_exec_field(tx, Q_plan_intervention_insert, ARGS(A_INT(p->id),
				    A_INT(i), A_INT(j), A_INT(k), A_TEXT(iv->code),
				    A_TEXT(iv->frequency), A_INT(iv->staff_id)), "staff_id",
				    "is not a staff member", "saving an intervention", e) != ERR_OK)
					return e->code;
			}
		}
	}
	return ERR_OK;
}

enum err
store_tx_plan_insert(struct store_tx *tx, struct plan *p, struct error *e)
{
	if (tx_insert(tx, Q_plan_insert, ARGS(A_INT(p->episode_id), A_INT(p->client_id),
	    A_INT(p->version), A_INT(p->created_by),
	    A_INT(p->created_at != 0 ? p->created_at : tx->now)), &p->id, e) != ERR_OK)
		return e->code;
	return content_insert(tx, p, e);
}

enum err
store_tx_plan_content(struct store_tx *tx, struct plan *p, int64_t by, struct error *e)
{
	if (tx_change_once(tx, Q_plan_touch, ARGS(A_INT(p->id), A_INT(by), A_INT(tx->now)),
	    "This version of the plan is signed and cannot be changed.", e) != ERR_OK ||
	    tx_exec(tx, Q_plan_interventions_clear, ARGS(A_INT(p->id)), e) != ERR_OK ||
	    tx_exec(tx, Q_plan_objectives_clear, ARGS(A_INT(p->id)), e) != ERR_OK ||
	    tx_exec(tx, Q_plan_goals_clear, ARGS(A_INT(p->id)), e) != ERR_OK ||
	    tx_exec(tx, Q_plan_problems_clear, ARGS(A_INT(p->id)), e) != ERR_OK)
		return e->code;
	return content_insert(tx, p, e);
}

enum err
store_tx_plan_sign(struct store_tx *tx, int64_t id, int64_t by, int64_t at, int review_days,
    int64_t review_due_at, struct error *e)
{
	return tx_change_once(tx, Q_plan_sign, ARGS(A_INT(id), A_INT(by), A_INT(at),
	    A_INT(review_days), A_INT(review_due_at)),
	    "This version of the plan is signed already.", e);
}

enum err
store_tx_plan_client_sign(struct store_tx *tx, int64_t id, const char *name, const char *via,
    int64_t witness, int64_t at, struct error *e)
{
	return tx_change_once(tx, Q_plan_client_sign, ARGS(A_INT(id), A_TEXT(name),
	    A_INT(at), A_TEXT(via), A_INT(witness)),
	    "This version of the plan cannot be signed by the client now.", e);
}

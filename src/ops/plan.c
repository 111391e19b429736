/*
 * plan.c — treatment plans drafted, edited, signed by the clinician and the
 * client, and revised into a new version.
 *
 * Each write reads the version (and its episode) inside its transaction,
 * asks core/plan.c whether the step is allowed, writes, and reads the
 * version back whole for the answer.  A signed version is never written.
 */
#include <stdio.h>
#include <string.h>

#include "ops/plan.h"

static enum err
done(struct store_tx *tx, int64_t id, struct op_result *res, struct plan *out,
    struct error *e)
{
	if (store_tx_plan_get(tx, id, res->arena, out, e) != ERR_OK)
		return e->code;
	res->id = id;
	if (op_touched(res, out->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

/*
 * The facts the content rests on: each objective key given is one of the
 * episode's, and each intervention's staff member exists and is active.
 */
static enum err
content_facts(struct store_tx *tx, int64_t episode_id, const struct plan_problem *pr,
    size_t n, struct arena *a, struct error *e)
{
	char f[128];

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < pr[i].ngoals; j++) {
			const struct plan_goal *g = &pr[i].goals[j];

			for (size_t k = 0; k < g->nobjectives; k++) {
				bool ok = false;

				if (g->objectives[k].key == 0)
					continue;
				if (store_tx_objective_key_of(tx, g->objectives[k].key, episode_id,
				    &ok, e) != ERR_OK)
					return e->code;
				if (!ok) {
					snprintf(f, sizeof f,
					    "problems[%zu].goals[%zu].objectives[%zu].key", i, j, k);
					error_field(e, f, "is not an objective of this plan");
				}
			}
			for (size_t k = 0; k < g->ninterventions; k++) {
				struct staff st;
				struct error le;

				error_clear(&le);
				snprintf(f, sizeof f,
				    "problems[%zu].goals[%zu].interventions[%zu].staff_id", i, j, k);
				if (store_tx_staff_get(tx, g->interventions[k].staff_id, a, &st, &le) !=
				    ERR_OK) {
					if (le.code != ERR_NOTFOUND) {
						*e = le;
						return e->code;
					}
					error_field(e, f, "is not a staff member");
				} else if (!st.active) {
					error_field(e, f, "is a staff member no longer active");
				}
			}
		}
	return e->code;
}

static enum err
check_content(struct store_tx *tx, int64_t episode_id, const struct plan_problem *pr,
    size_t n, int64_t now, struct arena *a, struct error *e)
{
	if (plan_content_check(pr, n, false, date_from_unix(now), e) != ERR_OK)
		return e->code;
	return content_facts(tx, episode_id, pr, n, a, e);
}

enum err
op_plan_create(struct store_tx *tx, const struct actor *who, const struct plan_create_in *in,
    struct op_result *res, struct error *e)
{
	struct plan_episode ep;
	struct plan p;
	int64_t latest = 0;

	if (store_tx_plan_episode(tx, in->episode_id, res->arena, &ep, e) != ERR_OK)
		return e->code;
	if (!ep.open)
		return error_set(e, ERR_CONFLICT, "This episode is closed: a plan is written "
		    "for an open episode.");
	if (store_tx_plan_latest(tx, in->episode_id, &latest, e) != ERR_OK)
		return e->code;
	if (latest != 0)
		return error_set(e, ERR_CONFLICT, "This episode has a plan already (plan %lld): "
		    "edit its draft or revise it.", (long long)latest);
	if (check_content(tx, in->episode_id, in->problems, in->nproblems, who->now, res->arena,
	    e) != ERR_OK)
		return e->code;
	memset(&p, 0, sizeof p);
	p.episode_id = in->episode_id;
	p.client_id = ep.client_id;
	p.version = 1;
	p.created_by = who->staff_id;
	p.created_at = who->now;
	p.problems = in->problems;
	p.nproblems = in->nproblems;
	/* New objectives get keys: none may be given on a first version. */
	for (size_t i = 0; i < p.nproblems; i++)
		for (size_t j = 0; j < p.problems[i].ngoals; j++)
			for (size_t k = 0; k < p.problems[i].goals[j].nobjectives; k++)
				p.problems[i].goals[j].objectives[k].key = 0;
	if (store_tx_plan_insert(tx, &p, e) != ERR_OK)
		return e->code;
	return done(tx, p.id, res, in->out, e);
}

enum err
op_plan_update(struct store_tx *tx, const struct actor *who, const struct plan_update_in *in,
    struct op_result *res, struct error *e)
{
	struct plan p;

	if (store_tx_plan_get(tx, in->id, res->arena, &p, e) != ERR_OK ||
	    plan_check_draft(&p, e) != ERR_OK ||
	    check_content(tx, p.episode_id, in->problems, in->nproblems, who->now, res->arena,
	    e) != ERR_OK)
		return e->code;
	p.problems = in->problems;
	p.nproblems = in->nproblems;
	if (store_tx_plan_content(tx, &p, who->staff_id, e) != ERR_OK)
		return e->code;
	return done(tx, p.id, res, in->out, e);
}

enum err
op_plan_sign(struct store_tx *tx, const struct actor *who, const struct plan_sign_in *in,
    struct op_result *res, struct error *e)
{
	struct plan p;

	if (store_tx_plan_get(tx, in->id, res->arena, &p, e) != ERR_OK ||
	    plan_check_sign(&p, in->review_days, date_from_unix(who->now), e) != ERR_OK)
		return e->code;
	if (store_tx_plan_sign(tx, p.id, who->staff_id, who->now, in->review_days,
	    plan_review_due(who->now, in->review_days), e) != ERR_OK)
		return e->code;
	return done(tx, p.id, res, in->out, e);
}

enum err
op_plan_client_sign(struct store_tx *tx, const struct actor *who,
    const struct plan_client_sign_in *in, struct op_result *res, struct error *e)
{
	struct plan p;
	const char *via = in->via != NULL && *in->via ? in->via : "shared_screen";

	if (strcmp(via, "shared_screen") != 0 && strcmp(via, "portal") != 0)
		return error_field(e, "via", "must be shared_screen or portal");
	if (store_tx_plan_get(tx, in->id, res->arena, &p, e) != ERR_OK ||
	    plan_check_client_sign(&p, in->name, in->agree, e) != ERR_OK)
		return e->code;
	if (store_tx_plan_client_sign(tx, p.id, in->name, via, who->staff_id, who->now, e) !=
	    ERR_OK)
		return e->code;
	return done(tx, p.id, res, in->out, e);
}

enum err
op_plan_revise(struct store_tx *tx, const struct actor *who, const struct plan_revise_in *in,
    struct op_result *res, struct error *e)
{
	struct plan p, next;
	struct plan_episode ep;

	if (store_tx_plan_get(tx, in->id, res->arena, &p, e) != ERR_OK ||
	    plan_check_revise(&p, e) != ERR_OK ||
	    store_tx_plan_episode(tx, p.episode_id, res->arena, &ep, e) != ERR_OK)
		return e->code;
	if (!ep.open)
		return error_set(e, ERR_CONFLICT, "This episode is closed: its plan stays as "
		    "signed.");
	memset(&next, 0, sizeof next);
	next.episode_id = p.episode_id;
	next.client_id = p.client_id;
	next.version = p.version + 1;
	next.created_by = who->staff_id;
	next.created_at = who->now;
	/* The content and the objectives' keys carried forward as they are. */
	next.problems = p.problems;
	next.nproblems = p.nproblems;
	if (store_tx_plan_insert(tx, &next, e) != ERR_OK)
		return e->code;
	return done(tx, next.id, res, in->out, e);
}

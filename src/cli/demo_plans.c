/*
 * demo_plans.c — treatment plans for the demo clinic's admitted clients, so
 * the chart's plan and the worklist's reviews show a clinic at work: most
 * plans signed by the clinician and the client a couple of days after
 * admission, one signed by the clinician and waiting for the client, one
 * still a draft, one revised into a second version, one whose review (a
 * payer's 14 days) is overdue, and one client with no plan yet.
 *
 * Every plan goes through the operations the app uses (ops/plan.c), as the
 * demo clinician, with the console's audit row; a signature's time is the
 * actor's clock set back to the day it was signed.  All words are made up.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "ops/plan.h"

#define DAY 86400

/* Whose plan tells which story (demo_facts' clients: three a track, the
 * first of each track admitted most recently).  The plan not written yet and
 * the one still a draft belong to the two clients admitted last, as they
 * would in a clinic; billing then refuses only their few days since. */
#define PLAN_DRAFT 0
#define PLAN_NONE 3
#define PLAN_AWAITS_CLIENT 1

struct pl {
	struct store *st;
	struct arena *a;
	struct actor clin;
	int64_t case_manager, prescriber;
	struct error *e;
};

static enum err
plan_op(struct pl *x, int64_t at, op_run_fn run, const void *in, const char *action)
{
	struct audit_event ev;
	struct actor who = x->clin;

	who.now = at;
	cli_audit_row(&ev, action, "plan", 0, "demo");
	return cli_op_as(x->st, x->a, &who, run, in, &ev, NULL, x->e);
}

static int64_t
staff_id(struct pl *x, const char *username)
{
	struct staff s;

	if (store_staff_by_username(x->st, username, x->a, &s, NULL, x->e) != ERR_OK)
		return 0;
	return s.id;
}

/* A problem with one goal, its objectives and interventions, in the arena. */
static struct plan_problem *
problem(struct pl *x, struct plan_problem *p, int dim, const char *statement,
    const char *goal, const char *o1, const char *o2, struct date target,
    const char *iv1, const char *f1, int64_t s1, const char *iv2, const char *f2, int64_t s2)
{
	struct plan_goal *g = arena_alloc(x->a, sizeof *g);
	struct plan_objective *o = arena_alloc(x->a, 2 * sizeof *o);
	struct plan_intervention *iv = arena_alloc(x->a, 2 * sizeof *iv);

	if (g == NULL || o == NULL || iv == NULL)
		return NULL;
	o[0] = (struct plan_objective){ 0, o1, target, "open" };
	o[1] = (struct plan_objective){ 0, o2, target, "open" };
	iv[0] = (struct plan_intervention){ iv1, f1, s1, NULL };
	iv[1] = (struct plan_intervention){ iv2, f2, s2, NULL };
	*g = (struct plan_goal){ goal, o, o2 != NULL ? 2 : 1, iv, 2 };
	*p = (struct plan_problem){ dim, statement, g, 1 };
	return p;
}

/* The demo content: a relapse problem for everyone, and by turns a
 * recovery-environment or a mood problem. */
static struct plan_problem *
content(struct pl *x, int c, int64_t signed_at, size_t *n)
{
	struct plan_problem *p = arena_alloc(x->a, 2 * sizeof *p);
	struct date t = date_from_unix(signed_at + 28 * DAY);

	*n = 0;
	if (p == NULL ||
	    problem(x, &p[0], 5, "Has returned to daily drinking after two earlier attempts "
	    "to stop.", "I want to stay sober long enough to get my licence back.",
	    "Name three high-risk situations and a coping plan for each, in writing.",
	    "Attend at least 9 hours of groups every week.", t, "relapse_prevention",
	    "3 groups a week", x->clin.staff_id, "cbt", "weekly individual session",
	    x->clin.staff_id) == NULL)
		return NULL;
	if (c % 2 == 0) {
		if (problem(x, &p[1], 6, "Lives with a partner who uses; no sober supports "
		    "outside the program.", "I need people around me who don't use.",
		    "Go to two mutual-help meetings a week and bring back one phone number "
		    "from each.", "Visit one sober-living house with the case manager.", t,
		    "mutual_help_alternative", "2 meetings a week", x->case_manager,
		    "case_management", "every two weeks", x->case_manager) == NULL)
			return NULL;
	} else if (problem(x, &p[1], 3, "Low mood and poor sleep most days since stopping.",
	    "I want to feel like myself again.", "PHQ-9 below 10 at the next re-screen.",
	    NULL, t, "psychoeducation", "weekly group", x->clin.staff_id,
	    "medication_management", "monthly visit", x->prescriber) == NULL) {
		return NULL;
	}
	*n = 2;
	return p;
}

/* Client c's plan: days after admission it was written and signed; what
 * happened to it (see the file's paragraph). */
static enum err
demo_plan(struct pl *x, int c, int64_t client)
{
	struct episode *eps;
	struct plan out;
	size_t n, np;
	int64_t ep = 0, admitted = 0, at, now = x->clin.now;
	struct client cl;
	char *name;
	struct plan_create_in cin;
	struct plan_sign_in sin;
	struct plan_client_sign_in csin;
	struct plan_revise_in rin;

	if (c == PLAN_NONE)
		return ERR_OK;		/* no plan yet */
	if (store_episode_list(x->st, client, x->a, &eps, &n, x->e) != ERR_OK)
		return x->e->code;
	for (size_t i = 0; i < n; i++)
		if (strcmp(eps[i].status, "open") == 0) {
			ep = eps[i].id;
			admitted = date_days(eps[i].admitted_on) * DAY + 15 * 3600;
		}
	if (ep == 0)
		return ERR_OK;
	at = admitted + 2 * DAY;
	if (at > now)
		at = now - 3600;
	memset(&cin, 0, sizeof cin);
	cin.episode_id = ep;
	if ((cin.problems = content(x, c, at, &np)) == NULL)
		return error_set(x->e, ERR_NOMEM, "Out of memory.");
	cin.nproblems = c == PLAN_DRAFT ? 1 : np;	/* the draft: half written */
	cin.out = &out;
	if (plan_op(x, at, op_plan_create_run, &cin, "plan.create") != ERR_OK || c == PLAN_DRAFT)
		return x->e->code;
	memset(&sin, 0, sizeof sin);
	sin.id = out.id;
	sin.review_days = c == 11 ? 14 : PLAN_REVIEW_DAYS_DEFAULT;	/* a payer's 14 */
	sin.out = &out;
	if (plan_op(x, at + 1800, op_plan_sign_run, &sin, "plan.sign") != ERR_OK || c == PLAN_AWAITS_CLIENT)
		return x->e->code;
	memset(&csin, 0, sizeof csin);
	csin.id = out.id;
	/* The client types their own name on the shared screen. */
	if (store_client_get(x->st, client, x->a, &cl, x->e) != ERR_OK)
		return x->e->code;
	if ((name = arena_alloc(x->a, strlen(cl.first_name) + strlen(cl.last_name) + 2)) == NULL)
		return error_set(x->e, ERR_NOMEM, "Out of memory.");
	snprintf(name, strlen(cl.first_name) + strlen(cl.last_name) + 2, "%s %s", cl.first_name,
	    cl.last_name);
	csin.name = name;
	csin.agree = true;
	csin.via = "shared_screen";
	csin.out = &out;
	if (plan_op(x, at + 2400, op_plan_client_sign_run, &csin, "plan.client_sign") != ERR_OK)
		return x->e->code;
	if (c != 2)
		return ERR_OK;
	/* Revised at its review, two days ago, and signed again. */
	memset(&rin, 0, sizeof rin);
	rin.id = out.id;
	rin.out = &out;
	at = now - 2 * DAY;
	if (plan_op(x, at, op_plan_revise_run, &rin, "plan.revise") != ERR_OK)
		return x->e->code;
	sin.id = out.id;
	sin.review_days = PLAN_REVIEW_DAYS_DEFAULT;
	if (plan_op(x, at + 1800, op_plan_sign_run, &sin, "plan.sign") != ERR_OK)
		return x->e->code;
	csin.id = out.id;
	return plan_op(x, at + 2400, op_plan_client_sign_run, &csin, "plan.client_sign");
}

enum err
demo_plans(struct store *st, const struct demo_facts *f, struct error *e)
{
	struct arena *a = arena_new(0);
	struct pl x;
	struct staff s;
	enum err rc = ERR_OK;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	memset(&x, 0, sizeof x);
	x.st = st;
	x.a = a;
	x.e = e;
	cli_actor(&x.clin);
	if (store_staff_by_username(st, "clinician", a, &s, NULL, e) != ERR_OK ||
	    (x.case_manager = staff_id(&x, "case_manager")) == 0 ||
	    (x.prescriber = staff_id(&x, "prescriber")) == 0) {
		arena_free(a);
		return e->code;
	}
	x.clin.staff_id = s.id;
	x.clin.username = s.username;
	x.clin.roles = s.roles;
	for (int c = 0; c < DEMO_FACT_CLIENTS && rc == ERR_OK; c++)
		rc = demo_plan(&x, c, f->clients[c]);
	arena_free(a);
	return rc;
}

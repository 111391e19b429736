/*
 * plan.c — treatment plans: vocabularies, the content's checks and the
 * lifecycle's rules (draft -> signed by the clinician -> signed by the
 * client, locked; a change is a new version).  Pure: no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "core/plan.h"
#include "core/validate.h"

static const char *const status_names[PLAN__MAX] = {
	[PLAN_DRAFT] = "draft",
	[PLAN_CLINICIAN_SIGNED] = "clinician_signed",
	[PLAN_LOCKED] = "locked",
};

static const char *const obj_names[OBJ__MAX] = {
	[OBJ_OPEN] = "open",
	[OBJ_MET] = "met",
	[OBJ_REVISED] = "revised",
	[OBJ_DISCONTINUED] = "discontinued",
};

const struct intervention_kind intervention_kinds[] = {
	{ "cbt", "Cognitive behavioural therapy (CBT)" },
	{ "dbt", "Dialectical behaviour therapy (DBT) skills" },
	{ "motivational_interviewing", "Motivational interviewing" },
	{ "family_therapy", "Family therapy" },
	{ "twelve_step_facilitation", "12-step facilitation" },
	{ "mutual_help_alternative", "SMART Recovery or other mutual-help alternative" },
	{ "medication_management", "Medication management" },
	{ "relapse_prevention", "Relapse prevention" },
	{ "case_management", "Case management" },
	{ "contingency_management", "Contingency management" },
	{ "trauma_informed_care", "Trauma-informed care" },
	{ "psychoeducation", "Psychoeducation" },
	{ "individual_therapy", "Individual therapy" },
	{ "group_therapy", "Group therapy" },
	{ "drug_screening", "Drug screening" },
	{ "other", "Other (say which in the frequency)" },
};
const size_t nintervention_kinds = sizeof intervention_kinds / sizeof intervention_kinds[0];

const char *
plan_status_name(enum plan_status s)
{
	return name_of(status_names, PLAN__MAX, (int)s);
}

bool
plan_status_parse(const char *s, enum plan_status *out)
{
	int i = name_index(status_names, PLAN__MAX, s);

	if (i < 0)
		return false;
	*out = (enum plan_status)i;
	return true;
}

const char *
objective_status_name(enum objective_status s)
{
	return name_of(obj_names, OBJ__MAX, (int)s);
}

bool
objective_status_parse(const char *s, enum objective_status *out)
{
	int i = name_index(obj_names, OBJ__MAX, s);

	if (i < 0)
		return false;
	*out = (enum objective_status)i;
	return true;
}

const struct intervention_kind *
intervention_find(const char *code)
{
	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < nintervention_kinds; i++)
		if (strcmp(intervention_kinds[i].code, code) == 0)
			return &intervention_kinds[i];
	return NULL;
}

bool
plan_signed(const struct plan *p)
{
	return p->status != NULL && strcmp(p->status, "draft") != 0;
}

/* A text's fault at field (name built from the place): added to e. */
static void
text_field(struct error *e, const char *place, const char *name, const char *s, size_t max,
    bool required)
{
	const char *m = check_text(s, max, required, true);

	if (m != NULL)
		error_field(e, name, "%s%s", place, m);
}

static void
check_objective(const struct plan_objective *o, const char *at, struct date today,
    struct error *e)
{
	char f[192];
	enum objective_status st;
	int64_t d, t;

	snprintf(f, sizeof f, "%s.text", at);
	text_field(e, "", f, o->text, PLAN_TEXT_MAX, true);
	snprintf(f, sizeof f, "%s.target_date", at);
	if (!date_valid(o->target)) {
		error_field(e, f, "must be a date written YYYY-MM-DD");
	} else {
		d = date_days(o->target);
		t = date_days(today);
		if (d < t - PLAN_TARGET_BACK_DAYS)
			error_field(e, f, "is more than a year ago");
		else if (d > t + PLAN_TARGET_AHEAD_DAYS)
			error_field(e, f, "is more than two years ahead");
	}
	snprintf(f, sizeof f, "%s.status", at);
	if (o->status == NULL || !objective_status_parse(o->status, &st))
		error_field(e, f, "must be open, met, revised or discontinued");
}

static void
check_intervention(const struct plan_intervention *iv, const char *at, struct error *e)
{
	char f[192];

	snprintf(f, sizeof f, "%s.code", at);
	if (intervention_find(iv->code) == NULL)
		error_field(e, f, "is not an intervention of the list");
	snprintf(f, sizeof f, "%s.frequency", at);
	text_field(e, "", f, iv->frequency, PLAN_FREQUENCY_MAX, true);
	snprintf(f, sizeof f, "%s.staff_id", at);
	if (iv->staff_id <= 0)
		error_field(e, f, "must name the staff member responsible");
}

enum err
plan_content_check(const struct plan_problem *pr, size_t n, bool complete, struct date today,
    struct error *e)
{
	char at[128], f[128];

	if (n > PLAN_PROBLEMS_MAX)
		error_field(e, "problems", "may hold at most %d problems", PLAN_PROBLEMS_MAX);
	else if (complete && n == 0)
		error_field(e, "problems", "needs at least one problem before the plan is signed");
	for (size_t i = 0; i < n && i < PLAN_PROBLEMS_MAX; i++) {
		const struct plan_problem *p = &pr[i];

		snprintf(f, sizeof f, "problems[%zu].dimension", i);
		if (p->dimension < 1 || p->dimension > 6)
			error_field(e, f, "must be a placement dimension from 1 to 6");
		snprintf(f, sizeof f, "problems[%zu].statement", i);
		text_field(e, "", f, p->statement, PLAN_TEXT_MAX, true);
		snprintf(f, sizeof f, "problems[%zu].goals", i);
		if (p->ngoals > PLAN_GOALS_MAX)
			error_field(e, f, "may hold at most %d goals", PLAN_GOALS_MAX);
		else if (complete && p->ngoals == 0)
			error_field(e, f, "needs a goal in the client's words");
		for (size_t j = 0; j < p->ngoals && j < PLAN_GOALS_MAX; j++) {
			const struct plan_goal *g = &p->goals[j];

			snprintf(f, sizeof f, "problems[%zu].goals[%zu].text", i, j);
			text_field(e, "", f, g->text, PLAN_TEXT_MAX, true);
			snprintf(f, sizeof f, "problems[%zu].goals[%zu].objectives", i, j);
			if (g->nobjectives > PLAN_OBJECTIVES_MAX)
				error_field(e, f, "may hold at most %d objectives",
				    PLAN_OBJECTIVES_MAX);
			else if (complete && g->nobjectives == 0)
				error_field(e, f, "needs a measurable objective");
			for (size_t k = 0; k < g->nobjectives && k < PLAN_OBJECTIVES_MAX; k++) {
				snprintf(at, sizeof at, "problems[%zu].goals[%zu].objectives[%zu]",
				    i, j, k);
				check_objective(&g->objectives[k], at, today, e);
			}
			snprintf(f, sizeof f, "problems[%zu].goals[%zu].interventions", i, j);
			if (g->ninterventions > PLAN_INTERVENTIONS_MAX)
				error_field(e, f, "may hold at most %d interventions",
				    PLAN_INTERVENTIONS_MAX);
			else if (complete && g->ninterventions == 0)
				error_field(e, f, "needs an intervention");
			for (size_t k = 0; k < g->ninterventions && k < PLAN_INTERVENTIONS_MAX;
			    k++) {
				snprintf(at, sizeof at, "problems[%zu].goals[%zu].interventions[%zu]",
				    i, j, k);
				check_intervention(&g->interventions[k], at, e);
			}
		}
	}
	/* Each objective key at most once in the version. */
	for (size_t i = 0; i < n && i < PLAN_PROBLEMS_MAX; i++)
		for (size_t j = 0; j < pr[i].ngoals && j < PLAN_GOALS_MAX; j++)
			for (size_t k = 0; k < pr[i].goals[j].nobjectives &&
			    k < PLAN_OBJECTIVES_MAX; k++) {
				int64_t key = pr[i].goals[j].objectives[k].key;
				size_t seen = 0;

				if (key == 0)
					continue;
				for (size_t a = 0; a < n && a < PLAN_PROBLEMS_MAX; a++)
					for (size_t b = 0; b < pr[a].ngoals && b < PLAN_GOALS_MAX; b++)
						for (size_t c = 0; c < pr[a].goals[b].nobjectives &&
						    c < PLAN_OBJECTIVES_MAX; c++)
							if (pr[a].goals[b].objectives[c].key == key)
								seen++;
				if (seen > 1) {
					snprintf(f, sizeof f,
					    "problems[%zu].goals[%zu].objectives[%zu].key", i, j, k);
					error_field(e, f, "is given to two objectives");
				}
			}
	return e->code;
}

enum err
plan_check_draft(const struct plan *p, struct error *e)
{
	if (plan_signed(p))
		return error_set(e, ERR_CONFLICT, "Version %d of this plan is signed and cannot "
		    "be changed; revise it to draft version %d.", p->version,
		    (int)(p->latest_version > p->version ? p->latest_version : p->version) + 1);
	return ERR_OK;
}

enum err
plan_check_sign(const struct plan *p, int review_days, struct date today, struct error *e)
{
	if (plan_check_draft(p, e) != ERR_OK)
		return e->code;
	if (review_days < PLAN_REVIEW_DAYS_MIN || review_days > PLAN_REVIEW_DAYS_MAX)
		error_field(e, "review_days", "must be a whole number of days from %d to %d",
		    PLAN_REVIEW_DAYS_MIN, PLAN_REVIEW_DAYS_MAX);
	if (plan_content_check(p->problems, p->nproblems, true, today, e) != ERR_OK)
		error_set(e, ERR_INVALID, "This draft is not complete enough to sign: each "
		    "problem needs a goal, each goal an objective and an intervention.");
	return e->code;
}

enum err
plan_check_client_sign(const struct plan *p, const char *name, bool agree, struct error *e)
{
	const char *m;

	if (p->status == NULL || strcmp(p->status, "draft") == 0)
		return error_set(e, ERR_CONFLICT, "The clinician signs the plan before the "
		    "client does.");
	if (strcmp(p->status, "locked") == 0)
		return error_set(e, ERR_CONFLICT, "The client signed version %d already; it "
		    "is locked.", p->version);
	if ((m = check_text(name, PLAN_NAME_MAX, true, false)) != NULL)
		error_field(e, "name", "%s", m);
	if (!agree)
		error_field(e, "agree", "must be ticked: the client agrees with the plan");
	return e->code;
}

enum err
plan_check_revise(const struct plan *p, struct error *e)
{
	if (!plan_signed(p))
		return error_set(e, ERR_CONFLICT, "Version %d is still a draft: edit it instead.",
		    p->version);
	if (p->latest_version > p->version)
		return error_set(e, ERR_CONFLICT, "Version %lld of this plan exists already: "
		    "revise the latest version.", (long long)p->latest_version);
	return ERR_OK;
}

int64_t
plan_review_due(int64_t signed_at, int review_days)
{
	return signed_at + (int64_t)review_days * 86400;
}

bool
plan_review_overdue(const struct plan *p, int64_t now)
{
	return plan_signed(p) && !p->superseded && p->review_due_at != 0 &&
	    now > p->review_due_at;
}

/*
 * plan.h — treatment plans (issue 13, item 1): an episode's plan as a series
 * of versions, each holding problems (tied to a placement dimension), goals
 * in the client's own words, measurable objectives and interventions.
 *
 * A version is a draft until the clinician signs it; the client then signs
 * it (on a shared screen, later in the portal) and it is locked.  A signed
 * version is never changed: a change is a new version, a draft copied from
 * the latest, which keeps each objective's key so notes linked to an
 * objective stay linked.  The review falls due review_days after the
 * clinician's signature; a later signed version replaces the one in force.
 *
 * The interventions are a vocabulary served by the API
 * (GET /api/v1/vocabularies/interventions), not repeated in the web app.
 *
 * Pure: no I/O.
 */
#ifndef IOP_PLAN_H
#define IOP_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"
#include "lib/timeutil.h"

#define PLAN_PROBLEMS_MAX 12
#define PLAN_GOALS_MAX 6		/* per problem */
#define PLAN_OBJECTIVES_MAX 8		/* per goal */
#define PLAN_INTERVENTIONS_MAX 8	/* per goal */
#define PLAN_TEXT_MAX 1000		/* a problem, goal or objective, in bytes */
#define PLAN_FREQUENCY_MAX 100		/* "3 times a week" */
#define PLAN_NAME_MAX 200		/* the client's typed name */
#define PLAN_REVIEW_DAYS_DEFAULT 30
#define PLAN_REVIEW_DAYS_MIN 1
#define PLAN_REVIEW_DAYS_MAX 365
/* An objective's target may lie at most this far back from the day the
 * plan is written (a carried-forward objective met earlier) or ahead. */
#define PLAN_TARGET_BACK_DAYS 366
#define PLAN_TARGET_AHEAD_DAYS (2 * 366)

enum plan_status { PLAN_DRAFT, PLAN_CLINICIAN_SIGNED, PLAN_LOCKED, PLAN__MAX };
const char *plan_status_name(enum plan_status s);	/* "draft", "clinician_signed", "locked" */
bool plan_status_parse(const char *s, enum plan_status *out);

enum objective_status { OBJ_OPEN, OBJ_MET, OBJ_REVISED, OBJ_DISCONTINUED, OBJ__MAX };
const char *objective_status_name(enum objective_status s);	/* "open" ... */
bool objective_status_parse(const char *s, enum objective_status *out);

/* The interventions a plan may name: code and words. */
struct intervention_kind {
	const char *code;	/* "cbt" */
	const char *words;	/* "Cognitive behavioural therapy (CBT)" */
};
extern const struct intervention_kind intervention_kinds[];
extern const size_t nintervention_kinds;
const struct intervention_kind *intervention_find(const char *code);	/* NULL: unknown */

struct plan_intervention {
	const char *code;		/* an intervention_kinds code */
	const char *frequency;		/* "weekly", "3 times a week" */
	int64_t staff_id;		/* the staff member responsible */
	const char *staff_name;		/* read with it */
};

struct plan_objective {
	int64_t key;			/* stable across versions; 0: new (given one on save) */
	const char *text;
	struct date target;
	const char *status;		/* an objective_status_name */
};

struct plan_goal {
	const char *text;		/* in the client's own words */
	struct plan_objective *objectives;
	size_t nobjectives;
	struct plan_intervention *interventions;
	size_t ninterventions;
};

struct plan_problem {
	int dimension;			/* 1..6: the placement dimension */
	const char *statement;
	struct plan_goal *goals;
	size_t ngoals;
};

struct plan {
	int64_t id;			/* the version's id */
	int64_t episode_id, client_id;
	int version;
	const char *status;		/* a plan_status_name */
	int64_t created_by, created_at, updated_by, updated_at;
	int64_t clinician_signed_by, clinician_signed_at;
	int review_days;
	int64_t review_due_at;		/* clinician_signed_at + review_days; 0 for a draft */
	const char *client_signed_name;
	int64_t client_signed_at;
	const char *client_signed_via;	/* "", "shared_screen", "portal" */
	int64_t client_signed_witness;	/* the staff member who handed the screen over */
	/* Read with it. */
	int64_t latest_version;		/* the episode's newest version number */
	bool superseded;		/* a later version is signed */
	const char *created_by_name, *clinician_name, *witness_name;
	struct plan_problem *problems;
	size_t nproblems;
};

bool plan_signed(const struct plan *p);

/* A signed version in force whose review falls due (the worklist's part). */
struct plan_review {
	int64_t id, client_id, episode_id;
	int version;
	int64_t review_due_at, clinician_signed_at, primary_clinician;
	const char *client_mrn, *client_first, *client_last, *client_preferred;
};	/* by the clinician at least */

/*
 * A version's content at today: at most 12 problems, each with a dimension
 * 1-6 and a statement, at most 6 goals, each with its text; objectives
 * (text, a real target date within the limits, a known status) and
 * interventions (a known code, a frequency, a staff member) within their
 * maxima.  Objective keys appear at most once.  complete (for signing) also
 * wants at least one problem, a goal for each problem, and an objective and
 * an intervention for each goal.  Field errors name the place
 * ("problems[0].goals[1].objectives[0].target_date"); returns e->code.
 */
enum err plan_content_check(const struct plan_problem *pr, size_t n, bool complete,
    struct date today, struct error *e);

/* May the version be edited or signed by the clinician (a draft)?  ERR_CONFLICT
 * saying what to do otherwise. */
enum err plan_check_draft(const struct plan *p, struct error *e);
/* May the client sign it: signed by the clinician, not yet by the client,
 * and a name typed and agreement given. */
enum err plan_check_client_sign(const struct plan *p, const char *name, bool agree,
    struct error *e);
/* May a new version be drafted from p: p is the episode's latest version and
 * is signed (a draft is edited instead). */
enum err plan_check_revise(const struct plan *p, struct error *e);
/* May the clinician sign it: a draft, with content that passes
 * plan_content_check (an empty draft cannot be signed). */
enum err plan_check_sign(const struct plan *p, int review_days, struct date today,
    struct error *e);

/* The review's instant for a signature at signed_at. */
int64_t plan_review_due(int64_t signed_at, int review_days);
/* Is the review of a signed version in force (not superseded) overdue at now? */
bool plan_review_overdue(const struct plan *p, int64_t now);

#endif

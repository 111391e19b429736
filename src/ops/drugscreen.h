/*
 * drugscreen.h — operations on drug screens: a screen recorded (pending,
 * or with its results at once, as a point-of-care cup is), and results
 * entered or corrected later (a lab's), keeping the earlier ones.
 *
 * Whenever results are written, the substances expected are worked out
 * from the medications taken on the collection date (the date at the site
 * of the client's open episode; UTC when none), and the unexpected results
 * (core/drugscreen.h) are flagged on the screen.  The first time a screen
 * has an unexpected result a review task is raised, once per screen, for
 * the client's primary clinician (else the clinician on duty at the
 * episode's site, else its director: core/alert.h's route; with none of
 * them, the one who entered the results, so the task is never nobody's).
 */
#ifndef IOP_OPS_DRUGSCREEN_H
#define IOP_OPS_DRUGSCREEN_H

#include "core/drugscreen.h"
#include "core/medication.h"
#include "ops/ops.h"
#include "store/drugscreens.h"

/*
 * Who reviews a result on the client (a drug screen's, a worsening
 * measure's, ops/measure.c): core/alert.h's route over the client's
 * episode, its primary clinician, else the clinician on duty at its site,
 * else its director; with none of them, recorder.
 */
enum err clinical_reviewer(struct store_tx *tx, int64_t client_id, int64_t now,
    int64_t recorder, int64_t *out, struct error *e);

/* The task raised for an unexpected result. */
#define DSCREEN_TASK_KIND "drug_screen_review"

/* What became of a screen's results. */
struct dscreen_out {
	struct drug_screen d;		/* as stored */
	bool task_raised;		/* a review task was raised now */
	int64_t assignee;		/* its assignee (0: nobody) */
};

/* d: client_id, collected_at, method, observed, panel (checked by the
 * caller); has_results: res holds the results, checked against the panel
 * (screen_results_check). */
struct dscreen_record_in {
	struct drug_screen d;
	bool has_results;
	struct screen_results res;
	subset given;			/* the substances res gives */
	struct dscreen_out *out;
};
/* The client exists.  Pending without results; resulted with them.
 * Touches the client. */
OP_DECLARE(op_dscreen_record, struct dscreen_record_in)

/* res: the results of every substance of the screen's panel (checked here
 * against the panel: screen_results_check). */
struct dscreen_results_in {
	int64_t id;
	struct screen_results res;
	subset given;			/* the substances res gives */
	struct dscreen_out *out;
};
/* Enters (pending) or corrects (resulted; the earlier results kept) the
 * results; the expected substances are read again.  Touches the client. */
OP_DECLARE(op_dscreen_results, struct dscreen_results_in)

/* reason: why the screen should never have been recorded (checked by the
 * caller, again here). */
struct dscreen_error_in {
	int64_t id;
	const char *reason;
	struct dscreen_out *out;
};
/* Marks the screen entered in error (kept; its results stay readable); a
 * screen so marked already → ERR_CONFLICT.  Its unexpected-result review
 * task, still open, is closed (out->task_raised false; assignee the task's
 * when one was closed).  Touches the client. */
OP_DECLARE(op_dscreen_error, struct dscreen_error_in)

#endif

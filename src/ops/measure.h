/*
 * measure.h (ops) — measurement-based care: the program's schedule of
 * repeated instruments saved, and the worsening check a client's screening
 * runs in its own transaction (ops/screening.c): when its tracked score
 * rose by the instrument's setting or more since the previous
 * administration in the client's open episode, one measure_worsened task
 * for the primary clinician, routed as a drug screen's review is
 * (clinical_reviewer, ops/drugscreen.h).
 */
#ifndef IOP_OPS_MEASURE_H
#define IOP_OPS_MEASURE_H

#include "core/instrument.h"
#include "core/measure.h"
#include "ops/ops.h"
#include "store/measures.h"

#define MEASURE_TASK_KIND "measure_worsened"

/* The settings as they are to be, each checked (measure_setting_check);
 * instruments not listed keep theirs.  out: every setting as saved. */
struct measure_schedule_in {
	struct measure_setting items[8];
	size_t n;
	struct measure_setting **out;
	size_t *nout;
};
OP_DECLARE(op_measure_schedule_save, struct measure_schedule_in)

/* What the worsening check found. */
struct measure_worsening {
	bool raised;		/* a task was raised */
	int64_t task_id, assignee;
	int prev, cur;		/* the tracked score before and now */
};

/*
 * After screening_id (r: its scoring), given at given_at, was written for
 * client_id: nothing
 * for an instrument that is not repeatable, a setting of 0, a client with
 * no open episode or no earlier administration in it (from
 * MEASURE_INTAKE_DAYS before its admission, a day's slack for zones);
 * else the task when the score worsened (measure_worsened).
 */
enum err measure_check_worsening(struct store_tx *tx, const struct actor *who,
    int64_t client_id, int64_t screening_id, int64_t given_at,
    const struct instrument_result *r, struct arena *a, struct measure_worsening *out,
    struct error *e);

#endif

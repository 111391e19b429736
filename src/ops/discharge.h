/*
 * discharge.h — operations that end an episode of care: a discharge, and a
 * transfer to another level (step-down, step-up) that opens the next one.
 */
#ifndef IOP_OPS_DISCHARGE_H
#define IOP_OPS_DISCHARGE_H

#include "core/discharge.h"
#include "ops/ops.h"

/* The reason an appointment cancelled by a discharge carries. */
#define DISCHARGE_CANCEL_REASON "Discharged"

/*
 * Discharge episode_id on `date` (type, reason, to: core/discharge.h).  In
 * one transaction: the episode becomes discharged; its places on tracks end
 * after the date (sessions on the date keep the client; later ones do not;
 * attendance already recorded stays); the client's appointments scheduled
 * after the date are cancelled by the program ("Discharged", kept with their
 * history).  ERR_CONFLICT when it is discharged already.  *out: the episode
 * as it is now; *cancelled: how many appointments were cancelled.
 */
struct episode_discharge_in {
	int64_t episode_id;
	struct date date;
	const char *type, *reason, *to;
	struct episode *out;
	int64_t *cancelled;
};
OP_DECLARE(op_episode_discharge, struct episode_discharge_in)

/*
 * Move the client of episode_id to `level` on track track_id from `date`:
 * the episode ends on the date as transferred_lower or transferred_higher
 * (its places end the day before); the next opens on the date at the
 * track's site (site_id, when given, must be it) with the same clinician
 * (or primary_clinician_id) and case manager, the client on the track from
 * the date; the newest signed version of the plan is copied into the next
 * episode as a draft to review (objective keys kept).  planned_step_down_weeks
 * (0..2) is kept on the next episode (core/hours.h hours_step_down).
 * res->id and *out: the new episode.
 */
struct episode_transfer_in {
	int64_t episode_id;
	struct date date;
	const char *level, *reason;
	int64_t track_id, site_id, primary_clinician;
	int step_down_weeks;
	struct episode *out;
	int64_t *plan_id;		/* the draft carried forward; 0 when none */
};
OP_DECLARE(op_episode_transfer, struct episode_transfer_in)

/*
 * The discharge summary of episode_id (discharged; ERR_CONFLICT while it is
 * open, or when it has one), drafted from the record: the reason (type,
 * date, reason given), services received, the last instrument scores, the
 * medications at discharge, the problems of the newest signed plan with
 * their progress to fill in; recommendations empty.  *out: as stored.
 */
struct dsummary_create_in {
	int64_t episode_id;
	struct dsummary *out;
};
OP_DECLARE(op_dsummary_create, struct dsummary_create_in)

/* A draft's text: each field given (not NULL) replaces the stored one;
 * ERR_CONFLICT once signed. */
struct dsummary_update_in {
	int64_t id;
	struct dsummary d;
	struct dsummary *out;
};
OP_DECLARE(op_dsummary_update, struct dsummary_update_in)

/* The clinician signs draft id: locked from then (ERR_CONFLICT after). */
struct dsummary_sign_in {
	int64_t id;
	struct dsummary *out;
};
OP_DECLARE(op_dsummary_sign, struct dsummary_sign_in)

#endif

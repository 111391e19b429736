/*
 * aftercare.h — operations on the aftercare plan of an episode
 * (core/aftercare.h): draft, edit, the client's signature, a new version.
 */
#ifndef IOP_OPS_AFTERCARE_H
#define IOP_OPS_AFTERCARE_H

#include "core/aftercare.h"
#include "ops/ops.h"
#include "store/aftercare.h"

/*
 * Version 1 of episode_id's plan, a draft: the medications the client takes
 * (on the discharge day, or today while the episode is open) prefilled, each
 * with its outside prescriber; for a transfer out, the provider named as the
 * discharge named it.  ERR_CONFLICT when the episode may have no plan
 * (aftercare_episode_check) or has one.  *out: as stored.
 */
struct aftercare_create_in {
	int64_t episode_id;
	struct aftercare *out;
};
OP_DECLARE(op_aftercare_create, struct aftercare_create_in)

/*
 * A draft's content: each text field of p that is not NULL replaces the
 * stored one; the groups and the medications, when given, replace the
 * lists whole (a medication_id must be one of the client's medications).
 * The result must pass aftercare_check.  ERR_CONFLICT once signed, with
 * nothing changed.
 */
struct aftercare_update_in {
	int64_t id;
	struct aftercare p;
	bool groups_given, meds_given;
	struct aftercare *out;
};
OP_DECLARE(op_aftercare_update, struct aftercare_update_in)

/* The client signs draft id (aftercare_sign_check); the staff member
 * signed in is the witness.  Locked from then. */
struct aftercare_sign_in {
	int64_t id;
	const char *name;
	bool agree;
	struct aftercare *out;
};
OP_DECLARE(op_aftercare_sign, struct aftercare_sign_in)

/* A new version: a draft copied from signed version id, the latest
 * (aftercare_revise_check).  res->id and *out: the new version. */
struct aftercare_revise_in {
	int64_t id;
	struct aftercare *out;
};
OP_DECLARE(op_aftercare_revise, struct aftercare_revise_in)

#endif

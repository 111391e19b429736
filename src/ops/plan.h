/*
 * plan.h — operations on treatment plans: draft the first version, edit a
 * draft, the clinician's signature, the client's signature, and a new
 * version drafted from a signed one.
 *
 * Any write to a signed version is refused (ERR_CONFLICT) and changes
 * nothing: the rules are core/plan.c's, and the store's status guards hold
 * them again inside the transaction.
 */
#ifndef IOP_OPS_PLAN_H
#define IOP_OPS_PLAN_H

#include "core/plan.h"
#include "ops/ops.h"

/* The first version of an episode's plan (a draft): its content may be
 * empty.  *out: as stored, read back whole. */
struct plan_create_in {
	int64_t episode_id;
	struct plan_problem *problems;
	size_t nproblems;
	struct plan *out;
};
OP_DECLARE(op_plan_create, struct plan_create_in)

/* A draft's content, replaced whole.  An objective carried forward keeps
 * its key (one of the episode's); a new one has key 0. */
struct plan_update_in {
	int64_t id;
	struct plan_problem *problems;
	size_t nproblems;
	struct plan *out;
};
OP_DECLARE(op_plan_update, struct plan_update_in)

/* The clinician signs draft id; its review falls due review_days later. */
struct plan_sign_in {
	int64_t id;
	int review_days;
	struct plan *out;
};
OP_DECLARE(op_plan_sign, struct plan_sign_in)

/* The client signs id (signed by the clinician), which locks it: the name
 * typed, agreement ticked, via "shared_screen" (the staff member signed in
 * handed the screen over) or "portal". */
struct plan_client_sign_in {
	int64_t id;
	const char *name;
	bool agree;
	const char *via;
	struct plan *out;
};
OP_DECLARE(op_plan_client_sign, struct plan_client_sign_in)

/* A new draft version copied from id, the episode's latest and signed. */
struct plan_revise_in {
	int64_t id;
	struct plan *out;
};
OP_DECLARE(op_plan_revise, struct plan_revise_in)

#endif

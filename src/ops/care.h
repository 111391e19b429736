/*
 * care.h — operations on a client's care: the care team changed, and an
 * emergency declared ("break the glass").
 */
#ifndef IOP_OPS_CARE_H
#define IOP_OPS_CARE_H

#include "core/care.h"
#include "ops/ops.h"
#include "store/care.h"

/* m: client_id, staff_id, role_in_care.  *out: the member as added. */
struct care_team_add_in {
	struct care_member m;
	struct care_member *out;
};
/* The actor may change care teams (core/care.h, else ERR_FORBIDDEN); the
 * client exists; the staff member exists, is active and sees clients (not
 * only the administrator); not on the team already (ERR_CONFLICT). */
OP_DECLARE(op_care_team_add, struct care_team_add_in)

struct care_team_remove_in {
	int64_t client_id, staff_id;
	struct care_member *out;	/* the member as they were */
};
/* The actor may change care teams; the member is on the team (else 404). */
OP_DECLARE(op_care_team_remove, struct care_team_remove_in)

/* x: client_id, reason (checked), expires_at.  *out: the access granted. */
struct emergency_in {
	struct emergency_access x;
	struct emergency_access *out;
};
/* The client exists; the access is written for the actor, and every
 * active director gets a task naming client, staff member and reason.
 * res->detail: the reason and the expiry (the audit row's). */
OP_DECLARE(op_emergency_access, struct emergency_in)

#endif

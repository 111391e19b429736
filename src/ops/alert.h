/*
 * alert.h — operations on safety alerts: resolving one with a documented
 * response (which also completes its task), and claiming an unclaimed one.
 */
#ifndef IOP_OPS_ALERT_H
#define IOP_OPS_ALERT_H

#include "core/alert.h"
#include "ops/ops.h"

struct alert_resolve_in {
	int64_t id;
	const char *response;		/* checked by the caller: required text */
	struct alert *out;		/* the alert as resolved */
};
/* ERR_CONFLICT when already resolved.  Touches the alert's client. */
OP_DECLARE(op_alert_resolve, struct alert_resolve_in)

struct alert_claim_in {
	int64_t id;
	struct alert *out;		/* the alert as claimed */
};
/* An open, unclaimed alert becomes the actor's: off the unclaimed list, its
 * open task theirs.  ERR_CONFLICT when resolved or claimed already.  Touches
 * the alert's client. */
OP_DECLARE(op_alert_claim, struct alert_claim_in)

#endif

/*
 * insurance.h — operations on a client's insurance: a coverage added, a
 * benefit verification recorded (with the estimate computed by the caller
 * from the program's rates), a payer authorisation recorded.
 */
#ifndef IOP_OPS_INSURANCE_H
#define IOP_OPS_INSURANCE_H

#include "core/insurance.h"
#include "ops/ops.h"

/* c: the coverage (client_id set).  *out: as stored (id filled). */
struct coverage_create_in {
	struct coverage c;
	struct coverage *out;
};
/* The client exists and the coverage is valid (coverage_check). */
OP_DECLARE(op_coverage_create, struct coverage_create_in)

/* A correction: set holds the new values of the fields named in fields
 * (bit 1u << enum coverage_field) of coverage id of client_id. *out: as
 * stored. */
struct coverage_update_in {
	int64_t client_id, id;
	struct coverage set;
	unsigned fields;
	struct coverage *out;
};
/*
 * The coverage is the client's (else ERR_NOTFOUND) and valid once changed
 * (coverage_check); the audit detail names the fields whose values changed
 * ("changed=member_id,plan"; never the values).
 */
OP_DECLARE(op_coverage_update, struct coverage_update_in)

/* b: the verification with its estimate; coverage_id the coverage checked.
 * *out: as stored, with the coverage's client. */
struct benefit_create_in {
	struct benefit_row b;
	struct benefit_row *out;
};
OP_DECLARE(op_benefit_create, struct benefit_create_in)

/* au: the authorisation; coverage_id the coverage it is under. */
struct authorization_create_in {
	struct authorization au;
	struct authorization *out;
};
OP_DECLARE(op_authorization_create, struct authorization_create_in)

#endif

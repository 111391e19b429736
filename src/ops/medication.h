/*
 * medication.h — operations on a client's medication list: a medication
 * added, and a change (an edit, a stop date, or "entered in error"), which
 * keeps the earlier version.  Nothing is deleted.
 */
#ifndef IOP_OPS_MEDICATION_H
#define IOP_OPS_MEDICATION_H

#include "core/medication.h"
#include "ops/ops.h"
#include "store/drugscreens.h"

/* m: the medication (client_id set); expected_given: m.expected was given
 * (else a MAT medication's substances are taken).  *out: as stored. */
struct medication_create_in {
	struct medication m;
	bool expected_given;
	struct medication *out;
};
/* The client exists, the prescriber (when ours) is a staff member, and the
 * entry is valid (medication_check).  Touches the client. */
OP_DECLARE(op_medication_create, struct medication_create_in)

/* set holds the new values of the fields named in fields (bit 1u << enum
 * med_field) of medication id.  *out: as stored. */
struct medication_update_in {
	int64_t id;
	struct medication set;
	unsigned fields;
	struct medication *out;
};
/*
 * ERR_CONFLICT once it is entered in error (it stays as it was); valid once
 * changed; the earlier version is kept.  A change of mat without expected
 * takes the new MAT medication's substances.  res->detail names the fields
 * whose values changed, never the values.  Touches the client.
 */
OP_DECLARE(op_medication_update, struct medication_update_in)

#endif

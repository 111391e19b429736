/*
 * placement.h — operations on placements: an assessment recorded, and a
 * version of the placement table saved (edited, or the default restored).
 */
#ifndef IOP_OPS_PLACEMENT_H
#define IOP_OPS_PLACEMENT_H

#include "core/inquiry.h"
#include "core/placement.h"
#include "ops/ops.h"

/* row: the assessment as the caller built it from the table in force
 * (table_version: that table's version).  *out: as stored. */
struct placement_record_in {
	struct placement_row row;
	struct placement_row *out;
};
/* The client exists, or the inquiry (row.inquiry_id: made on the inquiry,
 * and its client's when it was converted); the table was not changed since
 * (ERR_CONFLICT). */
OP_DECLARE(op_placement_record, struct placement_record_in)

/* expect: the version the editor started from; row: edition and body (the
 * table as JSON text, checked by the caller).  *out: the version saved. */
struct placement_table_save_in {
	int64_t expect;
	struct placement_table_row row;
	struct placement_table_row *out;
};
/* The newest version is still `expect` (ERR_CONFLICT); res->id is the new
 * version's number. */
OP_DECLARE(op_placement_table_save, struct placement_table_save_in)

#endif

/*
 * attendance.h (ops) — attendance at a group session: a whole roster, or
 * part of it, checked in at once.  A correction keeps the earlier value.
 */
#ifndef IOP_OPS_ATTENDANCE_H
#define IOP_OPS_ATTENDANCE_H

#include "core/attendance.h"
#include "core/schedule.h"
#include "ops/ops.h"

/* Records (client_id, status, late_minutes, left_early_minutes) for one
 * session; out: the session, its roster and its attendance after. */
struct attendance_record_in {
	int64_t session_id;
	const struct attendance *records;
	size_t n;
	struct group_session *session;
	struct roster_entry **roster;
	size_t *nroster;
	struct session_attendance *att;
};

OP_DECLARE(op_attendance_record, struct attendance_record_in)

#endif

/*
 * appointment.h — operations on appointments: book, reschedule, cancel,
 * and record the outcome (attended, no-show, late cancellation).
 *
 * A booking or a rescheduling is refused (ERR_CONFLICT) when it overlaps a
 * commitment of the same staff member, room or client (core/appointment.h,
 * commitment_conflict, over store_tx_commitments); the operation then fills
 * *conflict so the caller can name the booking in its answer.
 */
#ifndef IOP_OPS_APPOINTMENT_H
#define IOP_OPS_APPOINTMENT_H

#include "core/appointment.h"
#include "ops/ops.h"

/* The commitment a booking ran into (type and id are what the answer
 * carries). */
struct appt_conflict {
	enum conflict_on on;		/* CONFLICT_NONE: none */
	enum commit_type type;
	int64_t id;
	int64_t starts_at, ends_at;
};

/* a: client_id, site_id, kind, staff_id, room_id (0: none), starts_at,
 * minutes; persons[0..npersons): contacts of the client (family therapy).
 * *out: as stored, read back whole. */
struct appt_book_in {
	struct appointment a;
	const int64_t *persons;
	size_t npersons;
	struct appointment *out;
	struct appt_conflict *conflict;
};
OP_DECLARE(op_appt_book, struct appt_book_in)

/* A new time, length, staff member or room for appointment id: starts_at
 * INT64_MIN, minutes 0 and staff_id 0 keep theirs; room_id is used when
 * room_given (0: no room). */
struct appt_reschedule_in {
	int64_t id;
	int64_t starts_at;
	int minutes;
	int64_t staff_id, room_id;
	bool room_given;
	struct appointment *out;
	struct appt_conflict *conflict;
};
OP_DECLARE(op_appt_reschedule, struct appt_reschedule_in)

/* by: "client" or "program"; reason required.  Late when by the client less
 * than late_hours before the start. */
struct appt_cancel_in {
	int64_t id;
	const char *by, *reason;
	int late_hours;
	struct appointment *out;
};
OP_DECLARE(op_appt_cancel, struct appt_cancel_in)

/*
 * The outcome of appointment id (core/appointment.h, appt_attendance_check):
 * attendance "attended", "no_show" or "late_cancellation"; minutes -1 when
 * not given (attended: the whole length).  The same outcome again writes
 * nothing; a different one keeps the earlier in the attendance history.
 */
struct appt_attendance_in {
	int64_t id;
	const char *attendance;
	int minutes;
	struct appointment *out;
};
OP_DECLARE(op_appt_attendance, struct appt_attendance_in)
/* An ERR_CONFLICT in e, in the words the booking's 409 would have, for a
 * booking at site that runs into c on `on` (GET /appointments/conflicts
 * asks before saving). */
enum err appt_conflict_words(const struct site *site, const struct commitment *c,
    enum conflict_on on, struct error *e);

#endif

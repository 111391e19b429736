/*
 * appointment.h — appointments (issue 12, item 4): one client's time with one
 * staff member, and the rule that keeps bookings from overlapping.
 *
 * Kinds are a vocabulary served by the API (GET /api/v1/appointment-kinds),
 * not repeated in the web app.  Times are UTC instants; [starts_at,
 * ends_at) is half-open, so one appointment may end when the next begins.
 *
 * The overlap rule is over commitments: anything that takes a staff member,
 * a room or a client for an interval.  Today the store reads appointments
 * as commitments; a group session is one too (its facilitator, its room,
 * and the client when they are on its roster), and the rule needs nothing
 * more to refuse a booking over it.
 *
 * Pure: no I/O.
 */
#ifndef IOP_APPOINTMENT_H
#define IOP_APPOINTMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/directory.h"
#include "core/perm.h"
#include "lib/err.h"

enum appt_kind {
	APPT_INDIVIDUAL_THERAPY,
	APPT_FAMILY_THERAPY,
	APPT_MEDICATION_MANAGEMENT,
	APPT_CASE_MANAGEMENT,
	APPT_ASSESSMENT,
	APPT__MAX
};

const char *appt_kind_name(enum appt_kind k);	/* "individual_therapy"; "" out of range */
const char *appt_kind_words(enum appt_kind k);	/* "Individual therapy" */
bool appt_kind_parse(const char *s, enum appt_kind *out);
/* The roles one of which the staff member seen must hold for this kind. */
roleset appt_kind_roles(enum appt_kind k);

#define APPT_MINUTES_MIN 5
#define APPT_MINUTES_MAX 480		/* eight hours */
#define APPT_PERSONS_MAX 8		/* related persons at a family session */
#define APPT_REASON_MAX 500
#define APPT_PAST_S (7 * 86400)		/* one held may be entered a week late */
#define APPT_AHEAD_S (366 * 86400)	/* booked at most a year ahead */
#define APPT_LATE_CANCEL_HOURS_DEFAULT 24
#define APPT_WINDOW_MAX_S (366 * 86400)	/* one list spans at most a year */

struct appt_person {
	int64_t contact_id;
	const char *name, *relationship;	/* read with it */
};

struct appt_change {
	int64_t id, appointment_id;
	const char *change;		/* "booked", "rescheduled", "cancelled" */
	int64_t starts_at;		/* the time before the change */
	int minutes;
	int64_t staff_id, room_id;	/* before the change; room 0: none */
	const char *reason;		/* a cancellation's */
	int64_t changed_by, changed_at;
	const char *changed_by_name;	/* read with it */
};

/* An earlier outcome of a corrected appointment (appointment_attendance_change). */
struct appt_attendance_change {
	const char *attendance;		/* "attended", "no_show", "late_cancellation" */
	int attended_minutes;
	int64_t recorded_by, recorded_at;	/* who recorded that value, when */
	int64_t changed_by, changed_at;		/* who replaced it, when */
	const char *recorded_by_name, *changed_by_name;	/* read with it */
};

struct appointment {
	int64_t id, client_id, site_id, staff_id;
	int64_t room_id;		/* 0: none */
	const char *kind;		/* an appt_kind_name */
	int64_t starts_at, ends_at;	/* UTC; ends_at = starts_at + minutes * 60 */
	int minutes;
	const char *status;		/* "scheduled" or "cancelled" */
	const char *cancelled_by;	/* "", "client" or "program" */
	const char *cancel_reason;
	bool late_cancellation;
	int64_t cancelled_at;		/* 0: not cancelled */
	int64_t created_by, created_at, updated_at;
	/* The outcome (issue 12, item 5): "" until recorded. */
	const char *attendance;		/* "", or an appt_attendance_known word */
	int attended_minutes;		/* > 0 only when attended */
	int64_t attendance_by, attendance_at;	/* who recorded it, when; 0: nobody */
	/* Read with it. */
	const char *attendance_by_name;
	const char *staff_name, *room_name, *site_name, *site_timezone;
	struct appt_person *persons;
	size_t npersons;
	struct appt_change *history;	/* oldest first */
	size_t nhistory;
	struct appt_attendance_change *attendance_history;	/* oldest first */
	size_t nattendance_history;
};

bool appt_cancelled(const struct appointment *a);

/*
 * A new booking's own fields at now: a known kind, a site, a staff member,
 * a start no more than a week back and at most a year ahead, a length from
 * 5 minutes to 8 hours, related persons only for family therapy (at most 8,
 * none twice).  Adds a field error for each; returns e->code.
 */
enum err appointment_check(const struct appointment *a, const int64_t *persons,
    size_t npersons, int64_t now, struct error *e);
/* The time of a booking or a rescheduling (starts_at, minutes) at now. */
enum err appt_time_check(int64_t starts_at, int minutes, int64_t now, struct error *e);

/* May st (NULL: no such staff member) be booked for kind?  Adds a field error
 * on staff_id naming the roles wanted; returns e->code. */
enum err appt_staff_check(enum appt_kind kind, const struct staff *st, struct error *e);

/* Half-open intervals [a0, a1) and [b0, b1) share an instant. */
bool intervals_overlap(int64_t a0, int64_t a1, int64_t b0, int64_t b1);

/* What a commitment is. */
enum commit_type { COMMIT_APPOINTMENT, COMMIT_SESSION, COMMIT__MAX };
const char *commit_type_name(enum commit_type t);	/* "appointment", "session" */

/*
 * Something that takes people or a room for [starts_at, ends_at): an
 * appointment (its staff member, room and client) or a group session (its
 * facilitator, its room, and client_id = the client asked about when they
 * are on its roster, else 0).  0 in staff_id, room_id or client_id: it
 * takes none.
 */
struct commitment {
	enum commit_type type;
	int64_t id;
	int64_t starts_at, ends_at;
	int64_t staff_id, room_id, client_id;
	const char *what;		/* "individual_therapy", a group type */
	const char *staff_name, *room_name;
};

enum conflict_on { CONFLICT_NONE, CONFLICT_STAFF, CONFLICT_ROOM, CONFLICT_CLIENT };

/*
 * The first of list[0..n) that overlaps want and takes its staff member,
 * its room or its client (checked in that order for each); want itself
 * (the same type and id, when rescheduling) does not count.  *at gets its
 * index.  CONFLICT_NONE when there is none.
 */
enum conflict_on commitment_conflict(const struct commitment *want,
    const struct commitment *list, size_t n, size_t *at);

/* Is a cancellation by the client at now, of an appointment starting at
 * starts_at, late: less than late_hours before the start?  One by the
 * program never is. */
bool appt_late_cancellation(bool by_client, int64_t starts_at, int64_t now, int late_hours);

/*
 * An appointment's outcome (issue 12, item 5).
 *
 * "attended" with the minutes the client was there: from 1 to the
 * appointment's length, the whole length when not given; "no_show" and
 * "late_cancellation" with no minutes (0).  It is recorded once the
 * appointment has started, never before.  A cancelled appointment takes no
 * outcome but one: when the client cancelled it, "late_cancellation" may be
 * recorded (a cancellation by the client inside the late window gets it
 * when cancelled, ops/appointment.c); one cancelled by the program takes
 * none, since the time was not the client's to lose.
 */
bool appt_attendance_known(const char *s);	/* attended, no_show, late_cancellation */
#define APPT_ATTENDANCE_WORDS "attended, no_show or late_cancellation"

/*
 * Checks recording attendance (with *minutes: -1 when not given) for ap at
 * now.  On ERR_OK *minutes is what to store (the length when attended and
 * not given, 0 otherwise).  A bad value is ERR_INVALID naming attendance
 * or attended_minutes; an appointment not yet started or cancelled is
 * ERR_CONFLICT, its message saying why and what to do, with the field
 * attendance named too.
 */
enum err appt_attendance_check(const struct appointment *ap, const char *attendance,
    int *minutes, int64_t now, struct error *e);

#endif

/*
 * test_appointment.c — appointments' rules: the kinds, a booking's fields,
 * whom each kind is with, the overlap rule over commitments (half-open
 * intervals; staff member, room and client; a group session as a
 * commitment), when a cancellation is late, and when an outcome
 * (attendance) may be recorded and with what minutes.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

#include "core/appointment.h"

#define NOW 1790000000
#define H 3600

static void
kinds(void **state)
{
	enum appt_kind k;

	(void)state;
	assert_true(appt_kind_parse("family_therapy", &k));
	assert_int_equal(k, APPT_FAMILY_THERAPY);
	assert_string_equal(appt_kind_name(APPT_MEDICATION_MANAGEMENT), "medication_management");
	assert_string_equal(appt_kind_words(APPT_CASE_MANAGEMENT), "Case management");
	assert_false(appt_kind_parse("group", &k));
	assert_false(appt_kind_parse("", &k));
	for (k = 0; k < APPT__MAX; k++)
		assert_true(appt_kind_roles(k) != 0);
}

static struct appointment
booking(const char *kind)
{
	return (struct appointment){ .client_id = 1, .site_id = 1, .staff_id = 2,
	    .kind = kind, .starts_at = NOW + 2 * H, .minutes = 50 };
}

static void
a_booking_is_checked(void **state)
{
	struct appointment a = booking("individual_therapy");
	int64_t persons[] = { 4, 5, 4 };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(appointment_check(&a, NULL, 0, NOW, &e), ERR_OK);
	a.kind = "group";
	a.minutes = 2;
	a.starts_at = NOW - 8 * 86400;
	a.staff_id = 0;
	assert_int_equal(appointment_check(&a, NULL, 0, NOW, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "kind"));
	assert_string_equal(field_msg(&e, "minutes"), "must be from 5 to 480 minutes");
	assert_string_equal(field_msg(&e, "starts_at"), "is more than a week ago");
	assert_string_equal(field_msg(&e, "staff_id"), "is required");
	error_clear(&e);
	a = booking("individual_therapy");
	a.starts_at = NOW + APPT_AHEAD_S + 60;
	assert_int_equal(appointment_check(&a, NULL, 0, NOW, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "starts_at"), "is more than a year ahead");
	/* Related persons: family therapy only, nobody twice. */
	error_clear(&e);
	a = booking("individual_therapy");
	assert_int_equal(appointment_check(&a, persons, 1, NOW, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "related_persons"), "are only for family therapy");
	error_clear(&e);
	a.kind = "family_therapy";
	assert_int_equal(appointment_check(&a, persons, 2, NOW, &e), ERR_OK);
	assert_int_equal(appointment_check(&a, persons, 3, NOW, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "related_persons"), "name someone twice");
}

static void
whom_each_kind_is_with(void **state)
{
	struct staff st = { .id = 2, .full_name = "Dana Reyes", .active = true,
	    .roles = (roleset)1u << ROLE_NURSE };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(appt_staff_check(APPT_MEDICATION_MANAGEMENT, &st, &e), ERR_OK);
	assert_int_equal(appt_staff_check(APPT_ASSESSMENT, &st, &e), ERR_OK);
	assert_int_equal(appt_staff_check(APPT_INDIVIDUAL_THERAPY, &st, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "staff_id"),
	    "Individual therapy is with a clinician or the director");
	error_clear(&e);
	st.roles = (roleset)1u << ROLE_FRONT_DESK;
	assert_int_equal(appt_staff_check(APPT_CASE_MANAGEMENT, &st, &e), ERR_INVALID);
	error_clear(&e);
	st.roles = (roleset)1u << ROLE_CLINICIAN;
	st.active = false;
	assert_int_equal(appt_staff_check(APPT_FAMILY_THERAPY, &st, &e), ERR_INVALID);
	error_clear(&e);
	assert_int_equal(appt_staff_check(APPT_FAMILY_THERAPY, NULL, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "staff_id"), "is not a staff member");
}

static void
half_open_intervals(void **state)
{
	(void)state;
	assert_true(intervals_overlap(0, 10, 5, 15));
	assert_true(intervals_overlap(5, 15, 0, 10));
	assert_true(intervals_overlap(0, 10, 2, 3));	/* inside */
	assert_false(intervals_overlap(0, 10, 10, 20));	/* one ends as the next begins */
	assert_false(intervals_overlap(10, 20, 0, 10));
	assert_false(intervals_overlap(0, 10, 11, 20));
}

static struct commitment
appt(int64_t id, int64_t start, int minutes, int64_t staff, int64_t room, int64_t client)
{
	return (struct commitment){ .type = COMMIT_APPOINTMENT, .id = id, .starts_at = start,
	    .ends_at = start + minutes * 60, .staff_id = staff, .room_id = room,
	    .client_id = client, .what = "individual_therapy" };
}

static void
the_overlap_rule(void **state)
{
	/* A booking 10:00-10:50 of staff 2, room 7, client 1. */
	struct commitment want = appt(0, 10 * H, 50, 2, 7, 1);
	struct commitment list[4] = { 0 };
	size_t at = 99;

	(void)state;
	/* Nothing else: free. */
	assert_int_equal(commitment_conflict(&want, list, 0, &at), CONFLICT_NONE);
	/* Another client with the same staff member, overlapping: staff. */
	list[0] = appt(11, 10 * H + 30 * 60, 50, 2, 0, 3);
	assert_int_equal(commitment_conflict(&want, list, 1, &at), CONFLICT_STAFF);
	assert_int_equal(at, 0);
	/* Back to back is no overlap. */
	list[0] = appt(11, 10 * H + 50 * 60, 50, 2, 7, 1);
	assert_int_equal(commitment_conflict(&want, list, 1, &at), CONFLICT_NONE);
	list[0] = appt(11, 9 * H, 60, 2, 7, 1);
	assert_int_equal(commitment_conflict(&want, list, 1, &at), CONFLICT_NONE);
	/* The same room, someone else's appointment: room. */
	list[0] = appt(12, 10 * H, 30, 5, 7, 3);
	assert_int_equal(commitment_conflict(&want, list, 1, &at), CONFLICT_ROOM);
	/* No room booked: a room's commitments do not count. */
	want.room_id = 0;
	assert_int_equal(commitment_conflict(&want, list, 1, &at), CONFLICT_NONE);
	want.room_id = 7;
	/* The same client with someone else, elsewhere: client. */
	list[0] = appt(13, 10 * H + 49 * 60, 10, 5, 8, 1);
	assert_int_equal(commitment_conflict(&want, list, 1, &at), CONFLICT_CLIENT);
	/* Staff is named before room and client on one commitment. */
	list[0] = appt(14, 10 * H, 50, 2, 7, 1);
	assert_int_equal(commitment_conflict(&want, list, 1, &at), CONFLICT_STAFF);
	/* Rescheduling: the appointment itself is not a conflict... */
	want.id = 14;
	assert_int_equal(commitment_conflict(&want, list, 1, &at), CONFLICT_NONE);
	/* ...but a session with the same id is. */
	list[0].type = COMMIT_SESSION;
	assert_int_equal(commitment_conflict(&want, list, 1, &at), CONFLICT_STAFF);
	/* The first of several, in list order. */
	want.id = 0;
	list[0] = appt(20, 8 * H, 30, 2, 7, 1);		/* before: no */
	list[1] = appt(21, 10 * H + 10 * 60, 20, 9, 0, 1);	/* client */
	list[2] = appt(22, 10 * H + 20 * 60, 20, 2, 0, 4);	/* staff */
	assert_int_equal(commitment_conflict(&want, list, 3, &at), CONFLICT_CLIENT);
	assert_int_equal(at, 1);
}

static void
a_group_session_is_a_commitment(void **state)
{
	/* A session 09:00-12:00 facilitated by staff 2 in room 7; client 1 on
	 * its roster (the store gives client_id 1), client 3 not (0). */
	struct commitment s = { .type = COMMIT_SESSION, .id = 40, .starts_at = 9 * H,
	    .ends_at = 12 * H, .staff_id = 2, .room_id = 7, .client_id = 1,
	    .what = "relapse_prevention" };
	struct commitment want = appt(0, 11 * H, 50, 5, 0, 1);
	size_t at;

	(void)state;
	assert_int_equal(commitment_conflict(&want, &s, 1, &at), CONFLICT_CLIENT);
	want = appt(0, 11 * H, 50, 2, 0, 3);
	s.client_id = 0;
	assert_int_equal(commitment_conflict(&want, &s, 1, &at), CONFLICT_STAFF);
	want = appt(0, 11 * H, 50, 5, 7, 3);
	assert_int_equal(commitment_conflict(&want, &s, 1, &at), CONFLICT_ROOM);
	want = appt(0, 12 * H, 50, 2, 7, 1);
	assert_int_equal(commitment_conflict(&want, &s, 1, &at), CONFLICT_NONE);
	assert_string_equal(commit_type_name(COMMIT_SESSION), "session");
}

static void
late_cancellation(void **state)
{
	(void)state;
	/* By the client, 24 hours' notice wanted. */
	assert_false(appt_late_cancellation(true, NOW + 24 * H, NOW, 24));
	assert_true(appt_late_cancellation(true, NOW + 24 * H - 1, NOW, 24));
	assert_true(appt_late_cancellation(true, NOW + H, NOW, 24));
	assert_true(appt_late_cancellation(true, NOW - 60, NOW, 24));	/* under way */
	assert_false(appt_late_cancellation(true, NOW + 3 * H, NOW, 2));
	/* By the program: never late. */
	assert_false(appt_late_cancellation(false, NOW + H, NOW, 24));
	/* 0 hours: only one after the start is late. */
	assert_false(appt_late_cancellation(true, NOW + 60, NOW, 0));
}

static enum err
attend(const struct appointment *a, const char *what, int *minutes, int64_t now,
    struct error *e)
{
	error_clear(e);
	return appt_attendance_check(a, what, minutes, now, e);
}

static void
an_outcome_once_started(void **state)
{
	struct appointment a = booking("individual_therapy");	/* 50 minutes at NOW + 2 h */
	struct error e;
	int m;

	(void)state;
	a.status = "scheduled";
	a.cancelled_by = "";
	/* Attended: the whole length unless given, 1..length. */
	m = -1;
	assert_int_equal(attend(&a, "attended", &m, a.starts_at, &e), ERR_OK);
	assert_int_equal(m, 50);
	m = 35;
	assert_int_equal(attend(&a, "attended", &m, a.starts_at + 60, &e), ERR_OK);
	assert_int_equal(m, 35);
	m = 50;
	assert_int_equal(attend(&a, "attended", &m, a.starts_at, &e), ERR_OK);
	m = 51;
	assert_int_equal(attend(&a, "attended", &m, a.starts_at, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "attended_minutes"),
	    "must be from 1 to 50 (the appointment's length)");
	m = 0;
	assert_int_equal(attend(&a, "attended", &m, a.starts_at, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "attended_minutes"));
	/* No-show and late cancellation: no minutes. */
	m = -1;
	assert_int_equal(attend(&a, "no_show", &m, a.starts_at, &e), ERR_OK);
	assert_int_equal(m, 0);
	m = 0;
	assert_int_equal(attend(&a, "late_cancellation", &m, a.starts_at, &e), ERR_OK);
	m = 10;
	assert_int_equal(attend(&a, "no_show", &m, a.starts_at, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "attended_minutes"),
	    "is only given when the client attended");
	m = -1;
	assert_int_equal(attend(&a, "present", &m, a.starts_at, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "attendance"),
	    "must be attended, no_show or late_cancellation");
	assert_int_equal(attend(&a, NULL, &m, a.starts_at, &e), ERR_INVALID);
	/* Not before it starts: a 409 that names the field too. */
	m = -1;
	assert_int_equal(attend(&a, "attended", &m, a.starts_at - 1, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "has not started yet"));
	assert_non_null(field_msg(&e, "attendance"));
}

static void
a_cancelled_appointment_takes_only_a_late_cancellation(void **state)
{
	struct appointment a = booking("individual_therapy");
	struct error e;
	int m;

	(void)state;
	a.status = "cancelled";
	a.cancelled_by = "client";
	m = -1;
	assert_int_equal(attend(&a, "late_cancellation", &m, NOW, &e), ERR_OK);
	assert_int_equal(attend(&a, "no_show", &m, a.starts_at + 60, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "only a late cancellation"));
	m = -1;
	assert_int_equal(attend(&a, "attended", &m, a.starts_at + 60, &e), ERR_CONFLICT);
	a.cancelled_by = "program";
	m = -1;
	assert_int_equal(attend(&a, "late_cancellation", &m, a.starts_at + 60, &e),
	    ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "The program cancelled"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds),
		cmocka_unit_test(a_booking_is_checked),
		cmocka_unit_test(whom_each_kind_is_with),
		cmocka_unit_test(half_open_intervals),
		cmocka_unit_test(the_overlap_rule),
		cmocka_unit_test(a_group_session_is_a_commitment),
		cmocka_unit_test(late_cancellation),
		cmocka_unit_test(an_outcome_once_started),
		cmocka_unit_test(a_cancelled_appointment_takes_only_a_late_cancellation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

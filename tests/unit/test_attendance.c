/*
 * test_attendance.c — attendance at a group session: the statuses, each
 * status with its minutes checked against the session's length, the
 * minutes attended, and the session that may not take attendance yet.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

#include "core/attendance.h"

static struct attendance
A(const char *status, int late, int early)
{
	struct attendance x;

	memset(&x, 0, sizeof x);
	x.client_id = 7;
	x.status = status;
	x.late_minutes = late;
	x.left_early_minutes = early;
	return x;
}

static enum err
check(const char *status, int late, int early, int session, struct error *e)
{
	struct attendance x = A(status, late, early);

	error_clear(e);
	return attendance_validate(&x, session, "records[1]", e);
}

static void
statuses_are_the_five(void **state)
{
	(void)state;
	assert_int_equal(nattendance_statuses, 5);
	assert_true(attendance_status_known("present"));
	assert_true(attendance_status_known("absent_unexcused"));
	assert_false(attendance_status_known("excused"));
	assert_false(attendance_status_known(NULL));
	assert_true(attendance_status_absent("absent_excused"));
	assert_false(attendance_status_absent("late"));
}

static void
each_status_goes_with_its_minutes(void **state)
{
	struct error e;

	(void)state;
	assert_int_equal(check("present", 0, 0, 180, &e), ERR_OK);
	assert_int_equal(check("late", 15, 0, 180, &e), ERR_OK);
	assert_int_equal(check("left_early", 0, 30, 180, &e), ERR_OK);
	/* late and left early too */
	assert_int_equal(check("late", 15, 30, 180, &e), ERR_OK);
	assert_int_equal(check("absent_excused", 0, 0, 180, &e), ERR_OK);

	assert_int_equal(check("late", 0, 0, 180, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].late_minutes"));
	assert_int_equal(check("left_early", 0, 0, 180, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].left_early_minutes"));
	assert_int_equal(check("present", 10, 0, 180, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].late_minutes"));
	assert_int_equal(check("absent_unexcused", 0, 5, 180, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].left_early_minutes"));
	assert_int_equal(check("here", 0, 0, 180, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].status"));
	assert_int_equal(check("late", -1, 0, 180, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].late_minutes"));
}

static void
minutes_missed_stay_under_the_sessions(void **state)
{
	struct error e;

	(void)state;
	assert_int_equal(check("late", 179, 0, 180, &e), ERR_OK);
	assert_int_equal(check("late", 180, 0, 180, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].late_minutes"));
	assert_int_equal(check("left_early", 0, 180, 180, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].left_early_minutes"));
	/* together they may not cover the whole session either */
	assert_int_equal(check("late", 90, 90, 180, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].late_minutes"));
	assert_int_equal(check("left_early", 100, 79, 180, &e), ERR_OK);
}

static void
a_bare_prefix_names_the_field(void **state)
{
	struct attendance x = A("late", 0, 0);
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(attendance_validate(&x, 60, NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "late_minutes"));
}

/* A roster's records are checked into one error: each record's faults are
 * its own, whatever the records before it did. */
static void
each_record_is_checked_after_a_faulty_one(void **state)
{
	struct attendance bad = A("late", 0, 0), x = A("left_early", 0, 180), ok = A("present", 0, 0);
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(attendance_validate(&bad, 180, "records[0]", &e), ERR_INVALID);
	assert_int_equal(attendance_validate(&x, 180, "records[1]", &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "records[1].left_early_minutes"));
	assert_int_equal(attendance_validate(&ok, 180, "records[2]", &e), ERR_OK);
	assert_int_equal(e.nfields, 2);
}

static void
minutes_attended(void **state)
{
	(void)state;
	assert_int_equal(attendance_minutes("present", 0, 0, 180), 180);
	assert_int_equal(attendance_minutes("late", 20, 0, 180), 160);
	assert_int_equal(attendance_minutes("left_early", 0, 45, 180), 135);
	assert_int_equal(attendance_minutes("late", 20, 45, 180), 115);
	assert_int_equal(attendance_minutes("absent_excused", 0, 0, 180), 0);
	assert_int_equal(attendance_minutes("absent_unexcused", 0, 0, 180), 0);
	assert_int_equal(attendance_minutes("late", 200, 0, 180), 0);
	assert_int_equal(attendance_minutes("nonsense", 0, 0, 180), 0);
}

static void
same_values(void **state)
{
	struct attendance a = A("late", 10, 0), b = A("late", 10, 0), c = A("late", 12, 0);

	(void)state;
	assert_true(attendance_same(&a, &b));
	assert_false(attendance_same(&a, &c));
	c = A("present", 0, 0);
	assert_false(attendance_same(&a, &c));
}

static void
a_session_takes_attendance_once_started(void **state)
{
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(attendance_session_open(false, 1000, "2026-12-07", 540, 999, &e),
	    ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "not started"));
	assert_non_null(strstr(e.msg, "2026-12-07 at 09:00"));
	error_clear(&e);
	assert_int_equal(attendance_session_open(false, 1000, "2026-12-07", 540, 1000, &e),
	    ERR_OK);
	assert_int_equal(attendance_session_open(false, 1000, "2026-12-07", 540, 90000, &e),
	    ERR_OK);
	assert_int_equal(attendance_session_open(true, 1000, "2026-12-07", 540, 90000, &e),
	    ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "cancelled"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(statuses_are_the_five),
		cmocka_unit_test(each_status_goes_with_its_minutes),
		cmocka_unit_test(minutes_missed_stay_under_the_sessions),
		cmocka_unit_test(a_bare_prefix_names_the_field),
		cmocka_unit_test(each_record_is_checked_after_a_faulty_one),
		cmocka_unit_test(minutes_attended),
		cmocka_unit_test(same_values),
		cmocka_unit_test(a_session_takes_attendance_once_started),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_alumni.c — the alumni rules: which discharges get check-ins and
 * when they are due; a call's fields named; not reached three times closes
 * a check-in, reached closes it at once; an event's fields; overdue.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/alumni.h"

static void
which_discharges(void **state)
{
	(void)state;
	assert_true(alumni_checkins_for("completed"));
	assert_true(alumni_checkins_for("against_advice"));
	assert_true(alumni_checkins_for("lost_to_contact"));
	assert_true(alumni_checkins_for("transferred_higher"));
	assert_false(alumni_checkins_for("deceased"));
	assert_false(alumni_checkins_for(""));
	assert_false(alumni_checkins_for(NULL));
}

static void
due_dates(void **state)
{
	struct date on = { 2026, 12, 31 }, d;
	char s[11];

	(void)state;
	assert_int_equal(alumni_days[0], 30);
	assert_int_equal(alumni_days[ALUMNI_CHECKINS - 1], 365);
	d = alumni_due_on(on, 30);
	date_format(d, s);
	assert_string_equal(s, "2027-01-30");
	d = alumni_due_on(on, 365);
	date_format(d, s);
	assert_string_equal(s, "2027-12-31");
}

static struct alumni_checkin
open_checkin(void)
{
	struct alumni_checkin c;

	memset(&c, 0, sizeof c);
	c.id = 1;
	c.outcome = "";
	c.recovery_status = "";
	c.notes = "";
	return c;
}

static void
call_fields_named(void **state)
{
	struct alumni_checkin c = open_checkin();
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(alumni_call_check(&c, NULL, NULL, "", false, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "outcome"));
	error_clear(&e);
	assert_int_equal(alumni_call_check(&c, "reached", "", "", false, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "recovery_status"));
	error_clear(&e);
	assert_int_equal(alumni_call_check(&c, "reached", "sober", "", false, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "recovery_status"));
	error_clear(&e);
	assert_int_equal(alumni_call_check(&c, "not_reached", "", "", true, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "readmission_wanted"));
	error_clear(&e);
	assert_int_equal(alumni_call_check(&c, "reached", "in_recovery", "", true, &e), ERR_OK);
	error_clear(&e);
	assert_int_equal(alumni_call_check(&c, "not_reached", "", "", false, &e), ERR_OK);
}

static void
attempts_close(void **state)
{
	struct alumni_checkin c = open_checkin();
	struct error e;

	(void)state;
	for (int i = 1; i <= ALUMNI_ATTEMPTS_MAX; i++) {
		error_clear(&e);
		assert_int_equal(alumni_call_check(&c, "not_reached", "", "", false, &e), ERR_OK);
		alumni_call_apply(&c, "not_reached", "", "", false);
		assert_int_equal(c.attempts, i);
		assert_int_equal(c.closed, i == ALUMNI_ATTEMPTS_MAX);
	}
	error_clear(&e);
	assert_int_equal(alumni_call_check(&c, "reached", "unknown", "", false, &e), ERR_CONFLICT);

	c = open_checkin();
	alumni_call_apply(&c, "not_reached", "", "", false);
	alumni_call_apply(&c, "reached", "in_treatment_elsewhere", "", false);
	assert_true(c.closed);
	assert_string_equal(c.outcome, "reached");
	assert_int_equal(c.attempts, 2);
}

static void
event_fields_named(void **state)
{
	struct alumni_event ev;
	struct error e;

	(void)state;
	memset(&ev, 0, sizeof ev);
	error_clear(&e);
	ev.on_date = "2027-02-30";
	ev.start_time = "25:00";
	ev.topic = "";
	assert_int_equal(alumni_event_check(&ev, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "site_id"));
	assert_non_null(field_msg(&e, "date"));
	assert_non_null(field_msg(&e, "start_time"));
	assert_non_null(field_msg(&e, "topic"));
	error_clear(&e);
	ev.site_id = 1;
	ev.on_date = "2027-02-27";
	ev.start_time = "18:30";
	ev.topic = "Picnic";
	assert_int_equal(alumni_event_check(&ev, &e), ERR_OK);
	assert_true(alumni_rsvp_valid("maybe"));
	assert_false(alumni_rsvp_valid("perhaps"));
}

static void
overdue(void **state)
{
	struct alumnus a;

	(void)state;
	memset(&a, 0, sizeof a);
	a.next_checkin_id = 4;
	a.next_due_on = "2027-01-30";
	assert_false(alumnus_overdue(&a, (struct date){ 2027, 1, 30 }));
	assert_true(alumnus_overdue(&a, (struct date){ 2027, 1, 31 }));
	a.next_checkin_id = 0;
	assert_false(alumnus_overdue(&a, (struct date){ 2027, 3, 1 }));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(which_discharges),
		cmocka_unit_test(due_dates),
		cmocka_unit_test(call_fields_named),
		cmocka_unit_test(attempts_close),
		cmocka_unit_test(event_fields_named),
		cmocka_unit_test(overdue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_alert.c — who answers a safety alert, given the facts (primary
 * clinician; on duty at the episode's site, the screening's site, the
 * recorder's site; the recorder when a clinician; the first clinician;
 * nobody), and who may close a task.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/alert.h"

static void
primary_clinician_first(void **state)
{
	struct alert_route_facts f = { .primary_clinician = 7, .site = { 1, 2, 3 },
		.on_duty = { 11, 12, 13 }, .recorder = 20, .recorder_is_clinician = true,
		.first_clinician = 30 };
	struct alert_route r;

	(void)state;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 7);
	assert_int_equal(r.why, AROUTE_PRIMARY);
	assert_string_equal(alert_route_why_text(r.why), "the client's primary clinician");
}

static void
then_on_duty_in_site_order(void **state)
{
	struct alert_route_facts f = { .site = { 1, 2, 3 }, .on_duty = { 11, 12, 13 },
		.recorder = 20, .recorder_is_clinician = true, .first_clinician = 30 };
	struct alert_route r;

	(void)state;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 11);
	assert_int_equal(r.site_id, 1);
	assert_int_equal(r.why, AROUTE_ON_DUTY);
	f.on_duty[ASITE_EPISODE] = 0;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 12);
	assert_int_equal(r.site_id, 2);
	f.site[ASITE_SCREENING] = 0;	/* not said where: its on-duty is ignored */
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 13);
	assert_int_equal(r.site_id, 3);
}

static void
then_recorder_then_first(void **state)
{
	struct alert_route_facts f = { .recorder = 20, .recorder_is_clinician = true,
		.first_clinician = 30 };
	struct alert_route r;

	(void)state;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 20);
	assert_int_equal(r.why, AROUTE_RECORDER);
	f.recorder_is_clinician = false;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 30);
	assert_int_equal(r.why, AROUTE_FIRST);
	f.first_clinician = 0;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 0);
	assert_int_equal(r.why, AROUTE_NOBODY);
	assert_string_equal(alert_route_why_text(r.why), "nobody: there is no active clinician");
}

static void
who_closes_a_task(void **state)
{
	struct task t;
	struct error e;

	(void)state;
	memset(&t, 0, sizeof t);
	t.assigned_to = 5;
	error_clear(&e);
	assert_int_equal(task_done_check(&t, 5, 1u << ROLE_CLINICIAN, &e), ERR_OK);
	assert_int_equal(task_done_check(&t, 6, 1u << ROLE_DIRECTOR, &e), ERR_OK);
	assert_int_equal(task_done_check(&t, 6, 1u << ROLE_CLINICIAN, &e), ERR_FORBIDDEN);
	error_clear(&e);
	t.assigned_to = 0;	/* nobody's: anyone */
	assert_int_equal(task_done_check(&t, 6, 1u << ROLE_CLINICIAN, &e), ERR_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(primary_clinician_first),
		cmocka_unit_test(then_on_duty_in_site_order),
		cmocka_unit_test(then_recorder_then_first),
		cmocka_unit_test(who_closes_a_task),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

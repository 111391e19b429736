/*
 * test_alert.c — who answers a safety alert, given the facts (primary
 * clinician; on duty at the episode's site, the screening's site, the
 * recorder's site; with nobody on duty, the director of the first of those
 * sites that has one, unclaimed; else nobody, unclaimed — never the recorder
 * or a clinician picked at random), who may close a task, and who may claim
 * an alert.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

#include "core/alert.h"

static void
primary_clinician_first(void **state)
{
	struct alert_route_facts f = { .primary_clinician = 7, .site = { 1, 2, 3 },
		.on_duty = { 11, 12, 13 }, .director = { 21, 22, 23 } };
	struct alert_route r;

	(void)state;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 7);
	assert_int_equal(r.why, AROUTE_PRIMARY);
	assert_false(r.unclaimed);
	assert_string_equal(alert_route_why_text(r.why), "the client's primary clinician");
}

static void
then_on_duty_in_site_order(void **state)
{
	struct alert_route_facts f = { .site = { 1, 2, 3 }, .on_duty = { 11, 12, 13 },
		.director = { 21, 22, 23 } };
	struct alert_route r;

	(void)state;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 11);
	assert_int_equal(r.site_id, 1);
	assert_int_equal(r.why, AROUTE_ON_DUTY);
	assert_false(r.unclaimed);
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
nobody_on_duty_the_sites_director_unclaimed(void **state)
{
	struct alert_route_facts f = { .site = { 1, 2, 3 }, .director = { 21, 22, 23 } };
	struct alert_route r;

	(void)state;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 21);
	assert_int_equal(r.site_id, 1);
	assert_int_equal(r.why, AROUTE_DIRECTOR);
	assert_true(r.unclaimed);
	assert_non_null(strstr(alert_route_why_text(r.why), "unclaimed list"));
	/* The episode's site has no director: the next site's, and it waits there. */
	f.director[ASITE_EPISODE] = 0;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 22);
	assert_int_equal(r.site_id, 2);
	assert_true(r.unclaimed);
	/* Someone on duty at the recorder's site still comes before any director. */
	f.on_duty[ASITE_RECORDER] = 13;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 13);
	assert_int_equal(r.why, AROUTE_ON_DUTY);
	assert_false(r.unclaimed);
}

static void
no_director_nobody_but_still_unclaimed_at_the_first_site(void **state)
{
	struct alert_route_facts f = { .site = { 0, 2, 3 } };
	struct alert_route r;

	(void)state;
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 0);
	assert_int_equal(r.site_id, 2);
	assert_int_equal(r.why, AROUTE_NOBODY);
	assert_true(r.unclaimed);
	assert_non_null(strstr(alert_route_why_text(r.why), "unclaimed list"));
	memset(&f, 0, sizeof f);	/* no site known at all: unclaimed everywhere */
	alert_route(&f, &r);
	assert_int_equal(r.staff_id, 0);
	assert_int_equal(r.site_id, 0);
	assert_true(r.unclaimed);
}

static void
who_claims_an_alert(void **state)
{
	struct alert a;
	struct error e;

	(void)state;
	memset(&a, 0, sizeof a);
	a.unclaimed = true;
	error_clear(&e);
	assert_int_equal(alert_claim_check(&a, &e), ERR_OK);
	a.unclaimed = false;
	a.claimed_by = 4;
	a.claimed_by_name = "Marcus Oyelaran";
	assert_int_equal(alert_claim_check(&a, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "Marcus Oyelaran claimed this alert already.");
	error_clear(&e);
	a.claimed_by = 0;	/* routed to someone on duty: nothing to claim */
	assert_int_equal(alert_claim_check(&a, &e), ERR_CONFLICT);
	error_clear(&e);
	a.unclaimed = true;
	a.resolved_at = 1000;
	assert_int_equal(alert_claim_check(&a, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "This alert has been resolved already.");
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
	/* A safety task only by someone who documents clinical responses. */
	t.alert_id = 9;
	assert_int_equal(task_done_check(&t, 6, 1u << ROLE_FRONT_DESK, &e), ERR_FORBIDDEN);
	error_clear(&e);
	assert_int_equal(task_done_check(&t, 6, 1u << ROLE_CLINICIAN, &e), ERR_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(primary_clinician_first),
		cmocka_unit_test(then_on_duty_in_site_order),
		cmocka_unit_test(nobody_on_duty_the_sites_director_unclaimed),
		cmocka_unit_test(no_director_nobody_but_still_unclaimed_at_the_first_site),
		cmocka_unit_test(who_claims_an_alert),
		cmocka_unit_test(who_closes_a_task),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_casemgmt.c — case management's rules: the referral moves (made ->
 * accepted -> completed, declined from made or accepted, nothing after a
 * close), what is due on a day (an open referral's follow-up today or past,
 * a court date from seven days ahead to the day), and the checks that name
 * each field (legal details only on the legal need, an officer's kind with
 * an officer, a resource's name, kind, phone and email).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

#include "core/casemgmt.h"
#include "lib/timeutil.h"

static int64_t
day_of(const char *s)
{
	struct date d;

	assert_true(date_parse(s, &d));
	return date_days(d);
}

static void
referral_moves(void **state)
{
	(void)state;
	assert_true(cm_referral_next_ok(CMR_MADE, CMR_ACCEPTED));
	assert_true(cm_referral_next_ok(CMR_MADE, CMR_DECLINED));
	assert_false(cm_referral_next_ok(CMR_MADE, CMR_COMPLETED));
	assert_false(cm_referral_next_ok(CMR_MADE, CMR_MADE));
	assert_true(cm_referral_next_ok(CMR_ACCEPTED, CMR_COMPLETED));
	assert_true(cm_referral_next_ok(CMR_ACCEPTED, CMR_DECLINED));
	assert_false(cm_referral_next_ok(CMR_ACCEPTED, CMR_MADE));
	for (int to = 0; to < CMR__MAX; to++) {
		assert_false(cm_referral_next_ok(CMR_COMPLETED, (enum cm_referral_status)to));
		assert_false(cm_referral_next_ok(CMR_DECLINED, (enum cm_referral_status)to));
	}
}

static void
what_is_due(void **state)
{
	int64_t today = day_of("2026-12-06");

	(void)state;
	assert_true(cm_referral_due(CMR_MADE, "2026-12-06", today));
	assert_true(cm_referral_due(CMR_ACCEPTED, "2026-11-30", today));
	assert_false(cm_referral_due(CMR_MADE, "2026-12-07", today));
	assert_false(cm_referral_due(CMR_COMPLETED, "2026-12-01", today));
	assert_false(cm_referral_due(CMR_DECLINED, "2026-12-01", today));
	assert_false(cm_referral_due(CMR_MADE, "", today));
	assert_true(cm_court_due("2026-12-06", today));
	assert_true(cm_court_due("2026-12-13", today));
	assert_false(cm_court_due("2026-12-14", today));
	assert_false(cm_court_due("2026-12-05", today));
	assert_false(cm_court_due("someday", today));
}

static void
need_checks(void **state)
{
	struct cm_need n = { .domain = "housing", .status = "met", .notes = "",
	    .lawyer_name = "", .lawyer_phone = "", .officer_kind = "", .officer_name = "",
	    .officer_phone = "" };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(cm_need_check(&n, &e), ERR_OK);
	n.lawyer_name = "Ana Ortiz";
	n.status = "fine";
	assert_int_equal(cm_need_check(&n, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "lawyer_name"));
	assert_non_null(field_msg(&e, "status"));
	error_clear(&e);
	n.domain = "legal";
	n.status = "in_progress";
	n.officer_name = "Officer Reyes";
	n.officer_phone = "12";
	assert_int_equal(cm_need_check(&n, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "officer_kind"));
	assert_non_null(field_msg(&e, "officer_phone"));
	assert_null(field_msg(&e, "lawyer_name"));
	error_clear(&e);
	n.officer_kind = "parole";
	n.officer_phone = "555-0102";
	assert_int_equal(cm_need_check(&n, &e), ERR_OK);
	n.domain = "hobbies";
	assert_int_equal(cm_need_check(&n, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "domain"));
}

static void
resource_and_court_checks(void **state)
{
	struct cm_resource r = { .name = " ", .kind = "castle", .address = "", .phone = "12",
	    .email = "nope", .website = "", .notes = "" };
	struct cm_court_date d = { .on_date = "2026-12-10", .court = "County Court",
	    .purpose = "" };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(cm_resource_check(&r, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "name"));
	assert_non_null(field_msg(&e, "kind"));
	assert_non_null(field_msg(&e, "phone"));
	assert_non_null(field_msg(&e, "email"));
	error_clear(&e);
	r.name = "Good Neighbor Food Pantry";
	r.kind = "food_bank";
	r.phone = "555-0140";
	r.email = "";
	assert_int_equal(cm_resource_check(&r, &e), ERR_OK);
	assert_int_equal(cm_court_check(&d, day_of("2026-12-06"), &e), ERR_OK);
	d.on_date = "2024-01-01";
	assert_int_equal(cm_court_check(&d, day_of("2026-12-06"), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "date"));
	error_clear(&e);
	d.on_date = "2026-12-10";
	d.court = "";
	assert_int_equal(cm_court_check(&d, day_of("2026-12-06"), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "court"));
	assert_null(cm_follow_up_check(""));
	assert_null(cm_follow_up_check("2026-12-31"));
	assert_non_null(cm_follow_up_check("2026-02-30"));
	assert_int_equal(cm_domain_find("employment_education"), CMD_EMPLOYMENT_EDUCATION);
	assert_int_equal(cm_domain_find("work"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(referral_moves),
		cmocka_unit_test(what_is_due),
		cmocka_unit_test(need_checks),
		cmocka_unit_test(resource_and_court_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

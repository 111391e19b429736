/*
 * test_insurance.c — what makes a valid coverage (chart or conversion
 * alike), the rank a new one takes, whether a client holds one already,
 * and a correction: the fields it names merged, the fields it changed.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/insurance.h"

static struct coverage
valid(void)
{
	struct coverage c = { .rank = "primary", .payer = "Fictional Health", .plan = "",
		.member_id = "M123", .group_number = "", .subscriber_name = "",
		.subscriber_dob = "", .relationship = "self", .start_date = "2026-01-01",
		.end_date = "2026-12-31" };

	return c;
}

static void
a_valid_coverage(void **state)
{
	struct coverage c = valid();
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(coverage_check(&c, &e), ERR_OK);
	c.end_date = "";
	assert_int_equal(coverage_check(&c, &e), ERR_OK);
}

static void
each_field_named(void **state)
{
	struct coverage c = valid();
	struct error e;

	(void)state;
	error_clear(&e);
	c.rank = "tertiary";
	c.payer = "";
	c.member_id = "";
	c.relationship = "cousin";
	c.end_date = "2025-12-31";
	assert_int_equal(coverage_check(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "rank"), "must be primary or secondary");
	assert_non_null(field_msg(&e, "payer"));
	assert_non_null(field_msg(&e, "member_id"));
	assert_non_null(field_msg(&e, "relationship"));
	assert_string_equal(field_msg(&e, "end_date"), "must not be before the start date");
}

static void
relationships(void **state)
{
	(void)state;
	assert_true(coverage_relationship_ok("self"));
	assert_true(coverage_relationship_ok("spouse"));
	assert_true(coverage_relationship_ok("child"));
	assert_true(coverage_relationship_ok("other"));
	assert_false(coverage_relationship_ok(""));
	assert_false(coverage_relationship_ok(NULL));
}

static void
rank_and_held(void **state)
{
	struct coverage held[2] = { valid(), valid() };

	(void)state;
	held[1].payer = "Other Plan";
	held[1].member_id = "Z9";
	assert_string_equal(coverage_rank_next(0), "primary");
	assert_string_equal(coverage_rank_next(2), "secondary");
	assert_true(coverage_held(held, 2, "fictional health", "m123"));
	assert_false(coverage_held(held, 2, "Fictional Health", "M124"));
	assert_false(coverage_held(held, 0, "Fictional Health", "M123"));
}

static void
a_correction_names_what_changed(void **state)
{
	struct coverage c = valid(), before = valid(), set;
	unsigned changed;

	(void)state;
	memset(&set, 0, sizeof set);
	set.member_id = "M124";		/* the typo corrected */
	set.plan = "Gold";
	set.end_date = "";		/* cleared */
	set.payer = "Ignored";		/* not named: stays */
	coverage_merge(&c, &set, (1u << COVF_MEMBER_ID) | (1u << COVF_PLAN) |
	    (1u << COVF_END_DATE));
	assert_string_equal(c.member_id, "M124");
	assert_string_equal(c.plan, "Gold");
	assert_string_equal(c.end_date, "");
	assert_string_equal(c.payer, "Fictional Health");
	changed = coverage_changed(&before, &c);
	assert_int_equal(changed, (1u << COVF_MEMBER_ID) | (1u << COVF_PLAN) |
	    (1u << COVF_END_DATE));
	assert_int_equal(coverage_changed(&c, &c), 0);
	assert_string_equal(coverage_field_name(COVF_MEMBER_ID), "member_id");
	assert_string_equal(coverage_field_name(COVF_SUBSCRIBER_DOB), "subscriber_dob");
	assert_string_equal(coverage_field_name(COVF__MAX), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_valid_coverage),
		cmocka_unit_test(each_field_named),
		cmocka_unit_test(relationships),
		cmocka_unit_test(rank_and_held),
		cmocka_unit_test(a_correction_names_what_changed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

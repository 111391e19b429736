/*
 * test_session.c — the sign-in rule: who gets in, the reason a refusal is
 * audited with, and which refusals count towards locking the account.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/session.h"

#define NOW 1700000000

static void
right_password_active_account_gets_in(void **state)
{
	struct login_verdict v = login_judge(true, true, true, 0, NOW);

	(void)state;
	assert_true(v.ok);
	assert_false(v.count_failure);
	assert_string_equal(v.why, "");
	/* A lock that has run out no longer holds. */
	v = login_judge(true, true, true, NOW, NOW);
	assert_true(v.ok);
}

static void
unknown_account_is_refused_and_not_counted(void **state)
{
	struct login_verdict v = login_judge(false, false, false, 0, NOW);

	(void)state;
	assert_false(v.ok);
	assert_false(v.count_failure);
	assert_string_equal(v.why, "unknown account");
}

static void
wrong_password_is_refused_and_counted(void **state)
{
	struct login_verdict v = login_judge(true, false, true, 0, NOW);

	(void)state;
	assert_false(v.ok);
	assert_true(v.count_failure);
	assert_string_equal(v.why, "wrong password");
}

static void
disabled_account_is_refused_counted_only_on_a_wrong_password(void **state)
{
	struct login_verdict v = login_judge(true, true, false, 0, NOW);

	(void)state;
	assert_false(v.ok);
	assert_false(v.count_failure);
	assert_string_equal(v.why, "account disabled");
	v = login_judge(true, false, false, 0, NOW);
	assert_false(v.ok);
	assert_true(v.count_failure);
	assert_string_equal(v.why, "account disabled");
}

static void
locked_account_is_refused_counted_only_on_a_wrong_password(void **state)
{
	struct login_verdict v = login_judge(true, true, true, NOW + 1, NOW);

	(void)state;
	assert_false(v.ok);
	assert_false(v.count_failure);
	assert_string_equal(v.why, "account locked");
	v = login_judge(true, false, true, NOW + 1, NOW);
	assert_false(v.ok);
	assert_true(v.count_failure);
	assert_string_equal(v.why, "account locked");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(right_password_active_account_gets_in),
		cmocka_unit_test(unknown_account_is_refused_and_not_counted),
		cmocka_unit_test(wrong_password_is_refused_and_counted),
		cmocka_unit_test(disabled_account_is_refused_counted_only_on_a_wrong_password),
		cmocka_unit_test(locked_account_is_refused_counted_only_on_a_wrong_password),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

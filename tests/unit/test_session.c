/*
 * test_session.c — the sign-in rule: who gets in, the reason a refusal is
 * audited with, which refusals count towards locking the account, and when
 * the password is checked at all.
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
disabled_account_is_refused_and_never_counted(void **state)
{
	struct login_verdict v = login_judge(true, true, false, 0, NOW);

	(void)state;
	assert_false(v.ok);
	assert_false(v.count_failure);
	assert_string_equal(v.why, "account disabled");
	/* The password was not checked: whatever pw_ok says is ignored. */
	v = login_judge(true, false, false, 0, NOW);
	assert_false(v.ok);
	assert_false(v.count_failure);
	assert_string_equal(v.why, "account disabled");
}

static void
locked_account_is_refused_and_never_counted(void **state)
{
	struct login_verdict v = login_judge(true, true, true, NOW + 1, NOW);

	(void)state;
	assert_false(v.ok);
	assert_false(v.count_failure);
	assert_string_equal(v.why, "account locked");
	v = login_judge(true, false, true, NOW + 1, NOW);
	assert_false(v.ok);
	assert_false(v.count_failure);
	assert_string_equal(v.why, "account locked");
}

static void
password_is_checked_only_for_an_active_unlocked_account(void **state)
{
	(void)state;
	assert_true(login_checks_password(true, true, 0, NOW));
	assert_true(login_checks_password(true, true, NOW, NOW));	/* the lock ran out */
	assert_false(login_checks_password(true, true, NOW + 1, NOW));
	assert_false(login_checks_password(true, false, 0, NOW));
	assert_false(login_checks_password(false, false, 0, NOW));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(right_password_active_account_gets_in),
		cmocka_unit_test(unknown_account_is_refused_and_not_counted),
		cmocka_unit_test(wrong_password_is_refused_and_counted),
		cmocka_unit_test(disabled_account_is_refused_and_never_counted),
		cmocka_unit_test(locked_account_is_refused_and_never_counted),
		cmocka_unit_test(password_is_checked_only_for_an_active_unlocked_account),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

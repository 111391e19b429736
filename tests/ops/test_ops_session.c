/*
 * test_ops_session.c — the sign-in operations against a real store: failed
 * sign-ins counted to a lock (and the unlock), a right password on a locked
 * account neither counted nor let in, an unknown account writing nothing,
 * and sign-out ending the session.
 */
#include <stdio.h>

#include "ops_test.h"

#include "ops/session.h"
#include "ops/staff.h"

static int64_t
count(struct fx *f, const char *sql)
{
	return raw_int(f->t.db, sql);
}

static enum err
attempt(struct fx *f, struct arena *a, int64_t id, bool pw_ok, struct error *e)
{
	struct session_login_in in;
	struct staff s;

	assert_int_equal(store_staff_get(f->s, id, a, &s, e), ERR_OK);
	memset(&in, 0, sizeof in);
	in.staff_id = id;
	in.verdict = login_judge(true, pw_ok, s.active, s.locked_until, now_utc());
	memset(in.token_hash, 9, sizeof in.token_hash);
	snprintf(in.csrf, sizeof in.csrf, "csrf");
	in.expires_at = now_utc() + 3600;
	in.max_failures = 3;
	in.lock_seconds = 600;
	return op_as(f->s, a, 0, op_session_login_run, &in, NULL, e);
}

static void
failed_sign_ins_lock_the_account_until_unlocked(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t nurse = staff_ok(f, a, "nurse", 1u << ROLE_NURSE);
	struct staff_unlock_in un = { nurse };
	struct staff s;
	struct error e;
	int i;

	for (i = 0; i < 3; i++)
		assert_int_equal(attempt(f, a, nurse, false, &e), ERR_OK);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_true(s.locked);
	assert_int_equal(s.failed_logins, 3);
	/* The right password on a locked account: refused, not counted, no session. */
	assert_int_equal(attempt(f, a, nurse, true, &e), ERR_OK);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_int_equal(s.failed_logins, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM session"), 0);
	assert_int_equal(op_as(f->s, a, 0, op_staff_unlock_run, &un, NULL, &e), ERR_OK);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_false(s.locked);
	assert_int_equal(attempt(f, a, nurse, true, &e), ERR_OK);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_int_equal(s.failed_logins, 0);
	assert_true(s.last_login_at > 0);
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE ended_at = 0"), 1);
	un.id = nurse + 100;
	assert_int_equal(op_as(f->s, a, 0, op_staff_unlock_run, &un, NULL, &e), ERR_NOTFOUND);
	arena_free(a);
}

static void
an_unknown_account_writes_nothing_and_sign_out_ends_the_session(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t nurse = staff_ok(f, a, "nurse", 1u << ROLE_NURSE);
	struct session_login_in in;
	struct session_end_in end;
	struct op_result res;
	struct error e;

	memset(&in, 0, sizeof in);
	in.verdict = login_judge(false, false, false, 0, now_utc());
	in.max_failures = 3;
	in.lock_seconds = 600;
	assert_int_equal(op_as(f->s, a, 0, op_session_login_run, &in, &res, &e), ERR_OK);
	assert_int_equal(res.id, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM session"), 0);
	assert_int_equal(count(f, "SELECT sum(failed_logins) FROM staff"), 0);

	end.session_id = sign_in_op(f, a, nurse, 4);
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE address = '127.0.0.1'"),
	    1);
	assert_int_equal(op_as(f->s, a, nurse, op_session_end_run, &end, &res, &e), ERR_OK);
	assert_int_equal(res.id, nurse);
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE ended_at = 0"), 0);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(failed_sign_ins_lock_the_account_until_unlocked,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    an_unknown_account_writes_nothing_and_sign_out_ends_the_session, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_ops_session.c — the sign-in operations against a real store: failed
 * sign-ins counted to a lock (and the unlock), a right password on a locked
 * account neither counted nor let in, an unknown account writing nothing,
 * and sign-out ending the session.
 */
#include <stdio.h>

#include "store_test.h"

#include "ops/session.h"
#include "ops/staff.h"

/* Runs one operation as staff member actor (0: the console). */
static enum err
op(struct store *s, struct arena *a, int64_t actor, op_run_fn run, const void *in,
    struct op_result *res, struct error *e)
{
	struct op_call c;
	enum err rc;

	op_call_init(&c, a, run, in);
	c.who.staff_id = actor;
	c.who.username = actor ? "someone" : "cli";
	c.who.roles = actor ? 1u << ROLE_ADMIN : 0;
	c.who.address = "127.0.0.1";
	c.who.now = now_utc();
	rc = run_job(s, op_call_job, &c, e);
	if (res)
		*res = c.res;
	return rc;
}

static int64_t
count(struct fx *f, const char *sql)
{
	return raw_int(f->t.db, sql);
}

static enum err
add_staff_op(struct fx *f, struct arena *a, const char *username, roleset roles, int64_t *id,
    struct error *e)
{
	struct staff_create_in in;
	struct staff_out out;
	struct op_result res;
	enum err rc;

	memset(&in, 0, sizeof in);
	staff_blank(&in.s);
	in.s.username = username;
	in.s.full_name = "Test Person";
	in.s.roles = roles;
	in.s.must_change_password = true;
	in.hash = "not-a-real-hash";
	in.out = &out;
	rc = op(f->s, a, 0, op_staff_create_run, &in, &res, e);
	if (rc == ERR_OK && id)
		*id = res.id;
	return rc;
}

static int64_t
staff_ok(struct fx *f, struct arena *a, const char *username, roleset roles)
{
	struct error e;
	int64_t id = 0;

	assert_int_equal(add_staff_op(f, a, username, roles, &id, &e), ERR_OK);
	assert_true(id > 0);
	return id;
}

/* Signs staff member id in (the password was right); returns the session. */
static int64_t
sign_in(struct fx *f, struct arena *a, int64_t id, uint8_t tag)
{
	struct session_login_in in;
	struct error e;
	int64_t sid = 0;

	memset(&in, 0, sizeof in);
	in.staff_id = id;
	in.verdict = login_judge(true, true, true, 0, now_utc());
	memset(in.token_hash, tag, sizeof in.token_hash);
	snprintf(in.csrf, sizeof in.csrf, "csrf-%u", tag);
	in.expires_at = now_utc() + 3600;
	in.max_failures = 3;
	in.lock_seconds = 600;
	in.session_id = &sid;
	assert_int_equal(op(f->s, a, id, op_session_login_run, &in, NULL, &e), ERR_OK);
	assert_true(sid > 0);
	return sid;
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
	return op(f->s, a, 0, op_session_login_run, &in, NULL, e);
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
	assert_int_equal(op(f->s, a, 0, op_staff_unlock_run, &un, NULL, &e), ERR_OK);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_false(s.locked);
	assert_int_equal(attempt(f, a, nurse, true, &e), ERR_OK);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_int_equal(s.failed_logins, 0);
	assert_true(s.last_login_at > 0);
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE ended_at = 0"), 1);
	un.id = nurse + 100;
	assert_int_equal(op(f->s, a, 0, op_staff_unlock_run, &un, NULL, &e), ERR_NOTFOUND);
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
	assert_int_equal(op(f->s, a, 0, op_session_login_run, &in, &res, &e), ERR_OK);
	assert_int_equal(res.id, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM session"), 0);
	assert_int_equal(count(f, "SELECT sum(failed_logins) FROM staff"), 0);

	end.session_id = sign_in(f, a, nurse, 4);
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE address = '127.0.0.1'"),
	    1);
	assert_int_equal(op(f->s, a, nurse, op_session_end_run, &end, &res, &e), ERR_OK);
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

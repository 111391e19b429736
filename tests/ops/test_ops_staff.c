/*
 * test_ops_staff.c — the staff operations against a real store: accounts
 * added and changed, the rule that no one disables their own account or
 * drops their own admin role, and that no one changes their own roles (a
 * role change's audit detail naming them), sessions ended by disabling, by
 * a password reset and (all but the own one) by an own change, which a lock
 * refuses and which clears the count of failures.  A refused change writes
 * nothing.
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

static void
create_adds_an_account_and_refuses_a_taken_or_invalid_one(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct staff s;
	struct error e;
	int64_t id = staff_ok(f, a, "jquill", 1u << ROLE_CLINICIAN);

	assert_int_equal(store_staff_get(f->s, id, a, &s, &e), ERR_OK);
	assert_string_equal(s.username, "jquill");
	assert_true(s.must_change_password);
	assert_true(s.active);
	assert_int_equal(add_staff_op(f, a, "jquill", 1u << ROLE_NURSE, NULL, &e), ERR_CONFLICT);
	assert_non_null(field_msg(&e, "username"));
	assert_int_equal(add_staff_op(f, a, "rbirch", 0, NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "roles"));
	assert_int_equal(count(f, "SELECT count(*) FROM staff"), 1);
	arena_free(a);
}

static enum err
change(struct fx *f, struct arena *a, int64_t actor, int64_t id, const struct staff *set,
    unsigned fields, struct staff_out *out, struct error *e)
{
	struct staff_update_in in;

	memset(&in, 0, sizeof in);
	in.id = id;
	in.set = *set;
	in.fields = fields;
	in.out = out;
	return op_as(f->s, a, actor, op_staff_update_run, &in, NULL, e);
}

static void
no_one_disables_their_own_account_or_drops_their_own_admin_role(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t me = staff_ok(f, a, "admin", (1u << ROLE_ADMIN) | (1u << ROLE_DIRECTOR));
	struct staff set, s;
	struct staff_out out;
	struct error e;

	staff_blank(&set);
	set.active = false;
	assert_int_equal(change(f, a, me, me, &set, 1u << SF_ACTIVE, &out, &e), ERR_CONFLICT);
	set.roles = 1u << ROLE_DIRECTOR;
	assert_int_equal(change(f, a, me, me, &set, 1u << SF_ROLES, &out, &e), ERR_CONFLICT);
	assert_int_equal(store_staff_get(f->s, me, a, &s, &e), ERR_OK);
	assert_true(s.active);
	assert_true(s.roles & (1u << ROLE_ADMIN));
	/* The console may disable anyone. */
	set.roles = 1u << ROLE_ADMIN;
	assert_int_equal(change(f, a, 0, me, &set, 1u << SF_ACTIVE, &out, &e), ERR_OK);
	assert_int_equal(out.change, STAFF_DISABLED);
	arena_free(a);
}

static void
no_one_changes_their_own_roles_and_a_role_change_names_them(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t me = staff_ok(f, a, "admin", (1u << ROLE_ADMIN) | (1u << ROLE_DIRECTOR));
	int64_t nurse = staff_ok(f, a, "nurse", 1u << ROLE_NURSE);
	struct staff_update_in in;
	struct staff_out out;
	struct op_result res;
	struct staff set, s;
	struct error e;

	staff_blank(&set);
	/* Neither dropping another own role nor adding one. */
	set.roles = 1u << ROLE_ADMIN;
	assert_int_equal(change(f, a, me, me, &set, 1u << SF_ROLES, &out, &e), ERR_FORBIDDEN);
	set.roles = (1u << ROLE_ADMIN) | (1u << ROLE_DIRECTOR) | (1u << ROLE_CLINICIAN);
	assert_int_equal(change(f, a, me, me, &set, 1u << SF_ROLES, &out, &e), ERR_FORBIDDEN);
	assert_int_equal(store_staff_get(f->s, me, a, &s, &e), ERR_OK);
	assert_int_equal(s.roles, (1u << ROLE_ADMIN) | (1u << ROLE_DIRECTOR));
	/* The same roles again, with another field: allowed, and no roles in
	 * the detail. */
	set.roles = (1u << ROLE_DIRECTOR) | (1u << ROLE_ADMIN);
	set.full_name = "Renamed Admin";
	memset(&in, 0, sizeof in);
	in.id = me;
	in.set = set;
	in.fields = (1u << SF_ROLES) | (1u << SF_FULL_NAME);
	in.out = &out;
	assert_int_equal(op_as(f->s, a, me, op_staff_update_run, &in, &res, &e), ERR_OK);
	assert_true(res.detail == NULL || res.detail[0] == '\0');
	/* Someone else's roles: allowed, the detail names before and after. */
	set.roles = (1u << ROLE_NURSE) | (1u << ROLE_CASE_MANAGER);
	in.set = set;
	in.id = nurse;
	in.fields = 1u << SF_ROLES;
	assert_int_equal(op_as(f->s, a, me, op_staff_update_run, &in, &res, &e), ERR_OK);
	assert_string_equal(res.detail, "roles=nurse -> case_manager,nurse");
	/* The console may change anyone's, its own included. */
	set.roles = 1u << ROLE_ADMIN;
	in.set = set;
	in.id = me;
	assert_int_equal(op_as(f->s, a, 0, op_staff_update_run, &in, &res, &e), ERR_OK);
	assert_string_equal(res.detail, "roles=admin,director -> admin");
	arena_free(a);
}

static void
disabling_ends_the_sessions_and_enabling_says_so(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t admin = staff_ok(f, a, "admin", 1u << ROLE_ADMIN);
	int64_t nurse = staff_ok(f, a, "nurse", 1u << ROLE_NURSE);
	struct staff set;
	struct staff_out out;
	struct error e;

	sign_in_op(f, a, nurse, 1);
	sign_in_op(f, a, nurse, 2);
	sign_in_op(f, a, admin, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE ended_at = 0"), 3);
	staff_blank(&set);
	set.full_name = "Grace Renamed";
	assert_int_equal(change(f, a, admin, nurse, &set, 1u << SF_FULL_NAME, &out, &e),
	    ERR_OK);
	assert_int_equal(out.change, STAFF_CHANGED);
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE ended_at = 0"), 3);
	set.active = false;
	assert_int_equal(change(f, a, admin, nurse, &set, 1u << SF_ACTIVE, &out, &e), ERR_OK);
	assert_int_equal(out.change, STAFF_DISABLED);
	assert_false(out.s.active);
	assert_string_equal(out.s.full_name, "Grace Renamed");
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE ended_at = 0"), 1);
	set.active = true;
	assert_int_equal(change(f, a, admin, nurse, &set, 1u << SF_ACTIVE, &out, &e), ERR_OK);
	assert_int_equal(out.change, STAFF_ENABLED);
	/* An invalid change, or a missing account, writes nothing. */
	set.full_name = "";
	assert_int_equal(change(f, a, admin, nurse, &set, 1u << SF_FULL_NAME, &out, &e),
	    ERR_INVALID);
	assert_int_equal(count(f, "SELECT count(*) FROM staff WHERE full_name = "
	    "'Grace Renamed'"), 1);
	assert_int_equal(change(f, a, admin, nurse + 100, &set, 1u << SF_ACTIVE, &out, &e),
	    ERR_NOTFOUND);
	arena_free(a);
}

static void
a_password_reset_ends_sessions_an_own_change_ends_the_others(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t nurse = staff_ok(f, a, "nurse", 1u << ROLE_NURSE);
	struct staff_password_in in;
	struct staff s;
	struct error e;

	int64_t admin = staff_ok(f, a, "admin", 1u << ROLE_ADMIN);
	int64_t mine;

	memset(&in, 0, sizeof in);
	mine = sign_in_op(f, a, nurse, 1);
	sign_in_op(f, a, nurse, 2);
	sign_in_op(f, a, nurse, 3);
	sign_in_op(f, a, admin, 4);
	in.id = nurse;
	in.hash = "own-new-hash";
	in.own = true;
	in.keep_session = mine;
	assert_int_equal(op_as(f->s, a, nurse, op_staff_password_run, &in, NULL, &e), ERR_OK);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_false(s.must_change_password);
	/* The own session stays, the account's others end, others' stay. */
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE ended_at = 0"), 2);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM session WHERE ended_at = 0 "
	    "AND id = (SELECT min(id) FROM session)"), 1);
	in.hash = "reset-hash";
	in.own = false;
	assert_int_equal(op_as(f->s, a, 0, op_staff_password_run, &in, NULL, &e), ERR_OK);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_true(s.must_change_password);
	assert_int_equal(count(f, "SELECT count(*) FROM session WHERE ended_at = 0"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM staff WHERE password_hash = "
	    "'reset-hash'"), 1);
	in.id = nurse + 100;
	assert_int_equal(op_as(f->s, a, 0, op_staff_password_run, &in, NULL, &e), ERR_NOTFOUND);
	arena_free(a);
}

static enum err
unlock(struct fx *f, struct arena *a, int64_t id)
{
	struct staff_unlock_in in = { id };
	struct error e;

	return op_as(f->s, a, 0, op_staff_unlock_run, &in, NULL, &e);
}

/* A wrong password counted against id (sign-in or a password change). */
static void
fail_once(struct fx *f, struct arena *a, int64_t id)
{
	struct session_login_in in;
	struct error e;

	memset(&in, 0, sizeof in);
	in.staff_id = id;
	in.verdict = login_judge(true, false, true, 0, now_utc());
	in.max_failures = 3;
	in.lock_seconds = 600;
	assert_int_equal(op_as(f->s, a, id, op_session_login_run, &in, NULL, &e), ERR_OK);
}

static void
an_own_change_is_refused_while_locked_and_clears_the_failures(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t nurse = staff_ok(f, a, "nurse", 1u << ROLE_NURSE);
	struct staff_password_in in;
	struct staff s;
	struct error e;

	memset(&in, 0, sizeof in);
	in.id = nurse;
	in.hash = "own-new-hash";
	in.own = true;
	in.keep_session = sign_in_op(f, a, nurse, 1);
	fail_once(f, a, nurse);
	fail_once(f, a, nurse);
	fail_once(f, a, nurse);
	assert_int_equal(op_as(f->s, a, nurse, op_staff_password_run, &in, NULL, &e),
	    ERR_FORBIDDEN);
	assert_int_equal(count(f, "SELECT count(*) FROM staff WHERE password_hash = "
	    "'own-new-hash'"), 0);
	/* Unlocked, one more failure, then a right change clears the count. */
	in.hash = "own-newer-hash";
	assert_int_equal(unlock(f, a, nurse), ERR_OK);
	fail_once(f, a, nurse);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_int_equal(s.failed_logins, 1);
	assert_int_equal(op_as(f->s, a, nurse, op_staff_password_run, &in, NULL, &e), ERR_OK);
	assert_int_equal(store_staff_get(f->s, nurse, a, &s, &e), ERR_OK);
	assert_int_equal(s.failed_logins, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM staff WHERE password_hash = "
	    "'own-newer-hash'"), 1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    create_adds_an_account_and_refuses_a_taken_or_invalid_one, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    no_one_disables_their_own_account_or_drops_their_own_admin_role, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    no_one_changes_their_own_roles_and_a_role_change_names_them, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(disabling_ends_the_sessions_and_enabling_says_so,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    a_password_reset_ends_sessions_an_own_change_ends_the_others,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    an_own_change_is_refused_while_locked_and_clears_the_failures, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

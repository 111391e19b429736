/*
 * ops_test.c — the operation tests' shared helpers (ops_test.h).
 */
#include <stdio.h>

#include "ops_test.h"

#include "ops/session.h"
#include "ops/staff.h"

enum err
op_as(struct store *s, struct arena *a, int64_t actor, op_run_fn run, const void *in,
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

enum err
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
	rc = op_as(f->s, a, 0, op_staff_create_run, &in, &res, e);
	if (rc == ERR_OK && id)
		*id = res.id;
	return rc;
}

int64_t
staff_ok(struct fx *f, struct arena *a, const char *username, roleset roles)
{
	struct error e;
	int64_t id = 0;

	assert_int_equal(add_staff_op(f, a, username, roles, &id, &e), ERR_OK);
	assert_true(id > 0);
	return id;
}

int64_t
sign_in_op(struct fx *f, struct arena *a, int64_t id, uint8_t tag)
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
	assert_int_equal(op_as(f->s, a, id, op_session_login_run, &in, NULL, &e), ERR_OK);
	assert_true(sid > 0);
	return sid;
}

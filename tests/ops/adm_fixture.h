/*
 * adm_fixture.h — what the admissions operation tests share beside the
 * store fixture (store_test.h): staff, tracks and inquiries made in a job,
 * an actor, an operation run as one writer job in the test's arena
 * (adm_setup/adm_teardown), and counting rows.
 *
 * Included by each tests/ops/test_ops_<family>.c of the admissions
 * families; every helper is static, so each test uses what it needs.
 */
#ifndef IOP_TEST_ADM_FIXTURE_H
#define IOP_TEST_ADM_FIXTURE_H

#include <stdio.h>
#include <time.h>

#include "store_test.h"

#include "ops/ops.h"


/* An active staff member with roles (bits of enum role), working at site
 * (0: nowhere); the store fixture's add_staff under the username as name. */
static inline int64_t
staff_at(struct store *s, const char *username, roleset roles, int64_t site)
{
	return add_staff(s, username, username, roles, true, site);
}

/* An active track at site of the level (the store fixture's add_track). */
static inline int64_t
track_at(struct store *s, int64_t site, const char *level)
{
	return add_track(s, site, "Evening", level);
}

/* A blank inquiry (all text "", kind help) for a test to fill. */
static inline void
inquiry_blank(struct inquiry *q, const char *name)
{
	memset(q, 0, sizeof *q);
	q->kind = INQ_HELP;
	q->name = name;
	q->phone = "555-010-0100";
	q->email = q->best_time = q->caller_name = q->caller_relationship = "";
	q->message = q->referral_source = q->referred_to = q->close_reason = "";
	q->ins.payer = q->ins.member_id = q->ins.group_number = "";
	q->ins.subscriber_name = q->ins.relationship = "";
	q->urgency = URG_TODAY;
	q->substances_json = "[]";
	q->source = "phone";
	q->ok_voicemail = CONSENT_YES;
}

static inline enum err
adm_job_inquiry(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_inquiry_insert(tx, arg, e);
}

static inline int64_t
inquiry_add(struct store *s, struct inquiry *q)
{
	run_ok(s, adm_job_inquiry, q);
	assert_true(q->id > 0);
	return q->id;
}

/* The arena operations allocate in: one per test, freed by adm_teardown. */
static struct arena *adm_arena;

static inline int
adm_setup(void **state)
{
	adm_arena = arena_new(4 << 20);
	assert_non_null(adm_arena);
	return fx_setup(state);
}

static inline int
adm_teardown(void **state)
{
	arena_free(adm_arena);
	adm_arena = NULL;
	return fx_teardown(state);
}

/* Someone signed in, with roles, now (the store stamps rows with its own
 * clock, so the actor's is the real one). */
static inline struct actor
actor_of(int64_t staff_id, roleset roles)
{
	struct actor a = { .staff_id = staff_id, .username = "tester", .roles = roles,
		.address = "127.0.0.1", .now = (int64_t)time(NULL) };

	return a;
}

/* An operation run as one writer job (allocating in adm_arena); *res gets
 * its result. */
static inline enum err
run_op(struct store *s, op_run_fn run, const void *in, const struct actor *who,
    struct op_result *res, struct error *e)
{
	struct op_call c;
	enum err rc;

	op_call_init(&c, adm_arena, run, in);
	c.who = *who;
	rc = run_job(s, op_call_job, &c, e);
	*res = c.res;
	return rc;
}

/* Rows in a table of the database. */
static inline int64_t
count_rows(const struct fx *f, const char *table)
{
	char sql[128];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return raw_int(f->t.db, sql);
}

#endif

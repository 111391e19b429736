/*
 * test_ops_alert.c — an alert resolved (op_alert_resolve) and a task done
 * (op_task_done) against a real store: a resolution closes the alert's
 * task, cannot be done twice, and a task is closed by its owner, when it
 * has none by anyone, or by a director — nobody else.
 */
#include "adm_fixture.h"

#include "ops/alert.h"
#include "ops/task.h"

struct world {
	int64_t client, owner, other, director, alert, safety_task, plain_task;
};

static enum err
job_alert(struct store_tx *tx, void *arg, struct error *e)
{
	struct world *w = arg;
	struct alert x = { .client_id = w->client, .kind = "phq9_item9",
		.message = "Thoughts of self-harm.", .source_type = "screening", .source_id = 1 };

	if (store_tx_alert_insert(tx, &x, &w->alert, e) != ERR_OK ||
	    store_tx_task_insert(tx, "alert_response", "Safety alert", w->client, 0, w->alert,
	    w->owner, store_tx_now(tx), &w->safety_task, e) != ERR_OK)
		return e->code;
	return store_tx_task_insert(tx, "follow_up", "Call back", w->client, 0, 0, w->owner,
	    store_tx_now(tx), &w->plain_task, e);
}

static void
world_make(struct fx *f, struct world *w)
{
	memset(w, 0, sizeof *w);
	w->client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	w->owner = staff_at(f->s, "owner", 1u << ROLE_CLINICIAN, 0);
	w->other = staff_at(f->s, "other", 1u << ROLE_CLINICIAN, 0);
	w->director = staff_at(f->s, "dir", 1u << ROLE_DIRECTOR, 0);
	run_ok(f->s, job_alert, w);
}

static enum err
resolve(struct fx *f, int64_t staff, int64_t id, struct alert *out, struct op_result *res,
    struct error *e)
{
	struct actor who = actor_of(staff, 1u << ROLE_CLINICIAN);
	struct alert_resolve_in in = { .id = id, .response = "Safety plan made.", .out = out };

	return run_op(f->s, op_alert_resolve_run, &in, &who, res, e);
}

static enum err
done(struct fx *f, int64_t staff, roleset roles, int64_t id, struct task *out,
    struct op_result *res, struct error *e)
{
	struct actor who = actor_of(staff, roles);
	struct task_done_in in = { .id = id, .response = "Done.", .out = out };

	return run_op(f->s, op_task_done_run, &in, &who, res, e);
}

static void
resolving_closes_the_task(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct alert x;
	struct op_result res;
	struct error e;
	char sql[128];

	world_make(f, &w);
	assert_int_equal(resolve(f, w.other, w.alert, &x, &res, &e), ERR_OK);
	assert_true(x.resolved_at > 0);
	assert_int_equal(x.resolved_by, w.other);
	assert_int_equal(res.id, w.alert);
	assert_int_equal(res.nclients, 1);
	assert_int_equal(res.clients[0], w.client);
	snprintf(sql, sizeof sql, "SELECT done_at > 0 FROM task WHERE id = %lld",
	    (long long)w.safety_task);
	assert_int_equal(raw_int(f->t.db, sql), 1);
	/* Once. */
	assert_int_equal(resolve(f, w.other, w.alert, &x, &res, &e), ERR_CONFLICT);
	assert_int_equal(resolve(f, w.other, 999, &x, &res, &e), ERR_NOTFOUND);
}

static void
only_the_owner_or_a_director(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct task t;
	struct op_result res;
	struct error e;
	char sql[128];

	world_make(f, &w);
	assert_int_equal(done(f, w.other, 1u << ROLE_CLINICIAN, w.plain_task, &t, &res, &e),
	    ERR_FORBIDDEN);
	snprintf(sql, sizeof sql, "SELECT done_at FROM task WHERE id = %lld",
	    (long long)w.plain_task);
	assert_int_equal(raw_int(f->t.db, sql), 0);
	assert_int_equal(done(f, w.owner, 1u << ROLE_CLINICIAN, w.plain_task, &t, &res, &e),
	    ERR_OK);
	assert_true(t.done_at > 0);
	assert_int_equal(res.clients[0], w.client);
	assert_int_equal(done(f, w.director, 1u << ROLE_DIRECTOR, w.safety_task, &t, &res, &e),
	    ERR_OK);
	assert_true(t.done_at > 0);
}

static void
a_safety_task_resolves_its_alert(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct task t;
	struct op_result res;
	struct error e;
	char sql[128];

	world_make(f, &w);
	assert_int_equal(done(f, w.owner, 1u << ROLE_CLINICIAN, w.safety_task, &t, &res, &e),
	    ERR_OK);
	snprintf(sql, sizeof sql, "SELECT resolved_by FROM alert WHERE id = %lld",
	    (long long)w.alert);
	assert_int_equal(raw_int(f->t.db, sql), w.owner);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(resolving_closes_the_task, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(only_the_owner_or_a_director, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(a_safety_task_resolves_its_alert, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

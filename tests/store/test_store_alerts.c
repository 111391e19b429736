/*
 * test_store_alerts.c — safety alerts and tasks in the store: an alert
 * inserted and read back, the list under a client (all or open only),
 * resolving (closes that alert's open tasks and no others; twice is a
 * conflict that changes nothing), tasks inserted and read back with whom
 * they are about, done (twice is a conflict), a staff member's list (open
 * only or all, open first by due time), the open and overdue count, the
 * first active clinician, and a failing job in a batch rolling back only
 * itself.
 *
 * store_alert_list and store_task_list are called only through alert_list
 * and task_list below, so a change of their signature is adapted in one
 * place.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_test.h"

/* ---- the two list reads -------------------------------------------------------- */

static void
alert_list(struct fx *f, int64_t client_id, bool open_only, struct alert **items, size_t *n)
{
	/* Every row, in one page: the total must agree. */
	const struct page all = { 1000000, 0 };
	int64_t total = -1;
	struct error e;

	error_clear(&e);
	if (store_alert_list(f->s, client_id, open_only, all, f->a, items, n, &total, &e) != ERR_OK)
		fail_msg("store_alert_list: %s", e.msg);
	assert_int_equal(total, (int64_t)*n);
}

static void
task_list(struct fx *f, int64_t assigned_to, bool open_only, struct task **items, size_t *n)
{
	/* Every row, in one page: the total must agree. */
	const struct page all = { 1000000, 0 };
	int64_t total = -1;
	struct error e;

	error_clear(&e);
	if (store_task_list(f->s, assigned_to, open_only, all, f->a, items, n, &total, &e) != ERR_OK)
		fail_msg("store_task_list: %s", e.msg);
	assert_int_equal(total, (int64_t)*n);
}

/* ---- jobs ------------------------------------------------------------------------- */

struct alert_op {
	int64_t client_id, source_id, id, now;
	const char *kind, *message;
	/* and its task, when task_to is set */
	int64_t task_to, task_id, due_at;
	bool fail;
};

static enum err
j_alert(struct store_tx *tx, void *arg, struct error *e)
{
	struct alert_op *op = arg;
	struct alert x = { .client_id = op->client_id, .kind = op->kind,
		.message = op->message, .source_type = "screening", .source_id = op->source_id };

	op->now = store_tx_now(tx);
	if (store_tx_alert_insert(tx, &x, &op->id, e) != ERR_OK)
		return e->code;
	if (op->task_to != 0 && store_tx_task_insert(tx, "alert_response",
	    "Assess and document a response", op->client_id, 0, op->id, op->task_to,
	    op->due_at, &op->task_id, e) != ERR_OK)
		return e->code;
	if (op->fail)
		return error_set(e, ERR_INVALID, "refused on purpose");
	return ERR_OK;
}

struct task_op {
	const char *kind, *title;
	int64_t client_id, inquiry_id, alert_id, assigned_to, due_at, id, now;
};

static enum err
j_task(struct store_tx *tx, void *arg, struct error *e)
{
	struct task_op *t = arg;

	t->now = store_tx_now(tx);
	return store_tx_task_insert(tx, t->kind, t->title, t->client_id, t->inquiry_id,
	    t->alert_id, t->assigned_to, t->due_at, &t->id, e);
}

struct close_op {
	int64_t id, by, now;
	const char *response;
};

static enum err
j_resolve(struct store_tx *tx, void *arg, struct error *e)
{
	struct close_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_alert_resolve(tx, op->id, op->by, op->response, e);
}

static enum err
j_done(struct store_tx *tx, void *arg, struct error *e)
{
	struct close_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_task_done(tx, op->id, op->by, op->response, e);
}

struct get_op {
	int64_t id;
	struct arena *a;
	struct alert alert;
	struct task task;
	enum err alert_rc, task_rc;
};

static enum err
j_get(struct store_tx *tx, void *arg, struct error *e)
{
	struct get_op *op = arg;
	struct error ae, te;

	(void)e;
	error_clear(&ae);
	error_clear(&te);
	op->alert_rc = store_tx_alert_get(tx, op->id, op->a, &op->alert, &ae);
	op->task_rc = store_tx_task_get(tx, op->id, op->a, &op->task, &te);
	return ERR_OK;
}

static enum err
j_clinician_first(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_clinician_first(tx, arg, e);
}

static struct alert_op
add_alert(struct store *s, int64_t client_id, const char *kind, int64_t task_to,
    int64_t due_at)
{
	struct alert_op op = { .client_id = client_id, .kind = kind,
		.message = "Answered yes to the safety question.", .source_id = 7,
		.task_to = task_to, .due_at = due_at };

	run_ok(s, j_alert, &op);
	assert_true(op.id > 0);
	return op;
}

static int64_t
add_task(struct store *s, const char *title, int64_t client_id, int64_t inquiry_id,
    int64_t assigned_to, int64_t due_at)
{
	struct task_op t = { .kind = "follow_up", .title = title, .client_id = client_id,
		.inquiry_id = inquiry_id, .assigned_to = assigned_to, .due_at = due_at };

	run_ok(s, j_task, &t);
	assert_true(t.id > 0);
	return t.id;
}

static struct get_op
get(struct fx *f, int64_t id)
{
	struct get_op op = { .id = id, .a = f->a };

	run_ok(f->s, j_get, &op);
	return op;
}

/* ---- alerts ------------------------------------------------------------------------ */

static void
alert_insert_get_list(void **state)
{
	struct fx *f = *state;
	struct alert_op a1, a2, a3;
	struct alert *items;
	struct get_op g;
	int64_t c1, c2;
	size_t n;

	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);
	alert_list(f, c1, false, &items, &n);
	assert_int_equal(n, 0);

	a1 = add_alert(f->s, c1, "suicide_risk", 0, 0);
	a2 = add_alert(f->s, c2, "immediate_evaluation", 0, 0);
	a3 = add_alert(f->s, c1, "immediate_evaluation", 0, 0);

	g = get(f, a1.id);
	assert_int_equal(g.alert_rc, ERR_OK);
	assert_int_equal(g.alert.id, a1.id);
	assert_int_equal(g.alert.client_id, c1);
	assert_string_equal(g.alert.kind, "suicide_risk");
	assert_string_equal(g.alert.message, "Answered yes to the safety question.");
	assert_string_equal(g.alert.source_type, "screening");
	assert_int_equal(g.alert.source_id, 7);
	assert_int_equal(g.alert.raised_at, a1.now);
	assert_int_equal(g.alert.resolved_at, 0);
	assert_int_equal(g.alert.resolved_by, 0);
	assert_string_equal(g.alert.response, "");
	assert_int_equal(get(f, 9999).alert_rc, ERR_NOTFOUND);

	/* Newest first, only this client's. */
	alert_list(f, c1, false, &items, &n);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, a3.id);
	assert_int_equal(items[1].id, a1.id);
	assert_string_equal(items[1].kind, "suicide_risk");
	alert_list(f, c2, true, &items, &n);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, a2.id);
	alert_list(f, 9999, false, &items, &n);
	assert_int_equal(n, 0);

	/* An alert about a client who does not exist is refused. */
	{
		struct alert_op bad = { .client_id = 9999, .kind = "suicide_risk",
			.message = "m", .source_id = 1 };
		struct error e;

		error_clear(&e);
		assert_int_equal(run_job(f->s, j_alert, &bad, &e), ERR_CONFLICT);
		assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM alert"), 3);
	}
}

static void
alert_resolve_closes_its_tasks(void **state)
{
	struct fx *f = *state;
	struct alert_op a1, a2;
	struct close_op rs, dn;
	struct alert *items;
	struct task *tasks;
	struct get_op g;
	int64_t c1, doc, nurse, t_extra, t_done, t_other;
	struct error e;
	size_t n;

	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, 0);
	nurse = add_staff(f->s, "nurse", "Nia Nurse", 1u << ROLE_NURSE, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	a1 = add_alert(f->s, c1, "suicide_risk", doc, 100);
	a2 = add_alert(f->s, c1, "immediate_evaluation", doc, 200);
	/* A second open task and an already-done task on the first alert. */
	{
		struct task_op t = { .kind = "alert_response", .title = "Second look",
			.client_id = c1, .alert_id = a1.id, .assigned_to = nurse,
			.due_at = 300 };
		run_ok(f->s, j_task, &t);
		t_extra = t.id;
		t.title = "Already done";
		run_ok(f->s, j_task, &t);
		t_done = t.id;
	}
	dn = (struct close_op){ .id = t_done, .by = nurse, .response = "Seen earlier." };
	run_ok(f->s, j_done, &dn);
	t_other = a2.task_id;

	rs = (struct close_op){ .id = a1.id, .by = doc, .response = "Safety plan made." };
	run_ok(f->s, j_resolve, &rs);

	g = get(f, a1.id);
	assert_int_equal(g.alert_rc, ERR_OK);
	assert_int_equal(g.alert.resolved_at, rs.now);
	assert_int_equal(g.alert.resolved_by, doc);
	assert_string_equal(g.alert.response, "Safety plan made.");
	/* Its open tasks are done, by the resolver, with the response. */
	g = get(f, a1.task_id);
	assert_int_equal(g.task_rc, ERR_OK);
	assert_int_equal(g.task.done_at, rs.now);
	assert_int_equal(g.task.done_by, doc);
	assert_string_equal(g.task.response, "Safety plan made.");
	g = get(f, t_extra);
	assert_int_equal(g.task.done_at, rs.now);
	assert_int_equal(g.task.done_by, doc);
	/* A task done before keeps its own record. */
	g = get(f, t_done);
	assert_int_equal(g.task.done_at, dn.now);
	assert_int_equal(g.task.done_by, nurse);
	assert_string_equal(g.task.response, "Seen earlier.");
	/* Another alert's task stays open. */
	g = get(f, t_other);
	assert_int_equal(g.task.done_at, 0);
	assert_int_equal(g.task.done_by, 0);

	/* Open only leaves the resolved alert out. */
	alert_list(f, c1, true, &items, &n);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, a2.id);
	alert_list(f, c1, false, &items, &n);
	assert_int_equal(n, 2);
	assert_int_equal(items[1].id, a1.id);
	assert_int_equal(items[1].resolved_by, doc);

	/* Twice: a conflict, and the first resolution stands. */
	rs = (struct close_op){ .id = a1.id, .by = nurse, .response = "Again." };
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_resolve, &rs, &e), ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	g = get(f, a1.id);
	assert_int_equal(g.alert.resolved_by, doc);
	assert_string_equal(g.alert.response, "Safety plan made.");

	/* Resolved by someone who does not exist: refused, and neither the
	 * alert nor its task changes. */
	rs = (struct close_op){ .id = a2.id, .by = 4242, .response = "Ghost." };
	assert_int_not_equal(run_job(f->s, j_resolve, &rs, &e), ERR_OK);
	g = get(f, a2.id);
	assert_int_equal(g.alert.resolved_at, 0);
	g = get(f, t_other);
	assert_int_equal(g.task.done_at, 0);

	/* The open list of the doctor now holds the other alert's task only. */
	task_list(f, doc, true, &tasks, &n);
	assert_int_equal(n, 1);
	assert_int_equal(tasks[0].id, t_other);
}

/* ---- tasks ---------------------------------------------------------------------------- */

static void
task_insert_get_done(void **state)
{
	struct fx *f = *state;
	int64_t c1, q1, staff, t1, t2;
	struct close_op dn;
	struct get_op g;
	struct error e;
	char mrn[16];

	staff = add_staff(f->s, "worker", "Wes Worker", 1u << ROLE_CLINICIAN, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	q1 = add_inquiry(f->s, "Robin Example", URG_TODAY);
	t1 = add_task(f->s, "Call about intake", c1, q1, staff, 5000);
	t2 = add_task(f->s, "Unattached", 0, 0, 0, 0);

	g = get(f, t1);
	assert_int_equal(g.task_rc, ERR_OK);
	assert_int_equal(g.task.id, t1);
	assert_string_equal(g.task.kind, "follow_up");
	assert_string_equal(g.task.title, "Call about intake");
	assert_int_equal(g.task.client_id, c1);
	assert_int_equal(g.task.inquiry_id, q1);
	assert_int_equal(g.task.alert_id, 0);
	assert_int_equal(g.task.assigned_to, staff);
	assert_int_equal(g.task.due_at, 5000);
	assert_int_equal(g.task.done_at, 0);
	assert_true(g.task.created_at > 0);
	client_mrn_format(c1, mrn);
	assert_string_equal(g.task.client_mrn, mrn);
	assert_string_equal(g.task.client_first, "Robin");
	assert_string_equal(g.task.client_last, "Example");
	assert_string_equal(g.task.inquiry_name, "Robin Example");
	/* About no one: empty strings, 0 ids. */
	g = get(f, t2);
	assert_int_equal(g.task.client_id, 0);
	assert_int_equal(g.task.inquiry_id, 0);
	assert_int_equal(g.task.assigned_to, 0);
	assert_string_equal(g.task.client_mrn, "");
	assert_string_equal(g.task.inquiry_name, "");
	assert_int_equal(get(f, 9999).task_rc, ERR_NOTFOUND);

	dn = (struct close_op){ .id = t1, .by = staff, .response = "Left a message." };
	run_ok(f->s, j_done, &dn);
	g = get(f, t1);
	assert_int_equal(g.task.done_at, dn.now);
	assert_int_equal(g.task.done_by, staff);
	assert_string_equal(g.task.response, "Left a message.");

	/* Twice: a conflict that keeps the first. */
	dn.response = "Again.";
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_done, &dn, &e), ERR_CONFLICT);
	assert_string_equal(get(f, t1).task.response, "Left a message.");

	/* Tasks naming records that do not exist are refused. */
	{
		struct task_op bad = { .kind = "follow_up", .title = "x", .client_id = 9999 };
		assert_int_equal(run_job(f->s, j_task, &bad, &e), ERR_CONFLICT);
		bad = (struct task_op){ .kind = "follow_up", .title = "x", .assigned_to = 4242 };
		assert_int_equal(run_job(f->s, j_task, &bad, &e), ERR_CONFLICT);
		bad = (struct task_op){ .kind = "follow_up", .title = "x", .alert_id = 4242 };
		assert_int_equal(run_job(f->s, j_task, &bad, &e), ERR_CONFLICT);
		assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM task"), 2);
	}
}

static void
task_list_and_count(void **state)
{
	struct fx *f = *state;
	int64_t me, other, t_late, t_soon, t_later, t_done, t_theirs, open, overdue;
	struct close_op dn;
	struct task *items;
	struct error e;
	size_t n;

	me = add_staff(f->s, "me", "Mae Me", 1u << ROLE_CLINICIAN, true, 0);
	other = add_staff(f->s, "other", "Otto Other", 1u << ROLE_CLINICIAN, true, 0);
	t_later = add_task(f->s, "Later", 0, 0, me, 3000);
	t_soon = add_task(f->s, "Soon", 0, 0, me, 1000);
	t_late = add_task(f->s, "Same due, later id", 0, 0, me, 1000);
	t_done = add_task(f->s, "Done one", 0, 0, me, 500);
	t_theirs = add_task(f->s, "Theirs", 0, 0, other, 100);
	dn = (struct close_op){ .id = t_done, .by = me, .response = "ok" };
	run_ok(f->s, j_done, &dn);

	/* Open only: by due time, then id. */
	task_list(f, me, true, &items, &n);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].id, t_soon);
	assert_int_equal(items[1].id, t_late);
	assert_int_equal(items[2].id, t_later);
	/* All: the done ones after the open ones. */
	task_list(f, me, false, &items, &n);
	assert_int_equal(n, 4);
	assert_int_equal(items[0].id, t_soon);
	assert_int_equal(items[2].id, t_later);
	assert_int_equal(items[3].id, t_done);
	assert_true(items[3].done_at > 0);
	task_list(f, other, false, &items, &n);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, t_theirs);
	task_list(f, 9999, false, &items, &n);
	assert_int_equal(n, 0);

	/* Counting: open ones, and those due strictly before now. */
	error_clear(&e);
	assert_int_equal(store_task_count(f->s, me, 999, &open, &overdue, &e), ERR_OK);
	assert_int_equal(open, 3);
	assert_int_equal(overdue, 0);
	assert_int_equal(store_task_count(f->s, me, 1000, &open, &overdue, &e), ERR_OK);
	assert_int_equal(open, 3);
	assert_int_equal(overdue, 0);	/* due at now is not yet overdue */
	assert_int_equal(store_task_count(f->s, me, 1001, &open, &overdue, &e), ERR_OK);
	assert_int_equal(overdue, 2);
	assert_int_equal(store_task_count(f->s, me, 5000, &open, &overdue, &e), ERR_OK);
	assert_int_equal(open, 3);
	assert_int_equal(overdue, 3);	/* the done task is never overdue */
	assert_int_equal(store_task_count(f->s, other, 5000, &open, &overdue, &e), ERR_OK);
	assert_int_equal(open, 1);
	assert_int_equal(overdue, 1);
	assert_int_equal(store_task_count(f->s, 9999, 5000, &open, &overdue, &e), ERR_OK);
	assert_int_equal(open, 0);
	assert_int_equal(overdue, 0);
}

static void
clinician_first(void **state)
{
	struct fx *f = *state;
	int64_t id = -1, c2;

	run_ok(f->s, j_clinician_first, &id);
	assert_int_equal(id, 0);	/* none */
	add_staff(f->s, "nurse", "Nia Nurse", 1u << ROLE_NURSE, true, 0);
	add_staff(f->s, "gone", "Gwen Gone", 1u << ROLE_CLINICIAN, false, 0);
	run_ok(f->s, j_clinician_first, &id);
	assert_int_equal(id, 0);	/* an inactive clinician does not count */
	c2 = add_staff(f->s, "multi", "Max Multi", (1u << ROLE_NURSE) | (1u << ROLE_CLINICIAN),
	    true, 0);
	add_staff(f->s, "later", "Lou Later", 1u << ROLE_CLINICIAN, true, 0);
	run_ok(f->s, j_clinician_first, &id);
	assert_int_equal(id, c2);
}

/* ---- a failing job in a batch -------------------------------------------------------- */

static void
alert_failing_job_rolls_back_alone(void **state)
{
	struct fx *f = *state;
	struct alert_op op[3];
	struct store_job jobs[3];
	struct alert *items;
	struct task *tasks;
	int64_t c1, doc;
	size_t n;
	int i;

	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	memset(jobs, 0, sizeof jobs);
	for (i = 0; i < 3; i++) {
		op[i] = (struct alert_op){ .client_id = c1, .kind = "suicide_risk",
			.message = i == 1 ? "dropped" : "kept", .source_id = i + 1,
			.task_to = doc, .due_at = 100 + i };
		jobs[i].run = j_alert;
		jobs[i].arg = &op[i];
	}
	op[1].fail = true;	/* after inserting its alert and task */
	run_batch(f->s, jobs, 3);
	assert_int_equal(jobs[0].result, ERR_OK);
	assert_int_equal(jobs[1].result, ERR_INVALID);
	assert_int_equal(jobs[2].result, ERR_OK);

	alert_list(f, c1, false, &items, &n);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, op[2].id);
	assert_int_equal(items[1].id, op[0].id);
	assert_string_equal(items[0].message, "kept");
	task_list(f, doc, false, &tasks, &n);
	assert_int_equal(n, 2);
	assert_int_equal(tasks[0].id, op[0].task_id);
	assert_int_equal(tasks[0].alert_id, op[0].id);
	assert_int_equal(tasks[1].id, op[2].task_id);
	assert_int_equal(tasks[1].alert_id, op[2].id);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM alert WHERE message = "
	    "'dropped'"), 0);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(alert_insert_get_list),
		T(alert_resolve_closes_its_tasks),
		T(task_insert_get_done),
		T(task_list_and_count),
		T(clinician_first),
		T(alert_failing_job_rolls_back_alone),
	};
#undef T

	return cmocka_run_group_tests_name("store_alerts", tests, NULL, NULL);
}

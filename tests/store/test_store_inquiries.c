/*
 * test_store_inquiries.c — inquiries in the store: insert and read back
 * field by field (outside a job and inside the inserting job), update and
 * its not-found and bad-reference cases, the board list by status (order,
 * paging, true totals), the list under a client, the latest id and the
 * revision a board polls, the call log, tasks on an inquiry, merging (the
 * log and tasks move, the source closes), and a failing job in a batch
 * rolling back only itself.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_test.h"

/* ---- jobs -------------------------------------------------------------------- */

static enum err
j_update(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_inquiry_update(tx, arg, e);
}

static enum err
j_contact(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_inquiry_contact_insert(tx, arg, e);
}

struct merge_op {
	int64_t from, into;
};

static enum err
j_merge(struct store_tx *tx, void *arg, struct error *e)
{
	struct merge_op *m = arg;

	return store_tx_inquiry_merge(tx, m->from, m->into, e);
}

/* Inserts, then reads the row back on the writer's connection. */
struct insert_get {
	struct inquiry q, got;
	struct arena *a;
	enum err get_rc;
	int64_t now;
};

static enum err
j_insert_get(struct store_tx *tx, void *arg, struct error *e)
{
	struct insert_get *op = arg;

	op->now = store_tx_now(tx);
	if (store_tx_inquiry_insert(tx, &op->q, e) != ERR_OK)
		return e->code;
	op->get_rc = store_tx_inquiry_get(tx, op->q.id, op->a, &op->got, e);
	return op->get_rc;
}

struct get_op {
	int64_t id;
	struct arena *a;
	struct inquiry got;
};

static enum err
j_get(struct store_tx *tx, void *arg, struct error *e)
{
	struct get_op *op = arg;

	return store_tx_inquiry_get(tx, op->id, op->a, &op->got, e);
}

struct task_op {
	const char *title;
	int64_t client_id, inquiry_id, assigned_to, due_at, id;
};

static enum err
j_task(struct store_tx *tx, void *arg, struct error *e)
{
	struct task_op *t = arg;

	return store_tx_task_insert(tx, "follow_up", t->title, t->client_id, t->inquiry_id, 0,
	    t->assigned_to, t->due_at, &t->id, e);
}

static int64_t
add_contact(struct store *s, int64_t inquiry_id, const char *method, const char *outcome,
    const char *note, int64_t staff_id)
{
	struct inquiry_contact c = { .inquiry_id = inquiry_id, .method = method,
		.outcome = outcome, .note = note, .staff_id = staff_id };

	run_ok(s, j_contact, &c);
	assert_true(c.id > 0);
	assert_true(c.at > 0);
	return c.id;
}

static int64_t
add_task(struct store *s, const char *title, int64_t inquiry_id, int64_t assigned_to,
    int64_t due_at)
{
	struct task_op t = { .title = title, .inquiry_id = inquiry_id,
		.assigned_to = assigned_to, .due_at = due_at };

	run_ok(s, j_task, &t);
	assert_true(t.id > 0);
	return t.id;
}

static struct inquiry
get(struct fx *f, int64_t id)
{
	struct inquiry q;
	struct error e;

	error_clear(&e);
	if (store_inquiry_get(f->s, id, f->a, &q, &e) != ERR_OK)
		fail_msg("inquiry %lld: %s", (long long)id, e.msg);
	return q;
}

static void
revision(struct fx *f, int64_t *latest, int64_t *changed, int64_t *rev)
{
	struct error e;

	error_clear(&e);
	assert_int_equal(store_inquiry_latest(f->s, latest, changed, rev, &e), ERR_OK);
}

/* ---- insert and get ------------------------------------------------------------ */

static void
inquiry_insert_get(void **state)
{
	struct fx *f = *state;
	struct insert_get op;
	struct inquiry q;
	struct get_op g;
	struct error e;
	char dob[11];

	memset(&op, 0, sizeof op);
	inquiry_sample(&op.q, "Robin Example", URG_THIS_WEEK);
	op.q.kind = INQ_INSURANCE;
	op.q.email = "robin@example.org";
	op.q.ok_voicemail = CONSENT_YES;
	op.q.ok_text = CONSENT_NO;
	op.q.for_other = true;
	op.q.caller_name = "Sam Example";
	op.q.caller_relationship = "sibling";
	op.q.substances_json = "[\"alcohol\",\"opioids\"]";
	op.q.has_insurance = true;
	op.q.ins.payer = "Acme Health";
	op.q.ins.member_id = "M-1001";
	op.q.ins.group_number = "G-7";
	op.q.ins.subscriber_name = "Robin Example";
	assert_true(date_parse("1990-04-05", &op.q.ins.subscriber_dob));
	op.q.ins.relationship = "self";
	op.q.source = "web";
	op.q.referral_source = "primary care";
	op.q.status = INQS_SCREENED;	/* ignored: a new inquiry is new */
	op.a = f->a;
	run_ok(f->s, j_insert_get, &op);

	/* Filled by the insert. */
	assert_true(op.q.id > 0);
	assert_int_equal(op.q.status, INQS_NEW);
	assert_int_equal(op.q.created_at, op.now);
	assert_int_equal(op.q.updated_at, op.now);
	/* Seen by the inserting job itself. */
	assert_int_equal(op.get_rc, ERR_OK);
	assert_int_equal(op.got.id, op.q.id);
	assert_string_equal(op.got.name, "Robin Example");

	q = get(f, op.q.id);
	assert_int_equal(q.id, op.q.id);
	assert_int_equal(q.kind, INQ_INSURANCE);
	assert_int_equal(q.status, INQS_NEW);
	assert_string_equal(q.name, "Robin Example");
	assert_string_equal(q.phone, "555-0142");
	assert_string_equal(q.email, "robin@example.org");
	assert_int_equal(q.ok_voicemail, CONSENT_YES);
	assert_int_equal(q.ok_text, CONSENT_NO);
	assert_string_equal(q.best_time, "mornings");
	assert_true(q.for_other);
	assert_string_equal(q.caller_name, "Sam Example");
	assert_string_equal(q.caller_relationship, "sibling");
	assert_string_equal(q.substances_json, "[\"alcohol\",\"opioids\"]");
	assert_int_equal(q.urgency, URG_THIS_WEEK);
	assert_string_equal(q.message, "Would like to talk about the program.");
	assert_true(q.has_insurance);
	assert_string_equal(q.ins.payer, "Acme Health");
	assert_string_equal(q.ins.member_id, "M-1001");
	assert_string_equal(q.ins.group_number, "G-7");
	assert_string_equal(q.ins.subscriber_name, "Robin Example");
	date_format(q.ins.subscriber_dob, dob);
	assert_string_equal(dob, "1990-04-05");
	assert_string_equal(q.ins.relationship, "self");
	assert_string_equal(q.source, "web");
	assert_string_equal(q.referral_source, "primary care");
	assert_int_equal(q.assigned_to, 0);
	assert_int_equal(q.client_id, 0);
	assert_string_equal(q.referred_to, "");
	assert_string_equal(q.close_reason, "");
	assert_int_equal(q.created_at, op.now);
	assert_int_equal(q.updated_at, op.now);

	/* Defaults: no substances list is an empty one, no source is the web;
	 * no insurance fields, no insurance. */
	memset(&op, 0, sizeof op);
	inquiry_sample(&op.q, "Lee Default", URG_EXPLORING);
	op.q.substances_json = NULL;
	op.q.source = NULL;
	op.a = f->a;
	run_ok(f->s, j_insert_get, &op);
	q = get(f, op.q.id);
	assert_string_equal(q.substances_json, "[]");
	assert_string_equal(q.source, "web");
	assert_false(q.has_insurance);
	assert_false(q.for_other);
	assert_int_equal(q.kind, INQ_PHONE);

	/* Not found, outside and inside a job. */
	error_clear(&e);
	assert_int_equal(store_inquiry_get(f->s, 9999, f->a, &q, &e), ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);
	g = (struct get_op){ .id = 9999, .a = f->a };
	assert_int_equal(run_job(f->s, j_get, &g, &e), ERR_NOTFOUND);
	g.id = op.q.id;
	run_ok(f->s, j_get, &g);
	assert_string_equal(g.got.name, "Lee Default");
}

/* ---- update ------------------------------------------------------------------- */

static void
inquiry_update(void **state)
{
	struct fx *f = *state;
	int64_t id, other, staff, client, b_created;
	struct inquiry q, before;
	struct error e;

	staff = add_staff(f->s, "intake1", "Ida Intake", 1u << ROLE_CLINICIAN, true, 0);
	client = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	id = add_inquiry(f->s, "Robin Example", URG_TODAY);
	other = add_inquiry(f->s, "Other Person", URG_TODAY);
	q = get(f, id);
	b_created = q.created_at;

	q.status = INQS_REFERRED;
	q.assigned_to = staff;
	q.referral_source = "court";
	q.referred_to = "Residential program";
	q.close_reason = "";
	q.client_id = client;
	q.phone = "555-0199";
	q.email = "new@example.org";
	q.name = "Ignored Name";	/* not a field an update changes */
	run_ok(f->s, j_update, &q);
	q = get(f, id);
	assert_int_equal(q.status, INQS_REFERRED);
	assert_int_equal(q.assigned_to, staff);
	assert_string_equal(q.referral_source, "court");
	assert_string_equal(q.referred_to, "Residential program");
	assert_int_equal(q.client_id, client);
	assert_string_equal(q.phone, "555-0199");
	assert_string_equal(q.email, "new@example.org");
	assert_string_equal(q.name, "Robin Example");
	assert_int_equal(q.created_at, b_created);
	assert_true(q.updated_at >= b_created);
	/* The other inquiry is untouched. */
	assert_int_equal(get(f, other).status, INQS_NEW);
	assert_int_equal(get(f, other).assigned_to, 0);

	/* Unassigning and unlinking: 0 clears. */
	q.status = INQS_CLOSED;
	q.close_reason = "No longer interested";
	q.assigned_to = 0;
	q.client_id = 0;
	run_ok(f->s, j_update, &q);
	q = get(f, id);
	assert_int_equal(q.status, INQS_CLOSED);
	assert_string_equal(q.close_reason, "No longer interested");
	assert_int_equal(q.assigned_to, 0);
	assert_int_equal(q.client_id, 0);

	/* No such inquiry. */
	before = q;
	q.id = 9999;
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_update, &q, &e), ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);

	/* A staff member who does not exist: the field is named, nothing
	 * changes. */
	q = before;
	q.status = INQS_CONTACTED;
	q.assigned_to = 4242;
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_update, &q, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "assigned_to"));
	q = get(f, id);
	assert_int_equal(q.status, INQS_CLOSED);
	assert_int_equal(q.assigned_to, 0);

	/* A client who does not exist is refused too. */
	q = before;
	q.status = INQS_ADMITTED;
	q.client_id = 4242;
	error_clear(&e);
	assert_int_not_equal(run_job(f->s, j_update, &q, &e), ERR_OK);
	assert_int_equal(get(f, id).status, INQS_CLOSED);
	assert_int_equal(get(f, id).client_id, 0);
}

/* ---- the board: lists by status ---------------------------------------------------- */

static void
inquiry_list_by_status(void **state)
{
	struct fx *f = *state;
	struct inquiry *items, q;
	int64_t a, b, c, d, total;
	struct error e;
	size_t n;

	/* Empty. */
	error_clear(&e);
	assert_int_equal(store_inquiry_list(f->s, "", (struct page){ 10, 0 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);

	a = add_inquiry(f->s, "A Exploring", URG_EXPLORING);
	b = add_inquiry(f->s, "B Today", URG_TODAY);
	c = add_inquiry(f->s, "C Week", URG_THIS_WEEK);
	d = add_inquiry(f->s, "D Today", URG_TODAY);
	q = get(f, c);
	q.status = INQS_CONTACTED;
	run_ok(f->s, j_update, &q);

	/* All: the most urgent first, then the newest. */
	assert_int_equal(store_inquiry_list(f->s, "", (struct page){ 10, 0 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 4);
	assert_int_equal(total, 4);
	assert_int_equal(items[0].id, d);
	assert_int_equal(items[1].id, b);
	assert_int_equal(items[2].id, c);
	assert_int_equal(items[3].id, a);
	assert_string_equal(items[0].name, "D Today");
	assert_int_equal(items[2].status, INQS_CONTACTED);

	/* By status, with the total of that status. */
	assert_int_equal(store_inquiry_list(f->s, "new", (struct page){ 10, 0 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(total, 3);
	assert_int_equal(items[0].id, d);
	assert_int_equal(items[1].id, b);
	assert_int_equal(items[2].id, a);
	assert_int_equal(store_inquiry_list(f->s, "contacted", (struct page){ 10, 0 }, f->a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(items[0].id, c);
	assert_int_equal(store_inquiry_list(f->s, "referred", (struct page){ 10, 0 }, f->a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);

	/* Paging: the total is the whole count, past the end too. */
	assert_int_equal(store_inquiry_list(f->s, "", (struct page){ 2, 1 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 4);
	assert_int_equal(items[0].id, b);
	assert_int_equal(items[1].id, c);
	assert_int_equal(store_inquiry_list(f->s, "new", (struct page){ 2, 50 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 3);
}

static void
inquiry_list_by_client(void **state)
{
	struct fx *f = *state;
	int64_t c1, c2, i1, i2, i3, i4, total;
	struct inquiry *items, q;
	struct error e;
	size_t n;

	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);
	i1 = add_inquiry(f->s, "Robin One", URG_TODAY);
	i2 = add_inquiry(f->s, "Kim", URG_TODAY);
	i3 = add_inquiry(f->s, "Robin Two", URG_EXPLORING);
	i4 = add_inquiry(f->s, "Unlinked", URG_TODAY);
	(void)i4;
	q = get(f, i1);
	q.client_id = c1;
	q.status = INQS_SCREENED;
	run_ok(f->s, j_update, &q);
	q = get(f, i2);
	q.client_id = c2;
	run_ok(f->s, j_update, &q);
	q = get(f, i3);
	q.client_id = c1;
	run_ok(f->s, j_update, &q);

	/* Newest first, only this client's, whatever the urgency. */
	error_clear(&e);
	assert_int_equal(store_inquiry_list_client(f->s, c1, "", (struct page){ 10, 0 }, f->a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(items[0].id, i3);
	assert_int_equal(items[1].id, i1);
	assert_int_equal(items[0].client_id, c1);

	/* By status; NULL is "" (all). */
	assert_int_equal(store_inquiry_list_client(f->s, c1, "screened", (struct page){ 10, 0 },
	    f->a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(items[0].id, i1);
	assert_int_equal(store_inquiry_list_client(f->s, c1, NULL, (struct page){ 10, 0 }, f->a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 2);

	/* Paging, and a page past the end still has the total. */
	assert_int_equal(store_inquiry_list_client(f->s, c1, "", (struct page){ 1, 1 }, f->a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 2);
	assert_int_equal(items[0].id, i1);
	assert_int_equal(store_inquiry_list_client(f->s, c1, "", (struct page){ 5, 9 }, f->a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 2);

	/* A client with none, and one that does not exist. */
	assert_int_equal(store_inquiry_list_client(f->s, 9999, "", (struct page){ 5, 0 }, f->a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
}

/* ---- latest and revision ------------------------------------------------------------ */

static enum err
j_insert_then_fail(struct store_tx *tx, void *arg, struct error *e)
{
	if (store_tx_inquiry_insert(tx, arg, e) != ERR_OK)
		return e->code;
	return error_set(e, ERR_INVALID, "refused on purpose");
}

static void
inquiry_latest_and_revision(void **state)
{
	struct fx *f = *state;
	int64_t latest, changed, rev, rev1, a, b;
	struct inquiry q;
	struct error e;

	/* None yet. */
	revision(f, &latest, &changed, &rev);
	assert_int_equal(latest, 0);
	assert_int_equal(changed, 0);
	assert_int_equal(rev, 0);

	a = add_inquiry(f->s, "First", URG_TODAY);
	revision(f, &latest, &changed, &rev1);
	assert_int_equal(latest, a);
	assert_int_equal(changed, get(f, a).updated_at);
	assert_true(rev1 > rev);

	b = add_inquiry(f->s, "Second", URG_EXPLORING);
	revision(f, &latest, &changed, &rev);
	assert_int_equal(latest, b);
	assert_true(rev > rev1);
	rev1 = rev;

	/* A change to an older inquiry: the newest id stays, the revision
	 * grows, and changed_at is that change's time. */
	q = get(f, a);
	q.status = INQS_CONTACTED;
	run_ok(f->s, j_update, &q);
	revision(f, &latest, &changed, &rev);
	assert_int_equal(latest, b);
	assert_true(rev > rev1);
	assert_int_equal(changed, get(f, a).updated_at);
	rev1 = rev;

	/* A job that fails leaves no trace: neither the row nor a new
	 * revision. */
	inquiry_sample(&q, "Never Saved", URG_TODAY);
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_insert_then_fail, &q, &e), ERR_INVALID);
	revision(f, &latest, &changed, &rev);
	assert_int_equal(latest, b);
	assert_int_equal(rev, rev1);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM inquiry"), 2);

	/* An update that finds nothing changes nothing either. */
	q = get(f, a);
	q.id = 9999;
	assert_int_equal(run_job(f->s, j_update, &q, &e), ERR_NOTFOUND);
	revision(f, &latest, &changed, &rev);
	assert_int_equal(rev, rev1);
}

/* ---- the call log and tasks --------------------------------------------------------- */

static void
inquiry_call_log(void **state)
{
	struct fx *f = *state;
	int64_t staff, q1, q2, c1, c2, c3;
	struct inquiry_contact *items, bad;
	struct error e;
	size_t n;

	staff = add_staff(f->s, "caller", "Cal Ler", 1u << ROLE_CLINICIAN, true, 0);
	q1 = add_inquiry(f->s, "Logged", URG_TODAY);
	q2 = add_inquiry(f->s, "Other", URG_TODAY);
	c1 = add_contact(f->s, q1, "call", "no_answer", "", staff);
	c2 = add_contact(f->s, q2, "text", "sent", "other inquiry", staff);
	c3 = add_contact(f->s, q1, "call", "reached", "Booked a screening.", staff);
	(void)c2;

	/* Newest first, only this inquiry's, with who logged it. */
	error_clear(&e);
	assert_int_equal(store_inquiry_contact_list(f->s, q1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, c3);
	assert_int_equal(items[1].id, c1);
	assert_int_equal(items[0].inquiry_id, q1);
	assert_string_equal(items[0].method, "call");
	assert_string_equal(items[0].outcome, "reached");
	assert_string_equal(items[0].note, "Booked a screening.");
	assert_int_equal(items[0].staff_id, staff);
	assert_string_equal(items[0].staff_name, "caller");
	assert_true(items[0].at > 0);
	assert_string_equal(items[1].outcome, "no_answer");

	/* None for an inquiry without calls or that does not exist. */
	assert_int_equal(store_inquiry_contact_list(f->s, 9999, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 0);

	/* A call on an inquiry or by a staff member that does not exist. */
	bad = (struct inquiry_contact){ .inquiry_id = 9999, .method = "call",
		.outcome = "reached", .note = "", .staff_id = staff };
	assert_int_equal(run_job(f->s, j_contact, &bad, &e), ERR_CONFLICT);
	bad.inquiry_id = q1;
	bad.staff_id = 4242;
	assert_int_equal(run_job(f->s, j_contact, &bad, &e), ERR_CONFLICT);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM inquiry_contact"), 3);
}

static void
inquiry_tasks(void **state)
{
	struct fx *f = *state;
	int64_t staff, q1, q2, t1, t2, t3;
	struct task *items;
	struct error e;
	size_t n;

	staff = add_staff(f->s, "worker", "Wes Worker", 1u << ROLE_CLINICIAN, true, 0);
	q1 = add_inquiry(f->s, "Task Person", URG_TODAY);
	q2 = add_inquiry(f->s, "Someone Else", URG_TODAY);
	t1 = add_task(f->s, "Call back Friday", q1, staff, 3000000000LL);
	t2 = add_task(f->s, "Call back Monday", q1, staff, 2000000000LL);
	t3 = add_task(f->s, "Other's task", q2, staff, 1000000000LL);
	(void)t3;

	/* Only this inquiry's, soonest due first, with its name. */
	error_clear(&e);
	assert_int_equal(store_inquiry_task_list(f->s, q1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, t2);
	assert_int_equal(items[1].id, t1);
	assert_string_equal(items[0].kind, "follow_up");
	assert_string_equal(items[0].title, "Call back Monday");
	assert_int_equal(items[0].inquiry_id, q1);
	assert_int_equal(items[0].assigned_to, staff);
	assert_int_equal(items[0].due_at, 2000000000LL);
	assert_int_equal(items[0].done_at, 0);
	assert_int_equal(items[0].client_id, 0);
	assert_string_equal(items[0].inquiry_name, "Task Person");
	assert_string_equal(items[0].client_mrn, "");

	assert_int_equal(store_inquiry_task_list(f->s, 9999, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
}

/* ---- merging ------------------------------------------------------------------------- */

static void
inquiry_merge(void **state)
{
	struct fx *f = *state;
	int64_t staff, from, into, bystander, rev0, rev, latest, changed, k1, k2, k3, t1;
	struct inquiry_contact *log;
	struct task *tasks;
	struct merge_op m;
	struct inquiry q;
	struct error e;
	char want[64], sql[96];
	size_t n;

	staff = add_staff(f->s, "merger", "Mo Merger", 1u << ROLE_CLINICIAN, true, 0);
	into = add_inquiry(f->s, "Robin Example", URG_TODAY);
	from = add_inquiry(f->s, "Robin E.", URG_THIS_WEEK);
	bystander = add_inquiry(f->s, "Bystander", URG_TODAY);
	k1 = add_contact(f->s, into, "call", "reached", "", staff);
	k2 = add_contact(f->s, from, "call", "no_answer", "", staff);
	k3 = add_contact(f->s, from, "voicemail", "left_message", "", staff);
	add_contact(f->s, bystander, "call", "reached", "", staff);
	t1 = add_task(f->s, "Follow up", from, staff, 1000);
	add_task(f->s, "Bystander task", bystander, staff, 1000);
	q = get(f, into);
	q.status = INQS_CONTACTED;
	run_ok(f->s, j_update, &q);
	revision(f, &latest, &changed, &rev0);

	m = (struct merge_op){ .from = from, .into = into };
	run_ok(f->s, j_merge, &m);

	/* The call log moved, newest first. */
	error_clear(&e);
	assert_int_equal(store_inquiry_contact_list(f->s, into, f->a, &log, &n, &e), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(log[0].id, k3);
	assert_int_equal(log[1].id, k2);
	assert_int_equal(log[2].id, k1);
	assert_int_equal(log[0].inquiry_id, into);
	assert_int_equal(store_inquiry_contact_list(f->s, from, f->a, &log, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	/* The tasks moved. */
	assert_int_equal(store_inquiry_task_list(f->s, into, f->a, &tasks, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(tasks[0].id, t1);
	assert_string_equal(tasks[0].inquiry_name, "Robin Example");
	assert_int_equal(store_inquiry_task_list(f->s, from, f->a, &tasks, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	/* The source is closed as merged; the target keeps its state. */
	q = get(f, from);
	assert_int_equal(q.status, INQS_CLOSED);
	snprintf(want, sizeof want, "Merged into inquiry %lld", (long long)into);
	assert_string_equal(q.close_reason, want);
	snprintf(sql, sizeof sql, "SELECT merged_into FROM inquiry WHERE id = %lld",
	    (long long)from);
	assert_int_equal(raw_int(f->t.db, sql), into);
	assert_int_equal(get(f, into).status, INQS_CONTACTED);
	/* The bystander is untouched. */
	assert_int_equal(store_inquiry_contact_list(f->s, bystander, f->a, &log, &n, &e),
	    ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_inquiry_task_list(f->s, bystander, f->a, &tasks, &n, &e),
	    ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(get(f, bystander).status, INQS_NEW);
	/* The board sees a change. */
	revision(f, &latest, &changed, &rev);
	assert_true(rev > rev0);

	/* Into an inquiry that does not exist: refused, and nothing moves. */
	m = (struct merge_op){ .from = bystander, .into = 9999 };
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_merge, &m, &e), ERR_CONFLICT);
	assert_int_equal(store_inquiry_contact_list(f->s, bystander, f->a, &log, &n, &e),
	    ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_inquiry_task_list(f->s, bystander, f->a, &tasks, &n, &e),
	    ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(get(f, bystander).status, INQS_NEW);
}

/* ---- a failing job in a batch ------------------------------------------------------- */

struct chain {
	struct inquiry q;
	struct inquiry *prev;		/* an inquiry inserted by an earlier job */
	struct inquiry_contact c;
	bool fail;
};

/* Inserts its inquiry and a call on it (or on prev's), then fails if told. */
static enum err
j_chain(struct store_tx *tx, void *arg, struct error *e)
{
	struct chain *ch = arg;

	if (store_tx_inquiry_insert(tx, &ch->q, e) != ERR_OK)
		return e->code;
	ch->c.inquiry_id = ch->prev ? ch->prev->id : ch->q.id;
	if (store_tx_inquiry_contact_insert(tx, &ch->c, e) != ERR_OK)
		return e->code;
	if (ch->fail)
		return error_set(e, ERR_INVALID, "refused on purpose");
	return ERR_OK;
}

static void
inquiry_failing_job_rolls_back_alone(void **state)
{
	struct fx *f = *state;
	struct chain ch[3];
	struct store_job jobs[3];
	struct inquiry_contact *log;
	struct inquiry *items;
	int64_t staff, latest, changed, rev0, rev, total;
	struct error e;
	size_t n;
	int i;

	staff = add_staff(f->s, "batcher", "Bea Batcher", 1u << ROLE_CLINICIAN, true, 0);
	revision(f, &latest, &changed, &rev0);
	memset(ch, 0, sizeof ch);
	memset(jobs, 0, sizeof jobs);
	for (i = 0; i < 3; i++) {
		inquiry_sample(&ch[i].q, i == 0 ? "Kept First" : i == 1 ? "Dropped" :
		    "Kept Third", URG_TODAY);
		ch[i].c = (struct inquiry_contact){ .method = "call", .outcome = "reached",
			.note = "", .staff_id = staff };
		jobs[i].run = j_chain;
		jobs[i].arg = &ch[i];
	}
	ch[1].fail = true;
	ch[1].prev = &ch[0].q;		/* the failing job also logs a call on the first */
	ch[2].prev = &ch[0].q;		/* and so does the third, which succeeds */
	run_batch(f->s, jobs, 3);

	assert_int_equal(jobs[0].result, ERR_OK);
	assert_int_equal(jobs[1].result, ERR_INVALID);
	assert_int_equal(jobs[1].err.code, ERR_INVALID);
	assert_int_equal(jobs[2].result, ERR_OK);
	error_clear(&e);
	assert_int_equal(store_inquiry_list(f->s, "", (struct page){ 10, 0 }, f->a, &items, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(total, 2);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, ch[2].q.id);
	assert_string_equal(items[0].name, "Kept Third");
	assert_int_equal(items[1].id, ch[0].q.id);
	assert_string_equal(items[1].name, "Kept First");
	/* The first inquiry has its own call and the third job's, not the
	 * failed one's. */
	assert_int_equal(store_inquiry_contact_list(f->s, ch[0].q.id, f->a, &log, &n, &e),
	    ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(log[0].id, ch[2].c.id);
	assert_int_equal(log[1].id, ch[0].c.id);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM inquiry_contact"), 2);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM inquiry WHERE name = 'Dropped'"), 0);
	/* Two inserts counted, the rolled-back one not. */
	revision(f, &latest, &changed, &rev);
	assert_int_equal(latest, ch[2].q.id);
	assert_int_equal(rev, rev0 + 2);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(inquiry_insert_get),
		T(inquiry_update),
		T(inquiry_list_by_status),
		T(inquiry_list_by_client),
		T(inquiry_latest_and_revision),
		T(inquiry_call_log),
		T(inquiry_tasks),
		T(inquiry_merge),
		T(inquiry_failing_job_rolls_back_alone),
	};
#undef T

	return cmocka_run_group_tests_name("store_inquiries", tests, NULL, NULL);
}

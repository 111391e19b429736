/*
 * test_store_insurance.c — insurance in the store: coverage (insert, get,
 * not found, the client's coverages primary first then by id, read the same
 * inside a job), benefit checks and authorizations (every field back, newest
 * first, only the client's), references that do not exist refused, and a
 * failing job in a batch rolling back only itself.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_test.h"

struct cov_op {
	struct coverage c;
	int64_t now;
	bool fail;
};

static enum err
j_coverage(struct store_tx *tx, void *arg, struct error *e)
{
	struct cov_op *op = arg;

	op->now = store_tx_now(tx);
	if (store_tx_coverage_insert(tx, &op->c, e) != ERR_OK)
		return e->code;
	return op->fail ? error_set(e, ERR_INVALID, "refused on purpose") : ERR_OK;
}

struct benefit_op {
	struct benefit_row b;
	int64_t now;
};

static enum err
j_benefit(struct store_tx *tx, void *arg, struct error *e)
{
	struct benefit_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_benefit_insert(tx, &op->b, e);
}

struct auth_op {
	struct authorization au;
	int64_t now;
};

static enum err
j_auth(struct store_tx *tx, void *arg, struct error *e)
{
	struct auth_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_authorization_insert(tx, &op->au, e);
}

struct cov_read {
	int64_t id, client_id;
	struct arena *a;
	struct coverage got, *items;
	size_t n;
	enum err get_rc;
};

static enum err
j_cov_read(struct store_tx *tx, void *arg, struct error *e)
{
	struct cov_read *r = arg;
	struct error ge;

	error_clear(&ge);
	r->get_rc = store_tx_coverage_get(tx, r->id, r->a, &r->got, &ge);
	return store_tx_coverage_list(tx, r->client_id, r->a, &r->items, &r->n, e);
}

static void
cov_sample(struct cov_op *op, int64_t client_id, const char *rank, const char *payer)
{
	memset(op, 0, sizeof *op);
	op->c.client_id = client_id;
	op->c.rank = rank;
	op->c.payer = payer;
	op->c.plan = "Gold PPO";
	op->c.member_id = "M-1001";
	op->c.group_number = "G-7";
	op->c.subscriber_name = "Robin Example";
	op->c.subscriber_dob = "1990-04-05";
	op->c.relationship = "self";
	op->c.start_date = "2026-01-01";
	op->c.end_date = "";
}

static int64_t
add_coverage(struct store *s, int64_t client_id, const char *rank, const char *payer)
{
	struct cov_op op;

	cov_sample(&op, client_id, rank, payer);
	run_ok(s, j_coverage, &op);
	assert_true(op.c.id > 0);
	return op.c.id;
}

static void
coverage_insert_get_order(void **state)
{
	struct fx *f = *state;
	int64_t c1, c2, sec, p1, p2, other;
	struct coverage *items;
	struct cov_read r;
	struct cov_op op;
	struct error e;
	size_t n;

	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);
	error_clear(&e);
	assert_int_equal(store_coverage_list(f->s, c1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 0);

	sec = add_coverage(f->s, c1, "secondary", "Second Payer");
	other = add_coverage(f->s, c2, "primary", "Kim's Payer");
	cov_sample(&op, c1, "primary", "Acme Health");
	op.c.end_date = "2026-12-31";
	run_ok(f->s, j_coverage, &op);
	p1 = op.c.id;
	assert_int_equal(op.c.created_at, op.now);
	p2 = add_coverage(f->s, c1, "primary", "Another Primary");

	/* Primary first, then by id; only this client's. */
	assert_int_equal(store_coverage_list(f->s, c1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].id, p1);
	assert_int_equal(items[1].id, p2);
	assert_int_equal(items[2].id, sec);
	assert_int_equal(items[0].client_id, c1);
	assert_string_equal(items[0].rank, "primary");
	assert_string_equal(items[0].payer, "Acme Health");
	assert_string_equal(items[0].plan, "Gold PPO");
	assert_string_equal(items[0].member_id, "M-1001");
	assert_string_equal(items[0].group_number, "G-7");
	assert_string_equal(items[0].subscriber_name, "Robin Example");
	assert_string_equal(items[0].subscriber_dob, "1990-04-05");
	assert_string_equal(items[0].relationship, "self");
	assert_string_equal(items[0].start_date, "2026-01-01");
	assert_string_equal(items[0].end_date, "2026-12-31");
	assert_int_equal(items[0].created_at, op.now);
	assert_string_equal(items[2].rank, "secondary");

	/* The same inside a job, and one read by id. */
	r = (struct cov_read){ .id = p1, .client_id = c1, .a = f->a };
	run_ok(f->s, j_cov_read, &r);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.items[0].id, p1);
	assert_int_equal(r.items[1].id, p2);
	assert_int_equal(r.items[2].id, sec);
	assert_int_equal(r.get_rc, ERR_OK);
	assert_int_equal(r.got.id, p1);
	assert_string_equal(r.got.payer, "Acme Health");
	assert_string_equal(r.got.end_date, "2026-12-31");
	r = (struct cov_read){ .id = 9999, .client_id = c2, .a = f->a };
	run_ok(f->s, j_cov_read, &r);
	assert_int_equal(r.get_rc, ERR_NOTFOUND);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.items[0].id, other);

	/* A client that does not exist. */
	cov_sample(&op, 9999, "primary", "Nobody's");
	assert_int_equal(run_job(f->s, j_coverage, &op, &e), ERR_CONFLICT);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM coverage"), 4);
}

static void
benefits_and_authorizations(void **state)
{
	struct fx *f = *state;
	int64_t billing, c1, c2, cov1, cov2;
	struct benefit_op b1, b2, bad;
	struct auth_op a1, a2, abad;
	struct benefit_row *bs;
	struct authorization *as;
	struct error e;
	size_t n;

	billing = add_staff(f->s, "billing", "Bo Billing", 1u << ROLE_BILLING, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);
	cov1 = add_coverage(f->s, c1, "primary", "Acme Health");
	cov2 = add_coverage(f->s, c2, "primary", "Other Health");

	memset(&b1, 0, sizeof b1);
	b1.b = (struct benefit_row){ .coverage_id = cov1, .client_id = c1, .iop_covered = true,
		.prior_auth_required = true, .deductible_cents = 150000,
		.deductible_met_cents = 50000, .copay_per_day_cents = 2500,
		.coinsurance_bp = 2000, .oop_max_cents = 600000, .oop_met_cents = 75000,
		.rate_per_day_cents = 45000, .est_first_day_cents = 45000,
		.est_week_cents = 120000, .est_stay_cents = 480000, .est_days_stay = 24,
		.reference = "REF-1", .checked_by = billing };
	run_ok(f->s, j_benefit, &b1);
	assert_true(b1.b.id > 0);
	assert_int_equal(b1.b.checked_at, b1.now);
	b2 = b1;
	b2.b.iop_covered = false;
	b2.b.prior_auth_required = false;
	b2.b.reference = "REF-2";
	run_ok(f->s, j_benefit, &b2);
	bad = b1;
	bad.b.coverage_id = cov2;
	bad.b.client_id = c2;
	run_ok(f->s, j_benefit, &bad);	/* the other client's */

	error_clear(&e);
	assert_int_equal(store_benefit_list(f->s, c1, f->a, &bs, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(bs[0].id, b2.b.id);	/* newest first */
	assert_int_equal(bs[1].id, b1.b.id);
	assert_false(bs[0].iop_covered);
	assert_false(bs[0].prior_auth_required);
	assert_string_equal(bs[0].reference, "REF-2");
	assert_int_equal(bs[1].coverage_id, cov1);
	assert_int_equal(bs[1].client_id, c1);
	assert_true(bs[1].iop_covered);
	assert_true(bs[1].prior_auth_required);
	assert_int_equal(bs[1].deductible_cents, 150000);
	assert_int_equal(bs[1].deductible_met_cents, 50000);
	assert_int_equal(bs[1].copay_per_day_cents, 2500);
	assert_int_equal(bs[1].coinsurance_bp, 2000);
	assert_int_equal(bs[1].oop_max_cents, 600000);
	assert_int_equal(bs[1].oop_met_cents, 75000);
	assert_int_equal(bs[1].rate_per_day_cents, 45000);
	assert_int_equal(bs[1].est_first_day_cents, 45000);
	assert_int_equal(bs[1].est_week_cents, 120000);
	assert_int_equal(bs[1].est_stay_cents, 480000);
	assert_int_equal(bs[1].est_days_stay, 24);
	assert_string_equal(bs[1].reference, "REF-1");
	assert_int_equal(bs[1].checked_by, billing);
	assert_string_equal(bs[1].checked_by_name, "billing");
	assert_int_equal(bs[1].checked_at, b1.now);

	/* A coverage or checker that does not exist. */
	bad = b1;
	bad.b.coverage_id = 9999;
	assert_int_equal(run_job(f->s, j_benefit, &bad, &e), ERR_CONFLICT);
	bad = b1;
	bad.b.checked_by = 4242;
	assert_int_equal(run_job(f->s, j_benefit, &bad, &e), ERR_CONFLICT);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM benefit_check"), 3);

	memset(&a1, 0, sizeof a1);
	a1.au = (struct authorization){ .coverage_id = cov1, .client_id = c1, .number = "PA-1",
		.level = "2.1", .days_authorized = 10, .start_date = "2026-03-02",
		.end_date = "2026-03-13", .next_review = "2026-03-12", .created_by = billing };
	run_ok(f->s, j_auth, &a1);
	assert_true(a1.au.id > 0);
	assert_int_equal(a1.au.created_at, a1.now);
	a2 = a1;
	a2.au.number = "PA-2";
	a2.au.next_review = "";
	run_ok(f->s, j_auth, &a2);
	assert_int_equal(store_authorization_list(f->s, c1, f->a, &as, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(as[0].id, a2.au.id);
	assert_int_equal(as[1].id, a1.au.id);
	assert_string_equal(as[0].next_review, "");
	assert_int_equal(as[1].coverage_id, cov1);
	assert_int_equal(as[1].client_id, c1);
	assert_string_equal(as[1].number, "PA-1");
	assert_string_equal(as[1].level, "2.1");
	assert_int_equal(as[1].days_authorized, 10);
	assert_string_equal(as[1].start_date, "2026-03-02");
	assert_string_equal(as[1].end_date, "2026-03-13");
	assert_string_equal(as[1].next_review, "2026-03-12");
	assert_int_equal(as[1].created_by, billing);
	assert_int_equal(as[1].created_at, a1.now);
	assert_int_equal(store_authorization_list(f->s, c2, f->a, &as, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	abad = a1;
	abad.au.coverage_id = 9999;
	assert_int_equal(run_job(f->s, j_auth, &abad, &e), ERR_CONFLICT);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM payer_authorization"), 2);
}

static void
insurance_failing_job_rolls_back_alone(void **state)
{
	struct fx *f = *state;
	struct cov_op op[3];
	struct store_job jobs[3];
	struct coverage *items;
	struct error e;
	int64_t c1;
	size_t n;
	int i;

	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	memset(jobs, 0, sizeof jobs);
	for (i = 0; i < 3; i++) {
		cov_sample(&op[i], c1, i == 2 ? "secondary" : "primary",
		    i == 0 ? "First" : i == 1 ? "Dropped" : "Third");
		jobs[i].run = j_coverage;
		jobs[i].arg = &op[i];
	}
	op[1].fail = true;
	run_batch(f->s, jobs, 3);
	assert_int_equal(jobs[0].result, ERR_OK);
	assert_int_equal(jobs[1].result, ERR_INVALID);
	assert_int_equal(jobs[2].result, ERR_OK);
	error_clear(&e);
	assert_int_equal(store_coverage_list(f->s, c1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].payer, "First");
	assert_string_equal(items[1].payer, "Third");
	assert_int_equal(items[1].id, op[2].c.id);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(coverage_insert_get_order),
		T(benefits_and_authorizations),
		T(insurance_failing_job_rolls_back_alone),
	};
#undef T

	return cmocka_run_group_tests_name("store_insurance", tests, NULL, NULL);
}

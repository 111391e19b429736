/*
 * test_store_screenings.c — screenings in the store: insert fills the id
 * and the batch time, the list under a client (newest first, who gave it,
 * paging with true totals, other clients' screenings left out), references
 * that do not exist refused, and a failing job in a batch rolling back only
 * itself.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_test.h"

struct screening_op {
	struct screening_row r;
	int64_t now;
	bool fail;
};

static enum err
j_insert(struct store_tx *tx, void *arg, struct error *e)
{
	struct screening_op *op = arg;

	op->now = store_tx_now(tx);
	if (store_tx_screening_insert(tx, &op->r, e) != ERR_OK)
		return e->code;
	if (op->fail)
		return error_set(e, ERR_INVALID, "refused on purpose");
	return ERR_OK;
}

static void
sample(struct screening_op *op, int64_t client_id, const char *code, const char *band,
    int64_t by)
{
	memset(op, 0, sizeof *op);
	op->r.client_id = client_id;
	op->r.code = code;
	op->r.version = "1";
	op->r.answers = "{\"q1\":1,\"q2\":0}";
	op->r.scores = "{\"total\":1}";
	op->r.band = band;
	op->r.flags = "[]";
	op->r.administered_by = by;
}

static int64_t
add_screening(struct store *s, int64_t client_id, const char *code, const char *band,
    int64_t by)
{
	struct screening_op op;

	sample(&op, client_id, code, band, by);
	run_ok(s, j_insert, &op);
	assert_true(op.r.id > 0);
	return op.r.id;
}

static void
screening_insert_and_list(void **state)
{
	struct fx *f = *state;
	struct screening_op op;
	struct screening_row *items;
	int64_t nurse, c1, c2, s2, s3, total;
	struct error e;
	size_t n;

	nurse = add_staff(f->s, "nurse1", "Nia Nurse", 1u << ROLE_NURSE, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);

	/* None yet. */
	error_clear(&e);
	assert_int_equal(store_screening_list(f->s, c1, (struct page){ 10, 0 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);

	sample(&op, c1, "phq9", "moderate", nurse);
	op.r.flags = "[\"suicide_risk\"]";
	run_ok(f->s, j_insert, &op);
	assert_true(op.r.id > 0);
	assert_int_equal(op.r.administered_at, op.now);
	s2 = add_screening(f->s, c2, "gad7", "mild", nurse);
	s3 = add_screening(f->s, c1, "audit_c", "low", nurse);
	(void)s2;

	/* Newest first, only this client's, every field back. */
	assert_int_equal(store_screening_list(f->s, c1, (struct page){ 10, 0 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(items[0].id, s3);
	assert_int_equal(items[1].id, op.r.id);
	assert_int_equal(items[1].client_id, c1);
	assert_string_equal(items[1].code, "phq9");
	assert_string_equal(items[1].version, "1");
	assert_string_equal(items[1].answers, "{\"q1\":1,\"q2\":0}");
	assert_string_equal(items[1].scores, "{\"total\":1}");
	assert_string_equal(items[1].band, "moderate");
	assert_string_equal(items[1].flags, "[\"suicide_risk\"]");
	assert_int_equal(items[1].administered_by, nurse);
	assert_string_equal(items[1].administered_by_name, "nurse1");
	assert_int_equal(items[1].administered_at, op.now);

	/* Paging: the total counts them all, past the end too. */
	assert_int_equal(store_screening_list(f->s, c1, (struct page){ 1, 1 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 2);
	assert_int_equal(items[0].id, op.r.id);
	assert_int_equal(store_screening_list(f->s, c1, (struct page){ 5, 10 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 2);

	/* A client that does not exist has none. */
	assert_int_equal(store_screening_list(f->s, 9999, (struct page){ 5, 0 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
}

static void
screening_bad_references(void **state)
{
	struct fx *f = *state;
	struct screening_op op;
	int64_t nurse, c1;
	struct error e;

	nurse = add_staff(f->s, "nurse1", "Nia Nurse", 1u << ROLE_NURSE, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);

	sample(&op, 9999, "phq9", "none", nurse);
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_insert, &op, &e), ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	sample(&op, c1, "phq9", "none", 4242);
	assert_int_equal(run_job(f->s, j_insert, &op, &e), ERR_CONFLICT);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM screening"), 0);
}

static void
screening_failing_job_rolls_back_alone(void **state)
{
	struct fx *f = *state;
	struct screening_op op[3];
	struct store_job jobs[3];
	struct screening_row *items;
	int64_t nurse, c1, total;
	struct error e;
	size_t n;
	int i;

	nurse = add_staff(f->s, "nurse1", "Nia Nurse", 1u << ROLE_NURSE, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	memset(jobs, 0, sizeof jobs);
	for (i = 0; i < 3; i++) {
		sample(&op[i], c1, i == 0 ? "phq9" : i == 1 ? "gad7" : "audit_c", "low", nurse);
		jobs[i].run = j_insert;
		jobs[i].arg = &op[i];
	}
	op[1].fail = true;
	run_batch(f->s, jobs, 3);
	assert_int_equal(jobs[0].result, ERR_OK);
	assert_int_equal(jobs[1].result, ERR_INVALID);
	assert_int_equal(jobs[2].result, ERR_OK);
	/* One batch, one clock. */
	assert_int_equal(op[0].now, op[2].now);

	error_clear(&e);
	assert_int_equal(store_screening_list(f->s, c1, (struct page){ 10, 0 }, f->a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(items[0].id, op[2].r.id);
	assert_string_equal(items[0].code, "audit_c");
	assert_int_equal(items[1].id, op[0].r.id);
	assert_string_equal(items[1].code, "phq9");
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM screening WHERE code = 'gad7'"),
	    0);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(screening_insert_and_list),
		T(screening_bad_references),
		T(screening_failing_job_rolls_back_alone),
	};
#undef T

	return cmocka_run_group_tests_name("store_screenings", tests, NULL, NULL);
}

/*
 * test_store_placement.c — placement in the store: assessment rows (insert
 * fills id and time, the list under a client newest first with who assessed
 * and the table version used, bad references refused) and the placement
 * table's saved versions (none at first: not found and version 0; the
 * newest version in force; a version saved twice is a conflict), and a
 * failing job in a batch rolling back only itself.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_test.h"

struct placement_op {
	struct placement_row p;
	int64_t now;
	bool fail;
};

static enum err
j_insert(struct store_tx *tx, void *arg, struct error *e)
{
	struct placement_op *op = arg;

	op->now = store_tx_now(tx);
	if (store_tx_placement_insert(tx, &op->p, e) != ERR_OK)
		return e->code;
	return op->fail ? error_set(e, ERR_INVALID, "refused on purpose") : ERR_OK;
}

struct table_op {
	struct placement_table_row t;
	int64_t version_before, version_after, now;
	bool fail;
};

/* Reads the version, saves t (version 0: the next one), reads it again. */
static enum err
j_table(struct store_tx *tx, void *arg, struct error *e)
{
	struct table_op *op = arg;

	op->now = store_tx_now(tx);
	if (store_tx_placement_table_version(tx, &op->version_before, e) != ERR_OK)
		return e->code;
	if (op->t.version == 0)
		op->t.version = op->version_before + 1;
	if (store_tx_placement_table_insert(tx, &op->t, e) != ERR_OK)
		return e->code;
	if (store_tx_placement_table_version(tx, &op->version_after, e) != ERR_OK)
		return e->code;
	return op->fail ? error_set(e, ERR_INVALID, "refused on purpose") : ERR_OK;
}

static enum err
j_version(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_placement_table_version(tx, arg, e);
}

static void
sample(struct placement_op *op, int64_t client_id, int64_t by, const char *chosen)
{
	memset(op, 0, sizeof *op);
	op->p.client_id = client_id;
	op->p.edition = "fourth";
	op->p.ratings = "{\"d1\":0,\"d2\":1,\"d3\":2,\"d4\":1,\"d5\":2,\"d6\":1}";
	op->p.notes = "{\"d3\":\"low mood\"}";
	op->p.flags = "[]";
	op->p.recommended = "2.1";
	op->p.reasons = "[\"dimension 3 rated 2\"]";
	op->p.chosen = chosen;
	op->p.override_reason = strcmp(chosen, "2.1") == 0 ? "" : "Family preference";
	op->p.assessed_by = by;
}

static void
table_sample(struct table_op *op, int64_t version, int64_t by, const char *body)
{
	memset(op, 0, sizeof *op);
	op->t.version = version;
	op->t.edition = "fourth";
	op->t.body = body;
	op->t.saved_by = by;
}

static void
placement_rows(void **state)
{
	struct fx *f = *state;
	struct placement_op op, op2, bad;
	struct placement_row *items;
	struct page all = { 200, 0 };
	int64_t doc, c1, c2, total;
	struct error e;
	size_t n;

	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);
	error_clear(&e);
	assert_int_equal(store_placement_list(f->s, c1, all, f->a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);

	sample(&op, c1, doc, "2.1");
	run_ok(f->s, j_insert, &op);
	assert_true(op.p.id > 0);
	assert_int_equal(op.p.assessed_at, op.now);
	sample(&op2, c2, doc, "1");
	run_ok(f->s, j_insert, &op2);
	sample(&op2, c1, doc, "2.5");
	op2.p.table_version = 3;
	run_ok(f->s, j_insert, &op2);

	assert_int_equal(store_placement_list(f->s, c1, all, f->a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(items[0].id, op2.p.id);
	assert_int_equal(items[1].id, op.p.id);
	assert_string_equal(items[0].chosen, "2.5");
	assert_string_equal(items[0].override_reason, "Family preference");
	assert_int_equal(items[0].table_version, 3);
	/* Every field of the first. */
	assert_int_equal(items[1].client_id, c1);
	assert_string_equal(items[1].edition, "fourth");
	assert_string_equal(items[1].ratings, op.p.ratings);
	assert_string_equal(items[1].notes, "{\"d3\":\"low mood\"}");
	assert_string_equal(items[1].flags, "[]");
	assert_string_equal(items[1].recommended, "2.1");
	assert_string_equal(items[1].reasons, "[\"dimension 3 rated 2\"]");
	assert_string_equal(items[1].chosen, "2.1");
	assert_string_equal(items[1].override_reason, "");
	assert_int_equal(items[1].assessed_by, doc);
	assert_string_equal(items[1].assessed_by_name, "doc");
	assert_int_equal(items[1].assessed_at, op.now);
	assert_int_equal(items[1].table_version, 0);	/* the built-in default */

	assert_int_equal(store_placement_list(f->s, 9999, all, f->a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);

	/* References that do not exist. */
	sample(&bad, 9999, doc, "2.1");
	assert_int_equal(run_job(f->s, j_insert, &bad, &e), ERR_CONFLICT);
	sample(&bad, c1, 4242, "2.1");
	assert_int_equal(run_job(f->s, j_insert, &bad, &e), ERR_CONFLICT);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM placement"), 3);
}

/* A client's assessments are read a page at a time with the true total:
 * no cap (the list once stopped at 100 rows). */
static void
placement_pages(void **state)
{
	struct fx *f = *state;
	struct placement_op op;
	struct placement_row *items;
	struct page pg = { 50, 100 };
	int64_t doc, c1, total, first = 0, last = 0;
	struct error e;
	size_t n;
	int i;

	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	for (i = 0; i < 105; i++) {
		sample(&op, c1, doc, "2.1");
		run_ok(f->s, j_insert, &op);
		if (i == 0)
			first = op.p.id;
		if (i == 4)
			last = op.p.id;
	}
	error_clear(&e);
	/* Newest first: rows 100..104 are the five oldest. */
	assert_int_equal(store_placement_list(f->s, c1, pg, f->a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(total, 105);
	assert_int_equal(n, 5);
	assert_int_equal(items[0].id, last);
	assert_int_equal(items[4].id, first);
	/* Past the end: no rows, still the true total. */
	pg.offset = 200;
	assert_int_equal(store_placement_list(f->s, c1, pg, f->a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 105);
	/* The first page of two. */
	pg.limit = 2;
	pg.offset = 0;
	assert_int_equal(store_placement_list(f->s, c1, pg, f->a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 105);
	assert_true(items[0].id > items[1].id);
}

static void
placement_table_versions(void **state)
{
	struct fx *f = *state;
	struct placement_table_row cur;
	struct table_op op;
	int64_t admin, version = -1;
	struct error e;

	admin = add_staff(f->s, "admin", "Ada Admin", 1u << ROLE_ADMIN, true, 0);

	/* None saved: the default holds. */
	error_clear(&e);
	assert_int_equal(store_placement_table_current(f->s, f->a, &cur, &e), ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);
	run_ok(f->s, j_version, &version);
	assert_int_equal(version, 0);

	table_sample(&op, 0, admin, "{\"min_level\":{},\"remarks\":{},\"flags\":[]}");
	run_ok(f->s, j_table, &op);
	assert_int_equal(op.version_before, 0);
	assert_int_equal(op.t.version, 1);
	assert_int_equal(op.version_after, 1);
	assert_int_equal(op.t.saved_at, op.now);
	error_clear(&e);
	assert_int_equal(store_placement_table_current(f->s, f->a, &cur, &e), ERR_OK);
	assert_int_equal(cur.version, 1);
	assert_string_equal(cur.edition, "fourth");
	assert_string_equal(cur.body, "{\"min_level\":{},\"remarks\":{},\"flags\":[]}");
	assert_int_equal(cur.saved_by, admin);
	assert_string_equal(cur.saved_by_name, "admin");
	assert_int_equal(cur.saved_at, op.now);

	table_sample(&op, 0, admin, "{\"v\":2}");
	run_ok(f->s, j_table, &op);
	assert_int_equal(op.version_before, 1);
	assert_int_equal(op.version_after, 2);
	assert_int_equal(store_placement_table_current(f->s, f->a, &cur, &e), ERR_OK);
	assert_int_equal(cur.version, 2);
	assert_string_equal(cur.body, "{\"v\":2}");

	/* The same version twice: a conflict; the one in force stays. */
	table_sample(&op, 2, admin, "{\"v\":\"again\"}");
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_table, &op, &e), ERR_CONFLICT);
	assert_int_equal(store_placement_table_current(f->s, f->a, &cur, &e), ERR_OK);
	assert_int_equal(cur.version, 2);
	assert_string_equal(cur.body, "{\"v\":2}");
	/* Saved by someone who does not exist. */
	table_sample(&op, 0, 4242, "{}");
	assert_int_equal(run_job(f->s, j_table, &op, &e), ERR_CONFLICT);
	run_ok(f->s, j_version, &version);
	assert_int_equal(version, 2);
}

static void
placement_failing_job_rolls_back_alone(void **state)
{
	struct fx *f = *state;
	struct placement_table_row cur;
	struct table_op t[3];
	struct placement_op p;
	struct store_job jobs[4];
	struct placement_row *items;
	struct page all = { 200, 0 };
	int64_t admin, c1, total;
	struct error e;
	size_t n;
	int i;

	admin = add_staff(f->s, "admin", "Ada Admin", 1u << ROLE_ADMIN, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	memset(jobs, 0, sizeof jobs);
	for (i = 0; i < 3; i++) {
		table_sample(&t[i], 0, admin, i == 0 ? "{\"n\":1}" : i == 1 ? "{\"n\":\"x\"}" :
		    "{\"n\":2}");
		jobs[i].run = j_table;
		jobs[i].arg = &t[i];
	}
	t[1].fail = true;	/* saves version 2, then fails */
	sample(&p, c1, admin, "2.1");
	p.fail = true;
	jobs[3].run = j_insert;
	jobs[3].arg = &p;
	run_batch(f->s, jobs, 4);
	assert_int_equal(jobs[0].result, ERR_OK);
	assert_int_equal(jobs[1].result, ERR_INVALID);
	assert_int_equal(jobs[2].result, ERR_OK);
	assert_int_equal(jobs[3].result, ERR_INVALID);
	/* The third job saw the failed one's version undone. */
	assert_int_equal(t[1].version_after, 2);
	assert_int_equal(t[2].version_before, 1);
	assert_int_equal(t[2].t.version, 2);

	error_clear(&e);
	assert_int_equal(store_placement_table_current(f->s, f->a, &cur, &e), ERR_OK);
	assert_int_equal(cur.version, 2);
	assert_string_equal(cur.body, "{\"n\":2}");
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM placement_table"), 2);
	assert_int_equal(store_placement_list(f->s, c1, all, f->a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(placement_rows),
		T(placement_pages),
		T(placement_table_versions),
		T(placement_failing_job_rolls_back_alone),
	};
#undef T

	return cmocka_run_group_tests_name("store_placement", tests, NULL, NULL);
}

/*
 * test_ops_placement.c — placements and placement table versions written
 * (src/ops/placement.c) against a real store: each against the table
 * version its writer saw; nothing written when the table moved since.
 */
#include "adm_fixture.h"

#include "ops/placement.h"

static enum err
save_table(struct fx *f, int64_t staff, int64_t expect, struct placement_table_row *out,
    struct op_result *res, struct error *e)
{
	struct actor who = actor_of(staff, 1u << ROLE_DIRECTOR);
	struct placement_table_save_in in = { .expect = expect, .out = out };

	in.row.edition = "test";
	in.row.body = "{}";
	return run_op(f->s, op_placement_table_save_run, &in, &who, res, e);
}

static void
table_versions_in_order(void **state)
{
	struct fx *f = *state;
	int64_t st = staff_at(f->s, "dir", 1u << ROLE_DIRECTOR, 0);
	struct placement_table_row t;
	struct op_result res;
	struct error e;

	assert_int_equal(save_table(f, st, 0, &t, &res, &e), ERR_OK);
	assert_int_equal(t.version, 1);
	assert_int_equal(res.id, 1);
	/* Someone else saved version 1 meanwhile. */
	assert_int_equal(save_table(f, st, 0, &t, &res, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "now version 1"));
	assert_int_equal(count_rows(f, "placement_table"), 1);
	assert_int_equal(save_table(f, st, 1, &t, &res, &e), ERR_OK);
	assert_int_equal(t.version, 2);
}

static enum err
record(struct fx *f, int64_t staff, int64_t client, int64_t seen, struct placement_row *out,
    struct op_result *res, struct error *e)
{
	struct actor who = actor_of(staff, 1u << ROLE_CLINICIAN);
	struct placement_record_in in;

	memset(&in, 0, sizeof in);
	in.row.client_id = client;
	in.row.edition = "test";
	in.row.table_version = seen;
	in.row.ratings = "{}";
	in.row.notes = "{}";
	in.row.flags = "[]";
	in.row.reasons = "[]";
	in.row.recommended = "2.1";
	in.row.chosen = "2.1";
	in.row.override_reason = "";
	in.out = out;
	return run_op(f->s, op_placement_record_run, &in, &who, res, e);
}

static void
recorded_against_the_table_seen(void **state)
{
	struct fx *f = *state;
	int64_t client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	int64_t st = staff_at(f->s, "clin", (1u << ROLE_CLINICIAN) | (1u << ROLE_DIRECTOR), 0);
	struct placement_table_row t;
	struct placement_row p;
	struct op_result res;
	struct error e;

	assert_int_equal(record(f, st, client, 0, &p, &res, &e), ERR_OK);
	assert_true(res.id > 0);
	assert_int_equal(res.clients[0], client);
	assert_int_equal(save_table(f, st, 0, &t, &res, &e), ERR_OK);
	assert_int_equal(record(f, st, client, 0, &p, &res, &e), ERR_CONFLICT);
	assert_int_equal(record(f, st, 999, 1, &p, &res, &e), ERR_NOTFOUND);
	assert_int_equal(count_rows(f, "placement"), 1);
	assert_int_equal(record(f, st, client, 1, &p, &res, &e), ERR_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(table_versions_in_order, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(recorded_against_the_table_seen, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

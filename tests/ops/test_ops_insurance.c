/*
 * test_ops_insurance.c — coverages, benefit checks and authorisations
 * written (src/ops/insurance.c) against a real store: valid ones under a
 * record that exists, naming its client; nothing written otherwise.
 */
#include "adm_fixture.h"

#include "ops/insurance.h"

static struct coverage
coverage_sample(int64_t client)
{
	struct coverage c = { .client_id = client, .rank = "primary", .payer = "Fictional Health",
		.plan = "", .member_id = "M123", .group_number = "", .subscriber_name = "",
		.subscriber_dob = "", .relationship = "self", .start_date = "2026-01-01",
		.end_date = "" };

	return c;
}

static enum err
create_coverage(struct fx *f, const struct coverage *c, struct coverage *out,
    struct op_result *res, struct error *e)
{
	struct actor who = actor_of(1, 1u << ROLE_BILLING);
	struct coverage_create_in in = { .c = *c, .out = out };

	return run_op(f->s, op_coverage_create_run, &in, &who, res, e);
}

static void
coverage_valid_or_nothing(void **state)
{
	struct fx *f = *state;
	int64_t client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	struct coverage c = coverage_sample(client), out;
	struct op_result res;
	struct error e;

	assert_int_equal(create_coverage(f, &c, &out, &res, &e), ERR_OK);
	assert_true(res.id > 0);
	assert_int_equal(res.clients[0], client);
	c.rank = "tertiary";
	c.end_date = "2025-01-01";
	assert_int_equal(create_coverage(f, &c, &out, &res, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "rank"));
	assert_non_null(field_msg(&e, "end_date"));
	c = coverage_sample(999);
	assert_int_equal(create_coverage(f, &c, &out, &res, &e), ERR_NOTFOUND);
	assert_int_equal(count_rows(f, "coverage"), 1);
}

static void
checks_and_authorisations_under_a_coverage(void **state)
{
	struct fx *f = *state;
	int64_t client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	int64_t staff = staff_at(f->s, "billing", 1u << ROLE_BILLING, 0);
	struct actor who = actor_of(staff, 1u << ROLE_BILLING);
	struct coverage c = coverage_sample(client), cov;
	struct benefit_create_in bin;
	struct authorization_create_in ain;
	struct benefit_row b;
	struct authorization au;
	struct op_result res;
	struct error e;

	assert_int_equal(create_coverage(f, &c, &cov, &res, &e), ERR_OK);
	memset(&bin, 0, sizeof bin);
	bin.b.coverage_id = cov.id;
	bin.b.iop_covered = true;
	bin.b.reference = "";
	bin.out = &b;
	assert_int_equal(run_op(f->s, op_benefit_create_run, &bin, &who, &res, &e), ERR_OK);
	assert_int_equal(b.client_id, client);
	assert_int_equal(b.checked_by, staff);
	assert_int_equal(res.clients[0], client);
	memset(&ain, 0, sizeof ain);
	ain.au.coverage_id = cov.id;
	ain.au.number = "A-1";
	ain.au.level = "2.1";
	ain.au.days_authorized = 10;
	ain.au.start_date = "2026-01-01";
	ain.au.end_date = "2026-02-01";
	ain.au.next_review = "";
	ain.out = &au;
	assert_int_equal(run_op(f->s, op_authorization_create_run, &ain, &who, &res, &e),
	    ERR_OK);
	assert_int_equal(au.client_id, client);
	assert_int_equal(res.clients[0], client);
	/* Under no coverage: nothing. */
	bin.b.coverage_id = 999;
	assert_int_equal(run_op(f->s, op_benefit_create_run, &bin, &who, &res, &e),
	    ERR_NOTFOUND);
	ain.au.coverage_id = 999;
	assert_int_equal(run_op(f->s, op_authorization_create_run, &ain, &who, &res, &e),
	    ERR_NOTFOUND);
	assert_int_equal(count_rows(f, "benefit_check"), 1);
	assert_int_equal(count_rows(f, "payer_authorization"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(coverage_valid_or_nothing, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(checks_and_authorisations_under_a_coverage,
		    adm_setup, adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

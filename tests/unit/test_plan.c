/*
 * test_plan.c — treatment plans' pure rules: the content's checks (limits,
 * nested field names, keys given twice, complete enough to sign), the
 * lifecycle (a signed version is refused any edit; the client signs after
 * the clinician; a revision only from the latest signed version) and the
 * review's due date and overdue state.
 */
#include "unit.h"

#include "core/plan.h"

static struct date
day(const char *s)
{
	struct date d;

	assert_true(date_parse(s, &d));
	return d;
}

/* One problem, one goal, one objective and one intervention, all good. */
struct one {
	struct plan_objective o;
	struct plan_intervention iv;
	struct plan_goal g;
	struct plan_problem p;
};

static void
one_make(struct one *x)
{
	x->o = (struct plan_objective){ 0, "Name three triggers.", day("2026-12-31"), "open" };
	x->iv = (struct plan_intervention){ "relapse_prevention", "3 groups a week", 7, NULL };
	x->g = (struct plan_goal){ "I want to stay sober.", &x->o, 1, &x->iv, 1 };
	x->p = (struct plan_problem){ 5, "Relapsed after each treatment.", &x->g, 1 };
}

static void
content_good_and_complete(void **state)
{
	struct one x;
	struct error e;

	(void)state;
	one_make(&x);
	error_clear(&e);
	assert_int_equal(plan_content_check(&x.p, 1, true, day("2026-12-01"), &e), ERR_OK);
	/* An empty draft is fine; it cannot be signed. */
	error_clear(&e);
	assert_int_equal(plan_content_check(NULL, 0, false, day("2026-12-01"), &e), ERR_OK);
	assert_int_equal(plan_content_check(NULL, 0, true, day("2026-12-01"), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "problems"));
}

static void
content_faults_name_the_nested_field(void **state)
{
	struct one x;
	struct error e;

	(void)state;
	one_make(&x);
	x.p.dimension = 7;
	x.o.target = day("2030-01-01");
	x.o.status = "done";
	x.iv.code = "astrology";
	x.iv.staff_id = 0;
	error_clear(&e);
	assert_int_equal(plan_content_check(&x.p, 1, false, day("2026-12-01"), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "problems[0].dimension"));
	assert_non_null(field_msg(&e, "problems[0].goals[0].objectives[0].target_date"));
	assert_non_null(field_msg(&e, "problems[0].goals[0].objectives[0].status"));
	assert_non_null(field_msg(&e, "problems[0].goals[0].interventions[0].code"));
	assert_non_null(field_msg(&e, "problems[0].goals[0].interventions[0].staff_id"));
	assert_null(field_msg(&e, "problems[0].statement"));
}

static void
a_key_given_twice_is_refused(void **state)
{
	struct one x;
	struct plan_objective two[2];
	struct error e;

	(void)state;
	one_make(&x);
	two[0] = x.o;
	two[1] = x.o;
	two[0].key = two[1].key = 42;
	x.g.objectives = two;
	x.g.nobjectives = 2;
	error_clear(&e);
	assert_int_equal(plan_content_check(&x.p, 1, false, day("2026-12-01"), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "problems[0].goals[0].objectives[0].key"));
	two[1].key = 0;	/* a new one */
	error_clear(&e);
	assert_int_equal(plan_content_check(&x.p, 1, false, day("2026-12-01"), &e), ERR_OK);
}

static void
signing_wants_every_goal_measurable(void **state)
{
	struct one x;
	struct plan p = { .status = "draft", .version = 1, .latest_version = 1 };
	struct error e;

	(void)state;
	one_make(&x);
	x.g.ninterventions = 0;
	p.problems = &x.p;
	p.nproblems = 1;
	error_clear(&e);
	assert_int_equal(plan_check_sign(&p, 30, day("2026-12-01"), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "problems[0].goals[0].interventions"));
	x.g.ninterventions = 1;
	error_clear(&e);
	assert_int_equal(plan_check_sign(&p, 0, day("2026-12-01"), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "review_days"));
	error_clear(&e);
	assert_int_equal(plan_check_sign(&p, 30, day("2026-12-01"), &e), ERR_OK);
}

static void
a_signed_version_is_never_edited(void **state)
{
	struct plan p = { .status = "clinician_signed", .version = 1, .latest_version = 1 };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(plan_check_draft(&p, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "revise it to draft version 2"));
	error_clear(&e);
	assert_int_equal(plan_check_sign(&p, 30, day("2026-12-01"), &e), ERR_CONFLICT);
	p.status = "locked";
	error_clear(&e);
	assert_int_equal(plan_check_draft(&p, &e), ERR_CONFLICT);
	error_clear(&e);
	assert_int_equal(plan_check_client_sign(&p, "A Client", true, &e), ERR_CONFLICT);
}

static void
the_client_signs_after_the_clinician(void **state)
{
	struct plan p = { .status = "draft", .version = 1, .latest_version = 1 };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(plan_check_client_sign(&p, "A Client", true, &e), ERR_CONFLICT);
	p.status = "clinician_signed";
	error_clear(&e);
	assert_int_equal(plan_check_client_sign(&p, "", false, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "name"));
	assert_non_null(field_msg(&e, "agree"));
	error_clear(&e);
	assert_int_equal(plan_check_client_sign(&p, "A Client", true, &e), ERR_OK);
}

static void
revise_only_the_latest_signed(void **state)
{
	struct plan p = { .status = "draft", .version = 1, .latest_version = 1 };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(plan_check_revise(&p, &e), ERR_CONFLICT);
	p.status = "locked";
	error_clear(&e);
	assert_int_equal(plan_check_revise(&p, &e), ERR_OK);
	p.latest_version = 2;
	error_clear(&e);
	assert_int_equal(plan_check_revise(&p, &e), ERR_CONFLICT);
}

static void
review_falls_due_and_goes_overdue(void **state)
{
	struct plan p = { .status = "locked", .version = 1, .latest_version = 1 };
	int64_t signed_at = 1796000000;

	(void)state;
	p.review_due_at = plan_review_due(signed_at, 30);
	assert_int_equal(p.review_due_at, signed_at + 30 * 86400);
	assert_false(plan_review_overdue(&p, p.review_due_at));
	assert_true(plan_review_overdue(&p, p.review_due_at + 1));
	/* A later signed version replaces it. */
	p.superseded = true;
	assert_false(plan_review_overdue(&p, p.review_due_at + 1));
	/* A draft has no review. */
	p.superseded = false;
	p.status = "draft";
	assert_false(plan_review_overdue(&p, p.review_due_at + 1));
}

static void
vocabularies(void **state)
{
	enum objective_status s;

	(void)state;
	assert_non_null(intervention_find("cbt"));
	assert_non_null(intervention_find("mutual_help_alternative"));
	assert_null(intervention_find("CBT"));
	assert_null(intervention_find(NULL));
	assert_true(objective_status_parse("discontinued", &s));
	assert_int_equal(s, OBJ_DISCONTINUED);
	assert_false(objective_status_parse("closed", &s));
	assert_string_equal(plan_status_name(PLAN_LOCKED), "locked");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(content_good_and_complete),
		cmocka_unit_test(content_faults_name_the_nested_field),
		cmocka_unit_test(a_key_given_twice_is_refused),
		cmocka_unit_test(signing_wants_every_goal_measurable),
		cmocka_unit_test(a_signed_version_is_never_edited),
		cmocka_unit_test(the_client_signs_after_the_clinician),
		cmocka_unit_test(revise_only_the_latest_signed),
		cmocka_unit_test(review_falls_due_and_goes_overdue),
		cmocka_unit_test(vocabularies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

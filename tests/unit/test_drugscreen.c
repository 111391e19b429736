/*
 * test_drugscreen.c — the drug-screen and medication rules: substance sets
 * and results as text and back, the panels, results that must fit their
 * panel, the unexpected-result rule both ways (and never for a substance
 * not tested), which medications are taken on a date (start and stop days
 * included, entered in error never), and what makes a medication entry
 * valid.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/drugscreen.h"
#include "core/medication.h"
#include "lib/arena.h"

#define B(s) ((subset)1u << (s))

static void
subsets_and_results_round_trip(void **state)
{
	struct arena *a = arena_new(4096);
	struct screen_results r;
	const struct panel_def *p = panel_find("cup5");

	(void)state;
	assert_int_equal(subset_parse("methadone,buprenorphine,nonsense"),
	    B(SUB_METHADONE) | B(SUB_BUPRENORPHINE));
	assert_string_equal(subset_text(B(SUB_METHADONE) | B(SUB_BUPRENORPHINE), a),
	    "buprenorphine,methadone");
	assert_string_equal(subset_text(0, a), "");
	assert_true(screen_results_parse("cocaine=positive,thc=not_tested", &r));
	assert_int_equal(r.r[SUB_COCAINE], RES_POSITIVE);
	assert_int_equal(r.r[SUB_THC], RES_NOT_TESTED);
	assert_int_equal(r.r[SUB_OPIATES], RES_NOT_TESTED);
	assert_false(screen_results_parse("cocaine=maybe", &r));
	assert_false(screen_results_parse("chalk=positive", &r));
	assert_true(screen_results_parse("", &r));
	r.r[SUB_OPIATES] = RES_NEGATIVE;
	assert_non_null(p);
	assert_string_equal(screen_results_text(&r, p, a), "amphetamines=not_tested,"
	    "cocaine=not_tested,opiates=negative,pcp=not_tested,thc=not_tested");
	assert_null(panel_find("cup99"));
	assert_int_equal(panel_find("lab_full")->n, SUB__MAX);
	arena_free(a);
}

static void
results_must_fit_the_panel(void **state)
{
	const struct panel_def *p = panel_find("cup5");
	subset all = B(SUB_AMPHETAMINES) | B(SUB_COCAINE) | B(SUB_OPIATES) | B(SUB_PCP) | B(SUB_THC);
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(screen_results_check(all, p, &e), ERR_OK);
	assert_int_equal(screen_results_check((all & ~B(SUB_THC)) | B(SUB_FENTANYL), p, &e),
	    ERR_INVALID);
	assert_string_equal(field_msg(&e, "results.thc"),
	    "is missing: say positive, negative or not_tested");
	assert_string_equal(field_msg(&e, "results.fentanyl"), "is not on the 5-panel cup");
}

static void
unexpected_both_ways(void **state)
{
	struct screen_results r;
	struct arena *a = arena_new(1024);

	(void)state;
	for (int i = 0; i < SUB__MAX; i++)
		r.r[i] = RES_NOT_TESTED;
	r.r[SUB_BUPRENORPHINE] = RES_NEGATIVE;	/* prescribed, not found */
	r.r[SUB_COCAINE] = RES_POSITIVE;	/* found, not prescribed */
	r.r[SUB_BENZODIAZEPINES] = RES_POSITIVE;	/* found, prescribed */
	r.r[SUB_THC] = RES_NEGATIVE;		/* neither */
	/* Methadone prescribed but not tested: never unexpected. */
	assert_int_equal(screen_unexpected(&r, B(SUB_BUPRENORPHINE) | B(SUB_BENZODIAZEPINES) |
	    B(SUB_METHADONE)), B(SUB_BUPRENORPHINE) | B(SUB_COCAINE));
	assert_int_equal(screen_unexpected(&r, B(SUB_COCAINE) | B(SUB_BENZODIAZEPINES)), 0);
	assert_string_equal(screen_unexpected_words(SUB_COCAINE, RES_POSITIVE, a),
	    "positive for cocaine, which is not prescribed");
	assert_string_equal(screen_unexpected_words(SUB_BUPRENORPHINE, RES_NEGATIVE, a),
	    "negative for buprenorphine, which is prescribed (not taken, or possibly "
	    "diverted)");
	arena_free(a);
}

static struct medication
med(const char *expected, const char *start, const char *stop)
{
	struct medication m;

	memset(&m, 0, sizeof m);
	m.name = "Something";
	m.mat = "";
	m.expected = expected;
	m.dose = "";
	m.prescriber_id = 7;
	m.prescriber_name = "";
	m.start_date = start;
	m.stop_date = stop;
	m.error_reason = "";
	return m;
}

static void
taken_on_a_date(void **state)
{
	struct medication m[3] = {
		med("buprenorphine", "2026-03-01", ""),
		med("benzodiazepines", "2026-01-01", "2026-03-10"),
		med("methadone", "", ""),
	};

	(void)state;
	assert_false(medication_active_on(&m[0], "2026-02-28"));
	assert_true(medication_active_on(&m[0], "2026-03-01"));
	assert_true(medication_active_on(&m[1], "2026-03-10"));
	assert_false(medication_active_on(&m[1], "2026-03-11"));
	assert_true(medication_active_on(&m[2], "2020-01-01"));
	assert_int_equal(medication_expected_on(m, 3, "2026-03-05"),
	    B(SUB_BUPRENORPHINE) | B(SUB_BENZODIAZEPINES) | B(SUB_METHADONE));
	m[2].entered_in_error = true;
	assert_int_equal(medication_expected_on(m, 3, "2026-03-11"), B(SUB_BUPRENORPHINE));
	assert_int_equal(mat_find("buprenorphine")->expected, B(SUB_BUPRENORPHINE));
	assert_int_equal(mat_find("methadone")->expected, B(SUB_METHADONE));
	assert_int_equal(mat_find("naltrexone")->expected, 0);
	assert_null(mat_find(""));
}

static void
a_valid_entry(void **state)
{
	struct medication m = med("benzodiazepines", "2026-03-01", "");
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(medication_check(&m, &e), ERR_OK);
	m.name = " ";
	m.mat = "heroin";
	m.expected = "chalk";
	m.prescriber_id = 0;
	m.stop_date = "2026-02-01";
	assert_int_equal(medication_check(&m, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "name"));
	assert_non_null(field_msg(&e, "mat"));
	assert_non_null(field_msg(&e, "expected"));
	assert_non_null(field_msg(&e, "prescriber_id"));
	assert_string_equal(field_msg(&e, "stop_date"), "must not be before the start date");
	m = med("", "", "");
	m.prescriber_name = "Dr. Both";
	error_clear(&e);
	assert_int_equal(medication_check(&m, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "prescriber_name"));
	m.prescriber_id = 0;
	m.entered_in_error = true;
	error_clear(&e);
	assert_int_equal(medication_check(&m, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "error_reason"));
	m.error_reason = "Wrong client.";
	error_clear(&e);
	assert_int_equal(medication_check(&m, &e), ERR_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subsets_and_results_round_trip),
		cmocka_unit_test(results_must_fit_the_panel),
		cmocka_unit_test(unexpected_both_ways),
		cmocka_unit_test(taken_on_a_date),
		cmocka_unit_test(a_valid_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

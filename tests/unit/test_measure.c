/*
 * test_measure.c — the rules of repeated measures: when an instrument falls
 * due (from the admission day with nothing given; N days after the last
 * administration; an admission screening up to 30 days before the
 * admission counting, an older one not), due then overdue after the grace;
 * off when not repeated; the worsening rule at, below and above the
 * threshold and for an improvement; the settings' bounds named by field;
 * the bands of the tracked scores.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/measure.h"

static void
due_from_admission_or_last(void **state)
{
	struct measure_due d;
	const int64_t adm = 20000;	/* a day number */

	(void)state;
	measure_due(adm, false, 0, 14, adm, &d);
	assert_int_equal(d.state, MEASURE_DUE);
	assert_int_equal(d.due_day, adm);
	assert_int_equal(d.overdue_day, adm + MEASURE_GRACE_DAYS);
	measure_due(adm, false, 0, 14, adm + 3, &d);
	assert_int_equal(d.state, MEASURE_OVERDUE);
	/* The admission screening, 5 days before: due 9 days after admission. */
	measure_due(adm, true, adm - 5, 14, adm, &d);
	assert_true(d.counted_last);
	assert_int_equal(d.state, MEASURE_NOT_DUE);
	assert_int_equal(d.due_day, adm + 9);
	measure_due(adm, true, adm - 5, 14, adm + 8, &d);
	assert_int_equal(d.state, MEASURE_NOT_DUE);
	measure_due(adm, true, adm - 5, 14, adm + 9, &d);
	assert_int_equal(d.state, MEASURE_DUE);
	measure_due(adm, true, adm - 5, 14, adm + 11, &d);
	assert_int_equal(d.state, MEASURE_DUE);
	measure_due(adm, true, adm - 5, 14, adm + 12, &d);
	assert_int_equal(d.state, MEASURE_OVERDUE);
	/* 30 days before counts; 31 days before is another stay's. */
	measure_due(adm, true, adm - 30, 30, adm, &d);
	assert_true(d.counted_last);
	assert_int_equal(d.due_day, adm);
	measure_due(adm, true, adm - 31, 30, adm + 1, &d);
	assert_false(d.counted_last);
	assert_int_equal(d.due_day, adm);
	assert_int_equal(d.state, MEASURE_DUE);
	/* Not repeated. */
	measure_due(adm, false, 0, 0, adm + 100, &d);
	assert_int_equal(d.state, MEASURE_OFF);
	assert_string_equal(measure_state_name(d.state), "off");
	assert_string_equal(measure_state_name(MEASURE_OVERDUE), "overdue");
}

static void
worsening_threshold(void **state)
{
	(void)state;
	assert_true(measure_worsened(4, 9, 5));		/* exactly the threshold */
	assert_true(measure_worsened(4, 20, 5));
	assert_false(measure_worsened(4, 8, 5));	/* smaller */
	assert_false(measure_worsened(9, 10, 5));	/* into a worse band, by 1: noise */
	assert_false(measure_worsened(15, 3, 5));	/* better */
	assert_false(measure_worsened(0, 27, 0));	/* 0: no task */
}

static void
settings_bounds(void **state)
{
	struct measure_setting s = { .code = "phq9", .every_days = 14, .worsen_by = 5 };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(measure_setting_check(&s, &e), ERR_OK);
	s.every_days = 366;
	s.worsen_by = 28;	/* the PHQ-9 goes to 27 */
	assert_int_equal(measure_setting_check(&s, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "phq9.every_days"));
	assert_non_null(field_msg(&e, "phq9.worsen_by"));
	error_clear(&e);
	s.every_days = 0;
	s.worsen_by = 27;
	assert_int_equal(measure_setting_check(&s, &e), ERR_OK);
	s.code = "bam";
	s.worsen_by = 13;	/* use goes to 12 */
	assert_int_equal(measure_setting_check(&s, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "bam.worsen_by"));
	error_clear(&e);
	s.code = "audit";
	assert_int_equal(measure_setting_check(&s, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "audit"));
}

static void
bands_and_registry(void **state)
{
	const struct measure_def *p = measure_find("phq9");

	(void)state;
	assert_int_equal(measure_count(), 3);
	assert_string_equal(measure_at(2)->code, "bam");
	assert_null(measure_at(3));
	assert_null(measure_find("cows"));
	assert_string_equal(measure_band(p, 4), "minimal");
	assert_string_equal(measure_band(p, 10), "moderate");
	assert_string_equal(measure_band(p, 27), "severe");
	assert_string_equal(measure_band(measure_find("gad7"), 15), "severe");
	assert_string_equal(measure_band(measure_find("bam"), 0), "no use");
	assert_int_equal(p->every_default, 14);
	assert_int_equal(p->worsen_default, 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(due_from_admission_or_last),
		cmocka_unit_test(worsening_threshold),
		cmocka_unit_test(settings_bounds),
		cmocka_unit_test(bands_and_registry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

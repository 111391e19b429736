/*
 * test_hours.c — a client's week against their level of care: the weekly
 * minimum, the minutes attended and still possible, closures, late arrival
 * and early leave, the under-18 minimum, level 1, and the flags.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

#include "core/hours.h"

/* The week of Monday 2026-12-07; a track meeting Mon, Wed and Thu 3 h. */
static struct date
D(const char *s)
{
	struct date d;

	assert_true(date_parse(s, &d));
	return d;
}

static struct hours_session
S(const char *date, int minutes)
{
	struct hours_session x;

	memset(&x, 0, sizeof x);
	x.date = D(date);
	x.minutes = minutes;
	return x;
}

static struct hours_session
held(const char *date, int minutes, int attended)
{
	struct hours_session x = S(date, minutes);

	x.started = true;
	x.recorded = true;
	x.attended_minutes = attended;
	return x;
}

static struct hours_session
cancelled(const char *date, int minutes)
{
	struct hours_session x = S(date, minutes);

	x.cancelled = true;
	return x;
}

static void
minimums_by_level(void **state)
{
	(void)state;
	assert_int_equal(hours_required_minutes("2.1", false), 540);
	assert_int_equal(hours_required_minutes("2.1", true), 360);
	assert_int_equal(hours_required_minutes("2.5", false), 1200);
	assert_int_equal(hours_required_minutes("2.5", true), 1200);
	assert_int_equal(hours_required_minutes("1", false), 0);
	assert_int_equal(hours_required_minutes(NULL, false), 0);
}

static void
week_starts_on_monday(void **state)
{
	char b[11];

	(void)state;
	date_format(hours_week_start(D("2026-12-10")), b);
	assert_string_equal(b, "2026-12-07");
	date_format(hours_week_start(D("2026-12-13")), b);
	assert_string_equal(b, "2026-12-07");
	date_format(hours_week_start(D("2026-12-07")), b);
	assert_string_equal(b, "2026-12-07");
	date_format(hours_week_start(D("2027-01-01")), b);
	assert_string_equal(b, "2026-12-28");
}

static void
all_still_possible(void **state)
{
	struct hours_session s[] = { S("2026-12-07", 180), S("2026-12-09", 180),
	    S("2026-12-10", 180), S("2026-12-21", 180) /* another week */ };
	struct hours_week w;
	char b[11];

	(void)state;
	hours_compute(D("2026-12-07"), "2.1", false, s, 4, &w);
	assert_int_equal(w.required_minutes, 540);
	assert_int_equal(w.attended_minutes, 0);
	assert_int_equal(w.attended_days, 0);
	assert_int_equal(w.scheduled_minutes, 540);
	assert_int_equal(w.possible_minutes, 540);
	assert_int_equal(w.flags, 0);
	date_format(w.days[0].date, b);
	assert_string_equal(b, "2026-12-07");
	date_format(w.days[6].date, b);
	assert_string_equal(b, "2026-12-13");
	assert_int_equal(w.days[2].scheduled_minutes, 180);
	assert_int_equal(w.days[1].scheduled_minutes, 0);
}

static void
a_closure_makes_the_week_short(void **state)
{
	struct hours_session s[] = { held("2026-12-07", 180, 180),
	    cancelled("2026-12-09", 180), S("2026-12-10", 180) };
	struct hours_week w;

	(void)state;
	hours_compute(D("2026-12-07"), "2.1", false, s, 3, &w);
	assert_int_equal(w.scheduled_minutes, 360);
	assert_int_equal(w.days[2].scheduled_minutes, 0);
	assert_int_equal(w.attended_minutes, 180);
	assert_int_equal(w.attended_days, 1);
	assert_int_equal(w.possible_minutes, 360);
	assert_int_equal(w.flags, HOURS_BELOW_WEEKLY_MINIMUM | HOURS_BELOW_THREE_DAYS);
}

static void
late_and_early_minutes_count_off(void **state)
{
	/* Monday: 20 minutes late (160); Wednesday: left 30 early (150), a
	 * second group that day still to come. */
	struct hours_session s[] = { held("2026-12-07", 180, 160), held("2026-12-09", 180, 150),
	    S("2026-12-09", 60), S("2026-12-10", 180) };
	struct hours_week w;

	(void)state;
	hours_compute(D("2026-12-07"), "2.1", false, s, 4, &w);
	assert_int_equal(w.attended_minutes, 310);
	assert_int_equal(w.days[0].attended_minutes, 160);
	assert_int_equal(w.days[2].attended_minutes, 150);
	assert_int_equal(w.days[2].scheduled_minutes, 240);
	assert_int_equal(w.attended_days, 2);
	assert_int_equal(w.scheduled_minutes, 600);
	assert_int_equal(w.possible_minutes, 310 + 60 + 180);
	/* Monday is held and short; Wednesday is not over yet. */
	assert_int_equal(w.flags, HOURS_SHORT_DAY);
}

static void
a_wednesday_under_three_hours_once_held(void **state)
{
	struct hours_session s[] = { held("2026-12-07", 180, 180), held("2026-12-09", 180, 150),
	    S("2026-12-10", 180), S("2026-12-11", 180) };
	struct hours_week w;

	(void)state;
	hours_compute(D("2026-12-07"), "2.1", false, s, 4, &w);
	assert_int_equal(w.possible_minutes, 690);
	assert_int_equal(w.flags, HOURS_SHORT_DAY);
}

static void
under_18_needs_six_hours(void **state)
{
	struct hours_session s[] = { held("2026-12-07", 180, 180), S("2026-12-10", 180),
	    S("2026-12-11", 120) };
	struct hours_week adult, young;

	(void)state;
	hours_compute(D("2026-12-07"), "2.1", false, s, 3, &adult);
	hours_compute(D("2026-12-07"), "2.1", true, s, 3, &young);
	assert_int_equal(adult.required_minutes, 540);
	assert_int_equal(young.required_minutes, 360);
	assert_int_equal(adult.possible_minutes, 480);
	assert_int_equal(adult.flags, HOURS_BELOW_WEEKLY_MINIMUM);
	assert_int_equal(young.flags, 0);
}

static void
level_1_has_no_minimum(void **state)
{
	struct hours_session s[] = { held("2026-12-07", 60, 0), held("2026-12-09", 60, 45) };
	struct hours_week w;

	(void)state;
	hours_compute(D("2026-12-07"), "1", false, s, 2, &w);
	assert_int_equal(w.required_minutes, 0);
	assert_int_equal(w.attended_minutes, 45);
	assert_int_equal(w.attended_days, 1);
	assert_int_equal(w.possible_minutes, 45);
	assert_int_equal(w.flags, 0);
}

static void
a_week_already_lost(void **state)
{
	/* Absent Monday, Wednesday's session started with nothing recorded:
	 * only Thursday is left. */
	struct hours_session s[] = { held("2026-12-07", 180, 0), S("2026-12-09", 180),
	    S("2026-12-10", 180) };
	struct hours_week w;

	(void)state;
	s[1].started = true;
	hours_compute(D("2026-12-07"), "2.5", false, s, 3, &w);
	assert_int_equal(w.required_minutes, 1200);
	assert_int_equal(w.attended_minutes, 0);
	assert_int_equal(w.attended_days, 0);
	assert_int_equal(w.scheduled_minutes, 540);
	assert_int_equal(w.possible_minutes, 180);
	assert_int_equal(w.flags, HOURS_BELOW_WEEKLY_MINIMUM | HOURS_BELOW_THREE_DAYS);
}

static void
flag_names(void **state)
{
	(void)state;
	assert_string_equal(hours_flag_name(HOURS_BELOW_WEEKLY_MINIMUM), "below_weekly_minimum");
	assert_string_equal(hours_flag_name(HOURS_BELOW_THREE_DAYS), "below_three_days");
	assert_string_equal(hours_flag_name(HOURS_SHORT_DAY), "short_day");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(minimums_by_level),
		cmocka_unit_test(week_starts_on_monday),
		cmocka_unit_test(all_still_possible),
		cmocka_unit_test(a_closure_makes_the_week_short),
		cmocka_unit_test(late_and_early_minutes_count_off),
		cmocka_unit_test(a_wednesday_under_three_hours_once_held),
		cmocka_unit_test(under_18_needs_six_hours),
		cmocka_unit_test(level_1_has_no_minimum),
		cmocka_unit_test(a_week_already_lost),
		cmocka_unit_test(flag_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_hours.c — a client's week against their level of care: the weekly
 * minimum, the minutes attended and still possible, closures, late arrival
 * and early leave, the under-18 minimum, level 1, and the flags; weeks
 * across both daylight-saving changes (America/New_York, sessions made by
 * the schedule's own wall_to_instants, appointments placed on their local
 * day), appointments by kind, a client turning 18 mid-week.  Enrolment and
 * a transfer mid-week are rules of the roster (SQL): tests/api/hours.test.mjs
 * and hours_list.test.mjs check them on the server.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

#include "core/attendance.h"
#include "core/hours.h"
#include "core/schedule.h"
#include "lib/tz.h"

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
an_appointment_alone_is_not_a_short_day(void **state)
{
	/* Three full group days, and Friday only a 50-minute therapy hour:
	 * Friday is not a program day, so it carries no short_day flag; a
	 * group day attended for 2 h is one. */
	struct hours_session s[] = { held("2026-12-07", 180, 180),
	    held("2026-12-08", 180, 180), held("2026-12-09", 180, 180),
	    held("2026-12-11", 50, 50), held("2026-12-10", 180, 120) };
	struct hours_week w;

	(void)state;
	s[3].appointment = true;
	hours_compute(D("2026-12-07"), "2.1", false, s, 4, &w);
	assert_int_equal(w.attended_minutes, 590);
	assert_false(w.days[4].short_day);
	assert_int_equal(w.flags, 0);
	hours_compute(D("2026-12-07"), "2.1", false, s, 5, &w);
	assert_true(w.days[3].short_day);
	assert_int_equal(w.flags, HOURS_SHORT_DAY);
}

static void
the_admission_week_is_partial(void **state)
{
	/* Admitted on Thursday: two 3-hour groups left in the week, one of
	 * them cut short.  Not held to 9 h or three days; the short day stands.
	 * Admitted on the Monday: a whole week, flagged as any other. */
	struct hours_session s[] = { held("2026-12-10", 180, 120), S("2026-12-11", 180) };
	struct hours_week w;

	(void)state;
	hours_compute(D("2026-12-07"), "2.1", false, s, 2, &w);
	assert_int_equal(w.flags, HOURS_BELOW_WEEKLY_MINIMUM | HOURS_BELOW_THREE_DAYS |
	    HOURS_SHORT_DAY);
	hours_admitted(&w, D("2026-12-10"));
	assert_true(w.admission_week);
	assert_int_equal(w.flags, HOURS_SHORT_DAY);
	hours_compute(D("2026-12-07"), "2.1", false, s, 2, &w);
	hours_admitted(&w, D("2026-12-07"));
	assert_false(w.admission_week);
	assert_int_equal(w.flags, HOURS_BELOW_WEEKLY_MINIMUM | HOURS_BELOW_THREE_DAYS |
	    HOURS_SHORT_DAY);
	hours_admitted(&w, D("2026-11-30"));
	assert_false(w.admission_week);
	hours_admitted(&w, D("2026-12-14"));	/* a later week: not this one */
	assert_false(w.admission_week);
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

/* A session of the track at local wall time start_min on date in z, with
 * its instants, as the schedule makes it. */
static struct hours_session
wall(const struct tz *z, const char *date, int start_min, int minutes, int64_t *starts)
{
	struct hours_session x = S(date, minutes);
	int64_t end;

	wall_to_instants(z, x.date, start_min, minutes, starts, &end);
	assert_int_equal(end - *starts, (int64_t)minutes * 60);
	return x;
}

/* The local minute of the day at instant t in z. */
static int
local_minute(const struct tz *z, int64_t t)
{
	int64_t l = t + tz_offset(z, t);

	return (int)(((l % 86400) + 86400) % 86400 / 60);
}

static struct tz *
new_york(void)
{
	static struct tz z;

	assert_true(tz_load("America/New_York", &z));
	return &z;
}

/*
 * The week of Monday 2027-03-08; clocks go forward at 02:00 on Sunday
 * 2027-03-14.  A track meets at 09:00 Monday, Wednesday, Saturday and
 * Sunday for 3 h: each keeps 09:00 local, so Saturday's and Sunday's
 * starts are 23 h apart.  Now is Sunday 08:30 local: Sunday is still to
 * come.  A family session at 23:30 Sunday local (03:30 UTC Monday) is
 * Sunday's; one at 00:30 Monday local is the next week's.
 */
static void
spring_forward_week(void **state)
{
	const struct tz *z = new_york();
	struct hours_session s[6];
	int64_t at[6], now, end;
	struct hours_week w;

	(void)state;
	s[0] = wall(z, "2027-03-08", 9 * 60, 180, &at[0]);
	s[1] = wall(z, "2027-03-10", 9 * 60, 180, &at[1]);
	s[2] = wall(z, "2027-03-13", 9 * 60, 180, &at[2]);
	s[3] = wall(z, "2027-03-14", 9 * 60, 180, &at[3]);
	for (int i = 0; i < 4; i++)
		assert_int_equal(local_minute(z, at[i]), 9 * 60);
	assert_int_equal(at[3] - at[2], 23 * 3600);
	assert_int_equal(at[1] - at[0], 48 * 3600);
	wall_to_instants(z, D("2027-03-14"), 8 * 60 + 30, 0, &now, &end);
	/* Monday 20 minutes late, Wednesday in full, Saturday left 45 early. */
	s[0].recorded = s[1].recorded = s[2].recorded = true;
	s[0].attended_minutes = attendance_minutes("late", 20, 0, 180);
	s[1].attended_minutes = attendance_minutes("present", 0, 0, 180);
	s[2].attended_minutes = attendance_minutes("left_early", 0, 45, 180);
	for (int i = 0; i < 4; i++)
		s[i].started = at[i] <= now;
	assert_false(s[3].started);
	wall_to_instants(z, D("2027-03-14"), 23 * 60 + 30, 0, &at[4], &end);
	assert_int_equal(at[4] % 86400, 3 * 3600 + 30 * 60);	/* 03:30 UTC, Monday */
	s[4] = hours_appointment(z, now, at[4], 50, false, "", 0);
	wall_to_instants(z, D("2027-03-15"), 30, 0, &at[5], &end);
	s[5] = hours_appointment(z, now, at[5], 50, false, "", 0);
	hours_compute(D("2027-03-08"), "2.1", false, s, 6, &w);
	assert_int_equal(w.days[0].attended_minutes, 160);
	assert_int_equal(w.days[2].attended_minutes, 180);
	assert_int_equal(w.days[5].attended_minutes, 135);
	assert_int_equal(w.days[6].attended_minutes, 0);
	assert_int_equal(w.days[6].scheduled_minutes, 180 + 50);
	assert_int_equal(w.attended_minutes, 475);
	assert_int_equal(w.scheduled_minutes, 4 * 180 + 50);
	assert_int_equal(w.possible_minutes, 475 + 180 + 50);
	assert_int_equal(w.attended_days, 3);
	/* Monday and Saturday were held short. */
	assert_int_equal(w.flags, HOURS_SHORT_DAY);
	assert_true(w.days[0].short_day && w.days[5].short_day);
	assert_false(w.days[2].short_day || w.days[6].short_day);
}

/*
 * The week of Monday 2027-11-01; clocks go back at 02:00 on Sunday
 * 2027-11-07, so 01:30 comes twice.  Sessions at 09:00 Friday and Sunday
 * are 25 h apart; two appointments at 01:30 Sunday (before and after the
 * change) are both Sunday's; one at 23:59 Sunday too.  All held.
 */
static void
fall_back_week(void **state)
{
	const struct tz *z = new_york();
	struct hours_session s[5];
	int64_t at[2], first, end, now;
	struct hours_week w;

	(void)state;
	s[0] = wall(z, "2027-11-05", 9 * 60, 180, &at[0]);
	s[1] = wall(z, "2027-11-07", 9 * 60, 180, &at[1]);
	assert_int_equal(at[1] - at[0], 49 * 3600);
	assert_int_equal(local_minute(z, at[1]), 9 * 60);
	s[0].started = s[1].started = s[0].recorded = s[1].recorded = true;
	s[0].attended_minutes = s[1].attended_minutes = 180;
	wall_to_instants(z, D("2027-11-07"), 90, 0, &first, &end);	/* 01:30 EDT */
	wall_to_instants(z, D("2027-11-08"), 12 * 60, 0, &now, &end);
	s[2] = hours_appointment(z, now, first, 30, false, "attended", 30);
	s[3] = hours_appointment(z, now, first + 3600, 30, false, "attended", 25);	/* 01:30 EST */
	wall_to_instants(z, D("2027-11-07"), 23 * 60 + 59, 0, &first, &end);
	s[4] = hours_appointment(z, now, first, 60, false, "no_show", 0);
	hours_compute(D("2027-11-01"), "2.1", false, s, 5, &w);
	assert_int_equal(w.days[6].attended_minutes, 180 + 30 + 25);
	assert_int_equal(w.days[6].scheduled_minutes, 180 + 30 + 30 + 60);
	assert_int_equal(w.days[4].attended_minutes, 180);
	assert_int_equal(w.attended_minutes, 415);
	assert_int_equal(w.possible_minutes, 415);
	assert_int_equal(w.attended_days, 2);
	assert_int_equal(w.flags, HOURS_BELOW_WEEKLY_MINIMUM | HOURS_BELOW_THREE_DAYS);
}

static void
appointments_by_kind_and_outcome(void **state)
{
	const struct tz *z = new_york();
	struct hours_session a;
	int64_t t, end;

	(void)state;
	assert_true(hours_kind_counts("individual_therapy"));
	assert_true(hours_kind_counts("family_therapy"));
	assert_true(hours_kind_counts("medication_management"));
	assert_false(hours_kind_counts("case_management"));
	assert_false(hours_kind_counts("assessment"));
	assert_false(hours_kind_counts(NULL));
	wall_to_instants(z, D("2027-03-09"), 14 * 60, 0, &t, &end);
	a = hours_appointment(z, t - 1, t, 50, false, "", 0);
	assert_false(a.started);
	assert_false(a.recorded);
	a = hours_appointment(z, t, t, 50, false, "attended", 45);
	assert_true(a.started && a.recorded);
	assert_int_equal(a.attended_minutes, 45);
	a = hours_appointment(z, t, t, 50, false, "late_cancellation", 45);
	assert_true(a.recorded);
	assert_int_equal(a.attended_minutes, 0);
	a = hours_appointment(z, t, t, 50, true, "", 0);
	assert_true(a.cancelled);
	{
		/* A cancelled appointment is neither scheduled nor possible. */
		struct hours_session s[] = { S("2027-03-09", 180), S("2027-03-09", 50) };
		struct hours_week w;

		s[1].cancelled = true;
		hours_compute(D("2027-03-08"), "2.1", false, s, 2, &w);
		assert_int_equal(w.scheduled_minutes, 180);
		assert_int_equal(w.possible_minutes, 180);
	}
}

static void
turning_18_mid_episode(void **state)
{
	(void)state;
	/* 18 on Wednesday 2026-12-09: 17 on that week's Monday. */
	assert_true(hours_under_18(D("2008-12-09"), D("2026-12-07")));
	assert_false(hours_under_18(D("2008-12-09"), D("2026-12-14")));
	/* 18 on the Monday itself: an adult's week. */
	assert_false(hours_under_18(D("2008-12-07"), D("2026-12-07")));
	/* An unknown birth date counts as adult. */
	assert_false(hours_under_18((struct date){ 0, 0, 0 }, D("2026-12-07")));
	assert_int_equal(hours_required_minutes("2.1", hours_under_18(D("2008-12-09"),
	    D("2026-12-07"))), 360);
	assert_int_equal(hours_required_minutes("2.1", hours_under_18(D("2008-12-09"),
	    D("2026-12-14"))), 540);
}

static void
possible_days_counted(void **state)
{
	/* Monday attended, Tuesday absent, Thursday to come. */
	struct hours_session s[] = { held("2026-12-07", 180, 180), held("2026-12-08", 180, 0),
	    S("2026-12-10", 180) };
	struct hours_week w;

	(void)state;
	hours_compute(D("2026-12-07"), "2.1", false, s, 3, &w);
	assert_int_equal(w.possible_days, 2);
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
		cmocka_unit_test(an_appointment_alone_is_not_a_short_day),
		cmocka_unit_test(the_admission_week_is_partial),
		cmocka_unit_test(a_closure_makes_the_week_short),
		cmocka_unit_test(late_and_early_minutes_count_off),
		cmocka_unit_test(a_wednesday_under_three_hours_once_held),
		cmocka_unit_test(under_18_needs_six_hours),
		cmocka_unit_test(level_1_has_no_minimum),
		cmocka_unit_test(a_week_already_lost),
		cmocka_unit_test(spring_forward_week),
		cmocka_unit_test(fall_back_week),
		cmocka_unit_test(appointments_by_kind_and_outcome),
		cmocka_unit_test(turning_18_mid_episode),
		cmocka_unit_test(possible_days_counted),
		cmocka_unit_test(flag_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_duty.c — the duty roster's rules: a shift's times and note, when two
 * shifts overlap, who may go on duty at a site, and what taking a shift off
 * does before, during and after it.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/duty.h"

#define NOW 1790000000

static void
times(void **state)
{
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(duty_times_check(NOW + 60, NOW + 3600, NOW, &e), ERR_OK);
	assert_int_equal(duty_times_check(NOW - 1800, NOW + 3600, NOW, &e), ERR_OK);
	assert_int_equal(duty_times_check(NOW + 3600, NOW + 3600, NOW, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "ends_at"), "must be after the start");
	error_clear(&e);
	assert_int_equal(duty_times_check(NOW, NOW + DUTY_SHIFT_MAX_S + 1, NOW, &e),
	    ERR_INVALID);
	assert_string_equal(field_msg(&e, "ends_at"), "must be at most 7 days after the start");
	error_clear(&e);
	assert_int_equal(duty_times_check(NOW - 3000, NOW - 60, NOW, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "ends_at"), "has already passed");
	error_clear(&e);
	assert_int_equal(duty_times_check(NOW - DUTY_LATE_S - 1, NOW + 60, NOW, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "starts_at"));
}

static void
note(void **state)
{
	struct duty_shift d = { .starts_at = NOW + 60, .ends_at = NOW + 3600, .note = "" };
	char long_note[DUTY_NOTE_MAX + 2];
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(duty_shift_check(&d, NOW, &e), ERR_OK);
	memset(long_note, 'x', sizeof long_note - 1);
	long_note[sizeof long_note - 1] = '\0';
	d.note = long_note;
	assert_int_equal(duty_shift_check(&d, NOW, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "note"));
}

static void
overlap(void **state)
{
	struct duty_shift a = { .starts_at = 100, .ends_at = 200 };
	struct duty_shift b = { .starts_at = 150, .ends_at = 250 };
	struct duty_shift c = { .starts_at = 200, .ends_at = 300 };

	(void)state;
	assert_true(duty_shifts_overlap(&a, &b));
	assert_true(duty_shifts_overlap(&b, &a));
	assert_false(duty_shifts_overlap(&a, &c));	/* back to back */
	assert_true(duty_shifts_overlap(&b, &c));
}

static void
who_may_go_on_duty(void **state)
{
	struct site site = { .id = 2, .name = "North", .active = true };
	struct staff st;
	struct error e;

	(void)state;
	memset(&st, 0, sizeof st);
	st.full_name = "Casey Fictional";
	st.roles = 1u << ROLE_CLINICIAN;
	st.active = true;
	st.site_ids[0] = 2;
	st.nsites = 1;
	error_clear(&e);
	assert_int_equal(duty_add_check(&site, &st, 0, &e), ERR_OK);
	assert_int_equal(duty_add_check(&site, &st, 1, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "Casey Fictional is already on duty"));
	error_clear(&e);
	assert_int_equal(duty_add_check(&site, NULL, 0, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "staff_id"), "is not a staff member");
	error_clear(&e);
	st.site_ids[0] = 3;
	assert_int_equal(duty_add_check(&site, &st, 0, &e), ERR_INVALID);
	assert_non_null(strstr(field_msg(&e, "staff_id"), "does not work at this site"));
	error_clear(&e);
	st.roles = 1u << ROLE_NURSE;
	assert_int_equal(duty_add_check(&site, &st, 0, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "staff_id"), "must be an active clinician");
	error_clear(&e);
	site.active = false;
	assert_int_equal(duty_add_check(&site, &st, 0, &e), ERR_CONFLICT);
}

static void
removal(void **state)
{
	struct duty_shift d = { .starts_at = NOW + 60, .ends_at = NOW + 3600 };

	(void)state;
	assert_int_equal(duty_removal(&d, NOW), DUTY_REMOVE);
	assert_int_equal(duty_removal(&d, NOW + 60), DUTY_END);
	assert_int_equal(duty_removal(&d, NOW + 3599), DUTY_END);
	assert_int_equal(duty_removal(&d, NOW + 3600), DUTY_KEEP);
}

/* America/Chicago around 2026 by hand: CST, CDT from 2026-03-08 08:00Z,
 * CST again from 2026-11-01 07:00Z. */
static void
chicago(struct tz *z)
{
	memset(z, 0, sizeof *z);
	z->off0 = -6 * 3600;
	z->n = 2;
	z->at[0] = 1772956800;
	z->off[0] = -5 * 3600;
	z->at[1] = 1793516400;
	z->off[1] = -6 * 3600;
}

static int64_t
utc(const char *s)
{
	struct date d;
	int min;
	char day[11];

	memcpy(day, s, 10);
	day[10] = '\0';
	assert_true(date_parse(day, &d));
	assert_true(time_parse_hhmm(s + 11, &min));
	return date_days(d) * 86400 + (int64_t)min * 60;
}

static void
wall_times_across_the_clock_changes(void **state)
{
	struct tz z;

	(void)state;
	chicago(&z);
	assert_int_equal(tz_offset(&z, utc("2026-01-05 15:00")), -6 * 3600);
	assert_int_equal(tz_offset(&z, utc("2026-07-01 15:00")), -5 * 3600);
	/* 09:00 local in winter and in summer. */
	assert_int_equal(tz_local_to_utc(&z, utc("2026-01-05 09:00")), utc("2026-01-05 15:00"));
	assert_int_equal(tz_local_to_utc(&z, utc("2026-07-01 09:00")), utc("2026-07-01 14:00"));
	/* 02:30 is skipped on 8 March: 03:30 CDT; 01:30 on 1 November is shown
	 * twice: the first (CDT). */
	assert_int_equal(tz_local_to_utc(&z, utc("2026-03-08 02:30")), utc("2026-03-08 08:30"));
	assert_int_equal(tz_local_to_utc(&z, utc("2026-11-01 01:30")), utc("2026-11-01 06:30"));
}

static void
weekdays_of_dates(void **state)
{
	(void)state;
	assert_int_equal(date_weekday((struct date){ 1970, 1, 1 }), WD_THU);
	assert_int_equal(date_weekday((struct date){ 2026, 12, 7 }), WD_MON);
	assert_int_equal(date_weekday((struct date){ 2026, 12, 6 }), WD_SUN);
	assert_int_equal(date_weekday((struct date){ 1969, 12, 31 }), WD_WED);
}

static struct duty_series
weekdays_9_to_5(void)
{
	struct duty_series s;

	memset(&s, 0, sizeof s);
	s.id = 4;
	s.site_id = 2;
	s.staff_id = 3;
	s.weekdays = (1u << WD_MON) | (1u << WD_TUE) | (1u << WD_WED) | (1u << WD_THU) |
	    (1u << WD_FRI);
	s.start_min = 9 * 60;
	s.end_min = 17 * 60;
	s.from = (struct date){ 2026, 3, 2 };	/* a Monday */
	s.until = (struct date){ 2026, 3, 13 };	/* the Friday after next */
	s.note = "";
	return s;
}

static void
a_series_expands_to_its_weekdays_in_local_time(void **state)
{
	static struct duty_shift out[DUTY_SERIES_MAX];
	struct duty_series s = weekdays_9_to_5();
	struct tz z;
	size_t n;

	(void)state;
	chicago(&z);
	n = duty_series_expand(&s, &z, utc("2026-03-01 00:00"), out);
	assert_int_equal(n, 10);	/* two weeks of weekdays */
	assert_int_equal(out[0].starts_at, utc("2026-03-02 15:00"));	/* 09:00 CST */
	assert_int_equal(out[0].ends_at, utc("2026-03-02 23:00"));
	assert_int_equal(out[4].starts_at, utc("2026-03-06 15:00"));	/* Friday */
	assert_int_equal(out[5].starts_at, utc("2026-03-09 14:00"));	/* Monday: 09:00 CDT */
	assert_int_equal(out[9].ends_at, utc("2026-03-13 22:00"));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(out[i].series_id, 4);
		assert_int_equal(out[i].staff_id, 3);
		assert_int_equal(out[i].site_id, 2);
	}
	/* Read on Wednesday at noon: Monday and Tuesday are over; Wednesday's,
	 * under way for three hours, starts now. */
	n = duty_series_expand(&s, &z, utc("2026-03-04 18:00"), out);
	assert_int_equal(n, 8);
	assert_int_equal(out[0].starts_at, utc("2026-03-04 18:00"));
	assert_int_equal(out[0].ends_at, utc("2026-03-04 23:00"));
	/* Overnight: 22:00 to 06:00 the next morning. */
	s.start_min = 22 * 60;
	s.end_min = 6 * 60;
	s.weekdays = 1u << WD_FRI;
	n = duty_series_expand(&s, &z, utc("2026-03-01 00:00"), out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].starts_at, utc("2026-03-07 04:00"));
	assert_int_equal(out[0].ends_at, utc("2026-03-07 12:00"));
}

static void
a_series_rule_is_checked(void **state)
{
	struct duty_series s = weekdays_9_to_5();
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(duty_series_check(&s, (struct date){ 2026, 3, 1 }, &e), ERR_OK);
	s.weekdays = 0;
	s.end_min = s.start_min;
	s.until = (struct date){ 2026, 2, 1 };
	assert_int_equal(duty_series_check(&s, (struct date){ 2026, 1, 1 }, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "weekdays"));
	assert_non_null(field_msg(&e, "end"));
	assert_string_equal(field_msg(&e, "until"), "must be on or after the first date");
	error_clear(&e);
	s = weekdays_9_to_5();
	s.until = (struct date){ 2027, 3, 13 };
	assert_int_equal(duty_series_check(&s, (struct date){ 2026, 3, 1 }, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "until"), "must be at most a year after the first date");
	error_clear(&e);
	s = weekdays_9_to_5();
	assert_int_equal(duty_series_check(&s, (struct date){ 2026, 3, 14 }, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "until"), "has already passed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(times),
		cmocka_unit_test(note),
		cmocka_unit_test(overlap),
		cmocka_unit_test(who_may_go_on_duty),
		cmocka_unit_test(removal),
		cmocka_unit_test(wall_times_across_the_clock_changes),
		cmocka_unit_test(weekdays_of_dates),
		cmocka_unit_test(a_series_expands_to_its_weekdays_in_local_time),
		cmocka_unit_test(a_series_rule_is_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

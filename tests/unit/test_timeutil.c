/*
 * test_timeutil.c — dates and instants: strict parsing, the leap-year rule,
 * day counts against known values, and instants before the epoch.
 */
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "lib/timeutil.h"
#include "lib/tz.h"

static struct date
D(int y, int m, int d)
{
	struct date x = { y, m, d };
	return x;
}

static void
assert_date(struct date got, int y, int m, int d)
{
	assert_int_equal(got.y, y);
	assert_int_equal(got.m, m);
	assert_int_equal(got.d, d);
}

static void
date_parse_accepts_real_dates(void **state)
{
	struct date d;

	(void)state;
	assert_true(date_parse("2024-02-29", &d));
	assert_date(d, 2024, 2, 29);
	assert_true(date_parse("2000-02-29", &d));	/* divisible by 400 */
	assert_true(date_parse("1000-01-01", &d));
	assert_true(date_parse("9999-12-31", &d));
	assert_true(date_parse("2023-12-31", &d));
	assert_true(date_parse("2023-04-30", &d));
	assert_true(date_parse("1900-01-01", &d));
	assert_date(d, 1900, 1, 1);
}

static void
date_parse_refuses(void **state)
{
	static const char *const bad[] = {
		"2023-02-29",	/* not a leap year */
		"1900-02-29",	/* divisible by 100, not 400 */
		"2024-02-30",
		"2023-04-31",
		"2023-13-01",
		"2023-00-10",
		"2023-01-00",
		"2023-01-32",
		"0999-12-31",	/* before year 1000 */
		"2023-1-01",
		"2023-01-1",
		"23-01-01",
		"2023-01-011",
		"2023/01/01",
		" 2023-01-01",
		"2023-01-01 ",
		"2023-01-01T00:00:00Z",
		"+023-01-01",
		"2023-0a-01",
		"",
	};
	struct date d = D(1, 2, 3);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_parse(bad[i], &d))
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_false(date_parse(NULL, &d));
	assert_date(d, 1, 2, 3);	/* untouched on failure */
}

static void
date_parse_us_forms(void **state)
{
	struct date d;

	(void)state;
	assert_true(date_parse_us("02/29/1980", &d));
	assert_date(d, 1980, 2, 29);
	assert_true(date_parse_us("2/9/1980", &d));
	assert_date(d, 1980, 2, 9);
	assert_true(date_parse_us("12/31/1999", &d));
	assert_false(date_parse_us("02/29/1981", &d));
	assert_false(date_parse_us("13/01/1980", &d));
	assert_false(date_parse_us("00/01/1980", &d));
	assert_false(date_parse_us("01/32/1980", &d));
	assert_false(date_parse_us("01/01/80", &d));
	assert_false(date_parse_us("001/01/1980", &d));
	assert_false(date_parse_us("01/001/1980", &d));
	assert_false(date_parse_us("01/01/19800", &d));
	assert_false(date_parse_us("01-01-1980", &d));
	assert_false(date_parse_us("/01/1980", &d));
	assert_false(date_parse_us("1980-01-01", &d));
	assert_false(date_parse_us("", &d));
	assert_false(date_parse_us(NULL, &d));
}

static void
date_valid_and_cmp(void **state)
{
	(void)state;
	assert_false(date_valid(D(0, 0, 0)));
	assert_true(date_valid(D(2024, 2, 29)));
	assert_false(date_valid(D(2023, 2, 29)));
	assert_false(date_valid(D(10000, 1, 1)));
	assert_int_equal(date_cmp(D(2024, 1, 1), D(2024, 1, 1)), 0);
	assert_true(date_cmp(D(2023, 12, 31), D(2024, 1, 1)) < 0);
	assert_true(date_cmp(D(2024, 2, 1), D(2024, 1, 31)) > 0);
	assert_true(date_cmp(D(2024, 1, 2), D(2024, 1, 1)) > 0);
}

static void
date_format_pads(void **state)
{
	char out[11];

	(void)state;
	date_format(D(2024, 2, 9), out);
	assert_string_equal(out, "2024-02-09");
	date_format(D(1000, 1, 1), out);
	assert_string_equal(out, "1000-01-01");
	date_format(D(0, 0, 0), out);
	assert_string_equal(out, "");
}

static void
date_days_known_values(void **state)
{
	(void)state;
	assert_int_equal(date_days(D(1970, 1, 1)), 0);
	assert_int_equal(date_days(D(1970, 1, 2)), 1);
	assert_int_equal(date_days(D(1969, 12, 31)), -1);
	assert_int_equal(date_days(D(2000, 3, 1)), 11017);
	assert_int_equal(date_days(D(2024, 2, 29)), 19782);
	assert_int_equal(date_days(D(2024, 3, 1)) - date_days(D(2024, 2, 28)), 2);
	assert_int_equal(date_days(D(2023, 3, 1)) - date_days(D(2023, 2, 28)), 1);
	assert_int_equal(date_days(D(1900, 1, 1)), -25567);
	assert_int_equal(date_days(D(9999, 12, 31)), 2932896);
	assert_int_equal(date_days(D(1000, 1, 1)), -354285);
}

static void
date_days_round_trips(void **state)
{
	int64_t day;
	struct date d;

	(void)state;
	/* Every day from 1000-01-01 to 9999-12-31 converts back to itself,
	 * and consecutive days are consecutive dates. */
	for (day = date_days(D(1000, 1, 1)); day <= date_days(D(9999, 12, 31)); day++) {
		d = date_from_unix(day * 86400);
		if (!date_valid(d) || date_days(d) != day)
			fail_msg("day %lld", (long long)day);
	}
}

static void
date_from_unix_negative(void **state)
{
	(void)state;
	assert_date(date_from_unix(0), 1970, 1, 1);
	assert_date(date_from_unix(-1), 1969, 12, 31);
	assert_date(date_from_unix(-86400), 1969, 12, 31);
	assert_date(date_from_unix(-86401), 1969, 12, 30);
	assert_date(date_from_unix(86399), 1970, 1, 1);
	assert_date(date_from_unix(951782400), 2000, 2, 29);
	assert_date(date_from_unix(-2208988800LL), 1900, 1, 1);
	assert_date(date_from_unix(-2208988801LL), 1899, 12, 31);
}

static void
time_format_iso_values(void **state)
{
	char out[21];

	(void)state;
	time_format_iso(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	time_format_iso(-1, out);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	time_format_iso(1709251199, out);
	assert_string_equal(out, "2024-02-29T23:59:59Z");
	time_format_iso(1700000000, out);
	assert_string_equal(out, "2023-11-14T22:13:20Z");
}

static void
time_parse_hhmm_band(void **state)
{
	int m = -5;

	(void)state;
	assert_true(time_parse_hhmm("00:00", &m));
	assert_int_equal(m, 0);
	assert_true(time_parse_hhmm("09:30", &m));
	assert_int_equal(m, 570);
	assert_true(time_parse_hhmm("23:59", &m));
	assert_int_equal(m, 1439);
	assert_false(time_parse_hhmm("24:00", &m));
	assert_false(time_parse_hhmm("23:60", &m));
	assert_false(time_parse_hhmm("9:30", &m));
	assert_false(time_parse_hhmm("09:3", &m));
	assert_false(time_parse_hhmm("09:300", &m));
	assert_false(time_parse_hhmm("09-30", &m));
	assert_false(time_parse_hhmm("0a:30", &m));
	assert_false(time_parse_hhmm("", &m));
	assert_false(time_parse_hhmm(NULL, &m));
	assert_int_equal(m, 1439);
}

/* The system's zone files (Debian's tzdata), read and refused. */
static void
tz_files_read_and_refused(void **state)
{
	static struct tz z;
	static const unsigned char junk[] = "TZif2 not really a zone file";

	(void)state;
	assert_true(tz_load("America/Chicago", &z));
	assert_true(z.n > 100);
	assert_int_equal(tz_offset(&z, 1767600000), -6 * 3600);	/* 2026-01-05 */
	assert_int_equal(tz_offset(&z, 1782900000), -5 * 3600);	/* 2026-07-01 */
	/* 09:00 on 2026-07-01 in Chicago is 14:00 UTC. */
	assert_int_equal(tz_local_to_utc(&z, 1782896400), 1782914400);
	assert_true(tz_load("UTC", &z));
	assert_int_equal(tz_offset(&z, 1782900000), 0);
	assert_false(tz_load("Not/AZone", &z));
	assert_false(tz_load("../../etc/passwd", &z));
	assert_false(tz_load("/etc/passwd", &z));
	assert_false(tz_load("", &z));
	assert_false(tz_parse(junk, sizeof junk, &z));
	assert_false(tz_parse(junk, 3, &z));
	/* tz_open: the same zone, malloc'd; NULL for one that cannot be read. */
	{
		struct tz *o = tz_open("America/Chicago");

		assert_non_null(o);
		assert_int_equal(tz_offset(o, 1782900000), -5 * 3600);
		free(o);
		assert_null(tz_open("Not/AZone"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(date_parse_accepts_real_dates),
		cmocka_unit_test(date_parse_refuses),
		cmocka_unit_test(date_parse_us_forms),
		cmocka_unit_test(date_valid_and_cmp),
		cmocka_unit_test(date_format_pads),
		cmocka_unit_test(date_days_known_values),
		cmocka_unit_test(date_days_round_trips),
		cmocka_unit_test(date_from_unix_negative),
		cmocka_unit_test(time_format_iso_values),
		cmocka_unit_test(time_parse_hhmm_band),
		cmocka_unit_test(tz_files_read_and_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

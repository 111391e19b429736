/*
 * timeutil.c — calendar dates, UTC instants and the two clock reads.
 *
 * Dates are proleptic Gregorian, converted to and from a day count with the
 * civil-from-days arithmetic (eras of 400 years, March-based years so the
 * leap day falls last).  Parsers are strict: a date is exactly "YYYY-MM-DD"
 * (or the US "MM/DD/YYYY" form) naming a real day in the years 1000-9999.
 *
 * now_utc() and now_monotonic_ms() are the only clock reads in openiop; core
 * must not call them — time is passed into the core as a value.  Nothing here
 * consults the local time zone.  now_utc() is the wall clock plus an offset
 * that only the test build moves (clock_advance), so session lifetime, idle
 * time-out, rate windows, lockouts and overdue tasks can be tested without
 * waiting; now_monotonic_ms() measures real time (answer delays, batching).
 */
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "lib/timeutil.h"

#define YEAR_MIN 1000
#define YEAR_MAX 9999

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int dim[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && is_leap(y))
		return 29;
	return dim[m];
}

bool
date_valid(struct date d)
{
	if (d.y < YEAR_MIN || d.y > YEAR_MAX)
		return false;
	if (d.m < 1 || d.m > 12)
		return false;
	return d.d >= 1 && d.d <= days_in_month(d.y, d.m);
}

/* n ASCII digits at s, as a number; -1 if any is not a digit. */
static int
digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
date_parse(const char *s, struct date *out)
{
	struct date d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	d.y = digits(s, 4);
	d.m = digits(s + 5, 2);
	d.d = digits(s + 8, 2);
	if (d.y < 0 || d.m < 0 || d.d < 0 || !date_valid(d))
		return false;
	if (out != NULL)
		*out = d;
	return true;
}

bool
date_parse_us(const char *s, struct date *out)
{
	const char *p, *slash;
	struct date d;
	size_t n;

	if (s == NULL)
		return false;
	/* Month: one or two digits. */
	p = s;
	slash = strchr(p, '/');
	if (slash == NULL || (n = (size_t)(slash - p)) < 1 || n > 2)
		return false;
	d.m = digits(p, n);
	/* Day: one or two digits. */
	p = slash + 1;
	slash = strchr(p, '/');
	if (slash == NULL || (n = (size_t)(slash - p)) < 1 || n > 2)
		return false;
	d.d = digits(p, n);
	/* Year: exactly four digits, then the end. */
	p = slash + 1;
	if (strlen(p) != 4)
		return false;
	d.y = digits(p, 4);
	if (d.y < 0 || d.m < 0 || d.d < 0 || !date_valid(d))
		return false;
	if (out != NULL)
		*out = d;
	return true;
}

int
date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* Write v as exactly width decimal digits (v must fit). */
static void
put_digits(char *p, unsigned v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
date_format(struct date d, char out[11])
{
	if (!date_valid(d)) {
		out[0] = '\0';
		return;
	}
	put_digits(out, (unsigned)d.y, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)d.m, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d.d, 2);
	out[10] = '\0';
}

/*
 * Days since 1970-01-01 of a proleptic Gregorian date.  Years are counted
 * from March, so February (and its leap day) ends the year; a 400-year era
 * has exactly 146097 days.
 */
static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	if (m <= 2)
		y -= 1;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;				/* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;	/* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */
	return era * 146097 + doe - 719468;		/* 719468: 0000-03-01 to 1970-01-01 */
}

/* The inverse of days_from_civil. */
static void
civil_from_days(int64_t z, int64_t *yp, int *mp, int *dp)
{
	int64_t era, doe, yoe, y, doy, mp5;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;					/* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;	/* [0, 399] */
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);		/* [0, 365] */
	mp5 = (5 * doy + 2) / 153;				/* [0, 11], March = 0 */
	*dp = (int)(doy - (153 * mp5 + 2) / 5 + 1);		/* [1, 31] */
	*mp = (int)(mp5 < 10 ? mp5 + 3 : mp5 - 9);		/* [1, 12] */
	*yp = *mp <= 2 ? y + 1 : y;
}

int64_t
date_days(struct date d)
{
	return days_from_civil(d.y, d.m, d.d);
}

/* Floor division and its remainder, for instants before the epoch. */
static void
split_day(int64_t t, int64_t *days, int64_t *secs)
{
	int64_t q = t / 86400, r = t % 86400;

	if (r < 0) {
		r += 86400;
		q -= 1;
	}
	*days = q;
	*secs = r;
}

struct date
date_from_unix(int64_t t)
{
	struct date d;
	int64_t days, secs, y;

	split_day(t, &days, &secs);
	civil_from_days(days, &y, &d.m, &d.d);
	d.y = (int)y;
	return d;
}

void
time_format_iso(int64_t t, char out[21])
{
	int64_t days, secs, y;
	int m, d;

	split_day(t, &days, &secs);
	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		out[0] = '\0';
		return;
	}
	put_digits(out, (unsigned)y, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d, 2);
	out[10] = 'T';
	put_digits(out + 11, (unsigned)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (unsigned)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

bool
time_parse_hhmm(const char *s, int *minutes)
{
	int h, m;

	if (s == NULL || strlen(s) != 5 || s[2] != ':')
		return false;
	h = digits(s, 2);
	m = digits(s + 3, 2);
	if (h < 0 || m < 0 || h > 23 || m > 59)
		return false;
	if (minutes != NULL)
		*minutes = h * 60 + m;
	return true;
}

static atomic_llong offset_s;	/* seconds the test build moved the clock */

void
clock_advance(int64_t seconds)
{
	atomic_fetch_add(&offset_s, (long long)seconds);
}

int64_t
clock_offset(void)
{
	return (int64_t)atomic_load(&offset_s);
}

int64_t
now_utc(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec + (int64_t)atomic_load(&offset_s);
}

int64_t
now_monotonic_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * test_cost.c — the client's estimated cost: the deductible (larger than the
 * stay, met on a day part-way through the rate, met exactly), the co-pay and
 * coinsurance, the out-of-pocket maximum (reached, already met, none), IOP not
 * covered, rounding, the settings, and validation.  Amounts are cents; the
 * rate is 250.00 a day unless a test says otherwise.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/cost.h"

#define RATE 25000

static struct cost_settings
settings(void)
{
	return (struct cost_settings){ .rate_per_day_cents = RATE,
	    .typical_days = 24, .days_per_week = 3 };
}

static struct benefits
plan(void)
{
	struct benefits b;

	memset(&b, 0, sizeof(b));
	b.iop_covered = true;
	return b;
}

static struct cost_estimate
estimate_ok(const struct benefits *b, const struct cost_settings *s)
{
	struct cost_estimate out;
	struct error e;

	error_clear(&e);
	if (cost_estimate(b, s, &out, &e) != ERR_OK)
		fail_msg("estimate refused: %s (%zu fields, first %s)", e.msg,
		    e.nfields, e.nfields > 0 ? e.fields[0].name : "-");
	return out;
}

static void
deductible_larger_than_the_stay(void **state)
{
	struct benefits b = plan();
	struct cost_settings s = settings();
	struct cost_estimate c;

	(void)state;
	b.deductible_cents = 1000000;		/* 10,000.00 */
	b.deductible_met_cents = 200000;	/* 8,000.00 remain: more than 24 days */
	b.copay_per_day_cents = 2000;
	b.coinsurance_bp = 2000;
	c = estimate_ok(&b, &s);
	assert_true(c.covered);
	assert_int_equal(c.first_day_cents, RATE);
	assert_int_equal(c.typical_week_cents, 3 * RATE);
	assert_int_equal(c.typical_stay_cents, 24 * RATE);
	assert_int_equal(c.days_week, 3);
	assert_int_equal(c.days_stay, 24);
	assert_int_equal(c.deductible_met_day, 0);
	assert_int_equal(c.oop_max_day, 0);
}

/*
 * The deductible runs out on day 3 with 100.00 left against a 250.00 rate.
 * Reading: that day is one claim; the client pays the 100.00 left of the
 * deductible, then the co-pay (20.00) and 20% coinsurance on what the co-pay
 * leaves of the other 150.00 (130.00 -> 26.00): 146.00.  Later days: 20.00 +
 * 20% of 230.00 = 66.00.
 */
static void
deductible_met_mid_week(void **state)
{
	struct benefits b = plan();
	struct cost_settings s = settings();
	struct cost_estimate c;

	(void)state;
	b.deductible_cents = 60000;
	b.copay_per_day_cents = 2000;
	b.coinsurance_bp = 2000;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 25000);
	assert_int_equal(c.typical_week_cents, 25000 + 25000 + 14600);
	assert_int_equal(c.typical_stay_cents, 64600 + 21 * 6600);
	assert_int_equal(c.deductible_met_day, 3);

	/* Deductible partly met already: 150.00 remain, so day 1 splits. */
	b.deductible_met_cents = 45000;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 15000 + 2000 + 1600);
	assert_int_equal(c.typical_week_cents, 18600 + 2 * 6600);
	assert_int_equal(c.deductible_met_day, 1);

	/* What remains equals two days' rate exactly: day 2 is all deductible
	 * (no co-pay: nothing of the rate is left), day 3 is cost-shared. */
	b.deductible_met_cents = 10000;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.typical_week_cents, 25000 + 25000 + 6600);
	assert_int_equal(c.deductible_met_day, 2);

	/* Already met: cost sharing from day 1, no day to report. */
	b.deductible_met_cents = 60000;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 6600);
	assert_int_equal(c.typical_stay_cents, 24 * 6600);
	assert_int_equal(c.deductible_met_day, 0);
}

static void
out_of_pocket_maximum_reached(void **state)
{
	struct benefits b = plan();
	struct cost_settings s = settings();
	struct cost_estimate c;

	(void)state;
	/* 50.00 co-pay + 50% of 200.00 = 150.00 a day; 700.00 of room. */
	b.copay_per_day_cents = 5000;
	b.coinsurance_bp = 5000;
	b.oop_max_cents = 100000;
	b.oop_met_cents = 30000;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 15000);
	assert_int_equal(c.typical_week_cents, 45000);
	assert_int_equal(c.typical_stay_cents, 70000);	/* day 5 pays 100.00, then 0 */
	assert_int_equal(c.oop_max_day, 5);

	/* Reached inside the first day's deductible. */
	b = plan();
	b.deductible_cents = 300000;
	b.oop_max_cents = 40000;
	b.oop_met_cents = 20000;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 20000);
	assert_int_equal(c.typical_week_cents, 20000);
	assert_int_equal(c.typical_stay_cents, 20000);
	assert_int_equal(c.oop_max_day, 1);
	assert_int_equal(c.deductible_met_day, 0);

	/* Already reached before the stay: nothing to pay. */
	b.oop_met_cents = 40000;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 0);
	assert_int_equal(c.typical_stay_cents, 0);
	assert_int_equal(c.oop_max_day, 0);

	/* Reached exactly at the end of the stay. */
	b = plan();
	b.copay_per_day_cents = 1000;
	b.oop_max_cents = 24000;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.typical_stay_cents, 24000);
	assert_int_equal(c.oop_max_day, 24);
	b.oop_max_cents = 24001;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.typical_stay_cents, 24000);
	assert_int_equal(c.oop_max_day, 0);
}

static void
no_out_of_pocket_maximum(void **state)
{
	struct benefits b = plan();
	struct cost_settings s = settings();
	struct cost_estimate c;

	(void)state;
	b.coinsurance_bp = 10000;	/* 100% */
	b.oop_max_cents = 0;		/* none */
	b.oop_met_cents = 5000000;	/* with no maximum, anything met is fine */
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, RATE);
	assert_int_equal(c.typical_stay_cents, 24 * RATE);
	assert_int_equal(c.oop_max_day, 0);
}

static void
not_covered_pays_the_rate_uncapped(void **state)
{
	struct benefits b = plan();
	struct cost_settings s = settings();
	struct cost_estimate c;

	(void)state;
	b.iop_covered = false;
	b.deductible_cents = 100000;
	b.copay_per_day_cents = 2000;
	b.coinsurance_bp = 2000;
	b.oop_max_cents = 50000;	/* ignored: the plan does not cover IOP */
	c = estimate_ok(&b, &s);
	assert_false(c.covered);
	assert_int_equal(c.first_day_cents, RATE);
	assert_int_equal(c.typical_week_cents, 3 * RATE);
	assert_int_equal(c.typical_stay_cents, 24 * RATE);
	assert_int_equal(c.deductible_met_day, 0);
	assert_int_equal(c.oop_max_day, 0);
}

static void
coinsurance_only(void **state)
{
	struct benefits b = plan();
	struct cost_settings s = settings();
	struct cost_estimate c;

	(void)state;
	b.copay_per_day_cents = 0;
	b.coinsurance_bp = 2000;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 5000);
	assert_int_equal(c.typical_week_cents, 15000);
	assert_int_equal(c.typical_stay_cents, 24 * 5000);

	/* And co-pay only. */
	b.copay_per_day_cents = 3500;
	b.coinsurance_bp = 0;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 3500);
	assert_int_equal(c.typical_stay_cents, 24 * 3500);

	/* Nothing to share: the plan pays everything. */
	b.copay_per_day_cents = 0;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.typical_stay_cents, 0);
}

/* The coinsurance share is rounded to the cent, half up, once per day. */
static void
coinsurance_rounding(void **state)
{
	static const struct {
		int64_t rate, copay;
		int bp;
		int64_t day;
	} cases[] = {
		{ 1234, 0, 2000, 247 },		/* 246.8 -> 247 */
		{ 1231, 0, 2000, 246 },		/* 246.2 -> 246 */
		{ 25, 0, 1000, 3 },		/* 2.5 -> 3: half up */
		{ 24, 0, 1000, 2 },		/* 2.4 -> 2 */
		{ 5, 0, 1000, 1 },		/* 0.5 -> 1 */
		{ 4, 0, 1000, 0 },		/* 0.4 -> 0 */
		{ 1, 0, 4999, 0 },		/* 0.4999 -> 0 */
		{ 1, 0, 5000, 1 },		/* 0.5 -> 1 */
		{ 25000, 2001, 1500, 2001 + 3450 },	/* 22999 * 15% = 3449.85 */
		{ 10001, 0, 3333, 3333 },	/* 3333.3333 -> 3333 */
		{ 1000, 1500, 2000, 1000 },	/* co-pay above the rate: the rate */
		{ 1000, 1000, 2000, 1000 },	/* co-pay equal to the rate */
	};
	struct benefits b;
	struct cost_settings s;
	struct cost_estimate c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b = plan();
		b.copay_per_day_cents = cases[i].copay;
		b.coinsurance_bp = cases[i].bp;
		s = settings();
		s.rate_per_day_cents = cases[i].rate;
		c = estimate_ok(&b, &s);
		if (c.first_day_cents != cases[i].day)
			fail_msg("case %zu: day %lld, want %lld", i,
			    (long long)c.first_day_cents, (long long)cases[i].day);
		/* Rounded per day, so the stay is 24 rounded days. */
		assert_int_equal(c.typical_stay_cents, 24 * cases[i].day);
	}

	/* On the day the deductible runs out the share is on the remainder:
	 * 250.00 rate, 0.01 deductible left, 10% of 249.99 = 24.999 -> 25.00. */
	b = plan();
	b.deductible_cents = 1;
	b.coinsurance_bp = 1000;
	s = settings();
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 1 + 2500);
	assert_int_equal(c.deductible_met_day, 1);
}

static void
cost_day_keeps_running_totals(void **state)
{
	struct benefits b = plan();
	int64_t ded, oop;

	(void)state;
	b.deductible_cents = 30000;
	b.copay_per_day_cents = 2000;
	b.coinsurance_bp = 2000;
	b.oop_max_cents = 40000;
	ded = 0;
	oop = 0;
	assert_int_equal(cost_day(&b, RATE, &ded, &oop), 25000);
	assert_int_equal(ded, 25000);
	assert_int_equal(oop, 25000);
	/* 50.00 deductible + 20.00 co-pay + 20% of 180.00 = 106.00. */
	assert_int_equal(cost_day(&b, RATE, &ded, &oop), 10600);
	assert_int_equal(ded, 30000);
	assert_int_equal(oop, 35600);
	/* 66.00 due, 44.00 of room. */
	assert_int_equal(cost_day(&b, RATE, &ded, &oop), 4400);
	assert_int_equal(oop, 40000);
	assert_int_equal(cost_day(&b, RATE, &ded, &oop), 0);
	assert_int_equal(oop, 40000);
}

static void
settings_and_defaults(void **state)
{
	struct benefits b = plan();
	struct cost_settings s = settings();
	struct cost_estimate c;

	(void)state;
	b.copay_per_day_cents = 1000;
	s.typical_days = 0;
	s.days_per_week = 0;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.days_stay, COST_TYPICAL_DAYS_DEFAULT);
	assert_int_equal(c.days_week, COST_DAYS_PER_WEEK_DEFAULT);
	assert_int_equal(c.typical_week_cents, 3000);
	assert_int_equal(c.typical_stay_cents, 24000);

	s.typical_days = 40;
	s.days_per_week = 5;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.days_stay, 40);
	assert_int_equal(c.days_week, 5);
	assert_int_equal(c.typical_week_cents, 5000);
	assert_int_equal(c.typical_stay_cents, 40000);

	/* A stay shorter than a week: the week still counts its own days. */
	s.typical_days = 2;
	s.days_per_week = 7;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.typical_stay_cents, 2000);
	assert_int_equal(c.typical_week_cents, 7000);

	s.typical_days = 1;
	s.days_per_week = 1;
	c = estimate_ok(&b, &s);
	assert_int_equal(c.first_day_cents, 1000);
	assert_int_equal(c.typical_week_cents, 1000);
	assert_int_equal(c.typical_stay_cents, 1000);

	s.typical_days = COST_TYPICAL_DAYS_MAX;
	s.rate_per_day_cents = COST_AMOUNT_MAX_CENTS;
	b.copay_per_day_cents = 0;
	b.coinsurance_bp = COST_BP_MAX;
	c = estimate_ok(&b, &s);
	assert_true(c.typical_stay_cents == COST_TYPICAL_DAYS_MAX * COST_AMOUNT_MAX_CENTS);
}

static void
validation_names_fields(void **state)
{
	struct benefits b = plan();
	struct cost_settings s;
	struct cost_estimate c;
	struct error e;

	(void)state;
	s = (struct cost_settings){ .rate_per_day_cents = 0, .typical_days = -1,
	    .days_per_week = 8 };
	b.deductible_cents = -1;
	b.deductible_met_cents = -5;
	b.copay_per_day_cents = -1;
	b.coinsurance_bp = 10001;
	b.oop_max_cents = COST_AMOUNT_MAX_CENTS + 1;
	b.oop_met_cents = -1;
	error_clear(&e);
	assert_int_equal(cost_estimate(&b, &s, &c, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 9);
	assert_string_equal(field_msg(&e, "rate_per_day"), "must be more than 0");
	assert_string_equal(field_msg(&e, "typical_days"), "must be from 1 to 366");
	assert_string_equal(field_msg(&e, "days_per_week"), "must be from 1 to 7");
	assert_string_equal(field_msg(&e, "deductible"), "must not be negative");
	assert_string_equal(field_msg(&e, "deductible_met"), "must not be negative");
	assert_string_equal(field_msg(&e, "copay_per_day"), "must not be negative");
	assert_string_equal(field_msg(&e, "coinsurance"),
	    "must be from 0 to 10000 basis points (0% to 100%)");
	assert_string_equal(field_msg(&e, "oop_max"), "must be 100000000.00 or less");
	assert_string_equal(field_msg(&e, "oop_met"), "must not be negative");
	assert_int_equal(c.typical_stay_cents, 0);

	/* Met above the amount it is met against. */
	b = plan();
	s = settings();
	b.deductible_cents = 100000;
	b.deductible_met_cents = 100001;
	b.oop_max_cents = 300000;
	b.oop_met_cents = 300001;
	b.coinsurance_bp = -1;
	error_clear(&e);
	assert_int_equal(cost_estimate(&b, &s, &c, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 3);
	assert_string_equal(field_msg(&e, "deductible_met"),
	    "must not be more than the deductible");
	assert_string_equal(field_msg(&e, "oop_met"),
	    "must not be more than the out-of-pocket maximum");
	assert_non_null(field_msg(&e, "coinsurance"));

	/* The edges that are fine. */
	b.deductible_met_cents = 100000;
	b.oop_met_cents = 300000;
	b.coinsurance_bp = 0;
	error_clear(&e);
	assert_int_equal(cost_estimate(&b, &s, &c, &e), ERR_OK);
	b.coinsurance_bp = 10000;
	assert_int_equal(cost_estimate(&b, &s, &c, &e), ERR_OK);

	/* Too large, and a negative rate; not covered still validates. */
	b = plan();
	b.iop_covered = false;
	b.deductible_cents = COST_AMOUNT_MAX_CENTS + 1;
	s.rate_per_day_cents = -100;
	error_clear(&e);
	assert_int_equal(cost_estimate(&b, &s, &c, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 2);
	assert_string_equal(field_msg(&e, "deductible"), "must be 100000000.00 or less");
	assert_string_equal(field_msg(&e, "rate_per_day"), "must be more than 0");
	s.rate_per_day_cents = COST_AMOUNT_MAX_CENTS + 1;
	b.deductible_cents = 0;
	error_clear(&e);
	assert_int_equal(cost_estimate(&b, &s, &c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "rate_per_day"), "must be 100000000.00 or less");
}

static void
notice_says_estimate(void **state)
{
	(void)state;
	assert_non_null(strstr(cost_notice(), "estimate"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deductible_larger_than_the_stay),
		cmocka_unit_test(deductible_met_mid_week),
		cmocka_unit_test(out_of_pocket_maximum_reached),
		cmocka_unit_test(no_out_of_pocket_maximum),
		cmocka_unit_test(not_covered_pays_the_rate_uncapped),
		cmocka_unit_test(coinsurance_only),
		cmocka_unit_test(coinsurance_rounding),
		cmocka_unit_test(cost_day_keeps_running_totals),
		cmocka_unit_test(settings_and_defaults),
		cmocka_unit_test(validation_names_fields),
		cmocka_unit_test(notice_says_estimate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * cost.h — the client's estimated cost of IOP, from a benefit check.
 *
 * Integer cents throughout.  The estimate walks the stay day by day (see
 * cost.c for the rule and its reading of docs/domain.md) and reports the first
 * day, a typical week and a typical stay.  It is an estimate: show
 * cost_notice() next to it.
 */
#ifndef IOP_COST_H
#define IOP_COST_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/err.h"

#define COST_TYPICAL_DAYS_DEFAULT 24	/* 8 weeks x 3 days */
#define COST_DAYS_PER_WEEK_DEFAULT 3
#define COST_TYPICAL_DAYS_MAX 366
#define COST_AMOUNT_MAX_CENTS INT64_C(10000000000)	/* 100,000,000.00 */
#define COST_BP_MAX 10000				/* 100% */

/* What the benefit check found.  Amounts in cents. */
struct benefits {
	bool iop_covered;
	int64_t deductible_cents;
	int64_t deductible_met_cents;
	int64_t copay_per_day_cents;
	int coinsurance_bp;		/* basis points: 2000 = 20% */
	int64_t oop_max_cents;		/* 0 = no out-of-pocket maximum */
	int64_t oop_met_cents;
};

/* The program's settings. */
struct cost_settings {
	int64_t rate_per_day_cents;	/* the program's rate per IOP day (> 0) */
	int typical_days;		/* attended days in a typical stay; 0 = 24 */
	int days_per_week;		/* attended days in a typical week; 0 = 3 */
};

struct cost_estimate {
	int64_t first_day_cents;	/* day 1 */
	int64_t typical_week_cents;	/* days 1..days_week */
	int64_t typical_stay_cents;	/* days 1..days_stay */
	int days_week;			/* the days per week used */
	int days_stay;			/* the days of the stay used */
	bool covered;			/* IOP covered by the plan */
	int deductible_met_day;		/* day the deductible is met; 0 if not within the stay */
	int oop_max_day;		/* day the out-of-pocket maximum is reached; 0 if not */
};

/*
 * Validate b and s, reporting every field at fault ("rate_per_day",
 * "typical_days", "days_per_week", "deductible", "deductible_met",
 * "copay_per_day", "coinsurance", "oop_max", "oop_met"), and estimate what
 * the client pays.  out is cleared first.
 */
enum err cost_estimate(const struct benefits *b, const struct cost_settings *s,
    struct cost_estimate *out, struct error *e);

/* What the client pays for one day, given what they have paid toward the
 * deductible and the out-of-pocket maximum so far; exposed for tests and for
 * showing a day's arithmetic.  Inputs must already be valid. */
int64_t cost_day(const struct benefits *b, int64_t rate_cents,
    int64_t *deductible_paid, int64_t *oop_paid);

/* The sentence to show with any estimate. */
const char *cost_notice(void);

#endif

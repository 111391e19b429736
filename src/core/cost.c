/*
 * cost.c — the client's estimated cost of IOP, day by day.
 *
 * The rule (docs/domain.md, "Insurance and the estimated cost"), as a
 * billing office would adjudicate each attended day as one claim line at the
 * program's rate:
 *
 *  1. Deductible first.  While some of the deductible remains, the day's
 *     rate goes toward it, up to what remains.
 *  2. The rest of the day, if any, is cost-shared: the co-pay per day (never
 *     more than the rest), plus the coinsurance share of what the co-pay
 *     leaves of it.  So on the day the deductible is met part-way through
 *     the rate, the client pays the rest of the deductible AND the co-pay and
 *     coinsurance on the remainder of that day's rate — the plan's share of
 *     that day starts only after the deductible is satisfied.  On a day with
 *     no deductible left the rest is the whole rate.
 *  3. Rounding: the coinsurance share is rounded to the cent, half up, once
 *     per day: 20% of 12.34 is 2.468, so 2.47; 10% of 0.05 is half a cent,
 *     so 0.01.
 *  4. Cap: a day's payment never takes the client's running total of
 *     out-of-pocket payments (starting from what is already met) past the
 *     out-of-pocket maximum.  An out-of-pocket maximum of 0 means the plan has
 *     none.  Payments count toward the deductible before anything else.
 *  5. A client never pays more for a day than the program's rate for it,
 *     even when the co-pay is larger than the rate.
 *  6. When IOP is not covered the client pays the full rate every day, with
 *     no cap.
 *
 * The first day is day 1, the typical week days 1..days_per_week, the
 * typical stay days 1..typical_days, all from the same running totals.
 * Pure arithmetic: no clock, no allocation, no I/O.
 */
#include <assert.h>
#include <stddef.h>

#include "core/cost.h"

#define COST_DAYS_PER_WEEK_MAX 7

static const char notice[] =
    "This is an estimate from the benefits your plan reported. What you pay "
    "depends on how your plan processes each claim.";

const char *
cost_notice(void)
{
	return notice;
}

static int64_t
min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* amount * bp / 10000, rounded half up; amount >= 0, 0 <= bp <= 10000. */
static int64_t
share(int64_t amount, int bp)
{
	return (amount * bp + COST_BP_MAX / 2) / COST_BP_MAX;
}

int64_t
cost_day(const struct benefits *b, int64_t rate_cents, int64_t *deductible_paid,
    int64_t *oop_paid)
{
	int64_t ded_part, rest, copay_part, day;

	if (!b->iop_covered)
		return rate_cents;

	ded_part = b->deductible_cents - *deductible_paid;
	if (ded_part < 0)
		ded_part = 0;
	ded_part = min64(ded_part, rate_cents);
	rest = rate_cents - ded_part;
	copay_part = min64(b->copay_per_day_cents, rest);
	day = ded_part + copay_part + share(rest - copay_part, b->coinsurance_bp);

	if (b->oop_max_cents > 0) {
		int64_t room = b->oop_max_cents - *oop_paid;

		day = min64(day, room > 0 ? room : 0);
	}
	*deductible_paid += min64(ded_part, day);
	*oop_paid += day;
	return day;
}

/* Report a cents amount that must be 0..COST_AMOUNT_MAX_CENTS. */
static bool
amount_ok(struct error *e, const char *field, int64_t v)
{
	if (v < 0) {
		error_field(e, field, "must not be negative");
		return false;
	}
	if (v > COST_AMOUNT_MAX_CENTS) {
		error_field(e, field, "must be 100000000.00 or less");
		return false;
	}
	return true;
}

static bool
check(const struct benefits *b, const struct cost_settings *s, struct error *e)
{
	bool ok = true;

	if (s->rate_per_day_cents <= 0) {
		ok = false;
		error_field(e, "rate_per_day", "must be more than 0");
	} else if (!amount_ok(e, "rate_per_day", s->rate_per_day_cents)) {
		ok = false;
	}
	if (s->typical_days < 0 || s->typical_days > COST_TYPICAL_DAYS_MAX) {
		ok = false;
		error_field(e, "typical_days", "must be from 1 to %d", COST_TYPICAL_DAYS_MAX);
	}
	if (s->days_per_week < 0 || s->days_per_week > COST_DAYS_PER_WEEK_MAX) {
		ok = false;
		error_field(e, "days_per_week", "must be from 1 to %d", COST_DAYS_PER_WEEK_MAX);
	}

	ok &= amount_ok(e, "deductible", b->deductible_cents);
	if (amount_ok(e, "deductible_met", b->deductible_met_cents)) {
		if (b->deductible_cents >= 0 &&
		    b->deductible_met_cents > b->deductible_cents) {
			ok = false;
			error_field(e, "deductible_met", "must not be more than the deductible");
		}
	} else {
		ok = false;
	}
	ok &= amount_ok(e, "copay_per_day", b->copay_per_day_cents);
	if (b->coinsurance_bp < 0 || b->coinsurance_bp > COST_BP_MAX) {
		ok = false;
		error_field(e, "coinsurance", "must be from 0 to 10000 basis points (0%% to 100%%)");
	}
	ok &= amount_ok(e, "oop_max", b->oop_max_cents);
	if (amount_ok(e, "oop_met", b->oop_met_cents)) {
		if (b->oop_max_cents > 0 && b->oop_met_cents > b->oop_max_cents) {
			ok = false;
			error_field(e, "oop_met",
			    "must not be more than the out-of-pocket maximum");
		}
	} else {
		ok = false;
	}
	return ok;
}

enum err
cost_estimate(const struct benefits *b, const struct cost_settings *s,
    struct cost_estimate *out, struct error *e)
{
	int64_t ded_paid, oop_paid, day, total;
	int n, i;

	assert(b != NULL && s != NULL && out != NULL);
	*out = (struct cost_estimate){ 0 };
	if (!check(b, s, e))
		return ERR_INVALID;

	out->covered = b->iop_covered;
	out->days_week = s->days_per_week > 0 ? s->days_per_week : COST_DAYS_PER_WEEK_DEFAULT;
	out->days_stay = s->typical_days > 0 ? s->typical_days : COST_TYPICAL_DAYS_DEFAULT;
	n = out->days_week > out->days_stay ? out->days_week : out->days_stay;

	ded_paid = b->deductible_met_cents;
	oop_paid = b->oop_met_cents;
	total = 0;
	for (i = 1; i <= n; i++) {
		bool ded_open = b->iop_covered && ded_paid < b->deductible_cents;
		bool oop_open = b->iop_covered && b->oop_max_cents > 0 &&
		    oop_paid < b->oop_max_cents;

		day = cost_day(b, s->rate_per_day_cents, &ded_paid, &oop_paid);
		total += day;
		if (ded_open && ded_paid >= b->deductible_cents && i <= out->days_stay)
			out->deductible_met_day = i;
		if (oop_open && oop_paid >= b->oop_max_cents && i <= out->days_stay)
			out->oop_max_day = i;
		if (i == 1)
			out->first_day_cents = day;
		if (i == out->days_week)
			out->typical_week_cents = total;
		if (i == out->days_stay)
			out->typical_stay_cents = total;
	}
	return ERR_OK;
}

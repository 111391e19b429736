/*
 * insurance.h — a client's coverages, benefit verifications (with the
 * estimated cost, cost.h) and payer authorisations.  A coverage's fields
 * are checked alike wherever one is made: added on the chart, or taken from
 * an inquiry when it is converted.  Dates are kept as YYYY-MM-DD text.
 */
#ifndef IOP_INSURANCE_H
#define IOP_INSURANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

struct coverage {
	int64_t id, client_id;
	const char *rank, *payer, *plan, *member_id, *group_number, *subscriber_name;
	const char *subscriber_dob, *relationship, *start_date, *end_date;	/* dates as text */
	int64_t created_at;
};

struct benefit_row {
	int64_t id, coverage_id, client_id;
	bool iop_covered, prior_auth_required;
	int64_t deductible_cents, deductible_met_cents, copay_per_day_cents;
	int coinsurance_bp;
	int64_t oop_max_cents, oop_met_cents, rate_per_day_cents;
	int64_t est_first_day_cents, est_week_cents, est_stay_cents;
	int est_days_stay;
	const char *reference;
	int64_t checked_by;
	const char *checked_by_name;
	int64_t checked_at;
};

struct authorization {
	int64_t id, coverage_id, client_id;
	const char *number, *level;
	int days_authorized;
	const char *start_date, *end_date, *next_review;
	int64_t created_by, created_at;
};

/* A coverage's fields a change may name, in the API's order and words. */
enum coverage_field {
	COVF_RANK, COVF_PAYER, COVF_PLAN, COVF_MEMBER_ID, COVF_GROUP_NUMBER,
	COVF_SUBSCRIBER_NAME, COVF_SUBSCRIBER_DOB, COVF_RELATIONSHIP, COVF_START_DATE,
	COVF_END_DATE, COVF__MAX
};
const char *coverage_field_name(enum coverage_field f);	/* "member_id" */
/* Copy onto to the fields of from named in fields (bit 1u << enum coverage_field). */
void coverage_merge(struct coverage *to, const struct coverage *from, unsigned fields);
/* The fields whose values differ between before and after, as bits. */
unsigned coverage_changed(const struct coverage *before, const struct coverage *after);

bool coverage_relationship_ok(const char *rel);	/* self spouse child other */
/* rank primary|secondary, payer and member id, lengths, relationship, end
 * not before start: field errors added to e; returns e->code. */
enum err coverage_check(const struct coverage *c, struct error *e);
/* The rank a new coverage takes beside the n a client holds. */
const char *coverage_rank_next(size_t held);
/* Does the client hold this payer and member id already (case aside)? */
bool coverage_held(const struct coverage *held, size_t n, const char *payer,
    const char *member_id);

#endif

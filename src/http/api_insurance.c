/*
 * api_insurance.c — coverages, benefit verifications with the client's
 * estimated cost, and payer authorisations.
 *
 * Money is whole cents in and out.  The estimate comes from the core
 * (src/core/cost.c) with the program's rate per IOP day and typical stay,
 * settings IOP_RATE_PER_DAY_CENTS (default 25000) and IOP_TYPICAL_DAYS
 * (default 24); it is stored with the check, as it was when checked.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cost.h"
#include "core/placement.h"
#include "core/validate.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/insurance.h"

static json_t *
jdate_text(const char *d)
{
	return d && *d ? json_string(d) : json_null();
}

static json_t *
coverage_to_json(const struct coverage *c)
{
	return json_pack("{s:I,s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)c->id, "client_id", (json_int_t)c->client_id, "rank", c->rank,
	    "payer", jstr(c->payer), "plan", jstr(c->plan), "member_id", jstr(c->member_id),
	    "group_number", jstr(c->group_number), "subscriber_name", jstr(c->subscriber_name),
	    "subscriber_dob", jdate_text(c->subscriber_dob), "relationship",
	    jstr(c->relationship), "start_date", jdate_text(c->start_date), "end_date",
	    jdate_text(c->end_date), "created_at", jtime(c->created_at));
}

static json_t *
benefit_to_json(const struct benefit_row *b)
{
	return json_pack("{s:I,s:I,s:I,s:b,s:I,s:I,s:I,s:i,s:I,s:I,s:b,s:o,s:I,"
	    "s:{s:I,s:I,s:I,s:i,s:s},s:o,s:o}",
	    "id", (json_int_t)b->id, "coverage_id", (json_int_t)b->coverage_id,
	    "client_id", (json_int_t)b->client_id, "iop_covered", b->iop_covered,
	    "deductible_cents", (json_int_t)b->deductible_cents,
	    "deductible_met_cents", (json_int_t)b->deductible_met_cents,
	    "copay_per_day_cents", (json_int_t)b->copay_per_day_cents,
	    "coinsurance_bp", b->coinsurance_bp,
	    "oop_max_cents", (json_int_t)b->oop_max_cents,
	    "oop_met_cents", (json_int_t)b->oop_met_cents,
	    "prior_auth_required", b->prior_auth_required,
	    "reference", jstr(b->reference),
	    "rate_per_day_cents", (json_int_t)b->rate_per_day_cents,
	    "estimate", "first_day_cents", (json_int_t)b->est_first_day_cents,
	    "typical_week_cents", (json_int_t)b->est_week_cents,
	    "typical_stay_cents", (json_int_t)b->est_stay_cents,
	    "typical_stay_days", b->est_days_stay, "notice", cost_notice(),
	    "checked_by", jstr(b->checked_by_name), "checked_at", jtime(b->checked_at));
}

static json_t *
authorization_to_json(const struct authorization *au)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:o,s:i,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)au->id, "coverage_id", (json_int_t)au->coverage_id,
	    "client_id", (json_int_t)au->client_id, "number", jstr(au->number),
	    "level", jstr(au->level), "days_authorized", au->days_authorized,
	    "start_date", jdate_text(au->start_date), "end_date", jdate_text(au->end_date),
	    "next_review", jdate_text(au->next_review), "created_at", jtime(au->created_at));
}

CLIENT_LIST(h_coverages_list, store_coverage_list, struct coverage, coverage_to_json)
CLIENT_LIST(h_benefits_list, store_benefit_list, struct benefit_row, benefit_to_json)
CLIENT_LIST(h_authorizations_list, store_authorization_list, struct authorization,
    authorization_to_json)

OP_AFTER(coverage_after, struct coverage_create_in, coverage_to_json, 201)

static void
benefit_after(struct req *r)
{
	const struct benefit_create_in *in = r->op->in;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	in->out->checked_by_name = r->sess.username;
	reply_json(r, 201, benefit_to_json(in->out));
}

OP_AFTER(authorization_after, struct authorization_create_in, authorization_to_json, 201)

/* In enum coverage_field order: bit i of the fset given is field i. */
#define CV(m) offsetof(struct coverage, m)
static const struct fdef coverage_fields[] = {
	{ .name = "rank", .kind = FK_TEXT, .off = CV(rank) },
	{ .name = "payer", .kind = FK_TEXT, .off = CV(payer) },
	{ .name = "plan", .kind = FK_TEXT, .off = CV(plan) },
	{ .name = "member_id", .kind = FK_TEXT, .off = CV(member_id) },
	{ .name = "group_number", .kind = FK_TEXT, .off = CV(group_number) },
	{ .name = "subscriber_name", .kind = FK_TEXT, .off = CV(subscriber_name) },
	{ .name = "subscriber_dob", .kind = FK_DATE_TEXT, .off = CV(subscriber_dob),
	  .flags = FD_NULL },
	{ .name = "relationship", .kind = FK_TEXT, .off = CV(relationship) },
	{ .name = "start_date", .kind = FK_DATE_TEXT, .off = CV(start_date), .flags = FD_NULL },
	{ .name = "end_date", .kind = FK_DATE_TEXT, .off = CV(end_date), .flags = FD_NULL },
};
#undef CV
const struct fdecoder dec_coverage = FDECODER("coverage", struct coverage, coverage_fields);

void
h_coverage_create(struct req *r)
{
	struct coverage_create_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->c.client_id = r->ids[0];
	in->c.rank = "primary";
	in->c.payer = in->c.plan = in->c.member_id = in->c.group_number = "";
	in->c.subscriber_name = in->c.subscriber_dob = in->c.start_date = in->c.end_date = "";
	in->c.relationship = "self";
	fdecode(&dec_coverage, o, r->arena, &in->c, NULL, &e, NULL);
	if (coverage_check(&in->c, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_coverage_create_run, in, coverage_after);
}

OP_AFTER(coverage_update_after, struct coverage_update_in, coverage_to_json, 200)

/* A correction of the fields given; the rest stay as they are. */
void
h_coverage_patch(struct req *r)
{
	struct coverage_update_in *in;
	struct error e;
	fset given;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->client_id = r->ids[0];
	in->id = r->ids[1];
	in->set.rank = in->set.payer = in->set.plan = in->set.member_id = "";
	in->set.group_number = in->set.subscriber_name = in->set.subscriber_dob = "";
	in->set.relationship = in->set.start_date = in->set.end_date = "";
	if (!fdecode(&dec_coverage, o, r->arena, &in->set, &given, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	if (given == 0) {
		error_set(&e, ERR_INVALID, "Name at least one field to change.");
		reply_error(r, &e);
		return;
	}
	in->fields = (unsigned)given;
	req_op(r, op_coverage_update_run, in, coverage_update_after);
}

#define BN(m) offsetof(struct benefit_create_in, b.m)
#define CENTS(m) { .name = #m, .kind = FK_INT, .off = BN(m), .min = 0,               \
	.max = COST_AMOUNT_MAX_CENTS }
static const struct fdef benefit_fields[] = {
	{ .name = "iop_covered", .kind = FK_BOOL, .off = BN(iop_covered), .flags = FD_REQUIRED },
	CENTS(deductible_cents),
	CENTS(deductible_met_cents),
	CENTS(copay_per_day_cents),
	{ .name = "coinsurance_bp", .kind = FK_INT32, .off = BN(coinsurance_bp), .min = 0,
	  .max = COST_BP_MAX },
	CENTS(oop_max_cents),
	CENTS(oop_met_cents),
	{ .name = "prior_auth_required", .kind = FK_BOOL, .off = BN(prior_auth_required) },
	{ .name = "reference", .kind = FK_TEXT, .off = BN(reference) },
};
#undef CENTS
#undef BN
const struct fdecoder dec_benefit = FDECODER("benefit", struct benefit_create_in,
    benefit_fields);

void
h_benefit_create(struct req *r)
{
	struct benefit_create_in *in;
	struct benefits b;
	struct cost_settings cs;
	struct cost_estimate est;
	const char *m;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	in->b.coverage_id = r->ids[0];
	error_clear(&e);
	in->b.reference = "";
	fdecode(&dec_benefit, o, r->arena, in, NULL, &e, NULL);
	if ((m = check_text(in->b.reference, 100, false, false)) != NULL)
		error_field(&e, "reference", "%s", m);
	memset(&b, 0, sizeof b);
	b.iop_covered = in->b.iop_covered;
	b.deductible_cents = in->b.deductible_cents;
	b.deductible_met_cents = in->b.deductible_met_cents;
	b.copay_per_day_cents = in->b.copay_per_day_cents;
	b.coinsurance_bp = in->b.coinsurance_bp;
	b.oop_max_cents = in->b.oop_max_cents;
	b.oop_met_cents = in->b.oop_met_cents;
	memset(&cs, 0, sizeof cs);
	cs.rate_per_day_cents = r->app->set.rate_per_day_cents;	/* settings.c */
	cs.typical_days = r->app->set.typical_days;
	if (e.code == ERR_OK) {
		struct error ce;
		size_t i;
		error_clear(&ce);
		if (cost_estimate(&b, &cs, &est, &ce) != ERR_OK) {
			/* The core names amounts without the API's unit suffixes. */
			for (i = 0; i < ce.nfields; i++) {
				const char *f = ce.fields[i].name;
				if (strcmp(f, "coinsurance") == 0)
					error_field(&e, "coinsurance_bp", "%s", ce.fields[i].msg);
				else if (strcmp(f, "rate_per_day") == 0 ||
				    strcmp(f, "typical_days") == 0 || strcmp(f, "days_per_week") == 0)
					error_set(&e, ERR_STORE, "The program's rate settings are "
					    "invalid: %s", f);
				else
					error_field(&e, arena_printf(r->arena, "%s_cents", f), "%s",
					    ce.fields[i].msg);
			}
			if (ce.nfields == 0)
				e = ce;
		}
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->b.rate_per_day_cents = cs.rate_per_day_cents;
	in->b.est_first_day_cents = est.first_day_cents;
	in->b.est_week_cents = est.typical_week_cents;
	in->b.est_stay_cents = est.typical_stay_cents;
	in->b.est_days_stay = est.days_stay;
	req_op(r, op_benefit_create_run, in, benefit_after);
}

#define AU(m) offsetof(struct authorization_create_in, au.m)
static const struct fdef authorization_fields[] = {
	{ .name = "number", .kind = FK_TEXT, .off = AU(number) },
	{ .name = "level", .kind = FK_TEXT, .off = AU(level) },
	{ .name = "days_authorized", .kind = FK_INT32, .off = AU(days_authorized),
	  .flags = FD_REQUIRED, .min = 1, .max = 365 },
	{ .name = "start_date", .kind = FK_DATE_TEXT, .off = AU(start_date),
	  .flags = FD_REQUIRED },
	{ .name = "end_date", .kind = FK_DATE_TEXT, .off = AU(end_date), .flags = FD_REQUIRED },
	{ .name = "next_review", .kind = FK_DATE_TEXT, .off = AU(next_review), .flags = FD_NULL },
};
#undef AU
const struct fdecoder dec_authorization = FDECODER("authorization",
    struct authorization_create_in, authorization_fields);

void
h_authorization_create(struct req *r)
{
	struct authorization_create_in *in;
	const char *m;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	in->au.coverage_id = r->ids[0];
	error_clear(&e);
	in->au.number = in->au.level = "";
	in->au.start_date = in->au.end_date = in->au.next_review = "";
	fdecode(&dec_authorization, o, r->arena, in, NULL, &e, NULL);
	if ((m = check_text(in->au.number, 50, true, false)) != NULL)
		error_field(&e, "number", "%s", m);
	if (level_find(in->au.level) == NULL)
		error_field(&e, "level", "must be a level of care code such as 2.1");
	if (*in->au.start_date && *in->au.end_date && strcmp(in->au.end_date, in->au.start_date) < 0)
		error_field(&e, "end_date", "must not be before the start date");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_authorization_create_run, in, authorization_after);
}

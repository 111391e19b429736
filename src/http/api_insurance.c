/*
 * api_insurance.c — coverages, benefit verifications with the client's
 * estimated cost, and payer authorisations.
 *
 * Money is whole cents in and out.  The estimate comes from the core
 * (src/core/cost.c) with the program's rate per IOP day and typical stay,
 * settings IOP_RATE_PER_DAY_CENTS (default 25000) and IOP_TYPICAL_DAYS
 * (default 24); it is stored with the check, as it was when checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cost.h"
#include "core/placement.h"
#include "core/validate.h"
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

/* An optional date field kept as text; "" when absent. */
static const char *
date_field(json_t *o, const char *key, struct req *r, struct error *e, bool required)
{
	const char *s = NULL;
	struct date d;

	if (!jfield_str(o, key, r->arena, &s, e, NULL))
		return "";
	if (s == NULL || *s == '\0') {
		if (required)
			error_field(e, key, "is required");
		return "";
	}
	if (!date_parse(s, &d)) {
		error_field(e, key, "must be a real date written YYYY-MM-DD");
		return "";
	}
	return s;
}

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

static const char *const coverage_keys[] = {
	"rank", "payer", "plan", "member_id", "group_number", "subscriber_name",
	"subscriber_dob", "relationship", "start_date", "end_date", NULL
};

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
	in->c.subscriber_name = "";
	in->c.relationship = "self";
	json_only_keys(o, coverage_keys, &e, NULL);
	jfield_str(o, "rank", r->arena, &in->c.rank, &e, NULL);
	jfield_str(o, "payer", r->arena, &in->c.payer, &e, NULL);
	jfield_str(o, "plan", r->arena, &in->c.plan, &e, NULL);
	jfield_str(o, "member_id", r->arena, &in->c.member_id, &e, NULL);
	jfield_str(o, "group_number", r->arena, &in->c.group_number, &e, NULL);
	jfield_str(o, "subscriber_name", r->arena, &in->c.subscriber_name, &e, NULL);
	jfield_str(o, "relationship", r->arena, &in->c.relationship, &e, NULL);
	in->c.subscriber_dob = date_field(o, "subscriber_dob", r, &e, false);
	in->c.start_date = date_field(o, "start_date", r, &e, false);
	in->c.end_date = date_field(o, "end_date", r, &e, false);
	if (coverage_check(&in->c, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_coverage_create_run, in, coverage_after);
}

static const char *const benefit_keys[] = {
	"iop_covered", "deductible_cents", "deductible_met_cents", "copay_per_day_cents",
	"coinsurance_bp", "oop_max_cents", "oop_met_cents", "prior_auth_required", "reference",
	NULL
};

void
h_benefit_create(struct req *r)
{
	struct benefit_create_in *in;
	struct benefits b;
	struct cost_settings cs;
	struct cost_estimate est;
	const char *m;
	int64_t v;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	in->b.coverage_id = r->ids[0];
	error_clear(&e);
	in->b.reference = "";
	json_only_keys(o, benefit_keys, &e, NULL);
	if (json_object_get(o, "iop_covered") == NULL)
		error_field(&e, "iop_covered", "is required");
	jfield_bool(o, "iop_covered", &in->b.iop_covered, &e, NULL);
	jfield_bool(o, "prior_auth_required", &in->b.prior_auth_required, &e, NULL);
	jfield_str(o, "reference", r->arena, &in->b.reference, &e, NULL);
	if ((m = check_text(in->b.reference, 100, false, false)) != NULL)
		error_field(&e, "reference", "%s", m);
#define CENTS(k) (v = 0, jfield_int(o, #k, 0, COST_AMOUNT_MAX_CENTS, &v, &e, NULL), v)
	in->b.deductible_cents = CENTS(deductible_cents);
	in->b.deductible_met_cents = CENTS(deductible_met_cents);
	in->b.copay_per_day_cents = CENTS(copay_per_day_cents);
	in->b.oop_max_cents = CENTS(oop_max_cents);
	in->b.oop_met_cents = CENTS(oop_met_cents);
	v = 0;
	jfield_int(o, "coinsurance_bp", 0, COST_BP_MAX, &v, &e, NULL);
	in->b.coinsurance_bp = (int)v;
#undef CENTS
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

static const char *const auth_keys[] = {
	"number", "level", "days_authorized", "start_date", "end_date", "next_review", NULL
};

void
h_authorization_create(struct req *r)
{
	struct authorization_create_in *in;
	const char *m;
	int64_t v = 0;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	in->au.coverage_id = r->ids[0];
	error_clear(&e);
	in->au.number = "";
	in->au.level = "";
	json_only_keys(o, auth_keys, &e, NULL);
	jfield_str(o, "number", r->arena, &in->au.number, &e, NULL);
	jfield_str(o, "level", r->arena, &in->au.level, &e, NULL);
	if ((m = check_text(in->au.number, 50, true, false)) != NULL)
		error_field(&e, "number", "%s", m);
	if (level_find(in->au.level) == NULL)
		error_field(&e, "level", "must be a level of care code such as 2.1");
	if (json_object_get(o, "days_authorized") == NULL)
		error_field(&e, "days_authorized", "is required");
	jfield_int(o, "days_authorized", 1, 365, &v, &e, NULL);
	in->au.days_authorized = (int)v;
	in->au.start_date = date_field(o, "start_date", r, &e, true);
	in->au.end_date = date_field(o, "end_date", r, &e, true);
	in->au.next_review = date_field(o, "next_review", r, &e, false);
	if (*in->au.start_date && *in->au.end_date && strcmp(in->au.end_date, in->au.start_date) < 0)
		error_field(&e, "end_date", "must not be before the start date");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_authorization_create_run, in, authorization_after);
}

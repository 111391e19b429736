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
#include "http/req.h"

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

struct ins_job {
	struct req *r;
	struct coverage c;
	struct benefit_row b;
	struct authorization au;
	int kind;	/* 0 coverage, 1 benefit, 2 authorization */
};

static enum err
ins_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct ins_job *j = arg;
	struct req *r = j->r;
	struct client cl;
	struct coverage cov;

	switch (j->kind) {
	case 0:
		if (store_tx_client_get(tx, j->c.client_id, r->arena, &cl, e) != ERR_OK ||
		    store_tx_coverage_insert(tx, &j->c, e) != ERR_OK)
			return e->code;
		r->audit[0].record_id = j->c.id;
		r->audit[0].client_id = j->c.client_id;
		return ERR_OK;
	case 1:
		if (store_tx_coverage_get(tx, r->ids[0], r->arena, &cov, e) != ERR_OK)
			return e->code;
		j->b.coverage_id = cov.id;
		j->b.client_id = cov.client_id;
		if (store_tx_benefit_insert(tx, &j->b, e) != ERR_OK)
			return e->code;
		r->audit[0].record_id = j->b.id;
		r->audit[0].client_id = cov.client_id;
		return ERR_OK;
	default:
		if (store_tx_coverage_get(tx, r->ids[0], r->arena, &cov, e) != ERR_OK)
			return e->code;
		j->au.coverage_id = cov.id;
		j->au.client_id = cov.client_id;
		if (store_tx_authorization_insert(tx, &j->au, e) != ERR_OK)
			return e->code;
		r->audit[0].record_id = j->au.id;
		r->audit[0].client_id = cov.client_id;
		return ERR_OK;
	}
}

static void
ins_after(struct req *r)
{
	struct ins_job *j = r->run_arg;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else if (j->kind == 0)
		reply_json(r, 201, coverage_to_json(&j->c));
	else if (j->kind == 1) {
		j->b.checked_by_name = r->sess.username;
		reply_json(r, 201, benefit_to_json(&j->b));
	} else
		reply_json(r, 201, authorization_to_json(&j->au));
}

static const char *const coverage_keys[] = {
	"rank", "payer", "plan", "member_id", "group_number", "subscriber_name",
	"subscriber_dob", "relationship", "start_date", "end_date", NULL
};

bool
coverage_relationship_ok(const char *rel)
{
	static const char *const rels[] = { "self", "spouse", "child", "other", NULL };
	const char *const *p;

	for (p = rels; *p && (rel == NULL || strcmp(*p, rel) != 0); p++)
		;
	return *p != NULL;
}

enum err
coverage_check(const struct coverage *c, struct error *e)
{
	const char *m;

	if (strcmp(c->rank, "primary") != 0 && strcmp(c->rank, "secondary") != 0)
		error_field(e, "rank", "must be primary or secondary");
	if ((m = check_text(c->payer, 100, true, false)) != NULL)
		error_field(e, "payer", "%s", m);
	if ((m = check_text(c->plan, 100, false, false)) != NULL)
		error_field(e, "plan", "%s", m);
	if ((m = check_text(c->member_id, 50, true, false)) != NULL)
		error_field(e, "member_id", "%s", m);
	if ((m = check_text(c->group_number, 50, false, false)) != NULL)
		error_field(e, "group_number", "%s", m);
	if ((m = check_text(c->subscriber_name, 100, false, false)) != NULL)
		error_field(e, "subscriber_name", "%s", m);
	if (!coverage_relationship_ok(c->relationship))
		error_field(e, "relationship", "must be one of self, spouse, child, other");
	if (*c->start_date && *c->end_date && strcmp(c->end_date, c->start_date) < 0)
		error_field(e, "end_date", "must not be before the start date");
	return e->code;
}

void
h_coverage_create(struct req *r)
{
	struct ins_job *j = arena_alloc(r->arena, sizeof *j);
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->c.client_id = r->ids[0];
	j->c.rank = "primary";
	j->c.payer = j->c.plan = j->c.member_id = j->c.group_number = "";
	j->c.subscriber_name = "";
	j->c.relationship = "self";
	json_only_keys(o, coverage_keys, &e, NULL);
	jfield_str(o, "rank", r->arena, &j->c.rank, &e, NULL);
	jfield_str(o, "payer", r->arena, &j->c.payer, &e, NULL);
	jfield_str(o, "plan", r->arena, &j->c.plan, &e, NULL);
	jfield_str(o, "member_id", r->arena, &j->c.member_id, &e, NULL);
	jfield_str(o, "group_number", r->arena, &j->c.group_number, &e, NULL);
	jfield_str(o, "subscriber_name", r->arena, &j->c.subscriber_name, &e, NULL);
	jfield_str(o, "relationship", r->arena, &j->c.relationship, &e, NULL);
	j->c.subscriber_dob = date_field(o, "subscriber_dob", r, &e, false);
	j->c.start_date = date_field(o, "start_date", r, &e, false);
	j->c.end_date = date_field(o, "end_date", r, &e, false);
	if (coverage_check(&j->c, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, ins_run, j, ins_after);
}

static const char *const benefit_keys[] = {
	"iop_covered", "deductible_cents", "deductible_met_cents", "copay_per_day_cents",
	"coinsurance_bp", "oop_max_cents", "oop_met_cents", "prior_auth_required", "reference",
	NULL
};

static int64_t
env_cents(const char *name, int64_t def)
{
	const char *v = getenv(name);
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return def;
	n = strtoll(v, &end, 10);
	return *end == '\0' && n > 0 ? n : def;
}

void
h_benefit_create(struct req *r)
{
	struct ins_job *j = arena_alloc(r->arena, sizeof *j);
	struct benefits b;
	struct cost_settings cs;
	struct cost_estimate est;
	const char *m;
	int64_t v;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->kind = 1;
	j->b.reference = "";
	json_only_keys(o, benefit_keys, &e, NULL);
	if (json_object_get(o, "iop_covered") == NULL)
		error_field(&e, "iop_covered", "is required");
	jfield_bool(o, "iop_covered", &j->b.iop_covered, &e, NULL);
	jfield_bool(o, "prior_auth_required", &j->b.prior_auth_required, &e, NULL);
	jfield_str(o, "reference", r->arena, &j->b.reference, &e, NULL);
	if ((m = check_text(j->b.reference, 100, false, false)) != NULL)
		error_field(&e, "reference", "%s", m);
#define CENTS(k) (v = 0, jfield_int(o, #k, 0, COST_AMOUNT_MAX_CENTS, &v, &e, NULL), v)
	j->b.deductible_cents = CENTS(deductible_cents);
	j->b.deductible_met_cents = CENTS(deductible_met_cents);
	j->b.copay_per_day_cents = CENTS(copay_per_day_cents);
	j->b.oop_max_cents = CENTS(oop_max_cents);
	j->b.oop_met_cents = CENTS(oop_met_cents);
	v = 0;
	jfield_int(o, "coinsurance_bp", 0, COST_BP_MAX, &v, &e, NULL);
	j->b.coinsurance_bp = (int)v;
#undef CENTS
	memset(&b, 0, sizeof b);
	b.iop_covered = j->b.iop_covered;
	b.deductible_cents = j->b.deductible_cents;
	b.deductible_met_cents = j->b.deductible_met_cents;
	b.copay_per_day_cents = j->b.copay_per_day_cents;
	b.coinsurance_bp = j->b.coinsurance_bp;
	b.oop_max_cents = j->b.oop_max_cents;
	b.oop_met_cents = j->b.oop_met_cents;
	memset(&cs, 0, sizeof cs);
	cs.rate_per_day_cents = env_cents("IOP_RATE_PER_DAY_CENTS", 25000);
	cs.typical_days = (int)env_cents("IOP_TYPICAL_DAYS", COST_TYPICAL_DAYS_DEFAULT);
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
	j->b.rate_per_day_cents = cs.rate_per_day_cents;
	j->b.est_first_day_cents = est.first_day_cents;
	j->b.est_week_cents = est.typical_week_cents;
	j->b.est_stay_cents = est.typical_stay_cents;
	j->b.est_days_stay = est.days_stay;
	j->b.checked_by = r->sess.staff_id;
	req_write(r, ins_run, j, ins_after);
}

static const char *const auth_keys[] = {
	"number", "level", "days_authorized", "start_date", "end_date", "next_review", NULL
};

void
h_authorization_create(struct req *r)
{
	struct ins_job *j = arena_alloc(r->arena, sizeof *j);
	const char *m;
	int64_t v = 0;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->kind = 2;
	j->au.number = "";
	j->au.level = "";
	json_only_keys(o, auth_keys, &e, NULL);
	jfield_str(o, "number", r->arena, &j->au.number, &e, NULL);
	jfield_str(o, "level", r->arena, &j->au.level, &e, NULL);
	if ((m = check_text(j->au.number, 50, true, false)) != NULL)
		error_field(&e, "number", "%s", m);
	if (level_find(j->au.level) == NULL)
		error_field(&e, "level", "must be a level of care code such as 2.1");
	if (json_object_get(o, "days_authorized") == NULL)
		error_field(&e, "days_authorized", "is required");
	jfield_int(o, "days_authorized", 1, 365, &v, &e, NULL);
	j->au.days_authorized = (int)v;
	j->au.start_date = date_field(o, "start_date", r, &e, true);
	j->au.end_date = date_field(o, "end_date", r, &e, true);
	j->au.next_review = date_field(o, "next_review", r, &e, false);
	if (*j->au.start_date && *j->au.end_date && strcmp(j->au.end_date, j->au.start_date) < 0)
		error_field(&e, "end_date", "must not be before the start date");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->au.created_by = r->sess.staff_id;
	req_write(r, ins_run, j, ins_after);
}

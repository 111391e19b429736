/*
 * insurance.c — coverage, benefit checks and authorizations
 * (sql/queries/insurance.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col coverage_cols[] = {
	C_INT(struct coverage, id, "id"),
	C_INT(struct coverage, client_id, "client_id"),
	C_TEXT(struct coverage, rank, "rank"),
	C_TEXT(struct coverage, payer, "payer"),
	C_TEXT(struct coverage, plan, "plan"),
	C_TEXT(struct coverage, member_id, "member_id"),
	C_TEXT(struct coverage, group_number, "group_number"),
	C_TEXT(struct coverage, subscriber_name, "subscriber_name"),
	C_TEXT(struct coverage, subscriber_dob, "subscriber_dob"),
	C_TEXT(struct coverage, relationship, "relationship"),
	C_TEXT(struct coverage, start_date, "start_date"),
	C_TEXT(struct coverage, end_date, "end_date"),
	C_INT(struct coverage, created_at, "created_at"),
};
static const enum sql_query coverage_queries[] = {
	Q_coverage_by_id,
	Q_coverage_by_client,
};
const struct row_table coverage_rows = ROW_TABLE(struct coverage, "coverage", coverage_cols,
    coverage_queries);

static const struct col benefit_cols[] = {
	C_INT(struct benefit_row, id, "id"),
	C_INT(struct benefit_row, coverage_id, "coverage_id"),
	C_INT(struct benefit_row, client_id, "client_id"),
	C_BOOL(struct benefit_row, iop_covered, "iop_covered"),
	C_INT(struct benefit_row, deductible_cents, "deductible_cents"),
	C_INT(struct benefit_row, deductible_met_cents, "deductible_met_cents"),
	C_INT(struct benefit_row, copay_per_day_cents, "copay_per_day_cents"),
	C_I32(struct benefit_row, coinsurance_bp, "coinsurance_bp"),
	C_INT(struct benefit_row, oop_max_cents, "oop_max_cents"),
	C_INT(struct benefit_row, oop_met_cents, "oop_met_cents"),
	C_BOOL(struct benefit_row, prior_auth_required, "prior_auth_required"),
	C_TEXT(struct benefit_row, reference, "reference"),
	C_INT(struct benefit_row, rate_per_day_cents, "rate_per_day_cents"),
	C_INT(struct benefit_row, est_first_day_cents, "est_first_day_cents"),
	C_INT(struct benefit_row, est_week_cents, "est_week_cents"),
	C_INT(struct benefit_row, est_stay_cents, "est_stay_cents"),
	C_I32(struct benefit_row, est_days_stay, "est_days_stay"),
	C_INT(struct benefit_row, checked_by, "checked_by"),
	C_TEXT(struct benefit_row, checked_by_name, "username"),
	C_INT(struct benefit_row, checked_at, "checked_at"),
};
static const enum sql_query benefit_queries[] = {
	Q_benefit_by_client,
};
const struct row_table benefit_rows = ROW_TABLE(struct benefit_row, "benefit check",
    benefit_cols, benefit_queries);

static const struct col authorization_cols[] = {
	C_INT(struct authorization, id, "id"),
	C_INT(struct authorization, coverage_id, "coverage_id"),
	C_INT(struct authorization, client_id, "client_id"),
	C_TEXT(struct authorization, number, "number"),
	C_TEXT(struct authorization, level, "level"),
	C_I32(struct authorization, days_authorized, "days_authorized"),
	C_TEXT(struct authorization, start_date, "start_date"),
	C_TEXT(struct authorization, end_date, "end_date"),
	C_TEXT(struct authorization, next_review, "next_review"),
	C_INT(struct authorization, created_by, "created_by"),
	C_INT(struct authorization, created_at, "created_at"),
};
static const enum sql_query authorization_queries[] = {
	Q_authorization_by_client,
};
const struct row_table authorization_rows = ROW_TABLE(struct authorization, "authorization",
    authorization_cols, authorization_queries);

enum err
store_coverage_list(struct store *s, int64_t client_id, struct arena *a,
    struct coverage **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_coverage_by_client, client_id, a, &coverage_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_benefit_list(struct store *s, int64_t client_id, struct arena *a,
    struct benefit_row **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_benefit_by_client, client_id, a, &benefit_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_authorization_list(struct store *s, int64_t client_id, struct arena *a,
    struct authorization **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_authorization_by_client, client_id, a, &authorization_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_coverage_get(struct store_tx *tx, int64_t id, struct arena *a, struct coverage *out,
    struct error *e)
{
	return tx_get_row(tx, Q_coverage_by_id, ARGS(A_INT(id)), a, &coverage_rows, out, e);
}

enum err
store_tx_coverage_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct coverage **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = tx_list_rows(tx, Q_coverage_by_client, ARGS(A_INT(client_id)), a,
	    &coverage_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_coverage_insert(struct store_tx *tx, struct coverage *c, struct error *e)
{
	if (tx_insert(tx, Q_coverage_insert, ARGS(A_INT(c->client_id), A_TEXT(c->rank),
	    A_TEXT(c->payer), A_TEXT(c->plan), A_TEXT(c->member_id), A_TEXT(c->group_number),
	    A_TEXT(c->subscriber_name), A_TEXT(c->subscriber_dob), A_TEXT(c->relationship),
	    A_TEXT(c->start_date), A_TEXT(c->end_date), A_INT(tx->now)), &c->id, e) != ERR_OK)
		return e->code;
	c->created_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_coverage_update(struct store_tx *tx, const struct coverage *c, struct error *e)
{
	return tx_change(tx, Q_coverage_update, ARGS(A_INT(c->id), A_TEXT(c->rank),
	    A_TEXT(c->payer), A_TEXT(c->plan), A_TEXT(c->member_id), A_TEXT(c->group_number),
	    A_TEXT(c->subscriber_name), A_TEXT(c->subscriber_dob), A_TEXT(c->relationship),
	    A_TEXT(c->start_date), A_TEXT(c->end_date)), "coverage", e);
}

enum err
store_tx_benefit_insert(struct store_tx *tx, struct benefit_row *b, struct error *e)
{
	if (tx_insert(tx, Q_benefit_insert, ARGS(A_INT(b->coverage_id), A_INT(b->client_id),
	    A_INT(b->iop_covered), A_INT(b->deductible_cents), A_INT(b->deductible_met_cents),
	    A_INT(b->copay_per_day_cents), A_INT(b->coinsurance_bp), A_INT(b->oop_max_cents),
	    A_INT(b->oop_met_cents), A_INT(b->prior_auth_required), A_TEXT(b->reference),
	    A_INT(b->rate_per_day_cents), A_INT(b->est_first_day_cents),
	    A_INT(b->est_week_cents), A_INT(b->est_stay_cents), A_INT(b->est_days_stay),
	    A_INT(b->checked_by), A_INT(tx->now)), &b->id, e) != ERR_OK)
		return e->code;
	b->checked_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_authorization_insert(struct store_tx *tx, struct authorization *au, struct error *e)
{
	if (tx_insert(tx, Q_authorization_insert, ARGS(A_INT(au->coverage_id),
	    A_INT(au->client_id), A_TEXT(au->number), A_TEXT(au->level),
	    A_INT(au->days_authorized), A_TEXT(au->start_date), A_TEXT(au->end_date),
	    A_TEXT(au->next_review), A_INT(au->created_by), A_INT(tx->now)), &au->id,
	    e) != ERR_OK)
		return e->code;
	au->created_at = tx->now;
	return ERR_OK;
}

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
	return list_by_id(s, Q_coverage_by_client, client_id, a, &coverage_rows,
	    (void **)items, n, e);
}

enum err
store_benefit_list(struct store *s, int64_t client_id, struct arena *a,
    struct benefit_row **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_benefit_by_client, client_id, a, &benefit_rows,
	    (void **)items, n, e);
}

enum err
store_authorization_list(struct store *s, int64_t client_id, struct arena *a,
    struct authorization **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_authorization_by_client, client_id, a, &authorization_rows,
	    (void **)items, n, e);
}

enum err
store_tx_coverage_get(struct store_tx *tx, int64_t id, struct arena *a, struct coverage *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_coverage_by_id);

	db_bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, &coverage_rows, out, e);
}

enum err
store_tx_coverage_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct coverage **items, size_t *n, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_coverage_by_client);

	db_bind_int(st, 1, client_id);
	return read_rows(WDB(tx), st, a, &coverage_rows, -1, (void **)items, n, NULL, e);
}

enum err
store_tx_coverage_insert(struct store_tx *tx, struct coverage *c, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_coverage_insert);

	db_bind_int(st, 1, c->client_id);
	db_bind_text(st, 2, c->rank);
	db_bind_text(st, 3, c->payer);
	db_bind_text(st, 4, c->plan);
	db_bind_text(st, 5, c->member_id);
	db_bind_text(st, 6, c->group_number);
	db_bind_text(st, 7, c->subscriber_name);
	db_bind_text(st, 8, c->subscriber_dob);
	db_bind_text(st, 9, c->relationship);
	db_bind_text(st, 10, c->start_date);
	db_bind_text(st, 11, c->end_date);
	db_bind_int(st, 12, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	c->id = db_last_id(WDB(tx));
	c->created_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_benefit_insert(struct store_tx *tx, struct benefit_row *b, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_benefit_insert);

	db_bind_int(st, 1, b->coverage_id);
	db_bind_int(st, 2, b->client_id);
	db_bind_int(st, 3, b->iop_covered);
	db_bind_int(st, 4, b->deductible_cents);
	db_bind_int(st, 5, b->deductible_met_cents);
	db_bind_int(st, 6, b->copay_per_day_cents);
	db_bind_int(st, 7, b->coinsurance_bp);
	db_bind_int(st, 8, b->oop_max_cents);
	db_bind_int(st, 9, b->oop_met_cents);
	db_bind_int(st, 10, b->prior_auth_required);
	db_bind_text(st, 11, b->reference);
	db_bind_int(st, 12, b->rate_per_day_cents);
	db_bind_int(st, 13, b->est_first_day_cents);
	db_bind_int(st, 14, b->est_week_cents);
	db_bind_int(st, 15, b->est_stay_cents);
	db_bind_int(st, 16, b->est_days_stay);
	db_bind_int(st, 17, b->checked_by);
	db_bind_int(st, 18, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	b->id = db_last_id(WDB(tx));
	b->checked_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_authorization_insert(struct store_tx *tx, struct authorization *au, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_authorization_insert);

	db_bind_int(st, 1, au->coverage_id);
	db_bind_int(st, 2, au->client_id);
	db_bind_text(st, 3, au->number);
	db_bind_text(st, 4, au->level);
	db_bind_int(st, 5, au->days_authorized);
	db_bind_text(st, 6, au->start_date);
	db_bind_text(st, 7, au->end_date);
	db_bind_text(st, 8, au->next_review);
	db_bind_int(st, 9, au->created_by);
	db_bind_int(st, 10, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	au->id = db_last_id(WDB(tx));
	au->created_at = tx->now;
	return ERR_OK;
}

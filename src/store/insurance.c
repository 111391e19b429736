/*
 * insurance.c — coverage, benefit checks and authorizations
 * (sql/queries/insurance.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "store/store_int.h"
#include "lib/timeutil.h"

static void
row_coverage(struct db_stmt *st, struct arena *a, struct coverage *c)
{
	memset(c, 0, sizeof *c);
	c->id = db_col_int(st, 0);
	c->client_id = db_col_int(st, 1);
	c->rank = col_text(st, 2, a);
	c->payer = col_text(st, 3, a);
	c->plan = col_text(st, 4, a);
	c->member_id = col_text(st, 5, a);
	c->group_number = col_text(st, 6, a);
	c->subscriber_name = col_text(st, 7, a);
	c->subscriber_dob = col_text(st, 8, a);
	c->relationship = col_text(st, 9, a);
	c->start_date = col_text(st, 10, a);
	c->end_date = col_text(st, 11, a);
	c->created_at = db_col_int(st, 12);
}

static void
row_benefit(struct db_stmt *st, struct arena *a, struct benefit_row *b)
{
	memset(b, 0, sizeof *b);
	b->id = db_col_int(st, 0);
	b->coverage_id = db_col_int(st, 1);
	b->client_id = db_col_int(st, 2);
	b->iop_covered = db_col_int(st, 3) != 0;
	b->deductible_cents = db_col_int(st, 4);
	b->deductible_met_cents = db_col_int(st, 5);
	b->copay_per_day_cents = db_col_int(st, 6);
	b->coinsurance_bp = (int)db_col_int(st, 7);
	b->oop_max_cents = db_col_int(st, 8);
	b->oop_met_cents = db_col_int(st, 9);
	b->prior_auth_required = db_col_int(st, 10) != 0;
	b->reference = col_text(st, 11, a);
	b->rate_per_day_cents = db_col_int(st, 12);
	b->est_first_day_cents = db_col_int(st, 13);
	b->est_week_cents = db_col_int(st, 14);
	b->est_stay_cents = db_col_int(st, 15);
	b->est_days_stay = (int)db_col_int(st, 16);
	b->checked_by = db_col_int(st, 17);
	b->checked_by_name = col_text(st, 18, a);
	b->checked_at = db_col_int(st, 19);
}

static void
row_authorization(struct db_stmt *st, struct arena *a, struct authorization *au)
{
	memset(au, 0, sizeof *au);
	au->id = db_col_int(st, 0);
	au->coverage_id = db_col_int(st, 1);
	au->client_id = db_col_int(st, 2);
	au->number = col_text(st, 3, a);
	au->level = col_text(st, 4, a);
	au->days_authorized = (int)db_col_int(st, 5);
	au->start_date = col_text(st, 6, a);
	au->end_date = col_text(st, 7, a);
	au->next_review = col_text(st, 8, a);
	au->created_by = db_col_int(st, 9);
	au->created_at = db_col_int(st, 10);
}

enum err
store_coverage_list(struct store *s, int64_t client_id, struct arena *a,
    struct coverage **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_coverage_by_client, client_id, a, sizeof **items,
	    (row_fn)row_coverage, (void **)items, n, e);
}

enum err
store_benefit_list(struct store *s, int64_t client_id, struct arena *a,
    struct benefit_row **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_benefit_by_client, client_id, a, sizeof **items,
	    (row_fn)row_benefit, (void **)items, n, e);
}

enum err
store_authorization_list(struct store *s, int64_t client_id, struct arena *a,
    struct authorization **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_authorization_by_client, client_id, a, sizeof **items,
	    (row_fn)row_authorization, (void **)items, n, e);
}

enum err
store_tx_coverage_get(struct store_tx *tx, int64_t id, struct arena *a, struct coverage *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_coverage_by_id);

	db_bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_coverage, out, "coverage", e);
}

enum err
store_tx_coverage_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct coverage **items, size_t *n, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_coverage_by_client);

	db_bind_int(st, 1, client_id);
	return read_rows(WDB(tx), st, a, sizeof **items, (row_fn)row_coverage, -1,
	    (void **)items, n, NULL, e);
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

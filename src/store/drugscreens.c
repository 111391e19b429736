/*
 * drugscreens.c — a client's medications and drug screens, with the earlier
 * versions each change keeps (sql/queries/drugscreens.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"
#include "store/drugscreens.h"

static const struct col medication_cols[] = {
	C_INT(struct medication, id, "id"),
	C_INT(struct medication, client_id, "client_id"),
	C_TEXT(struct medication, name, "name"),
	C_TEXT(struct medication, mat, "mat"),
	C_TEXT(struct medication, expected, "expected"),
	C_TEXT(struct medication, dose, "dose"),
	C_INT(struct medication, prescriber_id, "prescriber_id"),
	C_TEXT(struct medication, prescriber_name, "prescriber_name"),
	C_TEXT(struct medication, start_date, "start_date"),
	C_TEXT(struct medication, stop_date, "stop_date"),
	C_BOOL(struct medication, entered_in_error, "entered_in_error"),
	C_TEXT(struct medication, error_reason, "error_reason"),
	C_INT(struct medication, created_by, "created_by"),
	C_INT(struct medication, created_at, "created_at"),
	C_INT(struct medication, changed_by, "changed_by"),
	C_INT(struct medication, changed_at, "changed_at"),
	C_TEXT(struct medication, prescriber_staff_name, "prescriber_staff_name"),
	C_TEXT(struct medication, created_by_name, "created_by_name"),
	C_INT(struct medication, revisions, "revisions"),
};
static const enum sql_query medication_queries[] = {
	Q_medication_by_client,
	Q_medication_by_id,
};
const struct row_table medication_rows = ROW_TABLE(struct medication, "medication",
    medication_cols, medication_queries);

static const struct col medication_rev_cols[] = {
	C_INT(struct medication_revision, id, "id"),
	C_INT(struct medication_revision, medication_id, "medication_id"),
	C_TEXT(struct medication_revision, name, "name"),
	C_TEXT(struct medication_revision, mat, "mat"),
	C_TEXT(struct medication_revision, dose, "dose"),
	C_INT(struct medication_revision, prescriber_id, "prescriber_id"),
	C_TEXT(struct medication_revision, prescriber_name, "prescriber_name"),
	C_TEXT(struct medication_revision, start_date, "start_date"),
	C_TEXT(struct medication_revision, stop_date, "stop_date"),
	C_BOOL(struct medication_revision, entered_in_error, "entered_in_error"),
	C_TEXT(struct medication_revision, error_reason, "error_reason"),
	C_INT(struct medication_revision, was_changed_by, "was_changed_by"),
	C_INT(struct medication_revision, was_changed_at, "was_changed_at"),
	C_INT(struct medication_revision, replaced_by, "replaced_by"),
	C_INT(struct medication_revision, replaced_at, "replaced_at"),
	C_TEXT(struct medication_revision, prescriber_staff_name, "prescriber_staff_name"),
	C_TEXT(struct medication_revision, was_changed_by_name, "was_changed_by_name"),
	C_TEXT(struct medication_revision, replaced_by_name, "replaced_by_name"),
};
static const enum sql_query medication_rev_queries[] = {
	Q_medication_history,
};
const struct row_table medication_rev_rows = ROW_TABLE(struct medication_revision,
    "medication revision", medication_rev_cols, medication_rev_queries);

static const struct col dscreen_cols[] = {
	C_INT(struct drug_screen, id, "id"),
	C_INT(struct drug_screen, client_id, "client_id"),
	C_INT(struct drug_screen, collected_at, "collected_at"),
	C_TEXT(struct drug_screen, method, "method"),
	C_TEXT(struct drug_screen, panel, "panel"),
	C_TEXT(struct drug_screen, status, "status"),
	C_BOOL(struct drug_screen, observed, "observed"),
	C_TEXT(struct drug_screen, results, "results"),
	C_TEXT(struct drug_screen, expected, "expected"),
	C_TEXT(struct drug_screen, unexpected, "unexpected"),
	C_INT(struct drug_screen, task_id, "task_id"),
	C_INT(struct drug_screen, recorded_by, "recorded_by"),
	C_INT(struct drug_screen, recorded_at, "recorded_at"),
	C_INT(struct drug_screen, resulted_by, "resulted_by"),
	C_INT(struct drug_screen, resulted_at, "resulted_at"),
	C_TEXT(struct drug_screen, recorded_by_name, "recorded_by_name"),
	C_TEXT(struct drug_screen, resulted_by_name, "resulted_by_name"),
	C_INT(struct drug_screen, revisions, "revisions"),
	C_BOOL(struct drug_screen, entered_in_error, "entered_in_error"),
	C_TEXT(struct drug_screen, error_reason, "error_reason"),
	C_INT(struct drug_screen, error_by, "error_by"),
	C_INT(struct drug_screen, error_at, "error_at"),
	C_TEXT(struct drug_screen, error_by_name, "error_by_name"),
};
static const enum sql_query dscreen_queries[] = {
	Q_dscreen_by_client,
	Q_dscreen_by_id,
};
const struct row_table dscreen_rows = ROW_TABLE(struct drug_screen, "drug screen",
    dscreen_cols, dscreen_queries);

static const struct col dscreen_rev_cols[] = {
	C_INT(struct dscreen_revision, id, "id"),
	C_INT(struct dscreen_revision, drug_screen_id, "drug_screen_id"),
	C_TEXT(struct dscreen_revision, results, "results"),
	C_TEXT(struct dscreen_revision, expected, "expected"),
	C_TEXT(struct dscreen_revision, unexpected, "unexpected"),
	C_INT(struct dscreen_revision, resulted_by, "resulted_by"),
	C_INT(struct dscreen_revision, resulted_at, "resulted_at"),
	C_INT(struct dscreen_revision, replaced_by, "replaced_by"),
	C_INT(struct dscreen_revision, replaced_at, "replaced_at"),
	C_TEXT(struct dscreen_revision, resulted_by_name, "resulted_by_name"),
	C_TEXT(struct dscreen_revision, replaced_by_name, "replaced_by_name"),
};
static const enum sql_query dscreen_rev_queries[] = {
	Q_dscreen_history,
};
const struct row_table dscreen_rev_rows = ROW_TABLE(struct dscreen_revision,
    "drug screen revision", dscreen_rev_cols, dscreen_rev_queries);

enum err
store_medication_list(struct store *s, int64_t client_id, struct arena *a,
    struct medication **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_medication_by_client, client_id, a, &medication_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_medication_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct medication **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = tx_list_rows(tx, Q_medication_by_client, ARGS(A_INT(client_id)), a,
	    &medication_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_medication_get(struct store *s, int64_t id, struct arena *a, struct medication *out,
    struct error *e)
{
	return get_row(s, Q_medication_by_id, ARGS(A_INT(id)), a, &medication_rows, out, e);
}

enum err
store_medication_history(struct store *s, int64_t id, struct arena *a,
    struct medication_revision **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_medication_history, id, a, &medication_rev_rows, &tmp, n,
	    e);

	*items = tmp;
	return rc;
}

enum err
store_tx_medication_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct medication *out, struct error *e)
{
	return tx_get_row(tx, Q_medication_by_id, ARGS(A_INT(id)), a, &medication_rows, out, e);
}

enum err
store_tx_medication_insert(struct store_tx *tx, struct medication *m, struct error *e)
{
	return tx_insert(tx, Q_medication_insert, ARGS(A_INT(m->client_id), A_TEXT(m->name),
	    A_TEXT(m->mat), A_TEXT(m->expected), A_TEXT(m->dose), A_INT(m->prescriber_id),
	    A_TEXT(m->prescriber_name), A_TEXT(m->start_date), A_TEXT(m->stop_date),
	    A_INT(m->entered_in_error), A_TEXT(m->error_reason), A_INT(m->created_by),
	    A_INT(tx->now)), &m->id, e);
}

enum err
store_tx_medication_update(struct store_tx *tx, const struct medication *m, int64_t by,
    struct error *e)
{
	if (tx_exec(tx, Q_medication_revise, ARGS(A_INT(m->id), A_INT(by), A_INT(tx->now)),
	    e) != ERR_OK)
		return e->code;
	return tx_change(tx, Q_medication_update, ARGS(A_INT(m->id), A_TEXT(m->name),
	    A_TEXT(m->mat), A_TEXT(m->expected), A_TEXT(m->dose), A_INT(m->prescriber_id),
	    A_TEXT(m->prescriber_name), A_TEXT(m->start_date), A_TEXT(m->stop_date),
	    A_INT(m->entered_in_error), A_TEXT(m->error_reason), A_INT(by), A_INT(tx->now)),
	    "medication", e);
}

enum err
store_dscreen_list(struct store *s, int64_t client_id, struct arena *a,
    struct drug_screen **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_dscreen_by_client, client_id, a, &dscreen_rows, &tmp, n,
	    e);

	*items = tmp;
	return rc;
}

enum err
store_tx_dscreen_get(struct store_tx *tx, int64_t id, struct arena *a, struct drug_screen *out,
    struct error *e)
{
	return tx_get_row(tx, Q_dscreen_by_id, ARGS(A_INT(id)), a, &dscreen_rows, out, e);
}

enum err
store_tx_dscreen_insert(struct store_tx *tx, struct drug_screen *d, struct error *e)
{
	return tx_insert(tx, Q_dscreen_insert, ARGS(A_INT(d->client_id), A_INT(d->collected_at),
	    A_TEXT(d->method), A_INT(d->observed), A_TEXT(d->panel), A_TEXT(d->status),
	    A_TEXT(d->results), A_TEXT(d->expected), A_TEXT(d->unexpected),
	    A_INT(d->recorded_by), A_INT(tx->now), A_INT(d->resulted_by),
	    A_INT(d->resulted_at)), &d->id, e);
}

enum err
store_tx_dscreen_results(struct store_tx *tx, const struct drug_screen *d, int64_t by,
    struct error *e)
{
	if (tx_exec(tx, Q_dscreen_revise, ARGS(A_INT(d->id), A_INT(by), A_INT(tx->now)), e) !=
	    ERR_OK)
		return e->code;
	return tx_change(tx, Q_dscreen_results_set, ARGS(A_INT(d->id), A_TEXT(d->results),
	    A_TEXT(d->expected), A_TEXT(d->unexpected), A_INT(by), A_INT(tx->now)),
	    "drug screen", e);
}

enum err
store_tx_dscreen_error(struct store_tx *tx, int64_t id, const char *reason, int64_t by,
    struct error *e)
{
	return tx_change(tx, Q_dscreen_error_set, ARGS(A_INT(id), A_TEXT(reason), A_INT(by),
	    A_INT(tx->now)), "drug screen", e);
}

enum err
store_tx_dscreen_task(struct store_tx *tx, int64_t id, int64_t task_id, struct error *e)
{
	return tx_change(tx, Q_dscreen_task_set, ARGS(A_INT(id), A_INT(task_id)), "drug screen",
	    e);
}

enum err
store_dscreen_get(struct store *s, int64_t id, struct arena *a, struct drug_screen *out,
    struct error *e)
{
	return get_row(s, Q_dscreen_by_id, ARGS(A_INT(id)), a, &dscreen_rows, out, e);
}

enum err
store_dscreen_history(struct store *s, int64_t id, struct arena *a,
    struct dscreen_revision **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_dscreen_history, id, a, &dscreen_rev_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

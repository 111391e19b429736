/*
 * aftercare.c — the aftercare plan's rows (sql/queries/aftercare.sql): a
 * version, and its support groups and medications, replaced whole by each
 * edit of a draft.
 *
 * This file must not know about HTTP or print health information.
 */
#include <string.h>

#include "store/aftercare.h"
#include "store/store_int.h"

static const struct col aftercare_cols[] = {
	C_INT(struct aftercare, id, "id"),
	C_INT(struct aftercare, episode_id, "episode_id"),
	C_INT(struct aftercare, client_id, "client_id"),
	C_I32(struct aftercare, version, "version"),
	C_I32(struct aftercare, latest_version, "latest_version"),
	C_TEXT(struct aftercare, status, "status"),
	C_TEXT(struct aftercare, provider_name, "provider_name"),
	C_TEXT(struct aftercare, provider_phone, "provider_phone"),
	C_TEXT(struct aftercare, provider_address, "provider_address"),
	C_TEXT(struct aftercare, first_appt_date, "first_appt_date"),
	C_TEXT(struct aftercare, first_appt_time, "first_appt_time"),
	C_TEXT(struct aftercare, first_appt_with, "first_appt_with"),
	C_TEXT(struct aftercare, sober_status, "sober_status"),
	C_TEXT(struct aftercare, sober_name, "sober_name"),
	C_TEXT(struct aftercare, sober_address, "sober_address"),
	C_TEXT(struct aftercare, sober_move_in, "sober_move_in"),
	C_TEXT(struct aftercare, crisis_warning_signs, "crisis_warning_signs"),
	C_TEXT(struct aftercare, crisis_coping, "crisis_coping"),
	C_TEXT(struct aftercare, crisis_people, "crisis_people"),
	C_TEXT(struct aftercare, notes, "notes"),
	C_INT(struct aftercare, created_by, "created_by"),
	C_INT(struct aftercare, created_at, "created_at"),
	C_INT(struct aftercare, updated_by, "updated_by"),
	C_INT(struct aftercare, updated_at, "updated_at"),
	C_TEXT(struct aftercare, client_signed_name, "client_signed_name"),
	C_INT(struct aftercare, client_signed_at, "client_signed_at"),
	C_INT(struct aftercare, witness_id, "witness_id"),
	C_TEXT(struct aftercare, updated_by_name, "updated_by_name"),
	C_TEXT(struct aftercare, witness_name, "witness_name"),
};
static const enum sql_query aftercare_queries[] = { Q_aftercare_by_id,
	Q_aftercare_latest_by_episode, Q_aftercare_by_client };
const struct row_table aftercare_rows = ROW_TABLE(struct aftercare, "aftercare plan",
    aftercare_cols, aftercare_queries);

/* An episode's versions as a plan lists them: which, and whether signed
 * (not the health text of each). */
static const struct col ac_version_cols[] = {
	C_INT(struct aftercare, id, "id"),
	C_I32(struct aftercare, version, "version"),
	C_TEXT(struct aftercare, status, "status"),
	C_INT(struct aftercare, client_signed_at, "client_signed_at"),
};
static const enum sql_query ac_version_queries[] = { Q_aftercare_versions };
const struct row_table ac_version_rows = ROW_TABLE(struct aftercare, "aftercare plan version",
    ac_version_cols, ac_version_queries);

static const struct col ac_group_cols[] = {
	C_TEXT(struct ac_support_group, kind, "kind"),
	C_TEXT(struct ac_support_group, details, "details"),
};
static const enum sql_query ac_group_queries[] = { Q_aftercare_groups };
const struct row_table ac_group_rows = ROW_TABLE(struct ac_support_group,
    "aftercare support group", ac_group_cols, ac_group_queries);

static const struct col ac_med_cols[] = {
	C_INT(struct ac_medication, medication_id, "medication_id"),
	C_TEXT(struct ac_medication, name, "name"),
	C_TEXT(struct ac_medication, mat, "mat"),
	C_TEXT(struct ac_medication, prescriber, "prescriber"),
	C_TEXT(struct ac_medication, next_step, "next_step"),
};
static const enum sql_query ac_med_queries[] = { Q_aftercare_meds, Q_aftercare_meds_current };
const struct row_table ac_med_rows = ROW_TABLE(struct ac_medication, "aftercare medication",
    ac_med_cols, ac_med_queries);

/* p's lists, on tx or (NULL) the read connection. */
static enum err
lists(struct store *s, struct store_tx *tx, struct aftercare *p, struct arena *a,
    struct error *e)
{
	void *g, *m;

	if (list_by_id_in(s, tx, Q_aftercare_groups, p->id, &ac_group_rows, a, &g, &p->ngroups,
	    e) != ERR_OK ||
	    list_by_id_in(s, tx, Q_aftercare_meds, p->id, &ac_med_rows, a, &m, &p->nmeds, e) !=
	    ERR_OK)
		return e->code;
	p->groups = g;
	p->meds = m;
	return ERR_OK;
}

/* The one plan query q answers for id, with its lists: on the writer's
 * transaction tx, or on the read connection when tx is NULL. */
static enum err
plan_get(struct store *s, struct store_tx *tx, enum sql_query q, int64_t id, struct arena *a,
    struct aftercare *out, struct error *e)
{
	enum err rc;

	memset(out, 0, sizeof *out);
	rc = tx != NULL ? tx_get_row(tx, q, ARGS(A_INT(id)), a, &aftercare_rows, out, e) :
	    get_row(s, q, ARGS(A_INT(id)), a, &aftercare_rows, out, e);
	if (rc != ERR_OK)
		return rc;
	return lists(s, tx, out, a, e);
}

enum err
store_aftercare_get(struct store *s, int64_t id, struct arena *a, struct aftercare *out,
    struct error *e)
{
	return plan_get(s, NULL, Q_aftercare_by_id, id, a, out, e);
}

enum err
store_tx_aftercare_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct aftercare *out, struct error *e)
{
	return plan_get(tx->s, tx, Q_aftercare_by_id, id, a, out, e);
}

enum err
store_aftercare_latest(struct store *s, int64_t episode_id, struct arena *a,
    struct aftercare *out, struct error *e)
{
	return plan_get(s, NULL, Q_aftercare_latest_by_episode, episode_id, a, out, e);
}

enum err
store_tx_aftercare_latest(struct store_tx *tx, int64_t episode_id, struct arena *a,
    struct aftercare *out, struct error *e)
{
	return plan_get(tx->s, tx, Q_aftercare_latest_by_episode, episode_id, a, out, e);
}

enum err
store_aftercare_versions(struct store *s, int64_t episode_id, struct arena *a,
    struct aftercare **items, size_t *n, struct error *e)
{
	void *v;

	if (list_by_id_in(s, NULL, Q_aftercare_versions, episode_id, &ac_version_rows, a, &v, n,
	    e) != ERR_OK)
		return e->code;
	*items = v;
	return ERR_OK;
}

enum err
store_aftercare_by_client(struct store *s, int64_t client_id, struct arena *a,
    struct aftercare **items, size_t *n, struct error *e)
{
	void *v;

	if (list_by_id_in(s, NULL, Q_aftercare_by_client, client_id, &aftercare_rows, a, &v, n,
	    e) != ERR_OK)
		return e->code;
	*items = v;
	for (size_t i = 0; i < *n; i++)
		if (lists(s, NULL, &(*items)[i], a, e) != ERR_OK)
			return e->code;
	return ERR_OK;
}

enum err
store_tx_aftercare_meds_current(struct store_tx *tx, int64_t client_id, const char *day,
    struct arena *a, struct ac_medication **items, size_t *n, struct error *e)
{
	void *v;

	if (tx_list_rows(tx, Q_aftercare_meds_current, ARGS(A_INT(client_id), A_TEXT(day)), a,
	    &ac_med_rows, &v, n, e) != ERR_OK)
		return e->code;
	*items = v;
	return ERR_OK;
}

enum err
store_tx_aftercare_med_of_client(struct store_tx *tx, int64_t id, int64_t client_id,
    bool *yes, struct error *e)
{
	int64_t k = 0;

	if (tx_int(tx, Q_aftercare_med_of_client, id, client_id, &k, "reading a medication",
	    e) != ERR_OK)
		return e->code;
	*yes = k > 0;
	return ERR_OK;
}

/* p's lists written under p->id (the old ones cleared first). */
static enum err
lists_write(struct store_tx *tx, const struct aftercare *p, struct error *e)
{
	if (tx_exec(tx, Q_aftercare_groups_clear, ARGS(A_INT(p->id)), e) != ERR_OK ||
	    tx_exec(tx, Q_aftercare_meds_clear, ARGS(A_INT(p->id)), e) != ERR_OK)
		return e->code;
	for (size_t i = 0; i < p->ngroups; i++)
		if (tx_exec(tx, Q_aftercare_group_insert, ARGS(A_INT(p->id), A_INT(i),
		    A_TEXT(p->groups[i].kind), A_TEXT(p->groups[i].details ?
		    p->groups[i].details : "")), e) != ERR_OK)
			return e->code;
	for (size_t i = 0; i < p->nmeds; i++) {
		const struct ac_medication *m = &p->meds[i];

		if (tx_exec(tx, Q_aftercare_med_insert, ARGS(A_INT(p->id), A_INT(i),
		    A_INT(m->medication_id), A_TEXT(m->name), A_TEXT(m->mat ? m->mat : ""),
		    A_TEXT(m->prescriber ? m->prescriber : ""),
		    A_TEXT(m->next_step ? m->next_step : "")), e) != ERR_OK)
			return e->code;
	}
	return ERR_OK;
}

#define T(x) A_TEXT((x) ? (x) : "")

enum err
store_tx_aftercare_insert(struct store_tx *tx, struct aftercare *p, struct error *e)
{
	enum db_rc rc = tx_step(tx, Q_aftercare_insert, ARGS(A_INT(p->episode_id),
	    A_INT(p->client_id), A_INT(p->version), T(p->provider_name), T(p->provider_phone),
	    T(p->provider_address), T(p->first_appt_date), T(p->first_appt_time),
	    T(p->first_appt_with), A_TEXT(p->sober_status ? p->sober_status : "undecided"),
	    T(p->sober_name), T(p->sober_address), T(p->sober_move_in),
	    T(p->crisis_warning_signs), T(p->crisis_coping), T(p->crisis_people), T(p->notes),
	    A_INT(p->created_by), A_INT(tx->now)));

	if (rc == DB_CONSTRAINT)
		return error_set(e, ERR_CONFLICT, "This episode has an aftercare plan already: "
		    "open it to edit it.");
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "writing the aftercare plan");
	p->id = db_last_id(WDB(tx));
	return lists_write(tx, p, e);
}

enum err
store_tx_aftercare_update(struct store_tx *tx, const struct aftercare *p, int64_t by,
    struct error *e)
{
	if (tx_change_once(tx, Q_aftercare_update, ARGS(A_INT(p->id), T(p->provider_name),
	    T(p->provider_phone), T(p->provider_address), T(p->first_appt_date),
	    T(p->first_appt_time), T(p->first_appt_with), A_TEXT(p->sober_status),
	    T(p->sober_name), T(p->sober_address), T(p->sober_move_in),
	    T(p->crisis_warning_signs), T(p->crisis_coping), T(p->crisis_people), T(p->notes),
	    A_INT(by), A_INT(tx->now)),
	    "This aftercare plan is signed: it is locked and cannot be changed.", e) != ERR_OK)
		return e->code;
	return lists_write(tx, p, e);
}

enum err
store_tx_aftercare_sign(struct store_tx *tx, int64_t id, const char *name, int64_t witness,
    int64_t at, struct error *e)
{
	return tx_change_once(tx, Q_aftercare_sign, ARGS(A_INT(id), A_TEXT(name),
	    A_INT(at), A_INT(witness)), "This aftercare plan is signed already.", e);
}

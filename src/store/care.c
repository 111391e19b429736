/*
 * care.c — care relationships, the care team and declared emergencies
 * (sql/queries/care.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/care.h"
#include <string.h>

#include "store/store_int.h"

static const struct col member_cols[] = {
	C_INT(struct care_member, id, "id"),
	C_INT(struct care_member, client_id, "client_id"),
	C_INT(struct care_member, staff_id, "staff_id"),
	C_TEXT(struct care_member, staff_name, "full_name"),
	C_TEXT(struct care_member, username, "username"),
	C_ROLES(struct care_member, roles, "roles"),
	C_TEXT(struct care_member, role_in_care, "role_in_care"),
	C_INT(struct care_member, added_by, "added_by"),
	C_INT(struct care_member, added_at, "added_at"),
};
static const enum sql_query member_queries[] = {
	Q_care_team_list,
	Q_care_team_get,
};
const struct row_table care_member_rows = ROW_TABLE(struct care_member, "care team member",
    member_cols, member_queries);

enum err
store_care_relationship(struct store *s, int64_t staff, int64_t client, int64_t now,
    enum care_way *way, struct error *e)
{
	RSTMT(s, Q_care_relationship, e, st);
	int64_t v = 0;

	db_bind_int(st, 1, staff);
	db_bind_int(st, 2, client);
	db_bind_int(st, 3, now);
	if (read_int(st_c->db, st, &v, "reading the client's care relationships", e) != ERR_OK)
		return e->code;
	*way = v > CARE_NONE && v < CARE__MAX ? (enum care_way)v : CARE_NONE;
	return ERR_OK;
}

static const enum sql_query record_query[CARE_REC__MAX] = {
	[CARE_REC_EPISODE] = Q_care_of_episode,
	[CARE_REC_PLAN] = Q_care_of_plan,
	[CARE_REC_DISCHARGE_SUMMARY] = Q_care_of_discharge_summary,
	[CARE_REC_NOTE] = Q_care_of_note,
	[CARE_REC_DRUG_SCREEN] = Q_care_of_drug_screen,
	[CARE_REC_MEDICATION] = Q_care_of_medication,
	[CARE_REC_APPOINTMENT] = Q_care_of_appointment,
	[CARE_REC_CONSENT] = Q_care_of_consent,
	[CARE_REC_DISCLOSURE] = Q_care_of_disclosure,
	[CARE_REC_COVERAGE] = Q_care_of_coverage,
	[CARE_REC_SCREENING] = Q_care_of_screening,
	[CARE_REC_AFTERCARE_PLAN] = Q_care_of_aftercare_plan,
	[CARE_REC_COURT_DATE] = Q_care_of_court_date,
	[CARE_REC_REFERRAL] = Q_care_of_referral,
	[CARE_REC_ALUMNI_CHECKIN] = Q_care_of_alumni_checkin,
};

/* A record's client: every care_of_* query answers this one column. */
struct care_client_row {
	int64_t client_id;
};
static const struct col care_client_cols[] = {
	C_INT(struct care_client_row, client_id, "client_id"),
};
static const enum sql_query care_client_queries[] = {
	Q_care_of_episode, Q_care_of_plan, Q_care_of_discharge_summary, Q_care_of_note,
	Q_care_of_drug_screen, Q_care_of_medication, Q_care_of_appointment, Q_care_of_consent,
	Q_care_of_disclosure, Q_care_of_coverage, Q_care_of_screening,
	Q_care_of_aftercare_plan, Q_care_of_court_date, Q_care_of_referral,
	Q_care_of_alumni_checkin,
};
const struct row_table care_client_rows = ROW_TABLE(struct care_client_row, "record's client",
    care_client_cols, care_client_queries);

enum err
store_care_record_clients(struct store *s, enum care_record k, int64_t id, struct arena *a,
    int64_t **clients, size_t *n, struct error *e)
{
	struct care_client_row *rows;
	void *items;

	*clients = NULL;
	*n = 0;
	if ((unsigned)k >= CARE_REC__MAX)
		return error_set(e, ERR_INVALID, "no such kind of record");
	if (list_by_id(s, record_query[k], id, a, &care_client_rows, &items, n, e) != ERR_OK)
		return e->code;
	rows = items;
	if (*n > 0 && (*clients = arena_alloc(a, *n * sizeof **clients)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	for (size_t i = 0; i < *n; i++)
		(*clients)[i] = rows[i].client_id;
	return ERR_OK;
}

enum err
store_care_team_list(struct store *s, int64_t client_id, struct arena *a,
    struct care_member **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_care_team_list, client_id, a, &care_member_rows, &tmp, n,
	    e);

	*items = tmp;
	return rc;
}

enum err
store_tx_care_team_get(struct store_tx *tx, int64_t client_id, int64_t staff_id,
    struct arena *a, struct care_member *out, struct error *e)
{
	return tx_get_row(tx, Q_care_team_get, ARGS(A_INT(client_id), A_INT(staff_id)), a,
	    &care_member_rows, out, e);
}

enum err
store_tx_care_team_insert(struct store_tx *tx, struct care_member *m, struct error *e)
{
	enum db_rc rc = tx_step(tx, Q_care_team_insert, ARGS(A_INT(m->client_id),
	    A_INT(m->staff_id), A_TEXT(m->role_in_care), A_INT(m->added_by), A_INT(tx->now)));

	if (rc == DB_CONSTRAINT)
		return error_set(e, ERR_CONFLICT, "This staff member is on the care team already.");
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "adding to the care team");
	m->id = db_last_id(WDB(tx));
	m->added_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_care_team_remove(struct store_tx *tx, int64_t client_id, int64_t staff_id, int64_t by,
    struct error *e)
{
	return tx_change(tx, Q_care_team_remove, ARGS(A_INT(client_id), A_INT(staff_id),
	    A_INT(tx->now), A_INT(by)), "care team member", e);
}

enum err
store_tx_emergency_insert(struct store_tx *tx, struct emergency_access *x, const char *title,
    struct error *e)
{
	if (tx_insert(tx, Q_emergency_insert, ARGS(A_INT(x->client_id), A_INT(x->staff_id),
	    A_TEXT(x->reason), A_INT(tx->now), A_INT(x->expires_at)), &x->id, e) != ERR_OK)
		return e->code;
	x->granted_at = tx->now;
	if (tx_exec(tx, Q_emergency_director_tasks, ARGS(A_INT(x->client_id), A_TEXT(title),
	    A_INT(tx->now)), e) != ERR_OK)
		return e->code;
	x->tasks = db_changes(WDB(tx));
	return ERR_OK;
}

/*
 * staff.c — staff accounts, their roles and sites (sql/queries/staff.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <stdio.h>

#include "store/store_int.h"

static const struct col staff_cols[] = {
	C_INT(struct staff, id, "id"),
	C_TEXT(struct staff, username, "username"),
	C_TEXT(struct staff, full_name, "full_name"),
	C_TEXT(struct staff, email, "email"),
	C_ROLES(struct staff, roles, "roles"),
	C_BOOL(struct staff, active, "active"),
	C_BOOL(struct staff, must_change_password, "must_change_password"),
	C_I32(struct staff, failed_logins, "failed_logins"),
	C_INT(struct staff, locked_until, "locked_until"),
	C_INT(struct staff, last_login_at, "last_login_at"),
	C_BOOL(struct staff, needs_supervision, "needs_supervision"),
	C_INT(struct staff, supervisor_id, "supervisor_id"),
	C_BOOL(struct staff, alumni_coordinator, "alumni_coordinator"),
};
static const enum sql_query staff_queries[] = {
	Q_staff_by_id,
	Q_staff_by_username,
	Q_staff_list,
};
const struct row_table staff_rows = ROW_TABLE(struct staff, "staff member", staff_cols,
    staff_queries);

/* What a staff row does not hold: its sites, and whether it is locked now. */
static enum err
staff_complete(struct db *db, struct db_stmt *st, struct staff *out, struct error *e)
{
	int rc;

	out->locked = out->locked_until > now_utc();
	db_bind_int(st, 1, out->id);
	out->nsites = 0;
	while ((rc = db_step(st)) == DB_ROW)
		if (out->nsites < STAFF_SITES_MAX)
			out->site_ids[out->nsites++] = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_DONE ? ERR_OK : db_error(e, db, "reading staff sites");
}

enum err
store_staff_get(struct store *s, int64_t id, struct arena *a, struct staff *out,
    struct error *e)
{
	RSTMT(s, Q_staff_sites, e, sites);
	if (get_row(s, Q_staff_by_id, ARGS(A_INT(id)), a, &staff_rows, out, e) != ERR_OK)
		return e->code;
	return staff_complete(sites_c->db, sites, out, e);
}

enum err
store_staff_by_username(struct store *s, const char *username, struct arena *a,
    struct staff *out, char **password_hash, struct error *e)
{
	RSTMT(s, Q_staff_by_username, e, st);
	int rc;

	db_bind_text(st, 1, username);
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? error_set(e, ERR_NOTFOUND, "staff member not found")
		    : db_error(e, st_c->db, "reading staff");
	}
	if (!row_read(&staff_rows, st, a, out) ||
	    (password_hash && (*password_hash = (char *)col_text(st, 13, a)) == NULL)) {
		db_reset(st);
		return error_set(e, ERR_TOOLARGE, "the answer is too large");
	}
	db_reset(st);
	return staff_complete(st_c->db, db_query(st_c->db, Q_staff_sites), out, e);
}

enum err
store_staff_list(struct store *s, struct page pg, struct arena *a, struct staff **items,
    size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_staff_sites, e, sites);
	void *tmp = NULL;
	size_t i;
	enum err rc = page_rows(s, Q_staff_list, ARGS(A_LIMIT(pg), A_OFFSET(pg)), pg, a,
	    &staff_rows, 13, &tmp, n, total, e);

	*items = tmp;
	if (rc != ERR_OK)
		return rc;
	for (i = 0; i < *n; i++)
		if (staff_complete(sites_c->db, sites, &(*items)[i], e) != ERR_OK)
			return e->code;
	return ERR_OK;
}

enum err
store_staff_count(struct store *s, int64_t *n, struct error *e)
{
	RSTMT(s, Q_staff_count, e, st);
	return read_int(st_c->db, st, n, "counting staff", e);
}

enum err
store_tx_staff_get(struct store_tx *tx, int64_t id, struct arena *a, struct staff *out,
    struct error *e)
{
	if (tx_get_row(tx, Q_staff_by_id, ARGS(A_INT(id)), a, &staff_rows, out, e) != ERR_OK)
		return e->code;
	return staff_complete(WDB(tx), WST(tx, Q_staff_sites), out, e);
}

static void
roles_join(roleset rs, char *out, size_t cap)
{
	size_t o = 0;
	int r;

	out[0] = '\0';
	for (r = 0; r < ROLE__MAX; r++) {
		if (!(rs & (1u << r)))
			continue;
		o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s%s", o ? "," : "",
		    role_name((enum role)r));
	}
}

static enum err
staff_sites_write(struct store_tx *tx, const struct staff *st, struct error *e)
{
	int i;

	if (tx_exec(tx, Q_staff_sites_clear, ARGS(A_INT(st->id)), e) != ERR_OK)
		return e->code;
	for (i = 0; i < st->nsites; i++) {
		enum db_constraint ext;

		if (tx_step(tx, Q_staff_site_add, ARGS(A_INT(st->id),
		    A_INT(st->site_ids[i]))) == DB_DONE)
			continue;
		ext = db_constraint_kind(WDB(tx));
		if (ext == DBC_KEY)
			continue;	/* listed twice */
		if (ext == DBC_FOREIGN)
			return error_field(e, "site_ids", "names a site that does not exist");
		return db_error(e, WDB(tx), "writing staff sites");
	}
	return ERR_OK;
}

enum err
store_tx_staff_insert(struct store_tx *tx, struct staff *st, const char *pwhash,
    struct error *e)
{
	char roles[256];
	enum db_rc rc;

	roles_join(st->roles, roles, sizeof roles);
	rc = tx_step(tx, Q_staff_insert, ARGS(A_TEXT(st->username), A_TEXT(st->full_name),
	    A_TEXT(st->email), A_TEXT(roles), A_TEXT(pwhash), A_INT(st->active),
	    A_INT(st->must_change_password), A_INT(tx->now)));
	if (rc == DB_CONSTRAINT) {
		error_field(e, "username", "is already taken");
		e->code = ERR_CONFLICT;
		snprintf(e->msg, sizeof e->msg, "That username is already taken.");
		return ERR_CONFLICT;
	}
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "adding a staff member");
	st->id = db_last_id(WDB(tx));
	return staff_sites_write(tx, st, e);
}

enum err
store_tx_staff_update(struct store_tx *tx, const struct staff *st, struct error *e)
{
	char roles[256];

	roles_join(st->roles, roles, sizeof roles);
	if (tx_change(tx, Q_staff_update, ARGS(A_INT(st->id), A_TEXT(st->full_name),
	    A_TEXT(st->email), A_TEXT(roles), A_INT(st->active), A_INT(tx->now),
	    A_INT(st->needs_supervision), A_INT(st->supervisor_id), A_INT(st->alumni_coordinator)),
	    "staff member", e) != ERR_OK)
		return e->code;
	return staff_sites_write(tx, st, e);
}

enum err
store_tx_staff_set_password(struct store_tx *tx, int64_t id, const char *pwhash,
    bool must_change, struct error *e)
{
	return tx_change(tx, Q_staff_set_password, ARGS(A_INT(id), A_TEXT(pwhash),
	    A_INT(must_change), A_INT(tx->now)), "staff member", e);
}

enum err
store_tx_staff_login_failed(struct store_tx *tx, int64_t id, int max_failures,
    int lock_seconds, struct error *e)
{
	return tx_exec(tx, Q_staff_login_failed, ARGS(A_INT(id), A_INT(tx->now),
	    A_INT(max_failures), A_INT(lock_seconds)), e);
}

enum err
store_tx_staff_login_ok(struct store_tx *tx, int64_t id, struct error *e)
{
	return tx_exec(tx, Q_staff_login_ok, ARGS(A_INT(id), A_INT(tx->now)), e);
}

enum err
store_tx_staff_unlock(struct store_tx *tx, int64_t id, struct error *e)
{
	return tx_change(tx, Q_staff_unlock, ARGS(A_INT(id), A_INT(tx->now)), "staff member",
	    e);
}

enum err
store_tx_clinician_first(struct store_tx *tx, int64_t *id, struct error *e)
{
	return tx_int(tx, Q_clinician_first, 0, 0, id, "finding a clinician", e);
}

enum err
store_tx_staff_first_site(struct store_tx *tx, int64_t staff_id, int64_t *site_id,
    struct error *e)
{
	return tx_int(tx, Q_staff_first_site, staff_id, 0, site_id,
	    "finding the staff member's site", e);
}

enum err
store_tx_director_at(struct store_tx *tx, int64_t site_id, int64_t *id, struct error *e)
{
	return tx_int(tx, Q_director_at_site, site_id, 0, id, "finding the site's director", e);
}

/*
 * staff.c (ops) — staff accounts: check and write in one transaction (see
 * ops/staff.h).
 */
#include <stdio.h>
#include <string.h>

#include "ops/staff.h"

enum err
op_staff_create(struct store_tx *tx, const struct actor *who,
    const struct staff_create_in *in, struct op_result *res, struct error *e)
{
	struct staff_out *out = in->out;

	(void)who;
	out->s = in->s;
	out->change = STAFF_CHANGED;
	if (staff_validate(&out->s, e) != ERR_OK)
		return e->code;
	if (store_tx_staff_insert(tx, &out->s, in->hash, e) != ERR_OK)
		return e->code;
	res->id = out->s.id;
	return ERR_OK;
}

enum err
op_staff_update(struct store_tx *tx, const struct actor *who,
    const struct staff_update_in *in, struct op_result *res, struct error *e)
{
	struct staff_out *out = in->out;
	const char *why;
	bool was_active;
	roleset was_roles;

	if (store_tx_staff_get(tx, in->id, res->arena, &out->s, e) != ERR_OK)
		return e->code;
	was_active = out->s.active;
	was_roles = out->s.roles;
	staff_merge(&out->s, &in->set, in->fields);
	if (staff_validate(&out->s, e) != ERR_OK)
		return e->code;
	if ((why = staff_change_refused(who->staff_id, &out->s)) != NULL)
		return error_set(e, ERR_CONFLICT, "%s", why);
	if ((why = staff_roles_change_refused(who->staff_id, was_roles, &out->s)) != NULL)
		return error_set(e, ERR_FORBIDDEN, "%s", why);
	if (out->s.needs_supervision || (in->fields & (1u << SF_SUPERVISOR))) {
		struct staff sup;
		struct error le;

		memset(&sup, 0, sizeof sup);
		error_clear(&le);
		if (out->s.needs_supervision && out->s.supervisor_id == 0)
			return error_field(e, "supervisor_id", "is required when the staff member "
			    "needs supervision: choose who co-signs their notes");
		if (out->s.supervisor_id == out->s.id && out->s.id != 0)
			return error_field(e, "supervisor_id", "cannot be the staff member "
			    "themselves");
		if (out->s.supervisor_id != 0 &&
		    store_tx_staff_get(tx, out->s.supervisor_id, res->arena, &sup, &le) != ERR_OK) {
			if (le.code != ERR_NOTFOUND) {
				*e = le;
				return e->code;
			}
			return error_field(e, "supervisor_id", "is not a staff member");
		}
		if (out->s.supervisor_id != 0 && !sup.active)
			return error_field(e, "supervisor_id", "is a staff member no longer active");
	}
	if (store_tx_staff_update(tx, &out->s, e) != ERR_OK)
		return e->code;
	if (out->s.roles != was_roles) {
		/* The audit row names the roles before and after. */
		char before[160], after[160];
		roles_format(was_roles, before, sizeof before);
		roles_format(out->s.roles, after, sizeof after);
		res->detail = arena_printf(res->arena, "roles=%s -> %s", before, after);
		if (res->detail == NULL)
			return error_set(e, ERR_NOMEM, "The audit row of this change did not fit.");
	}
	out->change = was_active && !out->s.active ? STAFF_DISABLED :
	    !was_active && out->s.active ? STAFF_ENABLED : STAFF_CHANGED;
	if (out->change == STAFF_DISABLED &&
	    store_tx_sessions_end_staff(tx, out->s.id, e) != ERR_OK)
		return e->code;
	res->id = out->s.id;
	return ERR_OK;
}

enum err
op_staff_unlock(struct store_tx *tx, const struct actor *who,
    const struct staff_unlock_in *in, struct op_result *res, struct error *e)
{
	(void)who;
	if (store_tx_staff_unlock(tx, in->id, e) != ERR_OK)
		return e->code;
	res->id = in->id;
	return ERR_OK;
}

enum err
op_staff_password(struct store_tx *tx, const struct actor *who,
    const struct staff_password_in *in, struct op_result *res, struct error *e)
{
	struct staff st;

	if (in->own) {
		/* The current password was checked before: refused if the account
		 * was locked meanwhile (by other wrong guesses), and its count of
		 * failures cleared, as a right sign-in clears it. */
		if (store_tx_staff_get(tx, in->id, res->arena, &st, e) != ERR_OK)
			return e->code;
		if (st.locked_until > who->now)
			return error_set(e, ERR_FORBIDDEN, "%s", STAFF_LOCKED_MSG);
		if (st.failed_logins > 0 && store_tx_staff_unlock(tx, in->id, e) != ERR_OK)
			return e->code;
	}
	if (store_tx_staff_set_password(tx, in->id, in->hash, !in->own, e) != ERR_OK)
		return e->code;
	if (in->own ? store_tx_sessions_end_others(tx, in->id, in->keep_session, e) != ERR_OK :
	    store_tx_sessions_end_staff(tx, in->id, e) != ERR_OK)
		return e->code;
	res->id = in->id;
	return ERR_OK;
}

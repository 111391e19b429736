/*
 * care.c — a client's care team, and emergencies declared: the facts read
 * in the transaction, the rules of core/care.c, the write.
 */
#include "lib/timeutil.h"
#include "ops/care.h"

static enum err
may_change(const struct actor *who, struct error *e)
{
	if (!care_team_may_change(who->roles))
		return error_set(e, ERR_FORBIDDEN, "Only the director and the client's "
		    "clinical staff change the care team.");
	return ERR_OK;
}

enum err
op_care_team_add(struct store_tx *tx, const struct actor *who,
    const struct care_team_add_in *in, struct op_result *res, struct error *e)
{
	struct care_member *m = in->out;
	struct client c;
	struct staff st;
	struct error se;

	*m = in->m;
	m->added_by = who->staff_id;
	if (m->role_in_care == NULL)
		m->role_in_care = "";
	if (may_change(who, e) != ERR_OK ||
	    store_tx_client_get(tx, m->client_id, res->arena, &c, e) != ERR_OK)
		return e->code;
	error_clear(&se);
	if (store_tx_staff_get(tx, m->staff_id, res->arena, &st, &se) != ERR_OK) {
		if (se.code != ERR_NOTFOUND) {
			*e = se;
			return e->code;
		}
		error_field(e, "staff_id", "is not a staff member");
		return e->code;
	}
	if (!st.active)
		error_field(e, "staff_id", "is not an active account");
	else if (!roles_allow(st.roles, PERM_CLIENTS_READ))
		error_field(e, "staff_id", "does not see clients' records (an administrator)");
	if (e->code != ERR_OK)
		return e->code;
	if (store_tx_care_team_insert(tx, m, e) != ERR_OK ||
	    store_tx_care_team_get(tx, m->client_id, m->staff_id, res->arena, m, e) != ERR_OK)
		return e->code;
	res->id = m->id;
	res->detail = arena_printf(res->arena, "staff=%lld", (long long)m->staff_id);
	if (res->detail == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return op_touched(res, m->client_id);
}

enum err
op_care_team_remove(struct store_tx *tx, const struct actor *who,
    const struct care_team_remove_in *in, struct op_result *res, struct error *e)
{
	if (may_change(who, e) != ERR_OK ||
	    store_tx_care_team_get(tx, in->client_id, in->staff_id, res->arena, in->out,
	    e) != ERR_OK ||
	    store_tx_care_team_remove(tx, in->client_id, in->staff_id, who->staff_id, e) !=
	    ERR_OK)
		return e->code;
	res->id = in->out->id;
	res->detail = arena_printf(res->arena, "staff=%lld", (long long)in->staff_id);
	if (res->detail == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return op_touched(res, in->client_id);
}

enum err
op_emergency_access(struct store_tx *tx, const struct actor *who,
    const struct emergency_in *in, struct op_result *res, struct error *e)
{
	struct emergency_access *x = in->out;
	const char *title, *name;
	char until[21];
	struct client c;
	struct staff st;

	*x = in->x;
	x->staff_id = who->staff_id;
	if (emergency_reason_check(x->reason, e) != ERR_OK ||
	    store_tx_client_get(tx, x->client_id, res->arena, &c, e) != ERR_OK ||
	    store_tx_staff_get(tx, who->staff_id, res->arena, &st, e) != ERR_OK)
		return e->code;
	name = c.preferred_name && *c.preferred_name ? c.preferred_name : c.first_name;
	title = arena_printf(res->arena, "Emergency access to %s %s (%s) by %s: %s", name,
	    c.last_name, c.mrn, st.full_name, x->reason);
	if (title == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (store_tx_emergency_insert(tx, x, title, e) != ERR_OK)
		return e->code;
	res->id = x->id;
	time_format_iso(x->expires_at, until);
	res->detail = arena_printf(res->arena, "flagged; open until %s; reason: %s", until,
	    x->reason);
	if (res->detail == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return op_touched(res, x->client_id);
}

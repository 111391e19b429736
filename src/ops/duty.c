/*
 * duty.c — the duty roster's writes: the facts read in the transaction, the
 * rules of core/duty.c, the write.
 */
#include "ops/duty.h"

enum err
op_duty_add(struct store_tx *tx, const struct actor *who, const struct duty_add_in *in,
    struct op_result *res, struct error *e)
{
	struct duty_shift *d = in->out;
	struct staff st;
	struct site site;
	struct error se;
	bool found;
	int64_t n = 0;

	*d = in->d;
	d->created_by = who->staff_id;
	if (d->note == NULL)
		d->note = "";
	if (duty_shift_check(d, who->now, e) != ERR_OK)
		return e->code;
	if (store_tx_site_get(tx, d->site_id, res->arena, &site, e) != ERR_OK)
		return e->code;
	error_clear(&se);
	found = store_tx_staff_get(tx, d->staff_id, res->arena, &st, &se) == ERR_OK;
	if (found && store_tx_duty_overlaps(tx, d, &n, e) != ERR_OK)
		return e->code;
	if (duty_add_check(&site, found ? &st : NULL, n, e) != ERR_OK)
		return e->code;
	if (store_tx_duty_insert(tx, d, e) != ERR_OK)
		return e->code;
	d->staff_name = st.full_name;
	d->username = st.username;
	d->routes_alerts = true;	/* an active clinician, checked above */
	res->id = d->id;
	return ERR_OK;
}

enum err
op_duty_remove(struct store_tx *tx, const struct actor *who,
    const struct duty_remove_in *in, struct op_result *res, struct error *e)
{
	struct duty_shift *d = in->out;
	int64_t now = who->now;

	if (store_tx_duty_get(tx, in->id, res->arena, d, e) != ERR_OK)
		return e->code;
	*in->done = duty_removal(d, now);
	if (*in->done == DUTY_KEEP)
		return error_set(e, ERR_CONFLICT, "This shift has ended; it stays on the roster "
		    "as the record of who was on duty.");
	res->id = d->id;
	res->detail = arena_printf(res->arena, "site=%lld staff=%lld", (long long)d->site_id,
	    (long long)d->staff_id);
	if (res->detail == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (*in->done == DUTY_END) {
		res->action = "duty.end";
		return store_tx_duty_end(tx, d->id, e);
	}
	return store_tx_duty_remove(tx, d->id, who->staff_id, e);
}

/*
 * session.c (ops) — sign-in bookkeeping and sign-out (see ops/session.h).
 */
#include "ops/session.h"

enum err
op_session_login(struct store_tx *tx, const struct actor *who,
    const struct session_login_in *in, struct op_result *res, struct error *e)
{
	int64_t sid = 0;

	res->id = in->staff_id;
	if (in->staff_id == 0)
		return ERR_OK;	/* nothing to count against */
	if (!in->verdict.ok) {
		if (!in->verdict.count_failure)
			return ERR_OK;
		return store_tx_staff_login_failed(tx, in->staff_id, in->max_failures,
		    in->lock_seconds, e);
	}
	if (store_tx_staff_login_ok(tx, in->staff_id, e) != ERR_OK)
		return e->code;
	if (store_tx_session_insert(tx, in->token_hash, in->staff_id, in->csrf, who->address,
	    in->expires_at, &sid, e) != ERR_OK)
		return e->code;
	if (in->session_id)
		*in->session_id = sid;
	return ERR_OK;
}

enum err
op_session_end(struct store_tx *tx, const struct actor *who, const struct session_end_in *in,
    struct op_result *res, struct error *e)
{
	if (store_tx_session_end(tx, in->session_id, e) != ERR_OK)
		return e->code;
	res->id = who->staff_id;
	return ERR_OK;
}

enum err
op_session_touch(struct store_tx *tx, const struct actor *who,
    const struct session_touch_in *in, struct op_result *res, struct error *e)
{
	(void)who;
	(void)res;
	return store_tx_session_touch(tx, in->session_id, e);
}

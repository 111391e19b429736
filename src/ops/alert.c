/*
 * alert.c — a safety alert resolved, with the response that documents it;
 * an unclaimed one claimed.
 */
#include "ops/alert.h"

enum err
op_alert_resolve(struct store_tx *tx, const struct actor *who,
    const struct alert_resolve_in *in, struct op_result *res, struct error *e)
{
	if (store_tx_alert_get(tx, in->id, res->arena, in->out, e) != ERR_OK ||
	    store_tx_alert_resolve(tx, in->out->id, who->staff_id, in->response, e) != ERR_OK ||
	    store_tx_alert_get(tx, in->id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = in->out->id;
	if (op_touched(res, in->out->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

enum err
op_alert_claim(struct store_tx *tx, const struct actor *who, const struct alert_claim_in *in,
    struct op_result *res, struct error *e)
{
	if (store_tx_alert_get(tx, in->id, res->arena, in->out, e) != ERR_OK ||
	    alert_claim_check(in->out, e) != ERR_OK ||
	    store_tx_alert_claim(tx, in->out->id, who->staff_id, e) != ERR_OK ||
	    store_tx_alert_get(tx, in->id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = in->out->id;
	if (op_touched(res, in->out->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

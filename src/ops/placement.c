/*
 * placement.c — placements and placement table versions written, each
 * against the table version its writer saw.
 */
#include "ops/placement.h"

enum err
op_placement_record(struct store_tx *tx, const struct actor *who,
    const struct placement_record_in *in, struct op_result *res, struct error *e)
{
	struct placement_row *p = in->out;
	struct inquiry q;
	struct client c;
	int64_t v;

	*p = in->row;
	p->assessed_by = who->staff_id;
	/* On an inquiry: its client's once converted, no one's before. */
	if (p->inquiry_id != 0) {
		if (store_tx_inquiry_get(tx, p->inquiry_id, res->arena, &q, e) != ERR_OK)
			return e->code;
		p->client_id = q.client_id;
	}
	if ((p->client_id != 0 && store_tx_client_get(tx, p->client_id, res->arena, &c, e) !=
	    ERR_OK) || store_tx_placement_table_version(tx, &v, e) != ERR_OK)
		return e->code;
	if (placement_version_check(p->table_version, v, true, e) != ERR_OK)
		return e->code;
	if (store_tx_placement_insert(tx, p, e) != ERR_OK)
		return e->code;
	res->id = p->id;
	if (op_touched(res, p->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

enum err
op_placement_table_save(struct store_tx *tx, const struct actor *who,
    const struct placement_table_save_in *in, struct op_result *res, struct error *e)
{
	struct placement_table_row *t = in->out;
	int64_t v;

	*t = in->row;
	t->saved_by = who->staff_id;
	if (store_tx_placement_table_version(tx, &v, e) != ERR_OK)
		return e->code;
	if (placement_version_check(in->expect, v, false, e) != ERR_OK)
		return e->code;
	t->version = v + 1;
	if (store_tx_placement_table_insert(tx, t, e) != ERR_OK)
		return e->code;
	res->id = t->version;
	return ERR_OK;
}

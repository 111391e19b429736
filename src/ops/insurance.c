/*
 * insurance.c — a client's coverages, benefit checks and authorisations
 * written: each under a record that must exist, touching its client.
 */
#include "lib/buf.h"
#include "ops/insurance.h"

static enum err
touched(struct op_result *res, int64_t id, int64_t client_id, struct error *e)
{
	res->id = id;
	if (op_touched(res, client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

enum err
op_coverage_create(struct store_tx *tx, const struct actor *who,
    const struct coverage_create_in *in, struct op_result *res, struct error *e)
{
	struct coverage *c = in->out;
	struct client cl;

	(void)who;
	*c = in->c;
	if (coverage_check(c, e) != ERR_OK)
		return e->code;
	if (store_tx_client_get(tx, c->client_id, res->arena, &cl, e) != ERR_OK ||
	    store_tx_coverage_insert(tx, c, e) != ERR_OK)
		return e->code;
	return touched(res, c->id, c->client_id, e);
}

enum err
op_coverage_update(struct store_tx *tx, const struct actor *who,
    const struct coverage_update_in *in, struct op_result *res, struct error *e)
{
	struct coverage *c = in->out, before;
	unsigned changed;
	struct buf d;

	(void)who;
	if (store_tx_coverage_get(tx, in->id, res->arena, c, e) != ERR_OK)
		return e->code;
	if (c->client_id != in->client_id) {
		error_clear(e);
		return error_set(e, ERR_NOTFOUND, "coverage not found");
	}
	before = *c;
	coverage_merge(c, &in->set, in->fields);
	if (coverage_check(c, e) != ERR_OK)
		return e->code;
	changed = coverage_changed(&before, c);
	if (changed != 0 && store_tx_coverage_update(tx, c, e) != ERR_OK)
		return e->code;
	buf_init(&d, 0);
	buf_puts(&d, "changed=");
	for (int f = 0; f < COVF__MAX; f++)
		if (changed & (1u << f))
			buf_printf(&d, "%s%s", d.len > 8 ? "," : "",
			    coverage_field_name((enum coverage_field)f));
	if (changed == 0)
		buf_puts(&d, "none");
	res->detail = arena_strdup(res->arena, buf_cstr(&d));
	buf_free(&d);
	if (res->detail == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return touched(res, c->id, c->client_id, e);
}

enum err
op_benefit_create(struct store_tx *tx, const struct actor *who,
    const struct benefit_create_in *in, struct op_result *res, struct error *e)
{
	struct benefit_row *b = in->out;
	struct coverage cov;

	*b = in->b;
	b->checked_by = who->staff_id;
	if (store_tx_coverage_get(tx, b->coverage_id, res->arena, &cov, e) != ERR_OK)
		return e->code;
	b->coverage_id = cov.id;
	b->client_id = cov.client_id;
	if (store_tx_benefit_insert(tx, b, e) != ERR_OK)
		return e->code;
	return touched(res, b->id, cov.client_id, e);
}

enum err
op_authorization_create(struct store_tx *tx, const struct actor *who,
    const struct authorization_create_in *in, struct op_result *res, struct error *e)
{
	struct authorization *au = in->out;
	struct coverage cov;

	*au = in->au;
	au->created_by = who->staff_id;
	if (store_tx_coverage_get(tx, au->coverage_id, res->arena, &cov, e) != ERR_OK)
		return e->code;
	au->coverage_id = cov.id;
	au->client_id = cov.client_id;
	if (store_tx_authorization_insert(tx, au, e) != ERR_OK)
		return e->code;
	return touched(res, au->id, cov.client_id, e);
}

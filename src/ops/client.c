/*
 * client.c (ops) — clients and contacts: check and write in one
 * transaction (see ops/client.h).
 */
#include <string.h>

#include "ops/client.h"

/* Names the client in the result; out of memory is an error. */
static enum err
touched(struct op_result *res, int64_t client_id, struct error *e)
{
	if (op_touched(res, client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "The server is out of memory for this change.");
	return ERR_OK;
}

/* ERR_DUPLICATE (msg, or the default), with the matches in *dupes, when c
 * may be a client we have.  The matches are named in res: the refusal
 * shows them, so the caller audits it as a read of each. */
static enum err
check_dupes(struct store_tx *tx, const struct client *c, const char *msg,
    struct op_result *res, struct client **dupes, size_t *ndupes, struct error *e)
{
	if (store_tx_client_dupes(tx, c, res->arena, dupes, ndupes, e) != ERR_OK)
		return e->code;
	if (*ndupes == 0)
		return ERR_OK;
	for (size_t i = 0; i < *ndupes; i++)
		if (op_touched(res, (*dupes)[i].id) != ERR_OK)
			return error_set(e, ERR_NOMEM, "out of memory");
	return error_set(e, ERR_DUPLICATE, "%s", msg != NULL ? msg :
	    "A client with this name and date of birth already exists.");
}

enum err
op_client_insert(struct store_tx *tx, const struct actor *who, struct client *c,
    bool allow_duplicate, const char *dup_msg, struct op_result *res, struct client **dupes,
    size_t *ndupes, struct error *e)
{
	if (client_validate(c, date_from_unix(who->now), e) != ERR_OK)
		return e->code;
	if (!allow_duplicate && check_dupes(tx, c, dup_msg, res, dupes, ndupes, e) != ERR_OK)
		return e->code;
	return store_tx_client_insert(tx, c, e);
}

enum err
op_client_create(struct store_tx *tx, const struct actor *who,
    const struct client_create_in *in, struct op_result *res, struct error *e)
{
	struct client_out *out = in->out;

	out->c = in->c;
	out->change = CLIENT_CHANGED;
	if (op_client_insert(tx, who, &out->c, in->allow_duplicate, NULL, res,
	    &out->dupes, &out->ndupes, e) != ERR_OK)
		return e->code;
	res->id = out->c.id;
	return touched(res, out->c.id, e);
}

enum err
op_client_update(struct store_tx *tx, const struct actor *who,
    const struct client_update_in *in, struct op_result *res, struct error *e)
{
	struct client_out *out = in->out;
	struct client old;

	if (store_tx_client_get(tx, in->id, res->arena, &out->c, e) != ERR_OK)
		return e->code;
	old = out->c;
	client_merge(&out->c, &in->set, in->fields);
	if (client_validate(&out->c, date_from_unix(who->now), e) != ERR_OK)
		return e->code;
	if (!in->allow_duplicate && client_identity_changed(&old, &out->c) &&
	    check_dupes(tx, &out->c, NULL, res, &out->dupes, &out->ndupes, e) != ERR_OK)
		return e->code;
	out->change = old.active && !out->c.active ? CLIENT_DEACTIVATED :
	    !old.active && out->c.active ? CLIENT_REACTIVATED : CLIENT_CHANGED;
	if (store_tx_client_update(tx, &out->c, e) != ERR_OK)
		return e->code;
	res->id = out->c.id;
	return touched(res, out->c.id, e);
}

enum err
op_contact_create(struct store_tx *tx, const struct actor *who,
    const struct contact_create_in *in, struct op_result *res, struct error *e)
{
	struct client c;

	(void)who;
	*in->out = in->c;
	contact_settle(in->out);
	if (contact_validate(in->out, e) != ERR_OK)
		return e->code;
	if (store_tx_client_get(tx, in->c.client_id, res->arena, &c, e) != ERR_OK)
		return e->code;
	if (store_tx_contact_insert(tx, in->out, e) != ERR_OK)
		return e->code;
	res->id = in->out->id;
	return touched(res, in->c.client_id, e);
}

enum err
op_contact_update(struct store_tx *tx, const struct actor *who,
    const struct contact_update_in *in, struct op_result *res, struct error *e)
{
	struct contact *c = in->out;

	(void)who;
	if (store_tx_contact_get(tx, in->client_id, in->id, res->arena, c, e) != ERR_OK)
		return e->code;
	contact_merge(c, &in->set, in->fields);
	contact_settle(c);
	if (contact_validate(c, e) != ERR_OK)
		return e->code;
	if (store_tx_contact_update(tx, c, e) != ERR_OK)
		return e->code;
	res->id = c->id;
	return touched(res, in->client_id, e);
}

enum err
op_contact_remove(struct store_tx *tx, const struct actor *who,
    const struct contact_remove_in *in, struct op_result *res, struct error *e)
{
	(void)who;
	if (store_tx_contact_remove(tx, in->client_id, in->id, e) != ERR_OK)
		return e->code;
	res->id = in->id;
	return touched(res, in->client_id, e);
}

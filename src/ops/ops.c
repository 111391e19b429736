/*
 * ops.c — what every operation shares: the result that names the clients
 * an operation touched.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/tz.h"
#include "ops/ops.h"

void
op_result_init(struct op_result *res, struct arena *a)
{
	memset(res, 0, sizeof *res);
	res->arena = a;
	res->detail = "";
}

enum err
op_touched(struct op_result *res, int64_t client_id)
{
	if (client_id <= 0)
		return ERR_OK;
	for (size_t i = 0; i < res->nclients; i++)
		if (res->clients[i] == client_id)
			return ERR_OK;
	if (res->nclients == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 4;
		int64_t *p = arena_alloc(res->arena, cap * sizeof *p);
		if (!p)
			return ERR_NOMEM;
		if (res->nclients)
			memcpy(p, res->clients, res->nclients * sizeof *p);
		res->clients = p;
		res->cap = cap;
	}
	res->clients[res->nclients++] = client_id;
	return ERR_OK;
}

void
op_call_init(struct op_call *c, struct arena *a, op_run_fn run, const void *in)
{
	memset(c, 0, sizeof *c);
	c->run = run;
	c->in = in;
	c->who.username = "";
	c->who.address = "";
	op_result_init(&c->res, a);
}

enum err
op_call_job(struct store_tx *tx, void *arg, struct error *e)
{
	struct op_call *c = arg;
	enum err rc;

	if (c->touch_session != 0 &&
	    (rc = store_tx_session_touch(tx, c->touch_session, e)) != ERR_OK)
		return rc;
	if ((rc = c->run(tx, c, e)) != ERR_OK) {
		if (c->refused)
			c->refused(c, c->user, rc);
		return rc;
	}
	if (c->finish)
		rc = c->finish(c, c->user, e);
	return rc;
}

enum err
op_site_zone(const struct site *site, struct tz **z, struct error *e)
{
	if ((*z = malloc(sizeof **z)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (!tz_load(site->timezone, *z)) {
		free(*z);
		*z = NULL;
		return error_set(e, ERR_CONFLICT, "The time zone of %s (%s) is not known on this "
		    "server; correct the site first.", site->name, site->timezone);
	}
	return ERR_OK;
}

enum err
episode_read(struct store_tx *tx, int64_t id, struct arena *a, struct episode *ep,
    struct error *e)
{
	struct error fe;

	error_clear(&fe);
	if (store_tx_episode_get(tx, id, a, ep, &fe) == ERR_OK)
		return ERR_OK;
	if (fe.code == ERR_NOTFOUND)
		return error_set(e, ERR_NOTFOUND, "Episode %lld not found.", (long long)id);
	*e = fe;
	return e->code;
}

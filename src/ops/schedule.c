/*
 * schedule.c (ops) — the program's week (see ops/schedule.h).
 */
#include <stdlib.h>
#include <string.h>

#include "ops/schedule.h"

/* A staff member and room that exist (0: none), else the field named. */
static enum err
refs_check(struct store_tx *tx, const char *staff_field, int64_t staff_id,
    const char *room_field, int64_t room_id, struct error *e)
{
	int missing = 0;

	if (store_tx_schedule_refs(tx, staff_id, room_id, &missing, e) != ERR_OK)
		return e->code;
	if (missing == 1)
		return error_field(e, staff_field, "names a staff member who does not exist");
	if (missing == 2)
		return error_field(e, room_field, "names a room that does not exist");
	return ERR_OK;
}

/* Session g cancelled when its site is closed that day. */
static enum err
apply_closure(struct store_tx *tx, struct group_session *g, struct arena *a, struct error *e)
{
	struct site_closure c;
	struct error fe;

	error_clear(&fe);
	if (store_tx_closure_on(tx, g->site_id, g->date, a, &c, &fe) != ERR_OK) {
		if (fe.code == ERR_NOTFOUND)
			return ERR_OK;
		*e = fe;
		return e->code;
	}
	g->cancelled = true;
	g->cancel_reason = c.reason;
	g->closure_id = c.id;
	return ERR_OK;
}

/* The template sessions of t from .. to starting after not_before, each
 * written unless it exists; *created: how many were new. */
static enum err
generate(struct store_tx *tx, const struct track *t, const struct tz *z, struct date from,
    struct date to, int64_t not_before, struct arena *a, int64_t *created, struct error *e)
{
	size_t cap = (size_t)(date_days(to) - date_days(from) + 7) / 7 * (size_t)t->nblocks + 1;
	struct group_session *g;
	long n;
	enum err rc = ERR_OK;
	struct date last = { 0, 0, 0 };
	struct site_closure c;
	bool closed = false;

	struct arena *ta;

	*created = 0;
	if (t->nblocks == 0)
		return ERR_OK;
	/* The week's topics, copied for each session, live only until it is
	 * written: their own arena, not the request's. */
	if ((ta = arena_new(0)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if ((g = calloc(cap, sizeof *g)) == NULL) {
		arena_free(ta);
		return error_set(e, ERR_NOMEM, "Out of memory.");
	}
	n = schedule_expand(t->blocks, t->nblocks, t->id, t->site_id, z, from, to, not_before, ta,
	    g, cap);
	if (n < 0) {
		rc = error_set(e, ERR_NOMEM, "Out of memory.");
		goto out;
	}
	for (long i = 0; i < n; i++) {
		bool made = false;
		/* One look for the closure a day. */
		if (date_cmp(g[i].date, last) != 0) {
			struct error fe;
			error_clear(&fe);
			last = g[i].date;
			closed = store_tx_closure_on(tx, t->site_id, last, a, &c, &fe) == ERR_OK;
			if (!closed && fe.code != ERR_NOTFOUND) {
				*e = fe;
				rc = e->code;
				goto out;
			}
		}
		if (closed) {
			g[i].cancelled = true;
			g[i].cancel_reason = c.reason;
			g[i].closure_id = c.id;
		}
		if ((rc = store_tx_gsession_insert(tx, &g[i], &made, e)) != ERR_OK)
			goto out;
		if (made)
			(*created)++;
	}
out:
	free(g);
	arena_free(ta);
	return rc;
}

enum err
op_sessions_generate(struct store_tx *tx, const struct actor *who,
    const struct sessions_generate_in *in, struct op_result *res, struct error *e)
{
	struct track t;
	struct site site;
	struct tz *z = NULL;
	enum err rc;

	(void)who;
	*in->created = 0;
	if (schedule_range_check(in->from, in->to, e) != ERR_OK)
		return e->code;
	if (store_tx_track_get(tx, in->track_id, res->arena, &t, e) != ERR_OK)
		return e->code;
	if (store_tx_site_get(tx, t.site_id, res->arena, &site, e) != ERR_OK)
		return e->code;
	if (t.nblocks == 0)
		return error_set(e, ERR_CONFLICT, "The track %s has no weekly groups yet: add its "
		    "week's blocks first, then generate its sessions.", t.name);
	if (op_site_zone(&site, &z, e) != ERR_OK)
		return e->code;
	rc = generate(tx, &t, z, in->from, in->to, 0, res->arena, in->created, e);
	free(z);
	if (rc != ERR_OK)
		return rc;
	res->id = t.id;
	res->detail = arena_printf(res->arena, "created=%lld", (long long)*in->created);
	return res->detail == NULL ? error_set(e, ERR_NOMEM, "Out of memory.") : ERR_OK;
}

/* The block of t that makes a session on weekday wd at start_min, or NULL. */
static const struct track_block *
block_for(const struct track *t, int wd, int start_min)
{
	for (int i = 0; i < t->nblocks; i++)
		if (t->blocks[i].weekday == wd && t->blocks[i].start_min == start_min)
			return &t->blocks[i];
	return NULL;
}

enum err
schedule_template_changed(struct store_tx *tx, const struct track *t, int64_t now,
    struct arena *a, struct error *e)
{
	struct group_session *g = NULL;
	size_t n = 0;
	struct site site;
	struct tz *z = NULL;
	struct date last, today;
	int64_t created = 0;
	enum err rc = ERR_OK;

	if (store_tx_gsession_last_date(tx, t->id, &last, e) != ERR_OK)
		return e->code;
	if (!date_valid(last))
		return ERR_OK;		/* nothing generated yet */
	if (store_tx_site_get(tx, t->site_id, a, &site, e) != ERR_OK)
		return e->code;
	if (op_site_zone(&site, &z, e) != ERR_OK)
		return e->code;
	if (store_tx_gsession_future(tx, t->id, now, a, &g, &n, e) != ERR_OK) {
		rc = e->code;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct track_block *b = block_for(t, date_iso_weekday(g[i].date),
		    g[i].start_min);
		if (b == NULL || g[i].site_id != t->site_id) {
			if ((rc = store_tx_gsession_delete(tx, g[i].id, e)) != ERR_OK)
				goto out;
			continue;
		}
		g[i].minutes = b->minutes;
		wall_to_instants(z, g[i].date, b->start_min, b->minutes, &g[i].starts_at,
		    &g[i].ends_at);
		g[i].group_type = b->group_type;
		if ((g[i].topic = block_topic_for(b, g[i].date, a)) == NULL) {
			rc = error_set(e, ERR_NOMEM, "Out of memory.");
			goto out;
		}
		g[i].facilitator_id = b->facilitator_id;
		g[i].room_id = b->room_id;
		if ((rc = store_tx_gsession_update(tx, &g[i], e)) != ERR_OK)
			goto out;
	}
	today = local_date(z, now);
	if (date_cmp(last, today) >= 0)
		rc = generate(tx, t, z, today, last, now, a, &created, e);
out:
	free(z);
	return rc;
}

enum err
op_closure_add(struct store_tx *tx, const struct actor *who, const struct closure_add_in *in,
    struct op_result *res, struct error *e)
{
	struct site_closure *c = in->out;
	struct site site;
	struct error fe;

	*c = in->c;
	*in->cancelled = 0;
	if (closure_validate(c, e) != ERR_OK)
		return e->code;
	error_clear(&fe);
	if (store_tx_site_get(tx, c->site_id, res->arena, &site, &fe) != ERR_OK) {
		*e = fe;
		return e->code;
	}
	if (store_tx_closure_insert(tx, c, who->staff_id, e) != ERR_OK)
		return e->code;
	if (store_tx_closure_cancel(tx, c, in->cancelled, e) != ERR_OK)
		return e->code;
	res->id = c->id;
	res->detail = arena_printf(res->arena, "site=%lld cancelled=%lld", (long long)c->site_id,
	    (long long)*in->cancelled);
	return res->detail == NULL ? error_set(e, ERR_NOMEM, "Out of memory.") : ERR_OK;
}

enum err
op_closure_delete(struct store_tx *tx, const struct actor *who,
    const struct closure_delete_in *in, struct op_result *res, struct error *e)
{
	struct site_closure c;
	int64_t n = 0;

	(void)who;
	if (store_tx_closure_get(tx, in->id, res->arena, &c, e) != ERR_OK)
		return e->code;
	if (c.site_id != in->site_id)
		return error_set(e, ERR_NOTFOUND, "closure not found");
	if (store_tx_closure_restore(tx, c.id, &n, e) != ERR_OK)
		return e->code;
	if (store_tx_closure_delete(tx, c.id, e) != ERR_OK)
		return e->code;
	res->id = c.id;
	res->detail = arena_printf(res->arena, "site=%lld restored=%lld", (long long)c.site_id,
	    (long long)n);
	return res->detail == NULL ? error_set(e, ERR_NOMEM, "Out of memory.") : ERR_OK;
}

enum err
op_gsession_add(struct store_tx *tx, const struct actor *who, const struct gsession_add_in *in,
    struct op_result *res, struct error *e)
{
	struct group_session *g = in->out;
	struct track t;
	struct site site;
	struct track_block b;
	struct tz *z = NULL;
	bool made = false;
	enum err rc;

	(void)who;
	*g = in->g;
	if (store_tx_track_get(tx, g->track_id, res->arena, &t, e) != ERR_OK)
		return e->code;
	memset(&b, 0, sizeof b);
	b.weekday = date_valid(g->date) ? date_iso_weekday(g->date) : 1;
	b.start_min = g->start_min;
	b.minutes = g->minutes;
	b.group_type = g->group_type;
	b.topic = g->topic;
	if (!date_valid(g->date))
		error_field(e, "date", "must be a date written YYYY-MM-DD");
	if (blocks_validate(&b, 1, e) != ERR_OK || e->code != ERR_OK) {
		/* The one block's faults are named without the blocks[0]. prefix. */
		for (size_t i = 0; i < e->nfields; i++)
			if (strncmp(e->fields[i].name, "blocks[0].", 10) == 0)
				memmove(e->fields[i].name, e->fields[i].name + 10,
				    strlen(e->fields[i].name + 10) + 1);
		return e->code;
	}
	if (refs_check(tx, "facilitator_id", g->facilitator_id, "room_id", g->room_id, e) !=
	    ERR_OK)
		return e->code;
	if (store_tx_site_get(tx, t.site_id, res->arena, &site, e) != ERR_OK)
		return e->code;
	if (op_site_zone(&site, &z, e) != ERR_OK)
		return e->code;
	g->site_id = t.site_id;
	g->one_off = true;
	g->cancelled = false;
	g->cancel_reason = "";
	g->closure_id = 0;
	wall_to_instants(z, g->date, g->start_min, g->minutes, &g->starts_at, &g->ends_at);
	free(z);
	if ((rc = apply_closure(tx, g, res->arena, e)) != ERR_OK)
		return rc;
	if (store_tx_gsession_insert(tx, g, &made, e) != ERR_OK)
		return e->code;
	res->id = g->id;
	return ERR_OK;
}

enum err
op_gsession_change(struct store_tx *tx, const struct actor *who,
    const struct gsession_change_in *in, struct op_result *res, struct error *e)
{
	struct group_session *g = in->out;

	(void)who;
	if (store_tx_gsession_get(tx, in->id, res->arena, g, e) != ERR_OK)
		return e->code;
	if (in->fields & GS_CANCELLED) {
		if (in->g.cancelled) {
			const char *why = in->g.cancel_reason;
			if (why == NULL || why[0] == '\0')
				return error_field(e, "reason", "is required: say why the session "
				    "is cancelled (the clients and staff see it)");
			g->cancelled = true;
			g->cancel_reason = why;
			g->closure_id = 0;
		} else {
			if (g->closure_id != 0)
				return error_set(e, ERR_CONFLICT, "The site is closed that day (%s): "
				    "remove the closure to hold the session.", g->cancel_reason);
			g->cancelled = false;
			g->cancel_reason = "";
		}
	}
	if (in->fields & GS_SUBSTITUTE)
		g->substitute_id = in->g.substitute_id;
	if (in->fields & GS_TOPIC)
		g->topic = in->g.topic;
	if (in->fields & GS_ROOM)
		g->room_id = in->g.room_id;
	if (refs_check(tx, "substitute_facilitator_id", g->substitute_id, "room_id",
	    g->room_id, e) != ERR_OK)
		return e->code;
	if (store_tx_gsession_update(tx, g, e) != ERR_OK)
		return e->code;
	res->id = g->id;
	return ERR_OK;
}

enum err
schedule_enrol_admitted(struct store_tx *tx, int64_t client_id, int64_t episode_id,
    int64_t track_id, struct date admitted_on, int64_t by, struct arena *a, struct error *e)
{
	struct enrolment en;

	if (track_id <= 0)
		return ERR_OK;
	memset(&en, 0, sizeof en);
	en.client_id = client_id;
	en.episode_id = episode_id;
	en.track_id = track_id;
	en.from = admitted_on;
	return store_tx_enrolment_move(tx, &en, by, a, e);
}

enum err
op_enrolment_add(struct store_tx *tx, const struct actor *who, const struct enrolment_add_in *in,
    struct op_result *res, struct error *e)
{
	struct enrolment *en = in->out, cur;
	struct track t;
	struct site site;
	struct tz *z = NULL;
	struct date admitted, today;
	int64_t episode_id = 0, ep_site = 0;
	struct error fe;
	char d[11];

	*en = in->en;
	if (!date_valid(en->from))
		return error_field(e, "from", "must be a date written YYYY-MM-DD");
	error_clear(&fe);
	if (store_tx_open_episode(tx, en->client_id, res->arena, &episode_id, &ep_site, &admitted,
	    &fe) != ERR_OK) {
		if (fe.code != ERR_NOTFOUND) {
			*e = fe;
			return e->code;
		}
		return error_set(e, ERR_CONFLICT, "The client is not in an open episode of care: "
		    "admit them first (the admission puts them on its track).");
	}
	error_clear(&fe);
	if (store_tx_track_get(tx, en->track_id, res->arena, &t, &fe) != ERR_OK) {
		if (fe.code != ERR_NOTFOUND) {
			*e = fe;
			return e->code;
		}
		return error_field(e, "track_id", "names a track that does not exist");
	}
	if (!t.active)
		return error_field(e, "track_id", "is a track no longer run: choose an active one");
	if (t.site_id != ep_site)
		return error_field(e, "track_id", "meets at another site than the client's episode: "
		    "choose a track at the client's site");
	if (date_cmp(en->from, admitted) < 0) {
		date_format(admitted, d);
		return error_field(e, "from", "is before the client's admission on %s", d);
	}
	if (store_tx_site_get(tx, t.site_id, res->arena, &site, e) != ERR_OK)
		return e->code;
	if (op_site_zone(&site, &z, e) != ERR_OK)
		return e->code;
	today = local_date(z, who->now);
	free(z);
	if (date_cmp(en->from, today) < 0)
		return error_field(e, "from", "is in the past: rosters already held do not change; "
		    "choose today or a later date");
	error_clear(&fe);
	if (store_tx_enrolment_at(tx, en->client_id, en->from, res->arena, &cur, &fe) == ERR_OK) {
		if (cur.track_id == en->track_id) {
			date_format(cur.from, d);
			return error_set(e, ERR_CONFLICT, "The client is already on %s on that date "
			    "(since %s).", t.name, d);
		}
	} else if (fe.code != ERR_NOTFOUND) {
		*e = fe;
		return e->code;
	}
	en->episode_id = episode_id;
	memset(&en->until, 0, sizeof en->until);
	if (store_tx_enrolment_move(tx, en, who->staff_id, res->arena, e) != ERR_OK)
		return e->code;
	res->id = en->id;
	if (op_touched(res, en->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	res->detail = arena_printf(res->arena, "track=%lld", (long long)en->track_id);
	return res->detail == NULL ? error_set(e, ERR_NOMEM, "Out of memory.") : ERR_OK;
}

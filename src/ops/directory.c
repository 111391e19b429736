/*
 * directory.c (ops) — sites, rooms and tracks: validate and write in one
 * transaction (see ops/directory.h).
 */
#include <stdio.h>

#include "ops/directory.h"
#include "ops/schedule.h"

enum err
op_site_write(struct store_tx *tx, const struct actor *who, const struct site_write_in *in,
    struct op_result *res, struct error *e)
{
	struct site *s = in->out;

	(void)who;
	*s = in->s;
	if (site_validate(s, e) != ERR_OK)
		return e->code;
	if (s->id == 0) {
		if (store_tx_site_insert(tx, s, e) != ERR_OK)
			return e->code;
	} else if (store_tx_site_update(tx, s, e) != ERR_OK) {
		return e->code;
	}
	res->id = s->id;
	return ERR_OK;
}

enum err
op_room_write(struct store_tx *tx, const struct actor *who, const struct room_write_in *in,
    struct op_result *res, struct error *e)
{
	struct room *rm = in->out;

	(void)who;
	*rm = in->rm;
	if (room_validate(rm, e) != ERR_OK)
		return e->code;
	if (rm->id == 0) {
		if (store_tx_room_insert(tx, rm, e) != ERR_OK)
			return e->code;
	} else if (store_tx_room_update(tx, rm, e) != ERR_OK) {
		return e->code;
	}
	res->id = rm->id;
	return ERR_OK;
}

enum err
op_track_create(struct store_tx *tx, const struct actor *who,
    const struct track_create_in *in, struct op_result *res, struct error *e)
{
	struct track *t = in->out;
	struct site s;

	(void)who;
	*t = in->t;
	if (track_validate(t, e) != ERR_OK)
		return e->code;
	if (store_tx_site_get(tx, t->site_id, res->arena, &s, e) != ERR_OK)
		return e->code;
	if (store_tx_track_insert(tx, t, e) != ERR_OK)
		return e->code;
	res->id = t->id;
	return ERR_OK;
}

/* Block i's facilitator and room exist (0: none). */
static enum err
refs_check_block(struct store_tx *tx, const struct track_block *b, int i, struct error *e)
{
	int missing = 0;
	char f[48];

	if (store_tx_schedule_refs(tx, b->facilitator_id, b->room_id, &missing, e) != ERR_OK)
		return e->code;
	snprintf(f, sizeof f, "blocks[%d].%s", i, missing == 1 ? "facilitator_id" : "room_id");
	if (missing == 1)
		return error_field(e, f, "names a staff member who does not exist");
	if (missing == 2)
		return error_field(e, f, "names a room that does not exist");
	return ERR_OK;
}

enum err
op_track_write(struct store_tx *tx, const struct actor *who, const struct track_write_in *in,
    struct op_result *res, struct error *e)
{
	struct track *t = in->out;
	struct site s;
	struct error fe;

	*t = in->t;
	if (in->blocks_given)
		track_from_blocks(t);
	if (track_validate(t, e) != ERR_OK)
		return e->code;
	error_clear(&fe);
	if (store_tx_site_get(tx, t->site_id, res->arena, &s, &fe) != ERR_OK) {
		if (fe.code != ERR_NOTFOUND) {
			*e = fe;
			return e->code;
		}
		return error_field(e, "site_id", "names a site that does not exist");
	}
	if (t->id == 0) {
		if (store_tx_track_insert(tx, t, e) != ERR_OK)
			return e->code;
	} else if (store_tx_track_update(tx, t, e) != ERR_OK) {
		return e->code;
	}
	if (in->blocks_given) {
		for (int i = 0; i < t->nblocks; i++)
			if (refs_check_block(tx, &t->blocks[i], i, e) != ERR_OK)
				return e->code;
		if (store_tx_track_blocks_put(tx, t, e) != ERR_OK)
			return e->code;
		if (schedule_template_changed(tx, t, who->now, res->arena, e) != ERR_OK)
			return e->code;
	}
	res->id = t->id;
	return ERR_OK;
}

enum err
op_program_save(struct store_tx *tx, const struct actor *who, const struct program_save_in *in,
    struct op_result *res, struct error *e)
{
	struct program *p = in->out;

	*p = in->p;
	if (program_validate(p, e) != ERR_OK)
		return e->code;
	if (store_tx_program_update(tx, p, who->staff_id, e) != ERR_OK)
		return e->code;
	res->id = 1;
	return ERR_OK;
}

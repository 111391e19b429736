/*
 * directory.c — the directory: sites, rooms and tracks
 * (sql/queries/directory.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

static const struct col site_cols[] = {
	C_INT(struct site, id, "id"),
	C_TEXT(struct site, name, "name"),
	C_TEXT(struct site, timezone, "timezone"),
	C_TEXT(struct site, address, "address"),
	C_TEXT(struct site, phone, "phone"),
	C_BOOL(struct site, active, "active"),
};
static const enum sql_query site_queries[] = {
	Q_site_by_id,
	Q_site_list,
};
const struct row_table site_rows = ROW_TABLE(struct site, "site", site_cols, site_queries);

static const struct col room_cols[] = {
	C_INT(struct room, id, "id"),
	C_INT(struct room, site_id, "site_id"),
	C_TEXT(struct room, name, "name"),
	C_I32(struct room, capacity, "capacity"),
	C_BOOL(struct room, active, "active"),
};
static const enum sql_query room_queries[] = {
	Q_room_by_id,
	Q_room_list,
};
const struct row_table room_rows = ROW_TABLE(struct room, "room", room_cols, room_queries);

static const struct col track_cols[] = {
	C_INT(struct track, id, "id"),
	C_INT(struct track, site_id, "site_id"),
	C_TEXT(struct track, name, "name"),
	C_TEXT(struct track, level_of_care, "level_of_care"),
	C_U32(struct track, weekdays, "weekdays"),
	C_I32(struct track, start_min, "start_min"),
	C_I32(struct track, end_min, "end_min"),
	C_BOOL(struct track, active, "active"),
};
static const enum sql_query track_queries[] = {
	Q_track_list,
	Q_track_by_id,
};
const struct row_table track_rows = ROW_TABLE(struct track, "track", track_cols, track_queries);

enum err
store_site_get(struct store *s, int64_t id, struct arena *a, struct site *out,
    struct error *e)
{
	return get_row(s, Q_site_by_id, ARGS(A_INT(id)), a, &site_rows, out, e);
}

enum err
store_site_list(struct store *s, struct page pg, struct arena *a, struct site **items,
    size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_rows(s, Q_site_list, ARGS(A_LIMIT(pg), A_OFFSET(pg)), pg, a,
	    &site_rows, 6, &tmp, n, total, e);

	*items = tmp;
	return rc;
}

enum err
store_room_get(struct store *s, int64_t id, struct arena *a, struct room *out,
    struct error *e)
{
	return get_row(s, Q_room_by_id, ARGS(A_INT(id)), a, &room_rows, out, e);
}

enum err
store_room_list(struct store *s, int64_t site_id, struct page pg, struct arena *a,
    struct room **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_rows(s, Q_room_list, ARGS(A_LIMIT(pg), A_OFFSET(pg), A_INT(site_id)), pg,
	    a, &room_rows, 5, &tmp, n, total, e);

	*items = tmp;
	return rc;
}

enum err
store_track_list(struct store *s, int64_t site_id, struct page pg, struct arena *a,
    struct track **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_rows(s, Q_track_list, ARGS(A_LIMIT(pg), A_OFFSET(pg),
	    A_INT(site_id)), pg, a, &track_rows, 8, &tmp, n, total, e);

	*items = tmp;
	for (size_t i = 0; rc == ERR_OK && i < *n; i++)
		rc = store_track_blocks(s, &(*items)[i], a, e);
	return rc;
}

enum err
store_tx_site_insert(struct store_tx *tx, struct site *st, struct error *e)
{
	return tx_insert(tx, Q_site_insert, ARGS(A_TEXT(st->name), A_TEXT(st->timezone),
	    A_TEXT(st->address), A_TEXT(st->phone), A_INT(st->active), A_INT(tx->now)),
	    &st->id, e);
}

enum err
store_tx_site_update(struct store_tx *tx, const struct site *st, struct error *e)
{
	return tx_change(tx, Q_site_update, ARGS(A_INT(st->id), A_TEXT(st->name),
	    A_TEXT(st->timezone), A_TEXT(st->address), A_TEXT(st->phone), A_INT(st->active),
	    A_INT(tx->now)), "site", e);
}

enum err
store_tx_room_insert(struct store_tx *tx, struct room *r, struct error *e)
{
	if (tx_exec_field(tx, Q_room_insert, ARGS(A_INT(r->site_id), A_TEXT(r->name),
	    A_INT(r->capacity), A_INT(r->active), A_INT(tx->now)), "site_id",
	    "names a site that does not exist", "adding a room", e) != ERR_OK)
		return e->code;
	r->id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_room_update(struct store_tx *tx, const struct room *r, struct error *e)
{
	if (tx_exec_field(tx, Q_room_update, ARGS(A_INT(r->id), A_INT(r->site_id),
	    A_TEXT(r->name), A_INT(r->capacity), A_INT(r->active), A_INT(tx->now)), "site_id",
	    "names a site that does not exist", "changing a room", e) != ERR_OK)
		return e->code;
	return tx_changed(tx, "room", e);
}

enum err
store_tx_track_insert(struct store_tx *tx, struct track *t, struct error *e)
{
	return tx_insert(tx, Q_track_insert, ARGS(A_INT(t->site_id), A_TEXT(t->name),
	    A_TEXT(t->level_of_care), A_INT(t->weekdays), A_INT(t->start_min),
	    A_INT(t->end_min), A_INT(t->active), A_INT(tx->now)), &t->id, e);
}

enum err
store_tx_track_update(struct store_tx *tx, const struct track *t, struct error *e)
{
	if (tx_exec_field(tx, Q_track_update, ARGS(A_INT(t->id), A_INT(t->site_id),
	    A_TEXT(t->name), A_TEXT(t->level_of_care), A_INT(t->weekdays), A_INT(t->start_min),
	    A_INT(t->end_min), A_INT(t->active), A_INT(tx->now)), "site_id",
	    "names a site that does not exist", "changing a track", e) != ERR_OK)
		return e->code;
	return tx_changed(tx, "track", e);
}

enum err
store_track_get(struct store *s, int64_t id, struct arena *a, struct track *out,
    struct error *e)
{
	if (get_row(s, Q_track_by_id, ARGS(A_INT(id)), a, &track_rows, out, e) != ERR_OK)
		return e->code;
	return store_track_blocks(s, out, a, e);
}

enum err
store_tx_track_get(struct store_tx *tx, int64_t id, struct arena *a, struct track *out,
    struct error *e)
{
	if (tx_get_row(tx, Q_track_by_id, ARGS(A_INT(id)), a, &track_rows, out, e) != ERR_OK)
		return e->code;
	return store_tx_track_blocks(tx, out, a, e);
}

enum err
store_tx_site_get(struct store_tx *tx, int64_t id, struct arena *a, struct site *out,
    struct error *e)
{
	return tx_get_row(tx, Q_site_by_id, ARGS(A_INT(id)), a, &site_rows, out, e);
}

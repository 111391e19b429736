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
	RSTMT(s, Q_site_by_id, e, st);
	db_bind_int(st, 1, id);
	return read_one(st_c->db, st, a, &site_rows, out, e);
}

enum err
store_site_list(struct store *s, struct page pg, struct arena *a, struct site **items,
    size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_site_list, e, st);
	db_bind_int(st, 1, pg.limit);
	db_bind_int(st, 2, pg.offset);
	if (read_rows(st_c->db, st, a, &site_rows, 6, (void **)items, n, total, e) != ERR_OK)
		return e->code;
	return fix_total(st_c, total, *n, pg, Q_site_count);
}

enum err
store_room_get(struct store *s, int64_t id, struct arena *a, struct room *out,
    struct error *e)
{
	RSTMT(s, Q_room_by_id, e, st);
	db_bind_int(st, 1, id);
	return read_one(st_c->db, st, a, &room_rows, out, e);
}

enum err
store_room_list(struct store *s, int64_t site_id, struct page pg, struct arena *a,
    struct room **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_room_list, e, st);
	db_bind_int(st, 1, pg.limit);
	db_bind_int(st, 2, pg.offset);
	db_bind_int(st, 3, site_id);
	if (read_rows(st_c->db, st, a, &room_rows, 5, (void **)items, n, total, e) != ERR_OK)
		return e->code;
	if (*n > 0 || pg.offset == 0)
		return ERR_OK;
	db_bind_int(st, 1, 1);
	db_bind_int(st, 2, 0);
	db_bind_int(st, 3, site_id);
	return first_total(st_c->db, st, 5, total, e);
}

enum err
store_track_list(struct store *s, int64_t site_id, struct page pg, struct arena *a,
    struct track **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_track_list, e, st);
	db_bind_int(st, 1, pg.limit);
	db_bind_int(st, 2, pg.offset);
	db_bind_int(st, 3, site_id);
	if (read_rows(st_c->db, st, a, &track_rows, 8, (void **)items, n, total, e) != ERR_OK)
		return e->code;
	if (*n > 0 || pg.offset == 0)
		return ERR_OK;
	db_bind_int(st, 1, 1);
	db_bind_int(st, 2, 0);
	db_bind_int(st, 3, site_id);
	return first_total(st_c->db, st, 8, total, e);
}

enum err
store_tx_site_insert(struct store_tx *tx, struct site *st, struct error *e)
{
	struct db_stmt *q = WST(tx, Q_site_insert);

	db_bind_text(q, 1, st->name);
	db_bind_text(q, 2, st->timezone);
	db_bind_text(q, 3, st->address);
	db_bind_text(q, 4, st->phone);
	db_bind_int(q, 5, st->active ? 1 : 0);
	db_bind_int(q, 6, tx->now);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	st->id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_site_update(struct store_tx *tx, const struct site *st, struct error *e)
{
	struct db_stmt *q = WST(tx, Q_site_update);

	db_bind_int(q, 1, st->id);
	db_bind_text(q, 2, st->name);
	db_bind_text(q, 3, st->timezone);
	db_bind_text(q, 4, st->address);
	db_bind_text(q, 5, st->phone);
	db_bind_int(q, 6, st->active ? 1 : 0);
	db_bind_int(q, 7, tx->now);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	return db_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "site not found");
}

enum err
store_tx_room_insert(struct store_tx *tx, struct room *r, struct error *e)
{
	struct db_stmt *q = WST(tx, Q_room_insert);
	int rc;

	db_bind_int(q, 1, r->site_id);
	db_bind_text(q, 2, r->name);
	db_bind_int(q, 3, r->capacity);
	db_bind_int(q, 4, r->active ? 1 : 0);
	db_bind_int(q, 5, tx->now);
	rc = db_step(q);
	db_reset(q);
	if (rc == DB_CONSTRAINT)
		return error_field(e, "site_id", "names a site that does not exist");
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "adding a room");
	r->id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_room_update(struct store_tx *tx, const struct room *r, struct error *e)
{
	struct db_stmt *q = WST(tx, Q_room_update);
	int rc;

	db_bind_int(q, 1, r->id);
	db_bind_int(q, 2, r->site_id);
	db_bind_text(q, 3, r->name);
	db_bind_int(q, 4, r->capacity);
	db_bind_int(q, 5, r->active ? 1 : 0);
	db_bind_int(q, 6, tx->now);
	rc = db_step(q);
	db_reset(q);
	if (rc == DB_CONSTRAINT)
		return error_field(e, "site_id", "names a site that does not exist");
	if (rc != DB_DONE)
		return db_error(e, WDB(tx), "changing a room");
	return db_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "room not found");
}

enum err
store_tx_track_insert(struct store_tx *tx, struct track *t, struct error *e)
{
	struct db_stmt *q = WST(tx, Q_track_insert);

	db_bind_int(q, 1, t->site_id);
	db_bind_text(q, 2, t->name);
	db_bind_text(q, 3, t->level_of_care);
	db_bind_int(q, 4, t->weekdays);
	db_bind_int(q, 5, t->start_min);
	db_bind_int(q, 6, t->end_min);
	db_bind_int(q, 7, t->active ? 1 : 0);
	db_bind_int(q, 8, tx->now);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	t->id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_track_get(struct store_tx *tx, int64_t id, struct arena *a, struct track *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_track_by_id);

	db_bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, &track_rows, out, e);
}

enum err
store_tx_site_get(struct store_tx *tx, int64_t id, struct arena *a, struct site *out,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_site_by_id);

	db_bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, &site_rows, out, e);
}

/*
 * feeds.c — calendar feeds: the feeds behind their tokens' hashes, and the
 * events each kind shows (sql/queries/feeds.sql).
 *
 * The token is never stored or seen here: only its SHA-256.  The queries
 * read no more of a client than the feed's kind may show (none in a room
 * or track feed, first name and initial in a staff feed), so the rest never
 * leaves the database.  This file must not know about HTTP or print health
 * information.
 */
#include "store/store_int.h"

static const struct col feed_cols[] = {
	C_INT(struct feed, id, "id"),
	C_TEXT(struct feed, kind, "kind"),
	C_INT(struct feed, subject_id, "subject_id"),
	C_INT(struct feed, created_by, "created_by"),
	C_INT(struct feed, created_at, "created_at"),
	C_INT(struct feed, revoked_at, "revoked_at"),
	C_TEXT(struct feed, label, "label"),
	C_INT(struct feed, client_id, "client_id"),
	C_TEXT(struct feed, timezone, "timezone"),
};
static const enum sql_query feed_queries[] = {
	Q_feed_get,
	Q_feed_by_token,
	Q_feed_by_creator,
	Q_feed_by_subject,
};
const struct row_table feed_rows = ROW_TABLE(struct feed, "calendar feed", feed_cols,
    feed_queries);

static const struct col item_cols[] = {
	C_TEXT(struct feed_item, type, "type"),
	C_INT(struct feed_item, id, "id"),
	C_INT(struct feed_item, starts_at, "starts_at"),
	C_INT(struct feed_item, ends_at, "ends_at"),
	C_TEXT(struct feed_item, status, "status"),
	C_INT(struct feed_item, sequence, "sequence"),
	C_INT(struct feed_item, updated_at, "updated_at"),
	C_TEXT(struct feed_item, what, "what"),
	C_TEXT(struct feed_item, topic, "topic"),
	C_TEXT(struct feed_item, track_name, "track_name"),
	C_TEXT(struct feed_item, staff_name, "staff_name"),
	C_TEXT(struct feed_item, room_name, "room_name"),
	C_TEXT(struct feed_item, site_name, "site_name"),
	C_TEXT(struct feed_item, timezone, "timezone"),
	C_TEXT(struct feed_item, client_first, "client_first"),
	C_TEXT(struct feed_item, client_last, "client_last"),
};
static const enum sql_query item_queries[] = {
	Q_feed_items_client,
	Q_feed_items_staff,
	Q_feed_items_room,
	Q_feed_items_track,
};
const struct row_table feed_item_rows = ROW_TABLE(struct feed_item, "feed event", item_cols,
    item_queries);

enum err
store_tx_feed_insert(struct store_tx *tx, enum feed_kind k, int64_t subject,
    const uint8_t hash[32], int64_t created_by, int64_t *id, struct error *e)
{
	return tx_insert(tx, Q_feed_insert, ARGS(A_TEXT(feed_kind_name(k)), A_INT(subject),
	    A_BLOB(hash, 32), A_INT(created_by), A_INT(tx->now)), id, e);
}

enum err
store_tx_feed_subject(struct store_tx *tx, enum feed_kind k, int64_t id, bool *exists,
    struct error *e)
{
	int64_t n = 0;

	if (tx_int(tx, Q_feed_subject_exists, (int64_t)k, id, &n, "finding the feed's subject",
	    e) != ERR_OK)
		return e->code;
	*exists = n > 0;
	return ERR_OK;
}

enum err
store_tx_feed_get(struct store_tx *tx, int64_t id, struct arena *a, struct feed *out,
    struct error *e)
{
	return tx_get_row(tx, Q_feed_get, ARGS(A_INT(id)), a, &feed_rows, out, e);
}

enum err
store_tx_feed_revoke(struct store_tx *tx, int64_t id, int64_t by, struct error *e)
{
	return tx_change(tx, Q_feed_revoke, ARGS(A_INT(id), A_INT(tx->now), A_INT(by)),
	    "calendar feed", e);
}

enum err
store_feed_by_token(struct store *s, const uint8_t hash[32], struct arena *a, struct feed *out,
    struct error *e)
{
	return get_row(s, Q_feed_by_token, ARGS(A_BLOB(hash, 32)), a, &feed_rows, out, e);
}

enum err
store_feeds_mine(struct store *s, int64_t by, const char *kind, int64_t subject,
    struct arena *a, struct feed **items, size_t *n, struct error *e)
{
	RSTMT(s, kind ? Q_feed_by_subject : Q_feed_by_creator, e, st);
	void *tmp = NULL;
	enum err rc;

	if (kind != NULL)
		bind_args(st, ARGS(A_TEXT(kind), A_INT(subject), A_INT(by)));
	else
		bind_args(st, ARGS(A_INT(by)));
	rc = read_rows(st_c->db, st, a, &feed_rows, -1, &tmp, n, NULL, e);
	*items = tmp;
	return rc;
}

enum err
store_feed_items(struct store *s, const struct feed *f, int64_t from, int64_t to,
    struct arena *a, struct feed_item **items, size_t *n, struct error *e)
{
	static const enum sql_query by_kind[FEED__MAX] = {
		[FEED_CLIENT] = Q_feed_items_client, [FEED_STAFF] = Q_feed_items_staff,
		[FEED_ROOM] = Q_feed_items_room, [FEED_TRACK] = Q_feed_items_track,
	};
	enum feed_kind k;
	void *tmp = NULL;
	enum err rc;

	if (!feed_kind_parse(f->kind, &k))
		return error_set(e, ERR_STORE, "A calendar feed of an unknown kind.");
	RSTMT(s, by_kind[k], e, st);
	bind_args(st, ARGS(A_INT(f->subject_id), A_INT(from), A_INT(to)));
	rc = read_rows(st_c->db, st, a, &feed_item_rows, -1, &tmp, n, NULL, e);
	*items = tmp;
	return rc;
}

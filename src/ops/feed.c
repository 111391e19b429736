/*
 * feed.c — calendar feeds' writes: the rule of core/ical.c, the subject
 * checked in the transaction, the write.
 */
#include "ops/feed.h"

static const char *const subject_words[FEED__MAX] = {
	[FEED_CLIENT] = "client", [FEED_STAFF] = "staff member", [FEED_ROOM] = "room",
	[FEED_TRACK] = "track",
};

enum err
op_feed_create(struct store_tx *tx, const struct actor *who, const struct feed_create_in *in,
    struct op_result *res, struct error *e)
{
	bool exists = false;
	int64_t id = 0;

	if (feed_check_create(in->kind, in->subject_id, who->staff_id, who->roles, e) != ERR_OK)
		return e->code;
	if (store_tx_feed_subject(tx, in->kind, in->subject_id, &exists, e) != ERR_OK)
		return e->code;
	if (!exists)
		return error_field(e, "id", "is not a known %s", subject_words[in->kind]);
	if (store_tx_feed_insert(tx, in->kind, in->subject_id, in->hash, who->staff_id, &id, e)
	    != ERR_OK ||
	    store_tx_feed_get(tx, id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = id;
	if (in->kind == FEED_CLIENT && op_touched(res, in->subject_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	res->detail = arena_printf(res->arena, "kind=%s subject=%lld",
	    feed_kind_name(in->kind), (long long)in->subject_id);
	return res->detail != NULL ? ERR_OK : error_set(e, ERR_NOMEM, "Out of memory.");
}

enum err
op_feed_revoke(struct store_tx *tx, const struct actor *who, const struct feed_revoke_in *in,
    struct op_result *res, struct error *e)
{
	struct feed *f = in->out;

	if (store_tx_feed_get(tx, in->id, res->arena, f, e) != ERR_OK)
		return e->code;
	if (f->revoked_at != 0)
		return error_set(e, ERR_NOTFOUND, "This calendar feed was revoked already.");
	if (f->created_by != who->staff_id && !roles_allow(who->roles, PERM_ADMIN_MANAGE))
		return error_set(e, ERR_FORBIDDEN, "A calendar feed can be revoked only by the "
		    "person who made it, or by an administrator.");
	if (store_tx_feed_revoke(tx, f->id, who->staff_id, e) != ERR_OK)
		return e->code;
	res->id = f->id;
	if (f->client_id != 0 && op_touched(res, f->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	res->detail = arena_printf(res->arena, "kind=%s subject=%lld", f->kind,
	    (long long)f->subject_id);
	return res->detail != NULL ? ERR_OK : error_set(e, ERR_NOMEM, "Out of memory.");
}

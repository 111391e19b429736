/*
 * api_feeds.c — calendar feeds (issue 12, item 8): made, listed and revoked
 * by signed-in staff; served as text/calendar to whoever holds the link.
 *
 * A feed's link is /feeds/<token>.ics with a random 32-byte token
 * (base64url, 43 characters).  Only the token's SHA-256 is stored, so the
 * link is shown once, in the answer that made it; a lost link is revoked
 * and a new one made.  Serving needs no session: the token is the
 * credential.  Fetches are counted per client address
 * (IOP_FEED_RATE_PER_HOUR) and every fetch served writes an audit row
 * (feed.fetch) naming the feed — on the client's trail for a client feed,
 * since it discloses the client's schedule to the link's holder.
 *
 * The text is RFC 5545 (core/ical.c writes it); each zone's VTIMEZONE comes
 * from libical, which builds it from the system's zoneinfo, with the zone's
 * own name as TZID.  What an event shows depends on the feed's kind: a
 * client's feed their own sessions and appointments (no other client); a
 * staff feed clients by first name and initial only; room and track feeds
 * no client at all.  No event carries clinical detail.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>
#include <sodium.h>

#include "core/appointment.h"
#include "core/ical.h"
#include "core/schedule.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "lib/tz.h"
#include "ops/feed.h"

#define FEED_PREFIX "/feeds/"
#define FEED_SUFFIX ".ics"
#define TOKEN_LEN 43	/* 32 bytes, base64url without padding */

/* ---- VTIMEZONE, from libical ---------------------------------------------- */

/*
 * libical's built-in zones are shared and not safe to build from two
 * threads at once: each zone's VTIMEZONE is made once, under a lock, and
 * kept as text for the life of the process.
 */
#define VTZ_CACHE 32
static pthread_mutex_t vtz_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char name[64];
	char *text;	/* NULL: libical has no such zone (or UTC, which needs none) */
} vtz_cache[VTZ_CACHE];
static int vtz_n;

static char *
vtz_build(const char *name)
{
	icaltimezone *z = icaltimezone_get_builtin_timezone(name);
	icalcomponent *c, *copy;
	icalproperty *p;
	char *text;

	if (z == NULL || z == icaltimezone_get_utc_timezone() ||
	    (c = icaltimezone_get_component(z)) == NULL)
		return NULL;
	if ((copy = icalcomponent_new_clone(c)) == NULL)
		return NULL;
	if ((p = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY)) != NULL)
		icalproperty_set_tzid(p, name);
	text = icalcomponent_as_ical_string_r(copy);
	icalcomponent_free(copy);
	return text;
}

/* Append zone name's VTIMEZONE to b; false when there is none to give. */
static bool
vtz_append(struct buf *b, const char *name)
{
	const char *text = NULL;
	bool found = false;

	if (strlen(name) >= sizeof vtz_cache[0].name)
		return false;
	pthread_mutex_lock(&vtz_lock);
	for (int i = 0; i < vtz_n; i++) {
		if (strcmp(vtz_cache[i].name, name) == 0) {
			text = vtz_cache[i].text;
			found = true;
			break;
		}
	}
	if (!found) {
		char *t = vtz_build(name);
		if (vtz_n < VTZ_CACHE) {
			snprintf(vtz_cache[vtz_n].name, sizeof vtz_cache[0].name, "%s", name);
			vtz_cache[vtz_n++].text = t;
			text = t;
		} else {
			/* A full cache: this once, without keeping it. */
			if (t != NULL)
				ical_raw(b, t);
			pthread_mutex_unlock(&vtz_lock);
			free(t);
			return t != NULL;
		}
	}
	if (text != NULL)
		ical_raw(b, text);
	pthread_mutex_unlock(&vtz_lock);
	return text != NULL;
}

/* ---- the feed's text ------------------------------------------------------ */

/* The zones a feed's events use: each loaded once, its VTIMEZONE written
 * once.  A zone with none (UTC, or unknown here) gets UTC times. */
#define FEED_ZONES 8
struct feed_zones {
	int n;
	struct {
		const char *name;
		struct tz *z;	/* NULL: write this zone's times in UTC */
	} z[FEED_ZONES];
};

static const struct tz *
zone_for(struct feed_zones *zs, const char *name, struct buf *b)
{
	struct tz *z;

	for (int i = 0; i < zs->n; i++)
		if (strcmp(zs->z[i].name, name) == 0)
			return zs->z[i].z;
	if (zs->n == FEED_ZONES)
		return NULL;
	if ((z = tz_open(name)) != NULL && !vtz_append(b, name)) {
		free(z);
		z = NULL;
	}
	zs->z[zs->n].name = name;
	zs->z[zs->n++].z = z;
	return z;
}

static void
feed_zones_free(struct feed_zones *zs)
{
	for (int i = 0; i < zs->n; i++)
		free(zs->z[i].z);
}

static const char *
group_words(const char *code)
{
	for (size_t i = 0; i < ngroup_types; i++)
		if (strcmp(group_types[i].code, code) == 0)
			return group_types[i].label;
	return code;
}

static const char *
appt_words(const char *code)
{
	enum appt_kind k;

	return appt_kind_parse(code, &k) ? appt_kind_words(k) : code;
}

/* The event's title: what it is, in the words the feed's kind may show. */
static const char *
summary(struct arena *a, enum feed_kind k, const struct feed_item *it)
{
	const char *pre = strcmp(it->status, "cancelled") == 0 ? "Cancelled: " : "";

	if (strcmp(it->type, "session") == 0) {
		const char *g = group_words(it->what);
		if (k == FEED_CLIENT)
			return *it->topic ? arena_printf(a, "%s%s: %s", pre, g, it->topic) :
			    arena_printf(a, "%s%s", pre, g);
		return *it->topic ? arena_printf(a, "%s%s: %s (%s)", pre, g, it->topic,
		    it->track_name) : arena_printf(a, "%s%s (%s)", pre, g, it->track_name);
	}
	if (k == FEED_STAFF) {
		char who[160];
		feed_short_name(it->client_first, it->client_last, who, sizeof who);
		return arena_printf(a, "%s%s: %s", pre, appt_words(it->what), who);
	}
	if (k == FEED_CLIENT)
		return arena_printf(a, "%s%s with %s", pre, appt_words(it->what), it->staff_name);
	return arena_printf(a, "%sAppointment with %s", pre, it->staff_name);
}

static const char *
location(struct arena *a, const struct feed_item *it)
{
	return *it->room_name ? arena_printf(a, "%s, %s", it->room_name, it->site_name) :
	    it->site_name;
}

/* The whole calendar of feed f over its window, into b. */
static enum err
feed_text(struct req *r, const struct feed *f, struct buf *b, size_t *nevents,
    struct error *e)
{
	struct feed_item *items = NULL;
	struct feed_zones zs = { 0 };
	enum feed_kind k;
	const char *name;
	size_t n = 0;
	int64_t from = r->now - (int64_t)FEED_BACK_DAYS * 86400;
	int64_t to = r->now + (int64_t)FEED_AHEAD_DAYS * 86400;

	if (!feed_kind_parse(f->kind, &k))
		return error_set(e, ERR_STORE, "A calendar feed of an unknown kind.");
	if (store_feed_items(r->app->store, f, from, to, r->arena, &items, &n, e) != ERR_OK)
		return e->code;
	name = k == FEED_CLIENT || k == FEED_STAFF ? "My schedule (openiop)" :
	    arena_printf(r->arena, "%s (openiop)", f->label);
	ical_begin(b, name ? name : "openiop");
	/* The subject's own zone first, so a feed with no events has it too. */
	if (*f->timezone) {
		zone_for(&zs, f->timezone, b);
		ical_text(b, "X-WR-TIMEZONE", f->timezone);
	}
	for (size_t i = 0; i < n; i++)
		zone_for(&zs, items[i].timezone, b);
	for (size_t i = 0; i < n; i++) {
		const struct feed_item *it = &items[i];
		struct ical_event ev = {
			.uid = arena_printf(r->arena, "%s-%lld@openiop", it->type,
			    (long long)it->id),
			.stamp = it->updated_at,
			.starts_at = it->starts_at,
			.ends_at = it->ends_at,
			.tzid = it->timezone,
			.z = zone_for(&zs, it->timezone, b),
			.sequence = (int)it->sequence,
			.cancelled = strcmp(it->status, "cancelled") == 0,
			.summary = summary(r->arena, k, it),
			.location = location(r->arena, it),
		};
		if (ev.uid == NULL || ev.summary == NULL || ev.location == NULL) {
			feed_zones_free(&zs);
			return error_set(e, ERR_NOMEM, "The server ran out of memory.");
		}
		ical_event(b, &ev);
	}
	ical_end(b);
	feed_zones_free(&zs);
	*nevents = n;
	return b->failed ? error_set(e, ERR_NOMEM, "The server ran out of memory.") : ERR_OK;
}

/* GET /feeds/<token>.ics: no session; the token is the credential. */
void
h_feed_serve(struct req *r)
{
	const char *tok = r->url + strlen(FEED_PREFIX);
	uint8_t hash[32];
	struct feed f;
	struct error e;
	struct buf b;
	size_t n = 0;

	if (!rate_allow(&r->app->feed_rate, r->addr, r->now, 3600,
	    r->app->set.feed_rate_per_hour)) {
		reply_err(r, ERR_RATELIMIT, "Too many calendar requests from this address; "
		    "try again in an hour.");
		return;
	}
	error_clear(&e);
	if (strncmp(r->url, FEED_PREFIX, strlen(FEED_PREFIX)) != 0 ||
	    strlen(tok) != TOKEN_LEN + strlen(FEED_SUFFIX)) {
		reply_err(r, ERR_NOTFOUND, "Not found.");
		return;
	}
	crypto_hash_sha256(hash, (const unsigned char *)tok, TOKEN_LEN);
	if (store_feed_by_token(r->app->store, hash, r->arena, &f, &e) != ERR_OK) {
		if (e.code == ERR_NOTFOUND)
			reply_err(r, ERR_NOTFOUND, "Not found.");
		else
			reply_error(r, &e);
		return;
	}
	buf_init(&b, 16 * 1024 * 1024);
	if (feed_text(r, &f, &b, &n, &e) != ERR_OK) {
		buf_free(&b);
		reply_error(r, &e);
		return;
	}
	req_about(r, f.id, f.client_id);
	req_audit_as(r, NULL, arena_printf(r->arena, "kind=%s subject=%lld events=%zu", f.kind,
	    (long long)f.subject_id, n));
	/* The buffer's bytes are the answer's (malloc'd: the answer frees them). */
	reply_owned(r, 200, "text/calendar; charset=utf-8", b.data, b.len);
}

/* ---- made, listed, revoked ------------------------------------------------ */

static json_t *
feed_to_json(const struct feed *f)
{
	return json_pack("{s:I,s:s,s:I,s:o,s:I,s:o}", "id", (json_int_t)f->id, "kind", f->kind,
	    "subject_id", (json_int_t)f->subject_id, "label", jstr(f->label),
	    "created_by", (json_int_t)f->created_by, "created_at", jtime(f->created_at));
}

static const char *
parse_feed_kind(json_t *v, void *dst, struct arena *a)
{
	const char *s, *why;

	(void)a;
	if ((why = fields_text(v, &s)) != NULL)
		return why;
	return feed_kind_parse(s, dst) ? NULL : "must be client, staff, room or track";
}

/* The body, decoded beside the operation's input. */
struct feed_body {
	enum feed_kind kind;
	int64_t id;
};

#define FB(m) offsetof(struct feed_body, m)
static const struct fdef feed_fields[] = {
	{ .name = "kind", .kind = FK_CUSTOM, .off = FB(kind), .flags = FD_REQUIRED,
	    .parse = parse_feed_kind },
	{ .name = "id", .kind = FK_INT, .off = FB(id), .flags = FD_REQUIRED, .min = 1,
	    .max = INT64_C(999999999999999),
	    .msg = "must be the id of the client, staff member, room or track" },
};
#undef FB
const struct fdecoder dec_feed = FDECODER("feed", struct feed_body, feed_fields);

/* What POST /feeds keeps for its answer: the input, and the token. */
struct feed_made {
	struct feed_create_in in;
	char token[64];
};

static void
create_after(struct req *r)
{
	struct feed_made *m = (struct feed_made *)(void *)r->op->in;
	json_t *o;

	if (r->job.result != ERR_OK) {
		sodium_memzero(m->token, sizeof m->token);
		reply_error(r, &r->job.err);
		return;
	}
	o = feed_to_json(m->in.out);
	json_object_set_new(o, "url", json_string(arena_printf(r->arena, FEED_PREFIX "%s"
	    FEED_SUFFIX, m->token)));
	sodium_memzero(m->token, sizeof m->token);
	reply_json(r, 201, o);
}

/* POST /api/v1/feeds {"kind", "id"} -> 201 {"id", "url", ...}. */
void
h_feeds_create(struct req *r)
{
	struct feed_made *m;
	struct feed_body body = { FEED__MAX, 0 };
	unsigned char raw[32];
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	if (!fdecode(&dec_feed, o, r->arena, &body, NULL, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	/* A client's feed hands out their schedule: only from within their care. */
	if (body.kind == FEED_CLIENT && !req_care(r, body.id))
		return;
	if ((m = req_zalloc(r, sizeof *m)) == NULL ||
	    (m->in.out = req_zalloc(r, sizeof *m->in.out)) == NULL)
		return;
	m->in.kind = body.kind;
	m->in.subject_id = body.id;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(m->token, sizeof m->token, raw, sizeof raw,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	crypto_hash_sha256(m->in.hash, (const unsigned char *)m->token, strlen(m->token));
	/* The input is the struct's first member: the operation reads it. */
	req_op(r, op_feed_create_run, &m->in, create_after);
}

/* GET /api/v1/feeds[?kind=&id=]: my live feeds, paged (a client feed's label
 * names its client: the row lists those shown). */
void
h_feeds_list(struct req *r)
{
	const char *kind = req_query(r, "kind");
	int64_t subject = 0;
	enum feed_kind k;
	struct feed *items = NULL;
	struct page pg;
	struct error e;
	size_t n = 0, off, cnt;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (kind != NULL && !feed_kind_parse(kind, &k)) {
		error_field(&e, "kind", "must be client, staff, room or track");
		reply_error(r, &e);
		return;
	}
	if (!req_query_int(r, "id", 1, INT64_C(999999999999999), &subject, &e,
	    "must be the id of the feed's subject")) {
		reply_error(r, &e);
		return;
	}
	if ((kind == NULL) != (subject == 0)) {
		error_field(&e, kind ? "id" : "kind", "is needed with %s", kind ? "kind" : "id");
		reply_error(r, &e);
		return;
	}
	if (store_feeds_mine(r->app->store, r->sess.staff_id, kind, subject, r->arena, &items,
	    &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	page_slice(pg, n, &off, &cnt);
	reply_list_audited(r, items + off, cnt, feed_to_json, (int64_t)n, id, client_id);
}

static void
revoke_after(struct req *r)
{
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_empty(r, 204);
}

/* DELETE /api/v1/feeds/{id} -> 204; its link answers 404 from then on. */
void
h_feed_revoke(struct req *r)
{
	struct feed_revoke_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->id = r->ids[0];
	req_op(r, op_feed_revoke_run, in, revoke_after);
}

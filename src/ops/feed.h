/*
 * feed.h — operations on calendar feeds: one made, one revoked.
 */
#ifndef IOP_OPS_FEED_H
#define IOP_OPS_FEED_H

#include "core/ical.h"
#include "ops/ops.h"

/* A new feed of subject id of kind k, behind the token whose SHA-256 is
 * hash (the caller made the token and hands it to nobody but the maker).
 * *out: the feed as stored. */
struct feed_create_in {
	enum feed_kind kind;
	int64_t subject_id;
	uint8_t hash[32];
	struct feed *out;
};

/*
 * The maker may make it (core feed_check_create: ERR_FORBIDDEN); the
 * subject exists (else a fault on field id).  A client feed touches its
 * client (the audit row is on the client's trail).  res->detail names the
 * kind and subject.
 */
OP_DECLARE(op_feed_create, struct feed_create_in)

struct feed_revoke_in {
	int64_t id;
	struct feed *out;	/* the feed as it was */
};

/* Only its maker or an administrator (admin.manage) may revoke a feed
 * (ERR_FORBIDDEN); one revoked already is not found.  From then on its
 * link answers 404. */
OP_DECLARE(op_feed_revoke, struct feed_revoke_in)

#endif

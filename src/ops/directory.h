/*
 * directory.h (ops) — the clinic's own furniture: sites, rooms and program
 * tracks.  A change carries the whole record (read, changed and validated
 * by the caller); the operation validates again, so every caller is held to
 * the same rules.
 */
#ifndef IOP_OPS_DIRECTORY_H
#define IOP_OPS_DIRECTORY_H

#include "core/directory.h"
#include "ops/ops.h"

/* s.id 0: a new site; otherwise the site to change. */
struct site_write_in {
	struct site s;
	struct site *out;		/* the record as written */
};

/* rm.id 0: a new room; otherwise the room to change. */
struct room_write_in {
	struct room rm;
	struct room *out;
};

struct track_create_in {
	struct track t;
	struct track *out;
};

OP_DECLARE(op_site_write, struct site_write_in)

OP_DECLARE(op_room_write, struct room_write_in)

OP_DECLARE(op_track_create, struct track_create_in)

#endif

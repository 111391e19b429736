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

enum err op_site_write(struct store_tx *tx, const struct actor *who,
    const struct site_write_in *in, struct op_result *res, struct error *e);
OP_RUN(op_site_write, struct site_write_in)

enum err op_room_write(struct store_tx *tx, const struct actor *who,
    const struct room_write_in *in, struct op_result *res, struct error *e);
OP_RUN(op_room_write, struct room_write_in)

enum err op_track_create(struct store_tx *tx, const struct actor *who,
    const struct track_create_in *in, struct op_result *res, struct error *e);
OP_RUN(op_track_create, struct track_create_in)

#endif

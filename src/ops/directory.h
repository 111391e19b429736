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

/* A new track (the demo's seeding; the API writes through op_track_write). */
struct track_create_in {
	struct track t;
	struct track *out;
};

/* t.id 0: a new track; otherwise the track to change.  A site that does
 * not exist is an error on site_id. */
struct track_write_in {
	struct track t;
	struct track *out;
	/* The weekly template (t.blocks) is given: it replaces the track's
	 * blocks, and the sessions not yet started follow it
	 * (schedule_template_changed). */
	bool blocks_given;
};

/* The program's details as they are to be (the whole record). */
struct program_save_in {
	struct program p;
	struct program *out;
};

OP_DECLARE(op_site_write, struct site_write_in)

OP_DECLARE(op_room_write, struct room_write_in)

OP_DECLARE(op_track_create, struct track_create_in)

OP_DECLARE(op_track_write, struct track_write_in)

OP_DECLARE(op_program_save, struct program_save_in)

#endif

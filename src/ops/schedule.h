/*
 * schedule.h (ops) — the program's week: generating a track's sessions from
 * its template, site closures, one-off sessions, cancelling a session and a
 * substitute facilitator.  The template itself is written with the track
 * (op_track_write), which brings the track's future sessions in line.
 */
#ifndef IOP_OPS_SCHEDULE_H
#define IOP_OPS_SCHEDULE_H

#include "core/directory.h"
#include "core/schedule.h"
#include "ops/ops.h"

struct sessions_generate_in {
	int64_t track_id;
	struct date from, to;
	int64_t *created;		/* out: sessions made */
};

struct closure_add_in {
	struct site_closure c;		/* site_id, date, reason */
	struct site_closure *out;
	int64_t *cancelled;		/* out: sessions it cancelled */
};

struct closure_delete_in {
	int64_t site_id;
	int64_t id;
};

/* A one-off session of a track (not from the template). */
struct gsession_add_in {
	struct group_session g;		/* track_id, date, start_min, minutes,
					 * group_type, topic, facilitator_id, room_id */
	struct group_session *out;
};

/* What a change to one session names: cancelled with cancel_reason, or
 * scheduled again; a substitute facilitator; the topic; the room. */
enum { GS_CANCELLED = 1, GS_SUBSTITUTE = 2, GS_TOPIC = 4, GS_ROOM = 8 };
struct gsession_change_in {
	int64_t id;
	unsigned fields;		/* GS_* */
	struct group_session g;		/* the values of the fields named */
	struct group_session *out;
};

/* A client onto a track from a date (today at the site or later, not before
 * the admission): the track they are on then is left that day. */
struct enrolment_add_in {
	struct enrolment en;		/* client_id, track_id, from */
	struct enrolment *out;
};

OP_DECLARE(op_enrolment_add, struct enrolment_add_in)
OP_DECLARE(op_sessions_generate, struct sessions_generate_in)
OP_DECLARE(op_closure_add, struct closure_add_in)
OP_DECLARE(op_closure_delete, struct closure_delete_in)
OP_DECLARE(op_gsession_add, struct gsession_add_in)
OP_DECLARE(op_gsession_change, struct gsession_change_in)

/*
 * After track t's template changed (inside op_track_write): its template
 * sessions that have not started (so hold no attendance) follow the new
 * blocks — changed in place where a block still starts that day at that
 * time, removed where none does — and the days up to the last one
 * generated get the new blocks' sessions.  Past sessions never change.
 */
enum err schedule_template_changed(struct store_tx *tx, const struct track *t, int64_t now,
    struct arena *a, struct error *e);

/* Admission into an episode with a track (inside op_episode_admit): the
 * client is enrolled on it from the admission date. */
enum err schedule_enrol_admitted(struct store_tx *tx, int64_t client_id, int64_t episode_id,
    int64_t track_id, struct date admitted_on, int64_t by, struct arena *a, struct error *e);

#endif

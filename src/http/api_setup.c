/*
 * api_setup.c — setting the program up from a fresh install: the program's
 * own details (GET, PATCH /api/v1/program), its tracks (POST /api/v1/tracks,
 * GET and PATCH /api/v1/tracks/{id}) and the set-up checklist
 * (GET /api/v1/setup), which counts from the database what is still missing.
 *
 * Sites, rooms and staff have their own handlers (api_directory.c); the
 * public pages read the program here through h_public_program and the
 * pages' placeholders (assets.c).
 */
#include <stdio.h>
#include <string.h>

#include "core/directory.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/directory.h"

/* ---- the program's details ------------------------------------------------ */

static json_t *
program_to_json(const struct program *p)
{
	return json_pack("{s:o,s:o,s:o,s:o,s:b,s:o}",
	    "name", jstr(p->name),
	    "tagline", jstr(p->tagline),
	    "phone", jstr(p->phone),
	    "email", jstr(p->email),
	    "details_saved", p->updated_at > 0,
	    "updated_at", jtime(p->updated_at));
}

void
h_program_get(struct req *r)
{
	struct program p;
	struct error e;

	error_clear(&e);
	if (store_program_get(r->app->store, r->arena, &p, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, program_to_json(&p));
}

#define PG(m) offsetof(struct program, m)

static const struct fdef program_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .off = PG(name) },
	{ .name = "tagline", .kind = FK_TEXT, .off = PG(tagline) },
	{ .name = "phone", .kind = FK_TEXT, .off = PG(phone) },
	{ .name = "email", .kind = FK_TEXT, .off = PG(email) },
};
const struct fdecoder dec_program = FDECODER("program", struct program, program_fields);

/* The input first, so the call's input leads back to the job. */
struct program_job {
	struct program_save_in in;
	struct program out;
};

static void
program_after(struct req *r)
{
	const struct program_job *j = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 200, program_to_json(&j->out));
}

/* PATCH: the fields given change; saving, even unchanged, marks the
 * details as set for the checklist. */
void
h_program_patch(struct req *r)
{
	struct program_job *j = req_zalloc(r, sizeof *j);
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->in.out = &j->out;
	if (store_program_get(r->app->store, r->arena, &j->in.p, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	fdecode(&dec_program, o, r->arena, &j->in.p, NULL, &e, NULL);
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		program_validate(&j->in.p, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_program_save_run, j, program_after);
}

/* ---- tracks --------------------------------------------------------------- */

/* ["mon", "wed"] onto the track's weekdays (dst is the unsigned). */
static const char *
weekdays_parse(json_t *v, void *dst, struct arena *a)
{
	unsigned *days = dst;
	enum weekday d;

	(void)a;
	*days = 0;
	if (!json_is_array(v))
		return "must be a list of days: mon, tue, wed, thu, fri, sat, sun";
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *x = json_array_get(v, i);
		if (!json_is_string(x) || !weekday_parse(json_string_value(x), &d))
			return "must list days as mon, tue, wed, thu, fri, sat, sun";
		if (*days & (1u << d))
			return "must not list a day twice";
		*days |= 1u << d;
	}
	return NULL;
}

/* "09:30" onto minutes after midnight (dst is the int). */
static const char *
clock_parse(json_t *v, void *dst, struct arena *a)
{
	static const char *const bad = "must be a time written HH:MM, from 00:00 to 23:59 "
	    "(e.g. 09:00 or 18:30)";
	const char *s;
	int *min = dst;

	(void)a;
	if (!json_is_string(v))
		return bad;
	s = json_string_value(v);
	if (strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' || s[1] < '0' ||
	    s[1] > '9' || s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return bad;
	*min = ((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[3] - '0') * 10 + (s[4] - '0');
	if (*min >= 24 * 60)
		return bad;
	return NULL;
}

/* A track's body: the record, and its week's blocks as given. */
struct track_body {
	struct track t;		/* first: the table's offsets are the track's */
	json_t *blocks;
};

#define TR(m) offsetof(struct track, m)

static const struct fdef track_fields[] = {
	{ .name = "site_id", .kind = FK_INT, .off = TR(site_id), .min = 1, .max = INT64_MAX },
	{ .name = "name", .kind = FK_TEXT, .off = TR(name) },
	{ .name = "level_of_care", .kind = FK_TEXT, .off = TR(level_of_care) },
	{ .name = "weekdays", .kind = FK_CUSTOM, .off = TR(weekdays), .parse = weekdays_parse },
	{ .name = "start_time", .kind = FK_CUSTOM, .off = TR(start_min), .parse = clock_parse },
	{ .name = "end_time", .kind = FK_CUSTOM, .off = TR(end_min), .parse = clock_parse },
	{ .name = "active", .kind = FK_BOOL, .off = TR(active) },
	{ .name = "blocks", .kind = FK_JSON, .off = offsetof(struct track_body, blocks) },
};
const struct fdecoder dec_track = FDECODER("track", struct track_body, track_fields);

GET_ONE(h_track_get, struct track, store_track_get, track_to_json)

struct track_job {
	struct track_write_in in;
	struct track out;
	struct track_body body;
};

/* 201 for a new track, 200 for a change. */
OP_AFTER(track_after, struct track_write_in, track_to_json,
    r->method == M_POST ? 201 : 200)

static void
track_write(struct req *r, bool create)
{
	struct track_job *j = req_zalloc(r, sizeof *j);
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->in.out = &j->out;
	if (create) {
		/* Unset times are out of range, so a missing one is named. */
		j->in.t.name = j->in.t.level_of_care = "";
		j->in.t.start_min = j->in.t.end_min = -1;
		j->in.t.active = true;
	} else if (store_track_get(r->app->store, r->ids[0], r->arena, &j->in.t, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->body.t = j->in.t;
	fdecode(&dec_track, o, r->arena, &j->body, NULL, &e, NULL);
	j->in.t = j->body.t;
	if (j->body.blocks != NULL && !json_is_null(j->body.blocks)) {
		j->in.blocks_given = true;
		if (blocks_decode(j->body.blocks, r->arena, &j->in.t, &e) && j->in.t.nblocks > 0)
			track_from_blocks(&j->in.t);
	}
	if (create && j->in.t.site_id <= 0)
		error_field(&e, "site_id", "choose the site where the group meets");
	if (j->in.t.start_min < 0)
		error_field(&e, "start_time", "enter the time the group starts, e.g. 09:00");
	if (j->in.t.end_min < 0)
		error_field(&e, "end_time", "enter the time the group ends, e.g. 12:00");
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		track_validate(&j->in.t, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_track_write_run, j, track_after);
}

void
h_tracks_create(struct req *r)
{
	track_write(r, true);
}

void
h_track_patch(struct req *r)
{
	track_write(r, false);
}

/* ---- the set-up checklist ------------------------------------------------- */

static json_t *
step(const char *key, bool done, int64_t count)
{
	return json_pack("{s:s,s:b,s:I}", "key", key, "done", done, "count", (json_int_t)count);
}

void
h_setup_get(struct req *r)
{
	struct setup_counts c;
	struct error e;
	json_t *steps;
	bool all;

	error_clear(&e);
	if (store_setup_counts(r->app->store, r->arena, &c, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	all = c.program_saved_at > 0 && c.sites > 0 && c.rooms > 0 && c.tracks > 0 &&
	    c.clinicians > 0 && c.admissions > 0 && c.sites > 0 &&
	    c.sites_without_director == 0;
	/* director: every active site has one, who receives a safety alert
	 * raised while nobody is on duty there; count = sites still without. */
	steps = json_pack("[o,o,o,o,o,o,o]",
	    step("program", c.program_saved_at > 0, c.program_saved_at > 0),
	    step("site", c.sites > 0, c.sites),
	    step("room", c.rooms > 0, c.rooms),
	    step("track", c.tracks > 0, c.tracks),
	    step("clinician", c.clinicians > 0, c.clinicians),
	    step("admissions", c.admissions > 0, c.admissions),
	    step("director", c.sites > 0 && c.sites_without_director == 0,
	    c.sites_without_director));
	reply_json(r, 200, json_pack("{s:b,s:o}", "complete", all, "steps", steps));
}

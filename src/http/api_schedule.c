/*
 * api_schedule.c — the program's week: the group-type vocabulary
 * (GET /api/v1/vocabularies/group-types), a track's weekly blocks (decoded
 * here for api_setup.c), site closures (/api/v1/sites/{id}/closures),
 * generating a track's sessions (POST /api/v1/tracks/{id}/sessions/generate),
 * one-off sessions (POST /api/v1/tracks/{id}/sessions) and the sessions
 * themselves (GET /api/v1/sessions, GET and PATCH /api/v1/sessions/{id}),
 * and a session's attendance (PUT /api/v1/sessions/{id}/attendance).
 *
 * Sessions carry no client data (rosters come with enrolment), so these
 * routes write no read audit.
 */
#include <stdio.h>
#include <string.h>

#include "core/schedule.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/attendance.h"
#include "ops/schedule.h"

static json_t *
jhhmm(int m)
{
	char b[8];

	snprintf(b, sizeof b, "%02d:%02d", (m / 60) % 100, m % 60);
	return json_string(b);
}

static json_t *
jid(int64_t id)
{
	return id > 0 ? json_integer((json_int_t)id) : json_null();
}

/* "HH:MM" onto minutes after midnight (dst is the int). */
static const char *
parse_hhmm(json_t *v, void *dst, struct arena *a)
{
	(void)a;
	if (!json_is_string(v) || !time_parse_hhmm(json_string_value(v), dst))
		return "must be a time written HH:MM, from 00:00 to 23:59 (e.g. 09:00 or 18:30)";
	return NULL;
}

/* A curriculum: a list of topics (strings), stored one a line. */
static const char *
parse_topics(json_t *v, void *dst, struct arena *a)
{
	const char **out = dst;
	size_t len = 0, k = 0;
	char *s;

	if (json_is_null(v)) {
		*out = "";
		return NULL;
	}
	if (!json_is_array(v))
		return "must be a list of topics, one a week in turn";
	if (json_array_size(v) > BLOCK_TOPICS_MAX)
		return "may list at most 52 topics";
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *x = json_array_get(v, i);
		const char *t;
		if (!json_is_string(x))
			return "must list topics as text";
		t = json_string_value(x);
		if (strchr(t, '\n') != NULL || strchr(t, '\r') != NULL)
			return "must list each topic on one line";
		if (strlen(t) > BLOCK_TOPIC_MAX_CHARS)
			return "must list topics of at most 200 characters";
		len += strlen(t) + 1;
	}
	if ((s = arena_alloc(a, len + 1)) == NULL)
		return "is too long";
	for (size_t i = 0; i < json_array_size(v); i++) {
		const char *t = json_string_value(json_array_get(v, i));
		size_t l = strlen(t);
		if (l == 0)
			continue;
		memcpy(s + k, t, l);
		k += l;
		s[k++] = '\n';
	}
	s[k] = '\0';
	*out = s;
	return NULL;
}

#define BL(m) offsetof(struct track_block, m)
static const struct fdef block_fields[] = {
	{ .name = "weekday", .kind = FK_INT32, .off = BL(weekday), .flags = FD_REQUIRED,
	  .min = 1, .max = 7, .msg = "must be a day from 1 (Monday) to 7 (Sunday)" },
	{ .name = "start", .kind = FK_CUSTOM, .off = BL(start_min), .flags = FD_REQUIRED,
	  .parse = parse_hhmm },
	{ .name = "minutes", .kind = FK_INT32, .off = BL(minutes), .flags = FD_REQUIRED,
	  .min = 1, .max = SESSION_MINUTES_MAX, .msg = "must be a length from 1 to 720 minutes" },
	{ .name = "group_type", .kind = FK_TEXT, .off = BL(group_type), .flags = FD_REQUIRED },
	{ .name = "topic", .kind = FK_TEXT, .off = BL(topic) },
	{ .name = "topics", .kind = FK_CUSTOM, .off = BL(topics), .parse = parse_topics },
	{ .name = "facilitator_id", .kind = FK_INT, .off = BL(facilitator_id), .flags = FD_NULL,
	  .min = 0, .max = INT64_MAX },
	{ .name = "room_id", .kind = FK_INT, .off = BL(room_id), .flags = FD_NULL, .min = 0,
	  .max = INT64_MAX },
};
#undef BL
const struct fdecoder dec_track_block = FDECODER("track_block", struct track_block,
    block_fields);

bool
blocks_decode(json_t *v, struct arena *a, struct track *t, struct error *e)
{
	size_t n;

	if (!json_is_array(v)) {
		error_field(e, "blocks", "must be a list of the week's groups");
		return false;
	}
	n = json_array_size(v);
	if (n > TRACK_BLOCKS_MAX) {
		error_field(e, "blocks", "may hold at most 40 groups a week");
		return false;
	}
	t->blocks = arena_alloc(a, (n + 1) * sizeof *t->blocks);
	if (t->blocks == NULL) {
		error_set(e, ERR_NOMEM, "The server is out of memory for this request.");
		return false;
	}
	t->nblocks = (int)n;
	for (size_t i = 0; i < n; i++) {
		struct track_block *b = &t->blocks[i];
		json_t *o = json_array_get(v, i);
		char prefix[24];

		snprintf(prefix, sizeof prefix, "blocks[%zu]", i);
		b->topic = b->topics = b->group_type = "";
		b->weekday = b->start_min = b->minutes = -1;
		if (!json_is_object(o)) {
			error_field(e, prefix, "must be a group: weekday, start, minutes, group_type");
			continue;
		}
		fdecode(&dec_track_block, o, a, b, NULL, e, prefix);
	}
	return e->code == ERR_OK || e->code == ERR_INVALID;
}

json_t *
blocks_to_json(const struct track *t)
{
	json_t *arr = json_array();

	for (int i = 0; i < t->nblocks; i++) {
		const struct track_block *b = &t->blocks[i];
		json_t *topics = json_array();
		const char *p = b->topics == NULL ? "" : b->topics;

		while (*p != '\0') {
			const char *nl = strchr(p, '\n');
			size_t l = nl == NULL ? strlen(p) : (size_t)(nl - p);
			if (l > 0)
				json_array_append_new(topics, json_stringn(p, l));
			p += l;
			if (*p == '\n')
				p++;
		}
		json_array_append_new(arr, json_pack("{s:i,s:o,s:i,s:o,s:o,s:o,s:o,s:o}",
		    "weekday", b->weekday,
		    "start", jhhmm(b->start_min),
		    "minutes", b->minutes,
		    "group_type", jstr(b->group_type),
		    "topic", jstr(b->topic),
		    "topics", topics,
		    "facilitator_id", jid(b->facilitator_id),
		    "room_id", jid(b->room_id)));
	}
	return arr;
}

/* ---- the group-type vocabulary ---------------------------------------------- */

void
h_group_types(struct req *r)
{
	json_t *items = json_array();

	for (size_t i = 0; i < ngroup_types; i++)
		json_array_append_new(items, json_pack("{s:s,s:s}", "code", group_types[i].code,
		    "label", group_types[i].label));
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", items, "total",
	    (json_int_t)ngroup_types));
}

/* ---- sessions --------------------------------------------------------------- */

static json_t *
session_to_json(const struct group_session *g)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:i,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
	    "s:b}",
	    "id", (json_int_t)g->id,
	    "track_id", (json_int_t)g->track_id,
	    "site_id", (json_int_t)g->site_id,
	    "date", jdate(g->date),
	    "start", jhhmm(g->start_min),
	    "starts_at", jtime(g->starts_at),
	    "ends_at", jtime(g->ends_at),
	    "minutes", g->minutes,
	    "status", g->cancelled ? "cancelled" : "scheduled",
	    "cancel_reason", jstr(g->cancel_reason),
	    "closure_id", jid(g->closure_id),
	    "group_type", jstr(g->group_type),
	    "topic", jstr(g->topic),
	    "facilitator_id", jid(g->facilitator_id),
	    "substitute_facilitator_id", jid(g->substitute_id),
	    "room_id", jid(g->room_id),
	    "one_off", g->one_off);
}

/* ?key=YYYY-MM-DD into *d (absent: left alone); false with a field error. */
static bool
query_date(struct req *r, const char *key, struct date *d, struct error *e)
{
	const char *s = req_query(r, key);

	if (s == NULL)
		return true;
	if (!date_parse(s, d)) {
		error_field(e, key, "must be a date written YYYY-MM-DD");
		return false;
	}
	return true;
}

void
h_sessions_list(struct req *r)
{
	struct group_session *items;
	struct date from = { 0, 0, 0 }, to = { 0, 0, 0 };
	struct page pg;
	struct error e;
	int64_t total, track_id = 0, site_id = 0;
	size_t n;

	error_clear(&e);
	req_query_int(r, "track_id", 1, INT64_MAX, &track_id, &e, "must be a track's id");
	req_query_int(r, "site_id", 1, INT64_MAX, &site_id, &e, "must be a site's id");
	query_date(r, "from", &from, &e);
	query_date(r, "to", &to, &e);
	if (e.code == ERR_OK) {
		if (!date_valid(from))
			error_field(&e, "from", "is required: the first date, YYYY-MM-DD");
		if (!date_valid(to))
			error_field(&e, "to", "is required: the last date, YYYY-MM-DD");
		if (e.code == ERR_OK)
			schedule_range_check(from, to, &e);
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (!req_page(r, &pg))
		return;
	if (req_query(r, "limit") == NULL)
		pg.limit = 1000;
	if (store_gsession_list(r->app->store, track_id, site_id, from, to, pg, r->arena, &items,
	    &n, &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, session_to_json, total);
}

static json_t *
roster_entry_to_json(const struct roster_entry *x)
{
	return json_pack("{s:I,s:o,s:o,s:o,s:o,s:o}",
	    "client_id", (json_int_t)x->client_id,
	    "mrn", jstr(x->mrn),
	    "first_name", jstr(x->first_name),
	    "last_name", jstr(x->last_name),
	    "preferred_name", jstr(x->preferred_name),
	    "enrolled_from", jdate(x->from));
}

static json_t *
attendance_values_to_json(const struct attendance *x)
{
	return json_pack("{s:s,s:i,s:i,s:i,s:o,s:o}",
	    "status", x->status,
	    "late_minutes", x->late_minutes,
	    "left_early_minutes", x->left_early_minutes,
	    "minutes_attended", x->minutes,
	    "recorded_by", jid(x->recorded_by),
	    "recorded_at", jtime(x->recorded_at));
}

/* A client's attendance at the session (null when none is recorded), with
 * the earlier values of its corrections, oldest first. */
static json_t *
client_attendance_to_json(const struct session_attendance *sa, int64_t client_id)
{
	json_t *o = NULL, *hist;

	for (size_t i = 0; i < sa->n; i++)
		if (sa->items[i].client_id == client_id) {
			o = attendance_values_to_json(&sa->items[i]);
			break;
		}
	if (o == NULL)
		return json_null();
	hist = json_array();
	for (size_t i = 0; i < sa->nchanges; i++) {
		const struct attendance_change *c = &sa->changes[i];
		json_t *h;

		if (c->was.client_id != client_id)
			continue;
		h = attendance_values_to_json(&c->was);
		json_object_set_new(h, "changed_by", jid(c->changed_by));
		json_object_set_new(h, "changed_at", jtime(c->changed_at));
		json_array_append_new(hist, h);
	}
	json_object_set_new(o, "corrections", hist);
	return o;
}

/* The session with its roster, each client with their attendance; with
 * listed each client is listed for the route's audit (AU_CL_ROWS on a read;
 * a write audits the clients it wrote). */
static json_t *
session_roster_to_json(struct req *r, const struct group_session *g,
    const struct roster_entry *items, size_t n, const struct session_attendance *sa,
    bool listed)
{
	json_t *o = session_to_json(g), *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *x = roster_entry_to_json(&items[i]);

		json_object_set_new(x, "attendance", client_attendance_to_json(sa,
		    items[i].client_id));
		json_array_append_new(arr, x);
		if (listed)
			req_listed(r, items[i].client_id);
	}
	json_object_set_new(o, "roster", arr);
	return o;
}

/* A family-education group: beside each client of the roster, their
 * related persons who may be contacted (to invite them), from the chart's
 * related persons. */
static enum err
family_persons(struct req *r, json_t *o, const struct roster_entry *items, size_t n,
    struct error *e)
{
	json_t *roster = json_object_get(o, "roster");

	for (size_t i = 0; i < n; i++) {
		struct contact *k = NULL;
		size_t nk = 0;
		json_t *arr = json_array();

		if (store_contact_list(r->app->store, items[i].client_id, r->arena, &k, &nk,
		    e) != ERR_OK) {
			json_decref(arr);
			return e->code;
		}
		for (size_t j = 0; j < nk; j++) {
			int kind = contact_kind_find(k[j].kind);
			if (!k[j].may_contact)
				continue;
			json_array_append_new(arr, json_pack("{s:I,s:o,s:s,s:s,s:o,s:o,s:o}",
			    "contact_id", (json_int_t)k[j].id, "name", jstr(k[j].name),
			    "kind", contact_kinds[kind < 0 ? CK_OTHER : kind].code,
			    "kind_label", contact_kinds[kind < 0 ? CK_OTHER : kind].label,
			    "organisation", jstr(k[j].organisation), "phone", jstr(k[j].phone),
			    "email", jstr(k[j].email)));
		}
		json_object_set_new(json_array_get(roster, i), "related_persons", arr);
	}
	return ERR_OK;
}

/* A session and its roster: the clients enrolled on its track on its date
 * (each audited as read: the route's AU_CL_ROWS), with their attendance;
 * for a family-education group, each client's related persons who may be
 * contacted. */
void
h_session_get(struct req *r)
{
	struct group_session g;
	json_t *o;
	struct roster_entry *items = NULL;
	struct session_attendance sa;
	struct error e;
	size_t n = 0;

	error_clear(&e);
	memset(&sa, 0, sizeof sa);
	if (store_gsession_get(r->app->store, r->ids[0], r->arena, &g, &e) != ERR_OK ||
	    store_roster(r->app->store, g.track_id, g.date, r->arena, &items, &n, &e) != ERR_OK ||
	    store_session_attendance(r->app->store, g.id, r->arena, &sa, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	o = session_roster_to_json(r, &g, items, n, &sa, true);
	if (strcmp(g.group_type, "family_education") == 0 &&
	    family_persons(r, o, items, n, &e) != ERR_OK) {
		json_decref(o);
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, o);
}

/* ---- attendance ------------------------------------------------------------- */

#define AT(m) offsetof(struct attendance, m)
static const struct fdef attendance_fields[] = {
	{ .name = "client_id", .kind = FK_INT, .off = AT(client_id), .flags = FD_REQUIRED,
	  .min = 1, .max = INT64_MAX, .msg = "must be the id of a client on the roster" },
	{ .name = "status", .kind = FK_TEXT, .off = AT(status), .flags = FD_REQUIRED },
	{ .name = "late_minutes", .kind = FK_INT32, .off = AT(late_minutes), .flags = FD_NULL,
	  .min = 0, .max = SESSION_MINUTES_MAX, .msg = "must be a number of minutes, 0 or more" },
	{ .name = "left_early_minutes", .kind = FK_INT32, .off = AT(left_early_minutes),
	  .flags = FD_NULL, .min = 0, .max = SESSION_MINUTES_MAX,
	  .msg = "must be a number of minutes, 0 or more" },
};
#undef AT
const struct fdecoder dec_attendance_record = FDECODER("attendance_record",
    struct attendance, attendance_fields);

/* The input first, so the call's input leads back to the job. */
struct attendance_job {
	struct attendance_record_in in;
	struct group_session g;
	struct roster_entry *roster;
	size_t nroster;
	struct session_attendance att;
};

static void
attendance_after(struct req *r)
{
	const struct attendance_job *j = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 200, session_roster_to_json(r, &j->g, j->roster, j->nroster,
		    &j->att, false));
}

/* A session's attendance, for all or part of its roster, in one request:
 * {"records":[{"client_id","status","late_minutes","left_early_minutes"}]}. */
void
h_session_attendance_put(struct req *r)
{
	struct attendance_job *j = req_zalloc(r, sizeof *j);
	struct attendance *recs;
	struct error e;
	json_t *o, *v;
	size_t n;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	v = json_object_get(o, "records");
	if (!json_is_array(v)) {
		error_field(&e, "records", "must be a list of the roster's attendance: "
		    "client_id and status for each");
		reply_error(r, &e);
		return;
	}
	n = json_array_size(v);
	if (n > ATTENDANCE_RECORDS_MAX) {
		error_field(&e, "records", "may hold at most %d clients", ATTENDANCE_RECORDS_MAX);
		reply_error(r, &e);
		return;
	}
	recs = req_zalloc(r, (n + 1) * sizeof *recs);
	if (recs == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(v, i);
		char prefix[24];

		snprintf(prefix, sizeof prefix, "records[%zu]", i);
		recs[i].status = "";
		if (!json_is_object(x)) {
			error_field(&e, prefix, "must be a record: client_id and status");
			continue;
		}
		fdecode(&dec_attendance_record, x, r->arena, &recs[i], NULL, &e, prefix);
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->in.session_id = r->ids[0];
	j->in.records = recs;
	j->in.n = n;
	j->in.session = &j->g;
	j->in.roster = &j->roster;
	j->in.nroster = &j->nroster;
	j->in.att = &j->att;
	req_op(r, op_attendance_record_run, j, attendance_after);
}

/* ---- enrolments ------------------------------------------------------------- */

static json_t *
enrolment_to_json(const struct enrolment *en)
{
	return json_pack("{s:I,s:I,s:I,s:I,s:o,s:o}",
	    "id", (json_int_t)en->id,
	    "client_id", (json_int_t)en->client_id,
	    "episode_id", (json_int_t)en->episode_id,
	    "track_id", (json_int_t)en->track_id,
	    "from", jdate(en->from),
	    "until", date_valid(en->until) ? jdate(en->until) : json_null());
}

struct enrolment_job {
	struct enrolment_add_in in;
	struct enrolment out;
};

static void
enrolment_after(struct req *r)
{
	const struct enrolment_job *j = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 201, enrolment_to_json(&j->out));
}

#define EN(m) offsetof(struct enrolment, m)
static const struct fdef enrolment_fields[] = {
	{ .name = "track_id", .kind = FK_INT, .off = EN(track_id), .flags = FD_REQUIRED, .min = 1,
	  .max = INT64_MAX },
	{ .name = "from", .kind = FK_DATE, .off = EN(from), .flags = FD_REQUIRED },
};
#undef EN
const struct fdecoder dec_enrolment = FDECODER("enrolment", struct enrolment,
    enrolment_fields);

void
h_enrolments_create(struct req *r)
{
	struct enrolment_job *j = req_zalloc(r, sizeof *j);
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	fdecode(&dec_enrolment, o, r->arena, &j->in.en, NULL, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->in.en.client_id = r->ids[0];
	j->in.out = &j->out;
	req_op(r, op_enrolment_add_run, j, enrolment_after);
}

void
h_enrolments_list(struct req *r)
{
	struct enrolment *items = NULL;
	struct client c;
	struct error e;
	size_t n = 0;

	error_clear(&e);
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_enrolment_list(r->app->store, r->ids[0], r->arena, &items, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, enrolment_to_json, (int64_t)n);
}

/* The input first, so the call's input leads back to the job. */
struct generate_job {
	struct sessions_generate_in in;
	int64_t created;
	struct date from, to;
};

static void
generate_after(struct req *r)
{
	const struct generate_job *j = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 200, json_pack("{s:I}", "created", (json_int_t)j->created));
}

#define GJ(m) offsetof(struct generate_job, m)
static const struct fdef generate_fields[] = {
	{ .name = "from", .kind = FK_DATE, .off = GJ(from), .flags = FD_REQUIRED },
	{ .name = "to", .kind = FK_DATE, .off = GJ(to), .flags = FD_REQUIRED },
};
#undef GJ
const struct fdecoder dec_sessions_generate = FDECODER("sessions_generate",
    struct generate_job, generate_fields);

void
h_sessions_generate(struct req *r)
{
	struct generate_job *j = req_zalloc(r, sizeof *j);
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	if (fdecode(&dec_sessions_generate, o, r->arena, j, NULL, &e, NULL))
		schedule_range_check(j->from, j->to, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->in.track_id = r->ids[0];
	j->in.from = j->from;
	j->in.to = j->to;
	j->in.created = &j->created;
	req_op(r, op_sessions_generate_run, j, generate_after);
}

/* A one-off session: its body. */
struct one_off_body {
	struct date date;
	int start_min;
	int minutes;
	const char *group_type, *topic;
	int64_t facilitator_id, room_id;
};

#define OB(m) offsetof(struct one_off_body, m)
static const struct fdef one_off_fields[] = {
	{ .name = "date", .kind = FK_DATE, .off = OB(date), .flags = FD_REQUIRED },
	{ .name = "start", .kind = FK_CUSTOM, .off = OB(start_min), .flags = FD_REQUIRED,
	  .parse = parse_hhmm },
	{ .name = "minutes", .kind = FK_INT32, .off = OB(minutes), .flags = FD_REQUIRED,
	  .min = 1, .max = SESSION_MINUTES_MAX, .msg = "must be a length from 1 to 720 minutes" },
	{ .name = "group_type", .kind = FK_TEXT, .off = OB(group_type), .flags = FD_REQUIRED },
	{ .name = "topic", .kind = FK_TEXT, .off = OB(topic) },
	{ .name = "facilitator_id", .kind = FK_INT, .off = OB(facilitator_id), .flags = FD_NULL,
	  .min = 0, .max = INT64_MAX },
	{ .name = "room_id", .kind = FK_INT, .off = OB(room_id), .flags = FD_NULL, .min = 0,
	  .max = INT64_MAX },
};
#undef OB
const struct fdecoder dec_session_one_off = FDECODER("session_one_off", struct one_off_body,
    one_off_fields);

struct gsession_job {
	union {
		struct gsession_add_in add;
		struct gsession_change_in change;
	} in;
	struct group_session out;
};

static void
gsession_after(struct req *r)
{
	const struct gsession_job *j = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, r->method == M_POST ? 201 : 200, session_to_json(&j->out));
}

void
h_sessions_create(struct req *r)
{
	struct gsession_job *j = req_zalloc(r, sizeof *j);
	struct one_off_body b;
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	memset(&b, 0, sizeof b);
	b.group_type = b.topic = "";
	fdecode(&dec_session_one_off, o, r->arena, &b, NULL, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->in.add.g.track_id = r->ids[0];
	j->in.add.g.date = b.date;
	j->in.add.g.start_min = b.start_min;
	j->in.add.g.minutes = b.minutes;
	j->in.add.g.group_type = b.group_type;
	j->in.add.g.topic = b.topic;
	j->in.add.g.facilitator_id = b.facilitator_id;
	j->in.add.g.room_id = b.room_id;
	j->in.add.out = &j->out;
	req_op(r, op_gsession_add_run, j, gsession_after);
}

/* A change to one session: its body. */
struct session_patch_body {
	const char *status, *reason, *topic;
	int64_t substitute_id, room_id;
};

#define SP(m) offsetof(struct session_patch_body, m)
static const struct fdef session_patch_fields[] = {
	{ .name = "status", .kind = FK_TEXT, .off = SP(status) },
	{ .name = "reason", .kind = FK_TEXT, .off = SP(reason), .max = CLOSURE_REASON_MAX_CHARS },
	{ .name = "substitute_facilitator_id", .kind = FK_INT, .off = SP(substitute_id),
	  .flags = FD_NULL, .min = 0, .max = INT64_MAX },
	{ .name = "topic", .kind = FK_TEXT, .off = SP(topic), .max = BLOCK_TOPIC_MAX_CHARS },
	{ .name = "room_id", .kind = FK_INT, .off = SP(room_id), .flags = FD_NULL, .min = 0,
	  .max = INT64_MAX },
};
#undef SP
const struct fdecoder dec_session_patch = FDECODER("session_patch", struct session_patch_body,
    session_patch_fields);

void
h_session_patch(struct req *r)
{
	struct gsession_job *j = req_zalloc(r, sizeof *j);
	struct session_patch_body b;
	struct gsession_change_in *c;
	struct error e;
	fset given = 0;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	c = &j->in.change;
	error_clear(&e);
	memset(&b, 0, sizeof b);
	b.status = b.reason = b.topic = "";
	fdecode(&dec_session_patch, o, r->arena, &b, &given, &e, NULL);
	if (fset_has(&dec_session_patch, given, "status")) {
		if (strcmp(b.status, "cancelled") == 0) {
			c->fields |= GS_CANCELLED;
			c->g.cancelled = true;
			c->g.cancel_reason = b.reason;
		} else if (strcmp(b.status, "scheduled") == 0) {
			c->fields |= GS_CANCELLED;
		} else {
			error_field(&e, "status", "must be cancelled or scheduled");
		}
	} else if (fset_has(&dec_session_patch, given, "reason")) {
		error_field(&e, "reason", "goes with \"status\": \"cancelled\"");
	}
	if (fset_has(&dec_session_patch, given, "substitute_facilitator_id")) {
		c->fields |= GS_SUBSTITUTE;
		c->g.substitute_id = b.substitute_id;
	}
	if (fset_has(&dec_session_patch, given, "topic")) {
		c->fields |= GS_TOPIC;
		c->g.topic = b.topic;
	}
	if (fset_has(&dec_session_patch, given, "room_id")) {
		c->fields |= GS_ROOM;
		c->g.room_id = b.room_id;
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	c->id = r->ids[0];
	c->out = &j->out;
	req_op(r, op_gsession_change_run, j, gsession_after);
}

/* ---- site closures ---------------------------------------------------------- */

static json_t *
closure_to_json(const struct site_closure *c)
{
	return json_pack("{s:I,s:I,s:o,s:o}",
	    "id", (json_int_t)c->id,
	    "site_id", (json_int_t)c->site_id,
	    "date", jdate(c->date),
	    "reason", jstr(c->reason));
}

struct closure_job {
	union {
		struct closure_add_in add;
		struct closure_delete_in del;
	} in;
	struct site_closure out;
	int64_t cancelled;
};

static void
closure_after(struct req *r)
{
	const struct closure_job *j = r->op->in;
	json_t *o;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	if (r->method == M_DELETE) {
		reply_empty(r, 204);
		return;
	}
	o = closure_to_json(&j->out);
	json_object_set_new(o, "sessions_cancelled", json_integer((json_int_t)j->cancelled));
	reply_json(r, 201, o);
}

#define CL(m) offsetof(struct site_closure, m)
static const struct fdef closure_fields[] = {
	{ .name = "date", .kind = FK_DATE, .off = CL(date), .flags = FD_REQUIRED },
	{ .name = "reason", .kind = FK_TEXT, .off = CL(reason), .flags = FD_REQUIRED },
};
#undef CL
const struct fdecoder dec_closure = FDECODER("closure", struct site_closure, closure_fields);

void
h_closures_create(struct req *r)
{
	struct closure_job *j = req_zalloc(r, sizeof *j);
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->in.add.c.reason = "";
	if (fdecode(&dec_closure, o, r->arena, &j->in.add.c, NULL, &e, NULL))
		closure_validate(&j->in.add.c, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->in.add.c.site_id = r->ids[0];
	j->in.add.out = &j->out;
	j->in.add.cancelled = &j->cancelled;
	req_op(r, op_closure_add_run, j, closure_after);
}

void
h_closure_delete(struct req *r)
{
	struct closure_job *j = req_zalloc(r, sizeof *j);

	if (j == NULL)
		return;
	j->in.del.site_id = r->ids[0];
	j->in.del.id = r->ids[1];
	req_op(r, op_closure_delete_run, j, closure_after);
}

void
h_closures_list(struct req *r)
{
	struct site_closure *items;
	struct date from = { 1970, 1, 1 }, to = { 9999, 12, 31 };
	struct page pg;
	struct site site;
	struct error e;
	int64_t total;
	size_t n;

	error_clear(&e);
	query_date(r, "from", &from, &e);
	query_date(r, "to", &to, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (!req_page(r, &pg))
		return;
	if (store_site_get(r->app->store, r->ids[0], r->arena, &site, &e) != ERR_OK ||
	    store_closure_list(r->app->store, r->ids[0], from, to, pg, r->arena, &items, &n,
	    &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, closure_to_json, total);
}

/*
 * api_appointments.c — appointments: the kinds, booking, reading, listing,
 * rescheduling and cancelling (issue 12, item 4).
 *
 * Times are UTC instants in and out; the web app shows them in the site's
 * zone.  A booking that overlaps another commitment answers 409 `conflict`
 * whose error carries the booking it ran into:
 * {"error":{"code":"conflict","message":"…","conflict":{"type","id","on",
 * "starts_at","ends_at"}}}.  The rules are in core/appointment.c, the
 * writes in src/ops/appointment.c.  An appointment's outcome is PUT to
 * /appointments/{id}/attendance once it has started.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/appointment.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/appointment.h"

#define TIME_MSG "must be a time written YYYY-MM-DDTHH:MMZ (UTC)"

static json_t *
appt_kind_json(const char *kind)
{
	enum appt_kind k;

	return json_string(appt_kind_parse(kind, &k) ? appt_kind_words(k) : kind);
}

static json_t *
id_or_null(int64_t id)
{
	return id != 0 ? json_integer(id) : json_null();
}

/* The outcomes a correction replaced, oldest first: each with who recorded
 * it and who replaced it, when. */
static json_t *
attendance_history_json(const struct appointment *a)
{
	json_t *out = json_array();

	for (size_t i = 0; i < a->nattendance_history; i++) {
		const struct appt_attendance_change *c = &a->attendance_history[i];

		json_array_append_new(out, json_pack("{s:s,s:i,s:o,s:o,s:o,s:o}",
		    "attendance", c->attendance, "attended_minutes", c->attended_minutes,
		    "recorded_by", jstr(c->recorded_by_name), "recorded_at", jtime(c->recorded_at),
		    "changed_by", jstr(c->changed_by_name), "changed_at", jtime(c->changed_at)));
	}
	return out;
}

static json_t *
appointment_to_json(const struct appointment *a)
{
	json_t *persons = json_array(), *history = json_array();
	json_t *o;

	for (size_t i = 0; i < a->npersons; i++)
		json_array_append_new(persons, json_pack("{s:I,s:o,s:o}", "contact_id",
		    (json_int_t)a->persons[i].contact_id, "name", jstr(a->persons[i].name),
		    "relationship", jstr(a->persons[i].relationship)));
	for (size_t i = 0; i < a->nhistory; i++) {
		const struct appt_change *h = &a->history[i];
		json_array_append_new(history, json_pack("{s:s,s:o,s:i,s:I,s:o,s:o,s:o,s:o}",
		    "change", h->change, "starts_at", jtime(h->starts_at), "minutes", h->minutes,
		    "staff_id", (json_int_t)h->staff_id, "room_id", id_or_null(h->room_id),
		    "reason", jstr(h->reason), "changed_by", jstr(h->changed_by_name),
		    "changed_at", jtime(h->changed_at)));
	}
	o = json_pack("{s:I,s:I,s:I,s:o,s:o,s:s,s:o,s:I,s:o,s:o,s:o,s:o,s:o,s:i,s:s}",
	    "id", (json_int_t)a->id, "client_id", (json_int_t)a->client_id,
	    "site_id", (json_int_t)a->site_id, "site_name", jstr(a->site_name),
	    "site_timezone", jstr(a->site_timezone), "kind", a->kind,
	    "kind_words", appt_kind_json(a->kind), "staff_id", (json_int_t)a->staff_id,
	    "staff_name", jstr(a->staff_name), "room_id", id_or_null(a->room_id),
	    "room_name", jstr(a->room_name), "starts_at", jtime(a->starts_at),
	    "ends_at", jtime(a->ends_at), "minutes", a->minutes, "status", a->status);
	json_object_set_new(o, "cancelled_by",
	    a->cancelled_by != NULL && *a->cancelled_by ? json_string(a->cancelled_by) :
	    json_null());
	json_object_set_new(o, "cancel_reason", jstr(a->cancel_reason));
	json_object_set_new(o, "late_cancellation", json_boolean(a->late_cancellation));
	json_object_set_new(o, "cancelled_at", jtime(a->cancelled_at));
	json_object_set_new(o, "attendance", a->attendance != NULL && *a->attendance ?
	    json_string(a->attendance) : json_null());
	json_object_set_new(o, "attended_minutes", json_integer(a->attended_minutes));
	json_object_set_new(o, "attendance_recorded_by", a->attendance_by != 0 ?
	    jstr(a->attendance_by_name) : json_null());
	json_object_set_new(o, "attendance_recorded_at", jtime(a->attendance_at));
	json_object_set_new(o, "attendance_history", attendance_history_json(a));
	json_object_set_new(o, "related_persons", persons);
	json_object_set_new(o, "history", history);
	json_object_set_new(o, "created_at", jtime(a->created_at));
	json_object_set_new(o, "updated_at", jtime(a->updated_at));
	return o;
}

/* GET /appointment-kinds: the vocabulary, with the roles each is with. */
void
h_appointment_kinds(struct req *r)
{
	json_t *items = json_array();

	for (int k = 0; k < APPT__MAX; k++)
		json_array_append_new(items, json_pack("{s:s,s:s,s:o}", "code",
		    appt_kind_name((enum appt_kind)k), "words", appt_kind_words((enum appt_kind)k),
		    "staff_roles", roles_to_json(appt_kind_roles((enum appt_kind)k))));
	reply_json(r, 200, json_pack("{s:o,s:i}", "items", items, "total", APPT__MAX));
}

/* An optional instant of the query string; false after answering 400. */
static bool
query_instant(struct req *r, const char *key, int64_t *out)
{
	const char *v = req_query(r, key);
	struct error e;

	if (v == NULL || instant_parse(v, out))
		return true;
	error_clear(&e);
	error_field(&e, key, TIME_MSG);
	reply_error(r, &e);
	return false;
}

/* The filter of a list's query string (client_id fixed when not 0); false
 * after answering 400. */
static bool
list_filter(struct req *r, int64_t client_id, struct appt_filter *f, struct page *pg)
{
	const char *st = req_query(r, "status");
	struct error e;

	memset(f, 0, sizeof *f);
	f->client_id = client_id;
	f->from = 0;
	f->to = INT64_MAX;
	error_clear(&e);
	if (!req_page(r, pg) || !query_instant(r, "from", &f->from) ||
	    !query_instant(r, "to", &f->to))
		return false;
	if (client_id == 0)
		req_query_int(r, "client_id", 1, INT64_MAX, &f->client_id, &e,
		    "must be a client's id");
	req_query_int(r, "staff_id", 1, INT64_MAX, &f->staff_id, &e, "must be a staff id");
	req_query_int(r, "site_id", 1, INT64_MAX, &f->site_id, &e, "must be a site id");
	if (f->to <= f->from)
		error_field(&e, "to", "must be after from");
	if (st != NULL && strcmp(st, "scheduled") == 0)
		f->scheduled_only = true;
	else if (st != NULL && strcmp(st, "all") != 0)
		error_field(&e, "status", "must be scheduled or all");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	return true;
}

/* GET /clients/{id}/appointments: the client's, by start. */
void
h_client_appointments(struct req *r)
{
	struct appointment *items;
	struct appt_filter f;
	struct client c;
	struct page pg;
	struct error e;
	int64_t total;
	size_t n;

	if (!list_filter(r, r->ids[0], &f, &pg))
		return;
	error_clear(&e);
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_appt_list(r->app->store, &f, pg, r->arena, &items, &n, &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, appointment_to_json, total);
}

/* GET /appointments?client_id&staff_id&site_id&from&to&status: every client
 * shown is on the audit row. */
void
h_appointments_list(struct req *r)
{
	struct appointment *items;
	struct appt_filter f;
	struct page pg;
	struct error e;
	int64_t total;
	size_t n;

	if (!list_filter(r, 0, &f, &pg))
		return;
	error_clear(&e);
	if (store_appt_list(r->app->store, &f, pg, r->arena, &items, &n, &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list_audited(r, items, n, appointment_to_json, total, id, client_id);
}

/* GET /appointments/{id}. */
void
h_appointment_get(struct req *r)
{
	struct appointment a;
	struct error e;

	error_clear(&e);
	if (store_appt_get(r->app->store, r->ids[0], r->arena, &a, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, a.id, a.client_id);
	reply_json(r, 200, appointment_to_json(&a));
}

static const char *
conflict_on_name(enum conflict_on on)
{
	switch (on) {
	case CONFLICT_ROOM:
		return "room";
	case CONFLICT_CLIENT:
		return "client";
	default:
		return "staff";
	}
}

/* The job's error; a conflict with the booking it ran into. */
static void
reply_appt_error(struct req *r, const struct appt_conflict *cf)
{
	json_t *b;

	if (r->job.result != ERR_CONFLICT || cf == NULL || cf->on == CONFLICT_NONE) {
		reply_error(r, &r->job.err);
		return;
	}
	b = json_error_body(&r->job.err);
	json_object_set_new(json_object_get(b, "error"), "conflict",
	    json_pack("{s:s,s:I,s:s,s:o,s:o}", "type", commit_type_name(cf->type),
	    "id", (json_int_t)cf->id, "on", conflict_on_name(cf->on),
	    "starts_at", jtime(cf->starts_at), "ends_at", jtime(cf->ends_at)));
	reply_json(r, 409, b);
}

static void
book_after(struct req *r)
{
	const struct appt_book_in *in = r->op->in;

	if (r->job.result != ERR_OK)
		reply_appt_error(r, in->conflict);
	else
		reply_json(r, 201, appointment_to_json(in->out));
}

/* A booking's body: the appointment and its related persons as given. */
struct appt_body {
	struct appointment a;
	json_t *persons;
};

#define AB(m) offsetof(struct appt_body, m)
static const struct fdef appt_book_fields[] = {
	{ .name = "kind", .kind = FK_TEXT, .off = AB(a.kind), .flags = FD_REQUIRED },
	{ .name = "site_id", .kind = FK_INT, .off = AB(a.site_id), .flags = FD_REQUIRED,
	  .min = 1, .max = INT64_MAX },
	{ .name = "staff_id", .kind = FK_INT, .off = AB(a.staff_id), .flags = FD_REQUIRED,
	  .min = 1, .max = INT64_MAX },
	{ .name = "room_id", .kind = FK_INT, .off = AB(a.room_id), .flags = FD_NULL,
	  .min = 1, .max = INT64_MAX },
	{ .name = "starts_at", .kind = FK_INSTANT, .off = AB(a.starts_at),
	  .flags = FD_REQUIRED, .msg = TIME_MSG },
	{ .name = "minutes", .kind = FK_INT32, .off = AB(a.minutes), .flags = FD_REQUIRED,
	  .min = APPT_MINUTES_MIN, .max = APPT_MINUTES_MAX },
	{ .name = "related_persons", .kind = FK_JSON, .off = AB(persons) },
};
#undef AB
const struct fdecoder dec_appointment = FDECODER("appointment", struct appt_body,
    appt_book_fields);

/* related_persons: an array of contact ids (null: none) into *out; adds
 * field errors. */
static size_t
persons_decode(struct req *r, json_t *v, int64_t **out, struct error *e)
{
	size_t n, i;
	json_t *x;
	char f[40];

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_array(v)) {
		error_field(e, "related_persons", "must be a list of contact ids");
		return 0;
	}
	n = json_array_size(v);
	if (n > APPT_PERSONS_MAX) {
		error_field(e, "related_persons", "may name at most %d people", APPT_PERSONS_MAX);
		return 0;
	}
	if (n == 0 || (*out = arena_alloc(r->arena, n * sizeof **out)) == NULL)
		return 0;
	json_array_foreach(v, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) < 1) {
			snprintf(f, sizeof f, "related_persons[%zu]", i);
			error_field(e, f, "must be a contact id");
			continue;
		}
		(*out)[i] = json_integer_value(x);
	}
	return n;
}

/* POST /clients/{id}/appointments. */
void
h_appointment_book(struct req *r)
{
	struct appt_book_in *in;
	struct appt_body body;
	struct error e;
	int64_t *persons;
	size_t np;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in) ||
	    (in->conflict = req_zalloc(r, sizeof *in->conflict)) == NULL)
		return;
	error_clear(&e);
	memset(&body, 0, sizeof body);
	body.a.kind = "";
	body.a.starts_at = INT64_MIN;
	fdecode(&dec_appointment, o, r->arena, &body, NULL, &e, NULL);
	np = persons_decode(r, body.persons, &persons, &e);
	body.a.client_id = r->ids[0];
	/* Every field at fault is named at once: what decoded is checked too
	 * (a field already named keeps its first error). */
	appointment_check(&body.a, persons, np, r->now, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->a = body.a;
	in->persons = persons;
	in->npersons = np;
	req_op(r, op_appt_book_run, in, book_after);
}

static void
reschedule_after(struct req *r)
{
	const struct appt_reschedule_in *in = r->op->in;

	if (r->job.result != ERR_OK)
		reply_appt_error(r, in->conflict);
	else
		reply_json(r, 200, appointment_to_json(in->out));
}

#define RS(m) offsetof(struct appt_reschedule_in, m)
static const struct fdef appt_reschedule_fields[] = {
	{ .name = "starts_at", .kind = FK_INSTANT, .off = RS(starts_at), .msg = TIME_MSG },
	{ .name = "minutes", .kind = FK_INT32, .off = RS(minutes), .min = APPT_MINUTES_MIN,
	  .max = APPT_MINUTES_MAX },
	{ .name = "staff_id", .kind = FK_INT, .off = RS(staff_id), .min = 1,
	  .max = INT64_MAX },
	{ .name = "room_id", .kind = FK_INT, .off = RS(room_id), .flags = FD_NULL, .min = 1,
	  .max = INT64_MAX },
};
#undef RS
const struct fdecoder dec_appointment_reschedule = FDECODER("appointment_reschedule",
    struct appt_reschedule_in, appt_reschedule_fields);

/* POST /appointments/{id}/reschedule: any of a new start, length, staff
 * member or room (null: none). */
void
h_appointment_reschedule(struct req *r)
{
	struct appt_reschedule_in *in;
	struct error e;
	fset given = 0;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in) ||
	    (in->conflict = req_zalloc(r, sizeof *in->conflict)) == NULL)
		return;
	error_clear(&e);
	in->id = r->ids[0];
	in->starts_at = INT64_MIN;
	if (!fdecode(&dec_appointment_reschedule, o, r->arena, in, &given, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	if (given == 0) {
		error_set(&e, ERR_INVALID, "Name a new starts_at, minutes, staff_id or room_id.");
		reply_error(r, &e);
		return;
	}
	in->room_given = fset_has(&dec_appointment_reschedule, given, "room_id");
	req_op(r, op_appt_reschedule_run, in, reschedule_after);
}

OP_AFTER(cancel_after, struct appt_cancel_in, appointment_to_json, 200)

#define CN(m) offsetof(struct appt_cancel_in, m)
static const struct fdef appt_cancel_fields[] = {
	{ .name = "cancelled_by", .kind = FK_TEXT, .off = CN(by), .flags = FD_REQUIRED },
	{ .name = "reason", .kind = FK_TEXT, .off = CN(reason), .flags = FD_REQUIRED },
};
#undef CN
const struct fdecoder dec_appointment_cancel = FDECODER("appointment_cancel",
    struct appt_cancel_in, appt_cancel_fields);

/* POST /appointments/{id}/cancel {"cancelled_by": "client"|"program", "reason"}. */
void
h_appointment_cancel(struct req *r)
{
	struct appt_cancel_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->id = r->ids[0];
	in->by = in->reason = "";
	in->late_hours = r->app->set.late_cancel_hours;
	if (!fdecode(&dec_appointment_cancel, o, r->arena, in, NULL, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_appt_cancel_run, in, cancel_after);
}

OP_AFTER(attendance_after, struct appt_attendance_in, appointment_to_json, 200)

/* The body of PUT /appointments/{id}/attendance; attended_minutes null or
 * absent: not given. */
struct appt_attendance_body {
	const char *attendance;
	int minutes;
};

#define AA(m) offsetof(struct appt_attendance_body, m)
static const struct fdef appt_attendance_fields[] = {
	{ .name = "attendance", .kind = FK_TEXT, .off = AA(attendance), .flags = FD_REQUIRED,
	  .msg = "must be " APPT_ATTENDANCE_WORDS },
	{ .name = "attended_minutes", .kind = FK_INT32, .off = AA(minutes), .flags = FD_NULL,
	  .min = 0, .max = APPT_MINUTES_MAX },
};
#undef AA
const struct fdecoder dec_appointment_attendance = FDECODER("appointment_attendance",
    struct appt_attendance_body, appt_attendance_fields);

/* PUT /appointments/{id}/attendance {"attendance": "attended"|"no_show"|
 * "late_cancellation", "attended_minutes"}. */
void
h_appointment_attendance(struct req *r)
{
	struct appt_attendance_in *in;
	struct appt_attendance_body body = { "", -1 };
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	if (!fdecode(&dec_appointment_attendance, o, r->arena, &body, NULL, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	if (!appt_attendance_known(body.attendance)) {
		error_field(&e, "attendance", "must be " APPT_ATTENDANCE_WORDS);
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	in->attendance = body.attendance;
	in->minutes = body.minutes;
	req_op(r, op_appt_attendance_run, in, attendance_after);
}

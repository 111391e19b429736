/*
 * api_alumni.c — the alumni program (issue 14, item 4): the alumni list,
 * check-ins and the call recorded on one, alumni events with their RSVPs
 * and attendance.  Decoding and JSON here; the rules in core/alumni.c, the
 * writes in ops/alumni.c.
 *
 * A check-in is overdue from the day after it was due, "today" being the
 * local date at the client's site.  The alumni list orders and filters
 * (?overdue=true) by the earliest of the sites' dates, so that a row it
 * calls overdue is overdue at every site; each row's own flag is its site's.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/schedule.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/alumni.h"

/* Each site's zone, read once per request (a few sites); freed by
 * site_days_free. */
#define SITE_DAYS 16
struct site_days {
	int n;
	struct { int64_t site_id; struct tz *z; } v[SITE_DAYS];
};

static void
site_days_free(struct site_days *sd)
{
	for (int i = 0; i < sd->n; i++)
		free(sd->v[i].z);
	sd->n = 0;
}

/* The local date at site_id of instant t; the UTC date when the site or
 * its zone cannot be read. */
static struct date
site_date(struct req *r, struct site_days *sd, int64_t site_id, int64_t t)
{
	struct site site;
	struct error e;
	struct tz *z = NULL;
	int i;

	for (i = 0; i < sd->n; i++)
		if (sd->v[i].site_id == site_id)
			break;
	if (i == sd->n && sd->n < SITE_DAYS) {
		error_clear(&e);
		if (store_site_get(r->app->store, site_id, r->arena, &site, &e) == ERR_OK)
			z = tz_open(site.timezone);
		sd->v[sd->n].site_id = site_id;
		sd->v[sd->n].z = z;
		sd->n++;
	}
	z = i < sd->n ? sd->v[i].z : NULL;
	return z != NULL ? local_date(z, t) : date_from_unix(t);
}

static struct date
site_today(struct req *r, struct site_days *sd, int64_t site_id)
{
	return site_date(r, sd, site_id, r->now);
}

/* The earliest today of the sites (site_id 0: of every site). */
static struct date
sites_earliest(struct req *r, struct site_days *sd, int64_t site_id)
{
	struct date min = date_from_unix(r->now), d;
	struct page pg = { 200, 0 };
	struct site *items = NULL;
	int64_t total = 0;
	struct error e;
	size_t n = 0;
	bool any = false;

	if (site_id != 0)
		return site_today(r, sd, site_id);
	error_clear(&e);
	if (store_site_list(r->app->store, pg, r->arena, &items, &n, &total, &e) != ERR_OK)
		return min;
	for (size_t i = 0; i < n; i++) {
		d = site_today(r, sd, items[i].id);
		if (!any || date_cmp(d, min) < 0)
			min = d;
		any = true;
	}
	return min;
}

static json_t *
person_json(int64_t id, const char *name)
{
	return id != 0 ? json_pack("{s:I,s:o}", "staff_id", (json_int_t)id, "name", jstr(name)) :
	    json_null();
}

static const char *
checkin_status(const struct alumni_checkin *c)
{
	if (c->closed)
		return c->outcome;
	return c->attempts > 0 ? "attempted" : "open";
}

static json_t *
checkin_json(const struct alumni_checkin *c, struct date today)
{
	struct date due;
	bool overdue = !c->closed && c->due_on != NULL && date_parse(c->due_on, &due) &&
	    date_cmp(due, today) < 0;
	json_t *o = json_pack("{s:I,s:I,s:I,s:{s:I,s:o,s:o,s:o,s:o,s:o},s:i,s:o,s:s,s:b}",
	    "id", (json_int_t)c->id, "episode_id", (json_int_t)c->episode_id,
	    "client_id", (json_int_t)c->client_id,
	    "client", "id", (json_int_t)c->client_id, "mrn", jstr(c->client_mrn),
	    "first_name", jstr(c->client_first), "last_name", jstr(c->client_last),
	    "preferred_name", jstr(c->client_preferred), "phone", jstr(c->client_phone),
	    "day", c->day, "due_on", jstr(c->due_on), "status", checkin_status(c),
	    "overdue", overdue);

	json_object_set_new(o, "outcome", *c->outcome ? jstr(c->outcome) : json_null());
	json_object_set_new(o, "attempts", json_integer(c->attempts));
	json_object_set_new(o, "closed", json_boolean(c->closed));
	json_object_set_new(o, "recovery_status", *c->recovery_status ?
	    jstr(c->recovery_status) : json_null());
	json_object_set_new(o, "notes", jstr(c->notes));
	json_object_set_new(o, "readmission_wanted", json_boolean(c->readmission_wanted));
	json_object_set_new(o, "inquiry_id", c->inquiry_id ? json_integer(c->inquiry_id) :
	    json_null());
	json_object_set_new(o, "contacted_by", person_json(c->contacted_by,
	    c->contacted_by_name));
	json_object_set_new(o, "contacted_at", jtime(c->contacted_at));
	json_object_set_new(o, "task_id", c->task_id ? json_integer(c->task_id) : json_null());
	json_object_set_new(o, "assigned_to", person_json(c->assigned_to, c->assigned_name));
	json_object_set_new(o, "discharged_on", jstr(c->discharged_on));
	json_object_set_new(o, "discharge_type", jstr(c->discharge_type));
	json_object_set_new(o, "site_id", json_integer(c->site_id));
	return o;
}

/* The check-ins as a list answer, each client named to the frame. */
static void
reply_checkins(struct req *r, const struct alumni_checkin *items, size_t n, bool listed)
{
	struct site_days sd = { 0 };
	json_t *arr = json_array();
	struct buf ids;

	buf_init(&ids, 0);
	buf_puts(&ids, "ids=");
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(arr, checkin_json(&items[i],
		    site_today(r, &sd, items[i].site_id)));
		buf_printf(&ids, "%s%lld", i ? "," : "", (long long)items[i].id);
		if (listed)
			req_listed(r, items[i].client_id);
	}
	site_days_free(&sd);
	if (listed)
		req_audit_as(r, NULL, buf_cstr(&ids));
	buf_free(&ids);
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)n));
}

/* GET /alumni/checkins?id= or ?task_id=: the one check-in (for the form). */
void
h_alumni_checkins(struct req *r)
{
	int64_t id = 0, task = 0;
	struct alumni_checkin *items = NULL, one;
	size_t n = 0;
	struct error e;

	error_clear(&e);
	if (!req_query_int(r, "id", 1, INT64_MAX, &id, &e, "must be a check-in id") ||
	    !req_query_int(r, "task_id", 1, INT64_MAX, &task, &e, "must be a task id")) {
		reply_error(r, &e);
		return;
	}
	if ((id == 0) == (task == 0)) {
		error_field(&e, "id", "give the check-in's id or its task's id (task_id), one "
		    "of them");
		reply_error(r, &e);
		return;
	}
	if (id != 0) {
		if (store_alumni_checkin_get(r->app->store, id, r->arena, &one, &e) != ERR_OK) {
			if (e.code != ERR_NOTFOUND) {
				reply_error(r, &e);
				return;
			}
			error_clear(&e);
		} else {
			items = &one;
			n = 1;
		}
	} else if (store_alumni_checkins_task(r->app->store, task, r->arena, &items, &n, &e) !=
	    ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_checkins(r, items, n, true);
}

/* GET /clients/{id}/alumni-checkins: every check-in of the client. */
void
h_client_alumni_checkins(struct req *r)
{
	struct alumni_checkin *items = NULL;
	struct client c;
	size_t n = 0;
	struct error e;

	error_clear(&e);
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_alumni_checkins_client(r->app->store, c.id, r->arena, &items, &n, &e) !=
	    ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_checkins(r, items, n, false);
}

static json_t *
alumnus_json(const struct alumnus *a, struct date today, struct date called)
{
	char day[11] = "";
	const char *last = day, *kind = "checkin";
	json_t *o;

	if (a->last_checkin_at != 0)
		date_format(called, day);

	if (a->last_event_on != NULL && *a->last_event_on &&
	    strcmp(a->last_event_on, last) > 0) {
		last = a->last_event_on;
		kind = "event";
	}
	if (*last == '\0')
		kind = NULL;
	o = json_pack("{s:I,s:{s:I,s:o,s:o,s:o,s:o,s:o},s:I,s:I,s:o,s:o,s:o}",
	    "client_id", (json_int_t)a->client_id,
	    "client", "id", (json_int_t)a->client_id, "mrn", jstr(a->mrn),
	    "first_name", jstr(a->first_name), "last_name", jstr(a->last_name),
	    "preferred_name", jstr(a->preferred_name), "phone", jstr(a->phone),
	    "episode_id", (json_int_t)a->episode_id, "site_id", (json_int_t)a->site_id,
	    "site_name", jstr(a->site_name), "discharged_on", jstr(a->discharged_on),
	    "discharge_type", jstr(a->discharge_type));
	json_object_set_new(o, "last_contact_on", kind ? jstr(last) : json_null());
	json_object_set_new(o, "last_contact_kind", kind ? json_string(kind) : json_null());
	json_object_set_new(o, "next_checkin", a->next_checkin_id ? json_pack("{s:I,s:i,s:o}",
	    "id", (json_int_t)a->next_checkin_id, "day", a->next_day, "due_on",
	    jstr(a->next_due_on)) : json_null());
	json_object_set_new(o, "overdue", json_boolean(alumnus_overdue(a, today)));
	json_object_set_new(o, "coordinator", person_json(a->coordinator_id,
	    a->coordinator_name));
	json_object_set_new(o, "checkins_reached", json_integer(a->checkins_reached));
	return o;
}

/* GET /alumni?site_id=&overdue=true: discharged clients, overdue first. */
void
h_alumni_list(struct req *r)
{
	const char *ov = req_query(r, "overdue");
	struct site_days sd = { 0 };
	struct date today;
	struct alumnus *items = NULL;
	int64_t site = 0, total = 0;
	struct page pg;
	struct error e;
	json_t *arr;
	struct buf ids;
	size_t n = 0;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	req_query_int(r, "site_id", 1, INT64_MAX, &site, &e, "must be a site id");
	if (ov != NULL && strcmp(ov, "true") != 0 && strcmp(ov, "false") != 0 && *ov != '\0')
		error_field(&e, "overdue", "must be true or false");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	today = sites_earliest(r, &sd, site);
	if (store_alumni_list(r->app->store, site, ov != NULL && strcmp(ov, "true") == 0, today,
	    pg, r->arena, &items, &n, &total, &e) != ERR_OK) {
		site_days_free(&sd);
		reply_error(r, &e);
		return;
	}
	arr = json_array();
	buf_init(&ids, 0);
	buf_puts(&ids, "clients=");
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(arr, alumnus_json(&items[i],
		    site_today(r, &sd, items[i].site_id),
		    site_date(r, &sd, items[i].site_id, items[i].last_checkin_at)));
		buf_printf(&ids, "%s%lld", i ? "," : "", (long long)items[i].client_id);
		req_listed(r, items[i].client_id);
	}
	site_days_free(&sd);
	req_audit_as(r, NULL, buf_cstr(&ids));
	buf_free(&ids);
	reply_json(r, 200, json_pack("{s:o,s:I,s:o}", "items", arr, "total", (json_int_t)total,
	    "today", jdate(today)));
}

/* ---- recording a call ---- */

#define CB(m) offsetof(struct alumni_call_in, m)
static const struct fdef call_fields[] = {
	{ .name = "outcome", .kind = FK_TEXT, .off = CB(outcome), .flags = FD_REQUIRED,
	  .max = 32 },
	{ .name = "recovery_status", .kind = FK_TEXT, .off = CB(recovery_status), .max = 32 },
	{ .name = "notes", .kind = FK_TEXT, .off = CB(notes), .max = ALUMNI_NOTES_MAX },
	{ .name = "readmission_wanted", .kind = FK_BOOL, .off = CB(readmission_wanted) },
};
#undef CB
const struct fdecoder dec_alumni_call = FDECODER("alumni_call", struct alumni_call_in,
    call_fields);

static void
call_after(struct req *r)
{
	const struct alumni_call_in *in = r->op->in;
	json_t *o;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	{
		struct site_days sd = { 0 };

		o = checkin_json(in->out, site_today(r, &sd, in->out->site_id));
		site_days_free(&sd);
	}
	json_object_set_new(o, "inquiry_created", json_boolean(*in->inquiry_id != 0));
	reply_json(r, 200, o);
}

/* POST /alumni/checkins/{id}: the outcome of a call. */
void
h_alumni_checkin_record(struct req *r)
{
	struct alumni_call_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	if ((in->inquiry_id = req_zalloc(r, sizeof *in->inquiry_id)) == NULL)
		return;
	error_clear(&e);
	in->id = r->ids[0];
	in->notes = "";
	fdecode(&dec_alumni_call, o, r->arena, in, NULL, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_alumni_call_run, in, call_after);
}

/* ---- events ---- */

static json_t *
event_json(const struct alumni_event *ev)
{
	return json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:{s:I,s:I,s:I},s:I,s:o}",
	    "id", (json_int_t)ev->id, "site_id", (json_int_t)ev->site_id,
	    "site_name", jstr(ev->site_name), "date", jstr(ev->on_date),
	    "start_time", jstr(ev->start_time), "topic", jstr(ev->topic),
	    "rsvps", "yes", (json_int_t)ev->yes, "maybe", (json_int_t)ev->maybe,
	    "no", (json_int_t)ev->no, "attended", (json_int_t)ev->attended,
	    "created_at", jtime(ev->created_at));
}

static json_t *
rsvp_json(const struct alumni_rsvp *x)
{
	return json_pack("{s:I,s:I,s:{s:I,s:o,s:o,s:o,s:o},s:o,s:o,s:o}",
	    "event_id", (json_int_t)x->event_id, "client_id", (json_int_t)x->client_id,
	    "client", "id", (json_int_t)x->client_id, "mrn", jstr(x->client_mrn),
	    "first_name", jstr(x->client_first), "last_name", jstr(x->client_last),
	    "preferred_name", jstr(x->client_preferred),
	    "rsvp", x->rsvp && *x->rsvp ? jstr(x->rsvp) : json_null(),
	    "attended", x->attended < 0 ? json_null() : json_boolean(x->attended),
	    "updated_at", jtime(x->updated_at));
}

/* GET /alumni/events?site_id=: the latest dates first, with RSVP counts
 * (no one named: not audited). */
void
h_alumni_events_list(struct req *r)
{
	struct alumni_event *items = NULL;
	int64_t site = 0, total = 0;
	struct page pg;
	struct error e;
	size_t n = 0;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (!req_query_int(r, "site_id", 1, INT64_MAX, &site, &e, "must be a site id") ||
	    store_alumni_event_list(r->app->store, site, pg, r->arena, &items, &n, &total, &e) !=
	    ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, event_json, total);
}

/* GET /alumni/events/{id}: the event and every RSVP (each client named). */
void
h_alumni_event_get(struct req *r)
{
	struct alumni_event ev;
	struct alumni_rsvp *items = NULL;
	struct error e;
	size_t n = 0;
	json_t *o, *arr;

	error_clear(&e);
	if (store_alumni_event_get(r->app->store, r->ids[0], r->arena, &ev, &e) != ERR_OK ||
	    store_alumni_rsvp_list(r->app->store, ev.id, r->arena, &items, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(arr, rsvp_json(&items[i]));
		req_listed(r, items[i].client_id);
	}
	o = event_json(&ev);
	json_object_set_new(o, "attendees", arr);
	reply_json(r, 200, o);
}

#define EV(m) offsetof(struct alumni_event_in, ev.m)
static const struct fdef event_fields[] = {
	{ .name = "site_id", .kind = FK_INT, .off = EV(site_id), .flags = FD_REQUIRED, .min = 1,
	  .max = INT64_MAX },
	{ .name = "date", .kind = FK_DATE_TEXT, .off = EV(on_date), .flags = FD_REQUIRED },
	{ .name = "start_time", .kind = FK_TEXT, .off = EV(start_time), .flags = FD_REQUIRED,
	  .max = 5 },
	{ .name = "topic", .kind = FK_TEXT, .off = EV(topic), .flags = FD_REQUIRED,
	  .max = ALUMNI_TOPIC_MAX },
};
#undef EV
const struct fdecoder dec_alumni_event = FDECODER("alumni_event", struct alumni_event_in,
    event_fields);

OP_AFTER(event_after, struct alumni_event_in, event_json, 201)

/* POST /alumni/events */
void
h_alumni_event_create(struct req *r)
{
	struct alumni_event_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	fdecode(&dec_alumni_event, o, r->arena, in, NULL, &e, NULL);
	if (e.code == ERR_OK)
		alumni_event_check(&in->ev, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_alumni_event_create_run, in, event_after);
}

/* An RSVP body: rsvp and attended, each optional (null attended: not
 * recorded). */
struct rsvp_body {
	const char *rsvp;
	json_t *attended;
};
static const struct fdef rsvp_fields[] = {
	{ .name = "rsvp", .kind = FK_TEXT, .off = offsetof(struct rsvp_body, rsvp), .max = 8 },
	{ .name = "attended", .kind = FK_JSON, .off = offsetof(struct rsvp_body, attended) },
};
const struct fdecoder dec_alumni_rsvp = FDECODER("alumni_rsvp", struct rsvp_body,
    rsvp_fields);

OP_AFTER(rsvp_after, struct alumni_rsvp_in, rsvp_json, 200)

/* PUT /alumni/events/{id}/rsvps/{client_id} */
void
h_alumni_rsvp_put(struct req *r)
{
	struct alumni_rsvp_in *in;
	struct rsvp_body b;
	struct error e;
	fset given = 0;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	memset(&b, 0, sizeof b);
	error_clear(&e);
	fdecode(&dec_alumni_rsvp, o, r->arena, &b, &given, &e, NULL);
	in->event_id = r->ids[0];
	in->client_id = r->ids[1];
	in->has_rsvp = fset_has(&dec_alumni_rsvp, given, "rsvp");
	in->rsvp = b.rsvp;
	in->has_attended = fset_has(&dec_alumni_rsvp, given, "attended");
	in->attended = -1;
	if (in->has_attended) {
		if (json_is_boolean(b.attended))
			in->attended = json_is_true(b.attended) ? 1 : 0;
		else if (!json_is_null(b.attended))
			error_field(&e, "attended", "must be true, false or null");
	}
	if (in->has_rsvp && !alumni_rsvp_valid(in->rsvp))
		error_field(&e, "rsvp", "must be yes, no or maybe");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_alumni_rsvp_run, in, rsvp_after);
}

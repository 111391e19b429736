/*
 * demo_week.c — the demo clinic's held weeks, so that the schedule, Today,
 * the chart's hours and "This week" show a program at work: attendance at
 * every group session held from the Monday three weeks back until the demo's
 * now (mostly present, some late, some who left early, some absences,
 * excused or not), one group the program cancelled two weeks ago, and
 * appointments held, cancelled (late by the client, or by the program) and
 * to come.
 *
 * This week is told the same way whatever the weekday and hour the demo is
 * made (its "now" is the real clock): every client present at everything
 * held, except a few whose story puts them at risk of missing their level's
 * weekly hours — one missed the first day held this week (fewer than three
 * days still possible), one came late on the last day held (a short day),
 * one left early, one missed a group (excused), one came late; and while
 * the evening track at the second site still has a group to come this week,
 * its last one is cancelled (facilitator away), which puts its clients under
 * nine possible hours.  On a Monday morning before any group has met the
 * cancellation alone flags clients; on a Sunday evening the absences do.
 * The other clients (those of demo_facts 2, 4, 5, 6 and 7) stay clear.
 *
 * Through the operations the app uses (op_attendance_record as the front
 * desk, op_appt_book, op_appt_cancel, op_appt_attendance,
 * op_gsession_change), each acting at the moment the thing happened (a
 * check-in when the session ended or now, whichever is earlier; a booking
 * three days ahead; an outcome as the appointment ended), so that what the
 * records say about when is plausible.  An appointment that is over has its
 * outcome (attended, one for part of its length, one no-show; a late
 * cancellation by the client is recorded by the cancellation itself).  No
 * appointment starts in the next fifteen days: those are left free to book
 * in.  The pattern is fixed (a hash of the client and the day's distance
 * from this week's Monday): the same now gives the same data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "ops/appointment.h"
#include "ops/attendance.h"
#include "ops/schedule.h"

#define DAY 86400
#define HOUR 3600
#define NEAR_S (15 * DAY)	/* no appointment starts this soon */

struct wk {
	struct store *st;
	struct arena *a;
	const struct demo_facts *f;
	struct actor desk, director, clinician, prescriber, case_manager;
	struct error *e;
};

/* ---- attendance -------------------------------------------------------------- */

static unsigned
mix(unsigned a, unsigned b)
{
	unsigned h = a * 2654435761u ^ (b + 0x9e3779b9u + (a << 6) + (a >> 2));

	h ^= h >> 15;
	h *= 2246822519u;
	h ^= h >> 13;
	return h;
}

/* Index of client id among the demo's facts; DEMO_FACT_CLIENTS for another
 * (the client admitted from an inquiry). */
static int
fact_index(const struct demo_facts *f, int64_t client_id)
{
	int c;

	for (c = 0; c < DEMO_FACT_CLIENTS; c++)
		if (f->clients[c] == client_id)
			return c;
	return DEMO_FACT_CLIENTS;
}

/* The first and last start of the track's sessions on date d (not cancelled). */
static void
day_bounds(const struct group_session *s, size_t n, struct date d, int *first, int *last)
{
	*first = 24 * 60;
	*last = -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i].cancelled || date_cmp(s[i].date, d) != 0)
			continue;
		if (s[i].start_min < *first)
			*first = s[i].start_min;
		if (s[i].start_min > *last)
			*last = s[i].start_min;
	}
}

/* A client's attendance in a past week: what kind of day they had (from
 * the hash of client and day), applied to this session of that day.  Two
 * clients (demo_facts 5 and 10) struggle more than the rest. */
static void
past_mark(int c, int rel_day, bool first, bool last, struct attendance *x)
{
	bool struggling = c == 5 || c == 10;
	unsigned h = mix((unsigned)c + 1, (unsigned)(rel_day + 1000));
	unsigned r = h % 100;

	x->status = "present";
	if (r < (struggling ? 8u : 2u))
		x->status = "absent_unexcused";
	else if (r < (struggling ? 14u : 5u))
		x->status = "absent_excused";
	else if (r < (struggling ? 26u : 13u)) {
		if (first) {
			x->status = "late";
			x->late_minutes = 5 + (int)((h >> 8) % 21);
		}
	} else if (r < (struggling ? 34u : 18u)) {
		if (last) {
			x->status = "left_early";
			x->left_early_minutes = 10 + (int)((h >> 8) % 31);
		}
	}
}

/* This week's stories of one track, from the sessions of the week that
 * have ended: the first and last such, and the days they fall on. */
struct week_story {
	const struct group_session *first, *last;	/* NULL: none ended yet */
	int last_day_first_min;		/* the first start on the last day */
};

static void
story_of(const struct group_session *s, size_t n, struct date monday, int64_t now,
    struct week_story *w)
{
	int last;

	memset(w, 0, sizeof *w);
	for (size_t i = 0; i < n; i++) {
		if (s[i].cancelled || date_cmp(s[i].date, monday) < 0 || s[i].ends_at > now)
			continue;
		if (w->first == NULL)
			w->first = &s[i];
		w->last = &s[i];
	}
	if (w->last != NULL)
		day_bounds(s, n, w->last->date, &w->last_day_first_min, &last);
}

/* A client's attendance this week at session g of track t: present, unless
 * their story says otherwise. */
static void
week_mark(int c, int t, const struct week_story *w, const struct group_session *g,
    struct attendance *x)
{
	x->status = "present";
	if (w->first == NULL)
		return;
	switch (c) {
	case 0:		/* missed the first day held this week */
		if (t == 0 && date_cmp(g->date, w->first->date) == 0)
			x->status = "absent_unexcused";
		break;
	case 1:		/* late on the last day held: a short day */
		if (t == 0 && date_cmp(g->date, w->last->date) == 0 &&
		    g->start_min == w->last_day_first_min) {
			x->status = "late";
			x->late_minutes = 25;
		}
		break;
	case 3:		/* left the last group held early */
		if (t == 1 && g == w->last) {
			x->status = "left_early";
			x->left_early_minutes = 40;
		}
		break;
	case 8:		/* missed the first group held (a medical appointment) */
		if (t == 2 && g == w->first)
			x->status = "absent_excused";
		break;
	case 9:		/* late to the first group held */
		if (t == 3 && g == w->first) {
			x->status = "late";
			x->late_minutes = 15;
		}
		break;
	default:
		break;
	}
}

/* The whole roster of session g checked in by the front desk, when the
 * session ended (or now, if it is still on). */
static enum err
check_in(struct wk *x, int t, const struct group_session *g, const struct group_session *all,
    size_t n, const struct week_story *w)
{
	struct attendance_record_in in;
	struct group_session out;
	struct roster_entry *roster = NULL;
	struct session_attendance att;
	struct attendance *recs;
	struct actor desk = x->desk;
	size_t nroster = 0, i;
	int64_t rel_day = date_days(g->date) - date_days(x->f->tracks[t].monday);
	int first, last;

	if (store_roster(x->st, g->track_id, g->date, x->a, &roster, &nroster, x->e) != ERR_OK)
		return x->e->code;
	if (nroster == 0)
		return ERR_OK;
	recs = arena_alloc(x->a, nroster * sizeof *recs);
	if (recs == NULL)
		return error_set(x->e, ERR_NOMEM, "out of memory");
	day_bounds(all, n, g->date, &first, &last);
	for (i = 0; i < nroster; i++) {
		int c = fact_index(x->f, roster[i].client_id);

		memset(&recs[i], 0, sizeof recs[i]);
		recs[i].client_id = roster[i].client_id;
		if (rel_day < 0)
			past_mark(c, (int)rel_day, g->start_min == first, g->start_min == last,
			    &recs[i]);
		else
			week_mark(c, t, w, g, &recs[i]);
	}
	memset(&in, 0, sizeof in);
	in.session_id = g->id;
	in.records = recs;
	in.n = nroster;
	in.session = &out;
	in.roster = &roster;
	in.nroster = &nroster;
	in.att = &att;
	desk.now = g->ends_at < x->f->now ? g->ends_at : x->f->now;
	return demo_op(x->st, x->a, &desk, op_attendance_record_run, &in, "attendance.record",
	    "group_session", NULL, x->e);
}

/* A session cancelled by the director, with its reason. */
static enum err
cancel_session(struct wk *x, const struct group_session *g, const char *why)
{
	struct gsession_change_in in;
	struct group_session out;

	memset(&in, 0, sizeof in);
	in.id = g->id;
	in.fields = GS_CANCELLED;
	in.g.cancelled = true;
	in.g.cancel_reason = why;
	in.out = &out;
	return demo_op(x->st, x->a, &x->director, op_gsession_change_run, &in, "session.update",
	    "group_session", NULL, x->e);
}

/*
 * Track t's held sessions: two weeks ago the evening track's first group of
 * its second day is cancelled (the facilitator was ill); this week the
 * second site's evening track loses its last group while it is still to
 * come; then every session that has started is checked in.
 */
static enum err
track_attendance(struct wk *x, int t)
{
	struct date monday = x->f->tracks[t].monday;
	struct group_session *s = NULL;
	struct week_story w;
	int64_t total = 0, now = x->f->now;
	size_t n = 0, i;

	if (store_gsession_list(x->st, x->f->tracks[t].id, 0,
	    date_from_days(date_days(monday) - 21), date_from_days(date_days(monday) + 6),
	    (struct page){ 1000, 0 }, x->a, &s, &n, &total, x->e) != ERR_OK)
		return x->e->code;
	if (t == 1) {
		struct date d = { 0, 0, 0 };
		int days = 0;

		for (i = 0; i < n; i++) {
			int64_t rel = date_days(s[i].date) - date_days(monday);
			if (rel < -14 || rel >= -7 || s[i].cancelled)
				continue;
			if (date_cmp(s[i].date, d) != 0) {
				d = s[i].date;
				days++;
			}
			if (days == 2) {
				if (cancel_session(x, &s[i], "The facilitator was ill and no "
				    "cover could be found") != ERR_OK)
					return x->e->code;
				s[i].cancelled = true;
				break;
			}
		}
	}
	if (t == 3 && n > 0 && !s[n - 1].cancelled && s[n - 1].starts_at > now &&
	    date_cmp(s[n - 1].date, monday) >= 0) {
		if (cancel_session(x, &s[n - 1], "The facilitator is away at a training; no "
		    "cover this week") != ERR_OK)
			return x->e->code;
		s[n - 1].cancelled = true;
	}
	story_of(s, n, monday, now, &w);
	for (i = 0; i < n; i++) {
		if (s[i].cancelled || s[i].starts_at > now)
			continue;
		if (check_in(x, t, &s[i], s, n, &w) != ERR_OK)
			return x->e->code;
	}
	return ERR_OK;
}

/* ---- appointments ------------------------------------------------------------ */

enum appt_fate { HELD, CANCEL_LATE_BY_CLIENT, CANCEL_BY_PROGRAM };
enum appt_with { WITH_CLINICIAN, WITH_DIRECTOR, WITH_PRESCRIBER, WITH_CASE_MANAGER };

/*
 * A demo appointment: demo_facts client c, in the week week (0: this one)
 * on the day-th meeting day of the client's track, at local start hour.
 * Those of this week are only for the clients whose week is clear (2, 4,
 * 5, 6, 7): an hour more to come would lift an at-risk client over the
 * line; the past ones come after the client's admission.  Those still to
 * come in the next fifteen days move on by weeks (book()).  Therapy at the second
 * site (clients 6 to 11) is with the director, who leads that clinic; the
 * demo clinician sees clients at the first site only.
 */
static const struct demo_appt {
	int c;
	const char *kind;
	enum appt_with with;
	int week, day, hour, minutes;
	enum appt_fate fate;
	const char *reason;	/* a cancellation's */
	const char *outcome;	/* once over: "attended" (NULL too) or "no_show" */
	int attended;		/* attended: minutes, 0 for the whole length */
} appts[] = {
	{ 11, "medication_management", WITH_PRESCRIBER, -3, 1, 15, 30, HELD, NULL, NULL, 0 },
	{ 2, "medication_management", WITH_PRESCRIBER, -2, 1, 13, 30, HELD, NULL, NULL, 0 },
	{ 7, "case_management", WITH_CASE_MANAGER, -2, 0, 13, 45, HELD, NULL, NULL, 0 },
	{ 8, "individual_therapy", WITH_DIRECTOR, -2, 2, 13, 50, CANCEL_BY_PROGRAM,
	    "The director was called away to a hospital meeting", NULL, 0 },
	{ 1, "individual_therapy", WITH_CLINICIAN, -1, 0, 13, 50, HELD, NULL, "attended", 40 },
	{ 10, "individual_therapy", WITH_DIRECTOR, -1, 0, 15, 50, HELD, NULL, "no_show", 0 },
	{ 4, "family_therapy", WITH_CLINICIAN, -1, 1, 16, 60, HELD, NULL, NULL, 0 },
	{ 5, "individual_therapy", WITH_CLINICIAN, -1, 2, 15, 50, CANCEL_LATE_BY_CLIENT,
	    "Car trouble; called two hours before", NULL, 0 },
	{ 3, "individual_therapy", WITH_CLINICIAN, -1, 2, 16, 50, HELD, NULL, NULL, 0 },
	{ 5, "medication_management", WITH_PRESCRIBER, 0, 0, 16, 30, HELD, NULL, NULL, 0 },
	{ 2, "individual_therapy", WITH_CLINICIAN, 0, 1, 13, 50, HELD, NULL, NULL, 0 },
	{ 7, "case_management", WITH_CASE_MANAGER, 0, 1, 14, 45, HELD, NULL, NULL, 0 },
	{ 6, "individual_therapy", WITH_DIRECTOR, 0, 2, 13, 50, HELD, NULL, NULL, 0 },
	{ 0, "individual_therapy", WITH_CLINICIAN, 1, 0, 13, 50, HELD, NULL, NULL, 0 },
	{ 9, "case_management", WITH_CASE_MANAGER, 1, 0, 15, 45, HELD, NULL, NULL, 0 },
	{ 1, "medication_management", WITH_PRESCRIBER, 1, 1, 13, 30, HELD, NULL, NULL, 0 },
	{ 3, "individual_therapy", WITH_CLINICIAN, 1, 1, 16, 50, HELD, NULL, NULL, 0 },
	{ 8, "individual_therapy", WITH_DIRECTOR, 1, 2, 13, 50, HELD, NULL, NULL, 0 },
	{ 4, "family_therapy", WITH_CLINICIAN, 2, 0, 16, 60, HELD, NULL, NULL, 0 },
	{ 11, "individual_therapy", WITH_DIRECTOR, 2, 1, 15, 50, HELD, NULL, NULL, 0 },
};
#define NAPPTS (sizeof appts / sizeof appts[0])

/* The site's counselling office (its third room), 0 when it has none. */
static enum err
office_of(struct wk *x, int64_t site_id, int64_t *room)
{
	struct room *rooms = NULL;
	size_t n = 0;
	int64_t total = 0;

	*room = 0;
	if (store_room_list(x->st, site_id, (struct page){ 10, 0 }, x->a, &rooms, &n, &total,
	    x->e) != ERR_OK)
		return x->e->code;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rooms[i].name, "Counseling Office 1") == 0)
			*room = rooms[i].id;
	return ERR_OK;
}

/* The date of the day-th meeting day (0-based) of track t in week week. */
static struct date
meeting_day(struct wk *x, const struct track *tr, int t, int week, int day)
{
	int64_t mon = date_days(x->f->tracks[t].monday) + 7 * (int64_t)week;
	int wd, k = 0;

	for (wd = WD_MON; wd <= WD_SUN; wd++)
		if (tr->weekdays & (1u << wd)) {
			if (k == day)
				return date_from_days(mon + (wd - WD_MON));
			k++;
		}
	return date_from_days(mon);
}

/* Whether the site is closed on day d. */
static enum err
closed_on(struct wk *x, int64_t site_id, struct date d, bool *closed)
{
	struct site_closure *items = NULL;
	size_t n = 0;
	int64_t total = 0;

	if (store_closure_list(x->st, site_id, d, d, (struct page){ 1, 0 }, x->a, &items, &n,
	    &total, x->e) != ERR_OK)
		return x->e->code;
	*closed = total > 0;
	return ERR_OK;
}

/* One appointment booked by the front desk three days ahead (or now), at
 * its hour, or an hour on when that time is taken; then its fate.  One
 * that would start in the next NEAR_S moves on by weeks until it does not
 * (and off a day its site is closed): the days ahead, this week and next,
 * are left open to book in (the API and browser tests book the demo
 * clinician, director and rooms there — two to four days ahead, next
 * week's Wednesday — and the demo must not take the hours they pick). */
static enum err
book(struct wk *x, const struct demo_appt *d, const struct tz *z)
{
	const struct demo_facts *f = x->f;
	int t = d->c / 3;
	struct track tr;
	struct appt_book_in in;
	struct appointment out;
	struct appt_conflict cf;
	struct actor desk = x->desk;
	const struct actor *with = d->with == WITH_CLINICIAN ? &x->clinician :
	    d->with == WITH_DIRECTOR ? &x->director :
	    d->with == WITH_PRESCRIBER ? &x->prescriber : &x->case_manager;
	struct contact *contacts = NULL;
	size_t ncontacts = 0;
	int64_t start, end, room, person = 0, id = 0;
	struct date day;
	int tries;

	if (store_track_get(x->st, f->tracks[t].id, x->a, &tr, x->e) != ERR_OK ||
	    office_of(x, f->tracks[t].site_id, &room) != ERR_OK)
		return x->e->code;
	if (strcmp(d->kind, "family_therapy") == 0) {
		if (store_contact_list(x->st, f->clients[d->c], x->a, &contacts, &ncontacts,
		    x->e) != ERR_OK)
			return x->e->code;
		if (ncontacts == 0)
			return error_set(x->e, ERR_INVALID, "demo: family therapy for a client "
			    "with no contacts");
		person = contacts[0].id;
	}
	day = meeting_day(x, &tr, t, d->week, d->day);
	for (;;) {
		bool closed = false;

		wall_to_instants(z, day, d->hour * 60, d->minutes, &start, &end);
		if (start > f->now && closed_on(x, f->tracks[t].site_id, day, &closed) != ERR_OK)
			return x->e->code;
		if (start <= f->now || (start >= f->now + NEAR_S && !closed))
			break;
		day = date_from_days(date_days(day) + 7);
	}
	for (tries = 0;; tries++) {
		memset(&in, 0, sizeof in);
		memset(&cf, 0, sizeof cf);
		wall_to_instants(z, day, (d->hour + tries) * 60, d->minutes, &start, &end);
		in.a.client_id = f->clients[d->c];
		in.a.site_id = f->tracks[t].site_id;
		in.a.kind = d->kind;
		in.a.staff_id = with->staff_id;
		in.a.room_id = room;
		in.a.starts_at = start;
		in.a.minutes = d->minutes;
		in.persons = person != 0 ? &person : NULL;
		in.npersons = person != 0 ? 1 : 0;
		in.out = &out;
		in.conflict = &cf;
		desk.now = start - 3 * DAY < f->now ? start - 3 * DAY : f->now;
		if (demo_op(x->st, x->a, &desk, op_appt_book_run, &in, "appointment.book",
		    "appointment", &id, x->e) == ERR_OK)
			break;
		if (x->e->code != ERR_CONFLICT || tries == 3)
			return x->e->code;
		error_clear(x->e);
	}
	if (d->fate == HELD && end <= f->now) {
		/* Its outcome, recorded by the front desk as it ended. */
		struct appt_attendance_in ain;
		struct appointment aout;

		memset(&ain, 0, sizeof ain);
		ain.id = id;
		ain.attendance = d->outcome != NULL ? d->outcome : "attended";
		ain.minutes = d->attended > 0 ? d->attended : -1;
		ain.out = &aout;
		desk.now = end;
		if (demo_op(x->st, x->a, &desk, op_appt_attendance_run, &ain,
		    "appointment.attendance", "appointment", NULL, x->e) != ERR_OK)
			return x->e->code;
	}
	if (d->fate != HELD) {
		struct appt_cancel_in cin;
		struct appointment cout;
		bool by_client = d->fate == CANCEL_LATE_BY_CLIENT;

		memset(&cin, 0, sizeof cin);
		cin.id = id;
		cin.by = by_client ? "client" : "program";
		cin.reason = d->reason;
		cin.late_hours = APPT_LATE_CANCEL_HOURS_DEFAULT;
		cin.out = &cout;
		desk.now = by_client ? start - 2 * HOUR : start - 2 * DAY;
		if (desk.now > f->now)
			desk.now = f->now;
		if (demo_op(x->st, x->a, &desk, op_appt_cancel_run, &cin, "appointment.cancel",
		    "appointment", NULL, x->e) != ERR_OK)
			return x->e->code;
	}
	return ERR_OK;
}

static enum err
demo_appointments(struct wk *x)
{
	struct tz *z = malloc(sizeof *z);
	struct site site;
	enum err rc = ERR_OK;

	if (z == NULL)
		return error_set(x->e, ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < NAPPTS && rc == ERR_OK; i++) {
		int64_t site_id = x->f->tracks[appts[i].c / 3].site_id;

		if ((rc = store_site_get(x->st, site_id, x->a, &site, x->e)) != ERR_OK)
			break;
		if (!tz_load(site.timezone, z)) {
			rc = error_set(x->e, ERR_IO, "the time zone %s is not in this system's "
			    "zone database", site.timezone);
			break;
		}
		rc = book(x, &appts[i], z);
	}
	free(z);
	return rc;
}

enum err
demo_week(struct store *st, const struct demo_facts *f, struct error *e)
{
	struct arena *a = arena_new(0);
	struct wk x;
	enum err rc;
	int t;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	memset(&x, 0, sizeof x);
	x.st = st;
	x.a = a;
	x.f = f;
	x.e = e;
	if ((rc = demo_staff_actor(st, a, "front_desk", f->now, &x.desk, e)) == ERR_OK &&
	    (rc = demo_staff_actor(st, a, "director", f->now, &x.director, e)) == ERR_OK &&
	    (rc = demo_staff_actor(st, a, "clinician", f->now, &x.clinician, e)) == ERR_OK &&
	    (rc = demo_staff_actor(st, a, "prescriber", f->now, &x.prescriber, e)) == ERR_OK &&
	    (rc = demo_staff_actor(st, a, "case_manager", f->now, &x.case_manager, e)) ==
	    ERR_OK) {
		for (t = 0; t < DEMO_TRACKS && rc == ERR_OK; t++)
			rc = track_attendance(&x, t);
		if (rc == ERR_OK)
			rc = demo_appointments(&x);
	}
	arena_free(a);
	return rc;
}

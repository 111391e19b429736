/*
 * demo_alumni.c — the demo's alumni (issue 14, item 4): an alumni
 * coordinator (the demo account "alumni", a case manager with the flag),
 * four clients discharged over the last months with their check-ins planned
 * by the discharge — one reached twice and now overdue, one due today, one
 * tried once and overdue, one reached with the next ahead — and two alumni
 * events, one held (with who came) and one to come.  All fictitious.
 */
#include <string.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "core/client.h"
#include "core/schedule.h"
#include "ops/alumni.h"
#include "ops/client.h"
#include "ops/discharge.h"
#include "ops/episode.h"
#include "ops/staff.h"

#define DAY 86400

struct alum {
	const char *first, *last, *phone;
	struct date dob;
	int discharged_ago;	/* days before today */
	const char *type;
	/* calls: on which check-in (index), how many days after it was due,
	 * the outcome and the recovery status */
	struct { int k, after; const char *outcome, *status, *notes; } calls[3];
	int ncalls;
};

static const struct alum alumni[] = {
	{ "Priya", "Natarajan", "(312) 555-0171", { 1988, 4, 12 }, 100, "completed",
	  { { 0, 1, "reached", "in_recovery", "Back at work; goes to meetings twice a week." },
	    { 1, 2, "reached", "in_recovery", "Doing well. Interested in the alumni potluck." } }, 2 },
	{ "Samuel", "Okafor", "(312) 555-0172", { 1975, 9, 3 }, 30, "completed", { { 0 } }, 0 },
	{ "Hannah", "Lindgren", "(312) 555-0173", { 1993, 1, 27 }, 40, "against_advice",
	  { { 0, 0, "not_reached", "", "Left a voicemail." } }, 1 },
	{ "Diego", "Marin", "(312) 555-0174", { 1981, 11, 8 }, 55, "completed",
	  { { 0, 3, "reached", "in_treatment_elsewhere", "Seeing an outpatient counsellor weekly." } },
	  1 },
};
#define NALUMNI (sizeof alumni / sizeof alumni[0])

static struct date
days_ago(const struct demo_facts *f, int n)
{
	return date_from_days(date_days(date_from_unix(f->now)) - n);
}

/* The coordinator: a case manager with the flag. */
static enum err
coordinator(struct store *st, struct arena *a, const struct demo_facts *f, const char *pw,
    struct error *e)
{
	struct actor admin;
	struct staff_update_in in;
	struct staff_out out;
	int64_t id = 0;

	if (cli_user_create(st, "alumni", "Rosa Delgado", 1u << ROLE_CASE_MANAGER,
	    (int64_t[]){ f->tracks[0].site_id }, 1, pw, false, &id, e) != ERR_OK)
		return e->code;
	if (demo_staff_actor(st, a, "admin", f->now, &admin, e) != ERR_OK)
		return e->code;
	memset(&in, 0, sizeof in);
	in.id = id;
	in.set.alumni_coordinator = true;
	in.fields = 1u << SF_ALUMNI_COORDINATOR;
	in.out = &out;
	return demo_op(st, a, &admin, op_staff_update_run, &in, "staff.update", "staff", NULL, e);
}

/* One alumnus: a client admitted 45 days before the discharge, discharged,
 * and the calls made on the check-ins. */
static enum err
one(struct store *st, struct arena *a, const struct demo_facts *f, const struct alum *x,
    const struct actor *adm, const struct actor *dir, int64_t clinician, int64_t *client_id,
    struct error *e)
{
	struct client_create_in cin;
	struct client_out cout;
	struct episode_admit_in ain;
	struct episode_discharge_in din;
	struct episode ep, dout;
	struct alumni_checkin *ks = NULL;
	struct actor coord;
	int64_t cancelled = 0;
	struct date on = days_ago(f, x->discharged_ago);
	size_t n = 0;

	memset(&cin, 0, sizeof cin);
	memset(&cout, 0, sizeof cout);
	client_blank(&cin.c);
	cin.c.first_name = x->first;
	cin.c.last_name = x->last;
	cin.c.dob = x->dob;
	cin.c.sex = SEX_UNKNOWN;
	cin.c.phone = x->phone;
	cin.c.address = (struct address){ "15 Lantern Way", "", "Riverton", "IL", "60614" };
	cin.c.language = "English";
	cin.allow_duplicate = true;
	cin.out = &cout;
	if (demo_op(st, a, adm, op_client_create_run, &cin, "client.create", "client", NULL, e) !=
	    ERR_OK)
		return e->code;
	*client_id = cout.c.id;
	memset(&ain, 0, sizeof ain);
	ain.ep.client_id = cout.c.id;
	ain.ep.level = f->tracks[0].level;
	ain.ep.site_id = f->tracks[0].site_id;
	ain.ep.track_id = f->tracks[0].id;
	ain.ep.admitted_on = date_from_days(date_days(on) - 45);
	ain.ep.primary_clinician = clinician;
	ain.ep.privacy_notice_given = true;
	ain.out = &ep;
	if (demo_op(st, a, adm, op_episode_admit_run, &ain, "episode.admit", "episode", NULL, e) !=
	    ERR_OK)
		return e->code;
	memset(&din, 0, sizeof din);
	din.episode_id = ep.id;
	din.date = on;
	din.type = x->type;
	din.reason = "";
	din.to = "";
	din.out = &dout;
	din.cancelled = &cancelled;
	if (demo_op(st, a, dir, op_episode_discharge_run, &din, "episode.discharge", "episode",
	    NULL, e) != ERR_OK)
		return e->code;
	if (store_alumni_checkins_client(st, cout.c.id, a, &ks, &n, e) != ERR_OK)
		return e->code;
	for (int i = 0; i < x->ncalls; i++) {
		struct alumni_call_in call;
		struct alumni_checkin out;
		int64_t inquiry = 0;
		int k = x->calls[i].k;

		if ((size_t)k >= n)
			break;
		/* The call as made that day, mid-morning. */
		if (demo_staff_actor(st, a, "alumni", f->now - (int64_t)(x->discharged_ago -
		    alumni_days[k] - x->calls[i].after) * DAY - 3 * 3600, &coord, e) != ERR_OK)
			return e->code;
		memset(&call, 0, sizeof call);
		call.id = ks[k].id;
		call.outcome = x->calls[i].outcome;
		call.recovery_status = x->calls[i].status;
		call.notes = x->calls[i].notes;
		call.out = &out;
		call.inquiry_id = &inquiry;
		if (demo_op(st, a, &coord, op_alumni_call_run, &call, "alumni.checkin_record",
		    "alumni_checkin", NULL, e) != ERR_OK)
			return e->code;
	}
	return ERR_OK;
}

/* An event at the first track's site, and who answered (and came). */
static enum err
event(struct store *st, struct arena *a, const struct demo_facts *f, const struct actor *who,
    int ago, const char *topic, const int64_t *clients, const char *const *rsvps,
    const int *came, int n, struct error *e)
{
	struct alumni_event_in in;
	struct alumni_event out;
	char d[11];
	int64_t id = 0;

	date_format(days_ago(f, ago), d);
	memset(&in, 0, sizeof in);
	in.ev.site_id = f->tracks[0].site_id;
	in.ev.on_date = arena_strdup(a, d);
	in.ev.start_time = "18:00";
	in.ev.topic = topic;
	in.out = &out;
	if (in.ev.on_date == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (demo_op(st, a, who, op_alumni_event_create_run, &in, "alumni.event_create",
	    "alumni_event", &id, e) != ERR_OK)
		return e->code;
	for (int i = 0; i < n; i++) {
		struct alumni_rsvp_in r;
		struct alumni_rsvp ro;

		memset(&r, 0, sizeof r);
		r.event_id = out.id;
		r.client_id = clients[i];
		r.has_rsvp = true;
		r.rsvp = rsvps[i];
		r.has_attended = came[i] >= 0;
		r.attended = came[i];
		r.out = &ro;
		if (demo_op(st, a, who, op_alumni_rsvp_run, &r, "alumni.rsvp", "alumni_event", NULL,
		    e) != ERR_OK)
			return e->code;
	}
	return ERR_OK;
}

enum err
demo_alumni(struct store *st, const struct demo_facts *f, const char *pw, struct error *e)
{
	struct arena *a = arena_new(0);
	struct actor adm, dir, coord;
	int64_t ids[NALUMNI];
	enum err rc = ERR_OK;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (coordinator(st, a, f, pw, e) != ERR_OK ||
	    demo_staff_actor(st, a, "admissions", f->now, &adm, e) != ERR_OK ||
	    demo_staff_actor(st, a, "director", f->now, &dir, e) != ERR_OK) {
		rc = e->code;
		goto out;
	}
	/* The clinician treated them; the director recorded the discharges. */
	if (demo_staff_actor(st, a, "clinician", f->now, &coord, e) != ERR_OK) {
		rc = e->code;
		goto out;
	}
	for (size_t i = 0; i < NALUMNI; i++) {
		if (one(st, a, f, &alumni[i], &adm, &dir, coord.staff_id, &ids[i], e) != ERR_OK) {
			rc = e->code;
			goto out;
		}
	}
	if (demo_staff_actor(st, a, "alumni", f->now, &coord, e) != ERR_OK) {
		rc = e->code;
		goto out;
	}
	{
		const int64_t held[] = { ids[0], ids[3] };
		const char *const held_rsvp[] = { "yes", "yes" };
		const int held_came[] = { 1, 0 };
		const int64_t next[] = { ids[0], ids[1] };
		const char *const next_rsvp[] = { "yes", "maybe" };
		const int next_came[] = { -1, -1 };

		if (event(st, a, f, &coord, 20, "Alumni potluck and recovery stories", held,
		    held_rsvp, held_came, 2, e) != ERR_OK ||
		    event(st, a, f, &coord, -12, "Summer picnic at Lakeside Park", next, next_rsvp,
		    next_came, 2, e) != ERR_OK)
			rc = e->code;
	}
out:
	arena_free(a);
	return rc;
}

/*
 * demo_activity.c — the demo clinic's day-to-day records, so that a new
 * look at `iop demo` shows a clinic at work rather than empty screens:
 * inquiries at every stage of the admissions board (with calls logged and
 * follow-ups due), clients admitted into every track, their coverages, and
 * intake screenings of which exactly one raised a safety alert that is
 * still open; and the program's week: each track's groups, their sessions
 * from three weeks ago to five weeks ahead, and a holiday at the first site;
 * then the held weeks (demo_week.c).
 *
 * Every record goes through the operation the app uses (ops/), one job
 * each with its console audit row (cli_op_as), acting as the demo staff
 * member who would do it (the admissions coordinator takes the inquiries,
 * the clinician gives the screenings), so the rules, the alert routing and
 * the audit hold as they do in the app.  All people, numbers and payers are
 * made up.  Nothing here runs twice: cmd_demo only calls it on an empty
 * database, after the sites, tracks, clients and staff exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "core/instrument.h"
#include "ops/episode.h"
#include "ops/inquiry.h"
#include "ops/insurance.h"
#include "ops/directory.h"
#include "ops/schedule.h"
#include "ops/screening.h"

#define DAY 86400

/* What the activity is written with. */
struct act {
	struct store *st;
	struct arena *a;
	const struct demo_facts *f;
	struct actor admissions, clinician;
	int64_t case_manager;
	struct error *e;
};

enum err
demo_staff_actor(struct store *st, struct arena *a, const char *username, int64_t now,
    struct actor *who, struct error *e)
{
	struct staff s;

	if (store_staff_by_username(st, username, a, &s, NULL, e) != ERR_OK)
		return e->code;
	cli_actor(who);
	who->staff_id = s.id;
	who->username = s.username;
	who->roles = s.roles;
	who->now = now;
	return ERR_OK;
}

enum err
demo_op(struct store *st, struct arena *a, const struct actor *who, op_run_fn run,
    const void *in, const char *action, const char *rtype, int64_t *id, struct error *e)
{
	struct audit_event ev;

	cli_audit_row(&ev, action, rtype, 0, "demo");
	return cli_op_as(st, a, who, run, in, &ev, id, e);
}

/* The demo staff member username as an actor (for the records they sign). */
static enum err
staff_actor(struct act *x, const char *username, struct actor *who)
{
	return demo_staff_actor(x->st, x->a, username, x->f->now, who, x->e);
}

/* One operation as who, with the console's audit row (detail "demo"). */
static enum err
act_op(struct act *x, const struct actor *who, op_run_fn run, const void *in,
    const char *action, const char *rtype, int64_t *id)
{
	return demo_op(x->st, x->a, who, run, in, action, rtype, id, x->e);
}

/* ---- the admissions board -------------------------------------------------- */

struct demo_inquiry {
	const char *name, *phone, *email;
	enum inquiry_kind kind;
	enum urgency urgency;
	const char *substances;	/* JSON list */
	const char *message, *referral_source;
	bool for_other;
	const char *caller_name, *caller_relationship;
	const char *payer, *member_id;	/* insurance, or NULL */
	enum inquiry_status stage;
	const char *call_note;	/* a call logged by admissions, or NULL */
	const char *follow_up;	/* a follow-up task, or NULL */
	int follow_up_hours;	/* due in */
};

static const struct demo_inquiry inquiries[] = {
	{ "Jamie Okafor", "555-0301", "", INQ_HELP, URG_TODAY, "[\"alcohol\"]",
	    "I have been drinking every day and I want to stop before it costs me my job.",
	    "Web search", false, "", "", NULL, NULL, INQS_NEW, NULL, NULL, 0 },
	{ "Robin Vasquez-Hale", "555-0302", "robin.vh@example.org", INQ_PHONE,
	    URG_THIS_WEEK, "[\"opioids\",\"benzodiazepines\"]",
	    "My doctor said an evening program might work around my shifts.",
	    "Primary care physician", false, "", "", NULL, NULL, INQS_NEW, NULL, NULL, 0 },
	{ "", "555-0303", "", INQ_INSURANCE, URG_NOT_ASKED, "[]", "", "", false, "", "",
	    "Lakeshore Health Plan", "LHP-448120", INQS_NEW, NULL, NULL, 0 },
	{ "Dominic Farrow", "555-0304", "", INQ_PHONE, URG_THIS_WEEK, "[\"cannabis\"]",
	    "Calling for my son, he is 19 and says he is ready to talk to someone.",
	    "Family member", true, "Celeste Farrow", "mother", NULL, NULL, INQS_CONTACTED,
	    "Spoke with his mother; Dominic will call back after his classes.",
	    "Call Dominic about a screening time", 20 },
	{ "Aisha Brennan", "555-0305", "aisha.b@example.org", INQ_HELP, URG_TODAY,
	    "[\"alcohol\",\"stimulants\"]", "", "Emergency department", false, "", "",
	    "Prairie Mutual", "PM-20331877", INQS_CONTACTED,
	    "Reached her; she prefers mornings. Benefits check started.", NULL, 0 },
	{ "Felix Marchetti", "555-0306", "", INQ_PHONE, URG_THIS_WEEK, "[\"opioids\"]",
	    "Finished detox last week and was told to find an IOP.", "Detox unit",
	    false, "", "", NULL, NULL, INQS_SCREENING_SCHEDULED,
	    "Screening booked for Thursday 10:00 at Riverside.",
	    "Confirm Thursday's screening with Felix", 26 },
	{ "Harriet Osei", "", "h.osei@example.org", INQ_HELP, URG_EXPLORING,
	    "[\"alcohol\"]", "", "Employee assistance program", false, "", "", NULL, NULL,
	    INQS_SCREENING_SCHEDULED, "Emailed two screening times; she chose Monday.",
	    NULL, 0 },
	{ "Gideon Pryce", "555-0308", "", INQ_HELP, URG_THIS_WEEK, "[\"stimulants\"]", "",
	    "Drug court", false, "", "", "Heartland Medicaid", "HM-7730142",
	    INQS_SCREENED, "Screened in person; recommended the evening track.",
	    "Offer Gideon an admission date", 48 },
	{ "Lucia Brandt", "555-0309", "", INQ_HELP, URG_TODAY, "[\"alcohol\"]", "",
	    "Self", false, "", "", "Lakeshore Health Plan", "LHP-501276", INQS_ADMITTED,
	    "Screened and admitted to the day track.", NULL, 0 },
	{ "Mateo Lindgren", "555-0310", "", INQ_PHONE, URG_TODAY, "[\"opioids\",\"alcohol\"]",
	    "", "Hospital social worker", false, "", "", NULL, NULL, INQS_REFERRED,
	    "Needs medically managed withdrawal first; referred.", NULL, 0 },
	{ "Nadia Kowalczyk", "555-0311", "", INQ_HELP, URG_EXPLORING, "[\"cannabis\"]", "",
	    "Web search", false, "", "", NULL, NULL, INQS_CLOSED,
	    "Chose a program nearer her home.", NULL, 0 },
};
#define NINQUIRIES (sizeof inquiries / sizeof inquiries[0])

/* The moves that bring a new inquiry to stage. */
static enum err
inquiry_to_stage(struct act *x, const struct demo_inquiry *d, int64_t id, int track)
{
	struct inquiry_patch_in p;
	struct inquiry out;

	memset(&p, 0, sizeof p);
	p.id = id;
	p.out = &out;
	p.present = INQ_PATCH_STATUS | INQ_PATCH_ASSIGNED_TO;
	p.assigned_to = x->admissions.staff_id;
	p.status = d->stage;
	if (d->stage == INQS_NEW)
		return ERR_OK;
	if (d->stage == INQS_REFERRED) {
		p.present |= INQ_PATCH_REFERRED_TO;
		p.referred_to = "Lakeshore Withdrawal Management Center (level 3.7)";
	} else if (d->stage == INQS_CLOSED) {
		p.present |= INQ_PATCH_CLOSE_REASON;
		p.close_reason = "Chose another program closer to home.";
	} else if (d->stage == INQS_ADMITTED) {
		struct inquiry_convert_in cin;
		struct inquiry_convert_out cout;
		struct episode_admit_in ain;
		struct episode ep;

		memset(&cin, 0, sizeof cin);
		memset(&cout, 0, sizeof cout);
		client_blank(&cin.c);
		cin.c.first_name = cin.c.last_name = NULL;	/* the inquiry's name */
		cin.c.dob = (struct date){ 1979, 6, 21 };
		cin.c.sex = SEX_FEMALE;
		cin.c.address = (struct address){ "77 Willow Court", "", "Riverton", "IL",
		    "60614" };
		cin.c.language = "English";
		cin.id = id;
		cin.out = &cout;
		if (act_op(x, &x->admissions, op_inquiry_convert_run, &cin, "inquiry.convert",
		    "inquiry", NULL) != ERR_OK)
			return x->e->code;
		memset(&ain, 0, sizeof ain);
		ain.ep.client_id = cout.c.id;
		ain.ep.level = "2.1";
		ain.ep.site_id = x->f->tracks[track].site_id;
		ain.ep.track_id = x->f->tracks[track].id;
		ain.ep.admitted_on = date_from_unix(x->admissions.now - DAY);
		ain.ep.primary_clinician = x->clinician.staff_id;
		ain.ep.case_manager = x->case_manager;
		ain.ep.privacy_notice_given = true;
		ain.ep.inquiry_id = id;
		ain.out = &ep;
		if (act_op(x, &x->admissions, op_episode_admit_run, &ain, "episode.admit",
		    "episode", NULL) != ERR_OK)
			return x->e->code;
	}
	return act_op(x, &x->admissions, op_inquiry_patch_run, &p, "inquiry.update", "inquiry",
	    NULL);
}

static enum err
demo_inquiries(struct act *x)
{
	size_t i;

	for (i = 0; i < NINQUIRIES; i++) {
		const struct demo_inquiry *d = &inquiries[i];
		struct inquiry_create_in in;
		struct inquiry out;
		int64_t id;

		memset(&in, 0, sizeof in);
		in.q.kind = d->kind;
		in.q.name = d->name;
		in.q.phone = d->phone;
		in.q.email = d->email;
		/* Yes, no, or (the "Verify insurance" form asks neither) not asked. */
		in.q.ok_voicemail = d->kind == INQ_INSURANCE ? CONSENT_NOT_ASKED :
		    i % 3 != 1 ? CONSENT_YES : CONSENT_NO;
		in.q.ok_text = d->kind == INQ_INSURANCE ? CONSENT_NOT_ASKED :
		    i % 2 == 0 ? CONSENT_YES : CONSENT_NO;
		in.q.best_time = i % 2 ? "Weekday mornings" : "";
		in.q.for_other = d->for_other;
		in.q.caller_name = d->caller_name;
		in.q.caller_relationship = d->caller_relationship;
		in.q.substances_json = d->substances;
		in.q.urgency = d->urgency;
		in.q.message = d->message;
		in.q.referral_source = d->referral_source;
		in.q.source = d->kind == INQ_PHONE ? "phone" : "web";
		in.q.has_insurance = d->payer != NULL;
		in.q.ins = (struct insurance_info){ d->payer ? d->payer : "",
		    d->member_id ? d->member_id : "", "", "", { 0, 0, 0 }, "" };
		in.out = &out;
		if (act_op(x, &x->admissions, op_inquiry_create_run, &in, "inquiry.create",
		    "inquiry", &id) != ERR_OK)
			return x->e->code;
		if (d->call_note != NULL) {
			struct inquiry_contact_in cin;
			struct inquiry_contact cout;
			memset(&cin, 0, sizeof cin);
			cin.c.inquiry_id = id;
			cin.c.method = d->phone[0] ? "call" : "email";
			cin.c.outcome = d->phone[0] ? "reached" : "sent";
			cin.c.note = d->call_note;
			cin.out = &cout;
			if (act_op(x, &x->admissions, op_inquiry_contact_run, &cin,
			    "inquiry.contact", "inquiry", NULL) != ERR_OK)
				return x->e->code;
		}
		if (inquiry_to_stage(x, d, id, 0) != ERR_OK)
			return x->e->code;
		if (d->follow_up != NULL) {
			struct inquiry_task_in tin;
			struct task tout;
			memset(&tin, 0, sizeof tin);
			tin.inquiry_id = id;
			tin.t.title = d->follow_up;
			tin.t.due_at = x->admissions.now + (int64_t)d->follow_up_hours * 3600;
			tin.out = &tout;
			if (act_op(x, &x->admissions, op_inquiry_task_run, &tin, "inquiry.task",
			    "inquiry", NULL) != ERR_OK)
				return x->e->code;
		}
	}
	return ERR_OK;
}

/* ---- admissions into every track, coverages, intake screenings -------------- */

static const char *const payers[] = { "Lakeshore Health Plan", "Prairie Mutual",
    "Heartland Medicaid" };

static enum err
demo_coverage(struct act *x, int64_t client_id, int k)
{
	struct coverage_create_in in;
	struct coverage out;
	char member[24], start[11];

	snprintf(member, sizeof member, "%s-%06d", k % 3 == 0 ? "LHP" : k % 3 == 1 ? "PM" :
	    "HM", 310417 + k * 7919);
	date_format((struct date){ date_from_unix(x->admissions.now).y, 1, 1 }, start);
	memset(&in, 0, sizeof in);
	in.c.client_id = client_id;
	in.c.rank = "primary";
	in.c.payer = payers[k % 3];
	in.c.plan = k % 3 == 2 ? "" : "PPO Silver";
	in.c.member_id = member;
	in.c.group_number = k % 3 == 0 ? "GRP-1180" : "";
	in.c.subscriber_name = "";
	in.c.subscriber_dob = "";
	in.c.relationship = "self";
	in.c.start_date = start;
	in.c.end_date = "";
	in.out = &out;
	return act_op(x, &x->admissions, op_coverage_create_run, &in, "coverage.create",
	    "coverage", NULL);
}

/* Records one screening of code with the given answers, as the clinician. */
static enum err
demo_screening(struct act *x, int64_t client_id, int64_t site_id, const char *code,
    const int *answers, int n)
{
	const struct instrument *ins = instrument_find(code);
	struct screening_record_in in;
	struct screening_record_out out;
	struct instrument_result r;
	struct answers as;
	json_t *scores, *flags, *list;
	char *s_scores, *s_flags, *s_answers;
	enum err rc;
	int i;

	memset(&as, 0, sizeof as);
	as.n = n;
	list = json_array();
	for (i = 0; i < n; i++) {
		as.a[i].present = true;
		as.a[i].ival = answers[i];
		json_array_append_new(list, json_integer(answers[i]));
	}
	if (instrument_score(ins, &as, NULL, &r, x->e) != ERR_OK) {
		json_decref(list);
		return x->e->code;
	}
	scores = json_object();
	for (i = 0; i < r.nscores; i++)
		json_object_set_new(scores, r.scores[i].name, json_integer(r.scores[i].value));
	flags = json_array();
	for (i = 0; i < r.nflags; i++)
		json_array_append_new(flags, json_pack("{s:s,s:s}", "code", r.flags[i].code,
		    "message", r.flags[i].message));
	s_answers = json_dumps(list, JSON_COMPACT);
	s_scores = json_dumps(scores, JSON_COMPACT);
	s_flags = json_dumps(flags, JSON_COMPACT);
	json_decref(list);
	json_decref(scores);
	json_decref(flags);
	memset(&in, 0, sizeof in);
	in.row.client_id = client_id;
	in.row.code = r.code;
	in.row.version = r.version;
	in.row.answers = s_answers;
	in.row.scores = s_scores;
	in.row.flags = s_flags;
	in.row.band = r.band;
	in.result = &r;
	in.site_id = site_id;
	in.out = &out;
	if (s_answers == NULL || s_scores == NULL || s_flags == NULL)
		rc = error_set(x->e, ERR_NOMEM, "out of memory");
	else
		rc = act_op(x, &x->clinician, op_screening_record_run, &in, "screening.record",
		    "screening", NULL);
	free(s_answers);
	free(s_scores);
	free(s_flags);
	return rc;
}

static enum err
demo_episodes(struct act *x)
{
	/* Intake PHQ-9s: mild to moderate; the fourth client's item 9 is 1 (the
	 * one open alert, routed to the primary clinician). */
	static const int phq9[][9] = {
		{ 1, 2, 2, 1, 1, 1, 0, 0, 0 }, { 2, 2, 1, 2, 1, 1, 1, 1, 0 },
		{ 0, 1, 1, 1, 0, 1, 0, 0, 0 }, { 2, 3, 2, 2, 1, 2, 1, 1, 1 },
		{ 1, 1, 2, 1, 0, 0, 1, 0, 0 }, { 2, 1, 1, 2, 2, 1, 1, 0, 0 },
	};
	static const int gad7[][7] = {
		{ 1, 1, 2, 1, 0, 1, 1 }, { 2, 2, 2, 1, 1, 2, 1 }, { 0, 1, 0, 1, 0, 1, 0 },
	};
	static const int auditc[][3] = { { 4, 2, 3 }, { 3, 1, 2 }, { 2, 0, 1 } };
	const struct demo_facts *f = x->f;
	int t, k, c = 0;

	/* Three clients in each of the four tracks, admitted over the last weeks
	 * and all before this week (so that this week's hours tell demo_week's
	 * story whatever the day); the demo's active clients in order. */
	for (t = 0; t < DEMO_TRACKS; t++) {
		for (k = 0; k < 3; k++, c++) {
			struct episode_admit_in in;
			struct episode ep;
			int64_t client = f->clients[c];

			memset(&in, 0, sizeof in);
			in.ep.client_id = client;
			in.ep.level = f->tracks[t].level;
			in.ep.site_id = f->tracks[t].site_id;
			in.ep.track_id = f->tracks[t].id;
			in.ep.admitted_on = date_from_days(date_days(f->tracks[t].monday) -
			    (3 + 8 * k + 2 * t));
			in.ep.primary_clinician = x->clinician.staff_id;
			in.ep.case_manager = c % 4 == 3 ? 0 : x->case_manager;
			in.ep.privacy_notice_given = true;
			in.out = &ep;
			if (act_op(x, &x->admissions, op_episode_admit_run, &in, "episode.admit",
			    "episode", NULL) != ERR_OK)
				return x->e->code;
			if (c % 5 != 4 && demo_coverage(x, client, c) != ERR_OK)
				return x->e->code;
			if (c < 6 && demo_screening(x, client, in.ep.site_id, "phq9", phq9[c],
			    9) != ERR_OK)
				return x->e->code;
			if (c < 3 && (demo_screening(x, client, in.ep.site_id, "gad7", gad7[c],
			    7) != ERR_OK || demo_screening(x, client, in.ep.site_id, "auditc",
			    auditc[c], 3) != ERR_OK))
				return x->e->code;
		}
	}
	return ERR_OK;
}

/* ---- the program's week ---------------------------------------------------- */

/* Psychoeducation's curriculum: one topic a week, in turn. */
static const char demo_topics[] =
    "How addiction changes the brain\n"
    "Triggers, cravings and urges\n"
    "Alcohol, drugs and the body\n"
    "Sleep, food and recovery\n"
    "Families, relationships and recovery\n"
    "Building a support network\n";

/* One track's week: on each of its days three 60-minute groups from its
 * start (a process group, psychoeducation, then relapse prevention, or
 * skills training on the track's second day), in the site's Group Room B
 * (the rooms listed by name: the counselling office, then Group Room A, are
 * left free for appointments — the tests book the first two), led by the
 * case manager (the clinician's hours are left free for
 * individual appointments). */
static enum err
demo_track_week(struct act *x, const struct actor *director, int t, int64_t room_id)
{
	struct track tr, out;
	struct track_write_in in;
	struct track_block *b;
	int wd, n = 0, day = 0;

	if (store_track_get(x->st, x->f->tracks[t].id, x->a, &tr, x->e) != ERR_OK)
		return x->e->code;
	b = arena_alloc(x->a, 7 * 3 * sizeof *b);
	if (b == NULL)
		return error_set(x->e, ERR_NOMEM, "out of memory");
	for (wd = WD_MON; wd <= WD_SUN; wd++) {
		if (!(tr.weekdays & (1u << wd)))
			continue;
		for (int k = 0; k < 3; k++, n++) {
			b[n] = (struct track_block){ .weekday = wd + 1,
			    .start_min = tr.start_min + 60 * k, .minutes = 60, .topic = "",
			    .topics = "", .facilitator_id = x->case_manager,
			    .room_id = room_id };
			if (k == 0) {
				b[n].group_type = "process_group";
			} else if (k == 1) {
				b[n].group_type = "psychoeducation";
				b[n].topic = "Recovery basics";
				b[n].topics = demo_topics;
			} else if (day == 1) {
				b[n].group_type = "skills_training";
				b[n].topic = "Coping and refusal skills";
			} else {
				b[n].group_type = "relapse_prevention";
				b[n].topic = "Warning signs and a relapse prevention plan";
			}
		}
		day++;
	}
	tr.blocks = b;
	tr.nblocks = n;
	memset(&in, 0, sizeof in);
	in.t = tr;
	in.out = &out;
	in.blocks_given = true;
	return act_op(x, director, op_track_write_run, &in, "track.update", "track", NULL);
}

/*
 * The demo's schedule: each track's weekly template, its sessions from the
 * Monday three weeks before this one to five weeks ahead (the admitted
 * clients, enrolled on admission, on their rosters), and a holiday at the
 * first site on a Monday 22 to 28 days ahead, whose sessions are cancelled
 * (past the three weeks the tests schedule their own groups in).
 */
static enum err
demo_schedule(struct act *x)
{
	const struct demo_facts *f = x->f;
	struct actor director;
	struct site_closure cl;
	struct closure_add_in cin;
	int64_t created, cancelled, now;
	int t, wd;

	if (staff_actor(x, "director", &director) != ERR_OK)
		return x->e->code;
	now = director.now;
	for (t = 0; t < DEMO_TRACKS; t++) {
		struct room *rooms = NULL;
		size_t nrooms = 0, k;
		int64_t total = 0, room = 0;
		struct sessions_generate_in gin;

		if (store_room_list(x->st, f->tracks[t].site_id, (struct page){ 10, 0 }, x->a,
		    &rooms, &nrooms, &total, x->e) != ERR_OK)
			return x->e->code;
		for (k = 0; k < nrooms && room == 0; k++)
			if (strcmp(rooms[k].name, "Group Room B") == 0)
				room = rooms[k].id;
		if (demo_track_week(x, &director, t, room) != ERR_OK)
			return x->e->code;
		memset(&gin, 0, sizeof gin);
		gin.track_id = f->tracks[t].id;
		gin.from = date_from_days(date_days(f->tracks[t].monday) - 21);
		gin.to = date_from_unix(now + 35 * (int64_t)DAY);
		gin.created = &created;
		if (act_op(x, &director, op_sessions_generate_run, &gin, "session.generate",
		    "track", NULL) != ERR_OK)
			return x->e->code;
	}
	wd = date_iso_weekday(date_from_unix(now));
	memset(&cin, 0, sizeof cin);
	cin.c.site_id = f->tracks[0].site_id;
	cin.c.date = date_from_unix(now + (int64_t)(8 - wd + 21) * DAY);
	cin.c.reason = "Holiday: the clinic is closed";
	cin.out = &cl;
	cin.cancelled = &cancelled;
	return act_op(x, &director, op_closure_add_run, &cin, "closure.create", "closure", NULL);
}

enum err
demo_activity(struct store *st, const struct demo_facts *f, struct error *e)
{
	struct arena *a = arena_new(0);
	struct staff cm;
	struct act x;
	enum err rc;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	memset(&x, 0, sizeof x);
	x.st = st;
	x.a = a;
	x.f = f;
	x.e = e;
	if ((rc = staff_actor(&x, "admissions", &x.admissions)) == ERR_OK &&
	    (rc = staff_actor(&x, "clinician", &x.clinician)) == ERR_OK &&
	    (rc = store_staff_by_username(st, "case_manager", a, &cm, NULL, e)) == ERR_OK) {
		x.case_manager = cm.id;
		if ((rc = demo_episodes(&x)) == ERR_OK &&
		    (rc = demo_inquiries(&x)) == ERR_OK &&
		    (rc = demo_schedule(&x)) == ERR_OK)
			rc = demo_week(st, f, e);
	}
	arena_free(a);
	return rc;
}

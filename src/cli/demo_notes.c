/*
 * demo_notes.c — clinical notes for the demo clinic, so the chart's notes,
 * the group note screen and "Notes to sign" show a clinic at work: the
 * last four held groups of the first track with attendance taken (one
 * client late, one absent excused), two group notes signed (one part with
 * no objective linked, which billing will flag), the oldest left unsigned
 * for more than 72 hours (on the director's list) and the newest a draft.
 *
 * So that billing shows a clinic whose days are mostly billable, every other
 * group session held since the demo's weeks began is documented and signed
 * with each part linked to the client's objective, and so is every attended
 * therapy, family or medication-management appointment, except one group session of the second track five
 * or more days ago left with no note (its clients' day: note missing).
 * With the late arrivals of demo_week.c (a short day) and the clients whose
 * plan is not signed (demo_plans.c), the billable-days list shows each
 * reason a day is refused.
 *
 * Every step goes through the operations the app uses (ops/attendance.c,
 * ops/note.c), as the demo clinician, with the console's audit row; each
 * step's time is the actor's clock set to when it happened.  All words are
 * made up.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "core/hours.h"
#include "ops/note.h"

#define DAY 86400
#define SESSIONS 4

struct nt {
	struct store *st;
	struct arena *a;
	struct actor clin;
	struct error *e;
};

static enum err
note_op(struct nt *x, int64_t at, op_run_fn run, const void *in, const char *action,
    const char *rtype)
{
	struct audit_event ev;
	struct actor who = x->clin;

	who.now = at;
	cli_audit_row(&ev, action, rtype, 0, "demo");
	return cli_op_as(x->st, x->a, &who, run, in, &ev, NULL, x->e);
}

/* The first open objective of the client's newest plan version (0: none). */
static int64_t
objective_of(struct nt *x, int64_t client)
{
	struct plan *plans;
	size_t n;
	struct error le;

	error_clear(&le);
	if (store_plan_list(x->st, client, 0, x->a, &plans, &n, &le) != ERR_OK || n == 0)
		return 0;
	for (size_t i = 0; i < plans[0].nproblems; i++)
		for (size_t j = 0; j < plans[0].problems[i].ngoals; j++)
			if (plans[0].problems[i].goals[j].nobjectives > 0)
				return plans[0].problems[i].goals[j].objectives[0].key;
	return 0;
}

static const char *const responses[] = {
	"Shared a near-miss from the weekend and how a call to a sponsor helped.",
	"Quiet at first; named boredom in the evenings as the main trigger.",
	"Gave feedback to a peer and practised a refusal script aloud.",
};
static const char *const progress[] = {
	"Uses urge surfing most days; logging cravings in the phone.",
	"Identified two triggers of three; working on a plan for the third.",
	"Attending mutual-help meetings twice a week so far.",
};
static const char *const contents[SESSIONS] = {
	"Warning signs of relapse: each member mapped their own early signs.",
	"Coping with cravings: urge surfing practised in pairs.",
	"Refusal skills: role plays of turning down a drink at a family event.",
	"Weekend planning: each member wrote a structured plan for Saturday.",
};

/* Session i's note, on the attendance the demo's week recorded: opened
 * after the group, written (and signed when sign) at the times of that
 * session.  A session nobody attended gets no note. */
static enum err
one_session(struct nt *x, const struct group_session *g, int i, bool sign, bool unlinked)
{
	struct note_open_session_in oin;
	struct note_update_in uin;
	struct note_sign_in sin;
	struct note_part_in *parts;
	const char *iv[] = { "relapse_prevention", "cbt" };
	int64_t *keys;
	struct note n;
	int64_t t = g->ends_at;
	size_t np;

	memset(&oin, 0, sizeof oin);
	oin.session_id = g->id;
	oin.out = &n;
	if (note_op(x, t + 1800, op_note_open_session_run, &oin, "note.open", "note") != ERR_OK)
		return x->e->code;
	if ((np = n.nparts) == 0)
		return ERR_OK;
	parts = arena_alloc(x->a, np * sizeof *parts);
	keys = arena_alloc(x->a, np * sizeof *keys);
	if (parts == NULL || keys == NULL)
		return error_set(x->e, ERR_NOMEM, "Out of memory.");
	memset(parts, 0, np * sizeof *parts);
	for (size_t k = 0; k < np; k++) {
		parts[k].p.client_id = n.parts[k].client_id;
		parts[k].p.participation = k % 3 == 1 ? "quiet" : "active";
		parts[k].p.response = responses[(k + (size_t)i) % 3];
		parts[k].p.progress = progress[(k + (size_t)i) % 3];
		keys[k] = objective_of(x, n.parts[k].client_id);
		if (keys[k] != 0 && !(unlinked && k == np - 1)) {
			parts[k].p.objectives = &keys[k];
			parts[k].p.nobjectives = 1;
		}
		parts[k].have_objectives = true;
	}
	memset(&uin, 0, sizeof uin);
	uin.id = n.id;
	uin.content = contents[i];
	uin.interventions = iv;
	uin.ninterventions = 2;
	uin.have_interventions = true;
	uin.parts = parts;
	uin.nparts = np;
	uin.out = &n;
	if (note_op(x, t + 2400, op_note_update_run, &uin, "note.update", "note") != ERR_OK)
		return x->e->code;
	if (!sign)
		return ERR_OK;
	memset(&sin, 0, sizeof sin);
	sin.id = n.id;
	sin.out = &n;
	return note_op(x, t + 3000, op_note_sign_run, &sin, "note.sign", "note");
}

static bool
is_held(struct group_session *const *held, size_t nheld, int64_t id)
{
	for (size_t k = 0; k < nheld; k++)
		if (held[k]->id == id)
			return true;
	return false;
}

/* Every other group session held on the demo's tracks: documented and
 * signed, except the one left without a note. */
static enum err
document_sessions(struct nt *x, const struct demo_facts *f, struct group_session *const *held,
    size_t nheld)
{
	bool skipped = false;

	for (int t = 0; t < DEMO_TRACKS; t++) {
		struct group_session *gs;
		size_t n = 0;
		int64_t total = 0;

		if (f->tracks[t].id == 0)
			continue;
		if (store_gsession_list(x->st, f->tracks[t].id, 0,
		    date_from_days(date_days(f->tracks[t].monday) - 21),
		    date_from_unix(x->clin.now), (struct page){ .limit = 200, .offset = 0 }, x->a,
		    &gs, &n, &total, x->e) != ERR_OK)
			return x->e->code;
		for (size_t i = n; i-- > 0;) {
			enum err rc;

			if (gs[i].cancelled || gs[i].ends_at + 3600 > x->clin.now ||
			    is_held(held, nheld, gs[i].id))
				continue;
			if (t == 1 && !skipped && gs[i].ends_at + 5 * DAY <= x->clin.now) {
				skipped = true;		/* note missing */
				continue;
			}
			if ((rc = one_session(x, &gs[i], (int)(i % SESSIONS), true, false)) != ERR_OK)
				return rc;
		}
	}
	return ERR_OK;
}

/* Every attended appointment that counts towards the hours (therapy,
 * family, medication management) and is over: its note, signed by whoever
 * held it, linked to the client's objective. */
static enum err
document_appointments(struct nt *x)
{
	static const char *names[] = { "data", "assessment", "plan" };
	static const char *texts[] = {
		"Reviewed the week's cravings log; two urges, neither acted on.",
		"Engaged; coping skills are taking hold.",
		"Keep logging; practise the refusal script before the weekend.",
	};
	struct appt_filter af;
	struct appointment *ap;
	size_t n = 0;
	int64_t total = 0;

	memset(&af, 0, sizeof af);
	af.from = x->clin.now - 40 * DAY;
	af.to = x->clin.now;
	af.scheduled_only = true;
	if (store_appt_list(x->st, &af, (struct page){ .limit = 500, .offset = 0 }, x->a, &ap, &n,
	    &total, x->e) != ERR_OK)
		return x->e->code;
	for (size_t i = 0; i < n; i++) {
		struct note_open_appt_in oin;
		struct note_update_in uin;
		struct note_sign_in sin;
		struct nt y = *x;
		struct staff s;
		struct note note;
		int64_t key;

		if (ap[i].ends_at + 3600 > x->clin.now || ap[i].attendance == NULL ||
		    strcmp(ap[i].attendance, "attended") != 0 ||
		    !hours_kind_counts(ap[i].kind))
			continue;
		if (store_staff_get(x->st, ap[i].staff_id, x->a, &s, x->e) != ERR_OK)
			return x->e->code;
		y.clin.staff_id = s.id;
		y.clin.username = s.username;
		y.clin.roles = s.roles;
		memset(&oin, 0, sizeof oin);
		oin.appt_id = ap[i].id;
		oin.out = &note;
		if (note_op(&y, ap[i].ends_at + 600, op_note_open_appt_run, &oin, "note.open",
		    "note") != ERR_OK)
			return x->e->code;
		if (note_signed(&note))
			continue;
		key = objective_of(x, ap[i].client_id);
		memset(&uin, 0, sizeof uin);
		uin.id = note.id;
		uin.form = "dap";
		uin.section_names = names;
		uin.section_texts = texts;
		uin.nsections = 3;
		if (key != 0) {
			uin.objectives = &key;
			uin.nobjectives = 1;
			uin.have_objectives = true;
		}
		uin.out = &note;
		if (note_op(&y, ap[i].ends_at + 1200, op_note_update_run, &uin, "note.update",
		    "note") != ERR_OK)
			return x->e->code;
		memset(&sin, 0, sizeof sin);
		sin.id = note.id;
		sin.out = &note;
		if (note_op(&y, ap[i].ends_at + 1800, op_note_sign_run, &sin, "note.sign", "note") !=
		    ERR_OK)
			return x->e->code;
	}
	return ERR_OK;
}

enum err
demo_notes(struct store *st, const struct demo_facts *f, struct error *e)
{
	struct arena *a = arena_new(0);
	struct group_session *gs, *held[SESSIONS];
	struct staff s;
	struct nt x;
	size_t n = 0, nheld = 0;
	int64_t total = 0;
	enum err rc = ERR_OK;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	memset(&x, 0, sizeof x);
	x.st = st;
	x.a = a;
	x.e = e;
	cli_actor(&x.clin);
	if (store_staff_by_username(st, "clinician", a, &s, NULL, e) != ERR_OK) {
		arena_free(a);
		return e->code;
	}
	x.clin.staff_id = s.id;
	x.clin.username = s.username;
	x.clin.roles = s.roles;
	/* The first track's last held sessions, one a day. */
	if (store_gsession_list(st, f->tracks[0].id, 0, date_from_unix(x.clin.now - 12 * DAY),
	    date_from_unix(x.clin.now - DAY), (struct page){ .limit = 100, .offset = 0 }, a, &gs,
	    &n, &total, e) != ERR_OK) {
		arena_free(a);
		return e->code;
	}
	for (size_t i = n; i-- > 0 && nheld < SESSIONS;) {
		size_t k;

		if (gs[i].cancelled || gs[i].ends_at + 3600 > x.clin.now)
			continue;
		/* One session a day: the day's first. */
		for (k = 0; k < nheld; k++)
			if (held[k]->date.y == gs[i].date.y && held[k]->date.m == gs[i].date.m &&
			    held[k]->date.d == gs[i].date.d)
				break;
		if (k == nheld)
			held[nheld++] = &gs[i];
	}
	/* held[] is newest first: oldest (over 72 hours) unsigned, the next two
	 * signed (the later with a part linking no objective), the newest a
	 * draft. */
	for (size_t i = nheld; i-- > 0 && rc == ERR_OK;) {
		int age = (int)(nheld - 1 - i);	/* 0: the oldest */

		rc = one_session(&x, held[i], age, age == 1 || age == 2, age == 2);
	}
	if (rc == ERR_OK)
		rc = document_sessions(&x, f, held, nheld);
	if (rc == ERR_OK)
		rc = document_appointments(&x);
	arena_free(a);
	return rc;
}

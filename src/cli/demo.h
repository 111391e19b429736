/*
 * demo.h — what `iop demo` shares between its files: the clinic it wrote
 * (cmd_demo.c) and the records of its day-to-day work written on top of it
 * (demo_activity.c).
 */
#ifndef IOP_CLI_DEMO_H
#define IOP_CLI_DEMO_H

#include <stdint.h>

#include "lib/err.h"
#include "lib/timeutil.h"
#include "ops/ops.h"
#include "store/store.h"

#define DEMO_TRACKS 4
#define DEMO_FACT_CLIENTS 12	/* active demo clients admitted, three per track */

struct demo_facts {
	struct {
		int64_t id, site_id;
		const char *level;
		struct date monday;	/* this week's Monday at the track's site (local) */
	} tracks[DEMO_TRACKS];
	int64_t clients[DEMO_FACT_CLIENTS];	/* active clients, in the order written */
	int64_t now;		/* the demo's one clock reading: everything is dated from it */
};

/*
 * Inquiries at every stage of the board (calls logged, follow-ups due), three
 * clients admitted into each track with their coverages, intake screenings
 * with one open safety alert.  Needs the demo staff (admissions, clinician,
 * case_manager) to exist.
 */
enum err demo_activity(struct store *st, const struct demo_facts *f, struct error *e);
/* Medications and drug screens of four admitted clients, one screen with an
 * unexpected result (demo_clinical.c).  Needs the demo prescriber and nurse. */
enum err demo_clinical(struct store *st, const struct demo_facts *f, struct error *e);

/*
 * Treatment plans for the admitted demo clients (demo_plans.c): most signed
 * by the clinician and the client, one signed by the clinician only, one
 * overdue for review, one a draft, one revised into a second version.
 */
enum err demo_plans(struct store *st, const struct demo_facts *f, struct error *e);
/* Group notes of the first track's last held sessions (demo_notes.c): two
 * signed, one unsigned for over 72 hours, one a fresh draft.  After
 * demo_plans (the objectives it links). */
enum err demo_notes(struct store *st, const struct demo_facts *f, struct error *e);

/*
 * The held weeks (demo_week.c): attendance at every group session held in
 * the last three weeks and this week so far, a group the program cancelled,
 * and appointments held, cancelled and to come; a few clients at risk this
 * week whatever the day and hour.  Needs demo_activity's schedule.
 */
enum err demo_week(struct store *st, const struct demo_facts *f, struct error *e);

/* What demo_activity.c and demo_week.c share: the demo staff member
 * username as an actor at the demo's now, and one operation run as who with
 * the console's audit row (detail "demo"). */
enum err demo_staff_actor(struct store *st, struct arena *a, const char *username,
    int64_t now, struct actor *who, struct error *e);
enum err demo_op(struct store *st, struct arena *a, const struct actor *who, op_run_fn run,
    const void *in, const char *action, const char *rtype, int64_t *id, struct error *e);

/* PHQ-9, GAD-7 and BAM repeated through the admitted clients' episodes, one
 * worsening with its task, some due and overdue (demo_measures.c). */
enum err demo_measures(struct store *st, const struct demo_facts *f, struct error *e);

/* Case management (demo_casemgmt.c): the address book of resources, and two
 * admitted clients with needs, referrals in every state (one follow-up due
 * today, one overdue) and a court date in three days.  Needs the demo
 * case manager. */
enum err demo_casemgmt(struct store *st, const struct demo_facts *f, struct error *e);
/* One client discharged last week (to no track) with a signed discharge
 * summary and an aftercare plan they signed (demo_aftercare.c). */
enum err demo_aftercare(struct store *st, const struct demo_facts *f, struct error *e);
/* The demo case manager, prescriber and nurse on the care team of every
 * admitted demo client (demo_care.c). */
enum err demo_care_teams(struct store *st, const struct demo_facts *f, struct error *e);
/* The same three on one client's care team (a client demo_care_teams does
 * not know, such as demo_aftercare's discharged client). */
enum err demo_care_team_of(struct store *st, int64_t client_id, int64_t now, struct error *e);

/* The alumni coordinator (the account "alumni", password pw), four clients
 * discharged with their check-ins (reached, due, overdue) and two alumni
 * events (demo_alumni.c).  Last: it writes nothing the others read. */
enum err demo_alumni(struct store *st, const struct demo_facts *f, const char *pw,
    struct error *e);

#endif

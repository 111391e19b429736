/*
 * demo.h — what `iop demo` shares between its files: the clinic it wrote
 * (cmd_demo.c) and the records of its day-to-day work written on top of it
 * (demo_activity.c).
 */
#ifndef IOP_CLI_DEMO_H
#define IOP_CLI_DEMO_H

#include <stdint.h>

#include "lib/err.h"
#include "store/store.h"

#define DEMO_TRACKS 4
#define DEMO_FACT_CLIENTS 12	/* active demo clients admitted, three per track */

struct demo_facts {
	struct { int64_t id, site_id; const char *level; } tracks[DEMO_TRACKS];
	int64_t clients[DEMO_FACT_CLIENTS];	/* active clients, in the order written */
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

#endif

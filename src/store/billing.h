/*
 * billing.h — the store's interface for billable days (store/billing.c),
 * beside store.h: the rows core/billing.h decides on, read set-based for
 * one client or a whole site over a range of dates, from one snapshot.
 */
#ifndef IOP_STORE_BILLING_H
#define IOP_STORE_BILLING_H

#include "core/billing.h"
#include "store/store.h"

/* An episode in the range, with its client's name. */
struct bill_episode_row {
	int64_t id, client_id;
	const char *level;
	int64_t site_id;
	struct date admitted_on, discharged_on;	/* discharged_on invalid: open */
	const char *first_name, *last_name, *preferred_name, *mrn;
};

/* A counted session: a group session attended or an appointment attended,
 * with its note's facts for the client. */
struct bill_session_row {
	int64_t client_id;
	const char *kind;		/* "group" or the appointment's kind */
	int64_t ref_id;			/* the session's or the appointment's id */
	struct date date;		/* group sessions; appointments: the caller's */
	int64_t starts_at;
	int minutes;			/* attended */
	const char *title;		/* a group's topic or track */
	int64_t note_id;		/* 0: none */
	struct bill_note_facts note;
};

/* A non-draft plan version. */
struct bill_plan_row {
	int64_t id, episode_id, client_id;
	int version;
	int64_t clinician_signed_at, review_due_at, client_signed_at;
};

/* What a range of billable days is decided on. */
struct bill_facts {
	struct bill_code *codes;
	size_t ncodes;
	struct bill_episode_row *episodes;	/* by client, then admission */
	size_t nepisodes;
	struct bill_session_row *sessions;	/* group sessions (a site's: any order) */
	size_t nsessions;
	struct bill_session_row *appts;		/* appointments (a site's: any order) */
	size_t nappts;
	struct bill_plan_row *plans;		/* by episode, then version */
	size_t nplans;
};

/* One client's facts (client_id > 0) or those of every client with an
 * episode at site_id overlapping the span w (store.h: local dates from .. to,
 * instants lo .. hi exclusive, in the zone used). */
enum err store_billing_facts(struct store *s, int64_t client_id, int64_t site_id,
    struct hours_span w, struct arena *a, struct bill_facts *out, struct error *e);

#endif

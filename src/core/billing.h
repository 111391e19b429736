/*
 * billing.h — whether one day of a client's episode is billable as a
 * per-diem line (DOMAIN.md "Billing"; issue 13, item 8), and every reason
 * it is not.
 *
 * A day is billable only when (1) the client attended at least the level's
 * minutes (3 hours for IOP) in counted sessions: group sessions and the
 * appointments whose kind counts (core/hours.h hours_kind_counts); (2)
 * every counted session has a note that counts (signed, and co-signed when
 * a co-signature is needed: core/note.h note_counts) with the client's part,
 * its start and end times, and at least one plan objective linked; and (3)
 * the episode's treatment plan applies that day: its newest non-draft
 * version signed by the clinician on or before the day, with its review
 * due on or after the day.  The client's signature is not required (it is
 * reported): the clinician's signature fixes the plan the services follow;
 * the client may sign later in the portal.  Every reason that applies is
 * given, in the fixed order of enum bill_reason.
 *
 * Pure: the caller reads the rows and finds the local dates; nothing here
 * reads a clock, a zone or the database.
 */
#ifndef IOP_BILLING_H
#define IOP_BILLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/timeutil.h"

/* The reasons a day is not billable, in the order they are listed. */
enum bill_reason {
	BILL_UNDER_THREE_HOURS,
	BILL_NOTE_UNSIGNED,
	BILL_NOTE_MISSING,
	BILL_NO_OBJECTIVE_LINKED,
	BILL_PLAN_UNSIGNED,
	BILL_PLAN_REVIEW_OVERDUE,
	BILL_REASON__MAX
};

/* The state of a counted session's note for the client. */
enum bill_note {
	BILL_NOTE_OK,			/* counts: signed, times, objective */
	BILL_NOTE_NONE,			/* no note, or no part for the client */
	BILL_NOTE_DRAFT,		/* not signed */
	BILL_NOTE_AWAITS_COSIGN,	/* signed, waiting for the supervisor */
	BILL_NOTE_NO_TIMES,		/* the part has no start and end times */
	BILL_NOTE_NO_OBJECTIVE,		/* no plan objective linked */
	BILL_NOTE__MAX
};

/* A level's per-diem code (the table per_diem_code). */
struct bill_code {
	const char *level;
	const char *code;		/* "H0015" */
	const char *revenue_code;	/* "0906" */
	int units;
	int min_minutes;		/* 180 */
};

/* A note as billing sees it. */
struct bill_note_facts {
	bool exists;			/* a note for the session or appointment */
	bool part;			/* with a part for the client */
	const char *status;		/* "draft", "signed" */
	int64_t signed_at, cosigner_id, cosigned_at;
	int64_t starts_at, ends_at;	/* the part's */
	bool objective;			/* an objective linked for the client */
};

/* A counted session of the day. */
struct bill_session {
	int minutes;			/* attended */
	enum bill_note note;
};

/* A non-draft plan version of the episode, with its dates local. */
struct bill_plan {
	int64_t id;
	int version;
	struct date clinician_signed_on;	/* invalid: not signed */
	struct date review_due_on;		/* invalid: no due date */
	bool client_signed;
};

struct bill_day {
	bool billable;
	int minutes;
	unsigned reasons;		/* 1 << enum bill_reason */
	int plan;			/* index of the plan that applies; -1 none */
};

/* The state of a note (facts f) for billing. */
enum bill_note bill_note_state(const struct bill_note_facts *f);

/* The plan of plans[0..n) that applies on day: the highest version signed
 * by the clinician on or before it; -1 when none. */
int bill_plan_for(const struct bill_plan *plans, size_t n, struct date day);

/*
 * The day: sessions s[0..n) counted (attended), at a level with per-diem
 * code c (NULL: the level has none, so the day is not billable whatever
 * the reasons; the 3-hour floor then stands for the reasons), and the
 * episode's plans[0..np).
 */
void bill_day_compute(struct date day, const struct bill_code *c,
    const struct bill_session *s, size_t n, const struct bill_plan *plans, size_t np,
    struct bill_day *out);

/* The codes ("under_three_hours", "signed", "missing", ...). */
const char *bill_reason_name(enum bill_reason r);
const char *bill_note_name(enum bill_note n);

#endif

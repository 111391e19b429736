/*
 * alumni.h — staying in touch after discharge (issue 14, item 4), as pure
 * rules: which discharges get check-ins and when they are due, what a
 * recorded call may say and when it closes the check-in, and what an alumni
 * event and an RSVP must hold.
 *
 * Check-ins: five, due 30, 60, 90, 180 and 365 days after the discharge
 * date.  Every discharge type gets them except deceased.  A transfer to
 * another level within the program (a step-down or step-up) is not a
 * discharge from the program: the client continues in the next episode, so
 * it gets none (it never passes through here).  A discharge that transfers
 * the client to another provider (transferred_higher, transferred_lower)
 * does: the program keeps in touch after they leave it, whoever treats them
 * next; so do against advice, administrative and lost to contact, where
 * losing touch is likeliest.
 *
 * A call: "reached" closes the check-in and says how the alumnus is
 * (recovery_status, required); "not_reached" counts an attempt and leaves
 * it open for another try, until the third unanswered attempt closes it.
 * Readmission wanted is something only a reached alumnus can say.
 *
 * No I/O.
 */
#ifndef IOP_ALUMNI_H
#define IOP_ALUMNI_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/err.h"
#include "lib/timeutil.h"

#define ALUMNI_CHECKINS 5
#define ALUMNI_ATTEMPTS_MAX 3
#define ALUMNI_NOTES_MAX 2000
#define ALUMNI_TOPIC_MAX 200
#define ALUMNI_TASK_KIND "alumni_checkin"

/* The days after discharge a check-in is due: 30, 60, 90, 180, 365. */
extern const int alumni_days[ALUMNI_CHECKINS];

/* Does a discharge of this type get check-ins?  All but deceased. */
bool alumni_checkins_for(const char *discharge_type);
/* The day a check-in days after a discharge on `on` is due. */
struct date alumni_due_on(struct date on, int days);

/* A check-in as stored, with what its screens show beside it. */
struct alumni_checkin {
	int64_t id, episode_id, client_id;
	int day;			/* 30 60 90 180 365 */
	const char *due_on;		/* YYYY-MM-DD */
	const char *outcome;		/* "" (none yet), reached, not_reached */
	int attempts;
	bool closed;
	const char *recovery_status, *notes;
	bool readmission_wanted;
	int64_t inquiry_id, contacted_by, contacted_at, task_id, created_at;
	/* Read only: the client, the discharge, who recorded, whose task. */
	const char *client_mrn, *client_first, *client_last, *client_preferred, *client_phone;
	const char *discharged_on, *discharge_type;
	int64_t site_id, assigned_to;
	const char *contacted_by_name, *assigned_name;
};

/* Is s an outcome (reached, not_reached) / a recovery status (in_recovery,
 * using, in_treatment_elsewhere, unknown) / an RSVP (yes, no, maybe)? */
bool alumni_outcome_valid(const char *s);
bool alumni_recovery_valid(const char *s);
bool alumni_rsvp_valid(const char *s);
/* "in recovery", "using again", ...; the code itself when unknown. */
const char *alumni_recovery_words(const char *s);

/*
 * A call recorded on check-in c: outcome required and known ("outcome");
 * recovery_status required when reached, and known when given
 * ("recovery_status"); readmission wanted only when reached
 * ("readmission_wanted"); notes not too long ("notes").  Then ERR_CONFLICT
 * when c is closed already.
 */
enum err alumni_call_check(const struct alumni_checkin *c, const char *outcome,
    const char *recovery_status, const char *notes, bool readmission_wanted,
    struct error *e);
/* The call on c (checked): one more attempt, closed when reached or at the
 * ALUMNI_ATTEMPTS_MAX-th attempt. */
void alumni_call_apply(struct alumni_checkin *c, const char *outcome,
    const char *recovery_status, const char *notes, bool readmission_wanted);

/* An alumni event: at a site, on a date, from a time, about a topic. */
struct alumni_event {
	int64_t id, site_id;
	const char *on_date, *start_time, *topic;
	int64_t created_by, created_at;
	const char *site_name;
	int64_t yes, maybe, no, attended;	/* read only: counts of the RSVPs */
};
/* site_id given ("site_id"), a real date ("date"), a time HH:MM
 * ("start_time"), a topic of 1..ALUMNI_TOPIC_MAX characters ("topic"). */
enum err alumni_event_check(const struct alumni_event *ev, struct error *e);

/* An alumnus's answer and whether they came (-1: not recorded). */
struct alumni_rsvp {
	int64_t event_id, client_id;
	const char *rsvp;		/* "", yes, no, maybe */
	int attended;			/* -1, 0, 1 */
	int64_t updated_by, updated_at;
	const char *client_mrn, *client_first, *client_last, *client_preferred;
};

/* One alumnus on the alumni list. */
struct alumnus {
	int64_t client_id;
	const char *mrn, *first_name, *last_name, *preferred_name, *phone;
	int64_t episode_id, site_id;
	const char *site_name, *discharged_on, *discharge_type;
	int64_t last_checkin_at;	/* the latest reached check-in's call; 0 */
	const char *last_event_on;	/* the latest event attended; "" */
	int64_t next_checkin_id;	/* 0 when none is open */
	int next_day;
	const char *next_due_on;	/* "" when none */
	int64_t coordinator_id;
	const char *coordinator_name;
	int64_t checkins_reached;
};
/* Is the next check-in overdue on `today` (its due date before today)? */
bool alumnus_overdue(const struct alumnus *a, struct date today);

#endif

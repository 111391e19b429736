/*
 * episode.h — an episode of care: a client admitted at a level of care, at
 * a site (and on a track there), with a primary clinician.  The admission
 * rules are pure: the caller reads the facts and passes them in.
 */
#ifndef IOP_EPISODE_H
#define IOP_EPISODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/alert.h"
#include "lib/err.h"
#include "lib/timeutil.h"

/* The alerts an admission acknowledges: at most EPISODE_ACK_MAX ids. */
#define EPISODE_ACK_MAX 32
struct alert_ids {
	int64_t id[EPISODE_ACK_MAX];
	int n;
};

struct episode {
	int64_t id, client_id;
	const char *level;
	int64_t site_id, track_id;
	struct date admitted_on;
	int64_t primary_clinician, case_manager;
	bool privacy_notice_given;
	const char *status;		/* open | discharged */
	const char *discharged_on;
	/* How it ended (core/discharge.h), why and to whom; the episode it was
	 * transferred from and to (0: none); the planned step-down weeks. */
	const char *discharge_type, *discharge_reason, *discharged_to;
	int64_t transferred_from, transferred_to;
	int64_t discharge_summary_id;	/* its discharge summary; 0: none yet */
	int step_down_weeks;
	int64_t inquiry_id, created_at;
	/* The open high-risk alerts the admitter saw and acknowledged. */
	struct alert_ids acknowledged;
	const char *acknowledged_json;	/* as stored: "[4,9]" */
	/* Read with it, for lists. */
	const char *mrn, *first_name, *last_name, *preferred_name;
	const char *site_name, *track_name, *clinician_name, *case_manager_name;
};

/*
 * What an admission asks for, on its own: a known level, a site and a
 * primary clinician named, the notice of privacy for substance use records
 * given (42 CFR 2.22), and no admission dated after tomorrow (today is UTC;
 * a day's slack for a program west of it).  Field errors are added to e
 * (the first error of a field wins); returns e->code.
 */
enum err episode_admit_check_input(const struct episode *ep, struct date today,
    struct error *e);

/* The facts an admission is checked against, read in its transaction. */
struct admit_facts {
	bool client_active;
	int64_t open_episodes;		/* the client's open episodes */
	bool site_found;
	bool track_found;		/* when ep->track_id is set */
	int64_t track_site_id;
	const char *track_level;
	bool clinician_ok;		/* an active staff member with the clinician role */
	bool case_manager_ok;		/* the same for a case manager (when one is named) */
	bool inquiry_ok;		/* the inquiry (when named) was converted to this client */
	/* The levels of care the program provides: those of its active tracks
	 * at active sites, each once. */
	const char *const *levels;
	size_t nlevels;
	/* The client's alerts, open and resolved. */
	const struct alert *alerts;
	size_t nalerts;
};

/* Is a an alert the admission must not pass over unseen: open, high-risk
 * (alert_high_risk) and not in ep's acknowledged alerts? */
bool episode_alert_unseen(const struct episode *ep, const struct alert *a);

/*
 * May ep be admitted, given f?  ERR_CONFLICT when the client is inactive or
 * has an open episode; ERR_INVALID naming the fields at fault (a level no
 * active track provides, a track of another site or level, a clinician or
 * case manager without the role, an inquiry of someone else, an
 * acknowledged alert that is not the client's); then ERR_CONFLICT when the
 * client has an open high-risk alert the admission does not acknowledge
 * (episode_alert_unseen): the admitter must see it first.
 */
enum err episode_admit_check(const struct episode *ep, const struct admit_facts *f,
    struct error *e);

#endif

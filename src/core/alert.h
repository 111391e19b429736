/*
 * alert.h — safety alerts on a client and the tasks that follow them, and
 * who answers one.
 *
 * An alert (raised by a screening's risk flag) cannot be dismissed: it is
 * resolved only with a documented response, which also completes its task.
 * Its task goes, in order, to the client's primary clinician (of the open
 * episode); else the clinician on duty at the episode's site, at the site
 * where the screening was given, or at the recorder's first site; else, when
 * nobody is on duty, to the director of the first of those sites that has
 * one, and the alert is unclaimed: it waits on that site's list of unclaimed
 * alerts, seen by every clinician, until one claims it (the task is then
 * theirs).  Never to a clinician picked at random.
 */
#ifndef IOP_ALERT_H
#define IOP_ALERT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/perm.h"
#include "lib/err.h"

struct alert {
	int64_t id, client_id;
	const char *kind, *message, *source_type;
	int64_t source_id, raised_at, resolved_at, resolved_by;
	const char *response;
	/* Where it waits while unclaimed (0: no site known), and its claim. */
	int64_t site_id;
	bool unclaimed;
	int64_t claimed_by, claimed_at;
	/* Read with it ("" when none): names for the chart and the lists. */
	const char *resolved_by_name, *claimed_by_name, *assigned_name, *site_name;
	int64_t assigned_to;	/* its open task's assignee; 0: none */
	const char *client_mrn, *client_first, *client_last, *client_preferred;
};

struct task {
	int64_t id;
	const char *kind, *title;
	int64_t client_id, inquiry_id, alert_id, assigned_to, due_at, done_at, done_by;
	const char *response;
	int64_t created_at;
	/* Read with it: whom it is about ("" when no client / no inquiry). */
	const char *client_mrn, *client_first, *client_last, *client_preferred;
	const char *inquiry_name;
};

/* Is an alert of this kind a high-risk one (a suicide risk, a need for an
 * immediate safety evaluation), which nobody admits a client past unseen? */
bool alert_high_risk(const char *kind);

/* The sites whose clinician on duty may answer, in the order looked at. */
enum alert_site { ASITE_EPISODE, ASITE_SCREENING, ASITE_RECORDER, ASITE__MAX };

/* The facts that decide who answers an alert (0: none). */
struct alert_route_facts {
	int64_t primary_clinician;	/* active, of the client's open episode */
	int64_t site[ASITE__MAX];	/* the sites by enum alert_site */
	int64_t on_duty[ASITE__MAX];	/* the active clinician on duty at each, now */
	int64_t director[ASITE__MAX];	/* an active director who works at each */
};

enum alert_route_why {
	AROUTE_PRIMARY,		/* the client's own clinician */
	AROUTE_ON_DUTY,		/* the clinician on duty at site_id */
	AROUTE_DIRECTOR,	/* nobody on duty: the director of site_id; unclaimed */
	AROUTE_NOBODY,		/* nobody on duty and no director: unclaimed */
};

struct alert_route {
	int64_t staff_id;		/* 0: nobody */
	enum alert_route_why why;
	int64_t site_id;		/* ON_DUTY, DIRECTOR: where; NOBODY: the first site
					 * known (0: none) */
	bool unclaimed;			/* waits on site_id's unclaimed list */
};

void alert_route(const struct alert_route_facts *f, struct alert_route *out);
/* Why, for the answer ("the client's primary clinician"); AROUTE_ON_DUTY
 * and AROUTE_DIRECTOR need the site's name, which the caller adds. */
const char *alert_route_why_text(enum alert_route_why why);

/* May a staff member with roles mark task t done?  Theirs, nobody's, or a
 * director's, and a safety task (alert_id) only with alerts.respond: else
 * ERR_FORBIDDEN. */
enum err task_done_check(const struct task *t, int64_t staff_id, roleset roles,
    struct error *e);

/* May alert a be claimed now?  ERR_CONFLICT when resolved or not unclaimed
 * (claimed already, or never unclaimed). */
enum err alert_claim_check(const struct alert *a, struct error *e);

/* What a reader without screening.read (the front desk) is told of an
 * alert, instead of its kind and message. */
#define ALERT_NEUTRAL_KIND "safety"
#define ALERT_NEUTRAL_MESSAGE "A clinician must see this client."

#endif

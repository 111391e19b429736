/*
 * care.h — who is in a client's care, and breaking the glass.
 *
 * Staff whose roles are only clinical (clinician, case manager, prescriber,
 * nurse) see a client's records only when they have a role in that client's
 * care (the ways in: enum care_way, one query in the store) or have declared
 * an emergency for that client in the last hours (IOP_EMERGENCY_ACCESS_HOURS).
 * The director (oversight of the program), admissions (intake), the front
 * desk (check-in) and billing keep their role-based access: their duty
 * covers every client.  The administrator has no client access at all.
 */
#ifndef IOP_CARE_H
#define IOP_CARE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/perm.h"
#include "lib/err.h"

/* How a staff member is in a client's care; the first that holds. */
enum care_way {
	CARE_NONE,
	CARE_TEAM,		/* on the client's care team (not removed) */
	CARE_EPISODE,		/* primary clinician or case manager of an episode,
				 * open or discharged in the last 90 days */
	CARE_APPOINTMENT,	/* staff of an appointment with the client, from 90
				 * days ago on (future ones included) */
	CARE_GROUP,		/* facilitator or substitute of a session of a track
				 * the client is enrolled on that day, 30 days either
				 * side of today */
	CARE_COSIGNER,		/* co-signer of a note of the client (to co-sign, or
				 * co-signed in the last 90 days) */
	CARE_DUTY,		/* on duty at the site of the client's open episode
				 * within 12 hours of now (safety alerts) */
	CARE_ALUMNI,		/* assigned an alumni check-in of the client (open, or
			 * done in the last 90 days): the alumni coordinator */
	CARE_EMERGENCY,		/* declared an emergency that has not expired */
	CARE__MAX
};

#define CARE_EPISODE_DAYS 90
#define CARE_APPOINTMENT_DAYS 90
#define CARE_GROUP_DAYS 30
#define CARE_COSIGN_DAYS 90
#define CARE_DUTY_S (12 * 3600)

#define EMERGENCY_REASON_MIN 10
#define EMERGENCY_REASON_MAX 500
#define EMERGENCY_HOURS_DEFAULT 4
#define EMERGENCY_HOURS_MAX 24
#define CARE_ROLE_MAX 60
/* The role in care of clinical staff who registered the client. */
#define CARE_ROLE_REGISTERED "registered the client"

/* "care_team", "episode", ...; "" for CARE_NONE. */
const char *care_way_name(enum care_way w);

/* Is a user with these roles held to the care relationship rule?  Only
 * when every role they have is a clinical one. */
bool care_rule_applies(roleset rs);

/* May a user with these roles change a client's care team?  The director
 * and clinical staff (who must be in the client's care to reach the route);
 * not the front desk, admissions or billing. */
bool care_team_may_change(roleset rs);

/* A member of a client's care team, as the API shows it. */
struct care_member {
	int64_t id, client_id, staff_id;
	const char *staff_name, *username;	/* read with it */
	roleset roles;				/* read with it */
	const char *role_in_care;
	int64_t added_by, added_at;
};

/* A declared emergency: access to one client for one staff member. */
struct emergency_access {
	int64_t id, client_id, staff_id;
	const char *reason;
	int64_t granted_at, expires_at;
	int64_t tasks;		/* the director tasks raised */
};

/* The reason of an emergency: 10-500 characters of text once trimmed
 * (field "reason").  Adds a field error; returns e->code. */
enum err emergency_reason_check(const char *reason, struct error *e);

#endif

/*
 * perm.h — roles, permissions and the table that joins them.
 *
 * The table is the single statement of who may do what; the router asks it
 * for every route, and a test walks every route with every role against it.
 * Later issues add permissions (rows) and keep the shape.
 */
#ifndef IOP_PERM_H
#define IOP_PERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum role {
	ROLE_ADMIN,
	ROLE_DIRECTOR,
	ROLE_CLINICIAN,
	ROLE_CASE_MANAGER,
	ROLE_PRESCRIBER,
	ROLE_NURSE,
	ROLE_ADMISSIONS,
	ROLE_FRONT_DESK,
	ROLE_BILLING,
	ROLE__MAX
};

enum perm {
	PERM_NONE,		/* any signed-in user */
	PERM_CLIENTS_READ,
	PERM_CLIENTS_WRITE,
	PERM_AUDIT_READ,
	PERM_ADMIN_MANAGE,
	PERM_DIRECTORY_READ,
	PERM_INQUIRIES,		/* the admissions board: inquiries, calls, tasks */
	PERM_SCREENING_READ,	/* read screening results; instrument definitions */
	PERM_SCREENING_WRITE,	/* record screenings */
	PERM_EPISODES_ADMIT,	/* admit a client into an episode of care */
	PERM_INSURANCE,		/* coverages, benefit checks, authorisations */
	PERM_PLACEMENT_MANAGE,	/* edit the level-of-care placement table */
	PERM_DUTY_MANAGE,	/* the duty roster: who is the clinician on duty */
	PERM_TRACKS_MANAGE,	/* add and change the program's tracks */
	PERM_CLIENTS_DEACTIVATE,	/* deactivate or reactivate a client */
	PERM_APPOINTMENTS_BOOK,	/* book, reschedule and cancel appointments */
	PERM_ALERTS_RESPOND,	/* claim and answer safety alerts: clinical staff */
	PERM_PLANS_WRITE,	/* draft, sign and revise treatment plans */
	PERM_NOTES_WRITE,	/* write, sign and co-sign clinical notes */
	PERM_DISCLOSURES_RELEASE,	/* record Part 2 consents; release client information */
	PERM_CARE_TEAM,		/* add to and remove from a client's care team */
	PERM__MAX
};

typedef uint32_t roleset;	/* bit (1u << role) */

const char *role_name(enum role r);		/* "case_manager" */
bool role_parse(const char *s, enum role *out);
const char *perm_name(enum perm p);		/* "clients.read"; "" for PERM_NONE */
bool role_allows(enum role r, enum perm p);
bool roles_allow(roleset rs, enum perm p);	/* any role allows */

/*
 * Parse "clinician,nurse" into a set; false (and *bad set to the offending
 * word's start) on an unknown or empty role.
 */
bool roles_parse_list(const char *s, roleset *out);
/* "admin,director": a set in enum order, cut to fit n bytes. */
void roles_format(roleset rs, char *out, size_t n);

/* The first role of a set in enum order (for the audit row's role column). */
enum role roles_primary(roleset rs);

#endif

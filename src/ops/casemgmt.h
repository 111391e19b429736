/*
 * casemgmt.h — operations of case management: the program's resources
 * (address book), a client's needs by domain, court dates, and referrals to
 * resources with their status history.
 *
 * Releasing client information to a resource (a referral packet) is not
 * done here: it goes through the one release path, op_disclosure_release
 * (ops/consent.h), like every other disclosure.
 */
#ifndef IOP_OPS_CASEMGMT_H
#define IOP_OPS_CASEMGMT_H

#include "core/casemgmt.h"
#include "ops/ops.h"
#include "store/casemgmt.h"

/* The fields of a resource, in the order of its decoder's table (the bits
 * of a change). */
enum cm_resource_field {
	CMRF_NAME, CMRF_KIND, CMRF_ADDRESS, CMRF_PHONE, CMRF_EMAIL, CMRF_WEBSITE, CMRF_NOTES,
	CMRF_ACTIVE, CMRF__MAX
};

struct cm_resource_in {
	int64_t id;			/* update: the resource */
	struct cm_resource set;		/* create: all of it; update: the fields given */
	unsigned fields;		/* update: bits of enum cm_resource_field */
	struct cm_resource *out;
};
/* Checked (cm_resource_check).  No client is touched. */
OP_DECLARE(op_cm_resource_create, struct cm_resource_in)
OP_DECLARE(op_cm_resource_update, struct cm_resource_in)

struct cm_need_in {
	struct cm_need n;		/* client_id, domain, status, notes, legal details */
	struct cm_need *out;
};
/* Sets the client's need of a domain (with the open episode, if any).
 * Touches the client. */
OP_DECLARE(op_cm_need_set, struct cm_need_in)

struct cm_court_in {
	int64_t id;			/* remove: the court date */
	struct cm_court_date d;		/* add: client_id, on_date, court, purpose */
	struct cm_court_date *out;
};
OP_DECLARE(op_cm_court_add, struct cm_court_in)
/* ERR_CONFLICT when already removed.  Touches the client. */
OP_DECLARE(op_cm_court_remove, struct cm_court_in)

struct cm_referral_in {
	int64_t id;			/* status, update: the referral */
	struct cm_referral f;		/* create: client_id, resource_id, domain,
					 * follow_up_on, notes; status: status */
	const char *note;		/* status: why (may be "") */
	bool follow_up_given, notes_given;
	struct cm_referral *out;
};
/* The resource must be active.  Touches the client. */
OP_DECLARE(op_cm_referral_create, struct cm_referral_in)
/* made -> accepted -> completed, or declined (cm_referral_next_ok); a
 * closed referral keeps no follow-up date.  ERR_CONFLICT naming the
 * allowed moves otherwise.  Touches the client. */
OP_DECLARE(op_cm_referral_status, struct cm_referral_in)
/* The follow-up date or notes.  Touches the client. */
OP_DECLARE(op_cm_referral_update, struct cm_referral_in)

#endif

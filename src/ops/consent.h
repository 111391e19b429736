/*
 * consent.h — operations on 42 CFR Part 2 consents and disclosures.
 *
 * A consent is recorded with every element of 2.31 (the client's name taken
 * from the client record, the program's statement of the right to revoke),
 * and revoked from then on with a reason.  A disclosure — every release of
 * client information out of openiop — goes through op_disclosure_release:
 * it finds a consent valid that day that covers the recipient and the
 * information (core/consent.h), or refuses with ERR_CONFLICT naming what is
 * not covered; it produces the document with the 42 CFR 2.32 notice and a
 * copy of the consent on it, and records the entry of the client's
 * accounting of disclosures, in the same transaction.
 */
#ifndef IOP_OPS_CONSENT_H
#define IOP_OPS_CONSENT_H

#include "core/consent.h"
#include "ops/ops.h"
#include "store/consents.h"

/* c: every field but client_name, revoke_statement and the recording ones
 * (set here); checked here (consent_check).  out: as stored. */
struct consent_record_in {
	struct part2_consent c;
	struct part2_consent *out;
};
/* The client exists.  Touches the client. */
OP_DECLARE(op_consent_record, struct consent_record_in)

struct consent_revoke_in {
	int64_t id;
	const char *reason;	/* required */
	struct part2_consent *out;
};
/* ERR_CONFLICT when already revoked.  Touches the client. */
OP_DECLARE(op_consent_revoke, struct consent_revoke_in)

struct disclosure_release_in {
	int64_t client_id;
	int64_t consent_id;		/* 0: any consent of the client that covers it */
	const char *recipient;
	enum release_kind kind;
	infoset info;
	enum disc_format format;
	int64_t summary_id;		/* the discharge summary sent (0: the latest signed);
					 * client_id may then be 0: the summary's client */
	struct disclosure *out;
};
/* ERR_CONFLICT naming the missing coverage when no valid consent of the
 * client covers it; ERR_NOTFOUND for a consent_id of another client.
 * Touches the client. */
OP_DECLARE(op_disclosure_release, struct disclosure_release_in)

/* The calendar day (YYYY-MM-DD) at time t at the client's site (UTC when
 * the client has no open episode). */
enum err consent_day(struct store_tx *tx, int64_t client_id, int64_t t, struct arena *a,
    char out[11], struct error *e);

#endif

/*
 * inquiry.h — operations on inquiries: one taken (public form, phone or
 * staff), a move on the board, conversion into a client (with the coverage
 * taken from the inquiry's insurance), the call log, a follow-up task, and
 * merging two inquiries about the same person.
 */
#ifndef IOP_OPS_INQUIRY_H
#define IOP_OPS_INQUIRY_H

#include "core/alert.h"
#include "core/client.h"
#include "core/inquiry.h"
#include "core/insurance.h"
#include "ops/ops.h"

/* q: decoded, with its source ("web", "phone", "staff").  *out: as stored. */
struct inquiry_create_in {
	struct inquiry q;
	struct inquiry *out;
};
/* A valid new inquiry (inquiry_validate_new, today from the actor's clock). */
OP_DECLARE(op_inquiry_create, struct inquiry_create_in)

/* A move on the board, or what the person said when asked (voicemail, text,
 * urgency; null: not asked): the fields present are set. */
enum {
	INQ_PATCH_STATUS = 1 << 0,
	INQ_PATCH_ASSIGNED_TO = 1 << 1,
	INQ_PATCH_REFERRAL_SOURCE = 1 << 2,
	INQ_PATCH_REFERRED_TO = 1 << 3,
	INQ_PATCH_CLOSE_REASON = 1 << 4,
	INQ_PATCH_OK_VOICEMAIL = 1 << 5,	/* what they said when asked */
	INQ_PATCH_OK_TEXT = 1 << 6,
	INQ_PATCH_URGENCY = 1 << 7,
};
struct inquiry_patch_in {
	int64_t id;
	unsigned present;		/* INQ_PATCH_* */
	enum inquiry_status status;
	int64_t assigned_to;		/* 0: nobody */
	const char *referral_source, *referred_to, *close_reason;
	enum consent ok_voicemail, ok_text;
	enum urgency urgency;
	struct inquiry *out;		/* the inquiry as changed */
};
/* The change must leave a valid board state (inquiry_validate_status). */
OP_DECLARE(op_inquiry_patch, struct inquiry_patch_in)

/* What a conversion made. */
struct inquiry_convert_out {
	struct inquiry q;		/* the inquiry, now with its client */
	struct client c;		/* the client made or linked */
	struct client *dupes;		/* ERR_DUPLICATE: the matching clients */
	size_t ndupes;
	struct coverage cov;		/* from the inquiry's insurance; id 0: none */
	const char *coverage_skipped;	/* why none, when insurance was given */
	int64_t screenings, placements;	/* carried over from the inquiry */
};
struct inquiry_convert_in {
	int64_t id;			/* the inquiry */
	int64_t link_client;		/* a returning client; 0: make one */
	struct client c;		/* a new client: first/last NULL for the inquiry's name */
	bool allow_duplicate;
	bool caller_is_guardian;
	bool has_guardian;
	struct contact guardian;	/* validated by the caller */
	struct inquiry_convert_out *out;
};
/*
 * Not converted already; a new client is valid and (unless allowed) not a
 * duplicate (ERR_DUPLICATE with out->dupes); a client under 18 has a
 * guardian; the caller of an inquiry for someone else becomes a contact when
 * that is valid; the inquiry's insurance becomes a coverage when the actor
 * may manage insurance and it makes a valid one (else out->coverage_skipped
 * says why, and the conversion goes on); the screenings and placements
 * made on the inquiry, their alerts and the alerts' tasks become the
 * client's.  Touches the client; res->detail
 * is "new client" or "linked to a returning client", and names the coverage.
 */
OP_DECLARE(op_inquiry_convert, struct inquiry_convert_in)

/* c: inquiry_id, method, outcome, note (checked by the caller). */
struct inquiry_contact_in {
	struct inquiry_contact c;
	struct inquiry_contact *out;
};
/* The person's wishes hold (no voicemail, no text when declined); reaching
 * a new inquiry's person moves it to contacted. */
OP_DECLARE(op_inquiry_contact, struct inquiry_contact_in)

/* A follow-up task on an inquiry: title, due_at, assigned_to (0: the actor). */
struct inquiry_task_in {
	int64_t inquiry_id;
	struct task t;
	struct task *out;
};
/* Someone else than the actor must be an active staff member. */
OP_DECLARE(op_inquiry_task, struct inquiry_task_in)

/* from_id merged into id. */
struct inquiry_merge_in {
	int64_t id, from_id;
	struct inquiry *out;		/* the kept inquiry as changed */
};
/* Another inquiry, not converted to a different client; res->detail names it. */
OP_DECLARE(op_inquiry_merge, struct inquiry_merge_in)

#endif

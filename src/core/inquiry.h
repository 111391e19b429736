/*
 * inquiry.h — a request for help: from the public page ("help" or
 * "insurance") or taken by phone, and its path through the admissions
 * board.  Validation is pure; "today" is passed in.
 */
#ifndef IOP_INQUIRY_H
#define IOP_INQUIRY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/insurance.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/timeutil.h"

enum inquiry_kind { INQ_HELP, INQ_INSURANCE, INQ_PHONE, INQ__MAX };
enum inquiry_status {
	INQS_NEW, INQS_CONTACTED, INQS_SCREENING_SCHEDULED, INQS_SCREENED, INQS_ADMITTED,
	INQS_REFERRED, INQS_CLOSED, INQS__MAX
};
/* How soon they want help; not asked when the form did not ask or they did
 * not say (never read as "exploring"). */
enum urgency { URG_NOT_ASKED, URG_TODAY, URG_THIS_WEEK, URG_EXPLORING, URG__MAX };
/* What the person said about being left a voicemail or sent a text: not
 * asked (the form did not ask, or they did not say), yes, or no.  Only a
 * yes allows it.  The values are those of the bool this replaced for yes
 * (1) and of "not asked" for 0, so a leftover `= true` still means yes and
 * `= false` never claims a refusal. */
enum consent { CONSENT_NOT_ASKED = 0, CONSENT_YES = 1, CONSENT_NO = 2, CONSENT__MAX };

const char *inquiry_kind_name(enum inquiry_kind k);
bool inquiry_kind_parse(const char *s, enum inquiry_kind *out);
const char *inquiry_status_name(enum inquiry_status s);
bool inquiry_status_parse(const char *s, enum inquiry_status *out);
/* The API's word; "" for not asked, which urgency_parse refuses. */
const char *urgency_name(enum urgency u);
bool urgency_parse(const char *s, enum urgency *out);

#define INQUIRY_SUBSTANCES_MAX 20

struct insurance_info {
	const char *payer, *member_id, *group_number, *subscriber_name;
	struct date subscriber_dob;
	const char *relationship;	/* self spouse child other, or "" */
};

struct inquiry {
	int64_t id;
	enum inquiry_kind kind;
	enum inquiry_status status;
	const char *name, *phone, *email;
	enum consent ok_voicemail, ok_text;
	const char *best_time;
	bool for_other;
	const char *caller_name, *caller_relationship;
	const char *substances[INQUIRY_SUBSTANCES_MAX];
	int nsubstances;
	const char *substances_json;	/* the list as stored (JSON text) */
	enum urgency urgency;
	const char *message;
	bool has_insurance;
	struct insurance_info ins;
	const char *source;		/* web | phone */
	const char *referral_source;
	int64_t assigned_to, client_id;
	const char *referred_to, *close_reason;
	int64_t created_at, updated_at;
	int64_t open_alerts;	/* read only: its screenings' open safety alerts */
};

/* A new inquiry: names the bad fields (insurance ones as insurance.payer
 * for kind "help", payer for kind "insurance"). */
enum err inquiry_validate_new(const struct inquiry *q, struct date today, struct error *e);

/* A change on the board: referred needs referred_to, closed needs a
 * close_reason, admitted needs a client. */
enum err inquiry_validate_status(const struct inquiry *q, struct error *e);

/*
 * Is q urgent on the board ("Urgent: call today")?  Only while someone still
 * has to act on it: asked for today and not yet admitted, referred or
 * closed.
 */
bool inquiry_urgent(const struct inquiry *q);
/*
 * client_id was admitted into an episode of care: an inquiry converted to
 * them that is still on the board (not admitted, referred or closed) moves
 * to admitted.  True when q changed.
 */
bool inquiry_admitted(struct inquiry *q, int64_t client_id);

/* One entry of an inquiry's call log. */
struct inquiry_contact {
	int64_t id, inquiry_id;
	const char *method, *outcome, *note;
	int64_t staff_id;
	const char *staff_name;
	int64_t at;
};

/* A call, voicemail, text or email logged for q: the caller's wishes are
 * rules, not hints (ERR_CONFLICT for a voicemail or text they declined or
 * were not asked about). */
enum err inquiry_contact_check(const struct inquiry *q, const char *method,
    struct error *e);
/* Does logging outcome move q along the board?  A new inquiry whose person
 * was reached becomes contacted: true, with q->status changed. */
bool inquiry_contact_moves(struct inquiry *q, const char *outcome);

/* May from be merged into into?  Another inquiry, not converted to a
 * different client (ERR_CONFLICT). */
enum err inquiry_merge_check(const struct inquiry *into, const struct inquiry *from,
    struct error *e);
/* What into lacks (phone, email, referral source, client), from fills. */
void inquiry_merge_fill(struct inquiry *into, const struct inquiry *from);

/* ---- conversion into a client ---- */

/* Whole years from dob to today. */
int age_on(struct date dob, struct date today);
/* "Avery Lindqvist" -> Avery / Lindqvist; one word is a last name (copies in a;
 * NULL when a is full). */
void inquiry_split_name(const char *name, struct arena *a, const char **first,
    const char **last);
/*
 * A client under 18 needs a guardian contact: the caller when they are the
 * guardian (an inquiry for someone else, with the caller's name), or one
 * named in the request.  ERR_INVALID naming "guardian" otherwise.
 */
enum err inquiry_guardian_check(const struct inquiry *q, int age, bool has_guardian,
    bool caller_is_guardian, struct error *e);
/*
 * The inquiry's insurance as a coverage for client_id beside the `held`
 * coverages the client has: primary when none, else secondary; the
 * relationship the inquiry's when the coverage knows it, else "self" when
 * the plan holder is the person or unnamed, and "other" otherwise.  The
 * subscriber's date of birth is copied in a.  Check it with coverage_check.
 */
void inquiry_coverage(const struct inquiry *q, int64_t client_id, size_t held,
    struct arena *a, struct coverage *out);

#endif

/*
 * inquiry.h — a request for help: from the public page ("help" or
 * "insurance") or taken by phone, and its path through the admissions
 * board.  Validation is pure; "today" is passed in.
 */
#ifndef IOP_INQUIRY_H
#define IOP_INQUIRY_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/err.h"
#include "lib/timeutil.h"

enum inquiry_kind { INQ_HELP, INQ_INSURANCE, INQ_PHONE, INQ__MAX };
enum inquiry_status {
	INQS_NEW, INQS_CONTACTED, INQS_SCREENING_SCHEDULED, INQS_SCREENED, INQS_ADMITTED,
	INQS_REFERRED, INQS_CLOSED, INQS__MAX
};
enum urgency { URG_TODAY, URG_THIS_WEEK, URG_EXPLORING, URG__MAX };

const char *inquiry_kind_name(enum inquiry_kind k);
bool inquiry_kind_parse(const char *s, enum inquiry_kind *out);
const char *inquiry_status_name(enum inquiry_status s);
bool inquiry_status_parse(const char *s, enum inquiry_status *out);
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
	bool ok_voicemail, ok_text;
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
};

/* A new inquiry: names the bad fields (insurance ones as insurance.payer
 * for kind "help", payer for kind "insurance"). */
enum err inquiry_validate_new(const struct inquiry *q, struct date today, struct error *e);

/* A change on the board: referred needs referred_to, closed needs a
 * close_reason, admitted needs a client. */
enum err inquiry_validate_status(const struct inquiry *q, struct error *e);

#endif

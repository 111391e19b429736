/*
 * consent.h — 42 CFR Part 2 consents to disclose a client's records, and the
 * rule that says whether a consent covers a release (a disclosure).
 *
 * A consent holds every element of 42 CFR 2.31: the client's name (copied
 * from the client record when it is recorded), who may disclose, a specific
 * description of the information (categories of this module's vocabulary,
 * and free text), the recipients (named persons or organisations, or the
 * general treatment/payment/operations wording), the purpose, the statement
 * that it may be revoked (the program's wording, CONSENT_REVOKE_STATEMENT),
 * an expiry date or event, the signature and the date signed.
 *
 * Status on a day: revoked (from the moment it was revoked), expired (the
 * day is after expires_on), not yet signed (the day is before signed_on),
 * else active.  A consent that expires on an event stays active until the
 * event is recorded by revoking it with that reason.
 *
 * Coverage: an active consent covers a release to a recipient of some
 * information when every category released is among those consented, and
 * the recipient is one of the named recipients (names compared without
 * regard to case or surrounding blanks), or the consent has the general
 * wording and the release is to a treating provider or a health plan or
 * payer (treatment, payment and operations).
 *
 * Lists are short text: categories "attendance,drug_screens"; recipients one
 * a line, "kind:name".  No I/O.
 */
#ifndef IOP_CONSENT_H
#define IOP_CONSENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"

/* The 42 CFR 2.32(a)(1) notice, word for word, stamped on every release. */
extern const char CONSENT_NOTICE_232[];
/* What the program states on every consent about revoking it (2.31(a)(6)). */
extern const char CONSENT_REVOKE_STATEMENT[];
/* The general description of recipients for treatment, payment and
 * operations (2.31(a)(4)(i)). */
extern const char CONSENT_GENERAL_WORDING[];

enum info_cat {
	INFO_DEMOGRAPHICS, INFO_ATTENDANCE, INFO_DRUG_SCREENS, INFO_MEDICATIONS,
	INFO_DIAGNOSIS, INFO_TREATMENT_PLAN, INFO_PROGRESS, INFO_DISCHARGE_SUMMARY,
	INFO__MAX
};
struct info_def {
	const char *code;	/* "drug_screens" */
	const char *label;	/* "drug screen results" */
	bool producible;	/* openiop can put it in a released document today */
};
extern const struct info_def info_cats[INFO__MAX];
int info_find(const char *code);		/* the category of code, or -1 */
typedef uint32_t infoset;			/* bit (1u << enum info_cat) */
infoset infoset_parse(const char *text);	/* unknown codes skipped */
char *infoset_text(infoset s, struct arena *a);	/* "a,b"; NULL when full */
/* "attendance and drug screen results": the labels joined for a sentence. */
char *infoset_words(infoset s, struct arena *a);

/* The kinds of recipient a consent names. */
enum recip_kind { RK_NAMED, RK_PERSON, RK_ORGANISATION, RK_GENERAL, RK__MAX };
extern const char *const recip_kind_names[RK__MAX];	/* named, person, organisation, general */
int recip_kind_find(const char *s);			/* or -1 */

/* Who a release is to, as the releaser says: a named recipient, or one
 * that the general wording describes. */
enum release_kind { RL_NAMED, RL_TREATING_PROVIDER, RL_PAYER, RL__MAX };
extern const char *const release_kind_names[RL__MAX];	/* named, treating_provider, payer */
int release_kind_find(const char *s);			/* or -1 */

struct part2_consent {
	int64_t id, client_id;
	const char *client_name, *disclosing_party;
	const char *information;	/* categories, "a,b" */
	const char *information_detail;	/* free text, may be "" */
	const char *recipients;		/* "kind:name" one a line */
	const char *purpose, *revoke_statement;
	const char *expires_on;		/* YYYY-MM-DD or "" */
	const char *expires_event;	/* or "" */
	const char *signed_on, *signature;
	int64_t recorded_by, recorded_at;
	int64_t revoked_by, revoked_at;	/* 0: not revoked */
	const char *revoke_reason;
	const char *recorded_by_name, *revoked_by_name;
};

/* Every element of 2.31 present and well formed, checked against today
 * (YYYY-MM-DD); each one missing or wrong named in e (the client's name
 * and the revoke statement are the program's, set before the check). */
enum err consent_check(const struct part2_consent *c, const char *today, struct error *e);

enum consent_status { CS_ACTIVE, CS_REVOKED, CS_EXPIRED, CS_NOT_YET };
/* The status at time now (unix seconds), on calendar day `day`. */
enum consent_status consent_status(const struct part2_consent *c, int64_t now, const char *day);
const char *consent_status_name(enum consent_status s);	/* active, revoked, ... */

enum cover { COVER_OK, COVER_INACTIVE, COVER_RECIPIENT, COVER_INFO };
/* Whether c covers a release of info to recipient (of kind rk) at now/day. */
enum cover consent_covers(const struct part2_consent *c, int64_t now, const char *day,
    const char *recipient, enum release_kind rk, infoset info);

/* The name of c's named recipient that is the same as recipient, as the
 * consent spells it (in the arena), or NULL when none is. */
char *consent_named(const struct part2_consent *c, const char *recipient, struct arena *a);

/* Whether two names are the same recipient (case and outer blanks aside). */
bool recipient_same(const char *a, const char *b);

struct disclosure {
	int64_t id, client_id, consent_id;
	const char *recipient, *recipient_kind, *information, *format, *purpose;
	const char *notice, *content_type, *document;
	int64_t released_by, released_at;
	const char *released_by_name;
};

enum disc_format { DF_JSON, DF_CSV, DF_PDF, DF__MAX };
extern const char *const disc_format_names[DF__MAX];
int disc_format_find(const char *s);	/* or -1 */

#endif

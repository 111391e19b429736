/*
 * casemgmt.h — case management: the program's resources (an address book
 * of outside organisations), a client's needs by domain, court dates, and
 * referrals of a client to a resource with their status.
 *
 * Vocabularies: need domains (legal, medical, housing, financial,
 * employment_education, transport, childcare), need statuses (no_need,
 * need_identified, in_progress, met), resource kinds, referral statuses
 * (made, accepted, completed, declined) and the officer kinds of the legal
 * domain (probation, parole).
 *
 * Rules: a referral moves made -> accepted -> completed, and may be
 * declined while made or accepted; completed and declined are final.  A
 * referral is due for follow-up when it is still open (made or accepted)
 * and its follow-up date is today or past; a court date is due from
 * CM_COURT_AHEAD_DAYS days ahead until its day.  Checks name each field at
 * fault.  No I/O, no clock: days are passed in.
 */
#ifndef IOP_CASEMGMT_H
#define IOP_CASEMGMT_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/err.h"

#define CM_COURT_AHEAD_DAYS 7
#define CM_NAME_MAX 200
#define CM_NOTES_MAX 2000
#define CM_SHORT_MAX 200

enum cm_domain {
	CMD_LEGAL, CMD_MEDICAL, CMD_HOUSING, CMD_FINANCIAL, CMD_EMPLOYMENT_EDUCATION,
	CMD_TRANSPORT, CMD_CHILDCARE, CMD__MAX
};
enum cm_need_status { CMN_NO_NEED, CMN_IDENTIFIED, CMN_IN_PROGRESS, CMN_MET, CMN__MAX };
enum cm_resource_kind {
	CMK_LEGAL_AID, CMK_HOUSING, CMK_MEDICAL_CLINIC, CMK_FOOD_BANK, CMK_EMPLOYMENT,
	CMK_TRANSPORT, CMK_CHILDCARE, CMK_MUTUAL_HELP, CMK_OTHER, CMK__MAX
};
enum cm_referral_status { CMR_MADE, CMR_ACCEPTED, CMR_COMPLETED, CMR_DECLINED, CMR__MAX };
enum cm_officer_kind { CMO_NONE, CMO_PROBATION, CMO_PAROLE, CMO__MAX };

struct cm_word {
	const char *code;	/* "employment_education" */
	const char *label;	/* "Employment and education" */
};
extern const struct cm_word cm_domains[CMD__MAX];
extern const struct cm_word cm_need_statuses[CMN__MAX];
extern const struct cm_word cm_resource_kinds[CMK__MAX];
extern const struct cm_word cm_referral_statuses[CMR__MAX];
extern const struct cm_word cm_officer_kinds[CMO__MAX];	/* "" none, probation, parole */

/* The index of code in a vocabulary, or -1. */
int cm_find(const struct cm_word *v, int n, const char *code);
#define cm_domain_find(s) cm_find(cm_domains, CMD__MAX, (s))
#define cm_need_status_find(s) cm_find(cm_need_statuses, CMN__MAX, (s))
#define cm_resource_kind_find(s) cm_find(cm_resource_kinds, CMK__MAX, (s))
#define cm_referral_status_find(s) cm_find(cm_referral_statuses, CMR__MAX, (s))
#define cm_officer_kind_find(s) cm_find(cm_officer_kinds, CMO__MAX, (s))

struct cm_resource {
	int64_t id;
	const char *name, *kind, *address, *phone, *email, *website, *notes;
	bool active;
	int64_t created_at, updated_at;
};

/* Name and kind required; phone and email well formed when given. */
enum err cm_resource_check(const struct cm_resource *r, struct error *e);

struct cm_need {
	int64_t id, client_id;
	const char *domain, *status, *notes;
	const char *lawyer_name, *lawyer_phone, *officer_kind, *officer_name, *officer_phone;
	int64_t episode_id, updated_at;
	const char *updated_by_name;
};

/* Known domain and status; the lawyer and officer only in the legal domain;
 * phones well formed; an officer's kind with an officer's name. */
enum err cm_need_check(const struct cm_need *n, struct error *e);

struct cm_court_date {
	int64_t id, client_id;
	const char *on_date, *court, *purpose;
	int64_t created_at, removed_at;
	const char *created_by_name;
};

/* A real date, not more than a year before today (day number) nor ten
 * years after; the court named. */
enum err cm_court_check(const struct cm_court_date *d, int64_t today, struct error *e);

struct cm_referral {
	int64_t id, client_id, resource_id;
	const char *domain, *status, *follow_up_on, *notes;
	int64_t made_at, updated_at;
	const char *resource_name, *resource_kind, *resource_phone, *resource_email;
	const char *made_by_name;
};

struct cm_referral_change {
	int64_t id, referral_id;
	const char *status, *note;
	int64_t changed_at;
	const char *changed_by_name;
};

/* Whether a referral may move from status `from` to `to`. */
bool cm_referral_next_ok(enum cm_referral_status from, enum cm_referral_status to);
/* Whether a referral in status s is still open (made or accepted). */
bool cm_referral_open(enum cm_referral_status s);
/* A follow-up date: "" (none) or a real date. */
const char *cm_follow_up_check(const char *s);

/* Due on day `today` (day numbers): an open referral with a follow-up on
 * or before today; a court date from CM_COURT_AHEAD_DAYS ahead to today. */
bool cm_referral_due(enum cm_referral_status s, const char *follow_up_on, int64_t today);
bool cm_court_due(const char *on_date, int64_t today);

/* One item of the case manager's due list, as the store reads it. */
struct cm_due_row {
	const char *kind;	/* "referral" or "court_date" */
	int64_t id, client_id;
	const char *on_date, *title, *detail, *status;
	const char *client_mrn, *client_first, *client_last, *client_preferred;
	const char *timezone;
};

#endif

/*
 * inquiry.c — validation of inquiries and their board moves.  Pure.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/inquiry.h"
#include "core/validate.h"

static const char *const kind_names[INQ__MAX] = {
	[INQ_HELP] = "help", [INQ_INSURANCE] = "insurance", [INQ_PHONE] = "phone",
};
static const char *const status_names[INQS__MAX] = {
	[INQS_NEW] = "new", [INQS_CONTACTED] = "contacted",
	[INQS_SCREENING_SCHEDULED] = "screening_scheduled", [INQS_SCREENED] = "screened",
	[INQS_ADMITTED] = "admitted", [INQS_REFERRED] = "referred", [INQS_CLOSED] = "closed",
};
static const char *const urgency_names[URG__MAX] = {
	[URG_NOT_ASKED] = "", [URG_TODAY] = "today", [URG_THIS_WEEK] = "this_week",
	[URG_EXPLORING] = "exploring",
};

const char *
inquiry_kind_name(enum inquiry_kind k)
{
	return name_of(kind_names, INQ__MAX, (int)k);
}

bool
inquiry_kind_parse(const char *s, enum inquiry_kind *out)
{
	int i = name_index(kind_names, INQ__MAX, s);

	if (i >= 0)
		*out = (enum inquiry_kind)i;
	return i >= 0;
}

const char *
inquiry_status_name(enum inquiry_status s)
{
	return name_of(status_names, INQS__MAX, (int)s);
}

bool
inquiry_status_parse(const char *s, enum inquiry_status *out)
{
	int i = name_index(status_names, INQS__MAX, s);

	if (i >= 0)
		*out = (enum inquiry_status)i;
	return i >= 0;
}

const char *
urgency_name(enum urgency u)
{
	return name_of(urgency_names, URG__MAX, (int)u);
}

bool
urgency_parse(const char *s, enum urgency *out)
{
	int i = name_index(urgency_names, URG__MAX, s);

	if (i <= (int)URG_NOT_ASKED)
		return false;
	*out = (enum urgency)i;
	return true;
}

static void
check(struct error *e, const char *field, const char *msg)
{
	if (msg != NULL)
		error_field(e, field, "%s", msg);
}

static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

static void
check_insurance(const struct insurance_info *in, struct date today, bool prefixed,
    struct error *e)
{
	static const char *const rels[] = { "self", "spouse", "child", "other" };
	const char *p = prefixed ? "insurance." : "";
	char f[48];
	int i;
	bool rel_ok = in->relationship == NULL || *in->relationship == '\0';

#define F(name) (snprintf(f, sizeof f, "%s%s", p, name), f)
	check(e, F("payer"), check_text(in->payer, 100, true, false));
	check(e, F("member_id"), check_text(in->member_id, 50, true, false));
	check(e, F("group_number"), check_text(in->group_number, 50, false, false));
	check(e, F("subscriber_name"), check_text(in->subscriber_name, 100, false, false));
	if (date_valid(in->subscriber_dob) && date_cmp(in->subscriber_dob, today) >= 0)
		error_field(e, F("subscriber_dob"), "must be a date in the past");
	for (i = 0; i < 4 && !rel_ok; i++)
		rel_ok = strcmp(in->relationship, rels[i]) == 0;
	if (!rel_ok)
		error_field(e, F("relationship"), "must be one of self, spouse, child, other");
#undef F
}

enum err
inquiry_validate_new(const struct inquiry *q, struct date today, struct error *e)
{
	int i;

	if ((unsigned)q->kind >= INQ__MAX)
		error_field(e, "kind", "must be help or insurance");
	check(e, "name", check_text(q->name, 100, q->kind != INQ_INSURANCE, false));
	check(e, "phone", check_phone(q->phone, false));
	check(e, "email", check_email(q->email, false));
	/* Said to whoever fills the form in: the person on the public pages,
	 * the admissions worker taking a call. */
	if (blank(q->phone) && blank(q->email))
		error_field(e, "phone", q->kind == INQ_PHONE ? "enter the caller's phone number "
		    "or email address, so someone can call them back" : "enter a phone number "
		    "or an email address so we can reach you");
	check(e, "best_time", check_text(q->best_time, 100, false, false));
	if (q->for_other) {
		check(e, "caller_name", check_text(q->caller_name, 100, true, false));
		check(e, "caller_relationship",
		    check_text(q->caller_relationship, 50, true, false));
	}
	if (q->nsubstances > INQUIRY_SUBSTANCES_MAX)
		error_field(e, "substances", "may list up to %d", INQUIRY_SUBSTANCES_MAX);
	for (i = 0; i < q->nsubstances && i < INQUIRY_SUBSTANCES_MAX; i++) {
		const char *m = check_text(q->substances[i], 50, true, false);
		if (m != NULL) {
			error_field(e, "substances", "each must be 1 to 50 characters");
			break;
		}
	}
	if ((unsigned)q->urgency >= URG__MAX)
		error_field(e, "urgency", "must be today, this_week or exploring");
	check(e, "message", check_text(q->message, 2000, false, true));
	check(e, "referral_source", check_text(q->referral_source, 100, false, false));
	if (q->kind == INQ_INSURANCE)
		check_insurance(&q->ins, today, false, e);
	else if (q->has_insurance)
		check_insurance(&q->ins, today, true, e);
	return e->code == ERR_OK ? ERR_OK : ERR_INVALID;
}

enum err
inquiry_validate_status(const struct inquiry *q, struct error *e)
{
	if ((unsigned)q->status >= INQS__MAX)
		error_field(e, "status", "must be one of new, contacted, screening_scheduled, "
		    "screened, admitted, referred, closed");
	check(e, "referral_source", check_text(q->referral_source, 100, false, false));
	check(e, "referred_to", check_text(q->referred_to, 200, q->status == INQS_REFERRED,
	    false));
	check(e, "close_reason", check_text(q->close_reason, 500, q->status == INQS_CLOSED,
	    true));
	if (q->status == INQS_ADMITTED && q->client_id == 0)
		error_field(e, "status", "an inquiry is admitted by converting it to a client");
	return e->code == ERR_OK ? ERR_OK : ERR_INVALID;
}

/* Still on the board: someone has to act on it. */
static bool
inquiry_open(const struct inquiry *q)
{
	return q->status != INQS_ADMITTED && q->status != INQS_REFERRED &&
	    q->status != INQS_CLOSED;
}

bool
inquiry_urgent(const struct inquiry *q)
{
	return q->urgency == URG_TODAY && inquiry_open(q);
}

bool
inquiry_admitted(struct inquiry *q, int64_t client_id)
{
	if (client_id == 0 || q->client_id != client_id || !inquiry_open(q))
		return false;
	q->status = INQS_ADMITTED;
	return true;
}

/* ---- the call log and merging ---- */

enum err
inquiry_contact_check(const struct inquiry *q, const char *method, struct error *e)
{
	if (strcmp(method, "voicemail") == 0 && q->ok_voicemail == CONSENT_NO)
		return error_set(e, ERR_CONFLICT, "This person asked not to get voicemails.");
	if (strcmp(method, "voicemail") == 0 && q->ok_voicemail != CONSENT_YES)
		return error_set(e, ERR_CONFLICT, "We have not asked this person whether a "
		    "voicemail is OK: ask them when you reach them, and record their answer "
		    "before leaving one.");
	if (strcmp(method, "text") == 0 && q->ok_text == CONSENT_NO)
		return error_set(e, ERR_CONFLICT, "This person asked not to get text messages.");
	if (strcmp(method, "text") == 0 && q->ok_text != CONSENT_YES)
		return error_set(e, ERR_CONFLICT, "We have not asked this person whether a text "
		    "is OK: ask them when you reach them, and record their answer before "
		    "texting.");
	return ERR_OK;
}

bool
inquiry_contact_moves(struct inquiry *q, const char *outcome)
{
	if (q->status != INQS_NEW || strcmp(outcome, "reached") != 0)
		return false;
	q->status = INQS_CONTACTED;
	return true;
}

enum err
inquiry_merge_check(const struct inquiry *into, const struct inquiry *from, struct error *e)
{
	if (into->id == from->id)
		return error_field(e, "from_id", "must be another inquiry");
	if (from->client_id != 0 && into->client_id != 0 && from->client_id != into->client_id)
		return error_set(e, ERR_CONFLICT, "The two inquiries were converted to different "
		    "clients.");
	return ERR_OK;
}

static const char *
keep(const char *mine, const char *theirs)
{
	return mine != NULL && *mine != '\0' ? mine : theirs;
}

void
inquiry_merge_fill(struct inquiry *into, const struct inquiry *from)
{
	into->phone = keep(into->phone, from->phone);
	into->email = keep(into->email, from->email);
	into->referral_source = keep(into->referral_source, from->referral_source);
	if (into->client_id == 0)
		into->client_id = from->client_id;
}

/* ---- conversion ---- */

int
age_on(struct date dob, struct date today)
{
	int age = today.y - dob.y;

	if (today.m < dob.m || (today.m == dob.m && today.d < dob.d))
		age--;
	return age;
}

void
inquiry_split_name(const char *name, struct arena *a, const char **first, const char **last)
{
	const char *sp = strrchr(name, ' ');

	if (sp == NULL) {
		*first = "";
		*last = arena_strdup(a, name);
		return;
	}
	*first = arena_strndup(a, name, (size_t)(sp - name));
	*last = arena_strdup(a, sp + 1);
}

enum err
inquiry_guardian_check(const struct inquiry *q, int age, bool has_guardian,
    bool caller_is_guardian, struct error *e)
{
	if (age < 18 && !has_guardian && !(caller_is_guardian && q->for_other &&
	    q->caller_name[0] != '\0'))
		return error_field(e, "guardian", "a client under 18 needs a guardian contact: "
		    "mark the caller as the guardian, or give the guardian's name and phone");
	return ERR_OK;
}

static const char *
coverage_relationship(const struct inquiry *q)
{
	const char *holder = q->ins.subscriber_name;

	if (coverage_relationship_ok(q->ins.relationship))
		return q->ins.relationship;
	return holder == NULL || *holder == '\0' || strcasecmp(holder, q->name) == 0 ?
	    "self" : "other";
}

void
inquiry_coverage(const struct inquiry *q, int64_t client_id, size_t held, struct arena *a,
    struct coverage *c)
{
	char dob[11];

	memset(c, 0, sizeof *c);
	c->client_id = client_id;
	c->rank = coverage_rank_next(held);
	c->payer = q->ins.payer;
	c->plan = "";
	c->member_id = q->ins.member_id;
	c->group_number = q->ins.group_number;
	c->subscriber_name = q->ins.subscriber_name;
	c->subscriber_dob = "";
	if (date_valid(q->ins.subscriber_dob)) {
		date_format(q->ins.subscriber_dob, dob);
		c->subscriber_dob = arena_strdup(a, dob);
	}
	c->relationship = coverage_relationship(q);
	c->start_date = c->end_date = "";
}

/*
 * casemgmt.c — case management's vocabularies and rules (casemgmt.h).
 * No I/O.
 */
#include <string.h>

#include "core/casemgmt.h"
#include "core/validate.h"
#include "lib/timeutil.h"

const struct cm_word cm_domains[CMD__MAX] = {
	[CMD_LEGAL] = { "legal", "Legal" },
	[CMD_MEDICAL] = { "medical", "Medical" },
	[CMD_HOUSING] = { "housing", "Housing" },
	[CMD_FINANCIAL] = { "financial", "Financial" },
	[CMD_EMPLOYMENT_EDUCATION] = { "employment_education", "Employment and education" },
	[CMD_TRANSPORT] = { "transport", "Transport" },
	[CMD_CHILDCARE] = { "childcare", "Childcare" },
};

const struct cm_word cm_need_statuses[CMN__MAX] = {
	[CMN_NO_NEED] = { "no_need", "No need" },
	[CMN_IDENTIFIED] = { "need_identified", "Need identified" },
	[CMN_IN_PROGRESS] = { "in_progress", "In progress" },
	[CMN_MET] = { "met", "Met" },
};

const struct cm_word cm_resource_kinds[CMK__MAX] = {
	[CMK_LEGAL_AID] = { "legal_aid", "Legal aid" },
	[CMK_HOUSING] = { "housing", "Housing" },
	[CMK_MEDICAL_CLINIC] = { "medical_clinic", "Medical clinic" },
	[CMK_FOOD_BANK] = { "food_bank", "Food bank" },
	[CMK_EMPLOYMENT] = { "employment", "Employment" },
	[CMK_TRANSPORT] = { "transport", "Transport" },
	[CMK_CHILDCARE] = { "childcare", "Childcare" },
	[CMK_MUTUAL_HELP] = { "mutual_help", "Mutual help" },
	[CMK_OTHER] = { "other", "Other" },
};

const struct cm_word cm_referral_statuses[CMR__MAX] = {
	[CMR_MADE] = { "made", "Made" },
	[CMR_ACCEPTED] = { "accepted", "Accepted" },
	[CMR_COMPLETED] = { "completed", "Completed" },
	[CMR_DECLINED] = { "declined", "Declined" },
};

const struct cm_word cm_officer_kinds[CMO__MAX] = {
	[CMO_NONE] = { "", "None" },
	[CMO_PROBATION] = { "probation", "Probation officer" },
	[CMO_PAROLE] = { "parole", "Parole officer" },
};

int
cm_find(const struct cm_word *v, int n, const char *code)
{
	if (code == NULL)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return i;
	return -1;
}

static bool
given(const char *s)
{
	return s != NULL && !text_blank(s);
}

enum err
cm_resource_check(const struct cm_resource *r, struct error *e)
{
	bool bad = false;

	check_field(e, &bad, "name", check_text(r->name, CM_NAME_MAX, true, false));
	if (cm_resource_kind_find(r->kind) < 0)
		check_field(e, &bad, "kind", "must be one of legal_aid, housing, medical_clinic, "
		    "food_bank, employment, transport, childcare, mutual_help, other");
	check_field(e, &bad, "address", check_text(r->address, 500, false, true));
	check_field(e, &bad, "phone", check_phone(r->phone, false));
	check_field(e, &bad, "email", check_email(r->email, false));
	check_field(e, &bad, "website", check_text(r->website, 300, false, false));
	check_field(e, &bad, "notes", check_text(r->notes, CM_NOTES_MAX, false, true));
	return bad ? ERR_INVALID : ERR_OK;
}

enum err
cm_need_check(const struct cm_need *n, struct error *e)
{
	bool bad = false, legal = n->domain != NULL && strcmp(n->domain, "legal") == 0;
	int ok;

	if (cm_domain_find(n->domain) < 0)
		check_field(e, &bad, "domain", "must be one of legal, medical, housing, financial, "
		    "employment_education, transport, childcare");
	if (cm_need_status_find(n->status) < 0)
		check_field(e, &bad, "status", "must be one of no_need, need_identified, "
		    "in_progress, met");
	check_field(e, &bad, "notes", check_text(n->notes, CM_NOTES_MAX, false, true));
	if (!legal) {
		static const char *const fields[] = { "lawyer_name", "lawyer_phone",
		    "officer_kind", "officer_name", "officer_phone" };
		const char *const vals[] = { n->lawyer_name, n->lawyer_phone, n->officer_kind,
		    n->officer_name, n->officer_phone };
		for (size_t i = 0; i < 5; i++)
			if (given(vals[i]))
				check_field(e, &bad, fields[i], "belongs to the legal need only");
		return bad ? ERR_INVALID : ERR_OK;
	}
	check_field(e, &bad, "lawyer_name", check_text(n->lawyer_name, CM_SHORT_MAX, false,
	    false));
	check_field(e, &bad, "lawyer_phone", check_phone(n->lawyer_phone, false));
	check_field(e, &bad, "officer_name", check_text(n->officer_name, CM_SHORT_MAX, false,
	    false));
	check_field(e, &bad, "officer_phone", check_phone(n->officer_phone, false));
	ok = cm_officer_kind_find(n->officer_kind == NULL ? "" : n->officer_kind);
	if (ok < 0)
		check_field(e, &bad, "officer_kind", "must be probation or parole");
	else if (ok == CMO_NONE && (given(n->officer_name) || given(n->officer_phone)))
		check_field(e, &bad, "officer_kind", "is required with an officer: say whether "
		    "probation or parole");
	return bad ? ERR_INVALID : ERR_OK;
}

enum err
cm_court_check(const struct cm_court_date *d, int64_t today, struct error *e)
{
	bool bad = false;
	struct date dt;

	if (d->on_date == NULL || !date_parse(d->on_date, &dt))
		check_field(e, &bad, "date", "must be a date written YYYY-MM-DD");
	else if (date_days(dt) < today - 366)
		check_field(e, &bad, "date", "is more than a year ago");
	else if (date_days(dt) > today + 3660)
		check_field(e, &bad, "date", "is more than ten years ahead");
	check_field(e, &bad, "court", check_text(d->court, CM_SHORT_MAX, true, false));
	check_field(e, &bad, "purpose", check_text(d->purpose, 500, false, true));
	return bad ? ERR_INVALID : ERR_OK;
}

bool
cm_referral_next_ok(enum cm_referral_status from, enum cm_referral_status to)
{
	switch (from) {
	case CMR_MADE:
		return to == CMR_ACCEPTED || to == CMR_DECLINED;
	case CMR_ACCEPTED:
		return to == CMR_COMPLETED || to == CMR_DECLINED;
	default:
		return false;
	}
}

bool
cm_referral_open(enum cm_referral_status s)
{
	return s == CMR_MADE || s == CMR_ACCEPTED;
}

const char *
cm_follow_up_check(const char *s)
{
	struct date d;

	if (s == NULL || *s == '\0' || date_parse(s, &d))
		return NULL;
	return "must be a date written YYYY-MM-DD, or null for none";
}

bool
cm_referral_due(enum cm_referral_status s, const char *follow_up_on, int64_t today)
{
	struct date d;

	return cm_referral_open(s) && follow_up_on != NULL && date_parse(follow_up_on, &d) &&
	    date_days(d) <= today;
}

bool
cm_court_due(const char *on_date, int64_t today)
{
	struct date d;

	if (on_date == NULL || !date_parse(on_date, &d))
		return false;
	return date_days(d) >= today && date_days(d) <= today + CM_COURT_AHEAD_DAYS;
}

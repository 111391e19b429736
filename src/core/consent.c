/*
 * consent.c — 42 CFR Part 2 consents: the vocabulary, the regulatory
 * wording as data, the elements of 2.31, status and coverage.
 */
#include <ctype.h>
#include <string.h>

#include "core/consent.h"
#include "lib/timeutil.h"

/* 42 CFR 2.32(a)(1), as amended 16 February 2024. */
const char CONSENT_NOTICE_232[] =
    "This record which has been disclosed to you is protected by Federal confidentiality "
    "rules (42 CFR part 2). These rules prohibit you from using or disclosing this record, "
    "or testimony that describes the information contained in this record, in any civil, "
    "criminal, administrative, or legislative proceedings by any Federal, State, or local "
    "authority, against the patient, unless authorized by the consent of the patient, "
    "except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with "
    "42 CFR 2.64 or 2.65. In addition, the Federal rules prohibit you from making any other "
    "use or disclosure of this record unless at least one of the following applies: (A) "
    "Further use or disclosure is expressly permitted by the written consent of the "
    "individual whose information is being disclosed in this record or as otherwise "
    "permitted by 42 CFR part 2. (B) You are a covered entity or business associate and "
    "have received the record for treatment, payment, or health care operations, or (C) "
    "You have received the record from a covered entity or business associate as "
    "permitted by 45 CFR part 164, subparts A and E. A general authorization for the "
    "release of medical or other information is NOT sufficient to meet the required "
    "elements of written consent to further use or redisclose the record (see 42 CFR "
    "2.31).";

const char CONSENT_REVOKE_STATEMENT[] =
    "I understand that I may revoke this consent at any time, in writing or orally, except "
    "to the extent that the program has already acted in reliance on it.";

const char CONSENT_GENERAL_WORDING[] =
    "my treating providers, health plans and third-party payers";

const struct info_def info_cats[INFO__MAX] = {
	[INFO_DEMOGRAPHICS] = { "demographics", "name and date of birth", true },
	[INFO_ATTENDANCE] = { "attendance", "attendance", true },
	[INFO_DRUG_SCREENS] = { "drug_screens", "drug screen results", true },
	[INFO_MEDICATIONS] = { "medications", "medications", true },
	[INFO_DIAGNOSIS] = { "diagnosis", "diagnosis", true },
	[INFO_TREATMENT_PLAN] = { "treatment_plan", "treatment plan", true },
	[INFO_PROGRESS] = { "progress", "progress in treatment", true },
	[INFO_DISCHARGE_SUMMARY] = { "discharge_summary", "discharge summary", true },
};

int
info_find(const char *code)
{
	for (int i = 0; i < INFO__MAX; i++)
		if (code != NULL && strcmp(code, info_cats[i].code) == 0)
			return i;
	return -1;
}

infoset
infoset_parse(const char *text)
{
	infoset s = 0;
	char w[40];

	while (text != NULL && *text) {
		size_t n = strcspn(text, ",");
		if (n < sizeof w) {
			memcpy(w, text, n);
			w[n] = '\0';
			int k = info_find(w);
			if (k >= 0)
				s |= (infoset)1u << k;
		}
		text += n;
		if (*text == ',')
			text++;
	}
	return s;
}

char *
infoset_text(infoset s, struct arena *a)
{
	char *out = arena_strdup(a, "");

	for (int i = 0; i < INFO__MAX && out != NULL; i++)
		if (s & ((infoset)1u << i))
			out = arena_printf(a, "%s%s%s", out, *out ? "," : "", info_cats[i].code);
	return out;
}

char *
infoset_words(infoset s, struct arena *a)
{
	int n = 0, k = 0;
	char *out = arena_strdup(a, "");

	for (int i = 0; i < INFO__MAX; i++)
		if (s & ((infoset)1u << i))
			n++;
	for (int i = 0; i < INFO__MAX && out != NULL; i++) {
		if (!(s & ((infoset)1u << i)))
			continue;
		k++;
		out = arena_printf(a, "%s%s%s", out, k == 1 ? "" : k == n ? " and " : ", ",
		    info_cats[i].label);
	}
	return out;
}

const char *const recip_kind_names[RK__MAX] = { "named", "person", "organisation", "general" };
const char *const release_kind_names[RL__MAX] = { "named", "treating_provider", "payer" };
const char *const disc_format_names[DF__MAX] = { "json", "csv", "pdf" };

static int
find_name(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (s != NULL && strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int recip_kind_find(const char *s) { return find_name(recip_kind_names, RK__MAX, s); }
int release_kind_find(const char *s) { return find_name(release_kind_names, RL__MAX, s); }
int disc_format_find(const char *s) { return find_name(disc_format_names, DF__MAX, s); }

static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

enum err
consent_check(const struct part2_consent *c, const char *today, struct error *e)
{
	struct date d;

	if (blank(c->client_name))
		error_field(e, "client", "has no name on the client record");
	if (blank(c->disclosing_party))
		error_field(e, "disclosing_party", "must name who may disclose (the program)");
	if (infoset_parse(c->information) == 0)
		error_field(e, "information", "must name at least one category of information");
	if (blank(c->recipients))
		error_field(e, "recipients", "must name at least one recipient");
	if (blank(c->purpose))
		error_field(e, "purpose", "must say why the information is disclosed");
	if (blank(c->expires_on) && blank(c->expires_event))
		error_field(e, "expires_on", "must give the date the consent ends, or the event that "
		    "ends it (expires_event)");
	if (blank(c->signature))
		error_field(e, "signature", "must give the name the client signed");
	if (blank(c->signed_on))
		error_field(e, "signed_on", "must give the date the client signed");
	else if (!date_parse(c->signed_on, &d))
		error_field(e, "signed_on", "must be a date written YYYY-MM-DD");
	else if (strcmp(c->signed_on, today) > 0)
		error_field(e, "signed_on", "must not be in the future");
	else if (!blank(c->expires_on) && strcmp(c->expires_on, c->signed_on) < 0)
		error_field(e, "expires_on", "must not be before the date signed");
	return e->code;
}

enum consent_status
consent_status(const struct part2_consent *c, int64_t now, const char *day)
{
	if (c->revoked_at != 0 && c->revoked_at <= now)
		return CS_REVOKED;
	if (c->expires_on != NULL && *c->expires_on && strcmp(day, c->expires_on) > 0)
		return CS_EXPIRED;
	if (c->signed_on != NULL && strcmp(day, c->signed_on) < 0)
		return CS_NOT_YET;
	return CS_ACTIVE;
}

const char *
consent_status_name(enum consent_status s)
{
	static const char *const n[] = { "active", "revoked", "expired", "not_yet_signed" };
	return n[s];
}

/* a and b (n bytes of b) equal without regard to case and outer blanks. */
static bool
same_n(const char *a, const char *b, size_t n)
{
	size_t la, lb;

	while (isspace((unsigned char)*a))
		a++;
	while (n > 0 && isspace((unsigned char)*b))
		b++, n--;
	la = strlen(a);
	while (la > 0 && isspace((unsigned char)a[la - 1]))
		la--;
	lb = n;
	while (lb > 0 && isspace((unsigned char)b[lb - 1]))
		lb--;
	if (la != lb || la == 0)
		return false;
	for (size_t i = 0; i < la; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	return true;
}

bool
recipient_same(const char *a, const char *b)
{
	return a != NULL && b != NULL && same_n(a, b, strlen(b));
}

enum cover
consent_covers(const struct part2_consent *c, int64_t now, const char *day, const char *recipient,
    enum release_kind rk, infoset info)
{
	const char *p = c->recipients;
	bool to = false;

	if (consent_status(c, now, day) != CS_ACTIVE)
		return COVER_INACTIVE;
	while (p != NULL && *p && !to) {
		size_t n = strcspn(p, "\n");
		const char *colon = memchr(p, ':', n);
		if (colon != NULL) {
			size_t kl = (size_t)(colon - p);
			bool general = kl == 7 && memcmp(p, "general", 7) == 0;
			if (general)
				to = rk == RL_TREATING_PROVIDER || rk == RL_PAYER;
			else
				to = rk == RL_NAMED && same_n(recipient, colon + 1,
				    n - kl - 1);
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	if (!to)
		return COVER_RECIPIENT;
	if ((info & ~infoset_parse(c->information)) != 0)
		return COVER_INFO;
	return COVER_OK;
}

char *
consent_named(const struct part2_consent *c, const char *recipient, struct arena *a)
{
	const char *p = c->recipients;

	while (p != NULL && *p) {
		size_t n = strcspn(p, "\n");
		const char *colon = memchr(p, ':', n);
		if (colon != NULL && !((size_t)(colon - p) == 7 && memcmp(p, "general", 7) == 0)) {
			size_t nl = n - (size_t)(colon - p) - 1;
			if (same_n(recipient, colon + 1, nl))
				return arena_printf(a, "%.*s", (int)nl, colon + 1);
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	return NULL;
}

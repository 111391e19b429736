/*
 * client.c — the client record and their contacts: names, validation and
 * the record number.
 *
 * Validation reports every field at fault, not just the first, so a form can
 * mark them all at once.  "Today" is passed in; this file must not read the
 * clock, touch the store, or put any field's value into a message.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/client.h"
#include "core/validate.h"

#define NAME_MAX_CHARS 100
#define POSTAL_MAX_CHARS 20
#define RELATIONSHIP_MAX_CHARS 50
#define NOTES_MAX_CHARS 500
#define MRN_SEQ_MAX 999999999

static const char *const sex_names[SEX__MAX] = {
	[SEX_FEMALE] = "female",
	[SEX_MALE] = "male",
	[SEX_INTERSEX] = "intersex",
	[SEX_UNKNOWN] = "unknown",
};

const char *
sex_name(enum sex s)
{
	return name_of(sex_names, SEX__MAX, (int)s);
}

bool
sex_parse(const char *s, enum sex *out)
{
	int i = name_index(sex_names, SEX__MAX, s);

	if (i >= 0 && out != NULL)
		*out = (enum sex)i;
	return i >= 0;
}

enum err
client_validate(const struct client *c, struct date today, struct error *e)
{
	static const struct date earliest = { 1900, 1, 1 };
	static const struct date none = { 0, 0, 0 };
	const struct address *a = &c->address;
	bool bad = false;

	check_field(e, &bad, "first_name",
	    check_text(c->first_name, NAME_MAX_CHARS, true, false));
	check_field(e, &bad, "last_name", check_text(c->last_name, NAME_MAX_CHARS, true, false));
	check_field(e, &bad, "preferred_name",
	    check_text(c->preferred_name, NAME_MAX_CHARS, false, false));

	if (date_cmp(c->dob, none) == 0)
		check_field(e, &bad, "dob", "is required");
	else if (!date_valid(c->dob))
		check_field(e, &bad, "dob", "must be a valid date");
	else if (date_cmp(c->dob, earliest) < 0)
		check_field(e, &bad, "dob", "must be on or after 1900-01-01");
	else if (date_cmp(c->dob, today) >= 0)
		check_field(e, &bad, "dob", "must be a date in the past");

	/* Not given (client_blank) is missing, not a wrong choice. */
	if ((unsigned)c->sex >= SEX__MAX)
		check_field(e, &bad, "sex", "is required");
	check_field(e, &bad, "gender_identity",
	    check_text(c->gender_identity, NAME_MAX_CHARS, false, false));
	check_field(e, &bad, "phone", check_phone(c->phone, false));
	check_field(e, &bad, "email", check_email(c->email, false));

	check_field(e, &bad, "address.line1", check_text(a->line1, NAME_MAX_CHARS, false, false));
	check_field(e, &bad, "address.line2", check_text(a->line2, NAME_MAX_CHARS, false, false));
	check_field(e, &bad, "address.city", check_text(a->city, NAME_MAX_CHARS, false, false));
	check_field(e, &bad, "address.state", check_text(a->state, NAME_MAX_CHARS, false, false));
	check_field(e, &bad, "address.postal_code",
	    check_text(a->postal_code, POSTAL_MAX_CHARS, false, false));
	check_field(e, &bad, "language", check_text(c->language, NAME_MAX_CHARS, false, false));

	return bad ? ERR_INVALID : ERR_OK;
}

void
client_mrn_format(int64_t seq, char out[16])
{
	if (seq < 0 || seq > MRN_SEQ_MAX) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 16, "IOP-%06ld", (long)seq);
}

const struct contact_kind_def contact_kinds[CK__MAX] = {
	[CK_FAMILY] = { "family", "Family" },
	[CK_PARTNER] = { "partner", "Partner" },
	[CK_SPONSOR] = { "sponsor", "Sponsor" },
	[CK_PROBATION_OFFICER] = { "probation_officer", "Probation officer" },
	[CK_PAROLE_OFFICER] = { "parole_officer", "Parole officer" },
	[CK_EMPLOYER] = { "employer", "Employer" },
	[CK_GUARDIAN] = { "guardian", "Guardian" },
	[CK_FRIEND] = { "friend", "Friend" },
	[CK_OTHER] = { "other", "Other" },
};

int
contact_kind_find(const char *code)
{
	for (int i = 0; i < CK__MAX; i++)
		if (code != NULL && strcmp(code, contact_kinds[i].code) == 0)
			return i;
	return -1;
}

/* Whether any of words (NULL-ended) is in the lower-cased text. */
static bool
mentions(const char *low, const char *const *words)
{
	for (; *words; words++)
		if (strstr(low, *words) != NULL)
			return true;
	return false;
}

/* The same order as migration 0035, most specific first. */
const char *
contact_kind_guess(const char *relationship, bool guardian)
{
	static const char *const probation[] = { "probation", NULL };
	static const char *const parole[] = { "parole", NULL };
	static const char *const sponsor[] = { "sponsor", NULL };
	static const char *const employer[] = { "employer", "boss", "supervisor", NULL };
	static const char *const guard[] = { "guardian", NULL };
	static const char *const partner[] = { "partner", "spouse", "wife", "husband",
	    "girlfriend", "boyfriend", "fianc", NULL };
	static const char *const friend[] = { "friend", NULL };
	static const char *const family[] = { "mother", "father", "parent", "mom", "dad",
	    "son", "daughter", "child", "brother", "sister", "sibling", "aunt", "uncle",
	    "cousin", "niece", "nephew", "grand", "step", "in-law", "family", NULL };
	char low[64];
	size_t i;

	for (i = 0; relationship != NULL && relationship[i] && i + 1 < sizeof low; i++)
		low[i] = (char)tolower((unsigned char)relationship[i]);
	low[i] = '\0';
	if (mentions(low, probation))
		return "probation_officer";
	if (mentions(low, parole))
		return "parole_officer";
	if (mentions(low, sponsor))
		return "sponsor";
	if (mentions(low, employer))
		return "employer";
	if (mentions(low, guard))
		return "guardian";
	if (mentions(low, partner))
		return "partner";
	if (mentions(low, friend))
		return "friend";
	if (mentions(low, family))
		return "family";
	return guardian ? "guardian" : "other";
}

void
contact_settle(struct contact *c)
{
	if ((c->kind == NULL || *c->kind == '\0') && c->relationship != NULL &&
	    !text_blank(c->relationship))
		c->kind = contact_kind_guess(c->relationship, c->guardian);
	if (c->kind == NULL)
		c->kind = "";
	if (c->organisation == NULL)
		c->organisation = "";
}

enum err
contact_validate(const struct contact *c, struct error *e)
{
	bool bad = false;

	check_field(e, &bad, "name", check_text(c->name, NAME_MAX_CHARS, true, false));
	if (text_blank(c->kind) && text_blank(c->relationship)) {
		check_field(e, &bad, "kind", "is required: who this person is to the client "
		    "(family, partner, sponsor, probation officer, ...)");
		check_field(e, &bad, "relationship", "is required when no kind is chosen");
	} else if (contact_kind_find(c->kind) < 0) {
		check_field(e, &bad, "kind", "must be one of family, partner, sponsor, "
		    "probation_officer, parole_officer, employer, guardian, friend, other");
	}
	check_field(e, &bad, "relationship",
	    check_text(c->relationship, RELATIONSHIP_MAX_CHARS, false, false));
	check_field(e, &bad, "organisation",
	    check_text(c->organisation, NAME_MAX_CHARS, false, false));
	if (text_blank(c->phone) && text_blank(c->email)) {
		check_field(e, &bad, "phone", "enter a phone number or an email address");
	} else {
		check_field(e, &bad, "phone", check_phone(c->phone, false));
		check_field(e, &bad, "email", check_email(c->email, false));
	}
	check_field(e, &bad, "notes", check_text(c->notes, NOTES_MAX_CHARS, false, true));
	return bad ? ERR_INVALID : ERR_OK;
}

void
client_blank(struct client *c)
{
	memset(c, 0, sizeof *c);
	c->first_name = c->last_name = c->preferred_name = c->gender_identity = "";
	c->phone = c->email = c->language = "";
	c->address.line1 = c->address.line2 = c->address.city = "";
	c->address.state = c->address.postal_code = "";
	c->sex = SEX__MAX;	/* "required": validation names it */
	c->active = true;
}

#define HAS(f, bit) (((f) & (1u << (bit))) != 0)

void
client_merge(struct client *to, const struct client *from, unsigned f)
{
	if (HAS(f, CF_FIRST_NAME))
		to->first_name = from->first_name;
	if (HAS(f, CF_LAST_NAME))
		to->last_name = from->last_name;
	if (HAS(f, CF_PREFERRED_NAME))
		to->preferred_name = from->preferred_name;
	if (HAS(f, CF_DOB))
		to->dob = from->dob;
	if (HAS(f, CF_SEX))
		to->sex = from->sex;
	if (HAS(f, CF_GENDER_IDENTITY))
		to->gender_identity = from->gender_identity;
	if (HAS(f, CF_PHONE))
		to->phone = from->phone;
	if (HAS(f, CF_EMAIL))
		to->email = from->email;
	if (HAS(f, CF_LANGUAGE))
		to->language = from->language;
	if (HAS(f, CF_ACTIVE))
		to->active = from->active;
	if (HAS(f, CF_ADDR_LINE1))
		to->address.line1 = from->address.line1;
	if (HAS(f, CF_ADDR_LINE2))
		to->address.line2 = from->address.line2;
	if (HAS(f, CF_ADDR_CITY))
		to->address.city = from->address.city;
	if (HAS(f, CF_ADDR_STATE))
		to->address.state = from->address.state;
	if (HAS(f, CF_ADDR_POSTAL_CODE))
		to->address.postal_code = from->address.postal_code;
}

bool
client_identity_changed(const struct client *before, const struct client *after)
{
	return strcmp(before->first_name, after->first_name) != 0 ||
	    strcmp(before->last_name, after->last_name) != 0 ||
	    date_cmp(before->dob, after->dob) != 0;
}

void
contact_blank(struct contact *c, int64_t client_id)
{
	memset(c, 0, sizeof *c);
	c->client_id = client_id;
	c->name = c->relationship = c->phone = c->email = c->notes = "";
	c->kind = c->organisation = "";
}

void
contact_merge(struct contact *to, const struct contact *from, unsigned f)
{
	if (HAS(f, KF_NAME))
		to->name = from->name;
	if (HAS(f, KF_RELATIONSHIP))
		to->relationship = from->relationship;
	if (HAS(f, KF_PHONE))
		to->phone = from->phone;
	if (HAS(f, KF_EMAIL))
		to->email = from->email;
	if (HAS(f, KF_EMERGENCY))
		to->emergency = from->emergency;
	if (HAS(f, KF_GUARDIAN))
		to->guardian = from->guardian;
	if (HAS(f, KF_NOTES))
		to->notes = from->notes;
	if (HAS(f, KF_KIND))
		to->kind = from->kind;
	if (HAS(f, KF_ORGANISATION))
		to->organisation = from->organisation;
	if (HAS(f, KF_MAY_CONTACT))
		to->may_contact = from->may_contact;
}

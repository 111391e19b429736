/*
 * client.c — the client record and their contacts: names, validation and
 * the record number.
 *
 * Validation reports every field at fault, not just the first, so a form can
 * mark them all at once.  "Today" is passed in; this file must not read the
 * clock, touch the store, or put any field's value into a message.
 */
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

enum err
contact_validate(const struct contact *c, struct error *e)
{
	bool bad = false;

	check_field(e, &bad, "name", check_text(c->name, NAME_MAX_CHARS, true, false));
	check_field(e, &bad, "relationship",
	    check_text(c->relationship, RELATIONSHIP_MAX_CHARS, true, false));
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
}

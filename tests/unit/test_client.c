/*
 * test_client.c — client and contact validation at every edge, the record
 * number format, and the sex names.  "Today" is fixed: 2024-06-15.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/client.h"

static const struct date today = { 2024, 6, 15 };

static struct client
good_client(void)
{
	struct client c;

	memset(&c, 0, sizeof(c));
	c.first_name = "Jo";
	c.last_name = "Smith";
	c.preferred_name = "";
	c.dob = (struct date){ 1980, 2, 29 };
	c.sex = SEX_FEMALE;
	c.gender_identity = "";
	c.phone = "312-555-0123";
	c.email = "jo@example.org";
	c.address.line1 = "1 Main St";
	c.address.line2 = "";
	c.address.city = "Chicago";
	c.address.state = "IL";
	c.address.postal_code = "60601";
	c.language = "English";
	c.active = true;
	return c;
}

static enum err
validate(const struct client *c, struct error *e)
{
	error_clear(e);
	return client_validate(c, today, e);
}

static void
client_good_is_ok(void **state)
{
	struct client c = good_client();
	struct error e;

	(void)state;
	assert_int_equal(validate(&c, &e), ERR_OK);
	assert_int_equal(e.nfields, 0);
	assert_int_equal(e.code, ERR_OK);
}

static void
client_null_optional_strings_are_empty(void **state)
{
	struct client c = good_client();
	struct error e;

	(void)state;
	c.preferred_name = NULL;
	c.gender_identity = NULL;
	c.phone = NULL;
	c.email = NULL;
	memset(&c.address, 0, sizeof(c.address));
	c.language = NULL;
	assert_int_equal(validate(&c, &e), ERR_OK);
}

static void
client_name_band(void **state)
{
	static const char *const fields[] = {
		"first_name", "last_name", "preferred_name", "gender_identity",
		"language", "address.line1", "address.line2", "address.city",
		"address.state",
	};
	struct client c;
	struct error e;
	char ok[300], long1[300], twobyte[300];
	const char **slot;
	size_t i;

	(void)state;
	repeat(ok, "a", 100);
	repeat(long1, "a", 101);
	repeat(twobyte, "\xc3\xa9", 100);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		c = good_client();
		switch (i) {
		case 0: slot = &c.first_name; break;
		case 1: slot = &c.last_name; break;
		case 2: slot = &c.preferred_name; break;
		case 3: slot = &c.gender_identity; break;
		case 4: slot = &c.language; break;
		case 5: slot = &c.address.line1; break;
		case 6: slot = &c.address.line2; break;
		case 7: slot = &c.address.city; break;
		default: slot = &c.address.state; break;
		}
		*slot = ok;
		assert_int_equal(validate(&c, &e), ERR_OK);
		*slot = twobyte;
		assert_int_equal(validate(&c, &e), ERR_OK);
		*slot = long1;
		assert_int_equal(validate(&c, &e), ERR_INVALID);
		assert_int_equal(e.nfields, 1);
		if (field_msg(&e, fields[i]) == NULL)
			fail_msg("no error for %s", fields[i]);
		assert_string_equal(field_msg(&e, fields[i]),
		    "must be 100 characters or fewer");
		*slot = "a\x01";
		assert_int_equal(validate(&c, &e), ERR_INVALID);
		assert_string_equal(field_msg(&e, fields[i]),
		    "must not contain control characters");
	}
}

static void
client_postal_code_band(void **state)
{
	struct client c = good_client();
	struct error e;
	char s[40];

	(void)state;
	c.address.postal_code = repeat(s, "9", 20);
	assert_int_equal(validate(&c, &e), ERR_OK);
	c.address.postal_code = repeat(s, "9", 21);
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "address.postal_code"),
	    "must be 20 characters or fewer");
}

static void
client_names_required(void **state)
{
	struct client c = good_client();
	struct error e;

	(void)state;
	c.first_name = "";
	c.last_name = NULL;
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_string_equal(e.msg, "Some fields need attention.");
	assert_string_equal(field_msg(&e, "first_name"), "is required");
	assert_string_equal(field_msg(&e, "last_name"), "is required");
	c.first_name = "  ";
	c.last_name = "S";
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "first_name"), "is required");
	assert_null(field_msg(&e, "last_name"));
}

static void
client_dob_edges(void **state)
{
	struct client c = good_client();
	struct error e;

	(void)state;
	c.dob = (struct date){ 0, 0, 0 };
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "dob"), "is required");

	c.dob = today;
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "dob"), "must be a date in the past");

	c.dob = (struct date){ 2024, 6, 16 };
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "dob"), "must be a date in the past");

	c.dob = (struct date){ 2024, 6, 14 };	/* yesterday */
	assert_int_equal(validate(&c, &e), ERR_OK);

	c.dob = (struct date){ 1900, 1, 1 };
	assert_int_equal(validate(&c, &e), ERR_OK);

	c.dob = (struct date){ 1899, 12, 31 };
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "dob"), "must be on or after 1900-01-01");

	c.dob = (struct date){ 2023, 2, 29 };
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "dob"), "must be a valid date");
}

static void
client_sex_range(void **state)
{
	struct client c = good_client();
	struct error e;
	int s;

	(void)state;
	for (s = 0; s < SEX__MAX; s++) {
		c.sex = (enum sex)s;
		assert_int_equal(validate(&c, &e), ERR_OK);
	}
	c.sex = SEX__MAX;
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	/* Not given: missing, not a list of codes. */
	assert_string_equal(field_msg(&e, "sex"), "is required");
}

static void
client_phone_and_email(void **state)
{
	struct client c = good_client();
	struct error e;

	(void)state;
	c.phone = "12345";
	c.email = "not-an-email";
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "phone"),
	    "must be a phone number with 7 to 20 digits");
	assert_string_equal(field_msg(&e, "email"), "must be a valid email address");
	c.phone = "";
	c.email = "";
	assert_int_equal(validate(&c, &e), ERR_OK);
}

static void
client_reports_every_bad_field(void **state)
{
	static const char *const want[] = {
		"first_name", "last_name", "dob", "sex", "phone", "email",
		"address.city", "address.postal_code",
	};
	struct client c = good_client();
	struct error e;
	char s[200];
	size_t i;

	(void)state;
	c.first_name = "";
	c.last_name = "";
	c.dob = (struct date){ 0, 0, 0 };
	c.sex = (enum sex)9;
	c.phone = "x";
	c.email = "x";
	c.address.city = repeat(s, "c", 101);
	c.address.postal_code = "123456789012345678901";
	assert_int_equal(validate(&c, &e), ERR_INVALID);
	assert_int_equal(e.nfields, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (field_msg(&e, want[i]) == NULL)
			fail_msg("no error for %s", want[i]);
}

static void
client_mrn(void **state)
{
	char out[16];

	(void)state;
	client_mrn_format(42, out);
	assert_string_equal(out, "IOP-000042");
	client_mrn_format(1, out);
	assert_string_equal(out, "IOP-000001");
	client_mrn_format(999999, out);
	assert_string_equal(out, "IOP-999999");
	client_mrn_format(1000000, out);
	assert_string_equal(out, "IOP-1000000");
	client_mrn_format(999999999, out);
	assert_string_equal(out, "IOP-999999999");
	client_mrn_format(1000000000, out);
	assert_string_equal(out, "");
	client_mrn_format(-1, out);
	assert_string_equal(out, "");
}

static void
client_sex_names(void **state)
{
	static const char *const names[SEX__MAX] = { "female", "male", "intersex", "unknown" };
	enum sex s;
	int i;

	(void)state;
	for (i = 0; i < SEX__MAX; i++) {
		assert_string_equal(sex_name((enum sex)i), names[i]);
		assert_true(sex_parse(names[i], &s));
		assert_int_equal(s, i);
	}
	assert_string_equal(sex_name(SEX__MAX), "");
	assert_false(sex_parse("Female", &s));
	assert_false(sex_parse("f", &s));
	assert_false(sex_parse("", &s));
	assert_false(sex_parse(NULL, &s));
}

static struct contact
good_contact(void)
{
	struct contact c;

	memset(&c, 0, sizeof(c));
	c.client_id = 1;
	c.name = "Pat Smith";
	c.relationship = "sister";
	c.kind = "family";
	c.phone = "312-555-0199";
	c.email = "";
	c.emergency = true;
	c.notes = "";
	return c;
}

static void
contact_rules(void **state)
{
	struct contact c = good_contact();
	struct error e;
	char s[600];

	(void)state;
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_OK);

	/* Name: 100 ok, 101 refused, required. */
	c.name = repeat(s, "n", 100);
	assert_int_equal(contact_validate(&c, &e), ERR_OK);
	c.name = repeat(s, "n", 101);
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "name"), "must be 100 characters or fewer");
	c.name = "";
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "name"), "is required");

	/* Relationship: 50 ok, 51 refused; required only when no kind is chosen. */
	c = good_contact();
	c.relationship = repeat(s, "r", 50);
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_OK);
	c.relationship = repeat(s, "r", 51);
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "relationship"), "must be 50 characters or fewer");
	c.relationship = NULL;
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_OK);
	c.kind = "";
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "relationship"), "is required when no kind is chosen");

	/* Notes: 500 multi-line ok, 501 refused. */
	c = good_contact();
	c.notes = repeat(s, "x\n", 250);
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_OK);
	c.notes = repeat(s, "x", 501);
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "notes"), "must be 500 characters or fewer");
}

static void
contact_needs_phone_or_email(void **state)
{
	struct contact c = good_contact();
	struct error e;

	(void)state;
	c.phone = "";
	c.email = NULL;
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_msg(&e, "phone"), "enter a phone number or an email address");

	c.email = "pat@example.org";
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_OK);

	c.email = "pat@";
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "email"), "must be a valid email address");
	assert_null(field_msg(&e, "phone"));

	c.email = "";
	c.phone = "123";
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "phone"), "must be a phone number with 7 to 20 digits");
}

static void
contact_kind_from_words(void **state)
{
	static const struct {
		const char *words;
		bool guardian;
		const char *kind;
	} cases[] = {
		{ "Probation officer", false, "probation_officer" },
		{ "county parole agent", false, "parole_officer" },
		{ "AA sponsor", false, "sponsor" },
		{ "employer", false, "employer" },
		{ "Supervisor at work", false, "employer" },
		{ "legal guardian", false, "guardian" },
		{ "Spouse", false, "partner" },
		{ "girlfriend", false, "partner" },
		{ "friend from church", false, "friend" },
		{ "Mother", false, "family" },
		{ "grandfather", false, "family" },
		{ "aunt", false, "family" },
		{ "neighbour", false, "other" },
		{ "neighbour", true, "guardian" },
		{ "", false, "other" },
		{ NULL, false, "other" },
	};
	struct contact c = good_contact();
	struct error e;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(contact_kind_guess(cases[i].words, cases[i].guardian),
		    cases[i].kind);
	assert_int_equal(contact_kind_find("probation_officer"), CK_PROBATION_OFFICER);
	assert_int_equal(contact_kind_find("judge"), -1);
	assert_int_equal(contact_kind_find(NULL), -1);
	for (int k = 0; k < CK__MAX; k++)
		assert_int_equal(contact_kind_find(contact_kinds[k].code), k);

	/* A kind given stays; none: from the words; neither: both named. */
	c.kind = "sponsor";
	contact_settle(&c);
	assert_string_equal(c.kind, "sponsor");
	c.kind = "";
	contact_settle(&c);
	assert_string_equal(c.kind, contact_kind_guess(c.relationship, c.guardian));
	c.kind = "";
	c.relationship = " ";
	contact_settle(&c);
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "kind"));
	assert_non_null(field_msg(&e, "relationship"));
	c.kind = "judge";
	error_clear(&e);
	assert_int_equal(contact_validate(&c, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "kind"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(client_good_is_ok),
		cmocka_unit_test(client_null_optional_strings_are_empty),
		cmocka_unit_test(client_name_band),
		cmocka_unit_test(client_postal_code_band),
		cmocka_unit_test(client_names_required),
		cmocka_unit_test(client_dob_edges),
		cmocka_unit_test(client_sex_range),
		cmocka_unit_test(client_phone_and_email),
		cmocka_unit_test(client_reports_every_bad_field),
		cmocka_unit_test(client_mrn),
		cmocka_unit_test(client_sex_names),
		cmocka_unit_test(contact_rules),
		cmocka_unit_test(contact_needs_phone_or_email),
		cmocka_unit_test(contact_kind_from_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

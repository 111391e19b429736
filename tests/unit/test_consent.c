/*
 * test_consent.c — the Part 2 consent rules: every element of 42 CFR 2.31
 * named when missing, status on a day (revoked from the moment, expired the
 * day after expires_on, not valid before it is signed), and coverage
 * (a named recipient without regard to case and blanks, the general wording
 * for treating providers and payers only, every category consented).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "core/consent.h"
#include "core/pdf.h"
#include "lib/arena.h"

#define I(c) ((infoset)1u << (c))

static struct part2_consent
sample(void)
{
	struct part2_consent c;

	memset(&c, 0, sizeof c);
	c.client_name = "Dana Quill";
	c.disclosing_party = "Riverside Recovery IOP";
	c.information = "attendance,drug_screens";
	c.information_detail = "";
	c.recipients = "named:Judge Smith's probation office\ngeneral:my treating providers";
	c.purpose = "Probation report";
	c.revoke_statement = CONSENT_REVOKE_STATEMENT;
	c.expires_on = "2026-12-31";
	c.expires_event = "";
	c.signed_on = "2026-12-01";
	c.signature = "Dana Quill";
	c.revoke_reason = "";
	return c;
}

static void
every_element_is_named_when_missing(void **state)
{
	static const char *const names[] = { "disclosing_party", "information", "recipients",
	    "purpose", "signature", "signed_on" };
	struct part2_consent c;
	struct error e;

	(void)state;
	c = sample();
	error_clear(&e);
	assert_int_equal(consent_check(&c, "2026-12-06", &e), ERR_OK);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		c = sample();
		if (i == 0) c.disclosing_party = "  ";
		if (i == 1) c.information = "nonsense";
		if (i == 2) c.recipients = "";
		if (i == 3) c.purpose = "";
		if (i == 4) c.signature = "";
		if (i == 5) c.signed_on = "";
		error_clear(&e);
		assert_int_equal(consent_check(&c, "2026-12-06", &e), ERR_INVALID);
		assert_int_equal(e.nfields, 1);
		assert_non_null(field_msg(&e, names[i]));
	}
	c = sample();
	c.expires_on = "";
	error_clear(&e);
	assert_int_equal(consent_check(&c, "2026-12-06", &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "expires_on"));
	c.expires_event = "discharge";
	error_clear(&e);
	assert_int_equal(consent_check(&c, "2026-12-06", &e), ERR_OK);
	c = sample();
	error_clear(&e);
	assert_int_equal(consent_check(&c, "2026-11-30", &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "signed_on"));
}

static void
status_on_a_day(void **state)
{
	struct part2_consent c = sample();

	(void)state;
	assert_int_equal(consent_status(&c, 1000, "2026-12-31"), CS_ACTIVE);
	assert_int_equal(consent_status(&c, 1000, "2027-01-01"), CS_EXPIRED);
	assert_int_equal(consent_status(&c, 1000, "2026-11-30"), CS_NOT_YET);
	c.revoked_at = 2000;
	assert_int_equal(consent_status(&c, 1999, "2026-12-06"), CS_ACTIVE);
	assert_int_equal(consent_status(&c, 2000, "2026-12-06"), CS_REVOKED);
	c = sample();
	c.expires_on = "";
	c.expires_event = "discharge";
	assert_int_equal(consent_status(&c, 1000, "2030-01-01"), CS_ACTIVE);
}

static void
coverage(void **state)
{
	struct part2_consent c = sample();
	const char *d = "2026-12-06";

	(void)state;
	assert_int_equal(consent_covers(&c, 1, d, "  judge SMITH's probation office ", RL_NAMED,
	    I(INFO_DRUG_SCREENS)), COVER_OK);
	assert_int_equal(consent_covers(&c, 1, d, "Judge Smith", RL_NAMED,
	    I(INFO_DRUG_SCREENS)), COVER_RECIPIENT);
	assert_int_equal(consent_covers(&c, 1, d, "Judge Smith's probation office", RL_NAMED,
	    I(INFO_DRUG_SCREENS) | I(INFO_MEDICATIONS)), COVER_INFO);
	/* The general wording covers treating providers and payers, by kind. */
	assert_int_equal(consent_covers(&c, 1, d, "Dr. Lee", RL_TREATING_PROVIDER,
	    I(INFO_ATTENDANCE)), COVER_OK);
	assert_int_equal(consent_covers(&c, 1, d, "Dr. Lee", RL_NAMED, I(INFO_ATTENDANCE)),
	    COVER_RECIPIENT);
	c.recipients = "named:Judge Smith's probation office";
	assert_int_equal(consent_covers(&c, 1, d, "Acme Health Plan", RL_PAYER,
	    I(INFO_ATTENDANCE)), COVER_RECIPIENT);
	/* A name that only starts the same is another recipient. */
	assert_int_equal(consent_covers(&c, 1, d, "Judge Smith's probation office annex",
	    RL_NAMED, I(INFO_ATTENDANCE)), COVER_RECIPIENT);
	{
		struct arena *a = arena_new(1024);
		assert_string_equal(consent_named(&c, " JUDGE smith's probation office", a),
		    "Judge Smith's probation office");
		assert_null(consent_named(&c, "Judge Smith", a));
		arena_free(a);
	}
	c.revoked_at = 1;
	assert_int_equal(consent_covers(&c, 1, d, "Judge Smith's probation office", RL_NAMED,
	    I(INFO_ATTENDANCE)), COVER_INACTIVE);
	c = sample();
	assert_int_equal(consent_covers(&c, 1, "2027-01-01", "Judge Smith's probation office",
	    RL_NAMED, I(INFO_ATTENDANCE)), COVER_INACTIVE);
}

static void
words_and_wording(void **state)
{
	struct arena *a = arena_new(4096);

	(void)state;
	assert_string_equal(infoset_words(I(INFO_ATTENDANCE) | I(INFO_DRUG_SCREENS), a),
	    "attendance and drug screen results");
	assert_string_equal(infoset_words(I(INFO_DEMOGRAPHICS) | I(INFO_ATTENDANCE) |
	    I(INFO_MEDICATIONS), a), "name and date of birth, attendance and medications");
	assert_string_equal(infoset_text(I(INFO_MEDICATIONS) | I(INFO_DRUG_SCREENS), a),
	    "drug_screens,medications");
	assert_int_equal(infoset_parse("medications,bogus,drug_screens"),
	    I(INFO_MEDICATIONS) | I(INFO_DRUG_SCREENS));
	assert_non_null(strstr(CONSENT_NOTICE_232, "42 CFR part 2"));
	assert_non_null(strstr(CONSENT_NOTICE_232, "civil, criminal, administrative, or "
	    "legislative proceedings"));
	arena_free(a);
}

/* Every cross-reference offset points at its object; text escaped, long
 * lines wrapped, non-ASCII made plain; a second page when the first is full. */
static void
a_pdf_of_lines(void **state)
{
	struct arena *a = arena_new(1 << 20);
	struct pdf_line l[120];
	const char *pdf, *x;
	size_t xref, off;
	int i = 0;

	(void)state;
	l[0] = (struct pdf_line){ "Title (with brackets) \\ and \xe2\x80\x9cquotes\xe2\x80\x9d", true };
	for (i = 1; i < 120; i++)
		l[i] = (struct pdf_line){ "word word word word word word word word word word word "
		    "word word word word word word word word word word", false };
	pdf = pdf_text("T", l, 120, a);
	assert_non_null(pdf);
	assert_memory_equal(pdf, "%PDF-1.4\n", 9);
	assert_non_null(strstr(pdf, "(Title \\(with brackets\\) \\\\ and \"quotes\") Tj"));
	assert_non_null(strstr(pdf, "/Count 5"));	/* 1 + 119 * 2 lines: 5 pages */
	x = strstr(pdf, "startxref\n");
	assert_non_null(x);
	xref = (size_t)strtoul(x + 10, NULL, 10);
	assert_memory_equal(pdf + xref, "xref\n", 5);
	x = strstr(pdf + xref, "65535 f \n") + 9;
	for (i = 1; strncmp(x, "trailer", 7) != 0; i++, x += 20) {
		char want[32];
		off = (size_t)strtoul(x, NULL, 10);
		snprintf(want, sizeof want, "%d 0 obj", i);
		assert_memory_equal(pdf + off, want, strlen(want));
	}
	assert_int_equal(i - 1, 5 + 2 * 5);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_element_is_named_when_missing),
		cmocka_unit_test(status_on_a_day),
		cmocka_unit_test(coverage),
		cmocka_unit_test(words_and_wording),
		cmocka_unit_test(a_pdf_of_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_conversion.c — the admissions board's rules beyond a new inquiry:
 * the call log's wishes and its move to contacted, merging two inquiries,
 * and conversion into a client (age, the name split, a minor's guardian,
 * the coverage taken from the inquiry's insurance); and the placement
 * table's version check.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/inquiry.h"
#include "core/placement.h"

static struct inquiry
sample(void)
{
	struct inquiry q;

	memset(&q, 0, sizeof q);
	q.id = 1;
	q.kind = INQ_HELP;
	q.name = "Avery Fictional";
	q.phone = "555-010-0199";
	q.email = q.best_time = q.caller_name = q.caller_relationship = "";
	q.message = q.referral_source = q.referred_to = q.close_reason = "";
	q.ins.payer = q.ins.member_id = q.ins.group_number = "";
	q.ins.subscriber_name = q.ins.relationship = "";
	return q;
}

static void
contact_wishes(void **state)
{
	struct inquiry q = sample();
	struct error e;

	(void)state;
	/* Not asked: no voicemail or text until they say yes, and the refusal
	 * says they were not asked, never that they declined. */
	error_clear(&e);
	assert_int_equal(inquiry_contact_check(&q, "voicemail", &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "not asked"));
	error_clear(&e);
	assert_int_equal(inquiry_contact_check(&q, "text", &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "not asked"));
	q.ok_voicemail = q.ok_text = CONSENT_NO;
	error_clear(&e);
	assert_int_equal(inquiry_contact_check(&q, "voicemail", &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "asked not to"));
	error_clear(&e);
	assert_int_equal(inquiry_contact_check(&q, "text", &e), ERR_CONFLICT);
	error_clear(&e);
	assert_int_equal(inquiry_contact_check(&q, "call", &e), ERR_OK);
	q.ok_voicemail = q.ok_text = CONSENT_YES;
	assert_int_equal(inquiry_contact_check(&q, "voicemail", &e), ERR_OK);
	assert_int_equal(inquiry_contact_check(&q, "text", &e), ERR_OK);
}

static void
contact_moves(void **state)
{
	struct inquiry q = sample();

	(void)state;
	assert_false(inquiry_contact_moves(&q, "no_answer"));
	assert_int_equal(q.status, INQS_NEW);
	assert_true(inquiry_contact_moves(&q, "reached"));
	assert_int_equal(q.status, INQS_CONTACTED);
	q.status = INQS_SCREENED;
	assert_false(inquiry_contact_moves(&q, "reached"));
	assert_int_equal(q.status, INQS_SCREENED);
}

static void
merging(void **state)
{
	struct inquiry into = sample(), from = sample();
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(inquiry_merge_check(&into, &from, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "from_id"), "must be another inquiry");
	error_clear(&e);
	from.id = 2;
	into.client_id = 10;
	from.client_id = 11;
	assert_int_equal(inquiry_merge_check(&into, &from, &e), ERR_CONFLICT);
	error_clear(&e);
	into.client_id = 0;
	into.phone = "";
	from.email = "avery@example.org";
	from.referral_source = "Google";
	assert_int_equal(inquiry_merge_check(&into, &from, &e), ERR_OK);
	inquiry_merge_fill(&into, &from);
	assert_string_equal(into.phone, "555-010-0199");
	assert_string_equal(into.email, "avery@example.org");
	assert_string_equal(into.referral_source, "Google");
	assert_int_equal(into.client_id, 11);
}

static void
age_and_names(void **state)
{
	struct arena *a = arena_new(4096);
	const char *first, *last;

	(void)state;
	assert_int_equal(age_on((struct date){ 2008, 11, 27 }, (struct date){ 2026, 11, 27 }),
	    18);
	assert_int_equal(age_on((struct date){ 2008, 11, 28 }, (struct date){ 2026, 11, 27 }),
	    17);
	inquiry_split_name("Avery Jo Fictional", a, &first, &last);
	assert_string_equal(first, "Avery Jo");
	assert_string_equal(last, "Fictional");
	inquiry_split_name("Fictional", a, &first, &last);
	assert_string_equal(first, "");
	assert_string_equal(last, "Fictional");
	arena_free(a);
}

static void
a_minor_needs_a_guardian(void **state)
{
	struct inquiry q = sample();
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(inquiry_guardian_check(&q, 18, false, false, &e), ERR_OK);
	assert_int_equal(inquiry_guardian_check(&q, 17, true, false, &e), ERR_OK);
	assert_int_equal(inquiry_guardian_check(&q, 17, false, true, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "guardian"));
	error_clear(&e);
	q.for_other = true;
	q.caller_name = "Sam Fictional";
	assert_int_equal(inquiry_guardian_check(&q, 17, false, true, &e), ERR_OK);
	assert_int_equal(inquiry_guardian_check(&q, 17, false, false, &e), ERR_INVALID);
}

static void
coverage_from_the_inquiry(void **state)
{
	struct arena *a = arena_new(4096);
	struct inquiry q = sample();
	struct coverage c;
	struct error e;

	(void)state;
	q.has_insurance = true;
	q.ins.payer = "Fictional Health";
	q.ins.member_id = "M123";
	q.ins.subscriber_dob = (struct date){ 1970, 1, 2 };
	inquiry_coverage(&q, 9, 0, a, &c);
	assert_int_equal(c.client_id, 9);
	assert_string_equal(c.rank, "primary");
	assert_string_equal(c.relationship, "self");
	assert_string_equal(c.subscriber_dob, "1970-01-02");
	error_clear(&e);
	assert_int_equal(coverage_check(&c, &e), ERR_OK);
	/* Someone else holds the plan; a second coverage is secondary. */
	q.ins.subscriber_name = "Sam Fictional";
	inquiry_coverage(&q, 9, 1, a, &c);
	assert_string_equal(c.rank, "secondary");
	assert_string_equal(c.relationship, "other");
	q.ins.relationship = "spouse";
	inquiry_coverage(&q, 9, 1, a, &c);
	assert_string_equal(c.relationship, "spouse");
	/* Without a member id it makes no valid coverage. */
	q.ins.member_id = "";
	inquiry_coverage(&q, 9, 0, a, &c);
	assert_int_equal(coverage_check(&c, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "member_id"));
	arena_free(a);
}

static void
placement_table_version(void **state)
{
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(placement_version_check(3, 3, true, &e), ERR_OK);
	assert_int_equal(placement_version_check(2, 3, true, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "assessment"));
	error_clear(&e);
	assert_int_equal(placement_version_check(2, 3, false, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "now version 3"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(contact_wishes),
		cmocka_unit_test(contact_moves),
		cmocka_unit_test(merging),
		cmocka_unit_test(age_and_names),
		cmocka_unit_test(a_minor_needs_a_guardian),
		cmocka_unit_test(coverage_from_the_inquiry),
		cmocka_unit_test(placement_table_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

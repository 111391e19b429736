/*
 * test_inquiry.c — a request for help: what a new inquiry must hold (public
 * help and insurance forms), and what each move on the board needs.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/inquiry.h"

static const struct date today = { 2026, 11, 27 };

static struct inquiry
help(void)
{
	struct inquiry q;

	memset(&q, 0, sizeof q);
	q.kind = INQ_HELP;
	q.name = "Avery Fictional";
	q.phone = "555-010-0199";
	q.email = q.best_time = q.caller_name = q.caller_relationship = "";
	q.message = q.referral_source = q.referred_to = q.close_reason = "";
	q.ins.payer = q.ins.member_id = q.ins.group_number = "";
	q.ins.subscriber_name = q.ins.relationship = "";
	q.urgency = URG_TODAY;
	return q;
}

static void
help_with_phone_is_valid(void **state)
{
	struct inquiry q = help();
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_OK);
	assert_int_equal(e.nfields, 0);
}

static void
help_needs_a_way_to_call_back_and_a_name(void **state)
{
	struct inquiry q = help();
	struct error e;

	(void)state;
	q.phone = "";
	q.name = " ";
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "phone"));
	assert_non_null(field_msg(&e, "name"));
	/* An email is enough. */
	q = help();
	q.phone = "";
	q.email = "avery@example.org";
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_OK);
}

static void
for_someone_else_needs_the_caller(void **state)
{
	struct inquiry q = help();
	struct error e;

	(void)state;
	q.for_other = true;
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "caller_name"), "is required");
	assert_string_equal(field_msg(&e, "caller_relationship"), "is required");
	q.caller_name = "Pat Fictional";
	q.caller_relationship = "parent";
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_OK);
}

static void
insurance_fields_are_named_by_form(void **state)
{
	struct inquiry q = help();
	struct error e;

	(void)state;
	/* On the help form, the optional step is "insurance.*". */
	q.has_insurance = true;
	q.ins.relationship = "cousin";
	q.ins.subscriber_dob = (struct date){ 2030, 1, 1 };
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "insurance.payer"));
	assert_non_null(field_msg(&e, "insurance.member_id"));
	assert_non_null(field_msg(&e, "insurance.relationship"));
	assert_string_equal(field_msg(&e, "insurance.subscriber_dob"),
	    "must be a date in the past");
	/* On the insurance form they are top-level, and a name is optional. */
	q = help();
	q.kind = INQ_INSURANCE;
	q.name = "";
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "payer"));
	assert_non_null(field_msg(&e, "member_id"));
	assert_null(field_msg(&e, "name"));
	q.ins.payer = "Acme Health";
	q.ins.member_id = "AC123";
	q.ins.relationship = "spouse";
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_OK);
}

static void
limits_on_free_text_and_substances(void **state)
{
	struct inquiry q = help();
	struct error e;
	char big[2100];
	int i;

	(void)state;
	repeat(big, "x", 2001);
	q.message = big;
	for (i = 0; i < INQUIRY_SUBSTANCES_MAX; i++)
		q.substances[i] = "alcohol";
	q.nsubstances = INQUIRY_SUBSTANCES_MAX;
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "message"));
	assert_null(field_msg(&e, "substances"));
	q.message = "";
	q.substances[3] = "";
	error_clear(&e);
	assert_int_equal(inquiry_validate_new(&q, today, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "substances"), "each must be 1 to 50 characters");
}

static void
board_moves_need_their_reasons(void **state)
{
	struct inquiry q = help();
	struct error e;

	(void)state;
	q.status = INQS_REFERRED;
	error_clear(&e);
	assert_int_equal(inquiry_validate_status(&q, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "referred_to"));
	q.referred_to = "Riverbend residential program";
	error_clear(&e);
	assert_int_equal(inquiry_validate_status(&q, &e), ERR_OK);

	q.status = INQS_CLOSED;
	error_clear(&e);
	assert_int_equal(inquiry_validate_status(&q, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "close_reason"));
	q.close_reason = "No longer seeking treatment";
	error_clear(&e);
	assert_int_equal(inquiry_validate_status(&q, &e), ERR_OK);

	q.status = INQS_ADMITTED;
	error_clear(&e);
	assert_int_equal(inquiry_validate_status(&q, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "status"));
	q.client_id = 7;
	error_clear(&e);
	assert_int_equal(inquiry_validate_status(&q, &e), ERR_OK);
}

static void
names_round_trip(void **state)
{
	enum inquiry_status s;
	enum inquiry_kind k;
	enum urgency u;
	int i;

	(void)state;
	for (i = 0; i < INQS__MAX; i++) {
		assert_true(inquiry_status_parse(inquiry_status_name((enum inquiry_status)i), &s));
		assert_int_equal(s, i);
	}
	for (i = 0; i < INQ__MAX; i++) {
		assert_true(inquiry_kind_parse(inquiry_kind_name((enum inquiry_kind)i), &k));
		assert_int_equal(k, i);
	}
	for (i = URG_NOT_ASKED + 1; i < URG__MAX; i++) {
		assert_true(urgency_parse(urgency_name((enum urgency)i), &u));
		assert_int_equal(u, i);
	}
	/* Not asked has no word: an empty urgency is not an answer. */
	assert_string_equal(urgency_name(URG_NOT_ASKED), "");
	assert_false(urgency_parse("", &u));
	assert_string_equal(inquiry_status_name(INQS_SCREENING_SCHEDULED), "screening_scheduled");
	assert_false(inquiry_status_parse("pending", &s));
	assert_false(urgency_parse(NULL, &u));
	assert_string_equal(inquiry_kind_name(INQ__MAX), "");
}

/* After admission an inquiry waits on nobody: not urgent, not on the board. */
static void
admitted_inquiries_are_not_urgent(void **state)
{
	struct inquiry q;

	(void)state;
	memset(&q, 0, sizeof q);
	q.id = 5;
	q.urgency = URG_TODAY;
	q.status = INQS_CONTACTED;
	assert_true(inquiry_urgent(&q));
	/* Converted to client 9; another client's admission changes nothing. */
	q.client_id = 9;
	assert_false(inquiry_admitted(&q, 8));
	assert_int_equal(q.status, INQS_CONTACTED);
	assert_true(inquiry_urgent(&q));
	/* Client 9 admitted: it moves to admitted and is no longer urgent. */
	assert_true(inquiry_admitted(&q, 9));
	assert_int_equal(q.status, INQS_ADMITTED);
	assert_false(inquiry_urgent(&q));
	assert_false(inquiry_admitted(&q, 9));	/* once */
	/* A referred or closed inquiry keeps its outcome, and is not urgent. */
	q.status = INQS_REFERRED;
	assert_false(inquiry_admitted(&q, 9));
	assert_int_equal(q.status, INQS_REFERRED);
	assert_false(inquiry_urgent(&q));
	q.status = INQS_CLOSED;
	assert_false(inquiry_urgent(&q));
	/* Never converted: nobody's admission moves it. */
	q.status = INQS_NEW;
	q.client_id = 0;
	assert_false(inquiry_admitted(&q, 0));
	assert_true(inquiry_urgent(&q));
	q.urgency = URG_THIS_WEEK;
	assert_false(inquiry_urgent(&q));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(help_with_phone_is_valid),
		cmocka_unit_test(help_needs_a_way_to_call_back_and_a_name),
		cmocka_unit_test(for_someone_else_needs_the_caller),
		cmocka_unit_test(insurance_fields_are_named_by_form),
		cmocka_unit_test(limits_on_free_text_and_substances),
		cmocka_unit_test(board_moves_need_their_reasons),
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(admitted_inquiries_are_not_urgent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

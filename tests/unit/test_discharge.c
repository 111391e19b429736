/*
 * test_discharge.c — the rules of an episode's end: a discharge's type,
 * provider, reason and date; a transfer's level (its direction found by
 * rank), planned step-down weeks and date; a discharged episode refused.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/discharge.h"

static const struct date today = { 2026, 12, 10 };
static const struct date admitted = { 2026, 11, 2 };

static struct episode
open_ep(void)
{
	struct episode ep;

	memset(&ep, 0, sizeof ep);
	ep.id = 7;
	ep.level = "2.1";
	ep.admitted_on = admitted;
	ep.status = "open";
	return ep;
}

static void
types_known(void **state)
{
	(void)state;
	assert_true(discharge_type_valid("completed"));
	assert_true(discharge_type_valid("against_advice"));
	assert_true(discharge_type_valid("lost_to_contact"));
	assert_false(discharge_type_valid("closed"));
	assert_false(discharge_type_valid(NULL));
	assert_true(discharge_type_transfer("transferred_lower"));
	assert_false(discharge_type_transfer("deceased"));
}

static void
discharge_fields_named(void **state)
{
	struct episode ep = open_ep();
	struct error e;
	char big[2100];

	(void)state;
	error_clear(&e);
	assert_int_equal(discharge_check(&ep, "completed", "", NULL, today, today, &e), ERR_OK);
	error_clear(&e);
	assert_int_equal(discharge_check(&ep, "finished", "", NULL, today, today, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "type"));
	error_clear(&e);
	assert_int_equal(discharge_check(&ep, "transferred_lower", "", "", today, today, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "to"));
	error_clear(&e);
	assert_int_equal(discharge_check(&ep, "completed", "", NULL, (struct date){ 2026, 11, 1 },
	    today, &e), ERR_INVALID);
	assert_non_null(strstr(field_msg(&e, "date"), "2026-11-02"));
	error_clear(&e);
	assert_int_equal(discharge_check(&ep, "completed", "", NULL, (struct date){ 2026, 12, 11 },
	    today, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "date"));
	error_clear(&e);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(discharge_check(&ep, "completed", big, NULL, today, today, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "reason"));
	/* The day of admission is a discharge date. */
	error_clear(&e);
	assert_int_equal(discharge_check(&ep, "administrative", "", NULL, admitted, today, &e),
	    ERR_OK);
}

static void
discharged_once(void **state)
{
	struct episode ep = open_ep();
	struct error e;

	(void)state;
	ep.status = "discharged";
	ep.discharged_on = "2026-12-01";
	error_clear(&e);
	assert_int_equal(discharge_check(&ep, "completed", "", NULL, today, today, &e),
	    ERR_CONFLICT);
	error_clear(&e);
	/* A field at fault is named first. */
	assert_int_equal(discharge_check(&ep, "nope", "", NULL, today, today, &e), ERR_INVALID);
	error_clear(&e);
	const char *type;
	assert_int_equal(transfer_check(&ep, "1", 0, "", today, today, &type, &e), ERR_CONFLICT);
}

static void
transfer_direction(void **state)
{
	struct episode ep = open_ep();
	struct error e;
	const char *type;

	(void)state;
	error_clear(&e);
	assert_int_equal(transfer_check(&ep, "1", 2, "", today, today, &type, &e), ERR_OK);
	assert_string_equal(type, "transferred_lower");
	error_clear(&e);
	assert_int_equal(transfer_check(&ep, "2.5", 0, "", today, today, &type, &e), ERR_OK);
	assert_string_equal(type, "transferred_higher");
	/* Step-down weeks only when stepping down, and 0..2. */
	error_clear(&e);
	assert_int_equal(transfer_check(&ep, "2.5", 1, "", today, today, &type, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "planned_step_down_weeks"));
	error_clear(&e);
	assert_int_equal(transfer_check(&ep, "1", 3, "", today, today, &type, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "planned_step_down_weeks"));
	/* The same level, or one unknown. */
	error_clear(&e);
	assert_int_equal(transfer_check(&ep, "2.1", 0, "", today, today, &type, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "level"));
	error_clear(&e);
	assert_int_equal(transfer_check(&ep, "9.9", 0, "", today, today, &type, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "level"));
	error_clear(&e);
	assert_int_equal(transfer_check(&ep, "1", 0, "", (struct date){ 2026, 10, 30 }, today,
	    &type, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "date"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(types_known),
		cmocka_unit_test(discharge_fields_named),
		cmocka_unit_test(discharged_once),
		cmocka_unit_test(transfer_direction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

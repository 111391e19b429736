/*
 * test_duty.c — the duty roster's rules: a shift's times and note, when two
 * shifts overlap, who may go on duty at a site, and what taking a shift off
 * does before, during and after it.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/duty.h"

#define NOW 1790000000

static void
times(void **state)
{
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(duty_times_check(NOW + 60, NOW + 3600, NOW, &e), ERR_OK);
	assert_int_equal(duty_times_check(NOW - 1800, NOW + 3600, NOW, &e), ERR_OK);
	assert_int_equal(duty_times_check(NOW + 3600, NOW + 3600, NOW, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "ends_at"), "must be after the start");
	error_clear(&e);
	assert_int_equal(duty_times_check(NOW, NOW + DUTY_SHIFT_MAX_S + 1, NOW, &e),
	    ERR_INVALID);
	assert_string_equal(field_msg(&e, "ends_at"), "must be at most 7 days after the start");
	error_clear(&e);
	assert_int_equal(duty_times_check(NOW - 3000, NOW - 60, NOW, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "ends_at"), "has already passed");
	error_clear(&e);
	assert_int_equal(duty_times_check(NOW - DUTY_LATE_S - 1, NOW + 60, NOW, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "starts_at"));
}

static void
note(void **state)
{
	struct duty_shift d = { .starts_at = NOW + 60, .ends_at = NOW + 3600, .note = "" };
	char long_note[DUTY_NOTE_MAX + 2];
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(duty_shift_check(&d, NOW, &e), ERR_OK);
	memset(long_note, 'x', sizeof long_note - 1);
	long_note[sizeof long_note - 1] = '\0';
	d.note = long_note;
	assert_int_equal(duty_shift_check(&d, NOW, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "note"));
}

static void
overlap(void **state)
{
	struct duty_shift a = { .starts_at = 100, .ends_at = 200 };
	struct duty_shift b = { .starts_at = 150, .ends_at = 250 };
	struct duty_shift c = { .starts_at = 200, .ends_at = 300 };

	(void)state;
	assert_true(duty_shifts_overlap(&a, &b));
	assert_true(duty_shifts_overlap(&b, &a));
	assert_false(duty_shifts_overlap(&a, &c));	/* back to back */
	assert_true(duty_shifts_overlap(&b, &c));
}

static void
who_may_go_on_duty(void **state)
{
	struct site site = { .id = 2, .name = "North", .active = true };
	struct staff st;
	struct error e;

	(void)state;
	memset(&st, 0, sizeof st);
	st.full_name = "Casey Fictional";
	st.roles = 1u << ROLE_CLINICIAN;
	st.active = true;
	st.site_ids[0] = 2;
	st.nsites = 1;
	error_clear(&e);
	assert_int_equal(duty_add_check(&site, &st, 0, &e), ERR_OK);
	assert_int_equal(duty_add_check(&site, &st, 1, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "Casey Fictional is already on duty"));
	error_clear(&e);
	assert_int_equal(duty_add_check(&site, NULL, 0, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "staff_id"), "is not a staff member");
	error_clear(&e);
	st.site_ids[0] = 3;
	assert_int_equal(duty_add_check(&site, &st, 0, &e), ERR_INVALID);
	assert_non_null(strstr(field_msg(&e, "staff_id"), "does not work at this site"));
	error_clear(&e);
	st.roles = 1u << ROLE_NURSE;
	assert_int_equal(duty_add_check(&site, &st, 0, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "staff_id"), "must be an active clinician");
	error_clear(&e);
	site.active = false;
	assert_int_equal(duty_add_check(&site, &st, 0, &e), ERR_CONFLICT);
}

static void
removal(void **state)
{
	struct duty_shift d = { .starts_at = NOW + 60, .ends_at = NOW + 3600 };

	(void)state;
	assert_int_equal(duty_removal(&d, NOW), DUTY_REMOVE);
	assert_int_equal(duty_removal(&d, NOW + 60), DUTY_END);
	assert_int_equal(duty_removal(&d, NOW + 3599), DUTY_END);
	assert_int_equal(duty_removal(&d, NOW + 3600), DUTY_KEEP);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(times),
		cmocka_unit_test(note),
		cmocka_unit_test(overlap),
		cmocka_unit_test(who_may_go_on_duty),
		cmocka_unit_test(removal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

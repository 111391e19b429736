/*
 * test_perm.c — the permission table, written out again by hand as the
 * expected matrix, every role against every permission; role names; role
 * lists.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/perm.h"

#define Y true
#define N false

/*
 * Who may do what, as the clinic expects it.  Columns:
 *                none  c.read c.write audit admin dir.read inq scr.r scr.w admit ins  plc  duty trk  deact appt alert plans notes discl care
 */
static const bool expected[ROLE__MAX][PERM__MAX] = {
	[ROLE_ADMIN] =        { Y,    N,    N,     Y,    Y,    Y,    N,  N,    N,    N,    N,    N,    Y,    Y,   N,   N,   N,   N ,   N,   N, N },
	[ROLE_DIRECTOR] =     { Y,    Y,    Y,     Y,    N,    Y,    Y,  Y,    Y,    Y,    Y,    Y,    Y,    Y,   Y,   Y,   Y,   Y ,   Y,   Y, Y },
	[ROLE_CLINICIAN] =    { Y,    Y,    Y,     N,    N,    Y,    N,  Y,    Y,    Y,    N,    N,    N,    N,   Y,   Y,   Y,   Y ,   Y,   Y, Y },
	[ROLE_CASE_MANAGER] = { Y,    Y,    Y,     N,    N,    Y,    N,  Y,    N,    N,    N,    N,    N,    N,   Y,   Y,   N,   N ,   Y,   Y, Y },
	[ROLE_PRESCRIBER] =   { Y,    Y,    N,     N,    N,    Y,    N,  Y,    Y,    N,    N,    N,    N,    N,   N,   Y,   Y,   Y ,   Y,   N, Y },
	[ROLE_NURSE] =        { Y,    Y,    N,     N,    N,    Y,    N,  Y,    Y,    N,    N,    N,    N,    N,   N,   Y,   Y,   N ,   Y,   N, Y },
	[ROLE_ADMISSIONS] =   { Y,    Y,    Y,     N,    N,    Y,    Y,  Y,    Y,    Y,    Y,    N,    N,    N,   Y,   Y,   N,   N ,   N,   N, N },
	[ROLE_FRONT_DESK] =   { Y,    Y,    Y,     N,    N,    Y,    N,  N,    N,    N,    N,    N,    N,    N,   N,   Y,   N,   N ,   N,   N, N },
	[ROLE_BILLING] =      { Y,    Y,    N,     N,    N,    Y,    N,  N,    N,    N,    Y,    N,    N,    N,   N,   N,   N,   N ,   N,   N, N },
};

static void
perm_matrix_is_as_expected(void **state)
{
	int r, p;

	(void)state;
	/* The columns above are in this order; fail loudly if the enum moves. */
	assert_int_equal(PERM__MAX, 21);
	assert_int_equal(PERM_CARE_TEAM, 20);
	assert_int_equal(PERM_NOTES_WRITE, 18);
	assert_int_equal(PERM_DISCLOSURES_RELEASE, 19);
	assert_int_equal(PERM_ALERTS_RESPOND, 16);
	assert_int_equal(PERM_PLANS_WRITE, 17);
	assert_int_equal(PERM_APPOINTMENTS_BOOK, 15);
	assert_int_equal(PERM_TRACKS_MANAGE, 13);
	assert_int_equal(PERM_CLIENTS_DEACTIVATE, 14);
	assert_int_equal(PERM_NONE, 0);
	assert_int_equal(PERM_CLIENTS_READ, 1);
	assert_int_equal(PERM_CLIENTS_WRITE, 2);
	assert_int_equal(PERM_AUDIT_READ, 3);
	assert_int_equal(PERM_ADMIN_MANAGE, 4);
	assert_int_equal(PERM_DIRECTORY_READ, 5);
	assert_int_equal(ROLE__MAX, 9);
	for (r = 0; r < ROLE__MAX; r++) {
		for (p = 0; p < PERM__MAX; p++) {
			if (role_allows((enum role)r, (enum perm)p) != expected[r][p])
				fail_msg("%s / %s: expected %s", role_name((enum role)r),
				    perm_name((enum perm)p), expected[r][p] ? "allow" : "deny");
			/* A set of one role says the same. */
			assert_int_equal(roles_allow((roleset)1u << r, (enum perm)p),
			    expected[r][p]);
		}
	}
}

static void
perm_out_of_range_is_refused(void **state)
{
	(void)state;
	assert_false(role_allows(ROLE__MAX, PERM_NONE));
	assert_false(role_allows((enum role)-1, PERM_NONE));
	assert_false(role_allows(ROLE_DIRECTOR, PERM__MAX));
	assert_false(roles_allow(0, PERM_NONE));
	assert_false(roles_allow(0, PERM_DIRECTORY_READ));
	assert_false(roles_allow((roleset)1u << ROLE__MAX, PERM_NONE));
	assert_false(roles_allow(0xFFFFFFFFu, PERM__MAX));
}

static void
perm_sets_union(void **state)
{
	roleset nurse_admin = (1u << ROLE_NURSE) | (1u << ROLE_ADMIN);
	int p;

	(void)state;
	for (p = 0; p < PERM__MAX; p++)
		assert_int_equal(roles_allow(nurse_admin, (enum perm)p),
		    expected[ROLE_NURSE][p] || expected[ROLE_ADMIN][p]);
	assert_true(roles_allow(nurse_admin, PERM_CLIENTS_READ));
	assert_true(roles_allow(nurse_admin, PERM_ADMIN_MANAGE));
	assert_false(roles_allow(nurse_admin, PERM_CLIENTS_WRITE));
}

static void
perm_names(void **state)
{
	static const char *const names[ROLE__MAX] = {
		"admin", "director", "clinician", "case_manager", "prescriber",
		"nurse", "admissions", "front_desk", "billing",
	};
	enum role r;
	int i;

	(void)state;
	for (i = 0; i < ROLE__MAX; i++) {
		assert_string_equal(role_name((enum role)i), names[i]);
		assert_true(role_parse(names[i], &r));
		assert_int_equal(r, i);
	}
	assert_string_equal(role_name(ROLE__MAX), "");
	assert_false(role_parse("Admin", &r));
	assert_false(role_parse("case-manager", &r));
	assert_false(role_parse("", &r));
	assert_false(role_parse(" admin", &r));
	assert_false(role_parse(NULL, &r));

	assert_string_equal(perm_name(PERM_NONE), "");
	assert_string_equal(perm_name(PERM_CLIENTS_READ), "clients.read");
	assert_string_equal(perm_name(PERM_CLIENTS_WRITE), "clients.write");
	assert_string_equal(perm_name(PERM_AUDIT_READ), "audit.read");
	assert_string_equal(perm_name(PERM_ADMIN_MANAGE), "admin.manage");
	assert_string_equal(perm_name(PERM_DIRECTORY_READ), "directory.read");
	assert_string_equal(perm_name(PERM_INQUIRIES), "inquiries.manage");
	assert_string_equal(perm_name(PERM_SCREENING_READ), "screening.read");
	assert_string_equal(perm_name(PERM_SCREENING_WRITE), "screening.write");
	assert_string_equal(perm_name(PERM_EPISODES_ADMIT), "episodes.admit");
	assert_string_equal(perm_name(PERM_INSURANCE), "insurance.manage");
	assert_string_equal(perm_name(PERM__MAX), "");
}

static void
perm_parse_list(void **state)
{
	roleset rs = 12345;

	(void)state;
	assert_true(roles_parse_list("clinician,nurse", &rs));
	assert_int_equal(rs, (1u << ROLE_CLINICIAN) | (1u << ROLE_NURSE));
	assert_true(roles_parse_list(" clinician , nurse ", &rs));
	assert_int_equal(rs, (1u << ROLE_CLINICIAN) | (1u << ROLE_NURSE));
	assert_true(roles_parse_list("admin", &rs));
	assert_int_equal(rs, 1u << ROLE_ADMIN);
	assert_true(roles_parse_list("nurse,nurse", &rs));
	assert_int_equal(rs, 1u << ROLE_NURSE);
	assert_true(roles_parse_list("admin,director,clinician,case_manager,"
	    "prescriber,nurse,admissions,front_desk,billing", &rs));
	assert_int_equal(rs, (1u << ROLE__MAX) - 1);

	rs = 777;
	assert_false(roles_parse_list("", &rs));
	assert_false(roles_parse_list(" ", &rs));
	assert_false(roles_parse_list("nurse,", &rs));
	assert_false(roles_parse_list(",nurse", &rs));
	assert_false(roles_parse_list("nurse,,admin", &rs));
	assert_false(roles_parse_list("nurse, ,admin", &rs));
	assert_false(roles_parse_list("nurse,doctor", &rs));
	assert_false(roles_parse_list("Nurse", &rs));
	assert_false(roles_parse_list("nurse admin", &rs));
	assert_false(roles_parse_list(NULL, &rs));
	assert_int_equal(rs, 777);	/* untouched on failure */
}

static void
perm_primary(void **state)
{
	(void)state;
	assert_int_equal(roles_primary(1u << ROLE_BILLING), ROLE_BILLING);
	assert_int_equal(roles_primary((1u << ROLE_NURSE) | (1u << ROLE_CLINICIAN)),
	    ROLE_CLINICIAN);
	assert_int_equal(roles_primary((1u << ROLE_ADMIN) | (1u << ROLE_BILLING)),
	    ROLE_ADMIN);
	assert_int_equal(roles_primary(0), ROLE__MAX);
	assert_string_equal(role_name(roles_primary(0)), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(perm_matrix_is_as_expected),
		cmocka_unit_test(perm_out_of_range_is_refused),
		cmocka_unit_test(perm_sets_union),
		cmocka_unit_test(perm_names),
		cmocka_unit_test(perm_parse_list),
		cmocka_unit_test(perm_primary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_aftercare.c — the aftercare plan's rules: each field checked and
 * named as the API names it; what signing needs; no plan for an episode
 * that ended with the client deceased, lost to contact, or that went on
 * into another episode; a revision only of the latest signed version; the
 * printed page always carries 988 and escapes every text.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

#include "core/aftercare.h"

static struct aftercare
draft(void)
{
	struct aftercare p;

	memset(&p, 0, sizeof p);
	p.id = 3;
	p.version = p.latest_version = 1;
	p.status = "draft";
	p.sober_status = "undecided";
	return p;
}

static struct aftercare
complete(void)
{
	struct aftercare p = draft();

	p.provider_name = "Lakeside Counseling";
	p.provider_phone = "(555) 010-2233";
	p.sober_status = "not_needed";
	p.crisis_coping = "Call my sponsor";
	return p;
}

static void
fields_named(void **state)
{
	struct aftercare p = draft();
	struct ac_support_group g[2] = { { "aa", "Mon 7 pm" }, { "knitting", "" } };
	struct ac_medication m[3] = {
		{ 0, "", "", "", "" }, { 0, "X", "aspirin", "", "" }, { 0, "Y", "methadone", "", "" },
	};
	struct error e;
	char big[AFTERCARE_TEXT_MAX + 2];

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	error_clear(&e);
	assert_int_equal(aftercare_check(&p, &e), ERR_OK);

	p.provider_phone = "call me";
	p.first_appt_date = "2026-02-30";
	p.first_appt_time = "25:00";
	p.sober_status = "arranged";
	p.crisis_people = big;
	p.provider_name = "Line\x01break";
	p.groups = g;
	p.ngroups = 2;
	p.meds = m;
	p.nmeds = 3;
	error_clear(&e);
	assert_int_equal(aftercare_check(&p, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "provider.phone"));
	assert_non_null(field_msg(&e, "provider.name"));
	assert_non_null(field_msg(&e, "first_appointment.date"));
	assert_non_null(field_msg(&e, "first_appointment.time"));
	assert_non_null(field_msg(&e, "sober_living.name"));
	assert_non_null(field_msg(&e, "crisis.people"));
	assert_non_null(field_msg(&e, "support_groups[1].kind"));
	assert_null(field_msg(&e, "support_groups[0].kind"));
	assert_non_null(field_msg(&e, "medications[0].name"));
	assert_non_null(field_msg(&e, "medications[1].mat"));
	assert_null(field_msg(&e, "medications[2].mat"));

	/* A time needs its day; a bad sober-living state is named. */
	p = draft();
	p.first_appt_time = "09:30";
	p.sober_status = "maybe";
	error_clear(&e);
	assert_int_equal(aftercare_check(&p, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "first_appointment.date"));
	assert_non_null(field_msg(&e, "sober_living.status"));
}

static void
signing(void **state)
{
	struct aftercare p = draft();
	struct episode ep;
	struct error e;

	(void)state;
	memset(&ep, 0, sizeof ep);
	ep.status = "discharged";
	ep.discharge_type = "completed";
	error_clear(&e);
	assert_int_equal(aftercare_sign_check(&p, &ep, "", false, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "provider.name"));
	assert_non_null(field_msg(&e, "provider.phone"));
	assert_non_null(field_msg(&e, "sober_living.status"));
	assert_non_null(field_msg(&e, "crisis.warning_signs"));
	assert_non_null(field_msg(&e, "name"));
	assert_non_null(field_msg(&e, "agree"));

	p = complete();
	error_clear(&e);
	assert_int_equal(aftercare_sign_check(&p, &ep, "Pat Doe", true, &e), ERR_OK);
	p.status = "signed";
	error_clear(&e);
	assert_int_equal(aftercare_sign_check(&p, &ep, "Pat Doe", true, &e), ERR_CONFLICT);

	p = complete();
	ep.discharge_type = "deceased";
	error_clear(&e);
	assert_int_equal(aftercare_sign_check(&p, &ep, "Pat Doe", true, &e), ERR_CONFLICT);
}

static void
which_episodes(void **state)
{
	struct episode ep;
	struct error e;

	(void)state;
	memset(&ep, 0, sizeof ep);
	ep.status = "open";
	error_clear(&e);
	assert_int_equal(aftercare_episode_check(&ep, &e), ERR_OK);
	ep.status = "discharged";
	ep.discharge_type = "transferred_lower";
	assert_int_equal(aftercare_episode_check(&ep, &e), ERR_OK);
	ep.transferred_to = 9;	/* a step-down inside the program */
	assert_int_equal(aftercare_episode_check(&ep, &e), ERR_CONFLICT);
	ep.transferred_to = 0;
	ep.discharge_type = "lost_to_contact";
	error_clear(&e);
	assert_int_equal(aftercare_episode_check(&ep, &e), ERR_CONFLICT);
	ep.discharge_type = "deceased";
	error_clear(&e);
	assert_int_equal(aftercare_episode_check(&ep, &e), ERR_CONFLICT);
}

static void
revising(void **state)
{
	struct aftercare p = complete();
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(aftercare_revise_check(&p, &e), ERR_CONFLICT);	/* a draft */
	p.status = "signed";
	error_clear(&e);
	assert_int_equal(aftercare_revise_check(&p, &e), ERR_OK);
	p.latest_version = 2;
	error_clear(&e);
	assert_int_equal(aftercare_revise_check(&p, &e), ERR_CONFLICT);
	assert_int_equal(ac_group_find("smart_recovery"), ACG_SMART);
	assert_int_equal(ac_group_find("knitting"), -1);
}

static void
printed_page(void **state)
{
	struct aftercare p = draft();
	struct aftercare_print pr = { "Pat <Doe>", "Riverside & Co", "555-0100", "", "2026-12-06",
		"" };
	struct buf b;

	(void)state;
	p.provider_name = "Lakeside \"Counseling\"";
	buf_init(&b, 0);
	assert_true(aftercare_html(&p, &pr, "/app/x.css", &b));
	buf_cstr(&b);
	assert_non_null(strstr(b.data, "Call or text <strong>988</strong>"));
	assert_non_null(strstr(b.data, "Pat &lt;Doe&gt;"));
	assert_non_null(strstr(b.data, "Riverside &amp; Co: <strong>555-0100</strong>"));
	assert_non_null(strstr(b.data, "Lakeside &quot;Counseling&quot;"));
	assert_non_null(strstr(b.data, "Draft: not signed yet."));
	assert_non_null(strstr(b.data, "Sunday, December 6, 2026"));
	assert_null(strstr(b.data, "<Doe>"));
	buf_free(&b);
	/* A page over the buffer's maximum fails rather than being cut short. */
	buf_init(&b, 100);
	assert_false(aftercare_html(&p, &pr, "/app/x.css", &b));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_named),
		cmocka_unit_test(signing),
		cmocka_unit_test(which_episodes),
		cmocka_unit_test(revising),
		cmocka_unit_test(printed_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_episode.c — may an admission go ahead: what it asks for on its own
 * (level, site, clinician, the 42 CFR 2.22 notice, no future date), and
 * given the facts (one open episode, the track's site and level, the
 * staff's roles, the inquiry's client, the levels the program's tracks
 * provide, the client's open high-risk alerts and their acknowledgement).
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/episode.h"

static const struct date today = { 2026, 11, 27 };

static struct episode
asked(void)
{
	struct episode ep;

	memset(&ep, 0, sizeof ep);
	ep.client_id = 1;
	ep.level = "2.1";
	ep.site_id = 2;
	ep.primary_clinician = 3;
	ep.privacy_notice_given = true;
	ep.admitted_on = today;
	return ep;
}

static const char *const offered[] = { "1", "2.1" };

static struct admit_facts
all_good(void)
{
	struct admit_facts f = { .client_active = true, .site_found = true, .track_found = true,
		.track_site_id = 2, .track_level = "2.1", .clinician_ok = true,
		.case_manager_ok = true, .inquiry_ok = true, .levels = offered, .nlevels = 2 };

	return f;
}

static void
input_valid(void **state)
{
	struct episode ep = asked();
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(episode_admit_check_input(&ep, today, &e), ERR_OK);
	ep.admitted_on = (struct date){ 2026, 11, 28 };	/* tomorrow: a day's slack */
	assert_int_equal(episode_admit_check_input(&ep, today, &e), ERR_OK);
}

static void
input_refused(void **state)
{
	struct episode ep = asked();
	struct error e;

	(void)state;
	error_clear(&e);
	ep.level = "9.9";
	ep.site_id = 0;
	ep.primary_clinician = 0;
	ep.privacy_notice_given = false;
	ep.admitted_on = (struct date){ 2026, 11, 29 };
	assert_int_equal(episode_admit_check_input(&ep, today, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "level"));
	assert_string_equal(field_msg(&e, "site_id"), "is required");
	assert_string_equal(field_msg(&e, "primary_clinician_id"), "is required");
	assert_non_null(strstr(field_msg(&e, "privacy_notice_given"), "notice of privacy"));
	assert_string_equal(field_msg(&e, "admitted_on"), "cannot be in the future");
}

static void
facts_allow(void **state)
{
	struct episode ep = asked();
	struct admit_facts f = all_good();
	struct error e;

	(void)state;
	error_clear(&e);
	ep.track_id = 4;
	ep.case_manager = 5;
	ep.inquiry_id = 6;
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_OK);
}

static void
one_open_episode_and_active_client(void **state)
{
	struct episode ep = asked();
	struct admit_facts f = all_good();
	struct error e;

	(void)state;
	error_clear(&e);
	f.open_episodes = 1;
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_CONFLICT);
	error_clear(&e);
	f.open_episodes = 0;
	f.client_active = false;
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "inactive"));
}

static void
track_site_level_and_roles(void **state)
{
	struct episode ep = asked();
	struct admit_facts f = all_good();
	struct error e;

	(void)state;
	ep.track_id = 4;
	ep.case_manager = 5;
	ep.inquiry_id = 6;
	error_clear(&e);
	f.track_site_id = 7;
	f.clinician_ok = false;
	f.case_manager_ok = false;
	f.inquiry_ok = false;
	f.site_found = false;
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "track_id"), "is a track of another site");
	assert_string_equal(field_msg(&e, "site_id"), "is not a site");
	assert_non_null(field_msg(&e, "primary_clinician_id"));
	assert_non_null(field_msg(&e, "case_manager_id"));
	assert_non_null(field_msg(&e, "inquiry_id"));
	error_clear(&e);
	f = all_good();
	f.track_level = "1";
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "track_id"), "runs at level 1, not 2.1");
	error_clear(&e);
	f.track_found = false;
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "track_id"), "is not a track");
	/* No case manager named: none to check. */
	error_clear(&e);
	f = all_good();
	f.case_manager_ok = false;
	ep.case_manager = 0;
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_OK);
}

static void
only_the_levels_the_program_provides(void **state)
{
	struct episode ep = asked();
	struct admit_facts f = all_good();
	struct error e;

	(void)state;
	error_clear(&e);
	ep.level = "3.7";	/* a real level, but no track of this program runs it */
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "level"),
	    "is not a level this program provides; its tracks run at 1, 2.1");
	error_clear(&e);
	f.nlevels = 0;		/* no active track at all: say where to go */
	ep.level = "2.1";
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_INVALID);
	assert_non_null(strstr(field_msg(&e, "level"), "an admin sets up tracks"));
}

static void
open_high_risk_alerts_must_be_acknowledged(void **state)
{
	struct alert alerts[] = {
		{ .id = 11, .client_id = 1, .kind = "suicide_risk", .raised_at = 100 },
		{ .id = 12, .client_id = 1, .kind = "immediate_evaluation", .raised_at = 100,
		  .resolved_at = 200 },		/* answered: nothing to acknowledge */
		{ .id = 13, .client_id = 1, .kind = "immediate_evaluation", .raised_at = 300 },
	};
	struct episode ep = asked();
	struct admit_facts f = all_good();
	struct error e;

	(void)state;
	f.alerts = alerts;
	f.nalerts = 3;
	error_clear(&e);
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "2 open safety alerts"));
	assert_true(episode_alert_unseen(&ep, &alerts[0]));
	assert_false(episode_alert_unseen(&ep, &alerts[1]));
	/* One seen, one not: still refused, for the one. */
	ep.acknowledged.id[ep.acknowledged.n++] = 11;
	error_clear(&e);
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "an open safety alert"));
	assert_false(episode_alert_unseen(&ep, &alerts[0]));
	/* An alert that is not this client's is a field error. */
	ep.acknowledged.id[ep.acknowledged.n++] = 99;
	error_clear(&e);
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "acknowledged_alerts"));
	ep.acknowledged.id[ep.acknowledged.n - 1] = 13;
	error_clear(&e);
	assert_int_equal(episode_admit_check(&ep, &f, &e), ERR_OK);
	assert_true(alert_high_risk("suicide_risk"));
	assert_false(alert_high_risk("hours_short"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(input_valid),
		cmocka_unit_test(input_refused),
		cmocka_unit_test(facts_allow),
		cmocka_unit_test(one_open_episode_and_active_client),
		cmocka_unit_test(track_site_level_and_roles),
		cmocka_unit_test(only_the_levels_the_program_provides),
		cmocka_unit_test(open_high_risk_alerts_must_be_acknowledged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

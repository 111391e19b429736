/*
 * test_store_care.c — the care relationship query (store_care_relationship):
 * each way into a client's care, the windows that end one (a discharge more
 * than 90 days ago, an appointment more than 90 days ago, a group session
 * outside the enrolment or 30 days away, a co-signature 90 days old, a duty
 * shift elsewhere or taken off, an emergency expired, an alumni check-in
 * done long ago), a care team member
 * removed; the clients of a record (a group note's several); and the rule's
 * pure parts (core/care.c).
 */
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>

#include "store_test.h"
#include "store/care.h"

#define NOW 1796000000LL	/* 2026-11-29 */
#define DAY 86400LL

static enum care_way
way(struct fx *f, int64_t staff, int64_t client)
{
	enum care_way w = CARE__MAX;
	struct error e;

	error_clear(&e);
	assert_int_equal(store_care_relationship(f->s, staff, client, NOW, &w, &e), ERR_OK);
	return w;
}

static void
sql(struct fx *f, const char *fmt, ...)
{
	char q[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	raw_exec(f->t.db, q);
}

struct world {
	int64_t site, site2, track, clin, other, client, client2, episode;
};

static void
world(struct fx *f, struct world *w)
{
	w->site = add_site(f->s, "Riverside");
	w->site2 = add_site(f->s, "Northgate");
	w->track = add_track(f->s, w->site, "Evening IOP", "iop");
	w->clin = add_staff(f->s, "clin1", "Casey Clinician", 1u << ROLE_CLINICIAN, true, w->site);
	w->other = add_staff(f->s, "clin2", "Other Clinician", 1u << ROLE_CLINICIAN, true, w->site);
	w->client = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	w->client2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);
	/* The client's episode, primary clinician the other clinician. */
	sql(f, "INSERT INTO episode (client_id, level, site_id, track_id, admitted_on, "
	    "primary_clinician, privacy_notice_given, created_by, created_at) VALUES "
	    "(%lld, 'iop', %lld, %lld, date(%lld - 20 * 86400, 'unixepoch'), %lld, 1, %lld, %lld)",
	    (long long)w->client, (long long)w->site, (long long)w->track, NOW, (long long)w->other,
	    (long long)w->other, NOW - 20 * DAY);
	w->episode = raw_int(f->t.db, "SELECT max(id) FROM episode");
}

static void
care_none_and_team(void **state)
{
	struct fx *f = *state;
	struct world w;

	world(f, &w);
	assert_int_equal(way(f, w.clin, w.client), CARE_NONE);
	assert_int_equal(way(f, w.other, w.client), CARE_EPISODE);
	assert_int_equal(way(f, w.other, w.client2), CARE_NONE);
	sql(f, "INSERT INTO care_team (client_id, staff_id, role_in_care, added_by, added_at) "
	    "VALUES (%lld, %lld, 'case manager', %lld, %lld)", (long long)w.client,
	    (long long)w.clin, (long long)w.other, NOW - DAY);
	assert_int_equal(way(f, w.clin, w.client), CARE_TEAM);
	assert_int_equal(way(f, w.clin, w.client2), CARE_NONE);
	/* Removed: out of the care. */
	sql(f, "UPDATE care_team SET removed_at = %lld, removed_by = %lld", NOW - 60,
	    (long long)w.other);
	assert_int_equal(way(f, w.clin, w.client), CARE_NONE);
}

static void
care_episode_windows(void **state)
{
	struct fx *f = *state;
	struct world w;

	world(f, &w);
	/* The case manager of an episode is in the care too. */
	sql(f, "UPDATE episode SET case_manager = %lld", (long long)w.clin);
	assert_int_equal(way(f, w.clin, w.client), CARE_EPISODE);
	/* Discharged 10 days ago: still; 91 days ago: no more. */
	sql(f, "UPDATE episode SET status = 'discharged', discharged_on = date(%lld - 10 * 86400, "
	    "'unixepoch')", NOW);
	assert_int_equal(way(f, w.other, w.client), CARE_EPISODE);
	sql(f, "UPDATE episode SET discharged_on = date(%lld - 91 * 86400, 'unixepoch')", NOW);
	assert_int_equal(way(f, w.other, w.client), CARE_NONE);
	assert_int_equal(way(f, w.clin, w.client), CARE_NONE);
}

static void
care_appointment_window(void **state)
{
	struct fx *f = *state;
	struct world w;

	world(f, &w);
	sql(f, "INSERT INTO appointment (client_id, site_id, kind, staff_id, starts_at, minutes, "
	    "ends_at, created_by, created_at, updated_at) VALUES (%lld, %lld, 'individual_therapy', "
	    "%lld, %lld, 50, %lld, 1, 1, 1)", (long long)w.client, (long long)w.site,
	    (long long)w.clin, NOW - 91 * DAY, NOW - 91 * DAY + 3000);
	assert_int_equal(way(f, w.clin, w.client), CARE_NONE);
	/* One ahead (a first appointment booked): in the care already. */
	sql(f, "INSERT INTO appointment (client_id, site_id, kind, staff_id, starts_at, minutes, "
	    "ends_at, created_by, created_at, updated_at) VALUES (%lld, %lld, 'assessment', "
	    "%lld, %lld, 50, %lld, 1, 1, 1)", (long long)w.client, (long long)w.site,
	    (long long)w.clin, NOW + 7 * DAY, NOW + 7 * DAY + 3000);
	assert_int_equal(way(f, w.clin, w.client), CARE_APPOINTMENT);
	assert_int_equal(way(f, w.clin, w.client2), CARE_NONE);
}

static void
session_at(struct fx *f, struct world *w, int64_t at, int64_t facilitator, int64_t substitute)
{
	sql(f, "INSERT INTO group_session (track_id, site_id, date, start_min, starts_at, ends_at, "
	    "minutes, group_type, facilitator_id, substitute_id, one_off, created_at, updated_at) "
	    "VALUES (%lld, %lld, date(%lld, 'unixepoch'), 1080, %lld, %lld, 180, 'process', "
	    "%s, %s, 1, 1, 1)", (long long)w->track, (long long)w->site, at, at, at + 10800,
	    facilitator ? arena_printf(f->a, "%lld", (long long)facilitator) : "NULL",
	    substitute ? arena_printf(f->a, "%lld", (long long)substitute) : "NULL");
}

static void
care_group_windows(void **state)
{
	struct fx *f = *state;
	struct world w;

	world(f, &w);
	/* Enrolled from 20 days ago; a session the clinician led 35 days ago
	 * (before the enrolment, and outside the 30 days). */
	sql(f, "INSERT INTO enrolment (client_id, episode_id, track_id, from_date, created_at) "
	    "VALUES (%lld, %lld, %lld, date(%lld - 20 * 86400, 'unixepoch'), 1)",
	    (long long)w.client, (long long)w.episode, (long long)w.track, NOW);
	session_at(f, &w, NOW - 35 * DAY, w.clin, 0);
	assert_int_equal(way(f, w.clin, w.client), CARE_NONE);
	/* One they substitute at in 5 days: in the care. */
	session_at(f, &w, NOW + 5 * DAY, w.other, w.clin);
	assert_int_equal(way(f, w.clin, w.client), CARE_GROUP);
	/* The enrolment ended before it: no more. */
	sql(f, "UPDATE enrolment SET until_date = date(%lld, 'unixepoch')", NOW);
	assert_int_equal(way(f, w.clin, w.client), CARE_NONE);
	/* Another client, not enrolled, is not in their care by the group. */
	assert_int_equal(way(f, w.clin, w.client2), CARE_NONE);
}

static void
care_cosigner_and_record_clients(void **state)
{
	struct fx *f = *state;
	struct world w;
	int64_t note, *clients;
	size_t n;
	struct error e;

	world(f, &w);
	session_at(f, &w, NOW - 2 * DAY, w.other, 0);
	sql(f, "INSERT INTO note (kind, session_id, starts_at, ends_at, status, author_id, "
	    "created_at, updated_by, updated_at, cosigner_id, cosigned_at) VALUES ('group', "
	    "(SELECT max(id) FROM group_session), %lld, %lld, 'signed', %lld, 1, 1, 1, %lld, 0)",
	    NOW - 2 * DAY, NOW - 2 * DAY + 3600, (long long)w.other, (long long)w.clin);
	note = raw_int(f->t.db, "SELECT max(id) FROM note");
	sql(f, "INSERT INTO note_part (note_id, client_id) VALUES (%lld, %lld), (%lld, %lld)",
	    (long long)note, (long long)w.client, (long long)note, (long long)w.client2);
	assert_int_equal(way(f, w.clin, w.client), CARE_COSIGNER);
	assert_int_equal(way(f, w.clin, w.client2), CARE_COSIGNER);
	/* Co-signed 91 days ago: no more. */
	sql(f, "UPDATE note SET cosigned_at = %lld", NOW - 91 * DAY);
	assert_int_equal(way(f, w.clin, w.client2), CARE_NONE);

	/* The clients of a group note: both; of no record: none. */
	error_clear(&e);
	assert_int_equal(store_care_record_clients(f->s, CARE_REC_NOTE, note, f->a, &clients, &n,
	    &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(clients[0] + clients[1], w.client + w.client2);
	assert_int_equal(store_care_record_clients(f->s, CARE_REC_EPISODE, w.episode, f->a,
	    &clients, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(clients[0], w.client);
	assert_int_equal(store_care_record_clients(f->s, CARE_REC_PLAN, 999, f->a, &clients, &n,
	    &e), ERR_OK);
	assert_int_equal(n, 0);
}

static void
care_duty_and_emergency(void **state)
{
	struct fx *f = *state;
	struct world w;

	world(f, &w);
	/* On duty at another site: not in the care. */
	sql(f, "INSERT INTO duty_shift (site_id, staff_id, starts_at, ends_at, created_by, "
	    "created_at) VALUES (%lld, %lld, %lld, %lld, 1, 1)", (long long)w.site2,
	    (long long)w.clin, NOW - 3600, NOW + 3600);
	assert_int_equal(way(f, w.clin, w.client), CARE_NONE);
	/* At the client's site, now. */
	sql(f, "INSERT INTO duty_shift (site_id, staff_id, starts_at, ends_at, created_by, "
	    "created_at) VALUES (%lld, %lld, %lld, %lld, 1, 1)", (long long)w.site,
	    (long long)w.clin, NOW - 3600, NOW + 3600);
	assert_int_equal(way(f, w.clin, w.client), CARE_DUTY);
	/* Taken off the roster: no more. */
	sql(f, "UPDATE duty_shift SET removed_at = %lld", NOW - 7200);
	assert_int_equal(way(f, w.clin, w.client), CARE_NONE);
	/* An emergency declared an hour ago for four hours; another, expired. */
	sql(f, "INSERT INTO emergency_access (client_id, staff_id, reason, granted_at, expires_at) "
	    "VALUES (%lld, %lld, 'a crisis at the desk', %lld, %lld)", (long long)w.client2,
	    (long long)w.clin, NOW - 5 * 3600, NOW - 3600);
	assert_int_equal(way(f, w.clin, w.client2), CARE_NONE);
	sql(f, "INSERT INTO emergency_access (client_id, staff_id, reason, granted_at, expires_at) "
	    "VALUES (%lld, %lld, 'a crisis at the desk', %lld, %lld)", (long long)w.client,
	    (long long)w.clin, NOW - 3600, NOW + 3 * 3600);
	assert_int_equal(way(f, w.clin, w.client), CARE_EMERGENCY);
	assert_int_equal(way(f, w.other, w.client2), CARE_NONE);
}

/* The alumni coordinator: assigned a check-in of the client (open, or done
 * in the last 90 days); another client's, or one done long ago, is not. */
static void
care_alumni(void **state)
{
	struct fx *f = *state;
	struct world w;

	world(f, &w);
	sql(f, "INSERT INTO task (kind, title, client_id, assigned_to, due_at, created_at) VALUES "
	    "('alumni_checkin', '30-day check-in', %lld, %lld, %lld, %lld)", (long long)w.client2,
	    (long long)w.clin, NOW, NOW - DAY);
	assert_int_equal(way(f, w.clin, w.client), CARE_NONE);
	assert_int_equal(way(f, w.clin, w.client2), CARE_ALUMNI);
	sql(f, "UPDATE task SET done_at = %lld, done_by = %lld", NOW - 100 * DAY, (long long)w.clin);
	assert_int_equal(way(f, w.clin, w.client2), CARE_NONE);
	sql(f, "UPDATE task SET done_at = %lld", NOW - 10 * DAY);
	assert_int_equal(way(f, w.clin, w.client2), CARE_ALUMNI);
	/* Any other kind of task is no way in. */
	sql(f, "UPDATE task SET kind = 'follow_up', done_at = 0");
	assert_int_equal(way(f, w.clin, w.client2), CARE_NONE);
}

static void
care_rule_pure(void **state)
{
	struct error e;
	(void)state;

	assert_true(care_rule_applies(1u << ROLE_CLINICIAN));
	assert_true(care_rule_applies((1u << ROLE_NURSE) | (1u << ROLE_PRESCRIBER)));
	assert_false(care_rule_applies((1u << ROLE_DIRECTOR) | (1u << ROLE_CLINICIAN)));
	assert_false(care_rule_applies(1u << ROLE_FRONT_DESK));
	assert_false(care_rule_applies(1u << ROLE_ADMIN));
	assert_false(care_rule_applies(0));
	assert_true(care_team_may_change(1u << ROLE_DIRECTOR));
	assert_false(care_team_may_change(1u << ROLE_ADMISSIONS));
	error_clear(&e);
	assert_int_equal(emergency_reason_check(NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "reason"));
	error_clear(&e);
	assert_int_equal(emergency_reason_check("  too short  ", &e), ERR_INVALID);
	error_clear(&e);
	assert_int_equal(emergency_reason_check("Client in crisis at the desk", &e), ERR_OK);
	assert_string_equal(care_way_name(CARE_DUTY), "duty");
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(care_none_and_team),
		T(care_episode_windows),
		T(care_appointment_window),
		T(care_group_windows),
		T(care_cosigner_and_record_clients),
		T(care_duty_and_emergency),
		T(care_alumni),
		cmocka_unit_test(care_rule_pure),
	};
#undef T

	return cmocka_run_group_tests_name("store_care", tests, NULL, NULL);
}

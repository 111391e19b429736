/*
 * test_ops_alumni.c — the alumni operations against a real store: the
 * discharge plans five check-ins with their tasks in its transaction (none
 * when it is refused, none for a deceased client), for the coordinator or
 * else the primary clinician; a refused call writes nothing, not even the
 * readmission inquiry; a reached call closes the check-in and its task.
 */
#include "adm_fixture.h"

#include "ops/alumni.h"
#include "ops/discharge.h"
#include "ops/episode.h"

struct world {
	int64_t client, site, clinician, track, episode;
};

static void
world_make(struct fx *f, struct world *w, const char *first, int64_t clinician)
{
	struct episode_admit_in in;
	struct episode out;
	struct actor who;
	struct op_result res;
	struct error e;

	w->client = add_client(f->s, first, "Fictional", "1990-04-02", true);
	if (clinician == 0) {
		w->site = add_site(f->s, "North");
		w->clinician = staff_at(f->s, "clin", 1u << ROLE_CLINICIAN, w->site);
		w->track = add_track(f->s, w->site, "Day", "2.1");
	} else {
		w->clinician = clinician;
	}
	memset(&in, 0, sizeof in);
	in.ep.client_id = w->client;
	in.ep.level = "2.1";
	in.ep.site_id = w->site;
	in.ep.track_id = w->track;
	in.ep.primary_clinician = w->clinician;
	in.ep.privacy_notice_given = true;
	in.ep.admitted_on = date_from_unix((int64_t)time(NULL) - 7 * 86400);
	in.out = &out;
	who = actor_of(w->clinician, 1u << ROLE_CLINICIAN);
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_episode_admit_run, &in, &who, &res, &e), ERR_OK);
	w->episode = out.id;
}

static enum err
discharge(struct fx *f, const struct world *w, const char *type, struct error *e)
{
	struct episode_discharge_in in;
	struct episode out;
	struct actor who = actor_of(w->clinician, 1u << ROLE_CLINICIAN);
	struct op_result res;
	int64_t cancelled = 0;

	(void)f;
	memset(&in, 0, sizeof in);
	in.episode_id = w->episode;
	in.date = date_from_unix((int64_t)time(NULL) - 86400);
	in.type = type;
	in.reason = "";
	in.to = "";
	in.out = &out;
	in.cancelled = &cancelled;
	error_clear(e);
	return run_op(f->s, op_episode_discharge_run, &in, &who, &res, e);
}

static int64_t
sql_int(struct fx *f, const char *fmt, long long a)
{
	char sql[256];

	snprintf(sql, sizeof sql, fmt, a);
	return raw_int(f->t.db, sql);
}

static void
discharge_plans_checkins(void **state)
{
	struct fx *f = *state;
	struct world w, d, c;
	struct error e;
	int64_t coord;

	world_make(f, &w, "Avery", 0);
	/* Refused (a transfer out names its provider): no check-in, no task. */
	assert_int_equal(discharge(f, &w, "transferred_higher", &e), ERR_INVALID);
	assert_int_equal(count_rows(f, "alumni_checkin"), 0);
	assert_int_equal(count_rows(f, "task"), 0);
	/* Nobody has the flag: the primary clinician's five tasks. */
	assert_int_equal(discharge(f, &w, "completed", &e), ERR_OK);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM alumni_checkin WHERE client_id = %lld",
	    (long long)w.client), 5);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM alumni_checkin k JOIN task t ON "
	    "t.id = k.task_id WHERE t.kind = 'alumni_checkin' AND t.assigned_to = %lld AND "
	    "k.due_on = date(k.created_at, 'unixepoch', '-1 day', '+' || k.day || ' days')",
	    (long long)w.clinician), 5);
	/* A deceased client: none. */
	d = w;
	world_make(f, &d, "Blake", w.clinician);
	assert_int_equal(discharge(f, &d, "deceased", &e), ERR_OK);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM alumni_checkin WHERE client_id = %lld",
	    (long long)d.client), 0);
	/* A coordinator (the flag): theirs. */
	coord = staff_at(f->s, "coord", 1u << ROLE_CASE_MANAGER, w.site);
	raw_exec(f->t.db, "UPDATE staff SET alumni_coordinator = 1 WHERE username = 'coord'");
	c = w;
	world_make(f, &c, "Casey", w.clinician);
	assert_int_equal(discharge(f, &c, "against_advice", &e), ERR_OK);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM alumni_checkin k JOIN task t ON "
	    "t.id = k.task_id WHERE t.assigned_to = %lld", (long long)coord), 5);
}

static enum err
call(struct fx *f, int64_t staff, int64_t id, const char *outcome, const char *status,
    bool readmit, struct error *e)
{
	struct alumni_call_in in;
	struct alumni_checkin out;
	struct actor who = actor_of(staff, 1u << ROLE_CLINICIAN);
	struct op_result res;
	int64_t inquiry = 0;

	memset(&in, 0, sizeof in);
	in.id = id;
	in.outcome = outcome;
	in.recovery_status = status;
	in.notes = "";
	in.readmission_wanted = readmit;
	in.out = &out;
	in.inquiry_id = &inquiry;
	error_clear(e);
	return run_op(f->s, op_alumni_call_run, &in, &who, &res, e);
}

static void
calls_write_all_or_nothing(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct error e;
	int64_t k;

	world_make(f, &w, "Dana", 0);
	assert_int_equal(discharge(f, &w, "completed", &e), ERR_OK);
	k = sql_int(f, "SELECT id FROM alumni_checkin WHERE client_id = %lld AND day = 30",
	    (long long)w.client);
	/* The client has no phone or email: the inquiry cannot be made, so the
	 * call is refused whole. */
	raw_exec(f->t.db, "UPDATE client SET phone = '', email = ''");
	assert_int_equal(call(f, w.clinician, k, "reached", "using", true, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "readmission_wanted"));
	assert_int_equal(count_rows(f, "inquiry"), 0);
	assert_int_equal(sql_int(f, "SELECT attempts FROM alumni_checkin WHERE id = %lld",
	    (long long)k), 0);
	/* With a phone: reached, the inquiry linked to the client, the task done. */
	raw_exec(f->t.db, "UPDATE client SET phone = '(312) 555-0100'");
	assert_int_equal(call(f, w.clinician, k, "reached", "using", true, &e), ERR_OK);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM inquiry WHERE client_id = %lld AND "
	    "source = 'alumni' AND status = 'new'", (long long)w.client), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM alumni_checkin k JOIN task t ON "
	    "t.id = k.task_id WHERE k.id = %lld AND k.closed = 1 AND t.done_at > 0", (long long)k),
	    1);
	assert_int_equal(call(f, w.clinician, k, "not_reached", "", false, &e), ERR_CONFLICT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(discharge_plans_checkins, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(calls_write_all_or_nothing, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

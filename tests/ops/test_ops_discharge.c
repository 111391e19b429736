/*
 * test_ops_discharge.c — an episode's end against a real store
 * (op_episode_discharge, op_episode_transfer): done in one transaction, and
 * nothing written when refused.
 */
#include "adm_fixture.h"

#include "ops/discharge.h"
#include "ops/episode.h"

struct world {
	int64_t client, site, clinician, iop, op, php_other;
	int64_t episode;
};

static void
world_make(struct fx *f, struct world *w)
{
	struct episode_admit_in in;
	struct episode out;
	struct actor who;
	struct op_result res;
	struct error e;
	int64_t other;

	w->client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	w->site = add_site(f->s, "North");
	other = add_site(f->s, "South");
	w->clinician = staff_at(f->s, "clin", 1u << ROLE_CLINICIAN, w->site);
	w->iop = add_track(f->s, w->site, "Day", "2.1");
	w->op = add_track(f->s, w->site, "Weekly", "1");
	w->php_other = add_track(f->s, other, "Partial", "2.5");
	memset(&in, 0, sizeof in);
	in.ep.client_id = w->client;
	in.ep.level = "2.1";
	in.ep.site_id = w->site;
	in.ep.track_id = w->iop;
	in.ep.primary_clinician = w->clinician;
	in.ep.privacy_notice_given = true;
	/* A week ago: the admission date is the track's first roster day. */
	in.ep.admitted_on = date_from_unix((int64_t)time(NULL) - 7 * 86400);
	in.out = &out;
	who = actor_of(w->clinician, 1u << ROLE_CLINICIAN);
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_episode_admit_run, &in, &who, &res, &e), ERR_OK);
	w->episode = out.id;
}

static int64_t
sql_int(struct fx *f, const char *fmt, long long a)
{
	char sql[256];

	snprintf(sql, sizeof sql, fmt, a);
	return raw_int(f->t.db, sql);
}

static void
discharge_once_and_nothing_on_refusal(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_discharge_in in;
	struct episode out;
	struct actor who;
	struct op_result res;
	struct error e;
	int64_t cancelled = 0;

	world_make(f, &w);
	who = actor_of(w.clinician, 1u << ROLE_CLINICIAN);
	memset(&in, 0, sizeof in);
	in.episode_id = w.episode;
	in.date = date_from_unix((int64_t)time(NULL) - 86400);
	in.type = "lost_to_contact";
	in.out = &out;
	in.cancelled = &cancelled;
	/* A transfer out without the provider: the field named, nothing written. */
	in.type = "transferred_higher";
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_episode_discharge_run, &in, &who, &res, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "to"));
	assert_int_equal(sql_int(f, "SELECT count(*) FROM episode WHERE id = %lld AND "
	    "status = 'open'", (long long)w.episode), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM enrolment WHERE episode_id = %lld AND "
	    "until_date = ''", (long long)w.episode), 1);

	in.type = "lost_to_contact";
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_episode_discharge_run, &in, &who, &res, &e), ERR_OK);
	assert_string_equal(out.status, "discharged");
	assert_int_equal(res.id, w.episode);
	assert_non_null(strstr(res.detail, "type=lost_to_contact"));
	/* The place ends the day after the discharge date. */
	assert_int_equal(sql_int(f, "SELECT count(*) FROM enrolment WHERE episode_id = %lld AND "
	    "until_date = date('now')", (long long)w.episode), 1);

	error_clear(&e);
	assert_int_equal(run_op(f->s, op_episode_discharge_run, &in, &who, &res, &e),
	    ERR_CONFLICT);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM episode WHERE client_id = %lld AND "
	    "discharge_type = 'lost_to_contact'", (long long)w.client), 1);
}

static void
transfer_in_one_transaction(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_transfer_in in;
	struct episode out;
	struct actor who;
	struct op_result res;
	struct error e;
	int64_t plan_id = -1;

	world_make(f, &w);
	who = actor_of(w.clinician, 1u << ROLE_CLINICIAN);
	memset(&in, 0, sizeof in);
	in.episode_id = w.episode;
	in.date = date_from_unix((int64_t)time(NULL) - 86400);
	in.level = "1";
	in.track_id = w.php_other;	/* a 2.5 track: not the level asked */
	in.step_down_weeks = 2;
	in.out = &out;
	in.plan_id = &plan_id;
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_episode_transfer_run, &in, &who, &res, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "track_id"));
	assert_int_equal(count_rows(f, "episode"), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM episode WHERE id = %lld AND "
	    "status = 'open'", (long long)w.episode), 1);

	in.track_id = w.op;
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_episode_transfer_run, &in, &who, &res, &e), ERR_OK);
	assert_int_equal(count_rows(f, "episode"), 2);
	assert_int_equal(out.transferred_from, w.episode);
	assert_int_equal(out.step_down_weeks, 2);
	assert_string_equal(out.level, "1");
	assert_int_equal(plan_id, 0);		/* no signed plan to carry */
	assert_int_equal(res.id, out.id);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM episode WHERE id = %lld AND "
	    "status = 'discharged' AND discharge_type = 'transferred_lower'",
	    (long long)w.episode), 1);
	/* The old place ends on the date, the new begins then. */
	assert_int_equal(sql_int(f, "SELECT count(*) FROM enrolment WHERE episode_id = %lld AND "
	    "until_date = date('now', '-1 day')", (long long)w.episode), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM enrolment WHERE episode_id = %lld AND "
	    "from_date = date('now', '-1 day') AND until_date = ''", (long long)out.id), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(discharge_once_and_nothing_on_refusal, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(transfer_in_one_transaction, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

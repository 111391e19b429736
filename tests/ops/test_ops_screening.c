/*
 * test_ops_screening.c — a screening recorded (op_screening_record) against
 * a real store: its risk flags raise alerts, and each alert's task goes to
 * the one the routing rule picks — the primary clinician, else the
 * clinician on duty (episode's site, screening's site, recorder's site),
 * else (nobody on duty) the site's director, the alert unclaimed until a
 * clinician claims it (op_alert_claim), never the recorder or the first
 * clinician.
 */
#include "adm_fixture.h"

#include "ops/alert.h"
#include "ops/episode.h"
#include "ops/screening.h"

struct world {
	int64_t client, site, other_site, first, primary, on_duty, admissions, director;
	int64_t now;
};

static void
world_make(struct fx *f, struct world *w)
{
	w->site = add_site(f->s, "North");
	w->other_site = add_site(f->s, "South");
	w->first = staff_at(f->s, "first", 1u << ROLE_CLINICIAN, w->other_site);
	w->primary = staff_at(f->s, "primary", 1u << ROLE_CLINICIAN, w->site);
	w->on_duty = staff_at(f->s, "onduty", 1u << ROLE_CLINICIAN, w->site);
	w->admissions = staff_at(f->s, "adm", 1u << ROLE_ADMISSIONS, 0);
	w->director = staff_at(f->s, "dir", 1u << ROLE_DIRECTOR, w->site);
	w->client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	w->now = (int64_t)time(NULL);
}

static const struct instrument_result *
risky(void)
{
	static struct instrument_result r;

	memset(&r, 0, sizeof r);
	r.code = "phq9";
	r.version = "1";
	snprintf(r.band, sizeof r.band, "%s", "moderate");
	r.nflags = 1;
	r.flags[0].code = "phq9_item9";
	r.flags[0].message = "Thoughts of self-harm were reported.";
	r.alert = true;
	return &r;
}

static enum err
record(struct fx *f, const struct world *w, int64_t recorder, roleset roles,
    int64_t site, const struct instrument_result *r, struct screening_record_out *out,
    struct op_result *res, struct error *e)
{
	struct actor who = actor_of(recorder, roles);
	struct screening_record_in in;

	memset(&in, 0, sizeof in);
	memset(out, 0, sizeof *out);
	in.row.client_id = w->client;
	in.row.code = r->code;
	in.row.version = r->version;
	in.row.answers = "[0,0,0,0,0,0,0,0,2]";
	in.row.scores = "{\"total\":2}";
	in.row.flags = "[]";
	in.row.band = r->band;
	in.result = r;
	in.site_id = site;
	in.out = out;
	return run_op(f->s, op_screening_record_run, &in, &who, res, e);
}

static void
admit(struct fx *f, const struct world *w)
{
	struct actor who = actor_of(w->admissions, 1u << ROLE_ADMISSIONS);
	struct episode_admit_in in;
	struct episode ep;
	struct op_result res;
	struct error e;

	add_track(f->s, w->site, "Evening", "2.1");	/* the program provides 2.1 */
	memset(&in, 0, sizeof in);
	in.ep.client_id = w->client;
	in.ep.level = "2.1";
	in.ep.site_id = w->site;
	in.ep.primary_clinician = w->primary;
	in.ep.privacy_notice_given = true;
	in.ep.admitted_on = date_from_unix(w->now);
	in.out = &ep;
	assert_int_equal(run_op(f->s, op_episode_admit_run, &in, &who, &res, &e), ERR_OK);
}

static enum err
job_shift(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_duty_insert(tx, arg, e);
}

static void
on_duty(struct fx *f, const struct world *w, int64_t site, int64_t staff)
{
	struct duty_shift d = { .site_id = site, .staff_id = staff, .starts_at = w->now - 600,
		.ends_at = w->now + 3600, .note = "", .created_by = w->first };

	run_ok(f->s, job_shift, &d);
}

static void
no_flag_no_alert(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct instrument_result calm = *risky();
	struct screening_record_out out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	calm.nflags = 0;
	calm.alert = false;
	assert_int_equal(record(f, &w, w.admissions, 1u << ROLE_ADMISSIONS, 0, &calm, &out,
	    &res, &e), ERR_OK);
	assert_true(res.id > 0);
	assert_int_equal(res.clients[0], w.client);
	assert_string_equal(res.detail, "");
	assert_int_equal(out.alerts, 0);
	assert_int_equal(count_rows(f, "screening"), 1);
	assert_int_equal(count_rows(f, "alert"), 0);
	assert_int_equal(count_rows(f, "task"), 0);
}

static void
to_the_primary_clinician(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct screening_record_out out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	admit(f, &w);
	on_duty(f, &w, w.site, w.on_duty);
	assert_int_equal(record(f, &w, w.admissions, 1u << ROLE_ADMISSIONS, 0, risky(), &out,
	    &res, &e), ERR_OK);
	assert_int_equal(out.alerts, 1);
	assert_int_equal(out.assignee, w.primary);
	assert_string_equal(out.why, "the client's primary clinician");
	assert_non_null(strstr(res.detail, "1 alert(s) raised"));
	assert_int_equal(count_rows(f, "alert"), 1);
	assert_int_equal(raw_int(f->t.db, "SELECT assigned_to FROM task"), w.primary);
}

static void
to_the_clinician_on_duty_where_it_was_given(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct screening_record_out out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	on_duty(f, &w, w.site, w.on_duty);
	assert_int_equal(record(f, &w, w.admissions, 1u << ROLE_ADMISSIONS, w.site, risky(),
	    &out, &res, &e), ERR_OK);
	assert_int_equal(out.assignee, w.on_duty);
	assert_string_equal(out.why, "the clinician on duty at North");
}

static void
nobody_on_duty_to_the_director_unclaimed_until_claimed(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct screening_record_out out;
	struct op_result res;
	struct error e;
	struct alert_claim_in cin;
	struct alert a;
	struct actor who;

	world_make(f, &w);
	/* A clinician records it at North with nobody on duty: not theirs, nor
	 * the first clinician's, but North's director's, and unclaimed. */
	assert_int_equal(record(f, &w, w.on_duty, 1u << ROLE_CLINICIAN, w.site, risky(), &out,
	    &res, &e), ERR_OK);
	assert_int_equal(out.assignee, w.director);
	assert_true(out.unclaimed);
	assert_int_equal(out.site_id, w.site);
	assert_non_null(strstr(out.why, "director of North"));
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM alert WHERE unclaimed = 1 AND site_id = "
	    "(SELECT id FROM site WHERE name = 'North')"), 1);
	/* Not said where, recorder without a site: nobody, still unclaimed. */
	assert_int_equal(record(f, &w, w.admissions, 1u << ROLE_ADMISSIONS, 0, risky(), &out,
	    &res, &e), ERR_OK);
	assert_int_equal(out.assignee, 0);
	assert_true(out.unclaimed);
	assert_int_equal(count_rows(f, "task"), 2);

	/* A clinician claims the first: the task is theirs, off the list. */
	memset(&cin, 0, sizeof cin);
	cin.id = raw_int(f->t.db, "SELECT min(id) FROM alert");
	cin.out = &a;
	who = actor_of(w.first, 1u << ROLE_CLINICIAN);
	assert_int_equal(run_op(f->s, op_alert_claim_run, &cin, &who, &res, &e), ERR_OK);
	assert_false(a.unclaimed);
	assert_int_equal(a.claimed_by, w.first);
	assert_int_equal(a.assigned_to, w.first);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM alert WHERE unclaimed = 1"), 1);
	/* A second claim is refused, naming who has it; nothing changes. */
	who = actor_of(w.on_duty, 1u << ROLE_CLINICIAN);
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_alert_claim_run, &cin, &who, &res, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "first claimed this alert already.");
	assert_int_equal(raw_int(f->t.db, "SELECT assigned_to FROM task WHERE alert_id = "
	    "(SELECT min(id) FROM alert)"), w.first);
}

static void
unknown_site_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct screening_record_out out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	assert_int_equal(record(f, &w, w.admissions, 1u << ROLE_ADMISSIONS, 999, risky(), &out,
	    &res, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "site_id"), "is not a site");
	assert_int_equal(count_rows(f, "screening"), 0);
	assert_int_equal(count_rows(f, "alert"), 0);
	assert_int_equal(count_rows(f, "task"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_flag_no_alert, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(to_the_primary_clinician, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(to_the_clinician_on_duty_where_it_was_given,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(
		    nobody_on_duty_to_the_director_unclaimed_until_claimed, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(unknown_site_writes_nothing, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

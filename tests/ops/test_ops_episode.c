/*
 * test_ops_episode.c — admission into an episode of care (op_episode_admit)
 * against a real store: each rule allowed and refused, and nothing written
 * when refused.
 */
#include "adm_fixture.h"

#include "ops/episode.h"

struct world {
	int64_t client, site, other_site, clinician, case_manager, nurse;
};

static void
world_make(struct fx *f, struct world *w)
{
	w->client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	w->site = add_site(f->s, "North");
	w->other_site = add_site(f->s, "South");
	w->clinician = staff_at(f->s, "clin", 1u << ROLE_CLINICIAN, w->site);
	w->case_manager = staff_at(f->s, "cm", 1u << ROLE_CASE_MANAGER, w->site);
	w->nurse = staff_at(f->s, "nurse", 1u << ROLE_NURSE, w->site);
	/* The program provides level 2.1 (at the other site: a level is the
	 * program's, whichever site offers it). */
	add_track(f->s, w->other_site, "Day", "2.1");
}

static void
admission(const struct world *w, struct episode_admit_in *in, struct episode *out)
{
	memset(in, 0, sizeof *in);
	in->ep.client_id = w->client;
	in->ep.level = "2.1";
	in->ep.site_id = w->site;
	in->ep.primary_clinician = w->clinician;
	in->ep.privacy_notice_given = true;
	in->ep.admitted_on = date_from_unix((int64_t)time(NULL));
	in->out = out;
}

static enum err
admit(struct fx *f, const struct world *w, const struct episode_admit_in *in,
    struct op_result *res, struct error *e)
{
	struct actor who = actor_of(w->case_manager, 1u << ROLE_CASE_MANAGER);

	return run_op(f->s, op_episode_admit_run, in, &who, res, e);
}

static void
admits_and_names_the_client(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	admission(&w, &in, &out);
	in.ep.case_manager = w.case_manager;
	in.ep.track_id = track_at(f->s, w.site, "2.1");
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_OK);
	assert_true(res.id > 0);
	assert_int_equal(res.id, out.id);
	assert_int_equal(res.nclients, 1);
	assert_int_equal(res.clients[0], w.client);
	assert_int_equal(count_rows(f, "episode"), 1);
}

static void
one_open_episode(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	admission(&w, &in, &out);
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_OK);
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "already has an open episode"));
	assert_int_equal(count_rows(f, "episode"), 1);
}

static void
inactive_client_refused(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	admission(&w, &in, &out);
	in.ep.client_id = add_client(f->s, "Blake", "Fictional", "1985-01-01", false);
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_CONFLICT);
	assert_int_equal(count_rows(f, "episode"), 0);
}

static void
privacy_notice_required(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	admission(&w, &in, &out);
	in.ep.privacy_notice_given = false;
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "privacy_notice_given"));
	assert_int_equal(count_rows(f, "episode"), 0);
}

static void
no_future_admission(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	admission(&w, &in, &out);
	in.ep.admitted_on = date_from_unix((int64_t)time(NULL) + 3 * 86400);
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "admitted_on"));
	/* Tomorrow is allowed (a program west of UTC). */
	in.ep.admitted_on = date_from_unix((int64_t)time(NULL) + 86400);
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_OK);
	assert_int_equal(count_rows(f, "episode"), 1);
}

static void
track_matches_site_and_level(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	admission(&w, &in, &out);
	in.ep.track_id = track_at(f->s, w.other_site, "2.1");
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "track_id"), "is a track of another site");
	in.ep.track_id = track_at(f->s, w.site, "1");
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "track_id"), "runs at level 1, not 2.1");
	in.ep.track_id = 999;
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "track_id"), "is not a track");
	assert_int_equal(count_rows(f, "episode"), 0);
}

static void
staff_roles_checked(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	admission(&w, &in, &out);
	in.ep.primary_clinician = w.nurse;
	in.ep.case_manager = w.clinician;
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "primary_clinician_id"));
	assert_non_null(field_msg(&e, "case_manager_id"));
	in.ep.primary_clinician = w.clinician;
	in.ep.case_manager = 0;
	in.ep.site_id = 999;
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "site_id"), "is not a site");
	assert_int_equal(count_rows(f, "episode"), 0);
}

static void
inquiry_of_this_client(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;
	struct inquiry q;

	world_make(f, &w);
	admission(&w, &in, &out);
	inquiry_blank(&q, "Someone Else");
	in.ep.inquiry_id = inquiry_add(f->s, &q);
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "inquiry_id"));
	assert_int_equal(count_rows(f, "episode"), 0);
}

static void
only_a_level_an_active_track_provides(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	admission(&w, &in, &out);
	in.ep.level = "3.7";		/* residential: no track of the program */
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "level"),
	    "is not a level this program provides; its tracks run at 2.1");
	raw_exec(f->t.db, "UPDATE track SET active = 0");
	in.ep.level = "2.1";
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_INVALID);
	assert_non_null(strstr(field_msg(&e, "level"), "no active track"));
	assert_int_equal(count_rows(f, "episode"), 0);
}

static void
an_open_alert_is_seen_before_admitting(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;
	struct alert *unseen = NULL;
	size_t nunseen = 0;
	char sql[256];
	int64_t alert;

	world_make(f, &w);
	snprintf(sql, sizeof sql, "INSERT INTO alert (client_id, kind, message, source_type, "
	    "source_id, raised_at) VALUES (%lld, 'suicide_risk', 'Item 9 above zero.', "
	    "'screening', 1, 100)", (long long)w.client);
	raw_exec(f->t.db, sql);
	alert = raw_int(f->t.db, "SELECT max(id) FROM alert");
	admission(&w, &in, &out);
	in.unseen = &unseen;
	in.nunseen = &nunseen;
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "open safety alert"));
	assert_int_equal(nunseen, 1);
	assert_int_equal(unseen[0].id, alert);
	/* The refusal shows the alert: a read of the client, for the audit. */
	assert_string_equal(res.refusal_shows, "episode.alerts_shown");
	assert_int_equal(res.nclients, 1);
	assert_int_equal(res.clients[0], w.client);
	assert_int_equal(count_rows(f, "episode"), 0);
	/* Seen and acknowledged: admitted, and the episode keeps it. */
	in.ep.acknowledged.id[0] = alert;
	in.ep.acknowledged.n = 1;
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_OK);
	snprintf(sql, sizeof sql, "SELECT acknowledged_alerts = '[%lld]' FROM episode",
	    (long long)alert);
	assert_int_equal(raw_int(f->t.db, sql), 1);
	assert_non_null(strstr(res.detail, "acknowledged_alerts="));
}

static void
admission_takes_the_clients_inquiries_off_the_board(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;
	struct inquiry q, other;
	char sql[256];

	world_make(f, &w);
	inquiry_blank(&q, "Avery Fictional");
	inquiry_add(f->s, &q);
	inquiry_blank(&other, "Someone Else");
	inquiry_add(f->s, &other);
	snprintf(sql, sizeof sql, "UPDATE inquiry SET client_id = %lld, status = 'contacted' "
	    "WHERE id = %lld", (long long)w.client, (long long)q.id);
	raw_exec(f->t.db, sql);
	snprintf(sql, sizeof sql, "INSERT INTO task (kind, title, inquiry_id, created_at) "
	    "VALUES ('follow_up', 'Call back today', %lld, 1), ('follow_up', 'Call', %lld, 1)",
	    (long long)q.id, (long long)other.id);
	raw_exec(f->t.db, sql);
	admission(&w, &in, &out);	/* the inquiry is not named (a clinician admits) */
	assert_int_equal(admit(f, &w, &in, &res, &e), ERR_OK);
	snprintf(sql, sizeof sql, "SELECT status = 'admitted' FROM inquiry WHERE id = %lld",
	    (long long)q.id);
	assert_int_equal(raw_int(f->t.db, sql), 1);
	snprintf(sql, sizeof sql, "SELECT done_at > 0 FROM task WHERE inquiry_id = %lld",
	    (long long)q.id);
	assert_int_equal(raw_int(f->t.db, sql), 1);
	/* Someone else's inquiry and follow-up stay as they were. */
	snprintf(sql, sizeof sql, "SELECT status = 'new' FROM inquiry WHERE id = %lld",
	    (long long)other.id);
	assert_int_equal(raw_int(f->t.db, sql), 1);
	snprintf(sql, sizeof sql, "SELECT done_at FROM task WHERE inquiry_id = %lld",
	    (long long)other.id);
	assert_int_equal(raw_int(f->t.db, sql), 0);
	assert_non_null(strstr(res.detail, "inquiries_admitted="));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(admits_and_names_the_client, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(one_open_episode, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(inactive_client_refused, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(privacy_notice_required, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(no_future_admission, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(track_matches_site_and_level, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(staff_roles_checked, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(inquiry_of_this_client, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(only_a_level_an_active_track_provides, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(an_open_alert_is_seen_before_admitting, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(admission_takes_the_clients_inquiries_off_the_board,
		    adm_setup, adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

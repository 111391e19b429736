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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

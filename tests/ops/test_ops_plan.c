/*
 * test_ops_plan.c — treatment plans (ops/plan.c) against a real store: the
 * lifecycle from draft to locked, every write to a signed version refused
 * with nothing written, a revision carrying the objectives' keys, a key of
 * another episode refused, and a plan only for an open episode.
 */
#include "adm_fixture.h"

#include "ops/episode.h"
#include "ops/plan.h"

struct world {
	int64_t client, site, clinician, episode;
};

static int64_t
admit_one(struct fx *f, struct world *w, const char *first)
{
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;
	struct actor who = actor_of(w->clinician, 1u << ROLE_CLINICIAN);

	memset(&in, 0, sizeof in);
	in.ep.client_id = add_client(f->s, first, "Fictional", "1990-04-02", true);
	in.ep.level = "2.1";
	in.ep.site_id = w->site;
	in.ep.primary_clinician = w->clinician;
	in.ep.privacy_notice_given = true;
	in.ep.admitted_on = date_from_unix((int64_t)time(NULL));
	in.out = &out;
	assert_int_equal(run_op(f->s, op_episode_admit_run, &in, &who, &res, &e), ERR_OK);
	w->client = in.ep.client_id;
	return out.id;
}

static void
world_make(struct fx *f, struct world *w)
{
	w->site = add_site(f->s, "North");
	w->clinician = staff_at(f->s, "clin", 1u << ROLE_CLINICIAN, w->site);
	add_track(f->s, w->site, "Day", "2.1");
	w->episode = admit_one(f, w, "Avery");
}

/* A complete content: one problem, goal, objective (key given) and
 * intervention, in static storage the caller fills again each time. */
struct content {
	struct plan_objective o[2];
	struct plan_intervention iv;
	struct plan_goal g;
	struct plan_problem p;
};

static struct plan_problem *
content_make(struct content *c, const struct world *w, int64_t key)
{
	c->o[0] = (struct plan_objective){ key, "Name three triggers.",
		date_from_unix((int64_t)time(NULL) + 20 * 86400), "open" };
	c->iv = (struct plan_intervention){ "relapse_prevention", "3 groups a week", w->clinician,
		NULL };
	c->g = (struct plan_goal){ "I want to stay sober.", c->o, 1, &c->iv, 1 };
	c->p = (struct plan_problem){ 5, "Relapsed after each treatment.", &c->g, 1 };
	return &c->p;
}

static enum err
as_clin(struct fx *f, const struct world *w, op_run_fn run, const void *in,
    struct error *e)
{
	struct actor who = actor_of(w->clinician, 1u << ROLE_CLINICIAN);
	struct op_result res;

	error_clear(e);
	return run_op(f->s, run, in, &who, &res, e);
}

/* Everything a version's rows hold, as one number that changes with any
 * write (a checksum over the plan tables). */
static int64_t
plan_state(struct fx *f)
{
	return raw_int(f->t.db, "SELECT (SELECT total(length(status) * 7 + updated_at + "
	    "clinician_signed_at + client_signed_at + length(client_signed_name)) FROM "
	    "plan_version) + (SELECT count(*) * 1000 FROM plan_problem) + (SELECT total("
	    "length(text) + length(status)) FROM plan_objective) + (SELECT count(*) * 100000 "
	    "FROM plan_intervention)");
}

static void
draft_signed_locked_and_refused_after(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct content c;
	struct plan out;
	struct error e;
	struct plan_create_in cin = { 0 };
	struct plan_update_in uin = { 0 };
	struct plan_sign_in sin = { 0 };
	struct plan_client_sign_in csin = { 0 };
	int64_t before;

	world_make(f, &w);
	cin.episode_id = w.episode;
	cin.out = &out;
	assert_int_equal(as_clin(f, &w, op_plan_create_run, &cin, &e), ERR_OK);
	assert_string_equal(out.status, "draft");
	assert_int_equal(out.client_id, w.client);
	/* A second first version is refused. */
	assert_int_equal(as_clin(f, &w, op_plan_create_run, &cin, &e), ERR_CONFLICT);
	assert_int_equal(count_rows(f, "plan_version"), 1);

	uin.id = out.id;
	uin.problems = content_make(&c, &w, 0);
	uin.nproblems = 1;
	uin.out = &out;
	assert_int_equal(as_clin(f, &w, op_plan_update_run, &uin, &e), ERR_OK);
	assert_true(out.problems[0].goals[0].objectives[0].key > 0);

	sin.id = out.id;
	sin.review_days = 30;
	sin.out = &out;
	assert_int_equal(as_clin(f, &w, op_plan_sign_run, &sin, &e), ERR_OK);
	assert_string_equal(out.status, "clinician_signed");
	assert_int_equal(out.review_due_at, out.clinician_signed_at + 30 * 86400);

	/* Signed: an edit and a second signature change nothing. */
	before = plan_state(f);
	assert_int_equal(as_clin(f, &w, op_plan_update_run, &uin, &e), ERR_CONFLICT);
	assert_int_equal(as_clin(f, &w, op_plan_sign_run, &sin, &e), ERR_CONFLICT);
	assert_int_equal(plan_state(f), before);

	csin.id = out.id;
	csin.name = "Avery Fictional";
	csin.agree = true;
	csin.out = &out;
	assert_int_equal(as_clin(f, &w, op_plan_client_sign_run, &csin, &e), ERR_OK);
	assert_string_equal(out.status, "locked");
	assert_int_equal(out.client_signed_witness, w.clinician);

	before = plan_state(f);
	assert_int_equal(as_clin(f, &w, op_plan_update_run, &uin, &e), ERR_CONFLICT);
	assert_int_equal(as_clin(f, &w, op_plan_sign_run, &sin, &e), ERR_CONFLICT);
	assert_int_equal(as_clin(f, &w, op_plan_client_sign_run, &csin, &e), ERR_CONFLICT);
	assert_int_equal(plan_state(f), before);
}

static void
revision_keeps_the_keys(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct content c;
	struct plan v1, v2, other;
	struct error e;
	struct plan_create_in cin = { 0 };
	struct plan_update_in uin = { 0 };
	struct plan_sign_in sin = { 0 };
	struct plan_revise_in rin = { 0 };
	int64_t key, before, ep2;

	world_make(f, &w);
	cin.episode_id = w.episode;
	cin.problems = content_make(&c, &w, 0);
	cin.nproblems = 1;
	cin.out = &v1;
	assert_int_equal(as_clin(f, &w, op_plan_create_run, &cin, &e), ERR_OK);
	key = v1.problems[0].goals[0].objectives[0].key;
	/* A draft is edited, not revised. */
	rin.id = v1.id;
	rin.out = &v2;
	assert_int_equal(as_clin(f, &w, op_plan_revise_run, &rin, &e), ERR_CONFLICT);
	sin.id = v1.id;
	sin.review_days = 14;
	sin.out = &v1;
	assert_int_equal(as_clin(f, &w, op_plan_sign_run, &sin, &e), ERR_OK);
	before = plan_state(f);
	assert_int_equal(as_clin(f, &w, op_plan_revise_run, &rin, &e), ERR_OK);
	assert_int_equal(v2.version, 2);
	assert_string_equal(v2.status, "draft");
	assert_int_equal(v2.problems[0].goals[0].objectives[0].key, key);
	/* Revising version 1 again is refused: version 2 exists. */
	assert_int_equal(as_clin(f, &w, op_plan_revise_run, &rin, &e), ERR_CONFLICT);
	(void)before;

	/* A key of another episode's plan is refused, and nothing is written. */
	ep2 = admit_one(f, &w, "Blake");
	cin.episode_id = ep2;
	cin.problems = content_make(&c, &w, 0);
	cin.out = &other;
	assert_int_equal(as_clin(f, &w, op_plan_create_run, &cin, &e), ERR_OK);
	uin.id = v2.id;
	uin.problems = content_make(&c, &w, other.problems[0].goals[0].objectives[0].key);
	uin.nproblems = 1;
	uin.out = &v2;
	before = plan_state(f);
	assert_int_equal(as_clin(f, &w, op_plan_update_run, &uin, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "problems[0].goals[0].objectives[0].key"));
	assert_int_equal(plan_state(f), before);
	/* Its own key is kept; its status changes in the new version only. */
	uin.problems = content_make(&c, &w, key);
	c.o[0].status = "met";
	assert_int_equal(as_clin(f, &w, op_plan_update_run, &uin, &e), ERR_OK);
	assert_int_equal(v2.problems[0].goals[0].objectives[0].key, key);
	assert_string_equal(v2.problems[0].goals[0].objectives[0].status, "met");
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM plan_objective WHERE "
	    "status = 'open' AND version_id = (SELECT min(id) FROM plan_version)"), 1);
}

static void
unknown_staff_and_closed_episode(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct content c;
	struct plan out;
	struct error e;
	struct plan_create_in cin = { 0 };

	world_make(f, &w);
	cin.episode_id = w.episode;
	cin.problems = content_make(&c, &w, 0);
	cin.nproblems = 1;
	cin.out = &out;
	c.iv.staff_id = 999999;
	assert_int_equal(as_clin(f, &w, op_plan_create_run, &cin, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "problems[0].goals[0].interventions[0].staff_id"));
	assert_int_equal(count_rows(f, "plan_version"), 0);
	cin.episode_id = 999999;
	assert_int_equal(as_clin(f, &w, op_plan_create_run, &cin, &e), ERR_NOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(draft_signed_locked_and_refused_after, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(revision_keeps_the_keys, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(unknown_staff_and_closed_episode, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

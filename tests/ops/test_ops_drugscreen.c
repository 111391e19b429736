/*
 * test_ops_drugscreen.c — medications and drug screens against a real
 * store: the substances expected come from the medications taken on the
 * collection date (not one stopped before it, nor one entered in error);
 * an unexpected result is flagged both ways (a positive not prescribed, a
 * negative for one prescribed); the review task is raised once per screen,
 * for the client's primary clinician (the recorder when the client has no
 * clinician); a correction keeps the earlier
 * results; a medication entered in error is kept and cannot be changed.
 */
#include "adm_fixture.h"

#include "lib/timeutil.h"
#include "ops/drugscreen.h"
#include "ops/episode.h"
#include "ops/medication.h"

#define DAY (24 * 3600)

struct world {
	int64_t client, site, primary, nurse, prescriber, admissions;
	int64_t now;
	char month_ago[11], week_ago[11];
};

static void
world_make(struct fx *f, struct world *w)
{
	struct actor who;
	struct episode_admit_in in;
	struct episode ep;
	struct op_result res;
	struct error e;

	w->site = add_site(f->s, "North");
	w->primary = staff_at(f->s, "primary", 1u << ROLE_CLINICIAN, w->site);
	w->nurse = staff_at(f->s, "nurse", 1u << ROLE_NURSE, w->site);
	w->prescriber = staff_at(f->s, "prescriber", 1u << ROLE_PRESCRIBER, w->site);
	w->admissions = staff_at(f->s, "adm", 1u << ROLE_ADMISSIONS, 0);
	w->client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	w->now = (int64_t)time(NULL);
	date_format(date_from_unix(w->now - 30 * DAY), w->month_ago);
	date_format(date_from_unix(w->now - 7 * DAY), w->week_ago);
	add_track(f->s, w->site, "Evening", "2.1");
	who = actor_of(w->admissions, 1u << ROLE_ADMISSIONS);
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

static int64_t
add_med(struct fx *f, const struct world *w, const char *name, const char *mat,
    const char *start, const char *stop, struct error *e)
{
	struct actor who = actor_of(w->prescriber, 1u << ROLE_PRESCRIBER);
	struct medication_create_in in;
	struct medication out;
	struct op_result res;

	memset(&in, 0, sizeof in);
	in.m.client_id = w->client;
	in.m.name = name;
	in.m.mat = mat;
	in.m.expected = "";
	in.m.dose = "";
	in.m.prescriber_id = w->prescriber;
	in.m.prescriber_name = "";
	in.m.start_date = start;
	in.m.stop_date = stop;
	in.m.error_reason = "";
	in.out = &out;
	if (run_op(f->s, op_medication_create_run, &in, &who, &res, e) != ERR_OK)
		return 0;
	return out.id;
}

/* A 12-panel cup, negative but for the substances in pos. */
static void
cup(struct screen_results *r, subset *given, subset pos)
{
	const struct panel_def *p = panel_find("cup12");

	*given = 0;
	for (int i = 0; i < SUB__MAX; i++)
		r->r[i] = RES_NOT_TESTED;
	for (int i = 0; i < p->n; i++) {
		r->r[p->subs[i]] = (pos & (1u << p->subs[i])) ? RES_POSITIVE : RES_NEGATIVE;
		*given |= 1u << p->subs[i];
	}
}

static enum err
screen(struct fx *f, const struct world *w, int64_t at, subset pos, struct dscreen_out *out,
    struct op_result *res, struct error *e)
{
	struct actor who = actor_of(w->nurse, 1u << ROLE_NURSE);
	struct dscreen_record_in in;

	memset(&in, 0, sizeof in);
	memset(out, 0, sizeof *out);
	in.d.client_id = w->client;
	in.d.collected_at = at;
	in.d.method = "point_of_care";
	in.d.panel = "cup12";
	in.d.observed = true;
	in.has_results = true;
	cup(&in.res, &in.given, pos);
	in.out = out;
	return run_op(f->s, op_dscreen_record_run, &in, &who, res, e);
}

#define BIT(s) (1u << (s))

static void
unexpected_both_ways_one_task_for_the_primary(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct dscreen_out out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	assert_true(add_med(f, &w, "Buprenorphine-naloxone", "buprenorphine", w.month_ago, "",
	    &e) > 0);
	assert_int_equal(screen(f, &w, w.now - 3600, BIT(SUB_COCAINE), &out, &res, &e), ERR_OK);
	assert_string_equal(out.d.status, "resulted");
	assert_string_equal(out.d.expected, "buprenorphine");
	assert_string_equal(out.d.unexpected, "buprenorphine,cocaine");
	assert_true(out.task_raised);
	assert_int_equal(out.assignee, w.primary);
	assert_int_equal(res.clients[0], w.client);
	assert_null(strstr(res.detail, "cocaine"));
	assert_int_equal(count_rows(f, "task"), 1);
	assert_int_equal(raw_int(f->t.db, "SELECT assigned_to FROM task"), w.primary);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM task WHERE kind = "
	    "'drug_screen_review'"), 1);

	/* Corrected: the earlier results kept, no second task. */
	{
		struct actor who = actor_of(w.nurse, 1u << ROLE_NURSE);
		struct dscreen_results_in in;
		struct dscreen_out o2;

		memset(&in, 0, sizeof in);
		in.id = out.d.id;
		cup(&in.res, &in.given, BIT(SUB_BUPRENORPHINE) | BIT(SUB_THC));
		in.out = &o2;
		assert_int_equal(run_op(f->s, op_dscreen_results_run, &in, &who, &res, &e),
		    ERR_OK);
		assert_string_equal(o2.d.unexpected, "thc");
		assert_false(o2.task_raised);
		assert_int_equal(o2.d.task_id, out.d.task_id);
		assert_int_equal(o2.d.revisions, 1);
		assert_int_equal(count_rows(f, "task"), 1);
		assert_int_equal(count_rows(f, "drug_screen_revision"), 1);
	}
}

static void
as_prescribed_is_not_flagged(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct dscreen_out out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	assert_true(add_med(f, &w, "Buprenorphine-naloxone", "buprenorphine", w.month_ago, "",
	    &e) > 0);
	assert_int_equal(screen(f, &w, w.now, BIT(SUB_BUPRENORPHINE), &out, &res, &e), ERR_OK);
	assert_string_equal(out.d.unexpected, "");
	assert_false(out.task_raised);
	assert_int_equal(out.d.task_id, 0);
	assert_int_equal(count_rows(f, "task"), 0);
}

static void
stopped_or_in_error_is_not_expected(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct dscreen_out out;
	struct op_result res;
	struct error e;
	int64_t benzo;

	world_make(f, &w);
	/* Stopped a week ago: a screen today expects nothing of it, one from
	 * before the stop does. */
	assert_true(add_med(f, &w, "Methadone", "methadone", w.month_ago, w.week_ago, &e) > 0);
	assert_int_equal(screen(f, &w, w.now, 0, &out, &res, &e), ERR_OK);
	assert_string_equal(out.d.expected, "");
	assert_string_equal(out.d.unexpected, "");
	assert_int_equal(screen(f, &w, w.now - 10 * DAY, 0, &out, &res, &e), ERR_OK);
	assert_string_equal(out.d.expected, "methadone");
	assert_string_equal(out.d.unexpected, "methadone");

	/* Entered in error: kept, no longer expected, no longer changeable. */
	benzo = add_med(f, &w, "Clonazepam", "", w.month_ago, "", &e);
	assert_true(benzo > 0);
	{
		struct actor who = actor_of(w.prescriber, 1u << ROLE_PRESCRIBER);
		struct medication_update_in in;
		struct medication m;

		memset(&in, 0, sizeof in);
		in.id = benzo;
		in.set.expected = "benzodiazepines";
		in.fields = 1u << MEDF_EXPECTED;
		in.out = &m;
		assert_int_equal(run_op(f->s, op_medication_update_run, &in, &who, &res, &e),
		    ERR_OK);
		assert_string_equal(res.detail, "changed=expected");
		assert_int_equal(screen(f, &w, w.now, BIT(SUB_BENZODIAZEPINES), &out, &res, &e),
		    ERR_OK);
		assert_string_equal(out.d.unexpected, "");

		in.set.entered_in_error = true;
		in.set.error_reason = "Another client's prescription.";
		in.fields = 1u << MEDF_ENTERED_IN_ERROR | 1u << MEDF_ERROR_REASON;
		assert_int_equal(run_op(f->s, op_medication_update_run, &in, &who, &res, &e),
		    ERR_OK);
		assert_true(m.entered_in_error);
		assert_int_equal(m.revisions, 2);
		assert_int_equal(screen(f, &w, w.now, BIT(SUB_BENZODIAZEPINES), &out, &res, &e),
		    ERR_OK);
		assert_string_equal(out.d.unexpected, "benzodiazepines");

		in.set.dose = "1 mg";
		in.fields = 1u << MEDF_DOSE;
		error_clear(&e);
		assert_int_equal(run_op(f->s, op_medication_update_run, &in, &who, &res, &e),
		    ERR_CONFLICT);
		assert_int_equal(count_rows(f, "medication"), 2);
	}
}

static void
pending_then_resulted(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct actor who;
	struct dscreen_record_in in;
	struct dscreen_results_in rin;
	struct dscreen_out out, o2;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	who = actor_of(w.nurse, 1u << ROLE_NURSE);
	memset(&in, 0, sizeof in);
	in.d.client_id = w.client;
	in.d.collected_at = w.now - DAY;
	in.d.method = "lab";
	in.d.panel = "cup12";
	in.out = &out;
	assert_int_equal(run_op(f->s, op_dscreen_record_run, &in, &who, &res, &e), ERR_OK);
	assert_string_equal(out.d.status, "pending");
	assert_int_equal(count_rows(f, "task"), 0);

	/* Results that leave out a substance of the panel are refused. */
	memset(&rin, 0, sizeof rin);
	rin.id = out.d.id;
	cup(&rin.res, &rin.given, BIT(SUB_OPIATES));
	rin.given &= ~BIT(SUB_THC);
	rin.out = &o2;
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_dscreen_results_run, &rin, &who, &res, &e),
	    ERR_INVALID);
	assert_string_equal(field_msg(&e, "results.thc"),
	    "is missing: say positive, negative or not_tested");
	rin.given |= BIT(SUB_THC);
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_dscreen_results_run, &rin, &who, &res, &e), ERR_OK);
	assert_string_equal(o2.d.status, "resulted");
	assert_string_equal(o2.d.unexpected, "opiates");
	assert_true(o2.task_raised);
	assert_int_equal(o2.d.revisions, 0);
	assert_int_equal(count_rows(f, "task"), 1);
}

/* A client in no episode has no clinician: the task goes to whoever
 * entered the results, never to nobody. */
static void
no_episode_to_the_recorder(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct dscreen_out out;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	w.client = add_client(f->s, "Blake", "Fictional", "1987-01-09", true);
	assert_int_equal(screen(f, &w, w.now, BIT(SUB_OPIATES), &out, &res, &e), ERR_OK);
	assert_true(out.task_raised);
	assert_int_equal(out.assignee, w.nurse);
	assert_int_equal(raw_int(f->t.db, "SELECT assigned_to FROM task"), w.nurse);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(unexpected_both_ways_one_task_for_the_primary,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(as_prescribed_is_not_flagged, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(stopped_or_in_error_is_not_expected, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(pending_then_resulted, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(no_episode_to_the_recorder, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

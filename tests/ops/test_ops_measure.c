/*
 * test_ops_measure.c — repeated measures against a real store: a screening
 * whose tracked score rose by the setting or more since the previous one in
 * the client's open episode raises one measure_worsened task for the
 * primary clinician, written in the screening's own transaction (a job that
 * fails after it leaves neither); a smaller rise, an improvement, a setting
 * of 0, a voided earlier screening, one from before the episode's intake
 * window and a client with no episode raise none; the schedule saves only
 * valid settings.
 */
#include "adm_fixture.h"

#include "ops/episode.h"
#include "ops/measure.h"
#include "ops/screening.h"

#define DAY (24 * 3600)

struct world {
	int64_t client, site, primary, nurse, admissions;
};

static void
admit(struct fx *f, struct world *w, int64_t client)
{
	struct actor who = actor_of(w->admissions, 1u << ROLE_ADMISSIONS);
	struct episode_admit_in in;
	struct episode ep;
	struct op_result res;
	struct error e;

	memset(&in, 0, sizeof in);
	in.ep.client_id = client;
	in.ep.level = "2.1";
	in.ep.site_id = w->site;
	in.ep.primary_clinician = w->primary;
	in.ep.privacy_notice_given = true;
	in.ep.admitted_on = date_from_unix(time(NULL));
	in.out = &ep;
	assert_int_equal(run_op(f->s, op_episode_admit_run, &in, &who, &res, &e), ERR_OK);
}

static void
world_make(struct fx *f, struct world *w)
{
	w->site = add_site(f->s, "North");
	w->primary = staff_at(f->s, "primary", 1u << ROLE_CLINICIAN, w->site);
	w->nurse = staff_at(f->s, "nurse", 1u << ROLE_NURSE, w->site);
	w->admissions = staff_at(f->s, "adm", 1u << ROLE_ADMISSIONS, 0);
	w->client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	add_track(f->s, w->site, "Evening", "2.1");
	admit(f, w, w->client);
}

/* A result of code with its tracked score (total, or BAM's use) at v. */
static struct instrument_result *
scored(const char *code, int v)
{
	static struct instrument_result r;

	memset(&r, 0, sizeof r);
	r.code = code;
	r.version = "1";
	snprintf(r.band, sizeof r.band, "%s", "mild");
	r.nscores = 1;
	r.scores[0].name = strcmp(code, "bam") == 0 ? "use" : "total";
	r.scores[0].value = v;
	return &r;
}

static void
input(const struct world *w, int64_t client, const struct instrument_result *r,
    struct screening_record_in *in, struct screening_record_out *out, char *scores, size_t cap)
{
	memset(in, 0, sizeof *in);
	memset(out, 0, sizeof *out);
	snprintf(scores, cap, "{\"%s\":%d}", r->scores[0].name, r->scores[0].value);
	in->row.client_id = client;
	in->row.code = r->code;
	in->row.version = r->version;
	in->row.answers = "[]";
	in->row.scores = scores;
	in->row.flags = "[]";
	in->row.band = r->band;
	in->result = r;
	in->site_id = w->site;
	in->out = out;
}

static enum err
record(struct fx *f, const struct world *w, int64_t client, const char *code, int v,
    struct screening_record_out *out)
{
	struct actor who = actor_of(w->nurse, 1u << ROLE_NURSE);
	struct screening_record_in in;
	struct op_result res;
	struct error e;
	char scores[64];

	input(w, client, scored(code, v), &in, out, scores, sizeof scores);
	return run_op(f->s, op_screening_record_run, &in, &who, &res, &e);
}

static int64_t
worsened_tasks(struct fx *f)
{
	return raw_int(f->t.db, "SELECT count(*) FROM task WHERE kind = 'measure_worsened'");
}

static void
rise_by_the_threshold_one_task_for_the_primary(void **state)
{
	struct fx *f = *state;
	struct screening_record_out out;
	struct world w;

	world_make(f, &w);
	assert_int_equal(record(f, &w, w.client, "phq9", 4, &out), ERR_OK);
	assert_false(out.worsening.raised);		/* the first: nothing to compare */
	assert_int_equal(record(f, &w, w.client, "phq9", 9, &out), ERR_OK);	/* +5 */
	assert_true(out.worsening.raised);
	assert_int_equal(out.worsening.prev, 4);
	assert_int_equal(out.worsening.cur, 9);
	assert_int_equal(out.worsening.assignee, w.primary);
	assert_int_equal(worsened_tasks(f), 1);
	assert_int_equal(raw_int(f->t.db, "SELECT assigned_to FROM task WHERE kind = "
	    "'measure_worsened'"), w.primary);
	assert_int_equal(raw_int(f->t.db, "SELECT client_id FROM task WHERE kind = "
	    "'measure_worsened'"), w.client);
}

static void
smaller_rise_improvement_and_zero_raise_none(void **state)
{
	struct fx *f = *state;
	struct screening_record_out out;
	struct world w;

	world_make(f, &w);
	assert_int_equal(record(f, &w, w.client, "gad7", 6, &out), ERR_OK);
	assert_int_equal(record(f, &w, w.client, "gad7", 10, &out), ERR_OK);	/* +4 */
	assert_false(out.worsening.raised);
	assert_int_equal(record(f, &w, w.client, "gad7", 2, &out), ERR_OK);	/* better */
	assert_false(out.worsening.raised);
	/* BAM use by 2: raised; then the setting at 0: never. */
	assert_int_equal(record(f, &w, w.client, "bam", 0, &out), ERR_OK);
	assert_int_equal(record(f, &w, w.client, "bam", 2, &out), ERR_OK);
	assert_true(out.worsening.raised);
	raw_exec(f->t.db, "UPDATE measure_schedule SET worsen_by = 0 WHERE code = 'bam'");
	assert_int_equal(record(f, &w, w.client, "bam", 12, &out), ERR_OK);
	assert_false(out.worsening.raised);
	/* An instrument that is not repeated never raises one. */
	assert_int_equal(record(f, &w, w.client, "audit", 2, &out), ERR_OK);
	assert_int_equal(record(f, &w, w.client, "audit", 30, &out), ERR_OK);
	assert_false(out.worsening.raised);
	assert_int_equal(worsened_tasks(f), 1);
}

static void
voided_old_or_no_episode_is_not_compared(void **state)
{
	struct fx *f = *state;
	struct screening_record_out out;
	struct world w;
	int64_t loose;

	world_make(f, &w);
	assert_int_equal(record(f, &w, w.client, "phq9", 3, &out), ERR_OK);
	raw_exec(f->t.db, "UPDATE screening SET voided_at = 1, void_reason = 'wrong client'");
	assert_int_equal(record(f, &w, w.client, "phq9", 20, &out), ERR_OK);
	assert_false(out.worsening.raised);
	/* 45 days before the admission: another episode's, not compared. */
	raw_exec(f->t.db, "UPDATE screening SET administered_at = administered_at - 45 * 86400");
	assert_int_equal(record(f, &w, w.client, "phq9", 27, &out), ERR_OK);
	assert_false(out.worsening.raised);
	/* 20 days before: the admission screening, compared. */
	raw_exec(f->t.db, "UPDATE screening SET administered_at = strftime('%s','now') - 20 * 86400,"
	    " scores = '{\"total\":5}' WHERE id = (SELECT max(id) FROM screening)");
	assert_int_equal(record(f, &w, w.client, "phq9", 10, &out), ERR_OK);
	assert_true(out.worsening.raised);
	assert_int_equal(out.worsening.prev, 5);
	loose = add_client(f->s, "Blake", "Fictional", "1987-01-09", true);
	assert_int_equal(record(f, &w, loose, "phq9", 1, &out), ERR_OK);
	assert_int_equal(record(f, &w, loose, "phq9", 20, &out), ERR_OK);
	assert_false(out.worsening.raised);
	assert_int_equal(worsened_tasks(f), 1);
}

/* The screening's job, then a failure: the writer rolls both back. */
static enum err
record_then_fail(struct store_tx *tx, void *arg, struct error *e)
{
	if (op_call_job(tx, arg, e) != ERR_OK)
		return e->code;
	return error_set(e, ERR_CONFLICT, "failed after the screening");
}

static void
task_is_written_with_the_screening(void **state)
{
	struct fx *f = *state;
	struct screening_record_out out;
	struct screening_record_in in;
	struct op_call c;
	struct world w;
	struct error e;
	char scores[64];

	world_make(f, &w);
	assert_int_equal(record(f, &w, w.client, "phq9", 2, &out), ERR_OK);
	input(&w, w.client, scored("phq9", 19), &in, &out, scores, sizeof scores);
	op_call_init(&c, adm_arena, op_screening_record_run, &in);
	c.who = actor_of(w.nurse, 1u << ROLE_NURSE);
	assert_int_equal(run_job(f->s, record_then_fail, &c, &e), ERR_CONFLICT);
	assert_true(out.worsening.raised);	/* it was raised in the job ... */
	assert_int_equal(worsened_tasks(f), 0);	/* ... and went with it */
	assert_int_equal(count_rows(f, "screening"), 1);
}

static void
schedule_saves_valid_settings_only(void **state)
{
	struct fx *f = *state;
	struct actor who;
	struct measure_schedule_in in;
	struct measure_setting *saved = NULL;
	struct op_result res;
	struct error e;
	struct world w;
	size_t n = 0;

	world_make(f, &w);
	who = actor_of(w.primary, 1u << ROLE_DIRECTOR);
	memset(&in, 0, sizeof in);
	in.items[0] = (struct measure_setting){ .code = "phq9", .every_days = 7, .worsen_by = 4 };
	in.items[1] = (struct measure_setting){ .code = "gad7", .every_days = 366, .worsen_by = 22 };
	in.n = 2;
	in.out = &saved;
	in.nout = &n;
	assert_int_equal(run_op(f->s, op_measure_schedule_save_run, &in, &who, &res, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "gad7.every_days"));
	assert_non_null(field_msg(&e, "gad7.worsen_by"));
	assert_int_equal(raw_int(f->t.db, "SELECT every_days FROM measure_schedule WHERE code = "
	    "'phq9'"), 14);
	in.items[1].every_days = 0;
	in.items[1].worsen_by = 21;
	assert_int_equal(run_op(f->s, op_measure_schedule_save_run, &in, &who, &res, &e), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(raw_int(f->t.db, "SELECT every_days * 100 + worsen_by FROM "
	    "measure_schedule WHERE code = 'phq9'"), 704);
	assert_int_equal(raw_int(f->t.db, "SELECT updated_by FROM measure_schedule WHERE code = "
	    "'gad7'"), w.primary);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rise_by_the_threshold_one_task_for_the_primary,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(smaller_rise_improvement_and_zero_raise_none,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(voided_old_or_no_episode_is_not_compared,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(task_is_written_with_the_screening, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(schedule_saves_valid_settings_only, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

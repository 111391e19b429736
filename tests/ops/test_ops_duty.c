/*
 * test_ops_duty.c — the duty roster's writes (op_duty_add, op_duty_remove)
 * against a real store: each rule allowed and refused, and nothing written
 * when refused.
 */
#include "adm_fixture.h"

#include "ops/duty.h"

struct world {
	int64_t site, other_site, clinician, nurse, elsewhere, director;
	int64_t now;
};

static void
world_make(struct fx *f, struct world *w)
{
	w->site = add_site(f->s, "North");
	w->other_site = add_site(f->s, "South");
	w->clinician = staff_at(f->s, "clin", 1u << ROLE_CLINICIAN, w->site);
	w->nurse = staff_at(f->s, "nurse", 1u << ROLE_NURSE, w->site);
	w->elsewhere = staff_at(f->s, "far", 1u << ROLE_CLINICIAN, w->other_site);
	w->director = staff_at(f->s, "dir", 1u << ROLE_DIRECTOR, 0);
	w->now = (int64_t)time(NULL);
}

static enum err
add(struct fx *f, const struct world *w, int64_t staff, int64_t from, int64_t to,
    struct duty_shift *out, struct op_result *res, struct error *e)
{
	struct actor who = actor_of(w->director, 1u << ROLE_DIRECTOR);
	struct duty_add_in in;

	memset(&in, 0, sizeof in);
	in.d.site_id = w->site;
	in.d.staff_id = staff;
	in.d.starts_at = from;
	in.d.ends_at = to;
	in.d.note = "";
	in.out = out;
	return run_op(f->s, op_duty_add_run, &in, &who, res, e);
}

static void
adds_a_clinician_of_the_site(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct duty_shift d;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	assert_int_equal(add(f, &w, w.clinician, w.now + 3600, w.now + 7200, &d, &res, &e),
	    ERR_OK);
	assert_true(res.id > 0);
	assert_int_equal(d.id, res.id);
	assert_string_equal(d.staff_name, "clin");
	assert_true(d.routes_alerts);
	assert_int_equal(d.created_by, w.director);
	assert_int_equal(res.nclients, 0);
	assert_int_equal(count_rows(f, "duty_shift"), 1);
}

static void
refuses_who_cannot_answer_alerts_there(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct duty_shift d;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	assert_int_equal(add(f, &w, w.nurse, w.now + 3600, w.now + 7200, &d, &res, &e),
	    ERR_INVALID);
	assert_string_equal(field_msg(&e, "staff_id"), "must be an active clinician");
	assert_int_equal(add(f, &w, w.elsewhere, w.now + 3600, w.now + 7200, &d, &res, &e),
	    ERR_INVALID);
	assert_non_null(strstr(field_msg(&e, "staff_id"), "does not work at this site"));
	assert_int_equal(add(f, &w, 999, w.now + 3600, w.now + 7200, &d, &res, &e),
	    ERR_INVALID);
	assert_string_equal(field_msg(&e, "staff_id"), "is not a staff member");
	assert_int_equal(count_rows(f, "duty_shift"), 0);
}

static void
refuses_an_overlap(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct duty_shift d;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	assert_int_equal(add(f, &w, w.clinician, w.now + 3600, w.now + 7200, &d, &res, &e),
	    ERR_OK);
	assert_int_equal(add(f, &w, w.clinician, w.now + 5400, w.now + 9000, &d, &res, &e),
	    ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "already on duty"));
	/* Back to back is no overlap (ends_at is exclusive). */
	assert_int_equal(add(f, &w, w.clinician, w.now + 7200, w.now + 9000, &d, &res, &e),
	    ERR_OK);
	assert_int_equal(count_rows(f, "duty_shift"), 2);
}

static void
refuses_rewriting_the_past(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct duty_shift d;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	assert_int_equal(add(f, &w, w.clinician, w.now - 2 * 3600, w.now + 3600, &d, &res,
	    &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "starts_at"));
	assert_int_equal(add(f, &w, w.clinician, w.now + 3600, w.now + 8 * 86400, &d, &res,
	    &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "ends_at"));
	assert_int_equal(count_rows(f, "duty_shift"), 0);
	/* Started half an hour ago: entered late, allowed. */
	assert_int_equal(add(f, &w, w.clinician, w.now - 1800, w.now + 3600, &d, &res, &e),
	    ERR_OK);
}

static enum err
job_site_off(struct store_tx *tx, void *arg, struct error *e)
{
	struct site st = { .id = *(int64_t *)arg, .name = "North", .timezone = "America/Chicago",
		.address = "", .phone = "", .active = false };

	return store_tx_site_update(tx, &st, e);
}

static void
refuses_an_inactive_site(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct duty_shift d;
	struct op_result res;
	struct error e;

	world_make(f, &w);
	run_ok(f->s, job_site_off, &w.site);
	assert_int_equal(add(f, &w, w.clinician, w.now + 3600, w.now + 7200, &d, &res, &e),
	    ERR_CONFLICT);
	assert_int_equal(count_rows(f, "duty_shift"), 0);
}

static enum err
remove_shift(struct fx *f, const struct world *w, int64_t id, enum duty_removal *done,
    struct op_result *res, struct error *e)
{
	struct actor who = actor_of(w->director, 1u << ROLE_DIRECTOR);
	struct duty_remove_in in;
	struct duty_shift d;

	in.id = id;
	in.out = &d;
	in.done = done;
	return run_op(f->s, op_duty_remove_run, &in, &who, res, e);
}

static enum err
job_raw_shift(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_duty_insert(tx, arg, e);
}

static void
removes_ends_or_keeps(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct duty_shift d, past = { 0 };
	struct op_result res;
	enum duty_removal done;
	struct error e;
	char sql[160];

	world_make(f, &w);
	/* Not started: removed (kept, marked). */
	assert_int_equal(add(f, &w, w.clinician, w.now + 3600, w.now + 7200, &d, &res, &e),
	    ERR_OK);
	assert_int_equal(remove_shift(f, &w, d.id, &done, &res, &e), ERR_OK);
	assert_int_equal(done, DUTY_REMOVE);
	assert_non_null(strstr(res.detail, "staff="));
	snprintf(sql, sizeof sql, "SELECT removed_at > 0 FROM duty_shift WHERE id = %lld",
	    (long long)d.id);
	assert_int_equal(raw_int(f->t.db, sql), 1);
	/* Under way: ends now. */
	assert_int_equal(add(f, &w, w.clinician, w.now - 600, w.now + 7200, &d, &res, &e),
	    ERR_OK);
	assert_int_equal(remove_shift(f, &w, d.id, &done, &res, &e), ERR_OK);
	assert_int_equal(done, DUTY_END);
	snprintf(sql, sizeof sql, "SELECT ends_at <= %lld FROM duty_shift WHERE id = %lld",
	    (long long)w.now + 60, (long long)d.id);
	assert_int_equal(raw_int(f->t.db, sql), 1);
	/* Ended: refused, unchanged. */
	past.site_id = w.site;
	past.staff_id = w.clinician;
	past.starts_at = w.now - 7200;
	past.ends_at = w.now - 3600;
	past.note = "";
	past.created_by = w.director;
	run_ok(f->s, job_raw_shift, &past);
	assert_int_equal(remove_shift(f, &w, past.id, &done, &res, &e), ERR_CONFLICT);
	assert_int_equal(done, DUTY_KEEP);
	snprintf(sql, sizeof sql, "SELECT removed_at = 0 AND ends_at = %lld FROM duty_shift "
	    "WHERE id = %lld", (long long)past.ends_at, (long long)past.id);
	assert_int_equal(raw_int(f->t.db, sql), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(adds_a_clinician_of_the_site, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(refuses_who_cannot_answer_alerts_there,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(refuses_an_overlap, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(refuses_rewriting_the_past, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(refuses_an_inactive_site, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(removes_ends_or_keeps, adm_setup, adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

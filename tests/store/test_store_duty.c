/*
 * test_store_duty.c — the duty roster in the store: a shift inserted and
 * read back (with whether its person routes alerts), the list of a site's
 * shifts overlapping a window (end exclusive, oldest first, removed ones
 * left out), counting overlaps of the same person at the same site,
 * removing (kept with removed_at; twice or unknown: not found), ending a
 * shift under way, the clinician on duty at an instant (a disabled or
 * non-clinician person does not route), and a failing job in a batch
 * rolling back only itself.
 *
 * store_duty_list is called only through duty_list below, so a change of
 * its signature is adapted in one place.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_test.h"

#define H 3600

/* ---- the list read ------------------------------------------------------------------ */

static void
duty_list(struct fx *f, int64_t site_id, int64_t from, int64_t to, struct duty_shift **items,
    size_t *n)
{
	/* Every row, in one page: the total must agree. */
	const struct page all = { 1000000, 0 };
	int64_t total = -1;
	struct error e;

	error_clear(&e);
	if (store_duty_list(f->s, site_id, from, to, all, f->a, items, n, &total, &e) != ERR_OK)
		fail_msg("store_duty_list: %s", e.msg);
	assert_int_equal(total, (int64_t)*n);
}

/* ---- jobs ------------------------------------------------------------------------------ */

struct shift_op {
	struct duty_shift d;
	int64_t overlaps_before, now;
	bool fail;
};

/* Counts the overlaps, then inserts. */
static enum err
j_shift(struct store_tx *tx, void *arg, struct error *e)
{
	struct shift_op *op = arg;

	op->now = store_tx_now(tx);
	if (store_tx_duty_overlaps(tx, &op->d, &op->overlaps_before, e) != ERR_OK)
		return e->code;
	if (store_tx_duty_insert(tx, &op->d, e) != ERR_OK)
		return e->code;
	return op->fail ? error_set(e, ERR_INVALID, "refused on purpose") : ERR_OK;
}

static enum err
j_overlaps(struct store_tx *tx, void *arg, struct error *e)
{
	struct shift_op *op = arg;

	return store_tx_duty_overlaps(tx, &op->d, &op->overlaps_before, e);
}

struct id_op {
	int64_t id, by, now;
	struct arena *a;
	struct duty_shift got;
};

static enum err
j_remove(struct store_tx *tx, void *arg, struct error *e)
{
	struct id_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_duty_remove(tx, op->id, op->by, e);
}

static enum err
j_end(struct store_tx *tx, void *arg, struct error *e)
{
	struct id_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_duty_end(tx, op->id, e);
}

static enum err
j_get(struct store_tx *tx, void *arg, struct error *e)
{
	struct id_op *op = arg;

	return store_tx_duty_get(tx, op->id, op->a, &op->got, e);
}

static enum err
j_now(struct store_tx *tx, void *arg, struct error *e)
{
	(void)e;
	*(int64_t *)arg = store_tx_now(tx);
	return ERR_OK;
}

struct who_op {
	int64_t site_id, at, staff_id;
};

static enum err
j_who(struct store_tx *tx, void *arg, struct error *e)
{
	struct who_op *w = arg;

	return store_tx_duty_clinician(tx, w->site_id, w->at, &w->staff_id, e);
}

static void
shift_sample(struct shift_op *op, int64_t site, int64_t staff, int64_t starts, int64_t ends,
    int64_t by)
{
	memset(op, 0, sizeof *op);
	op->d.site_id = site;
	op->d.staff_id = staff;
	op->d.starts_at = starts;
	op->d.ends_at = ends;
	op->d.note = "";
	op->d.created_by = by;
}

static int64_t
add_shift(struct store *s, int64_t site, int64_t staff, int64_t starts, int64_t ends,
    int64_t by)
{
	struct shift_op op;

	shift_sample(&op, site, staff, starts, ends, by);
	run_ok(s, j_shift, &op);
	assert_true(op.d.id > 0);
	return op.d.id;
}

static int64_t
who(struct store *s, int64_t site, int64_t at)
{
	struct who_op w = { .site_id = site, .at = at, .staff_id = -1 };

	run_ok(s, j_who, &w);
	return w.staff_id;
}

/* A fixed day: 2026-03-02 00:00 UTC. */
#define DAY 1772409600LL

/* ---- insert, get, list --------------------------------------------------------------- */

static void
duty_insert_get_list(void **state)
{
	struct fx *f = *state;
	int64_t north, south, doc, nurse, admin, s1, s2, s3, s4;
	struct duty_shift *items;
	struct shift_op op;
	struct id_op g;
	struct error e;
	size_t n;

	north = add_site(f->s, "North Clinic");
	south = add_site(f->s, "South Clinic");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, north);
	nurse = add_staff(f->s, "nurse", "Nia Nurse", 1u << ROLE_NURSE, true, north);
	admin = add_staff(f->s, "admin", "Ada Admin", 1u << ROLE_ADMIN, true, 0);
	duty_list(f, north, 0, INT64_MAX, &items, &n);
	assert_int_equal(n, 0);

	shift_sample(&op, north, doc, DAY + 9 * H, DAY + 17 * H, admin);
	op.d.note = "Covering for the team lead";
	run_ok(f->s, j_shift, &op);
	s1 = op.d.id;
	assert_true(s1 > 0);
	assert_int_equal(op.d.created_at, op.now);
	assert_int_equal(op.overlaps_before, 0);
	s2 = add_shift(f->s, north, nurse, DAY + 8 * H, DAY + 12 * H, admin);
	s3 = add_shift(f->s, north, doc, DAY + 17 * H, DAY + 20 * H, admin);
	s4 = add_shift(f->s, south, doc, DAY + 9 * H, DAY + 17 * H, admin);

	g = (struct id_op){ .id = s1, .a = f->a };
	run_ok(f->s, j_get, &g);
	assert_int_equal(g.got.id, s1);
	assert_int_equal(g.got.site_id, north);
	assert_int_equal(g.got.staff_id, doc);
	assert_string_equal(g.got.staff_name, "Dana Doc");
	assert_string_equal(g.got.username, "doc");
	assert_int_equal(g.got.starts_at, DAY + 9 * H);
	assert_int_equal(g.got.ends_at, DAY + 17 * H);
	assert_string_equal(g.got.note, "Covering for the team lead");
	assert_int_equal(g.got.created_by, admin);
	assert_int_equal(g.got.created_at, op.now);
	assert_true(g.got.routes_alerts);
	g = (struct id_op){ .id = s2, .a = f->a };
	run_ok(f->s, j_get, &g);
	assert_false(g.got.routes_alerts);	/* a nurse does not route alerts */
	g = (struct id_op){ .id = 9999, .a = f->a };
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_get, &g, &e), ERR_NOTFOUND);

	/* The whole day at north: oldest first, only north's. */
	duty_list(f, north, DAY, DAY + 24 * H, &items, &n);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].id, s2);
	assert_int_equal(items[1].id, s1);
	assert_int_equal(items[2].id, s3);
	assert_string_equal(items[1].note, "Covering for the team lead");
	assert_true(items[1].routes_alerts);
	assert_false(items[0].routes_alerts);
	duty_list(f, south, DAY, DAY + 24 * H, &items, &n);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, s4);

	/* Windows: overlapping only, the end exclusive both ways. */
	duty_list(f, north, DAY + 17 * H, DAY + 18 * H, &items, &n);
	assert_int_equal(n, 1);			/* s1 ends at 17:00: not in it */
	assert_int_equal(items[0].id, s3);
	duty_list(f, north, DAY + 12 * H, DAY + 17 * H, &items, &n);
	assert_int_equal(n, 1);			/* s2 ends at 12:00, s3 starts at 17:00 */
	assert_int_equal(items[0].id, s1);
	duty_list(f, north, DAY + 11 * H, DAY + 11 * H + 1, &items, &n);
	assert_int_equal(n, 2);
	duty_list(f, north, DAY + 20 * H, DAY + 24 * H, &items, &n);
	assert_int_equal(n, 0);
	duty_list(f, 9999, DAY, DAY + 24 * H, &items, &n);
	assert_int_equal(n, 0);

	/* A site or person that does not exist. */
	shift_sample(&op, 9999, doc, DAY, DAY + H, admin);
	assert_int_equal(run_job(f->s, j_shift, &op, &e), ERR_CONFLICT);
	shift_sample(&op, north, 4242, DAY, DAY + H, admin);
	assert_int_equal(run_job(f->s, j_shift, &op, &e), ERR_CONFLICT);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM duty_shift"), 4);
}

/* ---- overlaps and removal ------------------------------------------------------------- */

static void
duty_overlaps_and_remove(void **state)
{
	struct fx *f = *state;
	int64_t north, south, doc, other, admin, s1, s2, s4;
	struct duty_shift *items;
	struct shift_op op;
	struct id_op rm, g;
	struct error e;
	size_t n;

	north = add_site(f->s, "North Clinic");
	south = add_site(f->s, "South Clinic");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, north);
	other = add_staff(f->s, "other", "Otto Other", 1u << ROLE_CLINICIAN, true, north);
	admin = add_staff(f->s, "admin", "Ada Admin", 1u << ROLE_ADMIN, true, 0);
	s1 = add_shift(f->s, north, doc, DAY + 9 * H, DAY + 12 * H, admin);
	s2 = add_shift(f->s, north, doc, DAY + 13 * H, DAY + 17 * H, admin);
	add_shift(f->s, south, doc, DAY + 9 * H, DAY + 17 * H, admin);
	s4 = add_shift(f->s, north, other, DAY + 9 * H, DAY + 17 * H, admin);

	/* The same person at the same site only. */
	shift_sample(&op, north, doc, DAY + 11 * H, DAY + 14 * H, admin);
	run_ok(f->s, j_overlaps, &op);
	assert_int_equal(op.overlaps_before, 2);
	shift_sample(&op, north, doc, DAY + 10 * H, DAY + 11 * H, admin);
	run_ok(f->s, j_overlaps, &op);
	assert_int_equal(op.overlaps_before, 1);
	/* Touching is not overlapping. */
	shift_sample(&op, north, doc, DAY + 12 * H, DAY + 13 * H, admin);
	run_ok(f->s, j_overlaps, &op);
	assert_int_equal(op.overlaps_before, 0);
	shift_sample(&op, north, doc, DAY + 17 * H, DAY + 20 * H, admin);
	run_ok(f->s, j_overlaps, &op);
	assert_int_equal(op.overlaps_before, 0);
	shift_sample(&op, north, doc, DAY, DAY + 24 * H, admin);
	run_ok(f->s, j_overlaps, &op);
	assert_int_equal(op.overlaps_before, 2);

	/* Removed: kept in the table, gone from the roster and the count. */
	rm = (struct id_op){ .id = s1, .by = admin };
	run_ok(f->s, j_remove, &rm);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM duty_shift"), 4);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM duty_shift WHERE removed_at > 0"),
	    1);
	assert_int_equal(raw_int(f->t.db, "SELECT removed_by FROM duty_shift WHERE removed_at > 0"),
	    admin);
	assert_int_equal(raw_int(f->t.db, "SELECT removed_at FROM duty_shift WHERE removed_at > 0"),
	    rm.now);
	shift_sample(&op, north, doc, DAY, DAY + 24 * H, admin);
	run_ok(f->s, j_overlaps, &op);
	assert_int_equal(op.overlaps_before, 1);
	duty_list(f, north, DAY, DAY + 24 * H, &items, &n);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, s4);	/* other's, 09:00 */
	assert_int_equal(items[1].id, s2);
	g = (struct id_op){ .id = s1, .a = f->a };
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_get, &g, &e), ERR_NOTFOUND);

	/* Twice, or a shift that never was: not found. */
	assert_int_equal(run_job(f->s, j_remove, &rm, &e), ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);
	rm.id = 9999;
	assert_int_equal(run_job(f->s, j_remove, &rm, &e), ERR_NOTFOUND);
}

/* ---- ending a shift under way ------------------------------------------------------------ */

static void
duty_end(void **state)
{
	struct fx *f = *state;
	int64_t north, doc, admin, now, live, past, removed;
	struct id_op op, g;
	struct error e;

	north = add_site(f->s, "North Clinic");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, north);
	admin = add_staff(f->s, "admin", "Ada Admin", 1u << ROLE_ADMIN, true, 0);
	run_ok(f->s, j_now, &now);
	live = add_shift(f->s, north, doc, now - 2 * H, now + 6 * H, admin);
	past = add_shift(f->s, north, doc, now - 30 * H, now - 22 * H, admin);
	removed = add_shift(f->s, north, doc, now - H, now + H, admin);
	op = (struct id_op){ .id = removed, .by = admin };
	run_ok(f->s, j_remove, &op);

	op = (struct id_op){ .id = live };
	run_ok(f->s, j_end, &op);
	g = (struct id_op){ .id = live, .a = f->a };
	run_ok(f->s, j_get, &g);
	assert_int_equal(g.got.ends_at, op.now);
	assert_int_equal(g.got.starts_at, now - 2 * H);

	/* Ended already (ends_at is now, exclusive), over long ago, removed,
	 * or unknown: not found, and nothing changes. */
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_end, &op, &e), ERR_NOTFOUND);
	op.id = past;
	assert_int_equal(run_job(f->s, j_end, &op, &e), ERR_NOTFOUND);
	g.id = past;
	run_ok(f->s, j_get, &g);
	assert_int_equal(g.got.ends_at, now - 22 * H);
	op.id = removed;
	assert_int_equal(run_job(f->s, j_end, &op, &e), ERR_NOTFOUND);
	op.id = 9999;
	assert_int_equal(run_job(f->s, j_end, &op, &e), ERR_NOTFOUND);
}

/*
 * store.h: "A shift under way ends now (ends_at = now); ERR_NOTFOUND when
 * none such."  A shift that has not started is not under way.
 */
static void
duty_end_refuses_a_future_shift(void **state)
{
	struct fx *f = *state;
	int64_t north, doc, admin, now, future;
	struct id_op op, g;
	struct error e;

	north = add_site(f->s, "North Clinic");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, north);
	admin = add_staff(f->s, "admin", "Ada Admin", 1u << ROLE_ADMIN, true, 0);
	run_ok(f->s, j_now, &now);
	future = add_shift(f->s, north, doc, now + 24 * H, now + 32 * H, admin);

	op = (struct id_op){ .id = future };
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_end, &op, &e), ERR_NOTFOUND);
	g = (struct id_op){ .id = future, .a = f->a };
	run_ok(f->s, j_get, &g);
	assert_int_equal(g.got.ends_at, now + 32 * H);
}

/* ---- who is on duty ----------------------------------------------------------------------- */

static void
duty_clinician_at(void **state)
{
	struct fx *f = *state;
	int64_t north, south, early, late, nurse, gone, admin, rmid;
	struct duty_shift *items;
	struct id_op rm;
	size_t n;

	north = add_site(f->s, "North Clinic");
	south = add_site(f->s, "South Clinic");
	early = add_staff(f->s, "early", "Eve Early", 1u << ROLE_CLINICIAN, true, north);
	late = add_staff(f->s, "late", "Lee Late", (1u << ROLE_NURSE) | (1u << ROLE_CLINICIAN),
	    true, north);
	nurse = add_staff(f->s, "nurse", "Nia Nurse", 1u << ROLE_NURSE, true, north);
	gone = add_staff(f->s, "gone", "Gwen Gone", 1u << ROLE_CLINICIAN, true, north);
	admin = add_staff(f->s, "admin", "Ada Admin", 1u << ROLE_ADMIN, true, 0);

	/* 07-10 the nurse alone; 08-12 gone; 09-13 early; 10-18 late. */
	add_shift(f->s, north, nurse, DAY + 7 * H, DAY + 10 * H, admin);
	add_shift(f->s, north, gone, DAY + 8 * H, DAY + 12 * H, admin);
	add_shift(f->s, north, early, DAY + 9 * H, DAY + 13 * H, admin);
	add_shift(f->s, north, late, DAY + 10 * H, DAY + 18 * H, admin);
	rmid = add_shift(f->s, south, early, DAY, DAY + 24 * H, admin);

	assert_int_equal(who(f->s, north, DAY + 7 * H), 0);	/* a nurse does not route */
	assert_int_equal(who(f->s, north, DAY + 8 * H), gone);	/* starts_at inclusive */
	assert_int_equal(who(f->s, north, DAY + 9 * H + 30), gone);	/* the earliest start */
	assert_int_equal(who(f->s, north, DAY + 12 * H), early);	/* ends_at exclusive */
	assert_int_equal(who(f->s, north, DAY + 13 * H), late);
	assert_int_equal(who(f->s, north, DAY + 18 * H), 0);
	assert_int_equal(who(f->s, north, DAY + 6 * H), 0);
	assert_int_equal(who(f->s, south, DAY + 12 * H), early);
	assert_int_equal(who(f->s, 9999, DAY + 12 * H), 0);

	/* A disabled clinician does not route: the next one on duty does, and
	 * the list shows the shift as not routing. */
	raw_exec(f->t.db, "UPDATE staff SET active = 0 WHERE username = 'gone'");
	assert_int_equal(who(f->s, north, DAY + 8 * H), 0);
	assert_int_equal(who(f->s, north, DAY + 9 * H + 30), early);
	duty_list(f, north, DAY + 8 * H, DAY + 9 * H, &items, &n);
	assert_int_equal(n, 2);
	assert_int_equal(items[1].staff_id, gone);
	assert_false(items[1].routes_alerts);

	/* A removed shift does not route either. */
	rm = (struct id_op){ .id = rmid, .by = admin };
	run_ok(f->s, j_remove, &rm);
	assert_int_equal(who(f->s, south, DAY + 12 * H), 0);
}

/* ---- a failing job in a batch ---------------------------------------------------------- */

static void
duty_failing_job_rolls_back_alone(void **state)
{
	struct fx *f = *state;
	int64_t north, doc, admin;
	struct shift_op op[3];
	struct store_job jobs[3];
	struct duty_shift *items;
	size_t n;
	int i;

	north = add_site(f->s, "North Clinic");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, north);
	admin = add_staff(f->s, "admin", "Ada Admin", 1u << ROLE_ADMIN, true, 0);
	memset(jobs, 0, sizeof jobs);
	/* Three identical shifts: each job counts the overlaps it sees. */
	for (i = 0; i < 3; i++) {
		shift_sample(&op[i], north, doc, DAY + 9 * H, DAY + 17 * H, admin);
		jobs[i].run = j_shift;
		jobs[i].arg = &op[i];
	}
	op[1].fail = true;
	run_batch(f->s, jobs, 3);
	assert_int_equal(jobs[0].result, ERR_OK);
	assert_int_equal(jobs[1].result, ERR_INVALID);
	assert_int_equal(jobs[2].result, ERR_OK);
	assert_int_equal(op[0].overlaps_before, 0);
	assert_int_equal(op[1].overlaps_before, 1);
	assert_int_equal(op[2].overlaps_before, 1);	/* the failed one's shift is gone */
	duty_list(f, north, DAY, DAY + 24 * H, &items, &n);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, op[0].d.id);
	assert_int_equal(items[1].id, op[2].d.id);
	assert_int_equal(who(f->s, north, DAY + 10 * H), doc);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(duty_insert_get_list),
		T(duty_overlaps_and_remove),
		T(duty_end),
		T(duty_end_refuses_a_future_shift),
		T(duty_clinician_at),
		T(duty_failing_job_rolls_back_alone),
	};
#undef T

	return cmocka_run_group_tests_name("store_duty", tests, NULL, NULL);
}

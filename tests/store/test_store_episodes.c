/*
 * test_store_episodes.c — episodes of care in the store: admission (fills
 * id, time and status; the open count; one open episode per client; bad
 * references), the converted inquiry becoming admitted (and an inquiry of
 * another client refused with nothing written), the list under a client
 * with the names read with it, the census and its filters (site, level,
 * track; open episodes only; in site, level, track, name order), what
 * alert routing reads (the client's clinician and site, a staff member's
 * first site), sites and tracks read inside a job, and a failing job in a
 * batch rolling back only itself.
 *
 * store_census is called only through census() below, so a change of its
 * signature is adapted in one place.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_test.h"

/* ---- the census read ------------------------------------------------------------- */

static void
census(struct fx *f, int64_t site_id, const char *level, int64_t track_id,
    struct episode **items, size_t *n)
{
	/* Every row, in one page: the total must agree. */
	const struct page all = { 1000000, 0 };
	int64_t total = -1;
	struct error e;

	error_clear(&e);
	if (store_census(f->s, site_id, level, track_id, all, f->a, items, n, &total, &e) != ERR_OK)
		fail_msg("store_census: %s", e.msg);
	assert_int_equal(total, (int64_t)*n);
}

/* ---- jobs --------------------------------------------------------------------------- */

struct admit_op {
	struct episode ep;
	int64_t by, open_before, open_after, now;
	bool fail;
};

/* Counts open episodes, admits, counts again. */
static enum err
j_admit(struct store_tx *tx, void *arg, struct error *e)
{
	struct admit_op *op = arg;

	op->now = store_tx_now(tx);
	if (store_tx_episode_open_count(tx, op->ep.client_id, &op->open_before, e) != ERR_OK)
		return e->code;
	if (store_tx_episode_insert(tx, &op->ep, op->by, e) != ERR_OK)
		return e->code;
	if (store_tx_episode_open_count(tx, op->ep.client_id, &op->open_after, e) != ERR_OK)
		return e->code;
	return op->fail ? error_set(e, ERR_INVALID, "refused on purpose") : ERR_OK;
}

static enum err
j_inquiry_update(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_inquiry_update(tx, arg, e);
}

/* What routing and admission read inside a job. */
struct facts {
	int64_t client_id, staff_id, site_id, track_id;
	int64_t clinician, client_site, first_site, open;
	struct arena *a;
	struct site site;
	struct track track;
	enum err site_rc, track_rc;
};

static enum err
j_facts(struct store_tx *tx, void *arg, struct error *e)
{
	struct facts *x = arg;
	struct error ge;

	if (store_tx_client_clinician(tx, x->client_id, &x->clinician, e) != ERR_OK ||
	    store_tx_client_site(tx, x->client_id, &x->client_site, e) != ERR_OK ||
	    store_tx_staff_first_site(tx, x->staff_id, &x->first_site, e) != ERR_OK ||
	    store_tx_episode_open_count(tx, x->client_id, &x->open, e) != ERR_OK)
		return e->code;
	error_clear(&ge);
	x->site_rc = store_tx_site_get(tx, x->site_id, x->a, &x->site, &ge);
	error_clear(&ge);
	x->track_rc = store_tx_track_get(tx, x->track_id, x->a, &x->track, &ge);
	return ERR_OK;
}

static void
episode_sample(struct admit_op *op, int64_t client_id, const char *level, int64_t site,
    int64_t track, int64_t clinician, int64_t by)
{
	memset(op, 0, sizeof *op);
	op->ep.client_id = client_id;
	op->ep.level = level;
	op->ep.site_id = site;
	op->ep.track_id = track;
	assert_true(date_parse("2026-03-02", &op->ep.admitted_on));
	op->ep.primary_clinician = clinician;
	op->ep.privacy_notice_given = true;
	op->by = by;
}

static struct facts
facts(struct fx *f, int64_t client_id, int64_t staff_id, int64_t site_id, int64_t track_id)
{
	struct facts x = { .client_id = client_id, .staff_id = staff_id, .site_id = site_id,
		.track_id = track_id, .a = f->a };

	run_ok(f->s, j_facts, &x);
	return x;
}

/* ---- admission ---------------------------------------------------------------------- */

static void
episode_admit_and_list(void **state)
{
	struct fx *f = *state;
	int64_t site, track, doc, cm, c1, c2;
	struct admit_op op, op2, again;
	struct episode *items;
	struct error e;
	char mrn[16], d[11];
	size_t n;

	site = add_site(f->s, "North Clinic");
	track = add_track(f->s, site, "Mornings", "2.1");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, site);
	cm = add_staff(f->s, "cm", "Cass Manager", 1u << ROLE_CASE_MANAGER, true, site);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);

	error_clear(&e);
	assert_int_equal(store_episode_list(f->s, c1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 0);

	episode_sample(&op, c1, "2.1", site, track, doc, doc);
	op.ep.case_manager = cm;
	run_ok(f->s, j_admit, &op);
	assert_true(op.ep.id > 0);
	assert_int_equal(op.ep.created_at, op.now);
	assert_string_equal(op.ep.status, "open");
	assert_int_equal(op.open_before, 0);
	assert_int_equal(op.open_after, 1);

	assert_int_equal(store_episode_list(f->s, c1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, op.ep.id);
	assert_int_equal(items[0].client_id, c1);
	assert_string_equal(items[0].level, "2.1");
	assert_int_equal(items[0].site_id, site);
	assert_int_equal(items[0].track_id, track);
	date_format(items[0].admitted_on, d);
	assert_string_equal(d, "2026-03-02");
	assert_int_equal(items[0].primary_clinician, doc);
	assert_int_equal(items[0].case_manager, cm);
	assert_true(items[0].privacy_notice_given);
	assert_string_equal(items[0].status, "open");
	assert_string_equal(items[0].discharged_on, "");
	assert_int_equal(items[0].inquiry_id, 0);
	assert_int_equal(items[0].created_at, op.now);
	client_mrn_format(c1, mrn);
	assert_string_equal(items[0].mrn, mrn);
	assert_string_equal(items[0].first_name, "Robin");
	assert_string_equal(items[0].last_name, "Example");
	assert_string_equal(items[0].site_name, "North Clinic");
	assert_string_equal(items[0].track_name, "Mornings");
	assert_string_equal(items[0].clinician_name, "Dana Doc");
	assert_string_equal(items[0].case_manager_name, "Cass Manager");

	/* A second open episode: a conflict, nothing written. */
	episode_sample(&again, c1, "1", site, 0, doc, doc);
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_admit, &again, &e), ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(again.open_before, 1);
	assert_int_equal(store_episode_list(f->s, c1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 1);

	/* Once the first is closed another may open; newest first. */
	raw_exec(f->t.db, "UPDATE episode SET status = 'closed', discharged_on = '2026-04-01'");
	episode_sample(&op2, c1, "1", site, 0, doc, doc);
	run_ok(f->s, j_admit, &op2);
	assert_int_equal(op2.open_before, 0);
	assert_int_equal(store_episode_list(f->s, c1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, op2.ep.id);
	assert_int_equal(items[0].track_id, 0);
	assert_string_equal(items[0].track_name, "");
	assert_int_equal(items[0].case_manager, 0);
	assert_string_equal(items[0].case_manager_name, "");
	assert_int_equal(items[1].id, op.ep.id);
	assert_string_equal(items[1].status, "closed");
	assert_string_equal(items[1].discharged_on, "2026-04-01");

	/* Records that do not exist. */
	episode_sample(&again, c2, "2.1", 9999, 0, doc, doc);
	assert_int_equal(run_job(f->s, j_admit, &again, &e), ERR_CONFLICT);
	episode_sample(&again, c2, "2.1", site, 9999, doc, doc);
	assert_int_equal(run_job(f->s, j_admit, &again, &e), ERR_CONFLICT);
	episode_sample(&again, c2, "2.1", site, 0, 4242, doc);
	assert_int_equal(run_job(f->s, j_admit, &again, &e), ERR_CONFLICT);
	episode_sample(&again, 9999, "2.1", site, 0, doc, doc);
	assert_int_equal(run_job(f->s, j_admit, &again, &e), ERR_CONFLICT);
	assert_int_equal(store_episode_list(f->s, c2, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM episode"), 2);
}

static void
episode_admits_the_inquiry(void **state)
{
	struct fx *f = *state;
	int64_t site, doc, c1, c2, q1, q2, latest, changed, rev0, rev;
	struct inquiry q;
	struct admit_op op;
	struct episode *items;
	struct error e;
	size_t n;

	site = add_site(f->s, "North Clinic");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, site);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);
	q1 = add_inquiry(f->s, "Robin Example", URG_TODAY);
	q2 = add_inquiry(f->s, "Kim Sample", URG_TODAY);
	error_clear(&e);
	assert_int_equal(store_inquiry_get(f->s, q1, f->a, &q, &e), ERR_OK);
	q.status = INQS_SCREENED;
	q.client_id = c1;
	run_ok(f->s, j_inquiry_update, &q);
	assert_int_equal(store_inquiry_get(f->s, q2, f->a, &q, &e), ERR_OK);
	q.client_id = c2;
	run_ok(f->s, j_inquiry_update, &q);

	/* An inquiry converted to another client: refused, naming the field,
	 * and no episode is left behind. */
	episode_sample(&op, c1, "2.1", site, 0, doc, doc);
	op.ep.inquiry_id = q2;
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_admit, &op, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "inquiry_id"));
	assert_int_equal(store_episode_list(f->s, c1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_inquiry_get(f->s, q2, f->a, &q, &e), ERR_OK);
	assert_int_equal(q.status, INQS_NEW);

	/* Its own converted inquiry becomes admitted. */
	assert_int_equal(store_inquiry_latest(f->s, &latest, &changed, &rev0, &e), ERR_OK);
	episode_sample(&op, c1, "2.1", site, 0, doc, doc);
	op.ep.inquiry_id = q1;
	run_ok(f->s, j_admit, &op);
	assert_int_equal(store_inquiry_get(f->s, q1, f->a, &q, &e), ERR_OK);
	assert_int_equal(q.status, INQS_ADMITTED);
	assert_int_equal(q.updated_at, op.now);
	assert_int_equal(q.client_id, c1);
	assert_int_equal(store_inquiry_latest(f->s, &latest, &changed, &rev, &e), ERR_OK);
	assert_true(rev > rev0);
	assert_int_equal(store_episode_list(f->s, c1, f->a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].inquiry_id, q1);
	/* The other inquiry is untouched. */
	assert_int_equal(store_inquiry_get(f->s, q2, f->a, &q, &e), ERR_OK);
	assert_int_equal(q.status, INQS_NEW);
}

/* ---- census -------------------------------------------------------------------------- */

static void
episode_census_filters(void **state)
{
	struct fx *f = *state;
	int64_t north, south, am, pm, doc, c[6];
	struct admit_op op;
	struct episode *items;
	size_t n;
	int i;
	static const char *const last[6] = { "zeta", "Alpha", "beta", "Gamma", "delta",
		"Closed" };

	north = add_site(f->s, "North Clinic");
	south = add_site(f->s, "South Clinic");
	am = add_track(f->s, north, "AM group", "2.1");
	pm = add_track(f->s, north, "PM group", "2.1");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, north);
	for (i = 0; i < 6; i++)
		c[i] = add_client(f->s, "Pat", last[i], "1980-01-01", true);
	census(f, 0, "", 0, &items, &n);
	assert_int_equal(n, 0);

	/* north 2.1 AM: zeta, Alpha; north 2.1 PM: beta; north 1: Gamma;
	 * south 2.1: delta; and one closed at north AM. */
	episode_sample(&op, c[0], "2.1", north, am, doc, doc);
	run_ok(f->s, j_admit, &op);
	episode_sample(&op, c[1], "2.1", north, am, doc, doc);
	run_ok(f->s, j_admit, &op);
	episode_sample(&op, c[2], "2.1", north, pm, doc, doc);
	run_ok(f->s, j_admit, &op);
	episode_sample(&op, c[3], "1", north, 0, doc, doc);
	run_ok(f->s, j_admit, &op);
	episode_sample(&op, c[4], "2.1", south, 0, doc, doc);
	run_ok(f->s, j_admit, &op);
	episode_sample(&op, c[5], "2.1", north, am, doc, doc);
	run_ok(f->s, j_admit, &op);
	raw_exec(f->t.db, "UPDATE episode SET status = 'closed' WHERE client_id = "
	    "(SELECT id FROM client WHERE last_name = 'Closed')");

	/* Everyone open: by site name, level, track name, then last name
	 * without regard to case. */
	census(f, 0, "", 0, &items, &n);
	assert_int_equal(n, 5);
	assert_int_equal(items[0].client_id, c[3]);	/* North, 1 */
	assert_int_equal(items[1].client_id, c[1]);	/* North, 2.1, AM, Alpha */
	assert_int_equal(items[2].client_id, c[0]);	/* North, 2.1, AM, zeta */
	assert_int_equal(items[3].client_id, c[2]);	/* North, 2.1, PM */
	assert_int_equal(items[4].client_id, c[4]);	/* South */
	assert_string_equal(items[4].site_name, "South Clinic");
	assert_string_equal(items[1].track_name, "AM group");

	census(f, north, "", 0, &items, &n);
	assert_int_equal(n, 4);
	census(f, south, "", 0, &items, &n);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].client_id, c[4]);
	census(f, 0, "2.1", 0, &items, &n);
	assert_int_equal(n, 4);
	census(f, 0, "1", 0, &items, &n);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].client_id, c[3]);
	census(f, 0, "", am, &items, &n);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].client_id, c[1]);
	assert_int_equal(items[1].client_id, c[0]);
	census(f, north, "2.1", pm, &items, &n);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].client_id, c[2]);
	census(f, south, "2.1", am, &items, &n);
	assert_int_equal(n, 0);
	census(f, 9999, "", 0, &items, &n);
	assert_int_equal(n, 0);
	census(f, 0, "3.5", 0, &items, &n);
	assert_int_equal(n, 0);
}

/* ---- what routing reads ---------------------------------------------------------------- */

static void
episode_routing_facts(void **state)
{
	struct fx *f = *state;
	int64_t north, south, track, doc, nurse, nowhere, c1, c2;
	struct admit_op op;
	struct facts x;

	north = add_site(f->s, "North Clinic");
	south = add_site(f->s, "South Clinic");
	track = add_track(f->s, south, "Evenings", "2.5");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, south);
	nurse = add_staff(f->s, "nurse", "Nia Nurse", 1u << ROLE_NURSE, true, 0);
	nowhere = add_staff(f->s, "nowhere", "Noa Where", 1u << ROLE_NURSE, true, 0);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);
	/* The nurse works at both sites: the first is the lowest id. */
	raw_exec(f->t.db, "INSERT INTO staff_site (staff_id, site_id) SELECT st.id, s.id "
	    "FROM staff st, site s WHERE st.username = 'nurse' ORDER BY s.id DESC");

	/* No episode: no clinician, no site. */
	x = facts(f, c1, nowhere, north, track);
	assert_int_equal(x.clinician, 0);
	assert_int_equal(x.client_site, 0);
	assert_int_equal(x.first_site, 0);
	assert_int_equal(x.open, 0);
	assert_int_equal(x.site_rc, ERR_OK);
	assert_string_equal(x.site.name, "North Clinic");
	assert_int_equal(x.track_rc, ERR_OK);
	assert_string_equal(x.track.name, "Evenings");
	assert_string_equal(x.track.level_of_care, "2.5");
	assert_int_equal(x.track.site_id, south);

	episode_sample(&op, c1, "2.5", south, track, doc, doc);
	run_ok(f->s, j_admit, &op);
	x = facts(f, c1, nurse, 9999, 9999);
	assert_int_equal(x.clinician, doc);
	assert_int_equal(x.client_site, south);
	assert_int_equal(x.first_site, north);
	assert_int_equal(x.open, 1);
	assert_int_equal(x.site_rc, ERR_NOTFOUND);
	assert_int_equal(x.track_rc, ERR_NOTFOUND);
	x = facts(f, c2, doc, north, track);
	assert_int_equal(x.clinician, 0);
	assert_int_equal(x.first_site, south);

	/* A clinician no longer active is not the client's clinician. */
	raw_exec(f->t.db, "UPDATE staff SET active = 0 WHERE username = 'doc'");
	x = facts(f, c1, nurse, north, track);
	assert_int_equal(x.clinician, 0);
	assert_int_equal(x.client_site, south);
	/* A closed episode gives neither. */
	raw_exec(f->t.db, "UPDATE staff SET active = 1 WHERE username = 'doc'");
	raw_exec(f->t.db, "UPDATE episode SET status = 'closed'");
	x = facts(f, c1, nurse, north, track);
	assert_int_equal(x.clinician, 0);
	assert_int_equal(x.client_site, 0);
	assert_int_equal(x.open, 0);
}

/* ---- a failing job in a batch ------------------------------------------------------- */

static void
episode_failing_job_rolls_back_alone(void **state)
{
	struct fx *f = *state;
	int64_t site, doc, c1, c2;
	struct admit_op op[3];
	struct store_job jobs[3];
	struct episode *items;
	size_t n;
	int i;

	site = add_site(f->s, "North Clinic");
	doc = add_staff(f->s, "doc", "Dana Doc", 1u << ROLE_CLINICIAN, true, site);
	c1 = add_client(f->s, "Robin", "Example", "1990-04-05", true);
	c2 = add_client(f->s, "Kim", "Sample", "1985-01-02", true);
	memset(jobs, 0, sizeof jobs);
	/* The failing job admits c1 first; the third admits c1 after it, which
	 * works only if the failed admission was undone. */
	episode_sample(&op[0], c2, "2.1", site, 0, doc, doc);
	episode_sample(&op[1], c1, "2.1", site, 0, doc, doc);
	op[1].fail = true;
	episode_sample(&op[2], c1, "1", site, 0, doc, doc);
	for (i = 0; i < 3; i++) {
		jobs[i].run = j_admit;
		jobs[i].arg = &op[i];
	}
	run_batch(f->s, jobs, 3);
	assert_int_equal(jobs[0].result, ERR_OK);
	assert_int_equal(jobs[1].result, ERR_INVALID);
	assert_int_equal(op[1].open_after, 1);
	assert_int_equal(jobs[2].result, ERR_OK);
	assert_int_equal(op[2].open_before, 0);

	census(f, 0, "", 0, &items, &n);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].client_id, c1);
	assert_string_equal(items[0].level, "1");
	assert_int_equal(items[1].client_id, c2);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM episode"), 2);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(episode_admit_and_list),
		T(episode_admits_the_inquiry),
		T(episode_census_filters),
		T(episode_routing_facts),
		T(episode_failing_job_rolls_back_alone),
	};
#undef T

	return cmocka_run_group_tests_name("store_episodes", tests, NULL, NULL);
}

/*
 * test_store_lists.c — the paged list reads (alerts, tasks, the census, the
 * duty roster): each answers one page and a true total counted in the same
 * read, past the caps they once had (alerts and tasks 200, duty 500, census
 * 1,000), and walking the pages yields every row once.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_test.h"

#define NALERTS 230
#define NTASKS 230
#define NEPISODES 1030
#define NSHIFTS 520

/* Rows written straight into the file, many at once: the list reads are
 * what is tested here, not the writes. */
static void
seed(const char *db)
{
	char sql[2048];

	raw_exec(db, "INSERT INTO staff (id, username, full_name, roles, password_hash, "
	    "created_at, updated_at) VALUES (1, 'clin', 'A Clinician', 'clinician', 'x', 1, 1)");
	raw_exec(db, "INSERT INTO site (id, name, timezone, address, phone, active, created_at, "
	    "updated_at) VALUES (1, 'North', 'America/Chicago', '', '', 1, 1, 1)");
	snprintf(sql, sizeof sql, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	    "FROM k WHERE i < %d) INSERT INTO client (id, mrn, first_name, last_name, dob, sex, "
	    "created_at, updated_at) SELECT i, printf('M%%09d', i), 'Pat', printf('Last%%05d', i), "
	    "'1980-01-01', 'female', 1, 1 FROM k", NEPISODES);
	raw_exec(db, sql);
	snprintf(sql, sizeof sql, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	    "FROM k WHERE i < %d) INSERT INTO episode (client_id, level, site_id, admitted_on, "
	    "primary_clinician, privacy_notice_given, created_by, created_at) "
	    "SELECT i, '2.1', 1, '2026-01-05', 1, 1, 1, 1 FROM k", NEPISODES);
	raw_exec(db, sql);
	snprintf(sql, sizeof sql, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	    "FROM k WHERE i < %d) INSERT INTO alert (client_id, kind, message, source_type, "
	    "source_id, raised_at, resolved_at) SELECT 7, 'suicide_risk', 'm', 'screening', i, "
	    "i, CASE WHEN i %% 10 = 0 THEN i + 1 ELSE 0 END FROM k", NALERTS);
	raw_exec(db, sql);
	snprintf(sql, sizeof sql, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	    "FROM k WHERE i < %d) INSERT INTO task (kind, title, client_id, assigned_to, due_at, "
	    "done_at, created_at) SELECT 'follow_up', 't', 9, 1, i %% 17, "
	    "CASE WHEN i %% 5 = 0 THEN i ELSE 0 END, 1 FROM k", NTASKS);
	raw_exec(db, sql);
	snprintf(sql, sizeof sql, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	    "FROM k WHERE i < %d) INSERT INTO duty_shift (site_id, staff_id, starts_at, ends_at, "
	    "created_by, created_at) SELECT 1, 1, 1000 + i * 60, 1000 + i * 60 + 60, 1, 1 "
	    "FROM k", NSHIFTS);
	raw_exec(db, sql);
}

/* Every id seen once across all pages. */
struct seen {
	char *mark;
	size_t max, count;
};

static void
see(struct seen *s, int64_t id)
{
	assert_true(id > 0 && (size_t)id <= s->max);
	assert_int_equal(s->mark[id], 0);
	s->mark[id] = 1;
	s->count++;
}

static void
alerts_page_past_the_old_cap(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct seen sn = { calloc(NALERTS + 1, 1), NALERTS, 0 };
	struct alert *items;
	struct page pg = { 200, 0 };
	struct error e;
	int64_t total, prev = INT64_MAX;
	size_t n;

	seed(f->t.db);
	error_clear(&e);
	for (pg.offset = 0;; pg.offset += pg.limit) {
		assert_int_equal(store_alert_list(f->s, 7, false, pg, a, &items, &n, &total, &e),
		    ERR_OK);
		assert_int_equal(total, NALERTS);
		if (n == 0)
			break;
		for (size_t i = 0; i < n; i++) {
			assert_true(items[i].id < prev);	/* newest first */
			prev = items[i].id;
			see(&sn, items[i].id);
		}
	}
	assert_int_equal(sn.count, NALERTS);
	/* Open only: one in ten was resolved. */
	pg.offset = 0;
	pg.limit = 50;
	assert_int_equal(store_alert_list(f->s, 7, true, pg, a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 50);
	assert_int_equal(total, NALERTS - NALERTS / 10);
	/* Another client has none. */
	assert_int_equal(store_alert_list(f->s, 8, false, pg, a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	free(sn.mark);
	arena_free(a);
}

static void
tasks_page_past_the_old_cap(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct seen sn = { calloc(NTASKS + 1, 1), NTASKS, 0 };
	struct task *items;
	struct page pg = { 37, 0 };
	struct error e;
	int64_t total;
	size_t n;

	seed(f->t.db);
	error_clear(&e);
	for (pg.offset = 0;; pg.offset += pg.limit) {
		assert_int_equal(store_task_list(f->s, 1, false, pg, a, &items, &n, &total, &e),
		    ERR_OK);
		assert_int_equal(total, NTASKS);
		if (n == 0)
			break;
		for (size_t i = 0; i < n; i++)
			see(&sn, items[i].id);
	}
	assert_int_equal(sn.count, NTASKS);
	pg.offset = 180;
	assert_int_equal(store_task_list(f->s, 1, true, pg, a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(total, NTASKS - NTASKS / 5);
	assert_int_equal(n, (size_t)(NTASKS - NTASKS / 5 - 180));
	for (size_t i = 0; i < n; i++)
		assert_int_equal(items[i].done_at, 0);
	free(sn.mark);
	arena_free(a);
}

static void
census_pages_past_the_old_cap(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct seen sn = { calloc(NEPISODES + 1, 1), NEPISODES, 0 };
	struct episode *items;
	struct page pg = { 200, 0 };
	struct error e;
	int64_t total;
	size_t n;

	seed(f->t.db);
	error_clear(&e);
	for (pg.offset = 0;; pg.offset += pg.limit) {
		arena_reset(a);
		assert_int_equal(store_census(f->s, 0, "", 0, pg, a, &items, &n, &total, &e),
		    ERR_OK);
		assert_int_equal(total, NEPISODES);
		if (n == 0)
			break;
		for (size_t i = 0; i < n; i++)
			see(&sn, items[i].id);
	}
	assert_int_equal(sn.count, NEPISODES);
	/* A filter that matches nothing, and one that matches all. */
	pg.offset = 0;
	assert_int_equal(store_census(f->s, 0, "1", 0, pg, a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(total, 0);
	pg.offset = 1020;
	assert_int_equal(store_census(f->s, 1, "2.1", 0, pg, a, &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, NEPISODES - 1020);
	assert_int_equal(total, NEPISODES);
	free(sn.mark);
	arena_free(a);
}

static void
duty_pages_past_the_old_cap(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct duty_shift *items;
	struct page pg = { INT_MAX, 0 };
	struct error e;
	int64_t total;
	size_t n;

	seed(f->t.db);
	error_clear(&e);
	assert_int_equal(store_duty_list(f->s, 1, 0, INT64_MAX, pg, a, &items, &n, &total, &e),
	    ERR_OK);
	assert_int_equal(n, NSHIFTS);
	assert_int_equal(total, NSHIFTS);
	for (size_t i = 1; i < n; i++)
		assert_true(items[i].starts_at > items[i - 1].starts_at);
	pg.limit = 100;
	pg.offset = 500;
	assert_int_equal(store_duty_list(f->s, 1, 0, INT64_MAX, pg, a, &items, &n, &total, &e),
	    ERR_OK);
	assert_int_equal(n, NSHIFTS - 500);
	assert_int_equal(total, NSHIFTS);
	assert_int_equal(items[0].starts_at, 1000 + 501 * 60);
	/* A window: the shifts that overlap it, and their count. */
	pg.offset = 0;
	assert_int_equal(store_duty_list(f->s, 1, 1000 + 10 * 60 + 30, 1000 + 20 * 60, pg, a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 10);
	assert_int_equal(total, 10);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(alerts_page_past_the_old_cap, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(tasks_page_past_the_old_cap, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(census_pages_past_the_old_cap, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(duty_pages_past_the_old_cap, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

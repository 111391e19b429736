/*
 * test_store_integrity.c — regressions for defects a review found in the
 * store: an audited read about several clients is all or nothing; a batch
 * whose transaction SQLite ended fails whole and leaves the chain sound;
 * `iop backup` refuses a log that does not verify; `iop init` does not seal
 * a head over a log whose head is missing; list text that does not fit the
 * caller's arena is an error, not a NULL; a query bound with fewer values
 * than it takes fails; a statement to prepare followed by a second fails.
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_test.h"
#include "store/store_int.h"

static void
verify_ok(struct store *s)
{
	struct audit_verify_report rep;
	struct error e;

	error_clear(&e);
	if (store_audit_verify(s, &rep, &e) != ERR_OK)
		fail_msg("verify: %s", e.msg);
}

/* An audited read (no run function, one row) about further clients writes
 * the row and its index rows: when an index row fails, none stay, and the
 * next job chains on as if the failed one had not run. */
static void
audit_read_about_clients_is_atomic(void **state)
{
	struct fx *f = *state;
	struct store_job jobs[2];
	struct audit_event ev[2];
	static const int64_t cl[] = { 5, 999 };
	int64_t rows, about;

	add_audit(f->s, "seed", 0, "x");
	/* Stands in for any failure of a later statement (disk full, I/O). */
	raw_exec(f->t.db, "CREATE TRIGGER t_fail BEFORE INSERT ON audit_about "
	    "WHEN NEW.client_id = 999 BEGIN SELECT RAISE(ABORT, 'injected'); END");
	rows = raw_int(f->t.db, "SELECT count(*) FROM audit");
	about = raw_int(f->t.db, "SELECT count(*) FROM audit_about");
	memset(jobs, 0, sizeof jobs);
	memset(ev, 0, sizeof ev);
	ev[0] = (struct audit_event){ .username = "u", .role = "r", .action = "client.search",
		.record_type = "client", .address = "::1", .detail = "list",
		.clients = cl, .nclients = 2 };
	ev[1] = (struct audit_event){ .username = "u", .role = "r", .action = "client.read",
		.record_type = "client", .address = "::1", .detail = "next" };
	jobs[0].audit = &ev[0];
	jobs[0].naudit = 1;
	jobs[1].audit = &ev[1];
	jobs[1].naudit = 1;
	run_batch(f->s, jobs, 2);
	raw_exec(f->t.db, "DROP TRIGGER t_fail");
	assert_int_not_equal(jobs[0].result, ERR_OK);
	assert_int_equal(jobs[1].result, ERR_OK);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), rows + 1);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit_about"), about);
	verify_ok(f->s);
}

/* A statement error that ends the whole transaction (SQLite does so on a
 * full disk, an I/O error, out of memory; RAISE(ROLLBACK) stands in): no job
 * of the batch runs on in autocommit, all fail, nothing of the batch is
 * kept, and the next batch chains on from the last committed row. */
static void
batch_fails_whole_when_its_transaction_ends(void **state)
{
	struct fx *f = *state;
	struct store_job jobs[3];
	struct audit_event ev[3];
	static const int64_t cl[] = { 999 };
	int64_t rows;
	enum err hold;
	int i;

	add_audit(f->s, "seed", 0, "x");
	raw_exec(f->t.db, "CREATE TRIGGER t_fail BEFORE INSERT ON audit_about "
	    "WHEN NEW.client_id = 999 BEGIN SELECT RAISE(ROLLBACK, 'injected'); END");
	rows = raw_int(f->t.db, "SELECT count(*) FROM audit");
	memset(jobs, 0, sizeof jobs);
	memset(ev, 0, sizeof ev);
	for (i = 0; i < 3; i++) {
		ev[i] = (struct audit_event){ .username = "u", .role = "r", .action = "a",
			.record_type = "client", .address = "::1", .detail = "d" };
		jobs[i].audit = &ev[i];
		jobs[i].naudit = 1;
	}
	ev[1].clients = cl;
	ev[1].nclients = 1;
	hold = submit_batch(f->s, jobs, 3);
	raw_exec(f->t.db, "DROP TRIGGER t_fail");
	/* The holding job is a batch of its own; job 0 ran, but its row went
	 * with the transaction: it must not be told all is well. */
	assert_int_equal(hold, ERR_OK);
	for (i = 0; i < 3; i++)
		assert_int_not_equal(jobs[i].result, ERR_OK);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), rows);
	verify_ok(f->s);
	add_audit(f->s, "after", 0, "y");
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), rows + 1);
	verify_ok(f->s);
}

/* Rows cut off the end of the log: `iop backup` must not seal a head over
 * the cut log for the copy. */
static void
backup_refuses_a_truncated_log(void **state)
{
	struct fx *f = *state;
	struct store *ro;
	struct error e;
	char copy[PATH_MAX];
	struct stat sb;
	int i;

	for (i = 0; i < 5; i++)
		add_audit(f->s, "seed", 0, "x");
	store_close(f->s);
	f->s = NULL;
	raw_exec(f->t.db, "DROP TRIGGER audit_no_delete; "
	    "DELETE FROM audit WHERE id > (SELECT max(id) - 2 FROM audit)");
	ro = open_store(f->t.db, false, true);
	tdir_file(&f->t, "copy.db", copy, sizeof copy);
	error_clear(&e);
	assert_int_not_equal(store_backup(ro, copy, &e), ERR_OK);
	assert_non_null(strstr(e.msg, "cut off"));
	store_close(ro);
	assert_int_not_equal(stat(copy, &sb), 0);
	/* The fixture's teardown closes a store of the original. */
	f->s = NULL;
}

/* A sound log backs up, and the copy verifies on its own. */
static void
backup_of_a_sound_log_verifies(void **state)
{
	struct fx *f = *state;
	struct store *ro;
	struct error e;
	char copy[PATH_MAX];
	int i;

	for (i = 0; i < 3; i++)
		add_audit(f->s, "seed", 0, "x");
	tdir_file(&f->t, "copy.db", copy, sizeof copy);
	error_clear(&e);
	if (store_backup(f->s, copy, &e) != ERR_OK)
		fail_msg("backup: %s", e.msg);
	ro = open_store(copy, false, true);
	verify_ok(ro);
	store_close(ro);
}

/* `iop init` (create) on a log with rows whose head file is gone must not
 * seal a new head over whatever rows are there. */
static void
init_refuses_a_log_without_its_head(void **state)
{
	struct fx *f = *state;
	struct store_opts o = { .create = true };
	struct store *s = NULL;
	struct error e;
	char head[PATH_MAX];

	add_audit(f->s, "seed", 0, "x");
	store_close(f->s);
	f->s = NULL;
	tdir_file(&f->t, "iop.db.audit-head", head, sizeof head);
	assert_int_equal(unlink(head), 0);
	error_clear(&e);
	assert_int_equal(store_open(f->t.db, &o, &s, &e), ERR_CONFLICT);
	assert_null(s);
	assert_int_not_equal(access(head, F_OK), 0);
}

/* An arena that holds the rows' array but not their text: an error, never
 * a record with a NULL text field. */
static void
list_text_that_does_not_fit_is_an_error(void **state)
{
	struct fx *f = *state;
	struct arena *small = arena_new(16 * sizeof(struct inquiry) + 64);
	struct inquiry *items = NULL;
	size_t n = 0;
	int64_t total = 0;
	struct error e;
	enum err rc;

	add_inquiry(f->s, "Somebody With A Long Enough Name For This", URG_TODAY);
	error_clear(&e);
	rc = store_inquiry_list(f->s, "", (struct page){ 50, 0 }, small, &items, &n, &total, &e);
	if (rc == ERR_OK) {
		assert_int_equal(n, 1);
		assert_non_null(items[0].name);
	} else {
		assert_int_equal(rc, ERR_TOOLARGE);
	}
	arena_free(small);
}

/* A query given fewer values than its parameters fails instead of running
 * with NULLs; more values (a count query sharing its list's) are fine. */
static void
short_bind_is_an_error(void **state)
{
	struct fx *f = *state;
	struct db_open_opts o = { .readonly = true };
	struct db *d = NULL;
	struct db_stmt *st = NULL;
	struct error e;

	error_clear(&e);
	assert_int_equal(db_open(f->t.db, &o, &d, &e), ERR_OK);
	assert_int_equal(db_prepare(d, "SELECT ?1 + ?2", &st, &e), ERR_OK);
	bind_args(st, ARGS(A_INT(1)));
	/* Other statements between the binding and the step (a BEGIN). */
	assert_int_equal(db_exec(d, "SELECT 1"), DB_OK);
	assert_int_equal(db_step(st), DB_ERROR);
	assert_non_null(strstr(db_errmsg(d), "fewer"));
	db_reset(st);
	bind_args(st, ARGS(A_INT(1), A_INT(2), A_INT(3)));
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 3);
	db_reset(st);
	db_finalize(st);
	db_close(d);
}

/* One statement to prepare is one: a second one after it would be ignored. */
static void
second_statement_is_refused(void **state)
{
	struct fx *f = *state;
	struct db_open_opts o = { .readonly = true };
	struct db *d = NULL;
	struct db_stmt *st = NULL;
	struct error e;

	error_clear(&e);
	assert_int_equal(db_open(f->t.db, &o, &d, &e), ERR_OK);
	assert_int_equal(db_prepare(d, "SELECT 1; SELECT 2", &st, &e), ERR_STORE);
	assert_null(st);
	error_clear(&e);
	assert_int_equal(db_prepare(d, "SELECT 1;  -- a comment\n ; /* another */\n", &st, &e),
	    ERR_OK);
	db_finalize(st);
	db_close(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(audit_read_about_clients_is_atomic, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(batch_fails_whole_when_its_transaction_ends,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(backup_refuses_a_truncated_log, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(backup_of_a_sound_log_verifies, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(init_refuses_a_log_without_its_head, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(list_text_that_does_not_fit_is_an_error,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(short_bind_is_an_error, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(second_statement_is_refused, fx_setup,
		    fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

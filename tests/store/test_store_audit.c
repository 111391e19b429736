/*
 * test_store_audit.c — the audit log's keyed hash chain and its head file,
 * and backups.
 *
 * A base store is filled once per test; each kind of tampering is then done
 * with SQLite directly (triggers dropped first) on a fresh copy of the
 * closed store's files, and store_audit_verify() must name a problem.  Also:
 * the append-only triggers, reopening for writing after the tail was cut or
 * the head damaged, a head left behind by a crash between commit and head
 * write, verify while another process-like handle writes (with writes
 * committed between verifications, and at an instant when a batch has
 * appended rows it has not committed), and backups (consistent, verifiable,
 * never over an existing file, taken while another thread writes).  No test
 * sleeps: threads wait on each other's progress.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store_test.h"

#define NROWS 12	/* audit rows in the base store */
#define NVERIFY 80	/* verifications under a live writer */

/* A store with clients and NROWS audit rows over several batches. */
static void
fill(struct store *s)
{
	char detail[32];
	int64_t id;
	int i;

	for (i = 0; i < NROWS; i++) {
		snprintf(detail, sizeof detail, "step=%d", i);
		id = add_client(s, "Audit", i % 2 ? "Odd" : "Even", "1988-08-08", true);
		add_audit(s, i % 3 ? "client.read" : "client.update", id, detail);
	}
}

static int
base_setup(void **state)
{
	struct fx *f;

	fx_setup(state);
	f = *state;
	fill(f->s);
	store_close(f->s);
	f->s = NULL;
	return 0;
}

static int
base_teardown(void **state)
{
	return fx_teardown(state);
}

/* A copy of the base store's files in a new directory. */
static void
copy_base(const struct fx *f, struct tdir *t)
{
	tdir_make(t);
	copy_store_files(f->t.db, t->db);
}

static const char *DROP_TRIGGERS =
    "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;";

/* Tamper with a copy via SQL, then verify it read-only: must be a conflict. */
static void
expect_tampered(const struct tdir *t, struct audit_verify_report *rep)
{
	struct store *s = open_store(t->db, false, true);
	struct error e;

	error_clear(&e);
	memset(rep, 0x5a, sizeof *rep);
	assert_int_equal(store_audit_verify(s, rep, &e), ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_true(rep->problem[0] != '\0');
	assert_non_null(memchr(rep->problem, '\0', sizeof rep->problem));
	print_message("    verify: %s\n", rep->problem);
	store_close(s);
}

static void
tamper_sql(const struct fx *f, const char *sql, struct audit_verify_report *rep)
{
	struct tdir t;

	copy_base(f, &t);
	raw_exec(t.db, DROP_TRIGGERS);
	raw_exec(t.db, sql);
	expect_tampered(&t, rep);
	tdir_remove(&t);
}

/* Opening for writing must fail (the head check), with ERR_CONFLICT. */
static void
expect_open_refused(const char *db)
{
	struct store_opts o = { .create = false, .readonly = false };
	struct store *s = NULL;
	struct error e;

	error_clear(&e);
	assert_int_equal(store_open(db, &o, &s, &e), ERR_CONFLICT);
	assert_null(s);
	assert_true(e.msg[0] != '\0');
}

/* ---- an intact chain --------------------------------------------------------- */

static void
audit_intact_verifies(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	struct store *s;
	struct error e;

	/* Read-only and read-write handles agree; ids are dense. */
	s = open_store(f->t.db, false, true);
	error_clear(&e);
	assert_int_equal(store_audit_verify(s, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS);
	assert_int_equal(rep.first_bad_id, 0);
	assert_string_equal(rep.problem, "");
	store_close(s);
	s = open_store(f->t.db, false, false);
	add_audit(s, "client.read", 1, "more");
	assert_int_equal(store_audit_verify(s, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS + 1);
	store_close(s);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), NROWS + 1);
	assert_int_equal(raw_int(f->t.db, "SELECT max(id) FROM audit"), NROWS + 1);
	/* An empty log verifies too. */
	{
		struct tdir t;

		tdir_make(&t);
		s = open_store(t.db, true, false);
		assert_int_equal(store_audit_verify(s, &rep, &e), ERR_OK);
		assert_int_equal(rep.rows, 0);
		store_close(s);
		tdir_remove(&t);
	}
}

static void
audit_triggers_refuse_update_delete(void **state)
{
	struct fx *f = *state;
	char msg[256];
	struct audit_verify_report rep;
	struct store *s;
	struct error e;

	assert_int_equal(raw_try(f->t.db, "UPDATE audit SET detail = 'x' WHERE id = 3", msg,
	    sizeof msg), SQLITE_CONSTRAINT);
	assert_non_null(strstr(msg, "append-only"));
	assert_int_equal(raw_try(f->t.db, "DELETE FROM audit WHERE id = 3", msg, sizeof msg),
	    SQLITE_CONSTRAINT);
	assert_non_null(strstr(msg, "append-only"));
	assert_int_equal(raw_try(f->t.db, "DELETE FROM audit", msg, sizeof msg),
	    SQLITE_CONSTRAINT);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), NROWS);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM audit WHERE detail = 'x'"), 0);
	s = open_store(f->t.db, false, true);
	error_clear(&e);
	assert_int_equal(store_audit_verify(s, &rep, &e), ERR_OK);
	store_close(s);
}

/* A client's audit trail: newest first, paged, with totals on every page. */
static void
audit_by_client_pages(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct audit_event *items;
	struct store *s;
	struct error e;
	int64_t total;
	size_t n;
	int i;

	s = open_store(f->t.db, false, false);
	for (i = 0; i < 4; i++)
		add_audit(s, "client.read", 3, "again");
	error_clear(&e);
	assert_int_equal(store_audit_by_client(s, 3, (struct page){ 2, 0 }, a, &items, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 5);
	assert_int_equal(items[0].id, NROWS + 4);
	assert_int_equal(items[1].id, NROWS + 3);
	assert_int_equal(items[0].client_id, 3);
	assert_int_equal(items[0].record_id, 3);
	assert_string_equal(items[0].action, "client.read");
	assert_string_equal(items[0].username, "admin");
	assert_string_equal(items[0].role, "admin");
	assert_string_equal(items[0].record_type, "client");
	assert_string_equal(items[0].address, "127.0.0.1");
	assert_string_equal(items[0].detail, "again");
	assert_true(items[0].at > 0);
	assert_int_equal(store_audit_by_client(s, 3, (struct page){ 2, 4 }, a, &items, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 5);
	assert_int_equal(items[0].id, 3);	/* fill(): client 3's row is row 3 */
	assert_string_equal(items[0].detail, "step=2");
	assert_int_equal(store_audit_by_client(s, 3, (struct page){ 2, 10 }, a, &items, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 5);
	assert_int_equal(store_audit_by_client(s, 999, (struct page){ 2, 2 }, a, &items, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	store_close(s);
	arena_free(a);
}

/* ---- tampering with rows ------------------------------------------------------ */

static void
audit_changed_middle_row(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;

	tamper_sql(f, "UPDATE audit SET detail = 'step=99' WHERE id = 6", &rep);
	assert_int_equal(rep.first_bad_id, 6);
	assert_int_equal(rep.rows, NROWS);
	tamper_sql(f, "UPDATE audit SET at = at + 1 WHERE id = 4", &rep);
	assert_int_equal(rep.first_bad_id, 4);
	tamper_sql(f, "UPDATE audit SET client_id = 0, record_id = 0 WHERE id = 2", &rep);
	assert_int_equal(rep.first_bad_id, 2);
	tamper_sql(f, "UPDATE audit SET username = 'someone' WHERE id = 1", &rep);
	assert_int_equal(rep.first_bad_id, 1);
	/* Swapping two rows' hashes. */
	tamper_sql(f, "UPDATE audit SET hash = (SELECT hash FROM audit WHERE id = 8) "
	    "WHERE id = 7", &rep);
	assert_int_equal(rep.first_bad_id, 7);
	/* A hash that is not even hex. */
	tamper_sql(f, "UPDATE audit SET hash = 'zz' WHERE id = 9", &rep);
	assert_int_equal(rep.first_bad_id, 9);
	/* The last row changed: the chain itself catches it. */
	tamper_sql(f, "UPDATE audit SET action = 'client.delete' "
	    "WHERE id = (SELECT max(id) FROM audit)", &rep);
	assert_int_equal(rep.first_bad_id, NROWS);
}

static void
audit_deleted_rows(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	struct tdir t;

	/* A middle row: the gap is named. */
	tamper_sql(f, "DELETE FROM audit WHERE id = 5", &rep);
	assert_int_equal(rep.first_bad_id, 6);
	assert_int_equal(rep.rows, NROWS - 1);
	assert_non_null(strstr(rep.problem, "5"));
	/* The first row. */
	tamper_sql(f, "DELETE FROM audit WHERE id = 1", &rep);
	assert_int_equal(rep.first_bad_id, 2);

	/* The last row, and the last three: only the head can tell. */
	tamper_sql(f, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)", &rep);
	assert_int_equal(rep.rows, NROWS - 1);
	tamper_sql(f, "DELETE FROM audit WHERE id > 9", &rep);
	assert_int_equal(rep.rows, 9);
	/* Every row. */
	tamper_sql(f, "DELETE FROM audit", &rep);
	assert_int_equal(rep.rows, 0);

	/* A store whose tail was cut refuses to open for writing. */
	copy_base(f, &t);
	raw_exec(t.db, DROP_TRIGGERS);
	raw_exec(t.db, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)");
	expect_open_refused(t.db);
	/* ...and so still fails verification: nothing was resealed. */
	{
		struct audit_verify_report r2;
		expect_tampered(&t, &r2);
	}
	tdir_remove(&t);

	copy_base(f, &t);
	raw_exec(t.db, DROP_TRIGGERS);
	raw_exec(t.db, "DELETE FROM audit");
	expect_open_refused(t.db);
	tdir_remove(&t);
}

static void
audit_forged_rows(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	char sql[512];
	struct tdir t;

	/* A row added at the end with a made-up hash. */
	snprintf(sql, sizeof sql, "INSERT INTO audit VALUES (%d, 1700000000, 1, 'admin', "
	    "'admin', 'client.read', 'client', 1, 1, '::1', '', '%064d')", NROWS + 1, 0);
	tamper_sql(f, sql, &rep);
	assert_int_equal(rep.first_bad_id, NROWS + 1);
	/* A copy of the last row, renumbered. */
	snprintf(sql, sizeof sql, "INSERT INTO audit SELECT id + 1, at, user_id, username, "
	    "role, action, record_type, record_id, client_id, address, detail, hash FROM "
	    "audit WHERE id = %d", NROWS);
	tamper_sql(f, sql, &rep);
	assert_int_equal(rep.first_bad_id, NROWS + 1);
	/* A row squeezed in after an id was freed: delete 5, insert a new 5. */
	tamper_sql(f, "DELETE FROM audit WHERE id = 5; INSERT INTO audit SELECT 5, at, "
	    "user_id, username, role, 'client.merge', record_type, record_id, client_id, "
	    "address, detail, hash FROM audit WHERE id = 4", &rep);
	assert_int_equal(rep.first_bad_id, 5);

	/* A forged tail will not be accepted for writing either. */
	copy_base(f, &t);
	snprintf(sql, sizeof sql, "INSERT INTO audit VALUES (%d, 1700000000, 1, 'admin', "
	    "'admin', 'client.read', 'client', 1, 1, '::1', '', '%064d')", NROWS + 1, 0);
	raw_exec(t.db, sql);
	expect_open_refused(t.db);
	tdir_remove(&t);
}

/* Row i of the copy as an audit_event (strings into buf). */
struct rowbuf {
	struct audit_event ev;
	char s[6][128];
	char hash[80];
};

static void
read_row(sqlite3 *db, int64_t id, struct rowbuf *r)
{
	sqlite3_stmt *st;
	int i;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT id, at, user_id, username, role, "
	    "action, record_type, record_id, client_id, address, detail, hash FROM audit "
	    "WHERE id = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	memset(r, 0, sizeof *r);
	r->ev.id = sqlite3_column_int64(st, 0);
	r->ev.at = sqlite3_column_int64(st, 1);
	r->ev.user_id = sqlite3_column_int64(st, 2);
	r->ev.record_id = sqlite3_column_int64(st, 7);
	r->ev.client_id = sqlite3_column_int64(st, 8);
	{
		static const int cols[6] = { 3, 4, 5, 6, 9, 10 };
		for (i = 0; i < 6; i++)
			snprintf(r->s[i], sizeof r->s[i], "%s",
			    (const char *)sqlite3_column_text(st, cols[i]));
	}
	snprintf(r->hash, sizeof r->hash, "%s", (const char *)sqlite3_column_text(st, 11));
	r->ev.username = r->s[0];
	r->ev.role = r->s[1];
	r->ev.action = r->s[2];
	r->ev.record_type = r->s[3];
	r->ev.address = r->s[4];
	r->ev.detail = r->s[5];
	sqlite3_finalize(st);
}

/*
 * Someone with the database but not the key changes a row and recomputes
 * the whole chain and the head with a key of their own: still caught, at
 * the first row (the chain does not verify under the real key).
 */
static void
audit_chain_recomputed_without_key(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	uint8_t key[AUDIT_KEY_LEN], prev[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN],
	    mac[AUDIT_HASH_LEN];
	char hex[2 * AUDIT_HASH_LEN + 1], mh[2 * AUDIT_HASH_LEN + 1], head[256],
	    hp[PATH_MAX];
	struct rowbuf r;
	sqlite3 *db;
	sqlite3_stmt *up;
	struct tdir t;
	int64_t id;

	memset(key, 0x42, sizeof key);
	copy_base(f, &t);
	raw_exec(t.db, DROP_TRIGGERS);
	raw_exec(t.db, "UPDATE audit SET detail = 'rewritten' WHERE id = 3");
	assert_int_equal(sqlite3_open(t.db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "UPDATE audit SET hash = ?2 WHERE id = ?1",
	    -1, &up, NULL), SQLITE_OK);
	memcpy(prev, audit_genesis, sizeof prev);
	for (id = 1; id <= NROWS; id++) {
		read_row(db, id, &r);
		audit_hash(key, prev, &r.ev, h);
		hex_encode(h, AUDIT_HASH_LEN, hex);
		sqlite3_bind_int64(up, 1, id);
		sqlite3_bind_text(up, 2, hex, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(up), SQLITE_DONE);
		sqlite3_reset(up);
		memcpy(prev, h, sizeof prev);
	}
	sqlite3_finalize(up);
	sqlite3_close(db);
	/* A well-formed head sealed with the wrong key. */
	audit_head_mac(key, NROWS, NROWS, prev, mac);
	hex_encode(prev, AUDIT_HASH_LEN, hex);
	hex_encode(mac, AUDIT_HASH_LEN, mh);
	snprintf(head, sizeof head, "iop-audit-head v1 %020d %020d %s %s\n", NROWS, NROWS,
	    hex, mh);
	tdir_file(&t, "iop.db.audit-head", hp, sizeof hp);
	write_file(hp, head, strlen(head));
	expect_tampered(&t, &rep);
	assert_int_equal(rep.first_bad_id, 1);
	expect_open_refused(t.db);
	tdir_remove(&t);
}

/* ---- tampering with the head file --------------------------------------------- */

static void
audit_head_damaged(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	char hp[PATH_MAX], head[256], *p;
	struct tdir t;
	size_t n;

	/* Garbage. */
	copy_base(f, &t);
	tdir_file(&t, "iop.db.audit-head", hp, sizeof hp);
	write_file(hp, "garbage\n", 8);
	expect_tampered(&t, &rep);
	assert_int_equal(rep.first_bad_id, 0);
	assert_int_equal(rep.rows, NROWS);
	expect_open_refused(t.db);
	tdir_remove(&t);

	/* Empty. */
	copy_base(f, &t);
	tdir_file(&t, "iop.db.audit-head", hp, sizeof hp);
	write_file(hp, "", 0);
	expect_tampered(&t, &rep);
	expect_open_refused(t.db);
	tdir_remove(&t);

	/* Missing. */
	copy_base(f, &t);
	tdir_file(&t, "iop.db.audit-head", hp, sizeof hp);
	assert_int_equal(unlink(hp), 0);
	expect_tampered(&t, &rep);
	expect_open_refused(t.db);
	tdir_remove(&t);

	/* Well formed, but one digit of the count changed: the seal breaks. */
	copy_base(f, &t);
	tdir_file(&t, "iop.db.audit-head", hp, sizeof hp);
	n = read_file(hp, head, sizeof head);
	p = head + strlen("iop-audit-head v1 ") + 21 + 18;	/* count's last digits */
	assert_true(*p >= '0' && *p <= '9');
	*p = *p == '9' ? '8' : (char)(*p + 1);
	write_file(hp, head, n);
	expect_tampered(&t, &rep);
	expect_open_refused(t.db);
	tdir_remove(&t);

	/* Another store's head (sealed with another key). */
	{
		struct tdir o;
		char ohp[PATH_MAX];
		struct store *s;

		tdir_make(&o);
		s = open_store(o.db, true, false);
		fill(s);
		store_close(s);
		copy_base(f, &t);
		tdir_file(&t, "iop.db.audit-head", hp, sizeof hp);
		tdir_file(&o, "iop.db.audit-head", ohp, sizeof ohp);
		assert_true(copy_file(ohp, hp));
		expect_tampered(&t, &rep);
		expect_open_refused(t.db);
		tdir_remove(&t);
		tdir_remove(&o);
	}
}

/*
 * A crash after a commit but before the head was rewritten leaves the head
 * behind the log.  Verify (read-only) reports the unsealed rows; opening
 * for writing checks the whole chain and, when it holds, accepts it and
 * seals the head again (store.c: head_check_open).
 */
static void
audit_head_behind_after_crash(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	char hp[PATH_MAX], old[PATH_MAX];
	struct store *s;
	struct error e;
	struct tdir t;

	copy_base(f, &t);
	tdir_file(&t, "iop.db.audit-head", hp, sizeof hp);
	tdir_file(&t, "head.old", old, sizeof old);
	assert_true(copy_file(hp, old));
	s = open_store(t.db, false, false);
	add_audit(s, "client.read", 1, "after-1");
	add_audit(s, "client.read", 1, "after-2");
	store_close(s);
	assert_true(copy_file(old, hp));

	expect_tampered(&t, &rep);
	assert_int_equal(rep.first_bad_id, 0);
	assert_int_equal(rep.rows, NROWS + 2);

	s = open_store(t.db, false, false);
	error_clear(&e);
	assert_int_equal(store_audit_verify(s, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS + 2);
	add_audit(s, "client.read", 1, "after-3");
	store_close(s);
	s = open_store(t.db, false, true);
	assert_int_equal(store_audit_verify(s, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS + 3);
	store_close(s);
	tdir_remove(&t);

	/* The same, but a row after the head was altered too: refused. */
	copy_base(f, &t);
	tdir_file(&t, "iop.db.audit-head", hp, sizeof hp);
	tdir_file(&t, "head.old", old, sizeof old);
	assert_true(copy_file(hp, old));
	s = open_store(t.db, false, false);
	add_audit(s, "client.read", 1, "after-1");
	add_audit(s, "client.read", 1, "after-2");
	store_close(s);
	assert_true(copy_file(old, hp));
	raw_exec(t.db, DROP_TRIGGERS);
	raw_exec(t.db, "UPDATE audit SET detail = 'edited' WHERE id = (SELECT max(id) FROM "
	    "audit)");
	expect_open_refused(t.db);
	tdir_remove(&t);
}

/* ---- verify while a writer works ------------------------------------------------ */

/*
 * A thread writing audited reads as fast as the writer takes them.  It
 * counts the jobs done under m and signals c after each, so the test can
 * wait for writes to have happened (instead of sleeping and hoping).
 */
struct busy {
	struct store *s;
	pthread_mutex_t m;
	pthread_cond_t c;
	bool stop;
	int64_t jobs, failures;
};

static void
busy_init(struct busy *b, struct store *s)
{
	memset(b, 0, sizeof *b);
	b->s = s;
	pthread_mutex_init(&b->m, NULL);
	pthread_cond_init(&b->c, NULL);
}

static void
busy_destroy(struct busy *b)
{
	pthread_cond_destroy(&b->c);
	pthread_mutex_destroy(&b->m);
}

static void *
busy_writer(void *arg)
{
	struct busy *b = arg;
	struct audit_event ev;
	struct store_job j;
	bool stop = false;
	enum err rc;

	while (!stop) {
		ev = (struct audit_event){ .username = "w", .role = "admin",
			.action = "client.read", .address = "::1", .detail = "" };
		memset(&j, 0, sizeof j);
		j.audit = &ev;
		j.naudit = 1;
		rc = store_run(b->s, &j);
		pthread_mutex_lock(&b->m);
		if (rc != ERR_OK)
			b->failures++;
		b->jobs++;
		pthread_cond_broadcast(&b->c);
		stop = b->stop;
		pthread_mutex_unlock(&b->m);
	}
	return NULL;
}

/* The jobs the writer thread has completed so far. */
static int64_t
busy_jobs(struct busy *b)
{
	int64_t n;

	pthread_mutex_lock(&b->m);
	n = b->jobs;
	pthread_mutex_unlock(&b->m);
	return n;
}

/* Waits until the writer thread has completed more than n jobs. */
static void
busy_wait_past(struct busy *b, int64_t n)
{
	pthread_mutex_lock(&b->m);
	while (b->jobs <= n)
		pthread_cond_wait(&b->c, &b->m);
	pthread_mutex_unlock(&b->m);
}

static void
busy_stop(struct busy *b, pthread_t th)
{
	pthread_mutex_lock(&b->m);
	b->stop = true;
	pthread_mutex_unlock(&b->m);
	assert_int_equal(pthread_join(th, NULL), 0);
}

/*
 * A report of rows committed after the head's row, chained correctly, whose
 * seal had not been written yet (verify.c's "unsealed"), and of nothing else:
 * no row named as bad.
 */
static bool
only_unsealed(const struct audit_verify_report *r)
{
	return r->first_bad_id == 0 && strstr(r->problem, "are chained correctly but were "
	    "not sealed") != NULL;
}

/*
 * `iop audit verify` opens its own read-only handle while the server may be
 * writing.  Verifying under a live writer must never report tampering.
 * Between two verifications at least one write always commits (the loop
 * waits for it rather than sleeping), so every verify reads a log that has
 * grown since the last one, whatever the scheduling, and each counts at
 * least the rows written before it began.
 *
 * A writer seals the head just after its commit; verify waits a moment for
 * that seal, but a writer descheduled for longer between the two leaves
 * rows committed and not yet sealed.  Verify's defined answer to that is
 * "unsealed" (rows chained correctly after the head's row, nothing else
 * wrong), so that report is accepted here; any other problem is not.  Once
 * the writer has stopped, every row is sealed and the log verifies whole.
 */
static void
audit_verify_while_writing(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	struct busy b;
	struct store *ro, *w;
	struct error e;
	pthread_t th;
	int64_t before, after;
	int i, bad = 0, short_count = 0, unsealed = 0;
	char first[200] = "";

	w = open_store(f->t.db, false, false);
	busy_init(&b, w);
	ro = open_store(f->t.db, false, true);
	assert_int_equal(pthread_create(&th, NULL, busy_writer, &b), 0);
	for (i = 0; i < NVERIFY; i++) {
		before = busy_jobs(&b);
		error_clear(&e);
		if (store_audit_verify(ro, &rep, &e) != ERR_OK && !only_unsealed(&rep)) {
			if (bad++ == 0)
				snprintf(first, sizeof first, "%s", rep.problem);
		} else {
			if (rep.problem[0] != '\0')
				unsealed++;
			after = busy_jobs(&b);
			/* Every job done before the verify began is in it, and
			 * at most the one under way besides those done by its
			 * end. */
			if (rep.rows < NROWS + before || rep.rows > NROWS + after + 1)
				short_count++;
		}
		busy_wait_past(&b, before);
	}
	busy_stop(&b, th);
	print_message("    %lld writer jobs, %d/%d verifies saw rows not yet sealed, %d/%d "
	    "reported another problem%s%s\n", (long long)b.jobs, unsealed, NVERIFY, bad,
	    NVERIFY, bad ? ": " : "", first);
	assert_int_equal(b.failures, 0);
	assert_true(b.jobs >= NVERIFY);
	assert_int_equal(bad, 0);
	assert_int_equal(short_count, 0);
	assert_int_equal(store_audit_verify(ro, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS + b.jobs);
	store_close(ro);
	store_close(w);
	busy_destroy(&b);
}

/*
 * The same, made deterministic at one instant: the writer is stopped in the
 * middle of a batch whose first job has already appended its audit rows
 * (extending the chain in the open transaction).  A verify then, from a
 * read-only handle and from the writing handle, sees the committed log
 * only, and finds it intact; once the batch commits, it sees both rows.
 */
static void
audit_verify_during_open_batch(void **state)
{
	struct fx *f = *state;
	struct audit_event ev[2] = {
		{ .username = "w", .role = "admin", .action = "client.read",
		  .address = "::1", .detail = "in the open batch" },
		{ .username = "w", .role = "admin", .action = "client.read",
		  .address = "::1", .detail = "in the open batch, too" },
	};
	struct audit_verify_report rep;
	struct store_job first, rows, second;
	struct writer_gate h1, h2;
	struct store *ro, *w;
	struct error e;

	w = open_store(f->t.db, false, false);
	ro = open_store(f->t.db, false, true);
	gate_init(&h1);
	gate_init(&h2);

	/* Batch 1 holds the writer while rows and the second holder queue;
	 * then batch 2 runs rows (appending two audit rows) and stops in the
	 * second holder, before its commit. */
	memset(&first, 0, sizeof first);
	first.run = gate_hold;
	first.arg = &h1;
	first.done = gate_done;
	first.user = &h1;
	store_submit(w, &first);
	gate_wait_holding(&h1);
	memset(&rows, 0, sizeof rows);
	rows.audit = ev;
	rows.naudit = 2;
	rows.done = gate_done;
	rows.user = &h2;
	store_submit(w, &rows);
	memset(&second, 0, sizeof second);
	second.run = gate_hold;
	second.arg = &h2;
	second.done = gate_done;
	second.user = &h2;
	store_submit(w, &second);
	gate_release(&h1);
	gate_wait_holding(&h2);

	error_clear(&e);
	assert_int_equal(store_audit_verify(ro, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS);
	assert_string_equal(rep.problem, "");
	assert_int_equal(store_audit_verify(w, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS);
	assert_false(rows.finished);

	gate_release(&h2);
	gate_wait_done(&h2, 2);
	assert_int_equal(rows.result, ERR_OK);
	assert_int_equal(ev[1].id, ev[0].id + 1);
	assert_int_equal(store_audit_verify(ro, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS + 2);
	assert_int_equal(store_audit_verify(w, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS + 2);

	store_close(ro);
	store_close(w);
	gate_destroy(&h1);
	gate_destroy(&h2);
}

/* ---- backup ---------------------------------------------------------------------- */

static void
backup_copy_verifies(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	char bp[PATH_MAX], bk[PATH_MAX], bh[PATH_MAX], kp[PATH_MAX], k1[128], k2[128];
	struct client_search q;
	struct client *items;
	struct arena *a = arena_new(1 << 20);
	struct store *s, *b;
	struct stat sb;
	struct error e;
	int64_t total, btotal;
	size_t n;

	s = open_store(f->t.db, false, false);
	tdir_file(&f->t, "backup.db", bp, sizeof bp);
	error_clear(&e);
	assert_int_equal(store_backup(s, bp, &e), ERR_OK);

	/* The key and head beside it. */
	path_cat(bk, sizeof bk, bp, ".audit-key");
	path_cat(bh, sizeof bh, bp, ".audit-head");
	path_cat(kp, sizeof kp, f->t.db, ".audit-key");
	assert_int_equal(stat(bk, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(bh, &sb), 0);
	read_file(kp, k1, sizeof k1);
	read_file(bk, k2, sizeof k2);
	assert_string_equal(k1, k2);

	/* The copy opens, verifies, and holds the same records. */
	b = open_store(bp, false, true);
	assert_int_equal(store_audit_verify(b, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS);
	memset(&q, 0, sizeof q);
	q.kind = SEARCH_ALL;
	assert_int_equal(store_client_search(s, &q, true, (struct page){ 100, 0 }, a, &items,
	    &n, &total, &e), ERR_OK);
	assert_int_equal(store_client_search(b, &q, true, (struct page){ 100, 0 }, a, &items,
	    &n, &btotal, &e), ERR_OK);
	assert_int_equal(total, NROWS);
	assert_int_equal(btotal, total);
	assert_int_equal(n, (size_t)total);
	store_close(b);

	/* Never over an existing file, database or not. */
	error_clear(&e);
	assert_int_equal(store_backup(s, bp, &e), ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	tdir_file(&f->t, "notes.txt", bp, sizeof bp);
	write_file(bp, "keep me\n", 8);
	assert_int_equal(store_backup(s, bp, &e), ERR_CONFLICT);
	{
		char txt[32];
		read_file(bp, txt, sizeof txt);
		assert_string_equal(txt, "keep me\n");
	}
	store_close(s);

	/* The copy can carry on: opened for writing, its chain continues. */
	tdir_file(&f->t, "backup.db", bp, sizeof bp);
	b = open_store(bp, false, false);
	add_audit(b, "client.read", 1, "on the copy");
	assert_int_equal(store_audit_verify(b, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NROWS + 1);
	store_close(b);
	/* The original is unaffected. */
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), NROWS);
	arena_free(a);
}

/*
 * A backup taken (from a read-only handle, as the CLI does, and from the
 * writing one) while another thread writes is a consistent copy whose head
 * matches it.  Before each backup the test waits for more writes to have
 * committed (instead of sleeping), so each copy is taken of a log that grew
 * since the last; each holds at least every row written before it began.
 */
static void
backup_while_writing(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	char bp[PATH_MAX], name[32];
	struct busy w;
	struct store *ro, *b, *ws;
	struct error e;
	pthread_t th;
	int64_t before = 0, after;
	int i;

	ws = open_store(f->t.db, false, false);
	busy_init(&w, ws);
	ro = open_store(f->t.db, false, true);
	assert_int_equal(pthread_create(&th, NULL, busy_writer, &w), 0);
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "live-%d.db", i);
		tdir_file(&f->t, name, bp, sizeof bp);
		busy_wait_past(&w, before);
		before = busy_jobs(&w);
		error_clear(&e);
		assert_int_equal(store_backup(i % 2 ? ws : ro, bp, &e), ERR_OK);
		after = busy_jobs(&w);
		b = open_store(bp, false, true);
		assert_int_equal(store_audit_verify(b, &rep, &e), ERR_OK);
		assert_true(rep.rows >= NROWS + before);
		assert_true(rep.rows <= NROWS + after + 1);
		store_close(b);
	}
	busy_stop(&w, th);
	assert_int_equal(w.failures, 0);
	store_close(ro);
	store_close(ws);
	busy_destroy(&w);
}

/*
 * A list row about many clients (more than one statement's sixteen) keeps
 * each of them once in its client index, in any order and with repeats as
 * given; each client's trail finds the row; and the log verifies.
 */
static void
audit_row_about_many_clients(void **state)
{
	struct fx *f = *state;
	struct audit_verify_report rep;
	struct audit_event ev = { .user_id = 1, .username = "admin", .role = "admin",
		.action = "client.search", .record_type = "client", .address = "127.0.0.1",
		.detail = "ids=..." };
	struct audit_event *items;
	int64_t ids[41], total;
	struct store_job j;
	struct store *s;
	struct error e;
	struct arena *a = arena_new(1 << 20);
	size_t n;

	for (int i = 0; i < 40; i++)
		ids[i] = 1000 - 7 * i;	/* descending, distinct */
	ids[40] = ids[3];		/* one repeat */
	ev.clients = ids;
	ev.nclients = 41;
	s = open_store(f->t.db, false, false);
	memset(&j, 0, sizeof j);
	j.audit = &ev;
	j.naudit = 1;
	assert_int_equal(store_run(s, &j), ERR_OK);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit_about"), 40);
	assert_int_equal(raw_int(f->t.db, "SELECT count(DISTINCT client_id) FROM audit_about"), 40);
	for (int i = 0; i < 40; i += 13) {
		error_clear(&e);
		assert_int_equal(store_audit_by_client(s, ids[i], (struct page){ 10, 0 }, a, &items,
		    &n, &total, &e), ERR_OK);
		assert_true(n >= 1);
		assert_string_equal(items[0].action, "client.search");
	}
	error_clear(&e);
	assert_int_equal(store_audit_verify(s, &rep, &e), ERR_OK);
	assert_string_equal(rep.problem, "");
	store_close(s);
	arena_free(a);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, base_setup, base_teardown)
	const struct CMUnitTest tests[] = {
		T(audit_intact_verifies),
		T(audit_triggers_refuse_update_delete),
		T(audit_by_client_pages),
		T(audit_changed_middle_row),
		T(audit_deleted_rows),
		T(audit_forged_rows),
		T(audit_chain_recomputed_without_key),
		T(audit_head_damaged),
		T(audit_head_behind_after_crash),
		T(audit_verify_while_writing),
		T(audit_verify_during_open_batch),
		T(backup_copy_verifies),
		T(backup_while_writing),
		T(audit_row_about_many_clients),
	};
#undef T

	return cmocka_run_group_tests_name("store_audit", tests, NULL, NULL);
}

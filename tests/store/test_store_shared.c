/*
 * test_store_shared.c — two stores open on one database, as two `iop`
 * processes would be (a server and the command line): each writer takes the
 * audit chain's tail from the database inside its own transaction, so their
 * rows interleave into one chain, the head follows whichever wrote last and
 * never goes back, and the log verifies.  The first test takes turns; the
 * second overlaps the two writers' batches in an order the test fixes (one
 * held inside its transaction while the other queues, the head's lock held
 * so the later commit seals first), so the head's forward-only rule runs.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>

#include "store_test.h"
#include "store/store_int.h"	/* the writer's head file descriptor */

static void
verify_ok(const char *db, int64_t rows)
{
	struct store *v = open_store(db, false, true);
	struct audit_verify_report rep;
	struct error e;

	error_clear(&e);
	if (store_audit_verify(v, &rep, &e) != ERR_OK)
		fail_msg("verify: %s", e.msg);
	assert_int_equal(rep.rows, rows);
	store_close(v);
}

/* The last id the head file names ("iop-audit-head v1 LAST COUNT ..."). */
static int64_t
head_last_id(const struct tdir *t)
{
	char hp[PATH_MAX], buf[256];
	const char *p;

	tdir_file(t, "iop.db.audit-head", hp, sizeof hp);
	read_file(hp, buf, sizeof buf);
	assert_true(strncmp(buf, HEAD_MAGIC " ", strlen(HEAD_MAGIC) + 1) == 0);
	p = buf + strlen(HEAD_MAGIC) + 1;
	return strtoll(p, NULL, 10);
}

/* ---- two writers whose batches overlap -------------------------------------------------- */

#define NMAX 8

static void
events(struct audit_event *ev, int n, const char *action)
{
	int i;

	for (i = 0; i < n; i++)
		ev[i] = (struct audit_event){ .user_id = 1, .username = "admin",
			.role = "admin", .action = action, .record_type = "",
			.address = "127.0.0.1", .detail = "" };
}

/*
 * One round, in an order fixed by the test, not by the scheduler:
 *
 *   1. `first` opens its batch (BEGIN IMMEDIATE) and is held inside it;
 *   2. `second` is given a batch while `first`'s is open: its writer waits
 *      for the write lock, so it commits after `first`, taking the chain's
 *      tail from the database inside its own transaction;
 *   3. `first` is let go: it appends na rows and commits, then waits to seal
 *      the head, whose lock the test holds through `second`'s own file
 *      description, so `second` alone can take it;
 *   4. `second` appends nb rows, commits and seals the head first;
 *   5. `first` seals last, with a tail behind the head: the head must stay
 *      where `second` put it (it only ever moves forward).
 */
static void
interleave(const struct tdir *t, struct store *first, struct store *second, int na, int nb)
{
	struct audit_event ea[NMAX], eb[NMAX];
	struct store_job ja, jb;
	struct writer_gate g;
	int64_t base = raw_int(t->db, "SELECT coalesce(max(id), 0) FROM audit");
	char sql[200];
	int i;

	assert_true(na <= NMAX && nb <= NMAX);
	gate_init(&g);
	events(ea, na, "test.first");
	events(eb, nb, "test.second");
	memset(&ja, 0, sizeof ja);
	ja.run = gate_hold;
	ja.arg = &g;
	ja.audit = ea;
	ja.naudit = (size_t)na;
	ja.done = gate_done;
	ja.user = &g;
	memset(&jb, 0, sizeof jb);
	jb.audit = eb;
	jb.naudit = (size_t)nb;
	jb.done = gate_done;
	jb.user = &g;

	assert_int_equal(flock(second->headfd, LOCK_EX), 0);
	store_submit(first, &ja);
	gate_wait_holding(&g);
	store_submit(second, &jb);
	gate_release(&g);
	/* second's seal let go of the lock; unlock again in case it failed
	 * before sealing, so that first cannot wait for ever. */
	gate_wait_done(&g, 1);
	flock(second->headfd, LOCK_UN);
	gate_wait_done(&g, 2);

	assert_int_equal(ja.result, ERR_OK);
	assert_int_equal(jb.result, ERR_OK);
	/* first's rows, then second's, one chain with no gap. */
	for (i = 0; i < na; i++)
		assert_int_equal(ea[i].id, base + 1 + i);
	for (i = 0; i < nb; i++)
		assert_int_equal(eb[i].id, base + na + 1 + i);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE id > %lld AND "
	    "action = 'test.second'", (long long)(base + na));
	assert_int_equal(raw_int(t->db, sql), nb);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE id > %lld",
	    (long long)base);
	assert_int_equal(raw_int(t->db, sql), na + nb);
	/* Sealed by second, and first's later seal did not take it back. */
	assert_int_equal(head_last_id(t), base + na + nb);
	verify_ok(t->db, base + na + nb);
	gate_destroy(&g);
}

static void
batches_overlap_and_the_head_only_moves_forward(void **state)
{
	struct fx *f = *state;
	struct store *b = open_store(f->t.db, false, false);
	int round;

	for (round = 0; round < 4; round++) {
		interleave(&f->t, f->s, b, 1 + round, 3);
		interleave(&f->t, b, f->s, 2, 1 + 2 * round);
	}
	store_close(b);
	/* Closed and opened again: the head on disk matches the log. */
	b = open_store(f->t.db, false, false);
	store_close(b);
}

static void
two_writers_share_one_chain(void **state)
{
	struct fx *f = *state;
	struct store *b = open_store(f->t.db, false, false);
	int64_t base = raw_int(f->t.db, "SELECT count(*) FROM audit");
	int i;

	for (i = 0; i < 5; i++) {
		add_audit(f->s, "test.a", 0, "");
		add_audit(b, "test.b", 0, "");
		add_audit(b, "test.b", 0, "");
	}
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), base + 15);
	assert_int_equal(raw_int(f->t.db, "SELECT max(id) FROM audit"), base + 15);
	/* Both still open and writing; the log verifies meanwhile. */
	verify_ok(f->t.db, base + 15);
	add_audit(f->s, "test.a", 0, "");
	store_close(b);
	verify_ok(f->t.db, base + 16);
	/* The first writer closes after the second wrote the last row: the
	 * head left on disk still names the true tail. */
	b = open_store(f->t.db, false, false);
	add_audit(b, "test.b", 0, "");
	store_close(b);
	store_close(f->s);
	f->s = NULL;
	verify_ok(f->t.db, base + 17);
	f->s = open_store(f->t.db, false, false);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(two_writers_share_one_chain, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(batches_overlap_and_the_head_only_moves_forward,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

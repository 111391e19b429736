/*
 * test_store_jobs.c — the writer: jobs from many threads at once, each in
 * its own savepoint, so a failing job rolls back only itself; audit rows
 * for exactly the jobs that succeeded (and audit_fail rows for those that
 * did not), under real contention with any interleaving; group commit
 * observed through store_stat_batches() deterministically (a job holds the
 * writer while others queue, from one thread or from many, and is let go
 * only once all are queued); store_submit() with a done callback; reads
 * from other threads while the writer works.  No assertion depends on how
 * the threads happen to be scheduled.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "store_test.h"

#define NTHREADS 8
#define NJOBS 200
#define NREADERS 2

/* ---- many threads, many jobs ---------------------------------------------- */

enum cj_kind { CJ_CLIENT, CJ_CLIENT_FAIL, CJ_STAFF };

struct cjob {
	enum cj_kind kind;
	char last[32];
	struct client c;
	struct staff st;
	struct audit_event ok, fail;
	struct store_job job;
};

/*
 * Every job inserts a client.  CJ_CLIENT_FAIL then refuses; CJ_STAFF then
 * adds a staff member with a username every thread shares, so all but one
 * fail on the database's unique constraint, after their client insert.
 */
static enum err
j_concurrent(struct store_tx *tx, void *arg, struct error *e)
{
	struct cjob *j = arg;

	if (store_tx_client_insert(tx, &j->c, e) != ERR_OK)
		return e->code;
	j->ok.record_id = j->ok.client_id = j->c.id;
	if (j->kind == CJ_CLIENT_FAIL)
		return error_set(e, ERR_INVALID, "refused on purpose");
	if (j->kind == CJ_STAFF)
		return store_tx_staff_insert(tx, &j->st, "hash", e);
	return ERR_OK;
}

struct worker {
	struct store *s;
	int t;
	struct cjob *jobs;
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	int i;

	for (i = 0; i < NJOBS; i++) {
		struct cjob *j = &w->jobs[i];

		j->kind = i % 50 == 10 ? CJ_STAFF : i % 7 == 3 ? CJ_CLIENT_FAIL : CJ_CLIENT;
		snprintf(j->last, sizeof j->last, "T%dJ%03d", w->t, i);
		client_sample(&j->c, "Conc", j->last, "1999-09-09");
		memset(&j->st, 0, sizeof j->st);
		j->st.username = "shared";
		j->st.full_name = "Shared Name";
		j->st.email = "";
		j->st.roles = 1u << ROLE_NURSE;
		j->st.active = true;
		j->ok = (struct audit_event){ .user_id = 1, .username = "u", .role = "nurse",
			.action = "test.ok", .record_type = "client", .address = "::1",
			.detail = j->last };
		j->fail = j->ok;
		j->fail.action = "test.fail";
		memset(&j->job, 0, sizeof j->job);
		j->job.run = j_concurrent;
		j->job.arg = j;
		j->job.audit = &j->ok;
		j->job.naudit = 1;
		j->job.audit_fail = &j->fail;
		j->job.naudit_fail = 1;
		store_run(w->s, &j->job);
	}
	return NULL;
}

struct reader {
	struct store *s;
	int *stop;
	pthread_mutex_t *lock;
	int64_t reads, errors, went_back;
};

/* Searches while the writer works: never an error, totals never shrink. */
static void *
reader_main(void *arg)
{
	struct reader *r = arg;
	struct arena *a = arena_new(1 << 22);
	struct client_search q;
	struct client *items, c;
	struct error e;
	int64_t total, last = 0;
	size_t n;
	int stop = 0;

	memset(&q, 0, sizeof q);
	q.kind = SEARCH_NAME;
	snprintf(q.a, sizeof q.a, "t");
	while (!stop) {
		arena_reset(a);
		n = 0;
		if (store_client_search(r->s, &q, true, (struct page){ 5, 0 }, a, &items, &n,
		    &total, &e) != ERR_OK)
			r->errors++;
		else if (total < last)
			r->went_back++;
		else
			last = total;
		if (n > 0 && store_client_get(r->s, items[0].id, a, &c, &e) != ERR_OK)
			r->errors++;
		r->reads++;
		nanosleep(&(struct timespec){ 0, 2 * 1000 * 1000 }, NULL);
		pthread_mutex_lock(r->lock);
		stop = *r->stop;
		pthread_mutex_unlock(r->lock);
	}
	arena_free(a);
	return NULL;
}

static void
jobs_concurrent_fail_alone(void **state)
{
	struct fx *f = *state;
	struct worker w[NTHREADS];
	struct reader rd[NREADERS];
	pthread_t th[NTHREADS], rth[NREADERS];
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	int stop = 0;
	struct arena *a = arena_new(1 << 20);
	struct audit_verify_report rep;
	struct error e;
	int64_t b0, j0, batches, client_ok = 0, failed = 0, staff_ok = 0, staff_conflict = 0;
	int64_t njobs = (int64_t)NTHREADS * NJOBS;
	int t, i;

	b0 = store_stat_batches(f->s);
	j0 = store_stat_jobs(f->s);
	for (t = 0; t < NREADERS; t++) {
		rd[t] = (struct reader){ .s = f->s, .stop = &stop, .lock = &lock };
		assert_int_equal(pthread_create(&rth[t], NULL, reader_main, &rd[t]), 0);
	}
	for (t = 0; t < NTHREADS; t++) {
		w[t].s = f->s;
		w[t].t = t;
		w[t].jobs = calloc(NJOBS, sizeof *w[t].jobs);
		assert_non_null(w[t].jobs);
		assert_int_equal(pthread_create(&th[t], NULL, worker_main, &w[t]), 0);
	}
	for (t = 0; t < NTHREADS; t++)
		assert_int_equal(pthread_join(th[t], NULL), 0);
	pthread_mutex_lock(&lock);
	stop = 1;
	pthread_mutex_unlock(&lock);
	for (t = 0; t < NREADERS; t++) {
		assert_int_equal(pthread_join(rth[t], NULL), 0);
		assert_int_equal(rd[t].errors, 0);
		assert_int_equal(rd[t].went_back, 0);
		assert_true(rd[t].reads > 0);
	}
	batches = store_stat_batches(f->s) - b0;

	/* Each job's own result. */
	for (t = 0; t < NTHREADS; t++) {
		for (i = 0; i < NJOBS; i++) {
			struct cjob *j = &w[t].jobs[i];
			struct client got;
			char mrn[16];

			switch (j->kind) {
			case CJ_CLIENT:
				assert_int_equal(j->job.result, ERR_OK);
				assert_true(j->c.id > 0);
				client_mrn_format(j->c.id, mrn);
				assert_string_equal(j->c.mrn, mrn);
				assert_true(j->ok.id > 0);
				assert_int_equal(j->ok.record_id, j->c.id);
				assert_int_equal(store_client_get(f->s, j->c.id, a, &got, &e),
				    ERR_OK);
				assert_string_equal(got.last_name, j->last);
				client_ok++;
				break;
			case CJ_CLIENT_FAIL:
				assert_int_equal(j->job.result, ERR_INVALID);
				assert_int_equal(j->job.err.code, ERR_INVALID);
				assert_true(j->fail.id > 0);
				failed++;
				break;
			case CJ_STAFF:
				if (j->job.result == ERR_OK) {
					staff_ok++;
					client_ok++;
				} else {
					assert_int_equal(j->job.result, ERR_CONFLICT);
					assert_non_null(field_msg(&j->job.err, "username"));
					staff_conflict++;
					failed++;
				}
				break;
			}
		}
	}
	assert_int_equal(staff_ok, 1);
	assert_int_equal(staff_conflict, NTHREADS * 4 - 1);
	assert_int_equal(client_ok + failed, njobs);

	/* What is in the database: the successful jobs' clients and nothing of
	 * the failed ones; one audit row per job, of the right kind. */
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client"), client_ok);
	assert_int_equal(raw_int(f->t.db, "SELECT count(DISTINCT last_name) FROM client"),
	    client_ok);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM staff"), 1);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM audit WHERE action = 'test.ok'"), client_ok);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM audit WHERE action = 'test.fail'"), failed);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM audit a JOIN client c ON c.id = a.record_id "
	    "AND c.last_name = a.detail WHERE a.action = 'test.ok'"), client_ok);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM audit a JOIN client c ON c.last_name = a.detail "
	    "WHERE a.action = 'test.fail'"), 0);
	assert_int_equal(raw_int(f->t.db, "SELECT count(DISTINCT detail) FROM audit"),
	    njobs);
	/* Audit ids are dense, 1..N, with the chain intact. */
	assert_int_equal(raw_int(f->t.db, "SELECT max(id) FROM audit"), njobs);
	error_clear(&e);
	assert_int_equal(store_audit_verify(f->s, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, njobs);
	assert_string_equal(rep.problem, "");

	/* Every job was committed in some batch.  How many batches depends on
	 * how the threads were scheduled (anything from 1 to njobs), so it is
	 * only reported here; jobs_many_threads_one_batch and
	 * jobs_queued_behind_one_batch prove group commit deterministically. */
	print_message("    %lld jobs from %d threads in %lld batches\n", (long long)njobs,
	    NTHREADS, (long long)batches);
	assert_int_equal(store_stat_jobs(f->s) - j0, njobs);
	assert_true(batches >= 1);
	assert_true(batches <= njobs);

	for (t = 0; t < NTHREADS; t++)
		free(w[t].jobs);
	arena_free(a);
}

/* ---- a job that holds the writer: batches made deterministic --------------- */

struct gate {
	pthread_mutex_t m;
	pthread_cond_t c;
	bool started, release;
	int done;
	int order[128];	/* done order: at most 128 jobs per gate */
	pthread_t writer;
};

static enum err
j_gate(struct store_tx *tx, void *arg, struct error *e)
{
	struct gate *g = arg;

	(void)tx;
	(void)e;
	pthread_mutex_lock(&g->m);
	g->started = true;
	g->writer = pthread_self();
	pthread_cond_broadcast(&g->c);
	while (!g->release)
		pthread_cond_wait(&g->c, &g->m);
	pthread_mutex_unlock(&g->m);
	return ERR_OK;
}

struct ajob {
	struct store_job job;
	struct gate *g;
	int index;
	struct client c;
	char last[32];
	bool fail;
	int64_t now;
	bool on_writer;
	struct audit_event ok, bad;
};

static enum err
j_async(struct store_tx *tx, void *arg, struct error *e)
{
	struct ajob *j = arg;

	j->now = store_tx_now(tx);
	if (store_tx_client_insert(tx, &j->c, e) != ERR_OK)
		return e->code;
	if (j->fail)
		return error_set(e, ERR_CONFLICT, "refused on purpose");
	return ERR_OK;
}

static void
on_done(struct store_job *job)
{
	struct ajob *j = job->user;
	struct gate *g = j->g;

	/* No cmocka assertions here: this runs on the writer thread. */
	pthread_mutex_lock(&g->m);
	j->on_writer = pthread_equal(pthread_self(), g->writer) && job->finished;
	g->order[g->done++] = j->index;
	pthread_cond_broadcast(&g->c);
	pthread_mutex_unlock(&g->m);
}

static void
ajob_init(struct ajob *j, struct gate *g, int index, bool fail)
{
	memset(j, 0, sizeof *j);
	j->g = g;
	j->index = index;
	j->fail = fail;
	snprintf(j->last, sizeof j->last, "Async%02d", index);
	client_sample(&j->c, "Queued", j->last, "2002-02-02");
	j->ok = (struct audit_event){ .username = "u", .role = "r", .action = "async.ok",
		.record_type = "client", .address = "::1", .detail = j->last };
	j->bad = j->ok;
	j->bad.action = "async.fail";
	j->job.run = j_async;
	j->job.arg = j;
	j->job.audit = &j->ok;
	j->job.naudit = 1;
	j->job.audit_fail = &j->bad;
	j->job.naudit_fail = 1;
	j->job.done = on_done;
	j->job.user = j;
}

static void
order_wait_done(struct gate *g, int n)
{
	pthread_mutex_lock(&g->m);
	while (g->done < n)
		pthread_cond_wait(&g->c, &g->m);
	pthread_mutex_unlock(&g->m);
}

#define NQUEUED 20

static void
jobs_queued_behind_one_batch(void **state)
{
	struct fx *f = *state;
	struct gate g;
	struct store_job gj;
	struct ajob *jobs = calloc(NQUEUED, sizeof *jobs);
	struct arena *a = arena_new(1 << 20);
	struct audit_verify_report rep;
	struct error e;
	int64_t b0;
	int i, nok = 0;

	assert_non_null(jobs);
	memset(&g, 0, sizeof g);
	pthread_mutex_init(&g.m, NULL);
	pthread_cond_init(&g.c, NULL);
	add_client(f->s, "Before", "Gate", "2000-01-01", true);
	b0 = store_stat_batches(f->s);

	/* The gate job occupies the writer in batch 1... */
	memset(&gj, 0, sizeof gj);
	gj.run = j_gate;
	gj.arg = &g;
	store_submit(f->s, &gj);
	pthread_mutex_lock(&g.m);
	while (!g.started)
		pthread_cond_wait(&g.c, &g.m);
	pthread_mutex_unlock(&g.m);

	/* ...while these queue: every fourth fails after inserting. */
	for (i = 0; i < NQUEUED; i++) {
		ajob_init(&jobs[i], &g, i, i % 4 == 1);
		store_submit(f->s, &jobs[i].job);
	}
	/* Nothing of theirs is visible while the writer is held. */
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client"), 1);
	for (i = 0; i < NQUEUED; i++)
		assert_false(jobs[i].job.finished);

	pthread_mutex_lock(&g.m);
	g.release = true;
	pthread_cond_broadcast(&g.c);
	pthread_mutex_unlock(&g.m);
	order_wait_done(&g, NQUEUED);

	/* Exactly two transactions: the gate's and all the queued jobs'. */
	assert_int_equal(store_stat_batches(f->s), b0 + 2);
	for (i = 0; i < NQUEUED; i++) {
		struct ajob *j = &jobs[i];
		struct client got;

		/* Done in submission order, on the writer thread, after the result. */
		assert_int_equal(g.order[i], i);
		assert_true(j->on_writer);
		assert_int_equal(j->now, jobs[0].now);	/* one batch, one clock */
		if (j->fail) {
			assert_int_equal(j->job.result, ERR_CONFLICT);
			assert_int_equal(j->job.err.code, ERR_CONFLICT);
			assert_true(j->bad.id > 0);
		} else {
			assert_int_equal(j->job.result, ERR_OK);
			assert_int_equal(store_client_get(f->s, j->c.id, a, &got, &e), ERR_OK);
			assert_string_equal(got.last_name, j->last);
			assert_true(j->ok.id > 0);
			nok++;
		}
		/* The audit rows follow the submission order, one per job. */
		if (i > 0) {
			int64_t prev = jobs[i - 1].fail ? jobs[i - 1].bad.id : jobs[i - 1].ok.id;
			int64_t cur = j->fail ? j->bad.id : j->ok.id;
			assert_int_equal(cur, prev + 1);
		}
	}
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client"), 1 + nok);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM client WHERE last_name LIKE 'Async%'"), nok);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM audit WHERE action = 'async.ok'"), nok);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM audit WHERE action = 'async.fail'"), NQUEUED - nok);
	assert_int_equal(store_audit_verify(f->s, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, NQUEUED);

	pthread_mutex_destroy(&g.m);
	pthread_cond_destroy(&g.c);
	arena_free(a);
	free(jobs);
}

/* ---- many threads, one batch ----------------------------------------------------- */

#define NPER 12

struct mt {
	struct store *s;
	struct gate *g;
	int t;
	struct ajob *jobs;	/* NPER of them */
	pthread_mutex_t *m;
	pthread_cond_t *c;
	int *submitted;		/* threads that have queued all their jobs */
};

/* Queues NPER jobs (every third fails) and says so; does not wait for them. */
static void *
mt_main(void *arg)
{
	struct mt *w = arg;
	int i;

	for (i = 0; i < NPER; i++) {
		ajob_init(&w->jobs[i], w->g, w->t * NPER + i, i % 3 == 2);
		store_submit(w->s, &w->jobs[i].job);
	}
	pthread_mutex_lock(w->m);
	(*w->submitted)++;
	pthread_cond_broadcast(w->c);
	pthread_mutex_unlock(w->m);
	return NULL;
}

/*
 * Group commit under contention, deterministically: while a job holds the
 * writer, NTHREADS threads each queue NPER jobs; the writer is let go only
 * once every thread has queued all of its jobs, so all of them, whatever
 * their interleaving, are committed in exactly one transaction, each
 * failing job rolled back alone inside it.
 */
static void
jobs_many_threads_one_batch(void **state)
{
	struct fx *f = *state;
	struct ajob *jobs = calloc(NTHREADS * NPER, sizeof *jobs);
	struct mt w[NTHREADS];
	pthread_t th[NTHREADS];
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t c = PTHREAD_COND_INITIALIZER;
	struct audit_verify_report rep;
	struct store_job gj;
	struct gate g;
	struct error e;
	int64_t b0, j0, ids_seen = 0;
	int t, i, submitted = 0, nok = 0, n = NTHREADS * NPER;

	assert_non_null(jobs);
	memset(&g, 0, sizeof g);
	pthread_mutex_init(&g.m, NULL);
	pthread_cond_init(&g.c, NULL);
	b0 = store_stat_batches(f->s);
	j0 = store_stat_jobs(f->s);

	memset(&gj, 0, sizeof gj);
	gj.run = j_gate;
	gj.arg = &g;
	store_submit(f->s, &gj);
	pthread_mutex_lock(&g.m);
	while (!g.started)
		pthread_cond_wait(&g.c, &g.m);
	pthread_mutex_unlock(&g.m);

	for (t = 0; t < NTHREADS; t++) {
		w[t] = (struct mt){ .s = f->s, .g = &g, .t = t, .jobs = &jobs[t * NPER],
			.m = &m, .c = &c, .submitted = &submitted };
		assert_int_equal(pthread_create(&th[t], NULL, mt_main, &w[t]), 0);
	}
	pthread_mutex_lock(&m);
	while (submitted < NTHREADS)
		pthread_cond_wait(&c, &m);
	pthread_mutex_unlock(&m);
	for (t = 0; t < NTHREADS; t++)
		assert_int_equal(pthread_join(th[t], NULL), 0);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client"), 0);

	pthread_mutex_lock(&g.m);
	g.release = true;
	pthread_cond_broadcast(&g.c);
	pthread_mutex_unlock(&g.m);
	order_wait_done(&g, n);

	/* The gate's transaction and one for all the queued jobs. */
	assert_int_equal(store_stat_batches(f->s), b0 + 2);
	assert_int_equal(store_stat_jobs(f->s), j0 + 1 + n);
	for (i = 0; i < n; i++) {
		struct ajob *j = &jobs[i];

		assert_true(j->on_writer);
		assert_int_equal(j->now, jobs[0].now);	/* one batch, one clock */
		if (j->fail) {
			assert_int_equal(j->job.result, ERR_CONFLICT);
			assert_true(j->bad.id > 0);
			ids_seen += j->bad.id;
		} else {
			assert_int_equal(j->job.result, ERR_OK);
			assert_true(j->ok.id > 0);
			ids_seen += j->ok.id;
			nok++;
		}
	}
	/* One audit row per job, ids 1..n in some order. */
	assert_int_equal(ids_seen, (int64_t)n * (n + 1) / 2);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client"), nok);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit WHERE action = "
	    "'async.ok'"), nok);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit WHERE action = "
	    "'async.fail'"), n - nok);
	/* No failed job's client survived. */
	for (i = 0; i < n; i++) {
		char sql[128];

		snprintf(sql, sizeof sql, "SELECT count(*) FROM client WHERE last_name = '%s'",
		    jobs[i].last);
		assert_int_equal(raw_int(f->t.db, sql), jobs[i].fail ? 0 : 1);
	}
	error_clear(&e);
	assert_int_equal(store_audit_verify(f->s, &rep, &e), ERR_OK);
	assert_int_equal(rep.rows, n);

	pthread_mutex_destroy(&g.m);
	pthread_cond_destroy(&g.c);
	free(jobs);
}

/* Sequential jobs each commit on their own. */
static void
jobs_sequential_one_batch_each(void **state)
{
	struct fx *f = *state;
	int64_t b0 = store_stat_batches(f->s);
	int i;

	for (i = 0; i < 5; i++)
		add_client(f->s, "Seq", "Uential", "2000-01-01", true);
	assert_int_equal(store_stat_batches(f->s), b0 + 5);
}

/* ---- async submit with done --------------------------------------------------- */

#define NASYNC 60

static void
jobs_submit_with_done(void **state)
{
	struct fx *f = *state;
	struct ajob *jobs = calloc(NASYNC, sizeof *jobs);
	struct gate g;
	struct store_job probe;
	int i, nok = 0;

	assert_non_null(jobs);
	memset(&g, 0, sizeof g);
	pthread_mutex_init(&g.m, NULL);
	pthread_cond_init(&g.c, NULL);
	/* Learn the writer thread: the gate, released at once. */
	g.release = true;
	memset(&probe, 0, sizeof probe);
	probe.run = j_gate;
	probe.arg = &g;
	assert_int_equal(store_run(f->s, &probe), ERR_OK);
	assert_false(pthread_equal(g.writer, pthread_self()));

	for (i = 0; i < NASYNC; i++) {
		ajob_init(&jobs[i], &g, i, i % 5 == 4);
		store_submit(f->s, &jobs[i].job);
	}
	order_wait_done(&g, NASYNC);
	for (i = 0; i < NASYNC; i++) {
		assert_int_equal(g.order[i], i);
		assert_true(jobs[i].on_writer);
		assert_int_equal(jobs[i].job.result, jobs[i].fail ? ERR_CONFLICT : ERR_OK);
		nok += !jobs[i].fail;
	}
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client"), nok);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), NASYNC);
	pthread_mutex_destroy(&g.m);
	pthread_cond_destroy(&g.c);
	free(jobs);
}

/* ---- odds and ends ------------------------------------------------------------ */

static enum err
j_refuse(struct store_tx *tx, void *arg, struct error *e)
{
	(void)tx;
	(void)arg;
	return error_set(e, ERR_FORBIDDEN, "no");
}

static void
jobs_audit_only_and_silent_failure(void **state)
{
	struct fx *f = *state;
	struct audit_event evs[3] = {
		{ .username = "a", .role = "admin", .action = "x.one", .address = "::1",
		  .detail = "" },
		{ .at = 12345, .username = "a", .role = "admin", .action = "x.two",
		  .address = "::1", .detail = "d" },
		{ .username = "a", .role = "admin", .action = "x.three", .address = "::1",
		  .detail = "" },
	};
	struct store_job j;
	struct error e;

	/* run == NULL: the audit rows alone, in order, with the batch time
	 * filled in where none was given. */
	memset(&j, 0, sizeof j);
	j.audit = evs;
	j.naudit = 3;
	assert_int_equal(store_run(f->s, &j), ERR_OK);
	assert_int_equal(evs[0].id, 1);
	assert_int_equal(evs[1].id, 2);
	assert_int_equal(evs[2].id, 3);
	assert_true(evs[0].at > 0);
	assert_int_equal(evs[1].at, 12345);
	assert_int_equal(raw_int(f->t.db, "SELECT at FROM audit WHERE id = 2"), 12345);

	/* A refused job without audit_fail leaves no row at all. */
	memset(&j, 0, sizeof j);
	j.run = j_refuse;
	j.audit = evs;
	j.naudit = 1;
	assert_int_equal(store_run(f->s, &j), ERR_FORBIDDEN);
	assert_int_equal(j.err.code, ERR_FORBIDDEN);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), 3);

	/* A read-only store runs no jobs. */
	{
		struct store *ro = open_store(f->t.db, false, true);

		memset(&j, 0, sizeof j);
		j.audit = evs;
		j.naudit = 1;
		assert_int_equal(store_run(ro, &j), ERR_STORE);
		assert_int_equal(j.err.code, ERR_STORE);
		store_close(ro);
	}
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), 3);
	error_clear(&e);
	{
		struct audit_verify_report rep;
		assert_int_equal(store_audit_verify(f->s, &rep, &e), ERR_OK);
		assert_int_equal(rep.rows, 3);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(jobs_concurrent_fail_alone, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(jobs_queued_behind_one_batch, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(jobs_many_threads_one_batch, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(jobs_sequential_one_batch_each, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(jobs_submit_with_done, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(jobs_audit_only_and_silent_failure, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests_name("store_jobs", tests, NULL, NULL);
}

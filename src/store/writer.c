/*
 * writer.c — the writer thread and group commit (see store.h): it takes
 * every job queued so far, runs each in its own savepoint inside one write
 * transaction, appends each job's audit rows to the chain, commits once,
 * seals the audit head, then completes the jobs.
 *
 * This file must not know about HTTP or print health information.
 */
#include <string.h>

#include "store/store_int.h"

/* Run one of the writer's prepared control statements (BEGIN, SAVEPOINT...). */
static enum db_rc
wexec(struct store *s, enum sql_query q)
{
	struct db_stmt *st = db_query(s->wdb, q);
	enum db_rc rc = db_step(st);

	db_reset(st);
	return rc == DB_DONE ? DB_OK : rc;
}

struct chain_snap {
	int64_t last_id, count;
	uint8_t hash[AUDIT_HASH_LEN];
};

static void
snap_take(const struct store *s, struct chain_snap *c)
{
	c->last_id = s->last_id;
	c->count = s->count;
	memcpy(c->hash, s->last_hash, AUDIT_HASH_LEN);
}

static void
snap_restore(struct store *s, const struct chain_snap *c)
{
	s->last_id = c->last_id;
	s->count = c->count;
	memcpy(s->last_hash, c->hash, AUDIT_HASH_LEN);
}

static enum err
append_all(struct store *s, struct audit_event *evs, size_t n, int64_t now, struct error *e)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (audit_append(s, &evs[i], now, e) != ERR_OK)
			return e->code;
	return ERR_OK;
}

static void
run_job(struct store *s, struct store_tx *tx, struct store_job *j)
{
	struct chain_snap snap;

	snap_take(s, &snap);
	error_clear(&j->err);
	if (j->run == NULL && j->naudit <= 1 &&
	    (j->naudit == 0 || audit_clients_count(&j->audit[0]) == 0)) {
		/* One audit row about at most one client (an audited read): a
		 * single INSERT is atomic on its own, so it needs no savepoint.
		 * A row about further clients also writes their index rows,
		 * several statements that must stand or fall together. */
		j->result = append_all(s, j->audit, j->naudit, tx->now, &j->err);
		if (j->result != ERR_OK)
			snap_restore(s, &snap);
		return;
	}
	if (wexec(s, Q_sp_job) != DB_OK) {
		j->result = db_error(&j->err, s->wdb, "starting a change");
		return;
	}
	j->result = j->run ? j->run(tx, j->arg, &j->err) : ERR_OK;
	if (j->result == ERR_OK)
		j->result = append_all(s, j->audit, j->naudit, tx->now, &j->err);
	if (j->result == ERR_OK) {
		if (wexec(s, Q_sp_job_release) != DB_OK)
			j->result = db_error(&j->err, s->wdb, "finishing a change");
		return;
	}
	if (j->err.code == ERR_OK)
		j->err.code = j->result;
	wexec(s, Q_sp_job_rollback);
	wexec(s, Q_sp_job_release);
	snap_restore(s, &snap);
	/* A refused change still leaves its trace, unless the failure ended the
	 * whole transaction: a savepoint now would begin one of its own. */
	if (j->naudit_fail > 0 && db_in_tx(s->wdb)) {
		struct error ae;
		error_clear(&ae);
		snap_take(s, &snap);
		if (db_savepoint(s->wdb, "fail") != DB_OK ||
		    append_all(s, j->audit_fail, j->naudit_fail, tx->now, &ae) != ERR_OK) {
			db_rollback_to(s->wdb, "fail");
			snap_restore(s, &snap);
		}
		db_release(s->wdb, "fail");
	}
}

/*
 * Complete the batch's jobs.  The batch failed to write when the
 * transaction itself failed or any job ended with a database or I/O error;
 * that is what store_write_ok() reports until the next batch.
 */
static void
finish(struct store *s, struct store_job *list)
{
	struct store_job *j, *next;
	bool failed = false;

	for (j = list; j != NULL; j = j->next)
		if (j->result == ERR_STORE || j->result == ERR_IO)
			failed = true;
	pthread_mutex_lock(&s->qlock);
	s->write_failed = failed;
	pthread_mutex_unlock(&s->qlock);
	for (j = list; j != NULL; j = next) {
		next = j->next;
		if (j->done != NULL) {
			j->finished = 1;
			j->done(j);
		} else {
			pthread_mutex_lock(&s->qlock);
			j->finished = 1;
			pthread_mutex_unlock(&s->qlock);
		}
	}
	pthread_mutex_lock(&s->qlock);
	pthread_cond_broadcast(&s->dcond);
	pthread_mutex_unlock(&s->qlock);
}

/*
 * The batch's transaction ended under it: every job fails (those already run
 * lost their writes with it; the rest are not run), and the cached chain
 * goes back to the batch's start.  A failed job keeps its own error.
 */
static void
batch_lost(struct store *s, struct store_job *list, const struct chain_snap *batch)
{
	struct store_job *j;

	snap_restore(s, batch);
	for (j = list; j != NULL; j = j->next) {
		if (j->result != ERR_OK)
			continue;
		j->result = error_set(&j->err, ERR_STORE,
		    "the database ended the change; try again");
	}
}

void *
writer_main(void *arg)
{
	struct store *s = arg;
	struct store_job *list, *j;
	struct store_tx tx;
	struct chain_snap batch;
	struct error se;
	bool lost;

	for (;;) {
		pthread_mutex_lock(&s->qlock);
		while (s->qhead == NULL && !s->stop)
			pthread_cond_wait(&s->qcond, &s->qlock);
		if (s->qhead == NULL && s->stop) {
			pthread_mutex_unlock(&s->qlock);
			break;
		}
		list = s->qhead;
		s->qhead = s->qtail = NULL;
		pthread_mutex_unlock(&s->qlock);

		tx.s = s;
		tx.now = now_utc();
		if (wexec(s, Q_tx_begin) != DB_OK) {
			for (j = list; j != NULL; j = j->next)
				j->result = db_error(&j->err, s->wdb, "starting a transaction");
			finish(s, list);
			continue;
		}
		error_clear(&se);
		if (chain_sync(s, &se) != ERR_OK) {
			wexec(s, Q_tx_rollback);
			for (j = list; j != NULL; j = j->next) {
				j->result = se.code;
				j->err = se;
			}
			finish(s, list);
			continue;
		}
		snap_take(s, &batch);
		lost = false;
		for (j = list; j != NULL && !lost; j = j->next) {
			run_job(s, &tx, j);
			/* SQLite ends the whole transaction on some errors (a
			 * full disk, I/O, out of memory): nothing of the batch
			 * remains, and a later job would run in autocommit. */
			lost = !db_in_tx(s->wdb);
		}
		if (lost) {
			batch_lost(s, list, &batch);
		} else if (wexec(s, Q_tx_commit) != DB_OK) {
			struct error ce;
			db_error(&ce, s->wdb, "committing");
			wexec(s, Q_tx_rollback);
			snap_restore(s, &batch);
			for (j = list; j != NULL; j = j->next) {
				j->result = ERR_STORE;
				j->err = ce;
			}
		} else {
			int64_t nj = 0;
			for (j = list; j != NULL; j = j->next)
				nj++;
			pthread_mutex_lock(&s->qlock);
			s->batches++;
			s->jobs += nj;
			pthread_mutex_unlock(&s->qlock);
		}
		if (s->last_id != batch.last_id) {
			int64_t t = now_monotonic_ms();
			bool sync = t - s->head_synced_ms >= HEAD_SYNC_MS;
			int hrc = head_advance(s, sync);

			if (sync)
				s->head_synced_ms = t;
			if (hrc != 0) {
				/* The rows are durable; the head could not follow.
				 * Fail the requests so nothing is answered as if
				 * all were well; verify will name the gap. */
				for (j = list; j != NULL; j = j->next) {
					j->result = error_set(&j->err, ERR_IO,
					    "cannot write the audit head file");
				}
			}
		}
		finish(s, list);
	}
	return NULL;
}

void
store_submit(struct store *s, struct store_job *j)
{
	j->next = NULL;
	j->finished = 0;
	j->result = ERR_OK;
	error_clear(&j->err);
	pthread_mutex_lock(&s->qlock);
	if (s->qtail)
		s->qtail->next = j;
	else
		s->qhead = j;
	s->qtail = j;
	pthread_cond_signal(&s->qcond);
	pthread_mutex_unlock(&s->qlock);
}

enum err
store_run(struct store *s, struct store_job *j)
{
	j->done = NULL;
	if (s->readonly) {
		j->result = error_set(&j->err, ERR_STORE, "the store is open read-only");
		return j->result;
	}
	store_submit(s, j);
	pthread_mutex_lock(&s->qlock);
	while (!j->finished)
		pthread_cond_wait(&s->dcond, &s->qlock);
	pthread_mutex_unlock(&s->qlock);
	return j->result;
}

/* A counter the writer keeps under qlock. */
static int64_t
stat_read(struct store *s, const int64_t *v)
{
	int64_t n;

	pthread_mutex_lock(&s->qlock);
	n = *v;
	pthread_mutex_unlock(&s->qlock);
	return n;
}

int64_t
store_stat_jobs(struct store *s)
{
	return stat_read(s, &s->jobs);
}

int64_t
store_stat_batches(struct store *s)
{
	return stat_read(s, &s->batches);
}

bool
store_write_ok(struct store *s)
{
	bool failed;

	pthread_mutex_lock(&s->qlock);
	failed = s->write_failed;
	pthread_mutex_unlock(&s->qlock);
	return !failed;
}

int64_t
store_tx_now(struct store_tx *tx)
{
	return tx->now;
}

/*
 * store_sqlite.c — the SQLite driver behind store.h.
 *
 * Connections: one write connection owned by the writer thread, and one read
 * connection per calling thread (created on first use, kept until the store
 * closes).  WAL lets reads proceed while the writer commits; synchronous=FULL
 * makes each commit durable.  All statements come from sql/queries.sql and
 * are prepared on the write connection when the store opens, so a bad query
 * stops start-up, and on each read connection when it is created.
 *
 * The writer implements group commit (see store.h).  The audit chain state
 * (last id, last hash, row count) lives here, is advanced only by the writer,
 * and is rolled back with the savepoint of a failed job or the transaction of
 * a failed commit.  After each commit that added audit rows the head file
 * beside the database is rewritten and flushed before any job completes.
 *
 * This file must not know about HTTP or print health information.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "sql_gen.h"
#include "store/store.h"
#include "lib/timeutil.h"

struct rconn {
	sqlite3 *db;
	sqlite3_stmt *st[Q__MAX];
	struct rconn *next;
};

struct store {
	char *path;
	bool readonly;
	sqlite3 *wdb;
	sqlite3_stmt *wst[Q__MAX];

	/* Read connections, one per thread. */
	pthread_key_t rkey;
	pthread_mutex_t rlock;
	struct rconn *rconns;

	/* Writer. */
	pthread_t writer;
	bool writer_started;
	pthread_mutex_t qlock;
	pthread_cond_t qcond;		/* jobs queued or stop */
	pthread_cond_t dcond;		/* some job finished */
	struct store_job *qhead, *qtail;
	bool stop;
	int64_t pending_seq;
	int64_t batches;		/* committed transactions, under qlock */
	int64_t jobs;			/* jobs in them, under qlock */

	/* Audit chain (writer-owned after open). */
	uint8_t key[AUDIT_KEY_LEN];
	uint8_t last_hash[AUDIT_HASH_LEN];
	int64_t last_id;
	int64_t count;
	int headfd;
	int64_t head_synced_ms;		/* writer's: last flush of the head */
};

struct store_tx {
	struct store *s;
	int64_t now;
};

#define HEAD_MAGIC "iop-audit-head v1"

/* ---- small helpers ------------------------------------------------------ */

static enum err
db_error(struct error *e, sqlite3 *db, const char *what)
{
	return error_set(e, ERR_STORE, "database error while %s: %s", what,
	    db ? sqlite3_errmsg(db) : "no connection");
}

static int
exec_sql(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Run one of the writer's prepared control statements (BEGIN, SAVEPOINT...). */
static int
wexec(struct store *s, enum sql_query q)
{
	sqlite3_stmt *st = s->wst[q];
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_STATIC);
}

static void
bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st, i, v);
}

static const char *
col_text(sqlite3_stmt *st, int i, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return arena_strdup(a, t ? (const char *)t : "");
}

static int64_t
col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

static void
stmt_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static enum err
prepare_all(sqlite3 *db, sqlite3_stmt **st, struct error *e)
{
	int i;

	for (i = 0; i < Q__MAX; i++) {
		if (sqlite3_prepare_v3(db, sql_query_text[i], -1, SQLITE_PREPARE_PERSISTENT,
		    &st[i], NULL) != SQLITE_OK)
			return error_set(e, ERR_STORE, "query %s does not prepare: %s",
			    sql_query_name[i], sqlite3_errmsg(db));
	}
	return ERR_OK;
}

static void
finalize_all(sqlite3_stmt **st)
{
	int i;

	for (i = 0; i < Q__MAX; i++) {
		sqlite3_finalize(st[i]);
		st[i] = NULL;
	}
}

static enum err
open_conn(const char *path, bool create, bool query_only, sqlite3 **out, struct error *e)
{
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		error_set(e, ERR_STORE, "cannot open database %s: %s", path,
		    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return ERR_STORE;
	}
	sqlite3_busy_timeout(db, 10000);
	if (exec_sql(db, "PRAGMA foreign_keys=ON") != SQLITE_OK ||
	    exec_sql(db, "PRAGMA synchronous=FULL") != SQLITE_OK ||
	    exec_sql(db, "PRAGMA temp_store=MEMORY") != SQLITE_OK ||
	    (query_only && exec_sql(db, "PRAGMA query_only=1") != SQLITE_OK)) {
		db_error(e, db, "configuring the connection");
		sqlite3_close(db);
		return ERR_STORE;
	}
	*out = db;
	return ERR_OK;
}

/* The calling thread's read connection, created on first use. */
static struct rconn *
rconn_get(struct store *s, struct error *e)
{
	struct rconn *r = pthread_getspecific(s->rkey);

	if (r != NULL)
		return r;
	r = calloc(1, sizeof *r);
	if (r == NULL) {
		error_set(e, ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (open_conn(s->path, false, true, &r->db, e) != ERR_OK) {
		free(r);
		return NULL;
	}
	if (prepare_all(r->db, r->st, e) != ERR_OK) {
		finalize_all(r->st);
		sqlite3_close(r->db);
		free(r);
		return NULL;
	}
	pthread_mutex_lock(&s->rlock);
	r->next = s->rconns;
	s->rconns = r;
	pthread_mutex_unlock(&s->rlock);
	pthread_setspecific(s->rkey, r);
	return r;
}

#define RSTMT(s, q, e, r)                                  \
	struct rconn *r##_c = rconn_get((s), (e));          \
	sqlite3_stmt *r;                                    \
	if (r##_c == NULL)                                  \
		return (e)->code;                           \
	r = r##_c->st[(q)]

/* ---- files beside the database ----------------------------------------- */

static char *
side_path(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s%s", path, suffix);
	return p;
}

static enum err
key_load(struct store *s, bool create, struct error *e)
{
	char *kp = side_path(s->path, ".audit-key");
	char hex[AUDIT_KEY_LEN * 2 + 2];
	ssize_t n;
	int fd;

	if (kp == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	fd = open(kp, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		randombytes_buf(s->key, sizeof s->key);
		hex_encode(s->key, sizeof s->key, hex);
		hex[AUDIT_KEY_LEN * 2] = '\n';
		fd = open(kp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 || write(fd, hex, AUDIT_KEY_LEN * 2 + 1) != AUDIT_KEY_LEN * 2 + 1 ||
		    fsync(fd) != 0) {
			error_set(e, ERR_IO, "cannot write the audit key %s: %s", kp,
			    strerror(errno));
			if (fd >= 0)
				close(fd);
			sodium_memzero(hex, sizeof hex);
			free(kp);
			return ERR_IO;
		}
		close(fd);
		sodium_memzero(hex, sizeof hex);
		free(kp);
		return ERR_OK;
	}
	if (fd < 0) {
		error_set(e, ERR_IO, "cannot read the audit key %s: %s", kp, strerror(errno));
		free(kp);
		return ERR_IO;
	}
	n = read(fd, hex, sizeof hex - 1);
	close(fd);
	if (n < AUDIT_KEY_LEN * 2) {
		error_set(e, ERR_IO, "the audit key %s is damaged", kp);
		free(kp);
		return ERR_IO;
	}
	hex[AUDIT_KEY_LEN * 2] = '\0';
	if (hex_decode(hex, s->key, AUDIT_KEY_LEN) != 0) {
		sodium_memzero(hex, sizeof hex);
		error_set(e, ERR_IO, "the audit key %s is damaged", kp);
		free(kp);
		return ERR_IO;
	}
	sodium_memzero(hex, sizeof hex);
	free(kp);
	return ERR_OK;
}

/* The head record: magic, last id, count, last hash, MAC — fixed width. */
static void
head_format(const uint8_t key[AUDIT_KEY_LEN], int64_t last_id, int64_t count,
    const uint8_t hash[AUDIT_HASH_LEN], char out[200])
{
	char hh[AUDIT_HASH_LEN * 2 + 1], mh[AUDIT_HASH_LEN * 2 + 1];
	uint8_t mac[AUDIT_HASH_LEN];

	audit_head_mac(key, last_id, count, hash, mac);
	hex_encode(hash, AUDIT_HASH_LEN, hh);
	hex_encode(mac, AUDIT_HASH_LEN, mh);
	snprintf(out, 200, "%s %020" PRId64 " %020" PRId64 " %s %s\n", HEAD_MAGIC, last_id,
	    count, hh, mh);
}

static int
head_write_nosync(int fd, const char *rec)
{
	size_t n = strlen(rec);

	return pwrite(fd, rec, n, 0) == (ssize_t)n ? 0 : -1;
}

static int
head_write_fd(int fd, const char *rec)
{
	if (head_write_nosync(fd, rec) != 0)
		return -1;
	return fdatasync(fd);
}

/*
 * After each batch the writer rewrites the head in place, and flushes it
 * to disk at most once every HEAD_SYNC_MS.  The audit rows themselves are
 * durable with the commit; what a power loss can cost is only the head's
 * last moments, and a head behind the log is accepted on start when the
 * rows after it verify under the key (head_check_open).  One flush per
 * batch instead would double the flushes on the audited-read path.
 */
#define HEAD_SYNC_MS 1000

struct head {
	bool present;
	int64_t last_id, count;
	uint8_t hash[AUDIT_HASH_LEN];
	bool mac_ok;
};

static void
head_parse(const uint8_t key[AUDIT_KEY_LEN], const char *buf, struct head *h)
{
	char hh[AUDIT_HASH_LEN * 2 + 1], mh[AUDIT_HASH_LEN * 2 + 1];
	long long id, cnt;
	uint8_t mac[AUDIT_HASH_LEN], want[AUDIT_HASH_LEN];

	memset(h, 0, sizeof *h);
	if (strncmp(buf, HEAD_MAGIC " ", sizeof HEAD_MAGIC) != 0)
		return;
	if (sscanf(buf + sizeof HEAD_MAGIC, "%lld %lld %64s %64s", &id, &cnt, hh, mh) != 4)
		return;
	if (hex_decode(hh, h->hash, AUDIT_HASH_LEN) != 0 ||
	    hex_decode(mh, mac, AUDIT_HASH_LEN) != 0)
		return;
	h->present = true;
	h->last_id = id;
	h->count = cnt;
	audit_head_mac(key, h->last_id, h->count, h->hash, want);
	h->mac_ok = sodium_memcmp(mac, want, AUDIT_HASH_LEN) == 0;
}

static void
head_read(struct store *s, struct head *h)
{
	char *hp = side_path(s->path, ".audit-head");
	char buf[256];
	ssize_t n;
	int fd;

	memset(h, 0, sizeof *h);
	if (hp == NULL)
		return;
	fd = open(hp, O_RDONLY | O_CLOEXEC);
	free(hp);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	head_parse(s->key, buf, h);
}

/* ---- migrations --------------------------------------------------------- */

static enum err
migrate(struct store *s, bool create, struct error *e)
{
	sqlite3_stmt *q = NULL;
	size_t i;
	int applied = 0;

	if (exec_sql(s->wdb, "CREATE TABLE IF NOT EXISTS schema_migration ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)")
	    != SQLITE_OK)
		return db_error(e, s->wdb, "creating the migration table");
	if (sqlite3_prepare_v2(s->wdb, "SELECT count(*) FROM schema_migration WHERE version = ?1",
	    -1, &q, NULL) != SQLITE_OK)
		return db_error(e, s->wdb, "reading migrations");
	for (i = 0; i < sql_migration_count; i++) {
		sqlite3_bind_int64(q, 1, (int64_t)i + 1);
		if (sqlite3_step(q) != SQLITE_ROW) {
			sqlite3_finalize(q);
			return db_error(e, s->wdb, "reading migrations");
		}
		applied = sqlite3_column_int(q, 0);
		sqlite3_reset(q);
		if (applied)
			continue;
		if (!create) {
			sqlite3_finalize(q);
			return error_set(e, ERR_STORE, "the database %s is not initialised or is "
			    "older than this program (missing migration %s): run `iop init`",
			    s->path, sql_migration_name[i]);
		}
		if (exec_sql(s->wdb, "BEGIN IMMEDIATE") != SQLITE_OK ||
		    exec_sql(s->wdb, sql_migration_text[i]) != SQLITE_OK) {
			db_error(e, s->wdb, sql_migration_name[i]);
			exec_sql(s->wdb, "ROLLBACK");
			sqlite3_finalize(q);
			return ERR_STORE;
		}
		{
			char ins[512];
			char *z = sqlite3_mprintf("INSERT INTO schema_migration VALUES "
			    "(%d, %Q, %lld)", (int)i + 1, sql_migration_name[i],
			    (long long)now_utc());
			snprintf(ins, sizeof ins, "%s", z ? z : "");
			sqlite3_free(z);
			if (exec_sql(s->wdb, ins) != SQLITE_OK ||
			    exec_sql(s->wdb, "COMMIT") != SQLITE_OK) {
				db_error(e, s->wdb, "recording a migration");
				exec_sql(s->wdb, "ROLLBACK");
				sqlite3_finalize(q);
				return ERR_STORE;
			}
		}
	}
	sqlite3_finalize(q);
	return ERR_OK;
}

/* ---- audit chain state -------------------------------------------------- */

static enum err
chain_load(struct store *s, struct error *e)
{
	sqlite3_stmt *st = s->wst[Q_audit_last];
	int rc = sqlite3_step(st);

	memcpy(s->last_hash, audit_genesis, AUDIT_HASH_LEN);
	s->last_id = 0;
	if (rc == SQLITE_ROW) {
		s->last_id = col_int(st, 0);
		if (hex_decode((const char *)sqlite3_column_text(st, 1), s->last_hash,
		    AUDIT_HASH_LEN) != 0) {
			stmt_done(st);
			return error_set(e, ERR_STORE, "the last audit row has a damaged hash");
		}
	} else if (rc != SQLITE_DONE) {
		stmt_done(st);
		return db_error(e, s->wdb, "reading the audit log");
	}
	stmt_done(st);
	st = s->wst[Q_audit_count];
	if (sqlite3_step(st) != SQLITE_ROW) {
		stmt_done(st);
		return db_error(e, s->wdb, "counting the audit log");
	}
	s->count = col_int(st, 0);
	stmt_done(st);
	return ERR_OK;
}

static enum err verify_chain(struct store *s, bool wait, struct audit_verify_report *r,
    bool *unsealed, struct error *e);

/* On open for writing: the head file must agree with the database's tail. */
static enum err
head_check_open(struct store *s, bool create, struct error *e)
{
	struct head h;
	char rec[200];
	char *hp;

	head_read(s, &h);
	if (!h.present) {
		if (s->count != 0 && !create)
			return error_set(e, ERR_CONFLICT, "the audit head file is missing while "
			    "the audit log has rows; run `iop audit verify`");
	} else if (!h.mac_ok || h.last_id > s->last_id || h.count > s->count ||
	    (h.last_id == s->last_id && (h.count != s->count ||
	    sodium_memcmp(h.hash, s->last_hash, AUDIT_HASH_LEN) != 0))) {
		return error_set(e, ERR_CONFLICT, "the audit log does not match its head file; "
		    "run `iop audit verify`");
	}
	/* A head behind the log (a crash after commit) is accepted here only if
	 * the full chain verifies; the open path below checks that. */
	if (h.present && h.last_id < s->last_id) {
		struct audit_verify_report r;
		struct error ve;
		bool unsealed;

		error_clear(&ve);
		if (verify_chain(s, false, &r, &unsealed, &ve) != ERR_OK && !unsealed) {
			*e = ve;
			return e->code;
		}
	}
	hp = side_path(s->path, ".audit-head");
	if (hp == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	s->headfd = open(hp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(hp);
	if (s->headfd < 0)
		return error_set(e, ERR_IO, "cannot open the audit head file: %s",
		    strerror(errno));
	head_format(s->key, s->last_id, s->count, s->last_hash, rec);
	if (head_write_fd(s->headfd, rec) != 0)
		return error_set(e, ERR_IO, "cannot write the audit head file: %s",
		    strerror(errno));
	return ERR_OK;
}

static enum err
audit_append(struct store *s, struct audit_event *ev, int64_t now, struct error *e)
{
	sqlite3_stmt *st = s->wst[Q_audit_insert];
	uint8_t h[AUDIT_HASH_LEN];
	char hex[AUDIT_HASH_LEN * 2 + 1];

	if (ev->at == 0)
		ev->at = now;
	ev->id = s->last_id + 1;
	audit_hash(s->key, s->last_hash, ev, h);
	hex_encode(h, AUDIT_HASH_LEN, hex);
	bind_int(st, 1, ev->id);
	bind_int(st, 2, ev->at);
	bind_int(st, 3, ev->user_id);
	bind_text(st, 4, ev->username);
	bind_text(st, 5, ev->role);
	bind_text(st, 6, ev->action);
	bind_text(st, 7, ev->record_type);
	bind_int(st, 8, ev->record_id);
	bind_int(st, 9, ev->client_id);
	bind_text(st, 10, ev->address);
	bind_text(st, 11, ev->detail);
	bind_text(st, 12, hex);
	if (sqlite3_step(st) != SQLITE_DONE) {
		stmt_done(st);
		return db_error(e, s->wdb, "writing the audit log");
	}
	stmt_done(st);
	/* The further clients the row is about, each once (hashed above). */
	{
		int64_t last = INT64_MIN, next = 0;
		st = s->wst[Q_audit_about_insert];
		while (audit_clients_next(ev, last, &next)) {
			bind_int(st, 1, ev->id);
			bind_int(st, 2, next);
			if (sqlite3_step(st) != SQLITE_DONE) {
				stmt_done(st);
				return db_error(e, s->wdb, "writing the audit log");
			}
			stmt_done(st);
			last = next;
		}
	}
	s->last_id = ev->id;
	memcpy(s->last_hash, h, AUDIT_HASH_LEN);
	s->count++;
	return ERR_OK;
}

/* ---- the writer ---------------------------------------------------------- */

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
	if (j->run == NULL && j->naudit <= 1) {
		/* One audit row (an audited read): a single INSERT is atomic on
		 * its own, so it needs no savepoint. */
		j->result = append_all(s, j->audit, j->naudit, tx->now, &j->err);
		if (j->result != ERR_OK)
			snap_restore(s, &snap);
		return;
	}
	if (wexec(s, Q_sp_job) != SQLITE_OK) {
		j->result = db_error(&j->err, s->wdb, "starting a change");
		return;
	}
	j->result = j->run ? j->run(tx, j->arg, &j->err) : ERR_OK;
	if (j->result == ERR_OK)
		j->result = append_all(s, j->audit, j->naudit, tx->now, &j->err);
	if (j->result == ERR_OK) {
		if (wexec(s, Q_sp_job_release) != SQLITE_OK)
			j->result = db_error(&j->err, s->wdb, "finishing a change");
		return;
	}
	if (j->err.code == ERR_OK)
		j->err.code = j->result;
	wexec(s, Q_sp_job_rollback);
	wexec(s, Q_sp_job_release);
	snap_restore(s, &snap);
	/* A refused change still leaves its trace. */
	if (j->naudit_fail > 0) {
		struct error ae;
		error_clear(&ae);
		snap_take(s, &snap);
		if (exec_sql(s->wdb, "SAVEPOINT fail") != SQLITE_OK ||
		    append_all(s, j->audit_fail, j->naudit_fail, tx->now, &ae) != ERR_OK) {
			exec_sql(s->wdb, "ROLLBACK TO fail");
			snap_restore(s, &snap);
		}
		exec_sql(s->wdb, "RELEASE fail");
	}
}

static void
finish(struct store *s, struct store_job *list)
{
	struct store_job *j, *next;

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

static void *
writer_main(void *arg)
{
	struct store *s = arg;
	struct store_job *list, *j;
	struct store_tx tx;
	struct chain_snap batch;
	char rec[200];

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
		snap_take(s, &batch);
		if (wexec(s, Q_tx_begin) != SQLITE_OK) {
			for (j = list; j != NULL; j = j->next)
				j->result = db_error(&j->err, s->wdb, "starting a transaction");
			finish(s, list);
			continue;
		}
		for (j = list; j != NULL; j = j->next)
			run_job(s, &tx, j);
		if (wexec(s, Q_tx_commit) != SQLITE_OK) {
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
			int hrc;
			head_format(s->key, s->last_id, s->count, s->last_hash, rec);
			if (t - s->head_synced_ms >= HEAD_SYNC_MS) {
				hrc = head_write_fd(s->headfd, rec);
				s->head_synced_ms = t;
			} else {
				hrc = head_write_nosync(s->headfd, rec);
			}
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

int64_t
store_stat_jobs(struct store *s)
{
	int64_t n;

	pthread_mutex_lock(&s->qlock);
	n = s->jobs;
	pthread_mutex_unlock(&s->qlock);
	return n;
}

int64_t
store_stat_batches(struct store *s)
{
	int64_t n;

	pthread_mutex_lock(&s->qlock);
	n = s->batches;
	pthread_mutex_unlock(&s->qlock);
	return n;
}

int64_t
store_tx_now(struct store_tx *tx)
{
	return tx->now;
}

/* ---- open and close ------------------------------------------------------ */

enum err
store_open(const char *path, const struct store_opts *o, struct store **out,
    struct error *e)
{
	struct store *s;
	struct stat sb;

	*out = NULL;
	if (sodium_init() < 0)
		return error_set(e, ERR_IO, "libsodium failed to start");
	if (!o->create && stat(path, &sb) != 0)
		return error_set(e, ERR_NOTFOUND, "no database at %s: run `iop init --db %s` "
		    "(or `iop demo`) first", path, path);
	s = calloc(1, sizeof *s);
	if (s == NULL || (s->path = strdup(path)) == NULL) {
		free(s);
		return error_set(e, ERR_NOMEM, "out of memory");
	}
	s->readonly = o->readonly;
	s->headfd = -1;
	pthread_mutex_init(&s->rlock, NULL);
	pthread_mutex_init(&s->qlock, NULL);
	pthread_cond_init(&s->qcond, NULL);
	pthread_cond_init(&s->dcond, NULL);
	pthread_key_create(&s->rkey, NULL);

	if (open_conn(path, o->create, false, &s->wdb, e) != ERR_OK)
		goto fail;
	if (exec_sql(s->wdb, "PRAGMA journal_mode=WAL") != SQLITE_OK) {
		db_error(e, s->wdb, "switching to WAL");
		goto fail;
	}
	if (migrate(s, o->create, e) != ERR_OK)
		goto fail;
	if (prepare_all(s->wdb, s->wst, e) != ERR_OK)
		goto fail;
	if (key_load(s, o->create, e) != ERR_OK)
		goto fail;
	if (chain_load(s, e) != ERR_OK)
		goto fail;
	if (!s->readonly) {
		if (head_check_open(s, o->create, e) != ERR_OK)
			goto fail;
		if (pthread_create(&s->writer, NULL, writer_main, s) != 0) {
			error_set(e, ERR_IO, "cannot start the writer thread");
			goto fail;
		}
		s->writer_started = true;
	}
	*out = s;
	return ERR_OK;
fail:
	store_close(s);
	return e->code;
}

void
store_close(struct store *s)
{
	struct rconn *r, *next;

	if (s == NULL)
		return;
	if (s->writer_started) {
		pthread_mutex_lock(&s->qlock);
		s->stop = true;
		pthread_cond_signal(&s->qcond);
		pthread_mutex_unlock(&s->qlock);
		pthread_join(s->writer, NULL);
	}
	for (r = s->rconns; r != NULL; r = next) {
		next = r->next;
		finalize_all(r->st);
		sqlite3_close(r->db);
		free(r);
	}
	finalize_all(s->wst);
	if (s->wdb)
		sqlite3_close(s->wdb);
	if (s->headfd >= 0) {
		fdatasync(s->headfd);
		close(s->headfd);
	}
	sodium_memzero(s->key, sizeof s->key);
	pthread_key_delete(s->rkey);
	pthread_mutex_destroy(&s->rlock);
	pthread_mutex_destroy(&s->qlock);
	pthread_cond_destroy(&s->qcond);
	pthread_cond_destroy(&s->dcond);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

/* ---- rows ---------------------------------------------------------------- */

static void
row_client(sqlite3_stmt *st, struct arena *a, struct client *c)
{
	const char *sx;

	memset(c, 0, sizeof *c);
	c->id = col_int(st, 0);
	snprintf(c->mrn, sizeof c->mrn, "%s", (const char *)sqlite3_column_text(st, 1));
	c->first_name = col_text(st, 2, a);
	c->last_name = col_text(st, 3, a);
	c->preferred_name = col_text(st, 4, a);
	date_parse((const char *)sqlite3_column_text(st, 5), &c->dob);
	sx = (const char *)sqlite3_column_text(st, 6);
	if (!sex_parse(sx ? sx : "", &c->sex))
		c->sex = SEX_UNKNOWN;
	c->gender_identity = col_text(st, 7, a);
	c->phone = col_text(st, 8, a);
	c->email = col_text(st, 9, a);
	c->address.line1 = col_text(st, 10, a);
	c->address.line2 = col_text(st, 11, a);
	c->address.city = col_text(st, 12, a);
	c->address.state = col_text(st, 13, a);
	c->address.postal_code = col_text(st, 14, a);
	c->language = col_text(st, 15, a);
	c->active = col_int(st, 16) != 0;
	c->created_at = col_int(st, 17);
	c->updated_at = col_int(st, 18);
}

static void
row_contact(sqlite3_stmt *st, struct arena *a, struct contact *c)
{
	memset(c, 0, sizeof *c);
	c->id = col_int(st, 0);
	c->client_id = col_int(st, 1);
	c->name = col_text(st, 2, a);
	c->relationship = col_text(st, 3, a);
	c->phone = col_text(st, 4, a);
	c->email = col_text(st, 5, a);
	c->emergency = col_int(st, 6) != 0;
	c->guardian = col_int(st, 7) != 0;
	c->notes = col_text(st, 8, a);
}

static void
row_staff(sqlite3_stmt *st, struct arena *a, struct staff *s)
{
	const char *roles;

	memset(s, 0, sizeof *s);
	s->id = col_int(st, 0);
	s->username = col_text(st, 1, a);
	s->full_name = col_text(st, 2, a);
	s->email = col_text(st, 3, a);
	roles = (const char *)sqlite3_column_text(st, 4);
	if (!roles_parse_list(roles ? roles : "", &s->roles))
		s->roles = 0;
	s->active = col_int(st, 5) != 0;
	s->must_change_password = col_int(st, 6) != 0;
	s->failed_logins = (int)col_int(st, 7);
	s->locked_until = col_int(st, 8);
	s->last_login_at = col_int(st, 9);
	s->locked = s->locked_until > now_utc();
}

static void
row_site(sqlite3_stmt *st, struct arena *a, struct site *s)
{
	memset(s, 0, sizeof *s);
	s->id = col_int(st, 0);
	s->name = col_text(st, 1, a);
	s->timezone = col_text(st, 2, a);
	s->address = col_text(st, 3, a);
	s->phone = col_text(st, 4, a);
	s->active = col_int(st, 5) != 0;
}

static void
row_room(sqlite3_stmt *st, struct arena *a, struct room *r)
{
	memset(r, 0, sizeof *r);
	r->id = col_int(st, 0);
	r->site_id = col_int(st, 1);
	r->name = col_text(st, 2, a);
	r->capacity = (int)col_int(st, 3);
	r->active = col_int(st, 4) != 0;
}

static void
row_track(sqlite3_stmt *st, struct arena *a, struct track *t)
{
	memset(t, 0, sizeof *t);
	t->id = col_int(st, 0);
	t->site_id = col_int(st, 1);
	t->name = col_text(st, 2, a);
	t->level_of_care = col_text(st, 3, a);
	t->weekdays = (unsigned)col_int(st, 4);
	t->start_min = (int)col_int(st, 5);
	t->end_min = (int)col_int(st, 6);
	t->active = col_int(st, 7) != 0;
}

static void
row_audit(sqlite3_stmt *st, struct arena *a, struct audit_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->id = col_int(st, 0);
	ev->at = col_int(st, 1);
	ev->user_id = col_int(st, 2);
	ev->username = col_text(st, 3, a);
	ev->role = col_text(st, 4, a);
	ev->action = col_text(st, 5, a);
	ev->record_type = col_text(st, 6, a);
	ev->record_id = col_int(st, 7);
	ev->client_id = col_int(st, 8);
	ev->address = col_text(st, 9, a);
	ev->detail = col_text(st, 10, a);
}

typedef void (*row_fn)(sqlite3_stmt *, struct arena *, void *);

/*
 * Steps a bound statement, reading each row into a growing array of
 * elements of size sz.  When count_col >= 0 the column holds the total
 * (count(*) OVER ()).
 */
static enum err
read_rows(sqlite3 *db, sqlite3_stmt *st, struct arena *a, size_t sz, row_fn fn,
    int count_col, void **items, size_t *n, int64_t *total, struct error *e)
{
	size_t cap = 16, len = 0;
	char *arr = arena_alloc(a, cap * sz);
	int rc;

	if (total)
		*total = 0;
	if (arr == NULL) {
		stmt_done(st);
		return error_set(e, ERR_TOOLARGE, "the answer is too large");
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			char *na = arena_alloc(a, cap * 2 * sz);
			if (na == NULL) {
				stmt_done(st);
				return error_set(e, ERR_TOOLARGE, "the answer is too large");
			}
			memcpy(na, arr, cap * sz);
			arr = na;
			cap *= 2;
		}
		fn(st, a, arr + len * sz);
		if (count_col >= 0 && total)
			*total = col_int(st, count_col);
		len++;
	}
	stmt_done(st);
	if (rc != SQLITE_DONE)
		return db_error(e, db, "reading");
	*items = arr;
	*n = len;
	return ERR_OK;
}

static enum err
read_one(sqlite3 *db, sqlite3_stmt *st, struct arena *a, row_fn fn, void *out,
    const char *what, struct error *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		fn(st, a, out);
		stmt_done(st);
		return ERR_OK;
	}
	stmt_done(st);
	if (rc == SQLITE_DONE)
		return error_set(e, ERR_NOTFOUND, "%s not found", what);
	return db_error(e, db, "reading");
}

static enum err
step_write(sqlite3 *db, sqlite3_stmt *st, struct error *e)
{
	int rc = sqlite3_step(st);

	stmt_done(st);
	if (rc == SQLITE_DONE)
		return ERR_OK;
	if (rc == SQLITE_CONSTRAINT)
		return error_set(e, ERR_CONFLICT, "the change conflicts with another record");
	return db_error(e, db, "writing");
}

/* A total is for paging; an empty page past the end still needs one. */
static enum err
fix_total(sqlite3 *db, struct rconn *c, int64_t *total, size_t n, struct page pg,
    const char *countsql, struct error *e)
{
	sqlite3_stmt *st;

	(void)c;
	if (n > 0 || pg.offset == 0)
		return ERR_OK;
	if (sqlite3_prepare_v2(db, countsql, -1, &st, NULL) != SQLITE_OK)
		return db_error(e, db, "counting");
	if (sqlite3_step(st) == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return ERR_OK;
}

/*
 * The same for a query that filters: st, bound again for one row at offset
 * 0, yields the total in column col (count(*) OVER ()), or no row if none.
 */
static enum err
first_total(sqlite3 *db, sqlite3_stmt *st, int col, int64_t *total, struct error *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW && total)
		*total = col_int(st, col);
	stmt_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(e, db, "counting");
	return ERR_OK;
}

/* The rows a query gives for one id (a client's, an inquiry's), all of them. */
static enum err
list_by_id(struct store *s, enum sql_query q, int64_t id, struct arena *a, size_t size,
    row_fn fn, void **items, size_t *n, struct error *e)
{
	struct rconn *c = rconn_get(s, e);
	sqlite3_stmt *st;

	if (c == NULL)
		return e->code;
	st = c->st[q];
	bind_int(st, 1, id);
	return read_rows(c->db, st, a, size, fn, -1, items, n, NULL, e);
}

/*
 * A page of the rows a query gives for one id: ?1 the id, ?2 the limit, ?3
 * the offset, ?4 text when it is not NULL; column col holds the total
 * (count(*) OVER ()).  A page past the end is asked again for one row at
 * offset 0, for the total.
 */
static enum err
page_by_id(struct store *s, enum sql_query q, int64_t id, const char *text, struct page pg,
    struct arena *a, size_t size, row_fn fn, int col, void **items, size_t *n,
    int64_t *total, struct error *e)
{
	struct rconn *c = rconn_get(s, e);
	sqlite3_stmt *st;
	bool again = false;

	if (c == NULL)
		return e->code;
	st = c->st[q];
	for (;;) {
		bind_int(st, 1, id);
		bind_int(st, 2, again ? 1 : pg.limit);
		bind_int(st, 3, again ? 0 : pg.offset);
		if (text != NULL)
			bind_text(st, 4, text);
		if (again)
			return first_total(c->db, st, col, total, e);
		if (read_rows(c->db, st, a, size, fn, col, items, n, total, e) != ERR_OK)
			return e->code;
		if (*n > 0 || pg.offset == 0)
			return ERR_OK;
		again = true;
	}
}

/* ---- reads --------------------------------------------------------------- */

enum err
store_session_get(struct store *s, const uint8_t token_hash[32], struct arena *a,
    struct session *out, struct error *e)
{
	RSTMT(s, Q_session_by_token, e, st);
	int rc;
	const char *roles;

	sqlite3_bind_blob(st, 1, token_hash, 32, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		stmt_done(st);
		if (rc == SQLITE_DONE)
			return error_set(e, ERR_UNAUTH, "no session");
		return db_error(e, st_c->db, "reading the session");
	}
	memset(out, 0, sizeof *out);
	out->id = col_int(st, 0);
	out->staff_id = col_int(st, 1);
	snprintf(out->csrf, sizeof out->csrf, "%s", (const char *)sqlite3_column_text(st, 2));
	out->created_at = col_int(st, 3);
	out->last_seen_at = col_int(st, 4);
	out->expires_at = col_int(st, 5);
	out->username = col_text(st, 6, a);
	out->full_name = col_text(st, 7, a);
	roles = (const char *)sqlite3_column_text(st, 8);
	if (!roles_parse_list(roles ? roles : "", &out->roles))
		out->roles = 0;
	out->staff_active = col_int(st, 9) != 0;
	out->must_change_password = col_int(st, 10) != 0;
	stmt_done(st);
	return ERR_OK;
}

enum err
store_client_get(struct store *s, int64_t id, struct arena *a, struct client *out,
    struct error *e)
{
	RSTMT(s, Q_client_by_id, e, st);
	bind_int(st, 1, id);
	return read_one(st_c->db, st, a, (row_fn)row_client, out, "client", e);
}

static void
search_bind(sqlite3_stmt *st, const struct client_search *q, bool include_inactive,
    struct page pg, char mrn[16], char dob[11])
{
	bind_int(st, 1, include_inactive ? 1 : 0);
	bind_int(st, 2, pg.limit);
	bind_int(st, 3, pg.offset);
	switch (q->kind) {
	case SEARCH_NAME:
		bind_text(st, 4, q->a);	/* lower-cased prefixes (core/search.c) */
		break;
	case SEARCH_NAME_PAIR:
		bind_text(st, 4, q->a);
		bind_text(st, 5, q->b);
		break;
	case SEARCH_MRN:
		client_mrn_format(q->mrn, mrn);
		bind_text(st, 4, mrn);
		break;
	case SEARCH_DOB:
		date_format(q->dob, dob);
		bind_text(st, 4, dob);
		break;
	default:
		break;
	}
}

enum err
store_client_search(struct store *s, const struct client_search *q, bool include_inactive,
    struct page pg, struct arena *a, struct client **items, size_t *n, int64_t *total,
    struct error *e)
{
	static const enum sql_query rows_q[] = {
		[SEARCH_ALL] = Q_client_search_all, [SEARCH_NAME] = Q_client_search_name,
		[SEARCH_NAME_PAIR] = Q_client_search_pair, [SEARCH_MRN] = Q_client_search_mrn,
		[SEARCH_DOB] = Q_client_search_dob,
	};
	static const enum sql_query count_q[] = {
		[SEARCH_ALL] = Q_client_count_all, [SEARCH_NAME] = Q_client_count_name,
		[SEARCH_NAME_PAIR] = Q_client_count_pair, [SEARCH_MRN] = Q_client_count_mrn,
		[SEARCH_DOB] = Q_client_count_dob,
	};
	char mrn[16], dob[11];
	struct rconn *c = rconn_get(s, e);
	sqlite3_stmt *st;
	enum err rc;

	if (c == NULL)
		return e->code;
	st = c->st[rows_q[q->kind]];
	search_bind(st, q, include_inactive, pg, mrn, dob);
	rc = read_rows(c->db, st, a, sizeof **items, (row_fn)row_client, -1,
	    (void **)items, n, NULL, e);
	if (rc != ERR_OK)
		return rc;
	if (pg.offset == 0 && *n < (size_t)pg.limit) {
		*total = (int64_t)*n;	/* the whole answer is on this page */
		return ERR_OK;
	}
	st = c->st[count_q[q->kind]];
	search_bind(st, q, include_inactive, pg, mrn, dob);
	rc = sqlite3_step(st);
	*total = rc == SQLITE_ROW ? col_int(st, 0) : 0;
	stmt_done(st);
	return rc == SQLITE_ROW ? ERR_OK : db_error(e, c->db, "counting clients");
}

enum err
store_contact_list(struct store *s, int64_t client_id, struct arena *a,
    struct contact **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_contact_list, client_id, a, sizeof **items,
	    (row_fn)row_contact, (void **)items, n, e);
}

enum err
store_contact_get(struct store *s, int64_t client_id, int64_t contact_id, struct arena *a,
    struct contact *out, struct error *e)
{
	RSTMT(s, Q_contact_by_id, e, st);
	bind_int(st, 1, client_id);
	bind_int(st, 2, contact_id);
	return read_one(st_c->db, st, a, (row_fn)row_contact, out, "contact", e);
}

static enum err
staff_sites(sqlite3 *db, sqlite3_stmt *st, struct staff *out, struct error *e)
{
	int rc;

	bind_int(st, 1, out->id);
	out->nsites = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (out->nsites < STAFF_SITES_MAX)
			out->site_ids[out->nsites++] = col_int(st, 0);
	stmt_done(st);
	return rc == SQLITE_DONE ? ERR_OK : db_error(e, db, "reading staff sites");
}

enum err
store_staff_get(struct store *s, int64_t id, struct arena *a, struct staff *out,
    struct error *e)
{
	RSTMT(s, Q_staff_by_id, e, st);
	bind_int(st, 1, id);
	if (read_one(st_c->db, st, a, (row_fn)row_staff, out, "staff member", e) != ERR_OK)
		return e->code;
	return staff_sites(st_c->db, st_c->st[Q_staff_sites], out, e);
}

enum err
store_staff_by_username(struct store *s, const char *username, struct arena *a,
    struct staff *out, char **password_hash, struct error *e)
{
	RSTMT(s, Q_staff_by_username, e, st);
	int rc;

	bind_text(st, 1, username);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		stmt_done(st);
		return rc == SQLITE_DONE ? error_set(e, ERR_NOTFOUND, "staff member not found")
		    : db_error(e, st_c->db, "reading staff");
	}
	row_staff(st, a, out);
	if (password_hash)
		*password_hash = (char *)col_text(st, 10, a);
	stmt_done(st);
	return staff_sites(st_c->db, st_c->st[Q_staff_sites], out, e);
}

enum err
store_staff_list(struct store *s, struct page pg, struct arena *a, struct staff **items,
    size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_staff_list, e, st);
	size_t i;

	bind_int(st, 1, pg.limit);
	bind_int(st, 2, pg.offset);
	if (read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_staff, 10, (void **)items,
	    n, total, e) != ERR_OK)
		return e->code;
	for (i = 0; i < *n; i++)
		if (staff_sites(st_c->db, st_c->st[Q_staff_sites], &(*items)[i], e) != ERR_OK)
			return e->code;
	return fix_total(st_c->db, st_c, total, *n, pg, "SELECT count(*) FROM staff", e);
}

enum err
store_staff_count(struct store *s, int64_t *n, struct error *e)
{
	RSTMT(s, Q_staff_count, e, st);
	if (sqlite3_step(st) != SQLITE_ROW) {
		stmt_done(st);
		return db_error(e, st_c->db, "counting staff");
	}
	*n = col_int(st, 0);
	stmt_done(st);
	return ERR_OK;
}

enum err
store_site_get(struct store *s, int64_t id, struct arena *a, struct site *out,
    struct error *e)
{
	RSTMT(s, Q_site_by_id, e, st);
	bind_int(st, 1, id);
	return read_one(st_c->db, st, a, (row_fn)row_site, out, "site", e);
}

enum err
store_site_list(struct store *s, struct page pg, struct arena *a, struct site **items,
    size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_site_list, e, st);
	bind_int(st, 1, pg.limit);
	bind_int(st, 2, pg.offset);
	if (read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_site, 6, (void **)items, n,
	    total, e) != ERR_OK)
		return e->code;
	return fix_total(st_c->db, st_c, total, *n, pg, "SELECT count(*) FROM site", e);
}

enum err
store_room_get(struct store *s, int64_t id, struct arena *a, struct room *out,
    struct error *e)
{
	RSTMT(s, Q_room_by_id, e, st);
	bind_int(st, 1, id);
	return read_one(st_c->db, st, a, (row_fn)row_room, out, "room", e);
}

enum err
store_room_list(struct store *s, int64_t site_id, struct page pg, struct arena *a,
    struct room **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_room_list, e, st);
	bind_int(st, 1, pg.limit);
	bind_int(st, 2, pg.offset);
	bind_int(st, 3, site_id);
	if (read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_room, 5, (void **)items,
	    n, total, e) != ERR_OK)
		return e->code;
	if (*n > 0 || pg.offset == 0)
		return ERR_OK;
	bind_int(st, 1, 1);
	bind_int(st, 2, 0);
	bind_int(st, 3, site_id);
	return first_total(st_c->db, st, 5, total, e);
}

enum err
store_track_list(struct store *s, int64_t site_id, struct page pg, struct arena *a,
    struct track **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_track_list, e, st);
	bind_int(st, 1, pg.limit);
	bind_int(st, 2, pg.offset);
	bind_int(st, 3, site_id);
	if (read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_track, 8, (void **)items,
	    n, total, e) != ERR_OK)
		return e->code;
	if (*n > 0 || pg.offset == 0)
		return ERR_OK;
	bind_int(st, 1, 1);
	bind_int(st, 2, 0);
	bind_int(st, 3, site_id);
	return first_total(st_c->db, st, 8, total, e);
}

enum err
store_audit_by_client(struct store *s, int64_t client_id, struct page pg, struct arena *a,
    struct audit_event **items, size_t *n, int64_t *total, struct error *e)
{
	return page_by_id(s, Q_audit_by_client, client_id, NULL, pg, a, sizeof **items,
	    (row_fn)row_audit, 12, (void **)items, n, total, e);
}

enum err
store_audit_recent(struct store *s, struct page pg, struct arena *a,
    struct audit_event **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_audit_recent, e, st);
	sqlite3_stmt *cnt = st_c->st[Q_audit_count];

	enum err rc;

	/* Rows and count from one snapshot, while the writer goes on. */
	exec_sql(st_c->db, "BEGIN");
	bind_int(st, 1, pg.limit);
	bind_int(st, 2, pg.offset);
	rc = read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_audit, -1, (void **)items,
	    n, NULL, e);
	if (rc == ERR_OK) {
		if (sqlite3_step(cnt) == SQLITE_ROW)
			*total = col_int(cnt, 0);
		else
			rc = db_error(e, st_c->db, "counting the audit log");
		stmt_done(cnt);
	}
	exec_sql(st_c->db, "COMMIT");
	return rc;
}

/* ---- writes (inside jobs) ---------------------------------------------- */

#define WST(tx, q) ((tx)->s->wst[(q)])
#define WDB(tx) ((tx)->s->wdb)

/* One integer from a write-side query with up to two bound ints; *out is 0
 * when there is no row. */
static enum err
tx_int(struct store_tx *tx, enum sql_query q, int64_t a1, int64_t a2, int64_t *out,
    const char *what, struct error *e)
{
	sqlite3_stmt *st = WST(tx, q);
	int n = sqlite3_bind_parameter_count(st), rc;

	if (n >= 1)
		bind_int(st, 1, a1);
	if (n >= 2)
		bind_int(st, 2, a2);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? col_int(st, 0) : 0;
	stmt_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : db_error(e, WDB(tx), what);
}

enum err
store_tx_client_get(struct store_tx *tx, int64_t id, struct arena *a, struct client *out,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_client_by_id);

	bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_client, out, "client", e);
}

enum err
store_tx_client_dupes(struct store_tx *tx, const struct client *c, struct arena *a,
    struct client **items, size_t *n, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_client_dupes);
	char dob[11];

	date_format(c->dob, dob);
	bind_text(st, 1, c->first_name);
	bind_text(st, 2, c->last_name);
	bind_text(st, 3, dob);
	bind_int(st, 4, c->id);
	return read_rows(WDB(tx), st, a, sizeof **items, (row_fn)row_client, -1,
	    (void **)items, n, NULL, e);
}

static void
bind_client_fields(sqlite3_stmt *st, int base, const struct client *c, char dob[11])
{
	date_format(c->dob, dob);
	bind_text(st, base + 0, c->first_name);
	bind_text(st, base + 1, c->last_name);
	bind_text(st, base + 2, c->preferred_name);
	bind_text(st, base + 3, dob);
	bind_text(st, base + 4, sex_name(c->sex));
	bind_text(st, base + 5, c->gender_identity);
	bind_text(st, base + 6, c->phone);
	bind_text(st, base + 7, c->email);
	bind_text(st, base + 8, c->address.line1);
	bind_text(st, base + 9, c->address.line2);
	bind_text(st, base + 10, c->address.city);
	bind_text(st, base + 11, c->address.state);
	bind_text(st, base + 12, c->address.postal_code);
	bind_text(st, base + 13, c->language);
	bind_int(st, base + 14, c->active ? 1 : 0);
}

enum err
store_tx_client_insert(struct store_tx *tx, struct client *c, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_client_insert);
	char dob[11];

	bind_client_fields(st, 1, c, dob);
	bind_int(st, 16, tx->now);
	bind_int(st, 17, ++tx->s->pending_seq);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	c->id = sqlite3_last_insert_rowid(WDB(tx));
	client_mrn_format(c->id, c->mrn);
	st = WST(tx, Q_client_set_mrn);
	bind_int(st, 1, c->id);
	bind_text(st, 2, c->mrn);
	c->created_at = c->updated_at = tx->now;
	return step_write(WDB(tx), st, e);
}

enum err
store_tx_client_update(struct store_tx *tx, struct client *c, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_client_update);
	char dob[11];

	bind_int(st, 1, c->id);
	bind_client_fields(st, 2, c, dob);
	bind_int(st, 17, tx->now);
	c->updated_at = tx->now;
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	if (sqlite3_changes(WDB(tx)) == 0)
		return error_set(e, ERR_NOTFOUND, "client not found");
	return ERR_OK;
}

static void
bind_contact_fields(sqlite3_stmt *st, int base, const struct contact *c)
{
	bind_text(st, base + 0, c->name);
	bind_text(st, base + 1, c->relationship);
	bind_text(st, base + 2, c->phone);
	bind_text(st, base + 3, c->email);
	bind_int(st, base + 4, c->emergency ? 1 : 0);
	bind_int(st, base + 5, c->guardian ? 1 : 0);
	bind_text(st, base + 6, c->notes);
}

enum err
store_tx_contact_get(struct store_tx *tx, int64_t client_id, int64_t contact_id,
    struct arena *a, struct contact *out, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_contact_by_id);

	bind_int(st, 1, client_id);
	bind_int(st, 2, contact_id);
	return read_one(WDB(tx), st, a, (row_fn)row_contact, out, "contact", e);
}

enum err
store_tx_contact_insert(struct store_tx *tx, struct contact *c, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_contact_insert);

	bind_int(st, 1, c->client_id);
	bind_contact_fields(st, 2, c);
	bind_int(st, 9, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	c->id = sqlite3_last_insert_rowid(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_contact_update(struct store_tx *tx, const struct contact *c, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_contact_update);

	bind_int(st, 1, c->client_id);
	bind_int(st, 2, c->id);
	bind_contact_fields(st, 3, c);
	bind_int(st, 10, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	return sqlite3_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "contact not found");
}

enum err
store_tx_contact_remove(struct store_tx *tx, int64_t client_id, int64_t contact_id,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_contact_remove);

	bind_int(st, 1, client_id);
	bind_int(st, 2, contact_id);
	bind_int(st, 3, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	return sqlite3_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "contact not found");
}

enum err
store_tx_staff_get(struct store_tx *tx, int64_t id, struct arena *a, struct staff *out,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_staff_by_id);

	bind_int(st, 1, id);
	if (read_one(WDB(tx), st, a, (row_fn)row_staff, out, "staff member", e) != ERR_OK)
		return e->code;
	return staff_sites(WDB(tx), WST(tx, Q_staff_sites), out, e);
}

static void
roles_join(roleset rs, char *out, size_t cap)
{
	size_t o = 0;
	int r;

	out[0] = '\0';
	for (r = 0; r < ROLE__MAX; r++) {
		if (!(rs & (1u << r)))
			continue;
		o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s%s", o ? "," : "",
		    role_name((enum role)r));
	}
}

static enum err
staff_sites_write(struct store_tx *tx, const struct staff *st, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_staff_sites_clear);
	int i;

	bind_int(q, 1, st->id);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	for (i = 0; i < st->nsites; i++) {
		q = WST(tx, Q_staff_site_add);
		bind_int(q, 1, st->id);
		bind_int(q, 2, st->site_ids[i]);
		if (sqlite3_step(q) != SQLITE_DONE) {
			int ext = sqlite3_extended_errcode(WDB(tx));
			stmt_done(q);
			if (ext == SQLITE_CONSTRAINT_PRIMARYKEY)
				continue;	/* listed twice */
			if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
				return error_field(e, "site_ids", "names a site that does not exist");
			return db_error(e, WDB(tx), "writing staff sites");
		}
		stmt_done(q);
	}
	return ERR_OK;
}

enum err
store_tx_staff_insert(struct store_tx *tx, struct staff *st, const char *pwhash,
    struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_staff_insert);
	char roles[256];
	int rc;

	roles_join(st->roles, roles, sizeof roles);
	bind_text(q, 1, st->username);
	bind_text(q, 2, st->full_name);
	bind_text(q, 3, st->email);
	bind_text(q, 4, roles);
	bind_text(q, 5, pwhash);
	bind_int(q, 6, st->active ? 1 : 0);
	bind_int(q, 7, st->must_change_password ? 1 : 0);
	bind_int(q, 8, tx->now);
	rc = sqlite3_step(q);
	stmt_done(q);
	if (rc == SQLITE_CONSTRAINT) {
		error_field(e, "username", "is already taken");
		e->code = ERR_CONFLICT;
		snprintf(e->msg, sizeof e->msg, "That username is already taken.");
		return ERR_CONFLICT;
	}
	if (rc != SQLITE_DONE)
		return db_error(e, WDB(tx), "adding a staff member");
	st->id = sqlite3_last_insert_rowid(WDB(tx));
	return staff_sites_write(tx, st, e);
}

enum err
store_tx_staff_update(struct store_tx *tx, const struct staff *st, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_staff_update);
	char roles[256];

	roles_join(st->roles, roles, sizeof roles);
	bind_int(q, 1, st->id);
	bind_text(q, 2, st->full_name);
	bind_text(q, 3, st->email);
	bind_text(q, 4, roles);
	bind_int(q, 5, st->active ? 1 : 0);
	bind_int(q, 6, tx->now);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	if (sqlite3_changes(WDB(tx)) == 0)
		return error_set(e, ERR_NOTFOUND, "staff member not found");
	return staff_sites_write(tx, st, e);
}

enum err
store_tx_staff_set_password(struct store_tx *tx, int64_t id, const char *pwhash,
    bool must_change, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_staff_set_password);

	bind_int(q, 1, id);
	bind_text(q, 2, pwhash);
	bind_int(q, 3, must_change ? 1 : 0);
	bind_int(q, 4, tx->now);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	return sqlite3_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "staff member not found");
}

enum err
store_tx_staff_login_failed(struct store_tx *tx, int64_t id, int max_failures,
    int lock_seconds, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_staff_login_failed);

	bind_int(q, 1, id);
	bind_int(q, 2, tx->now);
	bind_int(q, 3, max_failures);
	bind_int(q, 4, lock_seconds);
	return step_write(WDB(tx), q, e);
}

enum err
store_tx_staff_login_ok(struct store_tx *tx, int64_t id, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_staff_login_ok);

	bind_int(q, 1, id);
	bind_int(q, 2, tx->now);
	return step_write(WDB(tx), q, e);
}

enum err
store_tx_staff_unlock(struct store_tx *tx, int64_t id, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_staff_unlock);

	bind_int(q, 1, id);
	bind_int(q, 2, tx->now);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	return sqlite3_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "staff member not found");
}

enum err
store_tx_site_insert(struct store_tx *tx, struct site *st, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_site_insert);

	bind_text(q, 1, st->name);
	bind_text(q, 2, st->timezone);
	bind_text(q, 3, st->address);
	bind_text(q, 4, st->phone);
	bind_int(q, 5, st->active ? 1 : 0);
	bind_int(q, 6, tx->now);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	st->id = sqlite3_last_insert_rowid(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_site_update(struct store_tx *tx, const struct site *st, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_site_update);

	bind_int(q, 1, st->id);
	bind_text(q, 2, st->name);
	bind_text(q, 3, st->timezone);
	bind_text(q, 4, st->address);
	bind_text(q, 5, st->phone);
	bind_int(q, 6, st->active ? 1 : 0);
	bind_int(q, 7, tx->now);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	return sqlite3_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "site not found");
}

enum err
store_tx_room_insert(struct store_tx *tx, struct room *r, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_room_insert);
	int rc;

	bind_int(q, 1, r->site_id);
	bind_text(q, 2, r->name);
	bind_int(q, 3, r->capacity);
	bind_int(q, 4, r->active ? 1 : 0);
	bind_int(q, 5, tx->now);
	rc = sqlite3_step(q);
	stmt_done(q);
	if (rc == SQLITE_CONSTRAINT)
		return error_field(e, "site_id", "names a site that does not exist");
	if (rc != SQLITE_DONE)
		return db_error(e, WDB(tx), "adding a room");
	r->id = sqlite3_last_insert_rowid(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_room_update(struct store_tx *tx, const struct room *r, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_room_update);
	int rc;

	bind_int(q, 1, r->id);
	bind_int(q, 2, r->site_id);
	bind_text(q, 3, r->name);
	bind_int(q, 4, r->capacity);
	bind_int(q, 5, r->active ? 1 : 0);
	bind_int(q, 6, tx->now);
	rc = sqlite3_step(q);
	stmt_done(q);
	if (rc == SQLITE_CONSTRAINT)
		return error_field(e, "site_id", "names a site that does not exist");
	if (rc != SQLITE_DONE)
		return db_error(e, WDB(tx), "changing a room");
	return sqlite3_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "room not found");
}

enum err
store_tx_track_insert(struct store_tx *tx, struct track *t, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_track_insert);

	bind_int(q, 1, t->site_id);
	bind_text(q, 2, t->name);
	bind_text(q, 3, t->level_of_care);
	bind_int(q, 4, t->weekdays);
	bind_int(q, 5, t->start_min);
	bind_int(q, 6, t->end_min);
	bind_int(q, 7, t->active ? 1 : 0);
	bind_int(q, 8, tx->now);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	t->id = sqlite3_last_insert_rowid(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_session_insert(struct store_tx *tx, const uint8_t token_hash[32], int64_t staff_id,
    const char *csrf, const char *address, int64_t expires_at, int64_t *id,
    struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_session_insert);

	sqlite3_bind_blob(q, 1, token_hash, 32, SQLITE_STATIC);
	bind_int(q, 2, staff_id);
	bind_text(q, 3, csrf);
	bind_text(q, 4, address);
	bind_int(q, 5, tx->now);
	bind_int(q, 6, expires_at);
	if (step_write(WDB(tx), q, e) != ERR_OK)
		return e->code;
	*id = sqlite3_last_insert_rowid(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_session_touch(struct store_tx *tx, int64_t id, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_session_touch);

	bind_int(q, 1, id);
	bind_int(q, 2, tx->now);
	return step_write(WDB(tx), q, e);
}

enum err
store_tx_session_end(struct store_tx *tx, int64_t id, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_session_end);

	bind_int(q, 1, id);
	bind_int(q, 2, tx->now);
	return step_write(WDB(tx), q, e);
}

enum err
store_tx_sessions_end_staff(struct store_tx *tx, int64_t staff_id, struct error *e)
{
	sqlite3_stmt *q = WST(tx, Q_session_end_staff);

	bind_int(q, 1, staff_id);
	bind_int(q, 2, tx->now);
	return step_write(WDB(tx), q, e);
}

/* ---- verify and backup -------------------------------------------------- */

/* A head that was read whole and carries the key's seal. */
static bool
head_usable(const struct head *h)
{
	return h->present && h->mac_ok;
}

/*
 * The check behind store_audit_verify().  The head is read before the rows:
 * a writer seals the head only after its commit, so a head read first can
 * never be ahead of rows read after it, and a live writer cannot make an
 * intact log look cut.  The row the head names must carry the head's hash
 * and count.  Rows after it that chain correctly are either being sealed
 * right now by a live writer (with wait, a later head covering them is
 * awaited for a moment) or were left unsealed by a crash between commit and
 * head write: then *unsealed is set, and it is the only problem reported.
 */
/* The client index of one row as read ("3,7,9" or NULL) into ev. */
static int
about_parse(const char *s, struct arena *a, struct audit_event *ev)
{
	size_t n = 1, k = 0;
	int64_t *ids;

	ev->clients = NULL;
	ev->nclients = 0;
	if (s == NULL || *s == '\0')
		return 0;
	for (const char *p = s; *p; p++)
		n += *p == ',';
	if ((ids = arena_alloc(a, n * sizeof *ids)) == NULL)
		return -1;
	while (*s) {
		char *end;
		long long v = strtoll(s, &end, 10);
		if (end == s || v <= 0 || k == n)
			return -1;
		ids[k++] = v;
		s = *end == ',' ? end + 1 : end;
		if (*end != ',' && *end != '\0')
			return -1;
	}
	ev->clients = ids;
	ev->nclients = k;
	return 0;
}

static enum err
verify_chain(struct store *s, bool wait, struct audit_verify_report *r, bool *unsealed,
    struct error *e)
{
	struct arena *a = arena_new(1 << 20);
	struct rconn *c = rconn_get(s, e);
	uint8_t prev[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN], stored[AUDIT_HASH_LEN];
	sqlite3_stmt *st;
	struct audit_event ev;
	struct head hd, later;
	bool anchored = false, covered = false;
	int64_t expect = 1, tail;
	int rc, i;

	memset(r, 0, sizeof *r);
	*unsealed = false;
	if (c == NULL || a == NULL) {
		arena_free(a);
		return c == NULL ? e->code : error_set(e, ERR_NOMEM, "out of memory");
	}
	head_read(s, &hd);
	memcpy(prev, audit_genesis, AUDIT_HASH_LEN);
	exec_sql(c->db, "BEGIN");
	st = c->st[Q_audit_all];
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		arena_reset(a);
		row_audit(st, a, &ev);
		if (about_parse((const char *)sqlite3_column_text(st, 12), a, &ev) != 0 &&
		    r->problem[0] == '\0') {
			snprintf(r->problem, sizeof r->problem, "row %" PRId64 "'s client index "
			    "is damaged", ev.id);
			r->first_bad_id = ev.id;
		}
		if (ev.id != expect && r->problem[0] == '\0') {
			snprintf(r->problem, sizeof r->problem, "row %" PRId64 " is missing "
			    "(next row is %" PRId64 ")", expect, ev.id);
			r->first_bad_id = ev.id;
		}
		audit_hash(s->key, prev, &ev, h);
		if (hex_decode((const char *)sqlite3_column_text(st, 11), stored,
		    AUDIT_HASH_LEN) != 0 || sodium_memcmp(h, stored, AUDIT_HASH_LEN) != 0) {
			if (r->problem[0] == '\0') {
				snprintf(r->problem, sizeof r->problem, "row %" PRId64 " does not "
				    "match its hash: it was changed, inserted, or a row before "
				    "it was removed", ev.id);
				r->first_bad_id = ev.id;
			}
		}
		if (head_usable(&hd) && ev.id == hd.last_id)
			anchored = hd.count == r->rows + 1 &&
			    sodium_memcmp(hd.hash, stored, AUDIT_HASH_LEN) == 0;
		/* Continue the chain from the stored hash so one bad row is
		 * reported once, not as a cascade. */
		memcpy(prev, stored, AUDIT_HASH_LEN);
		expect = ev.id + 1;
		r->rows++;
	}
	stmt_done(st);
	exec_sql(c->db, "COMMIT");
	arena_free(a);
	if (rc != SQLITE_DONE)
		return db_error(e, c->db, "reading the audit log");
	tail = expect - 1;
	if (hd.present && hd.last_id == 0)
		anchored = hd.count == 0;
	if (r->problem[0] == '\0') {
		if (!hd.present)
			snprintf(r->problem, sizeof r->problem, "the head file is missing or "
			    "damaged");
		else if (!hd.mac_ok)
			snprintf(r->problem, sizeof r->problem, "the head file's seal does not "
			    "match the key: it was rewritten");
		else if (hd.count > r->rows || hd.last_id > tail)
			snprintf(r->problem, sizeof r->problem, "the log ends at row %" PRId64
			    " but the head records row %" PRId64 ": rows were cut off the end",
			    tail, hd.last_id);
		else if (!anchored && hd.last_id == tail)
			snprintf(r->problem, sizeof r->problem, "the last row does not match "
			    "the head file");
		else if (!anchored) {
			snprintf(r->problem, sizeof r->problem, "row %" PRId64 " does not match "
			    "the head file", hd.last_id);
			r->first_bad_id = hd.last_id;
		} else if (hd.last_id < tail) {
			for (i = 0; wait && !covered && i < 100; i++) {
				struct timespec ts = { 0, 10 * 1000 * 1000 };

				head_read(s, &later);
				covered = head_usable(&later) && (later.last_id > tail ||
				    (later.last_id == tail && later.count == r->rows &&
				    sodium_memcmp(later.hash, prev, AUDIT_HASH_LEN) == 0));
				if (!covered)
					nanosleep(&ts, NULL);
			}
			if (!covered) {
				*unsealed = true;
				snprintf(r->problem, sizeof r->problem, "%" PRId64 " row(s) after "
				    "the head's row %" PRId64 " are chained correctly but were not "
				    "sealed (a crash, or rows added)", tail - hd.last_id,
				    hd.last_id);
			}
		}
	}
	if (r->problem[0] != '\0')
		return error_set(e, ERR_CONFLICT, "audit log check failed: %s", r->problem);
	return ERR_OK;
}

enum err
store_audit_verify(struct store *s, struct audit_verify_report *r, struct error *e)
{
	bool unsealed;

	return verify_chain(s, true, r, &unsealed, e);
}

enum err
store_backup(struct store *s, const char *path, struct error *e)
{
	struct rconn *c = rconn_get(s, e);
	sqlite3 *dst = NULL;
	sqlite3_stmt *st = NULL;
	char *z, *kp = NULL, *hp = NULL, rec[200];
	uint8_t last[AUDIT_HASH_LEN];
	char hex[AUDIT_KEY_LEN * 2 + 2];
	int64_t last_id = 0, count = 0;
	int fd, rc;
	struct stat sb;

	if (c == NULL)
		return e->code;
	if (stat(path, &sb) == 0)
		return error_set(e, ERR_CONFLICT, "%s exists already; choose a new file", path);
	/* VACUUM INTO writes a consistent snapshot as of one read transaction. */
	sqlite3_exec(c->db, "PRAGMA query_only=0", NULL, NULL, NULL);
	z = sqlite3_mprintf("VACUUM INTO %Q", path);
	rc = z ? sqlite3_exec(c->db, z, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(z);
	sqlite3_exec(c->db, "PRAGMA query_only=1", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return db_error(e, c->db, "writing the backup");

	/* The head and key that go with the copy, read from the copy itself. */
	memcpy(last, audit_genesis, AUDIT_HASH_LEN);
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		goto dberr;
	if (sqlite3_prepare_v2(dst, "SELECT id, hash, (SELECT count(*) FROM audit) FROM audit "
	    "ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	if (sqlite3_step(st) == SQLITE_ROW) {
		last_id = sqlite3_column_int64(st, 0);
		hex_decode((const char *)sqlite3_column_text(st, 1), last, AUDIT_HASH_LEN);
		count = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	sqlite3_close(dst);
	dst = NULL;

	kp = side_path(path, ".audit-key");
	hp = side_path(path, ".audit-head");
	if (kp == NULL || hp == NULL) {
		free(kp);
		free(hp);
		return error_set(e, ERR_NOMEM, "out of memory");
	}
	hex_encode(s->key, AUDIT_KEY_LEN, hex);
	hex[AUDIT_KEY_LEN * 2] = '\n';
	fd = open(kp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, hex, AUDIT_KEY_LEN * 2 + 1) != AUDIT_KEY_LEN * 2 + 1 ||
	    fsync(fd) != 0) {
		if (fd >= 0)
			close(fd);
		sodium_memzero(hex, sizeof hex);
		error_set(e, ERR_IO, "cannot write %s: %s", kp, strerror(errno));
		free(kp);
		free(hp);
		return ERR_IO;
	}
	close(fd);
	sodium_memzero(hex, sizeof hex);
	head_format(s->key, last_id, count, last, rec);
	fd = open(hp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || head_write_fd(fd, rec) != 0) {
		if (fd >= 0)
			close(fd);
		error_set(e, ERR_IO, "cannot write %s: %s", hp, strerror(errno));
		free(kp);
		free(hp);
		return ERR_IO;
	}
	close(fd);
	free(kp);
	free(hp);
	return ERR_OK;
dberr:
	db_error(e, dst, "reading the backup");
	sqlite3_finalize(st);
	sqlite3_close(dst);
	return ERR_STORE;
}

/* ---- admissions ------------------------------------------------------------ */

static void
row_inquiry(sqlite3_stmt *st, struct arena *a, struct inquiry *q)
{
	const char *t;

	memset(q, 0, sizeof *q);
	q->id = col_int(st, 0);
	t = (const char *)sqlite3_column_text(st, 1);
	if (!inquiry_kind_parse(t, &q->kind))
		q->kind = INQ_PHONE;
	t = (const char *)sqlite3_column_text(st, 2);
	if (!inquiry_status_parse(t, &q->status))
		q->status = INQS_NEW;
	q->name = col_text(st, 3, a);
	q->phone = col_text(st, 4, a);
	q->email = col_text(st, 5, a);
	q->ok_voicemail = col_int(st, 6) != 0;
	q->ok_text = col_int(st, 7) != 0;
	q->best_time = col_text(st, 8, a);
	t = (const char *)sqlite3_column_text(st, 9);
	q->for_other = t != NULL && strcmp(t, "other") == 0;
	q->caller_name = col_text(st, 10, a);
	q->caller_relationship = col_text(st, 11, a);
	q->substances_json = col_text(st, 12, a);
	t = (const char *)sqlite3_column_text(st, 13);
	if (!urgency_parse(t, &q->urgency))
		q->urgency = URG_EXPLORING;
	q->message = col_text(st, 14, a);
	q->ins.payer = col_text(st, 15, a);
	q->ins.member_id = col_text(st, 16, a);
	q->ins.group_number = col_text(st, 17, a);
	q->ins.subscriber_name = col_text(st, 18, a);
	date_parse((const char *)sqlite3_column_text(st, 19), &q->ins.subscriber_dob);
	q->ins.relationship = col_text(st, 20, a);
	q->has_insurance = q->ins.payer[0] != '\0' || q->ins.member_id[0] != '\0';
	q->source = col_text(st, 21, a);
	q->referral_source = col_text(st, 22, a);
	q->assigned_to = col_int(st, 23);
	q->client_id = col_int(st, 24);
	q->referred_to = col_text(st, 25, a);
	q->close_reason = col_text(st, 26, a);
	q->created_at = col_int(st, 27);
	q->updated_at = col_int(st, 28);
}

enum err
store_inquiry_get(struct store *s, int64_t id, struct arena *a, struct inquiry *out,
    struct error *e)
{
	RSTMT(s, Q_inquiry_by_id, e, st);
	bind_int(st, 1, id);
	return read_one(st_c->db, st, a, (row_fn)row_inquiry, out, "inquiry", e);
}

enum err
store_inquiry_latest(struct store *s, int64_t *latest_id, int64_t *changed_at,
    int64_t *revision, struct error *e)
{
	RSTMT(s, Q_inquiry_latest, e, st);
	int rc = sqlite3_step(st);

	*latest_id = rc == SQLITE_ROW ? col_int(st, 0) : 0;
	*changed_at = rc == SQLITE_ROW ? col_int(st, 1) : 0;
	*revision = rc == SQLITE_ROW ? col_int(st, 2) : 0;
	stmt_done(st);
	return rc == SQLITE_ROW ? ERR_OK : db_error(e, st_c->db, "reading the inquiries");
}

enum err
store_inquiry_list(struct store *s, const char *status, struct page pg, struct arena *a,
    struct inquiry **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_inquiry_list, e, st);
	sqlite3_stmt *cnt = st_c->st[Q_inquiry_count];
	enum err rc;

	exec_sql(st_c->db, "BEGIN");
	bind_int(st, 1, pg.limit);
	bind_int(st, 2, pg.offset);
	bind_text(st, 3, status);
	rc = read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_inquiry, -1,
	    (void **)items, n, NULL, e);
	if (rc == ERR_OK) {
		bind_text(cnt, 3, status);
		if (sqlite3_step(cnt) == SQLITE_ROW)
			*total = col_int(cnt, 0);
		else
			rc = db_error(e, st_c->db, "counting inquiries");
		stmt_done(cnt);
	}
	exec_sql(st_c->db, "COMMIT");
	return rc;
}

enum err
store_inquiry_list_client(struct store *s, int64_t client_id, const char *status,
    struct page pg, struct arena *a, struct inquiry **items, size_t *n, int64_t *total,
    struct error *e)
{
	return page_by_id(s, Q_inquiry_by_client, client_id, status ? status : "", pg, a,
	    sizeof **items, (row_fn)row_inquiry, 29, (void **)items, n, total, e);
}

enum err
store_tx_inquiry_insert(struct store_tx *tx, struct inquiry *q, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_inquiry_insert);
	char dob[11];

	date_format(q->ins.subscriber_dob, dob);
	bind_text(st, 1, inquiry_kind_name(q->kind));
	bind_text(st, 2, q->name);
	bind_text(st, 3, q->phone);
	bind_text(st, 4, q->email);
	bind_int(st, 5, q->ok_voicemail);
	bind_int(st, 6, q->ok_text);
	bind_text(st, 7, q->best_time);
	bind_text(st, 8, q->for_other ? "other" : "self");
	bind_text(st, 9, q->caller_name);
	bind_text(st, 10, q->caller_relationship);
	bind_text(st, 11, q->substances_json ? q->substances_json : "[]");
	bind_text(st, 12, urgency_name(q->urgency));
	bind_text(st, 13, q->message);
	bind_text(st, 14, q->ins.payer);
	bind_text(st, 15, q->ins.member_id);
	bind_text(st, 16, q->ins.group_number);
	bind_text(st, 17, q->ins.subscriber_name);
	bind_text(st, 18, dob);
	bind_text(st, 19, q->ins.relationship);
	bind_text(st, 20, q->source ? q->source : "web");
	bind_text(st, 21, q->referral_source);
	bind_int(st, 22, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	q->id = sqlite3_last_insert_rowid(WDB(tx));
	q->status = INQS_NEW;
	q->created_at = q->updated_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_inquiry_get(struct store_tx *tx, int64_t id, struct arena *a, struct inquiry *out,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_inquiry_by_id);

	bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_inquiry, out, "inquiry", e);
}

enum err
store_tx_inquiry_update(struct store_tx *tx, const struct inquiry *q, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_inquiry_update);
	int rc;

	bind_int(st, 1, q->id);
	bind_text(st, 2, inquiry_status_name(q->status));
	bind_int(st, 3, q->assigned_to);
	bind_text(st, 4, q->referral_source);
	bind_text(st, 5, q->referred_to);
	bind_text(st, 6, q->close_reason);
	bind_int(st, 7, q->client_id);
	bind_int(st, 8, tx->now);
	bind_text(st, 9, q->phone);
	bind_text(st, 10, q->email);
	rc = sqlite3_step(st);
	stmt_done(st);
	if (rc == SQLITE_CONSTRAINT)
		return error_field(e, "assigned_to", "names a staff member who does not exist");
	if (rc != SQLITE_DONE)
		return db_error(e, WDB(tx), "changing an inquiry");
	return sqlite3_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_NOTFOUND,
	    "inquiry not found");
}

static void
row_screening(sqlite3_stmt *st, struct arena *a, struct screening_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = col_int(st, 0);
	r->client_id = col_int(st, 1);
	r->code = col_text(st, 2, a);
	r->version = col_text(st, 3, a);
	r->answers = col_text(st, 4, a);
	r->scores = col_text(st, 5, a);
	r->band = col_text(st, 6, a);
	r->flags = col_text(st, 7, a);
	r->administered_by = col_int(st, 8);
	r->administered_by_name = col_text(st, 9, a);
	r->administered_at = col_int(st, 10);
}

enum err
store_screening_list(struct store *s, int64_t client_id, struct page pg, struct arena *a,
    struct screening_row **items, size_t *n, int64_t *total, struct error *e)
{
	RSTMT(s, Q_screening_by_client, e, st);
	sqlite3_stmt *cnt = st_c->st[Q_screening_count];
	enum err rc;

	exec_sql(st_c->db, "BEGIN");
	bind_int(st, 1, client_id);
	bind_int(st, 2, pg.limit);
	bind_int(st, 3, pg.offset);
	rc = read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_screening, -1,
	    (void **)items, n, NULL, e);
	if (rc == ERR_OK) {
		bind_int(cnt, 1, client_id);
		if (sqlite3_step(cnt) == SQLITE_ROW)
			*total = col_int(cnt, 0);
		else
			rc = db_error(e, st_c->db, "counting screenings");
		stmt_done(cnt);
	}
	exec_sql(st_c->db, "COMMIT");
	return rc;
}

enum err
store_tx_screening_insert(struct store_tx *tx, struct screening_row *r, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_screening_insert);

	bind_int(st, 1, r->client_id);
	bind_text(st, 2, r->code);
	bind_text(st, 3, r->version);
	bind_text(st, 4, r->answers);
	bind_text(st, 5, r->scores);
	bind_text(st, 6, r->band);
	bind_text(st, 7, r->flags);
	bind_int(st, 8, r->administered_by);
	bind_int(st, 9, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	r->id = sqlite3_last_insert_rowid(WDB(tx));
	r->administered_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_alert_insert(struct store_tx *tx, int64_t client_id, const char *kind,
    const char *message, const char *source_type, int64_t source_id, int64_t *id,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_alert_insert);

	bind_int(st, 1, client_id);
	bind_text(st, 2, kind);
	bind_text(st, 3, message);
	bind_text(st, 4, source_type);
	bind_int(st, 5, source_id);
	bind_int(st, 6, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	*id = sqlite3_last_insert_rowid(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_task_insert(struct store_tx *tx, const char *kind, const char *title,
    int64_t client_id, int64_t inquiry_id, int64_t alert_id, int64_t assigned_to,
    int64_t due_at, int64_t *id, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_task_insert);

	bind_text(st, 1, kind);
	bind_text(st, 2, title);
	bind_int(st, 3, client_id);
	bind_int(st, 4, inquiry_id);
	bind_int(st, 5, alert_id);
	bind_int(st, 6, assigned_to);
	bind_int(st, 7, due_at);
	bind_int(st, 8, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	*id = sqlite3_last_insert_rowid(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_clinician_first(struct store_tx *tx, int64_t *id, struct error *e)
{
	return tx_int(tx, Q_clinician_first, 0, 0, id, "finding a clinician", e);
}

/* ---- alerts and tasks ------------------------------------------------------ */

static void
row_alert(sqlite3_stmt *st, struct arena *a, struct alert *x)
{
	memset(x, 0, sizeof *x);
	x->id = col_int(st, 0);
	x->client_id = col_int(st, 1);
	x->kind = col_text(st, 2, a);
	x->message = col_text(st, 3, a);
	x->source_type = col_text(st, 4, a);
	x->source_id = col_int(st, 5);
	x->raised_at = col_int(st, 6);
	x->resolved_at = col_int(st, 7);
	x->resolved_by = col_int(st, 8);
	x->response = col_text(st, 9, a);
}

static void
row_task(sqlite3_stmt *st, struct arena *a, struct task *t)
{
	memset(t, 0, sizeof *t);
	t->id = col_int(st, 0);
	t->kind = col_text(st, 1, a);
	t->title = col_text(st, 2, a);
	t->client_id = col_int(st, 3);
	t->inquiry_id = col_int(st, 4);
	t->alert_id = col_int(st, 5);
	t->assigned_to = col_int(st, 6);
	t->due_at = col_int(st, 7);
	t->done_at = col_int(st, 8);
	t->done_by = col_int(st, 9);
	t->response = col_text(st, 10, a);
	t->created_at = col_int(st, 11);
	t->client_mrn = col_text(st, 12, a);
	t->client_first = col_text(st, 13, a);
	t->client_last = col_text(st, 14, a);
	t->client_preferred = col_text(st, 15, a);
	t->inquiry_name = col_text(st, 16, a);
}

enum err
store_task_count(struct store *s, int64_t assigned_to, int64_t now, int64_t *open,
    int64_t *overdue, struct error *e)
{
	RSTMT(s, Q_task_open_count, e, st);
	int rc;

	bind_int(st, 1, assigned_to);
	bind_int(st, 2, now);
	rc = sqlite3_step(st);
	*open = rc == SQLITE_ROW ? col_int(st, 0) : 0;
	*overdue = rc == SQLITE_ROW ? col_int(st, 1) : 0;
	stmt_done(st);
	return rc == SQLITE_ROW ? ERR_OK : db_error(e, st_c->db, "counting tasks");
}

enum err
store_alert_list(struct store *s, int64_t client_id, bool open_only, struct arena *a,
    struct alert **items, size_t *n, struct error *e)
{
	RSTMT(s, Q_alert_by_client, e, st);
	bind_int(st, 1, client_id);
	bind_int(st, 2, open_only);
	return read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_alert, -1, (void **)items,
	    n, NULL, e);
}

enum err
store_task_list(struct store *s, int64_t assigned_to, bool open_only, struct arena *a,
    struct task **items, size_t *n, struct error *e)
{
	RSTMT(s, Q_task_list_for, e, st);
	bind_int(st, 1, assigned_to);
	bind_int(st, 2, open_only);
	return read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_task, -1, (void **)items,
	    n, NULL, e);
}

enum err
store_tx_alert_get(struct store_tx *tx, int64_t id, struct arena *a, struct alert *out,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_alert_by_id);

	bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_alert, out, "alert", e);
}

enum err
store_tx_alert_resolve(struct store_tx *tx, int64_t id, int64_t by, const char *response,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_alert_resolve);

	bind_int(st, 1, id);
	bind_int(st, 2, tx->now);
	bind_int(st, 3, by);
	bind_text(st, 4, response);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	if (sqlite3_changes(WDB(tx)) == 0)
		return error_set(e, ERR_CONFLICT, "This alert was resolved already.");
	st = WST(tx, Q_task_done_for_alert);
	bind_int(st, 1, id);
	bind_int(st, 2, tx->now);
	bind_int(st, 3, by);
	bind_text(st, 4, response);
	return step_write(WDB(tx), st, e);
}

enum err
store_tx_task_get(struct store_tx *tx, int64_t id, struct arena *a, struct task *out,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_task_by_id);

	bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_task, out, "task", e);
}

enum err
store_tx_task_done(struct store_tx *tx, int64_t id, int64_t by, const char *response,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_task_done);

	bind_int(st, 1, id);
	bind_int(st, 2, tx->now);
	bind_int(st, 3, by);
	bind_text(st, 4, response);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	return sqlite3_changes(WDB(tx)) ? ERR_OK : error_set(e, ERR_CONFLICT,
	    "This task was done already.");
}

/* ---- placement ---------------------------------------------------------------- */

static void
row_placement(sqlite3_stmt *st, struct arena *a, struct placement_row *p)
{
	memset(p, 0, sizeof *p);
	p->id = col_int(st, 0);
	p->client_id = col_int(st, 1);
	p->edition = col_text(st, 2, a);
	p->ratings = col_text(st, 3, a);
	p->notes = col_text(st, 4, a);
	p->flags = col_text(st, 5, a);
	p->recommended = col_text(st, 6, a);
	p->reasons = col_text(st, 7, a);
	p->chosen = col_text(st, 8, a);
	p->override_reason = col_text(st, 9, a);
	p->assessed_by = col_int(st, 10);
	p->assessed_by_name = col_text(st, 11, a);
	p->assessed_at = col_int(st, 12);
	p->table_version = col_int(st, 13);
}

enum err
store_placement_list(struct store *s, int64_t client_id, struct arena *a,
    struct placement_row **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_placement_by_client, client_id, a, sizeof **items,
	    (row_fn)row_placement, (void **)items, n, e);
}

enum err
store_tx_placement_insert(struct store_tx *tx, struct placement_row *p, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_placement_insert);

	bind_int(st, 1, p->client_id);
	bind_text(st, 2, p->edition);
	bind_text(st, 3, p->ratings);
	bind_text(st, 4, p->notes);
	bind_text(st, 5, p->flags);
	bind_text(st, 6, p->recommended);
	bind_text(st, 7, p->reasons);
	bind_text(st, 8, p->chosen);
	bind_text(st, 9, p->override_reason);
	bind_int(st, 10, p->assessed_by);
	bind_int(st, 11, tx->now);
	bind_int(st, 12, p->table_version);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	p->id = sqlite3_last_insert_rowid(WDB(tx));
	p->assessed_at = tx->now;
	return ERR_OK;
}

static void
row_placement_table(sqlite3_stmt *st, struct arena *a, struct placement_table_row *t)
{
	memset(t, 0, sizeof *t);
	t->version = col_int(st, 0);
	t->edition = col_text(st, 1, a);
	t->body = col_text(st, 2, a);
	t->saved_by = col_int(st, 3);
	t->saved_by_name = col_text(st, 4, a);
	t->saved_at = col_int(st, 5);
}

enum err
store_placement_table_current(struct store *s, struct arena *a,
    struct placement_table_row *out, struct error *e)
{
	RSTMT(s, Q_placement_table_current, e, st);
	return read_one(st_c->db, st, a, (row_fn)row_placement_table, out, "placement table",
	    e);
}

enum err
store_tx_placement_table_version(struct store_tx *tx, int64_t *version, struct error *e)
{
	return tx_int(tx, Q_placement_table_version, 0, 0, version,
	    "reading the placement table's version", e);
}

enum err
store_tx_placement_table_insert(struct store_tx *tx, struct placement_table_row *t,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_placement_table_insert);

	bind_int(st, 1, t->version);
	bind_text(st, 2, t->edition);
	bind_text(st, 3, t->body);
	bind_int(st, 4, t->saved_by);
	bind_int(st, 5, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	t->saved_at = tx->now;
	return ERR_OK;
}

/* ---- episodes and census ------------------------------------------------------ */

static void
row_episode(sqlite3_stmt *st, struct arena *a, struct episode *ep)
{
	memset(ep, 0, sizeof *ep);
	ep->id = col_int(st, 0);
	ep->client_id = col_int(st, 1);
	ep->level = col_text(st, 2, a);
	ep->site_id = col_int(st, 3);
	ep->track_id = col_int(st, 4);
	date_parse((const char *)sqlite3_column_text(st, 5), &ep->admitted_on);
	ep->primary_clinician = col_int(st, 6);
	ep->case_manager = col_int(st, 7);
	ep->privacy_notice_given = col_int(st, 8) != 0;
	ep->status = col_text(st, 9, a);
	ep->discharged_on = col_text(st, 10, a);
	ep->inquiry_id = col_int(st, 11);
	ep->created_at = col_int(st, 12);
	ep->mrn = col_text(st, 13, a);
	ep->first_name = col_text(st, 14, a);
	ep->last_name = col_text(st, 15, a);
	ep->preferred_name = col_text(st, 16, a);
	ep->site_name = col_text(st, 17, a);
	ep->track_name = col_text(st, 18, a);
	ep->clinician_name = col_text(st, 19, a);
	ep->case_manager_name = col_text(st, 20, a);
}

enum err
store_episode_list(struct store *s, int64_t client_id, struct arena *a,
    struct episode **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_episode_by_client, client_id, a, sizeof **items,
	    (row_fn)row_episode, (void **)items, n, e);
}

enum err
store_census(struct store *s, int64_t site_id, const char *level, int64_t track_id,
    struct arena *a, struct episode **items, size_t *n, struct error *e)
{
	RSTMT(s, Q_census, e, st);
	bind_int(st, 1, site_id);
	bind_text(st, 2, level);
	bind_int(st, 3, track_id);
	return read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_episode, -1,
	    (void **)items, n, NULL, e);
}

enum err
store_tx_episode_open_count(struct store_tx *tx, int64_t client_id, int64_t *n,
    struct error *e)
{
	return tx_int(tx, Q_episode_open_for, client_id, 0, n, "reading episodes", e);
}

enum err
store_tx_episode_insert(struct store_tx *tx, struct episode *ep, int64_t created_by,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_episode_insert);
	char d[11];
	int rc;

	date_format(ep->admitted_on, d);
	bind_int(st, 1, ep->client_id);
	bind_text(st, 2, ep->level);
	bind_int(st, 3, ep->site_id);
	bind_int(st, 4, ep->track_id);
	bind_text(st, 5, d);
	bind_int(st, 6, ep->primary_clinician);
	bind_int(st, 7, ep->case_manager);
	bind_int(st, 8, ep->privacy_notice_given);
	bind_int(st, 9, ep->inquiry_id);
	bind_int(st, 10, created_by);
	bind_int(st, 11, tx->now);
	rc = sqlite3_step(st);
	stmt_done(st);
	if (rc == SQLITE_CONSTRAINT)
		return error_set(e, ERR_CONFLICT, "This client has an open episode already, or a "
		    "named record does not exist.");
	if (rc != SQLITE_DONE)
		return db_error(e, WDB(tx), "admitting");
	ep->id = sqlite3_last_insert_rowid(WDB(tx));
	ep->created_at = tx->now;
	ep->status = "open";
	if (ep->inquiry_id != 0) {
		st = WST(tx, Q_inquiry_admit);
		bind_int(st, 1, ep->inquiry_id);
		bind_int(st, 2, ep->client_id);
		bind_int(st, 3, tx->now);
		if (step_write(WDB(tx), st, e) != ERR_OK)
			return e->code;
		if (sqlite3_changes(WDB(tx)) == 0)
			return error_field(e, "inquiry_id", "is not an inquiry converted to this "
			    "client");
	}
	return ERR_OK;
}

enum err
store_tx_track_get(struct store_tx *tx, int64_t id, struct arena *a, struct track *out,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_track_by_id);

	bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_track, out, "track", e);
}

enum err
store_tx_site_get(struct store_tx *tx, int64_t id, struct arena *a, struct site *out,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_site_by_id);

	bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_site, out, "site", e);
}

/* ---- insurance ------------------------------------------------------------------ */

static void
row_coverage(sqlite3_stmt *st, struct arena *a, struct coverage *c)
{
	memset(c, 0, sizeof *c);
	c->id = col_int(st, 0);
	c->client_id = col_int(st, 1);
	c->rank = col_text(st, 2, a);
	c->payer = col_text(st, 3, a);
	c->plan = col_text(st, 4, a);
	c->member_id = col_text(st, 5, a);
	c->group_number = col_text(st, 6, a);
	c->subscriber_name = col_text(st, 7, a);
	c->subscriber_dob = col_text(st, 8, a);
	c->relationship = col_text(st, 9, a);
	c->start_date = col_text(st, 10, a);
	c->end_date = col_text(st, 11, a);
	c->created_at = col_int(st, 12);
}

static void
row_benefit(sqlite3_stmt *st, struct arena *a, struct benefit_row *b)
{
	memset(b, 0, sizeof *b);
	b->id = col_int(st, 0);
	b->coverage_id = col_int(st, 1);
	b->client_id = col_int(st, 2);
	b->iop_covered = col_int(st, 3) != 0;
	b->deductible_cents = col_int(st, 4);
	b->deductible_met_cents = col_int(st, 5);
	b->copay_per_day_cents = col_int(st, 6);
	b->coinsurance_bp = (int)col_int(st, 7);
	b->oop_max_cents = col_int(st, 8);
	b->oop_met_cents = col_int(st, 9);
	b->prior_auth_required = col_int(st, 10) != 0;
	b->reference = col_text(st, 11, a);
	b->rate_per_day_cents = col_int(st, 12);
	b->est_first_day_cents = col_int(st, 13);
	b->est_week_cents = col_int(st, 14);
	b->est_stay_cents = col_int(st, 15);
	b->est_days_stay = (int)col_int(st, 16);
	b->checked_by = col_int(st, 17);
	b->checked_by_name = col_text(st, 18, a);
	b->checked_at = col_int(st, 19);
}

static void
row_authorization(sqlite3_stmt *st, struct arena *a, struct authorization *au)
{
	memset(au, 0, sizeof *au);
	au->id = col_int(st, 0);
	au->coverage_id = col_int(st, 1);
	au->client_id = col_int(st, 2);
	au->number = col_text(st, 3, a);
	au->level = col_text(st, 4, a);
	au->days_authorized = (int)col_int(st, 5);
	au->start_date = col_text(st, 6, a);
	au->end_date = col_text(st, 7, a);
	au->next_review = col_text(st, 8, a);
	au->created_by = col_int(st, 9);
	au->created_at = col_int(st, 10);
}

enum err
store_coverage_list(struct store *s, int64_t client_id, struct arena *a,
    struct coverage **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_coverage_by_client, client_id, a, sizeof **items,
	    (row_fn)row_coverage, (void **)items, n, e);
}

enum err
store_benefit_list(struct store *s, int64_t client_id, struct arena *a,
    struct benefit_row **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_benefit_by_client, client_id, a, sizeof **items,
	    (row_fn)row_benefit, (void **)items, n, e);
}

enum err
store_authorization_list(struct store *s, int64_t client_id, struct arena *a,
    struct authorization **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_authorization_by_client, client_id, a, sizeof **items,
	    (row_fn)row_authorization, (void **)items, n, e);
}

enum err
store_tx_coverage_get(struct store_tx *tx, int64_t id, struct arena *a, struct coverage *out,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_coverage_by_id);

	bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_coverage, out, "coverage", e);
}

enum err
store_tx_coverage_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct coverage **items, size_t *n, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_coverage_by_client);

	bind_int(st, 1, client_id);
	return read_rows(WDB(tx), st, a, sizeof **items, (row_fn)row_coverage, -1,
	    (void **)items, n, NULL, e);
}

enum err
store_tx_coverage_insert(struct store_tx *tx, struct coverage *c, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_coverage_insert);

	bind_int(st, 1, c->client_id);
	bind_text(st, 2, c->rank);
	bind_text(st, 3, c->payer);
	bind_text(st, 4, c->plan);
	bind_text(st, 5, c->member_id);
	bind_text(st, 6, c->group_number);
	bind_text(st, 7, c->subscriber_name);
	bind_text(st, 8, c->subscriber_dob);
	bind_text(st, 9, c->relationship);
	bind_text(st, 10, c->start_date);
	bind_text(st, 11, c->end_date);
	bind_int(st, 12, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	c->id = sqlite3_last_insert_rowid(WDB(tx));
	c->created_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_benefit_insert(struct store_tx *tx, struct benefit_row *b, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_benefit_insert);

	bind_int(st, 1, b->coverage_id);
	bind_int(st, 2, b->client_id);
	bind_int(st, 3, b->iop_covered);
	bind_int(st, 4, b->deductible_cents);
	bind_int(st, 5, b->deductible_met_cents);
	bind_int(st, 6, b->copay_per_day_cents);
	bind_int(st, 7, b->coinsurance_bp);
	bind_int(st, 8, b->oop_max_cents);
	bind_int(st, 9, b->oop_met_cents);
	bind_int(st, 10, b->prior_auth_required);
	bind_text(st, 11, b->reference);
	bind_int(st, 12, b->rate_per_day_cents);
	bind_int(st, 13, b->est_first_day_cents);
	bind_int(st, 14, b->est_week_cents);
	bind_int(st, 15, b->est_stay_cents);
	bind_int(st, 16, b->est_days_stay);
	bind_int(st, 17, b->checked_by);
	bind_int(st, 18, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	b->id = sqlite3_last_insert_rowid(WDB(tx));
	b->checked_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_authorization_insert(struct store_tx *tx, struct authorization *au, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_authorization_insert);

	bind_int(st, 1, au->coverage_id);
	bind_int(st, 2, au->client_id);
	bind_text(st, 3, au->number);
	bind_text(st, 4, au->level);
	bind_int(st, 5, au->days_authorized);
	bind_text(st, 6, au->start_date);
	bind_text(st, 7, au->end_date);
	bind_text(st, 8, au->next_review);
	bind_int(st, 9, au->created_by);
	bind_int(st, 10, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	au->id = sqlite3_last_insert_rowid(WDB(tx));
	au->created_at = tx->now;
	return ERR_OK;
}

/* ---- the call log and merging ---------------------------------------------------- */

static void
row_inquiry_contact(sqlite3_stmt *st, struct arena *a, struct inquiry_contact *c)
{
	memset(c, 0, sizeof *c);
	c->id = col_int(st, 0);
	c->inquiry_id = col_int(st, 1);
	c->method = col_text(st, 2, a);
	c->outcome = col_text(st, 3, a);
	c->note = col_text(st, 4, a);
	c->staff_id = col_int(st, 5);
	c->staff_name = col_text(st, 6, a);
	c->at = col_int(st, 7);
}

enum err
store_inquiry_contact_list(struct store *s, int64_t inquiry_id, struct arena *a,
    struct inquiry_contact **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_inquiry_contact_list, inquiry_id, a, sizeof **items,
	    (row_fn)row_inquiry_contact, (void **)items, n, e);
}

enum err
store_inquiry_task_list(struct store *s, int64_t inquiry_id, struct arena *a,
    struct task **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_task_list_inquiry, inquiry_id, a, sizeof **items,
	    (row_fn)row_task, (void **)items, n, e);
}

enum err
store_tx_inquiry_contact_insert(struct store_tx *tx, struct inquiry_contact *c,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_inquiry_contact_insert);

	bind_int(st, 1, c->inquiry_id);
	bind_text(st, 2, c->method);
	bind_text(st, 3, c->outcome);
	bind_text(st, 4, c->note);
	bind_int(st, 5, c->staff_id);
	bind_int(st, 6, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	c->id = sqlite3_last_insert_rowid(WDB(tx));
	c->at = tx->now;
	return ERR_OK;
}

enum err
store_tx_inquiry_merge(struct store_tx *tx, int64_t from, int64_t into, struct error *e)
{
	static const enum sql_query qs[] = {
		Q_inquiry_merge_move, Q_inquiry_merge_tasks, Q_inquiry_merge_close
	};
	size_t i;

	for (i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		sqlite3_stmt *st = WST(tx, qs[i]);
		bind_int(st, 1, from);
		bind_int(st, 2, into);
		bind_int(st, 3, tx->now);
		if (step_write(WDB(tx), st, e) != ERR_OK)
			return e->code;
	}
	return ERR_OK;
}

enum err
store_tx_client_clinician(struct store_tx *tx, int64_t client_id, int64_t *id,
    struct error *e)
{
	return tx_int(tx, Q_episode_open_clinician, client_id, 0, id,
	    "finding the client's clinician", e);
}

/* ---- the duty roster ------------------------------------------------------------ */

static void
row_duty(sqlite3_stmt *st, struct arena *a, struct duty_shift *d)
{
	memset(d, 0, sizeof *d);
	d->id = col_int(st, 0);
	d->site_id = col_int(st, 1);
	d->staff_id = col_int(st, 2);
	d->staff_name = col_text(st, 3, a);
	d->username = col_text(st, 4, a);
	d->starts_at = col_int(st, 5);
	d->ends_at = col_int(st, 6);
	d->note = col_text(st, 7, a);
	d->created_by = col_int(st, 8);
	d->created_at = col_int(st, 9);
	d->routes_alerts = col_int(st, 10) != 0;
}

enum err
store_duty_list(struct store *s, int64_t site_id, int64_t from, int64_t to, struct arena *a,
    struct duty_shift **items, size_t *n, struct error *e)
{
	RSTMT(s, Q_duty_by_site, e, st);
	bind_int(st, 1, site_id);
	bind_int(st, 2, from);
	bind_int(st, 3, to);
	return read_rows(st_c->db, st, a, sizeof **items, (row_fn)row_duty, -1, (void **)items,
	    n, NULL, e);
}

enum err
store_tx_duty_get(struct store_tx *tx, int64_t id, struct arena *a, struct duty_shift *out,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_duty_get);

	bind_int(st, 1, id);
	return read_one(WDB(tx), st, a, (row_fn)row_duty, out, "shift", e);
}

enum err
store_tx_duty_insert(struct store_tx *tx, struct duty_shift *d, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_duty_insert);

	bind_int(st, 1, d->site_id);
	bind_int(st, 2, d->staff_id);
	bind_int(st, 3, d->starts_at);
	bind_int(st, 4, d->ends_at);
	bind_text(st, 5, d->note);
	bind_int(st, 6, d->created_by);
	bind_int(st, 7, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	d->id = sqlite3_last_insert_rowid(WDB(tx));
	d->created_at = tx->now;
	return ERR_OK;
}

enum err
store_tx_duty_overlaps(struct store_tx *tx, const struct duty_shift *d, int64_t *n,
    struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_duty_overlaps);
	int rc;

	bind_int(st, 1, d->site_id);
	bind_int(st, 2, d->staff_id);
	bind_int(st, 3, d->starts_at);
	bind_int(st, 4, d->ends_at);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? col_int(st, 0) : 0;
	stmt_done(st);
	return rc == SQLITE_ROW ? ERR_OK : db_error(e, WDB(tx), "reading the roster");
}

enum err
store_tx_duty_remove(struct store_tx *tx, int64_t id, int64_t by, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_duty_remove);

	bind_int(st, 1, id);
	bind_int(st, 2, tx->now);
	bind_int(st, 3, by);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	if (sqlite3_changes(WDB(tx)) == 0)
		return error_set(e, ERR_NOTFOUND, "shift not found");
	return ERR_OK;
}

enum err
store_tx_duty_end(struct store_tx *tx, int64_t id, struct error *e)
{
	sqlite3_stmt *st = WST(tx, Q_duty_end);

	bind_int(st, 1, id);
	bind_int(st, 2, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	if (sqlite3_changes(WDB(tx)) == 0)
		return error_set(e, ERR_NOTFOUND, "shift not found");
	return ERR_OK;
}

enum err
store_tx_duty_clinician(struct store_tx *tx, int64_t site_id, int64_t at, int64_t *staff_id,
    struct error *e)
{
	return tx_int(tx, Q_duty_clinician_now, site_id, at, staff_id,
	    "finding the clinician on duty", e);
}

enum err
store_tx_client_site(struct store_tx *tx, int64_t client_id, int64_t *site_id,
    struct error *e)
{
	return tx_int(tx, Q_episode_open_site, client_id, 0, site_id,
	    "finding the client's site", e);
}

enum err
store_tx_staff_first_site(struct store_tx *tx, int64_t staff_id, int64_t *site_id,
    struct error *e)
{
	return tx_int(tx, Q_staff_first_site, staff_id, 0, site_id,
	    "finding the staff member's site", e);
}

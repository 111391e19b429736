/*
 * store_test.h — what the store tests share: cmocka's includes in the order
 * it needs them, a fresh directory per test, a store opened in it, jobs run
 * with one call or several in one batch, sample records (clients, sites,
 * staff, tracks, inquiries), and a raw SQLite connection for looking past
 * the interface (counting rows, tampering with the audit log).
 *
 * The helpers live in store_test.c, compiled into each store test.
 */
#ifndef IOP_TEST_STORE_H
#define IOP_TEST_STORE_H

#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "store/store.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* A test's own directory and the database path inside it. */
struct tdir {
	char dir[PATH_MAX];
	char db[PATH_MAX];
};

/* mkdtemp under $TMPDIR (or /tmp); db is DIR/iop.db. */
void tdir_make(struct tdir *t);
/* Removes every file in the directory, then the directory. */
void tdir_remove(struct tdir *t);
/* a followed by b into out (failing the test if it does not fit). */
void path_cat(char *out, size_t cap, const char *a, const char *b);
/* DIR/name into out. */
void tdir_file(const struct tdir *t, const char *name, char *out, size_t cap);

/* The usual fixture: a directory, a store created in it, and an arena for
 * what the test reads back (freed at teardown). */
struct fx {
	struct tdir t;
	struct store *s;
	struct arena *a;
};
int fx_setup(void **state);
int fx_teardown(void **state);

/* Opens PATH, failing the test on error. */
struct store *open_store(const char *path, bool create, bool readonly);

/* Runs fn(tx, arg) as one job and waits; e gets the job's error. */
enum err run_job(struct store *s, store_job_fn fn, void *arg, struct error *e);
/* The same, failing the test unless the job succeeded. */
void run_ok(struct store *s, store_job_fn fn, void *arg);

/* Holds the writer with a job while jobs[0..n) queue, then lets it go: they
 * run as one batch after the holder's.  Returns the holder's result. */
enum err submit_batch(struct store *s, struct store_job *jobs, size_t n);
/*
 * Runs the n jobs in one batch, deterministically: a job holding the writer
 * is queued first, the n jobs are queued behind it, and the writer is let go
 * only then, so they all run in the next transaction, in order.  Fails the
 * test unless exactly two transactions were committed (the holder's and
 * theirs).  Sets each job's done and user; results are in jobs[i].result
 * and jobs[i].err.
 */
void run_batch(struct store *s, struct store_job *jobs, size_t n);

/*
 * A test of a promise (in store.h) that the store does not keep yet: prints
 * why and skips the rest of the test, unless IOP_STORE_KNOWN_BUGS is set in
 * the environment, in which case the test goes on (and fails until fixed).
 */
void known_bug(const char *why);

/* The message recorded for field, or NULL if the field is not at fault. */
const char *field_msg(const struct error *e, const char *field);

/* A valid client: the given names and date of birth, other fields filled. */
void client_sample(struct client *c, const char *first, const char *last, const char *dob);
/* Inserts a client in its own job; returns its id. */
int64_t add_client(struct store *s, const char *first, const char *last, const char *dob,
    bool active);
int64_t add_site(struct store *s, const char *name);
/* A staff member with these roles, working at site_id (0: at none). */
int64_t add_staff(struct store *s, const char *username, const char *full_name,
    roleset roles, bool active, int64_t site_id);
/* An active track at a site, Monday to Friday 9:00-12:00. */
int64_t add_track(struct store *s, int64_t site_id, const char *name, const char *level);
/* A valid phone inquiry from name, with no insurance and no client. */
void inquiry_sample(struct inquiry *q, const char *name, enum urgency u);
/* Inserts inquiry_sample(name, u) in its own job; returns its id. */
int64_t add_inquiry(struct store *s, const char *name, enum urgency u);

/* A job writing one audit row and nothing else. */
void add_audit(struct store *s, const char *action, int64_t client_id, const char *detail);

/*
 * A writer held inside its batch: a job whose run (gate_hold) waits, inside
 * the batch's write transaction, until gate_release; jobs whose done is
 * gate_done are counted as they finish (on the writer thread).
 */
struct writer_gate {
	pthread_mutex_t m;
	pthread_cond_t c;
	bool holding, release;
	size_t done;
};
void gate_init(struct writer_gate *g);
void gate_destroy(struct writer_gate *g);
enum err gate_hold(struct store_tx *tx, void *arg, struct error *e);
void gate_done(struct store_job *j);
void gate_wait_holding(struct writer_gate *g);
void gate_release(struct writer_gate *g);
void gate_wait_done(struct writer_gate *g, size_t n);

/* Raw SQLite on a database file, outside the store. */
void raw_exec(const char *db, const char *sql);
/* The SQLite result code of running sql (errmsg copied out when not OK). */
int raw_try(const char *db, const char *sql, char *errmsg, size_t cap);
/* The first column of the first row of a query returning one integer. */
int64_t raw_int(const char *db, const char *sql);

/* Copies a file; false if src does not exist. */
bool copy_file(const char *src, const char *dst);
/* Copies db, db-wal, db-shm, db.audit-key and db.audit-head. */
void copy_store_files(const char *src_db, const char *dst_db);
/* Writes (replaces) a whole file. */
void write_file(const char *path, const char *text, size_t n);
/* Reads up to cap-1 bytes of a file, NUL-terminated; returns bytes read. */
size_t read_file(const char *path, char *out, size_t cap);

#endif

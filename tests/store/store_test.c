/*
 * store_test.c — helpers shared by the store tests (see store_test.h).
 *
 * Everything here fails the running cmocka test on an unexpected error, so
 * the tests themselves read as the behaviour they check.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store_test.h"

void
tdir_make(struct tdir *t)
{
	const char *base = getenv("TMPDIR");

	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	snprintf(t->dir, sizeof t->dir, "%s/iop-store-XXXXXX", base);
	assert_non_null(mkdtemp(t->dir));
	tdir_file(t, "iop.db", t->db, sizeof t->db);
}

void
path_cat(char *out, size_t cap, const char *a, const char *b)
{
	int n = snprintf(out, cap, "%s%s", a, b);

	assert_true(n > 0 && (size_t)n < cap);
}

void
tdir_file(const struct tdir *t, const char *name, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%s/%s", t->dir, name);

	assert_true(n > 0 && (size_t)n < cap);
}

void
tdir_remove(struct tdir *t)
{
	char p[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (t->dir[0] == '\0')
		return;
	d = opendir(t->dir);
	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			tdir_file(t, de->d_name, p, sizeof p);
			unlink(p);
		}
		closedir(d);
	}
	assert_int_equal(rmdir(t->dir), 0);
	t->dir[0] = '\0';
}

int
fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	tdir_make(&f->t);
	f->s = open_store(f->t.db, true, false);
	f->a = arena_new(1 << 20);
	assert_non_null(f->a);
	*state = f;
	return 0;
}

int
fx_teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->s);
	arena_free(f->a);
	tdir_remove(&f->t);
	free(f);
	return 0;
}

struct store *
open_store(const char *path, bool create, bool readonly)
{
	struct store_opts o = { .create = create, .readonly = readonly };
	struct store *s = NULL;
	struct error e;

	error_clear(&e);
	if (store_open(path, &o, &s, &e) != ERR_OK)
		fail_msg("store_open(%s): %s", path, e.msg);
	assert_non_null(s);
	return s;
}

enum err
run_job(struct store *s, store_job_fn fn, void *arg, struct error *e)
{
	struct store_job j;
	enum err rc;

	memset(&j, 0, sizeof j);
	j.run = fn;
	j.arg = arg;
	rc = store_run(s, &j);
	assert_int_equal(rc, j.result);
	if (e != NULL)
		*e = j.err;
	return rc;
}

void
run_ok(struct store *s, store_job_fn fn, void *arg)
{
	struct error e;

	if (run_job(s, fn, arg, &e) != ERR_OK)
		fail_msg("job failed: %s (%s)", e.msg, err_code_word(e.code));
}

/* ---- a writer held inside its batch ----------------------------------- */

void
gate_init(struct writer_gate *g)
{
	memset(g, 0, sizeof *g);
	pthread_mutex_init(&g->m, NULL);
	pthread_cond_init(&g->c, NULL);
}

void
gate_destroy(struct writer_gate *g)
{
	pthread_cond_destroy(&g->c);
	pthread_mutex_destroy(&g->m);
}

enum err
gate_hold(struct store_tx *tx, void *arg, struct error *e)
{
	struct writer_gate *g = arg;

	(void)tx;
	(void)e;
	pthread_mutex_lock(&g->m);
	g->holding = true;
	pthread_cond_broadcast(&g->c);
	while (!g->release)
		pthread_cond_wait(&g->c, &g->m);
	pthread_mutex_unlock(&g->m);
	return ERR_OK;
}

/* On the writer thread: no cmocka assertions here. */
void
gate_done(struct store_job *j)
{
	struct writer_gate *g = j->user;

	pthread_mutex_lock(&g->m);
	g->done++;
	pthread_cond_broadcast(&g->c);
	pthread_mutex_unlock(&g->m);
}

void
gate_wait_holding(struct writer_gate *g)
{
	pthread_mutex_lock(&g->m);
	while (!g->holding)
		pthread_cond_wait(&g->c, &g->m);
	pthread_mutex_unlock(&g->m);
}

void
gate_release(struct writer_gate *g)
{
	pthread_mutex_lock(&g->m);
	g->release = true;
	pthread_cond_broadcast(&g->c);
	pthread_mutex_unlock(&g->m);
}

void
gate_wait_done(struct writer_gate *g, size_t n)
{
	pthread_mutex_lock(&g->m);
	while (g->done < n)
		pthread_cond_wait(&g->c, &g->m);
	pthread_mutex_unlock(&g->m);
}

/* ---- several jobs in one batch ------------------------------------------ */

enum err
submit_batch(struct store *s, struct store_job *jobs, size_t n)
{
	struct writer_gate g;
	struct store_job hold;
	size_t i;

	gate_init(&g);
	memset(&hold, 0, sizeof hold);
	hold.run = gate_hold;
	hold.arg = &g;
	hold.done = gate_done;
	hold.user = &g;
	store_submit(s, &hold);
	gate_wait_holding(&g);
	for (i = 0; i < n; i++) {
		jobs[i].done = gate_done;
		jobs[i].user = &g;
		store_submit(s, &jobs[i]);
	}
	gate_release(&g);
	gate_wait_done(&g, n + 1);
	gate_destroy(&g);
	return hold.result;
}

void
run_batch(struct store *s, struct store_job *jobs, size_t n)
{
	int64_t b0 = store_stat_batches(s);

	assert_int_equal(submit_batch(s, jobs, n), ERR_OK);
	assert_int_equal(store_stat_batches(s), b0 + 2);
}

void
known_bug(const char *why)
{
	const char *run = getenv("IOP_STORE_KNOWN_BUGS");

	if (run != NULL && run[0] != '\0') {
		print_message("    known bug, checked anyway: %s\n", why);
		return;
	}
	print_message("    skipped, known bug: %s\n", why);
	skip();
}

const char *
field_msg(const struct error *e, const char *field)
{
	size_t i;

	for (i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, field) == 0)
			return e->fields[i].msg;
	return NULL;
}

void
client_sample(struct client *c, const char *first, const char *last, const char *dob)
{
	memset(c, 0, sizeof *c);
	c->first_name = first;
	c->last_name = last;
	c->preferred_name = "";
	assert_true(date_parse(dob, &c->dob));
	c->sex = SEX_FEMALE;
	c->gender_identity = "";
	c->phone = "555-0100";
	c->email = "";
	c->address.line1 = "1 Main St";
	c->address.line2 = "";
	c->address.city = "Springfield";
	c->address.state = "IL";
	c->address.postal_code = "62701";
	c->language = "en";
	c->active = true;
}

static enum err
job_client_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_client_insert(tx, arg, e);
}

int64_t
add_client(struct store *s, const char *first, const char *last, const char *dob, bool active)
{
	struct client c;

	client_sample(&c, first, last, dob);
	c.active = active;
	run_ok(s, job_client_insert, &c);
	assert_true(c.id > 0);
	return c.id;
}

static enum err
job_site_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_site_insert(tx, arg, e);
}

int64_t
add_site(struct store *s, const char *name)
{
	struct site st = { .name = name, .timezone = "America/Chicago", .address = "",
		.phone = "", .active = true };

	run_ok(s, job_site_insert, &st);
	assert_true(st.id > 0);
	return st.id;
}

static enum err
job_staff_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_staff_insert(tx, arg, "$argon2id$not-a-real-hash", e);
}

int64_t
add_staff(struct store *s, const char *username, const char *full_name, roleset roles,
    bool active, int64_t site_id)
{
	struct staff st;

	memset(&st, 0, sizeof st);
	st.username = username;
	st.full_name = full_name;
	st.email = "";
	st.roles = roles;
	st.active = active;
	if (site_id != 0) {
		st.site_ids[0] = site_id;
		st.nsites = 1;
	}
	run_ok(s, job_staff_insert, &st);
	assert_true(st.id > 0);
	return st.id;
}

static enum err
job_track_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_track_insert(tx, arg, e);
}

int64_t
add_track(struct store *s, int64_t site_id, const char *name, const char *level)
{
	struct track t = { .site_id = site_id, .name = name, .level_of_care = level,
		.weekdays = 0x1f, .start_min = 9 * 60, .end_min = 12 * 60, .active = true };

	run_ok(s, job_track_insert, &t);
	assert_true(t.id > 0);
	return t.id;
}

void
inquiry_sample(struct inquiry *q, const char *name, enum urgency u)
{
	memset(q, 0, sizeof *q);
	q->kind = INQ_PHONE;
	q->name = name;
	q->phone = "555-0142";
	q->email = "";
	q->best_time = "mornings";
	q->caller_name = "";
	q->caller_relationship = "";
	q->substances_json = "[\"alcohol\"]";
	q->urgency = u;
	q->message = "Would like to talk about the program.";
	q->ins.payer = "";
	q->ins.member_id = "";
	q->ins.group_number = "";
	q->ins.subscriber_name = "";
	q->ins.relationship = "";
	q->source = "phone";
	q->referral_source = "";
}

static enum err
job_inquiry_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_inquiry_insert(tx, arg, e);
}

int64_t
add_inquiry(struct store *s, const char *name, enum urgency u)
{
	struct inquiry q;

	inquiry_sample(&q, name, u);
	run_ok(s, job_inquiry_insert, &q);
	assert_true(q.id > 0);
	return q.id;
}

void
add_audit(struct store *s, const char *action, int64_t client_id, const char *detail)
{
	struct audit_event ev = { .user_id = 1, .username = "admin", .role = "admin",
		.action = action, .record_type = client_id ? "client" : "",
		.record_id = client_id, .client_id = client_id, .address = "127.0.0.1",
		.detail = detail };
	struct store_job j;

	memset(&j, 0, sizeof j);
	j.audit = &ev;
	j.naudit = 1;
	assert_int_equal(store_run(s, &j), ERR_OK);
	assert_true(ev.id > 0);
}

static sqlite3 *
raw_open(const char *db)
{
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail_msg("raw open %s: %s", db, h ? sqlite3_errmsg(h) : "?");
	sqlite3_busy_timeout(h, 10000);
	return h;
}

int
raw_try(const char *db, const char *sql, char *errmsg, size_t cap)
{
	sqlite3 *h = raw_open(db);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);

	if (errmsg != NULL && cap > 0)
		snprintf(errmsg, cap, "%s", msg ? msg : "");
	sqlite3_free(msg);
	sqlite3_close(h);
	return rc;
}

void
raw_exec(const char *db, const char *sql)
{
	char msg[256];

	if (raw_try(db, sql, msg, sizeof msg) != SQLITE_OK)
		fail_msg("raw exec failed: %s: %s", sql, msg);
}

int64_t
raw_int(const char *db, const char *sql)
{
	sqlite3 *h = raw_open(db);
	sqlite3_stmt *st = NULL;
	int64_t v;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("raw prepare: %s: %s", sql, sqlite3_errmsg(h));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

bool
copy_file(const char *src, const char *dst)
{
	char buf[65536];
	ssize_t n;
	struct stat sb;
	int in, out;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		assert_int_equal(errno, ENOENT);
		return false;
	}
	assert_int_equal(fstat(in, &sb), 0);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, sb.st_mode & 0777);
	assert_true(out >= 0);
	while ((n = read(in, buf, sizeof buf)) > 0)
		assert_int_equal(write(out, buf, (size_t)n), n);
	assert_int_equal(n, 0);
	close(in);
	assert_int_equal(close(out), 0);
	return true;
}

void
copy_store_files(const char *src_db, const char *dst_db)
{
	static const char *const suffix[] = { "", "-wal", "-shm", ".audit-key",
		".audit-head" };
	char a[PATH_MAX], b[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		path_cat(a, sizeof a, src_db, suffix[i]);
		path_cat(b, sizeof b, dst_db, suffix[i]);
		if (!copy_file(a, b))
			assert_true(i == 1 || i == 2);	/* only the WAL files are optional */
	}
}

void
write_file(const char *path, const char *text, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

size_t
read_file(const char *path, char *out, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	assert_true(fd >= 0);
	n = read(fd, out, cap - 1);
	assert_true(n >= 0);
	out[n] = '\0';
	close(fd);
	return (size_t)n;
}

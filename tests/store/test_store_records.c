/*
 * test_store_records.c — the store's records, one behaviour per test:
 * opening (missing file, creation of the key and head files, reopening),
 * clients (insert, read back field by field, update, not found), client
 * search (name prefix, "last, first", record number, date of birth,
 * inactive clients, paging and totals, LIKE wildcards taken literally),
 * possible duplicates, contacts, staff (conflicts, sites, lockout, password),
 * sessions, and sites, rooms and tracks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_test.h"

/* ---- jobs used below ------------------------------------------------------ */

static enum err
j_client_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_client_insert(tx, arg, e);
}

static enum err
j_client_update(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_client_update(tx, arg, e);
}

static enum err
j_contact_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_contact_insert(tx, arg, e);
}

static enum err
j_contact_update(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_contact_update(tx, arg, e);
}

static enum err
j_contact_remove(struct store_tx *tx, void *arg, struct error *e)
{
	const struct contact *c = arg;

	return store_tx_contact_remove(tx, c->client_id, c->id, e);
}

static enum err
j_site_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_site_insert(tx, arg, e);
}

static enum err
j_site_update(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_site_update(tx, arg, e);
}

static enum err
j_room_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_room_insert(tx, arg, e);
}

static enum err
j_room_update(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_room_update(tx, arg, e);
}

static enum err
j_track_insert(struct store_tx *tx, void *arg, struct error *e)
{
	return store_tx_track_insert(tx, arg, e);
}

struct staff_op {
	struct staff *st;
	const char *pwhash;
	bool must_change;
	int max_failures, lock_seconds;
	int64_t now;		/* the batch clock seen by the job */
};

static enum err
j_staff_insert(struct store_tx *tx, void *arg, struct error *e)
{
	struct staff_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_staff_insert(tx, op->st, op->pwhash, e);
}

static enum err
j_staff_update(struct store_tx *tx, void *arg, struct error *e)
{
	struct staff_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_staff_update(tx, op->st, e);
}

static enum err
j_staff_set_password(struct store_tx *tx, void *arg, struct error *e)
{
	struct staff_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_staff_set_password(tx, op->st->id, op->pwhash, op->must_change, e);
}

static enum err
j_staff_login_failed(struct store_tx *tx, void *arg, struct error *e)
{
	struct staff_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_staff_login_failed(tx, op->st->id, op->max_failures,
	    op->lock_seconds, e);
}

static enum err
j_staff_login_ok(struct store_tx *tx, void *arg, struct error *e)
{
	struct staff_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_staff_login_ok(tx, op->st->id, e);
}

static enum err
j_staff_unlock(struct store_tx *tx, void *arg, struct error *e)
{
	struct staff_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_staff_unlock(tx, op->st->id, e);
}

struct session_op {
	uint8_t token[32];
	int64_t staff_id;
	const char *csrf;
	int64_t expires_at;
	int64_t id;
	int64_t now;
};

static enum err
j_session_insert(struct store_tx *tx, void *arg, struct error *e)
{
	struct session_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_session_insert(tx, op->token, op->staff_id, op->csrf, "10.0.0.1",
	    op->expires_at, &op->id, e);
}

static enum err
j_session_touch(struct store_tx *tx, void *arg, struct error *e)
{
	struct session_op *op = arg;

	op->now = store_tx_now(tx);
	return store_tx_session_touch(tx, op->id, e);
}

static enum err
j_session_end(struct store_tx *tx, void *arg, struct error *e)
{
	struct session_op *op = arg;

	return store_tx_session_end(tx, op->id, e);
}

static enum err
j_sessions_end_staff(struct store_tx *tx, void *arg, struct error *e)
{
	struct session_op *op = arg;

	return store_tx_sessions_end_staff(tx, op->staff_id, e);
}

/* ---- opening --------------------------------------------------------------- */

static void
open_missing_is_notfound(void **state)
{
	struct store_opts o = { .create = false, .readonly = false };
	struct store *s = (struct store *)&o;	/* must be reset to NULL */
	struct tdir t;
	struct error e;

	(void)state;
	tdir_make(&t);
	error_clear(&e);
	assert_int_equal(store_open(t.db, &o, &s, &e), ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);
	assert_null(s);
	o.readonly = true;
	assert_int_equal(store_open(t.db, &o, &s, &e), ERR_NOTFOUND);
	assert_null(s);
	/* Nothing was created by the failed opens. */
	assert_int_equal(access(t.db, F_OK), -1);
	tdir_remove(&t);
}

static void
open_create_makes_key_and_head(void **state)
{
	char kp[PATH_MAX], hp[PATH_MAX], key1[128], key2[128], head[256];
	struct stat sb;
	struct store *s;
	struct tdir t;
	size_t i, n;

	(void)state;
	tdir_make(&t);
	s = open_store(t.db, true, false);
	assert_string_equal(store_path(s), t.db);
	path_cat(kp, sizeof kp, t.db, ".audit-key");
	path_cat(hp, sizeof hp, t.db, ".audit-head");
	assert_int_equal(stat(t.db, &sb), 0);
	assert_int_equal(stat(kp, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(hp, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));

	/* The key: 64 hex digits and a newline. */
	n = read_file(kp, key1, sizeof key1);
	assert_int_equal(n, 2 * AUDIT_KEY_LEN + 1);
	for (i = 0; i < 2 * AUDIT_KEY_LEN; i++)
		assert_non_null(strchr("0123456789abcdef", key1[i]));
	assert_int_equal(key1[2 * AUDIT_KEY_LEN], '\n');
	/* The head seals the empty chain. */
	read_file(hp, head, sizeof head);
	assert_int_equal(strncmp(head, "iop-audit-head v1 ", 18), 0);
	store_close(s);

	/* Reopen for writing and read-only; the key is kept, not replaced. */
	s = open_store(t.db, false, false);
	add_client(s, "Ann", "Lee", "1990-01-02", true);
	store_close(s);
	s = open_store(t.db, false, true);
	{
		struct arena *a = arena_new(1 << 16);
		struct client c;
		struct error e;

		assert_int_equal(store_client_get(s, 1, a, &c, &e), ERR_OK);
		assert_string_equal(c.first_name, "Ann");
		arena_free(a);
	}
	store_close(s);
	read_file(kp, key2, sizeof key2);
	assert_string_equal(key1, key2);
	/* create=true on an existing database opens it too (migrations done). */
	s = open_store(t.db, true, false);
	store_close(s);
	read_file(kp, key2, sizeof key2);
	assert_string_equal(key1, key2);
	tdir_remove(&t);
}

static void
open_refuses_uninitialised_and_keyless(void **state)
{
	struct store_opts o = { .create = false, .readonly = false };
	char kp[PATH_MAX], moved[PATH_MAX];
	struct store *s = NULL;
	struct tdir t;
	struct error e;

	(void)state;
	tdir_make(&t);
	/* An empty file: SQLite would take it as a database never initialised. */
	{
		FILE *f = fopen(t.db, "w");
		assert_non_null(f);
		fclose(f);
	}
	error_clear(&e);
	assert_int_equal(store_open(t.db, &o, &s, &e), ERR_STORE);
	assert_null(s);
	assert_non_null(strstr(e.msg, "not initialised"));
	unlink(t.db);

	/* An initialised database whose key has gone. */
	s = open_store(t.db, true, false);
	store_close(s);
	path_cat(kp, sizeof kp, t.db, ".audit-key");
	path_cat(moved, sizeof moved, t.db, ".moved");
	assert_int_equal(rename(kp, moved), 0);
	s = NULL;
	assert_int_equal(store_open(t.db, &o, &s, &e), ERR_IO);
	assert_null(s);
	assert_int_equal(rename(moved, kp), 0);
	s = open_store(t.db, false, false);
	store_close(s);
	tdir_remove(&t);
}

/* ---- clients --------------------------------------------------------------- */

static void
client_insert_get_update(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 16);
	struct client c, c2, got;
	struct error e;
	int64_t before = now_utc(), after;
	char dob[11];

	client_sample(&c, "Maria", "Garcia", "1985-03-14");
	c.preferred_name = "Mari";
	c.sex = SEX_INTERSEX;
	c.gender_identity = "nonbinary";
	c.phone = "555-0199";
	c.email = "maria@example.org";
	c.address.line1 = "12 Elm St";
	c.address.line2 = "Apt 3";
	c.address.city = "Peoria";
	c.address.state = "IL";
	c.address.postal_code = "61602";
	c.language = "es";
	run_ok(f->s, j_client_insert, &c);
	after = now_utc();
	assert_int_equal(c.id, 1);
	assert_string_equal(c.mrn, "IOP-000001");
	assert_true(c.created_at >= before && c.created_at <= after);
	assert_int_equal(c.updated_at, c.created_at);

	client_sample(&c2, "Bo", "Chen", "2001-12-31");
	run_ok(f->s, j_client_insert, &c2);
	assert_int_equal(c2.id, 2);
	assert_string_equal(c2.mrn, "IOP-000002");

	assert_int_equal(store_client_get(f->s, c.id, a, &got, &e), ERR_OK);
	assert_int_equal(got.id, 1);
	assert_string_equal(got.mrn, "IOP-000001");
	assert_string_equal(got.first_name, "Maria");
	assert_string_equal(got.last_name, "Garcia");
	assert_string_equal(got.preferred_name, "Mari");
	date_format(got.dob, dob);
	assert_string_equal(dob, "1985-03-14");
	assert_int_equal(got.sex, SEX_INTERSEX);
	assert_string_equal(got.gender_identity, "nonbinary");
	assert_string_equal(got.phone, "555-0199");
	assert_string_equal(got.email, "maria@example.org");
	assert_string_equal(got.address.line1, "12 Elm St");
	assert_string_equal(got.address.line2, "Apt 3");
	assert_string_equal(got.address.city, "Peoria");
	assert_string_equal(got.address.state, "IL");
	assert_string_equal(got.address.postal_code, "61602");
	assert_string_equal(got.language, "es");
	assert_true(got.active);
	assert_int_equal(got.created_at, c.created_at);
	assert_int_equal(got.updated_at, c.updated_at);

	/* Update every field; the record number and creation time stay. */
	got.first_name = "María";
	got.last_name = "García-López";
	got.preferred_name = "";
	assert_true(date_parse("1985-04-15", &got.dob));
	got.sex = SEX_UNKNOWN;
	got.gender_identity = "";
	got.phone = "";
	got.email = "m@example.org";
	got.address.line1 = "9 Oak Ave";
	got.address.line2 = "";
	got.address.city = "Urbana";
	got.address.state = "IL";
	got.address.postal_code = "61801";
	got.language = "en";
	got.active = false;
	run_ok(f->s, j_client_update, &got);
	assert_true(got.updated_at >= c.created_at);

	memset(&c, 0, sizeof c);
	assert_int_equal(store_client_get(f->s, 1, a, &c, &e), ERR_OK);
	assert_string_equal(c.mrn, "IOP-000001");
	assert_string_equal(c.first_name, "María");
	assert_string_equal(c.last_name, "García-López");
	assert_string_equal(c.preferred_name, "");
	date_format(c.dob, dob);
	assert_string_equal(dob, "1985-04-15");
	assert_int_equal(c.sex, SEX_UNKNOWN);
	assert_string_equal(c.phone, "");
	assert_string_equal(c.email, "m@example.org");
	assert_string_equal(c.address.line1, "9 Oak Ave");
	assert_string_equal(c.address.city, "Urbana");
	assert_string_equal(c.address.postal_code, "61801");
	assert_string_equal(c.language, "en");
	assert_false(c.active);
	assert_int_equal(c.updated_at, got.updated_at);
	assert_true(c.created_at <= c.updated_at);

	/* The other client is untouched. */
	assert_int_equal(store_client_get(f->s, 2, a, &c, &e), ERR_OK);
	assert_string_equal(c.first_name, "Bo");
	assert_true(c.active);

	/* Not found, for reading and for updating. */
	error_clear(&e);
	assert_int_equal(store_client_get(f->s, 99, a, &c, &e), ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);
	client_sample(&c, "No", "Body", "1970-01-01");
	c.id = 99;
	assert_int_equal(run_job(f->s, j_client_update, &c, &e), ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client"), 2);
	arena_free(a);
}

struct insert_then_read {
	struct client c;
	struct client seen;
	struct arena *a;
	enum err seen_rc;
	bool fail;
};

/* Inside a job, the writer's connection sees the job's own insert. */
static enum err
j_insert_then_read(struct store_tx *tx, void *arg, struct error *e)
{
	struct insert_then_read *x = arg;

	if (store_tx_client_insert(tx, &x->c, e) != ERR_OK)
		return e->code;
	x->seen_rc = store_tx_client_get(tx, x->c.id, x->a, &x->seen, e);
	if (x->fail)
		return error_set(e, ERR_INVALID, "refused on purpose");
	return x->seen_rc;
}

static void
client_tx_get_sees_own_insert(void **state)
{
	struct fx *f = *state;
	struct insert_then_read x;
	struct error e;
	struct client c;

	memset(&x, 0, sizeof x);
	x.a = arena_new(1 << 16);
	client_sample(&x.c, "Ida", "Wells", "1962-07-16");
	run_ok(f->s, j_insert_then_read, &x);
	assert_int_equal(x.seen_rc, ERR_OK);
	assert_int_equal(x.seen.id, x.c.id);
	assert_string_equal(x.seen.mrn, x.c.mrn);
	assert_string_equal(x.seen.last_name, "Wells");

	/* The same, failing after the insert: nothing is left. */
	memset(&x.seen, 0, sizeof x.seen);
	client_sample(&x.c, "Gone", "Again", "1962-07-16");
	x.fail = true;
	assert_int_equal(run_job(f->s, j_insert_then_read, &x, &e), ERR_INVALID);
	assert_int_equal(x.seen_rc, ERR_OK);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client"), 1);
	x.fail = false;
	client_sample(&x.c, "Next", "One", "1962-07-16");
	run_ok(f->s, j_insert_then_read, &x);
	{
		char want[16];
		client_mrn_format(x.c.id, want);
		assert_string_equal(x.c.mrn, want);
	}
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client"), 2);
	assert_int_equal(store_client_get(f->s, x.c.id, x.a, &c, &e), ERR_OK);
	assert_string_equal(c.first_name, "Next");
	arena_free(x.a);
}

/* ---- search ---------------------------------------------------------------- */

struct seeded {
	int64_t smith_john, smith_joanna, smith_alice, smithers, jones_pref, inactive,
	    under, underx, pct, bs;
};

static void
seed_clients(struct store *s, struct seeded *k)
{
	struct client c;

	k->smith_john = add_client(s, "John", "Smith", "1980-02-29", true);
	k->smith_joanna = add_client(s, "Joanna", "SMITH", "1990-05-05", true);
	k->smith_alice = add_client(s, "Alice", "smith", "1980-02-29", true);
	k->smithers = add_client(s, "Waylon", "Smithers", "1970-01-01", true);
	/* Preferred name "Smitty", last name Jones. */
	client_sample(&c, "Robert", "Jones", "1975-06-15");
	c.preferred_name = "Smitty";
	run_ok(s, j_client_insert, &c);
	k->jones_pref = c.id;
	k->inactive = add_client(s, "Jo", "Smith", "1980-02-29", false);
	k->under = add_client(s, "Una", "Under_score", "2000-01-01", true);
	k->underx = add_client(s, "Uma", "Underxscore", "2000-01-01", true);
	k->pct = add_client(s, "Perry", "100%Sure", "2000-01-01", true);
	k->bs = add_client(s, "Bea", "Back\\slash", "2000-01-01", true);
}

static void
search(struct store *s, const struct client_search *q, bool inactive, int limit, int offset,
    struct arena *a, struct client **items, size_t *n, int64_t *total)
{
	struct page pg = { .limit = limit, .offset = offset };
	struct error e;

	error_clear(&e);
	if (store_client_search(s, q, inactive, pg, a, items, n, total, &e) != ERR_OK)
		fail_msg("search: %s", e.msg);
}

static bool
has_id(const struct client *items, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (items[i].id == id)
			return true;
	return false;
}

static struct client_search
q_name(const char *a)
{
	struct client_search q;

	memset(&q, 0, sizeof q);
	q.kind = SEARCH_NAME;
	snprintf(q.a, sizeof q.a, "%s", a);
	return q;
}

static void
search_name_prefix(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct client_search q;
	struct client *items;
	struct seeded k;
	int64_t total;
	size_t n;

	seed_clients(f->s, &k);

	/* "smi": Smith (any case), Smithers, and a preferred name. */
	q = q_name("smi");
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 5);
	assert_int_equal(total, 5);
	assert_true(has_id(items, n, k.smith_john));
	assert_true(has_id(items, n, k.smith_joanna));
	assert_true(has_id(items, n, k.smith_alice));
	assert_true(has_id(items, n, k.smithers));
	assert_true(has_id(items, n, k.jones_pref));
	assert_false(has_id(items, n, k.inactive));
	/* Ordered by last name then first name, case-insensitively. */
	assert_int_equal(items[0].id, k.jones_pref);
	assert_int_equal(items[1].id, k.smith_alice);
	assert_int_equal(items[2].id, k.smith_joanna);
	assert_int_equal(items[3].id, k.smith_john);
	assert_int_equal(items[4].id, k.smithers);

	/* A prefix, not a substring: "mith" finds no one. */
	q = q_name("mith");
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);

	/* First names match too. */
	q = q_name("joa");
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, k.smith_joanna);

	/* Through the search-box parser: "SMITHERS" is lower-cased. */
	assert_true(search_parse("  SMITHERS ", &q));
	assert_int_equal(q.kind, SEARCH_NAME);
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, k.smithers);
	assert_string_equal(items[0].last_name, "Smithers");
	arena_free(a);
}

static void
search_pair_mrn_dob(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct client_search q;
	struct client *items;
	struct seeded k;
	int64_t total;
	size_t n;

	seed_clients(f->s, &k);

	/* "smith, jo": last name prefix smith, first name prefix jo. */
	assert_true(search_parse("Smith, Jo", &q));
	assert_int_equal(q.kind, SEARCH_NAME_PAIR);
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(items[0].id, k.smith_joanna);
	assert_int_equal(items[1].id, k.smith_john);
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 3);
	assert_true(has_id(items, n, k.inactive));
	/* The first-name part also matches a preferred name. */
	memset(&q, 0, sizeof q);
	q.kind = SEARCH_NAME_PAIR;
	snprintf(q.a, sizeof q.a, "jones");
	snprintf(q.b, sizeof q.b, "smi");
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, k.jones_pref);
	/* Swapped halves find nothing. */
	snprintf(q.a, sizeof q.a, "jo");
	snprintf(q.b, sizeof q.b, "smith");
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 0);

	/* Record number, in the forms the parser accepts. */
	assert_true(search_parse("IOP-000002", &q));
	assert_int_equal(q.kind, SEARCH_MRN);
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(items[0].id, k.smith_joanna);
	assert_string_equal(items[0].mrn, "IOP-000002");
	memset(&q, 0, sizeof q);
	q.kind = SEARCH_MRN;
	q.mrn = k.smithers;
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, k.smithers);
	q.mrn = 999;
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	/* An inactive client's number is found only with include_inactive. */
	q.mrn = k.inactive;
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 0);
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, k.inactive);
	assert_false(items[0].active);

	/* Date of birth, both spellings. */
	assert_true(search_parse("1980-02-29", &q));
	assert_int_equal(q.kind, SEARCH_DOB);
	search(f->s, &q, false, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 2);
	assert_true(has_id(items, n, k.smith_john));
	assert_true(has_id(items, n, k.smith_alice));
	assert_true(search_parse("02/29/1980", &q));
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 3);
	assert_int_equal(total, 3);
	assert_true(has_id(items, n, k.inactive));
	assert_true(search_parse("1999-09-09", &q));
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 0);
	arena_free(a);
}

static void
search_paging_and_totals(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct client_search q;
	struct client *items;
	int64_t total, seen[20];
	struct seeded k;
	size_t n, i, got = 0;
	int off;

	seed_clients(f->s, &k);

	/* All active clients: 9 of 10, in pages of 4. */
	memset(&q, 0, sizeof q);
	q.kind = SEARCH_ALL;
	for (off = 0; off < 12; off += 4) {
		search(f->s, &q, false, 4, off, a, &items, &n, &total);
		assert_int_equal(total, 9);
		assert_int_equal(n, off < 8 ? 4 : 1);
		for (i = 0; i < n; i++)
			seen[got++] = items[i].id;
	}
	/* Every client once, none twice, the inactive one never. */
	assert_int_equal(got, 9);
	for (i = 0; i < got; i++) {
		size_t j;
		assert_int_not_equal(seen[i], k.inactive);
		for (j = i + 1; j < got; j++)
			assert_int_not_equal(seen[i], seen[j]);
	}
	search(f->s, &q, true, 4, 0, a, &items, &n, &total);
	assert_int_equal(total, 10);
	assert_int_equal(n, 4);

	/* A page past the end is empty but still knows the total. */
	search(f->s, &q, false, 4, 40, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 9);
	search(f->s, &q, true, 4, 40, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 10);

	/* The same for a name search ("smith": 3 active, 4 in all)... */
	q = q_name("smith");
	search(f->s, &q, false, 2, 0, a, &items, &n, &total);
	assert_int_equal(n, 2);
	assert_int_equal(total, 4);		/* Smith x3 + Smithers */
	search(f->s, &q, false, 2, 2, a, &items, &n, &total);
	assert_int_equal(n, 2);
	assert_int_equal(total, 4);
	search(f->s, &q, false, 2, 4, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 4);
	search(f->s, &q, true, 2, 100, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 5);
	/* ...for a pair, a record number and a date of birth... */
	assert_true(search_parse("smith, jo", &q));
	search(f->s, &q, true, 1, 5, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 3);
	memset(&q, 0, sizeof q);
	q.kind = SEARCH_MRN;
	q.mrn = k.smithers;
	search(f->s, &q, false, 1, 1, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 1);
	assert_true(search_parse("2000-01-01", &q));
	search(f->s, &q, false, 2, 6, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 4);
	/* ...and a search that matches nothing has total 0 on any page. */
	q = q_name("zz");
	search(f->s, &q, true, 2, 6, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	arena_free(a);
}

static void
search_like_wildcards_are_literal(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct client_search q;
	struct client *items;
	struct seeded k;
	int64_t total;
	size_t n;

	seed_clients(f->s, &k);

	/* "_" matches only an underscore, not any one character. */
	q = q_name("under_");
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, k.under);
	q = q_name("under");
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 2);

	/* "%" alone matches no one (no name starts with a percent sign)... */
	q = q_name("%");
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	/* ...and "100%" matches the name that holds it. */
	q = q_name("100%");
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, k.pct);
	q = q_name("100%s");
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	q = q_name("10%e");
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 0);

	/* The escape character itself is literal. */
	q = q_name("back\\");
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, k.bs);
	q = q_name("\\");
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 0);

	/* In a pair, both halves are literal. */
	memset(&q, 0, sizeof q);
	q.kind = SEARCH_NAME_PAIR;
	snprintf(q.a, sizeof q.a, "%%");
	snprintf(q.b, sizeof q.b, "_");
	search(f->s, &q, true, 50, 0, a, &items, &n, &total);
	assert_int_equal(n, 0);
	arena_free(a);
}

/* ---- duplicates ------------------------------------------------------------ */

struct dupes_op {
	struct client c;
	struct arena *a;
	struct client *items;
	size_t n;
};

static enum err
j_dupes(struct store_tx *tx, void *arg, struct error *e)
{
	struct dupes_op *d = arg;

	return store_tx_client_dupes(tx, &d->c, d->a, &d->items, &d->n, e);
}

static void
client_dupes(void **state)
{
	struct fx *f = *state;
	struct dupes_op d;
	int64_t john, john2, other_dob, other_name, inactive;

	john = add_client(f->s, "John", "Smith", "1980-02-29", true);
	john2 = add_client(f->s, "JOHN", "SMITH", "1980-02-29", true);
	other_dob = add_client(f->s, "John", "Smith", "1980-03-01", true);
	other_name = add_client(f->s, "Jon", "Smith", "1980-02-29", true);
	inactive = add_client(f->s, "john", "smith", "1980-02-29", false);

	memset(&d, 0, sizeof d);
	d.a = arena_new(1 << 20);
	/* A new client (id 0): every same-name, same-birthday record. */
	client_sample(&d.c, "john", "Smith", "1980-02-29");
	run_ok(f->s, j_dupes, &d);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.items[0].id, john);
	assert_int_equal(d.items[1].id, john2);
	assert_int_equal(d.items[2].id, inactive);
	assert_false(has_id(d.items, d.n, other_dob));
	assert_false(has_id(d.items, d.n, other_name));

	/* An existing client is not its own duplicate. */
	d.c.id = john;
	run_ok(f->s, j_dupes, &d);
	assert_int_equal(d.n, 2);
	assert_false(has_id(d.items, d.n, john));
	assert_true(has_id(d.items, d.n, john2));

	/* No match: different date of birth and name. */
	client_sample(&d.c, "Jane", "Smith", "1980-02-29");
	run_ok(f->s, j_dupes, &d);
	assert_int_equal(d.n, 0);
	client_sample(&d.c, "John", "Smith", "1981-02-28");
	run_ok(f->s, j_dupes, &d);
	assert_int_equal(d.n, 0);
	arena_free(d.a);
}

/* ---- contacts -------------------------------------------------------------- */

static void
contact_sample(struct contact *c, int64_t client_id, const char *name, bool emergency)
{
	memset(c, 0, sizeof *c);
	c->client_id = client_id;
	c->name = name;
	c->relationship = "sister";
	c->phone = "555-0111";
	c->email = "";
	c->emergency = emergency;
	c->guardian = false;
	c->notes = "";
}

static void
contacts_lifecycle(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct contact c1, c2, c3, got, *items;
	struct error e;
	int64_t cl, other;
	size_t n;

	cl = add_client(f->s, "Ann", "Lee", "1990-01-02", true);
	other = add_client(f->s, "Ben", "Lee", "1991-01-02", true);

	contact_sample(&c1, cl, "Carol Lee", false);
	c1.email = "carol@example.org";
	c1.notes = "call after 5pm";
	c1.guardian = true;
	run_ok(f->s, j_contact_insert, &c1);
	contact_sample(&c2, cl, "Dan Lee", true);
	c2.relationship = "father";
	run_ok(f->s, j_contact_insert, &c2);
	contact_sample(&c3, other, "Eve Lee", false);
	run_ok(f->s, j_contact_insert, &c3);
	assert_true(c1.id > 0 && c2.id > c1.id && c3.id > c2.id);

	/* Listed for their own client only, emergency contacts first. */
	assert_int_equal(store_contact_list(f->s, cl, a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].id, c2.id);
	assert_int_equal(items[1].id, c1.id);
	assert_true(items[0].emergency);

	assert_int_equal(store_contact_get(f->s, cl, c1.id, a, &got, &e), ERR_OK);
	assert_int_equal(got.id, c1.id);
	assert_int_equal(got.client_id, cl);
	assert_string_equal(got.name, "Carol Lee");
	assert_string_equal(got.relationship, "sister");
	assert_string_equal(got.phone, "555-0111");
	assert_string_equal(got.email, "carol@example.org");
	assert_false(got.emergency);
	assert_true(got.guardian);
	assert_string_equal(got.notes, "call after 5pm");
	/* Another client's contact is not found through this client. */
	assert_int_equal(store_contact_get(f->s, other, c1.id, a, &got, &e), ERR_NOTFOUND);

	/* Update. */
	c1.name = "Carol Park";
	c1.relationship = "friend";
	c1.phone = "";
	c1.emergency = true;
	c1.guardian = false;
	c1.notes = "";
	run_ok(f->s, j_contact_update, &c1);
	assert_int_equal(store_contact_get(f->s, cl, c1.id, a, &got, &e), ERR_OK);
	assert_string_equal(got.name, "Carol Park");
	assert_string_equal(got.relationship, "friend");
	assert_string_equal(got.phone, "");
	assert_true(got.emergency);
	assert_false(got.guardian);
	assert_string_equal(got.notes, "");
	/* Updating through the wrong client: not found, nothing changed. */
	got.client_id = other;
	got.name = "Hijacked";
	assert_int_equal(run_job(f->s, j_contact_update, &got, &e), ERR_NOTFOUND);
	assert_int_equal(store_contact_get(f->s, cl, c1.id, a, &got, &e), ERR_OK);
	assert_string_equal(got.name, "Carol Park");

	/* Remove: no longer listed or found; removing again is not found. */
	run_ok(f->s, j_contact_remove, &c2);
	assert_int_equal(store_contact_list(f->s, cl, a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, c1.id);
	assert_int_equal(store_contact_get(f->s, cl, c2.id, a, &got, &e), ERR_NOTFOUND);
	assert_int_equal(run_job(f->s, j_contact_remove, &c2, &e), ERR_NOTFOUND);
	assert_int_equal(run_job(f->s, j_contact_update, &c2, &e), ERR_NOTFOUND);
	/* The row is kept (soft removal), only hidden. */
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM contact"), 3);

	/* A contact for a client that does not exist is refused. */
	contact_sample(&c3, 999, "Nobody", false);
	assert_int_not_equal(run_job(f->s, j_contact_insert, &c3, &e), ERR_OK);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM contact"), 3);
	assert_int_equal(store_contact_list(f->s, 999, a, &items, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	arena_free(a);
}

/* ---- staff ----------------------------------------------------------------- */

static void
staff_sample(struct staff *st, const char *username, const char *full_name)
{
	memset(st, 0, sizeof *st);
	st->username = username;
	st->full_name = full_name;
	st->email = "";
	st->roles = 1u << ROLE_CLINICIAN;
	st->active = true;
}

static void
staff_insert_conflict_sites(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct staff st, st2, got, *items;
	struct staff_op op = { .pwhash = "$argon2id$hash-one" };
	char *pw = NULL;
	struct error e;
	int64_t s1, s2, s3, count, total;
	size_t n;

	s1 = add_site(f->s, "North");
	s2 = add_site(f->s, "South");
	s3 = add_site(f->s, "East");

	staff_sample(&st, "jdoe", "Jane Doe");
	st.email = "jdoe@example.org";
	st.roles = (1u << ROLE_CLINICIAN) | (1u << ROLE_NURSE);
	st.must_change_password = true;
	st.site_ids[0] = s3;
	st.site_ids[1] = s1;
	st.site_ids[2] = s3;		/* listed twice: kept once */
	st.nsites = 3;
	op.st = &st;
	run_ok(f->s, j_staff_insert, &op);
	assert_true(st.id > 0);

	assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
	assert_int_equal(got.id, st.id);
	assert_string_equal(got.username, "jdoe");
	assert_string_equal(got.full_name, "Jane Doe");
	assert_string_equal(got.email, "jdoe@example.org");
	assert_int_equal(got.roles, (1u << ROLE_CLINICIAN) | (1u << ROLE_NURSE));
	assert_true(got.active);
	assert_true(got.must_change_password);
	assert_false(got.locked);
	assert_int_equal(got.failed_logins, 0);
	assert_int_equal(got.locked_until, 0);
	assert_int_equal(got.last_login_at, 0);
	assert_int_equal(got.nsites, 2);
	assert_int_equal(got.site_ids[0], s1);
	assert_int_equal(got.site_ids[1], s3);

	assert_int_equal(store_staff_by_username(f->s, "jdoe", a, &got, &pw, &e), ERR_OK);
	assert_int_equal(got.id, st.id);
	assert_non_null(pw);
	assert_string_equal(pw, "$argon2id$hash-one");
	assert_int_equal(got.nsites, 2);
	assert_int_equal(store_staff_by_username(f->s, "jdoe", a, &got, NULL, &e), ERR_OK);
	assert_int_equal(store_staff_by_username(f->s, "JDOE", a, &got, NULL, &e),
	    ERR_NOTFOUND);
	assert_int_equal(store_staff_get(f->s, 999, a, &got, &e), ERR_NOTFOUND);

	/* The same username again: a conflict naming the field. */
	staff_sample(&st2, "jdoe", "John Doe");
	op.st = &st2;
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_staff_insert, &op, &e), ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_non_null(field_msg(&e, "username"));
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM staff"), 1);

	/* A site that does not exist: invalid, and the whole job is undone
	 * (no staff row without its sites). */
	staff_sample(&st2, "ghost", "Ghost Writer");
	st2.site_ids[0] = s2;
	st2.site_ids[1] = 4242;
	st2.nsites = 2;
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_staff_insert, &op, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "site_ids"));
	assert_int_equal(store_staff_by_username(f->s, "ghost", a, &got, NULL, &e),
	    ERR_NOTFOUND);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM staff_site"), 2);

	/* Update: names, roles, active and a new site list. */
	staff_sample(&st2, "bsmith", "Bob Smith");
	st2.site_ids[0] = s2;
	st2.nsites = 1;
	run_ok(f->s, j_staff_insert, &op);
	st.full_name = "Jane Q. Doe";
	st.email = "";
	st.roles = 1u << ROLE_ADMIN;
	st.active = false;
	st.site_ids[0] = s2;
	st.nsites = 1;
	op.st = &st;
	run_ok(f->s, j_staff_update, &op);
	assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
	assert_string_equal(got.username, "jdoe");
	assert_string_equal(got.full_name, "Jane Q. Doe");
	assert_string_equal(got.email, "");
	assert_int_equal(got.roles, 1u << ROLE_ADMIN);
	assert_false(got.active);
	assert_int_equal(got.nsites, 1);
	assert_int_equal(got.site_ids[0], s2);
	/* Clearing the sites. */
	st.nsites = 0;
	run_ok(f->s, j_staff_update, &op);
	assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
	assert_int_equal(got.nsites, 0);
	/* The other member's sites are untouched. */
	assert_int_equal(store_staff_get(f->s, st2.id, a, &got, &e), ERR_OK);
	assert_int_equal(got.nsites, 1);
	assert_int_equal(got.site_ids[0], s2);
	/* Updating someone who does not exist. */
	staff_sample(&st2, "nobody", "No Body");
	st2.id = 999;
	op.st = &st2;
	assert_int_equal(run_job(f->s, j_staff_update, &op, &e), ERR_NOTFOUND);

	/* Count and list (sorted by full name), with a page past the end. */
	assert_int_equal(store_staff_count(f->s, &count, &e), ERR_OK);
	assert_int_equal(count, 2);
	assert_int_equal(store_staff_list(f->s, (struct page){ .limit = 10, .offset = 0 }, a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_string_equal(items[0].username, "bsmith");
	assert_string_equal(items[1].username, "jdoe");
	assert_int_equal(items[0].nsites, 1);
	assert_int_equal(store_staff_list(f->s, (struct page){ .limit = 1, .offset = 1 }, a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 2);
	assert_string_equal(items[0].username, "jdoe");
	assert_int_equal(store_staff_list(f->s, (struct page){ .limit = 10, .offset = 5 }, a,
	    &items, &n, &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 2);
	arena_free(a);
}

static void
staff_lockout_and_password(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct staff st, got;
	struct staff_op op = { .pwhash = "old-hash", .max_failures = 3,
		.lock_seconds = 900 };
	char *pw;
	struct error e;
	int i;

	staff_sample(&st, "nurse1", "Nora Nurse");
	op.st = &st;
	run_ok(f->s, j_staff_insert, &op);

	/* Two failures: counted, not locked. */
	for (i = 1; i <= 2; i++) {
		run_ok(f->s, j_staff_login_failed, &op);
		assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
		assert_int_equal(got.failed_logins, i);
		assert_int_equal(got.locked_until, 0);
		assert_false(got.locked);
	}
	/* The third locks for lock_seconds from the batch's clock. */
	run_ok(f->s, j_staff_login_failed, &op);
	assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
	assert_int_equal(got.failed_logins, 3);
	assert_int_equal(got.locked_until, op.now + 900);
	assert_true(got.locked);
	/* A fourth counts and runs the lock from its own time. */
	{
		int64_t first_lock = got.locked_until;
		run_ok(f->s, j_staff_login_failed, &op);
		assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
		assert_int_equal(got.failed_logins, 4);
		assert_true(got.locked_until >= first_lock);
		assert_int_equal(got.locked_until, op.now + 900);
	}

	/* A good login resets the counter and records the time. */
	run_ok(f->s, j_staff_login_ok, &op);
	assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
	assert_int_equal(got.failed_logins, 0);
	assert_int_equal(got.locked_until, 0);
	assert_false(got.locked);
	assert_int_equal(got.last_login_at, op.now);

	/* Locked again, then unlocked by an administrator. */
	for (i = 0; i < 3; i++)
		run_ok(f->s, j_staff_login_failed, &op);
	assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
	assert_true(got.locked);
	run_ok(f->s, j_staff_unlock, &op);
	assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
	assert_false(got.locked);
	assert_int_equal(got.failed_logins, 0);
	assert_int_equal(got.locked_until, 0);

	/* A new password: stored, must-change set, failures cleared. */
	run_ok(f->s, j_staff_login_failed, &op);
	op.pwhash = "new-hash";
	op.must_change = true;
	run_ok(f->s, j_staff_set_password, &op);
	assert_int_equal(store_staff_by_username(f->s, "nurse1", a, &got, &pw, &e), ERR_OK);
	assert_string_equal(pw, "new-hash");
	assert_true(got.must_change_password);
	assert_int_equal(got.failed_logins, 0);
	op.must_change = false;
	run_ok(f->s, j_staff_set_password, &op);
	assert_int_equal(store_staff_get(f->s, st.id, a, &got, &e), ERR_OK);
	assert_false(got.must_change_password);

	/* Unlock and set-password for someone missing: not found. */
	st.id = 999;
	assert_int_equal(run_job(f->s, j_staff_unlock, &op, &e), ERR_NOTFOUND);
	assert_int_equal(run_job(f->s, j_staff_set_password, &op, &e), ERR_NOTFOUND);
	arena_free(a);
}

/* ---- sessions -------------------------------------------------------------- */

static void
sessions(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct staff ann, bob;
	struct staff_op op = { .pwhash = "h" };
	struct session_op s1, s2, s3, sb;
	struct session got;
	struct error e;
	uint8_t unknown[32];

	staff_sample(&ann, "ann", "Ann Admin");
	ann.roles = (1u << ROLE_ADMIN) | (1u << ROLE_BILLING);
	ann.must_change_password = true;
	op.st = &ann;
	run_ok(f->s, j_staff_insert, &op);
	staff_sample(&bob, "bob", "Bob Builder");
	op.st = &bob;
	run_ok(f->s, j_staff_insert, &op);

	memset(&s1, 0, sizeof s1);
	memset(s1.token, 0x11, sizeof s1.token);
	s1.staff_id = ann.id;
	s1.csrf = "csrf-one";
	s1.expires_at = now_utc() + 3600;
	run_ok(f->s, j_session_insert, &s1);
	assert_true(s1.id > 0);
	s2 = s1;
	memset(s2.token, 0x22, sizeof s2.token);
	s2.csrf = "csrf-two";
	run_ok(f->s, j_session_insert, &s2);
	s3 = s1;
	memset(s3.token, 0x33, sizeof s3.token);
	s3.csrf = "csrf-three";
	run_ok(f->s, j_session_insert, &s3);
	sb = s1;
	memset(sb.token, 0x44, sizeof sb.token);
	sb.staff_id = bob.id;
	sb.csrf = "csrf-bob";
	run_ok(f->s, j_session_insert, &sb);
	assert_true(s1.id != s2.id && s2.id != s3.id && s3.id != sb.id);

	/* By token hash, with the staff member's fields. */
	assert_int_equal(store_session_get(f->s, s1.token, a, &got, &e), ERR_OK);
	assert_int_equal(got.id, s1.id);
	assert_int_equal(got.staff_id, ann.id);
	assert_string_equal(got.csrf, "csrf-one");
	assert_int_equal(got.created_at, s1.now);
	assert_int_equal(got.last_seen_at, s1.now);
	assert_int_equal(got.expires_at, s1.expires_at);
	assert_string_equal(got.username, "ann");
	assert_string_equal(got.full_name, "Ann Admin");
	assert_int_equal(got.roles, (1u << ROLE_ADMIN) | (1u << ROLE_BILLING));
	assert_true(got.staff_active);
	assert_true(got.must_change_password);
	assert_int_equal(store_session_get(f->s, sb.token, a, &got, &e), ERR_OK);
	assert_int_equal(got.staff_id, bob.id);
	assert_string_equal(got.username, "bob");
	assert_false(got.must_change_password);
	memset(unknown, 0x55, sizeof unknown);
	assert_int_equal(store_session_get(f->s, unknown, a, &got, &e), ERR_UNAUTH);

	/* A token is unique. */
	s2.csrf = "dup";
	assert_int_equal(run_job(f->s, j_session_insert, &s2, &e), ERR_CONFLICT);

	/* Touch moves last_seen_at to the batch clock. */
	run_ok(f->s, j_session_touch, &s1);
	assert_int_equal(store_session_get(f->s, s1.token, a, &got, &e), ERR_OK);
	assert_int_equal(got.last_seen_at, s1.now);
	assert_true(got.last_seen_at >= got.created_at);

	/* End one: gone; the others stay. */
	run_ok(f->s, j_session_end, &s1);
	assert_int_equal(store_session_get(f->s, s1.token, a, &got, &e), ERR_UNAUTH);
	assert_int_equal(store_session_get(f->s, s2.token, a, &got, &e), ERR_OK);
	/* Ending all of Ann's: hers go, Bob's stays. */
	{
		struct session_op all = { .staff_id = ann.id };
		run_ok(f->s, j_sessions_end_staff, &all);
	}
	assert_int_equal(store_session_get(f->s, s2.token, a, &got, &e), ERR_UNAUTH);
	assert_int_equal(store_session_get(f->s, s3.token, a, &got, &e), ERR_UNAUTH);
	assert_int_equal(store_session_get(f->s, sb.token, a, &got, &e), ERR_OK);
	assert_int_equal(raw_int(f->t.db,
	    "SELECT count(*) FROM session WHERE ended_at <> 0"), 3);

	/* A staff member's deactivation shows through the session. */
	bob.active = false;
	op.st = &bob;
	run_ok(f->s, j_staff_update, &op);
	assert_int_equal(store_session_get(f->s, sb.token, a, &got, &e), ERR_OK);
	assert_false(got.staff_active);
	arena_free(a);
}

/* ---- sites, rooms, tracks ---------------------------------------------------- */

static void
sites_rooms_tracks(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(1 << 20);
	struct site st, *sites, gs;
	struct room r1, r2, r3, bad, *rooms, gr;
	struct track t1, t2, t3, *tracks;
	struct error e;
	int64_t north, south, total;
	size_t n;

	memset(&st, 0, sizeof st);
	st.name = "North Clinic";
	st.timezone = "America/Chicago";
	st.address = "1 North Rd";
	st.phone = "555-0001";
	st.active = true;
	run_ok(f->s, j_site_insert, &st);
	north = st.id;
	south = add_site(f->s, "a South Clinic");	/* sorts first, case-insensitively */

	assert_int_equal(store_site_get(f->s, north, a, &gs, &e), ERR_OK);
	assert_string_equal(gs.name, "North Clinic");
	assert_string_equal(gs.timezone, "America/Chicago");
	assert_string_equal(gs.address, "1 North Rd");
	assert_string_equal(gs.phone, "555-0001");
	assert_true(gs.active);
	assert_int_equal(store_site_get(f->s, 99, a, &gs, &e), ERR_NOTFOUND);

	st.name = "North Campus";
	st.active = false;
	run_ok(f->s, j_site_update, &st);
	assert_int_equal(store_site_get(f->s, north, a, &gs, &e), ERR_OK);
	assert_string_equal(gs.name, "North Campus");
	assert_false(gs.active);
	st.id = 99;
	assert_int_equal(run_job(f->s, j_site_update, &st, &e), ERR_NOTFOUND);

	assert_int_equal(store_site_list(f->s, (struct page){ 10, 0 }, a, &sites, &n, &total,
	    &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(sites[0].id, south);
	assert_int_equal(sites[1].id, north);
	assert_int_equal(store_site_list(f->s, (struct page){ 1, 1 }, a, &sites, &n, &total,
	    &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 2);
	assert_int_equal(store_site_list(f->s, (struct page){ 10, 7 }, a, &sites, &n, &total,
	    &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 2);

	/* Rooms. */
	r1 = (struct room){ .site_id = north, .name = "Group Room", .capacity = 12,
		.active = true };
	r2 = (struct room){ .site_id = north, .name = "Office 2", .capacity = 3,
		.active = true };
	r3 = (struct room){ .site_id = south, .name = "Hall", .capacity = 40,
		.active = true };
	run_ok(f->s, j_room_insert, &r1);
	run_ok(f->s, j_room_insert, &r2);
	run_ok(f->s, j_room_insert, &r3);
	assert_int_equal(store_room_get(f->s, r1.id, a, &gr, &e), ERR_OK);
	assert_int_equal(gr.site_id, north);
	assert_string_equal(gr.name, "Group Room");
	assert_int_equal(gr.capacity, 12);
	assert_true(gr.active);
	assert_int_equal(store_room_get(f->s, 999, a, &gr, &e), ERR_NOTFOUND);

	/* A room at a site that does not exist. */
	bad = (struct room){ .site_id = 777, .name = "Nowhere", .capacity = 1,
		.active = true };
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_room_insert, &bad, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "site_id"));
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM room"), 3);
	/* Moving a room to a missing site is refused the same way. */
	r2.site_id = 777;
	error_clear(&e);
	assert_int_equal(run_job(f->s, j_room_update, &r2, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "site_id"));
	r2.site_id = south;
	r2.capacity = 4;
	run_ok(f->s, j_room_update, &r2);
	assert_int_equal(store_room_get(f->s, r2.id, a, &gr, &e), ERR_OK);
	assert_int_equal(gr.site_id, south);
	assert_int_equal(gr.capacity, 4);
	r2.id = 999;
	assert_int_equal(run_job(f->s, j_room_update, &r2, &e), ERR_NOTFOUND);

	/* Lists: by site or all (site 0), with totals on every page. */
	assert_int_equal(store_room_list(f->s, 0, (struct page){ 10, 0 }, a, &rooms, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(total, 3);
	assert_int_equal(store_room_list(f->s, south, (struct page){ 10, 0 }, a, &rooms, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_string_equal(rooms[0].name, "Hall");
	assert_string_equal(rooms[1].name, "Office 2");
	assert_int_equal(store_room_list(f->s, north, (struct page){ 10, 0 }, a, &rooms, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(store_room_list(f->s, 0, (struct page){ 2, 2 }, a, &rooms, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 3);
	assert_int_equal(store_room_list(f->s, south, (struct page){ 2, 10 }, a, &rooms, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 2);

	/* Tracks: ordered by site, then start time. */
	t1 = (struct track){ .site_id = north, .name = "PHP Day", .level_of_care = "2.5",
		.weekdays = 0x1f, .start_min = 540, .end_min = 900, .active = true };
	t2 = (struct track){ .site_id = north, .name = "IOP Early", .level_of_care = "2.1",
		.weekdays = (1u << WD_MON) | (1u << WD_WED), .start_min = 480,
		.end_min = 660, .active = true };
	t3 = (struct track){ .site_id = south, .name = "IOP Evening", .level_of_care = "2.1",
		.weekdays = 1u << WD_TUE, .start_min = 1080, .end_min = 1260,
		.active = false };
	run_ok(f->s, j_track_insert, &t1);
	run_ok(f->s, j_track_insert, &t2);
	run_ok(f->s, j_track_insert, &t3);
	assert_int_equal(store_track_list(f->s, north, (struct page){ 10, 0 }, a, &tracks, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(tracks[0].id, t2.id);
	assert_string_equal(tracks[0].name, "IOP Early");
	assert_string_equal(tracks[0].level_of_care, "2.1");
	assert_int_equal(tracks[0].weekdays, (1u << WD_MON) | (1u << WD_WED));
	assert_int_equal(tracks[0].start_min, 480);
	assert_int_equal(tracks[0].end_min, 660);
	assert_true(tracks[0].active);
	assert_int_equal(tracks[1].id, t1.id);
	assert_int_equal(store_track_list(f->s, 0, (struct page){ 10, 0 }, a, &tracks, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(total, 3);
	assert_int_equal(tracks[2].id, t3.id);
	assert_false(tracks[2].active);
	assert_int_equal(store_track_list(f->s, 0, (struct page){ 2, 6 }, a, &tracks, &n,
	    &total, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 3);
	/* A track at a missing site is refused and leaves nothing. */
	t3.site_id = 777;
	assert_int_not_equal(run_job(f->s, j_track_insert, &t3, &e), ERR_OK);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM track"), 3);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_missing_is_notfound),
		cmocka_unit_test(open_create_makes_key_and_head),
		cmocka_unit_test(open_refuses_uninitialised_and_keyless),
		cmocka_unit_test_setup_teardown(client_insert_get_update, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(client_tx_get_sees_own_insert, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(search_name_prefix, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(search_pair_mrn_dob, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(search_paging_and_totals, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(search_like_wildcards_are_literal, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(client_dupes, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(contacts_lifecycle, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(staff_insert_conflict_sites, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(staff_lockout_and_password, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(sessions, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(sites_rooms_tracks, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests_name("store_records", tests, NULL, NULL);
}

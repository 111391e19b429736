/*
 * verify.c — `iop audit verify`: the whole chain checked against the key and
 * the head file.
 *
 * This file must not know about HTTP or print health information.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "store/store_int.h"

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
		if (end == s || v <= 0 || k == n || (*end != ',' && *end != '\0'))
			return -1;
		ids[k++] = v;
		s = *end == ',' ? end + 1 : end;
	}
	ev->clients = ids;
	ev->nclients = k;
	return 0;
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
enum err
verify_chain(struct store *s, bool wait, struct audit_verify_report *r, bool *unsealed,
    struct error *e)
{
	struct arena *a = arena_new(1 << 20);
	struct rconn *c = rconn_get(s, e);
	uint8_t prev[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN], stored[AUDIT_HASH_LEN];
	struct db_stmt *st;
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
	db_begin_read(c->db);
	st = db_query(c->db, Q_audit_all);
	while ((rc = db_step(st)) == DB_ROW) {
		arena_reset(a);
		if (!row_read(&audit_rows, st, a, &ev)) {
			db_reset(st);
			db_commit(c->db);
			arena_free(a);
			return error_set(e, ERR_TOOLARGE, "audit row %" PRId64 " is too large "
			    "to check", expect);
		}
		if (about_parse(db_col_text(st, 12), a, &ev) != 0 && r->problem[0] == '\0') {
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
		if (hex_decode(db_col_text(st, 11), stored,
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
	db_reset(st);
	db_commit(c->db);
	arena_free(a);
	if (rc != DB_DONE)
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
	enum err rc = verify_chain(s, true, r, &unsealed, e);

	r->unsealed = unsealed;
	return rc;
}

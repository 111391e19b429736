/*
 * audit_chain.c — the audit log's hash chain: its key and head files beside
 * the database, the tail (last id, last hash, row count) cached for the
 * writer and re-read inside each write transaction, and the append of one
 * row.  Several `iop` processes may write one database; the head is sealed
 * forward only.
 *
 * This file must not know about HTTP or print health information.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <sodium.h>

#include "store/store_int.h"

enum err
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
void
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

int
head_write_fd(int fd, const char *rec)
{
	if (head_write_nosync(fd, rec) != 0)
		return -1;
	return fdatasync(fd);
}

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

void
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

/* The id and hash of the audit log's last row: 0 and the genesis hash when
 * the log is empty. */
static enum err
chain_tail(struct store *s, int64_t *id, uint8_t h[AUDIT_HASH_LEN], struct error *e)
{
	struct db_stmt *st = db_query(s->wdb, Q_audit_last);
	int rc = db_step(st);

	memcpy(h, audit_genesis, AUDIT_HASH_LEN);
	*id = 0;
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		if (hex_decode(db_col_text(st, 1), h, AUDIT_HASH_LEN) != 0) {
			db_reset(st);
			return error_set(e, ERR_STORE, "the last audit row has a damaged hash");
		}
	} else if (rc != DB_DONE) {
		db_reset(st);
		return db_error(e, s->wdb, "reading the audit log");
	}
	db_reset(st);
	return ERR_OK;
}

/* The number of rows in the audit log, into s->count. */
static enum err
chain_count(struct store *s, struct error *e)
{
	return read_int(s->wdb, db_query(s->wdb, Q_audit_count), &s->count,
	    "counting the audit log", e);
}

enum err
chain_load(struct store *s, struct error *e)
{
	if (chain_tail(s, &s->last_id, s->last_hash, e) != ERR_OK)
		return e->code;
	return chain_count(s, e);
}

/*
 * Inside the writer's transaction (after BEGIN IMMEDIATE, so no other process
 * can append until it commits): bring the cached tail up to the database's.
 * Another `iop` process on the same file (the CLI beside a server) may have
 * appended since this writer's last batch; its rows are then this chain's
 * tail.  The lookup of the last row is one index step; the count is read
 * again only when the tail moved.  A tail that went backwards, or a last row
 * whose hash changed, means rows were removed or rewritten: no row is
 * chained onto that.
 */
enum err
chain_sync(struct store *s, struct error *e)
{
	uint8_t h[AUDIT_HASH_LEN];
	int64_t id;

	if (chain_tail(s, &id, h, e) != ERR_OK)
		return e->code;
	if (id == s->last_id && sodium_memcmp(h, s->last_hash, AUDIT_HASH_LEN) == 0)
		return ERR_OK;
	if (id <= s->last_id)
		return error_set(e, ERR_CONFLICT, "the audit log lost or changed rows "
		    "while open; run `iop audit verify`");
	if (chain_count(s, e) != ERR_OK)
		return e->code;
	s->last_id = id;
	memcpy(s->last_hash, h, AUDIT_HASH_LEN);
	return ERR_OK;
}

/*
 * Seal the head with this process's tail unless the file already records a
 * later one: several processes may write the database, and the one that
 * committed last may seal before one that committed earlier.  An advisory
 * lock on the head file makes the read-compare-write one step among them.
 * Returns 0, or -1 with errno set.
 */
int
head_advance(struct store *s, bool sync)
{
	char rec[200], buf[256];
	struct head cur;
	ssize_t n;
	int rc = 0;

	if (flock(s->headfd, LOCK_EX) != 0)
		return -1;
	n = pread(s->headfd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	head_parse(s->key, buf, &cur);
	if (!(cur.present && cur.mac_ok && cur.last_id > s->last_id)) {
		head_format(s->key, s->last_id, s->count, s->last_hash, rec);
		rc = sync ? head_write_fd(s->headfd, rec) : head_write_nosync(s->headfd, rec);
	}
	flock(s->headfd, LOCK_UN);
	return rc;
}

/* On open for writing: the head file must agree with the database's tail. */
enum err
head_check_open(struct store *s, bool create, struct error *e)
{
	struct head h;
	char *hp;
	enum err rc;

	/* The head first, then the rows in one read: a writer seals the head
	 * only after its commit, so the head read first is never ahead of the
	 * rows read after it, even while another process writes. */
	head_read(s, &h);
	if (db_begin_read(s->wdb) != DB_OK)
		return db_error(e, s->wdb, "reading the audit log");
	rc = chain_load(s, e);
	db_commit(s->wdb);
	if (rc != ERR_OK)
		return rc;
	/* Even `iop init` (create) accepts a missing head only over an empty
	 * log: sealing a head now would vouch for whatever rows are there. */
	(void)create;
	if (!h.present) {
		if (s->count != 0)
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
	if (head_advance(s, true) != 0)
		return error_set(e, ERR_IO, "cannot write the audit head file: %s",
		    strerror(errno));
	return ERR_OK;
}

/* One write of an audit row (a bound statement). */
static enum err
audit_write(struct store *s, struct db_stmt *st, struct error *e)
{
	enum db_rc rc = db_step(st);

	db_reset(st);
	return rc == DB_DONE ? ERR_OK : db_error(e, s->wdb, "writing the audit log");
}

enum err
audit_append(struct store *s, struct audit_event *ev, int64_t now, struct error *e)
{
	struct db_stmt *st = db_query(s->wdb, Q_audit_insert);
	uint8_t h[AUDIT_HASH_LEN];
	char hex[AUDIT_HASH_LEN * 2 + 1];
	int64_t last = INT64_MIN, next = 0;

	if (ev->at == 0)
		ev->at = now;
	ev->id = s->last_id + 1;
	audit_hash(s->key, s->last_hash, ev, h);
	hex_encode(h, AUDIT_HASH_LEN, hex);
	bind_args(st, ARGS(A_INT(ev->id), A_INT(ev->at), A_INT(ev->user_id),
	    A_TEXT(ev->username), A_TEXT(ev->role), A_TEXT(ev->action), A_TEXT(ev->record_type),
	    A_INT(ev->record_id), A_INT(ev->client_id), A_TEXT(ev->address), A_TEXT(ev->detail),
	    A_TEXT(hex)));
	if (audit_write(s, st, e) != ERR_OK)
		return e->code;
	/* The further clients the row is about, each once (hashed above),
	 * sixteen to a statement while there are that many. */
	while (audit_clients_next(ev, last, &next)) {
		int64_t ids[16];
		int k = 0;
		do {
			ids[k++] = next;
			last = next;
		} while (k < 16 && audit_clients_next(ev, last, &next));
		if (k == 16) {
			st = db_query(s->wdb, Q_audit_about_insert16);
			db_bind_int(st, 1, ev->id);
			for (int i = 0; i < 16; i++)
				db_bind_int(st, 2 + i, ids[i]);
			if (audit_write(s, st, e) != ERR_OK)
				return e->code;
			continue;
		}
		st = db_query(s->wdb, Q_audit_about_insert);
		for (int i = 0; i < k; i++) {
			bind_args(st, ARGS(A_INT(ev->id), A_INT(ids[i])));
			if (audit_write(s, st, e) != ERR_OK)
				return e->code;
		}
	}
	s->last_id = ev->id;
	memcpy(s->last_hash, h, AUDIT_HASH_LEN);
	s->count++;
	return ERR_OK;
}

/* A head that was read whole and carries the key's seal. */
bool
head_usable(const struct head *h)
{
	return h->present && h->mac_ok;
}

/*
 * backup.c — `iop backup`: a consistent copy of the database with the key
 * and a head sealed for the copy.
 *
 * This file must not know about HTTP or print health information.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "store/store_int.h"

enum err
store_backup(struct store *s, const char *path, struct error *e)
{
	struct rconn *c = rconn_get(s, e);
	struct db_open_opts ro = { .readonly = true };
	struct db *dst = NULL;
	struct db_stmt *st = NULL;
	char *kp = NULL, *hp = NULL, rec[200];
	uint8_t last[AUDIT_HASH_LEN];
	char hex[AUDIT_KEY_LEN * 2 + 2];
	int64_t last_id = 0, count = 0;
	int fd;
	struct stat sb;
	struct head before;
	struct audit_verify_report rep;
	struct error ve;
	bool unsealed;

	if (c == NULL)
		return e->code;
	if (stat(path, &sb) == 0)
		return error_set(e, ERR_CONFLICT, "%s exists already; choose a new file", path);
	/* The copy gets a head of its own, sealed over its rows: so the log
	 * must verify first, or the seal would vouch for a damaged or cut log.
	 * Rows left unsealed by a crash chain correctly and are accepted. */
	head_read(s, &before);
	error_clear(&ve);
	if (verify_chain(s, false, &rep, &unsealed, &ve) != ERR_OK && !unsealed) {
		*e = ve;
		return e->code;
	}
	if (db_snapshot(c->db, path, e) != ERR_OK)
		return e->code;

	/* The head and key that go with the copy, read from the copy itself. */
	memcpy(last, audit_genesis, AUDIT_HASH_LEN);
	if (db_open(path, &ro, &dst, e) != ERR_OK)
		return e->code;
	if (db_prepare(dst, "SELECT id, hash, (SELECT count(*) FROM audit) FROM audit "
	    "ORDER BY id DESC LIMIT 1", &st, e) != ERR_OK) {
		db_close(dst);
		return e->code;
	}
	if (db_step(st) == DB_ROW) {
		last_id = db_col_int(st, 0);
		hex_decode(db_col_text(st, 1), last, AUDIT_HASH_LEN);
		count = db_col_int(st, 2);
	}
	db_finalize(st);
	db_close(dst);
	/* The head read before the copy is never ahead of the rows copied
	 * after it, unless rows went missing meanwhile. */
	if (head_usable(&before) && last_id < before.last_id) {
		unlink(path);
		return error_set(e, ERR_CONFLICT, "the copy ends at audit row %" PRId64
		    " but the log's head records row %" PRId64 "; run `iop audit verify`",
		    last_id, before.last_id);
	}

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
}

/*
 * conn.c — opening and closing the store: the write connection, one read
 * connection per calling thread (created on first use, kept until the store
 * closes), and the order of start-up (migrations, queries, row tables, the
 * audit key and head, the writer thread).
 *
 * This file must not know about HTTP or print health information.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "store/store_int.h"

static enum err
open_conn(const char *path, bool create, bool query_only, struct db **out, struct error *e)
{
	struct db_open_opts o = { .create = create, .query_only = query_only };

	return db_open(path, &o, out, e);
}

/* The calling thread's read connection, created on first use. */
struct rconn *
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
	if (db_prepare_all(r->db, e) != ERR_OK) {
		db_close(r->db);
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

char *
side_path(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s%s", path, suffix);
	return p;
}

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

	{
		struct db_open_opts dop = { .create = o->create, .wal = true };
		if (db_open(path, &dop, &s->wdb, e) != ERR_OK)
			goto fail;
	}
	if (migrate(s, o->create, e) != ERR_OK)
		goto fail;
	if (db_prepare_all(s->wdb, e) != ERR_OK || rows_check(s->wdb, e) != ERR_OK)
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
		db_close(r->db);
		free(r);
	}
	db_close(s->wdb);
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

/*
 * db_sqlite.c — the SQLite driver behind db.h; the only file of the project
 * that calls SQLite.
 *
 * Each connection runs with foreign keys on, synchronous=FULL (each commit
 * durable) and temporary tables in memory, and waits up to ten seconds for
 * another process's write lock.  Named queries are prepared once per
 * connection as persistent statements.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/db.h"

struct db_stmt {
	sqlite3_stmt *st;
	struct db *db;
	const char *refused;	/* db_refuse: why the next step fails */
};

struct db {
	sqlite3 *h;
	const char *fault;	/* why the last step failed, if not SQLite's */
	struct db_stmt q[Q__MAX];
};

enum err
db_error(struct error *e, struct db *d, const char *what)
{
	return error_set(e, ERR_STORE, "database error while %s: %s", what, db_errmsg(d));
}

static enum db_rc
rc_of(int rc)
{
	switch (rc) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	default:
		return DB_ERROR;
	}
}

enum db_rc
db_exec(struct db *d, const char *sql)
{
	d->fault = NULL;
	return rc_of(sqlite3_exec(d->h, sql, NULL, NULL, NULL));
}

enum err
db_open(const char *path, const struct db_open_opts *o, struct db **out, struct error *e)
{
	struct db *d = calloc(1, sizeof *d);
	int flags = SQLITE_OPEN_NOMUTEX;
	int i;

	*out = NULL;
	if (d == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	for (i = 0; i < Q__MAX; i++)
		d->q[i].db = d;
	flags |= o->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (o->create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &d->h, flags, NULL) != SQLITE_OK) {
		error_set(e, ERR_STORE, "cannot open database %s: %s", path,
		    d->h ? sqlite3_errmsg(d->h) : "out of memory");
		sqlite3_close(d->h);
		free(d);
		return ERR_STORE;
	}
	if (o->readonly) {
		*out = d;
		return ERR_OK;
	}
	sqlite3_busy_timeout(d->h, 10000);
	if (db_exec(d, "PRAGMA foreign_keys=ON") != DB_OK ||
	    db_exec(d, "PRAGMA synchronous=FULL") != DB_OK ||
	    db_exec(d, "PRAGMA temp_store=MEMORY") != DB_OK ||
	    (o->query_only && db_exec(d, "PRAGMA query_only=1") != DB_OK)) {
		db_error(e, d, "configuring the connection");
		db_close(d);
		return ERR_STORE;
	}
	if (o->wal && db_exec(d, "PRAGMA journal_mode=WAL") != DB_OK) {
		db_error(e, d, "switching to WAL");
		db_close(d);
		return ERR_STORE;
	}
	*out = d;
	return ERR_OK;
}

void
db_close(struct db *d)
{
	int i;

	if (d == NULL)
		return;
	for (i = 0; i < Q__MAX; i++)
		sqlite3_finalize(d->q[i].st);
	sqlite3_close(d->h);
	free(d);
}

/* Whether the text after a prepared statement holds no further statement
 * (only blanks, semicolons and comments): a named query is one statement,
 * and SQLite would silently ignore a second. */
static bool
tail_blank(struct db *d, const char *tail)
{
	sqlite3_stmt *st = NULL;

	while (tail != NULL && *tail != '\0') {
		const char *next = NULL;

		if (sqlite3_prepare_v2(d->h, tail, -1, &st, &next) != SQLITE_OK)
			return false;
		if (st != NULL) {
			sqlite3_finalize(st);
			return false;
		}
		if (next == NULL || next == tail)
			break;
		tail = next;
	}
	return true;
}

enum err
db_prepare_all(struct db *d, struct error *e)
{
	int i;

	for (i = 0; i < Q__MAX; i++) {
		const char *tail = NULL;

		if (sqlite3_prepare_v3(d->h, sql_query_text[i], -1, SQLITE_PREPARE_PERSISTENT,
		    &d->q[i].st, &tail) != SQLITE_OK)
			return error_set(e, ERR_STORE, "query %s does not prepare: %s",
			    sql_query_name[i], sqlite3_errmsg(d->h));
		if (!tail_blank(d, tail))
			return error_set(e, ERR_STORE, "query %s holds more than one statement",
			    sql_query_name[i]);
	}
	return ERR_OK;
}

struct db_stmt *
db_query(struct db *d, enum sql_query q)
{
	return &d->q[q];
}

enum err
db_prepare(struct db *d, const char *sql, struct db_stmt **out, struct error *e)
{
	struct db_stmt *st = calloc(1, sizeof *st);
	const char *tail = NULL;

	*out = NULL;
	if (st == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	st->db = d;
	if (sqlite3_prepare_v2(d->h, sql, -1, &st->st, &tail) != SQLITE_OK) {
		free(st);
		return db_error(e, d, "preparing a statement");
	}
	if (!tail_blank(d, tail)) {
		sqlite3_finalize(st->st);
		free(st);
		return error_set(e, ERR_STORE, "a statement to prepare holds a second one");
	}
	*out = st;
	return ERR_OK;
}

void
db_finalize(struct db_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_finalize(st->st);
	free(st);
}

enum db_rc
db_begin_read(struct db *d)
{
	return db_exec(d, "BEGIN");
}

enum db_rc
db_begin_write(struct db *d)
{
	return db_exec(d, "BEGIN IMMEDIATE");
}

enum db_rc
db_commit(struct db *d)
{
	return db_exec(d, "COMMIT");
}

enum db_rc
db_rollback(struct db *d)
{
	return db_exec(d, "ROLLBACK");
}

static enum db_rc
named(struct db *d, const char *verb, const char *name)
{
	char sql[96];

	snprintf(sql, sizeof sql, "%s %s", verb, name);
	return db_exec(d, sql);
}

bool
db_in_tx(struct db *d)
{
	return sqlite3_get_autocommit(d->h) == 0;
}

enum db_rc
db_savepoint(struct db *d, const char *name)
{
	return named(d, "SAVEPOINT", name);
}

enum db_rc
db_release(struct db *d, const char *name)
{
	return named(d, "RELEASE", name);
}

enum db_rc
db_rollback_to(struct db *d, const char *name)
{
	return named(d, "ROLLBACK TO", name);
}

void
db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st->st, i, v);
}

void
db_bind_text(struct db_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st->st, i, v ? v : "", -1, SQLITE_STATIC);
}

void
db_bind_blob(struct db_stmt *st, int i, const void *v, size_t n)
{
	sqlite3_bind_blob(st->st, i, v, (int)n, SQLITE_STATIC);
}

int
db_param_count(struct db_stmt *st)
{
	return sqlite3_bind_parameter_count(st->st);
}

void
db_refuse(struct db_stmt *st, const char *why)
{
	st->refused = why;
}

enum db_rc
db_step(struct db_stmt *st)
{
	st->db->fault = st->refused;
	if (st->refused)
		return DB_ERROR;
	return rc_of(sqlite3_step(st->st));
}

void
db_reset(struct db_stmt *st)
{
	st->refused = NULL;
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
}

int64_t
db_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(st->st, i);
}

const char *
db_col_text(struct db_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st->st, i);

	return t ? (const char *)t : "";
}

int
db_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(st->st);
}

const char *
db_col_name(struct db_stmt *st, int i)
{
	const char *n = sqlite3_column_name(st->st, i);

	return n ? n : "";
}

int64_t
db_last_id(struct db *d)
{
	return sqlite3_last_insert_rowid(d->h);
}

int64_t
db_changes(struct db *d)
{
	return sqlite3_changes(d->h);
}

enum db_constraint
db_constraint_kind(struct db *d)
{
	switch (sqlite3_extended_errcode(d->h)) {
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return DBC_KEY;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return DBC_FOREIGN;
	default:
		return DBC_OTHER;
	}
}

const char *
db_errmsg(struct db *d)
{
	if (d == NULL)
		return "no connection";
	return d->fault ? d->fault : sqlite3_errmsg(d->h);
}

struct db *
db_of(struct db_stmt *st)
{
	return st->db;
}

enum err
db_snapshot(struct db *d, const char *path, struct error *e)
{
	char *z = sqlite3_mprintf("VACUUM INTO %Q", path);
	enum db_rc rc;

	/* VACUUM INTO writes a consistent copy as of one read transaction; a
	 * query-only connection must allow it for the moment. */
	db_exec(d, "PRAGMA query_only=0");
	rc = z ? db_exec(d, z) : DB_ERROR;
	sqlite3_free(z);
	db_exec(d, "PRAGMA query_only=1");
	return rc == DB_OK ? ERR_OK : db_error(e, d, "writing the backup");
}

/*
 * db.h — the database driver interface under the store.
 *
 * Everything in src/store speaks to the database through these calls; one
 * implementation file per database engine (db_sqlite.c today) is the only
 * code that names the engine's API.  A connection holds every named query of
 * sql/queries/ prepared once (db_prepare_all), reached by its generated id;
 * rows are read column by column and columns can be named, so the store can
 * check its row tables against each query when it opens.
 *
 * Text read from a column is never NULL (a NULL reads as "") and stays valid
 * until the statement steps again or is reset.
 */
#ifndef IOP_STORE_DB_H
#define IOP_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"
#include "sql_gen.h"

struct db;
struct db_stmt;

/* The result of a step or a statement. */
enum db_rc {
	DB_OK,
	DB_ROW,		/* a row is ready */
	DB_DONE,	/* no (more) rows */
	DB_CONSTRAINT,	/* a constraint refused the change */
	DB_ERROR,
};

/* Which constraint refused the last change on a connection. */
enum db_constraint {
	DBC_OTHER,
	DBC_KEY,	/* a primary key already present */
	DBC_FOREIGN,	/* a foreign key names no row */
};

struct db_open_opts {
	bool create;		/* create the file if missing */
	bool query_only;	/* refuse writes on this connection */
	bool readonly;		/* open the file read-only (a copy being checked) */
	bool wal;		/* switch the file to write-ahead logging */
};

enum err db_open(const char *path, const struct db_open_opts *o, struct db **out,
    struct error *e);
void db_close(struct db *d);
/* Prepare every named query; a query that does not prepare fails with its name. */
enum err db_prepare_all(struct db *d, struct error *e);
/* A named query prepared on d (after db_prepare_all). */
struct db_stmt *db_query(struct db *d, enum sql_query q);

/* Statements of one use (migrations, a copy's tail): prepared, then freed. */
enum err db_prepare(struct db *d, const char *sql, struct db_stmt **out, struct error *e);
void db_finalize(struct db_stmt *st);

/* Run SQL text (control statements, a migration's script). */
enum db_rc db_exec(struct db *d, const char *sql);

/* Transactions: a read snapshot, a write transaction that takes the write
 * lock at once, and named savepoints inside one. */
enum db_rc db_begin_read(struct db *d);
enum db_rc db_begin_write(struct db *d);
enum db_rc db_commit(struct db *d);
enum db_rc db_rollback(struct db *d);
enum db_rc db_savepoint(struct db *d, const char *name);
enum db_rc db_release(struct db *d, const char *name);
enum db_rc db_rollback_to(struct db *d, const char *name);
/* Whether a transaction is open on d.  SQLite ends the whole transaction on
 * some errors (a full disk, an I/O error, out of memory), not only the
 * failing statement. */
bool db_in_tx(struct db *d);

/* Parameters count from 1, as in the SQL (?1, ?2...).  Text and blobs are
 * not copied: they must outlive the step. */
void db_bind_int(struct db_stmt *st, int i, int64_t v);
void db_bind_text(struct db_stmt *st, int i, const char *v);	/* NULL binds "" */
void db_bind_blob(struct db_stmt *st, int i, const void *v, size_t n);
int db_param_count(struct db_stmt *st);

/* Make st's next step fail (DB_ERROR) with why as the connection's error
 * message, until db_reset: for a statement that could not be bound. */
void db_refuse(struct db_stmt *st, const char *why);
enum db_rc db_step(struct db_stmt *st);
/* Ready the statement to run again, with its parameters cleared. */
void db_reset(struct db_stmt *st);

/* Columns count from 0. */
int64_t db_col_int(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int i);

/* After a write on d. */
int64_t db_last_id(struct db *d);
int64_t db_changes(struct db *d);
enum db_constraint db_constraint_kind(struct db *d);
const char *db_errmsg(struct db *d);
/* The connection a statement belongs to. */
struct db *db_of(struct db_stmt *st);

/* Write a consistent copy of the database (one read snapshot) to path. */
enum err db_snapshot(struct db *d, const char *path, struct error *e);

/* An error for e naming what was being done and the driver's message. */
enum err db_error(struct error *e, struct db *d, const char *what);

#endif

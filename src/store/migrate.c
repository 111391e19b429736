/*
 * migrate.c — schema migrations: sql/schema/NNNN_*.sql applied in their one
 * numbered order, each in its own transaction, and recorded.
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

enum err
migrate(struct store *s, bool create, struct error *e)
{
	struct db_stmt *q = NULL, *ins = NULL;
	size_t i;
	int64_t applied = 0;

	if (db_exec(s->wdb, "CREATE TABLE IF NOT EXISTS schema_migration ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)")
	    != DB_OK)
		return db_error(e, s->wdb, "creating the migration table");
	if (db_prepare(s->wdb, "SELECT count(*) FROM schema_migration WHERE version = ?1",
	    &q, e) != ERR_OK)
		return e->code;
	if (db_prepare(s->wdb, "INSERT INTO schema_migration (version, name, applied_at) "
	    "VALUES (?1, ?2, ?3)", &ins, e) != ERR_OK) {
		db_finalize(q);
		return e->code;
	}
	for (i = 0; i < sql_migration_count; i++) {
		db_bind_int(q, 1, (int64_t)i + 1);
		if (db_step(q) != DB_ROW) {
			db_error(e, s->wdb, "reading migrations");
			goto fail;
		}
		applied = db_col_int(q, 0);
		db_reset(q);
		if (applied)
			continue;
		if (!create) {
			error_set(e, ERR_STORE, "the database %s is not initialised or is "
			    "older than this program (missing migration %s): run `iop init`",
			    s->path, sql_migration_name[i]);
			goto fail;
		}
		if (db_begin_write(s->wdb) != DB_OK) {
			db_error(e, s->wdb, sql_migration_name[i]);
			goto fail;
		}
		/* Another process (a second `iop init`) may have applied it
		 * between the check above and taking the write lock. */
		db_bind_int(q, 1, (int64_t)i + 1);
		if (db_step(q) != DB_ROW) {
			db_error(e, s->wdb, "reading migrations");
			db_reset(q);
			db_rollback(s->wdb);
			goto fail;
		}
		applied = db_col_int(q, 0);
		db_reset(q);
		if (applied) {
			db_rollback(s->wdb);
			continue;
		}
		if (db_exec(s->wdb, sql_migration_text[i]) != DB_OK) {
			db_error(e, s->wdb, sql_migration_name[i]);
			db_rollback(s->wdb);
			goto fail;
		}
		db_bind_int(ins, 1, (int64_t)i + 1);
		db_bind_text(ins, 2, sql_migration_name[i]);
		db_bind_int(ins, 3, now_utc());
		if (db_step(ins) != DB_DONE || db_commit(s->wdb) != DB_OK) {
			db_error(e, s->wdb, "recording a migration");
			db_reset(ins);
			db_rollback(s->wdb);
			goto fail;
		}
		db_reset(ins);
	}
	db_finalize(q);
	db_finalize(ins);
	return ERR_OK;
fail:
	db_finalize(q);
	db_finalize(ins);
	return e->code;
}

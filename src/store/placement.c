/*
 * placement.c — level-of-care placement assessments and the placement
 * table's versions (sql/queries/placement.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "store/store_int.h"
#include "lib/timeutil.h"

static void
row_placement(struct db_stmt *st, struct arena *a, struct placement_row *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	p->client_id = db_col_int(st, 1);
	p->edition = col_text(st, 2, a);
	p->ratings = col_text(st, 3, a);
	p->notes = col_text(st, 4, a);
	p->flags = col_text(st, 5, a);
	p->recommended = col_text(st, 6, a);
	p->reasons = col_text(st, 7, a);
	p->chosen = col_text(st, 8, a);
	p->override_reason = col_text(st, 9, a);
	p->assessed_by = db_col_int(st, 10);
	p->assessed_by_name = col_text(st, 11, a);
	p->assessed_at = db_col_int(st, 12);
	p->table_version = db_col_int(st, 13);
}

enum err
store_placement_list(struct store *s, int64_t client_id, struct arena *a,
    struct placement_row **items, size_t *n, struct error *e)
{
	return list_by_id(s, Q_placement_by_client, client_id, a, sizeof **items,
	    (row_fn)row_placement, (void **)items, n, e);
}

enum err
store_tx_placement_insert(struct store_tx *tx, struct placement_row *p, struct error *e)
{
	struct db_stmt *st = WST(tx, Q_placement_insert);

	db_bind_int(st, 1, p->client_id);
	db_bind_text(st, 2, p->edition);
	db_bind_text(st, 3, p->ratings);
	db_bind_text(st, 4, p->notes);
	db_bind_text(st, 5, p->flags);
	db_bind_text(st, 6, p->recommended);
	db_bind_text(st, 7, p->reasons);
	db_bind_text(st, 8, p->chosen);
	db_bind_text(st, 9, p->override_reason);
	db_bind_int(st, 10, p->assessed_by);
	db_bind_int(st, 11, tx->now);
	db_bind_int(st, 12, p->table_version);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	p->id = db_last_id(WDB(tx));
	p->assessed_at = tx->now;
	return ERR_OK;
}

static void
row_placement_table(struct db_stmt *st, struct arena *a, struct placement_table_row *t)
{
	memset(t, 0, sizeof *t);
	t->version = db_col_int(st, 0);
	t->edition = col_text(st, 1, a);
	t->body = col_text(st, 2, a);
	t->saved_by = db_col_int(st, 3);
	t->saved_by_name = col_text(st, 4, a);
	t->saved_at = db_col_int(st, 5);
}

enum err
store_placement_table_current(struct store *s, struct arena *a,
    struct placement_table_row *out, struct error *e)
{
	RSTMT(s, Q_placement_table_current, e, st);
	return read_one(st_c->db, st, a, (row_fn)row_placement_table, out, "placement table",
	    e);
}

enum err
store_tx_placement_table_version(struct store_tx *tx, int64_t *version, struct error *e)
{
	return tx_int(tx, Q_placement_table_version, 0, 0, version,
	    "reading the placement table's version", e);
}

enum err
store_tx_placement_table_insert(struct store_tx *tx, struct placement_table_row *t,
    struct error *e)
{
	struct db_stmt *st = WST(tx, Q_placement_table_insert);

	db_bind_int(st, 1, t->version);
	db_bind_text(st, 2, t->edition);
	db_bind_text(st, 3, t->body);
	db_bind_int(st, 4, t->saved_by);
	db_bind_int(st, 5, tx->now);
	if (step_write(WDB(tx), st, e) != ERR_OK)
		return e->code;
	t->saved_at = tx->now;
	return ERR_OK;
}

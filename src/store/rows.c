/*
 * rows.c — reading rows into records and pages of them, shared by the
 * record families: one row, all rows, a page with its total, one write.
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

const char *
col_text(struct db_stmt *st, int i, struct arena *a)
{
	return arena_strdup(a, db_col_text(st, i));
}

/*
 * Steps a bound statement, reading each row into a growing array of
 * elements of size sz.  When count_col >= 0 the column holds the total
 * (count(*) OVER ()).
 */
enum err
read_rows(struct db *db, struct db_stmt *st, struct arena *a, size_t sz, row_fn fn,
    int count_col, void **items, size_t *n, int64_t *total, struct error *e)
{
	size_t cap = 16, len = 0;
	char *arr = arena_alloc(a, cap * sz);
	int rc;

	if (total)
		*total = 0;
	if (arr == NULL) {
		db_reset(st);
		return error_set(e, ERR_TOOLARGE, "the answer is too large");
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (len == cap) {
			char *na = arena_alloc(a, cap * 2 * sz);
			if (na == NULL) {
				db_reset(st);
				return error_set(e, ERR_TOOLARGE, "the answer is too large");
			}
			memcpy(na, arr, cap * sz);
			arr = na;
			cap *= 2;
		}
		fn(st, a, arr + len * sz);
		if (count_col >= 0 && total)
			*total = db_col_int(st, count_col);
		len++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return db_error(e, db, "reading");
	*items = arr;
	*n = len;
	return ERR_OK;
}

enum err
read_one(struct db *db, struct db_stmt *st, struct arena *a, row_fn fn, void *out,
    const char *what, struct error *e)
{
	int rc = db_step(st);

	if (rc == DB_ROW) {
		fn(st, a, out);
		db_reset(st);
		return ERR_OK;
	}
	db_reset(st);
	if (rc == DB_DONE)
		return error_set(e, ERR_NOTFOUND, "%s not found", what);
	return db_error(e, db, "reading");
}

enum err
step_write(struct db *db, struct db_stmt *st, struct error *e)
{
	int rc = db_step(st);

	db_reset(st);
	if (rc == DB_DONE)
		return ERR_OK;
	if (rc == DB_CONSTRAINT)
		return error_set(e, ERR_CONFLICT, "the change conflicts with another record");
	return db_error(e, db, "writing");
}

/* A total is for paging; an empty page past the end still needs one. */
enum err
fix_total(struct rconn *c, int64_t *total, size_t n, struct page pg, enum sql_query count)
{
	struct db_stmt *st;

	if (n > 0 || pg.offset == 0)
		return ERR_OK;
	st = db_query(c->db, count);
	if (db_step(st) == DB_ROW)
		*total = db_col_int(st, 0);
	db_reset(st);
	return ERR_OK;
}

/*
 * The same for a query that filters: st, bound again for one row at offset
 * 0, yields the total in column col (count(*) OVER ()), or no row if none.
 */
enum err
first_total(struct db *db, struct db_stmt *st, int col, int64_t *total, struct error *e)
{
	int rc = db_step(st);

	if (rc == DB_ROW && total)
		*total = db_col_int(st, col);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_error(e, db, "counting");
	return ERR_OK;
}

/* The rows a query gives for one id (a client's, an inquiry's), all of them. */
enum err
list_by_id(struct store *s, enum sql_query q, int64_t id, struct arena *a, size_t size,
    row_fn fn, void **items, size_t *n, struct error *e)
{
	struct rconn *c = rconn_get(s, e);
	struct db_stmt *st;

	if (c == NULL)
		return e->code;
	st = db_query(c->db, q);
	db_bind_int(st, 1, id);
	return read_rows(c->db, st, a, size, fn, -1, items, n, NULL, e);
}

/*
 * A page of the rows a query gives for one id: ?1 the id, ?2 the limit, ?3
 * the offset, ?4 text when it is not NULL; column col holds the total
 * (count(*) OVER ()).  A page past the end is asked again for one row at
 * offset 0, for the total.
 */
enum err
page_by_id(struct store *s, enum sql_query q, int64_t id, const char *text, struct page pg,
    struct arena *a, size_t size, row_fn fn, int col, void **items, size_t *n,
    int64_t *total, struct error *e)
{
	struct rconn *c = rconn_get(s, e);
	struct db_stmt *st;
	bool again = false;

	if (c == NULL)
		return e->code;
	st = db_query(c->db, q);
	for (;;) {
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, again ? 1 : pg.limit);
		db_bind_int(st, 3, again ? 0 : pg.offset);
		if (text != NULL)
			db_bind_text(st, 4, text);
		if (again)
			return first_total(c->db, st, col, total, e);
		if (read_rows(c->db, st, a, size, fn, col, items, n, total, e) != ERR_OK)
			return e->code;
		if (*n > 0 || pg.offset == 0)
			return ERR_OK;
		again = true;
	}
}

/* One integer from a write-side query with up to two bound ints; *out is 0
 * when there is no row. */
enum err
tx_int(struct store_tx *tx, enum sql_query q, int64_t a1, int64_t a2, int64_t *out,
    const char *what, struct error *e)
{
	struct db_stmt *st = WST(tx, q);
	int n = db_param_count(st), rc;

	if (n >= 1)
		db_bind_int(st, 1, a1);
	if (n >= 2)
		db_bind_int(st, 2, a2);
	rc = db_step(st);
	*out = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? ERR_OK : db_error(e, WDB(tx), what);
}

/*
 * program.c — the program's own details and what set-up still lacks
 * (sql/queries/program.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"

#define PROGRAM_ROW 1	/* the program table has one row */

static const struct col program_cols[] = {
	C_TEXT(struct program, name, "name"),
	C_TEXT(struct program, tagline, "tagline"),
	C_TEXT(struct program, phone, "phone"),
	C_TEXT(struct program, email, "email"),
	C_INT(struct program, updated_by, "updated_by"),
	C_INT(struct program, updated_at, "updated_at"),
};
static const enum sql_query program_queries[] = {
	Q_program_get,
};
const struct row_table program_rows = ROW_TABLE(struct program, "program", program_cols,
    program_queries);

static const struct col setup_cols[] = {
	C_INT(struct setup_counts, sites, "sites"),
	C_INT(struct setup_counts, rooms, "rooms"),
	C_INT(struct setup_counts, tracks, "tracks"),
	C_INT(struct setup_counts, clinicians, "clinicians"),
	C_INT(struct setup_counts, admissions, "admissions"),
	C_INT(struct setup_counts, program_saved_at, "program_saved_at"),
	C_INT(struct setup_counts, sites_without_director, "sites_without_director"),
};
static const enum sql_query setup_queries[] = {
	Q_setup_counts,
};
const struct row_table setup_rows = ROW_TABLE(struct setup_counts, "set-up", setup_cols,
    setup_queries);

enum err
store_program_get(struct store *s, struct arena *a, struct program *out, struct error *e)
{
	return get_row(s, Q_program_get, ARGS(A_INT(PROGRAM_ROW)), a, &program_rows, out, e);
}

enum err
store_setup_counts(struct store *s, struct arena *a, struct setup_counts *out,
    struct error *e)
{
	return get_row(s, Q_setup_counts, ARGS(A_INT(PROGRAM_ROW)), a, &setup_rows, out, e);
}

enum err
store_tx_program_get(struct store_tx *tx, struct arena *a, struct program *out,
    struct error *e)
{
	return tx_get_row(tx, Q_program_get, ARGS(A_INT(PROGRAM_ROW)), a, &program_rows, out, e);
}

enum err
store_tx_program_update(struct store_tx *tx, struct program *p, int64_t by, struct error *e)
{
	if (tx_change(tx, Q_program_update, ARGS(A_INT(PROGRAM_ROW), A_TEXT(p->name), A_TEXT(p->tagline),
	    A_TEXT(p->phone), A_TEXT(p->email), A_INT(by), A_INT(tx->now)), "program", e)
	    != ERR_OK)
		return e->code;
	p->updated_by = by;
	p->updated_at = tx->now;
	return ERR_OK;
}

/*
 * hours.c (store) — the sessions of a client's week with their attendance
 * (sql/queries/hours.sql), for core/hours.h.
 *
 * This file must not know about HTTP or print health information.
 */
#include <string.h>

#include "store/store_int.h"

static const struct col hours_cols[] = {
	C_DATE(struct hours_row, s.date, "date"),
	C_I32(struct hours_row, s.minutes, "minutes"),
	C_BOOL(struct hours_row, s.cancelled, "cancelled"),
	C_INT(struct hours_row, starts_at, "starts_at"),
	C_BOOL(struct hours_row, s.recorded, "recorded"),
	C_I32(struct hours_row, s.attended_minutes, "attended_minutes"),
};
static const enum sql_query hours_queries[] = { Q_hours_sessions };
const struct row_table hours_rows = ROW_TABLE(struct hours_row, "session", hours_cols,
    hours_queries);

enum err
store_hours_sessions(struct store *s, int64_t client_id, struct date from, struct date to,
    struct arena *a, struct hours_row **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	char f[11], t[11];
	int64_t total = 0;
	enum err rc;

	date_format(from, f);
	date_format(to, t);
	rc = page_rows(s, Q_hours_sessions, ARGS(A_INT(client_id), A_TEXT(f), A_TEXT(t)),
	    (struct page){ 0, 0 }, a, &hours_rows, -1, &tmp, n, &total, e);
	*items = tmp;
	return rc;
}

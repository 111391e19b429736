/*
 * api_audit.c — the audit log for review: its vocabulary in words, the
 * whole log filtered by staff member, client, time range and action, and
 * the same filtered log as a CSV file.
 *
 * Reading the log and exporting it are themselves audited (the route
 * table's audit.read and audit.export rows), with the filter in the row's
 * detail; a filter by client puts the row on that client's trail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit_words.h"
#include "core/client.h"
#include "core/csv.h"
#include "http/req.h"
#include "lib/buf.h"
#include "lib/timeutil.h"

/* The most rows one export writes; a wider filter is refused. */
#define EXPORT_MAX 50000
#define EXPORT_PAGE 1000

/* GET /api/v1/audit/words: every action and record type in words. */
void
h_audit_words(struct req *r)
{
	json_t *actions = json_array(), *records = json_array();

	for (size_t i = 0; i < audit_nactions; i++)
		json_array_append_new(actions, json_pack("{s:s,s:s,s:s}",
		    "code", audit_actions[i].code, "words", audit_actions[i].words,
		    "group", audit_actions[i].group));
	for (size_t i = 0; i < audit_nrecords; i++)
		json_array_append_new(records, json_pack("{s:s,s:s,s:s}",
		    "code", audit_records[i].code, "one", audit_records[i].one,
		    "many", audit_records[i].many));
	reply_json(r, 200, json_pack("{s:o,s:o}", "actions", actions, "record_types", records));
}

/* ?name= as an instant, when given. */
static void
query_instant(struct req *r, const char *name, int64_t *out, struct error *e)
{
	const char *v = req_query(r, name);

	if (v == NULL || *v == '\0')
		return;
	if (!instant_parse(v, out) || *out < 0)
		error_field(e, name, "must be a time in UTC such as 2026-12-01T06:00Z");
}

/*
 * The filter from the query (?staff, ?client, ?from, ?to, ?action, ?flagged,
 * ?upto),
 * and the words of it for the audit row ("whole log" when none).  False
 * after answering 400 naming each bad parameter.
 */
static bool
filter_from_query(struct req *r, struct audit_filter *f, const char **detail)
{
	struct error e;
	const char *action = req_query(r, "action"), *flagged;
	char t[21];
	struct buf d;

	error_clear(&e);
	memset(f, 0, sizeof *f);
	f->action = "";
	req_query_int(r, "staff", 1, 999999999999, &f->staff_id, &e,
	    "must be a staff member's id, a whole number");
	req_query_int(r, "client", 1, 999999999999, &f->client_id, &e,
	    "must be a client's record number, e.g. 42 for IOP-000042");
	req_query_int(r, "upto", 1, 999999999999, &f->upto, &e,
	    "must be an entry's id, a whole number");
	query_instant(r, "from", &f->from, &e);
	query_instant(r, "to", &f->to, &e);
	if (f->from > 0 && f->to > 0 && f->to <= f->from && e.nfields == 0)
		error_field(&e, "to", "must be later than from");
	if (action != NULL && *action != '\0') {
		if (audit_action_words(action) == NULL)
			error_field(&e, "action", "is not an action of the audit log; "
			    "GET /api/v1/audit/words lists them");
		else
			f->action = action;
	}
	/* ?flagged=true: the rows flagged for the director's review (an
	 * emergency declared to open a client's record). */
	flagged = req_query(r, "flagged");
	if (flagged != NULL && strcmp(flagged, "true") == 0) {
		if (*f->action && !audit_action_flagged(f->action))
			error_field(&e, "flagged", "cannot be combined with an action that is "
			    "not flagged");
		else
			f->action = "client.emergency_access";
	} else if (flagged != NULL && strcmp(flagged, "false") != 0 && *flagged != '\0') {
		error_field(&e, "flagged", "must be true or false");
	}
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	buf_init(&d, 0);
	if (f->staff_id)
		buf_printf(&d, " staff=%lld", (long long)f->staff_id);
	if (f->client_id)
		buf_printf(&d, " client=%lld", (long long)f->client_id);
	if (f->from) {
		time_format_iso(f->from, t);
		buf_printf(&d, " from=%s", t);
	}
	if (f->to) {
		time_format_iso(f->to, t);
		buf_printf(&d, " to=%s", t);
	}
	if (*f->action)
		buf_printf(&d, " action=%s", f->action);
	*detail = d.len ? arena_printf(r->arena, "filter:%s", buf_cstr(&d)) : "whole log";
	buf_free(&d);
	if (*detail == NULL) {
		reply_err(r, ERR_NOMEM, "The server ran out of memory.");
		return false;
	}
	/* A filter by client is a read of that client's trail. */
	req_about(r, 0, f->client_id);
	return true;
}

/* The whole log for audit review (admins, directors), as filtered. */
void
h_audit_list(struct req *r)
{
	struct audit_filter f;
	struct audit_event *items;
	const char *detail;
	struct page pg;
	struct error e;
	int64_t total;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg) || !filter_from_query(r, &f, &detail))
		return;
	if (store_audit_find(r->app->store, &f, pg, r->arena, &items, &n, &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, detail);
	reply_list(r, items, n, audit_to_json, total);
}

/* ---- CSV ----------------------------------------------------------------- */

static void
csv_row(struct buf *b, const struct audit_event *ev)
{
	const struct audit_record_word *rw = audit_record_words(ev->record_type);
	const char *words = audit_action_words(ev->action);
	char at[21], id[24], mrn[16] = "", rec[96] = "";

	snprintf(id, sizeof id, "%lld", (long long)ev->id);
	time_format_iso(ev->at, at);
	if (ev->client_id > 0)
		client_mrn_format(ev->client_id, mrn);
	if (ev->record_type != NULL && *ev->record_type != '\0') {
		const char *one = rw ? rw->one : ev->record_type;
		const char *many = rw ? rw->many : ev->record_type;
		if (ev->record_id > 0)
			snprintf(rec, sizeof rec, "%s #%lld", one, (long long)ev->record_id);
		else
			snprintf(rec, sizeof rec, "%s", many);
	}
	csv_cell(b, id, false);
	csv_cell(b, at, false);
	csv_cell(b, ev->username, false);
	csv_cell(b, ev->role, false);
	csv_cell(b, words ? words : ev->action, false);
	csv_cell(b, ev->action, false);
	csv_cell(b, mrn, false);
	csv_cell(b, rec, false);
	csv_cell(b, ev->address, false);
	csv_cell(b, ev->detail, true);
}

/*
 * GET /api/v1/audit/export: the filtered log as CSV, newest first, read a
 * page at a time up to the newest row of the first page (rows written
 * meanwhile, this export's own among them, are not in it).
 */
void
h_audit_export(struct req *r)
{
	struct audit_filter f;
	struct audit_event *items;
	struct arena *pa;
	const char *detail;
	struct error e;
	struct buf b;
	int64_t total, written = 0;
	size_t n;

	error_clear(&e);
	if (!filter_from_query(r, &f, &detail))
		return;
	pa = arena_new(16u << 20);
	if (pa == NULL) {
		reply_err(r, ERR_NOMEM, "The server ran out of memory.");
		return;
	}
	buf_init(&b, 0);
	/* UTF-8 with its mark, so spreadsheets read names as written. */
	buf_puts(&b, "\xEF\xBB\xBF");
	buf_puts(&b, "\"Entry\",\"Time (UTC)\",\"Staff member\",\"Role\",\"Action\","
	    "\"Action code\",\"Client\",\"Record\",\"Address\",\"Detail\"\r\n");
	for (;;) {
		struct page pg = { EXPORT_PAGE, (int)written };
		arena_reset(pa);
		if (store_audit_find(r->app->store, &f, pg, pa, &items, &n, &total, &e) != ERR_OK)
			break;
		if (written == 0 && total > EXPORT_MAX) {
			error_set(&e, ERR_INVALID, "This filter matches %lld entries; one export "
			    "holds at most %d. Choose a shorter date range or a narrower filter.",
			    (long long)total, EXPORT_MAX);
			error_field(&e, "from", "choose a later start, or an earlier end");
			break;
		}
		if (written == 0 && n > 0)
			f.upto = items[0].id;	/* hold still while the log grows */
		for (size_t i = 0; i < n; i++)
			csv_row(&b, &items[i]);
		written += (int64_t)n;
		if (n < EXPORT_PAGE)
			break;
	}
	arena_free(pa);
	if (e.code != ERR_OK || b.failed) {
		buf_free(&b);
		if (e.code == ERR_OK)
			error_set(&e, ERR_NOMEM, "The export did not fit in memory.");
		reply_error(r, &e);
		return;
	}
	req_audit_as(r, NULL, arena_printf(r->arena, "%s; rows=%lld", detail,
	    (long long)written));
	reply_owned(r, 200, "text/csv; charset=utf-8", b.data, b.len);
	{
		char day[16];
		time_t t = (time_t)r->now;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
		r->disposition = arena_printf(r->arena,
		    "attachment; filename=\"audit-log-%s.csv\"", day);
	}
}

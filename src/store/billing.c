/*
 * billing.c (store) — the facts of billable days (sql/queries/billing.sql):
 * the per-diem codes, the episodes, the counted sessions and appointments
 * with their notes' state, and the plan versions, for one client or a whole
 * site, in five reads (a site's: seven, its group notes apart) from one
 * snapshot.  Never one query per client.
 *
 * This file must not know about HTTP or print health information.
 */
#include <stdlib.h>
#include <string.h>

#include "store/billing.h"
#include "store/store_int.h"

static const struct col code_cols[] = {
	C_TEXT(struct bill_code, level, "level"),
	C_TEXT(struct bill_code, code, "code"),
	C_TEXT(struct bill_code, revenue_code, "revenue_code"),
	C_I32(struct bill_code, units, "units"),
	C_I32(struct bill_code, min_minutes, "min_minutes"),
};
static const enum sql_query code_queries[] = { Q_billing_codes };
const struct row_table bill_code_rows = ROW_TABLE(struct bill_code, "per-diem code", code_cols,
    code_queries);

static const struct col episode_cols[] = {
	C_INT(struct bill_episode_row, id, "id"),
	C_INT(struct bill_episode_row, client_id, "client_id"),
	C_TEXT(struct bill_episode_row, level, "level"),
	C_INT(struct bill_episode_row, site_id, "site_id"),
	C_DATE(struct bill_episode_row, admitted_on, "admitted_on"),
	C_DATE(struct bill_episode_row, discharged_on, "discharged_on"),
	C_TEXT(struct bill_episode_row, first_name, "first_name"),
	C_TEXT(struct bill_episode_row, last_name, "last_name"),
	C_TEXT(struct bill_episode_row, preferred_name, "preferred_name"),
	C_TEXT(struct bill_episode_row, mrn, "mrn"),
};
static const enum sql_query episode_queries[] = { Q_billing_client_episodes,
    Q_billing_site_episodes };
const struct row_table bill_episode_rows = ROW_TABLE(struct bill_episode_row, "episode",
    episode_cols, episode_queries);

static const struct col session_cols[] = {
	C_INT(struct bill_session_row, client_id, "client_id"),
	C_TEXT(struct bill_session_row, kind, "kind"),
	C_INT(struct bill_session_row, ref_id, "ref_id"),
	C_DATE(struct bill_session_row, date, "date"),
	C_INT(struct bill_session_row, starts_at, "starts_at"),
	C_I32(struct bill_session_row, minutes, "minutes"),
	C_TEXT(struct bill_session_row, title, "title"),
	C_INT(struct bill_session_row, note_id, "note_id"),
	C_TEXT(struct bill_session_row, note.status, "note_status"),
	C_INT(struct bill_session_row, note.signed_at, "signed_at"),
	C_INT(struct bill_session_row, note.cosigner_id, "cosigner_id"),
	C_INT(struct bill_session_row, note.cosigned_at, "cosigned_at"),
	C_BOOL(struct bill_session_row, note.part, "has_part"),
	C_INT(struct bill_session_row, note.starts_at, "part_starts_at"),
	C_INT(struct bill_session_row, note.ends_at, "part_ends_at"),
	C_BOOL(struct bill_session_row, note.objective, "linked"),
};
static const enum sql_query session_queries[] = { Q_billing_client_sessions,
    Q_billing_site_sessions, Q_billing_client_appointments, Q_billing_site_appointments };
const struct row_table bill_session_rows = ROW_TABLE(struct bill_session_row, "session",
    session_cols, session_queries);

/* A site's group session with its note, and a part of such a note. */
struct gnote_row {
	int64_t session_id;
	const char *title;
	int64_t note_id;
	const char *status;
	int64_t signed_at, cosigner_id, cosigned_at;
};
struct part_row {
	int64_t note_id, client_id, starts_at, ends_at;
	bool linked;
};

static const struct col gnote_cols[] = {
	C_INT(struct gnote_row, session_id, "session_id"),
	C_TEXT(struct gnote_row, title, "title"),
	C_INT(struct gnote_row, note_id, "note_id"),
	C_TEXT(struct gnote_row, status, "note_status"),
	C_INT(struct gnote_row, signed_at, "signed_at"),
	C_INT(struct gnote_row, cosigner_id, "cosigner_id"),
	C_INT(struct gnote_row, cosigned_at, "cosigned_at"),
};
static const enum sql_query gnote_queries[] = { Q_billing_site_notes };
const struct row_table bill_gnote_rows = ROW_TABLE(struct gnote_row, "group note", gnote_cols,
    gnote_queries);

static const struct col part_cols[] = {
	C_INT(struct part_row, note_id, "note_id"),
	C_INT(struct part_row, client_id, "client_id"),
	C_INT(struct part_row, starts_at, "starts_at"),
	C_INT(struct part_row, ends_at, "ends_at"),
	C_BOOL(struct part_row, linked, "linked"),
};
static const enum sql_query part_queries[] = { Q_billing_site_parts };
const struct row_table bill_part_rows = ROW_TABLE(struct part_row, "note part", part_cols,
    part_queries);

static int
cmp_part(const void *a, const void *b)
{
	const struct part_row *x = a, *y = b;

	if (x->note_id != y->note_id)
		return x->note_id < y->note_id ? -1 : 1;
	return x->client_id < y->client_id ? -1 : x->client_id > y->client_id;
}

/* Each site session row's note facts, from its session's note (gn, by
 * session id) and the client's part (pr, sorted here). */
static void
join_notes(struct bill_session_row *s, size_t ns, const struct gnote_row *gn, size_t ng,
    struct part_row *pr, size_t np)
{
	qsort(pr, np, sizeof *pr, cmp_part);
	for (size_t i = 0; i < ns; i++) {
		size_t lo = 0, hi = ng;
		const struct gnote_row *g;
		struct part_row key, *p;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (gn[mid].session_id < s[i].ref_id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == ng || gn[lo].session_id != s[i].ref_id)
			continue;
		g = &gn[lo];
		s[i].title = g->title;
		if (g->note_id == 0)
			continue;
		s[i].note_id = g->note_id;
		s[i].note.status = g->status;
		s[i].note.signed_at = g->signed_at;
		s[i].note.cosigner_id = g->cosigner_id;
		s[i].note.cosigned_at = g->cosigned_at;
		key.note_id = g->note_id;
		key.client_id = s[i].client_id;
		if ((p = bsearch(&key, pr, np, sizeof *pr, cmp_part)) == NULL)
			continue;
		s[i].note.part = true;
		s[i].note.starts_at = p->starts_at;
		s[i].note.ends_at = p->ends_at;
		s[i].note.objective = p->linked;
	}
}

/* Sessions are looked up by start instant a day either side of the range's
 * local dates (no zone is more than 14 h from UTC), then kept by date. */
#define SPAN_MARGIN 86400

static const struct col plan_cols[] = {
	C_INT(struct bill_plan_row, id, "id"),
	C_INT(struct bill_plan_row, episode_id, "episode_id"),
	C_INT(struct bill_plan_row, client_id, "client_id"),
	C_I32(struct bill_plan_row, version, "version"),
	C_INT(struct bill_plan_row, clinician_signed_at, "clinician_signed_at"),
	C_INT(struct bill_plan_row, review_due_at, "review_due_at"),
	C_INT(struct bill_plan_row, client_signed_at, "client_signed_at"),
};
static const enum sql_query plan_queries[] = { Q_billing_client_plans, Q_billing_site_plans };
const struct row_table bill_plan_rows = ROW_TABLE(struct bill_plan_row, "plan version",
    plan_cols, plan_queries);

enum err
store_billing_facts(struct store *s, int64_t client_id, int64_t site_id, struct hours_span w,
    struct arena *a, struct bill_facts *out, struct error *e)
{
	RSTMT(s, Q_billing_codes, e, cd);
	bool one = client_id > 0;
	struct db_stmt *ep = db_query(cd_c->db, one ? Q_billing_client_episodes :
	    Q_billing_site_episodes);
	struct db_stmt *se = db_query(cd_c->db, one ? Q_billing_client_sessions :
	    Q_billing_site_sessions);
	struct db_stmt *ap = db_query(cd_c->db, one ? Q_billing_client_appointments :
	    Q_billing_site_appointments);
	struct db_stmt *pl = db_query(cd_c->db, one ? Q_billing_client_plans :
	    Q_billing_site_plans);
	struct db_stmt *all[] = { cd, ep, se, ap, pl };
	void *t[5] = { NULL, NULL, NULL, NULL, NULL };
	size_t *n[5];
	const struct row_table *rt[5] = { &bill_code_rows, &bill_episode_rows, &bill_session_rows,
	    &bill_session_rows, &bill_plan_rows };
	char f[11], to[11];
	enum err rc = ERR_OK;

	memset(out, 0, sizeof *out);
	n[0] = &out->ncodes;
	n[1] = &out->nepisodes;
	n[2] = &out->nsessions;
	n[3] = &out->nappts;
	n[4] = &out->nplans;
	date_format(w.from, f);
	date_format(w.to, to);
	if (one) {
		bind_args(ep, ARGS(A_INT(client_id), A_TEXT(f), A_TEXT(to)));
		bind_args(se, ARGS(A_INT(client_id), A_TEXT(f), A_TEXT(to)));
		bind_args(ap, ARGS(A_INT(client_id), A_INT(w.lo), A_INT(w.hi)));
		bind_args(pl, ARGS(A_INT(client_id)));
	} else {
		bind_args(ep, ARGS(A_INT(site_id), A_TEXT(f), A_TEXT(to)));
		bind_args(se, ARGS(A_INT(site_id), A_TEXT(f), A_TEXT(to)));
		bind_args(ap, ARGS(A_INT(site_id), A_TEXT(f), A_TEXT(to), A_INT(w.lo),
		    A_INT(w.hi)));
		bind_args(pl, ARGS(A_INT(site_id), A_TEXT(f), A_TEXT(to)));
	}
	if (db_begin_read(cd_c->db) != DB_OK) {
		for (size_t k = 0; k < 5; k++)
			db_reset(all[k]);
		return db_error(e, cd_c->db, "starting a read");
	}
	/* One snapshot: the episodes, sessions and plans agree. */
	for (size_t k = 0; k < 5 && rc == ERR_OK; k++)
		rc = read_rows(cd_c->db, all[k], a, rt[k], -1, &t[k], n[k], NULL, e);
	if (rc == ERR_OK && !one) {
		struct db_stmt *gs = db_query(cd_c->db, Q_billing_site_notes);
		struct db_stmt *ps = db_query(cd_c->db, Q_billing_site_parts);
		void *g = NULL, *p = NULL;
		size_t ng = 0, np = 0;

		bind_args(gs, ARGS(A_INT(w.lo - SPAN_MARGIN), A_INT(w.hi + SPAN_MARGIN), A_TEXT(f),
		    A_TEXT(to)));
		bind_args(ps, ARGS(A_INT(w.lo - SPAN_MARGIN), A_INT(w.hi + SPAN_MARGIN), A_TEXT(f),
		    A_TEXT(to)));
		rc = read_rows(cd_c->db, gs, a, &bill_gnote_rows, -1, &g, &ng, NULL, e);
		if (rc == ERR_OK)
			rc = read_rows(cd_c->db, ps, a, &bill_part_rows, -1, &p, &np, NULL, e);
		db_reset(gs);
		db_reset(ps);
		if (rc == ERR_OK)
			join_notes(t[2], *n[2], g, ng, p, np);
	}
	for (size_t k = 0; k < 5; k++)
		db_reset(all[k]);
	db_commit(cd_c->db);
	out->codes = t[0];
	out->episodes = t[1];
	out->sessions = t[2];
	out->appts = t[3];
	out->plans = t[4];
	/* Every row read is a note that exists when it has an id. */
	for (size_t i = 0; i < out->nsessions; i++)
		out->sessions[i].note.exists = out->sessions[i].note_id != 0;
	for (size_t i = 0; i < out->nappts; i++)
		out->appts[i].note.exists = out->appts[i].note_id != 0;
	return rc;
}

/*
 * notes.c — clinical notes: the note row, its parts per client (a draft
 * group note's read live from attendance), linked objectives, persons
 * present, addenda, the prefill of a draft and the worklist
 * (sql/queries/notes.sql).
 *
 * A signed note's rows are never written again: the status guards in the
 * queries make a write to one change nothing.  This file must not know
 * about HTTP or print health information.
 */
#include <stdlib.h>
#include <string.h>

#include "store/notes.h"
#include "store/store_int.h"

static const struct col note_cols[] = {
	C_INT(struct note, id, "id"),
	C_TEXT(struct note, kind, "kind"),
	C_INT(struct note, session_id, "session_id"),
	C_INT(struct note, appointment_id, "appointment_id"),
	C_TEXT(struct note, form, "form"),
	C_TEXT(struct note, topic, "topic"),
	C_TEXT(struct note, content, "content"),
	C_TEXT(struct note, interventions, "interventions"),
	C_INT(struct note, starts_at, "starts_at"),
	C_INT(struct note, ends_at, "ends_at"),
	C_TEXT(struct note, status, "status"),
	C_INT(struct note, author_id, "author_id"),
	C_INT(struct note, created_at, "created_at"),
	C_INT(struct note, updated_by, "updated_by"),
	C_INT(struct note, updated_at, "updated_at"),
	C_INT(struct note, signed_by, "signed_by"),
	C_INT(struct note, signed_at, "signed_at"),
	C_INT(struct note, cosigner_id, "cosigner_id"),
	C_INT(struct note, cosigned_at, "cosigned_at"),
	C_INT(struct note, client_id, "client_id"),
	C_INT(struct note, staff_id, "staff_id"),
	C_TEXT(struct note, group_type, "group_type"),
	C_TEXT(struct note, track_name, "track_name"),
	C_TEXT(struct note, date, "date"),
	C_TEXT(struct note, author_name, "author_name"),
	C_TEXT(struct note, signer_name, "signer_name"),
	C_TEXT(struct note, cosigner_name, "cosigner_name"),
	C_TEXT(struct note, client_first, "client_first"),
	C_TEXT(struct note, client_last, "client_last"),
	C_TEXT(struct note, client_preferred, "client_preferred"),
};
static const enum sql_query note_queries[] = {
	Q_note_by_id, Q_note_list_client, Q_note_worklist,
};
const struct row_table note_rows = ROW_TABLE(struct note, "note", note_cols, note_queries);

static const struct col part_cols[] = {
	C_INT(struct note_part, client_id, "client_id"),
	C_TEXT(struct note_part, attendance, "attendance"),
	C_INT(struct note_part, starts_at, "starts_at"),
	C_INT(struct note_part, ends_at, "ends_at"),
	C_I32(struct note_part, minutes, "minutes"),
	C_TEXT(struct note_part, participation, "participation"),
	C_TEXT(struct note_part, response, "response"),
	C_TEXT(struct note_part, progress, "progress"),
	C_TEXT(struct note_part, sec[0], "sec1"),
	C_TEXT(struct note_part, sec[1], "sec2"),
	C_TEXT(struct note_part, sec[2], "sec3"),
	C_TEXT(struct note_part, sec[3], "sec4"),
	C_TEXT(struct note_part, mrn, "mrn"),
	C_TEXT(struct note_part, first_name, "first_name"),
	C_TEXT(struct note_part, last_name, "last_name"),
	C_TEXT(struct note_part, preferred_name, "preferred_name"),
};
static const enum sql_query part_queries[] = { Q_note_parts_stored, Q_note_parts_live };
const struct row_table note_part_rows = ROW_TABLE(struct note_part, "note part", part_cols,
    part_queries);

static const struct col absent_cols[] = {
	C_INT(struct note_absent, client_id, "client_id"),
	C_TEXT(struct note_absent, status, "status"),
	C_TEXT(struct note_absent, first_name, "first_name"),
	C_TEXT(struct note_absent, last_name, "last_name"),
	C_TEXT(struct note_absent, preferred_name, "preferred_name"),
};
static const enum sql_query absent_queries[] = { Q_note_absent };
const struct row_table note_absent_rows = ROW_TABLE(struct note_absent, "absent client",
    absent_cols, absent_queries);

struct linked_row {
	int64_t client_id, key;
	const char *text;
};
static const struct col linked_cols[] = {
	C_INT(struct linked_row, client_id, "client_id"),
	C_INT(struct linked_row, key, "objective_key"),
	C_TEXT(struct linked_row, text, "text"),
};
static const enum sql_query linked_queries[] = { Q_note_objectives };
const struct row_table note_linked_rows = ROW_TABLE(struct linked_row, "linked objective",
    linked_cols, linked_queries);

static const struct col choice_cols[] = {
	C_INT(struct note_objective_choice, client_id, "client_id"),
	C_INT(struct note_objective_choice, key, "objective_key"),
	C_TEXT(struct note_objective_choice, text, "text"),
	C_TEXT(struct note_objective_choice, target_date, "target_date"),
};
static const enum sql_query choice_queries[] = { Q_note_open_objectives };
const struct row_table note_choice_rows = ROW_TABLE(struct note_objective_choice,
    "objective to link", choice_cols, choice_queries);

static const struct col last_cols[] = {
	C_INT(struct note_last_part, client_id, "client_id"),
	C_INT(struct note_last_part, note_id, "note_id"),
	C_TEXT(struct note_last_part, date, "date"),
	C_TEXT(struct note_last_part, participation, "participation"),
	C_TEXT(struct note_last_part, response, "response"),
	C_TEXT(struct note_last_part, progress, "progress"),
	C_TEXT(struct note_last_part, objective_keys, "objective_keys"),
};
static const enum sql_query last_queries[] = { Q_note_last_parts };
const struct row_table note_last_rows = ROW_TABLE(struct note_last_part, "last part",
    last_cols, last_queries);

static const struct col last_shared_cols[] = {
	C_INT(struct note_last_shared, note_id, "note_id"),
	C_TEXT(struct note_last_shared, date, "date"),
	C_TEXT(struct note_last_shared, interventions, "interventions"),
};
static const enum sql_query last_shared_queries[] = { Q_note_last_shared };
const struct row_table note_last_shared_rows = ROW_TABLE(struct note_last_shared,
    "last group note", last_shared_cols, last_shared_queries);

struct person_row {
	int64_t contact_id;
};
static const struct col person_cols[] = {
	C_INT(struct person_row, contact_id, "contact_id"),
};
static const enum sql_query person_queries[] = { Q_note_persons };
const struct row_table note_person_rows = ROW_TABLE(struct person_row, "person present",
    person_cols, person_queries);

static const struct col addendum_cols[] = {
	C_INT(struct note_addendum, id, "id"),
	C_INT(struct note_addendum, note_id, "note_id"),
	C_INT(struct note_addendum, client_id, "client_id"),
	C_TEXT(struct note_addendum, text, "text"),
	C_INT(struct note_addendum, created_by, "created_by"),
	C_INT(struct note_addendum, created_at, "created_at"),
	C_TEXT(struct note_addendum, created_by_name, "created_by_name"),
};
static const enum sql_query addendum_queries[] = { Q_note_addenda };
const struct row_table note_addendum_rows = ROW_TABLE(struct note_addendum, "addendum",
    addendum_cols, addendum_queries);

struct supervision_row {
	bool needs;
	int64_t supervisor;
};
static const struct col supervision_cols[] = {
	C_BOOL(struct supervision_row, needs, "needs_supervision"),
	C_INT(struct supervision_row, supervisor, "supervisor_id"),
};
static const enum sql_query supervision_queries[] = { Q_note_supervision };
const struct row_table note_supervision_rows = ROW_TABLE(struct supervision_row,
    "supervision", supervision_cols, supervision_queries);

/* Fills the note read as a row: parts, links, persons, addenda, absent. */
static enum err
note_fill(struct store *s, struct store_tx *tx, struct note *n, int64_t only, int how,
    struct arena *a, struct error *e)
{
	void *t;
	size_t np = 0, nl = 0, k;
	struct note_part *parts;
	struct linked_row *links;
	bool live = strcmp(n->kind, "group") == 0 && strcmp(n->status, "draft") == 0;

	if (list_by_id_in(s, tx, live ? Q_note_parts_live : Q_note_parts_stored, n->id,
	    &note_part_rows, a, &t, &np, e) != ERR_OK)
		return e->code;
	parts = t;
	if (list_by_id_in(s, tx, Q_note_objectives, n->id, &note_linked_rows, a, &t, &nl, e) !=
	    ERR_OK)
		return e->code;
	links = t;
	if (only != 0) {
		size_t w = 0;

		for (size_t i = 0; i < np; i++)
			if (parts[i].client_id == only)
				parts[w++] = parts[i];
		np = w;
	}
	for (size_t i = 0; i < np; i++) {
		struct note_part *p = &parts[i];
		size_t c = 0;

		for (k = 0; k < nl; k++)
			c += links[k].client_id == p->client_id;
		p->objectives = arena_array(a, c * sizeof *p->objectives);
		p->objective_texts = arena_array(a, c * sizeof *p->objective_texts);
		if (c > 0 && (p->objectives == NULL || p->objective_texts == NULL))
			return error_set(e, ERR_NOMEM, "Out of memory.");
		for (k = 0; k < nl; k++)
			if (links[k].client_id == p->client_id) {
				p->objectives[p->nobjectives] = links[k].key;
				p->objective_texts[p->nobjectives++] = links[k].text;
			}
	}
	n->parts = parts;
	n->nparts = np;
	{
		struct person_row *pr;
		size_t npr = 0;

		if (list_by_id_in(s, tx, Q_note_persons, n->id, &note_person_rows, a, &t, &npr, e) !=
		    ERR_OK)
			return e->code;
		pr = t;
		n->persons = arena_array(a, npr * sizeof *n->persons);
		if (npr > 0 && n->persons == NULL)
			return error_set(e, ERR_NOMEM, "Out of memory.");
		for (k = 0; k < npr; k++)
			n->persons[k] = pr[k].contact_id;
		n->npersons = npr;
	}
	if (list_by_id_in(s, tx, Q_note_addenda, n->id, &note_addendum_rows, a, &t, &n->naddenda,
	    e) != ERR_OK)
		return e->code;
	n->addenda = t;
	if (only != 0) {
		size_t w = 0;

		for (k = 0; k < n->naddenda; k++)
			if (n->addenda[k].client_id == 0 || n->addenda[k].client_id == only)
				n->addenda[w++] = n->addenda[k];
		n->naddenda = w;
	}
	n->absent = NULL;
	n->nabsent = 0;
	n->last_shared = NULL;
	n->prefilled = false;
	if (only == 0 && strcmp(n->kind, "group") == 0) {
		if (list_by_id_in(s, tx, Q_note_absent, n->id, &note_absent_rows, a, &t, &n->nabsent,
		    e) != ERR_OK)
			return e->code;
		n->absent = t;
	}
	if ((how & NOTE_READ_PREFILL) && tx == NULL && strcmp(n->status, "draft") == 0) {
		struct note_objective_choice *ch;
		struct note_last_part *lp = NULL;
		size_t nch = 0, nlp = 0;

		if (list_by_id_in(s, NULL, Q_note_open_objectives, n->id, &note_choice_rows, a, &t,
		    &nch, e) != ERR_OK)
			return e->code;
		ch = t;
		if (live) {
			if (list_by_id_in(s, NULL, Q_note_last_parts, n->id, &note_last_rows, a, &t,
			    &nlp, e) != ERR_OK)
				return e->code;
			lp = t;
			if (list_by_id_in(s, NULL, Q_note_last_shared, n->id, &note_last_shared_rows,
			    a, &t, &k, e) != ERR_OK)
				return e->code;
			if (k > 0)
				n->last_shared = t;
			n->prefilled = true;
		}
		/* Both lists come by client; the parts are by name: match each. */
		for (size_t i = 0; i < np; i++) {
			struct note_part *p = &parts[i];

			for (k = 0; k < nch; k++)
				if (ch[k].client_id == p->client_id) {
					if (p->open == NULL)
						p->open = &ch[k];
					p->nopen++;
				}
			for (k = 0; k < nlp; k++)
				if (lp[k].client_id == p->client_id)
					p->last = &lp[k];
		}
	}
	return ERR_OK;
}

enum err
store_note_get(struct store *s, int64_t id, int64_t only_client, int how, struct arena *a,
    struct note *out, struct error *e)
{
	if (get_row(s, Q_note_by_id, ARGS(A_INT(id)), a, &note_rows, out, e) != ERR_OK)
		return e->code;
	return note_fill(s, NULL, out, only_client, how, a, e);
}

enum err
store_tx_note_get(struct store_tx *tx, int64_t id, struct arena *a, struct note *out,
    struct error *e)
{
	if (tx_get_row(tx, Q_note_by_id, ARGS(A_INT(id)), a, &note_rows, out, e) != ERR_OK)
		return e->code;
	return note_fill(NULL, tx, out, 0, NOTE_READ_PLAIN, a, e);
}

static enum err
note_rows_read(struct store *s, enum sql_query q, const struct arg *v, size_t nv,
    struct arena *a, struct note **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	int64_t total;
	struct db_stmt *st;
	struct rconn *c = rconn_get(s, e);

	*items = NULL;
	*n = 0;
	if (c == NULL)
		return e->code;
	st = db_query(c->db, q);
	bind_args(st, v, nv);
	if (read_rows(c->db, st, a, &note_rows, -1, &tmp, n, &total, e) != ERR_OK)
		return e->code;
	*items = tmp;
	return ERR_OK;
}

enum err
store_note_list_client(struct store *s, int64_t client_id, struct arena *a,
    struct note **items, size_t *n, struct error *e)
{
	if (note_rows_read(s, Q_note_list_client, ARGS(A_INT(client_id)), a, items, n, e) !=
	    ERR_OK)
		return e->code;
	for (size_t i = 0; i < *n; i++)
		if (note_fill(s, NULL, &(*items)[i], client_id, NOTE_READ_PLAIN, a, e) != ERR_OK)
			return e->code;
	return ERR_OK;
}

enum err
store_note_worklist(struct store *s, int64_t author, int64_t before, int64_t cosigner,
    struct arena *a, struct note **items, size_t *n, struct error *e)
{
	return note_rows_read(s, Q_note_worklist, ARGS(A_INT(author), A_INT(before),
	    A_INT(cosigner)), a, items, n, e);
}

enum err
store_tx_note_of_session(struct store_tx *tx, int64_t session_id, int64_t *id,
    struct error *e)
{
	return tx_int(tx, Q_note_id_of_session, session_id, 0, id, "reading a note", e);
}

enum err
store_tx_note_of_appointment(struct store_tx *tx, int64_t appt_id, int64_t *id,
    struct error *e)
{
	return tx_int(tx, Q_note_id_of_appointment, appt_id, 0, id, "reading a note", e);
}

enum err
store_tx_note_insert(struct store_tx *tx, struct note *n, struct error *e)
{
	return tx_insert(tx, Q_note_insert, ARGS(A_TEXT(n->kind), A_INT(n->session_id),
	    A_INT(n->appointment_id), A_TEXT(n->form != NULL ? n->form : ""),
	    A_TEXT(n->topic != NULL ? n->topic : ""), A_INT(n->starts_at), A_INT(n->ends_at),
	    A_INT(n->author_id), A_INT(n->created_at != 0 ? n->created_at : tx->now)), &n->id,
	    e);
}

enum err
store_tx_note_update(struct store_tx *tx, const struct note *n, int64_t by, struct error *e)
{
	return tx_change_once(tx, Q_note_update, ARGS(A_INT(n->id), A_TEXT(n->form),
	    A_TEXT(n->topic), A_TEXT(n->content), A_TEXT(n->interventions),
	    A_INT(n->starts_at), A_INT(n->ends_at), A_INT(by), A_INT(tx->now)),
	    "This note is signed and cannot be changed: add an addendum instead.", e);
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

enum err
store_tx_note_part_put(struct store_tx *tx, int64_t note_id, const struct note_part *p,
    bool set_objectives, struct error *e)
{
	if (tx_exec(tx, Q_note_part_put, ARGS(A_INT(note_id), A_INT(p->client_id),
	    A_TEXT(nz(p->attendance)), A_INT(p->starts_at), A_INT(p->ends_at),
	    A_INT(p->minutes), A_TEXT(nz(p->participation)), A_TEXT(nz(p->response)),
	    A_TEXT(nz(p->progress)), A_TEXT(nz(p->sec[0])), A_TEXT(nz(p->sec[1])),
	    A_TEXT(nz(p->sec[2])), A_TEXT(nz(p->sec[3]))), e) != ERR_OK)
		return e->code;
	if (!set_objectives)
		return ERR_OK;
	if (tx_exec(tx, Q_note_objectives_clear_client, ARGS(A_INT(note_id),
	    A_INT(p->client_id)), e) != ERR_OK)
		return e->code;
	for (size_t i = 0; i < p->nobjectives; i++)
		if (tx_exec(tx, Q_note_objective_put, ARGS(A_INT(note_id), A_INT(p->client_id),
		    A_INT(p->objectives[i])), e) != ERR_OK)
			return e->code;
	return ERR_OK;
}

enum err
store_tx_note_parts_clear(struct store_tx *tx, int64_t note_id, struct error *e)
{
	if (tx_exec(tx, Q_note_parts_clear, ARGS(A_INT(note_id)), e) != ERR_OK)
		return e->code;
	return tx_exec(tx, Q_note_objectives_clear, ARGS(A_INT(note_id)), e);
}

enum err
store_tx_note_persons_set(struct store_tx *tx, int64_t note_id, const int64_t *ids,
    size_t n, struct error *e)
{
	if (tx_exec(tx, Q_note_persons_clear, ARGS(A_INT(note_id)), e) != ERR_OK)
		return e->code;
	for (size_t i = 0; i < n; i++)
		if (tx_exec(tx, Q_note_person_put, ARGS(A_INT(note_id), A_INT(ids[i])), e) !=
		    ERR_OK)
			return e->code;
	return ERR_OK;
}

enum err
store_tx_note_objective_of_client(struct store_tx *tx, int64_t key, int64_t client_id,
    bool *ok, struct error *e)
{
	int64_t c = 0;

	if (tx_int(tx, Q_note_objective_of_client, key, client_id, &c, "reading an objective",
	    e) != ERR_OK)
		return e->code;
	*ok = c > 0;
	return ERR_OK;
}

enum err
store_tx_note_sign(struct store_tx *tx, int64_t id, int64_t by, int64_t at, int64_t cosigner,
    struct error *e)
{
	return tx_change_once(tx, Q_note_sign, ARGS(A_INT(id), A_INT(by), A_INT(at),
	    A_INT(cosigner)), "This note is signed already.", e);
}

enum err
store_tx_note_cosign(struct store_tx *tx, int64_t id, int64_t by, int64_t at, struct error *e)
{
	return tx_change_once(tx, Q_note_cosign, ARGS(A_INT(id), A_INT(by), A_INT(at)),
	    "This note cannot be co-signed now.", e);
}

enum err
store_tx_note_addendum(struct store_tx *tx, struct note_addendum *d, struct error *e)
{
	return tx_insert(tx, Q_note_addendum_insert, ARGS(A_INT(d->note_id),
	    A_INT(d->client_id), A_TEXT(d->text), A_INT(d->created_by),
	    A_INT(d->created_at)), &d->id, e);
}

enum err
store_tx_note_supervision(struct store_tx *tx, int64_t staff_id, struct arena *a,
    int64_t *supervisor, struct error *e)
{
	struct supervision_row r = { false, 0 };
	struct error le;

	*supervisor = 0;
	error_clear(&le);
	if (tx_get_row(tx, Q_note_supervision, ARGS(A_INT(staff_id)), a,
	    &note_supervision_rows, &r, &le) != ERR_OK) {
		if (le.code == ERR_NOTFOUND)
			return ERR_OK;
		*e = le;
		return e->code;
	}
	if (r.needs)
		*supervisor = r.supervisor;
	return ERR_OK;
}

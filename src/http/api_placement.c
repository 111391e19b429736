/*
 * api_placement.c — the six-dimension level-of-care assessment.
 *
 * The table (levels implied by each rating, forcing flags) is data: the
 * built-in default of src/core/placement.c until a director saves an edited
 * version, each kept (placement_table); the newest is in force.  The
 * recommendation and its reasons come from the core.  A recorded placement
 * keeps the ratings, notes and flags, the recommendation with its reasons,
 * the table's edition and version, and the level the clinician chose — with
 * a reason when it differs.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/placement.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/placement.h"

/* ---- the table in force ------------------------------------------------------- */

/* One flag of the table; a missing code is "" for the core to name. */
#define PF(m) offsetof(struct placement_flag, m)
static const struct fdef flag_fields[] = {
	{ .name = "code", .kind = FK_TEXT, .off = PF(code) },
	{ .name = "label", .kind = FK_TEXT, .off = PF(label) },
	{ .name = "min_level", .kind = FK_TEXT, .off = PF(min_level) },
	{ .name = "safety_response", .kind = FK_BOOL, .off = PF(safety_response) },
};
#undef PF
const struct fdecoder dec_placement_flag = FDECODER("placement_flag", struct placement_flag,
    flag_fields);

/*
 * The stored body of a table version:
 *   {"min_level": {"d1": ["1","1","2.1","3.7","4"], ...},
 *    "remarks":   {"d1": ["", "", "with ...", "", ""], ...},	(optional)
 *    "flags":     [{"code", "label", "min_level", "safety_response"}, ...]}
 * The same shape is what PUT /placement/table takes (with "version" and
 * "edition" beside it).  Its three parts onto t (NULL: absent); strings are
 * copied into a.
 */
static void
table_from_parts(json_t *ml, json_t *rm, json_t *fl, struct arena *a,
    struct placement_table *t, struct error *e)
{
	char f[48];
	size_t i;
	int d, k;

	memset(t->min_level, 0, sizeof t->min_level);
	memset(t->remark, 0, sizeof t->remark);
	memset(t->flags, 0, sizeof t->flags);
	for (int pass = 0; pass < 2; pass++) {
		json_t *m = pass == 0 ? ml : rm;
		const char *what = pass == 0 ? "min_level" : "remarks";
		if (pass == 1 && (m == NULL || json_is_null(m)))
			break;
		if (!json_is_object(m) || json_object_size(m) != DIM__MAX) {
			error_field(e, what, "must be an object with d1 to d6, each a list of "
			    "5 (ratings 0 to 4)");
			continue;
		}
		for (d = 0; d < DIM__MAX; d++) {
			json_t *row = json_object_get(m, dim_code((enum dim)d));
			snprintf(f, sizeof f, "%s.%s", what, dim_code((enum dim)d));
			if (!json_is_array(row) || json_array_size(row) != PLACEMENT_RATING_MAX + 1) {
				error_field(e, f, "must be a list of 5 (ratings 0 to 4)");
				continue;
			}
			for (k = 0; k <= PLACEMENT_RATING_MAX; k++) {
				json_t *c = json_array_get(row, (size_t)k);
				const char **cell = pass == 0 ? &t->min_level[d][k] : &t->remark[d][k];
				snprintf(f, sizeof f, "%s.%s.%d", what, dim_code((enum dim)d), k);
				if (!json_is_string(c))
					error_field(e, f, "must be text");
				else if (pass == 1 && json_string_length(c) == 0)
					*cell = NULL;
				else if ((*cell = arena_strdup(a, json_string_value(c))) == NULL)
					error_set(e, ERR_TOOLARGE, "The request is too large.");
			}
		}
	}
	if (!json_is_array(fl) || json_array_size(fl) > PLACEMENT_FLAGS_MAX) {
		error_field(e, "flags", "must be a list of at most %d flags", PLACEMENT_FLAGS_MAX);
		return;
	}
	for (i = 0; i < json_array_size(fl); i++) {
		json_t *x = json_array_get(fl, i);
		struct placement_flag *pf = &t->flags[i];

		snprintf(f, sizeof f, "flags.%zu", i);
		if (!json_is_object(x)) {
			error_field(e, f, "must be an object with code, label, min_level and "
			    "safety_response");
			continue;
		}
		pf->code = "";		/* present: the core checks it */
		fdecode(&dec_placement_flag, x, a, pf, NULL, e, f);
	}
}

/* The flags in use, as both GET answers and the stored body keep them. */
static json_t *
flags_json(const struct placement_table *t)
{
	json_t *fl = json_array();

	for (int k = 0; k < PLACEMENT_FLAGS_MAX; k++)
		if (t->flags[k].code != NULL)
			json_array_append_new(fl, json_pack("{s:s,s:s,s:s,s:b}", "code",
			    t->flags[k].code, "label", t->flags[k].label, "min_level",
			    t->flags[k].min_level, "safety_response", t->flags[k].safety_response));
	return fl;
}

static json_t *
table_body_json(const struct placement_table *t)
{
	json_t *ml = json_object(), *rm = json_object();
	int d, k;

	for (d = 0; d < DIM__MAX; d++) {
		json_t *a = json_array(), *b = json_array();
		for (k = 0; k <= PLACEMENT_RATING_MAX; k++) {
			json_array_append_new(a, jstr(t->min_level[d][k]));
			json_array_append_new(b, jstr(t->remark[d][k]));
		}
		json_object_set_new(ml, dim_code((enum dim)d), a);
		json_object_set_new(rm, dim_code((enum dim)d), b);
	}
	return json_pack("{s:o,s:o,s:o}", "min_level", ml, "remarks", rm, "flags",
	    flags_json(t));
}

/*
 * The table in force into *t (strings in r's arena) and its version into
 * *meta: the newest saved version, or the built-in default (version 0).
 * False after answering 500 when the stored version cannot be read.
 */
static bool
table_current(struct req *r, struct placement_table *t, struct placement_table_row *meta)
{
	struct error e;
	json_error_t je;
	json_t *o;

	error_clear(&e);
	if (store_placement_table_current(r->app->store, r->arena, meta, &e) != ERR_OK) {
		if (e.code != ERR_NOTFOUND) {
			reply_error(r, &e);
			return false;
		}
		*t = placement_default;
		memset(meta, 0, sizeof *meta);
		meta->edition = placement_default.edition;
		return true;
	}
	o = json_loads(meta->body, 0, &je);
	error_clear(&e);
	if (o != NULL)
		table_from_parts(json_object_get(o, "min_level"), json_object_get(o, "remarks"),
		    json_object_get(o, "flags"), r->arena, t, &e);
	json_decref(o);
	t->edition = meta->edition;
	if (o == NULL || e.code != ERR_OK || placement_table_check(t, &e) != ERR_OK) {
		reply_err(r, ERR_STORE, "The stored placement table cannot be read.");
		return false;
	}
	return true;
}

static json_t *
table_to_json(const struct placement_table *t, const struct placement_table_row *meta)
{
	json_t *levels = json_array(), *dims = json_array();
	size_t i;
	int d, k;

	for (i = 0; i < level_count(); i++)
		json_array_append_new(levels, json_pack("{s:s,s:s,s:i}", "code",
		    level_at(i)->code, "name", level_at(i)->name, "rank", level_at(i)->rank));
	for (d = 0; d < DIM__MAX; d++) {
		json_t *cells = json_array();
		for (k = 0; k <= PLACEMENT_RATING_MAX; k++)
			json_array_append_new(cells, json_pack("{s:i,s:s,s:s,s:o}", "rating", k,
			    "word", placement_rating_word(k), "min_level", t->min_level[d][k],
			    "remark", jstr(t->remark[d][k])));
		json_array_append_new(dims, json_pack("{s:s,s:s,s:o}", "code",
		    dim_code((enum dim)d), "name", dim_name((enum dim)d), "ratings", cells));
	}
	return json_pack("{s:s,s:I,s:b,s:o,s:o,s:o,s:o,s:o}", "edition", t->edition,
	    "version", (json_int_t)meta->version, "is_default", meta->version == 0,
	    "saved_by", meta->saved_by_name ? jstr(meta->saved_by_name) : json_null(),
	    "saved_at", jtime(meta->saved_at), "levels", levels, "dimensions", dims,
	    "flags", flags_json(t));
}

void
h_placement_table(struct req *r)
{
	struct placement_table t;
	struct placement_table_row meta;

	if (table_current(r, &t, &meta))
		reply_json(r, 200, table_to_json(&t, &meta));
}

/* ---- editing the table ---------------------------------------------------------- */

/* The operation's input first, so after() finds the table from r->op->in. */
struct table_job {
	struct placement_table_save_in in;
	struct placement_table_row row;	/* the version saved */
	struct placement_table t;
};

static void
table_after(struct req *r)
{
	const struct table_job *j = r->op->in;	/* its first member */

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	j->in.out->saved_by_name = r->sess.username;
	reply_json(r, 200, table_to_json(&j->t, j->in.out));
}

/* Write j->t as the version after j->in.expect. */
static void
table_save(struct req *r, struct table_job *j, const char *detail)
{
	j->in.out = &j->row;
	j->in.row.edition = j->t.edition;
	j->in.row.body = json_dump_arena(r->arena, table_body_json(&j->t));
	if (j->in.row.body == NULL) {
		reply_err(r, ERR_NOMEM, "Out of memory.");
		return;
	}
	req_audit_as(r, NULL, detail);
	req_op(r, op_placement_table_save_run, &j->in, table_after);
}

/* A table save's body: the version the editor started from, and the table. */
struct table_body {
	int64_t version;
	const char *edition;
	json_t *min_level, *remarks, *flags;
};

#define TB(m) offsetof(struct table_body, m)
#define VERSION_ROW                                                                     \
	{ .name = "version", .kind = FK_INT, .off = TB(version), .flags = FD_REQUIRED,  \
	  .min = 0, .max = INT64_MAX }
static const struct fdef table_fields[] = {
	VERSION_ROW,
	{ .name = "edition", .kind = FK_TEXT, .off = TB(edition) },
	{ .name = "min_level", .kind = FK_JSON, .off = TB(min_level) },
	{ .name = "remarks", .kind = FK_JSON, .off = TB(remarks) },
	{ .name = "flags", .kind = FK_JSON, .off = TB(flags) },
};
static const struct fdef restore_fields[] = { VERSION_ROW };
#undef VERSION_ROW
#undef TB
const struct fdecoder dec_placement_table = FDECODER("placement_table", struct table_body,
    table_fields);
const struct fdecoder dec_placement_restore = FDECODER("placement_restore",
    struct table_body, restore_fields);

/*
 * A table save's body decoded by d into *b, and a table job for it with the
 * version the editor started from; NULL after answering.
 */
static struct table_job *
table_body(struct req *r, const struct fdecoder *d, struct table_body *b, struct error *e)
{
	struct table_job *j;
	json_t *o;

	if ((j = req_zalloc(r, sizeof *j)) == NULL || (o = req_json_object(r)) == NULL)
		return NULL;
	error_clear(e);
	memset(b, 0, sizeof *b);
	b->edition = "";
	fdecode(d, o, r->arena, b, NULL, e, NULL);
	j->in.expect = b->version;
	return j;
}

void
h_placement_table_put(struct req *r)
{
	struct table_body b;
	struct table_job *j;
	struct error e;

	if ((j = table_body(r, &dec_placement_table, &b, &e)) == NULL)
		return;
	j->t.edition = b.edition;
	table_from_parts(b.min_level, b.remarks, b.flags, r->arena, &j->t, &e);
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		placement_table_check(&j->t, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	table_save(r, j, "edited");
}

void
h_placement_table_restore(struct req *r)
{
	struct table_body b;
	struct table_job *j;
	struct error e;

	if ((j = table_body(r, &dec_placement_restore, &b, &e)) == NULL)
		return;
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->t = placement_default;
	table_save(r, j, "restored the default");
}

/* A rating: a whole number, -1 when out of 0..4 (the core names it). */
static const char *
parse_rating(json_t *v, void *dst, struct arena *a)
{
	(void)a;
	if (!json_is_integer(v))
		return "must be a whole number from 0 to 4";
	*(int *)dst = json_integer_value(v) < 0 ||
	    json_integer_value(v) > PLACEMENT_RATING_MAX ? -1 : (int)json_integer_value(v);
	return NULL;
}

/*
 * {"ratings": {"d1":..}, "notes": {"d1":..}?, "flags": [..]?}: the ratings
 * and notes by dimension into in, the flags' codes kept for the table.
 */
struct assess_body {
	struct placement_input in;
	json_t *flags;
};

#define AB(m) offsetof(struct assess_body, m)
#define RATING(d) { .name = "d" #d, .kind = FK_CUSTOM, .off = AB(in.ratings[d - 1]),     \
	.flags = FD_REQUIRED, .parse = parse_rating }
#define NOTE(d) { .name = "d" #d, .kind = FK_TEXT, .off = AB(in.notes[d - 1]) }
static const struct fdef rating_fields[] = {
	RATING(1), RATING(2), RATING(3), RATING(4), RATING(5), RATING(6)
};
static const struct fdef note_fields[] = {
	NOTE(1), NOTE(2), NOTE(3), NOTE(4), NOTE(5), NOTE(6)
};
#undef RATING
#undef NOTE
static const struct fdecoder dec_ratings = FDECODER("placement.ratings", struct assess_body,
    rating_fields);
static const struct fdecoder dec_notes = FDECODER("placement.notes", struct assess_body,
    note_fields);
#define ASSESS_ROWS                                                                     \
	{ .name = "ratings", .kind = FK_OBJECT, .flags = FD_REQUIRED, .sub = &dec_ratings, \
	  .msg = "must be an object with d1 to d6, each 0 to 4" },                     \
	{ .name = "notes", .kind = FK_OBJECT, .sub = &dec_notes,                        \
	  .msg = "must be an object with d1 to d6" },                                   \
	{ .name = "flags", .kind = FK_JSON, .off = AB(flags) }
static const struct fdef recommend_fields[] = { ASSESS_ROWS };
const struct fdecoder dec_placement_recommend = FDECODER("placement_recommend",
    struct assess_body, recommend_fields);

/* A placement recorded: the assessment, the level chosen and why, and the
 * table version whose recommendation the clinician saw. */
struct record_body {
	struct assess_body ab;		/* first: ASSESS_ROWS' offsets are into it */
	const char *chosen, *why;
	int64_t seen;			/* -1: not said */
};

#define RB(m) offsetof(struct record_body, m)
static const struct fdef record_fields[] = {
	ASSESS_ROWS,
	{ .name = "chosen_level", .kind = FK_TEXT, .off = RB(chosen) },
	{ .name = "override_reason", .kind = FK_TEXT, .off = RB(why) },
	{ .name = "table_version", .kind = FK_INT, .off = RB(seen), .flags = FD_NULL,
	  .min = 0, .max = INT64_MAX },
};
#undef RB
#undef ASSESS_ROWS
#undef AB
const struct fdecoder dec_placement_record = FDECODER("placement_record", struct record_body,
    record_fields);

/* b decoded by d from o (the assessment at its start); its flags' codes
 * onto b->in by the table t. */
static void
assess_from_json(const struct fdecoder *d, const struct placement_table *t, json_t *o,
    struct assess_body *b, struct arena *a, struct error *e)
{
	json_t *flags;
	size_t i;

	fdecode(d, o, a, b, NULL, e, NULL);
	if ((flags = b->flags) != NULL && !json_is_null(flags)) {
		if (!json_is_array(flags)) {
			error_field(e, "flags", "must be a list of flag codes");
		} else {
			for (i = 0; i < json_array_size(flags); i++) {
				json_t *x = json_array_get(flags, i);
				unsigned bit;
				if (!json_is_string(x) ||
				    !placement_flag_parse(t, json_string_value(x),
				    &bit)) {
					error_field(e, "flags", "holds an unknown flag");
					break;
				}
				b->in.flags |= bit;
			}
		}
	}
}

/* NULL when a reason is not valid UTF-8 (it never should be: see
 * PLACEMENT_REASON_LEN) — the caller answers 500 rather than drop it. */
static json_t *
reasons_json(const struct placement_result *res)
{
	json_t *a = json_array(), *x;
	int i;

	for (i = 0; i < res->nreasons; i++) {
		if ((x = json_string(res->reasons[i])) == NULL) {
			json_decref(a);
			return NULL;
		}
		json_array_append_new(a, x);
	}
	return a;
}

void
h_placement_recommend(struct req *r)
{
	struct placement_table t;
	struct placement_table_row meta;
	struct assess_body b;
	struct placement_result res;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !table_current(r, &t, &meta))
		return;
	error_clear(&e);
	memset(&b, 0, sizeof b);
	assess_from_json(&dec_placement_recommend, &t, o, &b, r->arena, &e);
	if (e.code == ERR_OK)
		placement_recommend(&t, &b.in, &res, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, json_pack("{s:s,s:s,s:o,s:b,s:s,s:I}", "recommended",
	    res.recommended, "recommended_name", level_find(res.recommended)->name, "reasons",
	    reasons_json(&res), "safety_response", res.safety_response, "edition",
	    t.edition, "table_version", (json_int_t)meta.version));
}


static json_t *
placement_to_json(const struct placement_row *p)
{
	json_error_t je;
	json_t *ratings = json_loads(p->ratings, 0, &je), *notes = json_loads(p->notes, 0, &je);
	json_t *flags = json_loads(p->flags, 0, &je), *reasons = json_loads(p->reasons, 0, &je);

	return json_pack("{s:I,s:o,s:o,s:s,s:I,s:o,s:o,s:o,s:s,s:o,s:s,s:s,s:s,s:o,s:I,s:o}",
	    "id", (json_int_t)p->id,
	    "client_id", p->client_id ? json_integer(p->client_id) : json_null(),
	    "inquiry_id", p->inquiry_id ? json_integer(p->inquiry_id) : json_null(),
	    "edition", p->edition, "table_version", (json_int_t)p->table_version,
	    "ratings", ratings ? ratings : json_object(), "notes", notes ? notes : json_object(),
	    "flags", flags ? flags : json_array(), "recommended", p->recommended,
	    "reasons", reasons ? reasons : json_array(), "chosen_level", p->chosen,
	    "override_reason", p->override_reason,
	    "assessed_by", p->assessed_by_name ? p->assessed_by_name : "",
	    "assessed_at", jtime(p->assessed_at),
	    "assessed_by_id", (json_int_t)p->assessed_by,
	    "differs", json_boolean(strcmp(p->chosen, p->recommended) != 0));
}

static void
placement_after(struct req *r)
{
	const struct placement_record_in *in = r->op->in;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	in->out->assessed_by_name = r->sess.username;
	reply_json(r, 201, placement_to_json(in->out));
}

/* Record an assessment for a client (client_id) or an inquiry (inquiry_id). */
static void
placement_record(struct req *r, int64_t client_id, int64_t inquiry_id)
{
	struct placement_record_in *op;
	struct placement_table t;
	struct placement_table_row meta;
	struct record_body b;
	struct placement_input *in = &b.ab.in;
	struct placement_result res;
	const char *chosen;
	json_t *ratings, *notes, *flags;
	struct error e;
	json_t *o;
	int d, k;

	if (!REQ_OP_INPUT(r, op) || (o = req_json_object(r)) == NULL ||
	    !table_current(r, &t, &meta))
		return;
	error_clear(&e);
	memset(&b, 0, sizeof b);
	b.why = "";
	b.seen = -1;
	assess_from_json(&dec_placement_record, &t, o, &b.ab, r->arena, &e);
	/* The version whose recommendation the clinician saw: when the table has
	 * changed since, the choice they made may not fit the new one. */
	if (b.seen >= 0 && b.seen != meta.version) {
		reply_err(r, ERR_CONFLICT, "The placement table changed since this recommendation "
		    "was shown, so it may differ now. Review the new recommendation and save again.");
		return;
	}
	chosen = b.chosen;
	if (e.code == ERR_OK && placement_recommend(&t, in, &res, &e) == ERR_OK)
		placement_choose(&res, chosen ? chosen : "", b.why, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	ratings = json_object();
	notes = json_object();
	flags = json_array();
	for (d = 0; d < DIM__MAX; d++) {
		json_object_set_new(ratings, dim_code((enum dim)d), json_integer(in->ratings[d]));
		json_object_set_new(notes, dim_code((enum dim)d), jstr(in->notes[d]));
	}
	for (k = 0; k < PLACEMENT_FLAGS_MAX; k++)
		if ((in->flags & (1u << k)) && t.flags[k].code)
			json_array_append_new(flags, json_string(t.flags[k].code));
	op->row.client_id = client_id;
	op->row.inquiry_id = inquiry_id;
	op->row.edition = t.edition;
	op->row.table_version = meta.version;
	op->row.ratings = json_dump_arena(r->arena, ratings);
	op->row.notes = json_dump_arena(r->arena, notes);
	op->row.flags = json_dump_arena(r->arena, flags);
	op->row.recommended = res.recommended;
	op->row.reasons = json_dump_arena(r->arena, reasons_json(&res));
	op->row.chosen = chosen;
	op->row.override_reason = strcmp(chosen, res.recommended) != 0 ? b.why : "";
	if (!op->row.ratings || !op->row.notes || !op->row.flags || !op->row.reasons) {
		reply_err(r, ERR_TOOLARGE, "The request is too large.");
		return;
	}
	req_audit_as(r, NULL,
	    strcmp(chosen, res.recommended) != 0 ? "level differs from recommendation" : "");
	req_op(r, op_placement_record_run, op, placement_after);
}

void
h_placement_record(struct req *r)
{
	placement_record(r, r->ids[0], 0);
}

/* The level-of-care assessment before a client record: on the inquiry,
 * carried to the client at conversion. */
void
h_inquiry_placement_record(struct req *r)
{
	placement_record(r, 0, r->ids[0]);
}

/* A page of an inquiry's assessments, newest first; read as the inquiry's
 * and, once converted, its client's. */
void
h_inquiry_placement_list(struct req *r)
{
	struct placement_row *items;
	struct inquiry q;
	struct page pg;
	struct error e;
	size_t n;
	int64_t total;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_inquiry_get(r->app->store, r->ids[0], r->arena, &q, &e) != ERR_OK ||
	    store_placement_list_inquiry(r->app->store, q.id, pg, r->arena, &items, &n, &total,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, q.id, q.client_id);
	reply_list(r, items, n, placement_to_json, total);
}

/* A page of the client's assessments, newest first, with the true total. */
void
h_placement_list(struct req *r)
{
	struct placement_row *items;
	struct client c;
	struct page pg;
	struct error e;
	size_t n;
	int64_t total;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_placement_list(r->app->store, c.id, pg, r->arena, &items, &n, &total,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, placement_to_json, total);
}

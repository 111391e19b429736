/*
 * api_placement.c — the six-dimension level-of-care assessment.
 *
 * The table (levels implied by each rating, forcing flags) is data in
 * src/core/placement.c; the recommendation and its reasons come from the
 * core.  A recorded placement keeps the ratings, notes and flags, the
 * recommendation with its reasons and table edition, and the level the
 * clinician chose — with a reason when it differs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/placement.h"
#include "http/req.h"

void
h_placement_table(struct req *r)
{
	const struct placement_table *t = &placement_default;
	json_t *levels = json_array(), *dims = json_array(), *flags = json_array();
	size_t i;
	int d, k;

	for (i = 0; i < level_count(); i++)
		json_array_append_new(levels, json_pack("{s:s,s:s,s:i}", "code",
		    level_at(i)->code, "name", level_at(i)->name, "rank", level_at(i)->rank));
	for (d = 0; d < DIM__MAX; d++) {
		json_t *cells = json_array();
		for (k = 0; k <= PLACEMENT_RATING_MAX; k++)
			json_array_append_new(cells, json_pack("{s:i,s:s,s:s}", "rating", k,
			    "word", placement_rating_word(k), "min_level", t->min_level[d][k]));
		json_array_append_new(dims, json_pack("{s:s,s:s,s:o}", "code",
		    dim_code((enum dim)d), "name", dim_name((enum dim)d), "ratings", cells));
	}
	for (k = 0; k < PLACEMENT_FLAGS_MAX; k++)
		if (t->flags[k].code != NULL)
			json_array_append_new(flags, json_pack("{s:s,s:s,s:s,s:b}", "code",
			    t->flags[k].code, "label", t->flags[k].label, "min_level",
			    t->flags[k].min_level, "safety_response", t->flags[k].safety_response));
	reply_json(r, 200, json_pack("{s:s,s:o,s:o,s:o}", "edition", t->edition, "levels",
	    levels, "dimensions", dims, "flags", flags));
}

/* {"ratings": {"d1":..}, "notes": {"d1":..}?, "flags": [..]?} onto in. */
static void
placement_input_json(json_t *o, struct placement_input *in, struct arena *a, struct error *e)
{
	json_t *ratings = json_object_get(o, "ratings");
	json_t *notes = json_object_get(o, "notes");
	json_t *flags = json_object_get(o, "flags");
	char f[32];
	int d;
	size_t i;

	memset(in, 0, sizeof *in);
	if (!json_is_object(ratings)) {
		error_field(e, "ratings", "must be an object with d1 to d6, each 0 to 4");
	} else {
		for (d = 0; d < DIM__MAX; d++) {
			json_t *v = json_object_get(ratings, dim_code((enum dim)d));
			snprintf(f, sizeof f, "ratings.%s", dim_code((enum dim)d));
			if (v == NULL)
				error_field(e, f, "is required");
			else if (!json_is_integer(v))
				error_field(e, f, "must be a whole number from 0 to 4");
			else
				in->ratings[d] = json_integer_value(v) < 0 ||
				    json_integer_value(v) > PLACEMENT_RATING_MAX ? -1 :
				    (int)json_integer_value(v);	/* -1: the core names it */
		}
		if (json_object_size(ratings) > DIM__MAX)
			error_field(e, "ratings", "has keys other than d1 to d6");
	}
	if (notes != NULL && !json_is_null(notes)) {
		if (!json_is_object(notes)) {
			error_field(e, "notes", "must be an object with d1 to d6");
		} else {
			for (d = 0; d < DIM__MAX; d++) {
				snprintf(f, sizeof f, "notes.%s", dim_code((enum dim)d));
				jfield_str(notes, dim_code((enum dim)d), a, &in->notes[d], e, f);
			}
		}
	}
	if (flags != NULL && !json_is_null(flags)) {
		if (!json_is_array(flags)) {
			error_field(e, "flags", "must be a list of flag codes");
		} else {
			for (i = 0; i < json_array_size(flags); i++) {
				json_t *x = json_array_get(flags, i);
				unsigned bit;
				if (!json_is_string(x) ||
				    !placement_flag_parse(&placement_default, json_string_value(x),
				    &bit)) {
					error_field(e, "flags", "holds an unknown flag");
					break;
				}
				in->flags |= bit;
			}
		}
	}
}

static json_t *
reasons_json(const struct placement_result *res)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < res->nreasons; i++)
		json_array_append_new(a, json_string(res->reasons[i]));
	return a;
}

static const char *const recommend_keys[] = { "ratings", "notes", "flags", NULL };

void
h_placement_recommend(struct req *r)
{
	struct placement_input in;
	struct placement_result res;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	json_only_keys(o, recommend_keys, &e, NULL);
	placement_input_json(o, &in, r->arena, &e);
	if (e.code == ERR_OK)
		placement_recommend(&placement_default, &in, &res, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, json_pack("{s:s,s:s,s:o,s:b,s:s}", "recommended", res.recommended,
	    "recommended_name", level_find(res.recommended)->name, "reasons",
	    reasons_json(&res), "safety_response", res.safety_response, "edition",
	    placement_default.edition));
}

static char *
dumps_arena(struct arena *a, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT);
	char *c = s ? arena_strdup(a, s) : NULL;

	free(s);
	json_decref(v);
	return c;
}

static json_t *
placement_to_json(const struct placement_row *p)
{
	json_error_t je;
	json_t *ratings = json_loads(p->ratings, 0, &je), *notes = json_loads(p->notes, 0, &je);
	json_t *flags = json_loads(p->flags, 0, &je), *reasons = json_loads(p->reasons, 0, &je);

	return json_pack("{s:I,s:I,s:s,s:o,s:o,s:o,s:s,s:o,s:s,s:s,s:s,s:o,s:I,s:o}",
	    "id", (json_int_t)p->id, "client_id", (json_int_t)p->client_id,
	    "edition", p->edition,
	    "ratings", ratings ? ratings : json_object(), "notes", notes ? notes : json_object(),
	    "flags", flags ? flags : json_array(), "recommended", p->recommended,
	    "reasons", reasons ? reasons : json_array(), "chosen_level", p->chosen,
	    "override_reason", p->override_reason,
	    "assessed_by", p->assessed_by_name ? p->assessed_by_name : "",
	    "assessed_at", jtime(p->assessed_at),
	    "assessed_by_id", (json_int_t)p->assessed_by,
	    "differs", json_boolean(strcmp(p->chosen, p->recommended) != 0));
}

struct placement_job {
	struct req *r;
	struct placement_row row;
};

static enum err
placement_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct placement_job *j = arg;
	struct client c;

	if (store_tx_client_get(tx, j->row.client_id, j->r->arena, &c, e) != ERR_OK ||
	    store_tx_placement_insert(tx, &j->row, e) != ERR_OK)
		return e->code;
	j->r->audit[0].record_id = j->row.id;
	return ERR_OK;
}

static void
placement_after(struct req *r)
{
	struct placement_job *j = r->run_arg;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	j->row.assessed_by_name = r->sess.username;
	reply_json(r, 201, placement_to_json(&j->row));
}

static const char *const record_keys[] = {
	"ratings", "notes", "flags", "chosen_level", "override_reason", NULL
};

void
h_placement_record(struct req *r)
{
	struct placement_job *j = arena_alloc(r->arena, sizeof *j);
	struct placement_input in;
	struct placement_result res;
	const char *chosen = NULL, *why = "";
	json_t *ratings, *notes, *flags;
	struct error e;
	json_t *o;
	int d, k;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	json_only_keys(o, record_keys, &e, NULL);
	placement_input_json(o, &in, r->arena, &e);
	jfield_str(o, "chosen_level", r->arena, &chosen, &e, NULL);
	jfield_str(o, "override_reason", r->arena, &why, &e, NULL);
	if (e.code == ERR_OK && placement_recommend(&placement_default, &in, &res, &e) == ERR_OK)
		placement_choose(&res, chosen ? chosen : "", why, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	ratings = json_object();
	notes = json_object();
	flags = json_array();
	for (d = 0; d < DIM__MAX; d++) {
		json_object_set_new(ratings, dim_code((enum dim)d), json_integer(in.ratings[d]));
		json_object_set_new(notes, dim_code((enum dim)d), jstr(in.notes[d]));
	}
	for (k = 0; k < PLACEMENT_FLAGS_MAX; k++)
		if ((in.flags & (1u << k)) && placement_default.flags[k].code)
			json_array_append_new(flags, json_string(placement_default.flags[k].code));
	j->r = r;
	j->row.client_id = r->ids[0];
	j->row.edition = placement_default.edition;
	j->row.ratings = dumps_arena(r->arena, ratings);
	j->row.notes = dumps_arena(r->arena, notes);
	j->row.flags = dumps_arena(r->arena, flags);
	j->row.recommended = res.recommended;
	j->row.reasons = dumps_arena(r->arena, reasons_json(&res));
	j->row.chosen = chosen;
	j->row.override_reason = strcmp(chosen, res.recommended) != 0 ? why : "";
	j->row.assessed_by = r->sess.staff_id;
	if (!j->row.ratings || !j->row.notes || !j->row.flags || !j->row.reasons) {
		reply_err(r, ERR_TOOLARGE, "The request is too large.");
		return;
	}
	req_audit(r, "placement.record", "placement", 0, r->ids[0],
	    strcmp(chosen, res.recommended) != 0 ? "level differs from recommendation" : "");
	req_write(r, placement_run, j, placement_after);
}

CLIENT_LIST(h_placement_list, store_placement_list, struct placement_row,
    placement_to_json, "placement.list")

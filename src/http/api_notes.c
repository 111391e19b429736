/*
 * api_notes.c — clinical notes (issue 13, items 2-4): open the note of a
 * held session or an appointment, read one (a draft prefilled), a client's
 * notes (only that client's part of a group note), write a draft, sign,
 * co-sign, add an addendum, and the worklist of notes to sign.
 *
 * Every write to a note goes through /notes/{id} whatever its kind; a write
 * to a signed note other than an addendum answers 409 `conflict` and
 * changes nothing.  The rules are core/note.c's, the writes
 * src/ops/note.c's.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/note.h"
#include "core/plan.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/note.h"
#include "store/notes.h"

/* ---- JSON out -------------------------------------------------------------- */

static json_t *
jid(int64_t id)
{
	return id != 0 ? json_integer(id) : json_null();
}

static json_t *
codes_json(const char *csv)
{
	json_t *arr = json_array();
	const char *p = csv != NULL ? csv : "";

	while (*p) {
		const char *c = strchr(p, ',');
		size_t n = c != NULL ? (size_t)(c - p) : strlen(p);

		if (n > 0)
			json_array_append_new(arr, json_stringn(p, n));
		p += n + (c != NULL);
	}
	return arr;
}

static json_t *
keys_json(const char *csv)
{
	json_t *arr = json_array();
	const char *p = csv != NULL ? csv : "";

	while (*p) {
		char *end;
		long long v = strtoll(p, &end, 10);

		if (end == p)
			break;
		json_array_append_new(arr, json_integer(v));
		p = *end == ',' ? end + 1 : end;
	}
	return arr;
}

static json_t *
part_json(const struct note *n, const struct note_part *p)
{
	json_t *o, *objs = json_array();
	const char *names[NOTE_SECTIONS];
	size_t ns = note_form_sections(n->form, names);

	for (size_t i = 0; i < p->nobjectives; i++)
		json_array_append_new(objs, json_pack("{s:I,s:o}", "key",
		    (json_int_t)p->objectives[i], "text", jstr(p->objective_texts != NULL ?
		    p->objective_texts[i] : "")));
	o = json_pack("{s:I,s:{s:o,s:o,s:o,s:o},s:o,s:o,s:o,s:i,s:o,s:b}",
	    "client_id", (json_int_t)p->client_id,
	    "client", "mrn", jstr(p->mrn), "first_name", jstr(p->first_name), "last_name",
	    jstr(p->last_name), "preferred_name", jstr(p->preferred_name),
	    "attendance", jstr(p->attendance), "starts_at", jtime(p->starts_at),
	    "ends_at", jtime(p->ends_at), "minutes", p->minutes,
	    "objectives", objs, "no_objective_linked", note_part_unlinked(p));
	if (strcmp(n->kind, "group") == 0) {
		json_object_set_new(o, "participation", jstr(p->participation));
		json_object_set_new(o, "response", jstr(p->response));
		json_object_set_new(o, "progress", jstr(p->progress));
	} else {
		json_t *sec = json_object();

		for (size_t i = 0; i < ns; i++)
			json_object_set_new(sec, names[i], jstr(p->sec[i]));
		json_object_set_new(o, "sections", sec);
	}
	if (p->open != NULL || p->last != NULL) {
		json_t *open = json_array(), *last = json_null();

		for (size_t i = 0; i < p->nopen; i++)
			json_array_append_new(open, json_pack("{s:I,s:o,s:o}", "key",
			    (json_int_t)p->open[i].key, "text", jstr(p->open[i].text),
			    "target_date", jstr(p->open[i].target_date)));
		if (p->last != NULL)
			last = json_pack("{s:I,s:o,s:o,s:o,s:o,s:o}", "note_id",
			    (json_int_t)p->last->note_id, "date", jstr(p->last->date),
			    "participation", jstr(p->last->participation), "response",
			    jstr(p->last->response), "progress", jstr(p->last->progress),
			    "objective_keys", keys_json(p->last->objective_keys));
		json_object_set_new(o, "prefill", json_pack("{s:o,s:o}", "open_objectives",
		    open, "last", last));
	}
	return o;
}

static json_t *
note_json(const struct note *n)
{
	json_t *o, *parts = json_array(), *persons = json_array(), *adds = json_array(),
	    *absent = json_array(), *sig = json_null(), *cos = json_null(), *secn = json_array();
	const char *names[NOTE_SECTIONS];
	size_t ns = note_form_sections(n->form, names);
	bool unlinked = false;

	for (size_t i = 0; i < ns; i++)
		json_array_append_new(secn, json_string(names[i]));
	for (size_t i = 0; i < n->nparts; i++) {
		json_array_append_new(parts, part_json(n, &n->parts[i]));
		unlinked |= note_part_unlinked(&n->parts[i]);
	}
	for (size_t i = 0; i < n->npersons; i++)
		json_array_append_new(persons, json_integer(n->persons[i]));
	for (size_t i = 0; i < n->naddenda; i++) {
		const struct note_addendum *d = &n->addenda[i];
		json_array_append_new(adds, json_pack("{s:I,s:o,s:o,s:I,s:o,s:o}", "id",
		    (json_int_t)d->id, "client_id", jid(d->client_id), "text", jstr(d->text),
		    "created_by", (json_int_t)d->created_by, "created_by_name",
		    jstr(d->created_by_name), "created_at", jtime(d->created_at)));
	}
	for (size_t i = 0; i < n->nabsent; i++)
		json_array_append_new(absent, json_pack("{s:I,s:o,s:o,s:o,s:o}", "client_id",
		    (json_int_t)n->absent[i].client_id, "status", jstr(n->absent[i].status),
		    "first_name", jstr(n->absent[i].first_name), "last_name",
		    jstr(n->absent[i].last_name), "preferred_name",
		    jstr(n->absent[i].preferred_name)));
	if (n->signed_at != 0)
		sig = json_pack("{s:I,s:o,s:o}", "staff_id", (json_int_t)n->signed_by, "name",
		    jstr(n->signer_name), "signed_at", jtime(n->signed_at));
	if (n->cosigner_id != 0)
		cos = json_pack("{s:I,s:o,s:o}", "staff_id", (json_int_t)n->cosigner_id, "name",
		    jstr(n->cosigner_name), "signed_at", jtime(n->cosigned_at));
	o = json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)n->id,
	    "kind", jstr(n->kind), "session_id", jid(n->session_id),
	    "appointment_id", jid(n->appointment_id), "client_id", jid(n->client_id),
	    "status", jstr(n->status), "counts", json_boolean(note_counts(n)));
	json_object_set_new(o, "form", n->form != NULL && *n->form ? json_string(n->form) :
	    json_null());
	json_object_set_new(o, "section_names", secn);
	json_object_set_new(o, "group_type", jstr(n->group_type));
	json_object_set_new(o, "track_name", jstr(n->track_name));
	json_object_set_new(o, "date", n->date != NULL && *n->date ? json_string(n->date) :
	    json_null());
	json_object_set_new(o, "shared", json_pack("{s:o,s:o,s:o}", "topic", jstr(n->topic),
	    "content", jstr(n->content), "interventions", codes_json(n->interventions)));
	json_object_set_new(o, "starts_at", jtime(n->starts_at));
	json_object_set_new(o, "ends_at", jtime(n->ends_at));
	json_object_set_new(o, "minutes", json_integer((n->ends_at - n->starts_at) / 60));
	json_object_set_new(o, "author", json_pack("{s:I,s:o}", "staff_id",
	    (json_int_t)n->author_id, "name", jstr(n->author_name)));
	json_object_set_new(o, "staff_id", jid(n->staff_id));
	json_object_set_new(o, "created_at", jtime(n->created_at));
	json_object_set_new(o, "updated_at", jtime(n->updated_at));
	json_object_set_new(o, "signature", sig);
	json_object_set_new(o, "cosignature", cos);
	json_object_set_new(o, "awaits_cosignature", json_boolean(note_awaits_cosign(n)));
	json_object_set_new(o, "no_objective_linked", json_boolean(unlinked));
	json_object_set_new(o, "parts", parts);
	json_object_set_new(o, "person_ids", persons);
	json_object_set_new(o, "addenda", adds);
	if (n->prefilled)
		json_object_set_new(o, "prefill", json_pack("{s:o}", "last",
		    n->last_shared == NULL ? json_null() : json_pack("{s:I,s:o,s:o}",
		    "note_id", (json_int_t)n->last_shared->note_id, "date",
		    jstr(n->last_shared->date), "interventions",
		    codes_json(n->last_shared->interventions))));
	if (strcmp(n->kind, "group") == 0)
		json_object_set_new(o, "absent", absent);
	else
		json_decref(absent);
	return o;
}

/* ---- bodies ---------------------------------------------------------------- */

struct patch_body {
	json_t *shared, *parts, *sections, *objective_keys, *person_ids;
	const char *form, *topic;
	int64_t starts_at, ends_at;
};
#define PB(m) offsetof(struct patch_body, m)
static const struct fdef note_patch_fields[] = {
	{ .name = "shared", .kind = FK_JSON, .off = PB(shared) },
	{ .name = "parts", .kind = FK_JSON, .off = PB(parts) },
	{ .name = "form", .kind = FK_TEXT, .off = PB(form), .max = 10 },
	{ .name = "topic", .kind = FK_TEXT, .off = PB(topic), .max = NOTE_TOPIC_MAX },
	{ .name = "sections", .kind = FK_JSON, .off = PB(sections) },
	{ .name = "starts_at", .kind = FK_INSTANT, .off = PB(starts_at) },
	{ .name = "ends_at", .kind = FK_INSTANT, .off = PB(ends_at) },
	{ .name = "objective_keys", .kind = FK_JSON, .off = PB(objective_keys) },
	{ .name = "person_ids", .kind = FK_JSON, .off = PB(person_ids) },
};
#undef PB
const struct fdecoder dec_note_patch = FDECODER("note_patch", struct patch_body,
    note_patch_fields);

struct shared_body {
	const char *topic, *content;
	json_t *interventions;
};
#define SB(m) offsetof(struct shared_body, m)
static const struct fdef note_shared_fields[] = {
	{ .name = "topic", .kind = FK_TEXT, .off = SB(topic), .max = NOTE_TOPIC_MAX },
	{ .name = "content", .kind = FK_TEXT, .off = SB(content), .max = NOTE_TEXT_MAX },
	{ .name = "interventions", .kind = FK_JSON, .off = SB(interventions) },
};
#undef SB
const struct fdecoder dec_note_shared = FDECODER("note_shared", struct shared_body,
    note_shared_fields);

struct part_body {
	int64_t client_id;
	const char *participation, *response, *progress;
	json_t *objective_keys;
};
#define TB(m) offsetof(struct part_body, m)
static const struct fdef note_part_fields[] = {
	{ .name = "client_id", .kind = FK_INT, .off = TB(client_id), .flags = FD_REQUIRED,
	  .min = 1, .max = INT64_MAX, .msg = "must name a client present at the session" },
	{ .name = "participation", .kind = FK_TEXT, .off = TB(participation), .max = 20 },
	{ .name = "response", .kind = FK_TEXT, .off = TB(response), .max = NOTE_TEXT_MAX },
	{ .name = "progress", .kind = FK_TEXT, .off = TB(progress), .max = NOTE_TEXT_MAX },
	{ .name = "objective_keys", .kind = FK_JSON, .off = TB(objective_keys) },
};
#undef TB
const struct fdecoder dec_note_part = FDECODER("note_part", struct part_body,
    note_part_fields);

struct addendum_body {
	const char *text;
	int64_t client_id;
};
static const struct fdef note_addendum_fields[] = {
	{ .name = "text", .kind = FK_TEXT, .off = offsetof(struct addendum_body, text),
	  .flags = FD_REQUIRED, .max = NOTE_ADDENDUM_MAX },
	{ .name = "client_id", .kind = FK_INT, .off = offsetof(struct addendum_body,
	  client_id), .flags = FD_NULL, .min = 1, .max = INT64_MAX,
	  .msg = "must name a client with a part in this note, or be null" },
};
const struct fdecoder dec_note_addendum = FDECODER("note_addendum", struct addendum_body,
    note_addendum_fields);

/* A list of ids at field (null: none), at most max; false after an error. */
static bool
ids_decode(json_t *v, const char *field, size_t max, struct arena *a, int64_t **out,
    size_t *n, struct error *e)
{
	size_t i;
	json_t *x;

	*out = NULL;
	*n = 0;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_array(v)) {
		error_field(e, field, "must be a list of ids");
		return false;
	}
	if (json_array_size(v) > max) {
		error_field(e, field, "may hold at most %zu ids", max);
		return false;
	}
	if (json_array_size(v) > 0 &&
	    (*out = arena_alloc(a, json_array_size(v) * sizeof **out)) == NULL) {
		error_set(e, ERR_NOMEM, "Out of memory.");
		return false;
	}
	json_array_foreach(v, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) < 1) {
			error_field(e, field, "must be a list of ids");
			return false;
		}
		(*out)[(*n)++] = json_integer_value(x);
	}
	return true;
}

static bool
codes_decode(json_t *v, const char *field, struct arena *a, const char ***out, size_t *n,
    struct error *e)
{
	size_t i;
	json_t *x;

	*out = NULL;
	*n = 0;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_array(v) || json_array_size(v) > NOTE_INTERVENTIONS_MAX) {
		error_field(e, field, "must be a list of at most %d intervention codes",
		    NOTE_INTERVENTIONS_MAX);
		return false;
	}
	if (json_array_size(v) > 0 &&
	    (*out = arena_alloc(a, json_array_size(v) * sizeof **out)) == NULL) {
		error_set(e, ERR_NOMEM, "Out of memory.");
		return false;
	}
	json_array_foreach(v, i, x) {
		if (!json_is_string(x)) {
			error_field(e, field, "must be a list of intervention codes");
			return false;
		}
		(*out)[(*n)++] = json_string_value(x);
	}
	return true;
}

/* The PATCH body into in; false after answering. */
static bool
patch_decode(struct req *r, struct note_update_in *in)
{
	struct patch_body b;
	struct error e;
	json_t *o;
	char f[64];

	memset(&b, 0, sizeof b);
	error_clear(&e);
	if ((o = req_json_object(r)) == NULL)
		return false;
	if (!fdecode(&dec_note_patch, o, r->arena, &b, NULL, &e, NULL))
		goto bad;
	in->form = b.form;
	in->topic = b.topic;
	in->starts_at = b.starts_at;
	in->ends_at = b.ends_at;
	if (b.shared != NULL && !json_is_null(b.shared)) {
		struct shared_body sb = { NULL, NULL, NULL };

		if (!json_is_object(b.shared))
			error_field(&e, "shared", "must be an object");
		else if (fdecode(&dec_note_shared, b.shared, r->arena, &sb, NULL, &e, "shared")) {
			if (sb.topic != NULL)
				in->topic = sb.topic;
			in->content = sb.content;
			if (sb.interventions != NULL) {
				in->have_interventions = true;
				codes_decode(sb.interventions, "shared.interventions", r->arena,
				    &in->interventions, &in->ninterventions, &e);
			}
		}
	}
	if (b.parts != NULL && !json_is_null(b.parts)) {
		size_t n = json_is_array(b.parts) ? json_array_size(b.parts) : 0;

		if (!json_is_array(b.parts) || n > NOTE_PARTS_MAX)
			error_field(&e, "parts", "must be a list of at most %d parts",
			    NOTE_PARTS_MAX);
		else if (n > 0) {
			if ((in->parts = arena_alloc(r->arena, n * sizeof *in->parts)) == NULL) {
				error_set(&e, ERR_NOMEM, "Out of memory.");
				goto bad;
			}
			memset(in->parts, 0, n * sizeof *in->parts);
			for (size_t i = 0; i < n; i++) {
				json_t *x = json_array_get(b.parts, i);
				struct part_body pb;

				memset(&pb, 0, sizeof pb);
				snprintf(f, sizeof f, "parts[%zu]", i);
				if (!json_is_object(x)) {
					error_field(&e, f, "must be an object");
					continue;
				}
				if (!fdecode(&dec_note_part, x, r->arena, &pb, NULL, &e, f))
					continue;
				in->parts[i].p.client_id = pb.client_id;
				in->parts[i].p.participation = pb.participation;
				in->parts[i].p.response = pb.response;
				in->parts[i].p.progress = pb.progress;
				if (pb.objective_keys != NULL) {
					snprintf(f, sizeof f, "parts[%zu].objective_keys", i);
					in->parts[i].have_objectives = true;
					ids_decode(pb.objective_keys, f, NOTE_OBJECTIVES_MAX,
					    r->arena, &in->parts[i].p.objectives,
					    &in->parts[i].p.nobjectives, &e);
				}
			}
			in->nparts = n;
		}
	}
	if (b.sections != NULL && !json_is_null(b.sections)) {
		const char *k;
		json_t *v;
		size_t n = json_is_object(b.sections) ? json_object_size(b.sections) : 0;

		if (!json_is_object(b.sections) || n > NOTE_SECTIONS)
			error_field(&e, "sections", "must be an object of the form's sections, "
			    "each a text");
		else if (n > 0) {
			in->section_names = arena_alloc(r->arena, n * sizeof *in->section_names);
			in->section_texts = arena_alloc(r->arena, n * sizeof *in->section_texts);
			if (in->section_names == NULL || in->section_texts == NULL) {
				error_set(&e, ERR_NOMEM, "Out of memory.");
				goto bad;
			}
			json_object_foreach(b.sections, k, v) {
				if (!json_is_string(v) && !json_is_null(v)) {
					snprintf(f, sizeof f, "sections.%.40s", k);
					error_field(&e, f, "must be a text");
					continue;
				}
				in->section_names[in->nsections] = k;
				in->section_texts[in->nsections++] = json_is_null(v) ? "" :
				    json_string_value(v);
			}
		}
	}
	if (b.objective_keys != NULL) {
		in->have_objectives = true;
		ids_decode(b.objective_keys, "objective_keys", NOTE_OBJECTIVES_MAX, r->arena,
		    &in->objectives, &in->nobjectives, &e);
	}
	if (b.person_ids != NULL) {
		in->have_persons = true;
		ids_decode(b.person_ids, "person_ids", NOTE_PERSONS_MAX, r->arena, &in->persons,
		    &in->npersons, &e);
	}
	if (e.code == ERR_OK)
		return true;
bad:
	reply_error(r, &e);
	return false;
}

/* ---- handlers -------------------------------------------------------------- */

/* The note read again, whole and prefilled, after a write; audit rows name
 * its clients. */
static void
reply_note(struct req *r, int64_t id, int status)
{
	struct note n;
	struct error e;

	error_clear(&e);
	if (store_note_get(r->app->store, id, 0, NOTE_READ_PREFILL, r->arena, &n, &e) !=
	    ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, status, note_json(&n));
}

static void
open_session_after(struct req *r)
{
	const struct note_open_session_in *in = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_note(r, in->out->id, in->made ? 201 : 200);
}

static void
open_appt_after(struct req *r)
{
	const struct note_open_appt_in *in = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_note(r, in->out->id, in->made ? 201 : 200);
}

static void
write_after(struct req *r)
{
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_note(r, r->op->res.id, 200);
}

static void
addendum_after(struct req *r)
{
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_note(r, r->op->res.id, 201);
}

/* POST /sessions/{id}/note: the held session's group note (made once). */
void
h_session_note(struct req *r)
{
	struct note_open_session_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->session_id = r->ids[0];
	req_op(r, op_note_open_session_run, in, open_session_after);
}

/* POST /appointments/{id}/note: the appointment's note (made once). */
void
h_appointment_note(struct req *r)
{
	struct note_open_appt_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->appt_id = r->ids[0];
	req_op(r, op_note_open_appt_run, in, open_appt_after);
}

/* GET /notes/{id}: whole, a draft with what to pick from. */
void
h_note_get(struct req *r)
{
	struct note n;
	struct error e;

	error_clear(&e);
	if (store_note_get(r->app->store, r->ids[0], 0, NOTE_READ_PREFILL, r->arena, &n, &e) !=
	    ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_listed(r, n.client_id);
	for (size_t i = 0; i < n.nparts; i++)
		req_listed(r, n.parts[i].client_id);
	for (size_t i = 0; i < n.nabsent; i++)
		req_listed(r, n.absent[i].client_id);
	reply_json(r, 200, note_json(&n));
}

/* PATCH /notes/{id}: a draft's shared part, parts, sections, times. */
void
h_note_patch(struct req *r)
{
	struct note_update_in *in;

	if (!REQ_OP_INPUT(r, in) || !patch_decode(r, in))
		return;
	in->id = r->ids[0];
	req_op(r, op_note_update_run, in, write_after);
}

/* POST /notes/{id}/sign: every part at once. */
void
h_note_sign(struct req *r)
{
	struct note_sign_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->id = r->ids[0];
	req_op(r, op_note_sign_run, in, write_after);
}

/* POST /notes/{id}/cosign: the supervisor's co-signature. */
void
h_note_cosign(struct req *r)
{
	struct note_sign_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->id = r->ids[0];
	req_op(r, op_note_cosign_run, in, write_after);
}

/* POST /notes/{id}/addenda {"text","client_id"?}. */
void
h_note_addendum(struct req *r)
{
	struct note_addendum_in *in;
	struct addendum_body b = { NULL, 0 };
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	if (!fdecode(&dec_note_addendum, o, r->arena, &b, NULL, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	in->text = b.text;
	in->client_id = b.client_id;
	req_op(r, op_note_addendum_run, in, addendum_after);
}

/* GET /clients/{id}/notes: newest first, each with this client's part only. */
void
h_client_notes(struct req *r)
{
	struct note *items;
	struct client c;
	struct error e;
	json_t *arr;
	size_t n;

	error_clear(&e);
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_note_list_client(r->app->store, c.id, r->arena, &items, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = note_json(&items[i]);

		/* Another client's name never shows in this client's list. */
		json_object_del(o, "absent");
		json_array_append_new(arr, o);
	}
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)n));
}

/* GET /note-worklist?all=true: my drafts older than 24 hours and the notes
 * waiting for my co-signature; all=true (a director): everyone's drafts
 * older than 72 hours.  Oldest first. */
void
h_note_worklist(struct req *r)
{
	const char *all = req_query(r, "all");
	bool everyone = all != NULL && strcmp(all, "true") == 0;
	struct note *items;
	struct error e;
	json_t *arr;
	size_t n;
	struct buf ids;

	error_clear(&e);
	if (all != NULL && !everyone && strcmp(all, "false") != 0) {
		error_field(&e, "all", "must be true or false");
		reply_error(r, &e);
		return;
	}
	if (everyone && !(r->sess.roles & ((roleset)1u << ROLE_DIRECTOR))) {
		reply_err(r, ERR_FORBIDDEN, "Everyone's unsigned notes are the director's list.");
		return;
	}
	if (store_note_worklist(r->app->store, everyone ? 0 : r->sess.staff_id,
	    r->now - (everyone ? NOTE_OVERDUE_DIRECTOR : NOTE_OVERDUE_AUTHOR),
	    everyone ? 0 : r->sess.staff_id, r->arena, &items, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	arr = json_array();
	buf_init(&ids, 0);
	buf_puts(&ids, "ids=");
	for (size_t i = 0; i < n; i++) {
		const struct note *x = &items[i];
		json_t *o = json_pack("{s:I,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:{s:I,s:o}}",
		    "note_id", (json_int_t)x->id, "kind", jstr(x->kind), "reason",
		    note_signed(x) ? "cosign" : "unsigned", "created_at", jtime(x->created_at),
		    "starts_at", jtime(x->starts_at), "signed_at", jtime(x->signed_at),
		    "group_type", jstr(x->group_type), "track_name", jstr(x->track_name),
		    "author", "staff_id", (json_int_t)x->author_id, "name", jstr(x->author_name));

		json_object_set_new(o, "topic", jstr(x->topic));
		json_object_set_new(o, "client_id", jid(x->client_id));
		if (x->client_id != 0)
			json_object_set_new(o, "client", json_pack("{s:o,s:o,s:o}", "first_name",
			    jstr(x->client_first), "last_name", jstr(x->client_last),
			    "preferred_name", jstr(x->client_preferred)));
		json_array_append_new(arr, o);
		buf_printf(&ids, "%s%lld", i ? "," : "", (long long)x->id);
		req_listed(r, x->client_id);
	}
	req_audit_as(r, NULL, buf_cstr(&ids));
	buf_free(&ids);
	reply_json(r, 200, json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)n));
}

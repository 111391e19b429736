/*
 * note.c — clinical notes opened, written, signed, co-signed and added to.
 *
 * Each write reads the note inside its transaction (a draft group note's
 * parts as attendance says now), asks core/note.c whether the step is
 * allowed, writes, and reads the note back whole for the answer.  A signed
 * note is never written but for its addenda and its co-signature.
 */
#include <stdio.h>
#include <string.h>

#include "core/schedule.h"
#include "core/validate.h"
#include "ops/note.h"
#include "store/notes.h"

static enum err
done(struct store_tx *tx, int64_t id, struct op_result *res, struct note *out,
    struct error *e)
{
	if (store_tx_note_get(tx, id, res->arena, out, e) != ERR_OK)
		return e->code;
	res->id = id;
	if (out->client_id != 0 && op_touched(res, out->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	for (size_t i = 0; i < out->nparts; i++)
		if (op_touched(res, out->parts[i].client_id) != ERR_OK)
			return error_set(e, ERR_NOMEM, "Out of memory.");
	/* The answer names the roster's absent clients too. */
	for (size_t i = 0; i < out->nabsent; i++)
		if (op_touched(res, out->absent[i].client_id) != ERR_OK)
			return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

enum err
op_note_open_session(struct store_tx *tx, const struct actor *who,
    const struct note_open_session_in *in, struct op_result *res, struct error *e)
{
	struct group_session g;
	struct note n;
	int64_t id = 0;

	if (store_tx_note_of_session(tx, in->session_id, &id, e) != ERR_OK)
		return e->code;
	if (id != 0) {
		((struct note_open_session_in *)in)->made = false;
		return done(tx, id, res, in->out, e);
	}
	if (store_tx_gsession_get(tx, in->session_id, res->arena, &g, e) != ERR_OK)
		return e->code;
	if (g.cancelled)
		return error_set(e, ERR_CONFLICT, "This session was cancelled: there is no "
		    "group note to write.");
	if (g.starts_at > who->now)
		return error_set(e, ERR_CONFLICT, "This session has not started yet: write "
		    "its note once it is held.");
	memset(&n, 0, sizeof n);
	n.kind = "group";
	n.session_id = g.id;
	n.topic = g.topic;
	n.starts_at = g.starts_at;
	n.ends_at = g.ends_at;
	n.author_id = who->staff_id;
	n.created_at = who->now;
	if (store_tx_note_insert(tx, &n, e) != ERR_OK)
		return e->code;
	((struct note_open_session_in *)in)->made = true;
	return done(tx, n.id, res, in->out, e);
}

enum err
op_note_open_appt(struct store_tx *tx, const struct actor *who,
    const struct note_open_appt_in *in, struct op_result *res, struct error *e)
{
	struct appointment ap;
	struct note n;
	struct note_part p;
	const char *kind;
	int64_t id = 0;

	if (store_tx_note_of_appointment(tx, in->appt_id, &id, e) != ERR_OK)
		return e->code;
	if (id != 0) {
		((struct note_open_appt_in *)in)->made = false;
		return done(tx, id, res, in->out, e);
	}
	if (store_tx_appt_get(tx, in->appt_id, res->arena, &ap, e) != ERR_OK)
		return e->code;
	if (strcmp(ap.status, "cancelled") == 0)
		return error_set(e, ERR_CONFLICT, "This appointment was cancelled: there is no "
		    "note to write.");
	if (ap.attendance != NULL && (strcmp(ap.attendance, "no_show") == 0 ||
	    strcmp(ap.attendance, "late_cancellation") == 0))
		return error_set(e, ERR_CONFLICT, "The client did not come to this appointment: "
		    "there is no note to write.");
	if (ap.starts_at > who->now)
		return error_set(e, ERR_CONFLICT, "This appointment has not started yet: write "
		    "its note once it is held.");
	if ((kind = note_kind_for_appointment(ap.kind)) == NULL)
		return error_set(e, ERR_CONFLICT, "This kind of appointment has no note.");
	memset(&n, 0, sizeof n);
	n.kind = kind;
	n.appointment_id = ap.id;
	n.form = strcmp(kind, "medication_management") == 0 ? "soap" : "dap";
	n.starts_at = ap.starts_at;
	n.ends_at = ap.attended_minutes > 0 ? ap.starts_at + ap.attended_minutes * 60 :
	    ap.ends_at;
	n.author_id = who->staff_id;
	n.created_at = who->now;
	if (store_tx_note_insert(tx, &n, e) != ERR_OK)
		return e->code;
	memset(&p, 0, sizeof p);
	p.client_id = ap.client_id;
	p.starts_at = n.starts_at;
	p.ends_at = n.ends_at;
	p.minutes = (int)((n.ends_at - n.starts_at) / 60);
	if (store_tx_note_part_put(tx, n.id, &p, false, e) != ERR_OK)
		return e->code;
	if (ap.npersons > 0) {
		int64_t ids[APPT_PERSONS_MAX];
		size_t k = 0;

		for (size_t i = 0; i < ap.npersons && k < APPT_PERSONS_MAX; i++)
			ids[k++] = ap.persons[i].contact_id;
		if (store_tx_note_persons_set(tx, n.id, ids, k, e) != ERR_OK)
			return e->code;
	}
	((struct note_open_appt_in *)in)->made = true;
	return done(tx, n.id, res, in->out, e);
}

/* Each objective key of p is one of the client's. */
static enum err
objectives_of_client(struct store_tx *tx, const int64_t *keys, size_t n, int64_t client_id,
    const char *field, struct error *e)
{
	for (size_t i = 0; i < n; i++) {
		bool ok = false;

		if (store_tx_note_objective_of_client(tx, keys[i], client_id, &ok, e) != ERR_OK)
			return e->code;
		if (!ok) {
			error_field(e, field, "links %lld, which is not an objective of this "
			    "client's treatment plan", (long long)keys[i]);
			break;
		}
	}
	return e->code;
}

static const char *
pick(const char *given, const char *had)
{
	return given != NULL ? given : had;
}

/* The interventions as stored: "cbt,relapse_prevention". */
static const char *
codes_join(const char *const *codes, size_t n, struct arena *a)
{
	size_t len = 1, at = 0;
	char *s;

	for (size_t i = 0; i < n; i++)
		len += strlen(codes[i]) + 1;
	if ((s = arena_alloc(a, len)) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(codes[i]);

		if (i)
			s[at++] = ',';
		memcpy(s + at, codes[i], k);
		at += k;
	}
	s[at] = '\0';
	return s;
}

static enum err
update_group(struct store_tx *tx, const struct note_update_in *in, struct note *n,
    struct error *e)
{
	char f[64];

	for (size_t i = 0; i < in->nparts; i++) {
		const struct note_part_in *pi = &in->parts[i];
		struct note_part *had = NULL;

		snprintf(f, sizeof f, "parts[%zu]", i);
		note_part_check(&pi->p, f, e);
		for (size_t k = 0; k < n->nparts; k++)
			if (n->parts[k].client_id == pi->p.client_id)
				had = &n->parts[k];
		snprintf(f, sizeof f, "parts[%zu].client_id", i);
		if (had == NULL) {
			error_field(e, f, "is not marked present, late or left early at this "
			    "session: only they have a part");
			continue;
		}
		for (size_t k = 0; k < i; k++)
			if (in->parts[k].p.client_id == pi->p.client_id)
				error_field(e, f, "is given twice");
		snprintf(f, sizeof f, "parts[%zu].objective_keys", i);
		if (pi->have_objectives)
			objectives_of_client(tx, pi->p.objectives, pi->p.nobjectives,
			    pi->p.client_id, f, e);
	}
	if (e->code != ERR_OK)
		return e->code;
	for (size_t i = 0; i < in->nparts; i++) {
		const struct note_part_in *pi = &in->parts[i];
		struct note_part p;

		memset(&p, 0, sizeof p);
		for (size_t k = 0; k < n->nparts; k++)
			if (n->parts[k].client_id == pi->p.client_id) {
				p = n->parts[k];
				break;
			}
		p.participation = pick(pi->p.participation, p.participation);
		p.response = pick(pi->p.response, p.response);
		p.progress = pick(pi->p.progress, p.progress);
		if (pi->have_objectives) {
			p.objectives = pi->p.objectives;
			p.nobjectives = pi->p.nobjectives;
		}
		if (store_tx_note_part_put(tx, n->id, &p, pi->have_objectives, e) != ERR_OK)
			return e->code;
	}
	return ERR_OK;
}

static enum err
update_appt(struct store_tx *tx, const struct note_update_in *in, struct note *n,
    struct arena *a, struct error *e)
{
	const char *names[NOTE_SECTIONS];
	size_t ns = note_form_sections(n->form, names);
	struct note_part p;
	char f[64];

	if (in->nparts > 0)
		error_field(e, "parts", "are for a group note: write this note's sections");
	if (n->nparts != 1)
		return error_set(e, ERR_CONFLICT, "This note has no client part.");
	p = n->parts[0];
	if (in->form != NULL && strcmp(in->form, n->form) != 0) {
		/* Another form: its sections start empty. */
		for (size_t i = 0; i < NOTE_SECTIONS; i++)
			p.sec[i] = "";
	}
	for (size_t i = 0; i < in->nsections; i++) {
		size_t k;

		for (k = 0; k < ns; k++)
			if (strcmp(names[k], in->section_names[i]) == 0)
				break;
		snprintf(f, sizeof f, "sections.%.40s", in->section_names[i]);
		if (k == ns) {
			error_field(e, f, "is not a section of the %s form", n->form);
			continue;
		}
		if (strlen(in->section_texts[i]) > NOTE_TEXT_MAX) {
			error_field(e, f, "may be at most %d characters", NOTE_TEXT_MAX);
			continue;
		}
		p.sec[k] = in->section_texts[i];
	}
	if (in->have_objectives) {
		struct note_part chk;

		memset(&chk, 0, sizeof chk);
		chk.objectives = in->objectives;
		chk.nobjectives = in->nobjectives;
		note_part_check(&chk, "", e);
		objectives_of_client(tx, in->objectives, in->nobjectives, p.client_id,
		    "objective_keys", e);
		p.objectives = in->objectives;
		p.nobjectives = in->nobjectives;
	}
	if (in->have_persons) {
		if (strcmp(n->kind, "family") != 0 && in->npersons > 0)
			error_field(e, "person_ids", "are for a family session's note");
		else if (in->npersons > NOTE_PERSONS_MAX)
			error_field(e, "person_ids", "may name at most %d persons",
			    NOTE_PERSONS_MAX);
		else if (n->client_id != 0) {
			struct appointment ap;

			if (store_tx_appt_get(tx, n->appointment_id, a, &ap, e) != ERR_OK)
				return e->code;
			for (size_t i = 0; i < in->npersons; i++) {
				bool ok = false;

				for (size_t k = 0; k < ap.npersons; k++)
					ok |= ap.persons[k].contact_id == in->persons[i];
				if (!ok) {
					snprintf(f, sizeof f, "person_ids[%zu]", i);
					error_field(e, f, "is not one of the persons booked for "
					    "this appointment");
				}
			}
		}
	}
	if (e->code != ERR_OK)
		return e->code;
	p.starts_at = n->starts_at;
	p.ends_at = n->ends_at;
	p.minutes = (int)((n->ends_at - n->starts_at) / 60);
	if (store_tx_note_part_put(tx, n->id, &p, in->have_objectives, e) != ERR_OK)
		return e->code;
	if (in->have_persons && store_tx_note_persons_set(tx, n->id, in->persons, in->npersons,
	    e) != ERR_OK)
		return e->code;
	return ERR_OK;
}

enum err
op_note_update(struct store_tx *tx, const struct actor *who, const struct note_update_in *in,
    struct op_result *res, struct error *e)
{
	struct note n;
	bool group;

	if (store_tx_note_get(tx, in->id, res->arena, &n, e) != ERR_OK ||
	    note_check_draft(&n, e) != ERR_OK)
		return e->code;
	group = strcmp(n.kind, "group") == 0;
	if (in->form != NULL) {
		const char *names[NOTE_SECTIONS];

		if (group)
			error_field(e, "form", "is for an appointment's note: a group note has "
			    "its shared part and a part per client");
		else if (note_form_sections(in->form, names) == 0)
			error_field(e, "form", "must be dap, soap or birp");
	}
	if (in->topic != NULL && strlen(in->topic) > NOTE_TOPIC_MAX)
		error_field(e, group ? "shared.topic" : "topic", "may be at most %d characters",
		    NOTE_TOPIC_MAX);
	if (in->content != NULL && strlen(in->content) > NOTE_TEXT_MAX)
		error_field(e, "shared.content", "may be at most %d characters", NOTE_TEXT_MAX);
	if (in->have_interventions)
		note_interventions_check(in->interventions, in->ninterventions,
		    group ? "shared.interventions" : "interventions", e);
	if (in->starts_at != 0 || in->ends_at != 0) {
		if (group)
			error_field(e, "starts_at", "of a group note are the session's and each "
			    "client's attendance");
		else
			note_times_check(in->starts_at != 0 ? in->starts_at : n.starts_at,
			    in->ends_at != 0 ? in->ends_at : n.ends_at, e);
	}
	if (group && (in->nsections > 0 || in->have_objectives || in->have_persons))
		error_field(e, in->nsections > 0 ? "sections" : in->have_objectives ?
		    "objective_keys" : "person_ids", "are written in each client's part of a "
		    "group note");
	if (e->code != ERR_OK)
		return e->code;
	if (!group && in->form != NULL)
		n.form = in->form;
	n.topic = pick(in->topic, n.topic);
	n.content = pick(in->content, n.content);
	if (in->have_interventions &&
	    (n.interventions = codes_join(in->interventions, in->ninterventions,
	    res->arena)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (in->starts_at != 0)
		n.starts_at = in->starts_at;
	if (in->ends_at != 0)
		n.ends_at = in->ends_at;
	if (store_tx_note_update(tx, &n, who->staff_id, e) != ERR_OK)
		return e->code;
	if (group ? update_group(tx, in, &n, e) != ERR_OK :
	    update_appt(tx, in, &n, res->arena, e) != ERR_OK)
		return e->code;
	return done(tx, n.id, res, in->out, e);
}

enum err
op_note_sign(struct store_tx *tx, const struct actor *who, const struct note_sign_in *in,
    struct op_result *res, struct error *e)
{
	struct note n;
	int64_t cosigner = 0;

	if (store_tx_note_get(tx, in->id, res->arena, &n, e) != ERR_OK ||
	    note_check_sign(&n, e) != ERR_OK)
		return e->code;
	if (strcmp(n.kind, "group") == 0) {
		/* The parts attendance gives now, frozen with what was written. */
		if (store_tx_note_parts_clear(tx, n.id, e) != ERR_OK)
			return e->code;
		for (size_t i = 0; i < n.nparts; i++)
			if (store_tx_note_part_put(tx, n.id, &n.parts[i], true, e) != ERR_OK)
				return e->code;
	}
	if (store_tx_note_supervision(tx, who->staff_id, res->arena, &cosigner, e) != ERR_OK)
		return e->code;
	if (cosigner == who->staff_id)
		cosigner = 0;
	if (store_tx_note_sign(tx, n.id, who->staff_id, who->now, cosigner, e) != ERR_OK)
		return e->code;
	return done(tx, n.id, res, in->out, e);
}

enum err
op_note_cosign(struct store_tx *tx, const struct actor *who, const struct note_sign_in *in,
    struct op_result *res, struct error *e)
{
	struct note n;

	if (store_tx_note_get(tx, in->id, res->arena, &n, e) != ERR_OK ||
	    note_check_cosign(&n, who->staff_id, e) != ERR_OK)
		return e->code;
	if (store_tx_note_cosign(tx, n.id, who->staff_id, who->now, e) != ERR_OK)
		return e->code;
	return done(tx, n.id, res, in->out, e);
}

enum err
op_note_addendum(struct store_tx *tx, const struct actor *who,
    const struct note_addendum_in *in, struct op_result *res, struct error *e)
{
	struct note n;
	struct note_addendum d;
	bool ok;

	if (in->text == NULL || text_blank(in->text))
		return error_field(e, "text", "is required: write the addendum");
	if (strlen(in->text) > NOTE_ADDENDUM_MAX)
		return error_field(e, "text", "may be at most %d characters", NOTE_ADDENDUM_MAX);
	if (store_tx_note_get(tx, in->id, res->arena, &n, e) != ERR_OK)
		return e->code;
	if (!note_signed(&n))
		return error_set(e, ERR_CONFLICT, "This note is a draft: change it instead of "
		    "adding an addendum.");
	ok = in->client_id == 0;
	for (size_t i = 0; i < n.nparts; i++)
		ok |= n.parts[i].client_id == in->client_id;
	if (!ok)
		return error_field(e, "client_id", "has no part in this note");
	memset(&d, 0, sizeof d);
	d.note_id = n.id;
	d.client_id = in->client_id;
	d.text = in->text;
	d.created_by = who->staff_id;
	d.created_at = who->now;
	if (store_tx_note_addendum(tx, &d, e) != ERR_OK)
		return e->code;
	return done(tx, n.id, res, in->out, e);
}

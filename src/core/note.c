/*
 * note.c — the rules of clinical notes: kinds, forms and their sections,
 * participation chips, what a draft's writes may hold and when a note may
 * be signed and co-signed.
 *
 * Pure: no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "core/note.h"
#include "core/plan.h"
#include "core/validate.h"

static const char *const kind_names[NOTE_KIND__MAX] = {
	[NOTE_GROUP] = "group",
	[NOTE_INDIVIDUAL] = "individual",
	[NOTE_FAMILY] = "family",
	[NOTE_MEDICATION] = "medication_management",
	[NOTE_CASE] = "case_management",
};

const char *
note_kind_name(enum note_kind k)
{
	return (int)k >= 0 && k < NOTE_KIND__MAX ? kind_names[k] : "";
}

bool
note_kind_parse(const char *s, enum note_kind *out)
{
	int i = name_index(kind_names, NOTE_KIND__MAX, s);

	if (i < 0)
		return false;
	*out = (enum note_kind)i;
	return true;
}

const char *
note_kind_for_appointment(const char *appt_kind)
{
	static const struct {
		const char *appt, *note;
	} map[] = {
		{ "individual_therapy", "individual" },
		{ "assessment", "individual" },
		{ "family_therapy", "family" },
		{ "medication_management", "medication_management" },
		{ "case_management", "case_management" },
	};

	if (appt_kind == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].appt, appt_kind) == 0)
			return map[i].note;
	return NULL;
}

size_t
note_form_sections(const char *form, const char *names[NOTE_SECTIONS])
{
	static const char *const dap[] = { "data", "assessment", "plan" };
	static const char *const soap[] = { "subjective", "objective", "assessment", "plan" };
	static const char *const birp[] = { "behavior", "intervention", "response", "plan" };
	const char *const *v = NULL;
	size_t n = 0;

	for (size_t i = 0; i < NOTE_SECTIONS; i++)
		names[i] = NULL;
	if (form == NULL)
		return 0;
	if (strcmp(form, "dap") == 0) {
		v = dap;
		n = 3;
	} else if (strcmp(form, "soap") == 0) {
		v = soap;
		n = 4;
	} else if (strcmp(form, "birp") == 0) {
		v = birp;
		n = 4;
	}
	for (size_t i = 0; i < n; i++)
		names[i] = v[i];
	return n;
}

const char *const note_participations[] = {
	"active", "attentive", "quiet", "distracted", "resistant", "disruptive",
};
const size_t nnote_participations = sizeof note_participations /
    sizeof note_participations[0];

bool
note_participation_known(const char *s)
{
	if (s == NULL || *s == '\0')
		return true;
	for (size_t i = 0; i < nnote_participations; i++)
		if (strcmp(note_participations[i], s) == 0)
			return true;
	return false;
}

bool
note_signed(const struct note *n)
{
	return n->signed_at != 0 || (n->status != NULL && strcmp(n->status, "signed") == 0);
}

bool
note_awaits_cosign(const struct note *n)
{
	return note_signed(n) && n->cosigner_id != 0 && n->cosigned_at == 0;
}

bool
note_counts(const struct note *n)
{
	return note_signed(n) && !note_awaits_cosign(n);
}

enum err
note_check_draft(const struct note *n, struct error *e)
{
	if (note_signed(n))
		return error_set(e, ERR_CONFLICT, "This note is signed and cannot be changed: "
		    "add an addendum instead.");
	return ERR_OK;
}

enum err
note_check_cosign(const struct note *n, int64_t staff_id, struct error *e)
{
	if (!note_signed(n))
		return error_set(e, ERR_CONFLICT, "This note is not signed yet: it is "
		    "co-signed after its author signs it.");
	if (n->cosigner_id == 0)
		return error_set(e, ERR_CONFLICT, "This note needs no co-signature.");
	if (n->cosigned_at != 0)
		return error_set(e, ERR_CONFLICT, "This note is co-signed already.");
	if (n->cosigner_id != staff_id)
		return error_set(e, ERR_FORBIDDEN, "Only the author's supervisor (%s) can "
		    "co-sign this note.", n->cosigner_name != NULL && *n->cosigner_name ?
		    n->cosigner_name : "named on the note");
	return ERR_OK;
}

enum err
note_interventions_check(const char *const *codes, size_t n, const char *field,
    struct error *e)
{
	char f[64];

	if (n > NOTE_INTERVENTIONS_MAX)
		return error_field(e, field, "may name at most %d interventions",
		    NOTE_INTERVENTIONS_MAX);
	for (size_t i = 0; i < n; i++) {
		snprintf(f, sizeof f, "%s[%zu]", field, i);
		if (intervention_find(codes[i]) == NULL)
			error_field(e, f, "is not a known intervention");
		for (size_t j = 0; j < i; j++)
			if (strcmp(codes[i], codes[j]) == 0)
				error_field(e, f, "is named twice");
	}
	return e->code;
}

static void
text_max(const char *s, size_t max, const char *prefix, const char *name, struct error *e)
{
	char f[96];

	if (s == NULL || strlen(s) <= max)
		return;
	snprintf(f, sizeof f, "%s%s%s", prefix != NULL ? prefix : "",
	    prefix != NULL && *prefix ? "." : "", name);
	error_field(e, f, "may be at most %zu characters", max);
}

enum err
note_part_check(const struct note_part *p, const char *prefix, struct error *e)
{
	char f[96];
	static const char *const secn[NOTE_SECTIONS] = { "sec1", "sec2", "sec3", "sec4" };

	if (!note_participation_known(p->participation)) {
		snprintf(f, sizeof f, "%s%sparticipation", prefix, *prefix ? "." : "");
		error_field(e, f, "must be one of active, attentive, quiet, distracted, "
		    "resistant, disruptive");
	}
	text_max(p->response, NOTE_TEXT_MAX, prefix, "response", e);
	text_max(p->progress, NOTE_TEXT_MAX, prefix, "progress", e);
	for (size_t i = 0; i < NOTE_SECTIONS; i++)
		text_max(p->sec[i], NOTE_TEXT_MAX, prefix, secn[i], e);
	snprintf(f, sizeof f, "%s%sobjective_keys", prefix, *prefix ? "." : "");
	if (p->nobjectives > NOTE_OBJECTIVES_MAX)
		error_field(e, f, "may link at most %d objectives", NOTE_OBJECTIVES_MAX);
	else
		for (size_t i = 0; i < p->nobjectives; i++)
			for (size_t j = 0; j < i; j++)
				if (p->objectives[i] == p->objectives[j]) {
					error_field(e, f, "links objective %lld twice",
					    (long long)p->objectives[i]);
					break;
				}
	return e->code;
}

enum err
note_times_check(int64_t starts_at, int64_t ends_at, struct error *e)
{
	if (ends_at <= starts_at)
		return error_field(e, "ends_at", "must be after the start");
	if (ends_at - starts_at > NOTE_LONG_SECONDS)
		return error_field(e, "ends_at", "must be at most 12 hours after the start");
	return ERR_OK;
}

bool
note_part_unlinked(const struct note_part *p)
{
	return p->nobjectives == 0;
}

enum err
note_check_sign(const struct note *n, struct error *e)
{
	if (note_check_draft(n, e) != ERR_OK)
		return e->code;
	if (strcmp(n->kind, "group") == 0) {
		if (n->nparts == 0)
			return error_set(e, ERR_CONFLICT, "No client is marked present, late or "
			    "left early at this session: take attendance on the roster first.");
		if (text_blank(n->content))
			return error_field(e, "shared.content", "is required to sign: say what "
			    "the group worked on");
		return ERR_OK;
	}
	{
		const char *names[NOTE_SECTIONS];
		size_t ns = note_form_sections(n->form, names);
		bool any = false;

		if (ns == 0)
			return error_field(e, "form", "must be chosen (dap, soap or birp) to sign");
		if (n->nparts == 0)
			return error_set(e, ERR_CONFLICT, "This note has no client part.");
		for (size_t i = 0; i < ns; i++)
			any |= !text_blank(n->parts[0].sec[i]);
		if (!any)
			return error_field(e, "sections", "are empty: write the note before "
			    "signing it");
	}
	return ERR_OK;
}

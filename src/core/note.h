/*
 * note.h — clinical notes (issue 13, items 2-4): one record family for every
 * kind of note.
 *
 * A group note belongs to a held group session: a shared part (topic,
 * content, interventions used) written once, and one part per client marked
 * present, late or left early (participation, response, progress, linked
 * plan objectives).  Individual, family, medication-management and
 * case-management notes belong to an appointment and hold one client's part
 * in DAP, SOAP or BIRP form.  Every part carries, per client, its start and
 * end instants, minutes attended and linked objective keys, which is what
 * billing (item 8) reads.
 *
 * A note is a draft until it is signed; the signature (signer, instant)
 * locks it and only addenda follow.  A note signed by a staff member who
 * needs supervision waits for the supervisor's co-signature before it
 * counts.
 *
 * Pure: no I/O.
 */
#ifndef IOP_NOTE_H
#define IOP_NOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

#define NOTE_TEXT_MAX 8000		/* a section, content or progress text, in bytes */
#define NOTE_TOPIC_MAX 200
#define NOTE_ADDENDUM_MAX 4000
#define NOTE_OBJECTIVES_MAX 12		/* linked per part */
#define NOTE_INTERVENTIONS_MAX 12
#define NOTE_PARTS_MAX 60		/* parts in one write */
#define NOTE_PERSONS_MAX 8
#define NOTE_SECTIONS 4
#define NOTE_LONG_SECONDS (12 * 3600)	/* an individual note's longest span */
/* Worklist ages: the author's own unsigned notes, and the director's view. */
#define NOTE_OVERDUE_AUTHOR (24 * 3600)
#define NOTE_OVERDUE_DIRECTOR (72 * 3600)

enum note_kind {
	NOTE_GROUP, NOTE_INDIVIDUAL, NOTE_FAMILY, NOTE_MEDICATION, NOTE_CASE, NOTE_KIND__MAX
};
const char *note_kind_name(enum note_kind k);	/* "group" ... ; "" out of range */
bool note_kind_parse(const char *s, enum note_kind *out);
/* The note kind for an appointment kind ("family_therapy" -> "family");
 * NULL when the appointment kind has none. */
const char *note_kind_for_appointment(const char *appt_kind);

/* "dap", "soap", "birp": the sections of each form, by name, in order.
 * Returns the number of sections (0: unknown form); names[i] set. */
size_t note_form_sections(const char *form, const char *names[NOTE_SECTIONS]);

/* A group part's participation: a few chips. */
extern const char *const note_participations[];
extern const size_t nnote_participations;
bool note_participation_known(const char *s);	/* "" is known: not yet said */

/* An objective as offered for linking (the client's current plan). */
struct note_objective_choice {
	int64_t client_id, key;
	const char *text;
	const char *target_date;
};

/* The same client's part in the last group note of the same track. */
struct note_last_part {
	int64_t client_id, note_id;
	const char *date;
	const char *participation, *response, *progress;
	const char *objective_keys;	/* "3,5" */
};

/* The shared part of the track's last group note before this one (a group
 * draft's prefill: "Same interventions as last time"). */
struct note_last_shared {
	int64_t note_id;
	const char *date;
	const char *interventions;	/* codes, comma-separated */
};

/* One client's part of a note. */
struct note_part {
	int64_t client_id;
	const char *attendance;		/* group: present, late, left_early; "" otherwise */
	int64_t starts_at, ends_at;
	int minutes;
	const char *participation, *response, *progress;	/* group parts */
	const char *sec[NOTE_SECTIONS];	/* the form's sections */
	int64_t *objectives;		/* linked objective keys */
	size_t nobjectives;
	/* Read with it. */
	const char *mrn, *first_name, *last_name, *preferred_name;
	const char **objective_texts;	/* beside objectives */
	struct note_objective_choice *open;	/* a draft's choices */
	size_t nopen;
	struct note_last_part *last;	/* NULL: none */
};

struct note_addendum {
	int64_t id, note_id, client_id;
	const char *text;
	int64_t created_by, created_at;
	const char *created_by_name;
};

/* A client on the roster not marked present (a group note shows them). */
struct note_absent {
	int64_t client_id;
	const char *status, *first_name, *last_name, *preferred_name;
};

struct note {
	int64_t id;
	const char *kind;		/* a note_kind_name */
	int64_t session_id, appointment_id;
	const char *form;		/* "", "dap", "soap", "birp" */
	const char *topic, *content;
	const char *interventions;	/* codes, comma-separated */
	int64_t starts_at, ends_at;
	const char *status;		/* "draft", "signed" */
	int64_t author_id, created_at, updated_by, updated_at;
	int64_t signed_by, signed_at, cosigner_id, cosigned_at;
	/* Read with it. */
	int64_t client_id;		/* the appointment's client; 0 for a group note */
	int64_t staff_id;		/* the session's facilitator or the appointment's staff */
	const char *group_type, *track_name, *date;
	const char *author_name, *signer_name, *cosigner_name;
	const char *client_first, *client_last, *client_preferred;	/* an appointment's */
	struct note_part *parts;
	size_t nparts;
	int64_t *persons;		/* family: contacts present */
	size_t npersons;
	struct note_addendum *addenda;
	size_t naddenda;
	struct note_absent *absent;
	size_t nabsent;
	bool prefilled;			/* a group draft read with its prefill */
	const struct note_last_shared *last_shared;	/* NULL: none (or not read) */
};

bool note_signed(const struct note *n);
/* Signed, and co-signed when a co-signature is needed: it counts. */
bool note_counts(const struct note *n);
/* Waiting for a co-signature. */
bool note_awaits_cosign(const struct note *n);

/* May the note be changed or signed (a draft)?  ERR_CONFLICT otherwise. */
enum err note_check_draft(const struct note *n, struct error *e);
/* May staff_id co-sign it: signed, waiting, and staff_id the supervisor
 * named.  ERR_CONFLICT or ERR_FORBIDDEN saying why. */
enum err note_check_cosign(const struct note *n, int64_t staff_id, struct error *e);

/* Interventions given as codes: each known, none twice, at most the max;
 * field errors at field[i].  Returns e->code. */
enum err note_interventions_check(const char *const *codes, size_t n, const char *field,
    struct error *e);

/* A part's own fields as written: participation known, texts within
 * limits, objectives at most NOTE_OBJECTIVES_MAX, none twice.  prefix names
 * it ("parts[2]").  NULL texts are "not given".  Returns e->code. */
enum err note_part_check(const struct note_part *p, const char *prefix, struct error *e);

/* An individual note's times: end after start, at most 12 hours.  Returns
 * e->code. */
enum err note_times_check(int64_t starts_at, int64_t ends_at, struct error *e);

/* Is the note complete enough to sign (what makes no sense otherwise): a
 * group note with content and at least one present client; another with a
 * form and some text in its sections.  A part with no objective linked is
 * allowed (note_flags says so).  ERR_INVALID naming the field, or
 * ERR_CONFLICT.  */
enum err note_check_sign(const struct note *n, struct error *e);

/* Whether a part has no objective linked (billing flags it). */
bool note_part_unlinked(const struct note_part *p);

#endif

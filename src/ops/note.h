/*
 * note.h — operations on clinical notes: open the note of a held group
 * session or of an appointment (idempotent), write a draft, sign it (every
 * part at once), co-sign it, add an addendum.
 *
 * Any write to a signed note other than an addendum is refused
 * (ERR_CONFLICT) and changes nothing: the rules are core/note.c's and the
 * store's status guards hold them again inside the transaction.
 */
#ifndef IOP_OPS_NOTE_H
#define IOP_OPS_NOTE_H

#include "core/note.h"
#include "ops/ops.h"

/* The group note of held session session_id, made when there is none:
 * *made says which.  out->id is the note's id. */
struct note_open_session_in {
	int64_t session_id;
	struct note *out;
	bool made;
};
OP_DECLARE(op_note_open_session, struct note_open_session_in)

/* The note of appointment appt_id (its kind from the appointment's). */
struct note_open_appt_in {
	int64_t appt_id;
	struct note *out;
	bool made;
};
OP_DECLARE(op_note_open_appt, struct note_open_appt_in)

/* One part as a write gives it: NULL texts are left as they are; the
 * objectives replace the linked ones when have_objectives. */
struct note_part_in {
	struct note_part p;
	bool have_objectives;
};

/* A draft's write; NULL / 0 / !have_*: left as it is. */
struct note_update_in {
	int64_t id;
	const char *form, *topic, *content;
	const char **interventions;
	size_t ninterventions;
	bool have_interventions;
	int64_t starts_at, ends_at;
	/* An appointment note's sections by name ("data", "subjective", ...). */
	const char **section_names, **section_texts;
	size_t nsections;
	/* An appointment note's linked objectives (its one part). */
	int64_t *objectives;
	size_t nobjectives;
	bool have_objectives;
	/* A group note's parts, by client. */
	struct note_part_in *parts;
	size_t nparts;
	/* A family note's persons present (contacts of the appointment's). */
	int64_t *persons;
	size_t npersons;
	bool have_persons;
	struct note *out;
};
OP_DECLARE(op_note_update, struct note_update_in)

/* The signature: every part at once, the parts of a group note made
 * complete from attendance and frozen. */
struct note_sign_in {
	int64_t id;
	struct note *out;
};
OP_DECLARE(op_note_sign, struct note_sign_in)
OP_DECLARE(op_note_cosign, struct note_sign_in)

/* An addendum to a signed note (client_id: about one client's part; 0:
 * the note as a whole). */
struct note_addendum_in {
	int64_t id, client_id;
	const char *text;
	struct note *out;
};
OP_DECLARE(op_note_addendum, struct note_addendum_in)

#endif

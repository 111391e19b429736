-- 0027: clinical notes (issue 13, items 2-4).
--
-- One family for every kind of note: a group note (one per held group
-- session) and individual, family, medication-management and case-management
-- notes (one per appointment).  A note is a draft until it is signed; a
-- signature (signer and instant) locks it and only addenda follow.  A note
-- signed by a staff member who needs supervision names the supervisor who
-- must co-sign it (cosigner_id) and counts only once cosigned_at is set.
--
-- A note's clinical content per client is a note_part: for a group note one
-- per client marked present, late or left early (written while the note is a
-- draft, made complete and frozen from attendance when it is signed); for
-- the other kinds the one client's part, holding the sections of its form
-- (DAP: data, assessment, plan; SOAP: subjective, objective, assessment,
-- plan; BIRP: behavior, intervention, response, plan in sec1..sec4).  Each
-- part has its own start and end instants and minutes, and links the plan
-- objectives (plan_objective_key) it worked on: what billing needs per
-- client and day.
CREATE TABLE note (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('group', 'individual', 'family',
		'medication_management', 'case_management')),
	session_id INTEGER REFERENCES group_session(id),
	appointment_id INTEGER REFERENCES appointment(id),
	form TEXT NOT NULL DEFAULT '' CHECK (form IN ('', 'dap', 'soap', 'birp')),
	topic TEXT NOT NULL DEFAULT '',
	content TEXT NOT NULL DEFAULT '',
	interventions TEXT NOT NULL DEFAULT '',	-- intervention codes, comma-separated
	starts_at INTEGER NOT NULL,
	ends_at INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
	author_id INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	updated_by INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	signed_by INTEGER NOT NULL DEFAULT 0,
	signed_at INTEGER NOT NULL DEFAULT 0,
	cosigner_id INTEGER NOT NULL DEFAULT 0,
	cosigned_at INTEGER NOT NULL DEFAULT 0,
	CHECK ((session_id IS NULL) <> (appointment_id IS NULL)),
	CHECK (ends_at > starts_at)
);
CREATE UNIQUE INDEX note_session ON note (session_id) WHERE session_id IS NOT NULL;
CREATE UNIQUE INDEX note_appointment ON note (appointment_id) WHERE appointment_id IS NOT NULL;
CREATE INDEX note_draft ON note (created_at) WHERE status = 'draft';
CREATE INDEX note_cosign ON note (cosigner_id) WHERE cosigner_id <> 0 AND cosigned_at = 0;

CREATE TABLE note_part (
	note_id INTEGER NOT NULL REFERENCES note(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	attendance TEXT NOT NULL DEFAULT '',
	starts_at INTEGER NOT NULL DEFAULT 0,
	ends_at INTEGER NOT NULL DEFAULT 0,
	minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
	participation TEXT NOT NULL DEFAULT '',
	response TEXT NOT NULL DEFAULT '',
	progress TEXT NOT NULL DEFAULT '',
	sec1 TEXT NOT NULL DEFAULT '',
	sec2 TEXT NOT NULL DEFAULT '',
	sec3 TEXT NOT NULL DEFAULT '',
	sec4 TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (note_id, client_id)
) WITHOUT ROWID;
CREATE INDEX note_part_client ON note_part (client_id, note_id);

CREATE TABLE note_objective (
	note_id INTEGER NOT NULL REFERENCES note(id),
	client_id INTEGER NOT NULL,
	objective_key INTEGER NOT NULL REFERENCES plan_objective_key(id),
	PRIMARY KEY (note_id, client_id, objective_key)
) WITHOUT ROWID;

-- The related persons present at a family session (from the appointment's).
CREATE TABLE note_person (
	note_id INTEGER NOT NULL REFERENCES note(id),
	contact_id INTEGER NOT NULL REFERENCES contact(id),
	PRIMARY KEY (note_id, contact_id)
) WITHOUT ROWID;

-- Addenda to a signed note; client_id 0: about the note as a whole.
CREATE TABLE note_addendum (
	id INTEGER PRIMARY KEY,
	note_id INTEGER NOT NULL REFERENCES note(id),
	client_id INTEGER NOT NULL DEFAULT 0,
	text TEXT NOT NULL,
	created_by INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX note_addendum_note ON note_addendum (note_id, id);

-- A staff member who needs supervision: their signed notes wait for the
-- supervisor's co-signature before they count.
ALTER TABLE staff ADD COLUMN needs_supervision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN supervisor_id INTEGER NOT NULL DEFAULT 0;

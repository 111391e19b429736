-- 0022: medications and drug screens (issue 13, items 5 and 6).
--
-- A medication on a client's list: its name, whether it is a medication for
-- addiction treatment (mat: a code of the vocabulary in core/medication.c,
-- '' for any other medication), the substances a drug screen would find
-- because of it (expected: a comma list of substance codes, core/drugscreen.c),
-- the dose as written, who prescribes it (one of our staff, prescriber_id, or
-- someone outside by name), start and stop dates (YYYY-MM-DD; '' not known /
-- not stopped).  Nothing is deleted: a mistaken entry is marked entered in
-- error with a reason and kept; every change first copies the row as it was
-- into medication_revision.
CREATE TABLE medication (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	name TEXT NOT NULL,
	mat TEXT NOT NULL DEFAULT '',
	expected TEXT NOT NULL DEFAULT '',
	dose TEXT NOT NULL DEFAULT '',
	prescriber_id INTEGER REFERENCES staff(id),
	prescriber_name TEXT NOT NULL DEFAULT '',
	start_date TEXT NOT NULL DEFAULT '',
	stop_date TEXT NOT NULL DEFAULT '',
	entered_in_error INTEGER NOT NULL DEFAULT 0,
	error_reason TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	changed_by INTEGER NOT NULL DEFAULT 0,
	changed_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX medication_client ON medication(client_id, id);

CREATE TABLE medication_revision (
	id INTEGER PRIMARY KEY,
	medication_id INTEGER NOT NULL REFERENCES medication(id),
	name TEXT NOT NULL,
	mat TEXT NOT NULL,
	expected TEXT NOT NULL,
	dose TEXT NOT NULL,
	prescriber_id INTEGER,
	prescriber_name TEXT NOT NULL,
	start_date TEXT NOT NULL,
	stop_date TEXT NOT NULL,
	entered_in_error INTEGER NOT NULL,
	error_reason TEXT NOT NULL,
	was_changed_by INTEGER NOT NULL,
	was_changed_at INTEGER NOT NULL,
	replaced_by INTEGER NOT NULL,
	replaced_at INTEGER NOT NULL
);
CREATE INDEX medication_revision_med ON medication_revision(medication_id, id);

-- A drug screen: when the specimen was collected, point of care or lab,
-- observed or not, the panel (a code of core/drugscreen.c's panels), and
-- once resulted (status 'resulted') the result per substance of the panel
-- (results: "code=positive|negative|not_tested" joined by commas).  expected
-- holds the substances prescribed on the collection date, from the
-- medication list when the results were entered; unexpected the substances
-- whose result was not what the prescriptions lead one to expect (a positive
-- not prescribed, a negative for one prescribed).  task_id: the review task
-- raised for the primary clinician, once per screen.  A correction of the
-- results copies the earlier ones into drug_screen_revision first.
CREATE TABLE drug_screen (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	collected_at INTEGER NOT NULL,
	method TEXT NOT NULL CHECK (method IN ('point_of_care', 'lab')),
	observed INTEGER NOT NULL DEFAULT 0,
	panel TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'resulted')),
	results TEXT NOT NULL DEFAULT '',
	expected TEXT NOT NULL DEFAULT '',
	unexpected TEXT NOT NULL DEFAULT '',
	task_id INTEGER NOT NULL DEFAULT 0,
	recorded_by INTEGER NOT NULL REFERENCES staff(id),
	recorded_at INTEGER NOT NULL,
	resulted_by INTEGER NOT NULL DEFAULT 0,
	resulted_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX drug_screen_client ON drug_screen(client_id, collected_at);

CREATE TABLE drug_screen_revision (
	id INTEGER PRIMARY KEY,
	drug_screen_id INTEGER NOT NULL REFERENCES drug_screen(id),
	results TEXT NOT NULL,
	expected TEXT NOT NULL,
	unexpected TEXT NOT NULL,
	resulted_by INTEGER NOT NULL,
	resulted_at INTEGER NOT NULL,
	replaced_by INTEGER NOT NULL,
	replaced_at INTEGER NOT NULL
);
CREATE INDEX drug_screen_revision_screen ON drug_screen_revision(drug_screen_id, id);

-- 0032: the aftercare plan of an episode (issue 14, item 3): where the client
-- goes on from the program.  One plan per episode, in versions: version 1 is
-- drafted at or before the discharge (the medications prefilled from the
-- client's current ones), edited while a draft, and locked once the client
-- signs it (typed name, the instant, the staff member who witnessed it).  A
-- change after signing is a new version, a draft copied from the signed one;
-- the old versions stay readable.  The lists (support groups, medications)
-- are rows under the version, replaced whole by each edit.
CREATE TABLE aftercare_plan (
	id INTEGER PRIMARY KEY,
	episode_id INTEGER NOT NULL REFERENCES episode(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	version INTEGER NOT NULL CHECK (version >= 1),
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
	provider_name TEXT NOT NULL DEFAULT '',
	provider_phone TEXT NOT NULL DEFAULT '',
	provider_address TEXT NOT NULL DEFAULT '',
	first_appt_date TEXT NOT NULL DEFAULT '',
	first_appt_time TEXT NOT NULL DEFAULT '',
	first_appt_with TEXT NOT NULL DEFAULT '',
	sober_status TEXT NOT NULL DEFAULT 'undecided'
		CHECK (sober_status IN ('undecided', 'not_needed', 'arranged')),
	sober_name TEXT NOT NULL DEFAULT '',
	sober_address TEXT NOT NULL DEFAULT '',
	sober_move_in TEXT NOT NULL DEFAULT '',
	crisis_warning_signs TEXT NOT NULL DEFAULT '',
	crisis_coping TEXT NOT NULL DEFAULT '',
	crisis_people TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	updated_by INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	client_signed_name TEXT NOT NULL DEFAULT '',
	client_signed_at INTEGER NOT NULL DEFAULT 0,
	witness_id INTEGER REFERENCES staff(id),
	UNIQUE (episode_id, version)
);
CREATE INDEX aftercare_plan_client ON aftercare_plan(client_id);

CREATE TABLE aftercare_group (
	plan_id INTEGER NOT NULL REFERENCES aftercare_plan(id),
	pos INTEGER NOT NULL,
	kind TEXT NOT NULL,
	details TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, pos)
);

CREATE TABLE aftercare_medication (
	plan_id INTEGER NOT NULL REFERENCES aftercare_plan(id),
	pos INTEGER NOT NULL,
	medication_id INTEGER REFERENCES medication(id),
	name TEXT NOT NULL,
	mat TEXT NOT NULL DEFAULT '',
	prescriber TEXT NOT NULL DEFAULT '',
	next_step TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, pos)
);

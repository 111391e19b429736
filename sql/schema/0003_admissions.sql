-- 0003: admissions — inquiries from the public page and the phone, and
-- screening instruments recorded for clients, with the alerts and tasks a
-- risk flag raises.  Lists of strings and score sets are stored as JSON
-- text written by the HTTP layer; the store does not interpret them.

CREATE TABLE inquiry (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,			-- help | insurance | phone
	status TEXT NOT NULL DEFAULT 'new',	-- new contacted screening_scheduled screened admitted referred closed
	name TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	ok_voicemail INTEGER NOT NULL DEFAULT 0,
	ok_text INTEGER NOT NULL DEFAULT 0,
	best_time TEXT NOT NULL DEFAULT '',
	for_whom TEXT NOT NULL DEFAULT 'self',	-- self | other
	caller_name TEXT NOT NULL DEFAULT '',
	caller_relationship TEXT NOT NULL DEFAULT '',
	substances TEXT NOT NULL DEFAULT '[]',	-- JSON array of strings
	urgency TEXT NOT NULL DEFAULT 'exploring',	-- today | this_week | exploring
	message TEXT NOT NULL DEFAULT '',
	ins_payer TEXT NOT NULL DEFAULT '',
	ins_member_id TEXT NOT NULL DEFAULT '',
	ins_group_number TEXT NOT NULL DEFAULT '',
	ins_subscriber_name TEXT NOT NULL DEFAULT '',
	ins_subscriber_dob TEXT NOT NULL DEFAULT '',
	ins_relationship TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT 'web',	-- web | phone
	referral_source TEXT NOT NULL DEFAULT '',
	assigned_to INTEGER REFERENCES staff(id),
	client_id INTEGER REFERENCES client(id),
	referred_to TEXT NOT NULL DEFAULT '',
	close_reason TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX inquiry_status ON inquiry(status, id);

CREATE TABLE screening (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	code TEXT NOT NULL,
	version TEXT NOT NULL,
	answers TEXT NOT NULL,		-- JSON, as given
	scores TEXT NOT NULL,		-- JSON object
	band TEXT NOT NULL,
	flags TEXT NOT NULL,		-- JSON array
	administered_by INTEGER NOT NULL REFERENCES staff(id),
	administered_at INTEGER NOT NULL
);
CREATE INDEX screening_client ON screening(client_id, id);

CREATE TABLE alert (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	kind TEXT NOT NULL,		-- suicide_risk, immediate_evaluation, ...
	message TEXT NOT NULL,
	source_type TEXT NOT NULL,	-- screening
	source_id INTEGER NOT NULL,
	raised_at INTEGER NOT NULL,
	resolved_at INTEGER NOT NULL DEFAULT 0,
	resolved_by INTEGER REFERENCES staff(id),
	response TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alert_client ON alert(client_id, resolved_at);

CREATE TABLE task (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,		-- alert_response, follow_up
	title TEXT NOT NULL,
	client_id INTEGER REFERENCES client(id),
	inquiry_id INTEGER REFERENCES inquiry(id),
	alert_id INTEGER REFERENCES alert(id),
	assigned_to INTEGER REFERENCES staff(id),
	due_at INTEGER NOT NULL DEFAULT 0,
	done_at INTEGER NOT NULL DEFAULT 0,
	done_by INTEGER REFERENCES staff(id),
	response TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX task_assigned ON task(assigned_to, done_at);

-- 0033: alumni (issue 14, item 4).  Staying in touch after discharge: the
-- check-ins due 30, 60, 90, 180 and 365 days after it, each a task of the
-- alumni coordinator's; alumni events with their RSVPs and attendance.

-- A staff flag, not a role (roles drive the permission table): check-in
-- tasks go to a coordinator (ops/alumni.c says which).
ALTER TABLE staff ADD COLUMN alumni_coordinator INTEGER NOT NULL DEFAULT 0;

-- One check-in of a discharged episode, made in the discharge's transaction
-- (ops/alumni.c).  outcome is '' until someone records a call: 'reached'
-- closes it; 'not_reached' counts an attempt, and the third unanswered
-- attempt closes it too (core/alumni.c).  The columns of the latest attempt
-- are kept (who, when, what was said); attempts counts them all.
CREATE TABLE alumni_checkin (
	id INTEGER PRIMARY KEY,
	episode_id INTEGER NOT NULL REFERENCES episode(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	day INTEGER NOT NULL CHECK (day IN (30, 60, 90, 180, 365)),
	due_on TEXT NOT NULL,
	outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'reached', 'not_reached')),
	attempts INTEGER NOT NULL DEFAULT 0,
	closed INTEGER NOT NULL DEFAULT 0,
	recovery_status TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	readmission_wanted INTEGER NOT NULL DEFAULT 0,
	inquiry_id INTEGER REFERENCES inquiry(id),
	contacted_by INTEGER REFERENCES staff(id),
	contacted_at INTEGER NOT NULL DEFAULT 0,
	task_id INTEGER REFERENCES task(id),
	created_at INTEGER NOT NULL,
	UNIQUE (episode_id, day)
);
CREATE INDEX alumni_checkin_client ON alumni_checkin(client_id, due_on);
CREATE INDEX alumni_checkin_task ON alumni_checkin(task_id);

-- An alumni event at a site: a date, a start time (the site's wall clock)
-- and a topic.
CREATE TABLE alumni_event (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES site(id),
	on_date TEXT NOT NULL,
	start_time TEXT NOT NULL,
	topic TEXT NOT NULL,
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL
);
CREATE INDEX alumni_event_date ON alumni_event(on_date, id);

-- An alumnus's answer to an event (yes, no, maybe) and whether they came
-- (NULL: not recorded yet).
CREATE TABLE alumni_rsvp (
	event_id INTEGER NOT NULL REFERENCES alumni_event(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	rsvp TEXT NOT NULL DEFAULT '' CHECK (rsvp IN ('', 'yes', 'no', 'maybe')),
	attended INTEGER CHECK (attended IN (0, 1)),
	updated_by INTEGER NOT NULL REFERENCES staff(id),
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (event_id, client_id)
);
CREATE INDEX alumni_rsvp_client ON alumni_rsvp(client_id);

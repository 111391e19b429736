-- 0016: the program's week — each track's weekly template of blocks, the
-- sites' closure days, and the group sessions generated from the templates.
--
-- A block is one group of a track's week: ISO weekday (1 = Monday), local
-- start (minutes after midnight, site time), length, group type and a topic
-- or a curriculum of topics (one a line) that rotates week by week.
CREATE TABLE track_block (
	id INTEGER PRIMARY KEY,
	track_id INTEGER NOT NULL REFERENCES track(id),
	position INTEGER NOT NULL,
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
	minutes INTEGER NOT NULL CHECK (minutes > 0),
	group_type TEXT NOT NULL,
	topic TEXT NOT NULL DEFAULT '',
	topics TEXT NOT NULL DEFAULT '',
	facilitator_id INTEGER REFERENCES staff(id),
	room_id INTEGER REFERENCES room(id)
);
CREATE INDEX track_block_track ON track_block(track_id, position);

-- A day a site is closed (a holiday): its sessions are cancelled with the
-- reason, and come back when the closure is removed.
CREATE TABLE site_closure (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES site(id),
	date TEXT NOT NULL,
	reason TEXT NOT NULL,
	created_by INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX site_closure_day ON site_closure(site_id, date);

-- A group session: one meeting of a track on a local date, at a wall time
-- stored as UTC instants.  A session from the template is keyed by
-- (track, date, local start) so generating twice makes nothing new; a
-- one-off session (one_off = 1) has no key.  closure_id: the closure that
-- cancelled it (NULL when it was cancelled by hand or is not cancelled).
CREATE TABLE group_session (
	id INTEGER PRIMARY KEY,
	track_id INTEGER NOT NULL REFERENCES track(id),
	site_id INTEGER NOT NULL REFERENCES site(id),
	date TEXT NOT NULL,
	start_min INTEGER NOT NULL,
	starts_at INTEGER NOT NULL,
	ends_at INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
	cancel_reason TEXT NOT NULL DEFAULT '',
	closure_id INTEGER REFERENCES site_closure(id),
	group_type TEXT NOT NULL,
	topic TEXT NOT NULL DEFAULT '',
	facilitator_id INTEGER REFERENCES staff(id),
	substitute_id INTEGER REFERENCES staff(id),
	room_id INTEGER REFERENCES room(id),
	one_off INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX group_session_slot ON group_session(track_id, date, start_min)
	WHERE one_off = 0;
CREATE INDEX group_session_track_start ON group_session(track_id, starts_at);
CREATE INDEX group_session_site_date ON group_session(site_id, date);
CREATE INDEX group_session_start ON group_session(starts_at);

-- A client's place on a track from a date (until_date exclusive, '' while
-- it lasts), within an episode.  The roster of a session is computed: the
-- clients enrolled on its track on its date whose episode was not yet
-- discharged — so a new client is on every future session at once, and
-- since enrolments change only from today on, past rosters never change.
CREATE TABLE enrolment (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	episode_id INTEGER NOT NULL REFERENCES episode(id),
	track_id INTEGER NOT NULL REFERENCES track(id),
	from_date TEXT NOT NULL,
	until_date TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);
CREATE INDEX enrolment_client ON enrolment(client_id, from_date);
CREATE INDEX enrolment_track ON enrolment(track_id, from_date);

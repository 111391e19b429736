-- 0005: episodes of care — one stay at one level, site and track.  A client
-- has at most one open episode (the partial unique index, and the admit
-- job's own check on the writer's connection).
CREATE TABLE episode (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	level TEXT NOT NULL,
	site_id INTEGER NOT NULL REFERENCES site(id),
	track_id INTEGER REFERENCES track(id),
	admitted_on TEXT NOT NULL,
	primary_clinician INTEGER NOT NULL REFERENCES staff(id),
	case_manager INTEGER REFERENCES staff(id),
	privacy_notice_given INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'open',
	discharged_on TEXT NOT NULL DEFAULT '',
	inquiry_id INTEGER REFERENCES inquiry(id),
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX episode_one_open ON episode(client_id) WHERE status = 'open';
CREATE INDEX episode_site ON episode(site_id, status);

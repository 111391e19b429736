-- 0036: care relationships and "break the glass" (issue 14, item 8).
--
-- Staff whose roles are only clinical see a client's records only when they
-- have a role in that client's care (src/core/care.h).  The care team is how
-- a case manager, nurse or prescriber joins a client's care by hand; a member
-- removed is kept, marked (removed_at), so who was in the client's care when
-- stays known.  An emergency declared ("break the glass") gives one staff
-- member access to one client until expires_at; each is flagged to the
-- director (a task) and kept here and in the audit log.
CREATE TABLE care_team (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	role_in_care TEXT NOT NULL DEFAULT '',
	added_by INTEGER NOT NULL REFERENCES staff(id),
	added_at INTEGER NOT NULL,
	removed_by INTEGER REFERENCES staff(id),
	removed_at INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX care_team_member ON care_team(client_id, staff_id) WHERE removed_at = 0;

CREATE TABLE emergency_access (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	reason TEXT NOT NULL,
	granted_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX emergency_access_who ON emergency_access(staff_id, client_id, expires_at);

-- The relationship query's ways in, each an indexed lookup by client.
CREATE INDEX episode_client ON episode(client_id);

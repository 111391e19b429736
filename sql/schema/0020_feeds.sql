-- 0020: calendar feeds (issue 12, item 8), and the SEQUENCE of the events
-- they carry.
--
-- A feed is an iCalendar (RFC 5545) view of one subject's schedule — a
-- client's, a staff member's, a room's or a track's — fetched without a
-- session by whoever holds its link.  The link carries a random token of
-- 32 bytes; only its SHA-256 is kept (as for sign-in sessions), so the
-- database cannot give the links away.  A feed revoked (revoked_at > 0)
-- answers 404 from then on; it is never deleted, so its audit rows keep
-- their meaning.
CREATE TABLE feed (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('client', 'staff', 'room', 'track')),
	subject_id INTEGER NOT NULL,
	token_hash BLOB NOT NULL UNIQUE,
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	revoked_at INTEGER NOT NULL DEFAULT 0,
	revoked_by INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feed_created_by ON feed(created_by, id);
CREATE INDEX feed_subject ON feed(kind, subject_id);

-- An event's SEQUENCE (RFC 5545 3.8.7.4): bumped on every change of its
-- time, status, facilitator (or substitute), staff member or room, so a
-- subscribed calendar takes the new version.  Kept by triggers, so every
-- write path (a patch, a regeneration from the template, a closure, a
-- reschedule, a cancellation) bumps it without knowing of feeds.
ALTER TABLE group_session ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointment ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER group_session_sequence AFTER UPDATE OF starts_at, ends_at, status,
	facilitator_id, substitute_id, room_id ON group_session
WHEN OLD.starts_at IS NOT NEW.starts_at OR OLD.ends_at IS NOT NEW.ends_at
	OR OLD.status IS NOT NEW.status OR OLD.facilitator_id IS NOT NEW.facilitator_id
	OR OLD.substitute_id IS NOT NEW.substitute_id OR OLD.room_id IS NOT NEW.room_id
BEGIN
	UPDATE group_session SET sequence = OLD.sequence + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER appointment_sequence AFTER UPDATE OF starts_at, ends_at, status, staff_id,
	room_id ON appointment
WHEN OLD.starts_at IS NOT NEW.starts_at OR OLD.ends_at IS NOT NEW.ends_at
	OR OLD.status IS NOT NEW.status OR OLD.staff_id IS NOT NEW.staff_id
	OR OLD.room_id IS NOT NEW.room_id
BEGIN
	UPDATE appointment SET sequence = OLD.sequence + 1 WHERE id = NEW.id;
END;

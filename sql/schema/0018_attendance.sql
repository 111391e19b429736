-- 0018: attendance at group sessions.
--
-- One row per session and rostered client: the current value.  minutes is
-- the time attended (the session's minutes less late arrival and early
-- leave; 0 when absent), kept so hours can be summed without the rules.
-- A correction never overwrites silently: the earlier value, who recorded
-- it and who changed it are kept in attendance_change first.
CREATE TABLE attendance (
	id INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES group_session(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	status TEXT NOT NULL CHECK (status IN ('present', 'late', 'left_early',
	    'absent_excused', 'absent_unexcused')),
	late_minutes INTEGER NOT NULL DEFAULT 0 CHECK (late_minutes >= 0),
	left_early_minutes INTEGER NOT NULL DEFAULT 0 CHECK (left_early_minutes >= 0),
	minutes INTEGER NOT NULL CHECK (minutes >= 0),
	recorded_by INTEGER NOT NULL DEFAULT 0,
	recorded_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX attendance_session_client ON attendance(session_id, client_id);
CREATE INDEX attendance_client ON attendance(client_id);

-- An earlier value of an attendance row, kept when it was corrected:
-- what it was, who recorded it and when, and who changed it and when.
CREATE TABLE attendance_change (
	id INTEGER PRIMARY KEY,
	attendance_id INTEGER NOT NULL REFERENCES attendance(id),
	session_id INTEGER NOT NULL REFERENCES group_session(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	status TEXT NOT NULL,
	late_minutes INTEGER NOT NULL,
	left_early_minutes INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	recorded_by INTEGER NOT NULL,
	recorded_at INTEGER NOT NULL,
	changed_by INTEGER NOT NULL DEFAULT 0,
	changed_at INTEGER NOT NULL
);
CREATE INDEX attendance_change_session ON attendance_change(session_id, client_id, id);

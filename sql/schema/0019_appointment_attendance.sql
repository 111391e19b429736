-- 0019: attendance at appointments (issue 12, item 5).
--
-- An appointment's outcome: '' (not recorded), 'attended' with the minutes
-- attended, 'no_show', or 'late_cancellation' (the client cancelled too late
-- to fill the time).  attended_minutes is 0 unless attended; it is what
-- hours compliance sums for individual, family and medication-management
-- appointments.  Who recorded it and when are kept; a correction copies the
-- earlier value into appointment_attendance_change first, so nothing is lost.
ALTER TABLE appointment ADD COLUMN attendance TEXT NOT NULL DEFAULT ''
	CHECK (attendance IN ('', 'attended', 'no_show', 'late_cancellation'));
ALTER TABLE appointment ADD COLUMN attended_minutes INTEGER NOT NULL DEFAULT 0
	CHECK (attended_minutes >= 0);
ALTER TABLE appointment ADD COLUMN attendance_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointment ADD COLUMN attendance_at INTEGER NOT NULL DEFAULT 0;

CREATE TABLE appointment_attendance_change (
	id INTEGER PRIMARY KEY,
	appointment_id INTEGER NOT NULL REFERENCES appointment(id),
	attendance TEXT NOT NULL,
	attended_minutes INTEGER NOT NULL,
	recorded_by INTEGER NOT NULL,
	recorded_at INTEGER NOT NULL,
	changed_by INTEGER NOT NULL,
	changed_at INTEGER NOT NULL
);
CREATE INDEX appointment_attendance_change_appt ON appointment_attendance_change (appointment_id, id);

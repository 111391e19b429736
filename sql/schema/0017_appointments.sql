-- 0017: appointments (issue 12, item 4).
--
-- An appointment is one client's time with one staff member: individual or
-- family therapy, medication management, case management or an assessment,
-- at a site, in a room or none, from starts_at for minutes (ends_at =
-- starts_at + minutes * 60, kept for the overlap queries).  It is never
-- deleted: a cancellation sets status, who cancelled (the client or the
-- program), the reason and whether it was late.  Every change of time,
-- staff member or room and every cancellation is a row of
-- appointment_change with the values before it, so the history stays.
CREATE TABLE appointment (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	site_id INTEGER NOT NULL REFERENCES site(id),
	kind TEXT NOT NULL CHECK (kind IN ('individual_therapy', 'family_therapy',
		'medication_management', 'case_management', 'assessment')),
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	room_id INTEGER REFERENCES room(id),
	starts_at INTEGER NOT NULL,
	minutes INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
	ends_at INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
	cancelled_by TEXT NOT NULL DEFAULT '' CHECK (cancelled_by IN ('', 'client', 'program')),
	cancel_reason TEXT NOT NULL DEFAULT '',
	late_cancellation INTEGER NOT NULL DEFAULT 0,
	cancelled_at INTEGER NOT NULL DEFAULT 0,
	created_by INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK (ends_at = starts_at + minutes * 60)
);
CREATE INDEX appointment_client_time ON appointment (client_id, starts_at);
CREATE INDEX appointment_staff_time ON appointment (staff_id, starts_at);
CREATE INDEX appointment_room_time ON appointment (room_id, starts_at) WHERE room_id IS NOT NULL;
CREATE INDEX appointment_time ON appointment (starts_at);

-- The related persons of a family therapy appointment: contacts of the
-- appointment's client.
CREATE TABLE appointment_person (
	appointment_id INTEGER NOT NULL REFERENCES appointment(id),
	contact_id INTEGER NOT NULL REFERENCES contact(id),
	PRIMARY KEY (appointment_id, contact_id)
) WITHOUT ROWID;

-- The history: 'booked', 'rescheduled' (with the time, staff member and
-- room before the change) and 'cancelled' (by, reason, late).
CREATE TABLE appointment_change (
	id INTEGER PRIMARY KEY,
	appointment_id INTEGER NOT NULL REFERENCES appointment(id),
	change TEXT NOT NULL CHECK (change IN ('booked', 'rescheduled', 'cancelled')),
	starts_at INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	staff_id INTEGER NOT NULL,
	room_id INTEGER NOT NULL DEFAULT 0,
	reason TEXT NOT NULL DEFAULT '',
	changed_by INTEGER NOT NULL,
	changed_at INTEGER NOT NULL
);
CREATE INDEX appointment_change_appt ON appointment_change (appointment_id, id);

-- 0008: the placement table as data the program edits, and the duty roster.
--
-- placement_table keeps every saved version; the newest is in force and an
-- empty table means the built-in default (version 0).  A saved version is
-- never changed: editing writes the next one, so a recorded placement's
-- table_version always names the table that made its recommendation.
CREATE TABLE placement_table (
	version INTEGER PRIMARY KEY,
	edition TEXT NOT NULL,
	body TEXT NOT NULL,		-- JSON {"min_level": {...}, "remarks": {...}, "flags": [...]}
	saved_by INTEGER NOT NULL REFERENCES staff(id),
	saved_at INTEGER NOT NULL
);

ALTER TABLE placement ADD COLUMN table_version INTEGER NOT NULL DEFAULT 0;

-- Who is the clinician on duty at a site, and when.  A removed shift is
-- kept (removed_at set) so the roster of any past moment can be read back.
CREATE TABLE duty_shift (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES site(id),
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	starts_at INTEGER NOT NULL,
	ends_at INTEGER NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	removed_at INTEGER NOT NULL DEFAULT 0,
	removed_by INTEGER REFERENCES staff(id)
);
CREATE INDEX duty_shift_site ON duty_shift(site_id, ends_at);

-- A client's inquiries (GET /inquiries?client_id=), and the board's cheap
-- "has anything changed?" poll (GET /inquiries/latest).
CREATE INDEX inquiry_client ON inquiry(client_id);
CREATE INDEX inquiry_updated ON inquiry(updated_at);

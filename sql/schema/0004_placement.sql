-- 0004: level-of-care placement assessments.  The six ratings, their notes,
-- the forcing flags, the recommendation with its reasons (as computed then,
-- with the table edition used) and the level the clinician chose.
CREATE TABLE placement (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	edition TEXT NOT NULL,
	ratings TEXT NOT NULL,		-- JSON {"d1":0..4, ...}
	notes TEXT NOT NULL,		-- JSON {"d1":"...", ...}
	flags TEXT NOT NULL,		-- JSON ["acute_risk", ...]
	recommended TEXT NOT NULL,
	reasons TEXT NOT NULL,		-- JSON ["...", ...]
	chosen TEXT NOT NULL,
	override_reason TEXT NOT NULL DEFAULT '',
	assessed_by INTEGER NOT NULL REFERENCES staff(id),
	assessed_at INTEGER NOT NULL
);
CREATE INDEX placement_client ON placement(client_id, id);

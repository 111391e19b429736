-- 0011: the program's own details, and set-up from a fresh install.
--
-- One row (id 1) holds what the public pages and the app's header say about
-- the program: its name, a line under the name, and how the public reaches
-- admissions.  A fresh install starts with a neutral name; updated_at stays
-- 0 until an administrator saves the details, so the set-up checklist
-- (GET /api/v1/setup) can say they are not yet set.
CREATE TABLE program (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	name TEXT NOT NULL,
	tagline TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	updated_by INTEGER NOT NULL DEFAULT 0,
	updated_at INTEGER NOT NULL DEFAULT 0
);
INSERT INTO program (id, name, tagline) VALUES (1, 'Intensive Outpatient Program',
	'Support for recovery from alcohol and drug use, a few hours a day, a few days a week — while you keep living at home.');

-- 0013: what an inquiry did not say, screening before a client record, and
-- voiding a screening entered in error.
--
-- 1. Voicemail, text and urgency become "not asked" (NULL) where the person
--    was never asked.  The columns were NOT NULL with a default that read as
--    an answer: 0 for voicemail and text ("they asked us not to") and
--    'exploring' for urgency.  Only rows whose form could not have asked
--    are changed: the public "Verify insurance" form (kind 'insurance',
--    source 'web') never asked about voicemail or texts, and no insurance
--    inquiry (public or staff) was ever asked its urgency (its decoder had
--    no urgency field).  A get-help or phone inquiry's 0 or 'exploring' is
--    kept: that form asked, and a skipped question cannot now be told from
--    an answer.
--
-- 2. A screening and a placement (level-of-care assessment) belong to a
--    client or, before conversion, to an inquiry (inquiry_id, client_id
--    NULL); an alert raised by an inquiry's screening has no client yet
--    (its inquiry is its screening's).  Conversion sets the client on all
--    of them in its transaction.
--
-- 3. A screening voided: kept, with who, when and why.
--
-- NOT NULL is dropped by SQLite's documented procedure for removing a NOT
-- NULL constraint or a default without rebuilding a table
-- (https://sqlite.org/lang_altertable.html, "making other kinds of table
-- schema changes"): the table's CREATE text is edited in sqlite_schema,
-- which changes no stored row.  A rebuild would have to name every column
-- (and with foreign keys on, a dropped alert table would take its tasks'
-- references with it).  Each edit is checked below: a text that did not
-- change fails the migration.  The CREATE INDEX statements that follow bump
-- the schema cookie, so other connections reread the schema.

PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
	'ok_voicemail INTEGER NOT NULL DEFAULT 0,', 'ok_voicemail INTEGER,'),
	'ok_text INTEGER NOT NULL DEFAULT 0,', 'ok_text INTEGER,'),
	'urgency TEXT NOT NULL DEFAULT ''exploring'',', 'urgency TEXT,')
WHERE type = 'table' AND name = 'inquiry';
UPDATE sqlite_schema SET sql = replace(sql,
	'client_id INTEGER NOT NULL REFERENCES client(id),', 'client_id INTEGER REFERENCES client(id),')
WHERE type = 'table' AND name IN ('screening', 'placement', 'alert');
PRAGMA writable_schema = RESET;

CREATE TEMP TABLE migration_0013_check (ok INTEGER NOT NULL CHECK (ok = 1));
INSERT INTO migration_0013_check
SELECT instr(sql, 'ok_voicemail INTEGER NOT NULL') = 0 AND instr(sql, 'ok_text INTEGER NOT NULL') = 0
	AND instr(sql, 'urgency TEXT,') > 0
FROM sqlite_schema WHERE type = 'table' AND name = 'inquiry';
INSERT INTO migration_0013_check
SELECT instr(sql, 'client_id INTEGER NOT NULL') = 0
FROM sqlite_schema WHERE type = 'table' AND name IN ('screening', 'placement', 'alert');
DROP TABLE migration_0013_check;

UPDATE inquiry SET ok_voicemail = NULL WHERE kind = 'insurance' AND source = 'web'
	AND ok_voicemail = 0;
UPDATE inquiry SET ok_text = NULL WHERE kind = 'insurance' AND source = 'web' AND ok_text = 0;
UPDATE inquiry SET urgency = NULL WHERE kind = 'insurance';

ALTER TABLE screening ADD COLUMN inquiry_id INTEGER REFERENCES inquiry(id);
ALTER TABLE screening ADD COLUMN voided_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE screening ADD COLUMN voided_by INTEGER REFERENCES staff(id);
ALTER TABLE screening ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX screening_inquiry ON screening(inquiry_id, id);

ALTER TABLE placement ADD COLUMN inquiry_id INTEGER REFERENCES inquiry(id);
CREATE INDEX placement_inquiry ON placement(inquiry_id, id);

-- An alert's screening, for an inquiry's alerts and for voiding.
CREATE INDEX alert_source ON alert(source_type, source_id);

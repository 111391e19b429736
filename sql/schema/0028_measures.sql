-- 0028: measurement-based care (issue 13, item 7).
--
-- The program's schedule of repeated measures: per instrument (a code of
-- core/measure.c's list), every how many days it is given again in an
-- episode (0: not repeated) and the rise in its tracked score (PHQ-9 and
-- GAD-7 total, BAM use) from one administration to the next in the same
-- episode that raises a measure_worsened task for the primary clinician
-- (0: no task).  One row per instrument, seeded with the defaults; the
-- Program screen changes them.
CREATE TABLE measure_schedule (
	code TEXT PRIMARY KEY,
	every_days INTEGER NOT NULL CHECK (every_days BETWEEN 0 AND 365),
	worsen_by INTEGER NOT NULL CHECK (worsen_by BETWEEN 0 AND 100),
	updated_by INTEGER NOT NULL DEFAULT 0,
	updated_at INTEGER NOT NULL DEFAULT 0
);
INSERT INTO measure_schedule (code, every_days, worsen_by) VALUES
	('phq9', 14, 5), ('gad7', 14, 5), ('bam', 30, 2);

-- A client's screenings by instrument: the last administration of each
-- scheduled instrument, and the earlier one a worsening is judged against.
CREATE INDEX screening_client_code ON screening(client_id, code, administered_at);

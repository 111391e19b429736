-- 0037: a drug screen entered in error (issue 13, loose end).  As a
-- medication can be: a screen recorded by mistake (the wrong client, a
-- specimen that was never the client's) is marked entered in error with a
-- reason, by whom and when, and kept: its results stay readable, struck
-- through, but it no longer counts (the chart's small chart, releases) and
-- takes no further results.  Nothing is deleted.
ALTER TABLE drug_screen ADD COLUMN entered_in_error INTEGER NOT NULL DEFAULT 0
	CHECK (entered_in_error IN (0, 1));
ALTER TABLE drug_screen ADD COLUMN error_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE drug_screen ADD COLUMN error_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE drug_screen ADD COLUMN error_at INTEGER NOT NULL DEFAULT 0;

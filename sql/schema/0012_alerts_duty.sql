-- 0012: unclaimed safety alerts, and repeating shifts on the duty roster.
--
-- An alert raised while nobody is on duty goes to the site's director and
-- waits, unclaimed, on the site's list until a clinician claims it (the
-- claim makes its task theirs).  site_id: where it waits (0: no site known);
-- unclaimed: 1 while it waits; claimed_by/claimed_at: who took it and when
-- (0 while nobody has).
ALTER TABLE alert ADD COLUMN site_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert ADD COLUMN unclaimed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert ADD COLUMN claimed_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert ADD COLUMN claimed_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX alert_unclaimed ON alert(unclaimed, resolved_at, site_id);

-- A repeating shift: on the weekdays of the set (bit 1 << enum weekday,
-- Monday = bit 0), from start_min to end_min (minutes after local midnight in
-- the site's time zone; an end at or before the start is the next day), on
-- every such date from from_date to until_date (local dates, both included).
-- Its occurrences are written as duty_shift rows (series_id), so "who is on
-- duty now" and the roster read one table; the rows already worked stay as
-- the record of who was on duty when the series is changed or ended.
-- ended_at: when it was ended (0: in force).
CREATE TABLE duty_series (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES site(id),
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	weekdays INTEGER NOT NULL,
	start_min INTEGER NOT NULL,
	end_min INTEGER NOT NULL,
	from_date TEXT NOT NULL,
	until_date TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	ended_at INTEGER NOT NULL DEFAULT 0,
	ended_by INTEGER REFERENCES staff(id)
);
CREATE INDEX duty_series_site ON duty_series(site_id, ended_at);
ALTER TABLE duty_shift ADD COLUMN series_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX duty_shift_series ON duty_shift(series_id, starts_at);

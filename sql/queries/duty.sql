-- The duty roster (src/store/duty.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: duty_insert
INSERT INTO duty_shift (site_id, staff_id, starts_at, ends_at, note, created_by, created_at,
       series_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)

-- name: duty_by_site
SELECT d.id, d.site_id, d.staff_id, st.full_name, st.username, d.starts_at, d.ends_at,
       d.note, d.created_by, d.created_at,
       st.active = 1 AND (',' || st.roles || ',') LIKE '%,clinician,%' AS routes_alerts,
       d.series_id
FROM duty_shift d JOIN staff st ON st.id = d.staff_id
WHERE d.site_id = ?1 AND d.removed_at = 0 AND d.ends_at > ?2 AND d.starts_at < ?3
ORDER BY d.starts_at, d.id LIMIT ?4 OFFSET ?5

-- name: duty_count_site
SELECT count(*) FROM duty_shift d JOIN staff st ON st.id = d.staff_id
WHERE d.site_id = ?1 AND d.removed_at = 0 AND d.ends_at > ?2 AND d.starts_at < ?3

-- name: duty_get
SELECT d.id, d.site_id, d.staff_id, st.full_name, st.username, d.starts_at, d.ends_at,
       d.note, d.created_by, d.created_at,
       st.active = 1 AND (',' || st.roles || ',') LIKE '%,clinician,%' AS routes_alerts,
       d.series_id
FROM duty_shift d JOIN staff st ON st.id = d.staff_id
WHERE d.id = ?1 AND d.removed_at = 0

-- name: duty_overlaps
SELECT count(*) FROM duty_shift
WHERE site_id = ?1 AND staff_id = ?2 AND removed_at = 0 AND ends_at > ?3 AND starts_at < ?4

-- name: duty_remove
UPDATE duty_shift SET removed_at = ?2, removed_by = ?3 WHERE id = ?1 AND removed_at = 0

-- name: duty_end
-- Only a shift under way (starts_at <= now < ends_at) ends; one that has not
-- started is removed instead, never given an end before its start.
UPDATE duty_shift SET ends_at = ?2
WHERE id = ?1 AND removed_at = 0 AND starts_at <= ?2 AND ends_at > ?2

-- name: duty_clinician_now
SELECT d.staff_id FROM duty_shift d JOIN staff st ON st.id = d.staff_id
WHERE d.site_id = ?1 AND d.removed_at = 0 AND d.starts_at <= ?2 AND d.ends_at > ?2
  AND st.active = 1 AND (',' || st.roles || ',') LIKE '%,clinician,%'
ORDER BY d.starts_at, d.id LIMIT 1

-- name: duty_series_insert
INSERT INTO duty_series (site_id, staff_id, weekdays, start_min, end_min, from_date,
       until_date, note, created_by, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)

-- name: duty_series_update
UPDATE duty_series SET weekdays = ?2, start_min = ?3, end_min = ?4, from_date = ?5,
       until_date = ?6, note = ?7, updated_at = ?8
WHERE id = ?1 AND ended_at = 0

-- name: duty_series_end
UPDATE duty_series SET ended_at = ?2, ended_by = ?3, updated_at = ?2
WHERE id = ?1 AND ended_at = 0

-- fragment: series_from
SELECT s.id, s.site_id, s.staff_id, st.full_name, st.username, s.weekdays, s.start_min,
       s.end_min, s.from_date, s.until_date, s.note, s.created_by, s.created_at,
       s.updated_at, s.ended_at,
       (SELECT count(*) FROM duty_shift d WHERE d.series_id = s.id AND d.removed_at = 0
          AND d.ends_at > ?2) AS upcoming
FROM duty_series s JOIN staff st ON st.id = s.staff_id

-- name: duty_series_get
{{series_from}}
WHERE s.id = ?1 AND s.ended_at = 0

-- name: duty_series_by_site
-- The series in force at a site (?1), at now (?2), by staff name.
{{series_from}}
WHERE s.site_id = ?1 AND s.ended_at = 0
ORDER BY st.full_name, s.start_min, s.id LIMIT ?3 OFFSET ?4

-- name: duty_series_count_site
SELECT count(*) FROM duty_series WHERE site_id = ?1 AND ended_at = 0

-- name: duty_series_remove_ahead
-- The occurrences of series ?1 not started at ?2 are taken off (kept, marked).
UPDATE duty_shift SET removed_at = ?2, removed_by = ?3
WHERE series_id = ?1 AND removed_at = 0 AND starts_at > ?2

-- name: duty_series_end_now
-- The occurrence under way at ?2 ends then.
UPDATE duty_shift SET ends_at = ?2
WHERE series_id = ?1 AND removed_at = 0 AND starts_at <= ?2 AND ends_at > ?2

-- The duty roster (src/store/duty.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: duty_insert
INSERT INTO duty_shift (site_id, staff_id, starts_at, ends_at, note, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)

-- name: duty_by_site
SELECT d.id, d.site_id, d.staff_id, st.full_name, st.username, d.starts_at, d.ends_at,
       d.note, d.created_by, d.created_at,
       st.active = 1 AND (',' || st.roles || ',') LIKE '%,clinician,%' AS routes_alerts
FROM duty_shift d JOIN staff st ON st.id = d.staff_id
WHERE d.site_id = ?1 AND d.removed_at = 0 AND d.ends_at > ?2 AND d.starts_at < ?3
ORDER BY d.starts_at, d.id LIMIT ?4 OFFSET ?5

-- name: duty_count_site
SELECT count(*) FROM duty_shift d JOIN staff st ON st.id = d.staff_id
WHERE d.site_id = ?1 AND d.removed_at = 0 AND d.ends_at > ?2 AND d.starts_at < ?3

-- name: duty_get
SELECT d.id, d.site_id, d.staff_id, st.full_name, st.username, d.starts_at, d.ends_at,
       d.note, d.created_by, d.created_at,
       st.active = 1 AND (',' || st.roles || ',') LIKE '%,clinician,%' AS routes_alerts
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

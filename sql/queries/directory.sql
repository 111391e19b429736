-- The directory: sites, rooms and tracks (src/store/directory.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: site_by_id
SELECT id, name, timezone, address, phone, active FROM site WHERE id = ?1

-- name: site_count
SELECT count(*) FROM site

-- name: site_list
SELECT id, name, timezone, address, phone, active, count(*) OVER ()
FROM site ORDER BY lower(name), id LIMIT ?1 OFFSET ?2

-- name: site_insert
INSERT INTO site (name, timezone, address, phone, active, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)

-- name: site_update
UPDATE site SET name = ?2, timezone = ?3, address = ?4, phone = ?5, active = ?6,
       updated_at = ?7
WHERE id = ?1

-- name: room_by_id
SELECT id, site_id, name, capacity, active FROM room WHERE id = ?1

-- name: room_list
SELECT id, site_id, name, capacity, active, count(*) OVER ()
FROM room WHERE (?3 = 0 OR site_id = ?3) ORDER BY site_id, lower(name), id LIMIT ?1 OFFSET ?2

-- name: room_insert
INSERT INTO room (site_id, name, capacity, active, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?5)

-- name: room_update
UPDATE room SET site_id = ?2, name = ?3, capacity = ?4, active = ?5, updated_at = ?6
WHERE id = ?1

-- name: track_list
SELECT id, site_id, name, level_of_care, weekdays, start_min, end_min, active, count(*) OVER ()
FROM track WHERE (?3 = 0 OR site_id = ?3) ORDER BY site_id, start_min, id LIMIT ?1 OFFSET ?2

-- name: track_insert
INSERT INTO track (site_id, name, level_of_care, weekdays, start_min, end_min, active,
       created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)

-- name: track_by_id
SELECT id, site_id, name, level_of_care, weekdays, start_min, end_min, active
FROM track WHERE id = ?1

-- name: track_update
UPDATE track SET site_id = ?2, name = ?3, level_of_care = ?4, weekdays = ?5,
       start_min = ?6, end_min = ?7, active = ?8, updated_at = ?9
WHERE id = ?1

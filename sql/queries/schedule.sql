-- The program's week: tracks' blocks, site closures and group sessions
-- (src/store/schedule.c).

-- name: block_list
SELECT weekday, start_min, minutes, group_type, topic, topics,
       coalesce(facilitator_id, 0) AS facilitator_id, coalesce(room_id, 0) AS room_id
FROM track_block WHERE track_id = ?1 ORDER BY position

-- name: block_delete_all
DELETE FROM track_block WHERE track_id = ?1

-- name: block_insert
INSERT INTO track_block (track_id, position, weekday, start_min, minutes, group_type, topic,
       topics, facilitator_id, room_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULLIF(?9, 0), NULLIF(?10, 0))

-- name: closure_insert
INSERT INTO site_closure (site_id, date, reason, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5)

-- name: closure_by_id
SELECT id, site_id, date, reason FROM site_closure WHERE id = ?1

-- name: closure_on
SELECT id, site_id, date, reason FROM site_closure WHERE site_id = ?1 AND date = ?2

-- name: closure_list
SELECT id, site_id, date, reason, count(*) OVER ()
FROM site_closure WHERE site_id = ?3 AND date >= ?4 AND date <= ?5
ORDER BY date LIMIT ?1 OFFSET ?2

-- name: closure_delete
DELETE FROM site_closure WHERE id = ?1

-- name: closure_cancel_sessions
UPDATE group_session SET status = 'cancelled', cancel_reason = ?3, closure_id = ?4,
       updated_at = ?5
WHERE site_id = ?1 AND date = ?2 AND status = 'scheduled'

-- name: closure_restore_sessions
UPDATE group_session SET status = 'scheduled', cancel_reason = '', closure_id = NULL,
       updated_at = ?2
WHERE closure_id = ?1

-- name: gsession_insert
INSERT INTO group_session (track_id, site_id, date, start_min, starts_at, ends_at, minutes,
       status, cancel_reason, closure_id, group_type, topic, facilitator_id, substitute_id,
       room_id, one_off, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULLIF(?10, 0), ?11, ?12, NULLIF(?13, 0),
       NULLIF(?14, 0), NULLIF(?15, 0), ?16, ?17, ?17)
ON CONFLICT DO NOTHING

-- name: gsession_by_id
SELECT id, track_id, site_id, date, start_min, starts_at, ends_at, minutes,
       status = 'cancelled' AS cancelled, cancel_reason, coalesce(closure_id, 0) AS closure_id,
       group_type, topic, coalesce(facilitator_id, 0) AS facilitator_id,
       coalesce(substitute_id, 0) AS substitute_id, coalesce(room_id, 0) AS room_id, one_off
FROM group_session WHERE id = ?1

-- name: gsession_list
SELECT id, track_id, site_id, date, start_min, starts_at, ends_at, minutes,
       status = 'cancelled' AS cancelled, cancel_reason, coalesce(closure_id, 0) AS closure_id,
       group_type, topic, coalesce(facilitator_id, 0) AS facilitator_id,
       coalesce(substitute_id, 0) AS substitute_id, coalesce(room_id, 0) AS room_id, one_off,
       count(*) OVER ()
FROM group_session
WHERE (?3 = 0 OR track_id = ?3) AND (?4 = 0 OR site_id = ?4) AND date >= ?5 AND date <= ?6
ORDER BY starts_at, track_id, id LIMIT ?1 OFFSET ?2

-- name: gsession_future
SELECT id, track_id, site_id, date, start_min, starts_at, ends_at, minutes,
       status = 'cancelled' AS cancelled, cancel_reason, coalesce(closure_id, 0) AS closure_id,
       group_type, topic, coalesce(facilitator_id, 0) AS facilitator_id,
       coalesce(substitute_id, 0) AS substitute_id, coalesce(room_id, 0) AS room_id, one_off
FROM group_session WHERE track_id = ?1 AND one_off = 0 AND starts_at > ?2
ORDER BY starts_at

-- name: gsession_last_date
SELECT coalesce(max(date), '') FROM group_session WHERE track_id = ?1 AND one_off = 0

-- name: gsession_update
UPDATE group_session SET date = ?2, start_min = ?3, starts_at = ?4, ends_at = ?5, minutes = ?6,
       status = CASE WHEN ?7 THEN 'cancelled' ELSE 'scheduled' END, cancel_reason = ?8,
       closure_id = NULLIF(?9, 0), group_type = ?10, topic = ?11,
       facilitator_id = NULLIF(?12, 0), substitute_id = NULLIF(?13, 0),
       room_id = NULLIF(?14, 0), updated_at = ?15
WHERE id = ?1

-- name: gsession_delete
DELETE FROM group_session WHERE id = ?1

-- name: schedule_refs_missing
SELECT CASE WHEN ?1 <> 0 AND NOT EXISTS (SELECT 1 FROM staff WHERE id = ?1) THEN 1
            WHEN ?2 <> 0 AND NOT EXISTS (SELECT 1 FROM room WHERE id = ?2) THEN 2
            ELSE 0 END

-- name: enrol_open_episode
SELECT id, site_id, admitted_on FROM episode WHERE client_id = ?1 AND status = 'open'

-- name: enrolment_at
SELECT id, client_id, episode_id, track_id, from_date, until_date FROM enrolment
WHERE client_id = ?1 AND from_date <= ?2 AND (until_date = '' OR until_date > ?2)

-- name: enrolment_end
UPDATE enrolment SET until_date = ?2 WHERE id = ?1

-- name: enrolment_delete_from
DELETE FROM enrolment WHERE client_id = ?1 AND from_date >= ?2

-- name: enrolment_insert
INSERT INTO enrolment (client_id, episode_id, track_id, from_date, until_date, created_by,
       created_at)
VALUES (?1, ?2, ?3, ?4, '', ?5, ?6)

-- name: enrolment_list
SELECT id, client_id, episode_id, track_id, from_date, until_date FROM enrolment
WHERE client_id = ?1 ORDER BY from_date, id

-- name: roster_of
SELECT c.id AS client_id, c.mrn AS mrn, c.first_name AS first_name, c.last_name AS last_name,
       c.preferred_name AS preferred_name, e.from_date AS from_date
FROM enrolment e JOIN client c ON c.id = e.client_id JOIN episode ep ON ep.id = e.episode_id
WHERE e.track_id = ?1 AND e.from_date <= ?2 AND (e.until_date = '' OR e.until_date > ?2)
  AND (ep.discharged_on = '' OR ep.discharged_on >= ?2)
ORDER BY c.last_name, c.first_name, c.id

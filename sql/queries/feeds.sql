-- Calendar feeds (src/store/feeds.c): the feeds, and the events each kind
-- of feed shows.
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- A feed with what it shows in words (label), its client (client feeds) and
-- the zone of its room's or track's site ('' for the others: their events
-- carry their own sites' zones).
-- fragment: feed_cols
SELECT f.id, f.kind, f.subject_id, f.created_by, f.created_at, f.revoked_at,
       coalesce(CASE f.kind
         WHEN 'client' THEN (SELECT c.first_name || ' ' || c.last_name FROM client c
                             WHERE c.id = f.subject_id)
         WHEN 'staff' THEN (SELECT st.full_name FROM staff st WHERE st.id = f.subject_id)
         WHEN 'room' THEN (SELECT r.name || ', ' || s.name FROM room r
                           JOIN site s ON s.id = r.site_id WHERE r.id = f.subject_id)
         WHEN 'track' THEN (SELECT t.name || ', ' || s.name FROM track t
                            JOIN site s ON s.id = t.site_id WHERE t.id = f.subject_id)
       END, '') AS label,
       CASE f.kind WHEN 'client' THEN f.subject_id ELSE 0 END AS client_id,
       coalesce(CASE f.kind
         WHEN 'room' THEN (SELECT s.timezone FROM room r JOIN site s ON s.id = r.site_id
                           WHERE r.id = f.subject_id)
         WHEN 'track' THEN (SELECT s.timezone FROM track t JOIN site s ON s.id = t.site_id
                            WHERE t.id = f.subject_id)
       END, '') AS timezone
FROM feed f

-- name: feed_insert
INSERT INTO feed (kind, subject_id, token_hash, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5)

-- name: feed_get
{{feed_cols}}
WHERE f.id = ?1

-- A live feed by its token's SHA-256.
-- name: feed_by_token
{{feed_cols}}
WHERE f.token_hash = ?1 AND f.revoked_at = 0

-- The live feeds a staff member made, newest first.
-- name: feed_by_creator
{{feed_cols}}
WHERE f.created_by = ?1 AND f.revoked_at = 0
ORDER BY f.id DESC LIMIT 200

-- The live feeds of one subject (?1 kind, ?2 id) made by ?3, newest first.
-- name: feed_by_subject
{{feed_cols}}
WHERE f.kind = ?1 AND f.subject_id = ?2 AND f.created_by = ?3 AND f.revoked_at = 0
ORDER BY f.id DESC LIMIT 200

-- name: feed_revoke
UPDATE feed SET revoked_at = ?2, revoked_by = ?3 WHERE id = ?1 AND revoked_at = 0

-- Whether subject ?2 of kind ?1 (0 client, 1 staff, 2 room, 3 track; the
-- order of enum feed_kind) exists: 1 or 0.
-- name: feed_subject_exists
SELECT CASE ?1
  WHEN 0 THEN (SELECT count(*) FROM client WHERE id = ?2)
  WHEN 1 THEN (SELECT count(*) FROM staff WHERE id = ?2)
  WHEN 2 THEN (SELECT count(*) FROM room WHERE id = ?2)
  WHEN 3 THEN (SELECT count(*) FROM track WHERE id = ?2)
  ELSE 0 END

-- The events of a feed over [?2, ?3): group sessions and appointments, with
-- no more of a client than each kind may show (client_first, client_last:
-- only in a staff feed, and of the surname only its first letter).
-- fragment: session_item
SELECT 'session' AS type, g.id, g.starts_at, g.ends_at, g.status, g.sequence, g.updated_at,
       g.group_type AS what, g.topic, t.name AS track_name,
       coalesce(st.full_name, '') AS staff_name, coalesce(r.name, '') AS room_name,
       s.name AS site_name, s.timezone, '' AS client_first, '' AS client_last
FROM group_session g
JOIN track t ON t.id = g.track_id
JOIN site s ON s.id = g.site_id
LEFT JOIN staff st ON st.id = coalesce(g.substitute_id, g.facilitator_id)
LEFT JOIN room r ON r.id = g.room_id

-- fragment: appt_item
SELECT 'appointment' AS type, a.id, a.starts_at, a.ends_at, a.status, a.sequence,
       a.updated_at, a.kind AS what, '' AS topic, '' AS track_name,
       st.full_name AS staff_name, coalesce(r.name, '') AS room_name, s.name AS site_name,
       s.timezone

-- fragment: appt_from
FROM appointment a
JOIN staff st ON st.id = a.staff_id
JOIN site s ON s.id = a.site_id
LEFT JOIN room r ON r.id = a.room_id

-- A client's own: the sessions on their roster (enrolled on the track on
-- the session's date, episode not discharged before it) and their
-- appointments.
-- name: feed_items_client
{{session_item}}
WHERE g.starts_at < ?3 AND g.ends_at > ?2
  AND EXISTS (SELECT 1 FROM enrolment e JOIN episode ep ON ep.id = e.episode_id
              WHERE e.client_id = ?1 AND e.track_id = g.track_id AND e.from_date <= g.date
                AND (e.until_date = '' OR e.until_date > g.date)
                AND (ep.discharged_on = '' OR ep.discharged_on >= g.date))
UNION ALL
{{appt_item}}, '' AS client_first, '' AS client_last
{{appt_from}}
WHERE a.client_id = ?1 AND a.starts_at < ?3 AND a.ends_at > ?2
ORDER BY 3, 1, 2

-- A staff member's: the sessions they facilitate (or cover as substitute)
-- and their appointments, each client by first name and initial.
-- name: feed_items_staff
{{session_item}}
WHERE g.starts_at < ?3 AND g.ends_at > ?2 AND coalesce(g.substitute_id, g.facilitator_id) = ?1
UNION ALL
{{appt_item}}, c.first_name AS client_first, substr(c.last_name, 1, 1) AS client_last
{{appt_from}}
JOIN client c ON c.id = a.client_id
WHERE a.staff_id = ?1 AND a.starts_at < ?3 AND a.ends_at > ?2
ORDER BY 3, 1, 2

-- A room's: its sessions and appointments, no client named.
-- name: feed_items_room
{{session_item}}
WHERE g.starts_at < ?3 AND g.ends_at > ?2 AND g.room_id = ?1
UNION ALL
{{appt_item}}, '' AS client_first, '' AS client_last
{{appt_from}}
WHERE a.room_id = ?1 AND a.starts_at < ?3 AND a.ends_at > ?2
ORDER BY 3, 1, 2

-- A track's: its sessions.
-- name: feed_items_track
{{session_item}}
WHERE g.starts_at < ?3 AND g.ends_at > ?2 AND g.track_id = ?1
ORDER BY 3, 1, 2

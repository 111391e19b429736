-- A client's hours (src/store/hours.c): the sessions they are on the roster
-- of in a week, with their attendance, and their appointments of the week.
-- The roster is the one roster_of computes: enrolled on the session's track
-- on its date, episode not discharged before it.  Sessions are found by
-- track and start instant (?lo .. ?hi, a day either side of the week's
-- dates: the index group_session_track_start), then kept by local date.
-- Appointments have no local date: the caller finds it in the site's zone
-- (their instants ?lo .. ?hi are the week's exact bounds there).

-- name: hours_sessions
SELECT 0 AS episode_id, e.client_id AS client_id, g.date AS date, g.minutes AS minutes,
       g.status = 'cancelled' AS cancelled,
       g.starts_at AS starts_at, a.id IS NOT NULL AS recorded,
       coalesce(a.minutes, 0) AS attended_minutes
FROM enrolment e
JOIN episode ep ON ep.id = e.episode_id
JOIN group_session g ON g.track_id = e.track_id AND g.starts_at >= ?4 AND g.starts_at < ?5
     AND g.date >= e.from_date AND (e.until_date = '' OR g.date < e.until_date)
     AND (ep.discharged_on = '' OR ep.discharged_on >= g.date)
LEFT JOIN attendance a ON a.session_id = g.id AND a.client_id = e.client_id
WHERE e.client_id = ?1 AND g.date >= ?2 AND g.date <= ?3
ORDER BY g.starts_at, g.id

-- name: hours_appointments
SELECT 0 AS episode_id, a.client_id AS client_id, a.kind AS kind, a.starts_at AS starts_at,
       a.minutes AS minutes, a.status = 'cancelled' AS cancelled,
       a.attendance AS attendance, a.attended_minutes AS attended_minutes
FROM appointment a
WHERE a.client_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3
ORDER BY a.starts_at, a.id

-- The clients in open episodes at site ?1, by name.
-- name: hours_site_clients
SELECT ep.id AS episode_id, ep.client_id AS client_id, c.first_name AS first_name, c.last_name AS last_name,
       c.preferred_name AS preferred_name, c.mrn AS mrn, c.dob AS dob, ep.level AS level,
       coalesce(ep.track_id, 0) AS track_id, coalesce(t.name, '') AS track_name,
       ep.admitted_on AS admitted_on
FROM episode ep JOIN client c ON c.id = ep.client_id
LEFT JOIN track t ON t.id = ep.track_id
WHERE ep.status = 'open' AND ep.site_id = ?1
ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, ep.client_id

-- The sessions of the week of every client in an open episode at site ?1,
-- as hours_sessions gives them for one client, by open episode (the order
-- the index episode_site gives them in: no sort; within one, any order).
-- name: hours_site_sessions
SELECT o.id AS episode_id, e.client_id AS client_id, g.date AS date, g.minutes AS minutes,
       g.status = 'cancelled' AS cancelled,
       g.starts_at AS starts_at, a.id IS NOT NULL AS recorded,
       coalesce(a.minutes, 0) AS attended_minutes
FROM episode o
JOIN enrolment e ON e.client_id = o.client_id
JOIN episode ep ON ep.id = e.episode_id
JOIN group_session g ON g.track_id = e.track_id AND g.starts_at >= ?4 AND g.starts_at < ?5
     AND g.date >= e.from_date AND (e.until_date = '' OR g.date < e.until_date)
     AND (ep.discharged_on = '' OR ep.discharged_on >= g.date)
LEFT JOIN attendance a ON a.session_id = g.id AND a.client_id = e.client_id
WHERE o.status = 'open' AND o.site_id = ?1 AND g.date >= ?2 AND g.date <= ?3
ORDER BY o.id

-- name: hours_site_appointments
SELECT o.id AS episode_id, a.client_id AS client_id, a.kind AS kind, a.starts_at AS starts_at,
       a.minutes AS minutes, a.status = 'cancelled' AS cancelled,
       a.attendance AS attendance, a.attended_minutes AS attended_minutes
FROM episode o
JOIN appointment a ON a.client_id = o.client_id AND a.starts_at >= ?2 AND a.starts_at < ?3
WHERE o.status = 'open' AND o.site_id = ?1
ORDER BY o.id

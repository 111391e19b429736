-- Alumni: check-ins after discharge, events and RSVPs, the alumni list
-- (src/store/alumni.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: alumni_coordinator_pick
-- The coordinator a discharged client's check-ins go to: an active staff
-- member with the flag, one who works at the client's site (?1) first, then
-- the one with the fewest open check-in tasks, then the lowest id.  None:
-- no row.
SELECT st.id FROM staff st
WHERE st.active = 1 AND st.alumni_coordinator = 1
ORDER BY EXISTS (SELECT 1 FROM staff_site ss WHERE ss.staff_id = st.id AND ss.site_id = ?1) DESC,
       (SELECT count(*) FROM task t WHERE t.assigned_to = st.id AND t.kind = 'alumni_checkin'
        AND t.done_at = 0),
       st.id
LIMIT 1

-- name: alumni_checkin_insert
INSERT INTO alumni_checkin (episode_id, client_id, day, due_on, task_id, created_at)
VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), ?6)

-- fragment: alumni_checkin_select
SELECT k.id, k.episode_id, k.client_id, k.day, k.due_on, k.outcome, k.attempts, k.closed,
       k.recovery_status, k.notes, k.readmission_wanted, coalesce(k.inquiry_id, 0) AS inquiry_id,
       coalesce(k.contacted_by, 0) AS contacted_by, k.contacted_at,
       coalesce(k.task_id, 0) AS task_id, k.created_at,
       c.mrn AS client_mrn, c.first_name AS client_first, c.last_name AS client_last,
       c.preferred_name AS client_preferred, c.phone AS client_phone,
       ep.discharged_on, ep.discharge_type, ep.site_id,
       coalesce(t.assigned_to, 0) AS assigned_to,
       coalesce(sb.full_name, '') AS contacted_by_name,
       coalesce(sa.full_name, '') AS assigned_name
FROM alumni_checkin k
JOIN client c ON c.id = k.client_id
JOIN episode ep ON ep.id = k.episode_id
LEFT JOIN task t ON t.id = k.task_id
LEFT JOIN staff sa ON sa.id = t.assigned_to
LEFT JOIN staff sb ON sb.id = k.contacted_by

-- name: alumni_checkin_by_id
{{alumni_checkin_select}}
WHERE k.id = ?1

-- name: alumni_checkin_by_client
{{alumni_checkin_select}}
WHERE k.client_id = ?1
ORDER BY k.due_on, k.id

-- name: alumni_checkin_by_task
{{alumni_checkin_select}}
WHERE k.task_id = ?1
ORDER BY k.id

-- name: alumni_checkin_record
UPDATE alumni_checkin SET outcome = ?2, attempts = ?3, closed = ?4, recovery_status = ?5,
       notes = ?6, readmission_wanted = ?7, inquiry_id = nullif(?8, 0), contacted_by = ?9,
       contacted_at = ?10
WHERE id = ?1

-- An alumnus: ep is the client's latest episode (no later admission),
-- discharged, and the client is alive.
-- fragment: alumni_latest_discharged
ep.status = 'discharged' AND ep.discharge_type <> 'deceased'
AND NOT EXISTS (SELECT 1 FROM episode later WHERE later.client_id = ep.client_id
    AND (later.admitted_on > ep.admitted_on
         OR (later.admitted_on = ep.admitted_on AND later.id > ep.id)))

-- name: alumni_list
-- ?1 site (0: all), ?2 overdue only, ?3 today (YYYY-MM-DD), ?4 limit, ?5 offset.
SELECT c.id AS client_id, c.mrn, c.first_name, c.last_name, c.preferred_name, c.phone,
       ep.id AS episode_id, ep.site_id, s.name AS site_name, ep.discharged_on,
       ep.discharge_type,
       coalesce((SELECT max(k.contacted_at) FROM alumni_checkin k
                 WHERE k.client_id = c.id AND k.outcome = 'reached'), 0) AS last_checkin_at,
       coalesce((SELECT max(ev.on_date) FROM alumni_rsvp r JOIN alumni_event ev
                 ON ev.id = r.event_id WHERE r.client_id = c.id AND r.attended = 1), '')
           AS last_event_on,
       coalesce(nk.id, 0) AS next_checkin_id, coalesce(nk.day, 0) AS next_day,
       coalesce(nk.due_on, '') AS next_due_on, coalesce(t.assigned_to, 0) AS coordinator_id,
       coalesce(co.full_name, '') AS coordinator_name,
       (SELECT count(*) FROM alumni_checkin k WHERE k.episode_id = ep.id
        AND k.outcome = 'reached') AS checkins_reached,
       count(*) OVER ()
FROM episode ep
JOIN client c ON c.id = ep.client_id
JOIN site s ON s.id = ep.site_id
LEFT JOIN alumni_checkin nk ON nk.id = (SELECT k.id FROM alumni_checkin k
    WHERE k.episode_id = ep.id AND k.closed = 0 ORDER BY k.due_on, k.id LIMIT 1)
LEFT JOIN task t ON t.id = nk.task_id
LEFT JOIN staff co ON co.id = t.assigned_to
WHERE {{alumni_latest_discharged}}
  AND (?1 = 0 OR ep.site_id = ?1)
  AND (?2 = 0 OR (nk.id IS NOT NULL AND nk.due_on < ?3))
ORDER BY (nk.id IS NOT NULL AND nk.due_on < ?3) DESC, nk.id IS NULL, nk.due_on,
       lower(c.last_name), lower(c.first_name), c.id
LIMIT ?4 OFFSET ?5

-- name: alumni_is_alumnus
SELECT count(*) FROM episode ep WHERE ep.client_id = ?1 AND {{alumni_latest_discharged}}

-- name: alumni_event_insert
INSERT INTO alumni_event (site_id, on_date, start_time, topic, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)

-- fragment: alumni_event_select
SELECT ev.id, ev.site_id, ev.on_date, ev.start_time, ev.topic, ev.created_by, ev.created_at,
       s.name AS site_name,
       (SELECT count(*) FROM alumni_rsvp r WHERE r.event_id = ev.id AND r.rsvp = 'yes') AS yes,
       (SELECT count(*) FROM alumni_rsvp r WHERE r.event_id = ev.id AND r.rsvp = 'maybe')
           AS maybe,
       (SELECT count(*) FROM alumni_rsvp r WHERE r.event_id = ev.id AND r.rsvp = 'no') AS no,
       (SELECT count(*) FROM alumni_rsvp r WHERE r.event_id = ev.id AND r.attended = 1)
           AS attended
FROM alumni_event ev JOIN site s ON s.id = ev.site_id

-- name: alumni_event_by_id
{{alumni_event_select}}
WHERE ev.id = ?1

-- name: alumni_event_list
-- ?1 site (0: all), ?2 limit, ?3 offset: the latest dates first.
{{alumni_event_select}}
WHERE (?1 = 0 OR ev.site_id = ?1)
ORDER BY ev.on_date DESC, ev.start_time DESC, ev.id DESC
LIMIT ?2 OFFSET ?3

-- name: alumni_event_count
SELECT count(*) FROM alumni_event ev WHERE (?1 = 0 OR ev.site_id = ?1)

-- fragment: alumni_rsvp_select
SELECT r.event_id, r.client_id, r.rsvp, coalesce(r.attended, -1) AS attended, r.updated_by,
       r.updated_at, c.mrn AS client_mrn, c.first_name AS client_first,
       c.last_name AS client_last, c.preferred_name AS client_preferred
FROM alumni_rsvp r JOIN client c ON c.id = r.client_id

-- name: alumni_rsvp_by_event
{{alumni_rsvp_select}}
WHERE r.event_id = ?1
ORDER BY lower(c.last_name), lower(c.first_name), c.id

-- name: alumni_rsvp_get
{{alumni_rsvp_select}}
WHERE r.event_id = ?1 AND r.client_id = ?2

-- name: alumni_rsvp_put
INSERT INTO alumni_rsvp (event_id, client_id, rsvp, attended, updated_by, updated_at)
VALUES (?1, ?2, ?3, nullif(?4, -1), ?5, ?6)
ON CONFLICT (event_id, client_id) DO UPDATE SET rsvp = excluded.rsvp,
       attended = excluded.attended, updated_by = excluded.updated_by,
       updated_at = excluded.updated_at

-- Appointments, their related persons and history (src/store/appointments.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- fragment: appt_cols
SELECT a.id, a.client_id, a.site_id, a.staff_id, coalesce(a.room_id, 0) AS room_id, a.kind,
       a.starts_at, a.ends_at, a.minutes, a.status, a.cancelled_by, a.cancel_reason,
       a.late_cancellation, a.cancelled_at, a.created_by, a.created_at, a.updated_at,
       st.full_name AS staff_name, coalesce(r.name, '') AS room_name, si.name AS site_name,
       si.timezone AS site_timezone, a.attendance, a.attended_minutes, a.attendance_by,
       a.attendance_at, coalesce(ab.full_name, '') AS attendance_by_name
FROM appointment a
JOIN staff st ON st.id = a.staff_id
JOIN site si ON si.id = a.site_id
LEFT JOIN room r ON r.id = a.room_id
LEFT JOIN staff ab ON ab.id = a.attendance_by

-- name: appt_insert
INSERT INTO appointment (client_id, site_id, kind, staff_id, room_id, starts_at, minutes,
       ends_at, created_by, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, NULLIF(?5, 0), ?6, ?7, ?6 + ?7 * 60, ?8, ?9, ?9)

-- name: appt_by_id
{{appt_cols}}
WHERE a.id = ?1

-- A page of appointments: each filter 0 is not applied; [?4, ?5) is the
-- window the appointments overlap; ?6 1 leaves out the cancelled ones.
-- name: appt_list
{{appt_cols}}
WHERE (?1 = 0 OR a.client_id = ?1) AND (?2 = 0 OR a.staff_id = ?2)
  AND (?3 = 0 OR a.site_id = ?3) AND a.starts_at < ?5 AND a.ends_at > ?4
  AND (?6 = 0 OR a.status = 'scheduled')
ORDER BY a.starts_at, a.id LIMIT ?7 OFFSET ?8

-- name: appt_count
SELECT count(*) FROM appointment a
WHERE (?1 = 0 OR a.client_id = ?1) AND (?2 = 0 OR a.staff_id = ?2)
  AND (?3 = 0 OR a.site_id = ?3) AND a.starts_at < ?5 AND a.ends_at > ?4
  AND (?6 = 0 OR a.status = 'scheduled')

-- name: appt_reschedule
UPDATE appointment SET starts_at = ?2, minutes = ?3, ends_at = ?2 + ?3 * 60, staff_id = ?4,
       room_id = NULLIF(?5, 0), updated_at = ?6
WHERE id = ?1 AND status = 'scheduled'

-- A late cancellation (?4 1) is the appointment's outcome too, recorded by
-- ?6 (ops/appointment.c refuses to cancel one whose outcome is recorded).
-- name: appt_cancel
UPDATE appointment SET status = 'cancelled', cancelled_by = ?2, cancel_reason = ?3,
       late_cancellation = ?4, cancelled_at = ?5, updated_at = ?5,
       attendance = CASE WHEN ?4 THEN 'late_cancellation' ELSE attendance END,
       attended_minutes = CASE WHEN ?4 THEN 0 ELSE attended_minutes END,
       attendance_by = CASE WHEN ?4 THEN ?6 ELSE attendance_by END,
       attendance_at = CASE WHEN ?4 THEN ?5 ELSE attendance_at END
WHERE id = ?1 AND status = 'scheduled'

-- The outcome as it is now, kept before a correction replaces it (?2 and
-- ?3: who replaces it, when); nothing when none is recorded.
-- name: appt_attendance_keep
INSERT INTO appointment_attendance_change (appointment_id, attendance, attended_minutes,
       recorded_by, recorded_at, changed_by, changed_at)
SELECT id, attendance, attended_minutes, attendance_by, attendance_at, ?2, ?3
FROM appointment WHERE id = ?1 AND attendance <> ''

-- The outcome ?2 with ?3 minutes, by ?4 at ?5.  A late cancellation of a
-- cancelled appointment sets its late flag too, so the two never disagree.
-- name: appt_attendance_set
UPDATE appointment SET attendance = ?2, attended_minutes = ?3, attendance_by = ?4,
       attendance_at = ?5, updated_at = ?5,
       late_cancellation = CASE WHEN status = 'cancelled' AND ?2 = 'late_cancellation'
                                THEN 1 ELSE late_cancellation END
WHERE id = ?1

-- name: appt_attendance_history
SELECT c.attendance, c.attended_minutes, c.recorded_by, c.recorded_at, c.changed_by,
       c.changed_at, coalesce(rb.full_name, '') AS recorded_by_name,
       coalesce(cb.full_name, '') AS changed_by_name
FROM appointment_attendance_change c
LEFT JOIN staff rb ON rb.id = c.recorded_by
LEFT JOIN staff cb ON cb.id = c.changed_by
WHERE c.appointment_id = ?1 ORDER BY c.id

-- name: appt_person_insert
INSERT INTO appointment_person (appointment_id, contact_id) VALUES (?1, ?2)

-- name: appt_persons
SELECT p.contact_id, c.name,
       CASE WHEN c.relationship <> '' THEN c.relationship ELSE replace(c.kind, '_', ' ') END
       AS relationship
FROM appointment_person p JOIN contact c ON c.id = p.contact_id
WHERE p.appointment_id = ?1 ORDER BY p.contact_id

-- name: appt_change_insert
INSERT INTO appointment_change (appointment_id, change, starts_at, minutes, staff_id, room_id,
       reason, changed_by, changed_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)

-- name: appt_history
SELECT h.id, h.appointment_id, h.change, h.starts_at, h.minutes, h.staff_id, h.room_id,
       h.reason, h.changed_by, h.changed_at, coalesce(st.full_name, '') AS changed_by_name
FROM appointment_change h LEFT JOIN staff st ON st.id = h.changed_by
WHERE h.appointment_id = ?1 ORDER BY h.id

-- The commitments that may conflict with a booking of staff member ?3, room
-- ?4 (0: none) and client ?5 over [?1, ?2): those that overlap it and take
-- the same staff member, room or client, cancelled ones left out.  The
-- overlap rule itself is core/appointment.c's (commitment_conflict); this
-- is where every kind of commitment is gathered for it: appointments, and
-- group sessions not cancelled (type 'session', the substitute or else the
-- facilitator as staff_id, its room, ?5 as client_id when that client is on
-- its roster — enrolled on its track on its date, episode not discharged
-- before it — else 0).
-- name: commitments_overlapping
SELECT 'appointment' AS type, a.id, a.starts_at, a.ends_at, a.staff_id,
       coalesce(a.room_id, 0) AS room_id, a.client_id, a.kind AS what,
       st.full_name AS staff_name, coalesce(r.name, '') AS room_name
FROM appointment a
JOIN staff st ON st.id = a.staff_id
LEFT JOIN room r ON r.id = a.room_id
WHERE a.status = 'scheduled' AND a.starts_at < ?2 AND a.ends_at > ?1
  AND (a.staff_id = ?3 OR (?4 <> 0 AND a.room_id = ?4) OR a.client_id = ?5)
UNION ALL
SELECT 'session' AS type, g.id, g.starts_at, g.ends_at,
       coalesce(g.substitute_id, g.facilitator_id, 0) AS staff_id,
       coalesce(g.room_id, 0) AS room_id,
       CASE WHEN EXISTS (SELECT 1 FROM enrolment e JOIN episode ep ON ep.id = e.episode_id
                         WHERE e.client_id = ?5 AND e.track_id = g.track_id
                           AND e.from_date <= g.date
                           AND (e.until_date = '' OR e.until_date > g.date)
                           AND (ep.discharged_on = '' OR ep.discharged_on >= g.date))
            THEN ?5 ELSE 0 END AS client_id,
       g.group_type AS what, coalesce(st.full_name, '') AS staff_name,
       coalesce(r.name, '') AS room_name
FROM group_session g
LEFT JOIN staff st ON st.id = coalesce(g.substitute_id, g.facilitator_id)
LEFT JOIN room r ON r.id = g.room_id
WHERE g.status = 'scheduled' AND g.starts_at < ?2 AND g.ends_at > ?1
  AND (coalesce(g.substitute_id, g.facilitator_id, 0) = ?3 OR (?4 <> 0 AND g.room_id = ?4)
       OR EXISTS (SELECT 1 FROM enrolment e JOIN episode ep ON ep.id = e.episode_id
                  WHERE e.client_id = ?5 AND e.track_id = g.track_id
                    AND e.from_date <= g.date
                    AND (e.until_date = '' OR e.until_date > g.date)
                    AND (ep.discharged_on = '' OR ep.discharged_on >= g.date)))
ORDER BY 3, 2

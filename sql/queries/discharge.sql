-- Discharge and transfer (src/store/discharge.c).  Bound parameters only.

-- The episode ?1 ends on ?2: type ?3, reason ?4, to ?5, by ?6 at ?7.
-- name: episode_discharge
UPDATE episode SET status = 'discharged', discharged_on = ?2, discharge_type = ?3,
       discharge_reason = ?4, discharged_to = ?5, discharged_by = ?6, discharged_at = ?7
WHERE id = ?1 AND status = 'open'

-- The places of episode ?1 planned from ?2 (exclusive end) on go.
-- name: enrolment_drop_episode_from
DELETE FROM enrolment WHERE episode_id = ?1 AND from_date >= ?2

-- The places of episode ?1 still held on ?2 end then.
-- name: enrolment_end_episode
UPDATE enrolment SET until_date = ?2
WHERE episode_id = ?1 AND (until_date = '' OR until_date > ?2)

-- The sessions not cancelled of episode ?1's places from local date ?2 on:
-- the rosters a discharge dated the day before takes the client off.
-- name: discharge_sessions_after
SELECT count(*) FROM enrolment e JOIN group_session g ON g.track_id = e.track_id
WHERE e.episode_id = ?1 AND g.status <> 'cancelled' AND g.date >= ?2
  AND g.date >= e.from_date AND (e.until_date = '' OR g.date < e.until_date)

-- The client's scheduled appointments from instant ?2 on.
-- name: discharge_appts_count
SELECT count(*) FROM appointment WHERE client_id = ?1 AND status = 'scheduled' AND starts_at >= ?2

-- Their history row first ('cancelled', reason ?3, by ?4 at ?5) ...
-- name: discharge_appts_history
INSERT INTO appointment_change (appointment_id, change, starts_at, minutes, staff_id, room_id,
       reason, changed_by, changed_at)
SELECT id, 'cancelled', starts_at, minutes, staff_id, coalesce(room_id, 0), ?3, ?4, ?5
FROM appointment WHERE client_id = ?1 AND status = 'scheduled' AND starts_at >= ?2

-- ... then the cancellation, by the program.
-- name: discharge_appts_cancel
UPDATE appointment SET status = 'cancelled', cancelled_by = 'program', cancel_reason = ?3,
       late_cancellation = 0, cancelled_at = ?4, updated_at = ?4
WHERE client_id = ?1 AND status = 'scheduled' AND starts_at >= ?2

-- The next episode ?1 came from ?2, with ?3 planned step-down weeks.
-- name: episode_set_transfer
UPDATE episode SET transferred_from = ?2, step_down_weeks = ?3 WHERE id = ?1

-- The newest signed version of episode ?1's plan (0: none).
-- name: plan_latest_signed_id
SELECT coalesce((SELECT id FROM plan_version WHERE episode_id = ?1 AND status <> 'draft'
                 ORDER BY version DESC LIMIT 1), 0)

-- A discharge summary drafted from the record of episode ?1 (client ?2,
-- admitted ?3, discharged ?4): group attendance, appointments attended by
-- kind, the last score of each instrument, the medications not stopped
-- before the discharge, and the problems of the newest signed plan, each a
-- line for the clinician to complete.
-- name: dsummary_draft
SELECT
  (SELECT printf('Group sessions: attended %d of the %d recorded (%.1f hours).',
                 coalesce(sum(a.minutes > 0), 0), count(*), coalesce(sum(a.minutes), 0) / 60.0)
   FROM attendance a JOIN group_session g ON g.id = a.session_id
   JOIN enrolment e ON e.track_id = g.track_id AND e.client_id = a.client_id AND e.episode_id = ?1
        AND g.date >= e.from_date AND (e.until_date = '' OR g.date < e.until_date)
   WHERE a.client_id = ?2) AS services_groups,
  coalesce((SELECT group_concat(line, char(10)) FROM (
     SELECT printf('%s: %d attended (%.1f hours)', replace(kind, '_', ' '), count(*),
                   sum(attended_minutes) / 60.0) AS line
     FROM appointment WHERE client_id = ?2 AND attendance = 'attended'
       AND date(starts_at, 'unixepoch') >= ?3 AND date(starts_at, 'unixepoch') <= ?4
     GROUP BY kind ORDER BY kind)), '') AS services_appts,
  coalesce((SELECT group_concat(line, char(10)) FROM (
     SELECT printf('%s on %s: %s (%s)', upper(s.code), date(s.administered_at, 'unixepoch'),
                   coalesce(json_extract(s.scores, '$.total'), s.scores), s.band) AS line
     FROM screening s WHERE s.client_id = ?2 AND s.voided_at = 0
       AND s.id = (SELECT max(t.id) FROM screening t WHERE t.client_id = s.client_id
                   AND t.code = s.code AND t.voided_at = 0)
     ORDER BY s.code)), '') AS scores,
  coalesce((SELECT group_concat(line, char(10)) FROM (
     SELECT trim(printf('%s %s', m.name, m.dose)) ||
            CASE WHEN m.prescriber_name <> '' THEN ' (' || m.prescriber_name || ')' ELSE '' END AS line
     FROM medication m WHERE m.client_id = ?2 AND m.entered_in_error = 0
       AND (m.stop_date = '' OR m.stop_date >= ?4)
     ORDER BY m.name COLLATE NOCASE)), '') AS medications,
  coalesce((SELECT group_concat(line, char(10)) FROM (
     SELECT printf('%s — progress: ', p.statement) AS line FROM plan_problem p
     WHERE p.version_id = (SELECT id FROM plan_version WHERE episode_id = ?1 AND status <> 'draft'
                           ORDER BY version DESC LIMIT 1)
     ORDER BY p.pos)), '') AS progress

-- name: dsummary_insert
INSERT INTO discharge_summary (episode_id, client_id, reason, services, progress, scores,
       medications, recommendations, created_by, created_at, updated_by, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10)

-- fragment: dsummary_cols
SELECT d.id, d.episode_id, d.client_id, d.status, d.reason, d.services, d.progress, d.scores,
       d.medications, d.recommendations, d.created_by, d.created_at, d.updated_by, d.updated_at,
       coalesce(d.signed_by, 0) AS signed_by, d.signed_at,
       coalesce(sb.full_name, '') AS signed_by_name, coalesce(ub.full_name, '') AS updated_by_name
FROM discharge_summary d
LEFT JOIN staff sb ON sb.id = d.signed_by
LEFT JOIN staff ub ON ub.id = d.updated_by

-- name: dsummary_by_id
{{dsummary_cols}}
WHERE d.id = ?1

-- name: dsummary_by_episode
{{dsummary_cols}}
WHERE d.episode_id = ?1

-- name: dsummary_update
UPDATE discharge_summary SET reason = ?2, services = ?3, progress = ?4, scores = ?5,
       medications = ?6, recommendations = ?7, updated_by = ?8, updated_at = ?9
WHERE id = ?1 AND status = 'draft'

-- name: dsummary_sign
UPDATE discharge_summary SET status = 'signed', signed_by = ?2, signed_at = ?3
WHERE id = ?1 AND status = 'draft'

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

-- The aftercare plan (src/store/aftercare.c; migration 0032).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>; {{x}} puts in the text of the block after "-- fragment: x".

-- fragment: aftercare_cols
SELECT p.id, p.episode_id, p.client_id, p.version,
       (SELECT max(l.version) FROM aftercare_plan l WHERE l.episode_id = p.episode_id)
         AS latest_version,
       p.status, p.provider_name, p.provider_phone, p.provider_address, p.first_appt_date,
       p.first_appt_time, p.first_appt_with, p.sober_status, p.sober_name, p.sober_address,
       p.sober_move_in, p.crisis_warning_signs, p.crisis_coping, p.crisis_people, p.notes,
       p.created_by, p.created_at, p.updated_by, p.updated_at, p.client_signed_name,
       p.client_signed_at, coalesce(p.witness_id, 0) AS witness_id,
       coalesce(ub.full_name, '') AS updated_by_name,
       coalesce(wb.full_name, '') AS witness_name
FROM aftercare_plan p
LEFT JOIN staff ub ON ub.id = p.updated_by
LEFT JOIN staff wb ON wb.id = p.witness_id

-- name: aftercare_by_id
{{aftercare_cols}}
WHERE p.id = ?1

-- name: aftercare_latest_by_episode
{{aftercare_cols}}
WHERE p.episode_id = ?1
ORDER BY p.version DESC LIMIT 1

-- The newest version of each of the client's plans, the newest episode first.
-- name: aftercare_by_client
{{aftercare_cols}}
WHERE p.client_id = ?1
  AND p.version = (SELECT max(l.version) FROM aftercare_plan l WHERE l.episode_id = p.episode_id)
ORDER BY p.episode_id DESC

-- An episode's versions, for the list of them a plan carries.
-- name: aftercare_versions
SELECT p.id, p.version, p.status, p.client_signed_at
FROM aftercare_plan p
WHERE p.episode_id = ?1
ORDER BY p.version

-- name: aftercare_groups
SELECT kind, details FROM aftercare_group WHERE plan_id = ?1 ORDER BY pos

-- name: aftercare_meds
SELECT coalesce(medication_id, 0) AS medication_id, name, mat, prescriber, next_step
FROM aftercare_medication WHERE plan_id = ?1 ORDER BY pos

-- The client's medications taken on the day (?2, YYYY-MM-DD): what the
-- first version continues.  Ours are prescribed by staff of the program:
-- who prescribes them after discharge is left to fill in; an outside
-- prescriber goes on.
-- name: aftercare_meds_current
SELECT m.id AS medication_id, trim(m.name || ' ' || m.dose) AS name, m.mat,
       CASE WHEN coalesce(m.prescriber_id, 0) = 0 THEN m.prescriber_name ELSE '' END
         AS prescriber,
       '' AS next_step
FROM medication m
WHERE m.client_id = ?1 AND m.entered_in_error = 0
  AND (m.stop_date = '' OR m.stop_date >= ?2)
ORDER BY m.mat = '', m.name COLLATE NOCASE, m.id

-- name: aftercare_insert
INSERT INTO aftercare_plan (episode_id, client_id, version, provider_name, provider_phone,
       provider_address, first_appt_date, first_appt_time, first_appt_with, sober_status,
       sober_name, sober_address, sober_move_in, crisis_warning_signs, crisis_coping,
       crisis_people, notes, created_by, created_at, updated_by, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
        ?18, ?19)

-- name: aftercare_update
UPDATE aftercare_plan SET provider_name = ?2, provider_phone = ?3, provider_address = ?4,
       first_appt_date = ?5, first_appt_time = ?6, first_appt_with = ?7, sober_status = ?8,
       sober_name = ?9, sober_address = ?10, sober_move_in = ?11, crisis_warning_signs = ?12,
       crisis_coping = ?13, crisis_people = ?14, notes = ?15, updated_by = ?16,
       updated_at = ?17
WHERE id = ?1 AND status = 'draft'

-- name: aftercare_groups_clear
DELETE FROM aftercare_group WHERE plan_id = ?1

-- name: aftercare_meds_clear
DELETE FROM aftercare_medication WHERE plan_id = ?1

-- name: aftercare_group_insert
INSERT INTO aftercare_group (plan_id, pos, kind, details) VALUES (?1, ?2, ?3, ?4)

-- name: aftercare_med_insert
INSERT INTO aftercare_medication (plan_id, pos, medication_id, name, mat, prescriber, next_step)
VALUES (?1, ?2, nullif(?3, 0), ?4, ?5, ?6, ?7)

-- name: aftercare_sign
UPDATE aftercare_plan SET status = 'signed', client_signed_name = ?2, client_signed_at = ?3,
       witness_id = ?4
WHERE id = ?1 AND status = 'draft'

-- Is medication ?1 the client ?2's?
-- name: aftercare_med_of_client
SELECT count(*) FROM medication WHERE id = ?1 AND client_id = ?2

-- Care relationships and emergency access (src/store/care.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens.  Bound parameters only.

-- name: care_relationship
-- How staff ?1 is in client ?2's care at ?3 (unix seconds): the first way
-- in that holds (enum care_way), 0 for none.  Each branch starts from the
-- client on an index (care_team_member, episode_client,
-- appointment_client_time, enrolment_client, note_part_client).
SELECT CASE
  WHEN EXISTS (SELECT 1 FROM care_team ct
               WHERE ct.client_id = ?2 AND ct.staff_id = ?1 AND ct.removed_at = 0) THEN 1
  WHEN EXISTS (SELECT 1 FROM episode ep
               WHERE ep.client_id = ?2 AND (ep.primary_clinician = ?1 OR ep.case_manager = ?1)
                 AND (ep.status = 'open'
                      OR ep.discharged_on >= date(?3 - 90 * 86400, 'unixepoch'))) THEN 2
  WHEN EXISTS (SELECT 1 FROM appointment a
               WHERE a.client_id = ?2 AND a.starts_at >= ?3 - 90 * 86400
                 AND a.staff_id = ?1) THEN 3
  WHEN EXISTS (SELECT 1 FROM enrolment en
               JOIN group_session gs ON gs.track_id = en.track_id
                 AND gs.starts_at >= ?3 - 31 * 86400 AND gs.starts_at < ?3 + 31 * 86400
               WHERE en.client_id = ?2
                 AND (gs.facilitator_id = ?1 OR gs.substitute_id = ?1)
                 AND gs.date >= date(?3 - 30 * 86400, 'unixepoch')
                 AND gs.date <= date(?3 + 30 * 86400, 'unixepoch')
                 AND gs.date >= en.from_date
                 AND (en.until_date = '' OR gs.date < en.until_date)) THEN 4
  WHEN EXISTS (SELECT 1 FROM note_part np JOIN note n ON n.id = np.note_id
               WHERE np.client_id = ?2 AND n.cosigner_id = ?1
                 AND (n.cosigned_at = 0 OR n.cosigned_at >= ?3 - 90 * 86400)) THEN 5
  WHEN EXISTS (SELECT 1 FROM episode ep
               JOIN duty_shift d ON d.site_id = ep.site_id
                 AND d.ends_at > ?3 - 43200 AND d.starts_at < ?3 + 43200
               WHERE ep.client_id = ?2 AND ep.status = 'open'
                 AND d.staff_id = ?1 AND d.removed_at = 0) THEN 6
  WHEN EXISTS (SELECT 1 FROM task t
               WHERE t.assigned_to = ?1 AND t.client_id = ?2 AND t.kind = 'alumni_checkin'
                 AND (t.done_at = 0 OR t.done_at >= ?3 - 90 * 86400)) THEN 7
  WHEN EXISTS (SELECT 1 FROM emergency_access ea
               WHERE ea.staff_id = ?1 AND ea.client_id = ?2 AND ea.expires_at > ?3
                 AND ea.granted_at <= ?3) THEN 8
  ELSE 0 END

-- The clients of a record a route names by its id: one query per kind of
-- record (enum care_record, store.h).
-- name: care_of_episode
SELECT client_id FROM episode WHERE id = ?1

-- name: care_of_plan
SELECT client_id FROM plan_version WHERE id = ?1

-- name: care_of_discharge_summary
SELECT client_id FROM discharge_summary WHERE id = ?1

-- name: care_of_note
SELECT client_id FROM note_part WHERE note_id = ?1

-- name: care_of_drug_screen
SELECT client_id FROM drug_screen WHERE id = ?1

-- name: care_of_medication
SELECT client_id FROM medication WHERE id = ?1

-- name: care_of_appointment
SELECT client_id FROM appointment WHERE id = ?1

-- name: care_of_consent
SELECT client_id FROM consent WHERE id = ?1

-- name: care_of_disclosure
SELECT client_id FROM disclosure WHERE id = ?1

-- name: care_of_coverage
SELECT client_id FROM coverage WHERE id = ?1

-- name: care_of_screening
SELECT client_id FROM screening WHERE id = ?1 AND client_id IS NOT NULL AND client_id > 0

-- name: care_of_aftercare_plan
SELECT client_id FROM aftercare_plan WHERE id = ?1

-- name: care_of_court_date
SELECT client_id FROM cm_court_date WHERE id = ?1

-- name: care_of_referral
SELECT client_id FROM cm_referral WHERE id = ?1

-- name: care_of_alumni_checkin
SELECT client_id FROM alumni_checkin WHERE id = ?1

-- name: care_team_list
SELECT ct.id, ct.client_id, ct.staff_id, st.full_name, st.username, st.roles,
       ct.role_in_care, ct.added_by, ct.added_at
FROM care_team ct JOIN staff st ON st.id = ct.staff_id
WHERE ct.client_id = ?1 AND ct.removed_at = 0
ORDER BY ct.added_at, ct.id

-- name: care_team_get
SELECT ct.id, ct.client_id, ct.staff_id, st.full_name, st.username, st.roles,
       ct.role_in_care, ct.added_by, ct.added_at
FROM care_team ct JOIN staff st ON st.id = ct.staff_id
WHERE ct.client_id = ?1 AND ct.staff_id = ?2 AND ct.removed_at = 0

-- name: care_team_insert
INSERT INTO care_team (client_id, staff_id, role_in_care, added_by, added_at)
VALUES (?1, ?2, ?3, ?4, ?5)

-- name: care_team_remove
UPDATE care_team SET removed_at = ?3, removed_by = ?4
WHERE client_id = ?1 AND staff_id = ?2 AND removed_at = 0

-- name: emergency_insert
INSERT INTO emergency_access (client_id, staff_id, reason, granted_at, expires_at)
VALUES (?1, ?2, ?3, ?4, ?5)

-- name: emergency_director_tasks
-- A task for every active director: the emergency is flagged to them.
INSERT INTO task (kind, title, client_id, assigned_to, due_at, created_at)
SELECT 'emergency_access', ?2, ?1, st.id, ?3 + 86400, ?3 FROM staff st
WHERE st.active = 1 AND (',' || st.roles || ',') LIKE '%,director,%'

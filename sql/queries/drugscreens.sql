-- Medications and drug screens (src/store/drugscreens.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- fragment: medication_cols
SELECT m.id, m.client_id, m.name, m.mat, m.expected, m.dose,
       coalesce(m.prescriber_id, 0) AS prescriber_id, m.prescriber_name, m.start_date,
       m.stop_date, m.entered_in_error, m.error_reason, m.created_by, m.created_at,
       m.changed_by, m.changed_at, coalesce(ps.full_name, '') AS prescriber_staff_name,
       coalesce(cb.full_name, '') AS created_by_name,
       (SELECT count(*) FROM medication_revision r WHERE r.medication_id = m.id) AS revisions
FROM medication m LEFT JOIN staff ps ON ps.id = m.prescriber_id
     LEFT JOIN staff cb ON cb.id = m.created_by

-- name: medication_by_client
{{medication_cols}}
WHERE m.client_id = ?1
ORDER BY m.entered_in_error, m.stop_date <> '', m.start_date DESC, m.id DESC

-- name: medication_by_id
{{medication_cols}}
WHERE m.id = ?1

-- name: medication_insert
INSERT INTO medication (client_id, name, mat, expected, dose, prescriber_id, prescriber_name,
       start_date, stop_date, entered_in_error, error_reason, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0), ?7, ?8, ?9, ?10, ?11, ?12, ?13)

-- name: medication_revise
INSERT INTO medication_revision (medication_id, name, mat, expected, dose, prescriber_id,
       prescriber_name, start_date, stop_date, entered_in_error, error_reason,
       was_changed_by, was_changed_at, replaced_by, replaced_at)
SELECT id, name, mat, expected, dose, prescriber_id, prescriber_name, start_date, stop_date,
       entered_in_error, error_reason,
       CASE WHEN changed_by = 0 THEN created_by ELSE changed_by END,
       CASE WHEN changed_at = 0 THEN created_at ELSE changed_at END, ?2, ?3
FROM medication WHERE id = ?1

-- name: medication_update
UPDATE medication SET name = ?2, mat = ?3, expected = ?4, dose = ?5,
       prescriber_id = nullif(?6, 0), prescriber_name = ?7, start_date = ?8, stop_date = ?9,
       entered_in_error = ?10, error_reason = ?11, changed_by = ?12, changed_at = ?13
WHERE id = ?1

-- name: medication_history
SELECT r.id, r.medication_id, r.name, r.mat, r.dose, coalesce(r.prescriber_id, 0)
           AS prescriber_id, r.prescriber_name, r.start_date, r.stop_date,
       r.entered_in_error, r.error_reason, r.was_changed_by, r.was_changed_at,
       r.replaced_by, r.replaced_at, coalesce(ps.full_name, '') AS prescriber_staff_name,
       coalesce(wb.full_name, '') AS was_changed_by_name,
       coalesce(rb.full_name, '') AS replaced_by_name
FROM medication_revision r LEFT JOIN staff ps ON ps.id = r.prescriber_id
     LEFT JOIN staff wb ON wb.id = r.was_changed_by
     LEFT JOIN staff rb ON rb.id = r.replaced_by
WHERE r.medication_id = ?1
ORDER BY r.id DESC

-- fragment: dscreen_cols
SELECT d.id, d.client_id, d.collected_at, d.method, d.panel, d.status, d.observed, d.results,
       d.expected, d.unexpected, d.task_id, d.recorded_by, d.recorded_at, d.resulted_by,
       d.resulted_at, coalesce(rb.full_name, '') AS recorded_by_name,
       coalesce(sb.full_name, '') AS resulted_by_name,
       (SELECT count(*) FROM drug_screen_revision r WHERE r.drug_screen_id = d.id) AS revisions,
       d.entered_in_error, d.error_reason, d.error_by, d.error_at,
       coalesce(eb.full_name, '') AS error_by_name
FROM drug_screen d LEFT JOIN staff rb ON rb.id = d.recorded_by
     LEFT JOIN staff sb ON sb.id = d.resulted_by
     LEFT JOIN staff eb ON eb.id = d.error_by

-- name: dscreen_by_client
{{dscreen_cols}}
WHERE d.client_id = ?1
ORDER BY d.collected_at DESC, d.id DESC

-- name: dscreen_by_id
{{dscreen_cols}}
WHERE d.id = ?1

-- name: dscreen_insert
INSERT INTO drug_screen (client_id, collected_at, method, observed, panel, status, results,
       expected, unexpected, recorded_by, recorded_at, resulted_by, resulted_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)

-- name: dscreen_revise
INSERT INTO drug_screen_revision (drug_screen_id, results, expected, unexpected, resulted_by,
       resulted_at, replaced_by, replaced_at)
SELECT id, results, expected, unexpected, resulted_by, resulted_at, ?2, ?3
FROM drug_screen WHERE id = ?1 AND status = 'resulted'

-- name: dscreen_results_set
UPDATE drug_screen SET status = 'resulted', results = ?2, expected = ?3, unexpected = ?4,
       resulted_by = ?5, resulted_at = ?6
WHERE id = ?1

-- name: dscreen_error_set
UPDATE drug_screen SET entered_in_error = 1, error_reason = ?2, error_by = ?3, error_at = ?4
WHERE id = ?1 AND entered_in_error = 0

-- name: dscreen_task_set
UPDATE drug_screen SET task_id = ?2 WHERE id = ?1

-- name: dscreen_history
SELECT r.id, r.drug_screen_id, r.results, r.expected, r.unexpected, r.resulted_by,
       r.resulted_at, r.replaced_by, r.replaced_at,
       coalesce(rb.full_name, '') AS resulted_by_name,
       coalesce(pb.full_name, '') AS replaced_by_name
FROM drug_screen_revision r LEFT JOIN staff rb ON rb.id = r.resulted_by
     LEFT JOIN staff pb ON pb.id = r.replaced_by
WHERE r.drug_screen_id = ?1
ORDER BY r.id DESC

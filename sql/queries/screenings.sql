-- Administered screenings (src/store/screenings.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: screening_insert
INSERT INTO screening (client_id, inquiry_id, code, version, answers, scores, band, flags,
       administered_by, administered_at)
VALUES (nullif(?1, 0), nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)

-- A screening as read: whose (client, inquiry; 0 for none), who gave it, and
-- whether, by whom and why it was voided.
-- fragment: screening_select
SELECT s.id, coalesce(s.client_id, 0) AS client_id, coalesce(s.inquiry_id, 0) AS inquiry_id,
       s.code, s.version, s.answers, s.scores, s.band, s.flags, s.administered_by,
       st.username, s.administered_at, s.voided_at, coalesce(s.voided_by, 0) AS voided_by,
       coalesce(vb.username, '') AS voided_by_name, s.void_reason
FROM screening s JOIN staff st ON st.id = s.administered_by
LEFT JOIN staff vb ON vb.id = s.voided_by

-- name: screening_by_client
{{screening_select}}
WHERE s.client_id = ?1 ORDER BY s.id DESC LIMIT ?2 OFFSET ?3

-- name: screening_count
SELECT count(*) FROM screening WHERE client_id = ?1

-- An inquiry's screenings: those given on it, before or after conversion.
-- name: screening_by_inquiry
{{screening_select}}
WHERE s.inquiry_id = ?1 ORDER BY s.id DESC LIMIT ?2 OFFSET ?3

-- name: screening_count_inquiry
SELECT count(*) FROM screening WHERE inquiry_id = ?1

-- name: screening_by_id
{{screening_select}}
WHERE s.id = ?1

-- name: screening_void
UPDATE screening SET voided_at = ?2, voided_by = ?3, void_reason = ?4
WHERE id = ?1 AND voided_at = 0

-- The open alerts a voided screening raised, closed with their tasks: they
-- stay in the history, resolved with the reason.
-- name: alert_close_for_screening
UPDATE alert SET resolved_at = ?2, resolved_by = ?3, response = ?4
WHERE source_type = 'screening' AND source_id = ?1 AND resolved_at = 0

-- name: task_close_for_screening
UPDATE task SET done_at = ?2, done_by = ?3, response = ?4
WHERE done_at = 0 AND alert_id IN
      (SELECT id FROM alert WHERE source_type = 'screening' AND source_id = ?1)

-- At conversion, what was done on the inquiry becomes the client's: its
-- screenings, their alerts and the alerts' tasks (?1 inquiry, ?2 client).
-- name: screening_carry_alerts
UPDATE alert SET client_id = ?2
WHERE client_id IS NULL AND source_type = 'screening'
      AND source_id IN (SELECT id FROM screening WHERE inquiry_id = ?1)

-- name: screening_carry_tasks
UPDATE task SET client_id = ?2
WHERE inquiry_id = ?1 AND client_id IS NULL AND alert_id IS NOT NULL

-- name: screening_carry
UPDATE screening SET client_id = ?2 WHERE inquiry_id = ?1 AND client_id IS NULL

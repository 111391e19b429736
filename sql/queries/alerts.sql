-- Clinical alerts (src/store/alerts.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: alert_insert
INSERT INTO alert (client_id, kind, message, source_type, source_id, raised_at)
VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6)

-- name: alert_by_client
SELECT id, client_id, kind, message, source_type, source_id, raised_at, resolved_at,
       coalesce(resolved_by, 0) AS resolved_by, response
FROM alert WHERE client_id = ?1 AND (?2 = 0 OR resolved_at = 0) ORDER BY id DESC
LIMIT ?3 OFFSET ?4

-- name: alert_count_client
SELECT count(*) FROM alert WHERE client_id = ?1 AND (?2 = 0 OR resolved_at = 0)

-- name: alert_by_id
SELECT id, coalesce(client_id, 0) AS client_id, kind, message, source_type, source_id, raised_at, resolved_at,
       coalesce(resolved_by, 0) AS resolved_by, response
FROM alert WHERE id = ?1

-- name: alert_resolve
UPDATE alert SET resolved_at = ?2, resolved_by = ?3, response = ?4
WHERE id = ?1 AND resolved_at = 0

-- name: task_done_for_alert
UPDATE task SET done_at = ?2, done_by = ?3, response = ?4 WHERE alert_id = ?1 AND done_at = 0

-- The alerts raised by an inquiry's screenings, newest first.
-- name: alert_by_inquiry
SELECT a.id, coalesce(a.client_id, 0) AS client_id, a.kind, a.message, a.source_type,
       a.source_id, a.raised_at, a.resolved_at, coalesce(a.resolved_by, 0) AS resolved_by,
       a.response
FROM alert a JOIN screening s ON a.source_type = 'screening' AND s.id = a.source_id
WHERE s.inquiry_id = ?1 ORDER BY a.id DESC

-- Staff tasks (src/store/tasks.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: task_insert
INSERT INTO task (kind, title, client_id, inquiry_id, alert_id, assigned_to, due_at,
       created_at)
VALUES (?1, ?2, nullif(?3, 0), nullif(?4, 0), nullif(?5, 0), nullif(?6, 0), ?7, ?8)

-- name: task_list_for
SELECT id, kind, title, client_id, inquiry_id, alert_id, assigned_to, due_at, done_at, done_by,
       response, created_at, client_mrn, client_first, client_last, client_preferred,
       inquiry_name
FROM task_about
WHERE assigned_to = ?1 AND (?2 = 0 OR done_at = 0)
ORDER BY done_at <> 0, due_at, id LIMIT ?3 OFFSET ?4

-- name: task_count_for
SELECT count(*) FROM task_about WHERE assigned_to = ?1 AND (?2 = 0 OR done_at = 0)

-- name: task_by_id
SELECT id, kind, title, client_id, inquiry_id, alert_id, assigned_to, due_at, done_at, done_by,
       response, created_at, client_mrn, client_first, client_last, client_preferred,
       inquiry_name
FROM task_about
WHERE id = ?1

-- name: task_open_count
-- An alumni check-in due more than 14 days ahead is not counted yet: the
-- five are made at discharge, up to a year ahead (ops/alumni.c).
SELECT count(*), coalesce(sum(due_at < ?2), 0) FROM task WHERE assigned_to = ?1 AND done_at = 0
  AND NOT (kind = 'alumni_checkin' AND due_at > ?2 + 1209600)

-- name: task_done
UPDATE task SET done_at = ?2, done_by = ?3, response = ?4 WHERE id = ?1 AND done_at = 0

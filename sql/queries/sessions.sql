-- Sign-in sessions (src/store/sessions.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: session_by_token
SELECT s.id, s.staff_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
       st.username, st.full_name, st.roles, st.active, st.must_change_password
FROM session s JOIN staff st ON st.id = s.staff_id
WHERE s.token_hash = ?1 AND s.ended_at = 0

-- name: session_insert
INSERT INTO session (token_hash, staff_id, csrf_token, address, created_at, last_seen_at,
       expires_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)

-- name: session_touch
UPDATE session SET last_seen_at = ?2 WHERE id = ?1 AND ended_at = 0

-- name: session_end
UPDATE session SET ended_at = ?2 WHERE id = ?1 AND ended_at = 0

-- name: session_end_staff
UPDATE session SET ended_at = ?2 WHERE staff_id = ?1 AND ended_at = 0 AND id <> ?3

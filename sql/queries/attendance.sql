-- Attendance at group sessions and its corrections (src/store/attendance.c).

-- name: attendance_of_session
SELECT session_id, client_id, status, late_minutes, left_early_minutes, minutes, recorded_by,
       recorded_at
FROM attendance WHERE session_id = ?1 ORDER BY client_id

-- name: attendance_changes_of_session
SELECT session_id, client_id, status, late_minutes, left_early_minutes, minutes, recorded_by,
       recorded_at, changed_by, changed_at
FROM attendance_change WHERE session_id = ?1 ORDER BY client_id, id

-- name: attendance_keep_change
INSERT INTO attendance_change (attendance_id, session_id, client_id, status, late_minutes,
       left_early_minutes, minutes, recorded_by, recorded_at, changed_by, changed_at)
SELECT id, session_id, client_id, status, late_minutes, left_early_minutes, minutes,
       recorded_by, recorded_at, ?3, ?4
FROM attendance WHERE session_id = ?1 AND client_id = ?2

-- name: attendance_upsert
INSERT INTO attendance (session_id, client_id, status, late_minutes, left_early_minutes,
       minutes, recorded_by, recorded_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (session_id, client_id) DO UPDATE SET status = excluded.status,
       late_minutes = excluded.late_minutes, left_early_minutes = excluded.left_early_minutes,
       minutes = excluded.minutes, recorded_by = excluded.recorded_by,
       recorded_at = excluded.recorded_at

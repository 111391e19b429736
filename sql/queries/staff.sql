-- Staff accounts, their roles and sites (src/store/staff.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: staff_by_id
SELECT id, username, full_name, email, roles, active, must_change_password, failed_logins,
       locked_until, last_login_at, needs_supervision, supervisor_id, alumni_coordinator
FROM staff WHERE id = ?1

-- name: staff_by_username
SELECT id, username, full_name, email, roles, active, must_change_password, failed_logins,
       locked_until, last_login_at, needs_supervision, supervisor_id, alumni_coordinator, password_hash
FROM staff WHERE username = ?1

-- name: staff_list
SELECT id, username, full_name, email, roles, active, must_change_password, failed_logins,
       locked_until, last_login_at, needs_supervision, supervisor_id, alumni_coordinator, count(*) OVER ()
FROM staff ORDER BY lower(full_name), id LIMIT ?1 OFFSET ?2

-- name: staff_sites
SELECT site_id FROM staff_site WHERE staff_id = ?1 ORDER BY site_id

-- name: staff_insert
INSERT INTO staff (username, full_name, email, roles, password_hash, active,
       must_change_password, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)

-- name: staff_update
UPDATE staff SET full_name = ?2, email = ?3, roles = ?4, active = ?5, updated_at = ?6,
       needs_supervision = ?7, supervisor_id = ?8, alumni_coordinator = ?9
WHERE id = ?1

-- name: staff_sites_clear
DELETE FROM staff_site WHERE staff_id = ?1

-- name: staff_site_add
INSERT INTO staff_site (staff_id, site_id) VALUES (?1, ?2)

-- name: staff_set_password
UPDATE staff SET password_hash = ?2, must_change_password = ?3, failed_logins = 0,
       locked_until = 0, updated_at = ?4
WHERE id = ?1

-- name: staff_login_failed
UPDATE staff SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= ?3 THEN ?2 + ?4 ELSE locked_until END
WHERE id = ?1

-- name: staff_login_ok
UPDATE staff SET failed_logins = 0, locked_until = 0, last_login_at = ?2 WHERE id = ?1

-- name: staff_unlock
UPDATE staff SET failed_logins = 0, locked_until = 0, updated_at = ?2 WHERE id = ?1

-- name: staff_count
SELECT count(*) FROM staff

-- name: clinician_first
SELECT id FROM staff WHERE active = 1 AND (',' || roles || ',') LIKE '%,clinician,%'
ORDER BY id LIMIT 1

-- name: staff_first_site
SELECT site_id FROM staff_site WHERE staff_id = ?1 ORDER BY site_id LIMIT 1

-- name: director_at_site
-- An active director who works at the site (the lowest id), for an alert
-- raised while nobody is on duty there.
SELECT st.id FROM staff st JOIN staff_site ss ON ss.staff_id = st.id
WHERE ss.site_id = ?1 AND st.active = 1 AND (',' || st.roles || ',') LIKE '%,director,%'
ORDER BY st.id LIMIT 1

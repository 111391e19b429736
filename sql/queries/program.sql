-- The program's own details and the set-up checklist's counts
-- (src/store/program.c).

-- name: program_get
SELECT name, tagline, phone, email, updated_by, updated_at FROM program WHERE id = ?1

-- name: program_update
UPDATE program SET name = ?2, tagline = ?3, phone = ?4, email = ?5, updated_by = ?6,
       updated_at = ?7
WHERE id = ?1

-- What a fresh install still lacks: active sites, rooms and tracks, active
-- staff who can take clients in and treat them, and whether the program's
-- details were ever saved.
-- name: setup_counts
SELECT (SELECT count(*) FROM site WHERE active = 1) AS sites,
       (SELECT count(*) FROM room WHERE active = 1) AS rooms,
       (SELECT count(*) FROM track WHERE active = 1) AS tracks,
       (SELECT count(*) FROM staff WHERE active = 1
           AND (',' || roles || ',') LIKE '%,clinician,%') AS clinicians,
       (SELECT count(*) FROM staff WHERE active = 1
           AND (',' || roles || ',') LIKE '%,admissions,%') AS admissions,
       (SELECT updated_at FROM program WHERE id = ?1) AS program_saved_at,
       -- Active sites with no active director working there: a safety
       -- alert raised while nobody is on duty would reach no one.
       (SELECT count(*) FROM site si WHERE si.active = 1 AND NOT EXISTS
           (SELECT 1 FROM staff st JOIN staff_site ss ON ss.staff_id = st.id
            WHERE ss.site_id = si.id AND st.active = 1
              AND (',' || st.roles || ',') LIKE '%,director,%')) AS sites_without_director

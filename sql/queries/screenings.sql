-- Administered screenings (src/store/screenings.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: screening_insert
INSERT INTO screening (client_id, code, version, answers, scores, band, flags,
       administered_by, administered_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)

-- name: screening_by_client
SELECT s.id, s.client_id, s.code, s.version, s.answers, s.scores, s.band, s.flags,
       s.administered_by, st.username, s.administered_at
FROM screening s JOIN staff st ON st.id = s.administered_by
WHERE s.client_id = ?1 ORDER BY s.id DESC LIMIT ?2 OFFSET ?3

-- name: screening_count
SELECT count(*) FROM screening WHERE client_id = ?1

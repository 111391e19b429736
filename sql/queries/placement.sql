-- Placement assessments and the placement table (src/store/placement.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: placement_insert
INSERT INTO placement (client_id, edition, ratings, notes, flags, recommended, reasons,
       chosen, override_reason, assessed_by, assessed_at, table_version, inquiry_id)
VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, nullif(?13, 0))

-- name: placement_by_client
SELECT p.id, coalesce(p.client_id, 0) AS client_id, p.edition, p.ratings, p.notes, p.flags, p.recommended, p.reasons,
       p.chosen, p.override_reason, p.assessed_by, st.username, p.assessed_at,
       p.table_version, coalesce(p.inquiry_id, 0) AS inquiry_id
FROM placement p JOIN staff st ON st.id = p.assessed_by
WHERE p.client_id = ?1 ORDER BY p.id DESC LIMIT ?2 OFFSET ?3

-- name: placement_count_client
SELECT count(*) FROM placement WHERE client_id = ?1

-- An inquiry's assessments (made on it, before or after conversion).
-- name: placement_by_inquiry
SELECT p.id, coalesce(p.client_id, 0) AS client_id, p.edition, p.ratings, p.notes, p.flags,
       p.recommended, p.reasons, p.chosen, p.override_reason, p.assessed_by, st.username,
       p.assessed_at, p.table_version, coalesce(p.inquiry_id, 0) AS inquiry_id
FROM placement p JOIN staff st ON st.id = p.assessed_by
WHERE p.inquiry_id = ?1 ORDER BY p.id DESC LIMIT ?2 OFFSET ?3

-- name: placement_count_inquiry
SELECT count(*) FROM placement WHERE inquiry_id = ?1

-- At conversion the inquiry's assessments become the client's (?1 inquiry, ?2 client).
-- name: placement_carry
UPDATE placement SET client_id = ?2 WHERE inquiry_id = ?1 AND client_id IS NULL

-- name: placement_table_current
SELECT t.version, t.edition, t.body, t.saved_by, st.username, t.saved_at
FROM placement_table t JOIN staff st ON st.id = t.saved_by
ORDER BY t.version DESC LIMIT 1

-- name: placement_table_version
SELECT coalesce(max(version), 0) FROM placement_table

-- name: placement_table_insert
INSERT INTO placement_table (version, edition, body, saved_by, saved_at)
VALUES (?1, ?2, ?3, ?4, ?5)

-- The audit log: the chain's tail and appends (src/store/audit_chain.c),
-- the whole chain for verify (verify.c), and the reads (audit.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: audit_insert
INSERT INTO audit (id, at, user_id, username, role, action, record_type, record_id,
       client_id, address, detail, hash)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)

-- name: audit_about_insert
INSERT INTO audit_about (audit_id, client_id) VALUES (?1, ?2)

-- A list row's clients sixteen at a time (one statement, not sixteen).
-- name: audit_about_insert16
INSERT INTO audit_about (audit_id, client_id)
VALUES (?1, ?2), (?1, ?3), (?1, ?4), (?1, ?5),
       (?1, ?6), (?1, ?7), (?1, ?8), (?1, ?9),
       (?1, ?10), (?1, ?11), (?1, ?12), (?1, ?13),
       (?1, ?14), (?1, ?15), (?1, ?16), (?1, ?17)

-- name: audit_last
SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1

-- name: audit_count
SELECT count(*) FROM audit

-- name: audit_all
SELECT id, at, user_id, username, role, action, record_type, record_id, client_id,
       address, detail, hash,
       (SELECT group_concat(client_id) FROM audit_about WHERE audit_id = audit.id) AS about
FROM audit ORDER BY id

-- name: audit_by_client
SELECT id, at, user_id, username, role, action, record_type, record_id, client_id,
       address, detail, hash, count(*) OVER ()
FROM audit
WHERE client_id = ?1 OR id IN (SELECT audit_id FROM audit_about WHERE client_id = ?1)
ORDER BY id DESC LIMIT ?2 OFFSET ?3

-- The whole log's filters (store_audit_find): ?1 the newest id shown (a
-- list keeps to the log as it first read it), ?2..?3 the time range
-- [from, to), ?4 the staff member (0: anyone), ?5 the client (0: any; a row
-- is about the client when it names them or lists them in audit_about),
-- ?6 the action ('': any).
-- fragment: audit_filter
WHERE id <= ?1 AND at >= ?2 AND at < ?3
  AND (?4 = 0 OR user_id = ?4)
  AND (?5 = 0 OR client_id = ?5
       OR id IN (SELECT audit_id FROM audit_about WHERE client_id = ?5))
  AND (?6 = '' OR action = ?6)

-- name: audit_find
SELECT id, at, user_id, username, role, action, record_type, record_id, client_id,
       address, detail, hash
FROM audit {{audit_filter}}
ORDER BY id DESC LIMIT ?7 OFFSET ?8

-- name: audit_find_count
SELECT count(*) FROM audit {{audit_filter}}

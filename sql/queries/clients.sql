-- Clients and their contacts (src/store/clients.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- A name prefix p is the range p <= name < p || U+10FFFF under NOCASE, so
-- the NOCASE indexes of migration 0002 answer it without reading every
-- client.  (A LIKE pattern bound as a parameter made SQLite re-prepare the
-- statement on every new value — 8x slower — and needed escaping.)
--
-- A search's total is counted by its own query, and only when the page is
-- full or not the first: count(*) OVER () forced a temporary sort of every
-- match, where the plain query walks the client_last index in order.

-- The client columns, once: every query that reads client records uses them.
-- fragment: client_columns
id, mrn, first_name, last_name, preferred_name, dob, sex, gender_identity,
       phone, email, addr_line1, addr_line2, addr_city, addr_state, addr_postal_code,
       language, active, created_at, updated_at

-- name: client_by_id
SELECT {{client_columns}}
FROM client WHERE id = ?1

-- name: client_search_all
SELECT {{client_columns}}
FROM client WHERE (?1 OR active = 1)
ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT ?2 OFFSET ?3

-- name: client_count_all
SELECT count(*) FROM client WHERE (?1 OR active = 1)

-- name: client_search_name
SELECT {{client_columns}}
FROM client WHERE (?1 OR active = 1)
  AND ((first_name COLLATE NOCASE >= ?4 AND first_name COLLATE NOCASE < ?4 || char(1114111))
       OR (last_name COLLATE NOCASE >= ?4 AND last_name COLLATE NOCASE < ?4 || char(1114111))
       OR (preferred_name COLLATE NOCASE >= ?4 AND preferred_name COLLATE NOCASE < ?4 || char(1114111)))
ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT ?2 OFFSET ?3

-- name: client_count_name
SELECT count(*) FROM client WHERE (?1 OR active = 1)
  AND ((first_name COLLATE NOCASE >= ?4 AND first_name COLLATE NOCASE < ?4 || char(1114111))
       OR (last_name COLLATE NOCASE >= ?4 AND last_name COLLATE NOCASE < ?4 || char(1114111))
       OR (preferred_name COLLATE NOCASE >= ?4 AND preferred_name COLLATE NOCASE < ?4 || char(1114111)))

-- name: client_search_pair
SELECT {{client_columns}}
FROM client WHERE (?1 OR active = 1)
  AND (last_name COLLATE NOCASE >= ?4 AND last_name COLLATE NOCASE < ?4 || char(1114111))
  AND ((first_name COLLATE NOCASE >= ?5 AND first_name COLLATE NOCASE < ?5 || char(1114111))
       OR (preferred_name COLLATE NOCASE >= ?5 AND preferred_name COLLATE NOCASE < ?5 || char(1114111)))
ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT ?2 OFFSET ?3

-- name: client_count_pair
SELECT count(*) FROM client WHERE (?1 OR active = 1)
  AND (last_name COLLATE NOCASE >= ?4 AND last_name COLLATE NOCASE < ?4 || char(1114111))
  AND ((first_name COLLATE NOCASE >= ?5 AND first_name COLLATE NOCASE < ?5 || char(1114111))
       OR (preferred_name COLLATE NOCASE >= ?5 AND preferred_name COLLATE NOCASE < ?5 || char(1114111)))

-- name: client_search_mrn
SELECT {{client_columns}}
FROM client WHERE (?1 OR active = 1) AND mrn = ?4
ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT ?2 OFFSET ?3

-- name: client_count_mrn
SELECT count(*) FROM client WHERE (?1 OR active = 1) AND mrn = ?4

-- name: client_search_dob
SELECT {{client_columns}}
FROM client WHERE (?1 OR active = 1) AND dob = ?4
ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT ?2 OFFSET ?3

-- name: client_count_dob
SELECT count(*) FROM client WHERE (?1 OR active = 1) AND dob = ?4

-- name: client_dupes
SELECT {{client_columns}}
FROM client WHERE lower(first_name) = lower(?1) AND lower(last_name) = lower(?2)
  AND dob = ?3 AND id <> ?4
ORDER BY id LIMIT 20

-- name: client_insert
INSERT INTO client (mrn, first_name, last_name, preferred_name, dob, sex, gender_identity,
       phone, email, addr_line1, addr_line2, addr_city, addr_state, addr_postal_code,
       language, active, created_at, updated_at)
VALUES ('pending-' || ?17, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)

-- name: client_set_mrn
UPDATE client SET mrn = ?2 WHERE id = ?1

-- name: client_update
UPDATE client SET first_name = ?2, last_name = ?3, preferred_name = ?4, dob = ?5, sex = ?6,
       gender_identity = ?7, phone = ?8, email = ?9, addr_line1 = ?10, addr_line2 = ?11,
       addr_city = ?12, addr_state = ?13, addr_postal_code = ?14, language = ?15,
       active = ?16, updated_at = ?17
WHERE id = ?1

-- name: contact_list
SELECT id, client_id, name, relationship, phone, email, emergency, guardian, notes, kind,
       organisation, may_contact
FROM contact WHERE client_id = ?1 AND active = 1 ORDER BY emergency DESC, id

-- name: contact_by_id
SELECT id, client_id, name, relationship, phone, email, emergency, guardian, notes, kind,
       organisation, may_contact
FROM contact WHERE client_id = ?1 AND id = ?2 AND active = 1

-- name: contact_insert
INSERT INTO contact (client_id, name, relationship, phone, email, emergency, guardian, notes,
       created_at, updated_at, kind, organisation, may_contact)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12)

-- name: contact_update
UPDATE contact SET name = ?3, relationship = ?4, phone = ?5, email = ?6, emergency = ?7,
       guardian = ?8, notes = ?9, updated_at = ?10, kind = ?11, organisation = ?12,
       may_contact = ?13
WHERE client_id = ?1 AND id = ?2 AND active = 1

-- name: contact_remove
UPDATE contact SET active = 0, updated_at = ?3 WHERE client_id = ?1 AND id = ?2 AND active = 1

-- name: episode_open_clinician
SELECT e.primary_clinician FROM episode e JOIN staff s ON s.id = e.primary_clinician
WHERE e.client_id = ?1 AND e.status = 'open' AND s.active = 1

-- name: episode_open_site
SELECT site_id FROM episode WHERE client_id = ?1 AND status = 'open' ORDER BY id DESC LIMIT 1

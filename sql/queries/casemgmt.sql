-- Case management: resources, needs, court dates, referrals and what is due
-- (src/store/casemgmt.c).

-- fragment: resource_cols
SELECT r.id, r.name, r.kind, r.address, r.phone, r.email, r.website, r.notes, r.active,
       r.created_at, r.updated_at
FROM cm_resource r

-- A search of the address book: ?1 text in the name, address or notes
-- ('' none), ?2 kind ('' any), ?3 1 with inactive ones too.
-- name: cm_resource_search
SELECT r.id, r.name, r.kind, r.address, r.phone, r.email, r.website, r.notes, r.active,
       r.created_at, r.updated_at, count(*) OVER () AS total
FROM cm_resource r
WHERE (?1 = '' OR instr(lower(r.name), lower(?1)) > 0
       OR instr(lower(r.address), lower(?1)) > 0 OR instr(lower(r.notes), lower(?1)) > 0)
  AND (?2 = '' OR r.kind = ?2)
  AND (?3 = 1 OR r.active = 1)
ORDER BY r.active DESC, lower(r.name), r.id
LIMIT ?4 OFFSET ?5

-- name: cm_resource_by_id
{{resource_cols}}
WHERE r.id = ?1

-- name: cm_resource_insert
INSERT INTO cm_resource (name, kind, address, phone, email, website, notes, active,
       created_by, created_at, updated_by, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10)

-- name: cm_resource_update
UPDATE cm_resource SET name = ?2, kind = ?3, address = ?4, phone = ?5, email = ?6,
       website = ?7, notes = ?8, active = ?9, updated_by = ?10, updated_at = ?11
WHERE id = ?1

-- name: cm_need_by_client
SELECT n.id, n.client_id, n.domain, n.status, n.notes, n.lawyer_name, n.lawyer_phone,
       n.officer_kind, n.officer_name, n.officer_phone, n.episode_id, n.updated_at,
       coalesce(s.full_name, '') AS updated_by_name
FROM cm_need n LEFT JOIN staff s ON s.id = n.updated_by
WHERE n.client_id = ?1
ORDER BY n.id

-- name: cm_need_put
INSERT INTO cm_need (client_id, domain, status, notes, lawyer_name, lawyer_phone,
       officer_kind, officer_name, officer_phone, episode_id, updated_by, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
ON CONFLICT (client_id, domain) DO UPDATE SET status = excluded.status,
       notes = excluded.notes, lawyer_name = excluded.lawyer_name,
       lawyer_phone = excluded.lawyer_phone, officer_kind = excluded.officer_kind,
       officer_name = excluded.officer_name, officer_phone = excluded.officer_phone,
       episode_id = excluded.episode_id, updated_by = excluded.updated_by,
       updated_at = excluded.updated_at

-- name: cm_open_episode
SELECT id FROM episode WHERE client_id = ?1 AND status = 'open' ORDER BY id DESC LIMIT 1

-- fragment: court_cols
SELECT d.id, d.client_id, d.on_date, d.court, d.purpose, d.created_at, d.removed_at,
       coalesce(s.full_name, '') AS created_by_name
FROM cm_court_date d LEFT JOIN staff s ON s.id = d.created_by

-- name: cm_court_by_client
{{court_cols}}
WHERE d.client_id = ?1 AND d.removed_at = 0
ORDER BY d.on_date, d.id

-- name: cm_court_by_id
{{court_cols}}
WHERE d.id = ?1

-- name: cm_court_insert
INSERT INTO cm_court_date (client_id, on_date, court, purpose, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)

-- name: cm_court_remove
UPDATE cm_court_date SET removed_by = ?2, removed_at = ?3 WHERE id = ?1 AND removed_at = 0

-- fragment: referral_cols
SELECT f.id, f.client_id, f.resource_id, f.domain, f.status, f.follow_up_on, f.notes,
       f.made_at, f.updated_at, r.name AS resource_name, r.kind AS resource_kind,
       r.phone AS resource_phone, r.email AS resource_email,
       coalesce(s.full_name, '') AS made_by_name
FROM cm_referral f JOIN cm_resource r ON r.id = f.resource_id
     LEFT JOIN staff s ON s.id = f.made_by

-- name: cm_referral_by_client
{{referral_cols}}
WHERE f.client_id = ?1
ORDER BY f.id DESC

-- name: cm_referral_by_id
{{referral_cols}}
WHERE f.id = ?1

-- name: cm_referral_insert
INSERT INTO cm_referral (client_id, resource_id, domain, status, follow_up_on, notes,
       made_by, made_at, updated_by, updated_at)
VALUES (?1, ?2, ?3, 'made', ?4, ?5, ?6, ?7, ?6, ?7)

-- name: cm_referral_set
UPDATE cm_referral SET status = ?2, follow_up_on = ?3, notes = ?4, updated_by = ?5,
       updated_at = ?6
WHERE id = ?1

-- name: cm_referral_change_insert
INSERT INTO cm_referral_change (referral_id, status, note, changed_by, changed_at)
VALUES (?1, ?2, ?3, ?4, ?5)

-- The status history of a client's referrals, oldest first.
-- name: cm_referral_changes_by_client
SELECT h.id, h.referral_id, h.status, h.note, h.changed_at,
       coalesce(s.full_name, '') AS changed_by_name
FROM cm_referral_change h JOIN cm_referral f ON f.id = h.referral_id
     LEFT JOIN staff s ON s.id = h.changed_by
WHERE f.client_id = ?1
ORDER BY h.id

-- What is due: open referrals with a follow-up on or before ?1, and court
-- dates from ?2 to ?1 (dates YYYY-MM-DD, a day wider than any site's today:
-- the caller keeps those due at the client's site); ?3 a staff id: only
-- clients whose open episode has them as case manager, or referrals they
-- made (0: everyone's).
-- name: cm_due
SELECT 'referral' AS kind, f.id, f.client_id, f.follow_up_on AS on_date,
       r.name AS title, f.domain AS detail, f.status,
       c.mrn AS client_mrn, c.first_name AS client_first, c.last_name AS client_last,
       c.preferred_name AS client_preferred,
       coalesce((SELECT si.timezone FROM episode e JOIN site si ON si.id = e.site_id
                 WHERE e.client_id = f.client_id AND e.status = 'open'
                 ORDER BY e.id DESC LIMIT 1), 'UTC') AS timezone
FROM cm_referral f JOIN cm_resource r ON r.id = f.resource_id
     JOIN client c ON c.id = f.client_id
WHERE f.status IN ('made', 'accepted') AND f.follow_up_on <> '' AND f.follow_up_on <= ?1
  AND (?3 = 0 OR f.made_by = ?3 OR EXISTS (SELECT 1 FROM episode e
       WHERE e.client_id = f.client_id AND e.status = 'open' AND e.case_manager = ?3))
UNION ALL
SELECT 'court_date' AS kind, d.id, d.client_id, d.on_date, d.court AS title,
       d.purpose AS detail, '' AS status,
       c.mrn, c.first_name, c.last_name, c.preferred_name,
       coalesce((SELECT si.timezone FROM episode e JOIN site si ON si.id = e.site_id
                 WHERE e.client_id = d.client_id AND e.status = 'open'
                 ORDER BY e.id DESC LIMIT 1), 'UTC') AS timezone
FROM cm_court_date d JOIN client c ON c.id = d.client_id
WHERE d.removed_at = 0 AND d.on_date >= ?2 AND d.on_date <= ?4
  AND (?3 = 0 OR d.created_by = ?3 OR EXISTS (SELECT 1 FROM episode e
       WHERE e.client_id = d.client_id AND e.status = 'open' AND e.case_manager = ?3))
ORDER BY 4, 1, 2

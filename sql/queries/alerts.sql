-- Clinical alerts (src/store/alerts.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: alert_insert
INSERT INTO alert (client_id, kind, message, source_type, source_id, raised_at, site_id,
       unclaimed)
VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8)

-- fragment: alert_from
SELECT a.id, coalesce(a.client_id, 0) AS client_id, a.kind, a.message, a.source_type, a.source_id, a.raised_at,
       a.resolved_at, coalesce(a.resolved_by, 0) AS resolved_by, a.response, a.site_id,
       a.unclaimed, a.claimed_by, a.claimed_at,
       coalesce(rb.full_name, '') AS resolved_by_name,
       coalesce(cb.full_name, '') AS claimed_by_name,
       coalesce((SELECT t.assigned_to FROM task t WHERE t.alert_id = a.id
                 ORDER BY t.id DESC LIMIT 1), 0) AS assigned_to,
       coalesce((SELECT s.full_name FROM task t JOIN staff s ON s.id = t.assigned_to
                 WHERE t.alert_id = a.id ORDER BY t.id DESC LIMIT 1), '') AS assigned_name,
       coalesce(si.name, '') AS site_name,
       coalesce(c.mrn, '') AS client_mrn, coalesce(c.first_name, '') AS client_first,
       coalesce(c.last_name, '') AS client_last,
       coalesce(c.preferred_name, '') AS client_preferred
FROM alert a LEFT JOIN client c ON c.id = a.client_id
LEFT JOIN staff rb ON rb.id = a.resolved_by
LEFT JOIN staff cb ON cb.id = a.claimed_by
LEFT JOIN site si ON si.id = a.site_id

-- name: alert_by_client
-- Every alert of the client, open and closed, newest first: the chart's
-- history keeps each with its response, who responded and when.
{{alert_from}}
WHERE a.client_id = ?1 AND (?2 = 0 OR a.resolved_at = 0) ORDER BY a.id DESC
LIMIT ?3 OFFSET ?4

-- name: alert_count_client
SELECT count(*) FROM alert WHERE client_id = ?1 AND (?2 = 0 OR resolved_at = 0)

-- name: alert_by_id
{{alert_from}}
WHERE a.id = ?1

-- name: alert_unclaimed
-- Open alerts nobody has claimed, oldest first, at the sites staff ?1 works
-- at (all sites when they work at none) and those with no site.
{{alert_from}}
WHERE a.unclaimed = 1 AND a.resolved_at = 0
  AND (a.site_id = 0 OR NOT EXISTS (SELECT 1 FROM staff_site WHERE staff_id = ?1)
       OR a.site_id IN (SELECT site_id FROM staff_site WHERE staff_id = ?1))
ORDER BY a.raised_at, a.id LIMIT ?2 OFFSET ?3

-- name: alert_unclaimed_count
SELECT count(*) FROM alert a
WHERE a.unclaimed = 1 AND a.resolved_at = 0
  AND (a.site_id = 0 OR NOT EXISTS (SELECT 1 FROM staff_site WHERE staff_id = ?1)
       OR a.site_id IN (SELECT site_id FROM staff_site WHERE staff_id = ?1))

-- name: alert_resolve
-- A resolved alert leaves the unclaimed list: whoever answered it claimed it.
UPDATE alert SET resolved_at = ?2, resolved_by = ?3, response = ?4, unclaimed = 0
WHERE id = ?1 AND resolved_at = 0

-- name: alert_claim
UPDATE alert SET unclaimed = 0, claimed_by = ?2, claimed_at = ?3
WHERE id = ?1 AND unclaimed = 1 AND resolved_at = 0

-- name: task_claim_for_alert
UPDATE task SET assigned_to = ?2 WHERE alert_id = ?1 AND done_at = 0

-- name: task_done_for_alert
UPDATE task SET done_at = ?2, done_by = ?3, response = ?4 WHERE alert_id = ?1 AND done_at = 0

-- The alerts raised by an inquiry's screenings, newest first.
-- name: alert_by_inquiry
{{alert_from}}
JOIN screening s ON a.source_type = 'screening' AND s.id = a.source_id
WHERE s.inquiry_id = ?1 ORDER BY a.id DESC

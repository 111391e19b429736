-- Episodes of care and the census (src/store/episodes.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- fragment: episode_from
SELECT e.id, e.client_id, e.level, e.site_id, coalesce(e.track_id, 0) AS track_id,
       e.admitted_on, e.primary_clinician, coalesce(e.case_manager, 0) AS case_manager,
       e.privacy_notice_given, e.status, e.discharged_on,
       coalesce(e.inquiry_id, 0) AS inquiry_id, e.created_at,
       c.mrn, c.first_name, c.last_name, c.preferred_name, s.name,
       coalesce(t.name, '') AS track_name, pc.full_name,
       coalesce(cm.full_name, '') AS case_manager_name, e.acknowledged_alerts,
       e.discharge_type, e.discharge_reason, e.discharged_to,
       coalesce(e.transferred_from, 0) AS transferred_from, e.step_down_weeks,
       coalesce((SELECT n.id FROM episode n WHERE n.transferred_from = e.id), 0)
           AS transferred_to,
       coalesce((SELECT d.id FROM discharge_summary d WHERE d.episode_id = e.id), 0)
           AS discharge_summary_id
FROM episode e JOIN client c ON c.id = e.client_id JOIN site s ON s.id = e.site_id
  LEFT JOIN track t ON t.id = e.track_id JOIN staff pc ON pc.id = e.primary_clinician
  LEFT JOIN staff cm ON cm.id = e.case_manager

-- name: episode_insert
INSERT INTO episode (client_id, level, site_id, track_id, admitted_on, primary_clinician,
       case_manager, privacy_notice_given, inquiry_id, created_by, created_at,
       acknowledged_alerts)
VALUES (?1, ?2, ?3, nullif(?4, 0), ?5, ?6, nullif(?7, 0), ?8, nullif(?9, 0), ?10, ?11, ?12)

-- name: episode_open_for
SELECT count(*) FROM episode WHERE client_id = ?1 AND status = 'open'

-- name: episode_by_client
{{episode_from}}
WHERE e.client_id = ?1 ORDER BY e.id DESC

-- name: episode_by_id
{{episode_from}}
WHERE e.id = ?1

-- name: census
{{episode_from}}
WHERE e.status = 'open' AND (?1 = 0 OR e.site_id = ?1) AND (?2 = '' OR e.level = ?2)
  AND (?3 = 0 OR e.track_id = ?3)
ORDER BY s.name, e.level, t.name, c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, e.id
LIMIT ?4 OFFSET ?5

-- name: census_count
SELECT count(*)
FROM episode e JOIN client c ON c.id = e.client_id JOIN site s ON s.id = e.site_id
  JOIN staff pc ON pc.id = e.primary_clinician
WHERE e.status = 'open' AND (?1 = 0 OR e.site_id = ?1) AND (?2 = '' OR e.level = ?2)
  AND (?3 = 0 OR e.track_id = ?3)

-- name: inquiry_admit
UPDATE inquiry SET status = 'admitted', updated_at = ?3 WHERE id = ?1 AND client_id = ?2

-- name: levels_offered
SELECT DISTINCT t.level_of_care FROM track t JOIN site s ON s.id = t.site_id
WHERE t.active = 1 AND s.active = 1 ORDER BY t.level_of_care

-- name: alerts_of_client
{{alert_from}}
WHERE a.client_id = ?1 ORDER BY a.id

-- name: followups_close_for_inquiry
UPDATE task SET done_at = ?2, done_by = ?3, response = ?4
WHERE inquiry_id = ?1 AND kind = 'follow_up' AND done_at = 0

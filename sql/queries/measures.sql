-- Measurement-based care: the program's schedule of repeated instruments,
-- what is due in open episodes, and the scores a worsening is judged on
-- (src/store/measures.c).

-- name: measure_schedule_all
SELECT code, every_days, worsen_by, updated_by, updated_at FROM measure_schedule
ORDER BY code

-- name: measure_schedule_update
UPDATE measure_schedule SET every_days = ?2, worsen_by = ?3, updated_by = ?4,
       updated_at = ?5
WHERE code = ?1

-- The tracked score (?3: its name in the scores) of the client's latest
-- administration of instrument ?2 given before screening ?4 (given at ?6;
-- one given the same second and written earlier counts as before), given at
-- or after ?5, not voided.
-- name: measure_previous
SELECT id, administered_at,
       CAST(json_extract(scores, '$.' || ?3) AS INTEGER) AS value
FROM screening
WHERE client_id = ?1 AND code = ?2 AND voided_at = 0 AND id <> ?4 AND administered_at >= ?5
  AND (administered_at < ?6 OR (administered_at = ?6 AND id < ?4))
  AND json_extract(scores, '$.' || ?3) IS NOT NULL
ORDER BY administered_at DESC, id DESC LIMIT 1

-- Each open episode with each instrument of the schedule (repeated ones
-- only unless ?4 is 1): the episode's site and its zone, its admission and
-- primary clinician, and the latest administration not voided given no
-- more than 31 days before the admission (core/measure.c applies the exact
-- 30 in the site's zone).  ?1 site, ?2 primary clinician, ?3 client: 0 is
-- any.
-- name: measure_due_rows
SELECT ep.id AS episode_id, ep.client_id, c.mrn AS client_mrn,
       c.first_name AS client_first, c.last_name AS client_last,
       c.preferred_name AS client_preferred, ep.site_id, si.timezone,
       ep.admitted_on, ep.primary_clinician, m.code, m.every_days,
       coalesce((SELECT max(s.administered_at) FROM screening s
                 WHERE s.client_id = ep.client_id AND s.code = m.code AND s.voided_at = 0
                   AND s.administered_at >= CAST(strftime('%s', ep.admitted_on) AS INTEGER)
                       - 31 * 86400), 0) AS last_at
FROM episode ep
JOIN client c ON c.id = ep.client_id
JOIN site si ON si.id = ep.site_id
JOIN measure_schedule m ON (?4 = 1 OR m.every_days > 0)
WHERE ep.status = 'open'
  AND (?1 = 0 OR ep.site_id = ?1)
  AND (?2 = 0 OR ep.primary_clinician = ?2)
  AND (?3 = 0 OR ep.client_id = ?3)
ORDER BY ep.id, m.code

-- A client's administrations, not voided, of the instruments the schedule
-- lists (repeated or not), oldest first: the score history.
-- name: measure_history
SELECT s.id, s.code, s.administered_at, s.scores, s.band
FROM screening s JOIN measure_schedule m ON m.code = s.code
WHERE s.client_id = ?1 AND s.voided_at = 0
ORDER BY s.administered_at, s.id

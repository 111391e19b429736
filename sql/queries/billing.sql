-- Billable days (src/store/billing.c, core/billing.h): for one client or
-- for every client with an episode at a site over a range of local dates
-- (?from .. ?to, inclusive), in a handful of set-based reads: the per-diem
-- codes, the episodes, the counted sessions with their note's state, and
-- the plan versions.  A site's clients are those with an episode there
-- overlapping the range; every episode of theirs in the range is read, so
-- the caller can tell which episode holds each day.  Sessions are group
-- sessions attended (minutes > 0) and appointments attended; which
-- appointment kinds count is the caller's (core/hours.h).  Appointments
-- have no local date: they are found by instant (?lo .. ?hi, the range's
-- bounds in the site's zone) and dated by the caller.  A site's sessions
-- and appointments come in no order: the caller sorts them by client and
-- day (a sort in SQL would be a second one).  A client's query and the
-- site's share their columns and joins, and the site's share the clients
-- with an episode there in the range: the fragments below, put in by
-- {{name}}.

-- fragment: billing_site_clients
(SELECT client_id FROM episode WHERE site_id = ?1 AND admitted_on <= ?3
 AND (discharged_on = '' OR discharged_on >= ?2))

-- fragment: billing_episode_from
SELECT ep.id AS id, ep.client_id AS client_id, ep.level AS level, ep.site_id AS site_id,
       ep.admitted_on AS admitted_on, ep.discharged_on AS discharged_on,
       c.first_name AS first_name, c.last_name AS last_name,
       c.preferred_name AS preferred_name, c.mrn AS mrn
FROM episode ep JOIN client c ON c.id = ep.client_id

-- fragment: billing_appointment_from
SELECT a.client_id AS client_id, a.kind AS kind, a.id AS ref_id, '' AS date,
       a.starts_at AS starts_at, a.attended_minutes AS minutes, '' AS title,
       coalesce(n.id, 0) AS note_id, coalesce(n.status, '') AS note_status,
       coalesce(n.signed_at, 0) AS signed_at, coalesce(n.cosigner_id, 0) AS cosigner_id,
       coalesce(n.cosigned_at, 0) AS cosigned_at, p.note_id IS NOT NULL AS has_part,
       coalesce(p.starts_at, 0) AS part_starts_at, coalesce(p.ends_at, 0) AS part_ends_at,
       EXISTS (SELECT 1 FROM note_objective o WHERE o.note_id = n.id
               AND o.client_id = a.client_id) AS linked
FROM appointment a
LEFT JOIN note n ON n.appointment_id = a.id
LEFT JOIN note_part p ON p.note_id = n.id AND p.client_id = a.client_id

-- fragment: billing_plan_from
SELECT pv.id AS id, pv.episode_id AS episode_id, pv.client_id AS client_id,
       pv.version AS version, pv.clinician_signed_at AS clinician_signed_at,
       pv.review_due_at AS review_due_at, pv.client_signed_at AS client_signed_at
FROM plan_version pv

-- name: billing_codes
SELECT level, code, revenue_code, units, min_minutes
FROM per_diem_code ORDER BY level

-- name: billing_client_episodes
{{billing_episode_from}}
WHERE ep.client_id = ?1 AND ep.admitted_on <= ?3
      AND (ep.discharged_on = '' OR ep.discharged_on >= ?2)
ORDER BY ep.client_id, ep.admitted_on, ep.id

-- name: billing_site_episodes
{{billing_episode_from}}
WHERE ep.client_id IN {{billing_site_clients}}
      AND ep.admitted_on <= ?3 AND (ep.discharged_on = '' OR ep.discharged_on >= ?2)
ORDER BY ep.client_id, ep.admitted_on, ep.id

-- name: billing_client_sessions
SELECT a.client_id AS client_id, 'group' AS kind, g.id AS ref_id, g.date AS date,
       g.starts_at AS starts_at, a.minutes AS minutes,
       CASE WHEN g.topic <> '' THEN g.topic ELSE t.name END AS title,
       coalesce(n.id, 0) AS note_id, coalesce(n.status, '') AS note_status,
       coalesce(n.signed_at, 0) AS signed_at, coalesce(n.cosigner_id, 0) AS cosigner_id,
       coalesce(n.cosigned_at, 0) AS cosigned_at, p.note_id IS NOT NULL AS has_part,
       coalesce(p.starts_at, 0) AS part_starts_at, coalesce(p.ends_at, 0) AS part_ends_at,
       EXISTS (SELECT 1 FROM note_objective o WHERE o.note_id = n.id
               AND o.client_id = a.client_id) AS linked
FROM attendance a
JOIN group_session g ON g.id = a.session_id
JOIN track t ON t.id = g.track_id
LEFT JOIN note n ON n.session_id = g.id
LEFT JOIN note_part p ON p.note_id = n.id AND p.client_id = a.client_id
WHERE a.client_id = ?1 AND a.minutes > 0 AND g.status <> 'cancelled'
      AND g.date >= ?2 AND g.date <= ?3
ORDER BY a.client_id, g.starts_at, g.id

-- A site's group sessions attended, without their notes: those come from
-- billing_site_notes and billing_site_parts, one row a session and one a
-- part, and the caller joins them (looking a note up for each of some
-- 20,000 rows a month costs twice as much as reading them in two passes).
-- name: billing_site_sessions
SELECT a.client_id AS client_id, 'group' AS kind, g.id AS ref_id, g.date AS date,
       g.starts_at AS starts_at, a.minutes AS minutes, '' AS title,
       0 AS note_id, '' AS note_status, 0 AS signed_at, 0 AS cosigner_id, 0 AS cosigned_at,
       0 AS has_part, 0 AS part_starts_at, 0 AS part_ends_at, 0 AS linked
FROM attendance a
JOIN group_session g ON g.id = a.session_id
WHERE a.client_id IN {{billing_site_clients}}
      AND a.minutes > 0 AND g.status <> 'cancelled' AND g.date >= ?2 AND g.date <= ?3

-- Every group session of the range (found by start instant ?1 .. ?2, a day
-- either side, then kept by local date ?3 .. ?4) with its note, by id.
-- name: billing_site_notes
SELECT g.id AS session_id, CASE WHEN g.topic <> '' THEN g.topic ELSE t.name END AS title,
       coalesce(n.id, 0) AS note_id, coalesce(n.status, '') AS note_status,
       coalesce(n.signed_at, 0) AS signed_at, coalesce(n.cosigner_id, 0) AS cosigner_id,
       coalesce(n.cosigned_at, 0) AS cosigned_at
FROM group_session g
JOIN track t ON t.id = g.track_id
LEFT JOIN note n ON n.session_id = g.id
WHERE g.starts_at >= ?1 AND g.starts_at < ?2 AND g.date >= ?3 AND g.date <= ?4
ORDER BY g.id

-- The parts of those sessions' notes, with whether an objective is linked
-- (in no order: the caller sorts them).
-- name: billing_site_parts
SELECT p.note_id AS note_id, p.client_id AS client_id, p.starts_at AS starts_at,
       p.ends_at AS ends_at,
       EXISTS (SELECT 1 FROM note_objective o WHERE o.note_id = p.note_id
               AND o.client_id = p.client_id) AS linked
FROM group_session g
JOIN note n ON n.session_id = g.id
JOIN note_part p ON p.note_id = n.id
WHERE g.starts_at >= ?1 AND g.starts_at < ?2 AND g.date >= ?3 AND g.date <= ?4

-- name: billing_client_appointments
{{billing_appointment_from}}
WHERE a.client_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3
      AND a.status <> 'cancelled' AND a.attendance = 'attended' AND a.attended_minutes > 0
ORDER BY a.client_id, a.starts_at, a.id

-- name: billing_site_appointments
{{billing_appointment_from}}
WHERE a.client_id IN {{billing_site_clients}}
      AND a.starts_at >= ?4 AND a.starts_at < ?5
      AND a.status <> 'cancelled' AND a.attendance = 'attended' AND a.attended_minutes > 0

-- The non-draft plan versions of the episodes in the range.
-- name: billing_client_plans
{{billing_plan_from}}
WHERE pv.client_id = ?1 AND pv.status <> 'draft'
ORDER BY pv.episode_id, pv.version

-- name: billing_site_plans
{{billing_plan_from}}
WHERE pv.client_id IN {{billing_site_clients}}
      AND pv.status <> 'draft'
ORDER BY pv.episode_id, pv.version

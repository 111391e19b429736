-- Treatment plans: versions, their content and the reviews due
-- (src/store/plans.c).  Bound parameters only; a query that yields records
-- names its columns as the record's row table in the C file does.

-- fragment: plan_cols
SELECT pv.id, pv.episode_id, pv.client_id, pv.version, pv.status, pv.created_by,
       pv.created_at, pv.updated_by, pv.updated_at, pv.clinician_signed_by,
       pv.clinician_signed_at, pv.review_days, pv.review_due_at, pv.client_signed_name,
       pv.client_signed_at, pv.client_signed_via, pv.client_signed_witness,
       (SELECT max(l.version) FROM plan_version l WHERE l.episode_id = pv.episode_id)
           AS latest_version,
       EXISTS (SELECT 1 FROM plan_version l WHERE l.episode_id = pv.episode_id
               AND l.version > pv.version AND l.status <> 'draft') AS superseded,
       coalesce(cb.full_name, '') AS created_by_name,
       coalesce(cs.full_name, '') AS clinician_name,
       coalesce(wt.full_name, '') AS witness_name
FROM plan_version pv
LEFT JOIN staff cb ON cb.id = pv.created_by
LEFT JOIN staff cs ON cs.id = pv.clinician_signed_by
LEFT JOIN staff wt ON wt.id = pv.client_signed_witness

-- name: plan_by_id
{{plan_cols}}
WHERE pv.id = ?1

-- Every version of a client's plans (?1), or of one episode's (?2; 0: any),
-- newest first.
-- name: plan_list
{{plan_cols}}
WHERE pv.client_id = ?1 AND (?2 = 0 OR pv.episode_id = ?2)
ORDER BY pv.episode_id DESC, pv.version DESC

-- name: plan_latest_id
SELECT coalesce((SELECT id FROM plan_version WHERE episode_id = ?1
                 ORDER BY version DESC LIMIT 1), 0)

-- name: plan_insert
INSERT INTO plan_version (episode_id, client_id, version, created_by, created_at,
       updated_by, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)

-- name: plan_touch
UPDATE plan_version SET updated_by = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'draft'

-- name: plan_sign
UPDATE plan_version SET status = 'clinician_signed', clinician_signed_by = ?2,
       clinician_signed_at = ?3, review_days = ?4, review_due_at = ?5, updated_by = ?2,
       updated_at = ?3
WHERE id = ?1 AND status = 'draft'

-- name: plan_client_sign
UPDATE plan_version SET status = 'locked', client_signed_name = ?2, client_signed_at = ?3,
       client_signed_via = ?4, client_signed_witness = ?5, updated_by = ?5, updated_at = ?3
WHERE id = ?1 AND status = 'clinician_signed'

-- name: plan_objective_key_new
INSERT INTO plan_objective_key (episode_id, created_at) VALUES (?1, ?2)

-- A key of episode ?2, or of an episode it was transferred from (a plan
-- carried forward keeps its objectives' keys).
-- name: plan_objective_key_of
WITH RECURSIVE chain(id) AS (
	SELECT ?2
	UNION SELECT e.transferred_from FROM episode e JOIN chain ON e.id = chain.id
	WHERE e.transferred_from IS NOT NULL
)
SELECT count(*) FROM plan_objective_key WHERE id = ?1 AND episode_id IN (SELECT id FROM chain)

-- The content of a draft is replaced whole: its rows go, the new ones come.
-- name: plan_problems_clear
DELETE FROM plan_problem WHERE version_id = ?1

-- name: plan_goals_clear
DELETE FROM plan_goal WHERE version_id = ?1

-- name: plan_objectives_clear
DELETE FROM plan_objective WHERE version_id = ?1

-- name: plan_interventions_clear
DELETE FROM plan_intervention WHERE version_id = ?1

-- name: plan_problem_insert
INSERT INTO plan_problem (version_id, pos, dimension, statement) VALUES (?1, ?2, ?3, ?4)

-- name: plan_goal_insert
INSERT INTO plan_goal (version_id, problem_pos, pos, text) VALUES (?1, ?2, ?3, ?4)

-- name: plan_objective_insert
INSERT INTO plan_objective (version_id, problem_pos, goal_pos, pos, objective_key, text,
       target_date, status)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)

-- name: plan_intervention_insert
INSERT INTO plan_intervention (version_id, problem_pos, goal_pos, pos, intervention,
       frequency, staff_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)

-- name: plan_problems
SELECT version_id, pos, dimension, statement FROM plan_problem
WHERE version_id = ?1 ORDER BY pos

-- name: plan_goals
SELECT version_id, problem_pos, pos, text FROM plan_goal
WHERE version_id = ?1 ORDER BY problem_pos, pos

-- name: plan_objectives
SELECT version_id, problem_pos, goal_pos, pos, objective_key, text, target_date, status
FROM plan_objective WHERE version_id = ?1 ORDER BY problem_pos, goal_pos, pos

-- name: plan_interventions
SELECT i.version_id, i.problem_pos, i.goal_pos, i.pos, i.intervention, i.frequency,
       i.staff_id, coalesce(s.full_name, '') AS staff_name
FROM plan_intervention i LEFT JOIN staff s ON s.id = i.staff_id
WHERE i.version_id = ?1 ORDER BY i.problem_pos, i.goal_pos, i.pos

-- The signed versions in force (the newest signed one of each open
-- episode) whose review falls due before ?2, for staff member ?1 (the
-- episode's primary clinician or the version's signer; 0: everyone's),
-- the most overdue first.
-- name: plan_reviews_due
SELECT pv.id, pv.client_id, pv.episode_id, pv.version, pv.review_due_at,
       pv.clinician_signed_at, ep.primary_clinician, c.mrn AS client_mrn,
       c.first_name AS client_first, c.last_name AS client_last,
       c.preferred_name AS client_preferred
FROM plan_version pv
JOIN episode ep ON ep.id = pv.episode_id AND ep.status = 'open'
JOIN client c ON c.id = pv.client_id
WHERE pv.status <> 'draft' AND pv.review_due_at < ?2
  AND NOT EXISTS (SELECT 1 FROM plan_version n WHERE n.episode_id = pv.episode_id
                  AND n.status <> 'draft' AND n.version > pv.version)
  AND (?1 = 0 OR ep.primary_clinician = ?1 OR pv.clinician_signed_by = ?1)
ORDER BY pv.review_due_at, pv.id

-- An episode's client and whether it is open (1) or closed (0).
-- name: plan_episode
SELECT id, client_id, status = 'open' AS open FROM episode WHERE id = ?1

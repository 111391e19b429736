-- Clinical notes: group and appointment notes, their parts per client, the
-- objectives they link, addenda, the prefill of a draft and the worklist
-- (src/store/notes.c).  Bound parameters only.

-- fragment: note_cols
SELECT n.id, n.kind, coalesce(n.session_id, 0) AS session_id,
       coalesce(n.appointment_id, 0) AS appointment_id, n.form, n.topic, n.content,
       n.interventions, n.starts_at, n.ends_at, n.status, n.author_id, n.created_at,
       n.updated_by, n.updated_at, n.signed_by, n.signed_at, n.cosigner_id, n.cosigned_at,
       coalesce(ap.client_id, 0) AS client_id,
       coalesce(ap.staff_id, gs.substitute_id, gs.facilitator_id, 0) AS staff_id,
       coalesce(gs.group_type, ap.kind, '') AS group_type,
       coalesce(tr.name, '') AS track_name, coalesce(gs.date, '') AS date,
       coalesce(au.full_name, '') AS author_name, coalesce(sg.full_name, '') AS signer_name,
       coalesce(cs.full_name, '') AS cosigner_name,
       coalesce(cl.first_name, '') AS client_first, coalesce(cl.last_name, '') AS client_last,
       coalesce(cl.preferred_name, '') AS client_preferred
FROM note n
LEFT JOIN group_session gs ON gs.id = n.session_id
LEFT JOIN track tr ON tr.id = gs.track_id
LEFT JOIN appointment ap ON ap.id = n.appointment_id
LEFT JOIN client cl ON cl.id = ap.client_id
LEFT JOIN staff au ON au.id = n.author_id
LEFT JOIN staff sg ON sg.id = n.signed_by
LEFT JOIN staff cs ON cs.id = n.cosigner_id

-- name: note_by_id
{{note_cols}}
WHERE n.id = ?1

-- name: note_id_of_session
SELECT coalesce((SELECT id FROM note WHERE session_id = ?1), 0)

-- name: note_id_of_appointment
SELECT coalesce((SELECT id FROM note WHERE appointment_id = ?1), 0)

-- A client's notes (?1), newest first: their appointments' notes, the
-- signed group notes with a part for them, and the draft group notes of
-- sessions they were marked present at.
-- name: note_list_client
{{note_cols}}
WHERE ap.client_id = ?1
   OR (n.status = 'signed' AND EXISTS (SELECT 1 FROM note_part p
       WHERE p.note_id = n.id AND p.client_id = ?1))
   OR (n.status = 'draft' AND EXISTS (SELECT 1 FROM attendance a
       WHERE a.session_id = n.session_id AND a.client_id = ?1
       AND a.status IN ('present', 'late', 'left_early')))
ORDER BY n.starts_at DESC, n.id DESC

-- The worklist: drafts created before ?2 by author ?1 (0: anyone's), and
-- signed notes waiting for ?3's co-signature (0: none), oldest first.
-- name: note_worklist
{{note_cols}}
WHERE (n.status = 'draft' AND n.created_at < ?2 AND (?1 = 0 OR n.author_id = ?1))
   OR (?3 <> 0 AND n.cosigner_id = ?3 AND n.cosigned_at = 0 AND n.status = 'signed')
ORDER BY n.created_at, n.id

-- fragment: part_cols
p.participation, p.response, p.progress, p.sec1, p.sec2, p.sec3, p.sec4,
       c.mrn, c.first_name, c.last_name, c.preferred_name

-- The parts as stored (a signed note, an appointment's note).
-- name: note_parts_stored
SELECT p.client_id, p.attendance, p.starts_at, p.ends_at, p.minutes,
       {{part_cols}}
FROM note_part p JOIN client c ON c.id = p.client_id
WHERE p.note_id = ?1
ORDER BY c.last_name, c.first_name, c.id

-- A draft group note's parts as attendance says now: one per client marked
-- present, late or left early, with what was written for them.
-- name: note_parts_live
SELECT a.client_id, a.status AS attendance,
       gs.starts_at + a.late_minutes * 60 AS starts_at,
       gs.ends_at - a.left_early_minutes * 60 AS ends_at, a.minutes,
       coalesce(p.participation, '') AS participation, coalesce(p.response, '') AS response,
       coalesce(p.progress, '') AS progress, coalesce(p.sec1, '') AS sec1,
       coalesce(p.sec2, '') AS sec2, coalesce(p.sec3, '') AS sec3, coalesce(p.sec4, '') AS sec4,
       c.mrn, c.first_name, c.last_name, c.preferred_name
FROM note n
JOIN group_session gs ON gs.id = n.session_id
JOIN attendance a ON a.session_id = gs.id AND a.status IN ('present', 'late', 'left_early')
JOIN client c ON c.id = a.client_id
LEFT JOIN note_part p ON p.note_id = n.id AND p.client_id = a.client_id
WHERE n.id = ?1
ORDER BY c.last_name, c.first_name, c.id

-- The roster's clients not marked present, for a group note to show.
-- name: note_absent
SELECT a.client_id, a.status, c.first_name, c.last_name, c.preferred_name
FROM note n
JOIN attendance a ON a.session_id = n.session_id
    AND a.status NOT IN ('present', 'late', 'left_early')
JOIN client c ON c.id = a.client_id
WHERE n.id = ?1
ORDER BY c.last_name, c.first_name, c.id

-- The objectives linked, with their words from the newest version holding
-- them.
-- name: note_objectives
SELECT o.client_id, o.objective_key,
       coalesce((SELECT po.text FROM plan_objective po WHERE po.objective_key = o.objective_key
                 ORDER BY po.version_id DESC LIMIT 1), '') AS text
FROM note_objective o
WHERE o.note_id = ?1
ORDER BY o.client_id, o.objective_key

-- A client's open objectives in the current plan of their open episode
-- (the newest signed version, else the newest draft).
-- fragment: open_objectives_of
JOIN plan_objective o ON o.version_id = (
    SELECT v.id FROM plan_version v JOIN episode ep ON ep.id = v.episode_id
    WHERE v.client_id = x.client_id AND ep.status = 'open'
    ORDER BY v.status <> 'draft' DESC, v.version DESC LIMIT 1)
  AND o.status = 'open'

-- The open objectives to pick from for each part of draft ?1.
-- name: note_open_objectives
SELECT x.client_id, o.objective_key, o.text, o.target_date
FROM (SELECT a.client_id FROM note n JOIN attendance a ON a.session_id = n.session_id
      AND a.status IN ('present', 'late', 'left_early') WHERE n.id = ?1
      UNION
      SELECT ap.client_id FROM note n JOIN appointment ap ON ap.id = n.appointment_id
      WHERE n.id = ?1) x
{{open_objectives_of}}
ORDER BY x.client_id, o.problem_pos, o.goal_pos, o.pos

-- Each present client's part in the last earlier group note of the same
-- track (draft ?1's session).
-- name: note_last_parts
SELECT a.client_id, lp.note_id, s2.date, lp.participation, lp.response, lp.progress,
       coalesce((SELECT group_concat(lo.objective_key) FROM note_objective lo
                 WHERE lo.note_id = lp.note_id AND lo.client_id = a.client_id), '')
           AS objective_keys
FROM note n
JOIN group_session gs ON gs.id = n.session_id
JOIN attendance a ON a.session_id = gs.id AND a.status IN ('present', 'late', 'left_early')
JOIN note_part lp ON lp.client_id = a.client_id AND lp.note_id = (
    SELECT n2.id FROM note_part p2 JOIN note n2 ON n2.id = p2.note_id
    JOIN group_session s3 ON s3.id = n2.session_id
    WHERE p2.client_id = a.client_id AND s3.track_id = gs.track_id
      AND s3.starts_at < gs.starts_at
    ORDER BY s3.starts_at DESC LIMIT 1)
JOIN note n2 ON n2.id = lp.note_id
JOIN group_session s2 ON s2.id = n2.session_id
WHERE n.id = ?1

-- name: note_last_shared
-- The shared part of the track's last group note before this session.
SELECT n2.id AS note_id, s2.date, n2.interventions
FROM note n
JOIN group_session gs ON gs.id = n.session_id
JOIN group_session s2 ON s2.track_id = gs.track_id AND s2.starts_at < gs.starts_at
JOIN note n2 ON n2.session_id = s2.id
WHERE n.id = ?1
ORDER BY s2.starts_at DESC LIMIT 1

-- name: note_persons
SELECT contact_id FROM note_person WHERE note_id = ?1 ORDER BY contact_id

-- name: note_addenda
SELECT d.id, d.note_id, d.client_id, d.text, d.created_by, d.created_at,
       coalesce(s.full_name, '') AS created_by_name
FROM note_addendum d LEFT JOIN staff s ON s.id = d.created_by
WHERE d.note_id = ?1 ORDER BY d.id

-- ---- writes -----------------------------------------------------------------

-- name: note_insert
INSERT INTO note (kind, session_id, appointment_id, form, topic, starts_at, ends_at,
       author_id, created_at, updated_by, updated_at)
VALUES (?1, nullif(?2, 0), nullif(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)

-- name: note_update
UPDATE note SET form = ?2, topic = ?3, content = ?4, interventions = ?5, starts_at = ?6,
       ends_at = ?7, updated_by = ?8, updated_at = ?9
WHERE id = ?1 AND status = 'draft'

-- name: note_part_put
INSERT OR REPLACE INTO note_part (note_id, client_id, attendance, starts_at, ends_at,
       minutes, participation, response, progress, sec1, sec2, sec3, sec4)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)

-- name: note_parts_clear
DELETE FROM note_part WHERE note_id = ?1

-- name: note_objectives_clear_client
DELETE FROM note_objective WHERE note_id = ?1 AND client_id = ?2

-- name: note_objectives_clear
DELETE FROM note_objective WHERE note_id = ?1

-- name: note_objective_put
INSERT OR IGNORE INTO note_objective (note_id, client_id, objective_key) VALUES (?1, ?2, ?3)

-- Is ?1 an objective key of an episode of client ?2?
-- name: note_objective_of_client
SELECT count(*) FROM plan_objective_key k JOIN episode ep ON ep.id = k.episode_id
WHERE k.id = ?1 AND ep.client_id = ?2

-- name: note_persons_clear
DELETE FROM note_person WHERE note_id = ?1

-- name: note_person_put
INSERT OR IGNORE INTO note_person (note_id, contact_id) VALUES (?1, ?2)

-- name: note_sign
UPDATE note SET status = 'signed', signed_by = ?2, signed_at = ?3, cosigner_id = ?4,
       updated_by = ?2, updated_at = ?3
WHERE id = ?1 AND status = 'draft'

-- name: note_cosign
UPDATE note SET cosigned_at = ?3, updated_by = ?2, updated_at = ?3
WHERE id = ?1 AND status = 'signed' AND cosigner_id = ?2 AND cosigned_at = 0

-- name: note_addendum_insert
INSERT INTO note_addendum (note_id, client_id, text, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5)

-- A staff member's supervision: whether they need it and their supervisor.
-- name: note_supervision
SELECT needs_supervision, supervisor_id FROM staff WHERE id = ?1

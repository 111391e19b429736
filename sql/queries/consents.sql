-- Part 2 consents and disclosures (src/store/consents.c).

-- fragment: consent_cols
SELECT c.id, c.client_id, c.client_name, c.disclosing_party, c.information,
       c.information_detail, c.recipients, c.purpose, c.revoke_statement, c.expires_on,
       c.expires_event, c.signed_on, c.signature, c.recorded_by, c.recorded_at, c.revoked_by,
       c.revoked_at, c.revoke_reason, coalesce(rb.full_name, '') AS recorded_by_name,
       coalesce(vb.full_name, '') AS revoked_by_name
FROM consent c LEFT JOIN staff rb ON rb.id = c.recorded_by
     LEFT JOIN staff vb ON vb.id = c.revoked_by

-- name: consent_by_client
{{consent_cols}}
WHERE c.client_id = ?1
ORDER BY c.signed_on DESC, c.id DESC

-- name: consent_by_id
{{consent_cols}}
WHERE c.id = ?1

-- name: consent_insert
INSERT INTO consent (client_id, client_name, disclosing_party, information,
       information_detail, recipients, purpose, revoke_statement, expires_on, expires_event,
       signed_on, signature, recorded_by, recorded_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)

-- name: consent_revoke
UPDATE consent SET revoked_by = ?2, revoked_at = ?3, revoke_reason = ?4
WHERE id = ?1 AND revoked_at = 0

-- fragment: disclosure_cols
SELECT d.id, d.client_id, d.consent_id, d.recipient, d.recipient_kind, d.information,
       d.format, d.purpose, d.notice, d.content_type, d.document, d.released_by,
       d.released_at, coalesce(s.full_name, '') AS released_by_name
FROM disclosure d LEFT JOIN staff s ON s.id = d.released_by

-- name: disclosure_by_client
{{disclosure_cols}}
WHERE d.client_id = ?1
ORDER BY d.released_at DESC, d.id DESC

-- name: disclosure_by_id
{{disclosure_cols}}
WHERE d.id = ?1

-- name: disclosure_insert
INSERT INTO disclosure (client_id, consent_id, recipient, recipient_kind, information, format,
       purpose, notice, content_type, document, released_by, released_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)

-- The records a release puts in its document, one line (item, value) a
-- row, each category's lines in order.  ?1 the client; ?2 the offset in
-- seconds of the client's site from UTC (days are the site's).  Only the
-- client's own records: a group note gives only this client's part.

-- name: release_attendance
SELECT item, value FROM (
	SELECT 0 AS k, 0 AS t, 'group sessions' AS item,
	       coalesce(sum(status IN ('present', 'late', 'left_early')), 0) || ' attended, ' ||
	       coalesce(sum(status IN ('absent_excused', 'absent_unexcused')), 0) ||
	       ' absent; ' || coalesce(sum(minutes), 0) || ' minutes' AS value
	FROM attendance WHERE client_id = ?1
	UNION ALL
	SELECT 0, 1, 'appointments',
	       coalesce(sum(attendance = 'attended'), 0) || ' attended, ' ||
	       coalesce(sum(attendance = 'no_show'), 0) || ' missed, ' ||
	       coalesce(sum(attendance = 'late_cancellation'), 0) || ' cancelled late; ' ||
	       coalesce(sum(attended_minutes), 0) || ' minutes'
	FROM appointment WHERE client_id = ?1 AND status = 'scheduled'
	UNION ALL
	SELECT 1, gs.starts_at, gs.date || ' group session',
	       CASE a.status WHEN 'present' THEN 'attended'
	            WHEN 'late' THEN 'attended, late by ' || a.late_minutes || ' minutes'
	            WHEN 'left_early' THEN 'attended, left ' || a.left_early_minutes ||
	                 ' minutes early'
	            WHEN 'absent_excused' THEN 'absent (excused)'
	            ELSE 'absent (not excused)' END || '; ' || a.minutes || ' of ' ||
	       gs.minutes || ' minutes'
	FROM attendance a JOIN group_session gs ON gs.id = a.session_id
	WHERE a.client_id = ?1
	UNION ALL
	SELECT 1, ap.starts_at, date(ap.starts_at + ?2, 'unixepoch') || ' ' ||
	       replace(ap.kind, '_', ' ') || ' appointment',
	       CASE WHEN ap.status = 'cancelled' THEN 'cancelled'
	            WHEN ap.attendance = 'attended' THEN 'attended; ' || ap.attended_minutes ||
	                 ' minutes'
	            WHEN ap.attendance = 'no_show' THEN 'did not attend'
	            WHEN ap.attendance = 'late_cancellation' THEN 'cancelled late'
	            ELSE 'scheduled, ' || ap.minutes || ' minutes' END
	FROM appointment ap WHERE ap.client_id = ?1
) ORDER BY k, t

-- The latest signed version of the client's treatment plan: problems,
-- goals, objectives and interventions, numbered as the plan shows them.
-- name: release_plan
WITH v AS (SELECT id, version, clinician_signed_at FROM plan_version
           WHERE client_id = ?1 AND status IN ('clinician_signed', 'locked')
           ORDER BY clinician_signed_at DESC, id DESC LIMIT 1)
SELECT item, value FROM (
	SELECT -1 AS p, -1 AS g, 0 AS k, 0 AS n, 'plan' AS item,
	       'version ' || v.version || ', signed ' ||
	       date(v.clinician_signed_at + ?2, 'unixepoch') AS value
	FROM v
	UNION ALL
	SELECT x.pos, -1, 0, 0, 'problem ' || (x.pos + 1), x.statement
	FROM plan_problem x JOIN v ON x.version_id = v.id
	UNION ALL
	SELECT x.problem_pos, x.pos, 0, 0, 'goal ' || (x.problem_pos + 1) || '.' || (x.pos + 1),
	       x.text
	FROM plan_goal x JOIN v ON x.version_id = v.id
	UNION ALL
	SELECT x.problem_pos, x.goal_pos, 1, x.pos, 'objective ' || (x.problem_pos + 1) || '.' ||
	       (x.goal_pos + 1) || '.' || (x.pos + 1),
	       x.text || ' (by ' || x.target_date || '; ' || x.status || ')'
	FROM plan_objective x JOIN v ON x.version_id = v.id
	UNION ALL
	SELECT x.problem_pos, x.goal_pos, 2, x.pos, 'intervention ' || (x.problem_pos + 1) || '.' ||
	       (x.goal_pos + 1) || '.' || (x.pos + 1),
	       replace(x.intervention, '_', ' ') || CASE WHEN x.frequency <> '' THEN ' (' || x.frequency || ')'
	                         ELSE '' END
	FROM plan_intervention x JOIN v ON x.version_id = v.id
) ORDER BY p, g, k, n

-- Progress from the client's part of each signed note: the progress text,
-- else the form's assessment (DAP data/assessment/plan: sec2; SOAP: sec3;
-- BIRP behavior/intervention/response/plan: the response, sec3).  Never
-- the note's shared content, nor another client's part.
-- name: release_progress
SELECT date(n.starts_at + ?2, 'unixepoch') || ' ' || replace(n.kind, '_', ' ') || ' note'
       AS item,
       CASE WHEN p.progress <> '' THEN p.progress
            WHEN n.form = 'dap' AND p.sec2 <> '' THEN p.sec2
            WHEN n.form IN ('soap', 'birp') AND p.sec3 <> '' THEN p.sec3
            ELSE 'no progress written' END AS value
FROM note n JOIN note_part p ON p.note_id = n.id AND p.client_id = ?1
WHERE n.status = 'signed'
ORDER BY n.starts_at, n.id

-- The client's signed discharge summary: the one of ?3 (its id), or the
-- latest when ?3 is 0.
-- name: release_discharge
WITH s AS (SELECT * FROM discharge_summary
           WHERE client_id = ?1 AND status = 'signed' AND (?3 = 0 OR id = ?3)
           ORDER BY signed_at DESC, id DESC LIMIT 1)
SELECT item, value FROM (
	SELECT 0 AS k, 'signed on' AS item, date(signed_at + ?2, 'unixepoch') AS value FROM s
	UNION ALL SELECT 1, 'reason for discharge', reason FROM s
	UNION ALL SELECT 2, 'services received', services FROM s
	UNION ALL SELECT 3, 'progress', progress FROM s
	UNION ALL SELECT 4, 'last scores', scores FROM s
	UNION ALL SELECT 5, 'medications at discharge', medications FROM s
	UNION ALL SELECT 6, 'recommendations', recommendations FROM s
) WHERE value <> '' ORDER BY k

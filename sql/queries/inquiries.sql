-- Admissions inquiries, their call log and merging (src/store/inquiries.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: inquiry_insert
INSERT INTO inquiry (kind, status, name, phone, email, ok_voicemail, ok_text, best_time,
       for_whom, caller_name, caller_relationship, substances, urgency, message,
       ins_payer, ins_member_id, ins_group_number, ins_subscriber_name, ins_subscriber_dob,
       ins_relationship, source, referral_source, created_at, updated_at)
VALUES (?1, 'new', ?2, ?3, ?4, nullif(?5, -1), nullif(?6, -1), ?7, ?8, ?9, ?10, ?11,
       nullif(?12, ''), ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)

-- fragment: inquiry_open_alerts
(SELECT count(*) FROM alert a JOIN screening s ON a.source_type = 'screening'
    AND s.id = a.source_id WHERE s.inquiry_id = inquiry.id AND a.resolved_at = 0)
    AS open_alerts

-- name: inquiry_by_id
SELECT id, kind, status, name, phone, email, ok_voicemail, ok_text, best_time, for_whom,
       caller_name, caller_relationship, substances, urgency, message, ins_payer,
       ins_member_id, ins_group_number, ins_subscriber_name, ins_subscriber_dob,
       ins_relationship, source, referral_source, coalesce(assigned_to, 0) AS assigned_to,
       coalesce(client_id, 0) AS client_id, referred_to, close_reason, created_at, updated_at,
       {{inquiry_open_alerts}}
FROM inquiry WHERE id = ?1

-- name: inquiry_list
SELECT id, kind, status, name, phone, email, ok_voicemail, ok_text, best_time, for_whom,
       caller_name, caller_relationship, substances, urgency, message, ins_payer,
       ins_member_id, ins_group_number, ins_subscriber_name, ins_subscriber_dob,
       ins_relationship, source, referral_source, coalesce(assigned_to, 0) AS assigned_to,
       coalesce(client_id, 0) AS client_id, referred_to, close_reason, created_at, updated_at,
       {{inquiry_open_alerts}}
FROM inquiry WHERE (?3 = '' OR status = ?3)
ORDER BY CASE urgency WHEN 'today' THEN 0 WHEN 'this_week' THEN 1 ELSE 2 END, id DESC
LIMIT ?1 OFFSET ?2

-- name: inquiry_count
SELECT count(*) FROM inquiry WHERE (?3 = '' OR status = ?3)

-- name: inquiry_latest
SELECT coalesce(max(id), 0), (SELECT coalesce(max(updated_at), 0) FROM inquiry),
       (SELECT n FROM inquiry_revision)
FROM inquiry

-- name: inquiry_by_client
SELECT id, kind, status, name, phone, email, ok_voicemail, ok_text, best_time, for_whom,
       caller_name, caller_relationship, substances, urgency, message, ins_payer,
       ins_member_id, ins_group_number, ins_subscriber_name, ins_subscriber_dob,
       ins_relationship, source, referral_source, coalesce(assigned_to, 0) AS assigned_to,
       coalesce(client_id, 0) AS client_id, referred_to, close_reason, created_at, updated_at,
       {{inquiry_open_alerts}},
       count(*) OVER ()
FROM inquiry WHERE client_id = ?1 AND (?4 = '' OR status = ?4)
ORDER BY id DESC LIMIT ?2 OFFSET ?3

-- name: inquiry_update
UPDATE inquiry SET status = ?2, assigned_to = nullif(?3, 0), referral_source = ?4,
       referred_to = ?5, close_reason = ?6, client_id = nullif(?7, 0), updated_at = ?8,
       phone = ?9, email = ?10, ok_voicemail = nullif(?11, -1), ok_text = nullif(?12, -1),
       urgency = nullif(?13, '')
WHERE id = ?1

-- name: inquiry_contact_insert
INSERT INTO inquiry_contact (inquiry_id, method, outcome, note, staff_id, at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)

-- name: inquiry_contact_list
SELECT ic.id, ic.inquiry_id, ic.method, ic.outcome, ic.note, ic.staff_id, st.username, ic.at
FROM inquiry_contact ic JOIN staff st ON st.id = ic.staff_id
WHERE ic.inquiry_id = ?1 ORDER BY ic.id DESC

-- name: task_list_inquiry
SELECT id, kind, title, client_id, inquiry_id, alert_id, assigned_to, due_at, done_at, done_by,
       response, created_at, client_mrn, client_first, client_last, client_preferred,
       inquiry_name
FROM task_about
WHERE inquiry_id = ?1 ORDER BY done_at <> 0, due_at, id

-- name: inquiry_merge_move
UPDATE inquiry_contact SET inquiry_id = ?2 WHERE inquiry_id = ?1

-- name: inquiry_merge_tasks
UPDATE task SET inquiry_id = ?2 WHERE inquiry_id = ?1

-- Screened and assessed on the merged inquiry: now on the kept one.
-- name: inquiry_merge_screenings
UPDATE screening SET inquiry_id = ?2 WHERE inquiry_id = ?1

-- name: inquiry_merge_placements
UPDATE placement SET inquiry_id = ?2 WHERE inquiry_id = ?1

-- name: inquiry_merge_close
UPDATE inquiry SET status = 'closed', merged_into = ?2,
       close_reason = 'Merged into inquiry ' || ?2, updated_at = ?3
WHERE id = ?1

-- A name prefix p is the range p <= name < p || U+10FFFF under NOCASE, so
-- the NOCASE indexes of migration 0002 answer it without reading every
-- client.  (A LIKE pattern bound as a parameter made SQLite re-prepare the
-- statement on every new value — 8x slower — and needed escaping.)
--
-- A search's total is counted by its own query, and only when the page is
-- full or not the first: count(*) OVER () forced a temporary sort of every
-- match, where the plain query walks the client_last index in order.
--
-- Named queries.  Each block after a "-- name:" line becomes one prepared
-- statement, Q_<name>, prepared when the store opens (a bad query fails at
-- start-up).  Bound parameters only.  Column lists are kept in one order per
-- table so the driver reads rows with one function each.

-- name: migration_applied
SELECT count(*) FROM schema_migration WHERE version = ?1

-- name: migration_record
INSERT INTO schema_migration (version, name, applied_at) VALUES (?1, ?2, ?3)

-- name: client_by_id
SELECT id, mrn, first_name, last_name, preferred_name, dob, sex, gender_identity,
       phone, email, addr_line1, addr_line2, addr_city, addr_state, addr_postal_code,
       language, active, created_at, updated_at
FROM client WHERE id = ?1

-- name: client_search_all
SELECT id, mrn, first_name, last_name, preferred_name, dob, sex, gender_identity,
       phone, email, addr_line1, addr_line2, addr_city, addr_state, addr_postal_code,
       language, active, created_at, updated_at
FROM client WHERE (?1 OR active = 1)
ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT ?2 OFFSET ?3

-- name: client_count_all
SELECT count(*) FROM client WHERE (?1 OR active = 1)

-- name: client_search_name
SELECT id, mrn, first_name, last_name, preferred_name, dob, sex, gender_identity,
       phone, email, addr_line1, addr_line2, addr_city, addr_state, addr_postal_code,
       language, active, created_at, updated_at
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
SELECT id, mrn, first_name, last_name, preferred_name, dob, sex, gender_identity,
       phone, email, addr_line1, addr_line2, addr_city, addr_state, addr_postal_code,
       language, active, created_at, updated_at
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
SELECT id, mrn, first_name, last_name, preferred_name, dob, sex, gender_identity,
       phone, email, addr_line1, addr_line2, addr_city, addr_state, addr_postal_code,
       language, active, created_at, updated_at
FROM client WHERE (?1 OR active = 1) AND mrn = ?4
ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT ?2 OFFSET ?3

-- name: client_count_mrn
SELECT count(*) FROM client WHERE (?1 OR active = 1) AND mrn = ?4

-- name: client_search_dob
SELECT id, mrn, first_name, last_name, preferred_name, dob, sex, gender_identity,
       phone, email, addr_line1, addr_line2, addr_city, addr_state, addr_postal_code,
       language, active, created_at, updated_at
FROM client WHERE (?1 OR active = 1) AND dob = ?4
ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT ?2 OFFSET ?3

-- name: client_count_dob
SELECT count(*) FROM client WHERE (?1 OR active = 1) AND dob = ?4

-- name: client_dupes
SELECT id, mrn, first_name, last_name, preferred_name, dob, sex, gender_identity,
       phone, email, addr_line1, addr_line2, addr_city, addr_state, addr_postal_code,
       language, active, created_at, updated_at
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
SELECT id, client_id, name, relationship, phone, email, emergency, guardian, notes
FROM contact WHERE client_id = ?1 AND active = 1 ORDER BY emergency DESC, id

-- name: contact_by_id
SELECT id, client_id, name, relationship, phone, email, emergency, guardian, notes
FROM contact WHERE client_id = ?1 AND id = ?2 AND active = 1

-- name: contact_insert
INSERT INTO contact (client_id, name, relationship, phone, email, emergency, guardian, notes,
       created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)

-- name: contact_update
UPDATE contact SET name = ?3, relationship = ?4, phone = ?5, email = ?6, emergency = ?7,
       guardian = ?8, notes = ?9, updated_at = ?10
WHERE client_id = ?1 AND id = ?2 AND active = 1

-- name: contact_remove
UPDATE contact SET active = 0, updated_at = ?3 WHERE client_id = ?1 AND id = ?2 AND active = 1

-- name: staff_by_id
SELECT id, username, full_name, email, roles, active, must_change_password, failed_logins,
       locked_until, last_login_at
FROM staff WHERE id = ?1

-- name: staff_by_username
SELECT id, username, full_name, email, roles, active, must_change_password, failed_logins,
       locked_until, last_login_at, password_hash
FROM staff WHERE username = ?1

-- name: staff_list
SELECT id, username, full_name, email, roles, active, must_change_password, failed_logins,
       locked_until, last_login_at, count(*) OVER ()
FROM staff ORDER BY lower(full_name), id LIMIT ?1 OFFSET ?2

-- name: staff_sites
SELECT site_id FROM staff_site WHERE staff_id = ?1 ORDER BY site_id

-- name: staff_insert
INSERT INTO staff (username, full_name, email, roles, password_hash, active,
       must_change_password, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)

-- name: staff_update
UPDATE staff SET full_name = ?2, email = ?3, roles = ?4, active = ?5, updated_at = ?6
WHERE id = ?1

-- name: staff_sites_clear
DELETE FROM staff_site WHERE staff_id = ?1

-- name: staff_site_add
INSERT INTO staff_site (staff_id, site_id) VALUES (?1, ?2)

-- name: staff_set_password
UPDATE staff SET password_hash = ?2, must_change_password = ?3, failed_logins = 0,
       locked_until = 0, updated_at = ?4
WHERE id = ?1

-- name: staff_login_failed
UPDATE staff SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= ?3 THEN ?2 + ?4 ELSE locked_until END
WHERE id = ?1

-- name: staff_login_ok
UPDATE staff SET failed_logins = 0, locked_until = 0, last_login_at = ?2 WHERE id = ?1

-- name: staff_unlock
UPDATE staff SET failed_logins = 0, locked_until = 0, updated_at = ?2 WHERE id = ?1

-- name: staff_count
SELECT count(*) FROM staff

-- name: site_by_id
SELECT id, name, timezone, address, phone, active FROM site WHERE id = ?1

-- name: site_list
SELECT id, name, timezone, address, phone, active, count(*) OVER ()
FROM site ORDER BY lower(name), id LIMIT ?1 OFFSET ?2

-- name: site_insert
INSERT INTO site (name, timezone, address, phone, active, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)

-- name: site_update
UPDATE site SET name = ?2, timezone = ?3, address = ?4, phone = ?5, active = ?6,
       updated_at = ?7
WHERE id = ?1

-- name: room_by_id
SELECT id, site_id, name, capacity, active FROM room WHERE id = ?1

-- name: room_list
SELECT id, site_id, name, capacity, active, count(*) OVER ()
FROM room WHERE (?3 = 0 OR site_id = ?3) ORDER BY site_id, lower(name), id LIMIT ?1 OFFSET ?2

-- name: room_insert
INSERT INTO room (site_id, name, capacity, active, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?5)

-- name: room_update
UPDATE room SET site_id = ?2, name = ?3, capacity = ?4, active = ?5, updated_at = ?6
WHERE id = ?1

-- name: track_list
SELECT id, site_id, name, level_of_care, weekdays, start_min, end_min, active, count(*) OVER ()
FROM track WHERE (?3 = 0 OR site_id = ?3) ORDER BY site_id, start_min, id LIMIT ?1 OFFSET ?2

-- name: track_insert
INSERT INTO track (site_id, name, level_of_care, weekdays, start_min, end_min, active,
       created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)

-- name: session_by_token
SELECT s.id, s.staff_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
       st.username, st.full_name, st.roles, st.active, st.must_change_password
FROM session s JOIN staff st ON st.id = s.staff_id
WHERE s.token_hash = ?1 AND s.ended_at = 0

-- name: session_insert
INSERT INTO session (token_hash, staff_id, csrf_token, address, created_at, last_seen_at,
       expires_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)

-- name: session_touch
UPDATE session SET last_seen_at = ?2 WHERE id = ?1 AND ended_at = 0

-- name: session_end
UPDATE session SET ended_at = ?2 WHERE id = ?1 AND ended_at = 0

-- name: session_end_staff
UPDATE session SET ended_at = ?2 WHERE staff_id = ?1 AND ended_at = 0

-- name: audit_insert
INSERT INTO audit (id, at, user_id, username, role, action, record_type, record_id,
       client_id, address, detail, hash)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)

-- name: audit_about_insert
INSERT INTO audit_about (audit_id, client_id) VALUES (?1, ?2)

-- name: audit_last
SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1

-- name: audit_count
SELECT count(*) FROM audit

-- name: audit_all
SELECT id, at, user_id, username, role, action, record_type, record_id, client_id,
       address, detail, hash,
       (SELECT group_concat(client_id) FROM audit_about WHERE audit_id = audit.id)
FROM audit ORDER BY id

-- name: audit_by_client
SELECT id, at, user_id, username, role, action, record_type, record_id, client_id,
       address, detail, hash, count(*) OVER ()
FROM audit
WHERE client_id = ?1 OR id IN (SELECT audit_id FROM audit_about WHERE client_id = ?1)
ORDER BY id DESC LIMIT ?2 OFFSET ?3

-- name: audit_recent
SELECT id, at, user_id, username, role, action, record_type, record_id, client_id,
       address, detail, hash
FROM audit ORDER BY id DESC LIMIT ?1 OFFSET ?2

-- Transaction control for the writer, prepared once like everything else.

-- name: tx_begin
BEGIN IMMEDIATE

-- name: tx_commit
COMMIT

-- name: tx_rollback
ROLLBACK

-- name: sp_job
SAVEPOINT job

-- name: sp_job_release
RELEASE job

-- name: sp_job_rollback
ROLLBACK TO job

-- ---- admissions (0003) ----------------------------------------------------

-- name: inquiry_insert
INSERT INTO inquiry (kind, status, name, phone, email, ok_voicemail, ok_text, best_time,
       for_whom, caller_name, caller_relationship, substances, urgency, message,
       ins_payer, ins_member_id, ins_group_number, ins_subscriber_name, ins_subscriber_dob,
       ins_relationship, source, referral_source, created_at, updated_at)
VALUES (?1, 'new', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
       ?18, ?19, ?20, ?21, ?22, ?22)

-- name: inquiry_by_id
SELECT id, kind, status, name, phone, email, ok_voicemail, ok_text, best_time, for_whom,
       caller_name, caller_relationship, substances, urgency, message, ins_payer,
       ins_member_id, ins_group_number, ins_subscriber_name, ins_subscriber_dob,
       ins_relationship, source, referral_source, coalesce(assigned_to, 0),
       coalesce(client_id, 0), referred_to, close_reason, created_at, updated_at
FROM inquiry WHERE id = ?1

-- name: inquiry_list
SELECT id, kind, status, name, phone, email, ok_voicemail, ok_text, best_time, for_whom,
       caller_name, caller_relationship, substances, urgency, message, ins_payer,
       ins_member_id, ins_group_number, ins_subscriber_name, ins_subscriber_dob,
       ins_relationship, source, referral_source, coalesce(assigned_to, 0),
       coalesce(client_id, 0), referred_to, close_reason, created_at, updated_at
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
       ins_relationship, source, referral_source, coalesce(assigned_to, 0),
       coalesce(client_id, 0), referred_to, close_reason, created_at, updated_at,
       count(*) OVER ()
FROM inquiry WHERE client_id = ?1 AND (?4 = '' OR status = ?4)
ORDER BY id DESC LIMIT ?2 OFFSET ?3

-- name: inquiry_update
UPDATE inquiry SET status = ?2, assigned_to = nullif(?3, 0), referral_source = ?4,
       referred_to = ?5, close_reason = ?6, client_id = nullif(?7, 0), updated_at = ?8,
       phone = ?9, email = ?10
WHERE id = ?1

-- name: screening_insert
INSERT INTO screening (client_id, code, version, answers, scores, band, flags,
       administered_by, administered_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)

-- name: screening_by_client
SELECT s.id, s.client_id, s.code, s.version, s.answers, s.scores, s.band, s.flags,
       s.administered_by, st.username, s.administered_at
FROM screening s JOIN staff st ON st.id = s.administered_by
WHERE s.client_id = ?1 ORDER BY s.id DESC LIMIT ?2 OFFSET ?3

-- name: screening_count
SELECT count(*) FROM screening WHERE client_id = ?1

-- name: alert_insert
INSERT INTO alert (client_id, kind, message, source_type, source_id, raised_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)

-- name: task_insert
INSERT INTO task (kind, title, client_id, inquiry_id, alert_id, assigned_to, due_at,
       created_at)
VALUES (?1, ?2, nullif(?3, 0), nullif(?4, 0), nullif(?5, 0), nullif(?6, 0), ?7, ?8)

-- name: clinician_first
SELECT id FROM staff WHERE active = 1 AND (',' || roles || ',') LIKE '%,clinician,%'
ORDER BY id LIMIT 1

-- name: alert_by_client
SELECT id, client_id, kind, message, source_type, source_id, raised_at, resolved_at,
       coalesce(resolved_by, 0), response
FROM alert WHERE client_id = ?1 AND (?2 = 0 OR resolved_at = 0) ORDER BY id DESC LIMIT 200

-- name: alert_by_id
SELECT id, client_id, kind, message, source_type, source_id, raised_at, resolved_at,
       coalesce(resolved_by, 0), response
FROM alert WHERE id = ?1

-- name: alert_resolve
UPDATE alert SET resolved_at = ?2, resolved_by = ?3, response = ?4
WHERE id = ?1 AND resolved_at = 0

-- name: task_list_for
SELECT id, kind, title, client_id, inquiry_id, alert_id, assigned_to, due_at, done_at, done_by,
       response, created_at, client_mrn, client_first, client_last, client_preferred,
       inquiry_name
FROM task_about
WHERE assigned_to = ?1 AND (?2 = 0 OR done_at = 0)
ORDER BY done_at <> 0, due_at, id LIMIT 200

-- name: task_by_id
SELECT id, kind, title, client_id, inquiry_id, alert_id, assigned_to, due_at, done_at, done_by,
       response, created_at, client_mrn, client_first, client_last, client_preferred,
       inquiry_name
FROM task_about
WHERE id = ?1

-- name: task_open_count
SELECT count(*), coalesce(sum(due_at < ?2), 0) FROM task WHERE assigned_to = ?1 AND done_at = 0

-- name: task_done
UPDATE task SET done_at = ?2, done_by = ?3, response = ?4 WHERE id = ?1 AND done_at = 0

-- name: task_done_for_alert
UPDATE task SET done_at = ?2, done_by = ?3, response = ?4 WHERE alert_id = ?1 AND done_at = 0

-- name: placement_insert
INSERT INTO placement (client_id, edition, ratings, notes, flags, recommended, reasons,
       chosen, override_reason, assessed_by, assessed_at, table_version)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)

-- name: placement_by_client
SELECT p.id, p.client_id, p.edition, p.ratings, p.notes, p.flags, p.recommended, p.reasons,
       p.chosen, p.override_reason, p.assessed_by, st.username, p.assessed_at,
       p.table_version
FROM placement p JOIN staff st ON st.id = p.assessed_by
WHERE p.client_id = ?1 ORDER BY p.id DESC LIMIT 100

-- name: placement_table_current
SELECT t.version, t.edition, t.body, t.saved_by, st.username, t.saved_at
FROM placement_table t JOIN staff st ON st.id = t.saved_by
ORDER BY t.version DESC LIMIT 1

-- name: placement_table_version
SELECT coalesce(max(version), 0) FROM placement_table

-- name: placement_table_insert
INSERT INTO placement_table (version, edition, body, saved_by, saved_at)
VALUES (?1, ?2, ?3, ?4, ?5)

-- name: episode_insert
INSERT INTO episode (client_id, level, site_id, track_id, admitted_on, primary_clinician,
       case_manager, privacy_notice_given, inquiry_id, created_by, created_at)
VALUES (?1, ?2, ?3, nullif(?4, 0), ?5, ?6, nullif(?7, 0), ?8, nullif(?9, 0), ?10, ?11)

-- name: episode_open_for
SELECT count(*) FROM episode WHERE client_id = ?1 AND status = 'open'

-- name: episode_by_client
SELECT e.id, e.client_id, e.level, e.site_id, coalesce(e.track_id, 0), e.admitted_on,
       e.primary_clinician, coalesce(e.case_manager, 0), e.privacy_notice_given, e.status,
       e.discharged_on, coalesce(e.inquiry_id, 0), e.created_at,
       c.mrn, c.first_name, c.last_name, c.preferred_name, s.name, coalesce(t.name, ''),
       pc.full_name, coalesce(cm.full_name, '')
FROM episode e JOIN client c ON c.id = e.client_id JOIN site s ON s.id = e.site_id
  LEFT JOIN track t ON t.id = e.track_id JOIN staff pc ON pc.id = e.primary_clinician
  LEFT JOIN staff cm ON cm.id = e.case_manager
WHERE e.client_id = ?1 ORDER BY e.id DESC

-- name: census
SELECT e.id, e.client_id, e.level, e.site_id, coalesce(e.track_id, 0), e.admitted_on,
       e.primary_clinician, coalesce(e.case_manager, 0), e.privacy_notice_given, e.status,
       e.discharged_on, coalesce(e.inquiry_id, 0), e.created_at,
       c.mrn, c.first_name, c.last_name, c.preferred_name, s.name, coalesce(t.name, ''),
       pc.full_name, coalesce(cm.full_name, '')
FROM episode e JOIN client c ON c.id = e.client_id JOIN site s ON s.id = e.site_id
  LEFT JOIN track t ON t.id = e.track_id JOIN staff pc ON pc.id = e.primary_clinician
  LEFT JOIN staff cm ON cm.id = e.case_manager
WHERE e.status = 'open' AND (?1 = 0 OR e.site_id = ?1) AND (?2 = '' OR e.level = ?2)
  AND (?3 = 0 OR e.track_id = ?3)
ORDER BY s.name, e.level, t.name, c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE
LIMIT 1000

-- name: track_by_id
SELECT id, site_id, name, level_of_care, weekdays, start_min, end_min, active
FROM track WHERE id = ?1

-- name: inquiry_admit
UPDATE inquiry SET status = 'admitted', updated_at = ?3 WHERE id = ?1 AND client_id = ?2

-- name: coverage_insert
INSERT INTO coverage (client_id, rank, payer, plan, member_id, group_number, subscriber_name,
       subscriber_dob, relationship, start_date, end_date, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)

-- name: coverage_by_id
SELECT id, client_id, rank, payer, plan, member_id, group_number, subscriber_name,
       subscriber_dob, relationship, start_date, end_date, created_at
FROM coverage WHERE id = ?1

-- name: coverage_by_client
SELECT id, client_id, rank, payer, plan, member_id, group_number, subscriber_name,
       subscriber_dob, relationship, start_date, end_date, created_at
FROM coverage WHERE client_id = ?1 ORDER BY rank = 'secondary', id

-- name: benefit_insert
INSERT INTO benefit_check (coverage_id, client_id, iop_covered, deductible_cents,
       deductible_met_cents, copay_per_day_cents, coinsurance_bp, oop_max_cents,
       oop_met_cents, prior_auth_required, reference, rate_per_day_cents,
       est_first_day_cents, est_week_cents, est_stay_cents, est_days_stay, checked_by,
       checked_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)

-- name: benefit_by_client
SELECT b.id, b.coverage_id, b.client_id, b.iop_covered, b.deductible_cents,
       b.deductible_met_cents, b.copay_per_day_cents, b.coinsurance_bp, b.oop_max_cents,
       b.oop_met_cents, b.prior_auth_required, b.reference, b.rate_per_day_cents,
       b.est_first_day_cents, b.est_week_cents, b.est_stay_cents, b.est_days_stay,
       b.checked_by, st.username, b.checked_at
FROM benefit_check b JOIN staff st ON st.id = b.checked_by
WHERE b.client_id = ?1 ORDER BY b.id DESC

-- name: authorization_insert
INSERT INTO payer_authorization (coverage_id, client_id, number, level, days_authorized,
       start_date, end_date, next_review, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)

-- name: authorization_by_client
SELECT id, coverage_id, client_id, number, level, days_authorized, start_date, end_date,
       next_review, created_by, created_at
FROM payer_authorization WHERE client_id = ?1 ORDER BY id DESC

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

-- name: inquiry_merge_close
UPDATE inquiry SET status = 'closed', merged_into = ?2,
       close_reason = 'Merged into inquiry ' || ?2, updated_at = ?3
WHERE id = ?1

-- name: episode_open_clinician
SELECT e.primary_clinician FROM episode e JOIN staff s ON s.id = e.primary_clinician
WHERE e.client_id = ?1 AND e.status = 'open' AND s.active = 1

-- name: duty_insert
INSERT INTO duty_shift (site_id, staff_id, starts_at, ends_at, note, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)

-- name: duty_by_site
SELECT d.id, d.site_id, d.staff_id, st.full_name, st.username, d.starts_at, d.ends_at,
       d.note, d.created_by, d.created_at,
       st.active = 1 AND (',' || st.roles || ',') LIKE '%,clinician,%'
FROM duty_shift d JOIN staff st ON st.id = d.staff_id
WHERE d.site_id = ?1 AND d.removed_at = 0 AND d.ends_at > ?2 AND d.starts_at < ?3
ORDER BY d.starts_at, d.id LIMIT 500

-- name: duty_get
SELECT d.id, d.site_id, d.staff_id, st.full_name, st.username, d.starts_at, d.ends_at,
       d.note, d.created_by, d.created_at,
       st.active = 1 AND (',' || st.roles || ',') LIKE '%,clinician,%'
FROM duty_shift d JOIN staff st ON st.id = d.staff_id
WHERE d.id = ?1 AND d.removed_at = 0

-- name: duty_overlaps
SELECT count(*) FROM duty_shift
WHERE site_id = ?1 AND staff_id = ?2 AND removed_at = 0 AND ends_at > ?3 AND starts_at < ?4

-- name: duty_remove
UPDATE duty_shift SET removed_at = ?2, removed_by = ?3 WHERE id = ?1 AND removed_at = 0

-- name: duty_end
UPDATE duty_shift SET ends_at = ?2 WHERE id = ?1 AND removed_at = 0 AND ends_at > ?2

-- name: duty_clinician_now
SELECT d.staff_id FROM duty_shift d JOIN staff st ON st.id = d.staff_id
WHERE d.site_id = ?1 AND d.removed_at = 0 AND d.starts_at <= ?2 AND d.ends_at > ?2
  AND st.active = 1 AND (',' || st.roles || ',') LIKE '%,clinician,%'
ORDER BY d.starts_at, d.id LIMIT 1

-- name: episode_open_site
SELECT site_id FROM episode WHERE client_id = ?1 AND status = 'open' ORDER BY id DESC LIMIT 1

-- name: staff_first_site
SELECT site_id FROM staff_site WHERE staff_id = ?1 ORDER BY site_id LIMIT 1

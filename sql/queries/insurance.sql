-- Coverage, benefit checks and authorizations (src/store/insurance.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: coverage_insert
INSERT INTO coverage (client_id, rank, payer, plan, member_id, group_number, subscriber_name,
       subscriber_dob, relationship, start_date, end_date, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)

-- name: coverage_by_id
SELECT id, client_id, rank, payer, plan, member_id, group_number, subscriber_name,
       subscriber_dob, relationship, start_date, end_date, created_at
FROM coverage WHERE id = ?1

-- name: coverage_update
UPDATE coverage SET rank = ?2, payer = ?3, plan = ?4, member_id = ?5, group_number = ?6,
       subscriber_name = ?7, subscriber_dob = ?8, relationship = ?9, start_date = ?10,
       end_date = ?11
WHERE id = ?1

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

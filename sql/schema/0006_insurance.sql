-- 0006: insurance — coverages, benefit verifications (with the client's
-- estimated cost as computed then) and payer authorisations.  Money is in
-- whole cents.
CREATE TABLE coverage (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	rank TEXT NOT NULL,			-- primary | secondary
	payer TEXT NOT NULL,
	plan TEXT NOT NULL DEFAULT '',
	member_id TEXT NOT NULL,
	group_number TEXT NOT NULL DEFAULT '',
	subscriber_name TEXT NOT NULL DEFAULT '',
	subscriber_dob TEXT NOT NULL DEFAULT '',
	relationship TEXT NOT NULL DEFAULT 'self',
	start_date TEXT NOT NULL DEFAULT '',
	end_date TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX coverage_client ON coverage(client_id);

CREATE TABLE benefit_check (
	id INTEGER PRIMARY KEY,
	coverage_id INTEGER NOT NULL REFERENCES coverage(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	iop_covered INTEGER NOT NULL,
	deductible_cents INTEGER NOT NULL,
	deductible_met_cents INTEGER NOT NULL,
	copay_per_day_cents INTEGER NOT NULL,
	coinsurance_bp INTEGER NOT NULL,
	oop_max_cents INTEGER NOT NULL,
	oop_met_cents INTEGER NOT NULL,
	prior_auth_required INTEGER NOT NULL,
	reference TEXT NOT NULL DEFAULT '',
	rate_per_day_cents INTEGER NOT NULL,
	est_first_day_cents INTEGER NOT NULL,
	est_week_cents INTEGER NOT NULL,
	est_stay_cents INTEGER NOT NULL,
	est_days_stay INTEGER NOT NULL,
	checked_by INTEGER NOT NULL REFERENCES staff(id),
	checked_at INTEGER NOT NULL
);
CREATE INDEX benefit_check_client ON benefit_check(client_id);

CREATE TABLE payer_authorization (
	id INTEGER PRIMARY KEY,
	coverage_id INTEGER NOT NULL REFERENCES coverage(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	number TEXT NOT NULL,
	level TEXT NOT NULL,
	days_authorized INTEGER NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	next_review TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL
);
CREATE INDEX payer_authorization_client ON payer_authorization(client_id);

-- 0034: case management (issue 14, item 5).
--
-- The program's address book of outside resources (legal aid, housing,
-- clinics, food banks, ...): program-wide, never deleted (made inactive).
--
-- A client's needs: one row per need domain (legal, medical, housing,
-- financial, employment_education, transport, childcare; core/casemgmt.h),
-- with its status and notes, and for the legal domain the client's lawyer
-- and probation or parole officer as text (names and phone numbers).  The
-- episode open when the need was last assessed is kept with it.
--
-- Court dates: a client's short list (date, court, purpose); one entered in
-- error is removed (kept, with who and when).
--
-- Referrals: a client to a resource, for a need domain, with its status
-- (made -> accepted -> completed, or declined from made or accepted) and a
-- follow-up date; every change of status is kept in referral_change.
CREATE TABLE cm_resource (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('legal_aid', 'housing', 'medical_clinic',
		'food_bank', 'employment', 'transport', 'childcare', 'mutual_help', 'other')),
	address TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	website TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1,
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	updated_by INTEGER NOT NULL REFERENCES staff(id),
	updated_at INTEGER NOT NULL
);
CREATE INDEX cm_resource_name ON cm_resource(active, name);

CREATE TABLE cm_need (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	domain TEXT NOT NULL CHECK (domain IN ('legal', 'medical', 'housing', 'financial',
		'employment_education', 'transport', 'childcare')),
	status TEXT NOT NULL CHECK (status IN ('no_need', 'need_identified', 'in_progress',
		'met')),
	notes TEXT NOT NULL DEFAULT '',
	lawyer_name TEXT NOT NULL DEFAULT '',
	lawyer_phone TEXT NOT NULL DEFAULT '',
	officer_kind TEXT NOT NULL DEFAULT '' CHECK (officer_kind IN ('', 'probation', 'parole')),
	officer_name TEXT NOT NULL DEFAULT '',
	officer_phone TEXT NOT NULL DEFAULT '',
	episode_id INTEGER NOT NULL DEFAULT 0,
	updated_by INTEGER NOT NULL REFERENCES staff(id),
	updated_at INTEGER NOT NULL,
	UNIQUE (client_id, domain)
);

CREATE TABLE cm_court_date (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	on_date TEXT NOT NULL,
	court TEXT NOT NULL,
	purpose TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	removed_by INTEGER NOT NULL DEFAULT 0,
	removed_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cm_court_date_client ON cm_court_date(client_id, on_date);
CREATE INDEX cm_court_date_day ON cm_court_date(on_date) WHERE removed_at = 0;

CREATE TABLE cm_referral (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	resource_id INTEGER NOT NULL REFERENCES cm_resource(id),
	domain TEXT NOT NULL CHECK (domain IN ('legal', 'medical', 'housing', 'financial',
		'employment_education', 'transport', 'childcare')),
	status TEXT NOT NULL CHECK (status IN ('made', 'accepted', 'completed', 'declined')),
	follow_up_on TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	made_by INTEGER NOT NULL REFERENCES staff(id),
	made_at INTEGER NOT NULL,
	updated_by INTEGER NOT NULL REFERENCES staff(id),
	updated_at INTEGER NOT NULL
);
CREATE INDEX cm_referral_client ON cm_referral(client_id, id);
CREATE INDEX cm_referral_follow_up ON cm_referral(follow_up_on)
	WHERE status IN ('made', 'accepted') AND follow_up_on <> '';

CREATE TABLE cm_referral_change (
	id INTEGER PRIMARY KEY,
	referral_id INTEGER NOT NULL REFERENCES cm_referral(id),
	status TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	changed_by INTEGER NOT NULL REFERENCES staff(id),
	changed_at INTEGER NOT NULL
);
CREATE INDEX cm_referral_change_ref ON cm_referral_change(referral_id, id);

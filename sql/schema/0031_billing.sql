-- 0031: per-diem billing codes by level of care (issue 13, item 8).
--
-- A day of an episode is billed as one per-diem line when the rules of
-- core/billing.h hold.  The codes are data, one row per level of care: the
-- HCPCS code, the revenue code of a facility claim, the units of a day and
-- the minutes a client must attend for the day to count.  A level with no
-- row (outpatient, level 1) has no per-diem: its days are never billable as
-- one (its services are billed by other codes, not yet here).
--
-- Seeded from DOMAIN.md "Billing": IOP (ASAM 2.1) H0015, revenue code 0906
-- (IOP, chemical dependency), one unit, 3 hours; partial hospitalisation
-- (2.5) S0201, revenue code 0913, one unit, with the same 3-hour floor
-- until a payer's rule says otherwise (a clinic changes the row).
CREATE TABLE per_diem_code (
	level TEXT PRIMARY KEY,
	code TEXT NOT NULL CHECK (code <> ''),
	revenue_code TEXT NOT NULL DEFAULT '',
	units INTEGER NOT NULL DEFAULT 1 CHECK (units >= 1),
	min_minutes INTEGER NOT NULL DEFAULT 180 CHECK (min_minutes >= 0),
	description TEXT NOT NULL DEFAULT ''
);
INSERT INTO per_diem_code (level, code, revenue_code, units, min_minutes, description) VALUES
	('2.1', 'H0015', '0906', 1, 180, 'Alcohol and/or drug services, intensive outpatient (per diem)'),
	('2.5', 'S0201', '0913', 1, 180, 'Partial hospitalisation services (per diem)');

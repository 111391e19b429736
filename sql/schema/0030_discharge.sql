-- 0030: discharge and transfer.  An episode ends once: its status becomes
-- 'discharged', with the type (core/discharge.c), the reason, to whom
-- (another provider, or the level and site of the next episode) and who
-- recorded it when.  A transfer (step-down, step-up) opens the next episode,
-- which names the one it came from; its first step_down_weeks weeks may be
-- below its level's weekly minimum (a planned step-down, DOMAIN.md).
ALTER TABLE episode ADD COLUMN discharge_type TEXT NOT NULL DEFAULT '';
ALTER TABLE episode ADD COLUMN discharge_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE episode ADD COLUMN discharged_to TEXT NOT NULL DEFAULT '';
ALTER TABLE episode ADD COLUMN discharged_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE episode ADD COLUMN discharged_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE episode ADD COLUMN transferred_from INTEGER REFERENCES episode(id);
ALTER TABLE episode ADD COLUMN step_down_weeks INTEGER NOT NULL DEFAULT 0
	CHECK (step_down_weeks BETWEEN 0 AND 2);

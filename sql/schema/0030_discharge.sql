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

-- The discharge summary of an episode: drafted from the record when asked
-- (ops/discharge.c), edited while a draft, locked once signed.  One per
-- episode.  A small record of its own (notes are another module).
CREATE TABLE discharge_summary (
	id INTEGER PRIMARY KEY,
	episode_id INTEGER NOT NULL UNIQUE REFERENCES episode(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
	reason TEXT NOT NULL DEFAULT '',
	services TEXT NOT NULL DEFAULT '',
	progress TEXT NOT NULL DEFAULT '',
	scores TEXT NOT NULL DEFAULT '',
	medications TEXT NOT NULL DEFAULT '',
	recommendations TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES staff(id),
	created_at INTEGER NOT NULL,
	updated_by INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	signed_by INTEGER REFERENCES staff(id),
	signed_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX discharge_summary_client ON discharge_summary(client_id);

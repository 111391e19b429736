-- 0021: treatment plans (issue 13, item 1).
--
-- An episode's treatment plan is a series of versions (plan_version, 1, 2,
-- ...).  A version is drafted (its content replaced whole by each edit),
-- signed by the clinician (which fixes its review date: review_days after the
-- signature), then signed by the client, and is then locked.  A signed
-- version is never changed: a change is a new version, a draft copied from
-- the latest.  The content is four tables under the version, each row placed
-- by its position: problems (tied to a placement dimension 1-6), goals in the
-- client's own words under a problem, measurable objectives under a goal,
-- and interventions under a goal.
--
-- An objective keeps its identity across versions: objective_key is a row of
-- plan_objective_key, made once for the episode when the objective is first
-- written and carried forward by each new version, so notes can link to it.
CREATE TABLE plan_version (
	id INTEGER PRIMARY KEY,
	episode_id INTEGER NOT NULL REFERENCES episode(id),
	client_id INTEGER NOT NULL REFERENCES client(id),
	version INTEGER NOT NULL CHECK (version >= 1),
	status TEXT NOT NULL DEFAULT 'draft'
		CHECK (status IN ('draft', 'clinician_signed', 'locked')),
	created_by INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	updated_by INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	clinician_signed_by INTEGER NOT NULL DEFAULT 0,
	clinician_signed_at INTEGER NOT NULL DEFAULT 0,
	review_days INTEGER NOT NULL DEFAULT 0,
	review_due_at INTEGER NOT NULL DEFAULT 0,
	client_signed_name TEXT NOT NULL DEFAULT '',
	client_signed_at INTEGER NOT NULL DEFAULT 0,
	client_signed_via TEXT NOT NULL DEFAULT ''
		CHECK (client_signed_via IN ('', 'shared_screen', 'portal')),
	client_signed_witness INTEGER NOT NULL DEFAULT 0,
	UNIQUE (episode_id, version)
);
CREATE INDEX plan_version_client ON plan_version (client_id, episode_id, version);
CREATE INDEX plan_version_review ON plan_version (review_due_at) WHERE status <> 'draft';

CREATE TABLE plan_objective_key (
	id INTEGER PRIMARY KEY,
	episode_id INTEGER NOT NULL REFERENCES episode(id),
	created_at INTEGER NOT NULL
);
CREATE INDEX plan_objective_key_episode ON plan_objective_key (episode_id);

CREATE TABLE plan_problem (
	version_id INTEGER NOT NULL REFERENCES plan_version(id),
	pos INTEGER NOT NULL,
	dimension INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 6),
	statement TEXT NOT NULL,
	PRIMARY KEY (version_id, pos)
) WITHOUT ROWID;

CREATE TABLE plan_goal (
	version_id INTEGER NOT NULL REFERENCES plan_version(id),
	problem_pos INTEGER NOT NULL,
	pos INTEGER NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (version_id, problem_pos, pos)
) WITHOUT ROWID;

CREATE TABLE plan_objective (
	version_id INTEGER NOT NULL REFERENCES plan_version(id),
	problem_pos INTEGER NOT NULL,
	goal_pos INTEGER NOT NULL,
	pos INTEGER NOT NULL,
	objective_key INTEGER NOT NULL REFERENCES plan_objective_key(id),
	text TEXT NOT NULL,
	target_date TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('open', 'met', 'revised', 'discontinued')),
	PRIMARY KEY (version_id, problem_pos, goal_pos, pos),
	UNIQUE (version_id, objective_key)
) WITHOUT ROWID;
CREATE INDEX plan_objective_key_version ON plan_objective (objective_key, version_id);

CREATE TABLE plan_intervention (
	version_id INTEGER NOT NULL REFERENCES plan_version(id),
	problem_pos INTEGER NOT NULL,
	goal_pos INTEGER NOT NULL,
	pos INTEGER NOT NULL,
	intervention TEXT NOT NULL,
	frequency TEXT NOT NULL,
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	PRIMARY KEY (version_id, problem_pos, goal_pos, pos)
) WITHOUT ROWID;

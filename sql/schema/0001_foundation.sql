-- 0001: the foundation — staff, sites, rooms, tracks, clients, contacts,
-- sessions and the audit log.  Times are INTEGER seconds since the Unix
-- epoch (UTC); dates are TEXT 'YYYY-MM-DD'.  Written to be valid in both
-- SQLite and PostgreSQL where the types allow (the PostgreSQL driver maps
-- INTEGER PRIMARY KEY to BIGSERIAL in one place).

CREATE TABLE site (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	timezone TEXT NOT NULL,
	address TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE room (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES site(id),
	name TEXT NOT NULL,
	capacity INTEGER NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX room_site ON room(site_id);

CREATE TABLE track (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES site(id),
	name TEXT NOT NULL,
	level_of_care TEXT NOT NULL,
	weekdays INTEGER NOT NULL,
	start_min INTEGER NOT NULL,
	end_min INTEGER NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX track_site ON track(site_id);

CREATE TABLE staff (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	full_name TEXT NOT NULL,
	email TEXT NOT NULL DEFAULT '',
	roles TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	must_change_password INTEGER NOT NULL DEFAULT 0,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until INTEGER NOT NULL DEFAULT 0,
	last_login_at INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE staff_site (
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	site_id INTEGER NOT NULL REFERENCES site(id),
	PRIMARY KEY (staff_id, site_id)
);

CREATE TABLE client (
	id INTEGER PRIMARY KEY,
	mrn TEXT NOT NULL UNIQUE,
	first_name TEXT NOT NULL,
	last_name TEXT NOT NULL,
	preferred_name TEXT NOT NULL DEFAULT '',
	dob TEXT NOT NULL,
	sex TEXT NOT NULL,
	gender_identity TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	addr_line1 TEXT NOT NULL DEFAULT '',
	addr_line2 TEXT NOT NULL DEFAULT '',
	addr_city TEXT NOT NULL DEFAULT '',
	addr_state TEXT NOT NULL DEFAULT '',
	addr_postal_code TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX client_last ON client(lower(last_name), lower(first_name));
CREATE INDEX client_first ON client(lower(first_name));
CREATE INDEX client_dob ON client(dob);

CREATE TABLE contact (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	name TEXT NOT NULL,
	relationship TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	emergency INTEGER NOT NULL DEFAULT 0,
	guardian INTEGER NOT NULL DEFAULT 0,
	notes TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX contact_client ON contact(client_id);

CREATE TABLE session (
	id INTEGER PRIMARY KEY,
	token_hash BLOB NOT NULL UNIQUE,
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	csrf_token TEXT NOT NULL,
	address TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	ended_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX session_staff ON session(staff_id);

-- The audit log is append-only: the store never updates or deletes a row and
-- the triggers refuse it.  Each row's hash chains to the previous row's with
-- a key kept outside this database (see src/core/audit.h).
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	user_id INTEGER NOT NULL,
	username TEXT NOT NULL,
	role TEXT NOT NULL,
	action TEXT NOT NULL,
	record_type TEXT NOT NULL,
	record_id INTEGER NOT NULL,
	client_id INTEGER NOT NULL,
	address TEXT NOT NULL,
	detail TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_client ON audit(client_id, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;

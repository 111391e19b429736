-- 0010: the audit log's client index.
--
-- A list answer (a search, the census, the task list, the board) shows
-- several clients in one answer and writes one audit row; the clients it
-- showed are listed here, so that each client's own audit trail shows every
-- list they appeared in (42 CFR Part 2 and HIPAA: who saw this client's
-- record).  The ids are part of the row's hash (src/core/audit.c), so the
-- index cannot be changed without the chain showing it, and like the log it
-- is append-only.
--
-- Rows arrive in audit id order, so the table is keyed by (audit_id,
-- client_id) without a rowid: each insert appends at the end of one B-tree;
-- the second index serves a client's trail.
CREATE TABLE audit_about (
	audit_id INTEGER NOT NULL REFERENCES audit(id),
	client_id INTEGER NOT NULL,
	PRIMARY KEY (audit_id, client_id)
) WITHOUT ROWID;
CREATE INDEX audit_about_client ON audit_about(client_id, audit_id);

CREATE TRIGGER audit_about_no_update BEFORE UPDATE ON audit_about
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_about_no_delete BEFORE DELETE ON audit_about
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;

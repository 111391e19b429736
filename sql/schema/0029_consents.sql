-- 0029: 42 CFR Part 2 consents and the accounting of disclosures (issue 14,
-- items 7 and 8).
--
-- A consent holds every element of 42 CFR 2.31 (core/consent.h): the
-- client's name as on the client record when recorded, who may disclose,
-- the information (a comma list of categories of core/consent.c, and free
-- text), the recipients (one a line, "person:Name", "organisation:Name" or
-- "general:<the general wording>"), the purpose, the program's statement of
-- the right to revoke, an expiry date (YYYY-MM-DD) or event, the signature
-- and the date signed.  It is never changed after it is recorded, except
-- that it may be revoked (from then on: who, when, why).
CREATE TABLE consent (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	client_name TEXT NOT NULL,
	disclosing_party TEXT NOT NULL,
	information TEXT NOT NULL,
	information_detail TEXT NOT NULL DEFAULT '',
	recipients TEXT NOT NULL,
	purpose TEXT NOT NULL,
	revoke_statement TEXT NOT NULL,
	expires_on TEXT NOT NULL DEFAULT '',
	expires_event TEXT NOT NULL DEFAULT '',
	signed_on TEXT NOT NULL,
	signature TEXT NOT NULL,
	recorded_by INTEGER NOT NULL REFERENCES staff(id),
	recorded_at INTEGER NOT NULL,
	revoked_by INTEGER NOT NULL DEFAULT 0,
	revoked_at INTEGER NOT NULL DEFAULT 0,
	revoke_reason TEXT NOT NULL DEFAULT '',
	CHECK (expires_on <> '' OR expires_event <> '')
);
CREATE INDEX consent_client ON consent(client_id, id);

-- A disclosure: one release of client information out of openiop under a
-- consent (the accounting of disclosures, 42 CFR 2.25): to whom, what, the
-- purpose (the consent's), the 2.32 notice stamped on it, and the document
-- released, kept exactly as it left (served again at its document URL).
CREATE TABLE disclosure (
	id INTEGER PRIMARY KEY,
	client_id INTEGER NOT NULL REFERENCES client(id),
	consent_id INTEGER NOT NULL REFERENCES consent(id),
	recipient TEXT NOT NULL,
	recipient_kind TEXT NOT NULL,
	information TEXT NOT NULL,
	format TEXT NOT NULL CHECK (format IN ('json', 'csv', 'pdf')),
	purpose TEXT NOT NULL,
	notice TEXT NOT NULL,
	content_type TEXT NOT NULL,
	document TEXT NOT NULL,
	released_by INTEGER NOT NULL REFERENCES staff(id),
	released_at INTEGER NOT NULL
);
CREATE INDEX disclosure_client ON disclosure(client_id, released_at);

-- 0007: the admissions board's call log, and merging two inquiries from one
-- person (the merged one is closed and points at the one kept).
CREATE TABLE inquiry_contact (
	id INTEGER PRIMARY KEY,
	inquiry_id INTEGER NOT NULL REFERENCES inquiry(id),
	method TEXT NOT NULL,		-- call | voicemail | text | email
	outcome TEXT NOT NULL,		-- reached | no_answer | left_message | sent
	note TEXT NOT NULL DEFAULT '',
	staff_id INTEGER NOT NULL REFERENCES staff(id),
	at INTEGER NOT NULL
);
CREATE INDEX inquiry_contact_inquiry ON inquiry_contact(inquiry_id, id);

ALTER TABLE inquiry ADD COLUMN merged_into INTEGER REFERENCES inquiry(id);

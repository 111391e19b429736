-- 0009: a number that grows with every change to any inquiry, for the board's
-- poll (two changes within one second would share an updated_at).
CREATE TABLE inquiry_revision (n INTEGER NOT NULL);
INSERT INTO inquiry_revision (n) VALUES (0);
CREATE TRIGGER inquiry_revision_insert AFTER INSERT ON inquiry
BEGIN
	UPDATE inquiry_revision SET n = n + 1;
END;
CREATE TRIGGER inquiry_revision_update AFTER UPDATE ON inquiry
BEGIN
	UPDATE inquiry_revision SET n = n + 1;
END;

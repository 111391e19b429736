-- 0009: the admissions board's poll and the task lists.
--
-- A number that grows with every change to any inquiry, for the board's
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

-- A task with whom it is about, as every task query reads it.  Columns stay
-- as stored (NULL where the task has no client or inquiry; the store reads
-- NULL as 0 or "") so that a filter on them can use the task indexes.
CREATE VIEW task_about AS
SELECT t.id, t.kind, t.title, t.client_id, t.inquiry_id, t.alert_id, t.assigned_to,
       t.due_at, t.done_at, t.done_by, t.response, t.created_at,
       c.mrn AS client_mrn, c.first_name AS client_first, c.last_name AS client_last,
       c.preferred_name AS client_preferred, q.name AS inquiry_name
FROM task t LEFT JOIN client c ON c.id = t.client_id LEFT JOIN inquiry q ON q.id = t.inquiry_id;
CREATE INDEX task_inquiry ON task(inquiry_id);

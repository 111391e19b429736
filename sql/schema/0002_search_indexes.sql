-- 0002: client name search by index.  Prefix searches are NOCASE ranges
-- (see queries.sql), and the client list is ordered by last and first name
-- under NOCASE, which the first index gives in order.
CREATE INDEX client_last_nc ON client(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX client_first_nc ON client(first_name COLLATE NOCASE);
CREATE INDEX client_preferred_nc ON client(preferred_name COLLATE NOCASE);
DROP INDEX client_last;
DROP INDEX client_first;

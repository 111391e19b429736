-- Transaction control for the writer (src/store/writer.c).
--
-- Each block after a "-- name:" line becomes one prepared statement,
-- Q_<name>, prepared when the store opens (a bad query fails at start-up);
-- {{x}} puts in the text of the block after "-- fragment: x".  Bound
-- parameters only.  A query that yields records names its columns as the
-- record's row table in the C file does; the store checks them on open.

-- name: tx_begin
BEGIN IMMEDIATE

-- name: tx_commit
COMMIT

-- name: tx_rollback
ROLLBACK

-- name: sp_job
SAVEPOINT job

-- name: sp_job_release
RELEASE job

-- name: sp_job_rollback
ROLLBACK TO job


/* bench/fsync_ceiling.c — "one fsync per request": the ceiling a server that
 * commits each write on its own could reach on this disk.
 *
 * Sequential SQLite transactions of one small INSERT each (an attendance-
 * like row), on one connection, in WAL mode with synchronous=FULL — the
 * settings openiop's writer uses (src/store/db_sqlite.c) — so every COMMIT
 * waits for the disk to say the WAL is on it.  bench/checkin.mjs builds it
 * and runs it in the directory of the server's database (the same disk),
 * after the check-in runs, and divides iop's check-ins per second by this
 * figure: group commit (src/store/writer.c) must carry iop to at least five
 * times it.
 *
 * usage: fsync_ceiling DIR SECONDS
 *   DIR      an existing directory; ceiling.db (and its -wal, -shm) is made
 *            there and removed at the end
 *   SECONDS  how long to commit for (1 to 600)
 * Prints one line: "commits=N seconds=S commits_per_s=R".
 *
 * Build: cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror \
 *          bench/fsync_ceiling.c -o fsync_ceiling $(pkg-config --cflags --libs sqlite3)
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "fsync_ceiling: %s: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
	sqlite3_close(db);
	return 1;
}

static int
exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int
main(int argc, char **argv)
{
	char path[PATH_MAX], side[PATH_MAX + 8];
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL;
	double t0, t;
	long seconds, n = 0;
	char *end;

	if (argc != 3) {
		fputs("usage: fsync_ceiling DIR SECONDS\n", stderr);
		return 2;
	}
	seconds = strtol(argv[2], &end, 10);
	if (*end != '\0' || seconds < 1 || seconds > 600) {
		fputs("fsync_ceiling: SECONDS must be a whole number from 1 to 600\n", stderr);
		return 2;
	}
	if (snprintf(path, sizeof path, "%s/ceiling.db", argv[1]) >= (int)sizeof path) {
		fputs("fsync_ceiling: DIR is too long\n", stderr);
		return 2;
	}
	unlink(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return fail(db, "open");
	if (exec(db, "PRAGMA journal_mode=WAL") || exec(db, "PRAGMA synchronous=FULL") ||
	    exec(db, "CREATE TABLE attendance (id INTEGER PRIMARY KEY, session_id INTEGER, "
	    "client_id INTEGER, status TEXT, minutes INTEGER, recorded_at INTEGER)"))
		return fail(db, "set-up");
	if (sqlite3_prepare_v2(db, "INSERT INTO attendance (session_id, client_id, status, "
	    "minutes, recorded_at) VALUES (?1, ?2, 'present', 60, ?3)", -1, &ins, NULL) !=
	    SQLITE_OK)
		return fail(db, "prepare");
	t0 = now_s();
	do {
		if (exec(db, "BEGIN IMMEDIATE"))
			return fail(db, "begin");
		sqlite3_bind_int64(ins, 1, n / 12 + 1);
		sqlite3_bind_int64(ins, 2, n % 12 + 1);
		sqlite3_bind_int64(ins, 3, (sqlite3_int64)time(NULL));
		if (sqlite3_step(ins) != SQLITE_DONE)
			return fail(db, "insert");
		sqlite3_reset(ins);
		if (exec(db, "COMMIT"))
			return fail(db, "commit");
		n++;
		t = now_s() - t0;
	} while (t < (double)seconds);
	sqlite3_finalize(ins);
	sqlite3_close(db);
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	printf("commits=%ld seconds=%.2f commits_per_s=%.1f\n", n, t, (double)n / t);
	return 0;
}

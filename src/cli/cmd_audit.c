/*
 * cmd_audit.c — `iop audit verify` and `iop backup FILE`.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char *AUDIT_USAGE =
    "usage: iop audit verify [--db PATH]\n"
    "\n"
    "Recomputes the audit log's keyed hash chain with the key beside the database\n"
    "(PATH.audit-key) and compares its end with the sealed head (PATH.audit-head).\n"
    "Detects a row changed, removed, inserted or cut off the end, and a chain\n"
    "recomputed without the key.  Exit 0: intact; 3: altered (the first bad row is\n"
    "named); 4: cannot read; 5: intact, but the last rows were not sealed (the\n"
    "server stopped without sealing them, e.g. a crash; its next start seals them).\n";

int
cmd_audit(int argc, char **argv)
{
	struct store_opts so = { .create = false, .readonly = true };
	struct audit_verify_report rep;
	const char *db = NULL;
	struct store *st;
	struct error e;
	int i, rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(AUDIT_USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "verify") != 0)
		return cli_usage(AUDIT_USAGE);
	for (i = 2; i < argc; i++)
		if ((rc = cli_std_opt(argc, argv, &i, AUDIT_USAGE, &db)) != CLI_OPT_TAKEN)
			return rc == CLI_OPT_NONE ? cli_usage(AUDIT_USAGE) : rc;
	error_clear(&e);
	if (store_open(cli_db_path(db), &so, &st, &e) != ERR_OK)
		return cli_fail(&e);
	if (store_audit_verify(st, &rep, &e) == ERR_OK) {
		printf("audit log intact: %lld rows\n", (long long)rep.rows);
		rc = EXIT_OK;
	} else if (e.code == ERR_CONFLICT && rep.unsealed) {
		printf("audit log intact, tail unsealed: %lld rows; %s.  The server's "
		    "next start seals them.\n", (long long)rep.rows, rep.problem);
		rc = EXIT_UNSEALED;
	} else if (e.code == ERR_CONFLICT) {
		printf("AUDIT LOG ALTERED: %s (%lld rows read)\n", rep.problem,
		    (long long)rep.rows);
		rc = EXIT_TAMPERED;
	} else {
		rc = cli_fail(&e);
	}
	store_close(st);
	return rc;
}

static const char *BACKUP_USAGE =
    "usage: iop backup FILE [--db PATH]\n"
    "\n"
    "Writes a consistent copy of the database to FILE while the server runs, with\n"
    "FILE.audit-key and a FILE.audit-head sealed for the copy, so `iop audit verify\n"
    "--db FILE` checks it.  FILE must not exist.  Keep the key apart from backups you\n"
    "send elsewhere.\n";

int
cmd_backup(int argc, char **argv)
{
	struct store_opts so = { .create = false, .readonly = true };
	const char *db = NULL, *file = NULL;
	struct store *st;
	struct error e;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if ((rc = cli_std_opt(argc, argv, &i, BACKUP_USAGE, &db)) == CLI_OPT_TAKEN)
			continue;
		if (rc != CLI_OPT_NONE)
			return rc;
		if (argv[i][0] == '-' || file != NULL)
			return cli_usage(BACKUP_USAGE);
		file = argv[i];
	}
	if (file == NULL)
		return cli_usage(BACKUP_USAGE);
	error_clear(&e);
	if (store_open(cli_db_path(db), &so, &st, &e) != ERR_OK)
		return cli_fail(&e);
	if (store_backup(st, file, &e) == ERR_OK) {
		printf("backup written to %s (with %s.audit-key and %s.audit-head)\n", file, file,
		    file);
		rc = EXIT_OK;
	} else {
		rc = cli_fail(&e);
	}
	store_close(st);
	return rc;
}

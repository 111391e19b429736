/*
 * main.c — `iop`: parse the subcommand, hand over.  Thin on purpose.
 *
 * The same sources, compiled with IOP_TEST_BUILD, make `iop-test`, the test
 * build: it honours IOP_TEST_CLOCK_ADVANCE and serves POST /test/clock, so
 * tests move the clock instead of waiting.  The normal `iop` refuses to run
 * with that variable set, and has no such route.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "http/http.h"
#include "lib/timeutil.h"

static const char *USAGE =
    "usage: iop COMMAND [OPTIONS]\n"
    "\n"
    "openiop " IOP_VERSION " — records for an addiction-treatment intensive outpatient program.\n"
    "\n"
    "commands:\n"
    "  serve            run the web app and JSON API\n"
    "  init             create or migrate a database and its first admin account\n"
    "  demo             initialise if needed and write a fictitious demo clinic\n"
    "  user             add, list, disable, unlock staff accounts; set passwords\n"
    "  audit verify     check the audit log's hash chain and head\n"
    "  backup FILE      write a consistent online copy of the database\n"
    "  routes           print the API route table (METHOD PATH PERMISSION)\n"
    "  permissions      print the role table (PERMISSION ROLE...)\n"
    "\n"
    "Every command takes --db PATH (default $IOP_DB, else ./iop.db) and --help.\n"
    "\n"
    "exit codes: 0 success; 1 refused or failed; 2 usage; 3 audit log altered;\n"
    "            4 database or file error; 5 audit log intact, its tail unsealed\n";

#ifdef IOP_TEST_BUILD
const bool cli_test_build = true;
#else
const bool cli_test_build = false;
#endif

#define TEST_CLOCK_MAX_S (10 * 366 * 86400)	/* ten years */

/* IOP_TEST_CLOCK_ADVANCE: seconds to move the clock forward (iop-test only). */
static int
test_clock_env(void)
{
	const char *v = getenv("IOP_TEST_CLOCK_ADVANCE");
	char *end;
	long long n;

	if (v == NULL || *v == '\0')
		return EXIT_OK;
	if (!cli_test_build) {
		fputs("iop: IOP_TEST_CLOCK_ADVANCE moves the clock only in iop-test, the test "
		    "build; unset it to run iop\n", stderr);
		return EXIT_USAGE;
	}
	n = strtoll(v, &end, 10);
	if (*end != '\0' || n < 0 || n > TEST_CLOCK_MAX_S) {
		fprintf(stderr, "iop: IOP_TEST_CLOCK_ADVANCE must be a whole number of seconds "
		    "from 0 to %d\n", TEST_CLOCK_MAX_S);
		return EXIT_USAGE;
	}
	clock_advance((int64_t)n);
	return EXIT_OK;
}

int
exit_of(enum err code)
{
	switch (code) {
	case ERR_OK:
		return EXIT_OK;
	case ERR_STORE:
	case ERR_IO:
	case ERR_NOMEM:
		return EXIT_IO;
	default:
		return EXIT_FAIL;
	}
}

int
cli_fail(const struct error *e)
{
	size_t i;

	fprintf(stderr, "iop: %s\n", e->msg[0] ? e->msg : err_code_word(e->code));
	for (i = 0; i < e->nfields; i++)
		fprintf(stderr, "  %s: %s\n", e->fields[i].name, e->fields[i].msg);
	return exit_of(e->code);
}

int
cli_usage(const char *usage)
{
	fputs(usage, stderr);
	return EXIT_USAGE;
}

const char *
cli_db_path(const char *flag)
{
	const char *env = getenv("IOP_DB");

	if (flag)
		return flag;
	if (env && *env)
		return env;
	return "iop.db";
}

static bool
read_tty(const char *prompt, char *out, size_t n)
{
	struct termios old, quiet;
	FILE *tty = fopen("/dev/tty", "r+");
	bool ok = false;
	size_t len;

	if (tty == NULL)
		return false;
	fputs(prompt, tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
		if (fgets(out, (int)n, tty) != NULL) {
			len = strlen(out);
			if (len > 0 && out[len - 1] == '\n')
				out[len - 1] = '\0';
			ok = true;
		}
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
		fputs("\n", tty);
	}
	fclose(tty);
	return ok;
}

bool
cli_password(const char *env, const char *prompt, bool confirm, char *out, size_t n)
{
	const char *v = env ? getenv(env) : NULL;
	char again[256];

	if (v != NULL && *v != '\0') {
		snprintf(out, n, "%s", v);
		return true;
	}
	if (!read_tty(prompt, out, n))
		return false;
	if (!confirm)
		return true;
	if (!read_tty("Again: ", again, sizeof again))
		return false;
	if (strcmp(out, again) != 0) {
		sodium_memzero(again, sizeof again);
		fprintf(stderr, "iop: the two passwords differ\n");
		return false;
	}
	sodium_memzero(again, sizeof again);
	return true;
}

int
cmd_routes(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		fputs("usage: iop routes [--long]\n\nPrints the API route table, one route a "
		    "line: METHOD PATH PERMISSION (\"-\" for none).\n--long: METHOD PATH "
		    "PERMISSION FLAGS, PERMISSION public|none|NAME as in\ndocs/openapi.yaml's "
		    "x-permission, FLAGS - or public,no_csrf,pw_change_ok.\n", stdout);
		return EXIT_OK;
	}
	if (argc == 2 && strcmp(argv[1], "--long") == 0) {
		http_routes_print_long(stdout);
		return EXIT_OK;
	}
	if (argc > 1)
		return cli_usage("usage: iop routes [--long]\n");
	http_routes_print(stdout);
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "serve", cmd_serve }, { "init", cmd_init }, { "demo", cmd_demo },
		{ "user", cmd_user }, { "audit", cmd_audit }, { "backup", cmd_backup },
		{ "routes", cmd_routes }, { "permissions", cmd_permissions },
	};
	size_t i;
	int rc;

	if (argc < 2)
		return cli_usage(USAGE);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("iop %s%s\n", IOP_VERSION, cli_test_build ? " (test build: the clock "
		    "can be moved)" : "");
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(USAGE, stdout);
		return EXIT_OK;
	}
	if (sodium_init() < 0) {
		fputs("iop: libsodium failed to start\n", stderr);
		return EXIT_IO;
	}
	if ((rc = test_clock_env()) != EXIT_OK)
		return rc;
	/* Every file iop creates holds or guards health information: the
	 * database and its -wal and -shm files (SQLite gives them the
	 * database's mode), a backup, the audit key and head.  None of them is
	 * for anyone but the account iop runs as, whatever the umask.
	 * (docs/security.md) */
	umask(077);
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "iop: unknown command '%s'\n\n", argv[1]);
	return cli_usage(USAGE);
}

int
cli_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		fprintf(stderr, "iop: %s needs a value\n", name);
		return -1;
	}
	*val = argv[++*i];
	return 1;
}

int
cli_std_opt(int argc, char **argv, int *i, const char *usage, const char **db)
{
	int rc;

	if (strcmp(argv[*i], "--help") == 0) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	rc = cli_opt(argc, argv, i, "--db", db);
	if (rc < 0)
		return cli_usage(usage);
	return rc > 0 ? CLI_OPT_TAKEN : CLI_OPT_NONE;
}

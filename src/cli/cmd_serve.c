/*
 * cmd_serve.c — `iop serve`: open the store, run the HTTP server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/http.h"
#include "ops/password.h"

static const char *USAGE =
    "usage: iop serve [--db PATH] [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]\n"
    "                 [--web-root DIR]\n"
    "\n"
    "Serves the staff web app at /app/, the public page at /, and the JSON API at\n"
    "/api/v1/.  Prints \"listening on URL\" when ready; stops on SIGINT or SIGTERM.\n"
    "\n"
    "  --db PATH           database (default $IOP_DB, else ./iop.db)\n"
    "  --listen ADDR:PORT  IPv4 address and port (default 127.0.0.1:8080; port 0 picks one)\n"
    "  --tls-cert FILE     serve HTTPS with this PEM certificate (with --tls-key)\n"
    "  --tls-key FILE      the certificate's PEM private key\n"
    "  --web-root DIR      serve the web files from DIR (the repository's web/) while editing\n"
    "\n"
    "settings (environment): IOP_IDLE_TIMEOUT (s, 900), IOP_SESSION_LIFETIME (s, 43200),\n"
    "IOP_LOGIN_MAX_FAILURES (5), IOP_LOGIN_LOCK_SECONDS (900), IOP_LOGIN_RATE_PER_MIN (20),\n"
    "IOP_LOGIN_SLOWDOWN_MS (250), IOP_PWHASH_COST (interactive|moderate|test),\n"
    "IOP_HTTP_MODE (suspend|blocking), IOP_HTTP_THREADS, IOP_MAX_BODY (bytes, 65536),\n"
    "IOP_PUBLIC_RATE_PER_HOUR (10), IOP_RATE_PER_DAY_CENTS (25000), IOP_TYPICAL_DAYS (24),\n"
    "IOP_LATE_CANCEL_HOURS (24: a client's cancellation closer to the start is late),\n"
    "IOP_EMERGENCY_ACCESS_HOURS (4: a declared emergency opens a client's record),\n"
    "IOP_PLAN_REVIEW_DAYS (30: a signed treatment plan's review falls due after).\n"
    "All are read and checked once, at start: a bad value stops the server (exit 2).\n";

static bool
parse_listen(const char *v, struct http_settings *s)
{
	const char *colon = strrchr(v, ':');
	char *end;
	long port;
	size_t n;

	if (colon == NULL)
		return false;
	n = (size_t)(colon - v);
	if (n == 0 || n >= sizeof s->host)
		return false;
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || port < 0 || port > 65535)
		return false;
	memcpy(s->host, v, n);
	s->host[n] = '\0';
	s->port = (int)port;
	return true;
}

int
cmd_serve(int argc, char **argv)
{
	struct http_settings set;
	struct store_opts so = { .create = false, .readonly = false };
	const char *db = NULL, *v;
	struct store *st;
	struct error e;
	int i, rc;

	http_settings_default(&set);
	error_clear(&e);
	for (i = 1; i < argc; i++) {
		if ((rc = cli_std_opt(argc, argv, &i, USAGE, &db)) != CLI_OPT_NONE) {
			if (rc != CLI_OPT_TAKEN)
				return rc;
		} else if ((rc = cli_opt(argc, argv, &i, "--listen", &v)) != 0) {
			if (rc < 0 || !parse_listen(v, &set)) {
				fprintf(stderr, "iop: --listen wants ADDR:PORT, e.g. 127.0.0.1:8080\n");
				return EXIT_USAGE;
			}
		} else if ((rc = cli_opt(argc, argv, &i, "--tls-cert", &set.tls_cert)) != 0) {
			if (rc < 0)
				return cli_usage(USAGE);
		} else if ((rc = cli_opt(argc, argv, &i, "--tls-key", &set.tls_key)) != 0) {
			if (rc < 0)
				return cli_usage(USAGE);
		} else if ((rc = cli_opt(argc, argv, &i, "--web-root", &set.web_root)) != 0) {
			if (rc < 0)
				return cli_usage(USAGE);
		} else {
			fprintf(stderr, "iop serve: unknown option '%s'\n\n", argv[i]);
			return cli_usage(USAGE);
		}
	}
	if ((set.tls_cert == NULL) != (set.tls_key == NULL)) {
		fprintf(stderr, "iop: --tls-cert and --tls-key go together\n");
		return EXIT_USAGE;
	}
	if (http_settings_env(&set, &e) != ERR_OK || pw_cost_from_env(&e) != ERR_OK) {
		cli_fail(&e);
		return EXIT_USAGE;
	}
	set.test_clock = cli_test_build;
	if (store_open(cli_db_path(db), &so, &st, &e) != ERR_OK)
		return cli_fail(&e);
	rc = http_serve(st, &set, &e) == ERR_OK ? EXIT_OK : cli_fail(&e);
	store_close(st);
	return rc;
}

/*
 * cli.h — the `iop` subcommands and what they share.
 *
 * Exit codes (documented in `iop --help` and the README):
 *   0  success
 *   1  the operation was refused or failed (invalid input, not found, conflict)
 *   2  usage: unknown command or option, missing argument
 *   3  `iop audit verify` found the audit log altered
 *   4  the database or a file could not be read or written
 */
#ifndef IOP_CLI_H
#define IOP_CLI_H

#include <stdbool.h>

#include "lib/err.h"
#include "ops/ops.h"
#include "store/store.h"

enum exit_code { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_TAMPERED = 3, EXIT_IO = 4,
    EXIT_UNSEALED = 5 };

/* true in iop-test, the test build (main.c compiled with IOP_TEST_BUILD). */
extern const bool cli_test_build;

int exit_of(enum err code);
int cli_fail(const struct error *e);		/* prints "iop: msg" (+ fields), returns exit code */
int cli_usage(const char *usage);		/* prints usage to stderr, returns 2 */
const char *cli_db_path(const char *flag);	/* --db, else $IOP_DB, else ./iop.db */

/* Reads a password from the named variable, else from the terminal
 * (asked twice when confirm).  false when neither is possible. */
bool cli_password(const char *env, const char *prompt, bool confirm, char *out, size_t n);

/* The console as an actor: no staff id, user "cli", address "local", now. */
void cli_actor(struct actor *who);
/* An audit row of the console (user "cli", role "console", address "local"). */
void cli_audit_row(struct audit_event *ev, const char *action, const char *record_type,
    int64_t record_id, const char *detail);
/*
 * Runs one operation (run: its OP_RUN adapter, on in) as the console, in a
 * job with the audit row ev; a row with no record id or client gets the
 * operation's record and first client.  *id (may be NULL) gets the record.
 */
enum err cli_op(struct store *st, struct arena *a, op_run_fn run, const void *in,
    struct audit_event *ev, int64_t *id, struct error *e);
/* The same, with who as the actor instead of the console (the demo's staff
 * member doing their part: their id on what the operation writes). */
enum err cli_op_as(struct store *st, struct arena *a, const struct actor *who, op_run_fn run,
    const void *in, struct audit_event *ev, int64_t *id, struct error *e);

/* Creates the named staff account (op_staff_create) with audit row "cli". */
enum err cli_user_create(struct store *st, const char *username, const char *full_name,
    roleset roles, const int64_t *sites, int nsites, const char *password,
    bool must_change, int64_t *id, struct error *e);

/* Opens (creating/migrating if create) the database, and makes the first
 * admin account when there is no staff yet. */
enum err cli_init_db(const char *db, const char *admin, bool quiet, struct store **out,
    struct error *e);

/* If argv[*i] is NAME VALUE or NAME=VALUE, set *val, advance *i, return 1;
 * NAME without a value: -1; not NAME: 0. */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **val);

/* The options most commands take, at argv[*i]: --help prints usage and
 * gives EXIT_OK, --db PATH sets *db (no value: usage, EXIT_USAGE).  Returns
 * that exit code, CLI_OPT_TAKEN when --db was taken, or CLI_OPT_NONE when
 * argv[*i] is neither. */
enum { CLI_OPT_NONE = -2, CLI_OPT_TAKEN = -1 };
int cli_std_opt(int argc, char **argv, int *i, const char *usage, const char **db);

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_permissions(int argc, char **argv);

#endif

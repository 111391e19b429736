/*
 * cmd_user.c — `iop init` and `iop user ...`: accounts from the command line.
 *
 * Every change is a store job with an audit row whose user is "cli" and
 * address "local", so account changes made at the console are in the same
 * tamper-evident log as those made in the app.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/validate.h"
#include "http/http.h"

static void
cli_audit_row(struct audit_event *ev, const char *action, int64_t staff_id, const char *detail)
{
	memset(ev, 0, sizeof *ev);
	ev->username = "cli";
	ev->role = "console";
	ev->action = action;
	ev->record_type = "staff";
	ev->record_id = staff_id;
	ev->address = "local";
	ev->detail = detail ? detail : "";
}

struct user_job {
	struct staff st;
	const char *hash;
	struct audit_event ev;
	int kind;	/* 0 create, 1 password, 2 disable, 3 unlock, 4 enable */
};

static enum err
user_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct user_job *u = arg;

	switch (u->kind) {
	case 0:
		if (store_tx_staff_insert(tx, &u->st, u->hash, e) != ERR_OK)
			return e->code;
		u->ev.record_id = u->st.id;
		return ERR_OK;
	case 1:
		if (store_tx_staff_set_password(tx, u->st.id, u->hash, u->st.must_change_password,
		    e) != ERR_OK)
			return e->code;
		return store_tx_sessions_end_staff(tx, u->st.id, e);
	case 2:
	case 4:
		u->st.active = u->kind == 4;
		if (store_tx_staff_update(tx, &u->st, e) != ERR_OK)
			return e->code;
		return u->kind == 2 ? store_tx_sessions_end_staff(tx, u->st.id, e) : ERR_OK;
	case 3:
		return store_tx_staff_unlock(tx, u->st.id, e);
	}
	return ERR_OK;
}

enum err
cli_user_create(struct store *st, const char *username, const char *full_name,
    roleset roles, const int64_t *sites, int nsites, const char *password, bool must_change,
    int64_t *id, struct error *e)
{
	struct user_job u;
	struct store_job j;
	char hash[128];
	const char *msg;

	memset(&u, 0, sizeof u);
	u.st.username = username;
	u.st.full_name = full_name;
	u.st.email = "";
	u.st.roles = roles;
	u.st.active = true;
	u.st.must_change_password = must_change;
	u.st.nsites = nsites > STAFF_SITES_MAX ? STAFF_SITES_MAX : nsites;
	if (u.st.nsites > 0)
		memcpy(u.st.site_ids, sites, sizeof(int64_t) * (size_t)u.st.nsites);
	if (staff_validate(&u.st, e) != ERR_OK)
		return e->code;
	if ((msg = check_password(password, username)) != NULL)
		return error_field(e, "password", "%s", msg);
	if (pw_hash(password, hash, e) != ERR_OK)
		return e->code;
	u.hash = hash;
	cli_audit_row(&u.ev, "staff.create", 0, "");
	memset(&j, 0, sizeof j);
	j.run = user_run;
	j.arg = &u;
	j.audit = &u.ev;
	j.naudit = 1;
	if (store_run(st, &j) != ERR_OK) {
		*e = j.err;
		return j.result;
	}
	if (id)
		*id = u.st.id;
	return ERR_OK;
}

enum err
cli_init_db(const char *db, const char *admin, bool quiet, struct store **out,
    struct error *e)
{
	struct store_opts so = { .create = true, .readonly = false };
	char pw[256];
	int64_t n = 0;

	if (pw_cost_from_env(e) != ERR_OK)
		return e->code;
	if (store_open(db, &so, out, e) != ERR_OK)
		return e->code;
	if (store_staff_count(*out, &n, e) != ERR_OK)
		return e->code;
	if (n > 0) {
		if (!quiet)
			printf("%s is initialised (%lld staff accounts); schema is current\n", db,
			    (long long)n);
		return ERR_OK;
	}
	if (!cli_password("IOP_ADMIN_PASSWORD", "Password for the first admin account: ", true,
	    pw, sizeof pw))
		return error_set(e, ERR_INVALID, "no password: set IOP_ADMIN_PASSWORD or run "
		    "from a terminal");
	if (cli_user_create(*out, admin, "Administrator", 1u << ROLE_ADMIN, NULL, 0, pw, false,
	    NULL, e) != ERR_OK) {
		sodium_memzero(pw, sizeof pw);
		return e->code;
	}
	sodium_memzero(pw, sizeof pw);
	if (!quiet)
		printf("created %s with admin account '%s'\n", db, admin);
	return ERR_OK;
}

static const char *INIT_USAGE =
    "usage: iop init [--db PATH] [--admin NAME]\n"
    "\n"
    "Creates the database (or brings its schema up to date), its audit key\n"
    "(PATH.audit-key: keep it safe and back it up apart from the database) and,\n"
    "when there is no staff yet, the first admin account (default name: admin).\n"
    "The password comes from $IOP_ADMIN_PASSWORD, else from a prompt.\n";

int
cmd_init(int argc, char **argv)
{
	const char *db = NULL, *admin = "admin";
	struct store *st = NULL;
	struct error e;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			fputs(INIT_USAGE, stdout);
			return EXIT_OK;
		}
		if ((rc = cli_opt(argc, argv, &i, "--db", &db)) != 0 ||
		    (rc = cli_opt(argc, argv, &i, "--admin", &admin)) != 0) {
			if (rc < 0)
				return cli_usage(INIT_USAGE);
			continue;
		}
		fprintf(stderr, "iop init: unknown option '%s'\n\n", argv[i]);
		return cli_usage(INIT_USAGE);
	}
	error_clear(&e);
	rc = cli_init_db(cli_db_path(db), admin, false, &st, &e) == ERR_OK ? EXIT_OK :
	    cli_fail(&e);
	store_close(st);
	return rc;
}

static const char *USER_USAGE =
    "usage: iop user add NAME --roles ROLE[,ROLE...] [--sites ID,...] [--full-name TEXT]\n"
    "       iop user passwd NAME\n"
    "       iop user disable NAME\n"
    "       iop user enable NAME\n"
    "       iop user unlock NAME\n"
    "       iop user list\n"
    "   (each with [--db PATH])\n"
    "\n"
    "roles: admin director clinician case_manager prescriber nurse admissions\n"
    "       front_desk billing\n"
    "Passwords come from $IOP_USER_PASSWORD, else from a prompt.  A new account\n"
    "and a password set here must be changed at the next sign-in.\n";

static bool
parse_sites(const char *s, int64_t *out, int *n)
{
	char *end;

	*n = 0;
	while (*s) {
		long long v = strtoll(s, &end, 10);
		if (end == s || v <= 0 || *n == STAFF_SITES_MAX)
			return false;
		out[(*n)++] = v;
		s = end;
		if (*s == ',')
			s++;
		else if (*s != '\0')
			return false;
	}
	return true;
}

static int
user_list(struct store *st)
{
	struct arena *a = arena_new(0);
	struct staff *items;
	struct page pg = { 200, 0 };
	struct error e;
	int64_t total;
	size_t n, i;
	int r;

	error_clear(&e);
	if (store_staff_list(st, pg, a, &items, &n, &total, &e) != ERR_OK) {
		arena_free(a);
		return cli_fail(&e);
	}
	printf("%-20s %-28s %-8s %s\n", "USERNAME", "NAME", "STATE", "ROLES");
	for (i = 0; i < n; i++) {
		printf("%-20s %-28s %-8s ", items[i].username, items[i].full_name,
		    !items[i].active ? "disabled" : items[i].locked ? "locked" : "active");
		for (r = 0; r < ROLE__MAX; r++)
			if (items[i].roles & (1u << r))
				printf("%s ", role_name((enum role)r));
		putchar('\n');
	}
	arena_free(a);
	return EXIT_OK;
}

int
cmd_user(int argc, char **argv)
{
	struct store_opts so = { .create = false, .readonly = false };
	const char *db = NULL, *roles_s = NULL, *sites_s = NULL, *full = NULL, *name = NULL;
	const char *verb;
	int64_t sites[STAFF_SITES_MAX];
	int nsites = 0, i, rc;
	struct store *st;
	struct error e;
	roleset roles = 0;

	if (argc < 2)
		return cli_usage(USER_USAGE);
	verb = argv[1];
	if (strcmp(verb, "--help") == 0) {
		fputs(USER_USAGE, stdout);
		return EXIT_OK;
	}
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			fputs(USER_USAGE, stdout);
			return EXIT_OK;
		}
		if ((rc = cli_opt(argc, argv, &i, "--db", &db)) != 0 ||
		    (rc = cli_opt(argc, argv, &i, "--roles", &roles_s)) != 0 ||
		    (rc = cli_opt(argc, argv, &i, "--sites", &sites_s)) != 0 ||
		    (rc = cli_opt(argc, argv, &i, "--full-name", &full)) != 0) {
			if (rc < 0)
				return cli_usage(USER_USAGE);
			continue;
		}
		if (argv[i][0] == '-' || name != NULL) {
			fprintf(stderr, "iop user: unexpected '%s'\n\n", argv[i]);
			return cli_usage(USER_USAGE);
		}
		name = argv[i];
	}
	if (strcmp(verb, "list") != 0 && name == NULL)
		return cli_usage(USER_USAGE);
	if (strcmp(verb, "add") == 0) {
		if (roles_s == NULL || !roles_parse_list(roles_s, &roles)) {
			fprintf(stderr, "iop user add: --roles wants known roles, e.g. "
			    "clinician,nurse\n");
			return EXIT_USAGE;
		}
		if (sites_s && !parse_sites(sites_s, sites, &nsites)) {
			fprintf(stderr, "iop user add: --sites wants site ids, e.g. 1,2\n");
			return EXIT_USAGE;
		}
	} else if (strcmp(verb, "passwd") != 0 && strcmp(verb, "disable") != 0 &&
	    strcmp(verb, "enable") != 0 && strcmp(verb, "unlock") != 0 &&
	    strcmp(verb, "list") != 0) {
		fprintf(stderr, "iop user: unknown action '%s'\n\n", verb);
		return cli_usage(USER_USAGE);
	}
	error_clear(&e);
	if (pw_cost_from_env(&e) != ERR_OK)
		return cli_fail(&e);
	if (store_open(cli_db_path(db), &so, &st, &e) != ERR_OK)
		return cli_fail(&e);
	if (strcmp(verb, "list") == 0) {
		rc = user_list(st);
	} else if (strcmp(verb, "add") == 0) {
		char pw[256];
		int64_t id;
		if (!cli_password("IOP_USER_PASSWORD", "Password for the new account: ", true,
		    pw, sizeof pw)) {
			error_set(&e, ERR_INVALID, "no password: set IOP_USER_PASSWORD or run "
			    "from a terminal");
			rc = cli_fail(&e);
		} else if (cli_user_create(st, name, full ? full : name, roles, sites, nsites, pw,
		    true, &id, &e) != ERR_OK) {
			rc = cli_fail(&e);
		} else {
			printf("added %s (id %lld); they choose a new password at first sign-in\n",
			    name, (long long)id);
			rc = EXIT_OK;
		}
		sodium_memzero(pw, sizeof pw);
	} else {
		struct arena *a = arena_new(0);
		struct user_job u;
		struct store_job j;
		char pw[256], hash[128];
		const char *msg;

		memset(&u, 0, sizeof u);
		rc = EXIT_OK;
		if (store_staff_by_username(st, name, a, &u.st, NULL, &e) != ERR_OK) {
			error_set(&e, ERR_NOTFOUND, "no staff account named '%s'", name);
			rc = cli_fail(&e);
		} else if (strcmp(verb, "passwd") == 0) {
			u.kind = 1;
			u.st.must_change_password = true;
			if (!cli_password("IOP_USER_PASSWORD", "New password: ", true, pw,
			    sizeof pw)) {
				error_set(&e, ERR_INVALID, "no password: set IOP_USER_PASSWORD or "
				    "run from a terminal");
				rc = cli_fail(&e);
			} else if ((msg = check_password(pw, name)) != NULL) {
				error_field(&e, "password", "%s", msg);
				rc = cli_fail(&e);
			} else if (pw_hash(pw, hash, &e) != ERR_OK) {
				rc = cli_fail(&e);
			}
			sodium_memzero(pw, sizeof pw);
			u.hash = hash;
		} else {
			u.kind = strcmp(verb, "disable") == 0 ? 2 : strcmp(verb, "unlock") == 0 ?
			    3 : 4;
		}
		if (rc == EXIT_OK) {
			static const char *const actions[] = { "staff.create",
			    "staff.password_reset", "staff.disable", "staff.unlock",
			    "staff.enable" };
			cli_audit_row(&u.ev, actions[u.kind], u.st.id, "");
			memset(&j, 0, sizeof j);
			j.run = user_run;
			j.arg = &u;
			j.audit = &u.ev;
			j.naudit = 1;
			if (store_run(st, &j) != ERR_OK)
				rc = cli_fail(&j.err);
			else
				printf("%s: done\n", name);
		}
		arena_free(a);
	}
	store_close(st);
	return rc;
}

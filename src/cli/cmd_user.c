/*
 * cmd_user.c — `iop init` and `iop user ...`: accounts from the command line.
 *
 * Every change is the same operation the admin screens run (ops/staff.h),
 * as a store job with an audit row whose user is "cli" and address "local",
 * so account changes made at the console follow the same rules and land in
 * the same tamper-evident log as those made in the app.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "ops/password.h"
#include "ops/staff.h"

void
cli_actor(struct actor *who)
{
	memset(who, 0, sizeof *who);
	who->username = "cli";
	who->address = "local";
	who->now = now_utc();
}

void
cli_audit_row(struct audit_event *ev, const char *action, const char *record_type,
    int64_t record_id, const char *detail)
{
	memset(ev, 0, sizeof *ev);
	ev->username = "cli";
	ev->role = "console";
	ev->action = action;
	ev->record_type = record_type;
	ev->record_id = record_id;
	ev->address = "local";
	ev->detail = detail ? detail : "";
}

/* The op_call's finish: the row names the record and client it touched. */
static enum err
cli_op_finish(struct op_call *c, void *user, struct error *e)
{
	struct audit_event *ev = user;

	(void)e;
	if (ev->record_id == 0)
		ev->record_id = c->res.id;
	if (ev->client_id == 0 && c->res.nclients > 0)
		ev->client_id = c->res.clients[0];
	return ERR_OK;
}

enum err
cli_op(struct store *st, struct arena *a, op_run_fn run, const void *in,
    struct audit_event *ev, int64_t *id, struct error *e)
{
	struct actor who;

	cli_actor(&who);
	return cli_op_as(st, a, &who, run, in, ev, id, e);
}

enum err
cli_op_as(struct store *st, struct arena *a, const struct actor *who, op_run_fn run,
    const void *in, struct audit_event *ev, int64_t *id, struct error *e)
{
	struct op_call c;
	struct store_job j;

	op_call_init(&c, a, run, in);
	c.who = *who;
	c.finish = cli_op_finish;
	c.user = ev;
	memset(&j, 0, sizeof j);
	j.run = op_call_job;
	j.arg = &c;
	j.audit = ev;
	j.naudit = 1;
	if (store_run(st, &j) != ERR_OK) {
		*e = j.err;
		return j.result;
	}
	if (id)
		*id = c.res.id;
	return ERR_OK;
}

enum err
cli_user_create(struct store *st, const char *username, const char *full_name,
    roleset roles, const int64_t *sites, int nsites, const char *password, bool must_change,
    int64_t *id, struct error *e)
{
	struct arena *a = arena_new(0);
	struct staff_create_in in;
	struct staff_out out;
	struct audit_event ev;
	char hash[128];
	enum err rc;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	memset(&in, 0, sizeof in);
	staff_blank(&in.s);
	in.s.username = username;
	in.s.full_name = full_name;
	in.s.roles = roles;
	in.s.must_change_password = must_change;
	in.s.nsites = nsites > STAFF_SITES_MAX ? STAFF_SITES_MAX : nsites;
	if (in.s.nsites > 0)
		memcpy(in.s.site_ids, sites, sizeof(int64_t) * (size_t)in.s.nsites);
	in.hash = hash;
	in.out = &out;
	if (staff_validate(&in.s, e) != ERR_OK ||
	    pw_new(password, username, "password", hash, e) != ERR_OK) {
		arena_free(a);
		return e->code;
	}
	cli_audit_row(&ev, "staff.create", "staff", 0, "");
	rc = cli_op(st, a, op_staff_create_run, &in, &ev, id, e);
	sodium_memzero(hash, sizeof hash);
	arena_free(a);
	return rc;
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
		printf("created %s with admin account '%s'\n"
		    "next: `iop serve`, sign in to /app/ as '%s' and follow the set-up checklist\n"
		    "(the program's name, a site, a room, a track, staff)\n", db, admin, admin);
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

/*
 * iop user list: every account, read a page at a time until the total the
 * store counted (no cap).  Each page is its own read; a page that comes back
 * empty ends the list even if accounts were removed meanwhile.
 */
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

	if (a == NULL) {
		error_set(&e, ERR_NOMEM, "out of memory");
		return cli_fail(&e);
	}
	printf("%-20s %-28s %-8s %s\n", "USERNAME", "NAME", "STATE", "ROLES");
	do {
		error_clear(&e);
		arena_reset(a);
		if (store_staff_list(st, pg, a, &items, &n, &total, &e) != ERR_OK) {
			arena_free(a);
			return cli_fail(&e);
		}
		for (i = 0; i < n; i++) {
			printf("%-20s %-28s %-8s ", items[i].username, items[i].full_name,
			    !items[i].active ? "disabled" : items[i].locked ? "locked" :
			    "active");
			for (r = 0; r < ROLE__MAX; r++)
				if (items[i].roles & (1u << r))
					printf("%s ", role_name((enum role)r));
			putchar('\n');
		}
		pg.offset += (int)n;
	} while (n > 0 && pg.offset < total);
	arena_free(a);
	return EXIT_OK;
}

/* iop user add: a new account that chooses its own password at first sign-in. */
static int
user_add(struct store *st, const char *name, const char *full, roleset roles,
    const int64_t *sites, int nsites)
{
	struct error e;
	char pw[256];
	int64_t id;
	int rc;

	error_clear(&e);
	if (!cli_password("IOP_USER_PASSWORD", "Password for the new account: ", true, pw,
	    sizeof pw)) {
		error_set(&e, ERR_INVALID, "no password: set IOP_USER_PASSWORD or run "
		    "from a terminal");
		rc = cli_fail(&e);
	} else if (cli_user_create(st, name, full ? full : name, roles, sites, nsites, pw, true,
	    &id, &e) != ERR_OK) {
		rc = cli_fail(&e);
	} else {
		printf("added %s (id %lld); they choose a new password at first sign-in\n",
		    name, (long long)id);
		rc = EXIT_OK;
	}
	sodium_memzero(pw, sizeof pw);
	return rc;
}

/* iop user passwd|unlock|disable|enable NAME: the same operations the API runs. */
static int
user_change(struct store *st, const char *verb, const char *name)
{
	struct arena *a = arena_new(0);
	union {
		struct staff_password_in pw;
		struct staff_update_in up;
		struct staff_unlock_in un;
	} in;
	struct staff_out out;
	struct staff who;
	struct audit_event ev;
	struct error e;
	const char *action = "";
	op_run_fn run = NULL;
	char pw[256], hash[128];
	int rc = EXIT_OK;

	error_clear(&e);
	memset(&in, 0, sizeof in);
	memset(hash, 0, sizeof hash);
	if (a == NULL) {
		error_set(&e, ERR_NOMEM, "out of memory");
		return cli_fail(&e);
	}
	if (store_staff_by_username(st, name, a, &who, NULL, &e) != ERR_OK) {
		error_set(&e, ERR_NOTFOUND, "no staff account named '%s'", name);
		rc = cli_fail(&e);
	} else if (strcmp(verb, "passwd") == 0) {
		if (!cli_password("IOP_USER_PASSWORD", "New password: ", true, pw, sizeof pw)) {
			error_set(&e, ERR_INVALID, "no password: set IOP_USER_PASSWORD or "
			    "run from a terminal");
			rc = cli_fail(&e);
		} else if (pw_new(pw, name, "password", hash, &e) != ERR_OK) {
			rc = cli_fail(&e);
		}
		sodium_memzero(pw, sizeof pw);
		in.pw.id = who.id;
		in.pw.hash = hash;
		run = op_staff_password_run;
		action = "staff.password_reset";
	} else if (strcmp(verb, "unlock") == 0) {
		in.un.id = who.id;
		run = op_staff_unlock_run;
		action = "staff.unlock";
	} else {
		bool enable = strcmp(verb, "enable") == 0;
		in.up.id = who.id;
		in.up.set.active = enable;
		in.up.fields = 1u << SF_ACTIVE;
		in.up.out = &out;
		run = op_staff_update_run;
		action = enable ? "staff.enable" : "staff.disable";
	}
	if (rc == EXIT_OK) {
		cli_audit_row(&ev, action, "staff", who.id, "");
		if (cli_op(st, a, run, &in, &ev, NULL, &e) != ERR_OK)
			rc = cli_fail(&e);
		else
			printf("%s: done\n", name);
	}
	sodium_memzero(hash, sizeof hash);
	arena_free(a);
	return rc;
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
		rc = user_add(st, name, full, roles, sites, nsites);
	} else {
		rc = user_change(st, verb, name);
	}
	store_close(st);
	return rc;
}

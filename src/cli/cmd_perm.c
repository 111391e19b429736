/*
 * cmd_perm.c — `iop permissions`: the role table of src/core/perm.c as text,
 * one permission a line, "PERMISSION ROLE ROLE ...", in the table's order.
 * With --by-role, one role a line, "ROLE PERMISSION ...".  The API tests
 * take who may do what from here, so the table is written in one place.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/perm.h"

static const char *USAGE_PERM =
    "usage: iop permissions [--by-role]\n"
    "\n"
    "Prints the role table: one permission a line, PERMISSION ROLE...\n"
    "(--by-role: one role a line, ROLE PERMISSION...).  Routes marked\n"
    "\"none\" in `iop routes --long` need no permission, only a session.\n";

int
cmd_permissions(int argc, char **argv)
{
	int outer, inner, n_outer, n_inner;
	bool by_role = false;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		fputs(USAGE_PERM, stdout);
		return EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], "--by-role") == 0)
		by_role = true;
	if (argc > (by_role ? 2 : 1))
		return cli_usage(USAGE_PERM);
	n_outer = by_role ? ROLE__MAX : PERM__MAX;
	n_inner = by_role ? PERM__MAX : ROLE__MAX;
	for (outer = 0; outer < n_outer; outer++) {
		if (!by_role && outer == PERM_NONE)
			continue;
		fputs(by_role ? role_name((enum role)outer) : perm_name((enum perm)outer),
		    stdout);
		for (inner = 0; inner < n_inner; inner++) {
			enum role r = (enum role)(by_role ? outer : inner);
			enum perm p = (enum perm)(by_role ? inner : outer);
			if (p == PERM_NONE || !role_allows(r, p))
				continue;
			printf(" %s", by_role ? perm_name(p) : role_name(r));
		}
		fputc('\n', stdout);
	}
	return EXIT_OK;
}

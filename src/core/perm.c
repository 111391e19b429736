/*
 * perm.c — roles, permissions and the one table that joins them.
 *
 * The table below is the whole statement of who may do what; the router asks
 * it for every route.  A role not listed under a permission is refused, and
 * anything out of range is refused.  Adding a permission means adding a row
 * here (and a column in the unit test's expected matrix).
 *
 * Pure: no I/O, no logging.  This file decides; it does not audit.
 */
#include <stddef.h>
#include <string.h>

#include "core/perm.h"

static const char *const role_names[ROLE__MAX] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_DIRECTOR] = "director",
	[ROLE_CLINICIAN] = "clinician",
	[ROLE_CASE_MANAGER] = "case_manager",
	[ROLE_PRESCRIBER] = "prescriber",
	[ROLE_NURSE] = "nurse",
	[ROLE_ADMISSIONS] = "admissions",
	[ROLE_FRONT_DESK] = "front_desk",
	[ROLE_BILLING] = "billing",
};

static const char *const perm_names[PERM__MAX] = {
	[PERM_NONE] = "",
	[PERM_CLIENTS_READ] = "clients.read",
	[PERM_CLIENTS_WRITE] = "clients.write",
	[PERM_AUDIT_READ] = "audit.read",
	[PERM_ADMIN_MANAGE] = "admin.manage",
	[PERM_DIRECTORY_READ] = "directory.read",
	[PERM_INQUIRIES] = "inquiries.manage",
	[PERM_SCREENING_READ] = "screening.read",
	[PERM_SCREENING_WRITE] = "screening.write",
	[PERM_EPISODES_ADMIT] = "episodes.admit",
	[PERM_INSURANCE] = "insurance.manage",
	[PERM_PLACEMENT_MANAGE] = "placement.manage",
	[PERM_DUTY_MANAGE] = "duty.manage",
};

/*
 * Who may do what.  PERM_NONE ("any signed-in user") is true for every role.
 * The administrator manages accounts and the directory but does not read
 * clinical records.
 */
static const bool perm_table[ROLE__MAX][PERM__MAX] = {
	[ROLE_ADMIN] = {
		[PERM_NONE] = true,
		[PERM_AUDIT_READ] = true,
		[PERM_ADMIN_MANAGE] = true,
		[PERM_DIRECTORY_READ] = true,
		[PERM_DUTY_MANAGE] = true,
	},
	[ROLE_DIRECTOR] = {
		[PERM_NONE] = true,
		[PERM_CLIENTS_READ] = true,
		[PERM_CLIENTS_WRITE] = true,
		[PERM_AUDIT_READ] = true,
		[PERM_DIRECTORY_READ] = true,
		[PERM_INQUIRIES] = true,
		[PERM_SCREENING_READ] = true,
		[PERM_SCREENING_WRITE] = true,
		[PERM_EPISODES_ADMIT] = true,
		[PERM_INSURANCE] = true,
		[PERM_PLACEMENT_MANAGE] = true,
		[PERM_DUTY_MANAGE] = true,
	},
	[ROLE_CLINICIAN] = {
		[PERM_NONE] = true,
		[PERM_CLIENTS_READ] = true,
		[PERM_CLIENTS_WRITE] = true,
		[PERM_DIRECTORY_READ] = true,
		[PERM_SCREENING_READ] = true,
		[PERM_SCREENING_WRITE] = true,
		[PERM_EPISODES_ADMIT] = true,
	},
	[ROLE_CASE_MANAGER] = {
		[PERM_NONE] = true,
		[PERM_CLIENTS_READ] = true,
		[PERM_CLIENTS_WRITE] = true,
		[PERM_DIRECTORY_READ] = true,
		[PERM_SCREENING_READ] = true,
	},
	[ROLE_PRESCRIBER] = {
		[PERM_NONE] = true,
		[PERM_CLIENTS_READ] = true,
		[PERM_DIRECTORY_READ] = true,
		[PERM_SCREENING_READ] = true,
		[PERM_SCREENING_WRITE] = true,
	},
	[ROLE_NURSE] = {
		[PERM_NONE] = true,
		[PERM_CLIENTS_READ] = true,
		[PERM_DIRECTORY_READ] = true,
		[PERM_SCREENING_READ] = true,
		[PERM_SCREENING_WRITE] = true,
	},
	[ROLE_ADMISSIONS] = {
		[PERM_NONE] = true,
		[PERM_CLIENTS_READ] = true,
		[PERM_CLIENTS_WRITE] = true,
		[PERM_DIRECTORY_READ] = true,
		[PERM_INQUIRIES] = true,
		[PERM_SCREENING_READ] = true,
		[PERM_SCREENING_WRITE] = true,
		[PERM_EPISODES_ADMIT] = true,
		[PERM_INSURANCE] = true,
	},
	[ROLE_FRONT_DESK] = {
		[PERM_NONE] = true,
		[PERM_CLIENTS_READ] = true,
		[PERM_CLIENTS_WRITE] = true,
		[PERM_DIRECTORY_READ] = true,
	},
	[ROLE_BILLING] = {
		[PERM_NONE] = true,
		[PERM_CLIENTS_READ] = true,
		[PERM_DIRECTORY_READ] = true,
		[PERM_INSURANCE] = true,
	},
};

const char *
role_name(enum role r)
{
	if ((unsigned)r >= ROLE__MAX)
		return "";
	return role_names[r];
}

bool
role_parse(const char *s, enum role *out)
{
	int r;

	if (s == NULL)
		return false;
	for (r = 0; r < ROLE__MAX; r++) {
		if (strcmp(s, role_names[r]) == 0) {
			if (out != NULL)
				*out = (enum role)r;
			return true;
		}
	}
	return false;
}

const char *
perm_name(enum perm p)
{
	if ((unsigned)p >= PERM__MAX)
		return "";
	return perm_names[p];
}

bool
role_allows(enum role r, enum perm p)
{
	if ((unsigned)r >= ROLE__MAX || (unsigned)p >= PERM__MAX)
		return false;
	return perm_table[r][p];
}

bool
roles_allow(roleset rs, enum perm p)
{
	int r;

	for (r = 0; r < ROLE__MAX; r++)
		if ((rs & (1u << r)) != 0 && role_allows((enum role)r, p))
			return true;
	return false;
}

/* Match the n bytes at s against the role names. */
static bool
role_parse_n(const char *s, size_t n, enum role *out)
{
	int r;

	for (r = 0; r < ROLE__MAX; r++) {
		if (strlen(role_names[r]) == n && memcmp(s, role_names[r], n) == 0) {
			*out = (enum role)r;
			return true;
		}
	}
	return false;
}

bool
roles_parse_list(const char *s, roleset *out)
{
	const char *p, *end, *b, *e;
	roleset rs = 0;
	enum role r;

	if (s == NULL)
		return false;
	p = s;
	for (;;) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		b = p;
		e = end;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		if (b == e || !role_parse_n(b, (size_t)(e - b), &r))
			return false;
		rs |= (roleset)1u << r;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	if (out != NULL)
		*out = rs;
	return true;
}

enum role
roles_primary(roleset rs)
{
	int r;

	for (r = 0; r < ROLE__MAX; r++)
		if ((rs & (1u << r)) != 0)
			return (enum role)r;
	return ROLE__MAX;
}

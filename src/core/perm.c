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
#include <stdio.h>
#include <string.h>

#include "core/perm.h"
#include "core/validate.h"

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
	[PERM_TRACKS_MANAGE] = "tracks.manage",
	[PERM_CLIENTS_DEACTIVATE] = "clients.deactivate",
	[PERM_APPOINTMENTS_BOOK] = "appointments.book",
	[PERM_ALERTS_RESPOND] = "alerts.respond",
	[PERM_PLANS_WRITE] = "plans.write",
	[PERM_NOTES_WRITE] = "notes.write",
	[PERM_DISCLOSURES_RELEASE] = "disclosures.release",
	[PERM_CARE_TEAM] = "care_team.manage",
};

/* The roles named, as a set. */
#define R(x) ((roleset)1u << ROLE_##x)
#define EVERY_ROLE (((roleset)1u << ROLE__MAX) - 1)

/*
 * Who may do what: each permission and the roles that hold it.  PERM_NONE
 * ("any signed-in user") is held by every role.  The administrator manages
 * accounts and the directory but does not read clinical records.
 */
static const roleset perm_roles[PERM__MAX] = {
	[PERM_NONE] = EVERY_ROLE,
	[PERM_CLIENTS_READ] = EVERY_ROLE & ~R(ADMIN),
	[PERM_CLIENTS_WRITE] = R(DIRECTOR) | R(CLINICIAN) | R(CASE_MANAGER) | R(ADMISSIONS) |
	    R(FRONT_DESK),
	[PERM_AUDIT_READ] = R(ADMIN) | R(DIRECTOR),
	[PERM_ADMIN_MANAGE] = R(ADMIN),
	[PERM_DIRECTORY_READ] = EVERY_ROLE,
	[PERM_INQUIRIES] = R(DIRECTOR) | R(ADMISSIONS),
	[PERM_SCREENING_READ] = R(DIRECTOR) | R(CLINICIAN) | R(CASE_MANAGER) | R(PRESCRIBER) |
	    R(NURSE) | R(ADMISSIONS),
	[PERM_SCREENING_WRITE] = R(DIRECTOR) | R(CLINICIAN) | R(PRESCRIBER) | R(NURSE) |
	    R(ADMISSIONS),
	[PERM_EPISODES_ADMIT] = R(DIRECTOR) | R(CLINICIAN) | R(ADMISSIONS),
	[PERM_INSURANCE] = R(DIRECTOR) | R(ADMISSIONS) | R(BILLING),
	[PERM_PLACEMENT_MANAGE] = R(DIRECTOR),
	[PERM_DUTY_MANAGE] = R(ADMIN) | R(DIRECTOR),
	[PERM_TRACKS_MANAGE] = R(ADMIN) | R(DIRECTOR),
	/* The front desk updates contact details but does not end a client's
	 * record. */
	[PERM_CLIENTS_DEACTIVATE] = R(DIRECTOR) | R(CLINICIAN) | R(CASE_MANAGER) |
	    R(ADMISSIONS),
	/* Everyone who sees clients books their appointments, the front desk
	 * too; whom an appointment is with depends on its kind
	 * (core/appointment.c). */
	[PERM_APPOINTMENTS_BOOK] = EVERY_ROLE & ~(R(ADMIN) | R(BILLING)),
	/* A safety alert is claimed and answered by clinical staff only: not
	 * admissions, who record screenings but do not assess risk. */
	[PERM_ALERTS_RESPOND] = R(DIRECTOR) | R(CLINICIAN) | R(PRESCRIBER) | R(NURSE),
	/* A treatment plan is drafted and signed by the clinicians who treat:
	 * not the front desk, admissions or billing. */
	[PERM_PLANS_WRITE] = R(DIRECTOR) | R(CLINICIAN) | R(PRESCRIBER),
	/* Notes are written by whoever held the session or the appointment:
	 * clinicians, case managers (case management), prescribers and nurses
	 * (medication management); not the front desk, admissions or billing. */
	[PERM_NOTES_WRITE] = R(DIRECTOR) | R(CLINICIAN) | R(CASE_MANAGER) | R(PRESCRIBER) |
	    R(NURSE),
	/* Part 2 consents are recorded and client information released by the
	 * staff who coordinate care with the outside: not the front desk,
	 * admissions, billing or the administrator. */
	[PERM_DISCLOSURES_RELEASE] = R(DIRECTOR) | R(CLINICIAN) | R(CASE_MANAGER),
	/* Who is in a client's care is decided by the director and by the
	 * clinical staff already in it (the care relationship rule holds them
	 * to that, core/care.h): not the front desk, admissions or billing. */
	[PERM_CARE_TEAM] = R(DIRECTOR) | R(CLINICIAN) | R(CASE_MANAGER) | R(PRESCRIBER) | R(NURSE),
};

const char *
role_name(enum role r)
{
	return name_of(role_names, ROLE__MAX, (int)r);
}

bool
role_parse(const char *s, enum role *out)
{
	int i = name_index(role_names, ROLE__MAX, s);

	if (i >= 0 && out != NULL)
		*out = (enum role)i;
	return i >= 0;
}

const char *
perm_name(enum perm p)
{
	return name_of(perm_names, PERM__MAX, (int)p);
}

bool
role_allows(enum role r, enum perm p)
{
	if ((unsigned)r >= ROLE__MAX)
		return false;
	return roles_allow((roleset)1u << r, p);
}

bool
roles_allow(roleset rs, enum perm p)
{
	if ((unsigned)p >= PERM__MAX)
		return false;
	return (rs & perm_roles[p]) != 0;
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

void
roles_format(roleset rs, char *out, size_t n)
{
	size_t o = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < ROLE__MAX; i++)
		if (rs & (1u << i))
			o += (size_t)snprintf(out + o, o < n ? n - o : 0, "%s%s", o ? "," : "",
			    role_name((enum role)i));
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

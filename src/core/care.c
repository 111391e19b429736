/*
 * care.c — the care relationship rule's pure parts (care.h).
 */
#include <ctype.h>
#include <string.h>

#include "core/care.h"
#include "core/validate.h"

static const char *const way_names[CARE__MAX] = {
	[CARE_NONE] = "",
	[CARE_TEAM] = "care_team",
	[CARE_EPISODE] = "episode",
	[CARE_APPOINTMENT] = "appointment",
	[CARE_GROUP] = "group",
	[CARE_COSIGNER] = "cosigner",
	[CARE_DUTY] = "duty",
	[CARE_ALUMNI] = "alumni",
	[CARE_EMERGENCY] = "emergency",
};

const char *
care_way_name(enum care_way w)
{
	return (unsigned)w < CARE__MAX ? way_names[w] : "";
}

#define R(x) ((roleset)1u << ROLE_##x)
#define CLINICAL (R(CLINICIAN) | R(CASE_MANAGER) | R(PRESCRIBER) | R(NURSE))

bool
care_rule_applies(roleset rs)
{
	return (rs & CLINICAL) != 0 && (rs & ~CLINICAL) == 0;
}

bool
care_team_may_change(roleset rs)
{
	return roles_allow(rs, PERM_CARE_TEAM);
}

enum err
emergency_reason_check(const char *reason, struct error *e)
{
	const char *m;
	size_t n;

	if (reason == NULL || *reason == '\0') {
		error_field(e, "reason", "is required: say why you must open this record now");
		return e->code;
	}
	if ((m = check_text(reason, EMERGENCY_REASON_MAX, true, true)) != NULL) {
		error_field(e, "reason", "%s", m);
		return e->code;
	}
	while (isspace((unsigned char)*reason))
		reason++;
	n = strlen(reason);
	while (n > 0 && isspace((unsigned char)reason[n - 1]))
		n--;
	if (n < EMERGENCY_REASON_MIN)
		error_field(e, "reason", "must be at least %d characters: say why you must "
		    "open this record now", EMERGENCY_REASON_MIN);
	return e->code;
}

/*
 * medication.c — the medications for addiction treatment, what makes a
 * valid medication entry, and which are taken on a date (medication.h).
 */
#include <string.h>

#include "core/medication.h"
#include "core/validate.h"

#define SUBBIT(s) ((subset)1u << (s))

const struct mat_def mat_meds[] = {
	{ "buprenorphine", "Buprenorphine (e.g. with naloxone, or extended-release injection)",
	    SUBBIT(SUB_BUPRENORPHINE) },
	{ "methadone", "Methadone (through an opioid treatment program)",
	    SUBBIT(SUB_METHADONE) },
	{ "naltrexone", "Naltrexone (oral or extended-release injection)", 0 },
	{ "acamprosate", "Acamprosate", 0 },
	{ "disulfiram", "Disulfiram", 0 },
};
const size_t nmat_meds = sizeof mat_meds / sizeof mat_meds[0];

const struct mat_def *
mat_find(const char *code)
{
	for (size_t i = 0; code != NULL && i < nmat_meds; i++)
		if (strcmp(mat_meds[i].code, code) == 0)
			return &mat_meds[i];
	return NULL;
}

static const char *const med_fields[MEDF__MAX] = {
	[MEDF_NAME] = "name", [MEDF_MAT] = "mat", [MEDF_EXPECTED] = "expected",
	[MEDF_DOSE] = "dose", [MEDF_PRESCRIBER_ID] = "prescriber_id",
	[MEDF_PRESCRIBER_NAME] = "prescriber_name", [MEDF_START_DATE] = "start_date",
	[MEDF_STOP_DATE] = "stop_date", [MEDF_ENTERED_IN_ERROR] = "entered_in_error",
	[MEDF_ERROR_REASON] = "error_reason",
};

const char *
med_field_name(enum med_field f)
{
	return (unsigned)f < MEDF__MAX ? med_fields[f] : "";
}

/* Every word of a comma list a known substance? */
static bool
expected_ok(const char *s)
{
	const char *p = s;

	while (p != NULL && *p != '\0') {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char w[40];
		if (len == 0 || len >= sizeof w)
			return false;
		memcpy(w, p, len);
		w[len] = '\0';
		if (substance_find(w) < 0)
			return false;
		p = end ? end + 1 : p + len;
	}
	return true;
}

enum err
medication_check(const struct medication *m, struct error *e)
{
	const char *msg;
	bool ours = m->prescriber_id != 0;
	bool outside = m->prescriber_name != NULL && *m->prescriber_name != '\0';

	if ((msg = check_text(m->name, 100, true, false)) != NULL)
		error_field(e, "name", "%s", msg);
	if (m->mat != NULL && *m->mat != '\0' && mat_find(m->mat) == NULL)
		error_field(e, "mat", "must be one of buprenorphine, methadone, naltrexone, "
		    "acamprosate, disulfiram, or empty for another medication");
	if (!expected_ok(m->expected))
		error_field(e, "expected", "must name substances of the drug-screen vocabulary");
	if ((msg = check_text(m->dose, 100, false, false)) != NULL)
		error_field(e, "dose", "%s", msg);
	if ((msg = check_text(m->prescriber_name, 100, false, false)) != NULL)
		error_field(e, "prescriber_name", "%s", msg);
	else if (ours && outside)
		error_field(e, "prescriber_name", "give either one of our prescribers or an "
		    "outside prescriber's name, not both");
	else if (!ours && !outside)
		error_field(e, "prescriber_id", "say who prescribes it: one of our staff, or an "
		    "outside prescriber's name");
	if (m->start_date && m->stop_date && *m->start_date && *m->stop_date &&
	    strcmp(m->stop_date, m->start_date) < 0)
		error_field(e, "stop_date", "must not be before the start date");
	if (m->entered_in_error &&
	    (msg = check_text(m->error_reason, 500, true, true)) != NULL)
		error_field(e, "error_reason", "%s", msg);
	return e->code;
}

bool
medication_active_on(const struct medication *m, const char *d)
{
	if (m->entered_in_error)
		return false;
	if (m->start_date && *m->start_date && strcmp(m->start_date, d) > 0)
		return false;
	if (m->stop_date && *m->stop_date && strcmp(m->stop_date, d) < 0)
		return false;
	return true;
}

subset
medication_expected_on(const struct medication *m, size_t n, const char *d)
{
	subset out = 0;

	for (size_t i = 0; i < n; i++)
		if (medication_active_on(&m[i], d))
			out |= subset_parse(m[i].expected);
	return out;
}

/*
 * medication.h — a client's medication list: what is prescribed, whether it
 * is a medication for addiction treatment (MAT/MOUD), the dose, who
 * prescribes it, when it started and stopped, and the substances a drug
 * screen finds because of it.
 *
 * The medications for addiction treatment are a vocabulary (a table in
 * medication.c, served by the API) with the substances each makes a screen
 * positive for: buprenorphine -> buprenorphine, methadone -> methadone;
 * naltrexone, acamprosate and disulfiram show on no common panel.  Any other
 * medication may name expected substances too (a prescribed
 * benzodiazepine -> benzodiazepines).  Nothing is deleted: a mistaken entry
 * is marked entered in error, with a reason, and kept.  Dates are
 * YYYY-MM-DD text, "" when not known (start) or not stopped (stop).
 */
#ifndef IOP_MEDICATION_H
#define IOP_MEDICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/drugscreen.h"
#include "lib/err.h"

struct medication {
	int64_t id, client_id;
	const char *name, *mat, *expected, *dose;	/* expected: substance codes */
	int64_t prescriber_id;			/* one of our staff; 0: outside */
	const char *prescriber_name;		/* the outside prescriber; "" when ours */
	const char *start_date, *stop_date;
	bool entered_in_error;
	const char *error_reason;
	int64_t created_by, created_at, changed_by, changed_at;
	/* Read with it ("" when none). */
	const char *prescriber_staff_name, *created_by_name;
	int64_t revisions;			/* earlier versions kept */
};

/* An earlier version of a medication row, as it was before a change:
 * who made that version when, and who replaced it when. */
struct medication_revision {
	int64_t id, medication_id;
	const char *name, *mat, *dose;
	int64_t prescriber_id;
	const char *prescriber_name;		/* the outside prescriber's */
	const char *start_date, *stop_date;
	bool entered_in_error;
	const char *error_reason;
	int64_t was_changed_by, was_changed_at, replaced_by, replaced_at;
	/* Read with it ("" when none). */
	const char *prescriber_staff_name, *was_changed_by_name, *replaced_by_name;
};

struct mat_def {
	const char *code;	/* "buprenorphine" */
	const char *name;	/* "Buprenorphine (e.g. Suboxone, Sublocade)" */
	subset expected;	/* what a screen finds while it is taken */
};
extern const struct mat_def mat_meds[];
extern const size_t nmat_meds;
/* The MAT medication of code, or NULL ("" is no MAT: NULL too). */
const struct mat_def *mat_find(const char *code);

/* The fields a change may name, in the API's order and words. */
enum med_field {
	MEDF_NAME, MEDF_MAT, MEDF_EXPECTED, MEDF_DOSE, MEDF_PRESCRIBER_ID,
	MEDF_PRESCRIBER_NAME, MEDF_START_DATE, MEDF_STOP_DATE, MEDF_ENTERED_IN_ERROR,
	MEDF_ERROR_REASON, MEDF__MAX
};
const char *med_field_name(enum med_field f);

/* name required, lengths, mat a known code or "", expected known substance
 * codes, one prescriber (ours or outside, not both, not neither), stop not
 * before start, a reason when entered in error: field errors added to e;
 * returns e->code. */
enum err medication_check(const struct medication *m, struct error *e);

/* Is m taken on date d (YYYY-MM-DD)?  Not entered in error, started on or
 * before d (or start not known) and not stopped before d. */
bool medication_active_on(const struct medication *m, const char *d);
/* The substances expected on date d from the n medications. */
subset medication_expected_on(const struct medication *m, size_t n, const char *d);

#endif

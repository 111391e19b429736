/*
 * drugscreen.h — drug screens: the substances a screen tests for, the named
 * panels (which substances a cup or a lab order covers), a screen's results
 * per substance, and the rule that says which results are unexpected.
 *
 * Substances and panels are data (tables in drugscreen.c) served by the API.
 * A result is unexpected when it is not what the client's prescriptions on
 * the collection date lead one to expect: a positive for a substance no
 * active medication accounts for, or a negative for one that is prescribed
 * (a negative buprenorphine while it is prescribed may mean it is not being
 * taken, or is diverted).  A substance not tested is never unexpected.
 *
 * Results and substance lists are kept as short text
 * ("buprenorphine=positive,cocaine=negative"; "buprenorphine,methadone"):
 * this module reads and writes those forms.  No I/O.
 */
#ifndef IOP_DRUGSCREEN_H
#define IOP_DRUGSCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"

enum substance {
	SUB_ALCOHOL, SUB_AMPHETAMINES, SUB_BARBITURATES, SUB_BENZODIAZEPINES,
	SUB_BUPRENORPHINE, SUB_COCAINE, SUB_FENTANYL, SUB_MDMA, SUB_METHADONE,
	SUB_METHAMPHETAMINE, SUB_OPIATES, SUB_OXYCODONE, SUB_PCP, SUB_THC, SUB_TRAMADOL,
	SUB__MAX
};

struct substance_def {
	const char *code;	/* "buprenorphine" */
	const char *name;	/* "Buprenorphine (BUP)" */
};
extern const struct substance_def substances[SUB__MAX];
/* The substance of code, or -1. */
int substance_find(const char *code);

struct panel_def {
	const char *code;	/* "cup12" */
	const char *name;	/* "12-panel cup" */
	const char *method;	/* the method it is usually used with */
	int n;
	enum substance subs[SUB__MAX];
};
extern const struct panel_def panels[];
extern const size_t npanels;
const struct panel_def *panel_find(const char *code);

enum screen_result { RES_NOT_TESTED, RES_NEGATIVE, RES_POSITIVE, RES__MAX };
const char *screen_result_name(enum screen_result r);	/* "not_tested" */
bool screen_result_parse(const char *s, enum screen_result *out);

/* A set of substances: bit (1u << enum substance). */
typedef uint32_t subset;
/* "buprenorphine,methadone" (bad or unknown codes skipped) and back; the
 * text is in the arena, "" for none (NULL when the arena is full). */
subset subset_parse(const char *s);
const char *subset_text(subset s, struct arena *a);

/* A screen's results: one per substance (RES_NOT_TESTED for any not on its
 * panel). */
struct screen_results {
	enum screen_result r[SUB__MAX];
};
/* "code=result,..." into out (all not tested first); false on a bad word. */
bool screen_results_parse(const char *s, struct screen_results *out);
/* The results of the substances of panel p, as text in the arena. */
const char *screen_results_text(const struct screen_results *res, const struct panel_def *p,
    struct arena *a);

/* Results given for the substances in `given` (a set) fit panel p: every
 * substance of the panel given, none that is not on it.  Field errors
 * "results.<code>" added to e; returns e->code. */
enum err screen_results_check(subset given, const struct panel_def *p, struct error *e);

/* The substances whose result is unexpected given those expected (tested
 * ones only). */
subset screen_unexpected(const struct screen_results *res, subset expected);
/* What is unexpected about substance s, in words a clinician reads:
 * "positive for cocaine, which is not prescribed". */
const char *screen_unexpected_words(enum substance s, enum screen_result r, struct arena *a);

/* A drug screen as stored; results, expected and unexpected as text. */
struct drug_screen {
	int64_t id, client_id, collected_at;
	const char *method, *panel, *status;	/* status: pending | resulted */
	bool observed;
	const char *results, *expected, *unexpected;
	int64_t task_id, recorded_by, recorded_at, resulted_by, resulted_at;
	bool entered_in_error;			/* kept, struck through, not counted */
	const char *error_reason;
	int64_t error_by, error_at;
	/* Read with it ("" when none). */
	const char *recorded_by_name, *resulted_by_name, *error_by_name;
	int64_t revisions;			/* earlier results kept */
};

/* Results a correction replaced, kept. */
struct dscreen_revision {
	int64_t id, drug_screen_id;
	const char *results, *expected, *unexpected;
	int64_t resulted_by, resulted_at, replaced_by, replaced_at;
	const char *resulted_by_name, *replaced_by_name;	/* read with it */
};

/* The longest reason a screen was entered in error. */
#define DSCREEN_REASON_MAX 500
/* May d take results, or be marked entered in error?  ERR_CONFLICT saying
 * why not when it was marked entered in error already. */
enum err dscreen_check_not_error(const struct drug_screen *d, struct error *e);
/* The reason given for marking a screen entered in error: required, one
 * paragraph at most DSCREEN_REASON_MAX; a field error "reason" added to e.
 * Returns e->code. */
enum err dscreen_reason_check(const char *reason, struct error *e);

enum screen_method { SM_POINT_OF_CARE, SM_LAB, SM__MAX };
const char *screen_method_name(enum screen_method m);	/* "point_of_care" */
bool screen_method_parse(const char *s, enum screen_method *out);

#endif

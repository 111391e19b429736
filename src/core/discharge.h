/*
 * discharge.h — how an episode of care ends (discharge, or a transfer to
 * another level: step-down, step-up), as pure rules: the caller reads the
 * episode and today's date and passes them in.
 */
#ifndef IOP_DISCHARGE_H
#define IOP_DISCHARGE_H

#include <stdbool.h>

#include "core/episode.h"
#include "lib/err.h"
#include "lib/timeutil.h"

#define DISCHARGE_REASON_MAX 2000
#define DISCHARGE_TO_MAX 200
#define STEP_DOWN_WEEKS_MAX 2

/* Is type a discharge type: completed, against_advice, administrative,
 * transferred_higher, transferred_lower, deceased, lost_to_contact? */
bool discharge_type_valid(const char *type);
/* Does the type name another provider the client went to (a transfer)? */
bool discharge_type_transfer(const char *type);

/*
 * A discharge of ep dated on, today being today (the site's local date):
 * the type known (field "type"); to (the provider) named for a transfer
 * ("to"); the reason and to not too long; the date not before the
 * admission nor after today ("date"); ep open (ERR_CONFLICT otherwise,
 * checked after the fields).
 */
enum err discharge_check(const struct episode *ep, const char *type, const char *reason,
    const char *to, struct date on, struct date today, struct error *e);

/*
 * A transfer of ep to level from date on: the level a known code other than
 * ep's ("level"); weeks of planned step-down 0..2, and only when stepping
 * down ("planned_step_down_weeks"); the date as for a discharge.  *type is
 * set to transferred_lower or transferred_higher.
 */
enum err transfer_check(const struct episode *ep, const char *level, int weeks,
    const char *reason, struct date on, struct date today, const char **type,
    struct error *e);

/* A discharge summary: drafted from the record, edited while a draft,
 * locked once signed. */
#define DSUMMARY_TEXT_MAX 8000
struct dsummary {
	int64_t id, episode_id, client_id;
	const char *status;		/* draft | signed */
	const char *reason, *services, *progress, *scores, *medications, *recommendations;
	int64_t created_by, created_at, updated_by, updated_at, signed_by, signed_at;
	const char *signed_by_name, *updated_by_name;
};

/* The words of a discharge type ("left against clinical advice"). */
const char *discharge_type_words(const char *type);

#endif

/*
 * discharge.c — the rules of an episode's end (core/discharge.h).
 */
#include <string.h>

#include "core/discharge.h"
#include "core/placement.h"

static const char *const types[] = {
	"completed", "against_advice", "administrative", "transferred_higher",
	"transferred_lower", "deceased", "lost_to_contact",
};

bool
discharge_type_valid(const char *type)
{
	if (type == NULL)
		return false;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(type, types[i]) == 0)
			return true;
	return false;
}

const char *
discharge_type_words(const char *type)
{
	static const char *const words[] = {
		"completed the program", "left against clinical advice",
		"administrative discharge", "transferred to a higher level of care",
		"transferred to a lower level of care", "deceased", "lost to contact",
	};

	for (size_t i = 0; type != NULL && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(type, types[i]) == 0)
			return words[i];
	return "discharged";
}

bool
discharge_type_transfer(const char *type)
{
	return type != NULL && strncmp(type, "transferred_", 12) == 0;
}

/* The date's own rules; the first error of the field wins. */
static void
date_check(const struct episode *ep, struct date on, struct date today, struct error *e)
{
	char d[11];

	if (!date_valid(on)) {
		error_field(e, "date", "must be a date written YYYY-MM-DD");
		return;
	}
	if (date_valid(ep->admitted_on) && date_cmp(on, ep->admitted_on) < 0) {
		date_format(ep->admitted_on, d);
		error_field(e, "date", "is before the client's admission on %s", d);
		return;
	}
	if (date_cmp(on, today) > 0)
		error_field(e, "date", "is after today: record it on the day, not ahead");
}

static bool
is_open(const struct episode *ep)
{
	return ep->status == NULL || strcmp(ep->status, "open") == 0;
}

enum err
discharge_check(const struct episode *ep, const char *type, const char *reason,
    const char *to, struct date on, struct date today, struct error *e)
{
	if (type == NULL || *type == '\0')
		error_field(e, "type", "is required: completed, against_advice, administrative, "
		    "transferred_higher, transferred_lower, deceased or lost_to_contact");
	else if (!discharge_type_valid(type))
		error_field(e, "type", "must be one of completed, against_advice, administrative, "
		    "transferred_higher, transferred_lower, deceased, lost_to_contact");
	else if (discharge_type_transfer(type) && (to == NULL || *to == '\0'))
		error_field(e, "to", "is required for a transfer: the provider the client goes to");
	if (to != NULL && strlen(to) > DISCHARGE_TO_MAX)
		error_field(e, "to", "is longer than %d characters", DISCHARGE_TO_MAX);
	if (reason != NULL && strlen(reason) > DISCHARGE_REASON_MAX)
		error_field(e, "reason", "is longer than %d characters", DISCHARGE_REASON_MAX);
	date_check(ep, on, today, e);
	if (e->code != ERR_OK)
		return e->code;
	if (!is_open(ep))
		return error_set(e, ERR_CONFLICT, "This episode is discharged already (on %s).",
		    ep->discharged_on ? ep->discharged_on : "an earlier date");
	return ERR_OK;
}

enum err
transfer_check(const struct episode *ep, const char *level, int weeks, const char *reason,
    struct date on, struct date today, const char **type, struct error *e)
{
	const struct level *to = level ? level_find(level) : NULL;
	const struct level *from = ep->level ? level_find(ep->level) : NULL;

	*type = NULL;
	if (level == NULL || *level == '\0')
		error_field(e, "level", "is required: the level of care the client moves to");
	else if (to == NULL)
		error_field(e, "level", "must be a level of care code such as 2.1");
	else if (from != NULL && to->rank == from->rank)
		error_field(e, "level", "is the client's level now: to change their track at "
		    "this level, change their enrolment");
	else
		*type = from != NULL && to->rank > from->rank ? "transferred_higher" :
		    "transferred_lower";
	if (weeks < 0 || weeks > STEP_DOWN_WEEKS_MAX)
		error_field(e, "planned_step_down_weeks", "must be 0, 1 or 2");
	else if (weeks > 0 && *type != NULL && strcmp(*type, "transferred_lower") != 0)
		error_field(e, "planned_step_down_weeks", "applies only to a step down to a lower "
		    "level: set it to 0");
	if (reason != NULL && strlen(reason) > DISCHARGE_REASON_MAX)
		error_field(e, "reason", "is longer than %d characters", DISCHARGE_REASON_MAX);
	date_check(ep, on, today, e);
	if (e->code != ERR_OK)
		return e->code;
	if (!is_open(ep))
		return error_set(e, ERR_CONFLICT, "This episode is discharged already (on %s): "
		    "only an open episode can be transferred.",
		    ep->discharged_on ? ep->discharged_on : "an earlier date");
	return ERR_OK;
}

/*
 * insurance.c — what makes a valid coverage, and its rank.
 */
#include <string.h>
#include <strings.h>

#include "core/insurance.h"
#include "core/validate.h"

bool
coverage_relationship_ok(const char *rel)
{
	static const char *const rels[] = { "self", "spouse", "child", "other", NULL };
	const char *const *p;

	for (p = rels; *p && (rel == NULL || strcmp(*p, rel) != 0); p++)
		;
	return *p != NULL;
}

enum err
coverage_check(const struct coverage *c, struct error *e)
{
	const char *m;

	if (c->rank == NULL ||
	    (strcmp(c->rank, "primary") != 0 && strcmp(c->rank, "secondary") != 0))
		error_field(e, "rank", "must be primary or secondary");
	if ((m = check_text(c->payer, 100, true, false)) != NULL)
		error_field(e, "payer", "%s", m);
	if ((m = check_text(c->plan, 100, false, false)) != NULL)
		error_field(e, "plan", "%s", m);
	if ((m = check_text(c->member_id, 50, true, false)) != NULL)
		error_field(e, "member_id", "%s", m);
	if ((m = check_text(c->group_number, 50, false, false)) != NULL)
		error_field(e, "group_number", "%s", m);
	if ((m = check_text(c->subscriber_name, 100, false, false)) != NULL)
		error_field(e, "subscriber_name", "%s", m);
	if (!coverage_relationship_ok(c->relationship))
		error_field(e, "relationship", "must be one of self, spouse, child, other");
	if (c->start_date && c->end_date && *c->start_date && *c->end_date &&
	    strcmp(c->end_date, c->start_date) < 0)
		error_field(e, "end_date", "must not be before the start date");
	return e->code;
}

const char *
coverage_rank_next(size_t held)
{
	return held == 0 ? "primary" : "secondary";
}

bool
coverage_held(const struct coverage *held, size_t n, const char *payer,
    const char *member_id)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(held[i].payer, payer) == 0 &&
		    strcasecmp(held[i].member_id, member_id) == 0)
			return true;
	return false;
}

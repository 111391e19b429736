/*
 * insurance.c — what makes a valid coverage, and its rank.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/insurance.h"
#include "core/validate.h"

/* Every field a change names is a text member of struct coverage. */
static const struct {
	const char *name;
	size_t off;
} cov_fields[COVF__MAX] = {
	[COVF_RANK] = { "rank", offsetof(struct coverage, rank) },
	[COVF_PAYER] = { "payer", offsetof(struct coverage, payer) },
	[COVF_PLAN] = { "plan", offsetof(struct coverage, plan) },
	[COVF_MEMBER_ID] = { "member_id", offsetof(struct coverage, member_id) },
	[COVF_GROUP_NUMBER] = { "group_number", offsetof(struct coverage, group_number) },
	[COVF_SUBSCRIBER_NAME] = { "subscriber_name",
	    offsetof(struct coverage, subscriber_name) },
	[COVF_SUBSCRIBER_DOB] = { "subscriber_dob", offsetof(struct coverage, subscriber_dob) },
	[COVF_RELATIONSHIP] = { "relationship", offsetof(struct coverage, relationship) },
	[COVF_START_DATE] = { "start_date", offsetof(struct coverage, start_date) },
	[COVF_END_DATE] = { "end_date", offsetof(struct coverage, end_date) },
};

static const char **
cov_text(struct coverage *c, int f)
{
	return (const char **)(void *)((char *)c + cov_fields[f].off);
}

static const char *
cov_text_of(const struct coverage *c, int f)
{
	const char *const *p = (const char *const *)(const void *)((const char *)c +
	    cov_fields[f].off);
	return *p != NULL ? *p : "";
}

const char *
coverage_field_name(enum coverage_field f)
{
	return (unsigned)f < COVF__MAX ? cov_fields[f].name : "";
}

void
coverage_merge(struct coverage *to, const struct coverage *from, unsigned fields)
{
	for (int f = 0; f < COVF__MAX; f++)
		if (fields & (1u << f))
			*cov_text(to, f) = cov_text_of(from, f);
}

unsigned
coverage_changed(const struct coverage *before, const struct coverage *after)
{
	unsigned changed = 0;

	for (int f = 0; f < COVF__MAX; f++)
		if (strcmp(cov_text_of(before, f), cov_text_of(after, f)) != 0)
			changed |= 1u << f;
	return changed;
}

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

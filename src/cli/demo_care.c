/*
 * demo_care.c — the demo's care teams: the demo case manager, prescriber
 * and nurse are on the care team of every admitted demo client, as the
 * director adds them, so that every role can walk the demo without
 * breaking the glass (the demo clinician is in their care as the primary
 * clinician of their episodes and the facilitator of their groups).
 * Clients not admitted stay outside the clinical staff's care: opening one
 * shows the emergency screen.
 */
#include "cli/demo.h"
#include "ops/care.h"

static const struct {
	const char *username, *role;
} members[] = {
	{ "case_manager", "case manager" },
	{ "prescriber", "prescriber" },
	{ "nurse", "nurse" },
};

/* The case manager, prescriber and nurse on one client's care team. */
static enum err
add_members(struct store *st, struct arena *a, const struct actor *dir, int64_t client_id,
    int64_t now, struct error *e)
{
	enum err rc = ERR_OK;

	for (size_t k = 0; rc == ERR_OK && k < sizeof members / sizeof members[0]; k++) {
		struct actor m;
		struct care_member out;
		struct care_team_add_in in = { .out = &out };
		int64_t id;

		if ((rc = demo_staff_actor(st, a, members[k].username, now, &m, e)) != ERR_OK)
			break;
		in.m.client_id = client_id;
		in.m.staff_id = m.staff_id;
		in.m.role_in_care = members[k].role;
		rc = demo_op(st, a, dir, op_care_team_add_run, &in, "care_team.add", "care_team",
		    &id, e);
	}
	return rc;
}

enum err
demo_care_team_of(struct store *st, int64_t client_id, int64_t now, struct error *e)
{
	struct arena *a = arena_new(0);
	struct actor dir;
	enum err rc;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	rc = demo_staff_actor(st, a, "director", now, &dir, e);
	if (rc == ERR_OK)
		rc = add_members(st, a, &dir, client_id, now, e);
	arena_free(a);
	return rc;
}

enum err
demo_care_teams(struct store *st, const struct demo_facts *f, struct error *e)
{
	struct arena *a = arena_new(0);
	struct actor dir;
	enum err rc;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	rc = demo_staff_actor(st, a, "director", f->now, &dir, e);
	for (int i = 0; rc == ERR_OK && i < DEMO_FACT_CLIENTS; i++)
		rc = add_members(st, a, &dir, f->clients[i], f->now, e);
	arena_free(a);
	return rc;
}

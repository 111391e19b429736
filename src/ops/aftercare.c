/*
 * aftercare.c (ops) — the aftercare plan's writes (ops/aftercare.h): each
 * reads what it checks inside the transaction that writes.
 */
#include <stdio.h>
#include <string.h>

#include "ops/aftercare.h"

static enum err
nomem(struct error *e)
{
	return error_set(e, ERR_NOMEM, "Out of memory.");
}

/* Version id, or 404 naming it; the client touched for the audit row. */
static enum err
plan_read(struct store_tx *tx, int64_t id, struct op_result *res, struct aftercare *p,
    struct error *e)
{
	struct error fe;

	error_clear(&fe);
	if (store_tx_aftercare_get(tx, id, res->arena, p, &fe) != ERR_OK) {
		if (fe.code == ERR_NOTFOUND)
			return error_set(e, ERR_NOTFOUND, "Aftercare plan %lld not found.",
			    (long long)id);
		*e = fe;
		return e->code;
	}
	res->id = p->id;
	return op_touched(res, p->client_id) != ERR_OK ? nomem(e) : ERR_OK;
}

static enum err
reread(struct store_tx *tx, int64_t id, struct arena *a, struct aftercare *out,
    struct error *e)
{
	return out != NULL ? store_tx_aftercare_get(tx, id, a, out, e) : ERR_OK;
}

enum err
op_aftercare_create(struct store_tx *tx, const struct actor *who,
    const struct aftercare_create_in *in, struct op_result *res, struct error *e)
{
	struct episode ep;
	struct aftercare p;
	char day[11];

	if (episode_read(tx, in->episode_id, res->arena, &ep, e) != ERR_OK)
		return e->code;
	if (op_touched(res, ep.client_id) != ERR_OK)
		return nomem(e);
	if (aftercare_episode_check(&ep, e) != ERR_OK)
		return e->code;
	memset(&p, 0, sizeof p);
	p.episode_id = ep.id;
	p.client_id = ep.client_id;
	p.version = 1;
	p.sober_status = "undecided";
	p.created_by = who->staff_id;
	/* A transfer out names the provider the client goes to. */
	if (ep.discharge_type != NULL && strncmp(ep.discharge_type, "transferred_", 12) == 0 &&
	    ep.discharged_to != NULL)
		p.provider_name = ep.discharged_to;
	if (ep.discharged_on != NULL && *ep.discharged_on != '\0')
		snprintf(day, sizeof day, "%s", ep.discharged_on);
	else
		date_format(date_from_unix(who->now), day);
	if (store_tx_aftercare_meds_current(tx, ep.client_id, day, res->arena, &p.meds, &p.nmeds,
	    e) != ERR_OK)
		return e->code;
	if (p.nmeds > AFTERCARE_MEDS_MAX)
		p.nmeds = AFTERCARE_MEDS_MAX;
	if (store_tx_aftercare_insert(tx, &p, e) != ERR_OK)
		return e->code;
	res->id = p.id;
	res->detail = arena_printf(res->arena, "episode=%lld; version=1; medications=%zu",
	    (long long)ep.id, p.nmeds);
	if (res->detail == NULL)
		return nomem(e);
	return reread(tx, p.id, res->arena, in->out, e);
}

#define KEEP(f) do { if (in->p.f != NULL) p.f = in->p.f; } while (0)

enum err
op_aftercare_update(struct store_tx *tx, const struct actor *who,
    const struct aftercare_update_in *in, struct op_result *res, struct error *e)
{
	struct aftercare p;

	if (plan_read(tx, in->id, res, &p, e) != ERR_OK)
		return e->code;
	if (aftercare_signed(&p))
		return error_set(e, ERR_CONFLICT, "The client signed version %d of this aftercare "
		    "plan: it is locked and cannot be changed. Start a new version to change it.",
		    p.version);
	KEEP(provider_name);
	KEEP(provider_phone);
	KEEP(provider_address);
	KEEP(first_appt_date);
	KEEP(first_appt_time);
	KEEP(first_appt_with);
	KEEP(sober_status);
	KEEP(sober_name);
	KEEP(sober_address);
	KEEP(sober_move_in);
	KEEP(crisis_warning_signs);
	KEEP(crisis_coping);
	KEEP(crisis_people);
	KEEP(notes);
	if (in->groups_given) {
		p.groups = in->p.groups;
		p.ngroups = in->p.ngroups;
	}
	if (in->meds_given) {
		p.meds = in->p.meds;
		p.nmeds = in->p.nmeds;
	}
	aftercare_check(&p, e);
	for (size_t i = 0; in->meds_given && i < p.nmeds && i < AFTERCARE_MEDS_MAX; i++) {
		bool ours = false;
		struct error fe;
		char f[64];

		if (p.meds[i].medication_id == 0)
			continue;
		error_clear(&fe);
		if (store_tx_aftercare_med_of_client(tx, p.meds[i].medication_id, p.client_id,
		    &ours, &fe) != ERR_OK) {
			*e = fe;
			return e->code;
		}
		if (!ours) {
			snprintf(f, sizeof f, "medications[%zu].medication_id", i);
			error_field(e, f, "is not one of this client's medications: leave it out "
			    "for a medication not on their list");
		}
	}
	if (e->code != ERR_OK)
		return e->code;
	if (store_tx_aftercare_update(tx, &p, who->staff_id, e) != ERR_OK)
		return e->code;
	return reread(tx, p.id, res->arena, in->out, e);
}

#undef KEEP

enum err
op_aftercare_sign(struct store_tx *tx, const struct actor *who,
    const struct aftercare_sign_in *in, struct op_result *res, struct error *e)
{
	struct aftercare p;
	struct episode ep;

	if (plan_read(tx, in->id, res, &p, e) != ERR_OK)
		return e->code;
	if (episode_read(tx, p.episode_id, res->arena, &ep, e) != ERR_OK)
		return e->code;
	if (aftercare_sign_check(&p, &ep, in->name, in->agree, e) != ERR_OK)
		return e->code;
	if (store_tx_aftercare_sign(tx, p.id, in->name, who->staff_id, who->now, e) != ERR_OK)
		return e->code;
	res->detail = arena_printf(res->arena, "version=%d; via=shared_screen; witness=%lld",
	    p.version, (long long)who->staff_id);
	if (res->detail == NULL)
		return nomem(e);
	return reread(tx, p.id, res->arena, in->out, e);
}

enum err
op_aftercare_revise(struct store_tx *tx, const struct actor *who,
    const struct aftercare_revise_in *in, struct op_result *res, struct error *e)
{
	struct aftercare p, nx;

	if (plan_read(tx, in->id, res, &p, e) != ERR_OK)
		return e->code;
	if (aftercare_revise_check(&p, e) != ERR_OK)
		return e->code;
	nx = p;
	nx.id = 0;
	nx.version = p.latest_version + 1;
	nx.status = "draft";
	nx.created_by = who->staff_id;
	nx.client_signed_name = "";
	nx.client_signed_at = 0;
	nx.witness_id = 0;
	if (store_tx_aftercare_insert(tx, &nx, e) != ERR_OK)
		return e->code;
	res->id = nx.id;
	res->detail = arena_printf(res->arena, "from_version=%d; version=%d", p.version,
	    nx.version);
	if (res->detail == NULL)
		return nomem(e);
	return reread(tx, nx.id, res->arena, in->out, e);
}

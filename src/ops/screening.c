/*
 * screening.c — a screening recorded; its risk flags raised as alerts with
 * tasks, routed by the rule of core/alert.c.
 */
#include <string.h>

#include "core/perm.h"
#include "ops/screening.h"

/* The facts alert_route decides on, for client c and the recorder. */
static enum err
route_facts(struct store_tx *tx, const struct actor *who, int64_t client_id,
    int64_t site_id, struct alert_route_facts *f, struct error *e)
{
	memset(f, 0, sizeof *f);
	if (store_tx_client_clinician(tx, client_id, &f->primary_clinician, e) != ERR_OK)
		return e->code;
	if (f->primary_clinician != 0)
		return ERR_OK;
	if (store_tx_client_site(tx, client_id, &f->site[ASITE_EPISODE], e) != ERR_OK ||
	    store_tx_staff_first_site(tx, who->staff_id, &f->site[ASITE_RECORDER], e) !=
	    ERR_OK)
		return e->code;
	f->site[ASITE_SCREENING] = site_id;
	for (int i = 0; i < ASITE__MAX; i++) {
		if (f->site[i] == 0)
			continue;
		if (store_tx_duty_clinician(tx, f->site[i], who->now, &f->on_duty[i], e) !=
		    ERR_OK)
			return e->code;
		if (f->on_duty[i] != 0)
			return ERR_OK;	/* the first on duty answers */
	}
	/* Nobody on duty anywhere it could go: the sites' directors. */
	for (int i = 0; i < ASITE__MAX; i++)
		if (f->site[i] != 0 &&
		    store_tx_director_at(tx, f->site[i], &f->director[i], e) != ERR_OK)
			return e->code;
	return ERR_OK;
}

/* Who answers the alerts on the client: into out. */
static enum err
assign(struct store_tx *tx, const struct actor *who, const struct screening_record_in *in,
    struct screening_record_out *out, struct arena *a, struct error *e)
{
	struct alert_route_facts f;
	struct alert_route rt;
	struct staff sf;
	struct site st;

	if (route_facts(tx, who, out->row.client_id, in->site_id, &f, e) != ERR_OK)
		return e->code;
	alert_route(&f, &rt);
	out->why = alert_route_why_text(rt.why);
	out->site_id = rt.site_id;
	out->unclaimed = rt.unclaimed;
	if (rt.why == AROUTE_ON_DUTY || rt.why == AROUTE_DIRECTOR) {
		if (store_tx_site_get(tx, rt.site_id, a, &st, e) != ERR_OK)
			return e->code;
		out->why = rt.why == AROUTE_ON_DUTY ?
		    arena_printf(a, "the clinician on duty at %s", st.name) :
		    arena_printf(a, "the director of %s (nobody was on duty; the alert is on the "
		    "unclaimed list until a clinician claims it)", st.name);
		if (out->why == NULL)
			return error_set(e, ERR_NOMEM, "Out of memory.");
	}
	if (rt.staff_id == 0)
		return ERR_OK;
	if (store_tx_staff_get(tx, rt.staff_id, a, &sf, e) != ERR_OK)
		return e->code;
	out->assignee = rt.staff_id;
	out->assignee_name = sf.full_name;
	return ERR_OK;
}

enum err
op_screening_record(struct store_tx *tx, const struct actor *who,
    const struct screening_record_in *in, struct op_result *res, struct error *e)
{
	const struct instrument_result *r = in->result;
	struct screening_record_out *out = in->out;
	const struct instrument *ins;
	int64_t alert_id, task_id;
	struct inquiry q;
	struct client c;
	struct site site;

	out->row = in->row;
	out->row.administered_by = who->staff_id;
	/* Given at the actor's one clock reading (the demo's is set back). */
	out->row.administered_at = who->now;
	/* On an inquiry: its client's once converted, no one's before (the
	 * alerts then name no client; their tasks name the inquiry). */
	if (in->row.inquiry_id != 0) {
		if (store_tx_inquiry_get(tx, in->row.inquiry_id, res->arena, &q, e) != ERR_OK)
			return e->code;
		out->row.client_id = q.client_id;
	}
	memset(&c, 0, sizeof c);
	if (out->row.client_id != 0 &&
	    store_tx_client_get(tx, out->row.client_id, res->arena, &c, e) != ERR_OK)
		return e->code;
	if (in->site_id != 0 && store_tx_site_get(tx, in->site_id, res->arena, &site, e) !=
	    ERR_OK) {
		error_clear(e);
		return error_field(e, "site_id", "is not a site");
	}
	if (store_tx_screening_insert(tx, &out->row, e) != ERR_OK)
		return e->code;
	res->id = out->row.id;
	if (op_touched(res, c.id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (measure_check_worsening(tx, who, c.id, out->row.id, out->row.administered_at, r,
	    res->arena, &out->worsening, e) != ERR_OK)
		return e->code;
	if (out->worsening.raised && (res->detail = arena_printf(res->arena,
	    "%s; worsening task to staff %lld", r->code,
	    (long long)out->worsening.assignee)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (!r->alert)
		return ERR_OK;
	if (assign(tx, who, in, out, res->arena, e) != ERR_OK)
		return e->code;
	ins = instrument_find(r->code);
	for (int i = 0; i < r->nflags; i++) {
		const char *title = arena_printf(res->arena, "Safety alert from the %s: assess "
		    "and document a response", ins ? ins->name : r->code);
		if (title == NULL)
			return error_set(e, ERR_NOMEM, "Out of memory.");
		struct alert x = { .client_id = c.id, .kind = r->flags[i].code,
			.message = r->flags[i].message, .source_type = "screening",
			.source_id = out->row.id, .site_id = out->site_id,
			.unclaimed = out->unclaimed };
		if (store_tx_alert_insert(tx, &x, &alert_id, e) != ERR_OK ||
		    store_tx_task_insert(tx, "alert_response", title, c.id, out->row.inquiry_id,
		    alert_id,
		    out->assignee, who->now, &task_id, e) != ERR_OK)
			return e->code;
		out->alerts++;
	}
	res->detail = arena_printf(res->arena, "%s; %lld alert(s) raised; task to staff %lld%s%s",
	    r->code, (long long)out->alerts, (long long)out->assignee,
	    out->unclaimed ? "; unclaimed" : "",
	    out->worsening.raised ? "; worsening task" : "");
	return res->detail != NULL ? ERR_OK : error_set(e, ERR_NOMEM, "Out of memory.");
}

enum err
op_screening_void(struct store_tx *tx, const struct actor *who,
    const struct screening_void_in *in, struct op_result *res, struct error *e)
{
	struct screening_void_out *out = in->out;

	if (store_tx_screening_get(tx, in->id, res->arena, &out->row, e) != ERR_OK)
		return e->code;
	if (screening_void_check(&out->row, in->reason, e) != ERR_OK)
		return e->code;
	if (store_tx_screening_void(tx, in->id, who->staff_id, in->reason,
	    SCREENING_VOIDED_RESPONSE, &out->alerts_closed, e) != ERR_OK ||
	    store_tx_screening_get(tx, in->id, res->arena, &out->row, e) != ERR_OK)
		return e->code;
	/* Voiding closes the screening's open safety alerts: a clinical
	 * decision, so only for those who answer alerts (the writer rolls the
	 * void back with this refusal). */
	if (out->alerts_closed > 0 && !roles_allow(who->roles, PERM_ALERTS_RESPOND))
		return error_set(e, ERR_FORBIDDEN, "This screening raised a safety alert that is "
		    "still open. Ask a clinician to document the response first, or to void the "
		    "screening themselves.");
	res->id = out->row.id;
	if (op_touched(res, out->row.client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	res->detail = arena_printf(res->arena, "%s; %lld open alert(s) closed", out->row.code,
	    (long long)out->alerts_closed);
	return res->detail != NULL ? ERR_OK : error_set(e, ERR_NOMEM, "Out of memory.");
}

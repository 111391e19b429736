/*
 * drugscreen.c — a drug screen recorded, its results entered or corrected;
 * the expected substances read from the medication list, unexpected
 * results flagged, and a review task raised once per screen.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alert.h"
#include "lib/timeutil.h"
#include "lib/tz.h"
#include "ops/drugscreen.h"

/* The collection date, YYYY-MM-DD, at the site of the client's open
 * episode (UTC when there is none or its zone cannot be read). */
static enum err
collection_date(struct store_tx *tx, int64_t client_id, int64_t at, struct arena *a,
    char out[11], struct error *e)
{
	int64_t site_id = 0, off = 0;
	struct site st;

	if (store_tx_client_site(tx, client_id, &site_id, e) != ERR_OK)
		return e->code;
	if (site_id != 0 && store_tx_site_get(tx, site_id, a, &st, e) == ERR_OK) {
		struct tz *z = tz_open(st.timezone);
		if (z != NULL)
			off = tz_offset(z, at);
		free(z);
	}
	error_clear(e);
	date_format(date_from_unix(at + off), out);
	return ERR_OK;
}

/* Who reviews an unexpected result: core/alert.h's route over the client's
 * episode (its primary clinician, else the clinician on duty at its site,
 * else its director); with none of them, the one who entered the results,
 * so that the task is never nobody's. */
enum err
clinical_reviewer(struct store_tx *tx, int64_t client_id, int64_t now, int64_t recorder,
    int64_t *out, struct error *e)
{
	struct alert_route_facts f;
	struct alert_route rt;

	memset(&f, 0, sizeof f);
	if (store_tx_client_clinician(tx, client_id, &f.primary_clinician, e) != ERR_OK)
		return e->code;
	if (f.primary_clinician == 0) {
		if (store_tx_client_site(tx, client_id, &f.site[ASITE_EPISODE], e) != ERR_OK)
			return e->code;
		if (f.site[ASITE_EPISODE] != 0 &&
		    (store_tx_duty_clinician(tx, f.site[ASITE_EPISODE], now,
		    &f.on_duty[ASITE_EPISODE], e) != ERR_OK ||
		    store_tx_director_at(tx, f.site[ASITE_EPISODE], &f.director[ASITE_EPISODE],
		    e) != ERR_OK))
			return e->code;
	}
	alert_route(&f, &rt);
	*out = rt.staff_id != 0 ? rt.staff_id : recorder;
	return ERR_OK;
}

/*
 * d's results from res (its panel's substances), the substances expected on
 * its collection date and the unexpected ones, as text in the arena.
 */
static enum err
evaluate(struct store_tx *tx, struct drug_screen *d, const struct screen_results *res,
    subset given, struct arena *a, struct error *e)
{
	const struct panel_def *p = panel_find(d->panel);
	struct medication *meds;
	struct screen_results only;
	char day[11];
	size_t n;
	subset exp;

	if (p == NULL)
		return error_field(e, "panel", "is not a known panel");
	if (screen_results_check(given, p, e) != ERR_OK)
		return e->code;
	/* Only the panel's substances count; the rest were not tested. */
	for (int i = 0; i < SUB__MAX; i++)
		only.r[i] = RES_NOT_TESTED;
	for (int i = 0; i < p->n; i++)
		only.r[p->subs[i]] = res->r[p->subs[i]];
	if (collection_date(tx, d->client_id, d->collected_at, a, day, e) != ERR_OK ||
	    store_tx_medication_list(tx, d->client_id, a, &meds, &n, e) != ERR_OK)
		return e->code;
	exp = medication_expected_on(meds, n, day);
	d->status = "resulted";
	d->results = screen_results_text(&only, p, a);
	d->expected = subset_text(exp, a);
	d->unexpected = subset_text(screen_unexpected(&only, exp), a);
	if (d->results == NULL || d->expected == NULL || d->unexpected == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

/* The review task, once per screen, when it has an unexpected result. */
static enum err
review_task(struct store_tx *tx, const struct actor *who, struct dscreen_out *out,
    struct error *e)
{
	struct drug_screen *d = &out->d;
	int64_t task_id;

	if (*d->unexpected == '\0' || d->task_id != 0)
		return ERR_OK;
	if (clinical_reviewer(tx, d->client_id, who->now, who->staff_id, &out->assignee, e) != ERR_OK ||
	    store_tx_task_insert(tx, DSCREEN_TASK_KIND, "Unexpected drug screen result: review "
	    "it with the client and document what was done", d->client_id, 0, 0, out->assignee,
	    who->now + 24 * 3600, &task_id, e) != ERR_OK ||
	    store_tx_dscreen_task(tx, d->id, task_id, e) != ERR_OK)
		return e->code;
	d->task_id = task_id;
	out->task_raised = true;
	return ERR_OK;
}

static enum err
finish(struct store_tx *tx, const struct actor *who, struct dscreen_out *out,
    struct op_result *res, struct error *e)
{
	struct drug_screen *d = &out->d;

	if (review_task(tx, who, out, e) != ERR_OK ||
	    store_tx_dscreen_get(tx, d->id, res->arena, d, e) != ERR_OK)
		return e->code;
	res->id = d->id;
	/* The detail counts; it never names a substance. */
	res->detail = arena_printf(res->arena, "%s; %s%s", d->status,
	    *d->unexpected ? "unexpected result" : "no unexpected result",
	    out->task_raised ? arena_printf(res->arena, "; review task to staff %lld",
	    (long long)out->assignee) : "");
	if (res->detail == NULL || op_touched(res, d->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

enum err
op_dscreen_record(struct store_tx *tx, const struct actor *who,
    const struct dscreen_record_in *in, struct op_result *res, struct error *e)
{
	struct dscreen_out *out = in->out;
	struct drug_screen *d = &out->d;
	struct client cl;

	out->task_raised = false;
	out->assignee = 0;
	*d = in->d;
	d->recorded_by = who->staff_id;
	d->status = "pending";
	d->results = d->expected = d->unexpected = "";
	d->resulted_by = d->resulted_at = d->task_id = 0;
	if (panel_find(d->panel) == NULL)
		return error_field(e, "panel", "is not a known panel");
	if (store_tx_client_get(tx, d->client_id, res->arena, &cl, e) != ERR_OK)
		return e->code;
	if (in->has_results) {
		if (evaluate(tx, d, &in->res, in->given, res->arena, e) != ERR_OK)
			return e->code;
		d->resulted_by = who->staff_id;
		d->resulted_at = who->now;
	}
	if (store_tx_dscreen_insert(tx, d, e) != ERR_OK)
		return e->code;
	return finish(tx, who, out, res, e);
}

enum err
op_dscreen_results(struct store_tx *tx, const struct actor *who,
    const struct dscreen_results_in *in, struct op_result *res, struct error *e)
{
	struct dscreen_out *out = in->out;
	struct drug_screen *d = &out->d;

	out->task_raised = false;
	out->assignee = 0;
	if (store_tx_dscreen_get(tx, in->id, res->arena, d, e) != ERR_OK ||
	    dscreen_check_not_error(d, e) != ERR_OK ||
	    evaluate(tx, d, &in->res, in->given, res->arena, e) != ERR_OK ||
	    store_tx_dscreen_results(tx, d, who->staff_id, e) != ERR_OK)
		return e->code;
	return finish(tx, who, out, res, e);
}

enum err
op_dscreen_error(struct store_tx *tx, const struct actor *who, const struct dscreen_error_in *in,
    struct op_result *res, struct error *e)
{
	struct dscreen_out *out = in->out;
	struct drug_screen *d = &out->d;
	bool closed = false;

	out->task_raised = false;
	out->assignee = 0;
	if (store_tx_dscreen_get(tx, in->id, res->arena, d, e) != ERR_OK ||
	    dscreen_check_not_error(d, e) != ERR_OK ||
	    dscreen_reason_check(in->reason, e) != ERR_OK ||
	    store_tx_dscreen_error(tx, d->id, in->reason, who->staff_id, e) != ERR_OK)
		return e->code;
	/* Nothing is left to review: the review task, still open, is closed. */
	if (d->task_id != 0) {
		struct task t;

		if (store_tx_task_get(tx, d->task_id, res->arena, &t, e) != ERR_OK)
			return e->code;
		if (t.done_at == 0) {
			if (store_tx_task_done(tx, t.id, who->staff_id, "Closed: the drug screen "
			    "was marked entered in error.", e) != ERR_OK)
				return e->code;
			out->assignee = t.assigned_to;
			closed = true;
		}
	}
	if (store_tx_dscreen_get(tx, d->id, res->arena, d, e) != ERR_OK)
		return e->code;
	res->id = d->id;
	/* The detail never names a substance, nor the reason. */
	res->detail = closed ? "entered in error; review task closed" : "entered in error";
	return op_touched(res, d->client_id) == ERR_OK ? ERR_OK :
	    error_set(e, ERR_NOMEM, "Out of memory.");
}

/*
 * measure.c (ops) — the schedule of repeated instruments saved; a
 * screening's worsening turned into one task for the primary clinician.
 */
#include <string.h>

#include "lib/timeutil.h"
#include "ops/drugscreen.h"
#include "ops/measure.h"

enum err
op_measure_schedule_save(struct store_tx *tx, const struct actor *who,
    const struct measure_schedule_in *in, struct op_result *res, struct error *e)
{
	for (size_t i = 0; i < in->n; i++)
		measure_setting_check(&in->items[i], e);
	if (e->code != ERR_OK)
		return e->code;
	for (size_t i = 0; i < in->n; i++)
		if (store_tx_measure_setting_update(tx, &in->items[i], who->staff_id, e) != ERR_OK)
			return e->code;
	if (in->out != NULL &&
	    store_tx_measure_settings(tx, res->arena, in->out, in->nout, e) != ERR_OK)
		return e->code;
	res->detail = arena_printf(res->arena, "instruments=%zu", in->n);
	return res->detail != NULL ? ERR_OK : error_set(e, ERR_NOMEM, "Out of memory.");
}

/* The setting of code, or NULL. */
static const struct measure_setting *
setting_of(const struct measure_setting *v, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return &v[i];
	return NULL;
}

enum err
measure_check_worsening(struct store_tx *tx, const struct actor *who, int64_t client_id,
    int64_t screening_id, int64_t given_at, const struct instrument_result *r,
    struct arena *a, struct measure_worsening *out, struct error *e)
{
	const struct measure_def *d = measure_find(r->code);
	const struct measure_setting *set;
	struct measure_setting *all;
	struct measure_prev prev;
	struct date admitted;
	int64_t episode_id, site_id, since;
	bool found = false, has_cur = false;
	const char *title;
	size_t n;

	memset(out, 0, sizeof *out);
	if (d == NULL || client_id == 0)
		return ERR_OK;
	if (store_tx_measure_settings(tx, a, &all, &n, e) != ERR_OK)
		return e->code;
	set = setting_of(all, n, d->code);
	if (set == NULL || set->worsen_by <= 0)
		return ERR_OK;
	for (int i = 0; i < r->nscores; i++)
		if (strcmp(r->scores[i].name, d->score) == 0) {
			out->cur = r->scores[i].value;
			has_cur = true;
		}
	if (!has_cur)
		return ERR_OK;
	if (store_tx_open_episode(tx, client_id, a, &episode_id, &site_id, &admitted, e) !=
	    ERR_OK) {
		if (e->code != ERR_NOTFOUND)
			return e->code;
		error_clear(e);
		return ERR_OK;	/* no episode: nothing to compare within */
	}
	since = (date_days(admitted) - MEASURE_INTAKE_DAYS - 1) * 86400;
	if (store_tx_measure_previous(tx, client_id, d->code, d->score, screening_id, given_at,
	    since, &prev, &found, e) != ERR_OK)
		return e->code;
	if (!found)
		return ERR_OK;
	out->prev = (int)prev.value;
	if (!measure_worsened(out->prev, out->cur, set->worsen_by))
		return ERR_OK;
	title = arena_printf(a, "%s %s rose %d points since the last one (from %d to %d): "
	    "review it with the client", d->short_name, d->score_label, out->cur - out->prev,
	    out->prev, out->cur);
	if (title == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (clinical_reviewer(tx, client_id, who->now, who->staff_id, &out->assignee, e) !=
	    ERR_OK ||
	    store_tx_task_insert(tx, MEASURE_TASK_KIND, title, client_id, 0, 0, out->assignee,
	    who->now + 24 * 3600, &out->task_id, e) != ERR_OK)
		return e->code;
	out->raised = true;
	return ERR_OK;
}

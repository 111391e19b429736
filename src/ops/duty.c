/*
 * duty.c — the duty roster's writes: the facts read in the transaction, the
 * rules of core/duty.c, the write.
 */
#include <stdlib.h>

#include "ops/duty.h"

enum err
op_duty_add(struct store_tx *tx, const struct actor *who, const struct duty_add_in *in,
    struct op_result *res, struct error *e)
{
	struct duty_shift *d = in->out;
	struct staff st;
	struct site site;
	struct error se;
	bool found;
	int64_t n = 0;

	*d = in->d;
	d->created_by = who->staff_id;
	if (d->note == NULL)
		d->note = "";
	if (duty_shift_check(d, who->now, e) != ERR_OK)
		return e->code;
	if (store_tx_site_get(tx, d->site_id, res->arena, &site, e) != ERR_OK)
		return e->code;
	error_clear(&se);
	found = store_tx_staff_get(tx, d->staff_id, res->arena, &st, &se) == ERR_OK;
	if (found && store_tx_duty_overlaps(tx, d, &n, e) != ERR_OK)
		return e->code;
	if (duty_add_check(&site, found ? &st : NULL, n, e) != ERR_OK)
		return e->code;
	if (store_tx_duty_insert(tx, d, e) != ERR_OK)
		return e->code;
	d->staff_name = st.full_name;
	d->username = st.username;
	d->routes_alerts = true;	/* an active clinician, checked above */
	res->id = d->id;
	return ERR_OK;
}

enum err
op_duty_remove(struct store_tx *tx, const struct actor *who,
    const struct duty_remove_in *in, struct op_result *res, struct error *e)
{
	struct duty_shift *d = in->out;
	int64_t now = who->now;

	if (store_tx_duty_get(tx, in->id, res->arena, d, e) != ERR_OK)
		return e->code;
	*in->done = duty_removal(d, now);
	if (*in->done == DUTY_KEEP)
		return error_set(e, ERR_CONFLICT, "This shift has ended; it stays on the roster "
		    "as the record of who was on duty.");
	res->id = d->id;
	res->detail = arena_printf(res->arena, "site=%lld staff=%lld", (long long)d->site_id,
	    (long long)d->staff_id);
	if (res->detail == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (*in->done == DUTY_END) {
		res->action = "duty.end";
		return store_tx_duty_end(tx, d->id, e);
	}
	return store_tx_duty_remove(tx, d->id, who->staff_id, e);
}

/* The site's local date at now (its zone's offset). */
static struct date
local_today(const struct tz *z, int64_t now)
{
	return date_from_unix(now + tz_offset(z, now));
}

/*
 * Checks series d at now against its site and staff member, expands it in
 * the site's zone, refuses an overlap with the same person's other shifts
 * there, and writes the occurrences (d->id set).  d->upcoming: how many.
 */
static enum err
series_write(struct store_tx *tx, const struct actor *who, struct duty_series *d,
    struct op_result *res, struct error *e)
{
	struct duty_shift *occ = NULL;
	struct staff st;
	struct site site;
	struct error se;
	struct tz *z = NULL;
	bool found;
	size_t n;
	enum err rc = ERR_OK;

	if (store_tx_site_get(tx, d->site_id, res->arena, &site, e) != ERR_OK)
		return e->code;
	error_clear(&se);
	found = store_tx_staff_get(tx, d->staff_id, res->arena, &st, &se) == ERR_OK;
	if (duty_add_check(&site, found ? &st : NULL, 0, e) != ERR_OK)
		return e->code;
	if (op_site_zone(&site, &z, e) != ERR_OK)
		return e->code;
	if ((occ = calloc(DUTY_SERIES_MAX, sizeof *occ)) == NULL) {
		rc = error_set(e, ERR_NOMEM, "Out of memory.");
		goto out;
	}
	if (duty_series_check(d, local_today(z, who->now), e) != ERR_OK) {
		rc = e->code;
		goto out;
	}
	n = duty_series_expand(d, z, who->now, occ);
	if (n == 0) {
		rc = error_field(e, "until", "leaves no shift still to work: choose later dates "
		    "or other days");
		goto out;
	}
	if (d->id == 0 && store_tx_duty_series_insert(tx, d, e) != ERR_OK) {
		rc = e->code;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		int64_t k = 0;
		occ[i].series_id = d->id;
		occ[i].created_by = who->staff_id;
		if (store_tx_duty_overlaps(tx, &occ[i], &k, e) != ERR_OK) {
			rc = e->code;
			goto out;
		}
		if (k > 0) {
			struct date day = date_from_unix(occ[i].starts_at +
			    tz_offset(z, occ[i].starts_at));
			char ds[11];
			date_format(day, ds);
			rc = error_set(e, ERR_CONFLICT, "%s is already on duty at this site for part "
			    "of the shift on %s; change that shift or these times.", st.full_name, ds);
			goto out;
		}
		if (store_tx_duty_insert(tx, &occ[i], e) != ERR_OK) {
			rc = e->code;
			goto out;
		}
	}
	d->staff_name = st.full_name;
	d->username = st.username;
	d->upcoming = (int64_t)n;
	res->id = d->id;
	res->detail = arena_printf(res->arena, "site=%lld staff=%lld shifts=%zu",
	    (long long)d->site_id, (long long)d->staff_id, n);
	if (res->detail == NULL)
		rc = error_set(e, ERR_NOMEM, "Out of memory.");
out:
	free(occ);
	free(z);
	return rc;
}

enum err
op_duty_series_add(struct store_tx *tx, const struct actor *who,
    const struct duty_series_in *in, struct op_result *res, struct error *e)
{
	struct duty_series *d = in->out;

	*d = in->s;
	d->id = 0;
	d->created_by = who->staff_id;
	if (d->note == NULL)
		d->note = "";
	return series_write(tx, who, d, res, e);
}

enum err
op_duty_series_update(struct store_tx *tx, const struct actor *who,
    const struct duty_series_in *in, struct op_result *res, struct error *e)
{
	struct duty_series *d = in->out, old;

	if (store_tx_duty_series_get(tx, in->s.id, res->arena, &old, e) != ERR_OK)
		return e->code;
	if (in->s.staff_id != 0 && in->s.staff_id != old.staff_id)
		return error_field(e, "staff_id", "cannot change: a repeating shift keeps its "
		    "person (end it and add one for the other person)");
	*d = in->s;
	d->id = old.id;
	d->site_id = old.site_id;
	d->staff_id = old.staff_id;
	d->created_by = old.created_by;
	d->created_at = old.created_at;
	d->updated_at = who->now;
	if (d->note == NULL)
		d->note = "";
	if (store_tx_duty_series_stop(tx, old.id, who->staff_id, e) != ERR_OK ||
	    store_tx_duty_series_update(tx, d, e) != ERR_OK)
		return e->code;
	return series_write(tx, who, d, res, e);
}

enum err
op_duty_series_end(struct store_tx *tx, const struct actor *who,
    const struct duty_series_end_in *in, struct op_result *res, struct error *e)
{
	if (store_tx_duty_series_get(tx, in->id, res->arena, in->out, e) != ERR_OK ||
	    store_tx_duty_series_end(tx, in->id, who->staff_id, e) != ERR_OK)
		return e->code;
	res->id = in->id;
	res->detail = arena_printf(res->arena, "site=%lld staff=%lld",
	    (long long)in->out->site_id, (long long)in->out->staff_id);
	return res->detail != NULL ? ERR_OK : error_set(e, ERR_NOMEM, "Out of memory.");
}

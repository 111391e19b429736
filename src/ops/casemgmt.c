/*
 * casemgmt.c — case management's operations (casemgmt.h): each checks with
 * core/casemgmt.c, writes, and reads back what it wrote.
 */
#include <string.h>

#include "core/validate.h"
#include "lib/timeutil.h"
#include "ops/casemgmt.h"
#include "ops/consent.h"

static enum err
nomem(struct error *e)
{
	return error_set(e, ERR_NOMEM, "Out of memory.");
}

/* The record id made or changed, and the client it touched. */
static enum err
done(struct op_result *res, int64_t id, int64_t client_id, struct error *e)
{
	res->id = id;
	if (op_touched(res, client_id) != ERR_OK)
		return nomem(e);
	return ERR_OK;
}

/* ---- resources ------------------------------------------------------------ */

enum err
op_cm_resource_create(struct store_tx *tx, const struct actor *who,
    const struct cm_resource_in *in, struct op_result *res, struct error *e)
{
	struct cm_resource r = in->set;

	if (cm_resource_check(&r, e) != ERR_OK ||
	    store_tx_cm_resource_insert(tx, &r, who->staff_id, e) != ERR_OK ||
	    store_tx_cm_resource_get(tx, r.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = r.id;
	return ERR_OK;
}

enum err
op_cm_resource_update(struct store_tx *tx, const struct actor *who,
    const struct cm_resource_in *in, struct op_result *res, struct error *e)
{
	struct cm_resource r;
	const struct cm_resource *s = &in->set;
	unsigned f = in->fields;

	if (store_tx_cm_resource_get(tx, in->id, res->arena, &r, e) != ERR_OK)
		return e->code;
#define TAKE(bit, m) if (f & (1u << (bit))) r.m = s->m
	TAKE(CMRF_NAME, name);
	TAKE(CMRF_KIND, kind);
	TAKE(CMRF_ADDRESS, address);
	TAKE(CMRF_PHONE, phone);
	TAKE(CMRF_EMAIL, email);
	TAKE(CMRF_WEBSITE, website);
	TAKE(CMRF_NOTES, notes);
	TAKE(CMRF_ACTIVE, active);
#undef TAKE
	if (cm_resource_check(&r, e) != ERR_OK ||
	    store_tx_cm_resource_update(tx, &r, who->staff_id, e) != ERR_OK ||
	    store_tx_cm_resource_get(tx, r.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = r.id;
	return ERR_OK;
}

/* ---- needs ---------------------------------------------------------------- */

enum err
op_cm_need_set(struct store_tx *tx, const struct actor *who, const struct cm_need_in *in,
    struct op_result *res, struct error *e)
{
	struct cm_need n = in->n, *list;
	struct client cl;
	size_t k;

	if (store_tx_client_get(tx, n.client_id, res->arena, &cl, e) != ERR_OK)
		return e->code;
	if (cm_need_check(&n, e) != ERR_OK ||
	    store_tx_cm_open_episode(tx, n.client_id, &n.episode_id, e) != ERR_OK ||
	    store_tx_cm_need_put(tx, &n, who->staff_id, e) != ERR_OK ||
	    store_cm_needs(NULL, tx, n.client_id, res->arena, &list, &k, e) != ERR_OK)
		return e->code;
	for (size_t i = 0; i < k; i++)
		if (strcmp(list[i].domain, n.domain) == 0) {
			*in->out = list[i];
			res->id = list[i].id;
		}
	if (res->id == 0)
		return error_set(e, ERR_STORE, "The need was not saved.");
	return done(res, res->id, n.client_id, e);
}

/* ---- court dates ---------------------------------------------------------- */

enum err
op_cm_court_add(struct store_tx *tx, const struct actor *who, const struct cm_court_in *in,
    struct op_result *res, struct error *e)
{
	struct cm_court_date d = in->d;
	struct client cl;
	struct date t;
	char today[11];

	if (store_tx_client_get(tx, d.client_id, res->arena, &cl, e) != ERR_OK ||
	    consent_day(tx, d.client_id, who->now, res->arena, today, e) != ERR_OK)
		return e->code;
	if (!date_parse(today, &t))
		return error_set(e, ERR_STORE, "The date of today could not be read.");
	if (cm_court_check(&d, date_days(t), e) != ERR_OK ||
	    store_tx_cm_court_insert(tx, &d, who->staff_id, e) != ERR_OK ||
	    store_tx_cm_court_get(tx, d.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	return done(res, d.id, d.client_id, e);
}

enum err
op_cm_court_remove(struct store_tx *tx, const struct actor *who, const struct cm_court_in *in,
    struct op_result *res, struct error *e)
{
	if (store_tx_cm_court_get(tx, in->id, res->arena, in->out, e) != ERR_OK ||
	    store_tx_cm_court_remove(tx, in->id, who->staff_id, e) != ERR_OK ||
	    store_tx_cm_court_get(tx, in->id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	return done(res, in->id, in->out->client_id, e);
}

/* ---- referrals ------------------------------------------------------------ */

static enum err
referral_fields_check(const struct cm_referral *f, bool follow, bool notes, struct error *e)
{
	const char *why;

	if (follow && (why = cm_follow_up_check(f->follow_up_on)) != NULL)
		error_field(e, "follow_up_on", "%s", why);
	if (notes && (why = check_text(f->notes, CM_NOTES_MAX, false, true)) != NULL)
		error_field(e, "notes", "%s", why);
	return e->code;
}

enum err
op_cm_referral_create(struct store_tx *tx, const struct actor *who,
    const struct cm_referral_in *in, struct op_result *res, struct error *e)
{
	struct cm_referral f = in->f;
	struct cm_resource r;
	struct client cl;

	if (store_tx_client_get(tx, f.client_id, res->arena, &cl, e) != ERR_OK)
		return e->code;
	if (cm_domain_find(f.domain) < 0)
		error_field(e, "domain", "must be one of legal, medical, housing, financial, "
		    "employment_education, transport, childcare");
	if (referral_fields_check(&f, true, true, e) != ERR_OK)
		return e->code;
	if (store_tx_cm_resource_get(tx, f.resource_id, res->arena, &r, e) != ERR_OK) {
		if (e->code == ERR_NOTFOUND) {
			error_clear(e);
			return error_field(e, "resource_id", "is not a resource of the address book");
		}
		return e->code;
	}
	if (!r.active)
		return error_field(e, "resource_id", "is marked inactive in the address book: "
		    "choose another, or make it active again first");
	if (store_tx_cm_referral_insert(tx, &f, who->staff_id, e) != ERR_OK ||
	    store_tx_cm_referral_get(tx, f.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	return done(res, f.id, f.client_id, e);
}

enum err
op_cm_referral_status(struct store_tx *tx, const struct actor *who,
    const struct cm_referral_in *in, struct op_result *res, struct error *e)
{
	struct cm_referral f;
	int from, to = cm_referral_status_find(in->f.status);

	if (to < 0)
		return error_field(e, "status", "must be one of accepted, completed, declined");
	if (in->note != NULL && check_text(in->note, 500, false, true) != NULL)
		return error_field(e, "note", "%s", check_text(in->note, 500, false, true));
	if (in->follow_up_given && cm_follow_up_check(in->f.follow_up_on) != NULL)
		return error_field(e, "follow_up_on", "%s", cm_follow_up_check(in->f.follow_up_on));
	if (store_tx_cm_referral_get(tx, in->id, res->arena, &f, e) != ERR_OK)
		return e->code;
	from = cm_referral_status_find(f.status);
	if (from < 0 || !cm_referral_next_ok((enum cm_referral_status)from,
	    (enum cm_referral_status)to)) {
		if (from == CMR_MADE)
			return error_set(e, ERR_CONFLICT, "This referral is made: it can next be "
			    "accepted or declined, not %s.", cm_referral_statuses[to].code);
		if (from == CMR_ACCEPTED)
			return error_set(e, ERR_CONFLICT, "This referral is accepted: it can next "
			    "be completed or declined, not %s.", cm_referral_statuses[to].code);
		return error_set(e, ERR_CONFLICT, "This referral is %s and closed: make a new "
		    "referral instead.", f.status);
	}
	f.status = cm_referral_statuses[to].code;
	if (in->follow_up_given)
		f.follow_up_on = in->f.follow_up_on;
	if (!cm_referral_open((enum cm_referral_status)to))
		f.follow_up_on = "";
	if (store_tx_cm_referral_set(tx, &f, in->note ? in->note : "", who->staff_id, e) !=
	    ERR_OK || store_tx_cm_referral_get(tx, f.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->detail = arena_printf(res->arena, "status=%s", f.status);
	return done(res, f.id, f.client_id, e);
}

enum err
op_cm_referral_update(struct store_tx *tx, const struct actor *who,
    const struct cm_referral_in *in, struct op_result *res, struct error *e)
{
	struct cm_referral f;
	int st;

	if (referral_fields_check(&in->f, in->follow_up_given, in->notes_given, e) != ERR_OK ||
	    store_tx_cm_referral_get(tx, in->id, res->arena, &f, e) != ERR_OK)
		return e->code;
	st = cm_referral_status_find(f.status);
	if (in->follow_up_given && in->f.follow_up_on[0] != '\0' &&
	    !cm_referral_open((enum cm_referral_status)st))
		return error_set(e, ERR_CONFLICT, "This referral is %s and closed: it needs no "
		    "follow-up.", f.status);
	if (in->follow_up_given)
		f.follow_up_on = in->f.follow_up_on;
	if (in->notes_given)
		f.notes = in->f.notes;
	if (store_tx_cm_referral_set(tx, &f, NULL, who->staff_id, e) != ERR_OK ||
	    store_tx_cm_referral_get(tx, f.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	return done(res, f.id, f.client_id, e);
}

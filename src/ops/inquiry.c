/*
 * inquiry.c — the admissions board's writes: the facts read in the
 * transaction, the rules of core/inquiry.c (and core/insurance.c for
 * conversion), the writes.  A conversion makes its client the way
 * op_client_create does (op_client_insert, ops/client.c), so the client's
 * rules — validation, duplicates, the MRN — live in one place.
 */
#include <string.h>

#include "ops/client.h"
#include "ops/inquiry.h"

static enum err
nomem(struct error *e)
{
	return error_set(e, ERR_NOMEM, "Out of memory.");
}

enum err
op_inquiry_create(struct store_tx *tx, const struct actor *who,
    const struct inquiry_create_in *in, struct op_result *res, struct error *e)
{
	struct inquiry *q = in->out;

	*q = in->q;
	if (inquiry_validate_new(q, date_from_unix(who->now), e) != ERR_OK)
		return e->code;
	if (store_tx_inquiry_insert(tx, q, e) != ERR_OK)
		return e->code;
	res->id = q->id;
	return ERR_OK;
}

enum err
op_inquiry_patch(struct store_tx *tx, const struct actor *who,
    const struct inquiry_patch_in *in, struct op_result *res, struct error *e)
{
	struct inquiry *q = in->out;

	if (store_tx_inquiry_get(tx, in->id, res->arena, q, e) != ERR_OK)
		return e->code;
	if (in->present & INQ_PATCH_STATUS)
		q->status = in->status;
	if (in->present & INQ_PATCH_ASSIGNED_TO)
		q->assigned_to = in->assigned_to;
	if (in->present & INQ_PATCH_REFERRAL_SOURCE)
		q->referral_source = in->referral_source;
	if (in->present & INQ_PATCH_REFERRED_TO)
		q->referred_to = in->referred_to;
	if (in->present & INQ_PATCH_CLOSE_REASON)
		q->close_reason = in->close_reason;
	if (in->present & INQ_PATCH_OK_VOICEMAIL)
		q->ok_voicemail = in->ok_voicemail;
	if (in->present & INQ_PATCH_OK_TEXT)
		q->ok_text = in->ok_text;
	if (in->present & INQ_PATCH_URGENCY)
		q->urgency = in->urgency;
	if (inquiry_validate_status(q, e) != ERR_OK)
		return e->code;
	q->updated_at = who->now;
	if (store_tx_inquiry_update(tx, q, e) != ERR_OK)
		return e->code;
	res->id = q->id;
	/* A converted inquiry is part of its client's record. */
	return op_touched(res, q->client_id) == ERR_OK ? ERR_OK : nomem(e);
}

/*
 * The inquiry's insurance as the client's coverage, inside the conversion.
 * None when the actor may not manage insurance, when the client holds this
 * payer and member id already, or when the details make no valid coverage:
 * out->coverage_skipped then says why.
 */
static enum err
convert_coverage(struct store_tx *tx, const struct actor *who,
    struct inquiry_convert_out *out, struct op_result *res, struct error *e)
{
	const struct inquiry *q = &out->q;
	struct coverage *held;
	struct error ce;
	size_t n;

	if (!q->has_insurance)
		return ERR_OK;
	if (!roles_allow(who->roles, PERM_INSURANCE)) {
		out->coverage_skipped = "Recording insurance needs the insurance.manage "
		    "permission.";
		return ERR_OK;
	}
	if (store_tx_coverage_list(tx, out->c.id, res->arena, &held, &n, e) != ERR_OK)
		return e->code;
	if (coverage_held(held, n, q->ins.payer, q->ins.member_id)) {
		out->coverage_skipped = "The client already holds this coverage.";
		return ERR_OK;
	}
	inquiry_coverage(q, out->c.id, n, res->arena, &out->cov);
	error_clear(&ce);
	if (coverage_check(&out->cov, &ce) != ERR_OK) {
		out->cov.id = 0;
		out->coverage_skipped = ce.nfields > 0 ? arena_printf(res->arena, "The insurance "
		    "details on the inquiry make no valid coverage (%s %s): add it on the chart.",
		    ce.fields[0].name, ce.fields[0].msg) : "The insurance details on the inquiry "
		    "make no valid coverage: add it on the chart.";
		return ERR_OK;
	}
	if (store_tx_coverage_insert(tx, &out->cov, e) != ERR_OK)
		return e->code;
	res->detail = arena_printf(res->arena, "%s; coverage %lld created", res->detail,
	    (long long)out->cov.id);
	return res->detail != NULL ? ERR_OK : nomem(e);
}

/* The new client: named from the inquiry when not given, with the person's
 * own contact details when they asked for themselves. */
static enum err
convert_new_client(struct store_tx *tx, const struct actor *who,
    const struct inquiry_convert_in *in, struct inquiry_convert_out *out,
    struct op_result *res, struct error *e)
{
	struct client *c = &out->c;

	*c = in->c;
	if (c->first_name == NULL || c->last_name == NULL) {
		const char *f, *l;
		inquiry_split_name(out->q.name, res->arena, &f, &l);
		if (f == NULL || l == NULL)
			return nomem(e);
		if (c->first_name == NULL)
			c->first_name = f;
		if (c->last_name == NULL)
			c->last_name = l;
	}
	/* A caller's own details go on the contact, not the client. */
	if (!out->q.for_other) {
		c->phone = out->q.phone;
		c->email = out->q.email;
	}
	/* The client operation's own rules: valid, not a duplicate, an MRN. */
	return op_client_insert(tx, who, c, in->allow_duplicate, "A client with this name "
	    "and date of birth already exists: link the inquiry to them, or convert anyway.",
	    res, &out->dupes, &out->ndupes, e);
}

enum err
op_inquiry_convert(struct store_tx *tx, const struct actor *who,
    const struct inquiry_convert_in *in, struct op_result *res, struct error *e)
{
	struct inquiry_convert_out *out = in->out;
	struct inquiry *q = &out->q;
	struct contact ct;

	if (store_tx_inquiry_get(tx, in->id, res->arena, q, e) != ERR_OK)
		return e->code;
	if (q->client_id != 0)
		return error_set(e, ERR_CONFLICT, "This inquiry was converted already (client "
		    "%lld).", (long long)q->client_id);
	res->detail = "new client";
	if (in->link_client != 0) {
		if (store_tx_client_get(tx, in->link_client, res->arena, &out->c, e) != ERR_OK) {
			if (e->code == ERR_NOTFOUND) {
				error_clear(e);
				return error_field(e, "link_client_id", "is not a client");
			}
			return e->code;
		}
		res->detail = "linked to a returning client";
	} else {
		if (convert_new_client(tx, who, in, out, res, e) != ERR_OK)
			return e->code;
		if (inquiry_guardian_check(q, age_on(out->c.dob, date_from_unix(who->now)),
		    in->has_guardian, in->caller_is_guardian, e) != ERR_OK)
			return e->code;
	}
	if (in->has_guardian) {
		ct = in->guardian;
		ct.client_id = out->c.id;
		contact_settle(&ct);
		if (store_tx_contact_insert(tx, &ct, e) != ERR_OK)
			return e->code;
	}
	if (q->for_other && q->caller_name[0] != '\0' &&
	    (q->phone[0] != '\0' || q->email[0] != '\0')) {
		memset(&ct, 0, sizeof ct);
		ct.client_id = out->c.id;
		ct.name = q->caller_name;
		ct.relationship = q->caller_relationship[0] ? q->caller_relationship : "other";
		ct.phone = q->phone;
		ct.email = q->email;
		ct.notes = "";
		ct.emergency = false;
		ct.guardian = in->caller_is_guardian;
		contact_settle(&ct);
		if (contact_validate(&ct, e) == ERR_OK &&
		    store_tx_contact_insert(tx, &ct, e) != ERR_OK)
			return e->code;
		error_clear(e);	/* a caller we cannot keep as a contact is not fatal */
	}
	if (convert_coverage(tx, who, out, res, e) != ERR_OK)
		return e->code;
	/* Screened and assessed on the inquiry: now the client's, with the
	 * alerts and their tasks. */
	if (store_tx_inquiry_carry(tx, q->id, out->c.id, &out->screenings, &out->placements,
	    e) != ERR_OK)
		return e->code;
	if (out->screenings + out->placements > 0 && (res->detail = arena_printf(res->arena,
	    "%s; carried %lld screening(s) and %lld assessment(s) from the inquiry",
	    res->detail, (long long)out->screenings, (long long)out->placements)) == NULL)
		return nomem(e);
	q->client_id = out->c.id;
	q->updated_at = who->now;
	if (store_tx_inquiry_update(tx, q, e) != ERR_OK)
		return e->code;
	res->id = q->id;
	return op_touched(res, out->c.id) == ERR_OK ? ERR_OK : nomem(e);
}

enum err
op_inquiry_contact(struct store_tx *tx, const struct actor *who,
    const struct inquiry_contact_in *in, struct op_result *res, struct error *e)
{
	struct inquiry_contact *c = in->out;
	struct inquiry q;

	*c = in->c;
	c->staff_id = who->staff_id;
	if (store_tx_inquiry_get(tx, c->inquiry_id, res->arena, &q, e) != ERR_OK)
		return e->code;
	if (inquiry_contact_check(&q, c->method, e) != ERR_OK)
		return e->code;
	if (store_tx_inquiry_contact_insert(tx, c, e) != ERR_OK)
		return e->code;
	if (inquiry_contact_moves(&q, c->outcome)) {
		q.updated_at = who->now;
		if (store_tx_inquiry_update(tx, &q, e) != ERR_OK)
			return e->code;
	}
	res->id = q.id;
	return op_touched(res, q.client_id) == ERR_OK ? ERR_OK : nomem(e);
}

enum err
op_inquiry_task(struct store_tx *tx, const struct actor *who,
    const struct inquiry_task_in *in, struct op_result *res, struct error *e)
{
	struct task *t = in->out;
	struct inquiry q;

	*t = in->t;
	if (t->assigned_to == 0)
		t->assigned_to = who->staff_id;
	if (store_tx_inquiry_get(tx, in->inquiry_id, res->arena, &q, e) != ERR_OK)
		return e->code;
	if (t->assigned_to != who->staff_id) {
		struct staff st;
		struct error se;
		error_clear(&se);
		if (store_tx_staff_get(tx, t->assigned_to, res->arena, &st, &se) != ERR_OK ||
		    !st.active)
			return error_field(e, "assigned_to", "must be an active staff member");
	}
	if (store_tx_task_insert(tx, "follow_up", t->title, q.client_id, q.id, 0,
	    t->assigned_to, t->due_at, &t->id, e) != ERR_OK)
		return e->code;
	t->kind = "follow_up";
	t->inquiry_id = q.id;
	t->client_id = q.client_id;
	t->response = "";
	t->created_at = who->now;
	res->id = q.id;
	return op_touched(res, q.client_id) == ERR_OK ? ERR_OK : nomem(e);
}

enum err
op_inquiry_merge(struct store_tx *tx, const struct actor *who,
    const struct inquiry_merge_in *in, struct op_result *res, struct error *e)
{
	struct inquiry *q = in->out;
	struct inquiry from;

	if (in->from_id == in->id)
		return error_field(e, "from_id", "must be another inquiry");
	if (store_tx_inquiry_get(tx, in->id, res->arena, q, e) != ERR_OK)
		return e->code;
	if (store_tx_inquiry_get(tx, in->from_id, res->arena, &from, e) != ERR_OK) {
		error_clear(e);
		return error_field(e, "from_id", "is not an inquiry");
	}
	if (inquiry_merge_check(q, &from, e) != ERR_OK)
		return e->code;
	inquiry_merge_fill(q, &from);
	q->updated_at = who->now;
	if (store_tx_inquiry_update(tx, q, e) != ERR_OK ||
	    store_tx_inquiry_merge(tx, from.id, q->id, e) != ERR_OK)
		return e->code;
	/* Screenings moved onto a converted inquiry are its client's. */
	if (q->client_id != 0) {
		int64_t ns, np;
		if (store_tx_inquiry_carry(tx, q->id, q->client_id, &ns, &np, e) != ERR_OK)
			return e->code;
	}
	res->id = q->id;
	res->detail = arena_printf(res->arena, "merged inquiry %lld", (long long)from.id);
	/* Both inquiries' clients: the merged one's may now be the survivor's. */
	if (res->detail == NULL || op_touched(res, q->client_id) != ERR_OK ||
	    op_touched(res, from.client_id) != ERR_OK)
		return nomem(e);
	return ERR_OK;
}

/*
 * medication.c — a medication added to a client's list, and changed
 * (edited, stopped, or marked entered in error) with its earlier version
 * kept.
 */
#include <string.h>

#include "lib/buf.h"
#include "ops/medication.h"

static enum err
prescriber_ok(struct store_tx *tx, const struct medication *m, struct arena *a,
    struct error *e)
{
	struct staff st;

	if (m->prescriber_id == 0)
		return ERR_OK;
	if (store_tx_staff_get(tx, m->prescriber_id, a, &st, e) != ERR_OK) {
		if (e->code != ERR_NOTFOUND)
			return e->code;
		error_clear(e);
		return error_field(e, "prescriber_id", "is not a staff member");
	}
	return ERR_OK;
}

/* A MAT medication's substances, as text. */
static const char *
mat_expected(const char *mat, struct arena *a)
{
	const struct mat_def *md = mat_find(mat);

	return subset_text(md ? md->expected : 0, a);
}

enum err
op_medication_create(struct store_tx *tx, const struct actor *who,
    const struct medication_create_in *in, struct op_result *res, struct error *e)
{
	struct medication *m = in->out;
	struct client cl;

	*m = in->m;
	m->created_by = who->staff_id;
	m->entered_in_error = false;
	m->error_reason = "";
	if (!in->expected_given && (m->expected = mat_expected(m->mat, res->arena)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (medication_check(m, e) != ERR_OK)
		return e->code;
	if (store_tx_client_get(tx, m->client_id, res->arena, &cl, e) != ERR_OK ||
	    prescriber_ok(tx, m, res->arena, e) != ERR_OK ||
	    store_tx_medication_insert(tx, m, e) != ERR_OK ||
	    store_tx_medication_get(tx, m->id, res->arena, m, e) != ERR_OK)
		return e->code;
	res->id = m->id;
	return op_touched(res, m->client_id) == ERR_OK ? ERR_OK :
	    error_set(e, ERR_NOMEM, "Out of memory.");
}

static bool
same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The fields whose values differ between a and b. */
static unsigned
changed_fields(const struct medication *a, const struct medication *b)
{
	unsigned c = 0;

	c |= !same(a->name, b->name) ? 1u << MEDF_NAME : 0;
	c |= !same(a->mat, b->mat) ? 1u << MEDF_MAT : 0;
	c |= !same(a->expected, b->expected) ? 1u << MEDF_EXPECTED : 0;
	c |= !same(a->dose, b->dose) ? 1u << MEDF_DOSE : 0;
	c |= a->prescriber_id != b->prescriber_id ? 1u << MEDF_PRESCRIBER_ID : 0;
	c |= !same(a->prescriber_name, b->prescriber_name) ? 1u << MEDF_PRESCRIBER_NAME : 0;
	c |= !same(a->start_date, b->start_date) ? 1u << MEDF_START_DATE : 0;
	c |= !same(a->stop_date, b->stop_date) ? 1u << MEDF_STOP_DATE : 0;
	c |= a->entered_in_error != b->entered_in_error ? 1u << MEDF_ENTERED_IN_ERROR : 0;
	c |= !same(a->error_reason, b->error_reason) ? 1u << MEDF_ERROR_REASON : 0;
	return c;
}

enum err
op_medication_update(struct store_tx *tx, const struct actor *who,
    const struct medication_update_in *in, struct op_result *res, struct error *e)
{
	struct medication *m = in->out, before;
	const struct medication *s = &in->set;
	unsigned f = in->fields, changed;
	struct buf d;

	if (store_tx_medication_get(tx, in->id, res->arena, m, e) != ERR_OK)
		return e->code;
	if (m->entered_in_error)
		return error_set(e, ERR_CONFLICT, "This medication was marked entered in error; "
		    "it is kept as it was. Add the right medication as a new entry.");
	before = *m;
#define TAKE(bit, member) if (f & (1u << (bit))) m->member = s->member
	TAKE(MEDF_NAME, name);
	TAKE(MEDF_MAT, mat);
	TAKE(MEDF_EXPECTED, expected);
	TAKE(MEDF_DOSE, dose);
	TAKE(MEDF_PRESCRIBER_ID, prescriber_id);
	TAKE(MEDF_PRESCRIBER_NAME, prescriber_name);
	TAKE(MEDF_START_DATE, start_date);
	TAKE(MEDF_STOP_DATE, stop_date);
	TAKE(MEDF_ENTERED_IN_ERROR, entered_in_error);
	TAKE(MEDF_ERROR_REASON, error_reason);
#undef TAKE
	/* Naming one prescriber replaces the other. */
	if ((f & (1u << MEDF_PRESCRIBER_ID)) && s->prescriber_id != 0 &&
	    !(f & (1u << MEDF_PRESCRIBER_NAME)))
		m->prescriber_name = "";
	if ((f & (1u << MEDF_PRESCRIBER_NAME)) && s->prescriber_name && *s->prescriber_name &&
	    !(f & (1u << MEDF_PRESCRIBER_ID)))
		m->prescriber_id = 0;
	if ((f & (1u << MEDF_MAT)) && !(f & (1u << MEDF_EXPECTED)) &&
	    (m->expected = mat_expected(m->mat, res->arena)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (medication_check(m, e) != ERR_OK || prescriber_ok(tx, m, res->arena, e) != ERR_OK)
		return e->code;
	changed = changed_fields(&before, m);
	if (changed != 0 && (store_tx_medication_update(tx, m, who->staff_id, e) != ERR_OK ||
	    store_tx_medication_get(tx, m->id, res->arena, m, e) != ERR_OK))
		return e->code;
	buf_init(&d, 0);
	buf_puts(&d, "changed=");
	for (int i = 0; i < MEDF__MAX; i++)
		if (changed & (1u << i))
			buf_printf(&d, "%s%s", d.len > 8 ? "," : "", med_field_name((enum med_field)i));
	if (changed == 0)
		buf_puts(&d, "none");
	res->detail = d.failed ? NULL : arena_strdup(res->arena, buf_cstr(&d));
	buf_free(&d);
	if (res->detail == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	res->id = m->id;
	return op_touched(res, m->client_id) == ERR_OK ? ERR_OK :
	    error_set(e, ERR_NOMEM, "Out of memory.");
}

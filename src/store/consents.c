/*
 * consents.c — Part 2 consents and the accounting of disclosures
 * (sql/queries/consents.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"
#include "store/consents.h"

static const struct col consent_cols[] = {
	C_INT(struct part2_consent, id, "id"),
	C_INT(struct part2_consent, client_id, "client_id"),
	C_TEXT(struct part2_consent, client_name, "client_name"),
	C_TEXT(struct part2_consent, disclosing_party, "disclosing_party"),
	C_TEXT(struct part2_consent, information, "information"),
	C_TEXT(struct part2_consent, information_detail, "information_detail"),
	C_TEXT(struct part2_consent, recipients, "recipients"),
	C_TEXT(struct part2_consent, purpose, "purpose"),
	C_TEXT(struct part2_consent, revoke_statement, "revoke_statement"),
	C_TEXT(struct part2_consent, expires_on, "expires_on"),
	C_TEXT(struct part2_consent, expires_event, "expires_event"),
	C_TEXT(struct part2_consent, signed_on, "signed_on"),
	C_TEXT(struct part2_consent, signature, "signature"),
	C_INT(struct part2_consent, recorded_by, "recorded_by"),
	C_INT(struct part2_consent, recorded_at, "recorded_at"),
	C_INT(struct part2_consent, revoked_by, "revoked_by"),
	C_INT(struct part2_consent, revoked_at, "revoked_at"),
	C_TEXT(struct part2_consent, revoke_reason, "revoke_reason"),
	C_TEXT(struct part2_consent, recorded_by_name, "recorded_by_name"),
	C_TEXT(struct part2_consent, revoked_by_name, "revoked_by_name"),
};
static const enum sql_query consent_queries[] = {
	Q_consent_by_client,
	Q_consent_by_id,
};
const struct row_table consent_rows = ROW_TABLE(struct part2_consent, "consent", consent_cols,
    consent_queries);

static const struct col disclosure_cols[] = {
	C_INT(struct disclosure, id, "id"),
	C_INT(struct disclosure, client_id, "client_id"),
	C_INT(struct disclosure, consent_id, "consent_id"),
	C_TEXT(struct disclosure, recipient, "recipient"),
	C_TEXT(struct disclosure, recipient_kind, "recipient_kind"),
	C_TEXT(struct disclosure, information, "information"),
	C_TEXT(struct disclosure, format, "format"),
	C_TEXT(struct disclosure, purpose, "purpose"),
	C_TEXT(struct disclosure, notice, "notice"),
	C_TEXT(struct disclosure, content_type, "content_type"),
	C_TEXT(struct disclosure, document, "document"),
	C_INT(struct disclosure, released_by, "released_by"),
	C_INT(struct disclosure, released_at, "released_at"),
	C_TEXT(struct disclosure, released_by_name, "released_by_name"),
};
static const enum sql_query disclosure_queries[] = {
	Q_disclosure_by_client,
	Q_disclosure_by_id,
};
const struct row_table disclosure_rows = ROW_TABLE(struct disclosure, "disclosure",
    disclosure_cols, disclosure_queries);

static const struct col release_line_cols[] = {
	C_TEXT(struct release_line, item, "item"),
	C_TEXT(struct release_line, value, "value"),
};
static const enum sql_query release_line_queries[] = {
	Q_release_attendance,
	Q_release_plan,
	Q_release_progress,
	Q_release_discharge,
};
const struct row_table release_line_rows = ROW_TABLE(struct release_line, "release line",
    release_line_cols, release_line_queries);

enum err
store_tx_release_lines(struct store_tx *tx, enum release_part part, int64_t client_id,
    int64_t off, int64_t summary_id, struct arena *a, struct release_line **items, size_t *n,
    struct error *e)
{
	void *tmp = NULL;
	enum err rc;

	if (part == RP_DISCHARGE)
		rc = tx_list_rows(tx, Q_release_discharge, ARGS(A_INT(client_id), A_INT(off),
		    A_INT(summary_id)), a, &release_line_rows, &tmp, n, e);
	else
		rc = tx_list_rows(tx, release_line_queries[part], ARGS(A_INT(client_id),
		    A_INT(off)), a, &release_line_rows, &tmp, n, e);
	*items = tmp;
	return rc;
}

enum err
store_consent_list(struct store *s, int64_t client_id, struct arena *a,
    struct part2_consent **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_consent_by_client, client_id, a, &consent_rows, &tmp, n,
	    e);

	*items = tmp;
	return rc;
}

enum err
store_tx_consent_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct part2_consent **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = tx_list_rows(tx, Q_consent_by_client, ARGS(A_INT(client_id)), a,
	    &consent_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_consent_get(struct store_tx *tx, int64_t id, struct arena *a, struct part2_consent *out,
    struct error *e)
{
	return tx_get_row(tx, Q_consent_by_id, ARGS(A_INT(id)), a, &consent_rows, out, e);
}

enum err
store_tx_consent_insert(struct store_tx *tx, struct part2_consent *c, struct error *e)
{
	return tx_insert(tx, Q_consent_insert, ARGS(A_INT(c->client_id), A_TEXT(c->client_name),
	    A_TEXT(c->disclosing_party), A_TEXT(c->information), A_TEXT(c->information_detail),
	    A_TEXT(c->recipients), A_TEXT(c->purpose), A_TEXT(c->revoke_statement),
	    A_TEXT(c->expires_on), A_TEXT(c->expires_event), A_TEXT(c->signed_on),
	    A_TEXT(c->signature), A_INT(c->recorded_by), A_INT(tx->now)), &c->id, e);
}

enum err
store_tx_consent_revoke(struct store_tx *tx, int64_t id, int64_t by, const char *reason,
    struct error *e)
{
	return tx_change_once(tx, Q_consent_revoke, ARGS(A_INT(id), A_INT(by), A_INT(tx->now),
	    A_TEXT(reason)), "The consent was already revoked.", e);
}

enum err
store_disclosure_list(struct store *s, int64_t client_id, struct arena *a,
    struct disclosure **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_disclosure_by_client, client_id, a, &disclosure_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_disclosure_get(struct store *s, int64_t id, struct arena *a, struct disclosure *out,
    struct error *e)
{
	return get_row(s, Q_disclosure_by_id, ARGS(A_INT(id)), a, &disclosure_rows, out, e);
}

enum err
store_tx_disclosure_get(struct store_tx *tx, int64_t id, struct arena *a, struct disclosure *out,
    struct error *e)
{
	return tx_get_row(tx, Q_disclosure_by_id, ARGS(A_INT(id)), a, &disclosure_rows, out, e);
}

enum err
store_tx_disclosure_insert(struct store_tx *tx, struct disclosure *d, struct error *e)
{
	return tx_insert(tx, Q_disclosure_insert, ARGS(A_INT(d->client_id),
	    A_INT(d->consent_id), A_TEXT(d->recipient), A_TEXT(d->recipient_kind),
	    A_TEXT(d->information), A_TEXT(d->format), A_TEXT(d->purpose), A_TEXT(d->notice),
	    A_TEXT(d->content_type), A_TEXT(d->document), A_INT(d->released_by),
	    A_INT(tx->now)), &d->id, e);
}

enum err
store_tx_dscreen_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct drug_screen **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = tx_list_rows(tx, Q_dscreen_by_client, ARGS(A_INT(client_id)), a,
	    &dscreen_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

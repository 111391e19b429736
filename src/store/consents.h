/*
 * consents.h — the store's interface for Part 2 consents and the accounting
 * of disclosures (store/consents.c), beside store.h.
 */
#ifndef IOP_STORE_CONSENTS_H
#define IOP_STORE_CONSENTS_H

#include "core/consent.h"
#include "core/drugscreen.h"
#include "store/store.h"

/* A client's consents, newest signature first. */
enum err store_consent_list(struct store *s, int64_t client_id, struct arena *a,
    struct part2_consent **items, size_t *n, struct error *e);
enum err store_tx_consent_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct part2_consent **items, size_t *n, struct error *e);
enum err store_tx_consent_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct part2_consent *out, struct error *e);
/* c->recorded_by set by the caller; c->id filled; recorded now. */
enum err store_tx_consent_insert(struct store_tx *tx, struct part2_consent *c, struct error *e);
/* Revoked now by `by`; ERR_CONFLICT when it already was. */
enum err store_tx_consent_revoke(struct store_tx *tx, int64_t id, int64_t by,
    const char *reason, struct error *e);

/* A client's accounting of disclosures, newest first. */
enum err store_disclosure_list(struct store *s, int64_t client_id, struct arena *a,
    struct disclosure **items, size_t *n, struct error *e);
enum err store_disclosure_get(struct store *s, int64_t id, struct arena *a,
    struct disclosure *out, struct error *e);
enum err store_tx_disclosure_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct disclosure *out, struct error *e);
/* d->released_by set by the caller; released now; d->id filled. */
enum err store_tx_disclosure_insert(struct store_tx *tx, struct disclosure *d,
    struct error *e);

/* A client's drug screens, for a released document. */
enum err store_tx_dscreen_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct drug_screen **items, size_t *n, struct error *e);

/* One line of a released document, as the store words it. */
struct release_line {
	const char *item, *value;
};
enum release_part { RP_ATTENDANCE, RP_PLAN, RP_PROGRESS, RP_DISCHARGE, RP__MAX };
/* The lines of one part of the client's record for a release (the queries
 * release_* of sql/queries/consents.sql): days at off seconds from UTC;
 * summary_id picks the discharge summary (0: the latest signed one). */
enum err store_tx_release_lines(struct store_tx *tx, enum release_part part,
    int64_t client_id, int64_t off, int64_t summary_id, struct arena *a,
    struct release_line **items, size_t *n, struct error *e);

#endif

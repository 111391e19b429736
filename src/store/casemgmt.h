/*
 * casemgmt.h — the store's interface for case management (store/casemgmt.c):
 * resources, needs, court dates, referrals and their history, and the
 * rows of what is due.
 */
#ifndef IOP_STORE_CASEMGMT_H
#define IOP_STORE_CASEMGMT_H

#include "core/casemgmt.h"
#include "store/store.h"

/* A page of the address book: q text in the name, address or notes ("" any),
 * kind ("" any), inactive ones too when all. */
enum err store_cm_resource_search(struct store *s, const char *q, const char *kind, bool all,
    struct page pg, struct arena *a, struct cm_resource **items, size_t *n, int64_t *total,
    struct error *e);
enum err store_cm_resource_get(struct store *s, int64_t id, struct arena *a,
    struct cm_resource *out, struct error *e);
enum err store_tx_cm_resource_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct cm_resource *out, struct error *e);
enum err store_tx_cm_resource_insert(struct store_tx *tx, struct cm_resource *r, int64_t by,
    struct error *e);
enum err store_tx_cm_resource_update(struct store_tx *tx, const struct cm_resource *r,
    int64_t by, struct error *e);

/* A client's needs (on the read connection when tx is NULL). */
enum err store_cm_needs(struct store *s, struct store_tx *tx, int64_t client_id,
    struct arena *a, struct cm_need **items, size_t *n, struct error *e);
/* Sets the client's need of n->domain (made or replaced). */
enum err store_tx_cm_need_put(struct store_tx *tx, const struct cm_need *n, int64_t by,
    struct error *e);
/* The client's open episode (0: none). */
enum err store_tx_cm_open_episode(struct store_tx *tx, int64_t client_id, int64_t *id,
    struct error *e);

enum err store_cm_courts(struct store *s, struct store_tx *tx, int64_t client_id,
    struct arena *a, struct cm_court_date **items, size_t *n, struct error *e);
enum err store_tx_cm_court_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct cm_court_date *out, struct error *e);
enum err store_tx_cm_court_insert(struct store_tx *tx, struct cm_court_date *d, int64_t by,
    struct error *e);
/* ERR_CONFLICT when it was already removed. */
enum err store_tx_cm_court_remove(struct store_tx *tx, int64_t id, int64_t by,
    struct error *e);

enum err store_cm_referrals(struct store *s, struct store_tx *tx, int64_t client_id,
    struct arena *a, struct cm_referral **items, size_t *n, struct error *e);
enum err store_cm_referral_changes(struct store *s, struct store_tx *tx, int64_t client_id,
    struct arena *a, struct cm_referral_change **items, size_t *n, struct error *e);
enum err store_tx_cm_referral_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct cm_referral *out, struct error *e);
/* Made now by `by`, with its first history row (made). */
enum err store_tx_cm_referral_insert(struct store_tx *tx, struct cm_referral *f, int64_t by,
    struct error *e);
/* Status, follow-up and notes as in f; a history row when note is not NULL
 * (a change of status). */
enum err store_tx_cm_referral_set(struct store_tx *tx, const struct cm_referral *f,
    const char *note, int64_t by, struct error *e);

/* What may be due: referral follow-ups on or before `upto` and court dates
 * from `from` to `court_upto` (YYYY-MM-DD); mine a staff id or 0. */
enum err store_cm_due(struct store *s, const char *upto, const char *from,
    const char *court_upto, int64_t mine, struct arena *a, struct cm_due_row **items,
    size_t *n, struct error *e);

#endif

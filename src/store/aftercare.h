/*
 * aftercare.h — the store's interface for the aftercare plan
 * (store/aftercare.c, sql/queries/aftercare.sql), beside store.h.
 */
#ifndef IOP_STORE_AFTERCARE_H
#define IOP_STORE_AFTERCARE_H

#include "core/aftercare.h"
#include "store/store.h"

/* Version id with its groups and medications; ERR_NOTFOUND when none. */
enum err store_aftercare_get(struct store *s, int64_t id, struct arena *a,
    struct aftercare *out, struct error *e);
enum err store_tx_aftercare_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct aftercare *out, struct error *e);
/* The newest version of episode_id's plan; ERR_NOTFOUND when it has none. */
enum err store_aftercare_latest(struct store *s, int64_t episode_id, struct arena *a,
    struct aftercare *out, struct error *e);
enum err store_tx_aftercare_latest(struct store_tx *tx, int64_t episode_id, struct arena *a,
    struct aftercare *out, struct error *e);
/* Every version of episode_id's plan, oldest first: id, version, status and
 * client_signed_at only (the rest zero). */
enum err store_aftercare_versions(struct store *s, int64_t episode_id, struct arena *a,
    struct aftercare **items, size_t *n, struct error *e);
/* The newest version of each of the client's plans (with their lists), the
 * newest episode first. */
enum err store_aftercare_by_client(struct store *s, int64_t client_id, struct arena *a,
    struct aftercare **items, size_t *n, struct error *e);
/* The client's medications taken on day (YYYY-MM-DD), as the plan's rows. */
enum err store_tx_aftercare_meds_current(struct store_tx *tx, int64_t client_id,
    const char *day, struct arena *a, struct ac_medication **items, size_t *n,
    struct error *e);
/* Is medication id the client's? */
enum err store_tx_aftercare_med_of_client(struct store_tx *tx, int64_t id, int64_t client_id,
    bool *yes, struct error *e);
/* A new version (p->version set by the caller) with its lists, by
 * p->created_by, now; p->id filled.  ERR_CONFLICT when the version exists. */
enum err store_tx_aftercare_insert(struct store_tx *tx, struct aftercare *p, struct error *e);
/* A draft's content and lists replaced by p's, by `by`, now; ERR_CONFLICT
 * once signed. */
enum err store_tx_aftercare_update(struct store_tx *tx, const struct aftercare *p, int64_t by,
    struct error *e);
/* Signed by the client (name) at `at` (the request's clock), witnessed by
 * `witness`; ERR_CONFLICT once signed. */
enum err store_tx_aftercare_sign(struct store_tx *tx, int64_t id, const char *name,
    int64_t witness, int64_t at, struct error *e);

#endif

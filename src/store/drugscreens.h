/*
 * drugscreens.h — the store's interface for a client's medications and drug
 * screens (store/drugscreens.c), beside store.h.
 */
#ifndef IOP_STORE_DRUGSCREENS_H
#define IOP_STORE_DRUGSCREENS_H

#include "core/drugscreen.h"
#include "core/medication.h"
#include "store/store.h"

/* A client's medications: current first, then stopped, then entered in
 * error; each with its prescriber's name and how many earlier versions. */
enum err store_medication_list(struct store *s, int64_t client_id, struct arena *a,
    struct medication **items, size_t *n, struct error *e);
enum err store_tx_medication_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct medication **items, size_t *n, struct error *e);
/* One medication, and its earlier versions (newest first). */
enum err store_medication_get(struct store *s, int64_t id, struct arena *a,
    struct medication *out, struct error *e);
enum err store_medication_history(struct store *s, int64_t id, struct arena *a,
    struct medication_revision **items, size_t *n, struct error *e);
enum err store_tx_medication_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct medication *out, struct error *e);
/* m->created_by set by the caller; m->id filled. */
enum err store_tx_medication_insert(struct store_tx *tx, struct medication *m,
    struct error *e);
/* Keeps the row as it was in medication_revision, then writes m's fields. */
enum err store_tx_medication_update(struct store_tx *tx, const struct medication *m,
    int64_t by, struct error *e);

/* A client's drug screens, newest collection first. */
enum err store_dscreen_list(struct store *s, int64_t client_id, struct arena *a,
    struct drug_screen **items, size_t *n, struct error *e);
/* One screen, and the results its corrections replaced (newest first). */
enum err store_dscreen_get(struct store *s, int64_t id, struct arena *a,
    struct drug_screen *out, struct error *e);
enum err store_dscreen_history(struct store *s, int64_t id, struct arena *a,
    struct dscreen_revision **items, size_t *n, struct error *e);
enum err store_tx_dscreen_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct drug_screen *out, struct error *e);
enum err store_tx_dscreen_insert(struct store_tx *tx, struct drug_screen *d,
    struct error *e);
/* Keeps the earlier results (when resulted) in drug_screen_revision, then
 * writes d's results, expected and unexpected as resulted by `by` now. */
enum err store_tx_dscreen_results(struct store_tx *tx, const struct drug_screen *d,
    int64_t by, struct error *e);
/* Marks the screen entered in error with reason, by `by` now (kept). */
enum err store_tx_dscreen_error(struct store_tx *tx, int64_t id, const char *reason,
    int64_t by, struct error *e);
enum err store_tx_dscreen_task(struct store_tx *tx, int64_t id, int64_t task_id,
    struct error *e);

#endif

/*
 * measures.h — the store's interface for measurement-based care
 * (store/measures.c, sql/queries/measures.sql), beside store.h.
 */
#ifndef IOP_STORE_MEASURES_H
#define IOP_STORE_MEASURES_H

#include "core/measure.h"
#include "store/store.h"

/* Every instrument's setting (by code). */
enum err store_measure_settings(struct store *s, struct arena *a,
    struct measure_setting **items, size_t *n, struct error *e);
enum err store_tx_measure_settings(struct store_tx *tx, struct arena *a,
    struct measure_setting **items, size_t *n, struct error *e);
/* ERR_NOTFOUND when code has no row. */
enum err store_tx_measure_setting_update(struct store_tx *tx, const struct measure_setting *m,
    int64_t by, struct error *e);

/* The tracked score of an earlier administration. */
struct measure_prev {
	int64_t id, administered_at, value;
};
/* The client's latest administration of code (score: its tracked score's
 * name) given before screening before_id (given at before_at), and at or
 * after since; *found false when there is none. */
enum err store_tx_measure_previous(struct store_tx *tx, int64_t client_id, const char *code,
    const char *score, int64_t before_id, int64_t before_at, int64_t since,
    struct measure_prev *out, bool *found, struct error *e);

/* An open episode with one instrument of the schedule (measure_due_rows). */
struct measure_due_row {
	int64_t episode_id, client_id;
	const char *client_mrn, *client_first, *client_last, *client_preferred;
	int64_t site_id;
	const char *timezone, *admitted_on;
	int64_t primary_clinician;
	const char *code;
	int every_days;
	int64_t last_at;	/* 0: none counted */
};
/* site_id, clinician, client_id: 0 is any; all: the instruments not
 * repeated too. */
enum err store_measure_due_rows(struct store *s, int64_t site_id, int64_t clinician,
    int64_t client_id, bool all, struct arena *a, struct measure_due_row **items, size_t *n,
    struct error *e);

/* One administration in a score history. */
struct measure_point {
	int64_t id;
	const char *code;
	int64_t administered_at;
	const char *scores, *band;	/* scores: JSON text */
};
enum err store_measure_history(struct store *s, int64_t client_id, struct arena *a,
    struct measure_point **items, size_t *n, struct error *e);

#endif

/*
 * alumni.h — the store's interface for alumni check-ins, events and RSVPs
 * and the alumni list (store/alumni.c), beside store.h.
 */
#ifndef IOP_STORE_ALUMNI_H
#define IOP_STORE_ALUMNI_H

#include "core/alumni.h"
#include "store/store.h"

/* The coordinator for a client of site_id (see alumni.sql); 0 when no
 * active staff member has the flag. */
enum err store_tx_alumni_coordinator(struct store_tx *tx, int64_t site_id, int64_t *id,
    struct error *e);
/* c->episode_id, client_id, day, due_on, task_id; c->id filled. */
enum err store_tx_alumni_checkin_insert(struct store_tx *tx, struct alumni_checkin *c,
    struct error *e);
enum err store_tx_alumni_checkin_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct alumni_checkin *out, struct error *e);
/* The call as applied to c (core/alumni.c), made by `by` at `at`. */
enum err store_tx_alumni_checkin_record(struct store_tx *tx, const struct alumni_checkin *c,
    int64_t by, int64_t at, struct error *e);
/* A client's check-ins, by due date / those of a task (one, or none). */
enum err store_alumni_checkins_client(struct store *s, int64_t client_id, struct arena *a,
    struct alumni_checkin **items, size_t *n, struct error *e);
enum err store_alumni_checkins_task(struct store *s, int64_t task_id, struct arena *a,
    struct alumni_checkin **items, size_t *n, struct error *e);
enum err store_alumni_checkin_get(struct store *s, int64_t id, struct arena *a,
    struct alumni_checkin *out, struct error *e);

/* A page of alumni (site_id 0: all), overdue first (before `today`). */
enum err store_alumni_list(struct store *s, int64_t site_id, bool overdue_only,
    struct date today, struct page pg, struct arena *a, struct alumnus **items, size_t *n,
    int64_t *total, struct error *e);
/* Is the client an alumnus (latest episode discharged, alive)? */
enum err store_tx_alumni_is_alumnus(struct store_tx *tx, int64_t client_id, bool *yes,
    struct error *e);

/* ev->created_by set by the caller; ev->id filled. */
enum err store_tx_alumni_event_insert(struct store_tx *tx, struct alumni_event *ev,
    struct error *e);
enum err store_tx_alumni_event_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct alumni_event *out, struct error *e);
enum err store_alumni_event_get(struct store *s, int64_t id, struct arena *a,
    struct alumni_event *out, struct error *e);
enum err store_alumni_event_list(struct store *s, int64_t site_id, struct page pg,
    struct arena *a, struct alumni_event **items, size_t *n, int64_t *total, struct error *e);
enum err store_alumni_rsvp_list(struct store *s, int64_t event_id, struct arena *a,
    struct alumni_rsvp **items, size_t *n, struct error *e);
/* ERR_NOTFOUND when the client has no RSVP to the event yet. */
enum err store_tx_alumni_rsvp_get(struct store_tx *tx, int64_t event_id, int64_t client_id,
    struct arena *a, struct alumni_rsvp *out, struct error *e);
/* r->rsvp ("" for none) and r->attended (-1 for not recorded), by r->updated_by now. */
enum err store_tx_alumni_rsvp_put(struct store_tx *tx, const struct alumni_rsvp *r,
    struct error *e);

#endif

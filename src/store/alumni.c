/*
 * alumni.c — alumni check-ins, events and RSVPs, and the alumni list
 * (sql/queries/alumni.sql).
 *
 * This file must not know about HTTP or print health information.
 */
#include "store/store_int.h"
#include "store/alumni.h"

static const struct col checkin_cols[] = {
	C_INT(struct alumni_checkin, id, "id"),
	C_INT(struct alumni_checkin, episode_id, "episode_id"),
	C_INT(struct alumni_checkin, client_id, "client_id"),
	C_I32(struct alumni_checkin, day, "day"),
	C_TEXT(struct alumni_checkin, due_on, "due_on"),
	C_TEXT(struct alumni_checkin, outcome, "outcome"),
	C_I32(struct alumni_checkin, attempts, "attempts"),
	C_BOOL(struct alumni_checkin, closed, "closed"),
	C_TEXT(struct alumni_checkin, recovery_status, "recovery_status"),
	C_TEXT(struct alumni_checkin, notes, "notes"),
	C_BOOL(struct alumni_checkin, readmission_wanted, "readmission_wanted"),
	C_INT(struct alumni_checkin, inquiry_id, "inquiry_id"),
	C_INT(struct alumni_checkin, contacted_by, "contacted_by"),
	C_INT(struct alumni_checkin, contacted_at, "contacted_at"),
	C_INT(struct alumni_checkin, task_id, "task_id"),
	C_INT(struct alumni_checkin, created_at, "created_at"),
	C_TEXT(struct alumni_checkin, client_mrn, "client_mrn"),
	C_TEXT(struct alumni_checkin, client_first, "client_first"),
	C_TEXT(struct alumni_checkin, client_last, "client_last"),
	C_TEXT(struct alumni_checkin, client_preferred, "client_preferred"),
	C_TEXT(struct alumni_checkin, client_phone, "client_phone"),
	C_TEXT(struct alumni_checkin, discharged_on, "discharged_on"),
	C_TEXT(struct alumni_checkin, discharge_type, "discharge_type"),
	C_INT(struct alumni_checkin, site_id, "site_id"),
	C_INT(struct alumni_checkin, assigned_to, "assigned_to"),
	C_TEXT(struct alumni_checkin, contacted_by_name, "contacted_by_name"),
	C_TEXT(struct alumni_checkin, assigned_name, "assigned_name"),
};
static const enum sql_query checkin_queries[] = {
	Q_alumni_checkin_by_id,
	Q_alumni_checkin_by_client,
	Q_alumni_checkin_by_task,
};
const struct row_table alumni_checkin_rows = ROW_TABLE(struct alumni_checkin,
    "alumni check-in", checkin_cols, checkin_queries);

static const struct col alumnus_cols[] = {
	C_INT(struct alumnus, client_id, "client_id"),
	C_TEXT(struct alumnus, mrn, "mrn"),
	C_TEXT(struct alumnus, first_name, "first_name"),
	C_TEXT(struct alumnus, last_name, "last_name"),
	C_TEXT(struct alumnus, preferred_name, "preferred_name"),
	C_TEXT(struct alumnus, phone, "phone"),
	C_INT(struct alumnus, episode_id, "episode_id"),
	C_INT(struct alumnus, site_id, "site_id"),
	C_TEXT(struct alumnus, site_name, "site_name"),
	C_TEXT(struct alumnus, discharged_on, "discharged_on"),
	C_TEXT(struct alumnus, discharge_type, "discharge_type"),
	C_INT(struct alumnus, last_checkin_at, "last_checkin_at"),
	C_TEXT(struct alumnus, last_event_on, "last_event_on"),
	C_INT(struct alumnus, next_checkin_id, "next_checkin_id"),
	C_I32(struct alumnus, next_day, "next_day"),
	C_TEXT(struct alumnus, next_due_on, "next_due_on"),
	C_INT(struct alumnus, coordinator_id, "coordinator_id"),
	C_TEXT(struct alumnus, coordinator_name, "coordinator_name"),
	C_INT(struct alumnus, checkins_reached, "checkins_reached"),
};
static const enum sql_query alumnus_queries[] = { Q_alumni_list };
const struct row_table alumnus_rows = ROW_TABLE(struct alumnus, "alumnus", alumnus_cols,
    alumnus_queries);
#define ALUMNUS_TOTAL_COL 19

static const struct col event_cols[] = {
	C_INT(struct alumni_event, id, "id"),
	C_INT(struct alumni_event, site_id, "site_id"),
	C_TEXT(struct alumni_event, on_date, "on_date"),
	C_TEXT(struct alumni_event, start_time, "start_time"),
	C_TEXT(struct alumni_event, topic, "topic"),
	C_INT(struct alumni_event, created_by, "created_by"),
	C_INT(struct alumni_event, created_at, "created_at"),
	C_TEXT(struct alumni_event, site_name, "site_name"),
	C_INT(struct alumni_event, yes, "yes"),
	C_INT(struct alumni_event, maybe, "maybe"),
	C_INT(struct alumni_event, no, "no"),
	C_INT(struct alumni_event, attended, "attended"),
};
static const enum sql_query event_queries[] = { Q_alumni_event_by_id, Q_alumni_event_list };
const struct row_table alumni_event_rows = ROW_TABLE(struct alumni_event, "alumni event",
    event_cols, event_queries);

static const struct col rsvp_cols[] = {
	C_INT(struct alumni_rsvp, event_id, "event_id"),
	C_INT(struct alumni_rsvp, client_id, "client_id"),
	C_TEXT(struct alumni_rsvp, rsvp, "rsvp"),
	C_I32(struct alumni_rsvp, attended, "attended"),
	C_INT(struct alumni_rsvp, updated_by, "updated_by"),
	C_INT(struct alumni_rsvp, updated_at, "updated_at"),
	C_TEXT(struct alumni_rsvp, client_mrn, "client_mrn"),
	C_TEXT(struct alumni_rsvp, client_first, "client_first"),
	C_TEXT(struct alumni_rsvp, client_last, "client_last"),
	C_TEXT(struct alumni_rsvp, client_preferred, "client_preferred"),
};
static const enum sql_query rsvp_queries[] = { Q_alumni_rsvp_by_event, Q_alumni_rsvp_get };
const struct row_table alumni_rsvp_rows = ROW_TABLE(struct alumni_rsvp, "RSVP", rsvp_cols,
    rsvp_queries);

enum err
store_tx_alumni_coordinator(struct store_tx *tx, int64_t site_id, int64_t *id, struct error *e)
{
	return tx_int(tx, Q_alumni_coordinator_pick, site_id, 0, id,
	    "finding the alumni coordinator", e);
}

enum err
store_tx_alumni_checkin_insert(struct store_tx *tx, struct alumni_checkin *c, struct error *e)
{
	return tx_insert(tx, Q_alumni_checkin_insert, ARGS(A_INT(c->episode_id),
	    A_INT(c->client_id), A_INT(c->day), A_TEXT(c->due_on), A_INT(c->task_id),
	    A_INT(tx->now)), &c->id, e);
}

enum err
store_tx_alumni_checkin_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct alumni_checkin *out, struct error *e)
{
	return tx_get_row(tx, Q_alumni_checkin_by_id, ARGS(A_INT(id)), a, &alumni_checkin_rows,
	    out, e);
}

enum err
store_alumni_checkin_get(struct store *s, int64_t id, struct arena *a,
    struct alumni_checkin *out, struct error *e)
{
	return get_row(s, Q_alumni_checkin_by_id, ARGS(A_INT(id)), a, &alumni_checkin_rows, out,
	    e);
}

enum err
store_tx_alumni_checkin_record(struct store_tx *tx, const struct alumni_checkin *c, int64_t by,
    int64_t at, struct error *e)
{
	return tx_change(tx, Q_alumni_checkin_record, ARGS(A_INT(c->id), A_TEXT(c->outcome),
	    A_INT(c->attempts), A_INT(c->closed), A_TEXT(c->recovery_status), A_TEXT(c->notes),
	    A_INT(c->readmission_wanted), A_INT(c->inquiry_id), A_INT(by), A_INT(at)),
	    "alumni check-in", e);
}

enum err
store_alumni_checkins_client(struct store *s, int64_t client_id, struct arena *a,
    struct alumni_checkin **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_alumni_checkin_by_client, client_id, a,
	    &alumni_checkin_rows, &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_alumni_checkins_task(struct store *s, int64_t task_id, struct arena *a,
    struct alumni_checkin **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_alumni_checkin_by_task, task_id, a, &alumni_checkin_rows,
	    &tmp, n, e);

	*items = tmp;
	return rc;
}

enum err
store_alumni_list(struct store *s, int64_t site_id, bool overdue_only, struct date today,
    struct page pg, struct arena *a, struct alumnus **items, size_t *n, int64_t *total,
    struct error *e)
{
	char d[11];
	void *tmp = NULL;
	enum err rc;

	date_format(today, d);
	rc = page_rows(s, Q_alumni_list, ARGS(A_INT(site_id), A_INT(overdue_only), A_TEXT(d),
	    A_LIMIT(pg), A_OFFSET(pg)), pg, a, &alumnus_rows, ALUMNUS_TOTAL_COL, &tmp, n, total,
	    e);
	*items = tmp;
	return rc;
}

enum err
store_tx_alumni_is_alumnus(struct store_tx *tx, int64_t client_id, bool *yes, struct error *e)
{
	int64_t n = 0;

	if (tx_int(tx, Q_alumni_is_alumnus, client_id, 0, &n, "reading the client's episodes",
	    e) != ERR_OK)
		return e->code;
	*yes = n > 0;
	return ERR_OK;
}

enum err
store_tx_alumni_event_insert(struct store_tx *tx, struct alumni_event *ev, struct error *e)
{
	if (tx_exec_field(tx, Q_alumni_event_insert, ARGS(A_INT(ev->site_id),
	    A_TEXT(ev->on_date), A_TEXT(ev->start_time), A_TEXT(ev->topic),
	    A_INT(ev->created_by), A_INT(tx->now)), "site_id", "is not a site",
	    "adding an alumni event", e) != ERR_OK)
		return e->code;
	ev->id = db_last_id(WDB(tx));
	return ERR_OK;
}

enum err
store_tx_alumni_event_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct alumni_event *out, struct error *e)
{
	return tx_get_row(tx, Q_alumni_event_by_id, ARGS(A_INT(id)), a, &alumni_event_rows, out,
	    e);
}

enum err
store_alumni_event_get(struct store *s, int64_t id, struct arena *a, struct alumni_event *out,
    struct error *e)
{
	return get_row(s, Q_alumni_event_by_id, ARGS(A_INT(id)), a, &alumni_event_rows, out, e);
}

enum err
store_alumni_event_list(struct store *s, int64_t site_id, struct page pg, struct arena *a,
    struct alumni_event **items, size_t *n, int64_t *total, struct error *e)
{
	void *tmp = NULL;
	enum err rc = page_counted(s, Q_alumni_event_list, Q_alumni_event_count,
	    ARGS(A_INT(site_id), A_LIMIT(pg), A_OFFSET(pg)), pg, a, &alumni_event_rows, &tmp, n,
	    total, e);

	*items = tmp;
	return rc;
}

enum err
store_alumni_rsvp_list(struct store *s, int64_t event_id, struct arena *a,
    struct alumni_rsvp **items, size_t *n, struct error *e)
{
	void *tmp = NULL;
	enum err rc = list_by_id(s, Q_alumni_rsvp_by_event, event_id, a, &alumni_rsvp_rows, &tmp,
	    n, e);

	*items = tmp;
	return rc;
}

enum err
store_tx_alumni_rsvp_get(struct store_tx *tx, int64_t event_id, int64_t client_id,
    struct arena *a, struct alumni_rsvp *out, struct error *e)
{
	return tx_get_row(tx, Q_alumni_rsvp_get, ARGS(A_INT(event_id), A_INT(client_id)), a,
	    &alumni_rsvp_rows, out, e);
}

enum err
store_tx_alumni_rsvp_put(struct store_tx *tx, const struct alumni_rsvp *r, struct error *e)
{
	return tx_exec(tx, Q_alumni_rsvp_put, ARGS(A_INT(r->event_id), A_INT(r->client_id),
	    A_TEXT(r->rsvp), A_INT(r->attended), A_INT(r->updated_by), A_INT(tx->now)), e);
}

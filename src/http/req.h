/*
 * req.h — what a route handler sees: one request, its arena, its session,
 * and the helpers that answer it.  Private to src/http/.
 *
 * A handler decodes its input into typed structs, and either reads and
 * answers at once (reply_*) or hands an operation (src/ops) to the store with
 * req_op(); in both cases the request's audit rows are committed before the
 * answer leaves.  No handler sees a store transaction.
 */
#ifndef IOP_REQ_H
#define IOP_REQ_H

#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>
#include <stdatomic.h>

#include <jansson.h>

#include "core/audit.h"
#include "core/inquiry.h"
#include "core/perm.h"
#include "http/http.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/err.h"
#include "ops/ops.h"
#include "store/store.h"

enum method { M_GET, M_POST, M_PUT, M_PATCH, M_DELETE, M_HEAD, M_OTHER, M__MAX };

/* rate.c — attempts per client address in fixed windows, in memory.  Each
 * address is counted exactly, IPv6 by its /64, in a table of RATE_ENTRIES
 * entries; when it is full the least recently used entry is dropped (an
 * expired one whenever any is).  A live counter is therefore lost only after
 * RATE_ENTRIES other addresses have tried since its last attempt. */
#define RATE_ENTRIES 4096
#define RATE_BUCKETS 8192	/* a power of two */
#define RATE_KEY 64		/* as long as struct req's addr */
struct rate_entry {
	char key[RATE_KEY];	/* the normalised address (rate_key) */
	int64_t window;		/* now / window_seconds of its last attempt */
	int count;		/* attempts in that window, at most the limit */
	uint32_t hash;
	int32_t chain;		/* next entry in its bucket, or -1 */
	int32_t older, newer;	/* its place in the use order, or -1 */
};
struct rate_table {
	pthread_mutex_t lock;
	unsigned char seed[16];	/* keyed hash: buckets cannot be aimed at */
	int32_t used;		/* entries in use: e[0 .. used-1] */
	int32_t newest, oldest;	/* ends of the use order, or -1 */
	int32_t bucket[RATE_BUCKETS];
	struct rate_entry e[RATE_ENTRIES];
};

/* refusals.c — refusals of requests that never signed in, counted per
 * (address, route, reason) and minute so an outsider cannot write without
 * limit.  A slot is shared by keys whose hash collides; the newest wins and
 * the one it displaces is summed up first. */
#define REFUSAL_SLOTS 1024
#define REFUSAL_PROBE 8	/* the slots a key may use, from its hash on */
struct refusal_key {
	char addr[64];
	int route;		/* enum route, -1 none */
	const char *why;	/* a string literal of router.c */
	int64_t minute;		/* unix seconds / 60 */
};
struct refusal_table {
	pthread_mutex_t lock;
	struct {
		struct refusal_key key;
		int count;	/* refusals in key.minute, the first included */
	} slot[REFUSAL_SLOTS];
};

/* Failed sign-ins per username, known or not (auth.c). */
#define FAIL_SLOTS	4096
#define FAIL_FORGET	(15 * 60)
#define FAIL_MAX	1000
struct fail_table {
	pthread_mutex_t lock;
	struct fail_slot {
		uint8_t key[32];	/* the username's SHA-256 */
		int64_t last;		/* the request clock's time of the last failure */
		int count;		/* 0: a free slot */
	} slot[FAIL_SLOTS];
};

/* slow.c — the password threads and their bounded queue. */
struct req;
struct slow_pool {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct req **q;		/* a ring of cap places */
	int cap, head, len;
	int reserved;		/* places taken: queued or running */
	bool stop;
	pthread_t *th;
	int nth;
};

/*
 * The running server: its settings (read once at start), and everything it
 * keeps between requests.  One per http_serve(); nothing of it is a global.
 */
#define ARENA_POOL 128
struct app {
	struct store *store;
	struct http_settings set;
	char origin_scheme[8];	/* "http" or "https" */
	struct rate_table login_rate;	/* sign-ins per minute (auth.c) */
	struct rate_table public_rate;	/* public submissions per hour (api_public.c) */
	struct rate_table feed_rate;	/* calendar feed fetches per hour (api_feeds.c) */
	struct refusal_table refusals;	/* unauthenticated refusals (router.c) */

	/* server.c's: freed request arenas kept for reuse, */
	pthread_mutex_t pool_lock;
	struct arena *pool[ARENA_POOL];
	int pooled;
	/* slowed answers waiting for their time, sorted by due_ms, */
	pthread_mutex_t delay_lock;
	pthread_cond_t delay_cond;
	struct req *delayed;
	bool delay_stop;
	/* requests waiting for a password thread (slow.c), */
	struct slow_pool slow;
	/* and requests whose job is with the store. */
	atomic_int inflight;
	char dummy_hash[128];	/* auth.c: for sign-ins of unknown accounts */
	struct fail_table fails;	/* auth.c: failed sign-ins per username */
};

/*
 * What a route audits, declared in its line of the route table (routes.c):
 * the frame writes the row when the handler answered 2xx or its write
 * succeeded, so a handler cannot forget it.  rec says where the row's record
 * id comes from, client where its client(s) come from.
 */
enum au_rec {
	AU_REC_NONE,
	AU_REC_PATH,		/* the path's first id */
	AU_REC_PATH2,		/* the path's second id */
	AU_REC_RESULT,		/* the record the operation made or changed */
	AU_REC_HANDLER,		/* the handler names it: req_about() */
};
enum au_client {
	AU_CL_NONE,		/* no client data */
	AU_CL_PATH,		/* /clients/{id}/...: the path's first id */
	AU_CL_RESULT,		/* every client the operation touched */
	AU_CL_HANDLER,		/* the client of the record read: req_about() */
	AU_CL_ROWS,		/* every client the list answer shows: req_listed() */
};
struct audit_decl {
	const char *action;	/* NULL: the route writes no audit row */
	const char *record_type;
	enum au_rec rec;
	enum au_client client;
};

struct req;
typedef void (*handler_fn)(struct req *r);
typedef void (*after_fn)(struct req *r);

struct req {
	struct app *app;
	void *conn;		/* struct MHD_Connection * */
	struct arena *arena;
	enum method method;
	const char *url;
	char *body;
	size_t body_len, body_cap;	/* body grows by doubling in the arena */
	bool too_large;
	json_t *in;		/* the parsed body, freed with the request */
	char addr[64];
	int64_t now;

	/* Routing. */
	int route;		/* enum route, -1 none */
	int64_t ids[3];
	int nids;
	char code_param[33];	/* a {code} path segment: [a-z0-9_], 1-32 */
	/* When set, the query string req_query() reads instead of the URL's:
	 * name, value, ..., NULL (a route run as part of another, api_chart.c). */
	const char *const *query_set;

	/* Authentication. */
	bool authed;
	struct session sess;
	char roles_str[160];
	bool touch_session;

	/* The answer. */
	int status;
	char *resp;
	size_t resp_len;
	const char *ctype;
	const char *set_cookie;
	const char *location;
	const char *disposition;	/* Content-Disposition, e.g. a download */
	bool answered;
	bool resp_persistent;	/* resp points at embedded bytes */
	bool resp_heap;		/* resp is malloc'd; MHD frees it once queued */

	/* A write for the store, and what to do when it is durable.  Audit
	 * rows grow in the arena, with no fixed cap. */
	struct audit_event *audit;
	size_t naudit, audit_cap;
	struct op_call *op;	/* the operation req_op() handed to the store */
	/* What the handler adds to its route's audit declaration. */
	const char *au_action;	/* replaces the declared action */
	const char *au_detail;	/* "" by default; never health information */
	int64_t au_record, au_client;	/* AU_REC_HANDLER, AU_CL_HANDLER */
	int64_t *listed;	/* AU_CL_ROWS: the clients shown, each once */
	size_t nlisted, listed_cap;
	bool audit_lost;	/* a row could not be allocated */
	after_fn after;
	handler_fn slow;	/* the rest of the handler, for a password thread */
	void *slow_arg;
	const struct audit_decl *decl;	/* the route's, once routed */
	struct store_job job;
	int state;		/* server.c's */
	int delay_ms;		/* hold the answer this long (slowed sign-in) */
	int64_t due_ms;
	struct req *delay_next;
};

/* Answers. */
void reply_json(struct req *r, int status, json_t *body);	/* steals body */
void reply_empty(struct req *r, int status);
/* Answer the malloc'd bytes p[0..n) as ctype; the answer frees them. */
void reply_owned(struct req *r, int status, const char *ctype, char *p, size_t n);
/* Forget the answer and what the handler added to the declared audit row:
 * the request can be answered again (a route run as part of another). */
void reply_forget(struct req *r);
void reply_error(struct req *r, const struct error *e);	/* status from e->code */
void reply_err(struct req *r, enum err code, const char *msg);
int err_status(enum err code);

/* The items page pg shows of a list of n read whole: [*off, *off + *cnt). */
static inline void
page_slice(struct page pg, size_t n, size_t *off, size_t *cnt)
{
	*off = (size_t)pg.offset < n ? (size_t)pg.offset : n;
	*cnt = n - *off < (size_t)pg.limit ? n - *off : (size_t)pg.limit;
}

/* Answer {"items": [fn(&items[0]), ...], "total": total}. */
#define reply_list(r, items, n, fn, total)                                      \
	do {                                                                    \
		json_t *arr_ = json_array();                                    \
		for (size_t i_ = 0; i_ < (n); i_++)                             \
			json_array_append_new(arr_, fn(&(items)[i_]));           \
		reply_json((r), 200, json_pack("{s:o,s:I}", "items", arr_,      \
		    "total", (json_int_t)(total)));                             \
	} while (0)

/* A list read whole, answered a page at a time (?limit, ?offset). */
#define reply_list_page(r, items, n, fn, pg)                                    \
	do {                                                                    \
		size_t off_, cnt_;                                              \
		page_slice((pg), (n), &off_, &cnt_);                            \
		reply_list((r), (items) + off_, cnt_, fn, (int64_t)(n));        \
	} while (0)

/*
 * The same, for a route that audits its rows (AU_CL_ROWS): every client
 * shown (each item's `clientfield`) is named to the frame, and the row's
 * detail lists the ids shown ("ids=3,7,9" from each item's `idfield`) —
 * never what was searched for.
 */
#define reply_list_audited(r, items, n, fn, total, idfield, clientfield)        \
	do {                                                                    \
		struct buf ids_;                                                \
		buf_init(&ids_, 0);                                             \
		buf_puts(&ids_, "ids=");                                        \
		for (size_t k_ = 0; k_ < (n); k_++) {                           \
			buf_printf(&ids_, "%s%lld", k_ ? "," : "",              \
			    (long long)(items)[k_].idfield);                    \
			req_listed((r), (items)[k_].clientfield);               \
		}                                                               \
		req_audit_as((r), NULL, buf_cstr(&ids_));                       \
		buf_free(&ids_);                                                \
		reply_list((r), (items), (n), fn, (total));                     \
	} while (0)

/*
 * A list handler for the records under one record (GET /<parents>/{id}/...):
 * the parent, of type ptype read with get, must exist; the read is about it
 * (and the client its field client_of names), for the route's declared
 * audit row; the answer is paged.
 */
#define CHILD_LIST(fn, ptype, get, client_of, list, type, to_json)                    \
	void                                                                         \
	fn(struct req *r)                                                            \
	{                                                                            \
		type *items;                                                         \
		ptype p_;                                                            \
		struct page pg;                                                      \
		struct error e;                                                      \
		size_t n;                                                            \
		error_clear(&e);                                                     \
		if (!req_page(r, &pg))                                               \
			return;                                                      \
		if (get(r->app->store, r->ids[0], r->arena, &p_, &e) != ERR_OK ||    \
		    list(r->app->store, p_.id, r->arena, &items, &n, &e) != ERR_OK) { \
			reply_error(r, &e);                                          \
			return;                                                      \
		}                                                                    \
		req_about(r, p_.id, p_.client_of);                                   \
		reply_list_page(r, items, n, to_json, pg);                           \
	}

/* GET /.../{id}: the record get reads by the path's id, as to_json gives it. */
#define GET_ONE(fn, type, get, to_json)                                               \
	void                                                                         \
	fn(struct req *r)                                                            \
	{                                                                            \
		type x_;                                                             \
		struct error e;                                                      \
		error_clear(&e);                                                     \
		if (get(r->app->store, r->ids[0], r->arena, &x_, &e) != ERR_OK) {   \
			reply_error(r, &e);                                          \
			return;                                                      \
		}                                                                    \
		reply_json(r, 200, to_json(&x_));                                    \
	}

/* GET a list the store reads a page at a time with its total. */
#define GET_PAGE(fn, type, list, to_json)                                             \
	void                                                                         \
	fn(struct req *r)                                                            \
	{                                                                            \
		type *items;                                                         \
		struct page pg;                                                      \
		struct error e;                                                      \
		int64_t total;                                                       \
		size_t n;                                                            \
		error_clear(&e);                                                     \
		if (!req_page(r, &pg))                                               \
			return;                                                      \
		if (list(r->app->store, pg, r->arena, &items, &n, &total, &e) != ERR_OK) { \
			reply_error(r, &e);                                          \
			return;                                                      \
		}                                                                    \
		reply_list(r, items, n, to_json, total);                             \
	}

/* The records under one client (GET /clients/{id}/...), read as the client's. */
#define CLIENT_LIST(fn, list, type, to_json)                                          \
	CHILD_LIST(fn, struct client, store_client_get, id, list, type, to_json)

/* 409 duplicate with the matching clients (api_clients.c). */
void reply_duplicates(struct req *r, const struct error *e, const struct client *d,
    size_t n);

/* Audit: add a row for this request (who, role, address filled in).  Routes
 * declare their rows in the route table; this is for the frame itself
 * (refusals, sign-in). */
void req_audit(struct req *r, const char *action, const char *record_type,
    int64_t record_id, int64_t client_id, const char *detail);
/* The record and client a read was about, for AU_*_HANDLER declarations. */
void req_about(struct req *r, int64_t record_id, int64_t client_id);
/* A client shown in a list answer (AU_CL_ROWS); 0 is ignored. */
void req_listed(struct req *r, int64_t client_id);
/* Action (NULL: the declared one) and detail (NULL: none) of the declared row. */
void req_audit_as(struct req *r, const char *action, const char *detail);
/* The frame: writes the row the route declares (router.c). */
void req_audit_declared(struct req *r, const struct audit_decl *d);

/*
 * Work too slow for an HTTP worker — hashing or checking a password — is
 * named here by the handler once it has done the quick part: the frame
 * queues the request for a password thread (slow.c), or answers 429 at once
 * when the queue is full.  rest then does what a handler does (answer,
 * audit, req_op) and the route's audit declaration applies after it.
 * rest finds arg in r->slow_arg; everything it reads must live in the
 * request's arena or its body.
 */
void req_slow(struct req *r, handler_fn rest, void *arg);

/*
 * Hand an operation to the store: run is the operation's OP_RUN adapter, in
 * its typed input.  The actor is the request's session, address and clock.
 * Once the operation succeeds, inside its transaction, the audit rows the
 * handler added are completed from the result: a row with no record id gets
 * the record the operation made or changed, a row with no client gets the
 * first client it touched, and the row names every further client touched
 * in its client index; the operation's action and detail, when it set them,
 * replace the declared ones.  after() reads r->op->res.  Returns the call (for op-specific
 * input set later), or NULL after answering 500.
 */
struct op_call *req_op(struct req *r, op_run_fn run, const void *in, after_fn after);

/* Query string: NULL when absent (r->query_set when set). */
const char *req_query(struct req *r, const char *key);
/*
 * ?key= as a whole number (digits only) from min to max: absent is true and
 * leaves *out alone; otherwise false with a field error naming key (msg).
 */
bool req_query_int(struct req *r, const char *key, int64_t min, int64_t max, int64_t *out,
    struct error *e, const char *msg);
const char *req_header(struct req *r, const char *key);

/* Paging from ?limit= and ?offset=; false after answering 400. */
bool req_page(struct req *r, struct page *pg);

/* The body as a JSON object; NULL after answering 400 (malformed). */
json_t *req_json_object(struct req *r);

/* json.c — instants in bodies, and the JSON of each record. */
/* "2026-11-28T14:30Z" or "2026-11-28T14:30:00Z": a UTC instant. */
bool instant_parse(const char *s, int64_t *out);
json_t *json_error_body(const struct error *e);
json_t *jstr(const char *s);	/* "" for NULL */
/* v as compact JSON text in a; takes v (NULL in, NULL out). */
char *json_dump_arena(struct arena *a, json_t *v);
json_t *jdate(struct date d);
json_t *jtime(int64_t t);	/* null for 0 */

/* api_hours.c — shared with api_billing.c. */
/* The zone of site_id (read into *site), malloc'd (the caller frees it);
 * NULL with e set (409 when the server does not know the site's zone). */
struct tz *site_zone(struct req *r, int64_t site_id, struct site *site, struct error *e);
/* The local dates first .. last (inclusive) in z and the instants holding them. */
struct hours_span span_of(const struct tz *z, struct date first, struct date last);

/* zones.c — the site zones a list answer needs, each loaded once per
 * request; zones_free when done. */
#define ZONES_MAX 16
struct zones {
	int n;
	struct { const char *name; struct tz *z; } v[ZONES_MAX];
};
void zones_free(struct zones *zs);
/* The day number of instant t in zone name (UTC when it cannot be read). */
int64_t day_in(struct zones *zs, const char *name, int64_t t);

json_t *client_to_json(const struct client *c);
json_t *contact_to_json(const struct contact *c);
json_t *staff_to_json(const struct staff *s);
json_t *site_to_json(const struct site *s);
json_t *room_to_json(const struct room *r);
json_t *track_to_json(const struct track *t);
/* api_schedule.c: a track's weekly blocks from a body's "blocks" (faults
 * named blocks[i].field in e; false when any), and back. */
bool blocks_decode(json_t *v, struct arena *a, struct track *t, struct error *e);
json_t *blocks_to_json(const struct track *t);
json_t *audit_to_json(const struct audit_event *ev);
json_t *roles_to_json(roleset rs);
json_t *task_to_json(const struct task *t);

/* Handlers, one per route (api_*.c, auth.c). */
/* api_plans.c */
void h_interventions(struct req *r);
void h_client_plans(struct req *r);
void h_episode_plans(struct req *r);
void h_episode_plan_create(struct req *r);
void h_plan_get(struct req *r);
void h_plan_patch(struct req *r);
void h_plan_sign(struct req *r);
void h_plan_client_sign(struct req *r);
void h_plan_revise(struct req *r);
void h_plan_reviews(struct req *r);
void h_session_note(struct req *r);
void h_appointment_note(struct req *r);
void h_client_notes(struct req *r);
void h_note_worklist(struct req *r);
void h_note_get(struct req *r);
void h_note_patch(struct req *r);
void h_note_sign(struct req *r);
void h_note_cosign(struct req *r);
void h_note_addendum(struct req *r);
void h_healthz(struct req *r);
void h_session_create(struct req *r);
void h_session_delete(struct req *r);
void h_me(struct req *r);
void h_me_password(struct req *r);
void h_clients_list(struct req *r);
void h_clients_create(struct req *r);
void h_client_get(struct req *r);
void h_client_patch(struct req *r);
void h_client_active(struct req *r);
void h_contacts_list(struct req *r);
void h_contacts_create(struct req *r);
void h_contact_patch(struct req *r);
void h_contact_delete(struct req *r);
void h_client_audit(struct req *r);
void h_audit_list(struct req *r);
void h_audit_words(struct req *r);
void h_audit_export(struct req *r);
void h_client_chart(struct req *r);
void h_staff_list(struct req *r);
void h_staff_create(struct req *r);
void h_staff_get(struct req *r);
void h_staff_patch(struct req *r);
void h_staff_unlock(struct req *r);
void h_staff_password(struct req *r);
void h_sites_list(struct req *r);
void h_sites_create(struct req *r);
void h_site_get(struct req *r);
void h_site_patch(struct req *r);
void h_rooms_list(struct req *r);
void h_rooms_create(struct req *r);
void h_room_get(struct req *r);
void h_room_patch(struct req *r);
void h_tracks_list(struct req *r);
void h_tracks_create(struct req *r);
void h_track_get(struct req *r);
void h_track_patch(struct req *r);
void h_group_types(struct req *r);
void h_closures_create(struct req *r);
void h_closures_list(struct req *r);
void h_closure_delete(struct req *r);
void h_sessions_generate(struct req *r);
void h_sessions_create(struct req *r);
void h_sessions_list(struct req *r);
void h_session_get(struct req *r);
void h_session_patch(struct req *r);
void h_session_attendance_put(struct req *r);
void h_enrolments_create(struct req *r);
void h_enrolments_list(struct req *r);
void h_client_hours(struct req *r);
void h_client_hours_weeks(struct req *r);
void h_hours_list(struct req *r);
void h_client_billable_days(struct req *r);
void h_billable_days_list(struct req *r);
void h_program_get(struct req *r);
void h_program_patch(struct req *r);
void h_setup_get(struct req *r);
void h_instruments_list(struct req *r);
void h_instrument_score(struct req *r);
void h_screening_record(struct req *r);
void h_screening_list(struct req *r);
void h_alerts_list(struct req *r);
void h_alert_resolve(struct req *r);
void h_alerts_unclaimed(struct req *r);
void h_alert_claim(struct req *r);
void h_tasks_list(struct req *r);
void h_tasks_count(struct req *r);
void h_task_done(struct req *r);
void h_placement_table(struct req *r);
void h_placement_recommend(struct req *r);
void h_placement_record(struct req *r);
void h_placement_list(struct req *r);
void h_placement_table_put(struct req *r);
void h_placement_table_restore(struct req *r);
void h_duty_list(struct req *r);
void h_inquiries_latest(struct req *r);
void h_duty_add(struct req *r);
void h_duty_remove(struct req *r);
void h_duty_series_list(struct req *r);
void h_duty_series_add(struct req *r);
void h_duty_series_update(struct req *r);
void h_duty_series_end(struct req *r);
void h_episodes_list(struct req *r);
void h_episode_admit(struct req *r);
void h_census(struct req *r);
void h_episode_discharge(struct req *r);
void h_episode_transfer(struct req *r);
void h_episode_discharge_preview(struct req *r);
void h_dsummary_get(struct req *r);
void h_dsummary_create(struct req *r);
void h_dsummary_patch(struct req *r);
void h_dsummary_sign(struct req *r);
void h_aftercare_vocabulary(struct req *r);
void h_aftercare_get(struct req *r);
void h_aftercare_list(struct req *r);
void h_aftercare_create(struct req *r);
void h_aftercare_version(struct req *r);
void h_aftercare_patch(struct req *r);
void h_aftercare_sign(struct req *r);
void h_aftercare_revise(struct req *r);
void h_aftercare_print(struct req *r);
/* An episode as the API shows it (api_episodes.c). */
struct episode;
json_t *episode_to_json(const struct episode *ep);
void h_coverages_list(struct req *r);
void h_coverage_create(struct req *r);
void h_coverage_patch(struct req *r);
void h_benefits_list(struct req *r);
void h_benefit_create(struct req *r);
void h_authorizations_list(struct req *r);
void h_authorization_create(struct req *r);
/* api_drugscreens.c */
void h_drugscreen_vocabulary(struct req *r);
void h_medications_list(struct req *r);
void h_medication_create(struct req *r);
void h_medication_patch(struct req *r);
void h_medication_history(struct req *r);
void h_drugscreens_list(struct req *r);
void h_drugscreen_create(struct req *r);
void h_drugscreen_results(struct req *r);
void h_drugscreen_get(struct req *r);
void h_drugscreen_error(struct req *r);
void h_measure_schedule_get(struct req *r);
void h_measure_schedule_patch(struct req *r);
void h_client_measures(struct req *r);
void h_measures_due(struct req *r);
/* api_consents.c */
void h_consent_vocabulary(struct req *r);
void h_consents_list(struct req *r);
void h_consent_create(struct req *r);
void h_consent_revoke(struct req *r);
void h_disclosures_list(struct req *r);
void h_disclosure_create(struct req *r);
void h_disclosure_document(struct req *r);
void h_dsummary_send(struct req *r);
/* api_casemgmt.c */
void h_casemgmt_vocabulary(struct req *r);
void h_resources_list(struct req *r);
void h_resource_create(struct req *r);
void h_resource_get(struct req *r);
void h_resource_patch(struct req *r);
void h_client_casemgmt(struct req *r);
void h_need_put(struct req *r);
void h_court_create(struct req *r);
void h_court_remove(struct req *r);
void h_referral_create(struct req *r);
void h_referral_status(struct req *r);
void h_referral_patch(struct req *r);
void h_casemgmt_due(struct req *r);
/* api_care.c */
void h_care_team_list(struct req *r);
void h_care_team_add(struct req *r);
void h_care_team_remove(struct req *r);
void h_emergency_access(struct req *r);
/* api_alumni.c (issue 14, item 4) */
void h_alumni_list(struct req *r);
void h_alumni_checkins(struct req *r);
void h_client_alumni_checkins(struct req *r);
void h_alumni_checkin_record(struct req *r);
void h_alumni_events_list(struct req *r);
void h_alumni_event_create(struct req *r);
void h_alumni_event_get(struct req *r);
void h_alumni_rsvp_put(struct req *r);
void h_inquiry_contacts_list(struct req *r);
void h_inquiry_contact_create(struct req *r);
void h_inquiry_tasks_list(struct req *r);
void h_inquiry_task_create(struct req *r);
void h_inquiry_merge(struct req *r);
void h_public_program(struct req *r);
void h_public_inquiry(struct req *r);
void h_inquiries_list(struct req *r);
void h_inquiries_create(struct req *r);
void h_inquiry_get(struct req *r);
void h_inquiry_patch(struct req *r);
void h_inquiry_convert(struct req *r);
/* Screening and assessment on an inquiry, and voiding a screening (issue 11). */
void h_inquiry_screening_record(struct req *r);
void h_inquiry_screening_list(struct req *r);
void h_inquiry_placement_record(struct req *r);
void h_inquiry_placement_list(struct req *r);
void h_inquiry_alerts_list(struct req *r);
void h_screening_void(struct req *r);
/* Appointments (issue 12). */
void h_appointment_kinds(struct req *r);
void h_client_appointments(struct req *r);
void h_appointment_book(struct req *r);
void h_appointments_list(struct req *r);
void h_appointment_get(struct req *r);
void h_appointment_reschedule(struct req *r);
void h_appointment_cancel(struct req *r);
void h_appointment_attendance(struct req *r);
/* Calendar feeds (issue 12, api_feeds.c). */
void h_feeds_create(struct req *r);
void h_feeds_list(struct req *r);
void h_feed_revoke(struct req *r);
void h_feed_serve(struct req *r);
void h_appointment_conflicts(struct req *r);	/* api_conflicts.c */

/* router.c */
enum route_flag {
	RF_PUBLIC = 1,		/* no session */
	RF_NO_CSRF = 2,		/* no token (still checks Origin) */
	RF_PW_CHANGE_OK = 4,	/* allowed while a password change is due */
	RF_NO_CARE = 8,		/* a client route open to staff outside the client's
				 * care (care_check.c): breaking the glass,
				 * admitting */
};
/* Finds the route, authenticates, checks Origin/CSRF and permission, then
 * calls the handler.  Answers 401/403/404/405 itself. */
void router_dispatch(struct req *r);
/* The care relationship rule (core/care.h) for a client a handler learns
 * from the body, not the path (a client's calendar feed): true when the
 * user may go on, false after answering 403 care_relationship_required.
 * The path's client and record are checked by the router before any
 * handler. */
bool req_care(struct req *r, int64_t client_id);
/* Match url against a route's path pattern, filling its {id}s and {code}
 * (exposed for the text-parser fuzz target). */
bool router_match(const char *pat, const char *url, int64_t *ids, int *nids, char code[33]);
/* Runs the handler's slow rest (req_slow) and its route's audit
 * declaration; returns r. */
struct req *router_slow_rest(struct req *r);

/* slow.c: the password threads (see req_slow). */
enum err slow_start(struct app *app, int threads, int places, struct error *e);
/* Take a place in the queue; false when every place is taken. */
bool slow_reserve(struct app *app);
/* Queue r in the place taken for it. */
void slow_push(struct app *app, struct req *r);
/* Finish what is queued, then end the threads. */
void slow_stop(struct app *app);
/* server.c: a request back from its password thread, connection suspended. */
void server_slow_done(struct req *r);

/* Initialise t (its lock too) and forget every count. */
void rate_reset(struct rate_table *t);
/* The key addr is counted under: an IPv4 address as a dotted quad (also when
 * IPv4-mapped in IPv6), an IPv6 address as its /64 ("2001:db8:1:2::/64"),
 * anything else as itself, cut to fit. */
void rate_key(const char *addr, char out[RATE_KEY]);
/* Count one attempt by addr in the window of now; false when it is over limit. */
bool rate_allow(struct rate_table *t, const char *addr, int64_t now, int window_seconds,
    int limit);

void refusals_reset(struct refusal_table *t);
void refusals_destroy(struct refusal_table *t);
/* Count a refusal of key (its minute from now): true when it is the first of
 * its key's minute and so is written as a row now.  *done gets a key whose
 * minute is over with the refusals after its first (*ndone > 0) that no row
 * has counted yet; *ndone is 0 when there is none. */
bool refusals_note(struct refusal_table *t, const char *addr, int route, const char *why,
    int64_t now, struct refusal_key *done, int *ndone);
/* Up to max keys whose minute is over (all: every key) with refusals after
 * their first, into out and counts (the refusals after the first); their
 * slots are freed.  Returns how many. */
int refusals_take(struct refusal_table *t, int64_t now, bool all, struct refusal_key *out,
    int *counts, int max);
/* router.c: the request.refused_more row's detail for key k with n more. */
void refusal_detail(const struct refusal_key *k, int n, char *out, size_t cap);

/* auth.c */
bool auth_session_from_cookie(struct req *r);
void auth_init(struct app *app);
/* A static file, or NULL. */
bool assets_serve(struct req *r);

#endif

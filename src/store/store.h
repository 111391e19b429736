/*
 * store.h — the whole interface to the database.
 *
 * The only code that speaks SQL sits behind this header; nothing here names
 * a SQLite type, so a PostgreSQL driver can sit behind the same functions.
 *
 * Reads may be called from any thread: each thread gets its own read
 * connection.  Every write is a job run by the single writer thread, which
 * takes all jobs queued so far, runs each in its own SAVEPOINT inside one
 * transaction, appends each job's audit rows to the hash chain, commits once
 * (one flush for the whole batch: group commit), writes the chain head file,
 * and then completes each job.  A job that fails rolls back only itself.
 * Inside a job, the store_tx_* functions read and write on the writer's
 * connection, so a check and the write it guards are one atomic step.
 */
#ifndef IOP_STORE_H
#define IOP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/alert.h"
#include "core/audit.h"
#include "core/client.h"
#include "core/directory.h"
#include "core/appointment.h"
#include "core/ical.h"
#include "core/duty.h"
#include "core/discharge.h"
#include "core/episode.h"
#include "core/plan.h"
#include "core/hours.h"
#include "core/inquiry.h"
#include "core/insurance.h"
#include "core/placement.h"
#include "core/attendance.h"
#include "core/schedule.h"
#include "core/screening.h"
#include "core/search.h"
#include "core/session.h"
#include "lib/arena.h"
#include "lib/err.h"

struct store;
struct store_tx;

struct store_opts {
	bool create;		/* create and migrate; otherwise the schema must be current */
	bool readonly;		/* no writer thread (audit verify, backup) */
};

/* Opens PATH, its audit key (PATH.audit-key) and head (PATH.audit-head). */
enum err store_open(const char *path, const struct store_opts *o, struct store **out,
    struct error *e);
void store_close(struct store *s);
const char *store_path(const struct store *s);

/* ---- sessions ---------------------------------------------------------- */

enum err store_session_get(struct store *s, const uint8_t token_hash[32], struct arena *a,
    struct session *out, struct error *e);

/* ---- reads -------------------------------------------------------------- */

struct page {
	int limit, offset;
};

enum err store_client_get(struct store *s, int64_t id, struct arena *a, struct client *out,
    struct error *e);
enum err store_client_search(struct store *s, const struct client_search *q,
    bool include_inactive, struct page pg, struct arena *a, struct client **items,
    size_t *n, int64_t *total, struct error *e);
enum err store_contact_list(struct store *s, int64_t client_id, struct arena *a,
    struct contact **items, size_t *n, struct error *e);
enum err store_contact_get(struct store *s, int64_t client_id, int64_t contact_id,
    struct arena *a, struct contact *out, struct error *e);

enum err store_staff_get(struct store *s, int64_t id, struct arena *a, struct staff *out,
    struct error *e);
/* password_hash may be NULL when not wanted. */
enum err store_staff_by_username(struct store *s, const char *username, struct arena *a,
    struct staff *out, char **password_hash, struct error *e);
enum err store_staff_list(struct store *s, struct page pg, struct arena *a,
    struct staff **items, size_t *n, int64_t *total, struct error *e);
enum err store_staff_count(struct store *s, int64_t *n, struct error *e);

enum err store_site_get(struct store *s, int64_t id, struct arena *a, struct site *out,
    struct error *e);
enum err store_site_list(struct store *s, struct page pg, struct arena *a,
    struct site **items, size_t *n, int64_t *total, struct error *e);
enum err store_room_get(struct store *s, int64_t id, struct arena *a, struct room *out,
    struct error *e);
enum err store_room_list(struct store *s, int64_t site_id, struct page pg, struct arena *a,
    struct room **items, size_t *n, int64_t *total, struct error *e);
enum err store_track_list(struct store *s, int64_t site_id, struct page pg, struct arena *a,
    struct track **items, size_t *n, int64_t *total, struct error *e);
enum err store_track_get(struct store *s, int64_t id, struct arena *a, struct track *out,
    struct error *e);

/* The program's own details (one row, made by migration 0011). */
enum err store_program_get(struct store *s, struct arena *a, struct program *out,
    struct error *e);
/* What a fresh install still lacks (the set-up checklist). */
enum err store_setup_counts(struct store *s, struct arena *a, struct setup_counts *out,
    struct error *e);

enum err store_audit_by_client(struct store *s, int64_t client_id, struct page pg,
    struct arena *a, struct audit_event **items, size_t *n, int64_t *total,
    struct error *e);

/* What an audit review asks for; every part 0 or "" is "any". */
struct audit_filter {
	int64_t upto;		/* rows up to this id: the log as first read */
	int64_t from, to;	/* at >= from and at < to (unix seconds) */
	int64_t staff_id;	/* the row's user */
	int64_t client_id;	/* the row names the client or lists them */
	const char *action;	/* the action code */
};

/* The log, newest first, as f narrows it; total is the rows it matches. */
enum err store_audit_find(struct store *s, const struct audit_filter *f, struct page pg,
    struct arena *a, struct audit_event **items, size_t *n, int64_t *total,
    struct error *e);

/* ---- writes: jobs ------------------------------------------------------ */

typedef enum err (*store_job_fn)(struct store_tx *tx, void *arg, struct error *e);

struct store_job {
	store_job_fn run;		/* may be NULL: audit rows only */
	void *arg;
	struct audit_event *audit;	/* appended when run succeeds */
	size_t naudit;
	struct audit_event *audit_fail;	/* appended instead when run fails */
	size_t naudit_fail;
	/* Called on the writer thread once the batch is durable (or failed).
	 * NULL: store_run() waits instead. */
	void (*done)(struct store_job *j);
	void *user;
	/* Results. */
	enum err result;
	struct error err;
	/* Private to the store. */
	struct store_job *next;
	int finished;
};

/* Queue a job; with done set, returns at once and done() is called later. */
void store_submit(struct store *s, struct store_job *j);
/* Queue a job without done and wait until it is durable; returns j->result. */
enum err store_run(struct store *s, struct store_job *j);
/* Transactions committed by the writer since open: with group commit, fewer
 * than the jobs run when jobs arrive together.  For tests and metrics. */
int64_t store_stat_batches(struct store *s);
/* False while the writer's most recent batch failed with a database or I/O
 * error (a full disk, a read-only file, a failed commit or head seal); true
 * again after a batch that wrote.  Cheap: one flag under the queue lock. */
bool store_write_ok(struct store *s);
/* Jobs committed in those batches. */
int64_t store_stat_jobs(struct store *s);

/* Inside a job. */
int64_t store_tx_now(struct store_tx *tx);	/* the batch's clock, unix seconds */
enum err store_tx_client_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct client *out, struct error *e);
enum err store_tx_client_dupes(struct store_tx *tx, const struct client *c, struct arena *a,
    struct client **items, size_t *n, struct error *e);
/* Fills c->id, c->mrn, c->created_at, c->updated_at. */
enum err store_tx_client_insert(struct store_tx *tx, struct client *c, struct error *e);
enum err store_tx_client_update(struct store_tx *tx, struct client *c, struct error *e);
enum err store_tx_contact_get(struct store_tx *tx, int64_t client_id, int64_t contact_id,
    struct arena *a, struct contact *out, struct error *e);
enum err store_tx_contact_insert(struct store_tx *tx, struct contact *c, struct error *e);
enum err store_tx_contact_update(struct store_tx *tx, const struct contact *c,
    struct error *e);
enum err store_tx_contact_remove(struct store_tx *tx, int64_t client_id, int64_t contact_id,
    struct error *e);

enum err store_tx_staff_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct staff *out, struct error *e);
/* ERR_CONFLICT with field "username" when taken. */
enum err store_tx_staff_insert(struct store_tx *tx, struct staff *st, const char *pwhash,
    struct error *e);
enum err store_tx_staff_update(struct store_tx *tx, const struct staff *st, struct error *e);
enum err store_tx_staff_set_password(struct store_tx *tx, int64_t id, const char *pwhash,
    bool must_change, struct error *e);
enum err store_tx_staff_login_failed(struct store_tx *tx, int64_t id, int max_failures,
    int lock_seconds, struct error *e);
enum err store_tx_staff_login_ok(struct store_tx *tx, int64_t id, struct error *e);
enum err store_tx_staff_unlock(struct store_tx *tx, int64_t id, struct error *e);

enum err store_tx_site_insert(struct store_tx *tx, struct site *st, struct error *e);
enum err store_tx_site_update(struct store_tx *tx, const struct site *st, struct error *e);
enum err store_tx_room_insert(struct store_tx *tx, struct room *r, struct error *e);
enum err store_tx_room_update(struct store_tx *tx, const struct room *r, struct error *e);
enum err store_tx_track_insert(struct store_tx *tx, struct track *t, struct error *e);
enum err store_tx_track_update(struct store_tx *tx, const struct track *t, struct error *e);
enum err store_tx_program_get(struct store_tx *tx, struct arena *a, struct program *out,
    struct error *e);
/* Saves the details as given, stamped by staff member by at the job's time. */
enum err store_tx_program_update(struct store_tx *tx, struct program *p, int64_t by,
    struct error *e);

enum err store_tx_session_insert(struct store_tx *tx, const uint8_t token_hash[32],
    int64_t staff_id, const char *csrf, const char *address, int64_t expires_at,
    int64_t *id, struct error *e);
enum err store_tx_session_touch(struct store_tx *tx, int64_t id, struct error *e);
enum err store_tx_session_end(struct store_tx *tx, int64_t id, struct error *e);
enum err store_tx_sessions_end_staff(struct store_tx *tx, int64_t staff_id, struct error *e);
/* Every session of staff_id except session keep (a password change keeps
 * the session that made it). */
enum err store_tx_sessions_end_others(struct store_tx *tx, int64_t staff_id, int64_t keep,
    struct error *e);

/* ---- admissions -------------------------------------------------------- */

/* Inquiries: substances travel as substances_json (the HTTP layer encodes
 * and decodes the list). */
enum err store_inquiry_get(struct store *s, int64_t id, struct arena *a, struct inquiry *out,
    struct error *e);
enum err store_inquiry_list(struct store *s, const char *status, struct page pg,
    struct arena *a, struct inquiry **items, size_t *n, int64_t *total, struct error *e);
/* The newest inquiry's id, the last time any inquiry changed (0, 0 when
 * there are none) and a revision that grows with every change: enough for a
 * board to know whether to read again. */
enum err store_inquiry_latest(struct store *s, int64_t *latest_id, int64_t *changed_at,
    int64_t *revision, struct error *e);
/* The inquiries converted to or linked to one client, newest first; status
 * "" for all. */
enum err store_inquiry_list_client(struct store *s, int64_t client_id, const char *status,
    struct page pg, struct arena *a, struct inquiry **items, size_t *n, int64_t *total,
    struct error *e);
enum err store_tx_inquiry_insert(struct store_tx *tx, struct inquiry *q, struct error *e);
enum err store_tx_inquiry_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct inquiry *out, struct error *e);
enum err store_tx_inquiry_update(struct store_tx *tx, const struct inquiry *q,
    struct error *e);

enum err store_screening_list(struct store *s, int64_t client_id, struct page pg,
    struct arena *a, struct screening_row **items, size_t *n, int64_t *total,
    struct error *e);
/* Fills id and administered_at. */
enum err store_tx_screening_insert(struct store_tx *tx, struct screening_row *r,
    struct error *e);

/* ---- screening and assessment on an inquiry, and voiding (issue 11) ---- */
/* A page of an inquiry's screenings (voided ones too), newest first. */
enum err store_screening_list_inquiry(struct store *s, int64_t inquiry_id, struct page pg,
    struct arena *a, struct screening_row **items, size_t *n, int64_t *total,
    struct error *e);
enum err store_tx_screening_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct screening_row *out, struct error *e);
/* Void screening id (ERR_CONFLICT when voided already), and close the open
 * alerts it raised and their tasks with alert_response (*alerts_closed). */
enum err store_tx_screening_void(struct store_tx *tx, int64_t id, int64_t by,
    const char *reason, const char *alert_response, int64_t *alerts_closed,
    struct error *e);
/* The alerts raised by an inquiry's screenings, newest first. */
enum err store_alert_list_inquiry(struct store *s, int64_t inquiry_id, struct arena *a,
    struct alert **items, size_t *n, struct error *e);
/* A page of an inquiry's placement assessments, newest first. */
enum err store_placement_list_inquiry(struct store *s, int64_t inquiry_id, struct page pg,
    struct arena *a, struct placement_row **items, size_t *n, int64_t *total,
    struct error *e);
/* At conversion: the inquiry's screenings, placements, their alerts and the
 * alerts' tasks that have no client yet get client_id (counts out). */
enum err store_tx_inquiry_carry(struct store_tx *tx, int64_t inquiry_id, int64_t client_id,
    int64_t *screenings, int64_t *placements, struct error *e);
/* x: client_id, kind, message, source_type, source_id, site_id, unclaimed. */
enum err store_tx_alert_insert(struct store_tx *tx, const struct alert *x, int64_t *id,
    struct error *e);
/* ERR_CONFLICT when not unclaimed (any more); its open task becomes by's. */
enum err store_tx_alert_claim(struct store_tx *tx, int64_t id, int64_t by, struct error *e);
/* A page of the open unclaimed alerts staff_id sees (at their sites, or
 * with none), oldest first, and the total. */
enum err store_alert_unclaimed(struct store *s, int64_t staff_id, struct page pg,
    struct arena *a, struct alert **items, size_t *n, int64_t *total, struct error *e);
enum err store_tx_task_insert(struct store_tx *tx, const char *kind, const char *title,
    int64_t client_id, int64_t inquiry_id, int64_t alert_id, int64_t assigned_to,
    int64_t due_at, int64_t *id, struct error *e);
/* The active primary clinician of the client's open episode (0: none). */
enum err store_tx_client_clinician(struct store_tx *tx, int64_t client_id, int64_t *id,
    struct error *e);
/* The first active clinician (0 when there is none). */
enum err store_tx_clinician_first(struct store_tx *tx, int64_t *id, struct error *e);

/* A page of a client's alerts, newest first, and how many there are in all. */
enum err store_alert_list(struct store *s, int64_t client_id, bool open_only, struct page pg,
    struct arena *a, struct alert **items, size_t *n, int64_t *total, struct error *e);
/* A page of a staff member's tasks (open first, by due time) and the total. */
enum err store_task_list(struct store *s, int64_t assigned_to, bool open_only,
    struct page pg, struct arena *a, struct task **items, size_t *n, int64_t *total,
    struct error *e);
/* A staff member's open tasks, and how many of them were due before now. */
enum err store_task_count(struct store *s, int64_t assigned_to, int64_t now, int64_t *open,
    int64_t *overdue, struct error *e);
enum err store_tx_alert_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct alert *out, struct error *e);
/* ERR_CONFLICT when already resolved; closes the alert's open tasks too. */
enum err store_tx_alert_resolve(struct store_tx *tx, int64_t id, int64_t by,
    const char *response, struct error *e);
enum err store_tx_task_get(struct store_tx *tx, int64_t id, struct arena *a, struct task *out,
    struct error *e);
enum err store_tx_task_done(struct store_tx *tx, int64_t id, int64_t by, const char *response,
    struct error *e);

/* A page of a client's placement assessments, newest first, and the total. */
enum err store_placement_list(struct store *s, int64_t client_id, struct page pg,
    struct arena *a, struct placement_row **items, size_t *n, int64_t *total,
    struct error *e);
enum err store_tx_placement_insert(struct store_tx *tx, struct placement_row *p,
    struct error *e);

/* The version in force; ERR_NOTFOUND when none was saved (the default holds). */
enum err store_placement_table_current(struct store *s, struct arena *a,
    struct placement_table_row *out, struct error *e);
/* The newest version's number; 0 when none was saved. */
enum err store_tx_placement_table_version(struct store_tx *tx, int64_t *version,
    struct error *e);
enum err store_tx_placement_table_insert(struct store_tx *tx, struct placement_table_row *t,
    struct error *e);

enum err store_episode_list(struct store *s, int64_t client_id, struct arena *a,
    struct episode **items, size_t *n, struct error *e);
/* Open episodes; 0 / "" filters mean any. */
/* A page of the open episodes (0 and "" match any) and how many there are in all. */
enum err store_census(struct store *s, int64_t site_id, const char *level, int64_t track_id,
    struct page pg, struct arena *a, struct episode **items, size_t *n, int64_t *total,
    struct error *e);
/* One episode, read with its names (ERR_NOTFOUND when there is none). */
enum err store_episode_get(struct store *s, int64_t id, struct arena *a, struct episode *out,
    struct error *e);
enum err store_tx_episode_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct episode *out, struct error *e);
/* ---- discharge and transfer (discharge.c) ---- */
/* Episode ep->id (open) ends on `on`: ep's discharge_type, discharge_reason
 * and discharged_to written (ERR_CONFLICT when it is no longer open); its
 * places on tracks end at roster_end (exclusive) and any planned from then
 * go. */
enum err store_tx_episode_discharge(struct store_tx *tx, const struct episode *ep,
    struct date on, struct date roster_end, int64_t by, struct error *e);
/* The sessions not cancelled of episode_id's places from local date from on. */
enum err store_tx_discharge_sessions(struct store_tx *tx, int64_t episode_id,
    struct date from, int64_t *n, struct error *e);
/* The client's scheduled appointments from instant `from` on are cancelled
 * by the program with reason (a history row each); *n: how many. */
enum err store_tx_discharge_appointments(struct store_tx *tx, int64_t client_id, int64_t from,
    const char *reason, int64_t by, int64_t *n, struct error *e);
/* What a discharge would change, read: the sessions not cancelled of the
 * episode's places from local date `from` on, and the client's scheduled
 * appointments from instant `after` on. */
enum err store_discharge_preview(struct store *s, int64_t episode_id, int64_t client_id,
    struct date from, int64_t after, int64_t *sessions, int64_t *appts, struct error *e);
/* The parts of a discharge summary drafted from episode ep's record
 * (discharged_on set): into out's services, progress, scores, medications. */
enum err store_tx_dsummary_draft(struct store_tx *tx, const struct episode *ep,
    struct arena *a, struct dsummary *out, struct error *e);
/* A new summary d (draft): fills d->id; ERR_CONFLICT when the episode has one. */
enum err store_tx_dsummary_insert(struct store_tx *tx, struct dsummary *d, struct error *e);
enum err store_tx_dsummary_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct dsummary *out, struct error *e);
enum err store_dsummary_by_episode(struct store *s, int64_t episode_id, struct arena *a,
    struct dsummary *out, struct error *e);
/* d's text written (a draft only: ERR_CONFLICT otherwise). */
enum err store_tx_dsummary_update(struct store_tx *tx, const struct dsummary *d, int64_t by,
    struct error *e);
/* Draft id signed by `by` now (ERR_CONFLICT when it is signed already). */
enum err store_tx_dsummary_sign(struct store_tx *tx, int64_t id, int64_t by, struct error *e);
/* Episode id came from episode `from`, with weeks planned step-down weeks. */
enum err store_tx_episode_set_transfer(struct store_tx *tx, int64_t id, int64_t from,
    int weeks, struct error *e);
/* The id of the newest signed version of the episode's plan; 0 when none. */
enum err store_tx_plan_latest_signed(struct store_tx *tx, int64_t episode_id, int64_t *id,
    struct error *e);
enum err store_tx_episode_open_count(struct store_tx *tx, int64_t client_id, int64_t *n,
    struct error *e);
/* Fills id; when inquiry_id is set that inquiry (of this client) becomes
 * admitted. */
enum err store_tx_episode_insert(struct store_tx *tx, struct episode *ep, int64_t created_by,
    struct error *e);
/* The levels of care of the active tracks at active sites, each once. */
enum err store_tx_levels_offered(struct store_tx *tx, struct arena *a, const char ***levels,
    size_t *n, struct error *e);
/* Every alert of a client, open and resolved, oldest first. */
enum err store_tx_alert_list_client(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct alert **items, size_t *n, struct error *e);
/* Every inquiry converted to or linked to a client, newest first. */
enum err store_tx_inquiry_list_client(struct store_tx *tx, int64_t client_id,
    struct arena *a, struct inquiry **items, size_t *n, struct error *e);
/* Close an inquiry's open follow-up tasks, done now by `by` with response. */
enum err store_tx_followups_close(struct store_tx *tx, int64_t inquiry_id, int64_t by,
    const char *response, struct error *e);
enum err store_tx_track_get(struct store_tx *tx, int64_t id, struct arena *a, struct track *out,
    struct error *e);
enum err store_tx_site_get(struct store_tx *tx, int64_t id, struct arena *a, struct site *out,
    struct error *e);

enum err store_coverage_list(struct store *s, int64_t client_id, struct arena *a,
    struct coverage **items, size_t *n, struct error *e);
enum err store_benefit_list(struct store *s, int64_t client_id, struct arena *a,
    struct benefit_row **items, size_t *n, struct error *e);
enum err store_authorization_list(struct store *s, int64_t client_id, struct arena *a,
    struct authorization **items, size_t *n, struct error *e);
enum err store_tx_coverage_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct coverage *out, struct error *e);
/* A client's coverages inside a change: primary first, then by id. */
enum err store_tx_coverage_list(struct store_tx *tx, int64_t client_id, struct arena *a,
    struct coverage **items, size_t *n, struct error *e);
enum err store_tx_coverage_insert(struct store_tx *tx, struct coverage *c, struct error *e);
/* Every field of c as given (id names the row; client and created_at stay). */
enum err store_tx_coverage_update(struct store_tx *tx, const struct coverage *c,
    struct error *e);
enum err store_tx_benefit_insert(struct store_tx *tx, struct benefit_row *b, struct error *e);
enum err store_tx_authorization_insert(struct store_tx *tx, struct authorization *au,
    struct error *e);

enum err store_inquiry_contact_list(struct store *s, int64_t inquiry_id, struct arena *a,
    struct inquiry_contact **items, size_t *n, struct error *e);
enum err store_inquiry_task_list(struct store *s, int64_t inquiry_id, struct arena *a,
    struct task **items, size_t *n, struct error *e);
enum err store_tx_inquiry_contact_insert(struct store_tx *tx, struct inquiry_contact *c,
    struct error *e);
/* Moves from's call log, tasks, screenings and placements to into, and closes
 * from as merged. */
enum err store_tx_inquiry_merge(struct store_tx *tx, int64_t from, int64_t into,
    struct error *e);

/* ---- audit chain and backup ------------------------------------------- */

struct audit_verify_report {
	int64_t rows;
	int64_t first_bad_id;	/* 0: none */
	char problem[200];	/* empty when the chain is intact */
	bool unsealed;		/* the only problem: rows after the head chain
				 * correctly but were not sealed (a crash) */
};

/* ERR_OK when the chain and head are intact; ERR_CONFLICT with a report when not. */
enum err store_audit_verify(struct store *s, struct audit_verify_report *r, struct error *e);

/* A consistent online copy of the database to PATH, with the audit key and a
 * head file matching the copy beside it. */
enum err store_backup(struct store *s, const char *path, struct error *e);

/* The duty roster: which clinician is on duty at a site, and when. */
/* A page of the shifts at a site that overlap [from, to), oldest first, and the total. */
enum err store_duty_list(struct store *s, int64_t site_id, int64_t from, int64_t to,
    struct page pg, struct arena *a, struct duty_shift **items, size_t *n, int64_t *total,
    struct error *e);
enum err store_tx_duty_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct duty_shift *out, struct error *e);
enum err store_tx_duty_insert(struct store_tx *tx, struct duty_shift *d, struct error *e);
/* How many shifts of the same person at the same site overlap d. */
enum err store_tx_duty_overlaps(struct store_tx *tx, const struct duty_shift *d, int64_t *n,
    struct error *e);
/* Kept with removed_at set; ERR_NOTFOUND when there is no such live shift. */
enum err store_tx_duty_remove(struct store_tx *tx, int64_t id, int64_t by, struct error *e);
/* A shift under way ends now (ends_at = now); ERR_NOTFOUND when none such. */
enum err store_tx_duty_end(struct store_tx *tx, int64_t id, struct error *e);
/* Repeating shifts (core/duty.h): those in force at a site, with how many
 * of their occurrences are not over at now. */
enum err store_duty_series_list(struct store *s, int64_t site_id, int64_t now,
    struct page pg, struct arena *a, struct duty_series **items, size_t *n, int64_t *total,
    struct error *e);
/* One in force (ended: ERR_NOTFOUND). */
enum err store_tx_duty_series_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct duty_series *out, struct error *e);
enum err store_tx_duty_series_insert(struct store_tx *tx, struct duty_series *d,
    struct error *e);
/* Its rule (weekdays, times, dates, note). */
enum err store_tx_duty_series_update(struct store_tx *tx, const struct duty_series *d,
    struct error *e);
/* Its occurrences not started are taken off, the one under way ends now. */
enum err store_tx_duty_series_stop(struct store_tx *tx, int64_t id, int64_t by,
    struct error *e);
/* Stopped, and ended (no longer in force). */
enum err store_tx_duty_series_end(struct store_tx *tx, int64_t id, int64_t by,
    struct error *e);
/* The active clinician on duty at site_id at instant at; 0 when none. */
enum err store_tx_duty_clinician(struct store_tx *tx, int64_t site_id, int64_t at,
    int64_t *staff_id, struct error *e);
/* The site of the client's open episode; 0 when none. */
enum err store_tx_client_site(struct store_tx *tx, int64_t client_id, int64_t *site_id,
    struct error *e);
/* The first site a staff member works at; 0 when none. */
/* An active director who works at site_id; 0 when none. */
enum err store_tx_director_at(struct store_tx *tx, int64_t site_id, int64_t *id,
    struct error *e);
enum err store_tx_staff_first_site(struct store_tx *tx, int64_t staff_id, int64_t *site_id,
    struct error *e);

/* ---- the program's week (schedule.c) ---- */

/* The track's blocks into t->blocks (a, never NULL after) and t->nblocks. */
enum err store_track_blocks(struct store *s, struct track *t, struct arena *a,
    struct error *e);
enum err store_tx_track_blocks(struct store_tx *tx, struct track *t, struct arena *a,
    struct error *e);
/* Replaces the track's blocks with t->blocks. */
enum err store_tx_track_blocks_put(struct store_tx *tx, const struct track *t,
    struct error *e);

enum err store_tx_closure_insert(struct store_tx *tx, struct site_closure *c, int64_t by,
    struct error *e);
enum err store_tx_closure_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct site_closure *out, struct error *e);
enum err store_tx_closure_on(struct store_tx *tx, int64_t site_id, struct date d,
    struct arena *a, struct site_closure *out, struct error *e);
enum err store_tx_closure_delete(struct store_tx *tx, int64_t id, struct error *e);
/* The scheduled sessions of c's site and day cancelled with its reason;
 * *n: how many. */
enum err store_tx_closure_cancel(struct store_tx *tx, const struct site_closure *c,
    int64_t *n, struct error *e);
/* The sessions closure_id cancelled scheduled again; *n: how many. */
enum err store_tx_closure_restore(struct store_tx *tx, int64_t closure_id, int64_t *n,
    struct error *e);
enum err store_closure_list(struct store *s, int64_t site_id, struct date from, struct date to,
    struct page pg, struct arena *a, struct site_closure **items, size_t *n, int64_t *total,
    struct error *e);

/* A session; *made false (and nothing written) when the track already has
 * one on that date at that local start. */
enum err store_tx_gsession_insert(struct store_tx *tx, struct group_session *g, bool *made,
    struct error *e);
enum err store_tx_gsession_update(struct store_tx *tx, const struct group_session *g,
    struct error *e);
enum err store_tx_gsession_delete(struct store_tx *tx, int64_t id, struct error *e);
enum err store_tx_gsession_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct group_session *out, struct error *e);
enum err store_gsession_get(struct store *s, int64_t id, struct arena *a,
    struct group_session *out, struct error *e);
/* The template sessions of the track starting after instant after. */
enum err store_tx_gsession_future(struct store_tx *tx, int64_t track_id, int64_t after,
    struct arena *a, struct group_session **items, size_t *n, struct error *e);
/* The last date the track has a template session on (all zero: none). */
enum err store_tx_gsession_last_date(struct store_tx *tx, int64_t track_id, struct date *out,
    struct error *e);
/* Sessions from .. to (local dates), of one track or site (0: any). */
enum err store_gsession_list(struct store *s, int64_t track_id, int64_t site_id,
    struct date from, struct date to, struct page pg, struct arena *a,
    struct group_session **items, size_t *n, int64_t *total, struct error *e);

/* *missing: 1 when staff_id (not 0) is no staff member, 2 when room_id (not
 * 0) is no room, else 0. */
enum err store_tx_schedule_refs(struct store_tx *tx, int64_t staff_id, int64_t room_id,
    int *missing, struct error *e);

/* The client's open episode: its id, site and admission date (ERR_NOTFOUND
 * when none). */
enum err store_tx_open_episode(struct store_tx *tx, int64_t client_id, struct arena *a,
    int64_t *episode_id, int64_t *site_id, struct date *admitted_on, struct error *e);
/* The client's enrolment on date d (ERR_NOTFOUND when none). */
enum err store_tx_enrolment_at(struct store_tx *tx, int64_t client_id, struct date d,
    struct arena *a, struct enrolment *out, struct error *e);
/* en (client, episode, track, from) written: the place held on en->from
 * ends that day, places planned from then on go (en->id set). */
enum err store_tx_enrolment_move(struct store_tx *tx, struct enrolment *en, int64_t by,
    struct arena *a, struct error *e);
enum err store_enrolment_list(struct store *s, int64_t client_id, struct arena *a,
    struct enrolment **items, size_t *n, struct error *e);
/* The clients enrolled on track_id on date d (discharged ones not). */
enum err store_roster(struct store *s, int64_t track_id, struct date d, struct arena *a,
    struct roster_entry **items, size_t *n, struct error *e);
/* The same inside a job. */
enum err store_tx_roster(struct store_tx *tx, int64_t track_id, struct date d, struct arena *a,
    struct roster_entry **items, size_t *n, struct error *e);

/* A session of a client's week with their attendance (hours.c). */
struct hours_row {
	int64_t episode_id;		/* the open episode (site reads; else 0) */
	int64_t client_id;
	struct hours_session s;		/* started is the caller's */
	int64_t starts_at;
};
/* An appointment of a client's week (hours.c): the caller finds its local
 * date and whether its kind counts (core/hours.h). */
struct hours_appt_row {
	int64_t episode_id;		/* the open episode (site reads; else 0) */
	int64_t client_id;
	const char *kind;
	int64_t starts_at;
	int minutes;
	bool cancelled;
	const char *attendance;		/* "" not recorded */
	int attended_minutes;
};
/* A client in an open episode at a site (hours.c). */
struct hours_client_row {
	int64_t episode_id;
	int64_t client_id;
	const char *first_name, *last_name, *preferred_name, *mrn;
	struct date dob;
	const char *level;
	int64_t track_id;
	const char *track_name;
	struct date admitted_on;
	int step_down_weeks;		/* planned step-down weeks (core/hours.h) */
};
/* A span's bounds (the hours' week, billing's range: store/billing.h):
 * local dates from .. to (inclusive), and the instants lo .. hi
 * (exclusive) that hold them in the site's zone. */
struct hours_span {
	struct date from, to;
	int64_t lo, hi;
};
/* The sessions client_id is on the roster of in the span, cancelled ones
 * too, in start order, and their appointments of every kind. */
enum err store_hours_sessions(struct store *s, int64_t client_id, struct hours_span w,
    struct arena *a, struct hours_row **items, size_t *n, struct hours_appt_row **appts,
    size_t *nappts, struct error *e);
/* The same for every client in an open episode at site_id, from one
 * snapshot: the clients by name, their sessions and appointments by
 * episode id (ascending). */
enum err store_hours_site(struct store *s, int64_t site_id, struct hours_span w,
    struct arena *a, struct hours_client_row **clients, size_t *nclients,
    struct hours_row **items, size_t *n, struct hours_appt_row **appts, size_t *nappts,
    struct error *e);

/* ---- attendance (attendance.c) ---- */

/* A session's attendance: the current records (by client id) and the
 * earlier values of corrected ones (by client id, oldest first). */
struct session_attendance {
	struct attendance *items;
	size_t n;
	struct attendance_change *changes;
	size_t nchanges;
};
/* x as the client's record at the session; with correction the current
 * value is first kept as a change by x->recorded_by at x->recorded_at. */
enum err store_tx_attendance_put(struct store_tx *tx, const struct attendance *x,
    bool correction, struct error *e);
enum err store_tx_session_attendance(struct store_tx *tx, int64_t session_id, struct arena *a,
    struct session_attendance *out, struct error *e);
enum err store_session_attendance(struct store *s, int64_t session_id, struct arena *a,
    struct session_attendance *out, struct error *e);

/* Appointments (core/appointment.h), read with their staff member, room,
 * site, related persons and history. */
struct appt_filter {
	int64_t client_id, staff_id, site_id;	/* 0: any */
	int64_t from, to;			/* the appointments overlapping [from, to) */
	bool scheduled_only;			/* leave out the cancelled */
};
enum err store_appt_get(struct store *s, int64_t id, struct arena *a,
    struct appointment *out, struct error *e);
/* A page of the appointments f selects, by start, with their total. */
enum err store_appt_list(struct store *s, const struct appt_filter *f, struct page pg,
    struct arena *a, struct appointment **items, size_t *n, int64_t *total, struct error *e);
enum err store_tx_appt_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct appointment *out, struct error *e);
enum err store_tx_room_get(struct store_tx *tx, int64_t id, struct arena *a, struct room *out,
    struct error *e);
/* Fills ap->id; writes the related persons and the "booked" history row. */
enum err store_tx_appt_insert(struct store_tx *tx, struct appointment *ap,
    const int64_t *persons, size_t npersons, struct error *e);
/* after's time, staff member and room; a "rescheduled" history row keeps
 * before's.  ERR_CONFLICT when it was cancelled meanwhile. */
enum err store_tx_appt_reschedule(struct store_tx *tx, const struct appointment *before,
    const struct appointment *after, int64_t by, struct error *e);
/* ap's cancelled_by, cancel_reason and late_cancellation, and a "cancelled"
 * history row; a late one also records the outcome late_cancellation by by.
 * ERR_CONFLICT when it is cancelled already. */
enum err store_tx_appt_cancel(struct store_tx *tx, const struct appointment *ap, int64_t by,
    struct error *e);
/* The outcome of appointment id: attendance with minutes, recorded by by
 * now; with correction the one it replaces is kept first
 * (appointment_attendance_change, with who replaced it). */
enum err store_tx_appt_attendance(struct store_tx *tx, int64_t id, const char *attendance,
    int minutes, bool correction, int64_t by, struct error *e);
/*
 * Every commitment that overlaps [want->starts_at, want->ends_at) and takes
 * want's staff member, room (when not 0) or client, cancelled ones left out
 * (sql/queries/appointments.sql, commitments_overlapping): the list the
 * overlap rule (commitment_conflict) is asked about.  It reads appointments;
 * group sessions join it in the same query.
 */
enum err store_tx_commitments(struct store_tx *tx, const struct commitment *want,
    struct arena *a, struct commitment **items, size_t *n, struct error *e);
/* The same on the read connection: the check a booking form makes before
 * it is saved (GET /appointments/conflicts). */
enum err store_commitments(struct store *s, const struct commitment *want,
    struct arena *a, struct commitment **items, size_t *n, struct error *e);

/* Calendar feeds (core/ical.h, sql/queries/feeds.sql).  A feed is found by
 * its token's SHA-256; the token itself is never stored. */
enum err store_tx_feed_insert(struct store_tx *tx, enum feed_kind k, int64_t subject,
    const uint8_t hash[32], int64_t created_by, int64_t *id, struct error *e);
/* *exists: whether subject id of kind k is a record (a client, a staff
 * member, a room, a track). */
enum err store_tx_feed_subject(struct store_tx *tx, enum feed_kind k, int64_t id,
    bool *exists, struct error *e);
enum err store_tx_feed_get(struct store_tx *tx, int64_t id, struct arena *a, struct feed *out,
    struct error *e);
/* ERR_NOTFOUND when it is revoked already. */
enum err store_tx_feed_revoke(struct store_tx *tx, int64_t id, int64_t by, struct error *e);
/* The live feed of a token's hash; ERR_NOTFOUND when none. */
enum err store_feed_by_token(struct store *s, const uint8_t hash[32], struct arena *a,
    struct feed *out, struct error *e);
/* The live feeds staff member by made (at most 200, newest first); with
 * kind not NULL only those of that subject. */
enum err store_feeds_mine(struct store *s, int64_t by, const char *kind, int64_t subject,
    struct arena *a, struct feed **items, size_t *n, struct error *e);
/* The events feed f shows over [from, to), by start. */
enum err store_feed_items(struct store *s, const struct feed *f, int64_t from, int64_t to,
    struct arena *a, struct feed_item **items, size_t *n, struct error *e);
/* Treatment plans (core/plan.h): each version read with its content and
 * signers' names (plans.c). */
enum err store_plan_get(struct store *s, int64_t id, struct arena *a, struct plan *out,
    struct error *e);
/* An episode as a plan needs it: its client, and whether it is open. */
struct plan_episode {
	int64_t id, client_id;
	bool open;
};
enum err store_plan_episode(struct store *s, int64_t id, struct arena *a,
    struct plan_episode *out, struct error *e);
enum err store_tx_plan_episode(struct store_tx *tx, int64_t id, struct arena *a,
    struct plan_episode *out, struct error *e);
/* Every version of the client's plans, or of one episode's (episode_id 0:
 * every episode), newest first, each with its content. */
enum err store_plan_list(struct store *s, int64_t client_id, int64_t episode_id,
    struct arena *a, struct plan **items, size_t *n, struct error *e);
/* The signed versions in force whose review falls due before `before`, of
 * staff_id's clients (primary clinician or signer; 0: everyone's). */
enum err store_plan_reviews_due(struct store *s, int64_t staff_id, int64_t before,
    struct arena *a, struct plan_review **items, size_t *n, struct error *e);
enum err store_tx_plan_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct plan *out, struct error *e);
/* The id of the episode's newest version; 0 when it has none. */
enum err store_tx_plan_latest(struct store_tx *tx, int64_t episode_id, int64_t *id,
    struct error *e);
/* Is key an objective key of the episode? */
enum err store_tx_objective_key_of(struct store_tx *tx, int64_t key, int64_t episode_id,
    bool *ok, struct error *e);
/* A new version p (episode, client, version, created_by, created_at; 0:
 * the transaction's time) with its content:
 * fills p->id and each new objective's key. */
enum err store_tx_plan_insert(struct store_tx *tx, struct plan *p, struct error *e);
/* Replaces the content of draft p->id with p's (new objectives get keys);
 * ERR_CONFLICT when it is no longer a draft. */
enum err store_tx_plan_content(struct store_tx *tx, struct plan *p, int64_t by,
    struct error *e);
/* The clinician's signature by `by` at `at` on draft id (ERR_CONFLICT
 * otherwise). */
enum err store_tx_plan_sign(struct store_tx *tx, int64_t id, int64_t by, int64_t at,
    int review_days, int64_t review_due_at, struct error *e);
/* The client's signature at `at` on clinician-signed id, which locks it. */
enum err store_tx_plan_client_sign(struct store_tx *tx, int64_t id, const char *name,
    const char *via, int64_t witness, int64_t at, struct error *e);

#endif

/*
 * store_int.h — what the files of src/store share and nothing outside sees:
 * the store and transaction structs, read connections, the audit chain's
 * helpers, and the row readers the record families use.
 *
 * Layout: db.h is the driver (db_sqlite.c the only SQLite code); conn.c opens
 * and closes; writer.c runs jobs; audit_chain.c, verify.c, backup.c and
 * migrate.c are the infrastructure; rows.c reads rows; and each record family
 * has src/store/<family>.c with its queries in sql/queries/<family>.sql.
 */
#ifndef IOP_STORE_INT_H
#define IOP_STORE_INT_H

#include <pthread.h>
#include <stddef.h>

#include "store/db.h"
#include "store/store.h"
#include "core/perm.h"
#include "lib/timeutil.h"

struct rconn {
	struct db *db;
	struct rconn *next;
};

struct store {
	char *path;
	bool readonly;
	struct db *wdb;

	/* Read connections, one per thread. */
	pthread_key_t rkey;
	pthread_mutex_t rlock;
	struct rconn *rconns;

	/* Writer. */
	pthread_t writer;
	bool writer_started;
	pthread_mutex_t qlock;
	pthread_cond_t qcond;		/* jobs queued or stop */
	pthread_cond_t dcond;		/* some job finished */
	struct store_job *qhead, *qtail;
	bool stop;
	int64_t pending_seq;
	int64_t batches;		/* committed transactions, under qlock */
	int64_t jobs;			/* jobs in them, under qlock */
	bool write_failed;		/* the last batch met a database or I/O error, under qlock */

	/* Audit chain (writer-owned after open; see audit_chain.c). */
	uint8_t key[AUDIT_KEY_LEN];
	uint8_t last_hash[AUDIT_HASH_LEN];
	int64_t last_id;
	int64_t count;
	int headfd;
	int64_t head_synced_ms;		/* writer's: last flush of the head */
};

struct store_tx {
	struct store *s;
	int64_t now;
};

#define HEAD_MAGIC "iop-audit-head v1"

/*
 * After each batch the writer rewrites the head in place, and flushes it
 * to disk at most once every HEAD_SYNC_MS.  The audit rows themselves are
 * durable with the commit; what a power loss can cost is only the head's
 * last moments, and a head behind the log is accepted on start when the
 * rows after it verify under the key (head_check_open).  One flush per
 * batch instead would double the flushes on the audited-read path.
 */
#define HEAD_SYNC_MS 1000

/* A head file as read: present, its fields, and whether its seal is right. */
struct head {
	bool present;
	int64_t last_id, count;
	uint8_t hash[AUDIT_HASH_LEN];
	bool mac_ok;
};

/*
 * Rows become records through a row table per record struct: each column's
 * name (as the query names it), how it is read, and where it goes.  The
 * queries that yield the record are listed with it, and when the store opens
 * each query's leading column names must be the table's, in order (more
 * columns may follow: a total, a password hash).  The C_* macros check at
 * compile time that the field has the C type the column kind writes.
 */
enum col_type {
	COL_INT,	/* int64_t */
	COL_I32,	/* int */
	COL_U32,	/* unsigned */
	COL_BOOL,	/* bool: non-zero */
	COL_TEXT,	/* const char *, copied into the arena */
	COL_CHARS,	/* char[n], copied and cut to fit */
	COL_DATE,	/* struct date, from YYYY-MM-DD */
	COL_SEX,	/* enum sex by name; unknown otherwise */
	COL_ROLES,	/* roleset from a comma list; none if bad */
	COL_INQ_KIND,	/* enum inquiry_kind; phone otherwise */
	COL_INQ_STATUS,	/* enum inquiry_status; new otherwise */
	COL_URGENCY,	/* enum urgency; not asked otherwise (NULL) */
	COL_CONSENT,	/* enum consent: NULL not asked, 0 no, else yes */
	COL_FOR_OTHER,	/* bool: the text is "other" */
};

struct col {
	const char *name;
	enum col_type type;
	size_t off, size;
};

struct row_table {
	const char *record;		/* in errors: "client not found" */
	size_t size;			/* of the record struct */
	const struct col *cols;
	size_t ncols;
	const enum sql_query *queries;	/* the queries that yield it */
	size_t nqueries;
};

#define COL_(T, f, n, ty, ctype) { (n), (ty), offsetof(T, f) +                \
	0 * sizeof(_Generic(((T *)0)->f, ctype: 1)), sizeof(((T *)0)->f) }
#define C_INT(T, f, n)		COL_(T, f, n, COL_INT, int64_t)
#define C_I32(T, f, n)		COL_(T, f, n, COL_I32, int)
#define C_U32(T, f, n)		COL_(T, f, n, COL_U32, unsigned)
#define C_BOOL(T, f, n)		COL_(T, f, n, COL_BOOL, bool)
#define C_TEXT(T, f, n)		COL_(T, f, n, COL_TEXT, const char *)
#define C_CHARS(T, f, n)	COL_(T, f, n, COL_CHARS, char *)
#define C_DATE(T, f, n)		COL_(T, f, n, COL_DATE, struct date)
#define C_SEX(T, f, n)		COL_(T, f, n, COL_SEX, enum sex)
#define C_ROLES(T, f, n)	COL_(T, f, n, COL_ROLES, roleset)
#define C_INQ_KIND(T, f, n)	COL_(T, f, n, COL_INQ_KIND, enum inquiry_kind)
#define C_INQ_STATUS(T, f, n)	COL_(T, f, n, COL_INQ_STATUS, enum inquiry_status)
#define C_URGENCY(T, f, n)	COL_(T, f, n, COL_URGENCY, enum urgency)
#define C_CONSENT(T, f, n)	COL_(T, f, n, COL_CONSENT, enum consent)
#define C_FOR_OTHER(T, f, n)	COL_(T, f, n, COL_FOR_OTHER, bool)

#define ROW_TABLE(T, what, cols, queries) {                                   \
	(what), sizeof(T), (cols), sizeof(cols) / sizeof((cols)[0]),           \
	(queries), sizeof(queries) / sizeof((queries)[0]) }

/* The row tables of the record families (each defined in its family file). */
extern const struct row_table client_rows, contact_rows, staff_rows, session_rows,
    site_rows, room_rows, track_rows, audit_rows, inquiry_rows, inquiry_contact_rows,
    screening_rows, alert_rows, task_rows, placement_rows, placement_table_rows,
    episode_rows, coverage_rows, benefit_rows, authorization_rows, duty_rows,
    program_rows, setup_rows,
    duty_series_rows, block_rows, closure_rows, gsession_rows,
    open_episode_rows, enrolment_rows, roster_rows, attendance_rows, attendance_change_rows,
    appt_rows, appt_person_rows, appt_change_rows, appt_att_change_rows,
    commitment_rows, hours_rows, hours_appt_rows, hours_client_rows, feed_rows,
    feed_item_rows,
    plan_rows, plan_problem_rows, plan_goal_rows, plan_objective_rows,
    plan_intervention_rows, plan_review_rows, plan_episode_rows;
extern const struct row_table medication_rows, medication_rev_rows, dscreen_rows,
    dscreen_rev_rows;	/* drugscreens.c */
extern const struct row_table dsummary_draft_rows, dsummary_rows; /* discharge.c */
extern const struct row_table measure_setting_rows, measure_prev_rows, measure_due_rows,
    measure_point_rows;	/* measures.c */
extern const struct row_table note_rows, note_part_rows, note_absent_rows, note_linked_rows,
    note_choice_rows, note_last_rows, note_last_shared_rows, note_person_rows,
    note_addendum_rows, note_supervision_rows;	/* notes.c */
extern const struct row_table consent_rows, disclosure_rows,
    release_line_rows; /* consents.c */
extern const struct row_table cm_resource_rows, cm_need_rows, cm_court_rows, cm_referral_rows,
    cm_change_rows, cm_due_rows;	/* casemgmt.c */
extern const struct row_table aftercare_rows, ac_version_rows, ac_group_rows,
    ac_med_rows; /* aftercare.c */
extern const struct row_table bill_code_rows, bill_episode_rows, bill_session_rows,
    bill_plan_rows, bill_gnote_rows, bill_part_rows;	/* billing.c */
extern const struct row_table care_member_rows, care_client_rows; /* care.c */
extern const struct row_table alumni_checkin_rows, alumnus_rows, alumni_event_rows,
    alumni_rsvp_rows;	/* alumni.c */

/* Check every row table against its queries' columns on connection d. */
enum err rows_check(struct db *d, struct error *e);
/* The current row of st into out (a record of t's struct); false when the
 * arena could not hold its text (a text field is then NULL). */
bool row_read(const struct row_table *t, struct db_stmt *st, struct arena *a, void *out);

/*
 * A query's parameters, in order from ?1, for the shared readers and writers
 * of rows.c: ARGS(A_INT(id), A_TEXT(name)) stands for the array and its
 * length.  A_LIMIT and A_OFFSET are a page's, which a reader may bind again
 * as 1 and 0 to learn the total of a page past the end.  A statement takes
 * only as many as it has parameters: a list's count query is bound with the
 * list's arguments and ignores the page after its own.
 */
enum arg_kind { ARG_INT, ARG_TEXT, ARG_BLOB, ARG_LIMIT, ARG_OFFSET };

struct arg {
	enum arg_kind kind;
	int64_t i;		/* the int; a blob's length */
	const void *p;		/* the text or blob */
};

#define A_INT(v)	((struct arg){ ARG_INT, (int64_t)(v), NULL })
#define A_TEXT(v)	((struct arg){ ARG_TEXT, 0, (const char *)(v) })
#define A_BLOB(v, n)	((struct arg){ ARG_BLOB, (int64_t)(n), (v) })
#define A_LIMIT(pg)	((struct arg){ ARG_LIMIT, (pg).limit, NULL })
#define A_OFFSET(pg)	((struct arg){ ARG_OFFSET, (pg).offset, NULL })
#define ARGS(...)	(const struct arg[]){ __VA_ARGS__ },                   \
	sizeof((const struct arg[]){ __VA_ARGS__ }) / sizeof(struct arg)

/* A statement of the calling thread's read connection, or return. */
#define RSTMT(s, q, e, r)                                  \
	struct rconn *r##_c = rconn_get((s), (e));          \
	struct db_stmt *r;                                  \
	if (r##_c == NULL)                                  \
		return (e)->code;                           \
	r = db_query(r##_c->db, (q))

/* A statement of the writer's connection, inside a job. */
#define WST(tx, q) db_query((tx)->s->wdb, (q))
#define WDB(tx) ((tx)->s->wdb)

/* conn.c */
struct rconn *rconn_get(struct store *s, struct error *e);
char *side_path(const char *path, const char *suffix);

/* writer.c */
void *writer_main(void *arg);

/* audit_chain.c */
enum err key_load(struct store *s, bool create, struct error *e);
void head_format(const uint8_t key[AUDIT_KEY_LEN], int64_t last_id, int64_t count,
    const uint8_t hash[AUDIT_HASH_LEN], char out[200]);
int head_write_fd(int fd, const char *rec);
void head_read(struct store *s, struct head *h);
enum err chain_load(struct store *s, struct error *e);
enum err chain_sync(struct store *s, struct error *e);
int head_advance(struct store *s, bool sync);
enum err head_check_open(struct store *s, bool create, struct error *e);
enum err audit_append(struct store *s, struct audit_event *ev, int64_t now, struct error *e);
bool head_usable(const struct head *h);

/* migrate.c */
enum err migrate(struct store *s, bool create, struct error *e);

/* verify.c */
enum err verify_chain(struct store *s, bool wait, struct audit_verify_report *r, bool *unsealed,
    struct error *e);

/* rows.c */
const char *col_text(struct db_stmt *st, int i, struct arena *a);
/* All rows of a bound statement into an arena array of t's records; when
 * count_col >= 0 that column holds the total (count(*) OVER ()). */
enum err read_rows(struct db *db, struct db_stmt *st, struct arena *a,
    const struct row_table *t, int count_col, void **items, size_t *n, int64_t *total,
    struct error *e);
/* The one row of a bound statement; none is ERR_NOTFOUND naming t's record. */
enum err read_one(struct db *db, struct db_stmt *st, struct arena *a,
    const struct row_table *t, void *out, struct error *e);
enum err step_write(struct db *db, struct db_stmt *st, struct error *e);
enum err first_total(struct db *db, struct db_stmt *st, int col, int64_t *total, struct error *e);
enum err list_by_id(struct store *s, enum sql_query q, int64_t id, struct arena *a,
    const struct row_table *t, void **items, size_t *n, struct error *e);
/* list_by_id on the writer's transaction tx, or on the read connection when
 * tx is NULL (a record read inside an operation or outside one). */
enum err list_by_id_in(struct store *s, struct store_tx *tx, enum sql_query q, int64_t id,
    const struct row_table *t, struct arena *a, void **items, size_t *n, struct error *e);
/* n zeroed bytes from a (arena_alloc zeroes), or NULL when n is 0: an empty
 * array of a record read as NULL. */
void *arena_array(struct arena *a, size_t n);
enum err read_page(struct db *db, struct db_stmt *rows, struct db_stmt *count, struct page pg,
    struct arena *a, const struct row_table *t, void **items, size_t *n, int64_t *total,
    struct error *e);
enum err tx_int(struct store_tx *tx, enum sql_query q, int64_t a1, int64_t a2, int64_t *out,
    const char *what, struct error *e);

/* Bind v[0..n) to st's parameters (no more than it has). */
void bind_args(struct db_stmt *st, const struct arg *v, size_t n);
/* The one row query q gives for its arguments, on the read connection or
 * the writer's; none is ERR_NOTFOUND naming t's record. */
enum err get_row(struct store *s, enum sql_query q, const struct arg *v, size_t n,
    struct arena *a, const struct row_table *t, void *out, struct error *e);
enum err tx_get_row(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    struct arena *a, const struct row_table *t, void *out, struct error *e);
/* All the rows a query gives for its arguments, inside a job. */
enum err tx_list_rows(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    struct arena *a, const struct row_table *t, void **items, size_t *nitems,
    struct error *e);
/* A page of the rows a query gives for its arguments (among them A_LIMIT and
 * A_OFFSET); column col holds the total (count(*) OVER ()).  A page past the
 * end is asked again for one row at offset 0, for the total. */
enum err page_rows(struct store *s, enum sql_query q, const struct arg *v, size_t n,
    struct page pg, struct arena *a, const struct row_table *t, int col, void **items,
    size_t *nitems, int64_t *total, struct error *e);
/* A page of rows and the total of count_q, both bound with the same
 * arguments, from one read snapshot (read_page). */
enum err page_counted(struct store *s, enum sql_query q, enum sql_query count_q,
    const struct arg *v, size_t n, struct page pg, struct arena *a,
    const struct row_table *t, void **items, size_t *nitems, int64_t *total,
    struct error *e);
/* Run a write inside a job: the driver's result, for a caller that reads
 * its constraints itself. */
enum db_rc tx_step(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n);
/* Run a write inside a job (step_write's errors). */
enum err tx_exec(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    struct error *e);
/* The same for an INSERT: *id is the new row's. */
enum err tx_insert(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    int64_t *id, struct error *e);
/* ERR_NOTFOUND "<what> not found" when the last write changed no row. */
enum err tx_changed(struct store_tx *tx, const char *what, struct error *e);
/* tx_exec, then tx_changed: an UPDATE or DELETE of one named row. */
enum err tx_change(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    const char *what, struct error *e);
/* tx_exec, then ERR_CONFLICT with msg when it changed no row: a change that
 * can be made once (a task done, an alert resolved). */
enum err tx_change_once(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    const char *msg, struct error *e);
/* The first column of the one row a bound statement gives; none or a failure
 * is an error naming what was being done. */
enum err read_int(struct db *db, struct db_stmt *st, int64_t *out, const char *what,
    struct error *e);
/* A write a foreign key may refuse: the refusal is an error on field, any
 * other failure names what was being done. */
enum err tx_exec_field(struct store_tx *tx, enum sql_query q, const struct arg *v, size_t n,
    const char *field, const char *msg, const char *what, struct error *e);

#endif

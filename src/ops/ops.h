/*
 * ops.h — the operations layer: every check-and-write of openiop.
 *
 * An operation is op_<family>_<verb>(tx, who, typed input, result, error).
 * It runs inside one store transaction (a writer job): it reads the facts it
 * needs through store_tx_*, asks the pure rule in core whether the change is
 * allowed, writes, and says in the result which record it made or changed and
 * which clients it touched, so the caller can audit them.  Operations never
 * see an HTTP request or JSON: src/http and src/cli both decode their input
 * into the typed structs declared here and call the same operation, so there
 * is one write path.
 *
 * Layers: lib <- core <- store <- ops <- http, cli.
 */
#ifndef IOP_OPS_H
#define IOP_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/perm.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "store/store.h"

/* Who asks for a change. */
struct actor {
	int64_t staff_id;	/* 0: nobody signed in (a public form, the system) */
	const char *username;	/* "" when none */
	roleset roles;
	const char *address;	/* the client address, or "cli" */
	int64_t now;		/* the request's one clock reading, unix seconds */
};

/*
 * What an operation did: the record it made or changed, and every client it
 * touched (for the audit rows), grown in the arena with no fixed cap.
 */
struct op_result {
	struct arena *arena;	/* set by the caller before the call */
	int64_t id;		/* the record made or changed; 0 when none */
	int64_t *clients;
	size_t nclients, cap;
	const char *detail;	/* audit detail ("changed=phone,email"); never values;
				 * "" keeps the route's */
	const char *action;	/* the audit action when the outcome decides it
				 * ("duty.end"); NULL keeps the route's */
	const char *refusal_shows;	/* a refusal that shows client data (the
				 * alerts an admission must acknowledge): its audit
				 * action, on the clients named, with detail */
};

void op_result_init(struct op_result *res, struct arena *a);
/* Adds a client id once (0 is ignored); ERR_NOMEM when the arena is full. */
enum err op_touched(struct op_result *res, int64_t client_id);

struct tz;
/* The site's zone into *z (malloc'd: free it), or a conflict naming the
 * site. */
enum err op_site_zone(const struct site *site, struct tz **z, struct error *e);
/* Episode id, or a 404 naming it. */
enum err episode_read(struct store_tx *tx, int64_t id, struct arena *a, struct episode *ep,
    struct error *e);

/*
 * One operation call, ready to be a writer job (store_submit/store_run with
 * run = op_call_job and arg = the call).  The caller fills who and in, sets
 * run with the OP_RUN adapter of the operation, and may set finish: it runs
 * on the writer, inside the transaction, after a successful operation and
 * before the job's audit rows are appended — the request frame uses it to
 * write the audit rows the route declares from the result; refused runs
 * instead when the operation fails.
 */
struct op_call;
typedef enum err (*op_run_fn)(struct store_tx *tx, struct op_call *c, struct error *e);
struct op_call {
	op_run_fn run;
	struct actor who;
	const void *in;
	struct op_result res;
	enum err (*finish)(struct op_call *c, void *user, struct error *e);
	/* Called instead when the operation is refused (its writes are rolled
	 * back): a refusal that shows clients (res names them, e.g. the possible
	 * duplicates of a new client) is still a read of them to audit. */
	void (*refused)(struct op_call *c, void *user, enum err rc);
	void *user;
	/* A session whose activity is due to be recorded, in the same
	 * transaction before the operation (0: none). */
	int64_t touch_session;
};

void op_call_init(struct op_call *c, struct arena *a, op_run_fn run, const void *in);
/* A store_job_fn: touches c->touch_session, runs c->run, then c->finish. */
enum err op_call_job(struct store_tx *tx, void *arg, struct error *e);

/*
 * OP_DECLARE(op_x_y, struct x_y_in) declares the operation
 *   enum err op_x_y(struct store_tx *, const struct actor *,
 *       const struct x_y_in *, struct op_result *, struct error *);
 * and defines its OP_RUN adapter: one line per operation in its family's
 * header.
 */
#define OP_DECLARE(name, intype)                                                       \
	enum err name(struct store_tx *tx, const struct actor *who, const intype *in,   \
	    struct op_result *res, struct error *e);                                    \
	OP_RUN(name, intype)

/*
 * OP_RUN(op_x_y, struct x_y_in) defines op_x_y_run, the op_run_fn that calls
 * op_x_y(tx, &c->who, c->in, &c->res, e): put it in the family's header
 * beside the operation's declaration.
 */
#define OP_RUN(name, intype)                                                           \
	static inline enum err name##_run(struct store_tx *tx_, struct op_call *c_,     \
	    struct error *e_)                                                           \
	{                                                                               \
		return name(tx_, &c_->who, (const intype *)c_->in, &c_->res, e_);        \
	}

#endif

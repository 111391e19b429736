/*
 * op_reply.h — what the handlers of write routes share around req_op():
 * the operation's typed input made in the request's arena, the after()
 * that answers with the record the operation made, and an audit row whose
 * detail (or action) the operation's outcome decides.  Private to
 * src/http/.
 */
#ifndef IOP_OP_REPLY_H
#define IOP_OP_REPLY_H

#include <string.h>

#include "http/req.h"

/* n zeroed bytes in the request's arena; NULL after answering 500. */
static inline void *
req_zalloc(struct req *r, size_t n)
{
	void *p = arena_alloc(r->arena, n);

	if (p == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return NULL;
	}
	memset(p, 0, n);
	return p;
}

/* in = a zeroed input with in->out a zeroed record, both in the request's
 * arena; false after answering 500. */
#define REQ_OP_INPUT(r, in)                                                     \
	(((in) = req_zalloc((r), sizeof *(in))) != NULL &&                      \
	    ((in)->out = req_zalloc((r), sizeof *(in)->out)) != NULL)

/*
 * fn, an after() for an operation whose input (intype) names its record
 * `out`: the job's error, or status with to_json(in->out).
 */
#define OP_AFTER(fn, intype, to_json, status)                                   \
	static void                                                             \
	fn(struct req *r)                                                       \
	{                                                                       \
		const intype *in_ = r->op->in;                                  \
		if (r->job.result != ERR_OK)                                    \
			reply_error(r, &r->job.err);                            \
		else                                                            \
			reply_json(r, (status), to_json(in_->out));             \
	}

/* The action an outcome calls for (NULL: the row's own), from the input. */
typedef const char *(*op_action_fn)(const void *in);

struct op_audited {
	struct req *r;
	op_action_fn action;
	enum err (*base)(struct op_call *c, void *user, struct error *e);
};

/* The finish: the handler's first row takes the operation's detail (when it
 * gave one) and the action the outcome calls for, then the rows are
 * completed as for every operation. */
static inline enum err
op_audited_finish(struct op_call *c, void *user, struct error *e)
{
	struct op_audited *k = user;
	struct req *r = k->r;
	const char *action;

	if (r->naudit > 0) {
		if (c->res.detail != NULL && *c->res.detail != '\0')
			r->audit[0].detail = c->res.detail;
		if (k->action != NULL && (action = k->action(c->in)) != NULL)
			r->audit[0].action = action;
	}
	return k->base(c, r, e);
}

/*
 * req_op for an operation whose audit row the outcome decides: its detail
 * from res->detail, and (action not NULL) its action from action(in).
 */
static inline void
req_op_audited(struct req *r, op_run_fn run, const void *in, after_fn after,
    op_action_fn action)
{
	struct op_audited *k = req_zalloc(r, sizeof *k);
	struct op_call *c;

	if (k == NULL || (c = req_op(r, run, in, after)) == NULL)
		return;
	k->r = r;
	k->action = action;
	k->base = c->finish;
	c->finish = op_audited_finish;
	c->user = k;
}

#endif

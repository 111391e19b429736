/*
 * op_reply.h — what the handlers of write routes share around req_op():
 * the operation's typed input made in the request's arena, and the after()
 * that answers with the record the operation made.  (An audit row whose
 * detail or action the outcome decides takes them from the operation's
 * result: req_op.)  Private to src/http/.
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

#endif

/*
 * task.h — operations on tasks: marking one done with a response.
 */
#ifndef IOP_OPS_TASK_H
#define IOP_OPS_TASK_H

#include "core/alert.h"
#include "ops/ops.h"

struct task_done_in {
	int64_t id;
	const char *response;		/* checked by the caller: required text */
	struct task *out;		/* the task as done */
};
/*
 * The actor's own task, nobody's, or any for a director (ERR_FORBIDDEN
 * otherwise).  A safety task is done by resolving its alert.  Touches the
 * task's client, when it has one.  An alumni check-in's task is done by
 * recording its call instead (ERR_CONFLICT).
 */
OP_DECLARE(op_task_done, struct task_done_in)

#endif

/*
 * task.c — a task marked done (a safety task through its alert).
 */
#include <string.h>

#include "core/alumni.h"
#include "ops/task.h"

enum err
op_task_done(struct store_tx *tx, const struct actor *who, const struct task_done_in *in,
    struct op_result *res, struct error *e)
{
	struct task *t = in->out;

	if (store_tx_task_get(tx, in->id, res->arena, t, e) != ERR_OK)
		return e->code;
	if (task_done_check(t, who->staff_id, who->roles, e) != ERR_OK)
		return e->code;
	/* An alumni check-in is done by recording its call (ops/alumni.c). */
	if (t->kind != NULL && strcmp(t->kind, ALUMNI_TASK_KIND) == 0)
		return error_set(e, ERR_CONFLICT, "Record this check-in's call on the alumni "
		    "check-in form (reached, or not reached): that closes the task.");
	res->id = t->id;
	if (op_touched(res, t->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (t->alert_id != 0) {
		/* A safety task is done by resolving its alert. */
		if (store_tx_alert_resolve(tx, t->alert_id, who->staff_id, in->response, e) !=
		    ERR_OK)
			return e->code;
	} else if (store_tx_task_done(tx, t->id, who->staff_id, in->response, e) != ERR_OK) {
		return e->code;
	}
	return store_tx_task_get(tx, in->id, res->arena, t, e);
}

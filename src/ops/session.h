/*
 * session.h (ops) — signing in and out: the bookkeeping of a sign-in
 * (failures counted towards the lock, the session row) and its end.
 *
 * The password is checked (unless the account is locked or disabled), and
 * the verdict reached (login_judge in core/session.h), before the operation
 * is handed to the writer: the hash check is slow on purpose.  The database keeps only the token's SHA-256.
 */
#ifndef IOP_OPS_SESSION_H
#define IOP_OPS_SESSION_H

#include "core/session.h"
#include "ops/ops.h"

struct session_login_in {
	int64_t staff_id;		/* 0: no such account */
	struct login_verdict verdict;
	uint8_t token_hash[32];		/* when ok: the new session */
	char csrf[64];
	int64_t expires_at;
	int max_failures, lock_seconds;	/* the lock after repeated failures */
	int64_t *session_id;		/* out, when ok; may be NULL */
};

struct session_end_in {
	int64_t session_id;
};

/* The signed-in person's activity, recorded (no audit row). */
struct session_touch_in {
	int64_t session_id;
};

OP_DECLARE(op_session_login, struct session_login_in)

OP_DECLARE(op_session_end, struct session_end_in)

OP_DECLARE(op_session_touch, struct session_touch_in)

#endif

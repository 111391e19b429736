/*
 * session.h — a signed-in session, and the sign-in rule: given what is known
 * of the account, whether a sign-in succeeds, why not, and whether the
 * attempt counts towards locking the account.
 */
#ifndef IOP_SESSION_H
#define IOP_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/perm.h"

struct session {
	int64_t id;
	int64_t staff_id;
	char csrf[64];
	int64_t created_at, last_seen_at, expires_at;
	const char *username;
	const char *full_name;
	roleset roles;
	bool staff_active;
	bool must_change_password;
};

struct login_verdict {
	bool ok;
	bool count_failure;	/* a wrong password: counts towards the lock */
	const char *why;	/* the audit detail of a refusal; "" when ok */
};

/*
 * Whether a sign-in checks the password against the account's hash: only
 * for an account that exists, is active and is not locked.  A locked or
 * disabled account's password is never checked (the caller verifies against
 * a dummy hash instead, so that the answer takes as long), so that its
 * answer cannot tell whether the guess was right.
 */
bool login_checks_password(bool known, bool active, int64_t locked_until, int64_t now);

/*
 * known: the account exists; pw_ok: the password matched its hash (ignored
 * when login_checks_password is false); active, locked_until: the account's
 * state; now: the request's clock.  A disabled or locked account is refused
 * whatever the password, and the attempt is not counted; only a wrong
 * password on an active, unlocked account counts towards the lock.
 */
struct login_verdict login_judge(bool known, bool pw_ok, bool active, int64_t locked_until,
    int64_t now);

#endif

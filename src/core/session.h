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
 * known: the account exists; pw_ok: the password matched its hash; active,
 * locked_until: the account's state; now: the request's clock.  A right
 * password on a disabled or locked account is refused but not counted.
 */
struct login_verdict login_judge(bool known, bool pw_ok, bool active, int64_t locked_until,
    int64_t now);

#endif

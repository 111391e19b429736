/*
 * session.c — the sign-in rule (see session.h).  Pure: the password was
 * checked, and the account read, by the caller.
 */
#include "core/session.h"

struct login_verdict
login_judge(bool known, bool pw_ok, bool active, int64_t locked_until, int64_t now)
{
	struct login_verdict v = { false, false, "" };
	bool locked = locked_until > now;

	if (!known) {
		v.why = "unknown account";
		return v;
	}
	v.ok = pw_ok && active && !locked;
	if (v.ok)
		return v;
	v.why = !active ? "account disabled" : locked ? "account locked" : "wrong password";
	v.count_failure = !pw_ok;
	return v;
}

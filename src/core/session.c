/*
 * session.c — the sign-in rule (see session.h).  Pure: the password was
 * checked (or, for a locked or disabled account, deliberately not), and the
 * account read, by the caller.
 */
#include "core/session.h"

bool
login_checks_password(bool known, bool active, int64_t locked_until, int64_t now)
{
	return known && active && locked_until <= now;
}

struct login_verdict
login_judge(bool known, bool pw_ok, bool active, int64_t locked_until, int64_t now)
{
	struct login_verdict v = { false, false, "" };
	bool locked = locked_until > now;

	if (!known) {
		v.why = "unknown account";
		return v;
	}
	if (!active || locked) {
		/* The password was not checked: nothing to count, nothing to tell. */
		v.why = !active ? "account disabled" : "account locked";
		return v;
	}
	v.ok = pw_ok;
	if (v.ok)
		return v;
	v.why = "wrong password";
	v.count_failure = true;
	return v;
}

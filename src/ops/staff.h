/*
 * staff.h (ops) — staff accounts: adding, changing, disabling, unlocking,
 * and setting passwords, for the admin screens and `iop user` alike.
 *
 * Disabling an account or resetting its password ends its sessions in the
 * same transaction; changing one's own ends every other session of it.  No
 * one may disable their own account, take away their own admin role
 * (staff_change_refused, 409) or change their own roles at all
 * (staff_roles_change_refused, 403); a role change's audit detail names the
 * roles before and after.  Passwords arrive hashed
 * (ops/password.h): hashing is slow and never runs on the writer.
 */
#ifndef IOP_OPS_STAFF_H
#define IOP_OPS_STAFF_H

#include "core/directory.h"
#include "ops/ops.h"

enum staff_change { STAFF_CHANGED, STAFF_DISABLED, STAFF_ENABLED };

struct staff_out {
	struct staff s;			/* the account as written */
	enum staff_change change;	/* for a change: what became of "active" */
};

struct staff_create_in {
	struct staff s;			/* decoded and validated */
	const char *hash;		/* the password's hash */
	struct staff_out *out;
};

/* set holds the new values of the fields named in fields (enum staff_field). */
struct staff_update_in {
	int64_t id;
	struct staff set;
	unsigned fields;
	struct staff_out *out;
};

struct staff_unlock_in {
	int64_t id;
};

/* A password set for someone (an admin, the console): it must be changed at
 * the next sign-in, and the account's sessions end.  own: the signed-in
 * person changed their own (after giving the current one, checked by the
 * caller): every other session of the account ends, session keep_session
 * stays; refused (ERR_FORBIDDEN) while the account is locked, and a change
 * clears its count of failed attempts. */
struct staff_password_in {
	int64_t id;
	const char *hash;
	bool own;
	int64_t keep_session;
};

/* The answer to a password change while the account is locked. */
#define STAFF_LOCKED_MSG "Too many wrong passwords: this account is locked for a while. " \
	"Try again later, or ask an admin to unlock it."

OP_DECLARE(op_staff_create, struct staff_create_in)

OP_DECLARE(op_staff_update, struct staff_update_in)

OP_DECLARE(op_staff_unlock, struct staff_unlock_in)

OP_DECLARE(op_staff_password, struct staff_password_in)

#endif

/*
 * staff.h (ops) — staff accounts: adding, changing, disabling, unlocking,
 * and setting passwords, for the admin screens and `iop user` alike.
 *
 * Disabling an account or resetting its password ends its sessions in the
 * same transaction.  No one may disable their own account or take away
 * their own admin role (staff_change_refused).  Passwords arrive hashed
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
 * person changed their own (after giving the current one): nothing ends. */
struct staff_password_in {
	int64_t id;
	const char *hash;
	bool own;
};

OP_DECLARE(op_staff_create, struct staff_create_in)

OP_DECLARE(op_staff_update, struct staff_update_in)

OP_DECLARE(op_staff_unlock, struct staff_unlock_in)

OP_DECLARE(op_staff_password, struct staff_password_in)

#endif

/*
 * password.h — password hashing (Argon2id, libsodium), shared by the web
 * sign-in, the admin screens and the command line.
 *
 * The cost is a setting (IOP_PWHASH_COST) with "interactive" as the
 * production floor; "test" is allowed only when asked for by name and says
 * so on stderr.  Hashing is slow on purpose: callers hash before they hand
 * an operation to the writer, never on the writer thread.
 */
#ifndef IOP_OPS_PASSWORD_H
#define IOP_OPS_PASSWORD_H

#include <stdbool.h>

#include "lib/err.h"

/* Reads IOP_PWHASH_COST (interactive, moderate or test); starts libsodium. */
enum err pw_cost_from_env(struct error *e);
enum err pw_hash(const char *password, char out[128], struct error *e);
bool pw_verify(const char *hash, const char *password);

/*
 * A new password for account username: checked against the password rule
 * (an error on field, e.g. "password"), then hashed into out.
 */
enum err pw_new(const char *password, const char *username, const char *field, char out[128],
    struct error *e);

#endif

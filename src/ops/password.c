/*
 * password.c — Argon2id hashing with a configured cost (see password.h).
 * Passwords are never logged; callers wipe them after use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/validate.h"
#include "ops/password.h"

static unsigned long long pw_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t pw_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

enum err
pw_cost_from_env(struct error *e)
{
	const char *c = getenv("IOP_PWHASH_COST");

	if (sodium_init() < 0)
		return error_set(e, ERR_IO, "libsodium failed to start");
	if (c == NULL || strcmp(c, "interactive") == 0) {
		pw_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		pw_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	} else if (strcmp(c, "moderate") == 0) {
		pw_ops = crypto_pwhash_OPSLIMIT_MODERATE;
		pw_mem = crypto_pwhash_MEMLIMIT_MODERATE;
	} else if (strcmp(c, "test") == 0) {
		pw_ops = crypto_pwhash_OPSLIMIT_MIN;
		pw_mem = crypto_pwhash_MEMLIMIT_MIN;
		fprintf(stderr, "iop: warning: IOP_PWHASH_COST=test makes password hashes "
		    "weak; for tests only\n");
	} else {
		return error_set(e, ERR_INVALID, "IOP_PWHASH_COST must be interactive, "
		    "moderate or test");
	}
	return ERR_OK;
}

enum err
pw_hash(const char *password, char out[128], struct error *e)
{
	if (crypto_pwhash_str(out, password, strlen(password), pw_ops, pw_mem) != 0)
		return error_set(e, ERR_NOMEM, "out of memory while hashing a password");
	return ERR_OK;
}

bool
pw_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

enum err
pw_new(const char *password, const char *username, const char *field, char out[128],
    struct error *e)
{
	const char *msg = check_password(password, username);

	if (msg != NULL)
		return error_field(e, field, "%s", msg);
	return pw_hash(password, out, e);
}

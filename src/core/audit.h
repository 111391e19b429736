/*
 * audit.h — the audit row and its keyed hash chain.
 *
 * Each row's hash is HMAC-SHA256(key, prev_hash || canonical(row)), where
 * canonical() is an unambiguous length-prefixed encoding of every column.
 * The key lives outside the database, so someone holding only the database
 * file cannot recompute the chain.  Pure: time and key are passed in.
 */
#ifndef IOP_AUDIT_H
#define IOP_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AUDIT_KEY_LEN 32
#define AUDIT_HASH_LEN 32

struct audit_event {
	int64_t id;		/* assigned by the store, part of the hash */
	int64_t at;		/* unix seconds UTC */
	int64_t user_id;	/* 0: none (failed login for unknown user) */
	const char *username;	/* "" when none */
	const char *role;	/* "" when none */
	const char *action;	/* "client.read", "session.login_failed", ... */
	const char *record_type;/* "client", "contact", "staff", ... or "" */
	int64_t record_id;	/* 0: none */
	int64_t client_id;	/* 0: none */
	const char *address;	/* remote IP */
	const char *detail;	/* e.g. "ids=3,7,9" for a search; never search text */
	/* Further clients the row is about (a list answer names each client it
	 * showed): the row is on the trail of client_id and of each of these.
	 * They are part of the hash when there are any. */
	const int64_t *clients;
	size_t nclients;
};

/* The row's further clients, ascending and once each: the smallest above
 * after (false when none is); and how many distinct ones there are. */
bool audit_clients_next(const struct audit_event *ev, int64_t after, int64_t *next);
size_t audit_clients_count(const struct audit_event *ev);

void audit_hash(const uint8_t key[AUDIT_KEY_LEN], const uint8_t prev[AUDIT_HASH_LEN],
    const struct audit_event *ev, uint8_t out[AUDIT_HASH_LEN]);

/* The hash of the empty chain (the "prev" of row 1): all zero bytes. */
extern const uint8_t audit_genesis[AUDIT_HASH_LEN];

/* MAC over the head record (last id, count, last hash), for the head file. */
void audit_head_mac(const uint8_t key[AUDIT_KEY_LEN], int64_t last_id, int64_t count,
    const uint8_t last_hash[AUDIT_HASH_LEN], uint8_t out[AUDIT_HASH_LEN]);

void hex_encode(const uint8_t *p, size_t n, char *out);	/* out has 2n+1 bytes */
int hex_decode(const char *s, uint8_t *out, size_t n);	/* 0 ok, -1 bad */

#endif

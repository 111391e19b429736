/*
 * audit.c — the keyed hash chain over audit rows, and hex for storing it.
 *
 * canonical(row) is every column in a fixed order (id, at, user_id,
 * username, role, action, record_type, record_id, client_id, address,
 * detail): integers as 8 bytes big-endian, strings as a 4-byte big-endian
 * length then the bytes (NULL is ""), so no two rows encode alike.  A row
 * about further clients (a list answer) adds their number and then each id,
 * ascending and once each; a row about none adds nothing, so rows written
 * before the client index existed hash as they always did.  A row's
 * hash is HMAC-SHA256(key, prev_hash || canonical(row)); the first row's prev
 * is audit_genesis (all zero).  The head MAC binds the last id, the row count
 * and the last hash, so truncating the table is detectable too.
 *
 * Pure: the key and the row are passed in; this file must not read the
 * clock, the key file or the database.  Changing the encoding breaks every
 * existing chain.
 */
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "core/audit.h"

const uint8_t audit_genesis[AUDIT_HASH_LEN] = { 0 };

static void
put_be64(crypto_auth_hmacsha256_state *st, int64_t v)
{
	uint64_t u = (uint64_t)v;
	unsigned char b[8];
	int i;

	for (i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(u & 0xFF);
		u >>= 8;
	}
	crypto_auth_hmacsha256_update(st, b, sizeof(b));
}

static void
put_str(crypto_auth_hmacsha256_state *st, const char *s)
{
	unsigned char b[4];
	uint32_t n;
	size_t len;

	if (s == NULL)
		s = "";
	len = strlen(s);
	if (len > UINT32_MAX)
		len = UINT32_MAX;	/* never in practice: rows are small */
	n = (uint32_t)len;
	b[0] = (unsigned char)(n >> 24);
	b[1] = (unsigned char)(n >> 16);
	b[2] = (unsigned char)(n >> 8);
	b[3] = (unsigned char)n;
	crypto_auth_hmacsha256_update(st, b, sizeof(b));
	crypto_auth_hmacsha256_update(st, (const unsigned char *)s, len);
}

bool
audit_clients_next(const struct audit_event *ev, int64_t after, int64_t *next)
{
	bool found = false;

	for (size_t i = 0; i < ev->nclients; i++) {
		int64_t c = ev->clients[i];
		if (c > after && (!found || c < *next)) {
			*next = c;
			found = true;
		}
	}
	return found;
}

size_t
audit_clients_count(const struct audit_event *ev)
{
	int64_t last = INT64_MIN, next = 0;
	size_t n = 0;

	while (audit_clients_next(ev, last, &next)) {
		n++;
		last = next;
	}
	return n;
}

void
audit_hash(const uint8_t key[AUDIT_KEY_LEN], const uint8_t prev[AUDIT_HASH_LEN],
    const struct audit_event *ev, uint8_t out[AUDIT_HASH_LEN])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, key, AUDIT_KEY_LEN);
	crypto_auth_hmacsha256_update(&st, prev, AUDIT_HASH_LEN);
	put_be64(&st, ev->id);
	put_be64(&st, ev->at);
	put_be64(&st, ev->user_id);
	put_str(&st, ev->username);
	put_str(&st, ev->role);
	put_str(&st, ev->action);
	put_str(&st, ev->record_type);
	put_be64(&st, ev->record_id);
	put_be64(&st, ev->client_id);
	put_str(&st, ev->address);
	put_str(&st, ev->detail);
	if (audit_clients_count(ev) > 0) {
		int64_t last = INT64_MIN, next = 0;
		put_be64(&st, (int64_t)audit_clients_count(ev));
		while (audit_clients_next(ev, last, &next)) {
			put_be64(&st, next);
			last = next;
		}
	}
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof(st));
}

void
audit_head_mac(const uint8_t key[AUDIT_KEY_LEN], int64_t last_id, int64_t count,
    const uint8_t last_hash[AUDIT_HASH_LEN], uint8_t out[AUDIT_HASH_LEN])
{
	static const char label[] = "iop-audit-head";
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, key, AUDIT_KEY_LEN);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)label,
	    sizeof(label) - 1);
	put_be64(&st, last_id);
	put_be64(&st, count);
	crypto_auth_hmacsha256_update(&st, last_hash, AUDIT_HASH_LEN);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof(st));
}

void
hex_encode(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0F];
	}
	out[2 * n] = '\0';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hex_decode(const char *s, uint8_t *out, size_t n)
{
	size_t i;
	int hi, lo;

	if (s == NULL || strlen(s) != 2 * n)
		return -1;
	/* Check everything first, so a bad string leaves out untouched. */
	for (i = 0; i < 2 * n; i++)
		if (hex_value(s[i]) < 0)
			return -1;
	for (i = 0; i < n; i++) {
		hi = hex_value(s[2 * i]);
		lo = hex_value(s[2 * i + 1]);
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

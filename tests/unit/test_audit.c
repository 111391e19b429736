/*
 * test_audit.c — the audit hash chain: the encoding pinned by known answers
 * (computed independently with Python's hmac module), every field feeding
 * the hash, a three-row chain that verifies and catches reordering, edits
 * and deletion, the head MAC, and hex both ways.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/audit.h"

static uint8_t key[AUDIT_KEY_LEN];

static int
setup(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)i;
	return 0;
}

static struct audit_event
sample(void)
{
	struct audit_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.id = 1;
	ev.at = 1718409600;
	ev.user_id = 7;
	ev.username = "jsmith";
	ev.role = "clinician";
	ev.action = "client.read";
	ev.record_type = "client";
	ev.record_id = 42;
	ev.client_id = 42;
	ev.address = "127.0.0.1";
	ev.detail = "";
	return ev;
}

static void
hex_of(const uint8_t h[AUDIT_HASH_LEN], char out[2 * AUDIT_HASH_LEN + 1])
{
	hex_encode(h, AUDIT_HASH_LEN, out);
}

static void
audit_known_answers(void **state)
{
	struct audit_event ev = sample();
	uint8_t h1[AUDIT_HASH_LEN], h2[AUDIT_HASH_LEN], head[AUDIT_HASH_LEN];
	char hex[2 * AUDIT_HASH_LEN + 1];
	size_t i;

	(void)state;
	for (i = 0; i < AUDIT_HASH_LEN; i++)
		assert_int_equal(audit_genesis[i], 0);

	audit_hash(key, audit_genesis, &ev, h1);
	hex_of(h1, hex);
	assert_string_equal(hex,
	    "9346e03864e12e0d3f6a2507a6f33e5bbb16af35abb9c21d8ceb6e6f0e8bcd92");

	/* Negative integers, NULL strings as "", chained on h1. */
	memset(&ev, 0, sizeof(ev));
	ev.id = -1;
	ev.at = -5;
	ev.action = "session.login_failed";
	ev.address = "::1";
	ev.detail = "ids=3,7,9";
	audit_hash(key, h1, &ev, h2);
	hex_of(h2, hex);
	assert_string_equal(hex,
	    "9498181e8e01856f0406f746bf7e607385eb316954da9e44beb9adb38e927f8a");

	audit_head_mac(key, 3, 3, h1, head);
	hex_of(head, hex);
	assert_string_equal(hex,
	    "06dce995d4d78cb6df230bbd615530d6a7f6b61ef83ba1f3c3eac4beb6327f0b");
}

/*
 * A row about further clients hashes them, ascending and once each: the
 * order and repeats given do not matter, each client does, and a row about
 * none hashes as rows always did (the known answer above).
 */
static void
audit_clients_are_hashed(void **state)
{
	struct audit_event ev = sample();
	const int64_t a[] = { 9, 3, 7 }, b[] = { 3, 7, 9, 7 }, c[] = { 3, 7, 10 };
	uint8_t h0[AUDIT_HASH_LEN], h1[AUDIT_HASH_LEN], h2[AUDIT_HASH_LEN], h3[AUDIT_HASH_LEN];
	uint8_t hempty[AUDIT_HASH_LEN];
	int64_t next;

	(void)state;
	audit_hash(key, audit_genesis, &ev, h0);
	ev.clients = a;
	ev.nclients = 0;
	audit_hash(key, audit_genesis, &ev, hempty);
	assert_memory_equal(h0, hempty, AUDIT_HASH_LEN);
	ev.nclients = 3;
	assert_int_equal(audit_clients_count(&ev), 3);
	assert_true(audit_clients_next(&ev, INT64_MIN, &next));
	assert_int_equal(next, 3);
	assert_true(audit_clients_next(&ev, 3, &next));
	assert_int_equal(next, 7);
	assert_true(audit_clients_next(&ev, 7, &next));
	assert_int_equal(next, 9);
	assert_false(audit_clients_next(&ev, 9, &next));
	audit_hash(key, audit_genesis, &ev, h1);
	assert_memory_not_equal(h0, h1, AUDIT_HASH_LEN);
	ev.clients = b;
	ev.nclients = 4;
	assert_int_equal(audit_clients_count(&ev), 3);
	audit_hash(key, audit_genesis, &ev, h2);
	assert_memory_equal(h1, h2, AUDIT_HASH_LEN);
	ev.clients = c;
	ev.nclients = 3;
	audit_hash(key, audit_genesis, &ev, h3);
	assert_memory_not_equal(h1, h3, AUDIT_HASH_LEN);
}

static void
audit_every_field_counts(void **state)
{
	uint8_t base[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN], prev[AUDIT_HASH_LEN];
	struct audit_event ev;
	int f;

	(void)state;
	ev = sample();
	audit_hash(key, audit_genesis, &ev, base);
	for (f = 0; f < 11; f++) {
		ev = sample();
		switch (f) {
		case 0: ev.id = 2; break;
		case 1: ev.at += 1; break;
		case 2: ev.user_id = 8; break;
		case 3: ev.username = "jsmitj"; break;
		case 4: ev.role = "nurse"; break;
		case 5: ev.action = "client.update"; break;
		case 6: ev.record_type = "contact"; break;
		case 7: ev.record_id = 43; break;
		case 8: ev.client_id = 41; break;
		case 9: ev.address = "127.0.0.2"; break;
		default: ev.detail = "x"; break;
		}
		audit_hash(key, audit_genesis, &ev, h);
		if (memcmp(h, base, AUDIT_HASH_LEN) == 0)
			fail_msg("field %d does not change the hash", f);
	}

	/* The previous hash and the key count too. */
	ev = sample();
	memset(prev, 1, sizeof(prev));
	audit_hash(key, prev, &ev, h);
	assert_memory_not_equal(h, base, AUDIT_HASH_LEN);
	key[0] ^= 1;
	audit_hash(key, audit_genesis, &ev, h);
	key[0] ^= 1;
	assert_memory_not_equal(h, base, AUDIT_HASH_LEN);

	/* Same inputs, same hash. */
	audit_hash(key, audit_genesis, &ev, h);
	assert_memory_equal(h, base, AUDIT_HASH_LEN);
}

static void
audit_encoding_is_unambiguous(void **state)
{
	struct audit_event a = sample(), b = sample();
	uint8_t ha[AUDIT_HASH_LEN], hb[AUDIT_HASH_LEN];

	(void)state;
	/* Moving a byte from one string to the next must change the hash. */
	a.username = "ab";
	a.role = "";
	b.username = "a";
	b.role = "b";
	audit_hash(key, audit_genesis, &a, ha);
	audit_hash(key, audit_genesis, &b, hb);
	assert_memory_not_equal(ha, hb, AUDIT_HASH_LEN);

	/* NULL is the same as "". */
	a = sample();
	b = sample();
	b.detail = NULL;
	audit_hash(key, audit_genesis, &a, ha);
	audit_hash(key, audit_genesis, &b, hb);
	assert_memory_equal(ha, hb, AUDIT_HASH_LEN);
}

/* Walk rows from genesis; true if every stored hash is the recomputed one. */
static bool
chain_verifies(const struct audit_event *rows, uint8_t hashes[][AUDIT_HASH_LEN], int n)
{
	uint8_t prev[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN];
	int i;

	memcpy(prev, audit_genesis, AUDIT_HASH_LEN);
	for (i = 0; i < n; i++) {
		audit_hash(key, prev, &rows[i], h);
		if (memcmp(h, hashes[i], AUDIT_HASH_LEN) != 0)
			return false;
		memcpy(prev, h, AUDIT_HASH_LEN);
	}
	return true;
}

static void
audit_chain_of_three(void **state)
{
	struct audit_event rows[3], swapped[3];
	uint8_t hashes[3][AUDIT_HASH_LEN], sh[3][AUDIT_HASH_LEN];
	const uint8_t *prev = audit_genesis;
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		rows[i] = sample();
		rows[i].id = i + 1;
		rows[i].at = 1718409600 + i;
		audit_hash(key, prev, &rows[i], hashes[i]);
		prev = hashes[i];
	}
	assert_true(chain_verifies(rows, hashes, 3));

	/* Swap rows 2 and 3 (with their hashes): detected. */
	swapped[0] = rows[0];
	swapped[1] = rows[2];
	swapped[2] = rows[1];
	memcpy(sh[0], hashes[0], AUDIT_HASH_LEN);
	memcpy(sh[1], hashes[2], AUDIT_HASH_LEN);
	memcpy(sh[2], hashes[1], AUDIT_HASH_LEN);
	assert_false(chain_verifies(swapped, sh, 3));

	/* Delete row 2: detected. */
	swapped[0] = rows[0];
	swapped[1] = rows[2];
	memcpy(sh[0], hashes[0], AUDIT_HASH_LEN);
	memcpy(sh[1], hashes[2], AUDIT_HASH_LEN);
	assert_false(chain_verifies(swapped, sh, 2));

	/* Edit row 1's detail: detected. */
	memcpy(swapped, rows, sizeof(rows));
	swapped[0].detail = "ids=1";
	assert_false(chain_verifies(swapped, hashes, 3));
}

static void
audit_head_mac_binds_everything(void **state)
{
	uint8_t last[AUDIT_HASH_LEN], m[AUDIT_HASH_LEN], m2[AUDIT_HASH_LEN];

	(void)state;
	memset(last, 0x5A, sizeof(last));
	audit_head_mac(key, 10, 10, last, m);
	audit_head_mac(key, 10, 10, last, m2);
	assert_memory_equal(m, m2, AUDIT_HASH_LEN);
	audit_head_mac(key, 9, 10, last, m2);
	assert_memory_not_equal(m, m2, AUDIT_HASH_LEN);
	audit_head_mac(key, 10, 9, last, m2);
	assert_memory_not_equal(m, m2, AUDIT_HASH_LEN);
	last[31] ^= 1;
	audit_head_mac(key, 10, 10, last, m2);
	assert_memory_not_equal(m, m2, AUDIT_HASH_LEN);
}

static void
audit_hex(void **state)
{
	uint8_t in[256], out[256];
	char hex[513];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(255 - i);
	hex_encode(in, sizeof(in), hex);
	assert_int_equal(strlen(hex), 512);
	assert_memory_equal(hex, "fffefdfc", 8);
	assert_string_equal(hex + 496, "0706050403020100");
	assert_int_equal(hex_decode(hex, out, sizeof(out)), 0);
	assert_memory_equal(in, out, sizeof(in));

	hex_encode(in, 0, hex);
	assert_string_equal(hex, "");
	assert_int_equal(hex_decode("", out, 0), 0);

	assert_int_equal(hex_decode("ABcd", out, 2), 0);
	assert_int_equal(out[0], 0xAB);
	assert_int_equal(out[1], 0xCD);

	memset(out, 0x11, 4);
	assert_int_equal(hex_decode("abc", out, 2), -1);	/* odd length */
	assert_int_equal(hex_decode("abcd", out, 1), -1);	/* too long */
	assert_int_equal(hex_decode("ab", out, 2), -1);		/* too short */
	assert_int_equal(hex_decode("abzz", out, 2), -1);
	assert_int_equal(hex_decode("ab d", out, 2), -1);
	assert_int_equal(hex_decode(NULL, out, 2), -1);
	assert_int_equal(out[0], 0x11);				/* untouched */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(audit_known_answers),
		cmocka_unit_test(audit_every_field_counts),
		cmocka_unit_test(audit_clients_are_hashed),
		cmocka_unit_test(audit_encoding_is_unambiguous),
		cmocka_unit_test(audit_chain_of_three),
		cmocka_unit_test(audit_head_mac_binds_everything),
		cmocka_unit_test(audit_hex),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

/*
 * test_rate.c — the per-address rate limiter (src/http/rate.c): every
 * address counted exactly, IPv6 by its /64, and a full table still counting.
 * No clock: the tests pass `now` themselves.
 */
#include "unit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "http/req.h"

#define WINDOW 60

static struct rate_table *
table_new(void)
{
	struct rate_table *t = calloc(1, sizeof *t);

	assert_non_null(t);
	rate_reset(t);
	return t;
}

static void
table_free(struct rate_table *t)
{
	pthread_mutex_destroy(&t->lock);
	free(t);
}

/* Two addresses that shared a slot of the old 1,024-slot table (FNV-1a of
 * their text modulo 1,024 is 472 for both): tried in turn, each is allowed
 * exactly the limit, and one's refusals do not reset the other. */
static void
rate_colliding_addresses_each_get_the_limit(void **state)
{
	struct rate_table *t = table_new();
	int i, ok_a = 0, ok_b = 0;

	(void)state;
	for (i = 0; i < 30; i++) {
		ok_a += rate_allow(t, "192.0.2.1", 1000, WINDOW, 10);
		ok_b += rate_allow(t, "198.51.2.63", 1000, WINDOW, 10);
	}
	assert_int_equal(ok_a, 10);
	assert_int_equal(ok_b, 10);
	/* the next window starts afresh */
	assert_true(rate_allow(t, "192.0.2.1", 1000 + WINDOW, WINDOW, 10));
	table_free(t);
}

/* Addresses in one /64 share a counter however they are written; another /64
 * has its own; an IPv4-mapped IPv6 address is counted as its IPv4 address. */
static void
rate_ipv6_counted_by_64(void **state)
{
	struct rate_table *t = table_new();
	static const char *same[] = { "2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:fffe",
		"2001:DB8:1:2:0:0:0:7", "2001:0db8:0001:0002:abcd::" };
	int i, ok = 0;

	(void)state;
	for (i = 0; i < 20; i++)
		ok += rate_allow(t, same[i % 4], 1000, WINDOW, 5);
	assert_int_equal(ok, 5);
	ok = 0;
	for (i = 0; i < 20; i++)
		ok += rate_allow(t, i % 2 ? "2001:db8:1:3::1" : "2001:db8:1:3::2", 1000, WINDOW, 5);
	assert_int_equal(ok, 5);
	assert_true(rate_allow(t, "2001:db8:2:2::1", 1000, WINDOW, 5));

	ok = 0;
	for (i = 0; i < 20; i++)
		ok += rate_allow(t, i % 2 ? "::ffff:203.0.113.9" : "203.0.113.9", 1000, WINDOW, 5);
	assert_int_equal(ok, 5);
	/* other IPv4-mapped addresses are not one /64 */
	assert_true(rate_allow(t, "::ffff:203.0.113.10", 1000, WINDOW, 5));
	table_free(t);
}

static void
addr_n(char *out, size_t n, int i)
{
	snprintf(out, n, "10.%d.%d.%d", (i >> 16) & 255, (i >> 8) & 255, i & 255);
}

/* A table full of entries from an earlier window still counts a new
 * address exactly, and still counts the old ones again. */
static void
rate_full_of_stale_entries_still_counts(void **state)
{
	struct rate_table *t = table_new();
	char a[32];
	int i, ok = 0;

	(void)state;
	for (i = 0; i < 2 * RATE_ENTRIES; i++) {
		addr_n(a, sizeof a, i);
		assert_true(rate_allow(t, a, 1000, WINDOW, 3));
	}
	for (i = 0; i < 10; i++)
		ok += rate_allow(t, "192.0.2.200", 1000 + WINDOW, WINDOW, 3);
	assert_int_equal(ok, 3);
	ok = 0;
	for (i = 0; i < 10; i++)
		ok += rate_allow(t, "10.0.0.5", 1000 + WINDOW, WINDOW, 3);
	assert_int_equal(ok, 3);
	table_free(t);
}

/* When the table is full of live entries, an address over its limit keeps
 * its count while it keeps trying, however many others come; one that
 * pauses is forgotten only after RATE_ENTRIES other addresses have tried. */
static void
rate_full_of_live_entries_keeps_the_limit(void **state)
{
	struct rate_table *t = table_new();
	char a[32];
	int i;

	(void)state;
	for (i = 0; i < 3; i++)
		assert_true(rate_allow(t, "192.0.2.7", 1000, WINDOW, 3));
	for (i = 0; i < 3 * RATE_ENTRIES; i++) {
		addr_n(a, sizeof a, i);
		assert_true(rate_allow(t, a, 1000, WINDOW, 3));
		if (i % 100 == 0)
			assert_false(rate_allow(t, "192.0.2.7", 1000, WINDOW, 3));
	}
	assert_false(rate_allow(t, "192.0.2.7", 1000, WINDOW, 3));
	/* paused: RATE_ENTRIES - 1 others leave it counted */
	for (i = 0; i < RATE_ENTRIES - 1; i++) {
		addr_n(a, sizeof a, 100000 + i);
		assert_true(rate_allow(t, a, 1000, WINDOW, 3));
	}
	assert_false(rate_allow(t, "192.0.2.7", 1000, WINDOW, 3));
	table_free(t);
}

struct race {
	struct rate_table *t;
	int allowed;
};

static void *
race_run(void *arg)
{
	struct race *r = arg;
	int i;

	for (i = 0; i < 2000; i++)
		r->allowed += rate_allow(r->t, i % 2 ? "192.0.2.1" : "2001:db8::1", 1000, WINDOW,
		    100);
	return NULL;
}

/* Worker threads trying at once are allowed the limit, no more. */
static void
rate_threads_share_the_limit(void **state)
{
	struct rate_table *t = table_new();
	struct race r[4];
	pthread_t th[4];
	int i, sum = 0;

	(void)state;
	for (i = 0; i < 4; i++) {
		r[i].t = t;
		r[i].allowed = 0;
		assert_int_equal(pthread_create(&th[i], NULL, race_run, &r[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		sum += r[i].allowed;
	}
	assert_int_equal(sum, 200);
	table_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rate_colliding_addresses_each_get_the_limit),
		cmocka_unit_test(rate_ipv6_counted_by_64),
		cmocka_unit_test(rate_full_of_stale_entries_still_counts),
		cmocka_unit_test(rate_full_of_live_entries_keeps_the_limit),
		cmocka_unit_test(rate_threads_share_the_limit),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}

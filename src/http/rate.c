/*
 * rate.c — how many attempts an address may make per window (sign-ins per
 * minute, public submissions per hour).  Kept in memory: a restart forgets,
 * which is acceptable for slowing abuse, not for accounting.
 *
 * Every address has its own counter, keyed by the whole normalised address
 * (IPv6 by its /64, since one subscriber is usually given a whole /64), in a
 * table of RATE_ENTRIES entries chained from RATE_BUCKETS buckets under a
 * keyed hash.  The entries are also kept in the order of their last attempt.
 * When a new address finds the table full, the least recently used entry is
 * taken.  All entries of a table share one window length, so that entry is
 * an expired one whenever any entry has expired; a live counter is dropped
 * only when every entry is live, and then only the one that has gone longest
 * without an attempt: RATE_ENTRIES other addresses must each have tried since
 * its last attempt.  What holds when the table is full: an address that keeps
 * trying keeps its count (each try makes it the newest), and to reset the
 * count of one that paused costs RATE_ENTRIES requests from as many distinct
 * addresses, each of them counted and limited in turn, so a set of addresses
 * never gets more than the limit per address per window.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "http/req.h"

void
rate_reset(struct rate_table *t)
{
	size_t i;

	pthread_mutex_init(&t->lock, NULL);
	pthread_mutex_lock(&t->lock);
	randombytes_buf(t->seed, sizeof t->seed);
	t->used = 0;
	t->newest = t->oldest = -1;
	for (i = 0; i < RATE_BUCKETS; i++)
		t->bucket[i] = -1;
	memset(t->e, 0, sizeof t->e);
	pthread_mutex_unlock(&t->lock);
}

void
rate_key(const char *addr, char out[RATE_KEY])
{
	struct in_addr a4;
	struct in6_addr a6;
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	char txt[INET6_ADDRSTRLEN];

	if (inet_pton(AF_INET, addr, &a4) == 1 &&
	    inet_ntop(AF_INET, &a4, out, RATE_KEY) != NULL)
		return;
	if (inet_pton(AF_INET6, addr, &a6) == 1) {
		if (memcmp(a6.s6_addr, mapped, sizeof mapped) == 0) {
			memcpy(&a4, a6.s6_addr + 12, 4);
			if (inet_ntop(AF_INET, &a4, out, RATE_KEY) != NULL)
				return;
		}
		memset(a6.s6_addr + 8, 0, 8);
		if (inet_ntop(AF_INET6, &a6, txt, sizeof txt) != NULL) {
			snprintf(out, RATE_KEY, "%s/64", txt);
			return;
		}
	}
	snprintf(out, RATE_KEY, "%s", addr);
}

/* Take entry i out of the use order. */
static void
unlink_use(struct rate_table *t, int32_t i)
{
	struct rate_entry *x = &t->e[i];

	if (x->older >= 0)
		t->e[x->older].newer = x->newer;
	else
		t->oldest = x->newer;
	if (x->newer >= 0)
		t->e[x->newer].older = x->older;
	else
		t->newest = x->older;
	x->older = x->newer = -1;
}

/* Make entry i the most recently used. */
static void
push_newest(struct rate_table *t, int32_t i)
{
	struct rate_entry *x = &t->e[i];

	x->older = t->newest;
	x->newer = -1;
	if (t->newest >= 0)
		t->e[t->newest].newer = i;
	else
		t->oldest = i;
	t->newest = i;
}

/* Take entry i out of its bucket's chain. */
static void
unlink_chain(struct rate_table *t, int32_t i)
{
	int32_t *p = &t->bucket[t->e[i].hash & (RATE_BUCKETS - 1)];

	while (*p >= 0 && *p != i)
		p = &t->e[*p].chain;
	if (*p == i)
		*p = t->e[i].chain;
	t->e[i].chain = -1;
}

/* The entry for key, made the newest: found, or a free or evicted one given
 * to key with no attempts counted yet. */
static struct rate_entry *
lookup(struct rate_table *t, const char key[RATE_KEY], int64_t window)
{
	unsigned char h8[crypto_shorthash_BYTES];
	uint32_t h;
	int32_t i;
	struct rate_entry *x;

	crypto_shorthash(h8, (const unsigned char *)key, strlen(key), t->seed);
	memcpy(&h, h8, sizeof h);
	for (i = t->bucket[h & (RATE_BUCKETS - 1)]; i >= 0; i = t->e[i].chain)
		if (t->e[i].hash == h && strcmp(t->e[i].key, key) == 0) {
			unlink_use(t, i);
			push_newest(t, i);
			return &t->e[i];
		}
	if (t->used < RATE_ENTRIES) {
		i = t->used++;
	} else {
		i = t->oldest;	/* expired if any entry is; else the longest idle */
		unlink_use(t, i);
		unlink_chain(t, i);
	}
	x = &t->e[i];
	memcpy(x->key, key, RATE_KEY);
	x->hash = h;
	x->window = window;
	x->count = 0;
	x->chain = t->bucket[h & (RATE_BUCKETS - 1)];
	t->bucket[h & (RATE_BUCKETS - 1)] = i;
	push_newest(t, i);
	return x;
}

bool
rate_allow(struct rate_table *t, const char *addr, int64_t now, int window_seconds,
    int limit)
{
	char key[RATE_KEY];
	int64_t w = now / window_seconds;
	struct rate_entry *x;
	bool ok;

	memset(key, 0, sizeof key);
	rate_key(addr, key);
	pthread_mutex_lock(&t->lock);
	x = lookup(t, key, w);
	if (x->window != w) {
		x->window = w;
		x->count = 0;
	}
	ok = x->count < limit;
	if (ok)
		x->count++;
	pthread_mutex_unlock(&t->lock);
	return ok;
}

/*
 * refusals.c — refusals of requests that never signed in, aggregated.  The
 * first refusal of an (address, route, reason) in a minute is written as a
 * row at once; the rest of that minute only counted, and summed up in one
 * row when the key's slot is next used (the same key in a later minute, or
 * another key taking the slot when all REFUSAL_PROBE slots it may use are
 * busy: the one of the oldest minute goes), or by the server's timer once
 * the minute is over (refusals_take), and at a clean stop.  Kept in memory:
 * a crash loses, per key, the count of at most its last minute (its first
 * refusal is always written).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "http/req.h"

void
refusals_reset(struct refusal_table *t)
{
	pthread_mutex_init(&t->lock, NULL);
	pthread_mutex_lock(&t->lock);
	memset(t->slot, 0, sizeof t->slot);
	pthread_mutex_unlock(&t->lock);
}

void
refusals_destroy(struct refusal_table *t)
{
	pthread_mutex_destroy(&t->lock);
}

bool
refusals_note(struct refusal_table *t, const char *addr, int route, const char *why,
    int64_t now, struct refusal_key *done, int *ndone)
{
	uint32_t h = 2166136261u;
	const unsigned char *p;
	int64_t minute = now / 60;
	bool first;
	size_t i, best;

	for (p = (const unsigned char *)addr; *p; p++)
		h = (h ^ *p) * 16777619u;
	h = (h ^ (uint32_t)(route + 1)) * 16777619u;
	for (p = (const unsigned char *)why; *p; p++)
		h = (h ^ *p) * 16777619u;
	*ndone = 0;
	pthread_mutex_lock(&t->lock);
	/* The key's slot among REFUSAL_PROBE neighbours: its own if there, else
	 * one free or of a past minute, else the one of the oldest minute — so
	 * two keys that hash alike do not push each other out on every refusal. */
	i = REFUSAL_SLOTS;
	best = SIZE_MAX;
	for (size_t k = 0; k < REFUSAL_PROBE; k++) {
		size_t j = (h + k) % REFUSAL_SLOTS;
		if (t->slot[j].count > 0 && strcmp(t->slot[j].key.addr, addr) == 0 &&
		    t->slot[j].key.route == route && t->slot[j].key.why == why) {
			i = j;
			break;
		}
		if (t->slot[j].count == 0) {
			if (best == SIZE_MAX || t->slot[best].count != 0)
				best = j;
		} else if (best == SIZE_MAX || (t->slot[best].count != 0 &&
		    t->slot[j].key.minute < t->slot[best].key.minute)) {
			best = j;
		}
	}
	if (i == REFUSAL_SLOTS)
		i = best;
	first = strcmp(t->slot[i].key.addr, addr) != 0 || t->slot[i].key.route != route ||
	    t->slot[i].key.why != why || t->slot[i].key.minute != minute ||
	    t->slot[i].count == 0;
	if (first) {
		if (t->slot[i].count > 1) {
			*done = t->slot[i].key;
			*ndone = t->slot[i].count - 1;
		}
		snprintf(t->slot[i].key.addr, sizeof t->slot[i].key.addr, "%s", addr);
		t->slot[i].key.route = route;
		t->slot[i].key.why = why;
		t->slot[i].key.minute = minute;
		t->slot[i].count = 0;
	}
	t->slot[i].count++;
	pthread_mutex_unlock(&t->lock);
	return first;
}

int
refusals_take(struct refusal_table *t, int64_t now, bool all, struct refusal_key *out,
    int *counts, int max)
{
	int64_t minute = now / 60;
	int n = 0;
	size_t i;

	pthread_mutex_lock(&t->lock);
	for (i = 0; i < REFUSAL_SLOTS && n < max; i++) {
		if (t->slot[i].count == 0 || (!all && t->slot[i].key.minute >= minute))
			continue;
		if (t->slot[i].count > 1) {
			out[n] = t->slot[i].key;
			counts[n] = t->slot[i].count - 1;
			n++;
		}
		/* Its first was written; the rest are summed up now. */
		t->slot[i].count = 0;
		t->slot[i].key.addr[0] = '\0';
	}
	pthread_mutex_unlock(&t->lock);
	return n;
}

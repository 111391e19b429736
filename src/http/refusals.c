/*
 * refusals.c — refusals of requests that never signed in, aggregated.  The
 * first refusal of an (address, route, reason) in a minute is written as a
 * row at once; the rest of that minute only counted, and summed up in one
 * row when the key's slot is next used (the same key in a later minute, or
 * a colliding key).  Kept in memory: a crash or a stop loses, per key, the
 * count of at most its last minute (its first refusal is always written).
 */
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
	size_t i;

	for (p = (const unsigned char *)addr; *p; p++)
		h = (h ^ *p) * 16777619u;
	h = (h ^ (uint32_t)(route + 1)) * 16777619u;
	for (p = (const unsigned char *)why; *p; p++)
		h = (h ^ *p) * 16777619u;
	i = h % REFUSAL_SLOTS;
	*ndone = 0;
	pthread_mutex_lock(&t->lock);
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

/*
 * rate.c — how many attempts an address may make per window (sign-ins per
 * minute, public submissions per hour).  Kept in memory: a restart forgets,
 * which is acceptable for slowing abuse, not for accounting.
 */
#include <stdio.h>
#include <string.h>

#include "http/req.h"

void
rate_reset(struct rate_table *t)
{
	pthread_mutex_init(&t->lock, NULL);
	pthread_mutex_lock(&t->lock);
	memset(t->slot, 0, sizeof t->slot);
	pthread_mutex_unlock(&t->lock);
}

bool
rate_allow(struct rate_table *t, const char *addr, int64_t now, int window_seconds,
    int limit)
{
	uint32_t h = 2166136261u;
	const char *p;
	int64_t w = now / window_seconds;
	bool ok;
	size_t i;

	for (p = addr; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	i = h % RATE_SLOTS;
	pthread_mutex_lock(&t->lock);
	if (strcmp(t->slot[i].addr, addr) != 0 || t->slot[i].window != w) {
		snprintf(t->slot[i].addr, sizeof t->slot[i].addr, "%s", addr);
		t->slot[i].window = w;
		t->slot[i].count = 0;
	}
	ok = ++t->slot[i].count <= limit;
	pthread_mutex_unlock(&t->lock);
	return ok;
}

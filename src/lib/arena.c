/*
 * arena.c — a chunked bump allocator with a byte cap.
 *
 * Memory comes from a list of malloc'd chunks.  Small allocations are carved
 * from the current chunk; when it is full a new chunk is started.  A large
 * allocation (over a quarter of the chunk size) gets a chunk of its own, so
 * it does not waste the tail of the current one.  Every allocation is 16-byte
 * aligned and zeroed.
 *
 * The cap counts the bytes handed out (each request rounded up to 16): an
 * allocation that would take the total past the cap returns NULL, so a
 * hostile request runs out of room instead of out of memory.  A cap of 0
 * means no cap.  arena_reset frees every chunk but the first and starts over.
 *
 * The arena never frees single allocations and must not be shared between
 * threads without a lock (it has none).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/arena.h"

#define ARENA_ALIGN 16
#define ARENA_CHUNK (64 * 1024)
#define ARENA_LARGE (ARENA_CHUNK / 4)

struct chunk {
	struct chunk *next;
	size_t size;		/* usable bytes from base */
	size_t used;
	unsigned char *base;	/* 16-byte aligned start of the usable bytes */
};

struct arena {
	struct chunk *first;	/* kept across arena_reset */
	struct chunk *cur;	/* where small allocations are carved */
	size_t cap;		/* 0: unlimited */
	size_t used;		/* bytes handed out, rounded */
};

static struct chunk *
chunk_new(size_t size)
{
	struct chunk *c;
	size_t hdr, total;
	uintptr_t p;

	/* Header, slack for alignment, then the usable bytes. */
	hdr = sizeof(struct chunk);
	if (size > SIZE_MAX - hdr - ARENA_ALIGN)
		return NULL;
	total = hdr + ARENA_ALIGN + size;
	c = malloc(total);
	if (c == NULL)
		return NULL;
	p = (uintptr_t)((unsigned char *)c + hdr);
	p = (p + (ARENA_ALIGN - 1)) & ~(uintptr_t)(ARENA_ALIGN - 1);
	c->base = (unsigned char *)p;
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

struct arena *
arena_new(size_t cap)
{
	struct arena *a;
	size_t first;

	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return NULL;
	first = ARENA_CHUNK;
	if (cap != 0 && cap < first)
		first = (cap + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
	a->first = chunk_new(first);
	if (a->first == NULL) {
		free(a);
		return NULL;
	}
	a->cur = a->first;
	a->cap = cap;
	a->used = 0;
	return a;
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->first; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void
arena_reset(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->first->next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->first->next = NULL;
	a->first->used = 0;
	a->cur = a->first;
	a->used = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c;
	size_t need, size;
	void *p;

	if (a == NULL)
		return NULL;
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - (ARENA_ALIGN - 1))
		return NULL;
	need = (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
	if (a->cap != 0 && (need > a->cap || a->used > a->cap - need))
		return NULL;

	c = a->cur;
	if (c->size - c->used < need) {
		if (need > ARENA_LARGE) {
			/* Its own chunk, linked after the current one so the
			 * current chunk's tail stays in use. */
			c = chunk_new(need);
			if (c == NULL)
				return NULL;
			c->next = a->cur->next;
			a->cur->next = c;
		} else {
			size = ARENA_CHUNK;
			c = chunk_new(size);
			if (c == NULL)
				return NULL;
			c->next = a->cur->next;
			a->cur->next = c;
			a->cur = c;
		}
	}
	p = c->base + c->used;
	c->used += need;
	a->used += need;
	memset(p, 0, need);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	size_t len;
	char *p;

	if (s == NULL)
		s = "";
	len = 0;
	while (len < n && s[len] != '\0')
		len++;
	if (len == SIZE_MAX)
		return NULL;
	p = arena_alloc(a, len + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		s = "";
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	char *p;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		va_end(ap2);
		return NULL;
	}
	p = arena_alloc(a, (size_t)n + 1);
	if (p != NULL && vsnprintf(p, (size_t)n + 1, fmt, ap2) < 0)
		p = NULL;
	va_end(ap2);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a != NULL ? a->used : 0;
}

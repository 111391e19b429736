/*
 * arena.h — a bump allocator with a cap.
 *
 * One arena per request (or per CLI command): allocate freely, free once.
 * The cap turns a hostile request into ERR_TOOLARGE instead of an
 * out-of-memory crash: an allocation past the cap returns NULL.
 */
#ifndef IOP_ARENA_H
#define IOP_ARENA_H

#include <stddef.h>
#include <stdarg.h>

struct arena;

struct arena *arena_new(size_t cap);
void arena_free(struct arena *a);
void arena_reset(struct arena *a);

void *arena_alloc(struct arena *a, size_t n);	/* 16-byte aligned, zeroed */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
size_t arena_used(const struct arena *a);

#endif

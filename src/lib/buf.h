/*
 * buf.h — a growable byte buffer with a maximum.
 */
#ifndef IOP_BUF_H
#define IOP_BUF_H

#include <stddef.h>
#include <stdbool.h>

struct buf {
	char *data;	/* always NUL-terminated when len > 0 or after buf_cstr */
	size_t len;
	size_t cap;
	size_t max;	/* 0: unlimited */
	bool failed;	/* an append hit max or ran out of memory */
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
bool buf_append(struct buf *b, const void *p, size_t n);
bool buf_puts(struct buf *b, const char *s);
bool buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *b);

#endif

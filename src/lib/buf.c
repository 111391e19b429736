/*
 * buf.c — a growable byte buffer with a maximum.
 *
 * Used to build responses and documents.  The buffer grows by doubling up to
 * max bytes of content (0: no maximum).  An append that would pass the
 * maximum, or that runs out of memory, appends nothing, sets failed and
 * returns false; failed is sticky, so later appends also refuse and a caller
 * may check once at the end.  After any successful append data is
 * NUL-terminated (the NUL is not counted in len).
 *
 * Nothing here knows what the bytes mean: escaping belongs to the callers.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"

#define BUF_MIN 64

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->failed = false;
}

void
buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = false;
}

/* Make room for n more bytes plus the NUL. */
static bool
buf_grow(struct buf *b, size_t n)
{
	size_t want, ncap;
	char *p;

	if (b->failed)
		return false;
	if (n > SIZE_MAX - 1 - b->len)
		goto fail;
	want = b->len + n;
	if (b->max != 0 && want > b->max)
		goto fail;
	if (want + 1 <= b->cap)
		return true;
	ncap = b->cap != 0 ? b->cap : BUF_MIN;
	while (ncap < want + 1) {
		if (ncap > SIZE_MAX / 2) {
			ncap = want + 1;
			break;
		}
		ncap *= 2;
	}
	if (b->max != 0 && b->max < SIZE_MAX && ncap > b->max + 1)
		ncap = b->max + 1;
	p = realloc(b->data, ncap);
	if (p == NULL)
		goto fail;
	b->data = p;
	b->cap = ncap;
	return true;
fail:
	b->failed = true;
	return false;
}

bool
buf_append(struct buf *b, const void *p, size_t n)
{
	if (!buf_grow(b, n))
		return false;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

bool
buf_puts(struct buf *b, const char *s)
{
	if (s == NULL)
		s = "";
	return buf_append(b, s, strlen(s));
}

bool
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return false;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_grow(b, (size_t)n)) {
		b->failed = true;
		return false;
	}
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		b->failed = true;
		return false;
	}
	b->len += (size_t)n;
	return true;
}

const char *
buf_cstr(struct buf *b)
{
	if (b->data == NULL) {
		if (!b->failed && buf_grow(b, 0)) {
			b->data[0] = '\0';
			return b->data;
		}
		return "";
	}
	return b->data;
}

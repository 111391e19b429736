/*
 * err.c — filling a struct error, and the short word for each code.
 *
 * A struct error is caller-owned and fixed-size: nothing here allocates, so
 * reporting an out-of-memory condition cannot itself fail.  Messages are
 * truncated to fit, never overflowed.  This file must not log or print, and
 * must never put a value (which may be health information) into a message
 * on its own initiative: callers name fields, not contents.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/err.h"

static const char *const err_words[ERR__MAX] = {
	[ERR_OK] = "ok",
	[ERR_NOMEM] = "internal",
	[ERR_INVALID] = "invalid",
	[ERR_MALFORMED] = "malformed",
	[ERR_NOTFOUND] = "not_found",
	[ERR_CONFLICT] = "conflict",
	[ERR_DUPLICATE] = "duplicate",
	[ERR_FORBIDDEN] = "forbidden",
	[ERR_UNAUTH] = "unauthenticated",
	[ERR_TOOLARGE] = "too_large",
	[ERR_RATELIMIT] = "rate_limited",
	[ERR_STORE] = "internal",
	[ERR_IO] = "internal",
};

void
error_clear(struct error *e)
{
	if (e == NULL)
		return;
	memset(e, 0, sizeof(*e));
	e->code = ERR_OK;
}

enum err
error_set(struct error *e, enum err code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	if (fmt == NULL) {
		e->msg[0] = '\0';
		return code;
	}
	va_start(ap, fmt);
	if (vsnprintf(e->msg, sizeof(e->msg), fmt, ap) < 0)
		e->msg[0] = '\0';
	va_end(ap);
	return code;
}

enum err
error_field(struct error *e, const char *field, const char *fmt, ...)
{
	char name[sizeof(((struct error_field *)0)->name)];
	struct error_field *f;
	va_list ap;
	size_t i;

	if (e == NULL)
		return ERR_INVALID;
	e->code = ERR_INVALID;
	if (e->msg[0] == '\0')
		snprintf(e->msg, sizeof(e->msg), "%s", "Some fields need attention.");

	snprintf(name, sizeof(name), "%s", field != NULL ? field : "");
	for (i = 0; i < e->nfields && i < ERROR_FIELDS_MAX; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return ERR_INVALID;	/* the first error wins */
	if (e->nfields >= ERROR_FIELDS_MAX)
		return ERR_INVALID;		/* silently dropped */

	f = &e->fields[e->nfields++];
	memcpy(f->name, name, sizeof(f->name));
	f->msg[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		if (vsnprintf(f->msg, sizeof(f->msg), fmt, ap) < 0)
			f->msg[0] = '\0';
		va_end(ap);
	}
	return ERR_INVALID;
}

const char *
err_code_word(enum err code)
{
	if ((unsigned)code >= ERR__MAX || err_words[code] == NULL)
		return "internal";
	return err_words[code];
}

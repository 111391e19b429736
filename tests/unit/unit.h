/*
 * unit.h — helpers shared by the unit tests: cmocka's includes in the order
 * it needs them, and a way to ask a struct error about one field.
 */
#ifndef IOP_TEST_UNIT_H
#define IOP_TEST_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/err.h"

/* The message recorded for field, or NULL if the field is not at fault. */
static inline const char *
field_msg(const struct error *e, const char *field)
{
	size_t i;

	for (i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, field) == 0)
			return e->fields[i].msg;
	return NULL;
}

/* Fill s with n copies of the UTF-8 sequence ch, NUL-terminated. */
static inline char *
repeat(char *s, const char *ch, size_t n)
{
	size_t len = strlen(ch), i;

	for (i = 0; i < n; i++)
		memcpy(s + i * len, ch, len);
	s[n * len] = '\0';
	return s;
}

#endif

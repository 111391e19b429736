/*
 * csv.c — see csv.h.  Pure.
 */
#include <string.h>

#include "core/csv.h"

void
csv_cell(struct buf *b, const char *s, bool last)
{
	if (s == NULL)
		s = "";
	buf_puts(b, "\"");
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL)
		buf_puts(b, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_puts(b, "\"\"");
		else
			buf_append(b, p, 1);
	}
	buf_puts(b, last ? "\"\r\n" : "\",");
}

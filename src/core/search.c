/*
 * search.c — what the client search box means.
 *
 * The text is trimmed and ASCII lower-cased, then read in this order:
 * blank -> everyone; a record number ("IOP-000042", "iop-42", or 1-9 digits);
 * a date of birth ("1980-02-29" or "02/29/1980"); "last, first" with a comma;
 * exactly two words "first last"; otherwise a name prefix.  Anything longer
 * than 100 bytes or holding a control character is refused.
 *
 * Pure: this file parses; the store runs the query.  It must not log the
 * search text (it is health information: who is a client here).
 */
#include <stddef.h>
#include <string.h>

#include "core/search.h"

#define SEARCH_MAX 100
#define MRN_DIGITS_MAX 9

static bool
is_ws(char c)
{
	return c == ' ';
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Copy [b, e) trimmed and lower-cased into out (which holds SEARCH_MAX+1). */
static void
copy_trim_lower(char *out, const char *b, const char *e)
{
	size_t n = 0;

	while (b < e && is_ws(*b))
		b++;
	while (e > b && is_ws(e[-1]))
		e--;
	for (; b < e && n < SEARCH_MAX; b++)
		out[n++] = lower(*b);
	out[n] = '\0';
}

/* 1 to 9 ASCII digits and nothing else: the number, or -1. */
static int64_t
mrn_digits(const char *s)
{
	int64_t v = 0;
	size_t n = 0;

	for (; *s != '\0'; s++, n++) {
		if (*s < '0' || *s > '9' || n >= MRN_DIGITS_MAX)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return n == 0 ? -1 : v;
}

bool
search_parse(const char *q, struct client_search *out)
{
	char t[SEARCH_MAX + 1];
	const char *comma, *sp, *p;
	size_t len;
	int64_t mrn;

	memset(out, 0, sizeof(*out));
	out->kind = SEARCH_ALL;
	if (q == NULL)
		return true;
	len = strlen(q);
	if (len > SEARCH_MAX)
		return false;
	for (p = q; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return false;

	copy_trim_lower(t, q, q + len);
	if (t[0] == '\0')
		return true;

	/* A record number. */
	mrn = -1;
	if (strncmp(t, "iop-", 4) == 0)
		mrn = mrn_digits(t + 4);
	else
		mrn = mrn_digits(t);
	if (mrn >= 0) {
		out->kind = SEARCH_MRN;
		out->mrn = mrn;
		return true;
	}

	/* A date of birth. */
	if (date_parse(t, &out->dob) || date_parse_us(t, &out->dob)) {
		out->kind = SEARCH_DOB;
		return true;
	}
	memset(&out->dob, 0, sizeof(out->dob));

	/* "last, first". */
	comma = strchr(t, ',');
	if (comma != NULL) {
		copy_trim_lower(out->a, t, comma);
		copy_trim_lower(out->b, comma + 1, t + strlen(t));
		if (out->b[0] == '\0') {
			out->kind = out->a[0] == '\0' ? SEARCH_ALL : SEARCH_NAME;
			return true;
		}
		out->kind = SEARCH_NAME_PAIR;
		return true;
	}

	/* "first last": exactly two words. */
	sp = strchr(t, ' ');
	if (sp != NULL) {
		p = sp;
		while (is_ws(*p))
			p++;
		if (strchr(p, ' ') == NULL) {
			copy_trim_lower(out->a, p, t + strlen(t));
			copy_trim_lower(out->b, t, sp);
			out->kind = SEARCH_NAME_PAIR;
			return true;
		}
	}

	out->kind = SEARCH_NAME;
	memcpy(out->a, t, strlen(t) + 1);
	return true;
}

/*
 * validate.c — the small checks every record's validation is built from.
 *
 * Each check returns NULL when the value is acceptable, or a short message
 * for people ("must be 100 characters or fewer") to show next to the field.
 * Messages describe the rule, never the value.  A NULL string is treated as
 * "".  The returned message is a string literal for every length limit in
 * the list below; any other limit is formatted into a small per-thread ring
 * of buffers, valid until eight more such messages are made on that thread.
 *
 * Pure: no I/O, no locale, no allocation.  Whether a time zone exists on
 * disk is for an upper layer to ask; here only its shape is checked.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"

/*
 * Decode one UTF-8 sequence at s.  Returns its length in bytes, or 0 when it
 * is not well-formed (overlong forms, surrogates and values past U+10FFFF are
 * not well-formed).
 */
static size_t
utf8_next(const unsigned char *s, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;	/* also stops at the NUL */
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

static bool
is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* Characters that change how the text around them is shown without being
 * seen: the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069).  They can make a name read as another; refused everywhere. */
static bool
is_bidi_control(uint32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Refused in one-line text only: the direction marks (U+200E, U+200F,
 * U+061C) and the line and paragraph separators (U+2028, U+2029), which
 * free text may hold like its line ends. */
static bool
is_line_format(uint32_t c)
{
	return c == 0x200E || c == 0x200F || c == 0x061C || c == 0x2028 || c == 0x2029;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
is_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!is_space(*s))
			return false;
	return true;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool
is_alnum(char c)
{
	return is_digit(c) || is_lower(c) || is_upper(c);
}

#define TOO_LONG(n) case n: return "must be " #n " characters or fewer"

static const char *
too_long(size_t max)
{
	static _Thread_local char ring[8][64];
	static _Thread_local unsigned next;
	char *p;

	switch (max) {
	TOO_LONG(1); TOO_LONG(2); TOO_LONG(3); TOO_LONG(4); TOO_LONG(5);
	TOO_LONG(8); TOO_LONG(10); TOO_LONG(12); TOO_LONG(16); TOO_LONG(20);
	TOO_LONG(24); TOO_LONG(30); TOO_LONG(32); TOO_LONG(40); TOO_LONG(50);
	TOO_LONG(60); TOO_LONG(64); TOO_LONG(80); TOO_LONG(100); TOO_LONG(120);
	TOO_LONG(128); TOO_LONG(150); TOO_LONG(160); TOO_LONG(200);
	TOO_LONG(250); TOO_LONG(254); TOO_LONG(255); TOO_LONG(256);
	TOO_LONG(300); TOO_LONG(400); TOO_LONG(500); TOO_LONG(512);
	TOO_LONG(1000); TOO_LONG(1024); TOO_LONG(2000); TOO_LONG(2048);
	TOO_LONG(4000); TOO_LONG(4096); TOO_LONG(5000); TOO_LONG(8000);
	TOO_LONG(10000); TOO_LONG(20000); TOO_LONG(50000); TOO_LONG(65535);
	TOO_LONG(100000);
	default:
		break;
	}
	p = ring[next++ % 8];
	snprintf(p, sizeof(ring[0]), "must be %zu characters or fewer", max);
	return p;
}

const char *
check_text(const char *s, size_t max, bool required, bool multiline)
{
	const unsigned char *p;
	size_t count, n;
	uint32_t c;

	if (s == NULL)
		s = "";
	if (required && is_blank(s))
		return "is required";
	count = 0;
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = utf8_next(p, &c);
		if (n == 0)
			return "must be valid text";
		if (is_control(c) &&
		    !(multiline && (c == '\t' || c == '\n' || c == '\r')))
			return "must not contain control characters";
		if (is_bidi_control(c) || (!multiline && is_line_format(c)))
			return "must not contain invisible direction or line-separator characters";
		count++;
	}
	if (count > max)
		return too_long(max);
	return NULL;
}

/* Characters allowed in the local part of an address (outside quotes, which
 * are not accepted): letters, digits and !#$%&'*+-/=?^_`{|}~ and '.'. */
static bool
email_local_char(char c)
{
	return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~.", c) != NULL);
}

const char *
check_email(const char *s, bool required)
{
	static const char bad[] = "must be a valid email address";
	const char *at, *p, *label;
	size_t len, nlabels;

	if (s == NULL)
		s = "";
	if (*s == '\0' || is_blank(s))
		return required ? "is required" : (*s == '\0' ? NULL : bad);
	len = strlen(s);
	if (len > 254)
		return bad;
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return bad;
	if ((size_t)(at - s) > 64 || s[0] == '.' || at[-1] == '.')
		return bad;
	for (p = s; p < at; p++) {
		if (!email_local_char(*p) || (*p == '.' && p[1] == '.'))
			return bad;
	}
	/* Domain: dot-separated labels of letters, digits and '-', at least
	 * two labels, none empty, none starting or ending with '-'. */
	nlabels = 0;
	label = at + 1;
	for (p = at + 1;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || label[0] == '-' || p[-1] == '-' ||
			    p - label > 63)
				return bad;
			nlabels++;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!is_alnum(*p) && *p != '-')
			return bad;
	}
	if (nlabels < 2)
		return bad;
	return NULL;
}

const char *
check_phone(const char *s, bool required)
{
	static const char bad[] = "must be a phone number with 7 to 20 digits";
	size_t ndigits, len;
	const char *p;

	if (s == NULL)
		s = "";
	if (*s == '\0' || is_blank(s))
		return required ? "is required" : (*s == '\0' ? NULL : bad);
	len = strlen(s);
	if (len > 40)
		return bad;
	ndigits = 0;
	p = s;
	while (*p == ' ')
		p++;
	if (*p == '+')
		p++;
	for (; *p != '\0'; p++) {
		if (is_digit(*p))
			ndigits++;
		else if (*p != '(' && *p != ')' && *p != '-' && *p != '.' && *p != ' ')
			return bad;
	}
	if (ndigits < 7 || ndigits > 20)
		return bad;
	return NULL;
}

const char *
check_username(const char *s)
{
	size_t len, i;

	if (s == NULL || *s == '\0')
		return "is required";
	len = strlen(s);
	if (len < 3 || len > 32 || !is_lower(s[0]))
		goto bad;
	for (i = 0; i < len; i++)
		if (!is_lower(s[i]) && !is_digit(s[i]) &&
		    s[i] != '.' && s[i] != '_' && s[i] != '-')
			goto bad;
	return NULL;
bad:
	return "must be 3–32 characters: lower-case letters, digits, '.', '_' "
	    "or '-', starting with a letter";
}

/* ASCII case-insensitive equality. */
static bool
same_ci(const char *a, const char *b)
{
	char x, y;

	for (;; a++, b++) {
		x = is_upper(*a) ? (char)(*a - 'A' + 'a') : *a;
		y = is_upper(*b) ? (char)(*b - 'A' + 'a') : *b;
		if (x != y)
			return false;
		if (x == '\0')
			return true;
	}
}

const char *
check_password(const char *pw, const char *username)
{
	const unsigned char *p;
	size_t count, n;
	uint32_t c;

	if (pw == NULL || *pw == '\0')
		return "is required";
	if (strlen(pw) > 128)
		return "must be 128 bytes or fewer";
	count = 0;
	for (p = (const unsigned char *)pw; *p != '\0'; p += n) {
		n = utf8_next(p, &c);
		if (n == 0)
			return "must be valid text";
		if (is_control(c))
			return "must not contain control characters";
		count++;
	}
	if (count < 12)
		return "must be at least 12 characters";
	if (username != NULL && *username != '\0' && same_ci(pw, username))
		return "must not be the same as the username";
	return NULL;
}

const char *
check_timezone_name(const char *s)
{
	static const char bad[] = "must be a time zone name such as America/Chicago";
	size_t len, nseg, seglen;
	const char *p;

	if (s == NULL || *s == '\0')
		return "is required";
	if (strcmp(s, "UTC") == 0)
		return NULL;
	len = strlen(s);
	if (len > 64 || !is_upper(s[0]))
		return bad;
	nseg = 1;
	seglen = 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == '/') {
			if (seglen == 0)
				return bad;
			nseg++;
			seglen = 0;
			continue;
		}
		if (!is_alnum(*p) && *p != '_' && *p != '+' && *p != '-')
			return bad;
		if (seglen == 0 && (*p == '+' || *p == '-'))
			return bad;
		seglen++;
	}
	if (seglen == 0 || nseg < 2 || nseg > 3)
		return bad;
	return NULL;
}

bool
text_blank(const char *s)
{
	return s == NULL || is_blank(s);
}

void
check_field(struct error *e, bool *bad, const char *field, const char *msg)
{
	if (msg == NULL)
		return;
	*bad = true;
	error_field(e, field, "%s", msg);
}

const char *
name_of(const char *const *names, int n, int i)
{
	return i >= 0 && i < n ? names[i] : "";
}

int
name_index(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/*
 * fuzz_text.c — libFuzzer target for the text parsers: the router's path
 * matching, instants (instant_parse), the client search box (search_parse),
 * dates and times of day (src/lib/timeutil.c) and the text validators.
 * The first byte picks the parser; the rest is its text.  Beyond not
 * crashing, each parser must keep its promise: what it accepts reads back
 * to the same text or value, and what it fills stays in range.  A broken
 * promise traps, so the fuzzer reports it.
 *
 * Not here: the audit head file's parser, which is private to the store.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/search.h"
#include "core/validate.h"
#include "http/req.h"
#include "lib/timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PROMISE(cond)                                                           \
	do {                                                                    \
		if (!(cond))                                                    \
			__builtin_trap();                                       \
	} while (0)

/* Route shapes: literal paths, {id}s, two ids, {code}. */
static const char *const patterns[] = {
	"/healthz",
	"/api/v1/clients",
	"/api/v1/clients/{id}",
	"/api/v1/clients/{id}/contacts/{contact_id}",
	"/api/v1/instruments/{code}/score",
	"/api/v1/inquiries/latest",
	"/api/v1/inquiries/{id}/merge",
};

static void
check_match(const char *pat, const char *url)
{
	int64_t ids[3] = { 0, 0, 0 };
	char code[33];
	int nids = -1, i;
	bool ok;

	memset(code, 0, sizeof code);
	ok = router_match(pat, url, ids, &nids, code);
	if (strchr(pat, '{') == NULL) {
		PROMISE(ok == (strcmp(pat, url) == 0));
		return;
	}
	if (!ok)
		return;
	PROMISE(nids >= 0 && nids <= 3);
	for (i = 0; i < nids; i++)
		PROMISE(ids[i] > 0 && ids[i] < 1000000000000000LL);
	/* A {code} taken is 1-32 of [a-z0-9_]; a pattern that only looks like
	 * one ("{{x{code}") may take an id instead and leave code alone. */
	if (code[0] != '\0') {
		size_t n = strnlen(code, sizeof code);
		PROMISE(n <= 32);
		PROMISE(strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == n);
	}
	if (strcmp(pat, "/api/v1/instruments/{code}/score") == 0)
		PROMISE(code[0] != '\0' && nids == 0);
}

/* The text is "PATTERN\nURL", or a URL matched against every shape above. */
static void
fuzz_router(char *s)
{
	char *nl = strchr(s, '\n');
	size_t i;

	if (nl != NULL) {
		*nl = '\0';
		check_match(s, nl + 1);
		return;
	}
	for (i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
		check_match(patterns[i], s);
}

static void
fuzz_instant(char *s)
{
	int64_t t, again;
	char iso[21];

	if (!instant_parse(s, &t))
		return;
	PROMISE(t >= -62167219200LL && t < 253402300800LL);	/* years 0000-9999 */
	time_format_iso(t, iso);
	PROMISE(instant_parse(iso, &again) && again == t);
	if (strlen(s) == 20)
		PROMISE(strcmp(iso, s) == 0);
	else
		PROMISE(strncmp(iso, s, 16) == 0 && strcmp(iso + 16, ":00Z") == 0);
}

static void
fuzz_search(char *s)
{
	struct client_search q;
	size_t i;

	memset(&q, 0, sizeof q);
	if (!search_parse(s, &q))
		return;
	PROMISE(strlen(s) <= 100);
	PROMISE(strnlen(q.a, sizeof q.a) < sizeof q.a && strnlen(q.b, sizeof q.b) < sizeof q.b);
	switch (q.kind) {
	case SEARCH_ALL:
		break;
	case SEARCH_NAME:
	case SEARCH_NAME_PAIR:
		/* ", jo" is a pair with an empty last-name prefix. */
		PROMISE(q.kind == SEARCH_NAME ? q.a[0] != '\0' : q.b[0] != '\0');
		for (i = 0; q.a[i]; i++)
			PROMISE(!(q.a[i] >= 'A' && q.a[i] <= 'Z'));
		for (i = 0; q.b[i]; i++)
			PROMISE(!(q.b[i] >= 'A' && q.b[i] <= 'Z'));
		break;
	case SEARCH_MRN:
		PROMISE(q.mrn >= 0 && q.mrn <= 999999999);
		break;
	case SEARCH_DOB:
		PROMISE(date_valid(q.dob));
		break;
	default:
		PROMISE(0);
	}
}

static void
fuzz_date(char *s)
{
	struct date d;
	char out[11];

	if (date_parse(s, &d)) {
		PROMISE(date_valid(d));
		date_format(d, out);
		PROMISE(strcmp(out, s) == 0);
		PROMISE(date_cmp(date_from_unix(date_days(d) * 86400), d) == 0);
	}
	if (date_parse_us(s, &d)) {
		struct date again;
		PROMISE(date_valid(d));
		date_format(d, out);
		PROMISE(date_parse(out, &again) && date_cmp(again, d) == 0);
	}
}

static void
fuzz_hhmm(char *s)
{
	int minutes = -1;

	if (time_parse_hhmm(s, &minutes))
		PROMISE(minutes >= 0 && minutes < 24 * 60);
}

/* The validators answer NULL or a message; they must only not misbehave. */
static void
fuzz_validate(char *s)
{
	const char *pw_user = s;
	char *sep = strchr(s, '\n');

	(void)check_text(s, 100, true, false);
	(void)check_text(s, 500, false, true);
	(void)check_email(s, false);
	(void)check_phone(s, false);
	(void)check_username(s);
	(void)check_timezone_name(s);
	if (sep != NULL) {
		*sep = '\0';
		pw_user = sep + 1;
	}
	(void)check_password(s, pw_user);
}

static void (*const parsers[])(char *s) = {
	fuzz_router, fuzz_instant, fuzz_search, fuzz_date, fuzz_hhmm, fuzz_validate,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size < 1 || size > 4096)
		return 0;
	s = malloc(size);
	if (s == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	parsers[data[0] % (sizeof parsers / sizeof parsers[0])](s);
	free(s);
	return 0;
}

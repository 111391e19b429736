/*
 * test_ical.c — the iCalendar text writer: folding at 75 octets (never
 * inside a UTF-8 character), CRLF, TEXT escaping, wall times with their
 * TZID, an event's lines; and the feeds' rule of who may make which feed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "core/ical.h"

/* Every line of b (CRLF-ended) is at most 75 octets; a continuation line
 * starts with one space; no bare LF or CR; the unfolded text is returned
 * (malloc'd). */
static char *
check_and_unfold(struct buf *b)
{
	const char *s = buf_cstr(b);
	size_t n = strlen(s), i = 0, line = 0;
	char *out = malloc(n + 1);
	size_t o = 0;

	assert_non_null(out);
	assert_true(n >= 2);
	assert_memory_equal(s + n - 2, "\r\n", 2);
	while (i < n) {
		if (s[i] == '\r') {
			assert_true(i + 1 < n && s[i + 1] == '\n');
			assert_true(line <= ICAL_FOLD);
			line = 0;
			i += 2;
			if (i < n && s[i] == ' ')
				i++;	/* a continuation: unfold */
			else if (i < n)
				out[o++] = '\n';
			continue;
		}
		assert_true(s[i] != '\n');
		/* A line never starts in the middle of a UTF-8 character. */
		if (line == 0 && i > 0)
			assert_true(((unsigned char)s[i] & 0xC0) != 0x80);
		out[o++] = s[i++];
		line++;
	}
	out[o] = '\0';
	return out;
}

static void
folding(void **state)
{
	struct buf b;
	char longv[300], *u;

	(void)state;
	memset(longv, 'x', sizeof longv - 1);
	longv[sizeof longv - 1] = '\0';
	buf_init(&b, 0);
	ical_line(&b, "DESCRIPTION", longv);
	/* "DESCRIPTION:" + 299 = 311 octets: 75, then 74 per continuation. */
	assert_int_equal(b.len, 311 + 4 * 3 + 2);
	assert_memory_equal(b.data + 75, "\r\n x", 4);
	u = check_and_unfold(&b);
	assert_int_equal(strlen(u), 311);
	assert_memory_equal(u, "DESCRIPTION:xxx", 15);
	free(u);
	buf_free(&b);

	/* Exactly 75 octets: not folded. */
	buf_init(&b, 0);
	ical_line(&b, "SUMMARY", "123456789012345678901234567890123456789012345678901234567890"
	    "1234567");
	assert_int_equal(b.len, 77);
	assert_null(memchr(b.data, ' ', b.len));
	buf_free(&b);
}

static void
folding_keeps_utf8_whole(void **state)
{
	struct buf b;
	char text[400] = "";
	char *u;

	(void)state;
	/* "é" is two octets; placed so that an octet count would split one. */
	for (int i = 0; i < 150; i++)
		memcpy(text + 2 * i, "\xc3\xa9", 2);
	text[300] = '\0';
	buf_init(&b, 0);
	ical_text(&b, "SUMMARY", text);
	u = check_and_unfold(&b);
	assert_string_equal(u + strlen("SUMMARY:"), text);
	free(u);
	buf_free(&b);
}

static void
escaping(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	ical_text(&b, "SUMMARY", "Relapse prevention; week 2, part\\1\nnext\r line\x01");
	assert_string_equal(buf_cstr(&b),
	    "SUMMARY:Relapse prevention\\; week 2\\, part\\\\1\\nnext line\r\n");
	buf_free(&b);
}

static void
times(void **state)
{
	struct tz z;
	struct buf b;

	(void)state;
	/* A zone 6 hours west until 1800000000, then 5 hours west. */
	memset(&z, 0, sizeof z);
	z.off0 = -6 * 3600;
	z.n = 1;
	z.at[0] = 1800000000;
	z.off[0] = -5 * 3600;
	buf_init(&b, 0);
	ical_utc(&b, "DTSTAMP", 1796220000);		/* 2026-12-02 14:00:00 UTC */
	ical_local(&b, "DTSTART", "America/Chicago", &z, 1796220000);
	ical_local(&b, "DTEND", "America/Chicago", &z, 1800003600);
	assert_string_equal(buf_cstr(&b),
	    "DTSTAMP:20261202T140000Z\r\n"
	    "DTSTART;TZID=America/Chicago:20261202T080000\r\n"
	    "DTEND;TZID=America/Chicago:20270115T040000\r\n");
	buf_free(&b);
}

static void
event(void **state)
{
	struct tz z;
	struct buf b;
	struct ical_event ev = {
		.uid = "session-7@openiop", .stamp = 1796220000, .starts_at = 1796220000,
		.ends_at = 1796220000 + 5400, .tzid = "UTC", .z = &z, .sequence = 3,
		.cancelled = true, .summary = "Process group", .location = "Main, Room 2",
	};
	const char *s;

	(void)state;
	memset(&z, 0, sizeof z);
	buf_init(&b, 0);
	ical_begin(&b, "My schedule");
	ical_event(&b, &ev);
	ical_end(&b);
	s = buf_cstr(&b);
	assert_non_null(strstr(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
	assert_non_null(strstr(s, "\r\nUID:session-7@openiop\r\n"));
	assert_non_null(strstr(s, "\r\nDTSTART;TZID=UTC:20261202T140000\r\n"));
	assert_non_null(strstr(s, "\r\nDTEND;TZID=UTC:20261202T153000\r\n"));
	assert_non_null(strstr(s, "\r\nSEQUENCE:3\r\n"));
	assert_non_null(strstr(s, "\r\nSTATUS:CANCELLED\r\n"));
	assert_non_null(strstr(s, "\r\nLOCATION:Main\\, Room 2\r\n"));
	assert_non_null(strstr(s, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
	buf_free(&b);
}

static void
raw(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	ical_raw(&b, "BEGIN:VTIMEZONE\nTZID:X\r\nEND:VTIMEZONE\n");
	assert_string_equal(buf_cstr(&b), "BEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\n");
	buf_free(&b);
}

static void
who_may_make_a_feed(void **state)
{
	struct error e;
	roleset clin = (roleset)1u << ROLE_CLINICIAN, front = (roleset)1u << ROLE_FRONT_DESK;

	(void)state;
	error_clear(&e);
	assert_int_equal(feed_check_create(FEED_STAFF, 4, 4, front, &e), ERR_OK);
	assert_int_equal(feed_check_create(FEED_STAFF, 5, 4, clin, &e), ERR_FORBIDDEN);
	error_clear(&e);
	assert_int_equal(feed_check_create(FEED_ROOM, 1, 4, front, &e), ERR_OK);
	assert_int_equal(feed_check_create(FEED_TRACK, 1, 4, clin, &e), ERR_OK);
	assert_int_equal(feed_check_create(FEED_CLIENT, 9, 4, clin, &e), ERR_OK);
	assert_int_equal(feed_check_create(FEED_ROOM, 1, 4, 0, &e), ERR_FORBIDDEN);
	error_clear(&e);
	assert_int_equal(feed_check_create(FEED_CLIENT, 9, 4, 0, &e), ERR_FORBIDDEN);
}

static void
names(void **state)
{
	char out[64];
	enum feed_kind k;

	(void)state;
	feed_short_name("Jane", "Doe", out, sizeof out);
	assert_string_equal(out, "Jane D.");
	feed_short_name("Zoë", "Ørsted", out, sizeof out);
	assert_string_equal(out, "Zoë Ø.");
	feed_short_name("Sam", "", out, sizeof out);
	assert_string_equal(out, "Sam");
	assert_true(feed_kind_parse("track", &k));
	assert_int_equal(k, FEED_TRACK);
	assert_false(feed_kind_parse("Track", &k));
	assert_string_equal(feed_kind_name(FEED_CLIENT), "client");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folding),
		cmocka_unit_test(folding_keeps_utf8_whole),
		cmocka_unit_test(escaping),
		cmocka_unit_test(times),
		cmocka_unit_test(event),
		cmocka_unit_test(raw),
		cmocka_unit_test(who_may_make_a_feed),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

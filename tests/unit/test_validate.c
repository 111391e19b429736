/*
 * test_validate.c — the shared field checks, at the edges of every band:
 * lengths counted in code points, control characters, bidirectional controls
 * and separators, UTF-8 well-formedness,
 * email and phone shapes, usernames, passwords and time zone names.
 */
#include <stdbool.h>
#include <stdio.h>

#include "unit.h"

#include "core/validate.h"

static void
text_length_band(void **state)
{
	char s[600];

	(void)state;
	assert_null(check_text(repeat(s, "a", 100), 100, true, false));
	assert_string_equal(check_text(repeat(s, "a", 101), 100, true, false),
	    "must be 100 characters or fewer");
	assert_null(check_text(repeat(s, "a", 500), 500, false, true));
	assert_string_equal(check_text(repeat(s, "a", 501), 500, false, true),
	    "must be 500 characters or fewer");
	assert_string_equal(check_text(repeat(s, "a", 21), 20, false, false),
	    "must be 20 characters or fewer");
	/* A limit not in the literal list is still formatted. */
	assert_string_equal(check_text(repeat(s, "a", 38), 37, false, false),
	    "must be 37 characters or fewer");
}

static void
text_counts_code_points(void **state)
{
	char s[600];

	(void)state;
	/* 100 two-byte characters (200 bytes) fit a limit of 100. */
	assert_null(check_text(repeat(s, "\xc3\xa9", 100), 100, true, false));
	assert_non_null(check_text(repeat(s, "\xc3\xa9", 101), 100, true, false));
	/* Three- and four-byte characters too. */
	assert_null(check_text(repeat(s, "\xe2\x82\xac", 100), 100, true, false));
	assert_null(check_text(repeat(s, "\xf0\x9f\x98\x80", 100), 100, true, false));
	assert_non_null(check_text(repeat(s, "\xf0\x9f\x98\x80", 101), 100, true, false));
}

static void
text_required(void **state)
{
	(void)state;
	assert_string_equal(check_text("", 100, true, false), "is required");
	assert_string_equal(check_text(NULL, 100, true, false), "is required");
	assert_string_equal(check_text("   ", 100, true, false), "is required");
	assert_null(check_text("", 100, false, false));
	assert_null(check_text(NULL, 100, false, false));
	assert_null(check_text(" x ", 100, true, false));
}

static void
text_control_characters(void **state)
{
	static const char ctl[] = "must not contain control characters";

	(void)state;
	assert_string_equal(check_text("a\tb", 100, false, false), ctl);
	assert_string_equal(check_text("a\nb", 100, false, false), ctl);
	assert_string_equal(check_text("a\x01" "b", 100, false, false), ctl);
	assert_string_equal(check_text("a\x7f" "b", 100, false, false), ctl);
	assert_string_equal(check_text("a\xc2\x85" "b", 100, false, false), ctl); /* U+0085 */
	assert_null(check_text("line one\nline two\ttab\r\n", 100, false, true));
	assert_string_equal(check_text("a\x1b" "b", 100, false, true), ctl);
}

/* Bidirectional embeddings, overrides and isolates are refused in every
 * text; direction marks and line/paragraph separators in one-line text. */
static void
text_direction_and_separators(void **state)
{
	static const char dir[] =
	    "must not contain invisible direction or line-separator characters";
	static const char *const always[] = {
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac",	/* U+202A-C */
		"\xe2\x80\xad", "\xe2\x80\xae",			/* U+202D-E */
		"\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8",	/* U+2066-8 */
		"\xe2\x81\xa9",					/* U+2069 */
	};
	static const char *const one_line[] = {
		"\xe2\x80\x8e", "\xe2\x80\x8f",	/* U+200E, U+200F */
		"\xd8\x9c",			/* U+061C */
		"\xe2\x80\xa8", "\xe2\x80\xa9",	/* U+2028, U+2029 */
	};
	char s[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(always) / sizeof(always[0]); i++) {
		snprintf(s, sizeof s, "Ann%sa", always[i]);
		assert_string_equal(check_text(s, 100, true, false), dir);
		assert_string_equal(check_text(s, 100, false, true), dir);
	}
	for (i = 0; i < sizeof(one_line) / sizeof(one_line[0]); i++) {
		snprintf(s, sizeof s, "Ann%sa", one_line[i]);
		assert_string_equal(check_text(s, 100, true, false), dir);
		assert_null(check_text(s, 100, false, true));
	}
	/* Their neighbours are ordinary text. */
	assert_null(check_text("\xe2\x80\x8d", 100, false, false));	/* U+200D ZWJ */
	assert_null(check_text("\xe2\x80\xaf", 100, false, false));	/* U+202F */
	assert_null(check_text("\xe2\x81\xa5", 100, false, false));	/* U+2065 */
	assert_null(check_text("\xe2\x81\xaa", 100, false, false));	/* U+206A */
	assert_null(check_text("\xe2\x80\xa7", 100, false, false));	/* U+2027 */
	assert_null(check_text("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", 100, true, false)); /* Hebrew */
	/* C1 controls stay refused as control characters. */
	assert_string_equal(check_text("a\xc2\x9b" "b", 100, false, true),
	    "must not contain control characters");
}

static void
text_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"\xc3",			/* truncated */
		"\xc3(",		/* bad continuation */
		"\xc0\xaf",		/* overlong '/' */
		"\xe0\x80\xaf",		/* overlong */
		"\xed\xa0\x80",		/* surrogate U+D800 */
		"\xf4\x90\x80\x80",	/* past U+10FFFF */
		"\xf5\x80\x80\x80",
		"\xff",
		"\x80",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_string_equal(check_text(bad[i], 100, false, false),
		    "must be valid text");
	assert_null(check_text("\xf4\x8f\xbf\xbf", 100, false, false));	/* U+10FFFF */
	assert_null(check_text("\xef\xbb\xbf" "x", 100, false, false));
}

static void
email_shapes(void **state)
{
	static const char bad_msg[] = "must be a valid email address";
	static const char *const good[] = {
		"x@y.z", "jo.smith@example.org", "a+tag@sub.example.co.uk",
		"o'brien@example.com", "x_y-z@a-b.example",
	};
	static const char *const bad[] = {
		"x", "@y.z", "x@", "x@y", "x@@y.z", "x@y@z.w", "x y@z.w",
		"x@y..z", "x@.y.z", "x@y.z.", ".x@y.z", "x.@y.z", "x..y@z.w",
		"x@-y.z", "x@y-.z", "x@y_z.w", "<x>@y.z", "x@y.z\n", " x@y.z",
		"   ",
	};
	char s[300];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (check_email(good[i], true) != NULL)
			fail_msg("refused %s", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (check_email(bad[i], false) == NULL)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_string_equal(check_email("x", false), bad_msg);
	assert_null(check_email("", false));
	assert_null(check_email(NULL, false));
	assert_string_equal(check_email("", true), "is required");

	/* 254 bytes in all is the limit: 64 @ 63 . 63 . 61 = 254. */
	repeat(s, "a", 64);
	s[64] = '@';
	repeat(s + 65, "b", 63);
	s[128] = '.';
	repeat(s + 129, "c", 63);
	s[192] = '.';
	repeat(s + 193, "d", 61);
	assert_int_equal(strlen(s), 254);
	assert_null(check_email(s, true));
	repeat(s + 193, "d", 62);
	assert_int_equal(strlen(s), 255);
	assert_string_equal(check_email(s, true), bad_msg);
	/* Local part of 65 is too long. */
	repeat(s, "a", 65);
	memcpy(s + 65, "@y.z", 5);
	assert_string_equal(check_email(s, true), bad_msg);
}

static void
phone_digits_band(void **state)
{
	static const char bad[] = "must be a phone number with 7 to 20 digits";

	(void)state;
	assert_null(check_phone("5550123", true));			/* 7 digits */
	assert_string_equal(check_phone("555012", true), bad);		/* 6 */
	assert_null(check_phone("12345678901234567890", true));	/* 20 */
	assert_string_equal(check_phone("123456789012345678901", true), bad); /* 21 */
	assert_null(check_phone("+1 (312) 555-0123", true));
	assert_null(check_phone("312.555.0123", true));
	assert_string_equal(check_phone("312-555-O123", true), bad);	/* letter O */
	assert_string_equal(check_phone("312-555-0123 x12", true), bad);
	assert_string_equal(check_phone("1+312 555 0123", true), bad);
	assert_null(check_phone("", false));
	assert_null(check_phone(NULL, false));
	assert_string_equal(check_phone("", true), "is required");
}

static void
username_rules(void **state)
{
	static const char bad[] = "must be 3–32 characters: lower-case letters, digits, "
	    "'.', '_' or '-', starting with a letter";
	char s[40];

	(void)state;
	assert_null(check_username("abc"));
	assert_string_equal(check_username("ab"), bad);
	assert_null(check_username(repeat(s, "a", 32)));
	assert_string_equal(check_username(repeat(s, "a", 33)), bad);
	assert_null(check_username("j.smith_2-x"));
	assert_string_equal(check_username("1abc"), bad);
	assert_string_equal(check_username("_abc"), bad);
	assert_string_equal(check_username("Abc"), bad);
	assert_string_equal(check_username("ab c"), bad);
	assert_string_equal(check_username("ab@c"), bad);
	assert_string_equal(check_username(""), "is required");
	assert_string_equal(check_username(NULL), "is required");
}

static void
password_rules(void **state)
{
	char s[200];

	(void)state;
	assert_null(check_password("correcthorse", "jsmith"));		/* 12 */
	assert_string_equal(check_password("correcthors", "jsmith"),	/* 11 */
	    "must be at least 12 characters");
	/* Counted in characters: 12 two-byte characters are enough. */
	assert_null(check_password(repeat(s, "\xc3\xa9", 12), "jsmith"));
	assert_non_null(check_password(repeat(s, "\xc3\xa9", 11), "jsmith"));
	assert_null(check_password(repeat(s, "a", 128), "jsmith"));
	assert_string_equal(check_password(repeat(s, "a", 129), "jsmith"),
	    "must be 128 bytes or fewer");
	assert_string_equal(check_password("longusername1", "longusername1"),
	    "must not be the same as the username");
	assert_string_equal(check_password("LongUserName1", "longusername1"),
	    "must not be the same as the username");
	assert_null(check_password("longusername12", "longusername1"));
	assert_string_equal(check_password("", "x"), "is required");
	assert_string_equal(check_password(NULL, "x"), "is required");
	assert_string_equal(check_password("correct\nhorse", NULL),
	    "must not contain control characters");
	assert_string_equal(check_password("correcthorse\xff", NULL), "must be valid text");
	assert_null(check_password("correct horse battery", NULL));
}

static void
timezone_shapes(void **state)
{
	static const char *const good[] = {
		"UTC", "America/Chicago", "America/Argentina/Buenos_Aires",
		"Etc/GMT+5", "Etc/GMT-14", "America/Port-au-Prince", "Europe/London",
	};
	static const char *const bad[] = {
		"utc", "Chicago", "america/chicago", "America/", "/America/Chicago",
		"America//Chicago", "America/Chicago/", "A/B/C/D", "America/../etc",
		"America/Chi cago", "America/Chicago\n", "America\\Chicago",
		"Etc/+5", "America/Chicágo", "GMT",
	};
	char s[80];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (check_timezone_name(good[i]) != NULL)
			fail_msg("refused %s", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (check_timezone_name(bad[i]) == NULL)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_string_equal(check_timezone_name(""), "is required");
	assert_string_equal(check_timezone_name(NULL), "is required");
	/* 64 characters ok, 65 refused. */
	memcpy(s, "Area/", 5);
	repeat(s + 5, "x", 59);
	assert_int_equal(strlen(s), 64);
	assert_null(check_timezone_name(s));
	repeat(s + 5, "x", 60);
	assert_non_null(check_timezone_name(s));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_length_band),
		cmocka_unit_test(text_counts_code_points),
		cmocka_unit_test(text_required),
		cmocka_unit_test(text_control_characters),
		cmocka_unit_test(text_direction_and_separators),
		cmocka_unit_test(text_invalid_utf8),
		cmocka_unit_test(email_shapes),
		cmocka_unit_test(phone_digits_band),
		cmocka_unit_test(username_rules),
		cmocka_unit_test(password_rules),
		cmocka_unit_test(timezone_shapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

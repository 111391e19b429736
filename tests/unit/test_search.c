/*
 * test_search.c — what the search box means, one behaviour per case:
 * blank, record numbers, dates of birth, "last, first", "first last" and
 * plain name prefixes; and what it refuses.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/search.h"

static struct client_search
parse_ok(const char *q)
{
	struct client_search s;

	if (!search_parse(q, &s))
		fail_msg("refused \"%s\"", q ? q : "(null)");
	return s;
}

static void
search_blank_is_all(void **state)
{
	struct client_search s;

	(void)state;
	assert_int_equal(parse_ok("").kind, SEARCH_ALL);
	assert_int_equal(parse_ok("    ").kind, SEARCH_ALL);
	assert_int_equal(parse_ok(NULL).kind, SEARCH_ALL);
	assert_int_equal(parse_ok(" , ").kind, SEARCH_ALL);
	s = parse_ok("");
	assert_string_equal(s.a, "");
	assert_string_equal(s.b, "");
}

static void
search_record_numbers(void **state)
{
	struct client_search s;

	(void)state;
	s = parse_ok("IOP-000042");
	assert_int_equal(s.kind, SEARCH_MRN);
	assert_int_equal(s.mrn, 42);
	s = parse_ok("iop-42");
	assert_int_equal(s.kind, SEARCH_MRN);
	assert_int_equal(s.mrn, 42);
	s = parse_ok(" 42 ");
	assert_int_equal(s.kind, SEARCH_MRN);
	assert_int_equal(s.mrn, 42);
	s = parse_ok("000042");
	assert_int_equal(s.kind, SEARCH_MRN);
	assert_int_equal(s.mrn, 42);
	s = parse_ok("7");
	assert_int_equal(s.kind, SEARCH_MRN);
	assert_int_equal(s.mrn, 7);
	s = parse_ok("999999999");	/* 9 digits */
	assert_int_equal(s.kind, SEARCH_MRN);
	assert_int_equal(s.mrn, 999999999);
	s = parse_ok("IOP-123456789");
	assert_int_equal(s.kind, SEARCH_MRN);
	assert_int_equal(s.mrn, 123456789);

	/* Ten digits is not a record number. */
	s = parse_ok("1234567890");
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_string_equal(s.a, "1234567890");
	s = parse_ok("iop-");
	assert_int_equal(s.kind, SEARCH_NAME);
	s = parse_ok("iop-4x");
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_string_equal(s.a, "iop-4x");
}

static void
search_dates_of_birth(void **state)
{
	struct client_search s;

	(void)state;
	s = parse_ok("1980-02-29");
	assert_int_equal(s.kind, SEARCH_DOB);
	assert_int_equal(s.dob.y, 1980);
	assert_int_equal(s.dob.m, 2);
	assert_int_equal(s.dob.d, 29);
	s = parse_ok("02/29/1980");
	assert_int_equal(s.kind, SEARCH_DOB);
	assert_int_equal(s.dob.y, 1980);
	assert_int_equal(s.dob.m, 2);
	assert_int_equal(s.dob.d, 29);
	s = parse_ok("2/9/1980");
	assert_int_equal(s.kind, SEARCH_DOB);
	assert_int_equal(s.dob.d, 9);
	/* Not real dates: read as text. */
	s = parse_ok("1981-02-29");
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_int_equal(s.dob.y, 0);
	s = parse_ok("02/30/1980");
	assert_int_equal(s.kind, SEARCH_NAME);
}

static void
search_last_comma_first(void **state)
{
	struct client_search s;

	(void)state;
	s = parse_ok("Smith, Jo");
	assert_int_equal(s.kind, SEARCH_NAME_PAIR);
	assert_string_equal(s.a, "smith");
	assert_string_equal(s.b, "jo");
	s = parse_ok("  SMITH ,JO  ");
	assert_int_equal(s.kind, SEARCH_NAME_PAIR);
	assert_string_equal(s.a, "smith");
	assert_string_equal(s.b, "jo");
	s = parse_ok("van der Berg, Anna Maria");
	assert_int_equal(s.kind, SEARCH_NAME_PAIR);
	assert_string_equal(s.a, "van der berg");
	assert_string_equal(s.b, "anna maria");
	/* Nothing after the comma: just a name. */
	s = parse_ok("smith,");
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_string_equal(s.a, "smith");
	s = parse_ok("Smith,  ");
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_string_equal(s.a, "smith");
}

static void
search_first_last(void **state)
{
	struct client_search s;

	(void)state;
	s = parse_ok("jo smith");
	assert_int_equal(s.kind, SEARCH_NAME_PAIR);
	assert_string_equal(s.a, "smith");
	assert_string_equal(s.b, "jo");
	s = parse_ok("  Jo    Smith ");
	assert_int_equal(s.kind, SEARCH_NAME_PAIR);
	assert_string_equal(s.a, "smith");
	assert_string_equal(s.b, "jo");
	/* Three words: a name prefix as typed. */
	s = parse_ok("mary jo smith");
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_string_equal(s.a, "mary jo smith");
}

static void
search_name_prefix(void **state)
{
	struct client_search s;

	(void)state;
	s = parse_ok("Smi");
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_string_equal(s.a, "smi");
	assert_string_equal(s.b, "");
	/* Lower-casing is ASCII only: UTF-8 passes through unchanged. */
	s = parse_ok("\xc3\x89LISE");
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_string_equal(s.a, "\xc3\x89lise");
	s = parse_ok("O'Brien");
	assert_string_equal(s.a, "o'brien");
}

static void
search_refuses(void **state)
{
	struct client_search s;
	char q[200];

	(void)state;
	assert_true(search_parse(repeat(q, "a", 100), &s));
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_int_equal(strlen(s.a), 100);
	assert_false(search_parse(repeat(q, "a", 101), &s));
	assert_false(search_parse("smith\n", &s));
	assert_false(search_parse("smi\tth", &s));
	assert_false(search_parse("a\x7f", &s));
	/* 100 bytes of spaces around a name is still within the limit. */
	repeat(q, " ", 100);
	q[50] = 'x';
	assert_true(search_parse(q, &s));
	assert_string_equal(s.a, "x");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_blank_is_all),
		cmocka_unit_test(search_record_numbers),
		cmocka_unit_test(search_dates_of_birth),
		cmocka_unit_test(search_last_comma_first),
		cmocka_unit_test(search_first_last),
		cmocka_unit_test(search_name_prefix),
		cmocka_unit_test(search_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

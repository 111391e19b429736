/*
 * test_err_arena_buf.c — the lib utilities: struct error, the arena and the
 * growable buffer.  No clock, no files.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/err.h"

/* ---- err ---- */

static void
err_set_formats_and_returns_code(void **state)
{
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(e.code, ERR_OK);
	assert_int_equal(error_set(&e, ERR_NOTFOUND, "no %s %d", "client", 7), ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);
	assert_string_equal(e.msg, "no client 7");
	assert_int_equal(e.nfields, 0);
}

static void
err_set_truncates_long_message(void **state)
{
	struct error e;
	char big[400];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	error_clear(&e);
	error_set(&e, ERR_CONFLICT, "%s", big);
	assert_int_equal(strlen(e.msg), sizeof(e.msg) - 1);
}

static void
err_field_sets_invalid_and_default_message(void **state)
{
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(error_field(&e, "first_name", "is required"), ERR_INVALID);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.msg, "Some fields need attention.");
	assert_int_equal(e.nfields, 1);
	assert_string_equal(e.fields[0].name, "first_name");
	assert_string_equal(e.fields[0].msg, "is required");
}

static void
err_field_keeps_an_existing_message(void **state)
{
	struct error e;

	(void)state;
	error_clear(&e);
	error_set(&e, ERR_INVALID, "Check the dates.");
	error_field(&e, "dob", "must be %d or later", 1900);
	assert_string_equal(e.msg, "Check the dates.");
	assert_string_equal(e.fields[0].msg, "must be 1900 or later");
}

static void
err_field_first_error_wins(void **state)
{
	struct error e;

	(void)state;
	error_clear(&e);
	error_field(&e, "email", "first");
	error_field(&e, "phone", "p");
	error_field(&e, "email", "second");
	assert_int_equal(e.nfields, 2);
	assert_string_equal(field_msg(&e, "email"), "first");
}

static void
err_field_drops_beyond_max(void **state)
{
	struct error e;
	char name[16];
	int i;

	(void)state;
	error_clear(&e);
	for (i = 0; i < ERROR_FIELDS_MAX + 5; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		assert_int_equal(error_field(&e, name, "bad"), ERR_INVALID);
	}
	assert_int_equal(e.nfields, ERROR_FIELDS_MAX);
	assert_string_equal(e.fields[ERROR_FIELDS_MAX - 1].name, "f15");
	assert_null(field_msg(&e, "f16"));
}

static void
err_code_words(void **state)
{
	static const struct { enum err code; const char *word; } want[] = {
		{ ERR_OK, "ok" }, { ERR_NOMEM, "internal" }, { ERR_INVALID, "invalid" },
		{ ERR_MALFORMED, "malformed" }, { ERR_NOTFOUND, "not_found" },
		{ ERR_CONFLICT, "conflict" }, { ERR_DUPLICATE, "duplicate" },
		{ ERR_FORBIDDEN, "forbidden" }, { ERR_UNAUTH, "unauthenticated" },
		{ ERR_TOOLARGE, "too_large" }, { ERR_RATELIMIT, "rate_limited" },
		{ ERR_STORE, "internal" }, { ERR_IO, "internal" },
	};
	size_t i;

	(void)state;
	assert_int_equal(sizeof(want) / sizeof(want[0]), ERR__MAX);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_string_equal(err_code_word(want[i].code), want[i].word);
	assert_string_equal(err_code_word(ERR__MAX), "internal");
	assert_string_equal(err_code_word((enum err)-1), "internal");
}

/* ---- arena ---- */

static void
arena_alloc_is_aligned_and_zeroed(void **state)
{
	struct arena *a = arena_new(1 << 20);
	unsigned char *p;
	size_t i, n;

	(void)state;
	assert_non_null(a);
	for (n = 1; n < 200; n += 7) {
		p = arena_alloc(a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, n);
	}
	arena_free(a);
}

static void
arena_cap_refuses(void **state)
{
	struct arena *a = arena_new(1024);

	(void)state;
	assert_non_null(a);
	assert_non_null(arena_alloc(a, 1000));	/* rounds to 1008 */
	assert_non_null(arena_alloc(a, 16));	/* exactly 1024 */
	assert_int_equal(arena_used(a), 1024);
	assert_null(arena_alloc(a, 1));
	assert_null(arena_alloc(a, 5000));
	assert_null(arena_strdup(a, "x"));
	assert_null(arena_printf(a, "%d", 1));
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	assert_non_null(arena_alloc(a, 1024));
	assert_null(arena_alloc(a, 1));
	arena_free(a);
}

static void
arena_cap_refuses_one_huge_request(void **state)
{
	struct arena *a = arena_new(4096);

	(void)state;
	assert_null(arena_alloc(a, 4097));
	assert_null(arena_alloc(a, SIZE_MAX));
	assert_null(arena_alloc(a, SIZE_MAX - 8));
	assert_non_null(arena_alloc(a, 4096));
	arena_free(a);
}

static void
arena_large_and_many_chunks(void **state)
{
	struct arena *a = arena_new(0);		/* no cap */
	unsigned char *big, *small[2000];
	size_t i;

	(void)state;
	assert_non_null(a);
	small[0] = arena_alloc(a, 100);
	big = arena_alloc(a, 1 << 20);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % 16, 0);
	assert_int_equal(big[0], 0);
	assert_int_equal(big[(1 << 20) - 1], 0);
	memset(big, 0xCD, 1 << 20);
	for (i = 1; i < 2000; i++) {
		small[i] = arena_alloc(a, 100);
		assert_non_null(small[i]);
		memset(small[i], (int)(i & 0xFF), 100);
	}
	/* Nothing overlapped. */
	for (i = 1; i < 2000; i++)
		assert_int_equal(small[i][99], (unsigned char)(i & 0xFF));
	assert_int_equal(big[12345], 0xCD);
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	/* After a reset memory is zeroed again. */
	small[0] = arena_alloc(a, 100);
	for (i = 0; i < 100; i++)
		assert_int_equal(small[0][i], 0);
	arena_free(a);
}

static void
arena_strings(void **state)
{
	struct arena *a = arena_new(1 << 16);
	char *s;

	(void)state;
	s = arena_strdup(a, "hello");
	assert_string_equal(s, "hello");
	assert_string_equal(arena_strndup(a, "hello", 3), "hel");
	assert_string_equal(arena_strndup(a, "hi", 10), "hi");
	assert_string_equal(arena_strdup(a, ""), "");
	assert_string_equal(arena_printf(a, "%s-%06d", "IOP", 42), "IOP-000042");
	assert_int_equal((uintptr_t)arena_printf(a, "x") % 16, 0);
	arena_free(a);
	arena_free(NULL);
}

/* ---- buf ---- */

static void
buf_grows_and_terminates(void **state)
{
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, 0);
	assert_string_equal(buf_cstr(&b), "");
	for (i = 0; i < 1000; i++)
		assert_true(buf_puts(&b, "abc"));
	assert_int_equal(b.len, 3000);
	assert_int_equal(b.data[3000], '\0');
	assert_true(buf_printf(&b, "%d", 12345));
	assert_int_equal(b.len, 3005);
	assert_string_equal(b.data + 3000, "12345");
	assert_true(buf_append(&b, "x\0y", 3));
	assert_int_equal(b.len, 3008);
	assert_int_equal(b.data[3008], '\0');
	assert_false(b.failed);
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

static void
buf_max_is_exact_and_failure_sticks(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	assert_true(buf_puts(&b, "0123456789"));	/* exactly max */
	assert_string_equal(buf_cstr(&b), "0123456789");
	assert_false(buf_puts(&b, "x"));
	assert_true(b.failed);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");	/* nothing half-appended */
	assert_false(buf_puts(&b, ""));		/* sticky */
	buf_free(&b);

	buf_init(&b, 10);
	assert_true(buf_puts(&b, "01234"));
	assert_false(buf_printf(&b, "%s", "567890"));	/* would be 11 */
	assert_true(b.failed);
	assert_string_equal(b.data, "01234");
	buf_free(&b);
}

static void
buf_empty_append_terminates(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_true(buf_append(&b, "", 0));
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(err_set_formats_and_returns_code),
		cmocka_unit_test(err_set_truncates_long_message),
		cmocka_unit_test(err_field_sets_invalid_and_default_message),
		cmocka_unit_test(err_field_keeps_an_existing_message),
		cmocka_unit_test(err_field_first_error_wins),
		cmocka_unit_test(err_field_drops_beyond_max),
		cmocka_unit_test(err_code_words),
		cmocka_unit_test(arena_alloc_is_aligned_and_zeroed),
		cmocka_unit_test(arena_cap_refuses),
		cmocka_unit_test(arena_cap_refuses_one_huge_request),
		cmocka_unit_test(arena_large_and_many_chunks),
		cmocka_unit_test(arena_strings),
		cmocka_unit_test(buf_grows_and_terminates),
		cmocka_unit_test(buf_max_is_exact_and_failure_sticks),
		cmocka_unit_test(buf_empty_append_terminates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

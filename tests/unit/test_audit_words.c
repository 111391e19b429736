/*
 * test_audit_words.c — the audit log's vocabulary (core/audit_words.c) and
 * the CSV cells of its export (core/csv.c).  That every action the code
 * writes has words is tests/api/audit_words.test.mjs, which reads the code.
 */
#include <stdbool.h>
#include <stdio.h>

#include "unit.h"

#include "core/audit_words.h"
#include "core/csv.h"

static void
words_are_unique_and_complete(void **state)
{
	(void)state;
	assert_true(audit_nactions > 40);
	for (size_t i = 0; i < audit_nactions; i++) {
		const struct audit_word *w = &audit_actions[i];
		assert_non_null(strchr(w->code, '.'));
		/* Words, not a code: a capital first, no dot-separated code. */
		assert_true(w->words[0] >= 'A' && w->words[0] <= 'Z');
		assert_null(strstr(w->words, w->code));
		assert_true(strlen(w->group) > 0);
		for (size_t j = i + 1; j < audit_nactions; j++)
			assert_string_not_equal(w->code, audit_actions[j].code);
	}
	for (size_t i = 0; i < audit_nrecords; i++) {
		assert_true(audit_records[i].one[0] >= 'A' && audit_records[i].one[0] <= 'Z');
		assert_null(strchr(audit_records[i].one, '_'));
		assert_null(strchr(audit_records[i].many, '_'));
	}
}

static void
lookups(void **state)
{
	(void)state;
	assert_string_equal(audit_action_words("benefit_check.create"), "Checked benefits");
	assert_string_equal(audit_action_words("client.chart_opened"), "Opened a client's chart");
	assert_null(audit_action_words("no.such"));
	assert_null(audit_action_words(NULL));
	assert_string_equal(audit_record_words("placement_table")->one,
	    "Level-of-care table version");
	assert_null(audit_record_words("nothing"));
}

static const char *
cells(struct buf *b, const char *const *v, size_t n)
{
	buf_free(b);
	buf_init(b, 0);
	for (size_t i = 0; i < n; i++)
		csv_cell(b, v[i], i + 1 == n);
	return buf_cstr(b);
}

static void
csv_quotes_and_defuses_formulas(void **state)
{
	struct buf b;
	const char *plain[] = { "a", "", NULL };
	const char *quoted[] = { "say \"hi\", then", "two\nlines" };
	const char *formulas[] = { "=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "a=b" };

	(void)state;
	buf_init(&b, 0);
	assert_string_equal(cells(&b, plain, 3), "\"a\",\"\",\"\"\r\n");
	assert_string_equal(cells(&b, quoted, 2), "\"say \"\"hi\"\", then\",\"two\nlines\"\r\n");
	assert_string_equal(cells(&b, formulas, 6),
	    "\"'=1+1\",\"'+SUM(A1)\",\"'-2\",\"'@cmd\",\"'\tx\",\"a=b\"\r\n");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_are_unique_and_complete),
		cmocka_unit_test(lookups),
		cmocka_unit_test(csv_quotes_and_defuses_formulas),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

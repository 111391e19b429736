/*
 * test_store_shared.c — two stores open on one database, as two `iop`
 * processes would be (a server and the command line): each writer takes the
 * audit chain's tail from the database inside its own transaction, so their
 * rows interleave into one chain, the head follows whichever wrote last and
 * never goes back, and the log verifies.
 */
#include <stdio.h>

#include "store_test.h"

static void
verify_ok(const char *db, int64_t rows)
{
	struct store *v = open_store(db, false, true);
	struct audit_verify_report rep;
	struct error e;

	error_clear(&e);
	if (store_audit_verify(v, &rep, &e) != ERR_OK)
		fail_msg("verify: %s", e.msg);
	assert_int_equal(rep.rows, rows);
	store_close(v);
}

static void
two_writers_share_one_chain(void **state)
{
	struct fx *f = *state;
	struct store *b = open_store(f->t.db, false, false);
	int64_t base = raw_int(f->t.db, "SELECT count(*) FROM audit");
	int i;

	for (i = 0; i < 5; i++) {
		add_audit(f->s, "test.a", 0, "");
		add_audit(b, "test.b", 0, "");
		add_audit(b, "test.b", 0, "");
	}
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM audit"), base + 15);
	assert_int_equal(raw_int(f->t.db, "SELECT max(id) FROM audit"), base + 15);
	/* Both still open and writing; the log verifies meanwhile. */
	verify_ok(f->t.db, base + 15);
	add_audit(f->s, "test.a", 0, "");
	store_close(b);
	verify_ok(f->t.db, base + 16);
	/* The first writer closes after the second wrote the last row: the
	 * head left on disk still names the true tail. */
	b = open_store(f->t.db, false, false);
	add_audit(b, "test.b", 0, "");
	store_close(b);
	store_close(f->s);
	f->s = NULL;
	verify_ok(f->t.db, base + 17);
	f->s = open_store(f->t.db, false, false);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(two_writers_share_one_chain, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

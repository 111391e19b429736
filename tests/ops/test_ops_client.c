/*
 * test_ops_client.c — the client and contact operations against a real
 * store: what each writes, which client it names for the audit, and that a
 * refused change (a duplicate, an invalid record, a missing client) writes
 * nothing.
 */
#include <stdio.h>

#include "ops_test.h"

#include "ops/client.h"

static int64_t
count(struct fx *f, const char *sql)
{
	return raw_int(f->t.db, sql);
}

static enum err
create(struct fx *f, struct arena *a, const char *first, const char *last, const char *dob,
    bool allow, struct client_out *out, struct op_result *res, struct error *e)
{
	struct client_create_in in;

	memset(&in, 0, sizeof in);
	memset(out, 0, sizeof *out);
	client_sample(&in.c, first, last, dob);
	in.allow_duplicate = allow;
	in.out = out;
	return op_as(f->s, a, 1, op_client_create_run, &in, res, e);
}

static void
create_writes_the_client_and_names_it(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct client_out out;
	struct op_result res;
	struct error e;

	assert_int_equal(create(f, a, "Avery", "Quill", "1990-04-02", false, &out, &res, &e),
	    ERR_OK);
	assert_true(res.id > 0);
	assert_int_equal(out.c.id, res.id);
	assert_true(out.c.mrn[0] != '\0');
	assert_int_equal(res.nclients, 1);
	assert_int_equal(res.clients[0], res.id);
	assert_int_equal(count(f, "SELECT count(*) FROM client"), 1);
	arena_free(a);
}

static void
create_refuses_an_invalid_client_and_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct client_out out;
	struct error e;

	assert_int_equal(create(f, a, "Avery", "", "1990-04-02", false, &out, NULL, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "last_name"));
	/* Born tomorrow: no. */
	assert_int_equal(create(f, a, "Avery", "Quill", "2999-01-01", false, &out, NULL, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "dob"));
	assert_int_equal(count(f, "SELECT count(*) FROM client"), 0);
	arena_free(a);
}

static void
create_refuses_a_duplicate_unless_allowed(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct client_out out;
	struct op_result res;
	struct error e;

	assert_int_equal(create(f, a, "Avery", "Quill", "1990-04-02", false, &out, &res, &e),
	    ERR_OK);
	assert_int_equal(create(f, a, "avery", "QUILL", "1990-04-02", false, &out, NULL, &e),
	    ERR_DUPLICATE);
	assert_int_equal(out.ndupes, 1);
	assert_int_equal(out.dupes[0].id, res.id);
	assert_int_equal(count(f, "SELECT count(*) FROM client"), 1);
	/* Someone else with the same name and birthday. */
	assert_int_equal(create(f, a, "Avery", "Quill", "1990-04-02", true, &out, NULL, &e),
	    ERR_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM client"), 2);
	arena_free(a);
}

static enum err
update(struct fx *f, struct arena *a, struct client_update_in *in, struct client_out *out,
    struct op_result *res, struct error *e)
{
	memset(out, 0, sizeof *out);
	in->out = out;
	return op_as(f->s, a, 1, op_client_update_run, in, res, e);
}

static void
update_changes_only_the_named_fields_and_says_what_became_of_active(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct client_update_in in;
	struct client_out out;
	struct op_result res;
	struct client c;
	struct error e;
	int64_t id = add_client(f->s, "Avery", "Quill", "1990-04-02", true);

	memset(&in, 0, sizeof in);
	in.id = id;
	client_blank(&in.set);
	in.set.phone = "555-0199";
	in.fields = 1u << CF_PHONE;
	assert_int_equal(update(f, a, &in, &out, &res, &e), ERR_OK);
	assert_int_equal(res.id, id);
	assert_int_equal(res.nclients, 1);
	assert_int_equal(res.clients[0], id);
	assert_int_equal(out.change, CLIENT_CHANGED);
	assert_int_equal(store_client_get(f->s, id, a, &c, &e), ERR_OK);
	assert_string_equal(c.phone, "555-0199");
	assert_string_equal(c.first_name, "Avery");
	assert_true(c.active);

	in.set.active = false;
	in.fields = 1u << CF_ACTIVE;
	assert_int_equal(update(f, a, &in, &out, &res, &e), ERR_OK);
	assert_int_equal(out.change, CLIENT_DEACTIVATED);
	assert_int_equal(count(f, "SELECT active FROM client"), 0);
	assert_int_equal(update(f, a, &in, &out, &res, &e), ERR_OK);
	assert_int_equal(out.change, CLIENT_CHANGED);
	in.set.active = true;
	assert_int_equal(update(f, a, &in, &out, &res, &e), ERR_OK);
	assert_int_equal(out.change, CLIENT_REACTIVATED);
	assert_int_equal(count(f, "SELECT active FROM client"), 1);
	arena_free(a);
}

static void
update_refuses_an_invalid_change_and_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct client_update_in in;
	struct client_out out;
	struct client c;
	struct error e;
	int64_t id = add_client(f->s, "Avery", "Quill", "1990-04-02", true);

	memset(&in, 0, sizeof in);
	in.id = id;
	client_blank(&in.set);
	in.set.first_name = "";
	in.set.phone = "555-0199";
	in.fields = (1u << CF_FIRST_NAME) | (1u << CF_PHONE);
	assert_int_equal(update(f, a, &in, &out, NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "first_name"));
	assert_int_equal(store_client_get(f->s, id, a, &c, &e), ERR_OK);
	assert_string_equal(c.first_name, "Avery");
	assert_string_not_equal(c.phone, "555-0199");
	in.id = id + 100;
	in.fields = 1u << CF_PHONE;
	assert_int_equal(update(f, a, &in, &out, NULL, &e), ERR_NOTFOUND);
	arena_free(a);
}

static void
update_refuses_becoming_a_duplicate_unless_allowed(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct client_update_in in;
	struct client_out out;
	struct client c;
	struct error e;
	int64_t first = add_client(f->s, "Avery", "Quill", "1990-04-02", true);
	int64_t second = add_client(f->s, "Rowan", "Quill", "1990-04-02", true);

	memset(&in, 0, sizeof in);
	in.id = second;
	client_blank(&in.set);
	in.set.first_name = "Avery";
	in.fields = 1u << CF_FIRST_NAME;
	assert_int_equal(update(f, a, &in, &out, NULL, &e), ERR_DUPLICATE);
	assert_int_equal(out.ndupes, 1);
	assert_int_equal(out.dupes[0].id, first);
	assert_int_equal(store_client_get(f->s, second, a, &c, &e), ERR_OK);
	assert_string_equal(c.first_name, "Rowan");
	in.allow_duplicate = true;
	assert_int_equal(update(f, a, &in, &out, NULL, &e), ERR_OK);
	assert_int_equal(store_client_get(f->s, second, a, &c, &e), ERR_OK);
	assert_string_equal(c.first_name, "Avery");
	/* A change that leaves the identity alone is not checked again. */
	in.allow_duplicate = false;
	in.set.phone = "555-0142";
	in.fields = 1u << CF_PHONE;
	assert_int_equal(update(f, a, &in, &out, NULL, &e), ERR_OK);
	arena_free(a);
}

static void
contacts_are_added_changed_and_removed_under_their_client(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct contact_create_in cin;
	struct contact_update_in uin;
	struct contact_remove_in rin;
	struct contact out, got;
	struct op_result res;
	struct error e;
	int64_t id = add_client(f->s, "Avery", "Quill", "1990-04-02", true), cid;

	memset(&cin, 0, sizeof cin);
	contact_blank(&cin.c, id);
	cin.c.name = "Jo Quill";
	cin.c.relationship = "mother";
	cin.c.phone = "555-0102";
	cin.out = &out;
	assert_int_equal(op_as(f->s, a, 1, op_contact_create_run, &cin, &res, &e), ERR_OK);
	cid = res.id;
	assert_true(cid > 0);
	assert_int_equal(out.id, cid);
	assert_int_equal(res.nclients, 1);
	assert_int_equal(res.clients[0], id);

	memset(&uin, 0, sizeof uin);
	uin.client_id = id;
	uin.id = cid;
	contact_blank(&uin.set, id);
	uin.set.guardian = true;
	uin.set.name = "ignored";
	uin.fields = 1u << KF_GUARDIAN;
	uin.out = &out;
	assert_int_equal(op_as(f->s, a, 1, op_contact_update_run, &uin, &res, &e), ERR_OK);
	assert_int_equal(res.clients[0], id);
	assert_int_equal(store_contact_get(f->s, id, cid, a, &got, &e), ERR_OK);
	assert_true(got.guardian);
	assert_string_equal(got.name, "Jo Quill");

	rin.client_id = id;
	rin.id = cid;
	assert_int_equal(op_as(f->s, a, 1, op_contact_remove_run, &rin, &res, &e), ERR_OK);
	assert_int_equal(res.id, cid);
	assert_int_equal(res.clients[0], id);
	assert_int_equal(store_contact_get(f->s, id, cid, a, &got, &e), ERR_NOTFOUND);
	assert_int_equal(op_as(f->s, a, 1, op_contact_remove_run, &rin, NULL, &e), ERR_NOTFOUND);
	arena_free(a);
}

static void
contacts_are_refused_for_a_missing_client_or_when_invalid(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct contact_create_in cin;
	struct contact_update_in uin;
	struct contact out;
	struct op_result res;
	struct error e;
	int64_t id = add_client(f->s, "Avery", "Quill", "1990-04-02", true);

	memset(&cin, 0, sizeof cin);
	contact_blank(&cin.c, id + 100);
	cin.c.name = "Jo Quill";
	cin.c.relationship = "mother";
	cin.c.email = "jo@example.org";
	cin.out = &out;
	assert_int_equal(op_as(f->s, a, 1, op_contact_create_run, &cin, NULL, &e), ERR_NOTFOUND);
	cin.c.client_id = id;
	cin.c.name = "";
	assert_int_equal(op_as(f->s, a, 1, op_contact_create_run, &cin, NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "name"));
	assert_int_equal(count(f, "SELECT count(*) FROM contact"), 0);

	cin.c.name = "Jo Quill";
	assert_int_equal(op_as(f->s, a, 1, op_contact_create_run, &cin, &res, &e), ERR_OK);
	memset(&uin, 0, sizeof uin);
	uin.client_id = id;
	uin.id = res.id;
	contact_blank(&uin.set, id);
	uin.fields = 1u << KF_NAME;	/* the name emptied */
	uin.out = &out;
	assert_int_equal(op_as(f->s, a, 1, op_contact_update_run, &uin, NULL, &e), ERR_INVALID);
	assert_int_equal(count(f, "SELECT count(*) FROM contact WHERE name = 'Jo Quill'"), 1);
	/* Another client's contact is not found under this one. */
	uin.client_id = add_client(f->s, "Rowan", "Birch", "1985-01-01", true);
	uin.fields = 1u << KF_GUARDIAN;
	assert_int_equal(op_as(f->s, a, 1, op_contact_update_run, &uin, NULL, &e), ERR_NOTFOUND);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(create_writes_the_client_and_names_it, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(create_refuses_an_invalid_client_and_writes_nothing,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(create_refuses_a_duplicate_unless_allowed,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    update_changes_only_the_named_fields_and_says_what_became_of_active, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(update_refuses_an_invalid_change_and_writes_nothing,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(update_refuses_becoming_a_duplicate_unless_allowed,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    contacts_are_added_changed_and_removed_under_their_client, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    contacts_are_refused_for_a_missing_client_or_when_invalid, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

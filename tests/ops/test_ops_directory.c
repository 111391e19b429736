/*
 * test_ops_directory.c — the site, room and track operations against a real
 * store: added and changed, validated whoever calls them, and refused (with
 * nothing written) for an invalid record or a site that does not exist.
 */
#include <stdio.h>

#include "ops_test.h"

#include "ops/directory.h"

static int64_t
count(struct fx *f, const char *sql)
{
	return raw_int(f->t.db, sql);
}

static void
sites_are_added_and_changed_and_validated(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct site_write_in in;
	struct site out, got;
	struct op_result res;
	struct error e;

	memset(&in, 0, sizeof in);
	in.s = (struct site){ .name = "Riverside", .timezone = "America/Chicago",
	    .address = "1 Harbor St", .phone = "555-0100", .active = true };
	in.out = &out;
	assert_int_equal(op_as(f->s, a, 0, op_site_write_run, &in, &res, &e), ERR_OK);
	assert_true(res.id > 0);
	assert_int_equal(out.id, res.id);
	assert_int_equal(res.nclients, 0);

	in.s = out;
	in.s.name = "Riverside Recovery";
	assert_int_equal(op_as(f->s, a, 0, op_site_write_run, &in, &res, &e), ERR_OK);
	assert_int_equal(store_site_get(f->s, out.id, a, &got, &e), ERR_OK);
	assert_string_equal(got.name, "Riverside Recovery");

	in.s.name = "";
	assert_int_equal(op_as(f->s, a, 0, op_site_write_run, &in, NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "name"));
	in.s.id = 0;
	in.s.timezone = "not a zone";
	assert_int_equal(op_as(f->s, a, 0, op_site_write_run, &in, NULL, &e), ERR_INVALID);
	assert_int_equal(count(f, "SELECT count(*) FROM site"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM site WHERE name = "
	    "'Riverside Recovery'"), 1);
	in.s = got;
	in.s.id = got.id + 100;
	assert_int_equal(op_as(f->s, a, 0, op_site_write_run, &in, NULL, &e), ERR_NOTFOUND);
	arena_free(a);
}

static void
rooms_belong_to_a_site_that_exists(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t site = add_site(f->s, "Riverside");
	struct room_write_in in;
	struct room out;
	struct op_result res;
	struct error e;

	memset(&in, 0, sizeof in);
	in.rm = (struct room){ .site_id = site + 100, .name = "Group Room A", .capacity = 16,
	    .active = true };
	in.out = &out;
	assert_int_equal(op_as(f->s, a, 0, op_room_write_run, &in, NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "site_id"));
	in.rm.site_id = site;
	in.rm.capacity = 0;
	assert_int_equal(op_as(f->s, a, 0, op_room_write_run, &in, NULL, &e), ERR_INVALID);
	assert_int_equal(count(f, "SELECT count(*) FROM room"), 0);
	in.rm.capacity = 16;
	assert_int_equal(op_as(f->s, a, 0, op_room_write_run, &in, &res, &e), ERR_OK);
	assert_int_equal(out.id, res.id);
	in.rm = out;
	in.rm.capacity = 12;
	in.rm.active = false;
	assert_int_equal(op_as(f->s, a, 0, op_room_write_run, &in, &res, &e), ERR_OK);
	assert_int_equal(count(f, "SELECT capacity FROM room"), 12);
	assert_int_equal(count(f, "SELECT active FROM room"), 0);
	arena_free(a);
}

static void
tracks_are_validated_and_need_their_site(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t site = add_site(f->s, "Riverside");
	struct track_create_in in;
	struct track out;
	struct op_result res;
	struct error e;

	memset(&in, 0, sizeof in);
	in.t = (struct track){ .site_id = site, .name = "Day IOP", .level_of_care = "2.1",
	    .weekdays = (1u << WD_MON) | (1u << WD_WED), .start_min = 9 * 60,
	    .end_min = 12 * 60, .active = true };
	in.out = &out;
	in.t.level_of_care = "9.9";
	assert_int_equal(op_as(f->s, a, 0, op_track_create_run, &in, NULL, &e), ERR_INVALID);
	in.t.level_of_care = "2.1";
	in.t.end_min = 8 * 60;
	assert_int_equal(op_as(f->s, a, 0, op_track_create_run, &in, NULL, &e), ERR_INVALID);
	in.t.end_min = 12 * 60;
	in.t.site_id = site + 100;
	assert_int_equal(op_as(f->s, a, 0, op_track_create_run, &in, NULL, &e), ERR_NOTFOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM track"), 0);
	in.t.site_id = site;
	assert_int_equal(op_as(f->s, a, 0, op_track_create_run, &in, &res, &e), ERR_OK);
	assert_true(res.id > 0);
	assert_int_equal(out.id, res.id);
	assert_int_equal(count(f, "SELECT count(*) FROM track"), 1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sites_are_added_and_changed_and_validated,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(rooms_belong_to_a_site_that_exists, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(tracks_are_validated_and_need_their_site,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

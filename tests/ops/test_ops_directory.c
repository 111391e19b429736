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

static void
tracks_are_changed_and_keep_to_their_rules(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	int64_t site = add_site(f->s, "Riverside");
	struct track_write_in in;
	struct track out, made;
	struct op_result res;
	struct error e;

	memset(&in, 0, sizeof in);
	in.t = (struct track){ .site_id = site, .name = "Evening IOP", .level_of_care = "2.1",
	    .weekdays = (1u << WD_MON) | (1u << WD_TUE), .start_min = 18 * 60,
	    .end_min = 21 * 60, .active = true };
	in.out = &out;
	assert_int_equal(op_as(f->s, a, 0, op_track_write_run, &in, &res, &e), ERR_OK);
	made = out;

	/* A change is validated whole; a residential level is not a track. */
	in.t = made;
	in.t.level_of_care = "3.7";
	assert_int_equal(op_as(f->s, a, 0, op_track_write_run, &in, NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "level_of_care"));
	in.t = made;
	in.t.site_id = site + 100;
	assert_int_equal(op_as(f->s, a, 0, op_track_write_run, &in, NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "site_id"));
	in.t = made;
	in.t.id = made.id + 100;
	assert_int_equal(op_as(f->s, a, 0, op_track_write_run, &in, NULL, &e), ERR_NOTFOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM track WHERE level_of_care = '2.1' "
	    "AND end_min = 1260 AND active = 1"), 1);

	in.t = made;
	in.t.level_of_care = "2.5";
	in.t.end_min = 22 * 60;
	in.t.active = false;
	assert_int_equal(op_as(f->s, a, 0, op_track_write_run, &in, &res, &e), ERR_OK);
	assert_int_equal(res.id, made.id);
	assert_int_equal(count(f, "SELECT count(*) FROM track WHERE level_of_care = '2.5' "
	    "AND end_min = 1320 AND active = 0"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM track"), 1);
	arena_free(a);
}

static void
the_program_details_start_unsaved_and_are_saved_checked(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct program_save_in in;
	struct program out, got;
	struct setup_counts c;
	struct op_result res;
	struct error e;

	error_clear(&e);
	assert_int_equal(store_program_get(f->s, a, &got, &e), ERR_OK);
	assert_string_equal(got.name, "Intensive Outpatient Program");
	assert_int_equal(got.updated_at, 0);
	assert_int_equal(store_setup_counts(f->s, a, &c, &e), ERR_OK);
	assert_int_equal(c.program_saved_at, 0);

	memset(&in, 0, sizeof in);
	in.p = got;
	in.p.name = " ";
	in.p.email = "nowhere";
	in.out = &out;
	assert_int_equal(op_as(f->s, a, 0, op_program_save_run, &in, NULL, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "name"));
	assert_non_null(field_msg(&e, "email"));
	assert_int_equal(count(f, "SELECT updated_at FROM program"), 0);

	in.p = got;
	in.p.name = "Harbor Light Recovery";
	assert_int_equal(op_as(f->s, a, 0, op_program_save_run, &in, &res, &e), ERR_OK);
	assert_int_equal(store_program_get(f->s, a, &got, &e), ERR_OK);
	assert_string_equal(got.name, "Harbor Light Recovery");
	assert_true(got.updated_at > 0);
	assert_int_equal(store_setup_counts(f->s, a, &c, &e), ERR_OK);
	assert_true(c.program_saved_at > 0);
	assert_int_equal(count(f, "SELECT count(*) FROM program"), 1);
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
		cmocka_unit_test_setup_teardown(tracks_are_changed_and_keep_to_their_rules,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(the_program_details_start_unsaved_and_are_saved_checked,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

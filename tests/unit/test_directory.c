/*
 * test_directory.c — staff, site, room and track validation at their edges,
 * and the weekday names.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/directory.h"

static struct staff
good_staff(void)
{
	struct staff s;

	memset(&s, 0, sizeof(s));
	s.username = "jsmith";
	s.full_name = "Jo Smith";
	s.email = "jo@example.org";
	s.roles = 1u << ROLE_CLINICIAN;
	s.site_ids[0] = 1;
	s.site_ids[1] = 2;
	s.nsites = 2;
	s.active = true;
	return s;
}

static void
staff_good_and_bands(void **state)
{
	struct staff s = good_staff();
	struct error e;
	char buf[200];
	int i;

	(void)state;
	error_clear(&e);
	assert_int_equal(staff_validate(&s, &e), ERR_OK);
	s.email = "";
	s.nsites = 0;
	assert_int_equal(staff_validate(&s, &e), ERR_OK);

	s.full_name = repeat(buf, "a", 100);
	assert_int_equal(staff_validate(&s, &e), ERR_OK);
	s.full_name = repeat(buf, "a", 101);
	assert_int_equal(staff_validate(&s, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "full_name"), "must be 100 characters or fewer");

	s = good_staff();
	for (i = 0; i < STAFF_SITES_MAX; i++)
		s.site_ids[i] = i + 1;
	s.nsites = STAFF_SITES_MAX;
	error_clear(&e);
	assert_int_equal(staff_validate(&s, &e), ERR_OK);
	s.nsites = STAFF_SITES_MAX + 1;
	assert_int_equal(staff_validate(&s, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "site_ids"));
	s.nsites = -1;
	error_clear(&e);
	assert_int_equal(staff_validate(&s, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "site_ids"));
}

static void
staff_every_bad_field(void **state)
{
	struct staff s = good_staff();
	struct error e;

	(void)state;
	s.username = "J";
	s.full_name = "";
	s.email = "nope";
	s.roles = 0;
	s.site_ids[1] = 0;
	error_clear(&e);
	assert_int_equal(staff_validate(&s, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 5);
	assert_non_null(field_msg(&e, "username"));
	assert_string_equal(field_msg(&e, "full_name"), "is required");
	assert_string_equal(field_msg(&e, "email"), "must be a valid email address");
	assert_string_equal(field_msg(&e, "roles"), "choose at least one role");
	assert_non_null(field_msg(&e, "site_ids"));
}

static void
staff_roles_and_sites(void **state)
{
	struct staff s = good_staff();
	struct error e;

	(void)state;
	s.roles = (1u << ROLE__MAX) - 1;
	error_clear(&e);
	assert_int_equal(staff_validate(&s, &e), ERR_OK);
	s.roles = 1u << ROLE__MAX;		/* only an unknown bit */
	assert_int_equal(staff_validate(&s, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "roles"), "choose at least one role");
	s.roles = (1u << ROLE_NURSE) | (1u << 20);
	error_clear(&e);
	assert_int_equal(staff_validate(&s, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "roles"));

	s = good_staff();
	s.site_ids[1] = 1;			/* the same site twice */
	error_clear(&e);
	assert_int_equal(staff_validate(&s, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "site_ids"), "must not list a site twice");
	s.site_ids[1] = -3;
	error_clear(&e);
	assert_int_equal(staff_validate(&s, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "site_ids"));
}

static struct site
good_site(void)
{
	struct site s;

	memset(&s, 0, sizeof(s));
	s.name = "Lakeview";
	s.timezone = "America/Chicago";
	s.address = "1 Main St\nChicago IL";
	s.phone = "";
	s.active = true;
	return s;
}

static void
site_rules(void **state)
{
	struct site s = good_site();
	struct error e;
	char buf[300];

	(void)state;
	error_clear(&e);
	assert_int_equal(site_validate(&s, &e), ERR_OK);
	s.address = NULL;
	s.phone = NULL;
	assert_int_equal(site_validate(&s, &e), ERR_OK);

	s.address = repeat(buf, "a", 200);
	assert_int_equal(site_validate(&s, &e), ERR_OK);
	s.address = repeat(buf, "a", 201);
	assert_int_equal(site_validate(&s, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "address"), "must be 200 characters or fewer");

	s = good_site();
	s.name = repeat(buf, "n", 100);
	error_clear(&e);
	assert_int_equal(site_validate(&s, &e), ERR_OK);
	s.name = repeat(buf, "n", 101);
	s.timezone = "";
	s.phone = "12";
	assert_int_equal(site_validate(&s, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 3);
	assert_string_equal(field_msg(&e, "name"), "must be 100 characters or fewer");
	assert_string_equal(field_msg(&e, "timezone"), "is required");
	assert_non_null(field_msg(&e, "phone"));

	s = good_site();
	s.timezone = "Mars/Olympus Mons";
	error_clear(&e);
	assert_int_equal(site_validate(&s, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "timezone"));
	s.timezone = "UTC";
	error_clear(&e);
	assert_int_equal(site_validate(&s, &e), ERR_OK);
}

static void
room_rules(void **state)
{
	struct room r;
	struct error e;
	char buf[200];

	(void)state;
	memset(&r, 0, sizeof(r));
	r.site_id = 1;
	r.name = "Group Room A";
	r.capacity = 1;
	error_clear(&e);
	assert_int_equal(room_validate(&r, &e), ERR_OK);
	r.capacity = 500;
	assert_int_equal(room_validate(&r, &e), ERR_OK);
	r.capacity = 501;
	assert_int_equal(room_validate(&r, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "capacity"), "must be between 1 and 500");
	r.capacity = 0;
	error_clear(&e);
	assert_int_equal(room_validate(&r, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "capacity"), "must be between 1 and 500");

	r.capacity = 12;
	r.name = repeat(buf, "r", 100);
	error_clear(&e);
	assert_int_equal(room_validate(&r, &e), ERR_OK);
	r.name = repeat(buf, "r", 101);
	r.site_id = 0;
	assert_int_equal(room_validate(&r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 2);
	assert_string_equal(field_msg(&e, "site_id"), "is required");
	assert_string_equal(field_msg(&e, "name"), "must be 100 characters or fewer");
	r.name = "";
	r.site_id = -1;
	error_clear(&e);
	assert_int_equal(room_validate(&r, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "name"), "is required");
	assert_string_equal(field_msg(&e, "site_id"), "is required");
}

static void
weekday_names(void **state)
{
	static const char *const names[WD__MAX] = {
		"mon", "tue", "wed", "thu", "fri", "sat", "sun",
	};
	enum weekday d;
	int i;

	(void)state;
	for (i = 0; i < WD__MAX; i++) {
		assert_string_equal(weekday_name((enum weekday)i), names[i]);
		assert_true(weekday_parse(names[i], &d));
		assert_int_equal(d, i);
	}
	assert_string_equal(weekday_name(WD__MAX), "");
	assert_false(weekday_parse("Mon", &d));
	assert_false(weekday_parse("monday", &d));
	assert_false(weekday_parse("", &d));
	assert_false(weekday_parse(NULL, &d));
}

static struct track
good_track(void)
{
	struct track t;

	memset(&t, 0, sizeof(t));
	t.site_id = 1;
	t.name = "Evening IOP";
	t.level_of_care = "2.1";
	t.weekdays = (1u << WD_MON) | (1u << WD_WED) | (1u << WD_THU);
	t.start_min = 18 * 60;
	t.end_min = 21 * 60;
	t.active = true;
	return t;
}

static void
track_levels(void **state)
{
	/* Day and evening tracks: outpatient, IOP, PHP; not early
	 * intervention or the 24-hour settings. */
	static const char *const good[] = {
		"1", "2.1", "2.5",
	};
	static const char *const bad[] = {
		"2", "2.0", "1.0", "3.2", "4.0", "", " 2.1", "II.1",
		"0.5", "3.1", "3.3", "3.5", "3.7", "4",
	};
	struct track t = good_track();
	struct error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		t.level_of_care = good[i];
		error_clear(&e);
		if (track_validate(&t, &e) != ERR_OK)
			fail_msg("refused level %s", good[i]);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t.level_of_care = bad[i];
		error_clear(&e);
		assert_int_equal(track_validate(&t, &e), ERR_INVALID);
		assert_non_null(field_msg(&e, "level_of_care"));
	}
	t.level_of_care = NULL;
	error_clear(&e);
	assert_int_equal(track_validate(&t, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "level_of_care"), "is required");
}

static void
track_days_and_times(void **state)
{
	struct track t = good_track();
	struct error e;
	char buf[200];

	(void)state;
	t.weekdays = 1u << WD_SUN;
	error_clear(&e);
	assert_int_equal(track_validate(&t, &e), ERR_OK);
	t.weekdays = (1u << WD__MAX) - 1;
	assert_int_equal(track_validate(&t, &e), ERR_OK);
	t.weekdays = 0;
	assert_int_equal(track_validate(&t, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "weekdays"), "choose at least one day");
	t.weekdays = (1u << WD_MON) | (1u << WD__MAX);
	error_clear(&e);
	assert_int_equal(track_validate(&t, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "weekdays"));

	/* end must be after start: one minute apart is enough. */
	t = good_track();
	t.start_min = 540;
	t.end_min = 541;
	error_clear(&e);
	assert_int_equal(track_validate(&t, &e), ERR_OK);
	t.end_min = 540;
	assert_int_equal(track_validate(&t, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "end_time"), "must be after the start time");
	t.end_min = 539;
	error_clear(&e);
	assert_int_equal(track_validate(&t, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "end_time"), "must be after the start time");
	t.start_min = 0;
	t.end_min = 1439;
	error_clear(&e);
	assert_int_equal(track_validate(&t, &e), ERR_OK);
	t.end_min = 1440;
	assert_int_equal(track_validate(&t, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "end_time"));
	t.start_min = -1;
	t.end_min = 60;
	error_clear(&e);
	assert_int_equal(track_validate(&t, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "start_time"));

	/* Name required, 100 ok, 101 refused. */
	t = good_track();
	t.name = repeat(buf, "t", 100);
	error_clear(&e);
	assert_int_equal(track_validate(&t, &e), ERR_OK);
	t.name = repeat(buf, "t", 101);
	assert_int_equal(track_validate(&t, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "name"), "must be 100 characters or fewer");
	t.name = "";
	t.weekdays = 0;
	t.level_of_care = "9";
	t.end_min = t.start_min;
	error_clear(&e);
	assert_int_equal(track_validate(&t, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 4);
	assert_string_equal(field_msg(&e, "name"), "is required");
}

static void
program_rules(void **state)
{
	struct program p = { .name = "Riverbend Recovery IOP", .tagline = "Evening groups",
	    .phone = "(555) 010-4477", .email = "admissions@example.org" };
	char long_tag[260];
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(program_validate(&p, &e), ERR_OK);
	p.tagline = p.phone = p.email = "";
	assert_int_equal(program_validate(&p, &e), ERR_OK);

	memset(long_tag, 'a', 201);
	long_tag[201] = '\0';
	p = (struct program){ .name = "  ", .tagline = long_tag, .phone = "12",
	    .email = "not an address" };
	error_clear(&e);
	assert_int_equal(program_validate(&p, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "name"));
	assert_non_null(field_msg(&e, "tagline"));
	assert_non_null(field_msg(&e, "phone"));
	assert_non_null(field_msg(&e, "email"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(staff_good_and_bands),
		cmocka_unit_test(staff_every_bad_field),
		cmocka_unit_test(staff_roles_and_sites),
		cmocka_unit_test(site_rules),
		cmocka_unit_test(room_rules),
		cmocka_unit_test(weekday_names),
		cmocka_unit_test(track_levels),
		cmocka_unit_test(track_days_and_times),
		cmocka_unit_test(program_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_schedule.c — the program's week: the group types, a track's blocks
 * checked, sessions made from them at the site's wall time across both
 * daylight-saving changes of America/Chicago, the curriculum's rotation,
 * the range sessions may be generated for, and closure days.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "core/directory.h"
#include "core/schedule.h"

/* America/Chicago around 2026 by hand: CST, CDT from 2026-03-08 08:00Z,
 * CST again from 2026-11-01 07:00Z. */
static void
chicago(struct tz *z)
{
	memset(z, 0, sizeof *z);
	z->off0 = -6 * 3600;
	z->n = 2;
	z->at[0] = 1772956800;
	z->off[0] = -5 * 3600;
	z->at[1] = 1793516400;
	z->off[1] = -6 * 3600;
}

static struct date
D(const char *s)
{
	struct date d;

	assert_true(date_parse(s, &d));
	return d;
}

static const char *
iso(int64_t t, char out[21])
{
	time_format_iso(t, out);
	return out;
}

static void
group_types_are_the_programs(void **state)
{
	(void)state;
	assert_int_equal(ngroup_types, 14);
	assert_true(group_type_known("relapse_prevention"));
	assert_true(group_type_known("community_support"));
	assert_false(group_type_known("yoga"));
	assert_false(group_type_known(""));
	assert_false(group_type_known(NULL));
}

static void
blocks_are_checked(void **state)
{
	struct track_block b[4] = {
		{ 1, 9 * 60, 90, "process_group", "", "", 0, 0 },
		{ 1, 10 * 60, 60, "recreation", "", "", 0, 0 },	/* overlaps b[0] */
		{ 8, 9 * 60, 60, "yoga", "", "", 0, 0 },
		{ 5, 23 * 60, 120, "recreation", "", "", 0, 0 },	/* past midnight */
	};
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(blocks_validate(b, 1, &e), ERR_OK);
	assert_int_equal(blocks_validate(b, 4, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "blocks[1].start"));
	assert_non_null(field_msg(&e, "blocks[2].weekday"));
	assert_non_null(field_msg(&e, "blocks[2].group_type"));
	assert_non_null(field_msg(&e, "blocks[3].minutes"));
	assert_null(field_msg(&e, "blocks[0].start"));
}

static void
a_track_takes_its_days_and_hours_from_its_blocks(void **state)
{
	struct track_block b[2] = {
		{ 2, 18 * 60, 90, "process_group", "", "", 0, 0 },
		{ 4, 17 * 60 + 30, 180, "skills_training", "", "", 0, 0 },
	};
	struct track t = { .blocks = b, .nblocks = 2 };

	(void)state;
	track_from_blocks(&t);
	assert_int_equal(t.weekdays, (1u << WD_TUE) | (1u << WD_THU));
	assert_int_equal(t.start_min, 17 * 60 + 30);
	assert_int_equal(t.end_min, 20 * 60 + 30);
}

/* Mondays 09:00 (90 min) across the spring change: 15:00Z, then 14:00Z. */
static void
spring_forward_keeps_local_time(void **state)
{
	struct track_block b = { 1, 9 * 60, 90, "process_group", "Check-in", "", 0, 0 };
	struct group_session out[8];
	struct arena *a = arena_new(4096);
	struct tz z;
	char s[21];
	long n;

	(void)state;
	chicago(&z);
	n = schedule_expand(&b, 1, 7, 1, &z, D("2026-03-01"), D("2026-03-15"), 0, a, out, 8);
	assert_int_equal(n, 2);
	assert_string_equal(iso(out[0].starts_at, s), "2026-03-02T15:00:00Z");
	assert_string_equal(iso(out[0].ends_at, s), "2026-03-02T16:30:00Z");
	assert_string_equal(iso(out[1].starts_at, s), "2026-03-09T14:00:00Z");
	assert_string_equal(iso(out[1].ends_at, s), "2026-03-09T15:30:00Z");
	assert_int_equal(out[1].track_id, 7);
	assert_int_equal(out[1].start_min, 9 * 60);
	assert_string_equal(out[1].topic, "Check-in");
	/* Sunday 8 March itself: 09:00 CDT. */
	b.weekday = 7;
	n = schedule_expand(&b, 1, 7, 1, &z, D("2026-03-08"), D("2026-03-08"), 0, a, out, 8);
	assert_int_equal(n, 1);
	assert_string_equal(iso(out[0].starts_at, s), "2026-03-08T14:00:00Z");
	arena_free(a);
}

/* Evenings 18:00 across the autumn change: 23:00Z, then 00:00Z next day. */
static void
fall_back_keeps_local_time(void **state)
{
	struct track_block b[2] = {
		{ 1, 18 * 60, 180, "process_group", "", "", 0, 0 },
		{ 3, 18 * 60, 180, "skills_training", "", "", 0, 0 },
	};
	struct group_session out[8];
	struct arena *a = arena_new(4096);
	struct tz z;
	char s[21];
	long n;

	(void)state;
	chicago(&z);
	n = schedule_expand(b, 2, 1, 1, &z, D("2026-10-26"), D("2026-11-08"), 0, a, out, 8);
	assert_int_equal(n, 4);
	assert_string_equal(iso(out[0].starts_at, s), "2026-10-26T23:00:00Z");
	assert_string_equal(iso(out[1].starts_at, s), "2026-10-28T23:00:00Z");
	assert_string_equal(iso(out[2].starts_at, s), "2026-11-03T00:00:00Z");
	assert_string_equal(iso(out[3].starts_at, s), "2026-11-05T00:00:00Z");
	for (int i = 0; i < 4; i++) {
		assert_int_equal(out[i].ends_at - out[i].starts_at, 180 * 60);
		assert_int_equal(date_cmp(local_date(&z, out[i].starts_at), out[i].date), 0);
	}
	/* Only those after an instant (a template change ahead of now). */
	n = schedule_expand(b, 2, 1, 1, &z, D("2026-10-26"), D("2026-11-08"), out[1].starts_at,
	    a, out, 8);
	assert_int_equal(n, 2);
	/* Too little room is said, not overrun. */
	assert_int_equal(schedule_expand(b, 2, 1, 1, &z, D("2026-10-26"), D("2026-11-08"), 0, a,
	    out, 3), -1);
	arena_free(a);
}

/* The system's zone database agrees, where the server has it. */
static void
the_zone_database_agrees(void **state)
{
	struct track_block b = { 1, 9 * 60, 60, "psychoeducation", "", "", 0, 0 };
	struct group_session out[4];
	struct arena *a = arena_new(4096);
	struct tz *z = malloc(sizeof *z);
	char s[21];

	(void)state;
	assert_non_null(z);
	if (!tz_load("America/Chicago", z)) {
		free(z);
		arena_free(a);
		skip();
	}
	assert_int_equal(schedule_expand(&b, 1, 1, 1, z, D("2026-03-02"), D("2026-03-09"), 0, a,
	    out, 4), 2);
	assert_string_equal(iso(out[0].starts_at, s), "2026-03-02T15:00:00Z");
	assert_string_equal(iso(out[1].starts_at, s), "2026-03-09T14:00:00Z");
	free(z);
	arena_free(a);
}

static void
a_curriculum_rotates_week_by_week(void **state)
{
	struct track_block b = { 4, 9 * 60, 60, "psychoeducation", "Fallback",
		"Sleep\nNutrition\n\nExercise\n", 0, 0 };
	struct arena *a = arena_new(4096);
	const char *t[4];

	(void)state;
	assert_int_equal(topics_count(b.topics), 3);
	t[0] = block_topic_for(&b, D("2026-03-05"), a);
	t[1] = block_topic_for(&b, D("2026-03-12"), a);
	t[2] = block_topic_for(&b, D("2026-03-19"), a);
	t[3] = block_topic_for(&b, D("2026-03-26"), a);
	assert_string_not_equal(t[0], t[1]);
	assert_string_not_equal(t[1], t[2]);
	assert_string_equal(t[0], t[3]);
	/* The same week, the same topic, whatever the day. */
	assert_string_equal(block_topic_for(&b, D("2026-03-02"), a), t[0]);
	assert_string_equal(block_topic_for(&b, D("2026-03-08"), a), t[0]);
	b.topics = "";
	assert_string_equal(block_topic_for(&b, D("2026-03-05"), a), "Fallback");
	arena_free(a);
}

static void
the_range_is_at_most_a_year(void **state)
{
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(schedule_range_check(D("2026-01-01"), D("2027-01-01"), &e), ERR_OK);
	assert_int_equal(schedule_range_check(D("2025-06-01"), D("2025-06-01"), &e), ERR_OK);
	assert_int_equal(schedule_range_check(D("2028-02-29"), D("2029-03-01"), &e), ERR_OK);
	assert_int_equal(schedule_range_check(D("2026-01-01"), D("2027-01-02"), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "to"));
	error_clear(&e);
	assert_int_equal(schedule_range_check(D("2026-03-10"), D("2026-03-09"), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "to"));
	error_clear(&e);
	assert_int_equal(schedule_range_check((struct date){ 0, 0, 0 }, D("2026-03-09"), &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "from"));
}

static void
a_closure_needs_a_date_and_a_reason(void **state)
{
	struct site_closure c = { 0, 1, { 2026, 12, 25 }, "Christmas Day" };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(closure_validate(&c, &e), ERR_OK);
	c.reason = "";
	c.date = (struct date){ 2026, 2, 30 };
	assert_int_equal(closure_validate(&c, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "reason"));
	assert_non_null(field_msg(&e, "date"));
}

static void
weekdays_of_dates(void **state)
{
	(void)state;
	assert_int_equal(date_iso_weekday(D("2026-03-02")), 1);
	assert_int_equal(date_iso_weekday(D("2026-03-08")), 7);
	assert_int_equal(date_iso_weekday(D("1969-12-31")), 3);
	assert_int_equal(date_cmp(date_from_days(date_days(D("2026-11-01"))), D("2026-11-01")), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(group_types_are_the_programs),
		cmocka_unit_test(blocks_are_checked),
		cmocka_unit_test(a_track_takes_its_days_and_hours_from_its_blocks),
		cmocka_unit_test(spring_forward_keeps_local_time),
		cmocka_unit_test(fall_back_keeps_local_time),
		cmocka_unit_test(the_zone_database_agrees),
		cmocka_unit_test(a_curriculum_rotates_week_by_week),
		cmocka_unit_test(the_range_is_at_most_a_year),
		cmocka_unit_test(a_closure_needs_a_date_and_a_reason),
		cmocka_unit_test(weekdays_of_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_billing.c — the per-diem rule of a day (core/billing.h): each reason
 * alone, several at once in their fixed order, a co-signature pending, the
 * 180-minute edge, a day with only an appointment, a level with no code,
 * and which plan version applies on a day.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "unit.h"

#include "core/billing.h"

static const struct bill_code IOP = { "2.1", "H0015", "0906", 1, 180 };

static struct date
D(const char *s)
{
	struct date d;

	assert_true(date_parse(s, &d));
	return d;
}

/* A plan signed on `signed_on`, due for review on `due`. */
static struct bill_plan
P(int version, const char *signed_on, const char *due)
{
	struct bill_plan p;

	memset(&p, 0, sizeof p);
	p.id = version;
	p.version = version;
	if (signed_on != NULL)
		p.clinician_signed_on = D(signed_on);
	if (due != NULL)
		p.review_due_on = D(due);
	return p;
}

static struct bill_note_facts
good_note(void)
{
	struct bill_note_facts f;

	memset(&f, 0, sizeof f);
	f.exists = f.part = f.objective = true;
	f.status = "signed";
	f.signed_at = 1000;
	f.starts_at = 100;
	f.ends_at = 200;
	return f;
}

static unsigned
reasons_of(const struct bill_session *s, size_t n, const struct bill_plan *p, size_t np,
    bool *billable)
{
	struct bill_day d;

	bill_day_compute(D("2026-12-09"), &IOP, s, n, p, np, &d);
	*billable = d.billable;
	return d.reasons;
}

#define R(x) (1u << (x))

static void
note_states(void **st)
{
	struct bill_note_facts f = good_note();

	(void)st;
	assert_int_equal(bill_note_state(&f), BILL_NOTE_OK);
	f.objective = false;
	assert_int_equal(bill_note_state(&f), BILL_NOTE_NO_OBJECTIVE);
	f = good_note();
	f.status = "draft";
	f.signed_at = 0;
	assert_int_equal(bill_note_state(&f), BILL_NOTE_DRAFT);
	/* A draft with no objective yet: unsigned is what to fix first. */
	f.objective = false;
	assert_int_equal(bill_note_state(&f), BILL_NOTE_DRAFT);
	f = good_note();
	f.cosigner_id = 7;
	assert_int_equal(bill_note_state(&f), BILL_NOTE_AWAITS_COSIGN);
	f.cosigned_at = 2000;
	assert_int_equal(bill_note_state(&f), BILL_NOTE_OK);
	f = good_note();
	f.part = false;
	assert_int_equal(bill_note_state(&f), BILL_NOTE_NONE);
	f = good_note();
	f.exists = false;
	assert_int_equal(bill_note_state(&f), BILL_NOTE_NONE);
	f = good_note();
	f.ends_at = f.starts_at;
	assert_int_equal(bill_note_state(&f), BILL_NOTE_NO_TIMES);
	assert_string_equal(bill_note_name(BILL_NOTE_AWAITS_COSIGN), "awaits_cosignature");
}

static void
a_good_day_is_billable(void **st)
{
	struct bill_session s[] = { { 90, BILL_NOTE_OK }, { 90, BILL_NOTE_OK } };
	struct bill_plan p[] = { P(1, "2026-12-01", "2026-12-31") };
	bool b;

	(void)st;
	assert_int_equal(reasons_of(s, 2, p, 1, &b), 0);
	assert_true(b);
}

static void
the_180_minute_edge(void **st)
{
	struct bill_session s[] = { { 90, BILL_NOTE_OK }, { 89, BILL_NOTE_OK } };
	struct bill_plan p[] = { P(1, "2026-12-01", "2026-12-31") };
	bool b;

	(void)st;
	assert_int_equal(reasons_of(s, 2, p, 1, &b), R(BILL_UNDER_THREE_HOURS));
	assert_false(b);
	s[1].minutes = 90;
	assert_int_equal(reasons_of(s, 2, p, 1, &b), 0);
	assert_true(b);
}

static void
each_note_reason(void **st)
{
	struct bill_plan p[] = { P(1, "2026-12-01", "2026-12-31") };
	struct bill_session s[] = { { 120, BILL_NOTE_OK }, { 60, BILL_NOTE_OK } };
	bool b;

	(void)st;
	s[1].note = BILL_NOTE_DRAFT;
	assert_int_equal(reasons_of(s, 2, p, 1, &b), R(BILL_NOTE_UNSIGNED));
	assert_false(b);
	s[1].note = BILL_NOTE_AWAITS_COSIGN;	/* a co-signature pending */
	assert_int_equal(reasons_of(s, 2, p, 1, &b), R(BILL_NOTE_UNSIGNED));
	s[1].note = BILL_NOTE_NONE;
	assert_int_equal(reasons_of(s, 2, p, 1, &b), R(BILL_NOTE_MISSING));
	s[1].note = BILL_NOTE_NO_TIMES;
	assert_int_equal(reasons_of(s, 2, p, 1, &b), R(BILL_NOTE_MISSING));
	s[1].note = BILL_NOTE_NO_OBJECTIVE;
	assert_int_equal(reasons_of(s, 2, p, 1, &b), R(BILL_NO_OBJECTIVE_LINKED));
	assert_false(b);
}

static void
plan_reasons(void **st)
{
	struct bill_session s[] = { { 180, BILL_NOTE_OK } };
	struct bill_plan none[] = { P(1, NULL, NULL) };		/* never signed */
	struct bill_plan later[] = { P(1, "2026-12-10", "2027-01-09") };
	struct bill_plan overdue[] = { P(1, "2026-11-01", "2026-12-08") };
	struct bill_plan due_today[] = { P(1, "2026-11-09", "2026-12-09") };
	bool b;

	(void)st;
	assert_int_equal(reasons_of(s, 1, NULL, 0, &b), R(BILL_PLAN_UNSIGNED));
	assert_int_equal(reasons_of(s, 1, none, 1, &b), R(BILL_PLAN_UNSIGNED));
	/* Signed the day after: not yet a plan on the day. */
	assert_int_equal(reasons_of(s, 1, later, 1, &b), R(BILL_PLAN_UNSIGNED));
	assert_int_equal(reasons_of(s, 1, overdue, 1, &b), R(BILL_PLAN_REVIEW_OVERDUE));
	assert_false(b);
	/* Due on the day itself: still in time. */
	assert_int_equal(reasons_of(s, 1, due_today, 1, &b), 0);
	assert_true(b);
}

static void
the_newest_signed_version_applies(void **st)
{
	/* v1 overdue on the 9th; v2 signed on the 9th (the review done). */
	struct bill_plan p[] = { P(1, "2026-11-01", "2026-12-01"), P(2, "2026-12-09", "2027-01-08"),
	    P(3, "2026-12-12", "2027-01-11") };

	(void)st;
	assert_int_equal(bill_plan_for(p, 3, D("2026-12-09")), 1);
	assert_int_equal(bill_plan_for(p, 3, D("2026-12-08")), 0);
	assert_int_equal(bill_plan_for(p, 3, D("2026-12-12")), 2);
	assert_int_equal(bill_plan_for(p, 3, D("2026-10-31")), -1);
}

static void
every_reason_in_order(void **st)
{
	struct bill_session s[] = { { 30, BILL_NOTE_DRAFT }, { 30, BILL_NOTE_NONE },
	    { 30, BILL_NOTE_NO_OBJECTIVE } };
	struct bill_plan p[] = { P(1, "2026-11-01", "2026-12-01") };
	struct bill_day d;
	unsigned want = R(BILL_UNDER_THREE_HOURS) | R(BILL_NOTE_UNSIGNED) | R(BILL_NOTE_MISSING) |
	    R(BILL_NO_OBJECTIVE_LINKED) | R(BILL_PLAN_REVIEW_OVERDUE);
	const char *names[] = { "under_three_hours", "note_unsigned", "note_missing",
	    "no_objective_linked", "plan_unsigned", "plan_review_overdue" };

	(void)st;
	bill_day_compute(D("2026-12-09"), &IOP, s, 3, p, 1, &d);
	assert_int_equal(d.reasons, want);
	assert_int_equal(d.minutes, 90);
	assert_false(d.billable);
	for (int r = 0; r < BILL_REASON__MAX; r++)
		assert_string_equal(bill_reason_name((enum bill_reason)r), names[r]);
	bill_day_compute(D("2026-12-09"), &IOP, s, 3, NULL, 0, &d);
	assert_int_equal(d.reasons, (want & ~R(BILL_PLAN_REVIEW_OVERDUE)) | R(BILL_PLAN_UNSIGNED));
}

static void
a_day_with_only_an_appointment(void **st)
{
	/* A Friday's therapy hour, documented and linked: under 3 hours. */
	struct bill_session s[] = { { 60, BILL_NOTE_OK } };
	struct bill_plan p[] = { P(1, "2026-12-01", "2026-12-31") };
	bool b;

	(void)st;
	assert_int_equal(reasons_of(s, 1, p, 1, &b), R(BILL_UNDER_THREE_HOURS));
	assert_false(b);
}

static void
a_level_without_a_code_is_never_billable(void **st)
{
	struct bill_session s[] = { { 200, BILL_NOTE_OK } };
	struct bill_plan p[] = { P(1, "2026-12-01", "2026-12-31") };
	struct bill_day d;

	(void)st;
	bill_day_compute(D("2026-12-09"), NULL, s, 1, p, 1, &d);
	assert_int_equal(d.reasons, 0);
	assert_false(d.billable);
	assert_int_equal(d.plan, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(note_states),
		cmocka_unit_test(a_good_day_is_billable),
		cmocka_unit_test(the_180_minute_edge),
		cmocka_unit_test(each_note_reason),
		cmocka_unit_test(plan_reasons),
		cmocka_unit_test(the_newest_signed_version_applies),
		cmocka_unit_test(every_reason_in_order),
		cmocka_unit_test(a_day_with_only_an_appointment),
		cmocka_unit_test(a_level_without_a_code_is_never_billable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

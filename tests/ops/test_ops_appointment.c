/*
 * test_ops_appointment.c — an appointment's outcome (op_appt_attendance)
 * against a real store: refused before the start with nothing written,
 * recorded once started (attended with the whole length by default), a
 * correction keeping the earlier outcome with who changed it, the same
 * outcome again writing nothing, a late cancellation by the client
 * recording the outcome itself, and an appointment with an outcome no
 * longer cancelled.
 */
#include "adm_fixture.h"

#include "ops/appointment.h"

struct world {
	int64_t site, client, clinician, desk;
	int64_t now;
};

static void
world_make(struct fx *f, struct world *w)
{
	w->site = add_site(f->s, "North");
	w->client = add_client(f->s, "Ada", "Example", "1990-04-01", true);
	w->clinician = staff_at(f->s, "clin", 1u << ROLE_CLINICIAN, w->site);
	w->desk = staff_at(f->s, "desk", 1u << ROLE_FRONT_DESK, w->site);
	w->now = (int64_t)time(NULL);
}

/* A 50-minute individual therapy at starts_at; returns its id. */
static int64_t
book(const struct world *w, struct fx *f, int64_t starts_at)
{
	struct actor who = actor_of(w->desk, 1u << ROLE_FRONT_DESK);
	struct appt_book_in in;
	struct appointment out;
	struct appt_conflict cf;
	struct op_result res;
	struct error e;

	memset(&in, 0, sizeof in);
	in.a = (struct appointment){ .client_id = w->client, .site_id = w->site,
	    .staff_id = w->clinician, .kind = "individual_therapy", .starts_at = starts_at,
	    .minutes = 50 };
	in.out = &out;
	in.conflict = &cf;
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_appt_book_run, &in, &who, &res, &e), ERR_OK);
	return out.id;
}

static enum err
record(struct fx *f, const struct world *w, int64_t by, int64_t id, const char *what,
    int minutes, int64_t now, struct appointment *out, struct error *e)
{
	struct actor who = actor_of(by, 1u << ROLE_FRONT_DESK);
	struct appt_attendance_in in = { id, what, minutes, out };
	struct op_result res;

	(void)w;
	who.now = now;
	error_clear(e);
	return run_op(f->s, op_appt_attendance_run, &in, &who, &res, e);
}

static void
refused_before_the_start_recorded_once_started(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct appointment out;
	struct error e;
	int64_t id;

	world_make(f, &w);
	id = book(&w, f, w.now + 3600);
	assert_int_equal(record(f, &w, w.desk, id, "attended", -1, w.now, &out, &e),
	    ERR_CONFLICT);
	assert_non_null(field_msg(&e, "attendance"));
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM appointment WHERE "
	    "attendance <> '' OR attendance_by <> 0"), 0);
	/* Once started: attended, the whole length by default. */
	assert_int_equal(record(f, &w, w.desk, id, "attended", -1, w.now + 3600 + 60, &out, &e),
	    ERR_OK);
	assert_string_equal(out.attendance, "attended");
	assert_int_equal(out.attended_minutes, 50);
	assert_int_equal(out.attendance_by, w.desk);
	assert_string_equal(out.attendance_by_name, "desk");
	assert_int_equal(out.nattendance_history, 0);
	/* Too many minutes: refused, the outcome as it was. */
	assert_int_equal(record(f, &w, w.desk, id, "attended", 51, w.now + 7200, &out, &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "attended_minutes"));
	assert_int_equal(raw_int(f->t.db, "SELECT attended_minutes FROM appointment"), 50);
}

static void
a_correction_keeps_the_earlier_outcome(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct appointment out;
	struct error e;
	int64_t id;

	world_make(f, &w);
	id = book(&w, f, w.now - 7200);
	assert_int_equal(record(f, &w, w.desk, id, "no_show", -1, w.now, &out, &e), ERR_OK);
	assert_int_equal(out.attended_minutes, 0);
	/* The same again writes nothing. */
	assert_int_equal(record(f, &w, w.clinician, id, "no_show", 0, w.now, &out, &e), ERR_OK);
	assert_int_equal(count_rows(f, "appointment_attendance_change"), 0);
	assert_int_equal(out.attendance_by, w.desk);
	/* The clinician corrects it: the client came, 40 minutes. */
	assert_int_equal(record(f, &w, w.clinician, id, "attended", 40, w.now, &out, &e), ERR_OK);
	assert_string_equal(out.attendance, "attended");
	assert_int_equal(out.attended_minutes, 40);
	assert_int_equal(out.attendance_by, w.clinician);
	assert_int_equal(out.nattendance_history, 1);
	assert_string_equal(out.attendance_history[0].attendance, "no_show");
	assert_int_equal(out.attendance_history[0].attended_minutes, 0);
	assert_int_equal(out.attendance_history[0].recorded_by, w.desk);
	assert_int_equal(out.attendance_history[0].changed_by, w.clinician);
	assert_string_equal(out.attendance_history[0].changed_by_name, "clin");
	assert_true(out.attendance_history[0].changed_at > 0);
	/* And again: two earlier outcomes, oldest first. */
	assert_int_equal(record(f, &w, w.desk, id, "attended", 45, w.now, &out, &e), ERR_OK);
	assert_int_equal(out.nattendance_history, 2);
	assert_int_equal(out.attendance_history[1].attended_minutes, 40);
	assert_int_equal(out.attendance_history[1].recorded_by, w.clinician);
}

static void
a_late_cancellation_records_the_outcome(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct actor who;
	struct appt_cancel_in cin;
	struct appointment out, cancelled;
	struct op_result res;
	struct error e;
	int64_t late, early, held;

	world_make(f, &w);
	who = actor_of(w.desk, 1u << ROLE_FRONT_DESK);
	late = book(&w, f, w.now + 3600);
	early = book(&w, f, w.now + 3 * 86400);
	held = book(&w, f, w.now - 1200);
	/* By the client an hour ahead: late, the outcome recorded with it. */
	cin = (struct appt_cancel_in){ late, "client", "Car trouble", 24, &cancelled };
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_appt_cancel_run, &cin, &who, &res, &e), ERR_OK);
	assert_true(cancelled.late_cancellation);
	assert_string_equal(cancelled.attendance, "late_cancellation");
	assert_int_equal(cancelled.attendance_by, w.desk);
	/* Only a late cancellation stays possible for it. */
	assert_int_equal(record(f, &w, w.desk, late, "attended", -1, w.now + 7200, &out, &e),
	    ERR_CONFLICT);
	/* Three days ahead: not late, no outcome; staff may still judge it late. */
	cin = (struct appt_cancel_in){ early, "client", "Moving away", 24, &cancelled };
	assert_int_equal(run_op(f->s, op_appt_cancel_run, &cin, &who, &res, &e), ERR_OK);
	assert_false(cancelled.late_cancellation);
	assert_string_equal(cancelled.attendance, "");
	assert_int_equal(record(f, &w, w.desk, early, "late_cancellation", -1, w.now, &out, &e),
	    ERR_OK);
	assert_true(out.late_cancellation);
	assert_string_equal(out.attendance, "late_cancellation");
	/* An appointment under way whose outcome is recorded is not cancelled. */
	assert_int_equal(record(f, &w, w.desk, held, "attended", -1, w.now, &out, &e), ERR_OK);
	cin = (struct appt_cancel_in){ held, "program", "Therapist ill", 24, &cancelled };
	error_clear(&e);
	assert_int_equal(run_op(f->s, op_appt_cancel_run, &cin, &who, &res, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "outcome is recorded"));
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM appointment WHERE "
	    "status = 'cancelled'"), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(refused_before_the_start_recorded_once_started,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(a_correction_keeps_the_earlier_outcome,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(a_late_cancellation_records_the_outcome,
		    adm_setup, adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

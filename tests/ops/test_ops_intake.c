/*
 * test_ops_intake.c — issue 11 against a real store: a screening recorded
 * on an inquiry (no client; its alert has none, its task names the
 * inquiry), carried to the client by the conversion in its transaction,
 * and a screening voided (kept, its open alert closed, once only).
 */
#include "adm_fixture.h"

#include "ops/inquiry.h"
#include "ops/screening.h"

static const struct instrument_result *
risky(void)
{
	static struct instrument_result r;

	memset(&r, 0, sizeof r);
	r.code = "phq9";
	r.version = "1";
	snprintf(r.band, sizeof r.band, "%s", "moderate");
	r.nflags = 1;
	r.flags[0].code = "phq9_item9";
	r.flags[0].message = "Thoughts of self-harm were reported.";
	r.alert = true;
	return &r;
}

/* A risky PHQ-9 on the client or (client_id 0) on the inquiry. */
static enum err
record(struct fx *f, int64_t staff, int64_t client_id, int64_t inquiry_id,
    struct screening_record_out *out, struct op_result *res, struct error *e)
{
	struct actor who = actor_of(staff, 1u << ROLE_CLINICIAN);
	struct screening_record_in in;
	const struct instrument_result *r = risky();

	memset(&in, 0, sizeof in);
	memset(out, 0, sizeof *out);
	in.row.client_id = client_id;
	in.row.inquiry_id = inquiry_id;
	in.row.code = r->code;
	in.row.version = r->version;
	in.row.answers = "[0,0,0,0,0,0,0,0,2]";
	in.row.scores = "{\"total\":2}";
	in.row.flags = "[]";
	in.row.band = r->band;
	in.result = r;
	in.out = out;
	return run_op(f->s, op_screening_record_run, &in, &who, res, e);
}

static enum err
void_it(struct fx *f, int64_t staff, int64_t id, const char *reason,
    struct screening_void_out *out, struct op_result *res, struct error *e)
{
	struct actor who = actor_of(staff, 1u << ROLE_CLINICIAN);
	struct screening_void_in in = { .id = id, .reason = reason, .out = out };

	memset(out, 0, sizeof *out);
	return run_op(f->s, op_screening_void_run, &in, &who, res, e);
}

static int64_t
sql_int(struct fx *f, const char *fmt, int64_t id)
{
	char sql[256];

	snprintf(sql, sizeof sql, fmt, (long long)id);
	return raw_int(f->t.db, sql);
}

static void
on_the_inquiry_then_carried_at_conversion(void **state)
{
	struct fx *f = *state;
	int64_t clin = staff_at(f->s, "clin", 1u << ROLE_CLINICIAN, 0);
	int64_t adm = staff_at(f->s, "adm", 1u << ROLE_ADMISSIONS, 0);
	struct actor who = actor_of(adm, 1u << ROLE_ADMISSIONS);
	struct screening_record_out out;
	struct inquiry_convert_in cin;
	struct inquiry_convert_out cout;
	struct op_result res;
	struct error e;
	struct inquiry q;

	inquiry_blank(&q, "Avery Fictional");
	inquiry_add(f->s, &q);
	assert_int_equal(record(f, clin, 0, q.id, &out, &res, &e), ERR_OK);
	assert_int_equal(res.nclients, 0);		/* no client yet */
	assert_int_equal(out.alerts, 1);
	/* No clinician of its own, nobody on duty, no director: unclaimed,
	 * on the list every clinician sees (alert_route). */
	assert_int_equal(out.assignee, 0);
	assert_true(out.unclaimed);
	assert_int_equal(count_rows(f, "client"), 0);
	assert_int_equal(sql_int(f, "SELECT client_id IS NULL FROM screening WHERE id = %lld",
	    out.row.id), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM alert WHERE client_id IS NULL AND "
	    "source_id = %lld", out.row.id), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM task WHERE client_id IS NULL AND "
	    "inquiry_id = %lld", q.id), 1);

	memset(&cin, 0, sizeof cin);
	cin.id = q.id;
	client_sample(&cin.c, "x", "x", "1990-04-02");
	cin.c.first_name = cin.c.last_name = NULL;
	memset(&cout, 0, sizeof cout);
	cin.out = &cout;
	assert_int_equal(run_op(f->s, op_inquiry_convert_run, &cin, &who, &res, &e), ERR_OK);
	assert_int_equal(cout.screenings, 1);
	assert_int_equal(cout.placements, 0);
	assert_non_null(strstr(res.detail, "carried 1 screening(s)"));
	assert_int_equal(sql_int(f, "SELECT client_id FROM screening WHERE id = %lld",
	    out.row.id), cout.c.id);
	assert_int_equal(sql_int(f, "SELECT client_id FROM alert WHERE source_id = %lld",
	    out.row.id), cout.c.id);
	assert_int_equal(sql_int(f, "SELECT client_id FROM task WHERE inquiry_id = %lld", q.id),
	    cout.c.id);
}

static void
voided_is_kept_and_its_open_alert_closed(void **state)
{
	struct fx *f = *state;
	int64_t clin = staff_at(f->s, "clin", 1u << ROLE_CLINICIAN, 0);
	int64_t client = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);
	struct screening_record_out out;
	struct screening_void_out vout;
	struct op_result res;
	struct error e;

	assert_int_equal(record(f, clin, client, 0, &out, &res, &e), ERR_OK);
	/* No reason: refused, nothing changed. */
	assert_int_equal(void_it(f, clin, out.row.id, " ", &vout, &res, &e), ERR_INVALID);
	assert_int_equal(sql_int(f, "SELECT voided_at FROM screening WHERE id = %lld",
	    out.row.id), 0);
	error_clear(&e);
	assert_int_equal(void_it(f, clin, out.row.id, "Entered twice", &vout, &res, &e), ERR_OK);
	assert_int_equal(vout.alerts_closed, 1);
	assert_true(vout.row.voided_at > 0);
	assert_int_equal(vout.row.voided_by, clin);
	assert_string_equal(vout.row.void_reason, "Entered twice");
	assert_int_equal(res.clients[0], client);
	assert_int_equal(count_rows(f, "screening"), 1);	/* kept */
	assert_int_equal(sql_int(f, "SELECT count(*) FROM alert WHERE resolved_at > 0 AND "
	    "source_id = %lld", out.row.id), 1);
	assert_int_equal(sql_int(f, "SELECT count(*) FROM task WHERE done_at = 0 AND "
	    "client_id = %lld", client), 0);
	error_clear(&e);
	assert_int_equal(void_it(f, clin, out.row.id, "Again", &vout, &res, &e), ERR_CONFLICT);
	error_clear(&e);
	assert_int_equal(void_it(f, clin, 999, "None", &vout, &res, &e), ERR_NOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(on_the_inquiry_then_carried_at_conversion,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(voided_is_kept_and_its_open_alert_closed,
		    adm_setup, adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

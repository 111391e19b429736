/*
 * test_ops_inquiry.c — the admissions board's writes (src/ops/inquiry.c)
 * against a real store: a new inquiry, a move on the board, conversion into
 * a client (duplicates, a minor's guardian, the coverage from the
 * inquiry), the call log's wishes, follow-up tasks and merging — each rule
 * allowed and refused, and nothing written when refused.
 */
#include "adm_fixture.h"

#include "ops/inquiry.h"

static int64_t
admissions(struct fx *f)
{
	return staff_at(f->s, "adm", (1u << ROLE_ADMISSIONS) | (1u << ROLE_BILLING), 0);
}

static struct actor
as(int64_t staff)
{
	return actor_of(staff, (1u << ROLE_ADMISSIONS) | (1u << ROLE_BILLING));
}

static void
create_valid_or_nothing(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry_create_in in;
	struct inquiry out;
	struct op_result res;
	struct error e;

	inquiry_blank(&in.q, "Avery Fictional");
	in.out = &out;
	assert_int_equal(run_op(f->s, op_inquiry_create_run, &in, &who, &res, &e), ERR_OK);
	assert_true(res.id > 0);
	assert_int_equal(out.id, res.id);
	assert_int_equal(res.nclients, 0);
	/* No way to reach them: refused. */
	in.q.phone = "";
	in.q.email = "";
	assert_int_equal(run_op(f->s, op_inquiry_create_run, &in, &who, &res, &e),
	    ERR_INVALID);
	assert_int_equal(count_rows(f, "inquiry"), 1);
}

static enum err
patch(struct fx *f, const struct actor *who, struct inquiry_patch_in *in,
    struct inquiry *out, struct op_result *res, struct error *e)
{
	in->out = out;
	return run_op(f->s, op_inquiry_patch_run, in, who, res, e);
}

static void
board_moves_need_their_reason(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry q, out;
	struct inquiry_patch_in in;
	struct op_result res;
	struct error e;
	char sql[128];

	inquiry_blank(&q, "Avery Fictional");
	inquiry_add(f->s, &q);
	memset(&in, 0, sizeof in);
	in.id = q.id;
	in.present = INQ_PATCH_STATUS;
	in.status = INQS_REFERRED;
	assert_int_equal(patch(f, &who, &in, &out, &res, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "referred_to"));
	snprintf(sql, sizeof sql, "SELECT status = 'new' FROM inquiry WHERE id = %lld",
	    (long long)q.id);
	assert_int_equal(raw_int(f->t.db, sql), 1);	/* unchanged */
	in.present |= INQ_PATCH_REFERRED_TO | INQ_PATCH_ASSIGNED_TO;
	in.referred_to = "Lakeside residential";
	in.assigned_to = who.staff_id;
	assert_int_equal(patch(f, &who, &in, &out, &res, &e), ERR_OK);
	assert_int_equal(out.status, INQS_REFERRED);
	assert_int_equal(out.assigned_to, who.staff_id);
	assert_string_equal(out.referred_to, "Lakeside residential");
	in.id = 999;
	assert_int_equal(patch(f, &who, &in, &out, &res, &e), ERR_NOTFOUND);
}

static enum err
convert(struct fx *f, const struct actor *who, struct inquiry_convert_in *in,
    struct inquiry_convert_out *out, struct op_result *res, struct error *e)
{
	memset(out, 0, sizeof *out);
	in->out = out;
	return run_op(f->s, op_inquiry_convert_run, in, who, res, e);
}

static void
convert_in(struct inquiry_convert_in *in, int64_t id, const char *dob)
{
	memset(in, 0, sizeof *in);
	in->id = id;
	client_sample(&in->c, "x", "x", dob);
	in->c.first_name = in->c.last_name = NULL;	/* from the inquiry's name */
}

static void
converts_once_into_a_client(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry q;
	struct inquiry_convert_in in;
	struct inquiry_convert_out out;
	struct op_result res;
	struct error e;

	inquiry_blank(&q, "Avery Fictional");
	inquiry_add(f->s, &q);
	convert_in(&in, q.id, "1990-04-02");
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_OK);
	assert_true(out.c.id > 0);
	assert_string_equal(out.c.first_name, "Avery");
	assert_string_equal(out.c.last_name, "Fictional");
	assert_int_equal(out.q.client_id, out.c.id);
	assert_int_equal(res.id, q.id);
	assert_int_equal(res.nclients, 1);
	assert_int_equal(res.clients[0], out.c.id);
	assert_string_equal(res.detail, "new client");
	assert_null(out.coverage_skipped);
	/* Twice: refused. */
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_CONFLICT);
	assert_int_equal(count_rows(f, "client"), 1);
}

static void
a_duplicate_needs_consent(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry q;
	struct inquiry_convert_in in;
	struct inquiry_convert_out out;
	struct op_result res;
	struct error e;
	int64_t existing = add_client(f->s, "Avery", "Fictional", "1990-04-02", true);

	inquiry_blank(&q, "Avery Fictional");
	inquiry_add(f->s, &q);
	convert_in(&in, q.id, "1990-04-02");
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_DUPLICATE);
	assert_int_equal(out.ndupes, 1);
	assert_int_equal(out.dupes[0].id, existing);
	assert_int_equal(count_rows(f, "client"), 1);
	/* Linked to the returning client instead. */
	in.link_client = existing;
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_OK);
	assert_int_equal(out.c.id, existing);
	assert_string_equal(res.detail, "linked to a returning client");
	assert_int_equal(count_rows(f, "client"), 1);
}

/* The client a conversion makes obeys the client operation's rules, from
 * the same code (op_client_insert): validation, duplicates, the MRN. */
static void
the_new_client_obeys_the_client_rules(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry q;
	struct inquiry_convert_in in;
	struct inquiry_convert_out out;
	struct op_result res;
	struct error e;
	char mrn[64];

	inquiry_blank(&q, "Quinn Fictional");
	inquiry_add(f->s, &q);
	/* Born in the future: refused, naming dob, nothing written. */
	convert_in(&in, q.id, "2999-01-01");
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "dob"));
	assert_int_equal(count_rows(f, "client"), 0);
	/* Valid: the MRN is the one the store gives every new client. */
	convert_in(&in, q.id, "1990-04-02");
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_OK);
	client_mrn_format(out.c.id, mrn);
	assert_string_equal(out.c.mrn, mrn);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM client WHERE mrn LIKE "
	    "'pending-%'"), 0);
	/* A second inquiry of the same person: the duplicate, with the
	 * conversion's own advice. */
	inquiry_blank(&q, "Quinn Fictional");
	inquiry_add(f->s, &q);
	convert_in(&in, q.id, "1990-04-02");
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_DUPLICATE);
	assert_int_equal(out.ndupes, 1);
	assert_non_null(strstr(e.msg, "link the inquiry to them"));
	assert_int_equal(count_rows(f, "client"), 1);
}

static void
a_minor_needs_a_guardian(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry q;
	struct inquiry_convert_in in;
	struct inquiry_convert_out out;
	struct op_result res;
	struct error e;
	char dob[11];

	date_format(date_from_unix((int64_t)time(NULL) - 15LL * 366 * 86400), dob);
	inquiry_blank(&q, "Robin Fictional");
	q.for_other = true;
	q.caller_name = "Sam Fictional";
	q.caller_relationship = "parent";
	inquiry_add(f->s, &q);
	convert_in(&in, q.id, dob);
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "guardian"));
	assert_int_equal(count_rows(f, "client"), 0);
	assert_int_equal(count_rows(f, "contact"), 0);
	/* The caller is the guardian: the client, and the caller as a contact. */
	in.caller_is_guardian = true;
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_OK);
	assert_int_equal(count_rows(f, "client"), 1);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM contact WHERE guardian = 1"), 1);
}

static void
the_inquiry_insurance_becomes_a_coverage(void **state)
{
	struct fx *f = *state;
	int64_t staff = admissions(f);
	struct actor who = as(staff), front = actor_of(staff, 1u << ROLE_FRONT_DESK);
	struct inquiry q;
	struct inquiry_convert_in in;
	struct inquiry_convert_out out;
	struct op_result res;
	struct error e;

	inquiry_blank(&q, "Avery Fictional");
	q.has_insurance = true;
	q.ins.payer = "Fictional Health";
	q.ins.member_id = "M123";
	inquiry_add(f->s, &q);
	convert_in(&in, q.id, "1990-04-02");
	assert_int_equal(convert(f, &who, &in, &out, &res, &e), ERR_OK);
	assert_true(out.cov.id > 0);
	assert_string_equal(out.cov.rank, "primary");
	assert_string_equal(out.cov.relationship, "self");
	assert_non_null(strstr(res.detail, "coverage"));
	assert_int_equal(count_rows(f, "coverage"), 1);
	/* Without the permission: converted, the coverage skipped with why. */
	inquiry_blank(&q, "Blake Fictional");
	q.has_insurance = true;
	q.ins.payer = "Fictional Health";
	q.ins.member_id = "M999";
	inquiry_add(f->s, &q);
	convert_in(&in, q.id, "1991-05-03");
	assert_int_equal(convert(f, &front, &in, &out, &res, &e), ERR_OK);
	assert_int_equal(out.cov.id, 0);
	assert_non_null(strstr(out.coverage_skipped, "insurance.manage"));
	assert_int_equal(count_rows(f, "coverage"), 1);
}

static enum err
log_contact(struct fx *f, const struct actor *who, int64_t id, const char *method,
    const char *outcome, struct op_result *res, struct error *e)
{
	struct inquiry_contact out;
	struct inquiry_contact_in in = { .c = { .inquiry_id = id, .method = method,
		.outcome = outcome, .note = "" }, .out = &out };

	return run_op(f->s, op_inquiry_contact_run, &in, who, res, e);
}

static void
the_call_log_keeps_their_wishes(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry q;
	struct op_result res;
	struct error e;
	char sql[128];

	inquiry_blank(&q, "Avery Fictional");
	q.ok_voicemail = CONSENT_NO;
	q.ok_text = CONSENT_NO;
	inquiry_add(f->s, &q);
	assert_int_equal(log_contact(f, &who, q.id, "voicemail", "left_message", &res, &e),
	    ERR_CONFLICT);
	assert_int_equal(log_contact(f, &who, q.id, "text", "sent", &res, &e), ERR_CONFLICT);
	assert_int_equal(count_rows(f, "inquiry_contact"), 0);
	assert_int_equal(log_contact(f, &who, q.id, "call", "reached", &res, &e), ERR_OK);
	assert_int_equal(res.id, q.id);
	snprintf(sql, sizeof sql, "SELECT status = 'contacted' FROM inquiry WHERE id = %lld",
	    (long long)q.id);
	assert_int_equal(raw_int(f->t.db, sql), 1);
}

static void
a_task_for_active_staff(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry q;
	struct inquiry_task_in in;
	struct task out;
	struct op_result res;
	struct error e;

	inquiry_blank(&q, "Avery Fictional");
	inquiry_add(f->s, &q);
	memset(&in, 0, sizeof in);
	in.inquiry_id = q.id;
	in.t.title = "Call back";
	in.t.due_at = (int64_t)time(NULL) + 3600;
	in.t.assigned_to = 999;
	in.out = &out;
	assert_int_equal(run_op(f->s, op_inquiry_task_run, &in, &who, &res, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "assigned_to"));
	assert_int_equal(count_rows(f, "task"), 0);
	in.t.assigned_to = 0;	/* the actor */
	assert_int_equal(run_op(f->s, op_inquiry_task_run, &in, &who, &res, &e), ERR_OK);
	assert_int_equal(out.assigned_to, who.staff_id);
	assert_string_equal(out.kind, "follow_up");
	assert_int_equal(count_rows(f, "task"), 1);
}

static enum err
merge(struct fx *f, const struct actor *who, int64_t into, int64_t from,
    struct inquiry *out, struct op_result *res, struct error *e)
{
	struct inquiry_merge_in in = { .id = into, .from_id = from, .out = out };

	return run_op(f->s, op_inquiry_merge_run, &in, who, res, e);
}

static void
merging_fills_what_is_missing(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry a, b, out;
	struct op_result res;
	struct error e;

	inquiry_blank(&a, "Avery Fictional");
	a.email = "";
	inquiry_add(f->s, &a);
	inquiry_blank(&b, "Avery Fictional");
	b.email = "avery@example.org";
	inquiry_add(f->s, &b);
	assert_int_equal(merge(f, &who, a.id, a.id, &out, &res, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "from_id"), "must be another inquiry");
	assert_int_equal(merge(f, &who, a.id, 999, &out, &res, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "from_id"), "is not an inquiry");
	assert_int_equal(merge(f, &who, a.id, b.id, &out, &res, &e), ERR_OK);
	assert_string_equal(out.email, "avery@example.org");
	assert_non_null(strstr(res.detail, "merged inquiry"));
}

static void
merging_two_clients_refused(void **state)
{
	struct fx *f = *state;
	struct actor who = as(admissions(f));
	struct inquiry a, b, out;
	struct op_result res;
	struct error e;
	char sql[128];

	inquiry_blank(&a, "Avery Fictional");
	inquiry_add(f->s, &a);
	inquiry_blank(&b, "Avery Fictional");
	inquiry_add(f->s, &b);
	/* Each converted to a client of its own. */
	snprintf(sql, sizeof sql, "UPDATE inquiry SET client_id = %lld WHERE id = %lld",
	    (long long)add_client(f->s, "Avery", "Fictional", "1990-04-02", true),
	    (long long)a.id);
	raw_exec(f->t.db, sql);
	snprintf(sql, sizeof sql, "UPDATE inquiry SET client_id = %lld WHERE id = %lld",
	    (long long)add_client(f->s, "Avery", "Other", "1991-04-02", true),
	    (long long)b.id);
	raw_exec(f->t.db, sql);
	assert_int_equal(merge(f, &who, a.id, b.id, &out, &res, &e), ERR_CONFLICT);
	snprintf(sql, sizeof sql, "SELECT status = 'new' FROM inquiry WHERE id = %lld",
	    (long long)b.id);
	assert_int_equal(raw_int(f->t.db, sql), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(create_valid_or_nothing, adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(board_moves_need_their_reason, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(the_new_client_obeys_the_client_rules, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(converts_once_into_a_client, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(a_duplicate_needs_consent, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(a_minor_needs_a_guardian, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(the_inquiry_insurance_becomes_a_coverage,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(the_call_log_keeps_their_wishes, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(a_task_for_active_staff, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(merging_fills_what_is_missing, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(merging_two_clients_refused, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_note.c — clinical notes' pure rules: kinds from appointment kinds,
 * the sections of each form, the participation chips, a part's checks
 * naming the field, interventions from the vocabulary, when a note may be
 * signed (and what it may lack: an objective), and who may co-sign.
 */
#include "unit.h"

#include "core/note.h"

static void
kinds_and_forms(void **state)
{
	const char *names[NOTE_SECTIONS];
	enum note_kind k;

	(void)state;
	assert_string_equal(note_kind_for_appointment("individual_therapy"), "individual");
	assert_string_equal(note_kind_for_appointment("family_therapy"), "family");
	assert_string_equal(note_kind_for_appointment("medication_management"),
	    "medication_management");
	assert_null(note_kind_for_appointment("dinner"));
	assert_true(note_kind_parse("case_management", &k));
	assert_int_equal(k, NOTE_CASE);
	assert_false(note_kind_parse("gossip", &k));
	assert_int_equal(note_form_sections("dap", names), 3);
	assert_string_equal(names[2], "plan");
	assert_int_equal(note_form_sections("soap", names), 4);
	assert_string_equal(names[1], "objective");
	assert_int_equal(note_form_sections("birp", names), 4);
	assert_string_equal(names[0], "behavior");
	assert_int_equal(note_form_sections("essay", names), 0);
	assert_null(names[0]);
}

static void
a_part_is_checked_naming_the_field(void **state)
{
	struct note_part p;
	struct error e;
	int64_t keys[2] = { 7, 7 };
	char big[NOTE_TEXT_MAX + 2];

	(void)state;
	memset(&p, 0, sizeof p);
	p.participation = "active";
	error_clear(&e);
	assert_int_equal(note_part_check(&p, "parts[0]", &e), ERR_OK);
	p.participation = "sleepy";
	p.objectives = keys;
	p.nobjectives = 2;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	p.response = big;
	assert_int_equal(note_part_check(&p, "parts[3]", &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "attention"));
	assert_non_null(field_msg(&e, "parts[3].participation"));
	assert_non_null(field_msg(&e, "parts[3].response"));
	assert_non_null(field_msg(&e, "parts[3].objective_keys"));
	assert_true(note_participation_known(""));
	assert_false(note_participation_known("sleepy"));
}

static void
interventions_from_the_vocabulary(void **state)
{
	const char *good[] = { "cbt", "relapse_prevention" };
	const char *bad[] = { "cbt", "astrology", "cbt" };
	struct error e;

	(void)state;
	error_clear(&e);
	assert_int_equal(note_interventions_check(good, 2, "shared.interventions", &e), ERR_OK);
	assert_int_equal(note_interventions_check(bad, 3, "shared.interventions", &e),
	    ERR_INVALID);
	assert_non_null(field_msg(&e, "shared.interventions[1]"));
	assert_non_null(field_msg(&e, "shared.interventions[2]"));
}

static void
signing_and_cosigning(void **state)
{
	struct note n;
	struct note_part part;
	struct error e;

	(void)state;
	memset(&n, 0, sizeof n);
	memset(&part, 0, sizeof part);
	n.kind = "group";
	n.status = "draft";
	n.content = "";
	error_clear(&e);
	/* Nobody present: nothing to sign. */
	assert_int_equal(note_check_sign(&n, &e), ERR_CONFLICT);
	n.parts = &part;
	n.nparts = 1;
	error_clear(&e);
	assert_int_equal(note_check_sign(&n, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "shared.content"));
	n.content = "Urge surfing.";
	error_clear(&e);
	/* A part with no objective linked is signed, and says so. */
	assert_int_equal(note_check_sign(&n, &e), ERR_OK);
	assert_true(note_part_unlinked(&part));
	/* An appointment note: a form and some text. */
	n.kind = "individual";
	n.form = "";
	error_clear(&e);
	assert_int_equal(note_check_sign(&n, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "form"));
	n.form = "soap";
	part.sec[0] = part.sec[1] = part.sec[2] = part.sec[3] = "  ";
	error_clear(&e);
	assert_int_equal(note_check_sign(&n, &e), ERR_INVALID);
	part.sec[3] = "Call on Friday.";
	error_clear(&e);
	assert_int_equal(note_check_sign(&n, &e), ERR_OK);

	/* Signed: locked; waits for the supervisor named, and only them. */
	n.status = "signed";
	n.signed_at = 100;
	n.cosigner_id = 9;
	n.cosigner_name = "Dana Supervisor";
	error_clear(&e);
	assert_int_equal(note_check_draft(&n, &e), ERR_CONFLICT);
	assert_true(note_awaits_cosign(&n));
	assert_false(note_counts(&n));
	error_clear(&e);
	assert_int_equal(note_check_cosign(&n, 4, &e), ERR_FORBIDDEN);
	assert_non_null(strstr(e.msg, "Dana Supervisor"));
	error_clear(&e);
	assert_int_equal(note_check_cosign(&n, 9, &e), ERR_OK);
	n.cosigned_at = 200;
	assert_true(note_counts(&n));
	error_clear(&e);
	assert_int_equal(note_check_cosign(&n, 9, &e), ERR_CONFLICT);
	n.cosigner_id = 0;
	error_clear(&e);
	assert_int_equal(note_check_cosign(&n, 9, &e), ERR_CONFLICT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_and_forms),
		cmocka_unit_test(a_part_is_checked_naming_the_field),
		cmocka_unit_test(interventions_from_the_vocabulary),
		cmocka_unit_test(signing_and_cosigning),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_placement.c — the levels of care, every cell of the default placement
 * table, the most-intensive-wins rule, the forcing flags, the reasons, input
 * validation, an edited table, and the clinician's choice.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "unit.h"

#include "core/placement.h"

/* docs/domain.md's default table, copied here independently of placement.c. */
static const char *const domain_table[DIM__MAX][5] = {
	{ "1", "1", "2.1", "3.7", "4" },
	{ "1", "1", "2.1", "3.7", "4" },
	{ "1", "1", "2.1", "2.5", "4" },
	{ "1", "1", "1", "2.1", "2.1" },
	{ "1", "1", "2.1", "2.5", "3.5" },
	{ "1", "1", "2.1", "2.5", "3.5" },
};

static const char outpatient_only[] = "No dimension calls for more than outpatient care (1).";

static enum err
recommend(const struct placement_input *in, struct placement_result *out,
    struct error *e)
{
	error_clear(e);
	return placement_recommend(&placement_default, in, out, e);
}

static struct placement_input
rated(int d1, int d2, int d3, int d4, int d5, int d6)
{
	struct placement_input in;

	memset(&in, 0, sizeof(in));
	in.ratings[DIM_1] = d1;
	in.ratings[DIM_2] = d2;
	in.ratings[DIM_3] = d3;
	in.ratings[DIM_4] = d4;
	in.ratings[DIM_5] = d5;
	in.ratings[DIM_6] = d6;
	return in;
}

static void
levels_are_data_in_rank_order(void **state)
{
	static const char *const codes[] = {
		"0.5", "1", "2.1", "2.5", "3.1", "3.3", "3.5", "3.7", "4",
	};
	const struct level *lv;
	size_t i;

	(void)state;
	assert_int_equal(level_count(), 9);
	for (i = 0; i < level_count(); i++) {
		lv = level_at(i);
		assert_non_null(lv);
		assert_string_equal(lv->code, codes[i]);
		assert_true(lv->name[0] != '\0');
		if (i > 0)
			assert_true(lv->rank > level_at(i - 1)->rank);
		assert_ptr_equal(level_find(codes[i]), lv);
	}
	assert_null(level_at(level_count()));
	assert_string_equal(level_find("0.5")->name, "early intervention");
	assert_string_equal(level_find("1")->name, "outpatient care");
	assert_string_equal(level_find("2.1")->name, "intensive outpatient care");
	assert_string_equal(level_find("2.5")->name, "partial hospitalisation");
	assert_string_equal(level_find("4")->name, "medically managed inpatient care");
	assert_null(level_find("2"));
	assert_null(level_find("2.10"));
	assert_null(level_find(""));
	assert_null(level_find(NULL));
}

static void
dimensions_have_plain_names(void **state)
{
	(void)state;
	assert_string_equal(dim_name(DIM_1), "intoxication and withdrawal");
	assert_string_equal(dim_name(DIM_2), "biomedical conditions");
	assert_string_equal(dim_name(DIM_3),
	    "emotional, behavioural or cognitive conditions");
	assert_string_equal(dim_name(DIM_4), "readiness to change");
	assert_string_equal(dim_name(DIM_5), "relapse or continued-use potential");
	assert_string_equal(dim_name(DIM_6), "recovery environment");
	assert_string_equal(dim_name(DIM__MAX), "");
	assert_string_equal(dim_code(DIM_1), "d1");
	assert_string_equal(dim_code(DIM_6), "d6");
	assert_string_equal(placement_rating_word(0), "none");
	assert_string_equal(placement_rating_word(3), "serious");
	assert_string_equal(placement_rating_word(4), "severe");
	assert_string_equal(placement_rating_word(5), "");
	assert_string_equal(placement_rating_word(-1), "");
}

static void
default_table_is_domain_table(void **state)
{
	struct error e;
	int d, r;

	(void)state;
	for (d = 0; d < DIM__MAX; d++)
		for (r = 0; r <= PLACEMENT_RATING_MAX; r++)
			assert_string_equal(placement_default.min_level[d][r],
			    domain_table[d][r]);
	error_clear(&e);
	assert_int_equal(placement_table_check(&placement_default, &e), ERR_OK);
	assert_string_equal(placement_default.flags[0].code, "withdrawal_medical");
	assert_string_equal(placement_default.flags[0].min_level, "3.7");
	assert_string_equal(placement_default.flags[1].code, "supervision_24h");
	assert_string_equal(placement_default.flags[1].min_level, "3.5");
	assert_string_equal(placement_default.flags[2].code, "acute_risk");
	assert_string_equal(placement_default.flags[2].min_level, "4");
	assert_string_equal(placement_default.flags[3].code, "unstable_cooccurring");
	assert_string_equal(placement_default.flags[3].min_level, "2.5");
}

/* Each dimension at each rating, the others at 0, gives the table's level
 * and one reason naming that dimension (or the outpatient-only reason). */
static void
every_cell_of_the_default_table(void **state)
{
	struct placement_input in;
	struct placement_result out;
	struct error e;
	char want[PLACEMENT_REASON_LEN], dname[64];
	int d, r;

	(void)state;
	for (d = 0; d < DIM__MAX; d++) {
		for (r = 0; r <= PLACEMENT_RATING_MAX; r++) {
			in = rated(0, 0, 0, 0, 0, 0);
			in.ratings[d] = r;
			assert_int_equal(recommend(&in, &out, &e), ERR_OK);
			if (strcmp(out.recommended, domain_table[d][r]) != 0)
				fail_msg("d%d rated %d: got %s, want %s", d + 1, r,
				    out.recommended, domain_table[d][r]);
			assert_false(out.safety_response);
			assert_int_equal(out.nreasons, 1);
			if (strcmp(domain_table[d][r], "1") == 0) {
				assert_string_equal(out.reasons[0], outpatient_only);
				continue;
			}
			snprintf(dname, sizeof(dname), "%s", dim_name((enum dim)d));
			dname[0] = (char)(dname[0] - 'a' + 'A');
			snprintf(want, sizeof(want), "%s rated %d (%s): ", dname, r,
			    placement_rating_word(r));
			if (strncmp(out.reasons[0], want, strlen(want)) != 0)
				fail_msg("reason \"%s\" does not start \"%s\"",
				    out.reasons[0], want);
			snprintf(want, sizeof(want), "(%s)", domain_table[d][r]);
			assert_non_null(strstr(out.reasons[0], want));
		}
	}
}

static void
reasons_in_plain_words(void **state)
{
	struct placement_input in;
	struct placement_result out;
	struct error e;

	(void)state;
	in = rated(0, 0, 0, 0, 0, 3);
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "2.5");
	assert_int_equal(out.nreasons, 1);
	assert_string_equal(out.reasons[0],
	    "Recovery environment rated 3 (serious): at least partial hospitalisation (2.5).");

	in = rated(2, 0, 0, 0, 0, 0);
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "2.1");
	assert_string_equal(out.reasons[0],
	    "Intoxication and withdrawal rated 2 (moderate): at least intensive "
	    "outpatient care (2.1), with withdrawal managed as an outpatient with "
	    "monitoring.");

	/* The most intensive level is not "at least" anything. */
	in = rated(0, 0, 4, 0, 0, 0);
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.reasons[0],
	    "Emotional, behavioural or cognitive conditions rated 4 (severe): "
	    "medically managed inpatient care (4).");

	/* Readiness to change rated 2 still implies outpatient care. */
	in = rated(1, 1, 1, 2, 1, 1);
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "1");
	assert_int_equal(out.nreasons, 1);
	assert_string_equal(out.reasons[0], outpatient_only);
}

/* One high dimension decides, however low the rest: no averaging. */
static void
most_intensive_wins_never_the_average(void **state)
{
	struct placement_input in;
	struct placement_result out;
	struct error e;

	(void)state;
	in = rated(0, 0, 0, 0, 0, 4);	/* mean 0.67 */
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "3.5");
	assert_int_equal(out.nreasons, 1);
	assert_non_null(strstr(out.reasons[0], "Recovery environment rated 4"));

	in = rated(4, 1, 1, 1, 1, 1);
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "4");
	assert_int_equal(out.nreasons, 1);

	/* Many moderate ratings do not add up to more than their level. */
	in = rated(2, 2, 2, 2, 2, 2);
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "2.1");
	/* d4 rated 2 implies 1, so it does not set the level. */
	assert_int_equal(out.nreasons, 5);

	in = rated(2, 0, 3, 0, 0, 0);	/* 2.1 and 2.5: the higher wins */
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "2.5");
	assert_int_equal(out.nreasons, 1);
	assert_non_null(strstr(out.reasons[0], "Emotional"));
}

static void
each_forcing_flag(void **state)
{
	static const struct {
		unsigned bit;
		const char *level;
		bool safety;
		const char *reason;
	} cases[] = {
		{ PLACEMENT_FLAG_WITHDRAWAL_MEDICAL, "3.7", false,
		  "Needs medically monitored withdrawal: at least medically "
		  "monitored inpatient care (3.7)." },
		{ PLACEMENT_FLAG_SUPERVISION_24H, "3.5", false,
		  "Needs 24-hour supervision: at least high-intensity residential "
		  "care (3.5)." },
		{ PLACEMENT_FLAG_ACUTE_RISK, "4", true,
		  "Acute risk of harm to self or others: medically managed "
		  "inpatient care (4) and an immediate safety response." },
		{ PLACEMENT_FLAG_UNSTABLE_COOCCURRING, "2.5", false,
		  "Unstable co-occurring condition: at least partial "
		  "hospitalisation (2.5)." },
	};
	struct placement_input in;
	struct placement_result out;
	struct error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		in = rated(0, 0, 0, 0, 0, 0);
		in.flags = cases[i].bit;
		assert_int_equal(recommend(&in, &out, &e), ERR_OK);
		assert_string_equal(out.recommended, cases[i].level);
		assert_int_equal(out.safety_response, cases[i].safety);
		assert_int_equal(out.nreasons, 1);
		assert_string_equal(out.reasons[0], cases[i].reason);
	}

	/* A flag below what a dimension already implies does not lower it and
	 * is not named as setting it. */
	in = rated(4, 0, 0, 0, 0, 0);
	in.flags = PLACEMENT_FLAG_UNSTABLE_COOCCURRING;
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "4");
	assert_int_equal(out.nreasons, 1);
	assert_non_null(strstr(out.reasons[0], "Intoxication and withdrawal"));

	/* The highest of several flags wins. */
	in = rated(0, 0, 0, 0, 0, 0);
	in.flags = PLACEMENT_FLAG_UNSTABLE_COOCCURRING | PLACEMENT_FLAG_SUPERVISION_24H;
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "3.5");
	assert_int_equal(out.nreasons, 1);
	assert_non_null(strstr(out.reasons[0], "Needs 24-hour supervision"));

	/* A flag above every dimension sets the level alone. */
	in = rated(2, 2, 3, 3, 3, 3);
	in.flags = PLACEMENT_FLAG_WITHDRAWAL_MEDICAL;
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "3.7");
	assert_int_equal(out.nreasons, 1);
	assert_false(out.safety_response);
}

/* Every dimension and flag that sets the level is named, in order:
 * dimensions first (1 to 6), then flags in table order. */
static void
ties_name_everything_that_sets_the_level(void **state)
{
	struct placement_input in;
	struct placement_result out;
	struct error e;
	int i;

	(void)state;
	in = rated(2, 0, 3, 0, 3, 3);
	in.flags = PLACEMENT_FLAG_UNSTABLE_COOCCURRING;
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "2.5");
	assert_int_equal(out.nreasons, 4);
	assert_string_equal(out.reasons[0],
	    "Emotional, behavioural or cognitive conditions rated 3 (serious): "
	    "at least partial hospitalisation (2.5).");
	assert_string_equal(out.reasons[1],
	    "Relapse or continued-use potential rated 3 (serious): "
	    "at least partial hospitalisation (2.5).");
	assert_string_equal(out.reasons[2],
	    "Recovery environment rated 3 (serious): "
	    "at least partial hospitalisation (2.5).");
	assert_string_equal(out.reasons[3],
	    "Unstable co-occurring condition: at least partial hospitalisation (2.5).");

	/* Level 4 from three dimensions and acute risk. */
	in = rated(4, 4, 4, 4, 4, 4);
	in.flags = PLACEMENT_FLAG_ACUTE_RISK;
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "4");
	assert_true(out.safety_response);
	assert_int_equal(out.nreasons, 4);
	assert_non_null(strstr(out.reasons[0], "Intoxication and withdrawal rated 4"));
	assert_non_null(strstr(out.reasons[1], "Biomedical conditions rated 4"));
	assert_non_null(strstr(out.reasons[2], "Emotional, behavioural"));
	assert_non_null(strstr(out.reasons[3], "Acute risk of harm"));

	/* All six dimensions at 2.1. */
	in = rated(2, 2, 2, 3, 2, 2);
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "2.1");
	assert_int_equal(out.nreasons, 6);
	for (i = 0; i < 6; i++)
		assert_non_null(strstr(out.reasons[i], "(2.1)"));
	assert_non_null(strstr(out.reasons[3], "Readiness to change rated 3 (serious)"));

	/* Every flag and every dimension at its most: 3.7 and 3.5 flags lose. */
	in = rated(4, 4, 4, 4, 4, 4);
	in.flags = 0xf;
	assert_int_equal(recommend(&in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "4");
	assert_int_equal(out.nreasons, 4);
}

static void
validation_names_fields(void **state)
{
	struct placement_input in;
	struct placement_result out;
	struct error e;
	char text[2100];

	(void)state;
	in = rated(-1, 0, 0, 0, 0, 5);
	in.notes[DIM_2] = repeat(text, "a", PLACEMENT_NOTE_MAX + 1);
	in.notes[DIM_3] = "bad\x01note";
	in.flags = 1u << 4;
	assert_int_equal(recommend(&in, &out, &e), ERR_INVALID);
	assert_int_equal(e.code, ERR_INVALID);
	assert_int_equal(e.nfields, 5);
	assert_null(out.recommended);
	assert_int_equal(out.nreasons, 0);
	assert_string_equal(field_msg(&e, "ratings.d1"), "must be a whole number from 0 to 4");
	assert_string_equal(field_msg(&e, "ratings.d6"), "must be a whole number from 0 to 4");
	assert_null(field_msg(&e, "ratings.d2"));
	assert_string_equal(field_msg(&e, "notes.d2"), "must be 1000 characters or fewer");
	assert_string_equal(field_msg(&e, "notes.d3"), "must not contain control characters");
	assert_non_null(field_msg(&e, "flags"));

	/* The edges that are fine: 1000 characters of note over several lines,
	 * NULL and empty notes, ratings 0 and 4. */
	in = rated(0, 4, 0, 0, 0, 0);
	repeat(text, "\xc3\xa9", PLACEMENT_NOTE_MAX - 2);
	memcpy(text + 2 * (PLACEMENT_NOTE_MAX - 2), "\nx", 3);	/* 1000 characters */
	in.notes[DIM_1] = "Line one.\nLine two.";
	in.notes[DIM_2] = "";
	in.notes[DIM_4] = text;
	if (recommend(&in, &out, &e) != ERR_OK)
		fail_msg("refused: %s %s", e.fields[0].name, e.fields[0].msg);
	assert_int_equal(e.nfields, 0);
	assert_string_equal(out.recommended, "4");
	memcpy(text + 2 * (PLACEMENT_NOTE_MAX - 2), "\nxy", 4);	/* 1001 characters */
	assert_int_equal(recommend(&in, &out, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "notes.d4"), "must be 1000 characters or fewer");

	in = rated(0, 0, 0, 0, 0, 0);
	in.ratings[DIM_4] = 5;
	assert_int_equal(recommend(&in, &out, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_non_null(field_msg(&e, "ratings.d4"));
}

static void
an_edited_table(void **state)
{
	struct placement_table t = placement_default;
	struct placement_input in;
	struct placement_result out;
	struct error e;
	unsigned bit;

	(void)state;
	/* A program that places readiness-to-change 4 at 2.5 and drops a flag. */
	t.edition = "test";
	t.min_level[DIM_4][4] = "2.5";
	t.flags[1] = (struct placement_flag){ NULL, NULL, NULL, false };
	in = rated(0, 0, 0, 4, 0, 0);
	error_clear(&e);
	assert_int_equal(placement_recommend(&t, &in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "2.5");
	assert_string_equal(out.reasons[0],
	    "Readiness to change rated 4 (severe): at least partial hospitalisation (2.5).");
	assert_false(placement_flag_parse(&t, "supervision_24h", &bit));
	in.flags = PLACEMENT_FLAG_SUPERVISION_24H;
	error_clear(&e);
	assert_int_equal(placement_recommend(&t, &in, &out, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "flags"));

	/* A floor above outpatient: early intervention nowhere, 2.1 for d6 at 0. */
	t = placement_default;
	t.min_level[DIM_6][0] = "2.1";
	t.min_level[DIM_6][1] = "2.1";
	in = rated(0, 2, 0, 0, 0, 0);
	error_clear(&e);
	assert_int_equal(placement_recommend(&t, &in, &out, &e), ERR_OK);
	assert_string_equal(out.recommended, "2.1");
	assert_int_equal(out.nreasons, 1);
	assert_string_equal(out.reasons[0],
	    "No dimension calls for more than intensive outpatient care (2.1).");

	/* Cells and flags must name known levels. */
	t = placement_default;
	t.min_level[DIM_4][4] = "2";
	t.min_level[DIM_1][0] = NULL;
	t.flags[2].min_level = "5";
	in = rated(0, 0, 0, 0, 0, 0);
	error_clear(&e);
	assert_int_equal(placement_recommend(&t, &in, &out, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 3);
	assert_string_equal(field_msg(&e, "min_level.d4.4"), "must be a known level of care");
	assert_string_equal(field_msg(&e, "min_level.d1.0"), "must be a known level of care");
	assert_string_equal(field_msg(&e, "flags.2.min_level"), "must be a known level of care");
	assert_null(out.recommended);
}

/* What an edit of the table must keep: rising levels, sane flags, short text. */
static void
table_edits_checked(void **state)
{
	struct placement_table t;
	struct error e;
	char longer[PLACEMENT_REMARK_MAX + 2];

	(void)state;
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';		/* 121 characters */

	/* A higher rating may not imply a less intensive level. */
	t = placement_default;
	t.min_level[DIM_3][3] = "1";
	error_clear(&e);
	assert_int_equal(placement_table_check(&t, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_msg(&e, "min_level.d3.3"),
	    "must not be less intensive than the level for a rating of 2 (2.1)");

	/* Equal is fine; so is the most intensive level everywhere. */
	t = placement_default;
	t.min_level[DIM_5][3] = "2.1";
	error_clear(&e);
	assert_int_equal(placement_table_check(&t, &e), ERR_OK);

	/* Flags: code shape, uniqueness, label, level; edition and remarks. */
	t = placement_default;
	t.flags[0].code = "Bad Code";
	t.flags[1].code = "acute_risk";
	t.flags[3].label = "";
	t.edition = "";
	t.remark[DIM_2][4] = longer;
	t.remark[DIM_6][0] = "two\nlines";
	error_clear(&e);
	assert_int_equal(placement_table_check(&t, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 6);
	assert_string_equal(field_msg(&e, "flags.0.code"),
	    "must be 1 to 32 of a-z, 0-9 and _, starting with a letter");
	assert_string_equal(field_msg(&e, "flags.2.code"), "is used by another flag");
	assert_string_equal(field_msg(&e, "flags.3.label"), "is required");
	assert_string_equal(field_msg(&e, "edition"), "is required");
	assert_string_equal(field_msg(&e, "remarks.d2.4"), "must be 120 characters or fewer");
	assert_non_null(field_msg(&e, "remarks.d6.0"));

	/* The longest allowed remark still fits in its reason. */
	t = placement_default;
	longer[PLACEMENT_REMARK_MAX] = '\0';
	t.remark[DIM_3][4] = longer;
	t.flags[3].code = "a2345678901234567890123456789012";	/* 32 */
	error_clear(&e);
	assert_int_equal(placement_table_check(&t, &e), ERR_OK);
	{
		struct placement_input in = rated(0, 0, 4, 0, 0, 0);
		struct placement_result out;
		error_clear(&e);
		assert_int_equal(placement_recommend(&t, &in, &out, &e), ERR_OK);
		assert_non_null(strstr(out.reasons[0], longer));
		assert_true(out.reasons[0][strlen(out.reasons[0]) - 1] == '.');
	}

	/* The same in characters of four bytes: nothing is cut. */
	{
		static char wide[PLACEMENT_REMARK_MAX * 4 + 1], label[PLACEMENT_LABEL_MAX * 4 + 1];
		struct placement_input in = rated(0, 0, 4, 0, 0, 0);
		struct placement_result out;

		for (int i = 0; i < PLACEMENT_REMARK_MAX; i++)
			memcpy(wide + 4 * i, "\xf0\x9f\x98\x80", 4);	/* U+1F600 */
		for (int i = 0; i < PLACEMENT_LABEL_MAX; i++)
			memcpy(label + 4 * i, "\xe6\xbc\xa2\x20", 4);	/* U+6F22 and a space */
		t = placement_default;
		t.remark[DIM_3][4] = wide;
		t.flags[0].label = label;
		t.flags[0].min_level = "4";
		t.flags[0].safety_response = true;	/* the longest reason */
		in.flags = PLACEMENT_FLAG_WITHDRAWAL_MEDICAL;
		error_clear(&e);
		assert_int_equal(placement_table_check(&t, &e), ERR_INVALID);	/* 200 chars */
		label[PLACEMENT_LABEL_MAX * 2] = '\0';			/* 100 characters */
		error_clear(&e);
		assert_int_equal(placement_table_check(&t, &e), ERR_OK);
		assert_int_equal(placement_recommend(&t, &in, &out, &e), ERR_OK);
		assert_int_equal(out.nreasons, 2);
		assert_non_null(strstr(out.reasons[0], wide));
		assert_non_null(strstr(out.reasons[1], label));
		assert_string_equal(out.reasons[1] + strlen(out.reasons[1]) - 34,
		    " and an immediate safety response.");
	}
}

static void
flag_codes_parse(void **state)
{
	unsigned bit = 0;

	(void)state;
	assert_true(placement_flag_parse(&placement_default, "withdrawal_medical", &bit));
	assert_int_equal(bit, PLACEMENT_FLAG_WITHDRAWAL_MEDICAL);
	assert_true(placement_flag_parse(&placement_default, "supervision_24h", &bit));
	assert_int_equal(bit, PLACEMENT_FLAG_SUPERVISION_24H);
	assert_true(placement_flag_parse(&placement_default, "acute_risk", &bit));
	assert_int_equal(bit, PLACEMENT_FLAG_ACUTE_RISK);
	assert_true(placement_flag_parse(&placement_default, "unstable_cooccurring", &bit));
	assert_int_equal(bit, PLACEMENT_FLAG_UNSTABLE_COOCCURRING);
	assert_false(placement_flag_parse(&placement_default, "acute", &bit));
	assert_false(placement_flag_parse(&placement_default, "", &bit));
	assert_false(placement_flag_parse(&placement_default, NULL, &bit));
}

static enum err
choose(const struct placement_result *rec, const char *level, const char *why,
    struct error *e)
{
	error_clear(e);
	return placement_choose(rec, level, why, e);
}

static void
clinician_choice(void **state)
{
	static const char needed[] =
	    "is required when the level chosen differs from the one recommended";
	struct placement_input in = rated(0, 0, 0, 0, 0, 3);
	struct placement_result rec;
	struct error e;
	char text[600];

	(void)state;
	assert_int_equal(recommend(&in, &rec, &e), ERR_OK);
	assert_string_equal(rec.recommended, "2.5");

	/* The recommended level needs no reason, but may have one. */
	assert_int_equal(choose(&rec, "2.5", NULL, &e), ERR_OK);
	assert_int_equal(choose(&rec, "2.5", "", &e), ERR_OK);
	assert_int_equal(choose(&rec, "2.5", "Agreed with the client.", &e), ERR_OK);

	/* A different level needs a reason. */
	assert_int_equal(choose(&rec, "2.1", NULL, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_msg(&e, "override_reason"), needed);
	assert_int_equal(choose(&rec, "2.1", "  \n ", &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "override_reason"), needed);
	assert_int_equal(choose(&rec, "3.7", "", &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "override_reason"), needed);
	assert_int_equal(choose(&rec, "2.1",
	    "No partial hospitalisation place within reach;\nclient prefers evenings.", &e),
	    ERR_OK);

	/* 500 characters of reason at most. */
	assert_int_equal(choose(&rec, "2.1", repeat(text, "r", 500), &e), ERR_OK);
	assert_int_equal(choose(&rec, "2.1", repeat(text, "r", 501), &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "override_reason"),
	    "must be 500 characters or fewer");
	assert_int_equal(choose(&rec, "2.5", repeat(text, "r", 501), &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "override_reason"));

	/* The chosen level must be known. */
	assert_int_equal(choose(&rec, "2", "Payer denial.", &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_msg(&e, "chosen_level"), "must be one of the levels of care");
	assert_int_equal(choose(&rec, "", NULL, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "chosen_level"), "is required");
	assert_int_equal(choose(&rec, NULL, NULL, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "chosen_level"), "is required");
	assert_null(field_msg(&e, "override_reason"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(levels_are_data_in_rank_order),
		cmocka_unit_test(dimensions_have_plain_names),
		cmocka_unit_test(default_table_is_domain_table),
		cmocka_unit_test(every_cell_of_the_default_table),
		cmocka_unit_test(reasons_in_plain_words),
		cmocka_unit_test(most_intensive_wins_never_the_average),
		cmocka_unit_test(each_forcing_flag),
		cmocka_unit_test(ties_name_everything_that_sets_the_level),
		cmocka_unit_test(validation_names_fields),
		cmocka_unit_test(an_edited_table),
		cmocka_unit_test(table_edits_checked),
		cmocka_unit_test(flag_codes_parse),
		cmocka_unit_test(clinician_choice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

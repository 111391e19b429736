/*
 * test_instrument.c — the screening instruments: the registry, every band of
 * every instrument at its lowest and highest score, reverse scoring, cut-offs,
 * risk flags, and the answers that must be refused (each named item_N, all of
 * them at once).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "unit.h"

#include "core/instrument.h"
#include "core/screening.h"

/* ---- Helpers ------------------------------------------------------------- */

static const struct instrument *
find(const char *code)
{
	const struct instrument *ins = instrument_find(code);

	assert_non_null(ins);
	return ins;
}

static struct answers
ints(int n, const int *v)
{
	struct answers a;
	int i;

	memset(&a, 0, sizeof(a));
	a.n = n;
	for (i = 0; i < n; i++) {
		a.a[i].present = true;
		a.a[i].ival = v[i];
	}
	return a;
}

static struct answers
bools(int n, const bool *v)
{
	struct answers a;
	int i;

	memset(&a, 0, sizeof(a));
	a.n = n;
	for (i = 0; i < n; i++) {
		a.a[i].present = true;
		a.a[i].bval = v[i];
	}
	return a;
}

static enum err
run(const char *code, const struct answers *a, const char *sex,
    struct instrument_result *r, struct error *e)
{
	error_clear(e);
	return instrument_score(find(code), a, sex, r, e);
}

/* The named score, or -1 if the result has none by that name. */
static int
score_of(const struct instrument_result *r, const char *name)
{
	int i;

	for (i = 0; i < r->nscores; i++)
		if (strcmp(r->scores[i].name, name) == 0)
			return r->scores[i].value;
	return -1;
}

static bool
has_flag(const struct instrument_result *r, const char *code)
{
	int i;

	for (i = 0; i < r->nflags; i++)
		if (strcmp(r->flags[i].code, code) == 0)
			return true;
	return false;
}

/*
 * Answers to a rated instrument that add up to total: each item in turn takes
 * the largest allowed value that still fits.  Fails the test if the total
 * cannot be reached this way.
 */
static struct answers
rated_total(const struct instrument *ins, int total)
{
	struct answers a;
	const struct instrument_item *it;
	int i, j, left = total, best;

	memset(&a, 0, sizeof(a));
	a.n = ins->nitems;
	for (i = 0; i < ins->nitems; i++) {
		it = &ins->items[i];
		assert_int_equal(it->kind, ANSWER_INT);
		best = 0;
		for (j = 0; j < it->nchoices; j++)
			if (it->choices[j].value <= left && it->choices[j].value > best)
				best = it->choices[j].value;
		a.a[i].present = true;
		a.a[i].ival = best;
		left -= best;
	}
	assert_int_equal(left, 0);
	return a;
}

struct edge { int total; const char *band; };

/* Every edge: the total and band come out as the table says. */
static void
check_edges(const char *code, const struct edge *edges, size_t n)
{
	const struct instrument *ins = find(code);
	struct instrument_result r;
	struct answers a;
	struct error e;
	size_t i;

	for (i = 0; i < n; i++) {
		a = rated_total(ins, edges[i].total);
		error_clear(&e);
		assert_int_equal(instrument_score(ins, &a, NULL, &r, &e), ERR_OK);
		assert_int_equal(e.nfields, 0);
		assert_int_equal(score_of(&r, "total"), edges[i].total);
		assert_string_equal(r.band, edges[i].band);
		assert_string_equal(r.code, code);
		assert_string_equal(r.version, ins->version);
	}
}

/* ---- Registry ------------------------------------------------------------ */

static void
registry_lists_the_nine_codes_in_order(void **state)
{
	static const char *const codes[] = {
		"phq9", "gad7", "audit", "auditc", "dast10", "cssrs_screener",
		"bam", "ciwa_ar", "cows",
	};
	size_t i;

	(void)state;
	assert_int_equal(instrument_count(), 9);
	for (i = 0; i < 9; i++) {
		assert_non_null(instrument_at(i));
		assert_string_equal(instrument_at(i)->code, codes[i]);
		assert_ptr_equal(instrument_find(codes[i]), instrument_at(i));
	}
	assert_null(instrument_at(9));
}

static void
registry_unknown_code_is_null(void **state)
{
	(void)state;
	assert_null(instrument_find("phq2"));
	assert_null(instrument_find(""));
	assert_null(instrument_find("PHQ9"));
	assert_null(instrument_find(NULL));
}

static void
registry_items_are_well_formed(void **state)
{
	static const int nitems[] = { 9, 7, 10, 3, 10, 7, 17, 10, 11 };
	static const char *const cssrs_keys[] = {
		"q1", "q2", "q3", "q4", "q5", "q6_lifetime", "q6_past_3_months",
	};
	const struct instrument *ins;
	const struct instrument_item *it;
	size_t i;
	int j, k;

	(void)state;
	for (i = 0; i < instrument_count(); i++) {
		ins = instrument_at(i);
		assert_int_equal(ins->nitems, nitems[i]);
		assert_true(ins->name[0] != '\0');
		assert_true(ins->version[0] != '\0');
		assert_int_equal(ins->object_answers,
		    strcmp(ins->code, "cssrs_screener") == 0);
		for (j = 0; j < ins->nitems; j++) {
			it = &ins->items[j];
			assert_int_equal(it->number, j + 1);
			assert_true(it->text[0] != '\0');
			if (it->kind == ANSWER_LIST) {
				assert_int_equal(it->nchoices, 0);
				continue;
			}
			assert_true(it->nchoices >= 2);
			for (k = 0; k < it->nchoices; k++)
				assert_true(it->choices[k].label[0] != '\0');
			for (k = 1; k < it->nchoices; k++)
				assert_true(it->choices[k].value > it->choices[k - 1].value);
			if (ins->object_answers)
				assert_string_equal(it->key, cssrs_keys[j]);
			else
				assert_null(it->key);
		}
	}
	/* Only C-SSRS q3-q5 may be left out; only BAM item 7 is a list. */
	ins = find("cssrs_screener");
	for (j = 0; j < ins->nitems; j++)
		assert_int_equal(ins->items[j].optional, j >= 2 && j <= 4);
	ins = find("bam");
	for (j = 0; j < ins->nitems; j++)
		assert_int_equal(ins->items[j].kind == ANSWER_LIST, j == 6);
}

/* ---- Band edges ---------------------------------------------------------- */

static void
phq9_band_edges(void **state)
{
	static const struct edge edges[] = {
		{ 0, "minimal" }, { 4, "minimal" }, { 5, "mild" }, { 9, "mild" },
		{ 10, "moderate" }, { 14, "moderate" },
		{ 15, "moderately severe" }, { 19, "moderately severe" },
		{ 20, "severe" }, { 27, "severe" },
	};

	(void)state;
	check_edges("phq9", edges, sizeof(edges) / sizeof(edges[0]));
}

static void
gad7_band_edges(void **state)
{
	static const struct edge edges[] = {
		{ 0, "minimal" }, { 4, "minimal" }, { 5, "mild" }, { 9, "mild" },
		{ 10, "moderate" }, { 14, "moderate" }, { 15, "severe" },
		{ 21, "severe" },
	};

	(void)state;
	check_edges("gad7", edges, sizeof(edges) / sizeof(edges[0]));
}

static void
audit_zone_edges(void **state)
{
	static const struct edge edges[] = {
		{ 0, "I" }, { 7, "I" }, { 8, "II" }, { 15, "II" },
		{ 16, "III" }, { 19, "III" }, { 20, "IV" }, { 40, "IV" },
	};

	(void)state;
	check_edges("audit", edges, sizeof(edges) / sizeof(edges[0]));
}

static void
ciwa_ar_band_edges(void **state)
{
	static const struct edge edges[] = {
		{ 0, "minimal" }, { 7, "minimal" }, { 8, "moderate" },
		{ 15, "moderate" }, { 16, "severe" }, { 67, "severe" },
	};

	(void)state;
	check_edges("ciwa_ar", edges, sizeof(edges) / sizeof(edges[0]));
}

static void
cows_band_edges(void **state)
{
	static const struct edge edges[] = {
		{ 0, "none" }, { 4, "none" }, { 5, "mild" }, { 12, "mild" },
		{ 13, "moderate" }, { 24, "moderate" },
		{ 25, "moderately severe" }, { 36, "moderately severe" },
		{ 37, "severe" }, { 48, "severe" },
	};

	(void)state;
	check_edges("cows", edges, sizeof(edges) / sizeof(edges[0]));
}

/* The maxima come from the items' own tables. */
static void
maxima_are_the_sum_of_the_highest_answers(void **state)
{
	static const struct { const char *code; int max; } maxima[] = {
		{ "phq9", 27 }, { "gad7", 21 }, { "audit", 40 }, { "auditc", 12 },
		{ "ciwa_ar", 67 }, { "cows", 48 },
	};
	const struct instrument *ins;
	size_t i;
	int j, max;

	(void)state;
	for (i = 0; i < sizeof(maxima) / sizeof(maxima[0]); i++) {
		ins = find(maxima[i].code);
		max = 0;
		for (j = 0; j < ins->nitems; j++)
			max += ins->items[j].choices[ins->items[j].nchoices - 1].value;
		assert_int_equal(max, maxima[i].max);
	}
}

/* ---- PHQ-9 --------------------------------------------------------------- */

static void
phq9_item9_flags_whatever_the_total(void **state)
{
	static const int v[9] = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct instrument_result r;
	struct answers a = ints(9, v);
	struct error e;

	(void)state;
	assert_int_equal(run("phq9", &a, NULL, &r, &e), ERR_OK);
	assert_int_equal(score_of(&r, "total"), 1);
	assert_string_equal(r.band, "minimal");
	assert_int_equal(r.nflags, 1);
	assert_string_equal(r.flags[0].code, "suicide_risk");
	assert_true(r.flags[0].message[0] != '\0');
	assert_true(r.alert);

	/* Item 9 at its highest, the rest at zero: still the one flag. */
	a.a[8].ival = 3;
	assert_int_equal(run("phq9", &a, NULL, &r, &e), ERR_OK);
	assert_int_equal(score_of(&r, "total"), 3);
	assert_true(has_flag(&r, "suicide_risk"));
	assert_true(r.alert);
}

static void
phq9_no_flag_when_item9_is_zero(void **state)
{
	static const int v[9] = { 3, 3, 3, 3, 3, 3, 3, 3, 0 };
	struct instrument_result r;
	struct answers a = ints(9, v);
	struct error e;

	(void)state;
	assert_int_equal(run("phq9", &a, NULL, &r, &e), ERR_OK);
	assert_int_equal(score_of(&r, "total"), 24);
	assert_string_equal(r.band, "severe");
	assert_int_equal(r.nflags, 0);
	assert_false(r.alert);
	assert_int_equal(r.nscores, 1);
}

/* ---- AUDIT and AUDIT-C --------------------------------------------------- */

static void
audit_items_9_and_10_take_only_0_2_4(void **state)
{
	static const int v[10] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 3 };
	struct instrument_result r;
	struct answers a = ints(10, v);
	struct error e;
	int ok[3] = { 0, 2, 4 }, i;

	(void)state;
	assert_int_equal(run("audit", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.code, ERR_INVALID);
	assert_int_equal(e.nfields, 2);
	assert_string_equal(field_msg(&e, "item_9"), "must be one of 0, 2, 4");
	assert_string_equal(field_msg(&e, "item_10"), "must be one of 0, 2, 4");
	assert_int_equal(r.nscores, 0);

	for (i = 0; i < 3; i++) {
		a.a[8].ival = ok[i];
		a.a[9].ival = ok[i];
		assert_int_equal(run("audit", &a, NULL, &r, &e), ERR_OK);
		assert_int_equal(score_of(&r, "total"), 2 * ok[i]);
	}

	/* Items 1-8 take 0-4, so 5 is refused there too. */
	a.a[0].ival = 5;
	assert_int_equal(run("audit", &a, NULL, &r, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "item_1"), "must be one of 0, 1, 2, 3, 4");
}

static void
auditc_cutoffs(void **state)
{
	static const struct {
		const char *sex;
		int total, cutoff;
		const char *band;
	} cases[] = {
		{ "male", 0, 4, "negative" }, { "male", 3, 4, "negative" },
		{ "male", 4, 4, "positive" }, { "male", 12, 4, "positive" },
		{ "female", 0, 3, "negative" }, { "female", 2, 3, "negative" },
		{ "female", 3, 3, "positive" }, { "female", 12, 3, "positive" },
		/* Anyone else or unknown: the more sensitive cut-off. */
		{ NULL, 2, 3, "negative" }, { NULL, 3, 3, "positive" },
		{ "", 3, 3, "positive" }, { "intersex", 2, 3, "negative" },
		{ "intersex", 3, 3, "positive" }, { "unknown", 3, 3, "positive" },
		{ "Male", 3, 3, "positive" },
	};
	const struct instrument *ins = find("auditc");
	struct instrument_result r;
	struct answers a;
	struct error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = rated_total(ins, cases[i].total);
		assert_int_equal(run("auditc", &a, cases[i].sex, &r, &e), ERR_OK);
		assert_int_equal(r.nscores, 2);
		assert_int_equal(score_of(&r, "total"), cases[i].total);
		assert_int_equal(score_of(&r, "cutoff"), cases[i].cutoff);
		assert_string_equal(r.band, cases[i].band);
		assert_false(r.alert);
	}
}

/* ---- DAST-10 ------------------------------------------------------------- */

/* Answers scoring total: items 1..total score a point (item 3 by a "no"). */
static struct answers
dast_total(int total)
{
	bool v[10];
	int i;

	for (i = 0; i < 10; i++) {
		bool point = i < total;

		v[i] = i == 2 ? !point : point;
	}
	return bools(10, v);
}

static void
dast10_item3_is_reverse_scored(void **state)
{
	bool none[10] = { false }, all[10];
	struct instrument_result r;
	struct answers a;
	struct error e;
	int i;

	(void)state;
	for (i = 0; i < 10; i++)
		all[i] = true;

	/* All "no": item 3's "no" scores. */
	a = bools(10, none);
	assert_int_equal(run("dast10", &a, NULL, &r, &e), ERR_OK);
	assert_int_equal(score_of(&r, "total"), 1);
	assert_string_equal(r.band, "low");

	/* All "yes": item 3's "yes" does not. */
	a = bools(10, all);
	assert_int_equal(run("dast10", &a, NULL, &r, &e), ERR_OK);
	assert_int_equal(score_of(&r, "total"), 9);
	assert_string_equal(r.band, "severe");

	/* Only item 3 answered "yes": nothing scores. */
	a = bools(10, none);
	a.a[2].bval = true;
	assert_int_equal(run("dast10", &a, NULL, &r, &e), ERR_OK);
	assert_int_equal(score_of(&r, "total"), 0);
	assert_string_equal(r.band, "none");
}

static void
dast10_band_edges(void **state)
{
	static const struct edge edges[] = {
		{ 0, "none" }, { 1, "low" }, { 2, "low" }, { 3, "moderate" },
		{ 5, "moderate" }, { 6, "substantial" }, { 8, "substantial" },
		{ 9, "severe" }, { 10, "severe" },
	};
	struct instrument_result r;
	struct answers a;
	struct error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		a = dast_total(edges[i].total);
		assert_int_equal(run("dast10", &a, NULL, &r, &e), ERR_OK);
		assert_int_equal(score_of(&r, "total"), edges[i].total);
		assert_string_equal(r.band, edges[i].band);
		assert_int_equal(r.nflags, 0);
	}
}

static void
dast10_refuses_numbers_and_null(void **state)
{
	bool v[10] = { false };
	struct instrument_result r;
	struct answers a = bools(10, v);
	struct error e;

	(void)state;
	answer_set_wrong_kind(&a.a[0]);
	a.a[6].is_null = true;
	assert_int_equal(run("dast10", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 2);
	assert_string_equal(field_msg(&e, "item_1"), "must be true or false");
	assert_string_equal(field_msg(&e, "item_7"), "must be true or false");
}

/* ---- C-SSRS screener ----------------------------------------------------- */

enum { Q1, Q2, Q3, Q4, Q5, Q6_LIFE, Q6_RECENT };

/* All seven answered; yes to the items in mask (bit i = a[i]). */
static struct answers
cssrs(unsigned mask)
{
	bool v[7];
	int i;

	for (i = 0; i < 7; i++)
		v[i] = (mask >> i) & 1u;
	return bools(7, v);
}

static void
cssrs_four_levels(void **state)
{
	static const struct {
		unsigned yes;
		const char *band;
		int total;
	} cases[] = {
		{ 0, "none", 0 },
		{ 1u << Q1, "low", 1 },
		{ 1u << Q2, "low", 1 },
		{ 1u << Q1 | 1u << Q2, "low", 2 },
		{ 1u << Q2 | 1u << Q3, "moderate", 2 },
		{ 1u << Q6_LIFE, "moderate", 1 },
		{ 1u << Q1 | 1u << Q6_LIFE, "moderate", 2 },
		{ 1u << Q2 | 1u << Q4, "high", 2 },
		{ 1u << Q2 | 1u << Q5, "high", 2 },
		{ 1u << Q6_LIFE | 1u << Q6_RECENT, "high", 2 },
		{ 0x7fu, "high", 7 },
	};
	struct instrument_result r;
	struct answers a;
	struct error e;
	size_t i;
	bool high;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = cssrs(cases[i].yes);
		assert_int_equal(run("cssrs_screener", &a, NULL, &r, &e), ERR_OK);
		assert_string_equal(r.band, cases[i].band);
		assert_int_equal(score_of(&r, "total"), cases[i].total);
		high = strcmp(cases[i].band, "high") == 0;
		assert_int_equal(r.alert, high);
		assert_int_equal(r.nflags, high ? 1 : 0);
		assert_int_equal(has_flag(&r, "immediate_evaluation"), high);
	}
}

static void
cssrs_q3_to_q5_may_be_left_out_when_q2_is_no(void **state)
{
	struct instrument_result r;
	struct answers a;
	struct error e;

	(void)state;
	a = cssrs(1u << Q1);
	a.a[Q3].present = false;
	a.a[Q4].present = false;
	a.a[Q5].present = false;
	assert_int_equal(run("cssrs_screener", &a, NULL, &r, &e), ERR_OK);
	assert_string_equal(r.band, "low");
	assert_int_equal(score_of(&r, "total"), 1);

	/* Left out, with recent behaviour: still high. */
	a.a[Q6_LIFE].bval = true;
	a.a[Q6_RECENT].bval = true;
	assert_int_equal(run("cssrs_screener", &a, NULL, &r, &e), ERR_OK);
	assert_string_equal(r.band, "high");
	assert_true(r.alert);
}

static void
cssrs_q3_to_q5_are_required_when_q2_is_yes(void **state)
{
	struct instrument_result r;
	struct answers a;
	struct error e;

	(void)state;
	a = cssrs(1u << Q2);
	a.a[Q3].present = false;
	a.a[Q4].present = false;
	a.a[Q5].present = false;
	assert_int_equal(run("cssrs_screener", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 3);
	assert_string_equal(field_msg(&e, "item_3"), "is required");
	assert_string_equal(field_msg(&e, "item_4"), "is required");
	assert_string_equal(field_msg(&e, "item_5"), "is required");

	/* One left out is still refused. */
	a = cssrs(1u << Q2);
	a.a[Q4].present = false;
	assert_int_equal(run("cssrs_screener", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_msg(&e, "item_4"), "is required");
}

static void
cssrs_refuses_missing_extra_and_wrong_kind(void **state)
{
	struct instrument_result r;
	struct answers a;
	struct error e;

	(void)state;
	/* q1 and q6_past_3_months are never optional; an unknown key is extra. */
	a = cssrs(0);
	a.a[Q1].present = false;
	a.a[Q6_RECENT].present = false;
	a.n = 8;
	a.a[7].present = true;
	answer_set_wrong_kind(&a.a[Q6_LIFE]);
	assert_int_equal(run("cssrs_screener", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 4);
	assert_string_equal(field_msg(&e, "item_1"), "is required");
	assert_string_equal(field_msg(&e, "item_6"), "must be true or false");
	assert_string_equal(field_msg(&e, "item_7"), "is required");
	assert_string_equal(field_msg(&e, "item_8"), "is not an item of this instrument");

	/* q2 itself missing: only q2 is named, not q3-q5 that were left out. */
	a = cssrs(0);
	a.a[Q2].present = false;
	a.a[Q3].present = false;
	assert_int_equal(run("cssrs_screener", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_msg(&e, "item_2"), "is required");
}

/* ---- BAM ----------------------------------------------------------------- */

/*
 * A BAM with use, risk and protective at the given values: use on item 4,
 * risk spread over items 1, 2, 3, 8, 11, 15, protective over 9, 10, 12, 13,
 * 16 and item 14 (income: 0 or 4).  Item 7 is null, item 17 is 4 (unscored).
 */
static struct answers
bam(int use, int risk, int protective)
{
	static const int risk_items[] = { 1, 2, 3, 8, 11, 15 };
	static const int prot_items[] = { 9, 10, 12, 13, 16 };
	struct answers a;
	int i, v;

	memset(&a, 0, sizeof(a));
	a.n = 17;
	for (i = 0; i < 17; i++)
		a.a[i].present = true;
	a.a[6].is_null = true;
	a.a[16].ival = 4;
	a.a[3].ival = use;
	for (i = 0; i < 6; i++) {
		v = risk > 4 ? 4 : risk;
		a.a[risk_items[i] - 1].ival = v;
		risk -= v;
	}
	if (protective >= 4) {
		a.a[13].ival = 4;
		protective -= 4;
	}
	for (i = 0; i < 5; i++) {
		v = protective > 4 ? 4 : protective;
		a.a[prot_items[i] - 1].ival = v;
		protective -= v;
	}
	assert_int_equal(risk, 0);
	assert_int_equal(protective, 0);
	return a;
}

static void
bam_subscale_edges(void **state)
{
	static const struct {
		int use, risk, protective;
		const char *band;
	} cases[] = {
		{ 0, 11, 13, "none" },
		{ 1, 11, 13, "use" },
		{ 0, 12, 13, "risk" },
		{ 0, 11, 12, "protective" },
		{ 1, 12, 13, "use risk" },
		{ 1, 11, 12, "use protective" },
		{ 0, 12, 12, "risk protective" },
		{ 1, 12, 12, "use risk protective" },
		{ 0, 0, 24, "none" },
		{ 4, 24, 0, "use risk protective" },
	};
	struct instrument_result r;
	struct answers a;
	struct error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = bam(cases[i].use, cases[i].risk, cases[i].protective);
		assert_int_equal(run("bam", &a, NULL, &r, &e), ERR_OK);
		assert_int_equal(r.nscores, 3);
		assert_int_equal(score_of(&r, "total"), -1);
		assert_int_equal(score_of(&r, "use"), cases[i].use);
		assert_int_equal(score_of(&r, "risk"), cases[i].risk);
		assert_int_equal(score_of(&r, "protective"), cases[i].protective);
		assert_string_equal(r.band, cases[i].band);
		assert_int_equal(r.nflags, 0);
	}
}

static void
bam_use_sums_items_4_5_6(void **state)
{
	struct instrument_result r;
	struct answers a = bam(0, 0, 24);
	struct error e;

	(void)state;
	a.a[3].ival = 4;
	a.a[4].ival = 4;
	a.a[5].ival = 4;
	assert_int_equal(run("bam", &a, NULL, &r, &e), ERR_OK);
	assert_int_equal(score_of(&r, "use"), 12);
	assert_string_equal(r.band, "use");

	a.a[3].ival = 0;
	a.a[4].ival = 0;
	a.a[5].ival = 1;
	assert_int_equal(run("bam", &a, NULL, &r, &e), ERR_OK);
	assert_int_equal(score_of(&r, "use"), 1);
	assert_string_equal(r.band, "use");
}

static void
bam_item7_is_a_list_or_null_and_unscored(void **state)
{
	struct instrument_result r;
	struct answers a = bam(0, 11, 13);
	struct error e;

	(void)state;
	/* A list of two substances: accepted, changes no score. */
	a.a[6].is_null = false;
	a.a[6].nstrings = 2;
	assert_int_equal(run("bam", &a, NULL, &r, &e), ERR_OK);
	assert_string_equal(r.band, "none");
	assert_int_equal(score_of(&r, "use"), 0);

	/* An empty list is a list. */
	a.a[6].nstrings = 0;
	assert_int_equal(run("bam", &a, NULL, &r, &e), ERR_OK);

	/* Item 17 is not scored: 0 or 4 changes nothing. */
	a.a[16].ival = 0;
	assert_int_equal(run("bam", &a, NULL, &r, &e), ERR_OK);
	assert_int_equal(score_of(&r, "risk"), 11);
	assert_int_equal(score_of(&r, "protective"), 13);

	/* A number where the list goes, or item 7 left out. */
	answer_set_wrong_kind(&a.a[6]);
	assert_int_equal(run("bam", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_msg(&e, "item_7"), "must be a list of strings or null");
	a.a[6].present = false;
	assert_int_equal(run("bam", &a, NULL, &r, &e), ERR_INVALID);
	assert_string_equal(field_msg(&e, "item_7"), "is required");
}

static void
bam_item14_takes_only_no_or_yes(void **state)
{
	struct instrument_result r;
	struct answers a = bam(0, 0, 24);
	struct error e;

	(void)state;
	a.a[13].ival = 2;
	a.a[16].ival = 5;
	assert_int_equal(run("bam", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 2);
	assert_string_equal(field_msg(&e, "item_14"), "must be one of 0, 4");
	assert_string_equal(field_msg(&e, "item_17"), "must be one of 0, 1, 2, 3, 4");
}

/* ---- CIWA-Ar and COWS ---------------------------------------------------- */

static void
ciwa_ar_orientation_is_0_to_4(void **state)
{
	static const int v[10] = { 7, 7, 7, 7, 7, 7, 7, 7, 7, 5 };
	struct instrument_result r;
	struct answers a = ints(10, v);
	struct error e;

	(void)state;
	assert_int_equal(run("ciwa_ar", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_msg(&e, "item_10"), "must be one of 0, 1, 2, 3, 4");

	a.a[9].ival = 4;
	a.a[0].ival = 8;
	a.a[1].ival = -1;
	assert_int_equal(run("ciwa_ar", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 2);
	assert_string_equal(field_msg(&e, "item_1"), "must be one of 0, 1, 2, 3, 4, 5, 6, 7");
	assert_string_equal(field_msg(&e, "item_2"), "must be one of 0, 1, 2, 3, 4, 5, 6, 7");
}

static void
cows_refuses_values_outside_each_items_set(void **state)
{
	/* For each item, a value in 0..5 that its scale does not have. */
	static const int bad[11] = { 3, 5, 2, 3, 3, 3, 4, 3, 3, 3, 1 };
	static const char *const allowed[11] = {
		"0, 1, 2, 4", "0, 1, 2, 3, 4", "0, 1, 3, 5", "0, 1, 2, 5",
		"0, 1, 2, 4", "0, 1, 2, 4", "0, 1, 2, 3, 5", "0, 1, 2, 4",
		"0, 1, 2, 4", "0, 1, 2, 4", "0, 3, 5",
	};
	struct instrument_result r;
	struct answers a = ints(11, bad);
	struct error e;
	char field[16], msg[64];
	int i;

	(void)state;
	assert_int_equal(run("cows", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 11);
	for (i = 0; i < 11; i++) {
		snprintf(field, sizeof(field), "item_%d", i + 1);
		snprintf(msg, sizeof(msg), "must be one of %s", allowed[i]);
		assert_non_null(field_msg(&e, field));
		assert_string_equal(field_msg(&e, field), msg);
	}
}

/* ---- Refused answers ----------------------------------------------------- */

static void
refuses_missing_answers(void **state)
{
	static const int v[9] = { 1, 1, 1, 1, 1, 1, 1 };
	struct instrument_result r;
	struct answers a = ints(7, v);
	struct error e;

	(void)state;
	assert_int_equal(run("phq9", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 2);
	assert_string_equal(field_msg(&e, "item_8"), "is required");
	assert_string_equal(field_msg(&e, "item_9"), "is required");
	assert_int_equal(r.nscores, 0);
	assert_string_equal(r.band, "");

	/* None at all: every item named. */
	a.n = 0;
	assert_int_equal(run("gad7", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 7);
	assert_string_equal(field_msg(&e, "item_1"), "is required");
	assert_string_equal(field_msg(&e, "item_7"), "is required");
}

static void
refuses_extra_answers(void **state)
{
	static const int v[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct instrument_result r;
	struct answers a = ints(12, v);
	struct error e;

	(void)state;
	assert_int_equal(run("phq9", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 3);
	assert_null(field_msg(&e, "item_9"));
	assert_string_equal(field_msg(&e, "item_10"), "is not an item of this instrument");
	assert_string_equal(field_msg(&e, "item_11"), "is not an item of this instrument");
	assert_string_equal(field_msg(&e, "item_12"), "is not an item of this instrument");

	a.n = 4;
	assert_int_equal(run("auditc", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(field_msg(&e, "item_4"), "is not an item of this instrument");
}

static void
refuses_every_bad_answer_at_once(void **state)
{
	static const int v[10] = { 0, 0, 0, 4, 0, 0, 0, 0, 0, 0 };
	struct instrument_result r;
	struct answers a = ints(10, v);
	struct error e;

	(void)state;
	answer_set_wrong_kind(&a.a[1]);		/* item 2: a string, say */
	a.a[4].is_null = true;			/* item 5: null */
	a.a[5].present = false;			/* item 6: left out */
	a.a[3].ival = 4;			/* item 4: out of range */
	a.a[6].ival = -1;			/* item 7: negative */
	/* item 10: extra */
	assert_int_equal(run("phq9", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.code, ERR_INVALID);
	assert_int_equal(e.nfields, 6);
	assert_string_equal(field_msg(&e, "item_2"), "must be one of 0, 1, 2, 3");
	assert_string_equal(field_msg(&e, "item_4"), "must be one of 0, 1, 2, 3");
	assert_string_equal(field_msg(&e, "item_5"), "must be one of 0, 1, 2, 3");
	assert_string_equal(field_msg(&e, "item_6"), "is required");
	assert_string_equal(field_msg(&e, "item_7"), "must be one of 0, 1, 2, 3");
	assert_string_equal(field_msg(&e, "item_10"), "is not an item of this instrument");
	assert_null(field_msg(&e, "item_1"));
	assert_int_equal(r.nflags, 0);
	assert_false(r.alert);
}

static void
refuses_huge_values(void **state)
{
	static const int v[7] = { 0, 0, 0, 0, 0, 0, 0 };
	struct instrument_result r;
	struct answers a = ints(7, v);
	struct error e;

	(void)state;
	a.a[0].ival = INT64_MAX;
	a.a[1].ival = INT64_MIN;
	a.a[2].ival = (int64_t)1 << 32;		/* 0 if cut to 32 bits */
	assert_int_equal(run("gad7", &a, NULL, &r, &e), ERR_INVALID);
	assert_int_equal(e.nfields, 3);
	assert_non_null(field_msg(&e, "item_1"));
	assert_non_null(field_msg(&e, "item_2"));
	assert_non_null(field_msg(&e, "item_3"));
}

/* Voiding a screening entered in error: a reason, once. */
static void
void_needs_a_reason_and_happens_once(void **state)
{
	struct screening_row s;
	struct error e;
	char long_reason[SCREENING_VOID_REASON_MAX + 2];

	(void)state;
	memset(&s, 0, sizeof s);
	memset(long_reason, 'x', sizeof long_reason - 1);
	long_reason[sizeof long_reason - 1] = '\0';
	error_clear(&e);
	assert_int_equal(screening_void_check(&s, "", &e), ERR_INVALID);
	assert_string_equal(e.fields[0].name, "reason");
	error_clear(&e);
	assert_int_equal(screening_void_check(&s, "  ", &e), ERR_INVALID);
	error_clear(&e);
	assert_int_equal(screening_void_check(&s, long_reason, &e), ERR_INVALID);
	error_clear(&e);
	assert_int_equal(screening_void_check(&s, "Entered on the wrong client", &e), ERR_OK);
	s.voided_at = 1;
	assert_int_equal(screening_void_check(&s, "Entered twice", &e), ERR_CONFLICT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(void_needs_a_reason_and_happens_once),
		cmocka_unit_test(registry_lists_the_nine_codes_in_order),
		cmocka_unit_test(registry_unknown_code_is_null),
		cmocka_unit_test(registry_items_are_well_formed),
		cmocka_unit_test(phq9_band_edges),
		cmocka_unit_test(gad7_band_edges),
		cmocka_unit_test(audit_zone_edges),
		cmocka_unit_test(ciwa_ar_band_edges),
		cmocka_unit_test(cows_band_edges),
		cmocka_unit_test(maxima_are_the_sum_of_the_highest_answers),
		cmocka_unit_test(phq9_item9_flags_whatever_the_total),
		cmocka_unit_test(phq9_no_flag_when_item9_is_zero),
		cmocka_unit_test(audit_items_9_and_10_take_only_0_2_4),
		cmocka_unit_test(auditc_cutoffs),
		cmocka_unit_test(dast10_item3_is_reverse_scored),
		cmocka_unit_test(dast10_band_edges),
		cmocka_unit_test(dast10_refuses_numbers_and_null),
		cmocka_unit_test(cssrs_four_levels),
		cmocka_unit_test(cssrs_q3_to_q5_may_be_left_out_when_q2_is_no),
		cmocka_unit_test(cssrs_q3_to_q5_are_required_when_q2_is_yes),
		cmocka_unit_test(cssrs_refuses_missing_extra_and_wrong_kind),
		cmocka_unit_test(bam_subscale_edges),
		cmocka_unit_test(bam_use_sums_items_4_5_6),
		cmocka_unit_test(bam_item7_is_a_list_or_null_and_unscored),
		cmocka_unit_test(bam_item14_takes_only_no_or_yes),
		cmocka_unit_test(ciwa_ar_orientation_is_0_to_4),
		cmocka_unit_test(cows_refuses_values_outside_each_items_set),
		cmocka_unit_test(refuses_missing_answers),
		cmocka_unit_test(refuses_extra_answers),
		cmocka_unit_test(refuses_every_bad_answer_at_once),
		cmocka_unit_test(refuses_huge_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

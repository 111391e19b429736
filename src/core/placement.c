/*
 * placement.c — the levels of care, the default placement table, and the
 * recommendation drawn from a six-dimension assessment.
 *
 * Everything clinical here is data: the level table, the placement table
 * and the forcing flags.  The only rule in code is that the most intensive
 * implied level wins — ratings are never averaged — and that the reasons
 * name what set the level.  The wording is openiop's own; it does not
 * reproduce any published criteria's text.  This file must not read the
 * clock, allocate, log, or put a note's content into a message.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/placement.h"
#include "core/validate.h"

static const struct level levels[] = {
	{ "0.5", "early intervention", 0 },
	{ "1", "outpatient care", 1 },
	{ "2.1", "intensive outpatient care", 2 },
	{ "2.5", "partial hospitalisation", 3 },
	{ "3.1", "low-intensity residential care", 4 },
	{ "3.3", "medium-intensity residential care", 5 },
	{ "3.5", "high-intensity residential care", 6 },
	{ "3.7", "medically monitored inpatient care", 7 },
	{ "4", "medically managed inpatient care", 8 },
};

#define NLEVELS (sizeof(levels) / sizeof(levels[0]))

static const char *const dim_names[DIM__MAX] = {
	[DIM_1] = "intoxication and withdrawal",
	[DIM_2] = "biomedical conditions",
	[DIM_3] = "emotional, behavioural or cognitive conditions",
	[DIM_4] = "readiness to change",
	[DIM_5] = "relapse or continued-use potential",
	[DIM_6] = "recovery environment",
};

static const char *const dim_codes[DIM__MAX] = {
	[DIM_1] = "d1", [DIM_2] = "d2", [DIM_3] = "d3",
	[DIM_4] = "d4", [DIM_5] = "d5", [DIM_6] = "d6",
};

static const char *const rating_words[PLACEMENT_RATING_MAX + 1] = {
	"none", "mild", "moderate", "serious", "severe",
};

const struct placement_table placement_default = {
	.edition = "openiop default (six dimensions, 3rd-edition level numbering)",
	.min_level = {
		/*          0     1     2      3      4 */
		[DIM_1] = { "1", "1", "2.1", "3.7", "4" },
		[DIM_2] = { "1", "1", "2.1", "3.7", "4" },
		[DIM_3] = { "1", "1", "2.1", "2.5", "4" },
		[DIM_4] = { "1", "1", "1", "2.1", "2.1" },
		[DIM_5] = { "1", "1", "2.1", "2.5", "3.5" },
		[DIM_6] = { "1", "1", "2.1", "2.5", "3.5" },
	},
	.remark = {
		[DIM_1] = { [2] = "with withdrawal managed as an outpatient with monitoring" },
	},
	.flags = {
		{ "withdrawal_medical", "Needs medically monitored withdrawal", "3.7", false },
		{ "supervision_24h", "Needs 24-hour supervision", "3.5", false },
		{ "acute_risk", "Acute risk of harm to self or others", "4", true },
		{ "unstable_cooccurring", "Unstable co-occurring condition", "2.5", false },
	},
};

size_t
level_count(void)
{
	return NLEVELS;
}

const struct level *
level_at(size_t i)
{
	return i < NLEVELS ? &levels[i] : NULL;
}

const struct level *
level_find(const char *code)
{
	size_t i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < NLEVELS; i++)
		if (strcmp(code, levels[i].code) == 0)
			return &levels[i];
	return NULL;
}

const char *
dim_name(enum dim d)
{
	return (unsigned)d < DIM__MAX ? dim_names[d] : "";
}

const char *
dim_code(enum dim d)
{
	return (unsigned)d < DIM__MAX ? dim_codes[d] : "";
}

const char *
placement_rating_word(int rating)
{
	if (rating < 0 || rating > PLACEMENT_RATING_MAX)
		return "";
	return rating_words[rating];
}

/* A flag code: 1-32 of a-z, 0-9 and _, starting with a letter. */
static bool
flag_code_ok(const char *c)
{
	size_t i;

	if (c == NULL || c[0] < 'a' || c[0] > 'z')
		return false;
	for (i = 0; c[i] != '\0'; i++)
		if (i >= 32 || !((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' && c[i] <= '9') ||
		    c[i] == '_'))
			return false;
	return true;
}

enum err
placement_table_check(const struct placement_table *t, struct error *e)
{
	const struct level *lv, *prev;
	const char *msg;
	char name[40];
	bool bad = false;
	int d, r, i, k;

	if (t->edition != NULL && (msg = check_text(t->edition, PLACEMENT_EDITION_MAX, true,
	    false)) != NULL) {
		bad = true;
		error_field(e, "edition", "%s", msg);
	}
	for (d = 0; d < DIM__MAX; d++) {
		prev = NULL;
		for (r = 0; r <= PLACEMENT_RATING_MAX; r++) {
			lv = level_find(t->min_level[d][r]);
			snprintf(name, sizeof(name), "min_level.%s.%d", dim_codes[d], r);
			if (lv == NULL) {
				bad = true;
				error_field(e, name, "must be a known level of care");
			} else if (prev != NULL && lv->rank < prev->rank) {
				bad = true;
				error_field(e, name, "must not be less intensive than the level for "
				    "a rating of %d (%s)", r - 1, prev->code);
			}
			if (lv != NULL)
				prev = lv;
			msg = check_text(t->remark[d][r], PLACEMENT_REMARK_MAX, false, false);
			if (msg != NULL) {
				bad = true;
				snprintf(name, sizeof(name), "remarks.%s.%d", dim_codes[d], r);
				error_field(e, name, "%s", msg);
			}
		}
	}
	for (i = 0; i < PLACEMENT_FLAGS_MAX; i++) {
		const struct placement_flag *f = &t->flags[i];

		if (f->code == NULL)
			continue;
		snprintf(name, sizeof(name), "flags.%d.code", i);
		if (!flag_code_ok(f->code)) {
			bad = true;
			error_field(e, name, "must be 1 to 32 of a-z, 0-9 and _, starting with "
			    "a letter");
		}
		for (k = 0; k < i; k++) {
			if (t->flags[k].code != NULL && strcmp(t->flags[k].code, f->code) == 0) {
				bad = true;
				error_field(e, name, "is used by another flag");
				break;
			}
		}
		if ((msg = check_text(f->label, PLACEMENT_LABEL_MAX, true, false)) != NULL) {
			bad = true;
			snprintf(name, sizeof(name), "flags.%d.label", i);
			error_field(e, name, "%s", msg);
		}
		if (level_find(f->min_level) == NULL) {
			bad = true;
			snprintf(name, sizeof(name), "flags.%d.min_level", i);
			error_field(e, name, "must be a known level of care");
		}
	}
	return bad ? ERR_INVALID : ERR_OK;
}

/* The bits of the flags t defines. */
static unsigned
known_flags(const struct placement_table *t)
{
	unsigned bits = 0;
	int i;

	for (i = 0; i < PLACEMENT_FLAGS_MAX; i++)
		if (t->flags[i].code != NULL)
			bits |= 1u << i;
	return bits;
}

/* The most intensive level in the level table. */
static int
top_rank(void)
{
	int top = levels[0].rank;
	size_t i;

	for (i = 1; i < NLEVELS; i++)
		if (levels[i].rank > top)
			top = levels[i].rank;
	return top;
}

/* "at least partial hospitalisation (2.5)", or without "at least" for the
 * most intensive level, where it would say nothing. */
static void
level_phrase(char *buf, size_t len, const struct level *lv)
{
	snprintf(buf, len, "%s%s (%s)", lv->rank == top_rank() ? "" : "at least ",
	    lv->name, lv->code);
}

static void
add_reason(struct placement_result *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add_reason(struct placement_result *out, const char *fmt, ...)
{
	va_list ap;
	char *r;

	if (out->nreasons >= PLACEMENT_REASONS_MAX)
		return;
	r = out->reasons[out->nreasons++];
	va_start(ap, fmt);
	if (vsnprintf(r, PLACEMENT_REASON_LEN, fmt, ap) < 0)
		r[0] = '\0';
	va_end(ap);
}

/* Report every bad field of in; true when all is well. */
static bool
input_check(const struct placement_table *t, const struct placement_input *in,
    struct error *e)
{
	char name[32];
	const char *msg;
	bool ok = true;
	int d;

	for (d = 0; d < DIM__MAX; d++) {
		if (in->ratings[d] < 0 || in->ratings[d] > PLACEMENT_RATING_MAX) {
			ok = false;
			snprintf(name, sizeof(name), "ratings.%s", dim_codes[d]);
			error_field(e, name, "must be a whole number from 0 to 4");
		}
		msg = check_text(in->notes[d], PLACEMENT_NOTE_MAX, false, true);
		if (msg != NULL) {
			ok = false;
			snprintf(name, sizeof(name), "notes.%s", dim_codes[d]);
			error_field(e, name, "%s", msg);
		}
	}
	if ((in->flags & ~known_flags(t)) != 0) {
		ok = false;
		error_field(e, "flags", "includes a flag the placement table does not know");
	}
	return ok;
}

enum err
placement_recommend(const struct placement_table *t,
    const struct placement_input *in, struct placement_result *out,
    struct error *e)
{
	const struct level *dl[DIM__MAX], *fl[PLACEMENT_FLAGS_MAX], *best, *lv;
	char dname[64], phrase[120];
	bool flag_sets = false, ok;
	int d, i, r, floor_rank;

	assert(t != NULL && in != NULL && out != NULL);
	memset(out, 0, sizeof(*out));
	ok = input_check(t, in, e);
	if (placement_table_check(t, e) != ERR_OK)
		ok = false;
	if (!ok)
		return ERR_INVALID;

	/* The most intensive of the implied levels: never an average. */
	best = NULL;
	floor_rank = -1;
	for (d = 0; d < DIM__MAX; d++) {
		dl[d] = level_find(t->min_level[d][in->ratings[d]]);
		if (best == NULL || dl[d]->rank > best->rank)
			best = dl[d];
		lv = level_find(t->min_level[d][0]);
		if (lv->rank > floor_rank)
			floor_rank = lv->rank;
	}
	for (i = 0; i < PLACEMENT_FLAGS_MAX; i++) {
		fl[i] = NULL;
		if ((in->flags & (1u << i)) == 0)
			continue;
		fl[i] = level_find(t->flags[i].min_level);
		if (fl[i]->rank > best->rank)
			best = fl[i];
		if (t->flags[i].safety_response)
			out->safety_response = true;
	}
	out->recommended = best->code;

	for (i = 0; i < PLACEMENT_FLAGS_MAX; i++)
		if (fl[i] != NULL && fl[i]->rank == best->rank)
			flag_sets = true;
	if (!flag_sets && best->rank <= floor_rank) {
		add_reason(out, "No dimension calls for more than %s (%s).",
		    best->name, best->code);
		return ERR_OK;
	}

	level_phrase(phrase, sizeof(phrase), best);
	for (d = 0; d < DIM__MAX; d++) {
		if (dl[d]->rank != best->rank)
			continue;
		r = in->ratings[d];
		snprintf(dname, sizeof(dname), "%s", dim_names[d]);
		if (dname[0] >= 'a' && dname[0] <= 'z')
			dname[0] = (char)(dname[0] - 'a' + 'A');
		add_reason(out, "%s rated %d (%s): %s%s%s.", dname, r,
		    rating_words[r], phrase,
		    t->remark[d][r] != NULL ? ", " : "",
		    t->remark[d][r] != NULL ? t->remark[d][r] : "");
	}
	for (i = 0; i < PLACEMENT_FLAGS_MAX; i++) {
		if (fl[i] == NULL || fl[i]->rank != best->rank)
			continue;
		add_reason(out, "%s: %s%s.", t->flags[i].label, phrase,
		    t->flags[i].safety_response ?
		    " and an immediate safety response" : "");
	}
	return ERR_OK;
}

enum err
placement_choose(const struct placement_result *rec, const char *chosen_level,
    const char *reason, struct error *e)
{
	const struct level *chosen;
	const char *msg;
	bool bad = false;

	assert(rec != NULL);
	chosen = level_find(chosen_level);
	if (chosen == NULL) {
		bad = true;
		error_field(e, "chosen_level", "%s", text_blank(chosen_level) ?
		    "is required" : "must be one of the levels of care");
	}
	if (chosen != NULL && chosen != level_find(rec->recommended) &&
	    text_blank(reason)) {
		bad = true;
		error_field(e, "override_reason",
		    "is required when the level chosen differs from the one recommended");
	}
	msg = check_text(reason, PLACEMENT_OVERRIDE_MAX, false, true);
	if (msg != NULL) {
		bad = true;
		error_field(e, "override_reason", "%s", msg);
	}
	return bad ? ERR_INVALID : ERR_OK;
}

bool
placement_flag_parse(const struct placement_table *t, const char *code,
    unsigned *bit)
{
	int i;

	if (t == NULL || code == NULL)
		return false;
	for (i = 0; i < PLACEMENT_FLAGS_MAX; i++) {
		if (t->flags[i].code != NULL && strcmp(t->flags[i].code, code) == 0) {
			if (bit != NULL)
				*bit = 1u << i;
			return true;
		}
	}
	return false;
}

enum err
placement_version_check(int64_t seen, int64_t current, bool for_record, struct error *e)
{
	if (seen == current)
		return ERR_OK;
	if (for_record)
		return error_set(e, ERR_CONFLICT, "The placement table was changed while this "
		    "assessment was being saved, so its recommendation may differ. Review the "
		    "recommendation and save again.");
	return error_set(e, ERR_CONFLICT, "The placement table was changed by someone "
	    "else (now version %lld) since version %lld was opened; nothing was saved. "
	    "Load their version and make the change on it.", (long long)current,
	    (long long)seen);
}

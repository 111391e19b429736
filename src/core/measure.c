/*
 * measure.c — the repeatable instruments, their schedule and the worsening
 * rule (measure.h).  Pure.
 *
 * The bands repeat instrument.c's (DOMAIN.md "Instruments") for the score
 * each measure tracks, so that the chart can draw them.  The default
 * worsening thresholds: PHQ-9 5 points (the reliable change of the PHQ-9
 * literature, Kroenke 2001 / McMillan 2010), GAD-7 5 points (its reliable
 * change, Toussaint 2020 ~4-5), BAM use score (0-12: items 4-6) 2 points
 * (a step up on two of the three use questions, or two steps on one, in
 * the 30 days asked about; any use already shows as a BAM flag).
 */
#include <stdio.h>
#include <string.h>

#include "core/measure.h"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

static const struct measure_band phq9_bands[] = {
	{ 0, "minimal" }, { 5, "mild" }, { 10, "moderate" }, { 15, "moderately severe" },
	{ 20, "severe" },
};
static const struct measure_band gad7_bands[] = {
	{ 0, "minimal" }, { 5, "mild" }, { 10, "moderate" }, { 15, "severe" },
};
static const struct measure_band bam_use_bands[] = {
	{ 0, "no use" }, { 1, "use (significant)" },
};

static const struct measure_def defs[] = {
	{ "phq9", "PHQ-9", "total", "total", 27, 14, 5, NELEM(phq9_bands), phq9_bands },
	{ "gad7", "GAD-7", "total", "total", 21, 14, 5, NELEM(gad7_bands), gad7_bands },
	{ "bam", "BAM", "use", "use score", 12, 30, 2, NELEM(bam_use_bands), bam_use_bands },
};

size_t
measure_count(void)
{
	return NELEM(defs);
}

const struct measure_def *
measure_at(size_t i)
{
	return i < NELEM(defs) ? &defs[i] : NULL;
}

const struct measure_def *
measure_find(const char *code)
{
	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < NELEM(defs); i++)
		if (strcmp(defs[i].code, code) == 0)
			return &defs[i];
	return NULL;
}

const char *
measure_band(const struct measure_def *d, int v)
{
	const char *name = "";

	for (int i = 0; i < d->nbands; i++)
		if (v >= d->bands[i].min)
			name = d->bands[i].name;
	return name;
}

enum err
measure_setting_check(const struct measure_setting *s, struct error *e)
{
	const struct measure_def *d = measure_find(s->code);
	int max;
	char f[48];

	if (d == NULL)
		return error_field(e, s->code != NULL ? s->code : "code",
		    "is not an instrument that is repeated: use phq9, gad7 or bam");
	max = d->score_max < MEASURE_WORSEN_MAX ? d->score_max : MEASURE_WORSEN_MAX;
	if (s->every_days < 0 || s->every_days > MEASURE_EVERY_MAX) {
		snprintf(f, sizeof f, "%s.every_days", d->code);
		error_field(e, f, "must be a number of days from 0 (not repeated) to %d",
		    MEASURE_EVERY_MAX);
	}
	if (s->worsen_by < 0 || s->worsen_by > max) {
		snprintf(f, sizeof f, "%s.worsen_by", d->code);
		error_field(e, f, "must be a rise in the %s from 0 (no task) to %d points",
		    d->score_label, max);
	}
	return e->code;
}

const char *
measure_state_name(enum measure_state s)
{
	switch (s) {
	case MEASURE_NOT_DUE: return "not_due";
	case MEASURE_DUE: return "due";
	case MEASURE_OVERDUE: return "overdue";
	case MEASURE_OFF: break;
	}
	return "off";
}

void
measure_due(int64_t admitted_day, bool has_last, int64_t last_day, int every_days,
    int64_t today, struct measure_due *out)
{
	memset(out, 0, sizeof *out);
	if (every_days <= 0) {
		out->state = MEASURE_OFF;
		return;
	}
	out->counted_last = has_last && last_day >= admitted_day - MEASURE_INTAKE_DAYS;
	out->due_day = out->counted_last ? last_day + every_days : admitted_day;
	out->overdue_day = out->due_day + MEASURE_GRACE_DAYS;
	out->state = today < out->due_day ? MEASURE_NOT_DUE :
	    today < out->overdue_day ? MEASURE_DUE : MEASURE_OVERDUE;
}

bool
measure_worsened(int prev, int cur, int worsen_by)
{
	return worsen_by > 0 && cur - prev >= worsen_by;
}

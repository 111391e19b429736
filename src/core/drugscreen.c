/*
 * drugscreen.c — the substances, the named panels, a screen's results and
 * the unexpected-result rule (see drugscreen.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/drugscreen.h"
#include "core/validate.h"
#include "lib/buf.h"

const struct substance_def substances[SUB__MAX] = {
	[SUB_ALCOHOL] = { "alcohol", "Alcohol (EtG)" },
	[SUB_AMPHETAMINES] = { "amphetamines", "Amphetamines (AMP)" },
	[SUB_BARBITURATES] = { "barbiturates", "Barbiturates (BAR)" },
	[SUB_BENZODIAZEPINES] = { "benzodiazepines", "Benzodiazepines (BZO)" },
	[SUB_BUPRENORPHINE] = { "buprenorphine", "Buprenorphine (BUP)" },
	[SUB_COCAINE] = { "cocaine", "Cocaine (COC)" },
	[SUB_FENTANYL] = { "fentanyl", "Fentanyl (FYL)" },
	[SUB_MDMA] = { "mdma", "Ecstasy (MDMA)" },
	[SUB_METHADONE] = { "methadone", "Methadone (MTD)" },
	[SUB_METHAMPHETAMINE] = { "methamphetamine", "Methamphetamine (MET)" },
	[SUB_OPIATES] = { "opiates", "Opiates (OPI)" },
	[SUB_OXYCODONE] = { "oxycodone", "Oxycodone (OXY)" },
	[SUB_PCP] = { "pcp", "Phencyclidine (PCP)" },
	[SUB_THC] = { "thc", "Cannabis (THC)" },
	[SUB_TRAMADOL] = { "tramadol", "Tramadol (TML)" },
};

const struct panel_def panels[] = {
	{ "cup12", "12-panel cup", "point_of_care", 12, { SUB_AMPHETAMINES, SUB_BARBITURATES,
	    SUB_BENZODIAZEPINES, SUB_BUPRENORPHINE, SUB_COCAINE, SUB_MDMA, SUB_METHADONE,
	    SUB_METHAMPHETAMINE, SUB_OPIATES, SUB_OXYCODONE, SUB_PCP, SUB_THC } },
	{ "cup14", "14-panel cup with fentanyl and alcohol", "point_of_care", 14, {
	    SUB_ALCOHOL, SUB_AMPHETAMINES, SUB_BARBITURATES, SUB_BENZODIAZEPINES,
	    SUB_BUPRENORPHINE, SUB_COCAINE, SUB_FENTANYL, SUB_MDMA, SUB_METHADONE,
	    SUB_METHAMPHETAMINE, SUB_OPIATES, SUB_OXYCODONE, SUB_PCP, SUB_THC } },
	{ "cup5", "5-panel cup", "point_of_care", 5, { SUB_AMPHETAMINES, SUB_COCAINE,
	    SUB_OPIATES, SUB_PCP, SUB_THC } },
	{ "lab_full", "Laboratory panel (all substances)", "lab", SUB__MAX, {
	    SUB_ALCOHOL, SUB_AMPHETAMINES, SUB_BARBITURATES, SUB_BENZODIAZEPINES,
	    SUB_BUPRENORPHINE, SUB_COCAINE, SUB_FENTANYL, SUB_MDMA, SUB_METHADONE,
	    SUB_METHAMPHETAMINE, SUB_OPIATES, SUB_OXYCODONE, SUB_PCP, SUB_THC,
	    SUB_TRAMADOL } },
};
const size_t npanels = sizeof panels / sizeof panels[0];

int
substance_find(const char *code)
{
	for (int i = 0; code != NULL && i < SUB__MAX; i++)
		if (strcmp(substances[i].code, code) == 0)
			return i;
	return -1;
}

const struct panel_def *
panel_find(const char *code)
{
	for (size_t i = 0; code != NULL && i < npanels; i++)
		if (strcmp(panels[i].code, code) == 0)
			return &panels[i];
	return NULL;
}

static const char *const result_names[RES__MAX] = {
	[RES_NOT_TESTED] = "not_tested", [RES_NEGATIVE] = "negative",
	[RES_POSITIVE] = "positive",
};

const char *
screen_result_name(enum screen_result r)
{
	return (unsigned)r < RES__MAX ? result_names[r] : "";
}

bool
screen_result_parse(const char *s, enum screen_result *out)
{
	for (int i = 0; s != NULL && i < RES__MAX; i++)
		if (strcmp(result_names[i], s) == 0) {
			*out = (enum screen_result)i;
			return true;
		}
	return false;
}

static const char *const method_names[SM__MAX] = {
	[SM_POINT_OF_CARE] = "point_of_care", [SM_LAB] = "lab",
};

const char *
screen_method_name(enum screen_method m)
{
	return (unsigned)m < SM__MAX ? method_names[m] : "";
}

bool
screen_method_parse(const char *s, enum screen_method *out)
{
	for (int i = 0; s != NULL && i < SM__MAX; i++)
		if (strcmp(method_names[i], s) == 0) {
			*out = (enum screen_method)i;
			return true;
		}
	return false;
}

/* The next comma-separated word of *p into w (cut to fit); false at the end. */
static bool
next_word(const char **p, char *w, size_t n)
{
	size_t len;
	const char *end;

	if (*p == NULL || **p == '\0')
		return false;
	end = strchr(*p, ',');
	len = end ? (size_t)(end - *p) : strlen(*p);
	snprintf(w, n, "%.*s", (int)len, *p);
	*p = end ? end + 1 : *p + len;
	return true;
}

subset
subset_parse(const char *s)
{
	char w[64];
	subset out = 0;
	int i;

	while (next_word(&s, w, sizeof w))
		if ((i = substance_find(w)) >= 0)
			out |= (subset)1u << i;
	return out;
}

const char *
subset_text(subset s, struct arena *a)
{
	struct buf b;
	const char *out;

	buf_init(&b, 0);
	for (int i = 0; i < SUB__MAX; i++)
		if (s & ((subset)1u << i))
			buf_printf(&b, "%s%s", b.len ? "," : "", substances[i].code);
	out = b.failed ? NULL : arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

bool
screen_results_parse(const char *s, struct screen_results *out)
{
	char w[64], *eq;
	int i;

	for (i = 0; i < SUB__MAX; i++)
		out->r[i] = RES_NOT_TESTED;
	while (next_word(&s, w, sizeof w)) {
		if ((eq = strchr(w, '=')) == NULL)
			return false;
		*eq = '\0';
		if ((i = substance_find(w)) < 0 || !screen_result_parse(eq + 1, &out->r[i]))
			return false;
	}
	return true;
}

const char *
screen_results_text(const struct screen_results *res, const struct panel_def *p,
    struct arena *a)
{
	struct buf b;
	const char *out;

	buf_init(&b, 0);
	for (int i = 0; i < p->n; i++)
		buf_printf(&b, "%s%s=%s", i ? "," : "", substances[p->subs[i]].code,
		    screen_result_name(res->r[p->subs[i]]));
	out = b.failed ? NULL : arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

enum err
screen_results_check(subset given, const struct panel_def *p, struct error *e)
{
	subset on = 0;
	char f[48];

	for (int i = 0; i < p->n; i++)
		on |= (subset)1u << p->subs[i];
	for (int i = 0; i < SUB__MAX; i++) {
		subset bit = (subset)1u << i;
		snprintf(f, sizeof f, "results.%s", substances[i].code);
		if ((on & bit) && !(given & bit))
			error_field(e, f, "is missing: say positive, negative or not_tested");
		else if (!(on & bit) && (given & bit))
			error_field(e, f, "is not on the %s", p->name);
	}
	return e->code;
}

subset
screen_unexpected(const struct screen_results *res, subset expected)
{
	subset out = 0;

	for (int i = 0; i < SUB__MAX; i++) {
		bool exp = (expected & ((subset)1u << i)) != 0;
		if ((res->r[i] == RES_POSITIVE && !exp) || (res->r[i] == RES_NEGATIVE && exp))
			out |= (subset)1u << i;
	}
	return out;
}

const char *
screen_unexpected_words(enum substance s, enum screen_result r, struct arena *a)
{
	const char *name = (unsigned)s < SUB__MAX ? substances[s].code : "?";

	if (r == RES_POSITIVE)
		return arena_printf(a, "positive for %s, which is not prescribed", name);
	if (r == RES_NEGATIVE)
		return arena_printf(a, "negative for %s, which is prescribed (not taken, or "
		    "possibly diverted)", name);
	return arena_printf(a, "%s not tested", name);
}

enum err
dscreen_check_not_error(const struct drug_screen *d, struct error *e)
{
	if (d->entered_in_error)
		return error_set(e, ERR_CONFLICT, "This drug screen was marked entered in error; "
		    "it is kept as it was. Record the right screen as a new one.");
	return ERR_OK;
}

enum err
dscreen_reason_check(const char *reason, struct error *e)
{
	const char *msg = check_text(reason, DSCREEN_REASON_MAX, true, true);

	if (msg != NULL)
		error_field(e, "reason", "%s", msg);
	return e->code;
}

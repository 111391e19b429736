/*
 * aftercare.c — the rules of the aftercare plan and its printed page
 * (core/aftercare.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/aftercare.h"
#include "core/medication.h"
#include "core/validate.h"
#include "lib/timeutil.h"

const struct ac_group_def ac_groups[ACG__MAX] = {
	[ACG_AA] = { "aa", "Alcoholics Anonymous (AA)" },
	[ACG_NA] = { "na", "Narcotics Anonymous (NA)" },
	[ACG_SMART] = { "smart_recovery", "SMART Recovery" },
	[ACG_REFUGE] = { "refuge_recovery", "Refuge Recovery" },
	[ACG_CELEBRATE] = { "celebrate_recovery", "Celebrate Recovery" },
	[ACG_LIFERING] = { "lifering", "LifeRing Secular Recovery" },
	[ACG_WFS] = { "women_for_sobriety", "Women for Sobriety" },
	[ACG_OTHER] = { "other", "Other support group" },
};

const char *const ac_sober_names[ACS__MAX] = {
	[ACS_UNDECIDED] = "undecided", [ACS_NOT_NEEDED] = "not_needed",
	[ACS_ARRANGED] = "arranged",
};

int
ac_group_find(const char *code)
{
	for (int i = 0; code != NULL && i < ACG__MAX; i++)
		if (strcmp(code, ac_groups[i].code) == 0)
			return i;
	return -1;
}

bool
aftercare_signed(const struct aftercare *p)
{
	return p->status != NULL && strcmp(p->status, "signed") == 0;
}

enum err
aftercare_episode_check(const struct episode *ep, struct error *e)
{
	const char *t = ep->discharge_type ? ep->discharge_type : "";

	if (strcmp(t, "deceased") == 0)
		return error_set(e, ERR_CONFLICT, "This episode ended with the client's death: "
		    "no aftercare plan is made.");
	if (strcmp(t, "lost_to_contact") == 0)
		return error_set(e, ERR_CONFLICT, "This episode ended with the client lost to "
		    "contact: there is nobody to give an aftercare plan to. If they come back, "
		    "admit them again.");
	if (ep->transferred_to != 0)
		return error_set(e, ERR_CONFLICT, "The client went on from this episode into "
		    "episode %lld of the program: the aftercare plan belongs to the episode they "
		    "leave the program from.", (long long)ep->transferred_to);
	return ERR_OK;
}

/* One text field's check, named name. */
static void
text(struct error *e, const char *name, const char *s, size_t max, bool multiline)
{
	const char *m = check_text(s, max, false, multiline);

	if (m != NULL)
		error_field(e, name, "%s", m);
}

/* "" or a real date written YYYY-MM-DD. */
static void
date_text(struct error *e, const char *name, const char *s)
{
	struct date d;

	if (s != NULL && *s != '\0' && !date_parse(s, &d))
		error_field(e, name, "must be a date written YYYY-MM-DD");
}

enum err
aftercare_check(const struct aftercare *p, struct error *e)
{
	char f[64];
	const char *m;
	int min;

	text(e, "provider.name", p->provider_name, AFTERCARE_NAME_MAX, false);
	if ((m = check_phone(p->provider_phone, false)) != NULL)
		error_field(e, "provider.phone", "%s", m);
	text(e, "provider.address", p->provider_address, AFTERCARE_LINE_MAX, true);
	date_text(e, "first_appointment.date", p->first_appt_date);
	if (p->first_appt_time != NULL && *p->first_appt_time != '\0' &&
	    (strlen(p->first_appt_time) != 5 || !time_parse_hhmm(p->first_appt_time, &min)))
		error_field(e, "first_appointment.time", "must be a time written HH:MM (24-hour)");
	else if (p->first_appt_time != NULL && *p->first_appt_time != '\0' &&
	    (p->first_appt_date == NULL || *p->first_appt_date == '\0'))
		error_field(e, "first_appointment.date", "is needed with the time: the day of "
		    "the first appointment");
	text(e, "first_appointment.with", p->first_appt_with, AFTERCARE_NAME_MAX, false);
	if (name_index(ac_sober_names, ACS__MAX, p->sober_status) < 0)
		error_field(e, "sober_living.status", "must be one of undecided, not_needed, "
		    "arranged");
	else if (strcmp(p->sober_status, "arranged") == 0 &&
	    (p->sober_name == NULL || text_blank(p->sober_name)))
		error_field(e, "sober_living.name", "is required when sober living is arranged: "
		    "the residence's name");
	text(e, "sober_living.name", p->sober_name, AFTERCARE_NAME_MAX, false);
	text(e, "sober_living.address", p->sober_address, AFTERCARE_LINE_MAX, true);
	date_text(e, "sober_living.move_in", p->sober_move_in);
	text(e, "crisis.warning_signs", p->crisis_warning_signs, AFTERCARE_TEXT_MAX, true);
	text(e, "crisis.coping", p->crisis_coping, AFTERCARE_TEXT_MAX, true);
	text(e, "crisis.people", p->crisis_people, AFTERCARE_TEXT_MAX, true);
	text(e, "notes", p->notes, AFTERCARE_TEXT_MAX, true);
	if (p->ngroups > AFTERCARE_GROUPS_MAX)
		error_field(e, "support_groups", "may hold at most %d groups",
		    AFTERCARE_GROUPS_MAX);
	for (size_t i = 0; i < p->ngroups && i < AFTERCARE_GROUPS_MAX; i++) {
		snprintf(f, sizeof f, "support_groups[%zu].kind", i);
		if (ac_group_find(p->groups[i].kind) < 0)
			error_field(e, f, "must be one of aa, na, smart_recovery, refuge_recovery, "
			    "celebrate_recovery, lifering, women_for_sobriety, other");
		snprintf(f, sizeof f, "support_groups[%zu].details", i);
		text(e, f, p->groups[i].details, AFTERCARE_LINE_MAX, false);
	}
	if (p->nmeds > AFTERCARE_MEDS_MAX)
		error_field(e, "medications", "may hold at most %d medications",
		    AFTERCARE_MEDS_MAX);
	for (size_t i = 0; i < p->nmeds && i < AFTERCARE_MEDS_MAX; i++) {
		const struct ac_medication *x = &p->meds[i];

		snprintf(f, sizeof f, "medications[%zu].name", i);
		if ((m = check_text(x->name, AFTERCARE_NAME_MAX, true, false)) != NULL)
			error_field(e, f, "%s", m);
		snprintf(f, sizeof f, "medications[%zu].mat", i);
		if (x->mat != NULL && *x->mat != '\0' && mat_find(x->mat) == NULL)
			error_field(e, f, "must be a medication for addiction treatment code "
			    "(such as buprenorphine) or empty");
		snprintf(f, sizeof f, "medications[%zu].prescriber", i);
		text(e, f, x->prescriber, AFTERCARE_NAME_MAX, false);
		snprintf(f, sizeof f, "medications[%zu].next_step", i);
		text(e, f, x->next_step, AFTERCARE_LINE_MAX, false);
	}
	return e->code;
}

static bool
blank(const char *s)
{
	return s == NULL || text_blank(s);
}

enum err
aftercare_sign_check(const struct aftercare *p, const struct episode *ep, const char *name,
    bool agree, struct error *e)
{
	const char *m;

	if (aftercare_signed(p))
		return error_set(e, ERR_CONFLICT, "The client signed version %d already: it is "
		    "locked. To change it, start a new version.", p->version);
	if (aftercare_episode_check(ep, e) != ERR_OK)
		return e->code;
	if (blank(p->provider_name))
		error_field(e, "provider.name", "is required before the client signs: who they "
		    "see next (the outpatient provider)");
	if (blank(p->provider_phone))
		error_field(e, "provider.phone", "is required before the client signs: how they "
		    "reach the provider");
	if (p->sober_status == NULL || strcmp(p->sober_status, "undecided") == 0)
		error_field(e, "sober_living.status", "must be decided before the client signs: "
		    "arranged, or not needed");
	if (blank(p->crisis_warning_signs) && blank(p->crisis_coping) && blank(p->crisis_people))
		error_field(e, "crisis.warning_signs", "the crisis plan is empty: write the warning "
		    "signs, what helps, or whom to call, with the client");
	if ((m = check_text(name, AFTERCARE_SIGN_NAME_MAX, true, false)) != NULL)
		error_field(e, "name", "%s", m);
	if (!agree)
		error_field(e, "agree", "must be ticked: the client agrees with the plan");
	return e->code;
}

enum err
aftercare_revise_check(const struct aftercare *p, struct error *e)
{
	if (!aftercare_signed(p))
		return error_set(e, ERR_CONFLICT, "Version %d is still a draft: edit it instead.",
		    p->version);
	if (p->latest_version > p->version)
		return error_set(e, ERR_CONFLICT, "Version %d of this aftercare plan exists "
		    "already: revise the latest version.", p->latest_version);
	return ERR_OK;
}

/* ---- the printed page ---- */

/* s escaped for HTML text; line ends as <br>. */
static void
esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		case '\r': break;
		case '\n': buf_puts(b, "<br>"); break;
		default: buf_append(b, s, 1); break;
		}
	}
}

/* <p class="k"><span>label</span> value</p>, or "—" for an empty value. */
static void
row(struct buf *b, const char *label, const char *value)
{
	buf_puts(b, "<p class=\"row\"><span class=\"label\">");
	esc(b, label);
	buf_puts(b, "</span> ");
	if (blank(value))
		buf_puts(b, "<span class=\"empty\">—</span>");
	else
		esc(b, value);
	buf_puts(b, "</p>\n");
}

/* "Tuesday, December 15, 2026" from YYYY-MM-DD ("" stays ""). */
static void
long_date(const char *s, char *out, size_t n)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December" };
	static const char *const days[] = { "Thursday", "Friday", "Saturday", "Sunday",
		"Monday", "Tuesday", "Wednesday" };
	struct date d;
	int64_t k;

	*out = '\0';
	if (s == NULL || !date_parse(s, &d))
		return;
	k = date_days(d) % 7;
	if (k < 0)
		k += 7;
	snprintf(out, n, "%s, %s %d, %d", days[k], months[d.m - 1], d.d, d.y);
}

/* "2:30 pm" from HH:MM. */
static void
clock_words(const char *s, char *out, size_t n)
{
	int min;

	*out = '\0';
	if (s == NULL || !time_parse_hhmm(s, &min))
		return;
	snprintf(out, n, "%d:%02d %s", (min / 60 + 11) % 12 + 1, min % 60,
	    min < 720 ? "am" : "pm");
}

static void
section(struct buf *b, const char *title)
{
	buf_puts(b, "<section>\n<h2>");
	esc(b, title);
	buf_puts(b, "</h2>\n");
}

bool
aftercare_html(const struct aftercare *p, const struct aftercare_print *pr,
    const char *css_href, struct buf *b)
{
	char day[64], at[16], when[96];
	const char *sober = p->sober_status ? p->sober_status : "undecided";

	buf_puts(b, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	buf_puts(b, "Aftercare plan — ");
	esc(b, pr->client_name);
	buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"");
	esc(b, css_href);
	buf_puts(b, "\">\n</head>\n<body class=\"aftercare-print\">\n<header>\n<p class=\"program\">");
	esc(b, pr->program_name);
	buf_puts(b, "</p>\n<h1>My aftercare plan</h1>\n<p class=\"who\">");
	esc(b, pr->client_name);
	if (!blank(pr->discharged_on)) {
		long_date(pr->discharged_on, day, sizeof day);
		buf_puts(b, " · left the program on ");
		esc(b, day);
	}
	buf_printf(b, " · version %d</p>\n", p->version);
	if (!aftercare_signed(p))
		buf_puts(b, "<p class=\"draft\">Draft: not signed yet.</p>\n");
	buf_puts(b, "</header>\n");

	/* The crisis box first: the one thing that must never be missed. */
	buf_puts(b, "<section class=\"crisis\">\n<h2>If you are in crisis</h2>\n"
	    "<p class=\"lifeline\">Call or text <strong>" AFTERCARE_LIFELINE "</strong> — the "
	    "988 Suicide &amp; Crisis Lifeline, any time, day or night. In an emergency call "
	    "<strong>911</strong>.</p>\n<p>");
	esc(b, pr->program_name);
	if (!blank(pr->program_phone)) {
		buf_puts(b, ": <strong>");
		esc(b, pr->program_phone);
		buf_puts(b, "</strong>");
	}
	buf_puts(b, "</p>\n");
	row(b, "My warning signs:", p->crisis_warning_signs);
	row(b, "What helps me cope:", p->crisis_coping);
	row(b, "People I can call:", p->crisis_people);
	buf_puts(b, "</section>\n");

	section(b, "My next provider");
	row(b, "Provider:", p->provider_name);
	row(b, "Phone:", p->provider_phone);
	row(b, "Address:", p->provider_address);
	long_date(p->first_appt_date, day, sizeof day);
	clock_words(p->first_appt_time, at, sizeof at);
	snprintf(when, sizeof when, "%s%s%s", day, *at ? " at " : "", at);
	row(b, "First appointment:", when);
	row(b, "With:", p->first_appt_with);
	buf_puts(b, "</section>\n");

	section(b, "Support groups");
	if (p->ngroups == 0)
		buf_puts(b, "<p class=\"empty\">None written down.</p>\n");
	else
		buf_puts(b, "<ul>\n");
	for (size_t i = 0; i < p->ngroups; i++) {
		int k = ac_group_find(p->groups[i].kind);

		buf_puts(b, "<li><strong>");
		esc(b, k >= 0 ? ac_groups[k].label : p->groups[i].kind);
		buf_puts(b, "</strong>");
		if (!blank(p->groups[i].details)) {
			buf_puts(b, " — ");
			esc(b, p->groups[i].details);
		}
		buf_puts(b, "</li>\n");
	}
	if (p->ngroups > 0)
		buf_puts(b, "</ul>\n");
	buf_puts(b, "</section>\n");

	section(b, "Where I live");
	if (strcmp(sober, "arranged") == 0) {
		row(b, "Sober living:", p->sober_name);
		row(b, "Address:", p->sober_address);
		long_date(p->sober_move_in, day, sizeof day);
		row(b, "Move-in:", day);
	} else {
		buf_puts(b, strcmp(sober, "not_needed") == 0 ?
		    "<p>Sober living: not needed.</p>\n" : "<p>Sober living: not decided yet.</p>\n");
	}
	buf_puts(b, "</section>\n");

	section(b, "My medications after discharge");
	if (p->nmeds == 0)
		buf_puts(b, "<p class=\"empty\">No medications.</p>\n");
	else
		buf_puts(b, "<table>\n<thead><tr><th scope=\"col\">Medication</th>"
		    "<th scope=\"col\">Who prescribes it now</th><th scope=\"col\">Next refill or "
		    "appointment</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < p->nmeds; i++) {
		const struct ac_medication *x = &p->meds[i];

		buf_puts(b, "<tr><td>");
		esc(b, x->name);
		if (!blank(x->mat))
			buf_puts(b, " <span class=\"mat\">(medication for addiction treatment: "
			    "do not stop without talking to your prescriber)</span>");
		buf_puts(b, "</td><td>");
		esc(b, blank(x->prescriber) ? "—" : x->prescriber);
		buf_puts(b, "</td><td>");
		esc(b, blank(x->next_step) ? "—" : x->next_step);
		buf_puts(b, "</td></tr>\n");
	}
	if (p->nmeds > 0)
		buf_puts(b, "</tbody>\n</table>\n");
	buf_puts(b, "</section>\n");

	if (!blank(p->notes)) {
		section(b, "Notes");
		buf_puts(b, "<p>");
		esc(b, p->notes);
		buf_puts(b, "</p>\n</section>\n");
	}

	buf_puts(b, "<footer>\n");
	if (aftercare_signed(p)) {
		char ymd[11];

		date_format(date_from_unix(p->client_signed_at), ymd);
		long_date(blank(pr->signed_on) ? ymd : pr->signed_on, day, sizeof day);
		buf_puts(b, "<p class=\"signed\">Signed by ");
		esc(b, p->client_signed_name);
		buf_puts(b, " on ");
		esc(b, day);
		if (!blank(p->witness_name)) {
			buf_puts(b, ", witnessed by ");
			esc(b, p->witness_name);
		}
		buf_puts(b, ".</p>\n");
	} else {
		buf_puts(b, "<p class=\"signed\">Not signed yet.</p>\n");
	}
	long_date(pr->printed_on, day, sizeof day);
	buf_puts(b, "<p class=\"printed\">Printed ");
	esc(b, day);
	buf_puts(b, ". This page holds health information: keep it somewhere private.</p>\n"
	    "</footer>\n</body>\n</html>\n");
	return !b->failed;
}

/*
 * demo_aftercare.c — one client of the demo clinic who has left: admitted
 * some weeks ago (to no track, so no held group of the demo's weeks lists
 * them), on buprenorphine, discharged last week having completed the
 * program, with a signed discharge summary and an aftercare plan they
 * signed (the next provider and first appointment, two support groups,
 * sober living, who prescribes the buprenorphine after discharge and a
 * crisis plan).  Through the operations the app uses, with the console's
 * audit rows.  Every name, place and number is made up.
 */
#include <string.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "ops/aftercare.h"
#include "ops/client.h"
#include "ops/discharge.h"
#include "ops/episode.h"
#include "ops/medication.h"

#define DAY 86400

enum err
demo_aftercare(struct store *st, const struct demo_facts *f, struct error *e)
{
	struct arena *a = arena_new(0);
	struct actor adm, clin, presc;
	struct client_out cout;
	struct client_create_in cin;
	struct episode_admit_in ain;
	struct episode ep;
	struct medication_create_in min;
	struct medication med;
	struct episode_discharge_in din;
	struct dsummary ds;
	struct dsummary_create_in dcin;
	struct dsummary_update_in duin;
	struct dsummary_sign_in dsin;
	struct aftercare plan;
	struct aftercare_create_in acin;
	struct aftercare_update_in auin;
	struct aftercare_sign_in asin;
	struct ac_support_group groups[2] = {
		{ "na", "Mondays and Thursdays 7 pm, Grace Hall, 310 Alder St (fictitious)" },
		{ "smart_recovery", "Saturdays 10 am, online" },
	};
	struct ac_medication meds[1];
	struct date monday = f->tracks[0].monday, admitted, left;
	char start[11], appt[11], movein[11];
	int64_t cancelled = 0, at;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	admitted = date_from_days(date_days(monday) - 45);
	left = date_from_days(date_days(monday) - 3);
	/* The afternoon of the discharge day (UTC noon is morning in the demo's
	 * zones), or the demo's now if that were later. */
	at = date_days(left) * DAY + 20 * 3600;
	if (at > f->now)
		at = f->now;
	if (demo_staff_actor(st, a, "admissions", f->now, &adm, e) != ERR_OK ||
	    demo_staff_actor(st, a, "clinician", at, &clin, e) != ERR_OK ||
	    demo_staff_actor(st, a, "prescriber", f->now - 40 * DAY, &presc, e) != ERR_OK)
		goto out;

	memset(&cin, 0, sizeof cin);
	client_blank(&cin.c);
	cin.c.first_name = "Imogen";
	cin.c.last_name = "Tavares";
	cin.c.dob = (struct date){ 1988, 3, 14 };
	cin.c.sex = SEX_FEMALE;
	cin.c.phone = "(555) 014-2290";
	cin.c.language = "English";
	cin.allow_duplicate = true;
	cin.out = &cout;
	if (demo_op(st, a, &adm, op_client_create_run, &cin, "client.create", "client", NULL, e) !=
	    ERR_OK)
		goto out;

	memset(&ain, 0, sizeof ain);
	ain.ep.client_id = cout.c.id;
	ain.ep.level = f->tracks[0].level;
	ain.ep.site_id = f->tracks[0].site_id;
	ain.ep.admitted_on = admitted;
	ain.ep.primary_clinician = clin.staff_id;
	ain.ep.privacy_notice_given = true;
	ain.out = &ep;
	if (demo_op(st, a, &adm, op_episode_admit_run, &ain, "episode.admit", "episode", NULL,
	    e) != ERR_OK)
		goto out;

	date_format(admitted, start);
	memset(&min, 0, sizeof min);
	min.m.client_id = cout.c.id;
	min.m.name = "Buprenorphine/naloxone";
	min.m.mat = "buprenorphine";
	min.m.expected = "";
	min.m.dose = "8/2 mg film daily";
	min.m.prescriber_id = presc.staff_id;
	min.m.prescriber_name = "";
	min.m.start_date = start;
	min.m.stop_date = "";
	min.m.error_reason = "";
	min.out = &med;
	if (demo_op(st, a, &presc, op_medication_create_run, &min, "medication.create",
	    "medication", NULL, e) != ERR_OK)
		goto out;

	memset(&din, 0, sizeof din);
	din.episode_id = ep.id;
	din.date = left;
	din.type = "completed";
	din.reason = "Completed the program; steps down to weekly outpatient counseling.";
	din.to = "";
	din.cancelled = &cancelled;
	if (demo_op(st, a, &adm, op_episode_discharge_run, &din, "episode.discharge", "episode",
	    NULL, e) != ERR_OK)
		goto out;

	memset(&dcin, 0, sizeof dcin);
	dcin.episode_id = ep.id;
	dcin.out = &ds;
	if (demo_op(st, a, &clin, op_dsummary_create_run, &dcin, "discharge_summary.create",
	    "discharge_summary", NULL, e) != ERR_OK)
		goto out;
	memset(&duin, 0, sizeof duin);
	duin.id = ds.id;
	duin.d.recommendations = "Weekly outpatient counseling at Lakeside; buprenorphine "
	    "continued by Dr. Reyes; NA twice a week.";
	if (demo_op(st, a, &clin, op_dsummary_update_run, &duin, "discharge_summary.update",
	    "discharge_summary", NULL, e) != ERR_OK)
		goto out;
	memset(&dsin, 0, sizeof dsin);
	dsin.id = ds.id;
	if (demo_op(st, a, &clin, op_dsummary_sign_run, &dsin, "discharge_summary.sign",
	    "discharge_summary", NULL, e) != ERR_OK)
		goto out;

	memset(&acin, 0, sizeof acin);
	acin.episode_id = ep.id;
	acin.out = &plan;
	if (demo_op(st, a, &clin, op_aftercare_create_run, &acin, "aftercare_plan.create",
	    "aftercare_plan", NULL, e) != ERR_OK)
		goto out;
	date_format(date_from_days(date_days(monday) + 2), appt);
	date_format(date_from_days(date_days(left) - 2), movein);
	meds[0] = plan.nmeds > 0 ? plan.meds[0] : (struct ac_medication){ med.id,
	    "Buprenorphine/naloxone 8/2 mg film daily", "buprenorphine", "", "" };
	meds[0].prescriber = "Dr. Amal Reyes, Lakeside Counseling (fictitious)";
	meds[0].next_step = "Refill at the first appointment; do not run out before it";
	memset(&auin, 0, sizeof auin);
	auin.id = plan.id;
	auin.p.provider_name = "Lakeside Counseling (fictitious)";
	auin.p.provider_phone = "(555) 010-2233";
	auin.p.provider_address = "12 Elm Street, Springfield";
	auin.p.first_appt_date = appt;
	auin.p.first_appt_time = "16:00";
	auin.p.first_appt_with = "Jordan Miles, LCSW";
	auin.p.sober_status = "arranged";
	auin.p.sober_name = "Harbor House (fictitious)";
	auin.p.sober_address = "40 Pier Road, Springfield";
	auin.p.sober_move_in = movein;
	auin.p.crisis_warning_signs = "Skipping meetings; not answering my sponsor; "
	    "driving past the old places.";
	auin.p.crisis_coping = "Call my sponsor; go to a meeting the same day; walk the dog.";
	auin.p.crisis_people = "Sponsor Rosa, (555) 013-4471\nSister Ana, (555) 018-0392";
	auin.p.notes = "Bring the medication list and insurance card to the first appointment.";
	auin.p.groups = groups;
	auin.p.ngroups = 2;
	auin.p.meds = meds;
	auin.p.nmeds = 1;
	auin.groups_given = auin.meds_given = true;
	if (demo_op(st, a, &clin, op_aftercare_update_run, &auin, "aftercare_plan.update",
	    "aftercare_plan", NULL, e) != ERR_OK)
		goto out;
	memset(&asin, 0, sizeof asin);
	asin.id = plan.id;
	asin.name = "Imogen Tavares";
	asin.agree = true;
	if (demo_op(st, a, &clin, op_aftercare_sign_run, &asin, "aftercare_plan.client_sign",
	    "aftercare_plan", NULL, e) != ERR_OK)
		goto out;
	/* Her prescriber and case manager stay in her care after discharge. */
	demo_care_team_of(st, cout.c.id, f->now, e);
out:
	arena_free(a);
	return e->code;
}

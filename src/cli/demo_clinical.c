/*
 * demo_clinical.c — the demo clinic's medications and drug screens, so the
 * chart shows them at work: the first admitted client on buprenorphine with
 * four weekly point-of-care cups, one of them with an unexpected positive
 * (its review task waits for the client's clinician); the second on
 * naltrexone from an outside prescriber, all negative; the third with an
 * outside prescription for a benzodiazepine that shows on her cups as
 * expected, her antidepressant's dose raised once (its History shows the
 * first dose) and a cup recorded for her by mistake, marked entered in
 * error (struck through, its review task closed); the fourth with a lab
 * screen still pending.
 *
 * Every record goes through the operation the app uses (ops/), one job each
 * with its console audit row, acting as the demo prescriber (medications)
 * or nurse (screens).  All people and prescribers are made up.  cmd_demo
 * calls it once, on a new database, after demo_activity.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "lib/timeutil.h"
#include "ops/drugscreen.h"
#include "ops/medication.h"

#define DAY 86400

struct clin {
	struct store *st;
	struct arena *a;
	struct actor prescriber, nurse;
	int64_t now;
	int64_t last_med, last_screen;	/* the last recorded */
	struct error *e;
};

static enum err
as_staff(struct clin *x, const char *username, struct actor *who)
{
	struct staff s;

	if (store_staff_by_username(x->st, username, x->a, &s, NULL, x->e) != ERR_OK)
		return x->e->code;
	cli_actor(who);
	who->staff_id = s.id;
	who->username = s.username;
	who->roles = s.roles;
	return ERR_OK;
}

static enum err
run(struct clin *x, const struct actor *who, op_run_fn fn, const void *in, const char *action,
    const char *rtype)
{
	struct audit_event ev;

	cli_audit_row(&ev, action, rtype, 0, "demo");
	return cli_op_as(x->st, x->a, who, fn, in, &ev, NULL, x->e);
}

/* A medication started days_ago (ours when outside is NULL). */
static enum err
med(struct clin *x, int64_t client, const char *name, const char *mat, const char *expected,
    const char *dose, const char *outside, int days_ago)
{
	struct medication_create_in in;
	struct medication out;
	char start[11];

	date_format(date_from_unix(x->now - (int64_t)days_ago * DAY), start);
	memset(&in, 0, sizeof in);
	in.m.client_id = client;
	in.m.name = name;
	in.m.mat = mat;
	in.m.expected = expected ? expected : "";
	in.expected_given = expected != NULL;
	in.m.dose = dose;
	in.m.prescriber_id = outside ? 0 : x->prescriber.staff_id;
	in.m.prescriber_name = outside ? outside : "";
	in.m.start_date = arena_strdup(x->a, start);
	in.m.stop_date = "";
	in.m.error_reason = "";
	in.out = &out;
	if (run(x, &x->prescriber, op_medication_create_run, &in, "medication.create",
	    "medication") != ERR_OK)
		return x->e->code;
	x->last_med = out.id;
	return ERR_OK;
}

/* The last medication's dose changed (its first version kept). */
static enum err
med_dose(struct clin *x, const char *dose)
{
	struct medication_update_in in;
	struct medication out;

	memset(&in, 0, sizeof in);
	in.id = x->last_med;
	in.set.dose = dose;
	in.fields = 1u << MEDF_DOSE;
	in.out = &out;
	return run(x, &x->prescriber, op_medication_update_run, &in, "medication.update",
	    "medication");
}

/* The last screen marked entered in error. */
static enum err
screen_error(struct clin *x, const char *reason)
{
	struct dscreen_error_in in;
	struct dscreen_out out;

	memset(&in, 0, sizeof in);
	in.id = x->last_screen;
	in.reason = reason;
	in.out = &out;
	return run(x, &x->nurse, op_dscreen_error_run, &in, "drug_screen.entered_in_error",
	    "drug_screen");
}

/* A cup collected days_ago at 16:00 UTC (morning in the demo's US zones), negative but for the positives
 * named (a comma list); pending (a lab's) when panel is lab_full. */
static enum err
screen(struct clin *x, int64_t client, const char *panel, int days_ago, const char *positives)
{
	const struct panel_def *p = panel_find(panel);
	struct dscreen_record_in in;
	struct dscreen_out out;
	subset pos = subset_parse(positives);

	memset(&in, 0, sizeof in);
	in.d.client_id = client;
	in.d.collected_at = (x->now / DAY - days_ago) * DAY + 16 * 3600;
	in.d.panel = panel;
	in.d.method = p && strcmp(p->method, "lab") == 0 ? "lab" : "point_of_care";
	in.d.observed = true;
	in.has_results = positives != NULL;
	for (int i = 0; p != NULL && i < p->n; i++) {
		enum substance s = p->subs[i];
		in.res.r[s] = (pos & ((subset)1u << s)) ? RES_POSITIVE : RES_NEGATIVE;
		in.given |= (subset)1u << s;
	}
	in.out = &out;
	if (run(x, &x->nurse, op_dscreen_record_run, &in, "drug_screen.record", "drug_screen") !=
	    ERR_OK)
		return x->e->code;
	x->last_screen = out.d.id;
	return ERR_OK;
}

enum err
demo_clinical(struct store *st, const struct demo_facts *f, struct error *e)
{
	struct arena *a = arena_new(0);
	const int64_t *c = f->clients;
	struct clin x;
	enum err rc;

	if (a == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	memset(&x, 0, sizeof x);
	x.st = st;
	x.a = a;
	x.e = e;
	x.now = now_utc();
	if ((rc = as_staff(&x, "prescriber", &x.prescriber)) != ERR_OK ||
	    (rc = as_staff(&x, "nurse", &x.nurse)) != ERR_OK)
		goto out;
	/* Buprenorphine: four weekly cups, the third with cocaine (unexpected). */
	if ((rc = med(&x, c[0], "Buprenorphine-naloxone", "buprenorphine", NULL,
	    "8 mg/2 mg sublingual film once a day", NULL, 45)) != ERR_OK ||
	    (rc = screen(&x, c[0], "cup12", 22, "buprenorphine")) != ERR_OK ||
	    (rc = screen(&x, c[0], "cup12", 15, "buprenorphine")) != ERR_OK ||
	    (rc = screen(&x, c[0], "cup12", 8, "buprenorphine,cocaine")) != ERR_OK ||
	    (rc = screen(&x, c[0], "cup12", 1, "buprenorphine")) != ERR_OK)
		goto out;
	/* Naltrexone from an outside prescriber: nothing shows, all negative. */
	if ((rc = med(&x, c[1], "Naltrexone", "naltrexone", NULL, "50 mg by mouth once a day",
	    "Dr. Imogen Placeholder", 60)) != ERR_OK ||
	    (rc = screen(&x, c[1], "cup12", 14, "")) != ERR_OK ||
	    (rc = screen(&x, c[1], "cup12", 7, "")) != ERR_OK ||
	    (rc = screen(&x, c[1], "cup14", 0, "")) != ERR_OK)
		goto out;
	/* A prescribed benzodiazepine shows as expected. */
	if ((rc = med(&x, c[2], "Clonazepam", "", "benzodiazepines", "0.5 mg at night",
	    "Dr. Felix Example", 90)) != ERR_OK ||
	    (rc = med(&x, c[2], "Sertraline", "", "", "50 mg once a day", "Dr. Felix Example",
	    120)) != ERR_OK ||
	    (rc = med_dose(&x, "100 mg once a day")) != ERR_OK ||
	    (rc = screen(&x, c[2], "cup12", 10, "benzodiazepines")) != ERR_OK ||
	    (rc = screen(&x, c[2], "cup12", 5, "benzodiazepines,methamphetamine")) != ERR_OK ||
	    (rc = screen_error(&x, "Cup labelled for another client.")) != ERR_OK ||
	    (rc = screen(&x, c[2], "cup12", 3, "benzodiazepines")) != ERR_OK)
		goto out;
	/* Acamprosate, and a lab screen waiting for its results. */
	if ((rc = med(&x, c[3], "Acamprosate", "acamprosate", NULL, "666 mg three times a day",
	    NULL, 20)) != ERR_OK ||
	    (rc = screen(&x, c[3], "lab_full", 2, NULL)) != ERR_OK)
		goto out;
out:
	arena_free(a);
	return rc;
}

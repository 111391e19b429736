/*
 * demo_measures.c — the demo clinic's repeated measures, so that the chart
 * draws score histories and the clinician's task list has measures due:
 * PHQ-9 and GAD-7 given every two weeks since each admission and a BAM at
 * admission, most improving; one client's PHQ-9 worsening from 8 to 14
 * yesterday (its measure_worsened task waits for the clinician); some
 * measures due today and some overdue (a GAD-7 never given, a PHQ-9 and a
 * BAM late).
 *
 * Each administration goes through op_screening_record (one job each with
 * its console audit row), as the demo clinician with the clock set back to
 * the afternoon of the day it was given, oldest first, so that the
 * worsening rule sees them in order.  The intake screenings demo_activity
 * gave today stay the latest.  All answers are made up.  cmd_demo calls it
 * once, on a new database, after demo_activity.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "lib/timeutil.h"
#include "ops/screening.h"

#define DAY 86400

struct meas {
	struct store *st;
	struct arena *a;
	struct actor clin;
	int64_t now;
	struct error *e;
};

/* Answers for code adding up to v on its tracked score: PHQ-9 over items
 * 1-8 (item 9 stays 0: no safety alert in these), GAD-7 over its 7; BAM
 * with v as its use (items 4-6), item 7 not asked, steady risk and
 * protective answers. */
static int
answers_for(const char *code, int v, struct answers *as, json_t *list)
{
	int n = strcmp(code, "phq9") == 0 ? 9 : strcmp(code, "gad7") == 0 ? 7 : 17;
	int spread = strcmp(code, "phq9") == 0 ? 8 : n;
	int val[17] = { 0 };

	if (n == 17) {
		static const int bam[17] = { 2, 2, 2, 0, 0, 0, 0, 1, 3, 3, 1, 2, 3, 4, 1, 3, 0 };
		memcpy(val, bam, sizeof val);
		for (int i = 0; v > 0; i = (i + 1) % 3, v--)
			val[3 + i]++;
	} else {
		for (int i = 0; v > 0; i = (i + 1) % spread, v--)
			val[i]++;
	}
	memset(as, 0, sizeof *as);
	as->n = n;
	for (int i = 0; i < n; i++) {
		as->a[i].present = true;
		if (n == 17 && i == 6) {
			as->a[i].is_null = true;
			json_array_append_new(list, json_null());
			continue;
		}
		as->a[i].ival = val[i];
		json_array_append_new(list, json_integer(val[i]));
	}
	return n;
}

/* code given days_ago at 15:00 UTC with tracked score v. */
static enum err
give(struct meas *x, int64_t client, int64_t site, const char *code, int days_ago, int v)
{
	const struct instrument *ins = instrument_find(code);
	struct screening_record_in in;
	struct screening_record_out out;
	struct instrument_result r;
	struct audit_event ev;
	struct answers as;
	struct actor who = x->clin;
	json_t *list = json_array(), *scores = json_object();
	char *s_answers = NULL, *s_scores = NULL;
	enum err rc;

	answers_for(code, v, &as, list);
	if (instrument_score(ins, &as, NULL, &r, x->e) != ERR_OK) {
		json_decref(list);
		json_decref(scores);
		return x->e->code;
	}
	for (int i = 0; i < r.nscores; i++)
		json_object_set_new(scores, r.scores[i].name, json_integer(r.scores[i].value));
	s_answers = json_dumps(list, JSON_COMPACT);
	s_scores = json_dumps(scores, JSON_COMPACT);
	json_decref(list);
	json_decref(scores);
	memset(&in, 0, sizeof in);
	in.row.client_id = client;
	in.row.code = r.code;
	in.row.version = r.version;
	in.row.answers = s_answers;
	in.row.scores = s_scores;
	in.row.flags = "[]";
	in.row.band = r.band;
	in.result = &r;
	in.site_id = site;
	in.out = &out;
	who.now = (x->now / DAY - days_ago) * DAY + 15 * 3600;
	cli_audit_row(&ev, "screening.record", "screening", 0, "demo");
	if (s_answers == NULL || s_scores == NULL)
		rc = error_set(x->e, ERR_NOMEM, "out of memory");
	else
		rc = cli_op_as(x->st, x->a, &who, op_screening_record_run, &in, &ev, NULL, x->e);
	free(s_answers);
	free(s_scores);
	return rc;
}

/* How many days ago (UTC) the client's open episode began. */
static enum err
admitted_days_ago(struct meas *x, int64_t client, int *out)
{
	struct episode *eps;
	struct date d;
	size_t n;

	if (store_episode_list(x->st, client, x->a, &eps, &n, x->e) != ERR_OK)
		return x->e->code;
	for (size_t i = 0; i < n; i++)
		if (strcmp(eps[i].status, "open") == 0) {
			d = eps[i].admitted_on;
			*out = (int)(date_days(date_from_unix(x->now)) - date_days(d));
			return ERR_OK;
		}
	return error_set(x->e, ERR_NOTFOUND, "demo client %lld has no open episode",
	    (long long)client);
}

/* One client's administrations: {code, days ago, score}, oldest first. */
struct given { const char *code; int days_ago, v; };

enum err
demo_measures(struct store *st, const struct demo_facts *f, struct error *e)
{
	/* Client c of the demo was admitted some 3 + 8 (c % 3) + 2 (c / 3)
	 * days before this week's Monday (demo_activity.c); one planned before
	 * the admission is given on the admission day.  c0-c5 had an intake
	 * PHQ-9 today, c0-c2 a GAD-7. */
	static const struct given plan[DEMO_FACT_CLIENTS][8] = {
		{ { "bam", 4, 0 } },
		{ { "bam", 13, 1 } },
		{ { "phq9", 22, 12 }, { "gad7", 22, 10 }, { "bam", 22, 2 }, { "phq9", 8, 8 },
		  { "gad7", 8, 6 } },
		{ { "bam", 6, 0 } },				/* GAD-7 never given: overdue */
		{ { "gad7", 15, 9 }, { "bam", 15, 0 }, { "gad7", 1, 7 } },
		{ { "phq9", 24, 15 }, { "gad7", 24, 8 }, { "bam", 24, 1 }, { "phq9", 10, 12 },
		  { "gad7", 10, 6 } },
		{ { "phq9", 8, 10 }, { "gad7", 8, 9 }, { "bam", 8, 0 } },
		{ { "phq9", 17, 18 }, { "gad7", 17, 13 }, { "bam", 17, 0 },
		  { "gad7", 3, 11 } },				/* PHQ-9 overdue */
		{ { "phq9", 26, 7 }, { "gad7", 26, 6 }, { "bam", 26, 2 }, { "phq9", 12, 8 },
		  { "phq9", 1, 14 } },				/* worse by 6; GAD-7 overdue */
		{ { "phq9", 10, 12 }, { "gad7", 10, 10 } },	/* BAM never given: overdue */
		{ { "phq9", 19, 15 }, { "gad7", 19, 11 }, { "bam", 19, 1 }, { "phq9", 5, 12 },
		  { "gad7", 5, 9 } },
		{ { "phq9", 28, 17 }, { "gad7", 28, 14 }, { "bam", 28, 3 }, { "phq9", 14, 12 },
		  { "gad7", 14, 9 } },				/* both due today */
	};
	struct staff s;
	struct meas x;
	enum err rc = ERR_OK;

	memset(&x, 0, sizeof x);
	x.st = st;
	x.e = e;
	x.now = now_utc();
	if ((x.a = arena_new(0)) == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	if (store_staff_by_username(st, "clinician", x.a, &s, NULL, e) != ERR_OK) {
		rc = e->code;
		goto out;
	}
	cli_actor(&x.clin);
	x.clin.staff_id = s.id;
	x.clin.username = s.username;
	x.clin.roles = s.roles;
	for (int c = 0; c < DEMO_FACT_CLIENTS; c++) {
		int64_t site = f->tracks[c / 3].site_id;
		int admitted_ago = 0;

		if ((rc = admitted_days_ago(&x, f->clients[c], &admitted_ago)) != ERR_OK)
			goto out;
		for (int i = 0; i < 8 && plan[c][i].code != NULL; i++) {
			int ago = plan[c][i].days_ago > admitted_ago ? admitted_ago :
			    plan[c][i].days_ago;

			if ((rc = give(&x, f->clients[c], site, plan[c][i].code, ago,
			    plan[c][i].v)) != ERR_OK)
				goto out;
		}
	}
out:
	arena_free(x.a);
	return rc;
}

/*
 * cmd_demo.c — `iop demo`: a fictitious demo clinic.
 *
 * Two sites, each with a day and an evening track, rooms, a staff member
 * for every role (username = role name, password "openiop-demo" unless
 * IOP_DEMO_PASSWORD says otherwise) and about forty clients with contacts.
 * All names, dates and numbers are made up.  Written in one transaction
 * through the same operations the app uses (ops/), each client with its
 * audit row.  Then the clinic's day-to-day records (demo_activity.c):
 * inquiries at every stage, admitted clients in every track, coverages and
 * screenings, the schedule; and the held weeks (demo_week.c): attendance,
 * appointments, clients at risk this week.  Everything is dated from one
 * reading of the clock (demo_facts.now).  Running it again on a database that has sites already
 * changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "core/hours.h"
#include "core/schedule.h"
#include "lib/tz.h"
#include "ops/client.h"
#include "ops/consent.h"
#include "ops/directory.h"
#include "ops/duty.h"

static const char *USAGE =
    "usage: iop demo [--db PATH]\n"
    "\n"
    "Initialises the database if needed (admin password from $IOP_ADMIN_PASSWORD,\n"
    "default openiop-demo) and writes a fictitious demo clinic: two sites with day\n"
    "and evening tracks, staff of every role (username = role name, password\n"
    "openiop-demo or $IOP_DEMO_PASSWORD; \"alumni\" is the alumni coordinator),\n"
    "about forty clients, four alumni with their check-ins, inquiries at every\n"
    "stage of the admissions board, admitted clients in every track with coverages\n"
    "and screenings (one with an open safety alert), each track's week of groups\n"
    "with sessions from three weeks ago to five weeks ahead, and a holiday; the\n"
    "groups held so far with their attendance, appointments past (with their\n"
    "outcomes) and to come, and a few clients at risk of missing their hours this\n"
    "week.\n";

#define DEMO_CLIENTS 40
#define DEMO_PERSONS 3

static const char *const firsts[] = {
	"Avery", "Jordan", "Morgan", "Riley", "Casey", "Quinn", "Rowan", "Emerson",
	"Harper", "Sawyer", "Marisol", "Desmond", "Priya", "Tomas", "Keiko", "Imani",
	"Callum", "Noor", "Elias", "Wren",
};
static const char *const lasts[] = {
	"Abernathy", "Bellweather", "Castellano", "Delacroix", "Everhart", "Fairbanks",
	"Galloway", "Hollister", "Ingram", "Jessup", "Kettering", "Lindqvist", "Montrose",
	"Northcott", "Okonkwo-Reyes", "Pemberton", "Quintero", "Rasmussen", "Sterling",
	"Thornbury",
};
static const char *const cities[] = { "Riverton", "Lakeshore", "Millbrook", "Cedar Falls" };
static const char *const langs[] = { "English", "English", "Spanish", "English", "Vietnamese" };

struct demo {
	struct site sites[2];
	struct room rooms[6];
	struct track tracks[4];
	struct client clients[DEMO_CLIENTS];
	char names[DEMO_CLIENTS][3][40];
	char phones[DEMO_CLIENTS][20];
	char emails[DEMO_CLIENTS][60];
	char streets[DEMO_CLIENTS][60];
	/* Two or three related persons each: family first (family therapy in
	 * demo_week.c takes the first), then a sponsor or an employer, then
	 * for one client in three a probation officer, named on a consent. */
	struct contact contacts[DEMO_CLIENTS][DEMO_PERSONS];
	int ncontacts[DEMO_CLIENTS];
	char cnames[DEMO_CLIENTS][DEMO_PERSONS][60];
	char cphones[DEMO_CLIENTS][DEMO_PERSONS][20];
	char po_recipient[DEMO_CLIENTS][120];
	struct audit_event ev[DEMO_CLIENTS + 1];
	struct client_out client_out;
	struct actor who;	/* the console */
	struct arena *arena;
};

/* The consents of the demo: each client with a probation officer has
 * signed one naming them (attendance, drug screens and progress), recorded
 * by the director through the operation (every element of 2.31 checked). */
struct demo_consent {
	int64_t client_id;
	char recipient[120], signature[90];
};
struct demo_consents {
	struct demo_consent c[DEMO_CLIENTS];
	int n;
	char signed_on[11], ends_on[11];
	struct actor who;
	struct arena *arena;
	struct audit_event ev[DEMO_CLIENTS];
	struct part2_consent out;
};

static enum err
demo_consents_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct demo_consents *k = arg;

	for (int i = 0; i < k->n; i++) {
		struct op_result res;
		struct consent_record_in in = { .out = &k->out };

		in.c.client_id = k->c[i].client_id;
		in.c.disclosing_party = "Riverside Recovery IOP";
		in.c.information = "attendance,drug_screens,progress";
		in.c.information_detail = "attendance, drug screen results and progress in "
		    "treatment while in the program";
		in.c.recipients = arena_printf(k->arena, "named:%s", k->c[i].recipient);
		in.c.purpose = "Report on compliance with the terms of probation";
		in.c.expires_on = k->ends_on;
		in.c.expires_event = "";
		in.c.signed_on = k->signed_on;
		in.c.signature = k->c[i].signature;
		in.c.revoke_reason = "";
		if (in.c.recipients == NULL)
			return error_set(e, ERR_NOMEM, "out of memory");
		op_result_init(&res, k->arena);
		if (op_consent_record(tx, &k->who, &in, &res, e) != ERR_OK)
			return e->code;
		k->ev[i].record_id = k->out.id;
		k->ev[i].client_id = k->c[i].client_id;
	}
	return ERR_OK;
}

static enum err
demo_consents(struct store *st, struct arena *a, struct demo_consents *k, struct error *e)
{
	struct staff dir;
	struct store_job j;

	if (store_staff_by_username(st, "director", a, &dir, NULL, e) != ERR_OK)
		return e->code;
	cli_actor(&k->who);
	k->who.staff_id = dir.id;
	k->who.username = dir.username;
	k->who.roles = dir.roles;
	k->arena = a;
	date_format(date_from_unix(k->who.now - 7 * 86400), k->signed_on);
	date_format(date_from_unix(k->who.now + 182 * 86400), k->ends_on);
	for (int i = 0; i < k->n; i++)
		cli_audit_row(&k->ev[i], "consent.record", "consent", 0, "demo");
	memset(&j, 0, sizeof j);
	j.run = demo_consents_run;
	j.arg = k;
	j.audit = k->ev;
	j.naudit = (size_t)k->n;
	if (store_run(st, &j) != ERR_OK) {
		*e = j.err;
		return e->code;
	}
	return ERR_OK;
}

/* Each write through the operation the app uses, inside the one job. */
static enum err
demo_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct demo *d = arg;
	struct op_result res;
	struct program pg = { .name = "Riverside Recovery IOP",
	    .tagline = "Day and evening groups for recovery from alcohol and drug use, "
	    "while you live at home.", .phone = "",
	    .email = "admissions@riverside-recovery.example" };
	struct program_save_in pin = { pg, &pg };
	int i;

	/* The program's public details, as an administrator saves them. */
	op_result_init(&res, d->arena);
	if (op_program_save(tx, &d->who, &pin, &res, e) != ERR_OK)
		return e->code;
	for (i = 0; i < 2; i++) {
		struct site_write_in in = { d->sites[i], &d->sites[i] };
		op_result_init(&res, d->arena);
		if (op_site_write(tx, &d->who, &in, &res, e) != ERR_OK)
			return e->code;
	}
	for (i = 0; i < 6; i++) {
		struct room_write_in in;
		d->rooms[i].site_id = d->sites[i / 3].id;
		in.rm = d->rooms[i];
		in.out = &d->rooms[i];
		op_result_init(&res, d->arena);
		if (op_room_write(tx, &d->who, &in, &res, e) != ERR_OK)
			return e->code;
	}
	for (i = 0; i < 4; i++) {
		struct track_create_in in;
		d->tracks[i].site_id = d->sites[i / 2].id;
		in.t = d->tracks[i];
		in.out = &d->tracks[i];
		op_result_init(&res, d->arena);
		if (op_track_create(tx, &d->who, &in, &res, e) != ERR_OK)
			return e->code;
	}
	for (i = 0; i < DEMO_CLIENTS; i++) {
		/* Made-up people: two may share a name and birthday. */
		struct client_create_in in = { d->clients[i], true, &d->client_out };
		op_result_init(&res, d->arena);
		if (op_client_create(tx, &d->who, &in, &res, e) != ERR_OK)
			return e->code;
		d->clients[i] = d->client_out.c;
		d->ev[i].record_id = d->ev[i].client_id = d->clients[i].id;
		for (int k = 0; k < d->ncontacts[i]; k++) {
			struct contact_create_in cin;
			d->contacts[i][k].client_id = d->clients[i].id;
			cin.c = d->contacts[i][k];
			cin.out = &d->contacts[i][k];
			op_result_init(&res, d->arena);
			if (op_contact_create(tx, &d->who, &cin, &res, e) != ERR_OK)
				return e->code;
		}
	}
	return ERR_OK;
}

static void
demo_fill(struct demo *d, struct date today)
{
	static const char *const rels[] = { "mother", "partner", "brother", "sister",
	    "wife", "father" };
	static const char *const employers[] = { "Riverton Hardware", "Lakeshore Transit",
	    "Millbrook Bakery", "Cedar Falls Auto Body" };
	static const char *const offices[] = { "Riverton County Adult Probation",
	    "Lakeshore District Probation Office" };
	static const char *const officers[] = { "Dale Whitcomb", "Renata Osei", "Gil Marchetti" };
	int i;


	d->sites[0] = (struct site){ .name = "Riverside Recovery Center",
	    .timezone = "America/Chicago", .address = "120 Harbor Street, Riverton",
	    .phone = "555-0100", .active = true };
	d->sites[1] = (struct site){ .name = "Northgate Outpatient Clinic",
	    .timezone = "America/New_York", .address = "48 Summit Avenue, Lakeshore",
	    .phone = "555-0200", .active = true };
	for (i = 0; i < 6; i++) {
		static const char *const rn[] = { "Group Room A", "Group Room B",
		    "Counseling Office 1" };
		d->rooms[i] = (struct room){ .name = rn[i % 3], .capacity = i % 3 == 2 ? 4 : 16,
		    .active = true };
	}
	for (i = 0; i < 4; i++) {
		bool day = i % 2 == 0;
		d->tracks[i] = (struct track){
			.name = day ? "Day IOP" : "Evening IOP",
			.level_of_care = "2.1",
			.weekdays = day ? (1u << WD_MON) | (1u << WD_TUE) | (1u << WD_THU) :
			    (1u << WD_MON) | (1u << WD_WED) | (1u << WD_THU),
			.start_min = day ? 9 * 60 : 18 * 60,
			.end_min = day ? 12 * 60 : 21 * 60,
			.active = true,
		};
	}
	for (i = 0; i < DEMO_CLIENTS; i++) {
		struct client *c = &d->clients[i];
		const char *f = firsts[(i * 7) % 20], *l = lasts[(i * 11 + i / 20) % 20];
		memset(c, 0, sizeof *c);
		snprintf(d->names[i][0], 40, "%s", f);
		snprintf(d->names[i][1], 40, "%s", l);
		snprintf(d->names[i][2], 40, "%s", i % 5 == 0 ? "Sam" : "");
		c->first_name = d->names[i][0];
		c->last_name = d->names[i][1];
		c->preferred_name = d->names[i][2];
		c->dob = (struct date){ today.y - 19 - (i * 37) % 45, 1 + (i * 5) % 12,
		    1 + (i * 13) % 28 };
		c->sex = (enum sex)(i % 7 == 6 ? SEX_UNKNOWN : i % 2);
		c->gender_identity = i % 9 == 4 ? "non-binary" : "";
		snprintf(d->phones[i], 20, "555-01%02d", i + 10);
		c->phone = d->phones[i];
		snprintf(d->emails[i], 60, "%c.%s@example.org", f[0] + 32, l);
		for (char *p = d->emails[i]; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		c->email = i % 4 == 3 ? "" : d->emails[i];
		snprintf(d->streets[i], 60, "%d %s Lane", 100 + i * 7, lasts[(i + 3) % 20]);
		c->address = (struct address){ d->streets[i], "", cities[i % 4], "IL",
		    "6060" };
		c->address.postal_code = i % 2 ? "60601" : "60614";
		c->language = langs[i % 5];
		c->active = i < DEMO_CLIENTS - 2;	/* two former clients */

		/* Related persons, made up, 555 numbers: family (may be contacted
		 * unless the client said no), a sponsor or an employer (not to be
		 * contacted), and for one in three a probation officer. */
		snprintf(d->cnames[i][0], 60, "%s %s", firsts[(i * 3 + 5) % 20], l);
		snprintf(d->cphones[i][0], 20, "555-02%02d", i + 10);
		d->contacts[i][0] = (struct contact){ .name = d->cnames[i][0],
		    .relationship = rels[i % 6], .phone = d->cphones[i][0], .email = "",
		    .emergency = i % 2 == 0, .guardian = false, .notes = "", .kind = "",
		    .organisation = "", .may_contact = i % 4 != 3 };
		snprintf(d->cnames[i][1], 60, "%s %s", firsts[(i * 7 + 3) % 20],
		    lasts[(i * 3 + 7) % 20]);
		snprintf(d->cphones[i][1], 20, "555-03%02d", i + 10);
		d->contacts[i][1] = (struct contact){ .name = d->cnames[i][1],
		    .relationship = i % 2 ? "supervisor at work" : "AA sponsor",
		    .phone = d->cphones[i][1], .email = "", .notes = "",
		    .kind = i % 2 ? "employer" : "sponsor",
		    .organisation = i % 2 ? employers[i % 4] : "", .may_contact = i % 2 == 0 };
		d->ncontacts[i] = 2;
		d->po_recipient[i][0] = '\0';
		if (i % 3 == 0) {
			const char *office = offices[i % 2];
			snprintf(d->cnames[i][2], 60, "%s", officers[i % 3 == 0 ? (i / 3) % 3 : 0]);
			snprintf(d->cphones[i][2], 20, "555-04%02d", i + 10);
			d->contacts[i][2] = (struct contact){ .name = d->cnames[i][2],
			    .relationship = "probation officer", .phone = d->cphones[i][2],
			    .email = "", .notes = "Reports due monthly.",
			    .kind = "probation_officer", .organisation = office,
			    .may_contact = true };
			snprintf(d->po_recipient[i], sizeof d->po_recipient[i], "%s, %s",
			    d->cnames[i][2], office);
			d->ncontacts[i] = 3;
		}

		d->ev[i] = (struct audit_event){ .username = "cli", .role = "console",
		    .action = "client.create", .record_type = "client", .address = "local",
		    .detail = "demo" };
	}
	d->ev[DEMO_CLIENTS] = (struct audit_event){ .username = "cli", .role = "console",
	    .action = "demo.write", .record_type = "", .address = "local",
	    .detail = "sites=2 tracks=4 rooms=6" };
}

/* What demo_activity builds on: the tracks with this week's Monday at their
 * site, the first active clients, and the demo's now. */
static enum err
demo_facts_of(const struct demo *d, struct demo_facts *f, struct error *e)
{
	struct tz *z = malloc(sizeof *z);
	int i, n = 0;

	if (z == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	memset(f, 0, sizeof *f);
	f->now = d->who.now;
	for (i = 0; i < DEMO_TRACKS; i++) {
		const struct site *site = &d->sites[i / 2];

		if (!tz_load(site->timezone, z)) {
			free(z);
			return error_set(e, ERR_IO, "the time zone %s is not in this system's zone "
			    "database (/usr/share/zoneinfo): install tzdata", site->timezone);
		}
		f->tracks[i].id = d->tracks[i].id;
		f->tracks[i].site_id = d->tracks[i].site_id;
		f->tracks[i].level = d->tracks[i].level_of_care;
		f->tracks[i].monday = hours_week_start(local_date(z, f->now));
	}
	free(z);
	for (i = 0; i < DEMO_CLIENTS && n < DEMO_FACT_CLIENTS; i++)
		if (d->clients[i].active)
			f->clients[n++] = d->clients[i].id;
	return ERR_OK;
}

/*
 * The duty roster: the demo clinician on duty weekdays 08:00-18:00 (each
 * site's local time) at both sites for the next six months, set up by the
 * director, so a safety alert in working hours goes to someone on duty and
 * one in the evening to the director's unclaimed list.  IOP_DEMO_ROSTER=off
 * leaves the roster empty (the tests, whose clock is any time of day).
 */
static enum err
demo_roster_row(struct op_call *c, void *user, struct error *e)
{
	struct audit_event *ev = user;

	(void)e;
	ev->record_id = c->res.id;
	return ERR_OK;
}

static enum err
demo_roster(struct store *st, struct arena *a, const int64_t sites[2], struct error *e)
{
	const char *off = getenv("IOP_DEMO_ROSTER");
	struct staff dir, clin;
	struct duty_series out;
	struct audit_event ev;
	struct op_call c;
	struct store_job j;

	if (off != NULL && strcmp(off, "off") == 0)
		return ERR_OK;
	if (store_staff_by_username(st, "director", a, &dir, NULL, e) != ERR_OK ||
	    store_staff_by_username(st, "clinician", a, &clin, NULL, e) != ERR_OK)
		return e->code;
	for (int i = 0; i < 2; i++) {
		struct duty_series_in in;
		memset(&in, 0, sizeof in);
		in.s.site_id = sites[i];
		in.s.staff_id = clin.id;
		in.s.weekdays = (1u << WD_MON) | (1u << WD_TUE) | (1u << WD_WED) |
		    (1u << WD_THU) | (1u << WD_FRI);
		in.s.start_min = 8 * 60;
		in.s.end_min = 18 * 60;
		in.s.from = date_from_unix(now_utc() - 86400);
		in.s.until = date_from_unix(now_utc() + 182 * 86400);
		in.s.note = "Weekday cover (demo)";
		in.out = &out;
		op_call_init(&c, a, op_duty_series_add_run, &in);
		cli_actor(&c.who);
		c.who.staff_id = dir.id;	/* the director sets the roster */
		c.who.username = dir.username;
		c.who.roles = dir.roles;
		cli_audit_row(&ev, "duty_series.add", "duty_series", 0, "demo");
		c.finish = demo_roster_row;
		c.user = &ev;
		memset(&j, 0, sizeof j);
		j.run = op_call_job;
		j.arg = &c;
		j.audit = &ev;
		j.naudit = 1;
		if (store_run(st, &j) != ERR_OK) {
			*e = j.err;
			return j.result;
		}
	}
	return ERR_OK;
}

int
cmd_demo(int argc, char **argv)
{
	static const struct {
		enum role role;
		const char *full;
	} people[] = {
		{ ROLE_DIRECTOR, "Dana Whitfield" }, { ROLE_CLINICIAN, "Marcus Oyelaran" },
		{ ROLE_CASE_MANAGER, "Lena Fischbach" }, { ROLE_PRESCRIBER, "Dr. Ravi Anand" },
		{ ROLE_NURSE, "Grace Mbeki" }, { ROLE_ADMISSIONS, "Tess Calloway" },
		{ ROLE_FRONT_DESK, "Omar Haddad" }, { ROLE_BILLING, "June Takahashi" },
	};
	const char *db = NULL, *pw;
	struct store *st = NULL;
	struct site *sites;
	struct page pg = { 1, 0 };
	struct arena *a;
	struct demo *d;
	struct demo_consents *kons = NULL;
	struct store_job j;
	struct demo_facts facts;
	struct error e;
	int64_t total = 0, both[2];
	size_t n;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if ((rc = cli_std_opt(argc, argv, &i, USAGE, &db)) == CLI_OPT_TAKEN)
			continue;
		if (rc != CLI_OPT_NONE)
			return rc;
		fprintf(stderr, "iop demo: unknown option '%s'\n\n", argv[i]);
		return cli_usage(USAGE);
	}
	pw = getenv("IOP_DEMO_PASSWORD");
	if (pw == NULL || *pw == '\0')
		pw = "openiop-demo";
	if (getenv("IOP_ADMIN_PASSWORD") == NULL)
		setenv("IOP_ADMIN_PASSWORD", pw, 1);
	error_clear(&e);
	if (cli_init_db(cli_db_path(db), "admin", true, &st, &e) != ERR_OK) {
		rc = cli_fail(&e);
		store_close(st);
		return rc;
	}
	a = arena_new(0);
	if (store_site_list(st, pg, a, &sites, &n, &total, &e) != ERR_OK) {
		rc = cli_fail(&e);
		goto out;
	}
	if (total > 0) {
		printf("%s holds a clinic already; the demo was not written again\n",
		    cli_db_path(db));
		rc = EXIT_OK;
		goto out;
	}
	d = calloc(1, sizeof *d);
	if (d == NULL) {
		rc = EXIT_IO;
		goto out;
	}
	cli_actor(&d->who);
	d->arena = a;
	demo_fill(d, date_from_unix(d->who.now));
	memset(&j, 0, sizeof j);
	j.run = demo_run;
	j.arg = d;
	j.audit = d->ev;
	j.naudit = DEMO_CLIENTS + 1;
	if (store_run(st, &j) != ERR_OK) {
		rc = cli_fail(&j.err);
		free(d);
		goto out;
	}
	both[0] = d->sites[0].id;
	both[1] = d->sites[1].id;
	rc = demo_facts_of(d, &facts, &e) == ERR_OK ? EXIT_OK : cli_fail(&e);
	if ((kons = calloc(1, sizeof *kons)) == NULL)
		rc = EXIT_IO;
	for (i = 0; rc == EXIT_OK && i < DEMO_CLIENTS; i++) {
		struct demo_consent *x;
		if (d->po_recipient[i][0] == '\0')
			continue;
		x = &kons->c[kons->n++];
		x->client_id = d->clients[i].id;
		snprintf(x->recipient, sizeof x->recipient, "%s", d->po_recipient[i]);
		snprintf(x->signature, sizeof x->signature, "%s %s", d->clients[i].first_name,
		    d->clients[i].last_name);
	}
	free(d);
	if (rc != EXIT_OK)
		goto out;
	for (i = 0; i < (int)(sizeof people / sizeof people[0]); i++) {
		if (cli_user_create(st, role_name(people[i].role), people[i].full,
		    1u << people[i].role, both, 2, pw, false, NULL, &e) != ERR_OK) {
			rc = cli_fail(&e);
			goto out;
		}
	}
	if (demo_roster(st, a, both, &e) != ERR_OK || demo_consents(st, a, kons, &e) != ERR_OK) {
		rc = cli_fail(&e);
		goto out;
	}
	if (demo_activity(st, &facts, &e) != ERR_OK || demo_plans(st, &facts, &e) != ERR_OK ||
	    demo_clinical(st, &facts, &e) != ERR_OK || demo_measures(st, &facts, &e) != ERR_OK ||
	    demo_notes(st, &facts, &e) != ERR_OK || demo_casemgmt(st, &facts, &e) != ERR_OK ||
	    demo_alumni(st, &facts, pw, &e) != ERR_OK ||
	    demo_aftercare(st, &facts, &e) != ERR_OK ||
	    demo_care_teams(st, &facts, &e) != ERR_OK) {
		rc = cli_fail(&e);
		goto out;
	}
	printf("demo clinic written to %s: 2 sites, 4 tracks, %d clients, staff of every role,\n"
	    "inquiries at every stage, admitted clients in every track, each track's\n"
	    "sessions from three weeks ago to five weeks ahead, the groups held so far\n"
	    "with their attendance, appointments\n", cli_db_path(db),
	    DEMO_CLIENTS);
	rc = EXIT_OK;
out:
	free(kons);
	arena_free(a);
	store_close(st);
	return rc;
}

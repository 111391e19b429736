/*
 * demo_casemgmt.c — case management for the demo clinic: an address book of
 * made-up outside organisations (555 phone numbers), and two admitted
 * clients with assessed needs, referrals in every state and a court date in
 * three days, so the chart's Case management section and the case
 * manager's "Case management due" list show them at work.
 *
 * Every record goes through the operation the app uses (ops/casemgmt.c),
 * acting as the demo case manager, one job each with its console audit row.
 * cmd_demo calls it once, on a new database, after demo_activity.
 */
#include <string.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "lib/timeutil.h"
#include "ops/casemgmt.h"

#define DAY 86400

struct cm {
	struct store *st;
	struct arena *a;
	struct actor who;
	int64_t now;
	struct error *e;
};

static const struct cm_resource resources[] = {
	{ .name = "Lakeside Legal Aid Clinic", .kind = "legal_aid",
	  .address = "210 Lakeside Avenue, Suite 3", .phone = "555-0110",
	  .email = "intake@lakeside-legal.invalid", .website = "lakeside-legal.invalid",
	  .notes = "Free help with court dates, fines and record sealing. Walk-in Tuesdays." },
	{ .name = "Maple Street Housing Partnership", .kind = "housing",
	  .address = "48 Maple Street", .phone = "555-0120", .email = "beds@maple-housing.invalid",
	  .website = "", .notes = "Transitional and sober-living beds; call before 10 am." },
	{ .name = "Northside Community Health Center", .kind = "medical_clinic",
	  .address = "9 Northside Plaza", .phone = "555-0130", .email = "",
	  .website = "northside-health.invalid", .notes = "Primary care on a sliding scale." },
	{ .name = "Good Neighbor Food Pantry", .kind = "food_bank", .address = "77 Church Road",
	  .phone = "555-0140", .email = "", .website = "", .notes = "Open Mon, Wed, Fri 1-5 pm." },
	{ .name = "Bridgeway Job Center", .kind = "employment", .address = "5 Bridgeway",
	  .phone = "555-0150", .email = "jobs@bridgeway.invalid", .website = "",
	  .notes = "Résumés, interview practice, second-chance employers." },
	{ .name = "Ride Together Transit Vouchers", .kind = "transport", .address = "",
	  .phone = "555-0160", .email = "", .website = "", .notes = "Bus passes for treatment days." },
	{ .name = "Little Sprouts Child Care Co-op", .kind = "childcare",
	  .address = "31 Orchard Lane", .phone = "555-0170", .email = "", .website = "",
	  .notes = "Drop-in care during group hours." },
	{ .name = "Cedar Valley SMART Recovery", .kind = "mutual_help", .address = "Library annex",
	  .phone = "555-0180", .email = "", .website = "", .notes = "Thursday evenings." },
};
#define NRES (sizeof resources / sizeof resources[0])

static enum err
op(struct cm *x, op_run_fn run, const void *in, const char *action, const char *rtype,
    int64_t *id)
{
	return demo_op(x->st, x->a, &x->who, run, in, action, rtype, id, x->e);
}

static const char *
day_text(struct cm *x, int days)
{
	char d[11];

	date_format(date_from_unix(x->now + (int64_t)days * DAY), d);
	return arena_strdup(x->a, d);
}

static enum err
need(struct cm *x, int64_t client, const char *domain, const char *status, const char *notes,
    bool legal)
{
	struct cm_need out;
	struct cm_need_in in = { .out = &out };

	in.n = (struct cm_need){ .client_id = client, .domain = domain, .status = status,
	    .notes = notes, .lawyer_name = "", .lawyer_phone = "", .officer_kind = "",
	    .officer_name = "", .officer_phone = "" };
	if (legal) {
		in.n.lawyer_name = "Ana Ortiz (public defender)";
		in.n.lawyer_phone = "555-0111";
		in.n.officer_kind = "probation";
		in.n.officer_name = "Officer Sam Reyes";
		in.n.officer_phone = "555-0112";
	}
	return op(x, op_cm_need_set_run, &in, "need.update", "need", NULL);
}

/* A referral, moved on through the statuses listed ("accepted",
 * "completed"; NULL-terminated). */
static enum err
referral(struct cm *x, int64_t client, int64_t resource, const char *domain, int follow_days,
    const char *notes, const char *const *moves)
{
	struct cm_referral out;
	struct cm_referral_in in = { .out = &out };
	int64_t id = 0;

	in.f = (struct cm_referral){ .client_id = client, .resource_id = resource,
	    .domain = domain, .follow_up_on = follow_days == -999 ? "" : day_text(x, follow_days),
	    .notes = notes };
	if (in.f.follow_up_on == NULL)
		return error_set(x->e, ERR_NOMEM, "out of memory");
	if (op(x, op_cm_referral_create_run, &in, "referral.create", "referral", &id) != ERR_OK)
		return x->e->code;
	for (int i = 0; moves != NULL && moves[i] != NULL; i++) {
		struct cm_referral_in mv = { .id = id, .out = &out };
		mv.f.status = moves[i];
		mv.note = strcmp(moves[i], "declined") == 0 ? "Client chose to use the bus pass "
		    "from work instead" : "";
		if (op(x, op_cm_referral_status_run, &mv, "referral.status", "referral", NULL) !=
		    ERR_OK)
			return x->e->code;
	}
	return ERR_OK;
}

enum err
demo_casemgmt(struct store *st, const struct demo_facts *f, struct error *e)
{
	static const char *const accepted[] = { "accepted", NULL };
	static const char *const completed[] = { "accepted", "completed", NULL };
	static const char *const declined[] = { "declined", NULL };
	int64_t res[NRES];
	struct cm x;
	enum err rc = ERR_OK;

	memset(&x, 0, sizeof x);
	x.st = st;
	x.e = e;
	x.now = f->now;
	if ((x.a = arena_new(0)) == NULL)
		return error_set(e, ERR_NOMEM, "out of memory");
	if ((rc = demo_staff_actor(st, x.a, "case_manager", f->now, &x.who, e)) != ERR_OK)
		goto out;
	for (size_t i = 0; i < NRES; i++) {
		struct cm_resource out;
		struct cm_resource_in in = { .set = resources[i], .out = &out };
		in.set.active = true;
		if ((rc = op(&x, op_cm_resource_create_run, &in, "resource.create", "resource",
		    &res[i])) != ERR_OK)
			goto out;
	}
	{
		int64_t c = f->clients[0];
		struct cm_court_date out;
		struct cm_court_in court = { .out = &out };

		court.d = (struct cm_court_date){ .client_id = c, .on_date = day_text(&x, 3),
		    .court = "County Court, room 4", .purpose = "Probation review hearing" };
		if ((rc = need(&x, c, "housing", "need_identified", "Staying with a cousin until "
		    "the end of the month; needs a sober-living bed.", false)) != ERR_OK ||
		    (rc = need(&x, c, "legal", "in_progress", "On probation; review hearing soon.",
		    true)) != ERR_OK ||
		    (rc = need(&x, c, "employment_education", "no_need", "Works nights at a "
		    "warehouse.", false)) != ERR_OK ||
		    (rc = referral(&x, c, res[1], "housing", 0, "Called intake together; "
		    "waiting for a bed.", NULL)) != ERR_OK ||
		    (rc = referral(&x, c, res[0], "legal", 6, "Help preparing for the review "
		    "hearing.", accepted)) != ERR_OK ||
		    (rc = op(&x, op_cm_court_add_run, &court, "court_date.create", "court_date",
		    NULL)) != ERR_OK)
			goto out;
	}
	{
		int64_t c = f->clients[1];

		if ((rc = need(&x, c, "medical", "in_progress", "No primary care doctor since "
		    "moving here.", false)) != ERR_OK ||
		    (rc = need(&x, c, "transport", "met", "", false)) != ERR_OK ||
		    (rc = need(&x, c, "financial", "need_identified", "Behind on rent; food runs "
		    "short at the end of the month.", false)) != ERR_OK ||
		    (rc = referral(&x, c, res[2], "medical", -999, "First visit booked.",
		    completed)) != ERR_OK ||
		    (rc = referral(&x, c, res[5], "transport", -999, "", declined)) != ERR_OK ||
		    (rc = referral(&x, c, res[3], "financial", -2, "Gave the pantry's hours.",
		    NULL)) != ERR_OK)
			goto out;
	}
out:
	arena_free(x.a);
	return rc;
}

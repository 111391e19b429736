/*
 * discharge.c (ops) — an episode's end: discharge, and a transfer to another
 * level that opens the next episode (see ops/discharge.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/schedule.h"
#include "ops/alumni.h"
#include "ops/discharge.h"
#include "ops/schedule.h"

static enum err
nomem(struct error *e)
{
	return error_set(e, ERR_NOMEM, "Out of memory.");
}

/* The episode ep's site's today, and the instant its day after `on` begins
 * (from then appointments go); the zone kept in *zone for the caller (to
 * free) when zone is not NULL. */
static enum err
site_day(struct store_tx *tx, int64_t site_id, int64_t now, struct date on, struct arena *a,
    struct date *today, int64_t *after, struct tz **zone, struct error *e)
{
	struct site site;
	struct tz *z;
	int64_t end;

	if (store_tx_site_get(tx, site_id, a, &site, e) != ERR_OK ||
	    op_site_zone(&site, &z, e) != ERR_OK)
		return e->code;
	*today = local_date(z, now);
	if (after != NULL && date_valid(on))
		wall_to_instants(z, date_from_days(date_days(on) + 1), 0, 0, after, &end);
	if (zone != NULL)
		*zone = z;
	else
		free(z);
	return ERR_OK;
}

/* The discharge itself, in the site's zone z (the alumni check-ins' days). */
static enum err
discharge_in(struct store_tx *tx, const struct actor *who, const struct episode_discharge_in *in,
    struct episode *ep, const struct tz *z, struct date today, int64_t after,
    struct op_result *res, struct error *e)
{
	int64_t cancelled = 0, sessions = 0;
	struct date next;
	int checkins = 0;

	if (discharge_check(ep, in->type, in->reason, in->to, in->date, today, e) != ERR_OK)
		return e->code;
	next = date_from_days(date_days(in->date) + 1);
	if (store_tx_discharge_sessions(tx, ep->id, next, &sessions, e) != ERR_OK)
		return e->code;
	ep->discharge_type = in->type;
	ep->discharge_reason = in->reason;
	ep->discharged_to = in->to;
	if (store_tx_episode_discharge(tx, ep, in->date, next, who->staff_id, e) != ERR_OK)
		return e->code;
	if (store_tx_discharge_appointments(tx, ep->client_id, after, DISCHARGE_CANCEL_REASON,
	    who->staff_id, &cancelled, e) != ERR_OK)
		return e->code;
	/* The alumni check-ins, in the same transaction (ops/alumni.c). */
	if (alumni_plan_checkins(tx, ep, in->date, z, res->arena, &checkins, e) != ERR_OK)
		return e->code;
	if (in->cancelled != NULL)
		*in->cancelled = cancelled;
	if (in->out != NULL && store_tx_episode_get(tx, ep->id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = ep->id;
	if (op_touched(res, ep->client_id) != ERR_OK)
		return nomem(e);
	res->detail = arena_printf(res->arena, "type=%s; sessions_left=%lld; "
	    "appointments_cancelled=%lld; alumni_checkins=%d", in->type, (long long)sessions,
	    (long long)cancelled, checkins);
	return res->detail == NULL ? nomem(e) : ERR_OK;
}

enum err
op_episode_discharge(struct store_tx *tx, const struct actor *who,
    const struct episode_discharge_in *in, struct op_result *res, struct error *e)
{
	struct episode ep;
	struct date today = { 0, 0, 0 };
	struct tz *z = NULL;
	int64_t after = 0;
	enum err rc;

	if (episode_read(tx, in->episode_id, res->arena, &ep, e) != ERR_OK)
		return e->code;
	/* The site's zone, loaded once: today, the day after, the check-ins. */
	if (site_day(tx, ep.site_id, who->now, in->date, res->arena, &today, &after, &z, e) !=
	    ERR_OK)
		return e->code;
	rc = discharge_in(tx, who, in, &ep, z, today, after, res, e);
	free(z);
	return rc;
}

/* Is staff member id active and a clinician? */
static bool
clinician_ok(struct store_tx *tx, int64_t id, struct arena *a)
{
	struct staff st;
	struct error se;

	error_clear(&se);
	return store_tx_staff_get(tx, id, a, &st, &se) == ERR_OK && st.active &&
	    (st.roles & (1u << ROLE_CLINICIAN));
}

/* The newest signed version of from's plan, as a draft of episode to. */
static enum err
plan_forward(struct store_tx *tx, const struct actor *who, int64_t from, int64_t to,
    struct arena *a, int64_t *plan_id, struct error *e)
{
	struct plan p, next;
	int64_t id = 0;

	*plan_id = 0;
	if (store_tx_plan_latest_signed(tx, from, &id, e) != ERR_OK)
		return e->code;
	if (id == 0)
		return ERR_OK;
	if (store_tx_plan_get(tx, id, a, &p, e) != ERR_OK)
		return e->code;
	memset(&next, 0, sizeof next);
	next.episode_id = to;
	next.client_id = p.client_id;
	next.version = 1;
	next.created_by = who->staff_id;
	next.created_at = who->now;
	/* The content and the objectives' keys, for review at the new level. */
	next.problems = p.problems;
	next.nproblems = p.nproblems;
	if (store_tx_plan_insert(tx, &next, e) != ERR_OK)
		return e->code;
	*plan_id = next.id;
	return ERR_OK;
}

enum err
op_episode_transfer(struct store_tx *tx, const struct actor *who,
    const struct episode_transfer_in *in, struct op_result *res, struct error *e)
{
	struct episode ep, nx;
	struct track t;
	struct site site;
	struct date today = { 0, 0, 0 };
	const char *type = NULL;
	struct error fe;
	int64_t plan_id = 0;

	if (episode_read(tx, in->episode_id, res->arena, &ep, e) != ERR_OK)
		return e->code;
	if (site_day(tx, ep.site_id, who->now, in->date, res->arena, &today, NULL, NULL, e) !=
	    ERR_OK)
		return e->code;
	transfer_check(&ep, in->level, in->step_down_weeks, in->reason, in->date, today, &type,
	    e);
	if (in->track_id <= 0) {
		error_field(e, "track_id", "is required: the track the client joins at the new "
		    "level");
	} else {
		error_clear(&fe);
		if (store_tx_track_get(tx, in->track_id, res->arena, &t, &fe) != ERR_OK) {
			if (fe.code != ERR_NOTFOUND) {
				*e = fe;
				return e->code;
			}
			error_field(e, "track_id", "names a track that does not exist");
		} else if (!t.active) {
			error_field(e, "track_id", "is a track no longer run: choose an active one");
		} else if (in->level != NULL && strcmp(t.level_of_care, in->level) != 0) {
			error_field(e, "track_id", "is a track at level %s, not %s: choose a track "
			    "at the new level", t.level_of_care, in->level);
		} else if (in->site_id != 0 && t.site_id != in->site_id) {
			error_field(e, "site_id", "is not the track's site: leave it out, or choose a "
			    "track at that site");
		}
	}
	if (in->primary_clinician != 0 && !clinician_ok(tx, in->primary_clinician, res->arena))
		error_field(e, "primary_clinician_id", "must be an active staff member with the "
		    "clinician role");
	if (e->code != ERR_OK)
		return e->code;
	if (store_tx_site_get(tx, t.site_id, res->arena, &site, e) != ERR_OK)
		return e->code;
	ep.discharge_type = type;
	ep.discharge_reason = in->reason;
	ep.discharged_to = arena_printf(res->arena, "Level %s, %s at %s", in->level, t.name,
	    site.name);
	if (ep.discharged_to == NULL)
		return nomem(e);
	/* The old episode's places end the day before: the new one's from the date. */
	if (store_tx_episode_discharge(tx, &ep, in->date, in->date, who->staff_id, e) != ERR_OK)
		return e->code;
	nx = ep;
	nx.id = 0;
	nx.level = in->level;
	nx.site_id = t.site_id;
	nx.track_id = t.id;
	nx.admitted_on = in->date;
	if (in->primary_clinician != 0)
		nx.primary_clinician = in->primary_clinician;
	nx.privacy_notice_given = true;	/* given at the first admission; it still holds */
	nx.inquiry_id = 0;
	memset(&nx.acknowledged, 0, sizeof nx.acknowledged);
	nx.discharge_type = nx.discharge_reason = nx.discharged_to = "";
	nx.discharged_on = "";
	if (store_tx_episode_insert(tx, &nx, who->staff_id, e) != ERR_OK)
		return e->code;
	if (store_tx_episode_set_transfer(tx, nx.id, ep.id, in->step_down_weeks, e) != ERR_OK)
		return e->code;
	if (schedule_enrol_admitted(tx, nx.client_id, nx.id, nx.track_id, nx.admitted_on,
	    who->staff_id, res->arena, e) != ERR_OK)
		return e->code;
	if (plan_forward(tx, who, ep.id, nx.id, res->arena, &plan_id, e) != ERR_OK)
		return e->code;
	if (in->plan_id != NULL)
		*in->plan_id = plan_id;
	if (in->out != NULL && store_tx_episode_get(tx, nx.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = nx.id;
	if (op_touched(res, nx.client_id) != ERR_OK)
		return nomem(e);
	res->detail = arena_printf(res->arena, "from_episode=%lld; type=%s; level=%s; "
	    "step_down_weeks=%d; plan_carried=%lld", (long long)ep.id, type, in->level,
	    in->step_down_weeks, (long long)plan_id);
	return res->detail == NULL ? nomem(e) : ERR_OK;
}

/* ---- the discharge summary ---- */

static enum err
dsummary_read(struct store_tx *tx, int64_t id, struct op_result *res, struct dsummary *d,
    struct error *e)
{
	struct error fe;

	error_clear(&fe);
	if (store_tx_dsummary_get(tx, id, res->arena, d, &fe) == ERR_OK)
		return ERR_OK;
	if (fe.code == ERR_NOTFOUND)
		return error_set(e, ERR_NOTFOUND, "Discharge summary %lld not found.",
		    (long long)id);
	*e = fe;
	return e->code;
}

enum err
op_dsummary_create(struct store_tx *tx, const struct actor *who,
    const struct dsummary_create_in *in, struct op_result *res, struct error *e)
{
	struct episode ep;
	struct dsummary d;
	const char *given;

	if (episode_read(tx, in->episode_id, res->arena, &ep, e) != ERR_OK)
		return e->code;
	if (ep.status != NULL && strcmp(ep.status, "discharged") != 0)
		return error_set(e, ERR_CONFLICT, "This episode is still open: discharge the client "
		    "first; the summary is drafted from the discharge.");
	memset(&d, 0, sizeof d);
	d.episode_id = ep.id;
	d.client_id = ep.client_id;
	d.created_by = who->staff_id;
	if (store_tx_dsummary_draft(tx, &ep, res->arena, &d, e) != ERR_OK)
		return e->code;
	/* An empty part says so, rather than looking forgotten. */
	if (d.scores == NULL || *d.scores == '\0')
		d.scores = "No instrument recorded.";
	if (d.medications == NULL || *d.medications == '\0')
		d.medications = "None recorded.";
	if (d.progress == NULL || *d.progress == '\0')
		d.progress = "No signed treatment plan in this episode.";
	given = ep.discharge_reason != NULL && *ep.discharge_reason ? ep.discharge_reason : "";
	d.reason = arena_printf(res->arena, "Discharged on %s: %s%s%s.%s%s", ep.discharged_on,
	    discharge_type_words(ep.discharge_type),
	    ep.discharged_to && *ep.discharged_to ? ", to " : "",
	    ep.discharged_to ? ep.discharged_to : "", *given ? " " : "", given);
	d.recommendations = "";
	if (d.reason == NULL)
		return nomem(e);
	if (store_tx_dsummary_insert(tx, &d, e) != ERR_OK)
		return e->code;
	if (in->out != NULL && store_tx_dsummary_get(tx, d.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = d.id;
	return op_touched(res, d.client_id) != ERR_OK ? nomem(e) : ERR_OK;
}

/* The field's text, or the field named when it is too long. */
static const char *
text_or(const char *given, const char *kept, const char *name, struct error *e)
{
	if (given == NULL)
		return kept;
	if (strlen(given) > DSUMMARY_TEXT_MAX)
		error_field(e, name, "is longer than %d characters", DSUMMARY_TEXT_MAX);
	return given;
}

enum err
op_dsummary_update(struct store_tx *tx, const struct actor *who,
    const struct dsummary_update_in *in, struct op_result *res, struct error *e)
{
	struct dsummary d;

	if (dsummary_read(tx, in->id, res, &d, e) != ERR_OK)
		return e->code;
	res->id = d.id;
	if (op_touched(res, d.client_id) != ERR_OK)
		return nomem(e);
	if (strcmp(d.status, "draft") != 0)
		return error_set(e, ERR_CONFLICT, "This discharge summary is signed: it is locked "
		    "and cannot be changed.");
	d.reason = text_or(in->d.reason, d.reason, "reason", e);
	d.services = text_or(in->d.services, d.services, "services", e);
	d.progress = text_or(in->d.progress, d.progress, "progress", e);
	d.scores = text_or(in->d.scores, d.scores, "scores", e);
	d.medications = text_or(in->d.medications, d.medications, "medications", e);
	d.recommendations = text_or(in->d.recommendations, d.recommendations, "recommendations",
	    e);
	if (e->code != ERR_OK)
		return e->code;
	if (store_tx_dsummary_update(tx, &d, who->staff_id, e) != ERR_OK)
		return e->code;
	return in->out != NULL ? store_tx_dsummary_get(tx, d.id, res->arena, in->out, e) : ERR_OK;
}

enum err
op_dsummary_sign(struct store_tx *tx, const struct actor *who,
    const struct dsummary_sign_in *in, struct op_result *res, struct error *e)
{
	struct dsummary d;

	if (dsummary_read(tx, in->id, res, &d, e) != ERR_OK)
		return e->code;
	res->id = d.id;
	if (op_touched(res, d.client_id) != ERR_OK)
		return nomem(e);
	if (strcmp(d.status, "draft") != 0)
		return error_set(e, ERR_CONFLICT, "This discharge summary is signed already.");
	if (store_tx_dsummary_sign(tx, d.id, who->staff_id, e) != ERR_OK)
		return e->code;
	return in->out != NULL ? store_tx_dsummary_get(tx, d.id, res->arena, in->out, e) : ERR_OK;
}

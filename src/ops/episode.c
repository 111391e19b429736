/*
 * episode.c — admission into an episode of care: the facts read in the
 * transaction, the rule of core/episode.c, the write.
 */
#include <string.h>

#include "lib/buf.h"
#include "ops/episode.h"
#include "ops/schedule.h"

/* Is staff member id active and of the role?  False when there is none. */
static bool
staff_has_role(struct store_tx *tx, int64_t id, enum role role, struct arena *a)
{
	struct staff st;
	struct error se;

	error_clear(&se);
	return store_tx_staff_get(tx, id, a, &st, &se) == ERR_OK && st.active &&
	    (st.roles & (1u << role));
}

static enum err
nomem(struct error *e)
{
	return error_set(e, ERR_NOMEM, "Out of memory.");
}

/* The refusal shows the alerts the admitter has not acknowledged. */
static enum err
refuse_unseen(const struct episode *ep, const struct admit_facts *f,
    const struct episode_admit_in *in, struct op_result *res, struct error *e)
{
	/* The audit action of the read this refusal is (audit_words.c names it). */
	const char *action = "episode.alerts_shown";
	struct alert *out;
	struct buf ids;
	size_t n = 0;

	if ((out = arena_alloc(res->arena, f->nalerts * sizeof *out)) == NULL)
		return nomem(e);
	buf_init(&ids, 0);
	buf_puts(&ids, "alerts=");
	for (size_t i = 0; i < f->nalerts; i++) {
		if (!episode_alert_unseen(ep, &f->alerts[i]))
			continue;
		buf_printf(&ids, "%s%lld", n ? "," : "", (long long)f->alerts[i].id);
		out[n++] = f->alerts[i];
	}
	if (in->unseen != NULL) {
		*in->unseen = out;
		*in->nunseen = n;
	}
	res->refusal_shows = action;
	res->detail = arena_strdup(res->arena, buf_cstr(&ids));
	buf_free(&ids);
	if (res->detail == NULL || op_touched(res, ep->client_id) != ERR_OK)
		return nomem(e);
	return ERR_CONFLICT;
}

/* The client's inquiries still on the board move to admitted; the follow-ups
 * of those and of the inquiry named close. */
static enum err
admit_inquiries(struct store_tx *tx, const struct actor *who, const struct episode *ep,
    struct op_result *res, struct buf *detail, struct error *e)
{
	struct inquiry *qs;
	size_t n, moved = 0;

	if (store_tx_inquiry_list_client(tx, ep->client_id, res->arena, &qs, &n, e) != ERR_OK)
		return e->code;
	for (size_t i = 0; i < n; i++) {
		struct inquiry *q = &qs[i];
		bool now = inquiry_admitted(q, ep->client_id);
		if (!now && q->id != ep->inquiry_id)
			continue;
		if (now) {
			q->updated_at = who->now;
			if (store_tx_inquiry_update(tx, q, e) != ERR_OK)
				return e->code;
			buf_printf(detail, "%s%lld", moved++ ? "," : "; inquiries_admitted=",
			    (long long)q->id);
		}
		if (store_tx_followups_close(tx, q->id, who->staff_id, "Closed: the client was "
		    "admitted.", e) != ERR_OK)
			return e->code;
	}
	return ERR_OK;
}

enum err
op_episode_admit(struct store_tx *tx, const struct actor *who,
    const struct episode_admit_in *in, struct op_result *res, struct error *e)
{
	struct episode *ep = in->out;
	struct admit_facts f;
	struct client c;
	struct site site;
	struct track t;
	struct error fe;
	const char **levels;
	struct alert *alerts;
	struct buf detail;
	enum err rc;

	*ep = in->ep;
	memset(&f, 0, sizeof f);
	if (episode_admit_check_input(ep, date_from_unix(who->now), e) != ERR_OK)
		return e->code;
	if (store_tx_client_get(tx, ep->client_id, res->arena, &c, e) != ERR_OK)
		return e->code;
	f.client_active = c.active;
	if (store_tx_episode_open_count(tx, c.id, &f.open_episodes, e) != ERR_OK)
		return e->code;
	error_clear(&fe);
	f.site_found = store_tx_site_get(tx, ep->site_id, res->arena, &site, &fe) == ERR_OK;
	if (ep->track_id != 0) {
		error_clear(&fe);
		if (store_tx_track_get(tx, ep->track_id, res->arena, &t, &fe) == ERR_OK) {
			f.track_found = true;
			f.track_site_id = t.site_id;
			f.track_level = t.level_of_care;
		}
	}
	f.clinician_ok = staff_has_role(tx, ep->primary_clinician, ROLE_CLINICIAN, res->arena);
	f.case_manager_ok = ep->case_manager != 0 &&
	    staff_has_role(tx, ep->case_manager, ROLE_CASE_MANAGER, res->arena);
	if (ep->inquiry_id != 0) {
		struct inquiry q;
		error_clear(&fe);
		f.inquiry_ok = store_tx_inquiry_get(tx, ep->inquiry_id, res->arena, &q, &fe) ==
		    ERR_OK && q.client_id == c.id;
	}
	if (store_tx_levels_offered(tx, res->arena, &levels, &f.nlevels, e) != ERR_OK ||
	    store_tx_alert_list_client(tx, c.id, res->arena, &alerts, &f.nalerts, e) != ERR_OK)
		return e->code;
	f.levels = (const char *const *)levels;
	f.alerts = alerts;
	if (episode_admit_check(ep, &f, e) != ERR_OK) {
		/* The other conflicts (inactive, in care) are found first. */
		if (e->code == ERR_CONFLICT && f.client_active && f.open_episodes == 0)
			return refuse_unseen(ep, &f, in, res, e);
		return e->code;
	}
	if (store_tx_episode_insert(tx, ep, who->staff_id, e) != ERR_OK)
		return e->code;
	/* The track's rosters from the admission date on. */
	if (schedule_enrol_admitted(tx, ep->client_id, ep->id, ep->track_id, ep->admitted_on,
	    who->staff_id, res->arena, e) != ERR_OK)
		return e->code;
	res->id = ep->id;
	if (op_touched(res, c.id) != ERR_OK)
		return nomem(e);
	buf_init(&detail, 0);
	buf_printf(&detail, "level=%s", ep->level);
	for (int i = 0; i < ep->acknowledged.n; i++)
		buf_printf(&detail, "%s%lld", i ? "," : "; acknowledged_alerts=",
		    (long long)ep->acknowledged.id[i]);
	rc = admit_inquiries(tx, who, ep, res, &detail, e);
	if (rc == ERR_OK && (res->detail = arena_strdup(res->arena, buf_cstr(&detail))) == NULL)
		rc = nomem(e);
	buf_free(&detail);
	return rc;
}

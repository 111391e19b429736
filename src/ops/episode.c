/*
 * episode.c — admission into an episode of care: the facts read in the
 * transaction, the rule of core/episode.c, the write.
 */
#include <string.h>

#include "ops/episode.h"

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
	if (episode_admit_check(ep, &f, e) != ERR_OK)
		return e->code;
	if (store_tx_episode_insert(tx, ep, who->staff_id, e) != ERR_OK)
		return e->code;
	res->id = ep->id;
	return op_touched(res, c.id) == ERR_OK ? ERR_OK :
	    error_set(e, ERR_NOMEM, "Out of memory.");
}

/*
 * episode.h — operations on episodes of care: admission.
 */
#ifndef IOP_OPS_EPISODE_H
#define IOP_OPS_EPISODE_H

#include "core/episode.h"
#include "ops/ops.h"

/* ep: what is asked (client_id, level, site, track, dates, staff, notice,
 * inquiry, the alerts acknowledged); admitted_on set (the caller's today
 * when none was given).  On success *out is the episode made (id filled).
 * Refused because of open high-risk alerts the admission does not
 * acknowledge, *unseen holds them (nunseen, in the result's arena). */
struct episode_admit_in {
	struct episode ep;
	struct episode *out;
	struct alert **unseen;
	size_t *nunseen;
};

/*
 * Admit a client: the client exists, is active and has no open episode;
 * the site exists; the track (if any) is the site's, at the level; the
 * primary clinician is an active clinician and the case manager an active
 * case manager; the inquiry (if any) was converted to this client; the
 * privacy notice was given and the date is not in the future; the level is
 * one an active track provides; every open high-risk alert of the client is
 * acknowledged (else ERR_CONFLICT, the alerts shown: res names the client
 * and refusal_shows the audit action).  The acknowledgement is kept on the
 * episode and in the audit detail.  Every inquiry converted to the client
 * that is still on the board moves to admitted, and its open follow-ups
 * close.
 */
OP_DECLARE(op_episode_admit, struct episode_admit_in)

#endif

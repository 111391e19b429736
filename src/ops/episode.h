/*
 * episode.h — operations on episodes of care: admission.
 */
#ifndef IOP_OPS_EPISODE_H
#define IOP_OPS_EPISODE_H

#include "core/episode.h"
#include "ops/ops.h"

/* ep: what is asked (client_id, level, site, track, dates, staff, notice,
 * inquiry); admitted_on set (the caller's today when none was given).  On
 * success *out is the episode made (id filled). */
struct episode_admit_in {
	struct episode ep;
	struct episode *out;
};

/*
 * Admit a client: the client exists, is active and has no open episode;
 * the site exists; the track (if any) is the site's, at the level; the
 * primary clinician is an active clinician and the case manager an active
 * case manager; the inquiry (if any) was converted to this client; the
 * privacy notice was given and the date is not in the future.
 */
OP_DECLARE(op_episode_admit, struct episode_admit_in)

#endif

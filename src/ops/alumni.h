/*
 * alumni.h — operations of the alumni program (issue 14, item 4): the
 * check-ins a discharge plans, a call recorded on one (which may start a
 * readmission inquiry), alumni events and RSVPs.
 */
#ifndef IOP_OPS_ALUMNI_H
#define IOP_OPS_ALUMNI_H

#include "core/alumni.h"
#include "core/episode.h"
#include "ops/ops.h"
#include "store/alumni.h"

/*
 * Inside the discharge of ep on `on` (its type ep->discharge_type): the five
 * check-ins, each with a task of kind alumni_checkin due at 09:00 at the
 * site on its day (z: the site's zone, as the discharge loaded it), for the
 * alumni coordinator (store_tx_alumni_coordinator) or, when nobody has the
 * flag, the episode's primary clinician.  None for a type
 * alumni_checkins_for refuses.  *made: how many.
 */
enum err alumni_plan_checkins(struct store_tx *tx, const struct episode *ep, struct date on,
    const struct tz *z, struct arena *a, int *made, struct error *e);

/*
 * A call on check-in id (core/alumni.h alumni_call_check): recorded, the
 * task done when the check-in closes (reached, or the third attempt), and
 * when readmission is wanted a new inquiry on the admissions board linked
 * to the client, with their name and phone (source "alumni").  *out: the
 * check-in as now; *inquiry_id: the inquiry made (0: none).
 */
struct alumni_call_in {
	int64_t id;
	const char *outcome, *recovery_status, *notes;
	bool readmission_wanted;
	struct alumni_checkin *out;
	int64_t *inquiry_id;
};
OP_DECLARE(op_alumni_call, struct alumni_call_in)

/* A new alumni event (alumni_event_check; the site must exist). */
struct alumni_event_in {
	struct alumni_event ev;
	struct alumni_event *out;
};
OP_DECLARE(op_alumni_event_create, struct alumni_event_in)

/*
 * An alumnus's RSVP to event_id and whether they came: a field not given
 * (has_rsvp, has_attended false) keeps what was recorded.  The client must
 * be an alumnus (ERR_INVALID naming client_id otherwise).  Touches the
 * client.  *out: as recorded.
 */
struct alumni_rsvp_in {
	int64_t event_id, client_id;
	bool has_rsvp, has_attended;
	const char *rsvp;		/* yes | no | maybe */
	int attended;			/* -1 (null), 0, 1 */
	struct alumni_rsvp *out;
};
OP_DECLARE(op_alumni_rsvp, struct alumni_rsvp_in)

#endif

/*
 * decoders.h — the request-body decoders by name, each a table of fields
 * (fields.h) defined beside the handler that uses it and listed for the
 * fuzz target in decoders.c.  Private to src/http/.
 */
#ifndef IOP_DECODERS_H
#define IOP_DECODERS_H

#include <stdbool.h>

#include <jansson.h>

#include "core/inquiry.h"
#include "http/fields.h"
#include "lib/arena.h"
#include "lib/err.h"

/* api_clients.c */
extern const struct fdecoder dec_client;		/* POST, PATCH a client */
extern const struct fdecoder dec_contact;		/* POST, PATCH a contact */
extern const struct fdecoder dec_client_active;	/* deactivate, reactivate a client */
/* api_directory.c */
extern const struct fdecoder dec_staff;			/* POST, PATCH a staff account */
extern const struct fdecoder dec_staff_password;	/* an admin resets a password */
extern const struct fdecoder dec_site;			/* POST, PATCH a site */
extern const struct fdecoder dec_room;			/* POST, PATCH a room */
/* api_setup.c */
extern const struct fdecoder dec_program;		/* PATCH the program's details */
extern const struct fdecoder dec_track;			/* POST, PATCH a track */
extern const struct fdecoder dec_track_block;		/* one of a track's blocks */
extern const struct fdecoder dec_sessions_generate;	/* POST .../sessions/generate */
extern const struct fdecoder dec_session_one_off;	/* POST /tracks/{id}/sessions */
extern const struct fdecoder dec_session_patch;		/* PATCH /sessions/{id} */
extern const struct fdecoder dec_closure;		/* POST /sites/{id}/closures */
extern const struct fdecoder dec_enrolment;		/* POST /clients/{id}/enrolments */
extern const struct fdecoder dec_attendance_record;	/* PUT /sessions/{id}/attendance */
/* auth.c */
extern const struct fdecoder dec_session;		/* sign in */
extern const struct fdecoder dec_me_password;		/* change one's own password */
/* api_alerts.c */
extern const struct fdecoder dec_alert_response;	/* resolve an alert */
/* api_screening.c */
extern const struct fdecoder dec_instrument_score;	/* score without storing */
extern const struct fdecoder dec_screening;		/* record an administration */
extern const struct fdecoder dec_screening_void;	/* void one, with a reason */
/* api_duty.c */
extern const struct fdecoder dec_duty_shift;		/* add a duty shift */
extern const struct fdecoder dec_duty_series;		/* add, change a repeating shift */
/* api_appointments.c */
extern const struct fdecoder dec_appointment;		/* book an appointment */
extern const struct fdecoder dec_appointment_reschedule;	/* a new time */
extern const struct fdecoder dec_appointment_cancel;	/* cancel, by whom and why */
extern const struct fdecoder dec_appointment_attendance;	/* the outcome */
/* api_feeds.c */
extern const struct fdecoder dec_feed;			/* POST /feeds {kind, id} */
/* api_plans.c: a plan version's content, nested, and its signatures */
extern const struct fdecoder dec_plan_content;		/* {"problems"} */
extern const struct fdecoder dec_plan_problem;
extern const struct fdecoder dec_plan_goal;
extern const struct fdecoder dec_plan_objective;
extern const struct fdecoder dec_plan_intervention;
extern const struct fdecoder dec_plan_sign;		/* the clinician's signature */
extern const struct fdecoder dec_plan_client_signature;	/* the client's, on a shared screen */
/* api_drugscreens.c */
extern const struct fdecoder dec_medication;		/* add, change a medication */
extern const struct fdecoder dec_drug_screen;		/* record a drug screen */
extern const struct fdecoder dec_drug_screen_results;	/* enter, correct its results */
extern const struct fdecoder dec_drug_screen_error;	/* mark it entered in error */
/* api_notes.c: a note's draft (nested shared part and parts) and addenda */
extern const struct fdecoder dec_note_patch;		/* PATCH /notes/{id} */
extern const struct fdecoder dec_note_shared;		/* a group note's shared part */
extern const struct fdecoder dec_note_part;		/* one client's part */
extern const struct fdecoder dec_note_addendum;	/* POST /notes/{id}/addenda */

/* The public form's body: the inquiry, and the honeypot field. */
struct inquiry_body {
	struct inquiry q;		/* first: the inquiry tables' offsets are into it */
	const char *website;
};

/*
 * A help, insurance or phone inquiry's body onto the struct inquiry at the
 * start of out (blank first), by the table of its kind: the public form's
 * (out a struct inquiry_body) or the staff's (a struct inquiry_create_in).
 */
void inquiry_from_json(json_t *o, bool public_form, void *out, struct arena *a,
    struct error *e);
/* An inquiry's answers that may be "not asked" (null): a voicemail or text
 * consent (enum consent) and the urgency (enum urgency). */
const char *parse_consent(json_t *v, void *dst, struct arena *a);
const char *parse_urgency(json_t *v, void *dst, struct arena *a);

/* api_episodes.c, api_inquiries.c, api_public.c, api_insurance.c, api_placement.c */
extern const struct fdecoder dec_episode_admit;
/* api_discharge.c */
extern const struct fdecoder dec_episode_discharge;
extern const struct fdecoder dec_episode_transfer;
extern const struct fdecoder dec_dsummary_update;
/* api_aftercare.c */
extern const struct fdecoder dec_aftercare_provider, dec_aftercare_first_appt,
    dec_aftercare_sober, dec_aftercare_crisis, dec_aftercare_update, dec_aftercare_group,
    dec_aftercare_med, dec_aftercare_sign;
extern const struct fdecoder dec_inquiry;		/* staff: help or phone */
extern const struct fdecoder dec_inquiry_insurance;	/* staff: insurance */
extern const struct fdecoder dec_public_help;
extern const struct fdecoder dec_public_insurance;
extern const struct fdecoder dec_inquiry_patch;
extern const struct fdecoder dec_inquiry_convert;
extern const struct fdecoder dec_inquiry_contact;
extern const struct fdecoder dec_inquiry_task;
extern const struct fdecoder dec_inquiry_merge;
extern const struct fdecoder dec_coverage;
extern const struct fdecoder dec_benefit;
extern const struct fdecoder dec_authorization;
extern const struct fdecoder dec_placement_table;
extern const struct fdecoder dec_placement_flag;
extern const struct fdecoder dec_placement_restore;
extern const struct fdecoder dec_placement_recommend;
extern const struct fdecoder dec_placement_record;


/* api_consents.c */
extern const struct fdecoder dec_consent;		/* POST /clients/{id}/consents */
extern const struct fdecoder dec_consent_revoke;	/* POST /consents/{id}/revoke */
extern const struct fdecoder dec_disclosure;		/* POST /clients/{id}/disclosures */
extern const struct fdecoder dec_dsummary_send;	/* POST /discharge-summaries/{id}/send */

/* api_casemgmt.c */
extern const struct fdecoder dec_cm_resource;		/* POST, PATCH a resource */
extern const struct fdecoder dec_cm_need;		/* PUT /clients/{id}/needs/{code} */
extern const struct fdecoder dec_cm_court;		/* POST /clients/{id}/court-dates */
extern const struct fdecoder dec_cm_referral;		/* POST /clients/{id}/referrals */
extern const struct fdecoder dec_cm_referral_status;	/* POST /referrals/{id}/status */
extern const struct fdecoder dec_cm_referral_patch;	/* PATCH /referrals/{id} */
/* api_care.c */
extern const struct fdecoder dec_care_member;		/* POST /clients/{id}/care-team */
extern const struct fdecoder dec_emergency_access;	/* POST /clients/{id}/emergency-access */
/* api_alumni.c */
extern const struct fdecoder dec_alumni_call;		/* POST /alumni/checkins/{id} */
extern const struct fdecoder dec_alumni_event;		/* POST /alumni/events */
extern const struct fdecoder dec_alumni_rsvp;		/* PUT .../rsvps/{client_id} */

#endif

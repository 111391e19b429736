/*
 * decoders.h — the request-body decoders by name, each a table of fields
 * (fields.h) defined beside the handler that uses it and listed for the
 * fuzz target in decoders.c.  Private to src/http/.
 */
#ifndef IOP_DECODERS_H
#define IOP_DECODERS_H

#include "http/fields.h"

/* api_clients.c */
extern const struct fdecoder dec_client;		/* POST, PATCH a client */
extern const struct fdecoder dec_contact;		/* POST, PATCH a contact */
/* api_directory.c */
extern const struct fdecoder dec_staff;			/* POST, PATCH a staff account */
extern const struct fdecoder dec_staff_password;	/* an admin resets a password */
extern const struct fdecoder dec_site;			/* POST, PATCH a site */
extern const struct fdecoder dec_room;			/* POST, PATCH a room */
/* auth.c */
extern const struct fdecoder dec_session;		/* sign in */
extern const struct fdecoder dec_me_password;		/* change one's own password */
/* api_alerts.c */
extern const struct fdecoder dec_alert_response;	/* resolve an alert */
/* api_screening.c */
extern const struct fdecoder dec_instrument_score;	/* score without storing */
extern const struct fdecoder dec_screening;		/* record an administration */
/* api_duty.c */
extern const struct fdecoder dec_duty_shift;		/* add a duty shift */

#endif

/*
 * screening.h — a recorded administration of a screening instrument: the
 * answers as given, the version and every computed score (instrument.h
 * scores; a risk flag raises an alert, alert.h says who answers it).
 */
#ifndef IOP_SCREENING_H
#define IOP_SCREENING_H

#include <stdint.h>

#include "lib/err.h"

/*
 * A screening belongs to a client, or to an inquiry before it is converted
 * (client_id 0, inquiry_id set); conversion gives it the client.  A voided
 * screening (entered in error) is kept, with who voided it, when and why;
 * it counts in no score, trend or open alert.
 */
struct screening_row {
	int64_t id, client_id, inquiry_id;
	const char *code, *version;
	const char *answers, *scores, *band, *flags;	/* JSON text, band plain */
	int64_t administered_by;
	const char *administered_by_name;
	int64_t administered_at;
	int64_t voided_at, voided_by;			/* 0: not voided */
	const char *voided_by_name, *void_reason;
};

/* The longest reason for voiding a screening. */
#define SCREENING_VOID_REASON_MAX 500

/* May s be voided for reason?  A reason is required (1-500 characters,
 * ERR_INVALID naming "reason"); a voided screening stays voided
 * (ERR_CONFLICT). */
enum err screening_void_check(const struct screening_row *s, const char *reason,
    struct error *e);

/* The response an alert is closed with when its screening is voided. */
#define SCREENING_VOIDED_RESPONSE "Closed: the screening that raised it was voided"

#endif

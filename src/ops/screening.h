/*
 * screening.h — operations on screenings: recording an administration, and
 * for each risk flag an alert on the client with a task for whoever answers
 * it (core/alert.h: alert_route).
 */
#ifndef IOP_OPS_SCREENING_H
#define IOP_OPS_SCREENING_H

#include "core/alert.h"
#include "core/inquiry.h"
#include "core/instrument.h"
#include "core/screening.h"
#include "ops/measure.h"
#include "ops/ops.h"

/* Who the alert tasks went to, and why. */
struct screening_record_out {
	struct screening_row row;	/* as stored (id, administered_at filled) */
	int64_t alerts;			/* alerts raised */
	int64_t assignee;		/* 0: nobody */
	const char *assignee_name, *why;
	int64_t site_id;		/* unclaimed: the site whose list it waits on */
	bool unclaimed;			/* nobody was on duty (core/alert.h) */
	struct measure_worsening worsening;	/* a repeated measure's (ops/measure.h) */
};

struct screening_record_in {
	struct screening_row row;	/* client_id or inquiry_id, code, version,
					 * answers, scores, band, flags (JSON text,
					 * encoded by the caller) */
	const struct instrument_result *result;	/* the scoring: its flags and alert */
	int64_t site_id;		/* where it was given; 0: not said */
	struct screening_record_out *out;
};

/*
 * The client exists, or the inquiry (the screening is then the inquiry's,
 * and its client's when it was converted), the site (when said) too.  Each risk flag raises an
 * alert and a task due now for the one alert_route picks from the facts.
 * res->detail, when alerts were raised, counts them and names the assignee.
 * A repeated measure that worsened since the previous administration in
 * the client's open episode raises one measure_worsened task in the same
 * transaction (measure_check_worsening).
 */
OP_DECLARE(op_screening_record, struct screening_record_in)

/* A screening entered in error, voided with a reason. */
struct screening_void_out {
	struct screening_row row;	/* as now stored */
	int64_t alerts_closed;		/* its open alerts, closed */
};
struct screening_void_in {
	int64_t id;
	const char *reason;
	struct screening_void_out *out;
};
/*
 * screening_void_check; the screening is kept, marked voided (who, when,
 * why), and its open alerts are resolved — kept in the history — with
 * SCREENING_VOIDED_RESPONSE, closing their tasks.  Nothing else of it
 * changes.  Touches its client; res->detail counts the alerts closed.
 */
OP_DECLARE(op_screening_void, struct screening_void_in)

#endif

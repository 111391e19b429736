/*
 * attendance.h — attendance at a group session: the statuses, the checks
 * of one record against the session's length, the minutes attended, and
 * whether a session may take attendance yet.
 *
 * Pure: no store, no clock of its own.
 */
#ifndef IOP_ATTENDANCE_H
#define IOP_ATTENDANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/err.h"

#define ATTENDANCE_RECORDS_MAX 200	/* a roster's records in one request */

/* One client's attendance at one session. */
struct attendance {
	int64_t session_id;
	int64_t client_id;
	const char *status;		/* a code of attendance_statuses */
	int late_minutes;		/* > 0 only when late */
	int left_early_minutes;		/* > 0 only when left early */
	int minutes;			/* attended: computed by attendance_minutes */
	int64_t recorded_by;		/* staff id; 0: the system */
	int64_t recorded_at;		/* unix seconds */
};

/* An earlier value of a corrected record, and who changed it when. */
struct attendance_change {
	struct attendance was;
	int64_t changed_by;
	int64_t changed_at;
};

/* "present", "late", "left_early", "absent_excused", "absent_unexcused". */
extern const char *const attendance_statuses[];
extern const int nattendance_statuses;
bool attendance_status_known(const char *code);
bool attendance_status_absent(const char *code);

/*
 * The faults of a (status, late_minutes, left_early_minutes) against a
 * session of session_minutes, added to e as <prefix>.status, .late_minutes,
 * .left_early_minutes (prefix "records[2]"; NULL: bare names).  A late
 * client needs late_minutes > 0, one who left early left_early_minutes > 0;
 * a late client may also have left early and the other way round, but the
 * two together stay under the session's minutes; present and absent take
 * neither.  Returns ERR_OK or ERR_INVALID.
 */
enum err attendance_validate(const struct attendance *x, int session_minutes,
    const char *prefix, struct error *e);

/* Minutes attended: the session's minutes less late arrival and early
 * leave; 0 when absent (never below 0). */
int attendance_minutes(const char *status, int late_minutes, int left_early_minutes,
    int session_minutes);

/* Whether two records say the same (status and minutes). */
bool attendance_same(const struct attendance *a, const struct attendance *b);

/*
 * Whether attendance may be recorded for a session starting at starts_at,
 * now: not when it is cancelled (ERR_CONFLICT), nor before it starts
 * (ERR_CONFLICT naming when, from its local date and start as given).
 */
enum err attendance_session_open(bool cancelled, int64_t starts_at, const char *local_date,
    int local_start_min, int64_t now, struct error *e);

#endif

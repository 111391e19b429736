/*
 * attendance.c — attendance at a group session (see attendance.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/attendance.h"

const char *const attendance_statuses[] = {
	"present", "late", "left_early", "absent_excused", "absent_unexcused",
};
const int nattendance_statuses = (int)(sizeof attendance_statuses /
    sizeof attendance_statuses[0]);

bool
attendance_status_known(const char *code)
{
	if (code == NULL)
		return false;
	for (int i = 0; i < nattendance_statuses; i++)
		if (strcmp(code, attendance_statuses[i]) == 0)
			return true;
	return false;
}

bool
attendance_status_absent(const char *code)
{
	return code != NULL && strncmp(code, "absent_", 7) == 0;
}

static void
fname(char *buf, size_t n, const char *prefix, const char *name)
{
	if (prefix != NULL && prefix[0] != '\0')
		snprintf(buf, n, "%s.%s", prefix, name);
	else
		snprintf(buf, n, "%s", name);
}

enum err
attendance_validate(const struct attendance *x, int session_minutes, const char *prefix,
    struct error *e)
{
	char fs[48], fl[48], fe[48];
	bool late, early;
	enum err bad = ERR_OK;

	fname(fs, sizeof fs, prefix, "status");
	fname(fl, sizeof fl, prefix, "late_minutes");
	fname(fe, sizeof fe, prefix, "left_early_minutes");
	if (!attendance_status_known(x->status))
		return error_field(e, fs, "must be present, late, left_early, absent_excused or "
		    "absent_unexcused");
	late = strcmp(x->status, "late") == 0;
	early = strcmp(x->status, "left_early") == 0;
	/* e may already hold other records' faults: count this one's own. */
	if (x->late_minutes < 0)
		bad = error_field(e, fl, "must be a number of minutes, 0 or more");
	if (x->left_early_minutes < 0)
		bad = error_field(e, fe, "must be a number of minutes, 0 or more");
	if (bad != ERR_OK)
		return bad;
	if (late && x->late_minutes == 0)
		bad = error_field(e, fl, "is required for a late arrival: how many minutes late");
	if (early && x->left_early_minutes == 0)
		bad = error_field(e, fe, "is required when the client left early: how many "
		    "minutes before the end");
	if (!late && !early) {
		if (x->late_minutes > 0)
			bad = error_field(e, fl, "goes with status late");
		if (x->left_early_minutes > 0)
			bad = error_field(e, fe, "goes with status left_early");
	}
	if (bad != ERR_OK)
		return bad;
	if (x->late_minutes >= session_minutes)
		return error_field(e, fl, "must be less than the session's %d minutes (a client "
		    "who missed it all is absent)", session_minutes);
	if (x->left_early_minutes >= session_minutes)
		return error_field(e, fe, "must be less than the session's %d minutes (a client "
		    "who missed it all is absent)", session_minutes);
	if (x->late_minutes + x->left_early_minutes >= session_minutes)
		return error_field(e, late ? fl : fe, "with the other minutes missed leaves no "
		    "time attended of the session's %d minutes: record the client absent",
		    session_minutes);
	return ERR_OK;
}

int
attendance_minutes(const char *status, int late_minutes, int left_early_minutes,
    int session_minutes)
{
	int m;

	if (!attendance_status_known(status) || attendance_status_absent(status))
		return 0;
	m = session_minutes - (late_minutes > 0 ? late_minutes : 0) -
	    (left_early_minutes > 0 ? left_early_minutes : 0);
	return m > 0 ? m : 0;
}

bool
attendance_same(const struct attendance *a, const struct attendance *b)
{
	return strcmp(a->status, b->status) == 0 && a->late_minutes == b->late_minutes &&
	    a->left_early_minutes == b->left_early_minutes;
}

enum err
attendance_session_open(bool cancelled, int64_t starts_at, const char *local_date,
    int local_start_min, int64_t now, struct error *e)
{
	if (cancelled)
		return error_set(e, ERR_CONFLICT, "The session is cancelled: attendance is not "
		    "recorded for a cancelled session (schedule it again first if it was held).");
	if (now < starts_at)
		return error_set(e, ERR_CONFLICT, "The session has not started yet (it starts on "
		    "%s at %02d:%02d): record attendance once it has begun.", local_date,
		    local_start_min / 60, local_start_min % 60);
	return ERR_OK;
}

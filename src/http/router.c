/*
 * router.c — the route table and the checks every request passes.
 *
 * A route is one line: method, path pattern, the permission it needs, flags,
 * its handler and the audit row it writes (AU: action, record type, where the
 * record id and the client come from; req.h).  The row is written here after
 * the handler, when it answered 2xx or its write succeeded, so no handler can
 * forget it.  Path parameters are written {name} and must be positive
 * integers (ids), except {code}: 1-32 of [a-z0-9_]; anything else does not
 * match, so it is a 404; {token} (a calendar feed's) is 16-64 of
 * [A-Za-z0-9_-].  Before a
 * handler runs: a body that is not declared JSON is refused (400), the
 * session is found (401), a foreign Origin is refused on
 * state-changing requests (403), the CSRF token is checked (403), a due
 * password change is enforced (403), and the permission table is asked
 * (403).  Refusals are audited, on the client's trail when the route's
 * client is in its path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "http/req.h"
#include "store/care.h"

enum route {
	R_HEALTHZ,
	R_SESSION_CREATE,
	R_SESSION_DELETE,
	R_ME,
	R_ME_PASSWORD,
	R_CLIENTS_LIST,
	R_CLIENTS_CREATE,
	R_CLIENT_GET,
	R_CLIENT_PATCH,
	R_CLIENT_ACTIVE,
	R_CONTACTS_LIST,
	R_CONTACTS_CREATE,
	R_CONTACT_PATCH,
	R_CONTACT_DELETE,
	R_CLIENT_AUDIT,
	R_AUDIT_LIST,
	R_STAFF_LIST,
	R_STAFF_CREATE,
	R_STAFF_GET,
	R_STAFF_PATCH,
	R_STAFF_UNLOCK,
	R_STAFF_PASSWORD,
	R_SITES_LIST,
	R_SITES_CREATE,
	R_SITE_GET,
	R_SITE_PATCH,
	R_ROOMS_LIST,
	R_ROOMS_CREATE,
	R_ROOM_GET,
	R_ROOM_PATCH,
	R_TRACKS_LIST,
	R_TRACKS_CREATE,
	R_TRACK_GET,
	R_TRACK_PATCH,
	R_GROUP_TYPES,
	R_CLOSURES_LIST,
	R_CLOSURES_CREATE,
	R_CLOSURE_DELETE,
	R_SESSIONS_GENERATE,
	R_SESSIONS_CREATE,
	R_SESSIONS_LIST,
	R_GSESSION_GET,
	R_GSESSION_PATCH,
	R_GSESSION_ATTENDANCE,
	R_ENROLMENTS_CREATE,
	R_ENROLMENTS_LIST,
	R_CLIENT_HOURS,
	R_CLIENT_HOURS_WEEKS,
	R_HOURS_LIST,
	R_CLIENT_BILLABLE_DAYS,
	R_BILLABLE_DAYS_LIST,
	R_PROGRAM_GET,
	R_PROGRAM_PATCH,
	R_SETUP_GET,
	R_INSTRUMENTS_LIST,
	R_INSTRUMENT_SCORE,
	R_SCREENING_RECORD,
	R_SCREENING_LIST,
	R_ALERTS_LIST,
	R_ALERT_RESOLVE,
	R_ALERTS_UNCLAIMED,
	R_ALERT_CLAIM,
	R_TASKS_LIST,
	R_TASKS_COUNT,
	R_TASK_DONE,
	R_PLACEMENT_TABLE,
	R_PLACEMENT_RECOMMEND,
	R_PLACEMENT_RECORD,
	R_PLACEMENT_LIST,
	R_PLACEMENT_TABLE_PUT,
	R_PLACEMENT_TABLE_RESTORE,
	R_DUTY_LIST,
	R_DUTY_ADD,
	R_DUTY_REMOVE,
	R_DUTY_SERIES_LIST,
	R_DUTY_SERIES_ADD,
	R_DUTY_SERIES_UPDATE,
	R_DUTY_SERIES_END,
	R_EPISODES_LIST,
	R_EPISODE_ADMIT,
	R_CENSUS,
	R_EPISODE_DISCHARGE,
	R_EPISODE_TRANSFER,
	R_EPISODE_DISCHARGE_PREVIEW,
	R_DSUMMARY_GET,
	R_DSUMMARY_CREATE,
	R_DSUMMARY_PATCH,
	R_DSUMMARY_SIGN,
	R_AFTERCARE_VOCABULARY,
	R_AFTERCARE_GET,
	R_AFTERCARE_LIST,
	R_AFTERCARE_CREATE,
	R_AFTERCARE_VERSION,
	R_AFTERCARE_PATCH,
	R_AFTERCARE_SIGN,
	R_AFTERCARE_REVISE,
	R_AFTERCARE_PRINT,
	R_COVERAGES_LIST,
	R_COVERAGE_CREATE,
	R_COVERAGE_PATCH,
	R_BENEFITS_LIST,
	R_BENEFIT_CREATE,
	R_AUTHORIZATIONS_LIST,
	R_AUTHORIZATION_CREATE,
	R_PUBLIC_PROGRAM,
	R_PUBLIC_INQUIRY,
	R_INQUIRIES_LIST,
	R_INQUIRIES_LATEST,
	R_INQUIRIES_CREATE,
	R_INQUIRY_GET,
	R_INQUIRY_PATCH,
	R_INQUIRY_CONVERT,
	R_INQUIRY_CONTACTS_LIST,
	R_INQUIRY_CONTACT_CREATE,
	R_INQUIRY_TASKS_LIST,
	R_INQUIRY_TASK_CREATE,
	R_INQUIRY_MERGE,
	/* The audit log's review and the chart in one answer (issue 11). */
	R_AUDIT_WORDS,
	R_AUDIT_EXPORT,
	R_CLIENT_CHART,
	R_INQUIRY_SCREENINGS_LIST,
	R_INQUIRY_SCREENING_RECORD,
	R_INQUIRY_PLACEMENTS_LIST,
	R_INQUIRY_PLACEMENT_RECORD,
	R_INQUIRY_ALERTS_LIST,
	R_SCREENING_VOID,
	/* Appointments (issue 12). */
	R_APPOINTMENT_KINDS,
	R_CLIENT_APPOINTMENTS,
	R_APPOINTMENT_BOOK,
	R_APPOINTMENTS_LIST,
	R_APPOINTMENT_GET,
	R_APPOINTMENT_RESCHEDULE,
	R_APPOINTMENT_CANCEL,
	R_APPOINTMENT_ATTENDANCE,
	/* Calendar feeds (issue 12). */
	R_FEEDS_CREATE,
	R_FEEDS_LIST,
	R_FEED_REVOKE,
	R_FEED_SERVE,
	/* Treatment plans (issue 13, item 1). */
	R_INTERVENTIONS,
	R_CLIENT_PLANS,
	R_EPISODE_PLANS,
	R_EPISODE_PLAN_CREATE,
	R_PLAN_GET,
	R_PLAN_PATCH,
	R_PLAN_SIGN,
	R_PLAN_CLIENT_SIGN,
	R_PLAN_REVISE,
	R_PLAN_REVIEWS,
	/* The week calendar's booking form asks before saving (issue 12). */
	R_APPOINTMENT_CONFLICTS,
	/* Medications and drug screens (issue 13). */
	R_DRUG_SCREEN_VOCABULARY,
	R_MEDICATIONS_LIST,
	R_MEDICATION_CREATE,
	R_MEDICATION_PATCH,
	R_MEDICATION_HISTORY,
	R_DRUG_SCREENS_LIST,
	R_DRUG_SCREEN_CREATE,
	R_DRUG_SCREEN_RESULTS,
	R_DRUG_SCREEN_GET,
	R_DRUG_SCREEN_ERROR,
	/* Measurement-based care (issue 13, item 7). */
	R_MEASURE_SCHEDULE_GET,
	R_MEASURE_SCHEDULE_PATCH,
	R_CLIENT_MEASURES,
	R_MEASURES_DUE,
	/* Clinical notes (issue 13, items 2-4). */
	R_SESSION_NOTE,
	R_APPOINTMENT_NOTE,
	R_CLIENT_NOTES,
	R_NOTE_WORKLIST,
	R_NOTE_GET,
	R_NOTE_PATCH,
	R_NOTE_SIGN,
	R_NOTE_COSIGN,
	R_NOTE_ADDENDA,
	R_CONSENT_VOCABULARY,
	R_CONSENTS_LIST,
	R_CONSENT_CREATE,
	R_CONSENT_REVOKE,
	R_DISCLOSURES_LIST,
	R_DISCLOSURE_CREATE,
	R_DISCLOSURE_DOCUMENT,
	R_DSUMMARY_SEND,
	/* Case management (issue 14, item 5). */
	R_CASEMGMT_VOCABULARY,
	R_RESOURCES_LIST,
	R_RESOURCE_CREATE,
	R_RESOURCE_GET,
	R_RESOURCE_PATCH,
	R_CLIENT_CASEMGMT,
	R_NEED_PUT,
	R_COURT_DATE_CREATE,
	R_COURT_DATE_REMOVE,
	R_REFERRAL_CREATE,
	R_REFERRAL_STATUS,
	R_REFERRAL_PATCH,
	R_CASEMGMT_DUE,
	/* Care relationships and breaking the glass (issue 14, item 8). */
	R_CARE_TEAM_LIST,
	R_CARE_TEAM_ADD,
	R_CARE_TEAM_REMOVE,
	R_EMERGENCY_ACCESS,
	/* Alumni (issue 14, item 4). */
	R_ALUMNI_LIST,
	R_ALUMNI_CHECKINS,
	R_CLIENT_ALUMNI_CHECKINS,
	R_ALUMNI_CHECKIN_RECORD,
	R_ALUMNI_EVENTS_LIST,
	R_ALUMNI_EVENT_CREATE,
	R_ALUMNI_EVENT_GET,
	R_ALUMNI_RSVP_PUT,
	R__MAX
};

struct route_def {
	enum method method;
	const char *path;
	enum perm perm;
	unsigned flags;
	handler_fn fn;
	struct audit_decl au;	/* the row it writes; none when action is NULL */
};

/* AU(action, record type, record id from, client from): see req.h. */
#define AU(action, rtype, rec, client) { action, rtype, AU_REC_##rec, AU_CL_##client }
/* No row: the route shows and changes no client data (the directory, the
 * instruments, the placement table), or writes its own rows (sign-in). */
#define NO_AU { NULL, NULL, AU_REC_NONE, AU_CL_NONE }

#define C "/api/v1/clients"
static const struct route_def routes[R__MAX] = {
	[R_HEALTHZ] = { M_GET, "/healthz", PERM_NONE, RF_PUBLIC, h_healthz, NO_AU },
	[R_SESSION_CREATE] = { M_POST, "/api/v1/session", PERM_NONE, RF_PUBLIC | RF_NO_CSRF,
	    h_session_create, NO_AU },
	[R_SESSION_DELETE] = { M_DELETE, "/api/v1/session", PERM_NONE, RF_PW_CHANGE_OK,
	    h_session_delete, NO_AU },
	[R_ME] = { M_GET, "/api/v1/me", PERM_NONE, RF_PW_CHANGE_OK, h_me, NO_AU },
	[R_ME_PASSWORD] = { M_PUT, "/api/v1/me/password", PERM_NONE, RF_PW_CHANGE_OK,
	    h_me_password, NO_AU },
	[R_CLIENTS_LIST] = { M_GET, C, PERM_CLIENTS_READ, 0, h_clients_list,
	    AU("client.search", "client", NONE, ROWS) },
	[R_CLIENTS_CREATE] = { M_POST, C, PERM_CLIENTS_WRITE, 0, h_clients_create,
	    AU("client.create", "client", RESULT, RESULT) },
	[R_CLIENT_GET] = { M_GET, C "/{id}", PERM_CLIENTS_READ, 0, h_client_get,
	    AU("client.read", "client", PATH, PATH) },
	[R_CLIENT_PATCH] = { M_PATCH, C "/{id}", PERM_CLIENTS_WRITE, 0, h_client_patch,
	    AU("client.update", "client", PATH, PATH) },
	[R_CLIENT_ACTIVE] = { M_PUT, C "/{id}/active", PERM_CLIENTS_DEACTIVATE, 0,
	    h_client_active,
	    AU("client.update", "client", PATH, PATH) },
	[R_CONTACTS_LIST] = { M_GET, C "/{id}/contacts", PERM_CLIENTS_READ, 0,
	    h_contacts_list,
	    AU("contact.list", "client", PATH, PATH) },
	[R_CONTACTS_CREATE] = { M_POST, C "/{id}/contacts", PERM_CLIENTS_WRITE, 0,
	    h_contacts_create,
	    AU("contact.create", "contact", RESULT, PATH) },
	[R_CONTACT_PATCH] = { M_PATCH, C "/{id}/contacts/{contact_id}", PERM_CLIENTS_WRITE, 0,
	    h_contact_patch,
	    AU("contact.update", "contact", PATH2, PATH) },
	[R_CONTACT_DELETE] = { M_DELETE, C "/{id}/contacts/{contact_id}", PERM_CLIENTS_WRITE,
	    0, h_contact_delete,
	    AU("contact.remove", "contact", PATH2, PATH) },
	[R_CLIENT_AUDIT] = { M_GET, C "/{id}/audit", PERM_AUDIT_READ, 0, h_client_audit,
	    AU("audit.trail_read", "client", PATH, PATH) },
	/* A filter by client puts the row on that client's trail. */
	[R_AUDIT_LIST] = { M_GET, "/api/v1/audit", PERM_AUDIT_READ, 0, h_audit_list,
	    AU("audit.read", "", NONE, HANDLER) },
	[R_STAFF_LIST] = { M_GET, "/api/v1/staff", PERM_DIRECTORY_READ, 0, h_staff_list, NO_AU },
	[R_STAFF_CREATE] = { M_POST, "/api/v1/staff", PERM_ADMIN_MANAGE, 0, h_staff_create,
	    AU("staff.create", "staff", RESULT, NONE) },
	[R_STAFF_GET] = { M_GET, "/api/v1/staff/{id}", PERM_DIRECTORY_READ, 0, h_staff_get, NO_AU },
	[R_STAFF_PATCH] = { M_PATCH, "/api/v1/staff/{id}", PERM_ADMIN_MANAGE, 0,
	    h_staff_patch,
	    AU("staff.update", "staff", PATH, NONE) },
	[R_STAFF_UNLOCK] = { M_POST, "/api/v1/staff/{id}/unlock", PERM_ADMIN_MANAGE, 0,
	    h_staff_unlock,
	    AU("staff.unlock", "staff", PATH, NONE) },
	[R_STAFF_PASSWORD] = { M_POST, "/api/v1/staff/{id}/password", PERM_ADMIN_MANAGE, 0,
	    h_staff_password,
	    AU("staff.password_reset", "staff", PATH, NONE) },
	[R_SITES_LIST] = { M_GET, "/api/v1/sites", PERM_DIRECTORY_READ, 0, h_sites_list, NO_AU },
	[R_SITES_CREATE] = { M_POST, "/api/v1/sites", PERM_ADMIN_MANAGE, 0, h_sites_create,
	    AU("site.create", "site", RESULT, NONE) },
	[R_SITE_GET] = { M_GET, "/api/v1/sites/{id}", PERM_DIRECTORY_READ, 0, h_site_get, NO_AU },
	[R_SITE_PATCH] = { M_PATCH, "/api/v1/sites/{id}", PERM_ADMIN_MANAGE, 0, h_site_patch,
	    AU("site.update", "site", PATH, NONE) },
	[R_ROOMS_LIST] = { M_GET, "/api/v1/rooms", PERM_DIRECTORY_READ, 0, h_rooms_list, NO_AU },
	[R_ROOMS_CREATE] = { M_POST, "/api/v1/rooms", PERM_ADMIN_MANAGE, 0, h_rooms_create,
	    AU("room.create", "room", RESULT, NONE) },
	[R_ROOM_GET] = { M_GET, "/api/v1/rooms/{id}", PERM_DIRECTORY_READ, 0, h_room_get, NO_AU },
	[R_ROOM_PATCH] = { M_PATCH, "/api/v1/rooms/{id}", PERM_ADMIN_MANAGE, 0, h_room_patch,
	    AU("room.update", "room", PATH, NONE) },
	[R_TRACKS_LIST] = { M_GET, "/api/v1/tracks", PERM_DIRECTORY_READ, 0, h_tracks_list, NO_AU },
	[R_TRACKS_CREATE] = { M_POST, "/api/v1/tracks", PERM_TRACKS_MANAGE, 0, h_tracks_create,
	    AU("track.create", "track", RESULT, NONE) },
	[R_TRACK_GET] = { M_GET, "/api/v1/tracks/{id}", PERM_DIRECTORY_READ, 0, h_track_get,
	    NO_AU },
	[R_TRACK_PATCH] = { M_PATCH, "/api/v1/tracks/{id}", PERM_TRACKS_MANAGE, 0, h_track_patch,
	    AU("track.update", "track", PATH, NONE) },
	[R_GROUP_TYPES] = { M_GET, "/api/v1/vocabularies/group-types", PERM_DIRECTORY_READ, 0,
	    h_group_types, NO_AU },
	[R_CLOSURES_LIST] = { M_GET, "/api/v1/sites/{id}/closures", PERM_DIRECTORY_READ, 0,
	    h_closures_list, NO_AU },
	[R_CLOSURES_CREATE] = { M_POST, "/api/v1/sites/{id}/closures", PERM_TRACKS_MANAGE, 0,
	    h_closures_create,
	    AU("closure.create", "closure", RESULT, NONE) },
	[R_CLOSURE_DELETE] = { M_DELETE, "/api/v1/sites/{id}/closures/{closure_id}",
	    PERM_TRACKS_MANAGE, 0, h_closure_delete,
	    AU("closure.delete", "closure", RESULT, NONE) },
	[R_SESSIONS_GENERATE] = { M_POST, "/api/v1/tracks/{id}/sessions/generate",
	    PERM_TRACKS_MANAGE, 0, h_sessions_generate,
	    AU("session.generate", "track", PATH, NONE) },
	[R_SESSIONS_CREATE] = { M_POST, "/api/v1/tracks/{id}/sessions", PERM_TRACKS_MANAGE, 0,
	    h_sessions_create,
	    AU("session.create", "group_session", RESULT, NONE) },
	[R_SESSIONS_LIST] = { M_GET, "/api/v1/sessions", PERM_DIRECTORY_READ, 0, h_sessions_list,
	    NO_AU },
	[R_GSESSION_GET] = { M_GET, "/api/v1/sessions/{id}", PERM_CLIENTS_READ, 0,
	    h_session_get,
	    AU("session.read", "group_session", PATH, ROWS) },
	[R_ENROLMENTS_CREATE] = { M_POST, "/api/v1/clients/{id}/enrolments", PERM_EPISODES_ADMIT,
	    0, h_enrolments_create,
	    AU("enrolment.create", "enrolment", RESULT, PATH) },
	[R_ENROLMENTS_LIST] = { M_GET, "/api/v1/clients/{id}/enrolments", PERM_CLIENTS_READ, 0,
	    h_enrolments_list,
	    AU("enrolment.list", "client", PATH, PATH) },
	[R_CLIENT_HOURS] = { M_GET, "/api/v1/clients/{id}/hours", PERM_CLIENTS_READ, 0,
	    h_client_hours,
	    AU("client.read", "client", PATH, PATH) },
	[R_CLIENT_HOURS_WEEKS] = { M_GET, "/api/v1/clients/{id}/hours/weeks", PERM_CLIENTS_READ,
	    0, h_client_hours_weeks,
	    AU("hours.weeks", "client", PATH, PATH) },
	[R_HOURS_LIST] = { M_GET, "/api/v1/hours", PERM_CLIENTS_READ, 0, h_hours_list,
	    AU("hours.list", "client", NONE, ROWS) },
	[R_CLIENT_BILLABLE_DAYS] = { M_GET, "/api/v1/clients/{id}/billable-days",
	    PERM_CLIENTS_READ, 0, h_client_billable_days,
	    AU("billing.days", "client", PATH, PATH) },
	[R_BILLABLE_DAYS_LIST] = { M_GET, "/api/v1/billable-days", PERM_CLIENTS_READ, 0,
	    h_billable_days_list, AU("billing.list", "client", NONE, ROWS) },
	[R_GSESSION_PATCH] = { M_PATCH, "/api/v1/sessions/{id}", PERM_TRACKS_MANAGE, 0,
	    h_session_patch,
	    AU("session.update", "group_session", PATH, NONE) },
	[R_GSESSION_ATTENDANCE] = { M_PUT, "/api/v1/sessions/{id}/attendance",
	    PERM_CLIENTS_WRITE, 0, h_session_attendance_put,
	    AU("attendance.record", "group_session", PATH, RESULT) },
	[R_PROGRAM_GET] = { M_GET, "/api/v1/program", PERM_DIRECTORY_READ, 0, h_program_get,
	    NO_AU },
	[R_PROGRAM_PATCH] = { M_PATCH, "/api/v1/program", PERM_ADMIN_MANAGE, 0, h_program_patch,
	    AU("program.update", "program", RESULT, NONE) },
	[R_SETUP_GET] = { M_GET, "/api/v1/setup", PERM_DIRECTORY_READ, 0, h_setup_get, NO_AU },
	[R_INSTRUMENTS_LIST] = { M_GET, "/api/v1/instruments", PERM_SCREENING_READ, 0,
	    h_instruments_list, NO_AU },
	[R_INSTRUMENT_SCORE] = { M_POST, "/api/v1/instruments/{code}/score",
	    PERM_SCREENING_READ, 0, h_instrument_score, NO_AU },
	[R_SCREENING_RECORD] = { M_POST, "/api/v1/clients/{id}/instruments",
	    PERM_SCREENING_WRITE, 0, h_screening_record,
	    AU("screening.record", "screening", RESULT, PATH) },
	[R_SCREENING_LIST] = { M_GET, "/api/v1/clients/{id}/instruments", PERM_SCREENING_READ,
	    0, h_screening_list,
	    AU("screening.list", "client", PATH, PATH) },
	[R_ALERTS_LIST] = { M_GET, "/api/v1/clients/{id}/alerts", PERM_CLIENTS_READ, 0,
	    h_alerts_list,
	    AU("alert.list", "client", PATH, PATH) },
	[R_ALERT_RESOLVE] = { M_POST, "/api/v1/alerts/{id}/resolve", PERM_ALERTS_RESPOND, 0,
	    h_alert_resolve,
	    AU("alert.resolve", "alert", PATH, RESULT) },
	[R_ALERTS_UNCLAIMED] = { M_GET, "/api/v1/alerts/unclaimed", PERM_ALERTS_RESPOND, 0,
	    h_alerts_unclaimed,
	    AU("alert.unclaimed", "alert", NONE, ROWS) },
	[R_ALERT_CLAIM] = { M_POST, "/api/v1/alerts/{id}/claim", PERM_ALERTS_RESPOND, 0,
	    h_alert_claim,
	    AU("alert.claim", "alert", PATH, RESULT) },
	[R_TASKS_LIST] = { M_GET, "/api/v1/tasks", PERM_NONE, 0, h_tasks_list,
	    AU("task.list", "task", NONE, ROWS) },
	[R_TASKS_COUNT] = { M_GET, "/api/v1/tasks/count", PERM_NONE, 0, h_tasks_count, NO_AU },
	[R_TASK_DONE] = { M_POST, "/api/v1/tasks/{id}/done", PERM_NONE, 0, h_task_done,
	    AU("task.done", "task", PATH, RESULT) },
	[R_PLACEMENT_TABLE] = { M_GET, "/api/v1/placement/table", PERM_SCREENING_READ, 0,
	    h_placement_table, NO_AU },
	[R_PLACEMENT_RECOMMEND] = { M_POST, "/api/v1/placement/recommend", PERM_SCREENING_READ,
	    0, h_placement_recommend, NO_AU },
	[R_PLACEMENT_RECORD] = { M_POST, "/api/v1/clients/{id}/placements",
	    PERM_SCREENING_WRITE, 0, h_placement_record,
	    AU("placement.record", "placement", RESULT, PATH) },
	[R_PLACEMENT_LIST] = { M_GET, "/api/v1/clients/{id}/placements", PERM_SCREENING_READ, 0,
	    h_placement_list,
	    AU("placement.list", "client", PATH, PATH) },
	[R_PLACEMENT_TABLE_PUT] = { M_PUT, "/api/v1/placement/table", PERM_PLACEMENT_MANAGE, 0,
	    h_placement_table_put,
	    AU("placement_table.update", "placement_table", RESULT, NONE) },
	[R_PLACEMENT_TABLE_RESTORE] = { M_POST, "/api/v1/placement/table/restore",
	    PERM_PLACEMENT_MANAGE, 0, h_placement_table_restore,
	    AU("placement_table.update", "placement_table", RESULT, NONE) },
	[R_DUTY_LIST] = { M_GET, "/api/v1/sites/{id}/duty", PERM_DIRECTORY_READ, 0, h_duty_list,
	    NO_AU },
	[R_DUTY_ADD] = { M_POST, "/api/v1/sites/{id}/duty", PERM_DUTY_MANAGE, 0, h_duty_add,
	    AU("duty.add", "duty_shift", RESULT, NONE) },
	[R_DUTY_REMOVE] = { M_DELETE, "/api/v1/duty/{id}", PERM_DUTY_MANAGE, 0, h_duty_remove,
	    AU("duty.remove", "duty_shift", PATH, NONE) },
	[R_DUTY_SERIES_LIST] = { M_GET, "/api/v1/sites/{id}/duty/series", PERM_DIRECTORY_READ, 0,
	    h_duty_series_list, NO_AU },
	[R_DUTY_SERIES_ADD] = { M_POST, "/api/v1/sites/{id}/duty/series", PERM_DUTY_MANAGE, 0,
	    h_duty_series_add,
	    AU("duty_series.add", "duty_series", RESULT, NONE) },
	[R_DUTY_SERIES_UPDATE] = { M_PUT, "/api/v1/duty/series/{id}", PERM_DUTY_MANAGE, 0,
	    h_duty_series_update,
	    AU("duty_series.update", "duty_series", PATH, NONE) },
	[R_DUTY_SERIES_END] = { M_DELETE, "/api/v1/duty/series/{id}", PERM_DUTY_MANAGE, 0,
	    h_duty_series_end,
	    AU("duty_series.end", "duty_series", PATH, NONE) },
	[R_EPISODES_LIST] = { M_GET, "/api/v1/clients/{id}/episodes", PERM_CLIENTS_READ, 0,
	    h_episodes_list,
	    AU("episode.list", "client", PATH, PATH) },
	/* Admitting is how a client comes into a clinician's care (care_check). */
	[R_EPISODE_ADMIT] = { M_POST, "/api/v1/clients/{id}/episodes", PERM_EPISODES_ADMIT,
	    RF_NO_CARE,
	    h_episode_admit,
	    AU("episode.admit", "episode", RESULT, PATH) },
	[R_EPISODE_DISCHARGE] = { M_POST, "/api/v1/episodes/{id}/discharge", PERM_EPISODES_ADMIT,
	    0, h_episode_discharge,
	    AU("episode.discharge", "episode", PATH, RESULT) },
	[R_EPISODE_TRANSFER] = { M_POST, "/api/v1/episodes/{id}/transfer", PERM_EPISODES_ADMIT,
	    0, h_episode_transfer,
	    AU("episode.transfer", "episode", RESULT, RESULT) },
	[R_EPISODE_DISCHARGE_PREVIEW] = { M_GET, "/api/v1/episodes/{id}/discharge-preview",
	    PERM_CLIENTS_READ, 0, h_episode_discharge_preview,
	    AU("episode.discharge_preview", "episode", PATH, HANDLER) },
	[R_DSUMMARY_GET] = { M_GET, "/api/v1/episodes/{id}/discharge-summary",
	    PERM_SCREENING_READ, 0, h_dsummary_get,
	    AU("discharge_summary.read", "episode", PATH, HANDLER) },
	[R_DSUMMARY_CREATE] = { M_POST, "/api/v1/episodes/{id}/discharge-summary",
	    PERM_PLANS_WRITE, 0, h_dsummary_create,
	    AU("discharge_summary.create", "discharge_summary", RESULT, RESULT) },
	[R_DSUMMARY_PATCH] = { M_PATCH, "/api/v1/discharge-summaries/{id}", PERM_PLANS_WRITE, 0,
	    h_dsummary_patch,
	    AU("discharge_summary.update", "discharge_summary", PATH, RESULT) },
	[R_DSUMMARY_SIGN] = { M_POST, "/api/v1/discharge-summaries/{id}/sign", PERM_PLANS_WRITE,
	    0, h_dsummary_sign,
	    AU("discharge_summary.sign", "discharge_summary", PATH, RESULT) },
	[R_AFTERCARE_VOCABULARY] = { M_GET, "/api/v1/vocabularies/aftercare",
	    PERM_SCREENING_READ, 0, h_aftercare_vocabulary, NO_AU },
	[R_AFTERCARE_GET] = { M_GET, "/api/v1/episodes/{id}/aftercare-plan", PERM_SCREENING_READ,
	    0, h_aftercare_get,
	    AU("aftercare_plan.read", "aftercare_plan", HANDLER, HANDLER) },
	[R_AFTERCARE_LIST] = { M_GET, "/api/v1/clients/{id}/aftercare-plans", PERM_SCREENING_READ,
	    0, h_aftercare_list,
	    AU("aftercare_plan.list", "client", PATH, PATH) },
	[R_AFTERCARE_CREATE] = { M_POST, "/api/v1/episodes/{id}/aftercare-plan", PERM_PLANS_WRITE,
	    0, h_aftercare_create,
	    AU("aftercare_plan.create", "aftercare_plan", RESULT, RESULT) },
	[R_AFTERCARE_VERSION] = { M_GET, "/api/v1/aftercare-plans/{id}", PERM_SCREENING_READ, 0,
	    h_aftercare_version,
	    AU("aftercare_plan.read", "aftercare_plan", PATH, HANDLER) },
	[R_AFTERCARE_PATCH] = { M_PATCH, "/api/v1/aftercare-plans/{id}", PERM_PLANS_WRITE, 0,
	    h_aftercare_patch,
	    AU("aftercare_plan.update", "aftercare_plan", PATH, RESULT) },
	[R_AFTERCARE_SIGN] = { M_POST, "/api/v1/aftercare-plans/{id}/sign", PERM_PLANS_WRITE, 0,
	    h_aftercare_sign,
	    AU("aftercare_plan.client_sign", "aftercare_plan", PATH, RESULT) },
	[R_AFTERCARE_REVISE] = { M_POST, "/api/v1/aftercare-plans/{id}/revise", PERM_PLANS_WRITE,
	    0, h_aftercare_revise,
	    AU("aftercare_plan.revise", "aftercare_plan", RESULT, RESULT) },
	[R_AFTERCARE_PRINT] = { M_GET, "/api/v1/aftercare-plans/{id}/print", PERM_SCREENING_READ,
	    0, h_aftercare_print,
	    AU("aftercare_plan.print", "aftercare_plan", PATH, HANDLER) },
	[R_CENSUS] = { M_GET, "/api/v1/census", PERM_CLIENTS_READ, 0, h_census,
	    AU("census.read", "episode", NONE, ROWS) },
	[R_COVERAGES_LIST] = { M_GET, "/api/v1/clients/{id}/coverages", PERM_INSURANCE, 0,
	    h_coverages_list,
	    AU("coverage.list", "client", PATH, PATH) },
	[R_COVERAGE_CREATE] = { M_POST, "/api/v1/clients/{id}/coverages", PERM_INSURANCE, 0,
	    h_coverage_create,
	    AU("coverage.create", "coverage", RESULT, PATH) },
	[R_COVERAGE_PATCH] = { M_PATCH, "/api/v1/clients/{id}/coverages/{coverage_id}",
	    PERM_INSURANCE, 0, h_coverage_patch,
	    AU("coverage.update", "coverage", PATH2, PATH) },
	[R_BENEFITS_LIST] = { M_GET, "/api/v1/clients/{id}/benefit-checks", PERM_INSURANCE, 0,
	    h_benefits_list,
	    AU("benefit_check.list", "client", PATH, PATH) },
	[R_BENEFIT_CREATE] = { M_POST, "/api/v1/coverages/{id}/benefit-checks", PERM_INSURANCE,
	    0, h_benefit_create,
	    AU("benefit_check.create", "benefit_check", RESULT, RESULT) },
	[R_AUTHORIZATIONS_LIST] = { M_GET, "/api/v1/clients/{id}/authorizations",
	    PERM_INSURANCE, 0, h_authorizations_list,
	    AU("authorization.list", "client", PATH, PATH) },
	[R_AUTHORIZATION_CREATE] = { M_POST, "/api/v1/coverages/{id}/authorizations",
	    PERM_INSURANCE, 0, h_authorization_create,
	    AU("authorization.create", "authorization", RESULT, RESULT) },
	[R_PUBLIC_PROGRAM] = { M_GET, "/api/v1/public/program", PERM_NONE, RF_PUBLIC,
	    h_public_program, NO_AU },
	[R_PUBLIC_INQUIRY] = { M_POST, "/api/v1/public/inquiries", PERM_NONE,
	    RF_PUBLIC | RF_NO_CSRF, h_public_inquiry,
	    AU("inquiry.create", "inquiry", RESULT, NONE) },
	[R_INQUIRIES_LIST] = { M_GET, "/api/v1/inquiries", PERM_INQUIRIES, 0,
	    h_inquiries_list,
	    AU("inquiry.list", "inquiry", NONE, ROWS) },
	[R_INQUIRIES_CREATE] = { M_POST, "/api/v1/inquiries", PERM_INQUIRIES, 0,
	    h_inquiries_create,
	    AU("inquiry.create", "inquiry", RESULT, NONE) },
	[R_INQUIRIES_LATEST] = { M_GET, "/api/v1/inquiries/latest", PERM_INQUIRIES, 0,
	    h_inquiries_latest, NO_AU },
	[R_INQUIRY_GET] = { M_GET, "/api/v1/inquiries/{id}", PERM_INQUIRIES, 0, h_inquiry_get,
	    AU("inquiry.read", "inquiry", PATH, HANDLER) },
	[R_INQUIRY_PATCH] = { M_PATCH, "/api/v1/inquiries/{id}", PERM_INQUIRIES, 0,
	    h_inquiry_patch,
	    AU("inquiry.update", "inquiry", PATH, RESULT) },
	[R_INQUIRY_CONVERT] = { M_POST, "/api/v1/inquiries/{id}/convert", PERM_INQUIRIES, 0,
	    h_inquiry_convert,
	    AU("inquiry.convert", "inquiry", PATH, RESULT) },
	[R_INQUIRY_CONTACTS_LIST] = { M_GET, "/api/v1/inquiries/{id}/contacts", PERM_INQUIRIES,
	    0, h_inquiry_contacts_list,
	    AU("inquiry.contacts", "inquiry", PATH, HANDLER) },
	[R_INQUIRY_CONTACT_CREATE] = { M_POST, "/api/v1/inquiries/{id}/contacts",
	    PERM_INQUIRIES, 0, h_inquiry_contact_create,
	    AU("inquiry.contact", "inquiry", PATH, RESULT) },
	[R_INQUIRY_TASKS_LIST] = { M_GET, "/api/v1/inquiries/{id}/tasks", PERM_INQUIRIES, 0,
	    h_inquiry_tasks_list,
	    AU("inquiry.tasks", "inquiry", PATH, HANDLER) },
	[R_INQUIRY_TASK_CREATE] = { M_POST, "/api/v1/inquiries/{id}/tasks", PERM_INQUIRIES, 0,
	    h_inquiry_task_create,
	    AU("inquiry.task", "inquiry", PATH, RESULT) },
	[R_INQUIRY_MERGE] = { M_POST, "/api/v1/inquiries/{id}/merge", PERM_INQUIRIES, 0,
	    h_inquiry_merge,
	    AU("inquiry.merge", "inquiry", PATH, RESULT) },
	[R_AUDIT_WORDS] = { M_GET, "/api/v1/audit/words", PERM_AUDIT_READ, 0, h_audit_words,
	    NO_AU },
	[R_AUDIT_EXPORT] = { M_GET, "/api/v1/audit/export", PERM_AUDIT_READ, 0,
	    h_audit_export,
	    AU("audit.export", "", NONE, HANDLER) },
	/* One row for the chart's first view; its parts' routes write none. */
	[R_CLIENT_CHART] = { M_GET, C "/{id}/chart", PERM_CLIENTS_READ, 0, h_client_chart,
	    AU("client.chart_opened", "client", PATH, PATH) },
	/* Screening and assessment before a client record: the inquiry's until
	 * conversion carries them to the client (issue 11). */
	[R_INQUIRY_SCREENINGS_LIST] = { M_GET, "/api/v1/inquiries/{id}/screenings",
	    PERM_SCREENING_READ, 0, h_inquiry_screening_list,
	    AU("screening.list", "inquiry", PATH, HANDLER) },
	[R_INQUIRY_SCREENING_RECORD] = { M_POST, "/api/v1/inquiries/{id}/screenings",
	    PERM_SCREENING_WRITE, 0, h_inquiry_screening_record,
	    AU("screening.record", "screening", RESULT, RESULT) },
	[R_INQUIRY_PLACEMENTS_LIST] = { M_GET, "/api/v1/inquiries/{id}/placements",
	    PERM_SCREENING_READ, 0, h_inquiry_placement_list,
	    AU("placement.list", "inquiry", PATH, HANDLER) },
	[R_INQUIRY_PLACEMENT_RECORD] = { M_POST, "/api/v1/inquiries/{id}/placements",
	    PERM_SCREENING_WRITE, 0, h_inquiry_placement_record,
	    AU("placement.record", "placement", RESULT, RESULT) },
	[R_INQUIRY_ALERTS_LIST] = { M_GET, "/api/v1/inquiries/{id}/alerts", PERM_SCREENING_READ,
	    0, h_inquiry_alerts_list,
	    AU("alert.list", "inquiry", PATH, HANDLER) },
	[R_SCREENING_VOID] = { M_POST, "/api/v1/screenings/{id}/void", PERM_SCREENING_WRITE, 0,
	    h_screening_void,
	    AU("screening.void", "screening", PATH, RESULT) },
	/* Appointments (issue 12): every read and write on the client's trail. */
	[R_APPOINTMENT_KINDS] = { M_GET, "/api/v1/appointment-kinds", PERM_DIRECTORY_READ, 0,
	    h_appointment_kinds, NO_AU },
	[R_CLIENT_APPOINTMENTS] = { M_GET, C "/{id}/appointments", PERM_CLIENTS_READ, 0,
	    h_client_appointments,
	    AU("appointment.list", "client", PATH, PATH) },
	[R_APPOINTMENT_BOOK] = { M_POST, C "/{id}/appointments", PERM_APPOINTMENTS_BOOK, 0,
	    h_appointment_book,
	    AU("appointment.book", "appointment", RESULT, PATH) },
	[R_APPOINTMENTS_LIST] = { M_GET, "/api/v1/appointments", PERM_CLIENTS_READ, 0,
	    h_appointments_list,
	    AU("appointment.list", "appointment", NONE, ROWS) },
	[R_APPOINTMENT_GET] = { M_GET, "/api/v1/appointments/{id}", PERM_CLIENTS_READ, 0,
	    h_appointment_get,
	    AU("appointment.read", "appointment", PATH, HANDLER) },
	[R_APPOINTMENT_RESCHEDULE] = { M_POST, "/api/v1/appointments/{id}/reschedule",
	    PERM_APPOINTMENTS_BOOK, 0, h_appointment_reschedule,
	    AU("appointment.reschedule", "appointment", PATH, RESULT) },
	[R_APPOINTMENT_CANCEL] = { M_POST, "/api/v1/appointments/{id}/cancel",
	    PERM_APPOINTMENTS_BOOK, 0, h_appointment_cancel,
	    AU("appointment.cancel", "appointment", PATH, RESULT) },
	[R_APPOINTMENT_ATTENDANCE] = { M_PUT, "/api/v1/appointments/{id}/attendance",
	    PERM_CLIENTS_WRITE, 0, h_appointment_attendance,
	    AU("appointment.attendance", "appointment", PATH, RESULT) },
	/* Calendar feeds (issue 12): any signed-in user makes, lists and revokes
	 * their own; who may make which is the operation's rule (core/ical.h).
	 * A client feed's rows are on the client's trail; so is every fetch of
	 * one (api_feeds.c). */
	[R_FEEDS_CREATE] = { M_POST, "/api/v1/feeds", PERM_NONE, 0, h_feeds_create,
	    AU("feed.create", "feed", RESULT, RESULT) },
	[R_FEEDS_LIST] = { M_GET, "/api/v1/feeds", PERM_NONE, 0, h_feeds_list,
	    AU("feed.list", "feed", NONE, ROWS) },
	[R_FEED_REVOKE] = { M_DELETE, "/api/v1/feeds/{id}", PERM_NONE, 0, h_feed_revoke,
	    AU("feed.revoke", "feed", PATH, RESULT) },
	[R_FEED_SERVE] = { M_GET, "/feeds/{token}.ics", PERM_NONE, RF_PUBLIC, h_feed_serve,
	    AU("feed.fetch", "feed", HANDLER, HANDLER) },
	[R_INTERVENTIONS] = { M_GET, "/api/v1/vocabularies/interventions", PERM_DIRECTORY_READ,
	    0, h_interventions, NO_AU },
	[R_CLIENT_PLANS] = { M_GET, C "/{id}/plans", PERM_CLIENTS_READ, 0, h_client_plans,
	    AU("plan.list", "client", PATH, PATH) },
	[R_EPISODE_PLANS] = { M_GET, "/api/v1/episodes/{id}/plans", PERM_CLIENTS_READ, 0,
	    h_episode_plans,
	    AU("plan.list", "episode", PATH, HANDLER) },
	[R_EPISODE_PLAN_CREATE] = { M_POST, "/api/v1/episodes/{id}/plans", PERM_PLANS_WRITE, 0,
	    h_episode_plan_create,
	    AU("plan.create", "plan", RESULT, RESULT) },
	[R_PLAN_GET] = { M_GET, "/api/v1/plans/{id}", PERM_CLIENTS_READ, 0, h_plan_get,
	    AU("plan.read", "plan", PATH, HANDLER) },
	[R_PLAN_PATCH] = { M_PATCH, "/api/v1/plans/{id}", PERM_PLANS_WRITE, 0, h_plan_patch,
	    AU("plan.update", "plan", PATH, RESULT) },
	[R_PLAN_SIGN] = { M_POST, "/api/v1/plans/{id}/sign", PERM_PLANS_WRITE, 0, h_plan_sign,
	    AU("plan.sign", "plan", PATH, RESULT) },
	[R_PLAN_CLIENT_SIGN] = { M_POST, "/api/v1/plans/{id}/client-signature", PERM_PLANS_WRITE,
	    0, h_plan_client_sign,
	    AU("plan.client_sign", "plan", PATH, RESULT) },
	[R_PLAN_REVISE] = { M_POST, "/api/v1/plans/{id}/revise", PERM_PLANS_WRITE, 0,
	    h_plan_revise,
	    AU("plan.revise", "plan", RESULT, RESULT) },
	[R_PLAN_REVIEWS] = { M_GET, "/api/v1/plan-reviews", PERM_CLIENTS_READ, 0, h_plan_reviews,
	    AU("plan.reviews_due", "plan", NONE, ROWS) },
	[R_APPOINTMENT_CONFLICTS] = { M_GET, "/api/v1/appointments/conflicts",
	    PERM_APPOINTMENTS_BOOK, 0, h_appointment_conflicts,
	    AU("appointment.conflicts_check", "client", NONE, HANDLER) },
	/* Medications and drug screens (issue 13): clinical staff who record
	 * screenings read and write them; every read and write on the client's
	 * trail. */
	[R_DRUG_SCREEN_VOCABULARY] = { M_GET, "/api/v1/vocabularies/drug-screens",
	    PERM_SCREENING_READ, 0, h_drugscreen_vocabulary, NO_AU },
	[R_MEDICATIONS_LIST] = { M_GET, C "/{id}/medications", PERM_SCREENING_READ, 0,
	    h_medications_list,
	    AU("medication.list", "client", PATH, PATH) },
	[R_MEDICATION_CREATE] = { M_POST, C "/{id}/medications", PERM_SCREENING_WRITE, 0,
	    h_medication_create,
	    AU("medication.create", "medication", RESULT, PATH) },
	[R_MEDICATION_PATCH] = { M_PATCH, "/api/v1/medications/{id}", PERM_SCREENING_WRITE, 0,
	    h_medication_patch,
	    AU("medication.update", "medication", PATH, RESULT) },
	[R_MEDICATION_HISTORY] = { M_GET, "/api/v1/medications/{id}/history",
	    PERM_SCREENING_READ, 0, h_medication_history,
	    AU("medication.history", "medication", PATH, HANDLER) },
	[R_DRUG_SCREENS_LIST] = { M_GET, C "/{id}/drug-screens", PERM_SCREENING_READ, 0,
	    h_drugscreens_list,
	    AU("drug_screen.list", "client", PATH, PATH) },
	[R_DRUG_SCREEN_CREATE] = { M_POST, C "/{id}/drug-screens", PERM_SCREENING_WRITE, 0,
	    h_drugscreen_create,
	    AU("drug_screen.record", "drug_screen", RESULT, PATH) },
	[R_DRUG_SCREEN_RESULTS] = { M_PUT, "/api/v1/drug-screens/{id}/results",
	    PERM_SCREENING_WRITE, 0, h_drugscreen_results,
	    AU("drug_screen.results", "drug_screen", PATH, RESULT) },
	[R_DRUG_SCREEN_GET] = { M_GET, "/api/v1/drug-screens/{id}", PERM_SCREENING_READ, 0,
	    h_drugscreen_get,
	    AU("drug_screen.read", "drug_screen", PATH, HANDLER) },
	[R_DRUG_SCREEN_ERROR] = { M_POST, "/api/v1/drug-screens/{id}/entered-in-error",
	    PERM_SCREENING_WRITE, 0, h_drugscreen_error,
	    AU("drug_screen.entered_in_error", "drug_screen", PATH, RESULT) },
	/* Measurement-based care (issue 13, item 7): the schedule is the
	 * program's set-up (administrators and directors, as tracks); a
	 * client's measures and the list due are screening reads. */
	[R_MEASURE_SCHEDULE_GET] = { M_GET, "/api/v1/measures/schedule", PERM_DIRECTORY_READ, 0,
	    h_measure_schedule_get, NO_AU },
	[R_MEASURE_SCHEDULE_PATCH] = { M_PATCH, "/api/v1/measures/schedule",
	    PERM_TRACKS_MANAGE, 0, h_measure_schedule_patch,
	    AU("measure.schedule_update", "program", NONE, NONE) },
	[R_CLIENT_MEASURES] = { M_GET, C "/{id}/measures", PERM_SCREENING_READ, 0,
	    h_client_measures,
	    AU("measure.list", "client", PATH, PATH) },
	[R_MEASURES_DUE] = { M_GET, "/api/v1/measures/due", PERM_SCREENING_READ, 0,
	    h_measures_due,
	    AU("measure.due_list", "client", NONE, ROWS) },
	/* Clinical notes (issue 13, items 2-4): opened from a held session or
	 * an appointment, every write under /notes/{id}; a group note's reads
	 * and writes are on the trail of every client it shows.  Read by the
	 * clinical staff who read screenings (not the front desk or billing). */
	[R_SESSION_NOTE] = { M_POST, "/api/v1/sessions/{id}/note", PERM_NOTES_WRITE, 0,
	    h_session_note,
	    AU("note.open", "note", RESULT, RESULT) },
	[R_APPOINTMENT_NOTE] = { M_POST, "/api/v1/appointments/{id}/note", PERM_NOTES_WRITE, 0,
	    h_appointment_note,
	    AU("note.open", "note", RESULT, RESULT) },
	[R_CLIENT_NOTES] = { M_GET, C "/{id}/notes", PERM_SCREENING_READ, 0, h_client_notes,
	    AU("note.list", "client", PATH, PATH) },
	[R_NOTE_WORKLIST] = { M_GET, "/api/v1/note-worklist", PERM_NOTES_WRITE, 0,
	    h_note_worklist,
	    AU("note.worklist", "note", NONE, ROWS) },
	[R_NOTE_GET] = { M_GET, "/api/v1/notes/{id}", PERM_SCREENING_READ, 0, h_note_get,
	    AU("note.read", "note", PATH, ROWS) },
	[R_NOTE_PATCH] = { M_PATCH, "/api/v1/notes/{id}", PERM_NOTES_WRITE, 0, h_note_patch,
	    AU("note.update", "note", PATH, RESULT) },
	[R_NOTE_SIGN] = { M_POST, "/api/v1/notes/{id}/sign", PERM_NOTES_WRITE, 0, h_note_sign,
	    AU("note.sign", "note", PATH, RESULT) },
	[R_NOTE_COSIGN] = { M_POST, "/api/v1/notes/{id}/cosign", PERM_NOTES_WRITE, 0,
	    h_note_cosign,
	    AU("note.cosign", "note", PATH, RESULT) },
	[R_NOTE_ADDENDA] = { M_POST, "/api/v1/notes/{id}/addenda", PERM_NOTES_WRITE, 0,
	    h_note_addendum,
	    AU("note.addendum", "note", PATH, RESULT) },
	/* 42 CFR Part 2 consents and disclosures (issue 14): every reader of the
	 * chart sees them; the staff who coordinate care outside record consents
	 * and release information (disclosures.release). */
	[R_CONSENT_VOCABULARY] = { M_GET, "/api/v1/vocabularies/consents", PERM_CLIENTS_READ, 0,
	    h_consent_vocabulary, NO_AU },
	[R_CONSENTS_LIST] = { M_GET, C "/{id}/consents", PERM_CLIENTS_READ, 0, h_consents_list,
	    AU("consent.list", "client", PATH, PATH) },
	[R_CONSENT_CREATE] = { M_POST, C "/{id}/consents", PERM_DISCLOSURES_RELEASE, 0,
	    h_consent_create,
	    AU("consent.record", "consent", RESULT, PATH) },
	[R_CONSENT_REVOKE] = { M_POST, "/api/v1/consents/{id}/revoke", PERM_DISCLOSURES_RELEASE,
	    0, h_consent_revoke,
	    AU("consent.revoke", "consent", PATH, RESULT) },
	[R_DISCLOSURES_LIST] = { M_GET, C "/{id}/disclosures", PERM_CLIENTS_READ, 0,
	    h_disclosures_list,
	    AU("disclosure.list", "client", PATH, PATH) },
	[R_DISCLOSURE_CREATE] = { M_POST, C "/{id}/disclosures", PERM_DISCLOSURES_RELEASE, 0,
	    h_disclosure_create,
	    AU("disclosure.release", "disclosure", RESULT, PATH) },
	[R_DISCLOSURE_DOCUMENT] = { M_GET, "/api/v1/disclosures/{id}/document",
	    PERM_DISCLOSURES_RELEASE, 0, h_disclosure_document,
	    AU("disclosure.document_read", "disclosure", PATH, HANDLER) },
	/* The signed discharge summary sent to the next provider: a release
	 * (ops/consent.c) like the one above. */
	[R_DSUMMARY_SEND] = { M_POST, "/api/v1/discharge-summaries/{id}/send",
	    PERM_DISCLOSURES_RELEASE, 0, h_dsummary_send,
	    AU("disclosure.release", "disclosure", RESULT, RESULT) },
	/* Case management (issue 14, item 5).  The address book of resources
	 * names no client: everyone reads it, the staff who coordinate care
	 * with the outside (disclosures.release) keep it.  A client's needs,
	 * court dates and referrals are read by every reader of the chart and
	 * written by those who write client records; a referral packet leaves
	 * only through POST /clients/{id}/disclosures. */
	[R_CASEMGMT_VOCABULARY] = { M_GET, "/api/v1/vocabularies/case-management",
	    PERM_DIRECTORY_READ, 0, h_casemgmt_vocabulary, NO_AU },
	[R_RESOURCES_LIST] = { M_GET, "/api/v1/resources", PERM_DIRECTORY_READ, 0,
	    h_resources_list, NO_AU },
	[R_RESOURCE_CREATE] = { M_POST, "/api/v1/resources", PERM_DISCLOSURES_RELEASE, 0,
	    h_resource_create,
	    AU("resource.create", "resource", RESULT, NONE) },
	[R_RESOURCE_GET] = { M_GET, "/api/v1/resources/{id}", PERM_DIRECTORY_READ, 0,
	    h_resource_get, NO_AU },
	[R_RESOURCE_PATCH] = { M_PATCH, "/api/v1/resources/{id}", PERM_DISCLOSURES_RELEASE, 0,
	    h_resource_patch,
	    AU("resource.update", "resource", PATH, NONE) },
	[R_CLIENT_CASEMGMT] = { M_GET, C "/{id}/case-management", PERM_CLIENTS_READ, 0,
	    h_client_casemgmt,
	    AU("casemgmt.read", "client", PATH, PATH) },
	[R_NEED_PUT] = { M_PUT, C "/{id}/needs/{code}", PERM_CLIENTS_WRITE, 0, h_need_put,
	    AU("need.update", "need", RESULT, PATH) },
	[R_COURT_DATE_CREATE] = { M_POST, C "/{id}/court-dates", PERM_CLIENTS_WRITE, 0,
	    h_court_create,
	    AU("court_date.create", "court_date", RESULT, PATH) },
	[R_COURT_DATE_REMOVE] = { M_DELETE, "/api/v1/court-dates/{id}", PERM_CLIENTS_WRITE, 0,
	    h_court_remove,
	    AU("court_date.remove", "court_date", PATH, RESULT) },
	[R_REFERRAL_CREATE] = { M_POST, C "/{id}/referrals", PERM_CLIENTS_WRITE, 0,
	    h_referral_create,
	    AU("referral.create", "referral", RESULT, PATH) },
	[R_REFERRAL_STATUS] = { M_POST, "/api/v1/referrals/{id}/status", PERM_CLIENTS_WRITE, 0,
	    h_referral_status,
	    AU("referral.status", "referral", PATH, RESULT) },
	[R_REFERRAL_PATCH] = { M_PATCH, "/api/v1/referrals/{id}", PERM_CLIENTS_WRITE, 0,
	    h_referral_patch,
	    AU("referral.update", "referral", PATH, RESULT) },
	[R_CASEMGMT_DUE] = { M_GET, "/api/v1/case-management/due", PERM_CLIENTS_READ, 0,
	    h_casemgmt_due,
	    AU("casemgmt.due_list", "client", NONE, ROWS) },
	/* Care relationships (issue 14, item 8): who is in a client's care
	 * (care_check below), the care team by hand, and the emergency that
	 * opens a record to someone outside it, flagged to the director. */
	[R_CARE_TEAM_LIST] = { M_GET, C "/{id}/care-team", PERM_CLIENTS_READ, 0,
	    h_care_team_list,
	    AU("care_team.list", "client", PATH, PATH) },
	[R_CARE_TEAM_ADD] = { M_POST, C "/{id}/care-team", PERM_CARE_TEAM, 0,
	    h_care_team_add,
	    AU("care_team.add", "care_team", RESULT, PATH) },
	[R_CARE_TEAM_REMOVE] = { M_DELETE, C "/{id}/care-team/{staff_id}", PERM_CARE_TEAM,
	    0, h_care_team_remove,
	    AU("care_team.remove", "care_team", RESULT, PATH) },
	[R_EMERGENCY_ACCESS] = { M_POST, C "/{id}/emergency-access", PERM_CLIENTS_READ,
	    RF_NO_CARE, h_emergency_access,
	    AU("client.emergency_access", "emergency_access", RESULT, PATH) },
	/* Alumni (issue 14, item 4): everyone who reads clients sees the list,
	 * check-ins and events; those who write client records record calls,
	 * events and RSVPs (an alumni coordinator is a staff flag, not a role). */
	[R_ALUMNI_LIST] = { M_GET, "/api/v1/alumni", PERM_CLIENTS_READ, 0, h_alumni_list,
	    AU("alumni.list", "client", NONE, ROWS) },
	[R_ALUMNI_CHECKINS] = { M_GET, "/api/v1/alumni/checkins", PERM_CLIENTS_READ, 0,
	    h_alumni_checkins,
	    AU("alumni.checkin_read", "alumni_checkin", NONE, ROWS) },
	[R_CLIENT_ALUMNI_CHECKINS] = { M_GET, C "/{id}/alumni-checkins", PERM_CLIENTS_READ, 0,
	    h_client_alumni_checkins,
	    AU("alumni.checkin_list", "client", PATH, PATH) },
	[R_ALUMNI_CHECKIN_RECORD] = { M_POST, "/api/v1/alumni/checkins/{id}", PERM_CLIENTS_WRITE,
	    0, h_alumni_checkin_record,
	    AU("alumni.checkin_record", "alumni_checkin", PATH, RESULT) },
	[R_ALUMNI_EVENTS_LIST] = { M_GET, "/api/v1/alumni/events", PERM_CLIENTS_READ, 0,
	    h_alumni_events_list, NO_AU },
	[R_ALUMNI_EVENT_CREATE] = { M_POST, "/api/v1/alumni/events", PERM_CLIENTS_WRITE, 0,
	    h_alumni_event_create, NO_AU },
	[R_ALUMNI_EVENT_GET] = { M_GET, "/api/v1/alumni/events/{id}", PERM_CLIENTS_READ, 0,
	    h_alumni_event_get,
	    AU("alumni.event_read", "alumni_event", PATH, ROWS) },
	[R_ALUMNI_RSVP_PUT] = { M_PUT, "/api/v1/alumni/events/{id}/rsvps/{client_id}",
	    PERM_CLIENTS_WRITE, 0, h_alumni_rsvp_put,
	    AU("alumni.rsvp", "alumni_event", PATH, RESULT) },
};
#undef C

/*
 * GET /clients/{id}/chart: what the chart's first view shows, in one answer
 * and one audit row instead of one per part.  Each part is its own route's
 * answer (the same handler, permission and query the web app sends for it),
 * so the chart shows nothing its parts would not; a part the user's roles do
 * not allow is left out, one that failed carries its error and status.  The
 * row (client.chart_opened) lists every part shown with the ids of its
 * items ("shown: client; contacts=5,6; alerts=none; ..."), so an auditor
 * loses nothing of the rows the parts would have written.  The parts' own
 * routes stay, audited as before, for what the chart reloads later.
 */
static const struct chart_part {
	const char *name;
	enum route route;
	const char *query[5];	/* name, value, ..., NULL */
} chart_parts[] = {
	{ "client", R_CLIENT_GET, { NULL } },
	{ "contacts", R_CONTACTS_LIST, { "limit", "200", NULL } },
	/* Every alert, open and resolved: the banner and the alert history. */
	{ "alerts", R_ALERTS_LIST, { "limit", "50", NULL } },
	{ "screenings", R_SCREENING_LIST, { "limit", "20", NULL } },
	{ "episodes", R_EPISODES_LIST, { NULL } },
	{ "placements", R_PLACEMENT_LIST, { NULL } },
	{ "coverages", R_COVERAGES_LIST, { NULL } },
	{ "benefit_checks", R_BENEFITS_LIST, { NULL } },
	{ "authorizations", R_AUTHORIZATIONS_LIST, { NULL } },
	{ "appointments", R_CLIENT_APPOINTMENTS, { "limit", "200", NULL } },
	{ "hours_weeks", R_CLIENT_HOURS_WEEKS, { NULL } },
	{ "billable_days", R_CLIENT_BILLABLE_DAYS, { NULL } },
	{ "plans", R_CLIENT_PLANS, { NULL } },
	{ "medications", R_MEDICATIONS_LIST, { "limit", "200", NULL } },
	{ "drug_screens", R_DRUG_SCREENS_LIST, { "limit", "200", NULL } },
	{ "measures", R_CLIENT_MEASURES, { NULL } },
	{ "notes", R_CLIENT_NOTES, { NULL } },
	{ "consents", R_CONSENTS_LIST, { "limit", "200", NULL } },
	{ "disclosures", R_DISCLOSURES_LIST, { "limit", "200", NULL } },
	{ "alumni_checkins", R_CLIENT_ALUMNI_CHECKINS, { NULL } },
	{ "case_management", R_CLIENT_CASEMGMT, { NULL } },
	{ "aftercare_plans", R_AFTERCARE_LIST, { NULL } },
	{ "care_team", R_CARE_TEAM_LIST, { NULL } },
};

/* The ids of a list answer's items for the row: "5,6", or "none". */
static void
chart_ids(struct buf *d, json_t *body)
{
	json_t *items = json_object_get(body, "items"), *it;
	size_t i;

	/* A client's case management: its referrals and court dates (the needs
	 * are one per domain, named by the part). */
	if (items == NULL && json_is_array(json_object_get(body, "referrals"))) {
		static const char *const lists[] = { "referrals", "court_dates" };
		static const char *const words[] = { "referral", "court_date" };
		bool any = false;

		for (size_t k = 0; k < 2; k++)
			json_array_foreach(json_object_get(body, lists[k]), i, it) {
				buf_printf(d, "%s%s:%lld", any ? "," : "", words[k],
				    (long long)json_integer_value(json_object_get(it, "id")));
				any = true;
			}
		if (!any)
			buf_puts(d, "none");
		return;
	}
	if (json_array_size(items) == 0) {
		buf_puts(d, "none");
		return;
	}
	/* A client's measures (one item per instrument): the screenings their
	 * score histories show. */
	if (json_is_array(json_object_get(json_array_get(items, 0), "history"))) {
		bool any = false;

		json_array_foreach(items, i, it) {
			json_t *p;
			size_t k;

			json_array_foreach(json_object_get(it, "history"), k, p) {
				buf_printf(d, "%s%lld", any ? "," : "",
				    (long long)json_integer_value(json_object_get(p, "id")));
				any = true;
			}
		}
		if (!any)
			buf_puts(d, "none");
		return;
	}
	json_array_foreach(items, i, it) {
		json_t *id = json_object_get(it, "id");

		/* A client's weeks have no ids: their Mondays name them; billable
		 * days are named by their dates. */
		if (id == NULL && json_is_string(json_object_get(it, "week_start")))
			buf_printf(d, "%s%s", i ? "," : "",
			    json_string_value(json_object_get(it, "week_start")));
		else if (id == NULL && json_is_string(json_object_get(it, "date")))
			buf_printf(d, "%s%s", i ? "," : "",
			    json_string_value(json_object_get(it, "date")));
		else
			buf_printf(d, "%s%lld", i ? "," : "", (long long)json_integer_value(id));
	}
}

void
h_client_chart(struct req *r)
{
	json_t *chart = json_object();
	struct buf d;

	buf_init(&d, 0);
	buf_puts(&d, "shown:");
	for (size_t k = 0; k < sizeof chart_parts / sizeof chart_parts[0]; k++) {
		const struct chart_part *p = &chart_parts[k];
		const struct route_def *rt = &routes[p->route];
		json_t *body;
		int status;

		if (rt->perm != PERM_NONE && !roles_allow(r->sess.roles, rt->perm))
			continue;
		r->query_set = p->query;
		rt->fn(r);
		r->query_set = NULL;
		status = r->answered ? r->status : 500;
		if (p->route == R_CLIENT_GET && status != 200) {
			/* No client, no chart: its answer (404) is the chart's. */
			json_decref(chart);
			buf_free(&d);
			return;
		}
		body = r->answered ? json_loadb(r->resp, r->resp_len, 0, NULL) : NULL;
		reply_forget(r);
		if (body == NULL)
			body = json_pack("{s:{s:s,s:s}}", "error", "code", "internal",
			    "message", "This part of the chart could not be read.");
		buf_printf(&d, "%s %s", k ? ";" : "", p->name);
		if (status != 200) {
			json_object_set_new(body, "status", json_integer(status));
			buf_puts(&d, "=error");
		} else if (p->route != R_CLIENT_GET) {
			buf_puts(&d, "=");
			chart_ids(&d, body);
		}
		json_object_set_new(chart, p->name, body);
	}
	if (d.failed) {
		json_decref(chart);
		buf_free(&d);
		reply_err(r, ERR_NOMEM, "The server ran out of memory.");
		return;
	}
	req_audit_as(r, NULL, buf_cstr(&d));
	buf_free(&d);
	reply_json(r, 200, chart);
}

static const char *const method_names[M__MAX] = {
	[M_GET] = "GET", [M_POST] = "POST", [M_PUT] = "PUT", [M_PATCH] = "PATCH",
	[M_DELETE] = "DELETE", [M_HEAD] = "HEAD", [M_OTHER] = "OTHER",
};

void
http_routes_print(FILE *f)
{
	int i;

	for (i = 0; i < R__MAX; i++) {
		const char *p = perm_name(routes[i].perm);
		fprintf(f, "%s %s %s\n", method_names[routes[i].method], routes[i].path,
		    (routes[i].flags & RF_PUBLIC) || p == NULL || *p == '\0' ? "-" : p);
	}
}

/*
 * The same table with its words spelled as docs/openapi.yaml's x-permission:
 * "METHOD PATH PERMISSION FLAGS", where PERMISSION is "public" (no session),
 * "none" (any signed-in user) or a permission's name, and FLAGS is "-" or a
 * comma-separated list of public, no_csrf, pw_change_ok.
 */
void
http_routes_print_long(FILE *f)
{
	static const struct {
		unsigned flag;
		const char *word;
	} flag_words[] = {
		{ RF_PUBLIC, "public" }, { RF_NO_CSRF, "no_csrf" },
		{ RF_PW_CHANGE_OK, "pw_change_ok" },
	};
	size_t k;
	int i;

	for (i = 0; i < R__MAX; i++) {
		const struct route_def *rt = &routes[i];
		const char *p = perm_name(rt->perm);
		const char *sep = " ";

		if (rt->flags & RF_PUBLIC)
			p = "public";
		else if (rt->perm == PERM_NONE || p == NULL || *p == '\0')
			p = "none";
		fprintf(f, "%s %s %s", method_names[rt->method], rt->path, p);
		for (k = 0; k < sizeof flag_words / sizeof flag_words[0]; k++) {
			if (rt->flags & flag_words[k].flag) {
				fprintf(f, "%s%s", sep, flag_words[k].word);
				sep = ",";
			}
		}
		fputs(*sep == ' ' ? " -\n" : "\n", f);
	}
}

/*
 * Match url against pattern; fill ids.  Segments compare literally except
 * {name}, which takes a positive decimal integer of at most 15 digits, and
 * {token}, 16-64 of [A-Za-z0-9_-] (not kept: the handler reads the URL).
 */
bool
router_match(const char *pat, const char *url, int64_t *ids, int *nids, char code[33])
{
	*nids = 0;
	while (*pat && *url) {
		if (strncmp(pat, "{token}", 7) == 0) {
			size_t n = 0;
			pat += 7;
			while ((*url >= 'a' && *url <= 'z') || (*url >= 'A' && *url <= 'Z') ||
			    (*url >= '0' && *url <= '9') || *url == '_' || *url == '-') {
				if (++n > 64)
					return false;
				url++;
			}
			if (n < 16)
				return false;
			continue;
		}
		if (strncmp(pat, "{code}", 6) == 0) {
			size_t n = 0;
			pat += 6;
			while ((*url >= 'a' && *url <= 'z') || (*url >= '0' && *url <= '9') ||
			    *url == '_') {
				if (n == 32)
					return false;
				code[n++] = *url++;
			}
			code[n] = '\0';
			if (n == 0 || (*url != '/' && *url != '\0'))
				return false;
			continue;
		}
		if (*pat == '{') {
			int64_t v = 0;
			int digits = 0;
			while (*pat && *pat != '}')
				pat++;
			if (*pat == '}')
				pat++;
			if (*url == '0')
				return false;
			while (*url >= '0' && *url <= '9') {
				if (++digits > 15)
					return false;
				v = v * 10 + (*url - '0');
				url++;
			}
			if (digits == 0 || (*url != '/' && *url != '\0') || *nids == 3)
				return false;
			ids[(*nids)++] = v;
			continue;
		}
		if (*pat != *url)
			return false;
		pat++;
		url++;
	}
	return *pat == '\0' && *url == '\0';
}

static bool
is_write(enum method m)
{
	return m == M_POST || m == M_PUT || m == M_PATCH || m == M_DELETE;
}

/* The Origin, when sent, must be this server's own: scheme://Host. */
static bool
origin_ok(struct req *r)
{
	const char *origin = req_header(r, "Origin");
	const char *host = req_header(r, "Host");
	char own[300];

	if (origin == NULL)
		return true;
	if (host == NULL)
		return false;
	snprintf(own, sizeof own, "%s://%s", r->app->origin_scheme, host);
	return strcmp(origin, own) == 0;
}

/*
 * A body is JSON and says so (docs/api.md): Content-Type application/json,
 * any case, perhaps with parameters (";charset=utf-8").  Anything else —
 * text/plain, a form, no type at all — is refused before it is parsed, so
 * that no body a cross-site form can send (a form's body may be made to
 * look like JSON) is taken for JSON.
 */
static bool
json_body_ok(struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	static const char want[] = "application/json";
	size_t n = sizeof want - 1;

	if (r->body_len == 0)
		return true;
	if (ct == NULL)
		return false;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, want, n) != 0)
		return false;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}

/*
 * Sum up, in a row of this request, the refusals of an earlier minute that
 * followed its first (which has its own row): "count=N" more, from the
 * address that made them.
 */
static void
refused_more(struct req *r, const struct refusal_key *k, int n)
{
	char d[256];
	const char *detail, *addr;

	refusal_detail(k, n, d, sizeof d);
	detail = arena_strdup(r->arena, d);
	addr = arena_strdup(r->arena, k->addr);
	if (detail == NULL || addr == NULL) {
		r->audit_lost = true;
		return;
	}
	req_audit(r, "request.refused_more", "", 0, 0, detail);
	if (!r->audit_lost)
		r->audit[r->naudit - 1].address = addr;
}

void
refusal_detail(const struct refusal_key *k, int n, char *out, size_t cap)
{
	const struct route_def *rt = &routes[k->route];
	time_t t = (time_t)(k->minute * 60);
	struct tm tm;
	char when[32];

	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%MZ", &tm);
	snprintf(out, cap, "%s %s: %s; count=%d in the minute from %s",
	    method_names[rt->method], rt->path, k->why, n, when);
}

/*
 * Answer a refusal; word, when given, replaces the generic error code
 * ("csrf", "password_change_required").  A signed-in user's refusal is an
 * attempt by a known person: one row each, with the route refused and, under
 * /clients/{id}, the client, so it shows in that client's trail.  A request
 * that never signed in (no or a stale session, a foreign Origin) names no
 * client, and its refusals are aggregated (refusals.c): one row for the
 * first of an address, route and reason in a minute, one request.refused_more
 * row with the count of the rest.  One kind is not audited at all: the app's
 * "am I signed in?" (GET /me with no cookie at all), which is no attempt on
 * anything and would let anyone grow the log by reloading a page.
 */
static void
refuse(struct req *r, enum err code, const char *word, const char *msg, const char *why)
{
	const struct route_def *rt = r->route >= 0 ? &routes[r->route] : NULL;
	const char *detail;
	int64_t client = 0;
	struct refusal_key done;
	int ndone = 0;
	struct error e;
	json_t *b;

	error_clear(&e);
	error_set(&e, code, "%s", msg);
	b = json_error_body(&e);
	if (word != NULL)
		json_object_set_new(json_object_get(b, "error"), "code", json_string(word));
	reply_json(r, err_status(code), b);
	if (rt == &routes[R_ME] && req_header(r, "Cookie") == NULL)
		return;
	if (!r->authed) {
		bool first = refusals_note(&r->app->refusals, r->addr, r->route, why, r->now,
		    &done, &ndone);
		if (ndone > 0)
			refused_more(r, &done, ndone);
		if (!first)
			return;
	} else if (rt != NULL && rt->au.client == AU_CL_PATH && r->nids > 0) {
		client = r->ids[0];
	}
	detail = arena_printf(r->arena, "%s %s: %s", method_names[r->method],
	    rt ? rt->path : "-", why);
	if (detail == NULL) {
		r->audit_lost = true;	/* never a refusal without its reason */
		return;
	}
	req_audit(r, "request.refused", client ? "client" : "", client, client, detail);
}

/*
 * The care relationship rule (core/care.h), in one place for every route:
 * a user whose roles are only clinical opens a client's records only when
 * they have a role in that client's care or declared an emergency.  The
 * client is the path's under /clients/{id}/...; on a route about one record
 * (/notes/{id}, /episodes/{id}/..., the table below), the record's client —
 * every client of a group note.  Lists (search, rosters, worklists, the
 * census) are not held to it: names on a list are how staff find a client,
 * and break the glass; nor are the safety alerts (anyone on duty answers
 * them), a group session's roster (its facilitator's), inquiries (no client
 * yet), and the routes flagged RF_NO_CARE.
 */
static const struct {
	const char *prefix;
	enum care_record kind;
} care_records[] = {
	{ "/api/v1/episodes/", CARE_REC_EPISODE },
	{ "/api/v1/plans/", CARE_REC_PLAN },
	{ "/api/v1/discharge-summaries/", CARE_REC_DISCHARGE_SUMMARY },
	{ "/api/v1/notes/", CARE_REC_NOTE },
	{ "/api/v1/drug-screens/", CARE_REC_DRUG_SCREEN },
	{ "/api/v1/medications/", CARE_REC_MEDICATION },
	{ "/api/v1/appointments/", CARE_REC_APPOINTMENT },
	{ "/api/v1/consents/", CARE_REC_CONSENT },
	{ "/api/v1/disclosures/", CARE_REC_DISCLOSURE },
	{ "/api/v1/coverages/", CARE_REC_COVERAGE },
	{ "/api/v1/screenings/", CARE_REC_SCREENING },
	{ "/api/v1/aftercare-plans/", CARE_REC_AFTERCARE_PLAN },
	{ "/api/v1/court-dates/", CARE_REC_COURT_DATE },
	{ "/api/v1/referrals/", CARE_REC_REFERRAL },
	{ "/api/v1/alumni/checkins/", CARE_REC_ALUMNI_CHECKIN },
};

/* Refuse: 403 care_relationship_required, with the client's name and MRN
 * (for the screen that offers to break the glass), on the client's trail. */
static void
care_refuse(struct req *r, const struct route_def *rt, const struct client *c)
{
	struct error e;
	json_t *b, *err;
	const char *detail;

	error_clear(&e);
	error_set(&e, ERR_FORBIDDEN, "You have no role in this client's care. In an "
	    "emergency, declare it to open the record; the director is told.");
	b = json_error_body(&e);
	err = json_object_get(b, "error");
	json_object_set_new(err, "code", json_string("care_relationship_required"));
	json_object_set_new(err, "client", json_pack("{s:I,s:s,s:o,s:o,s:o}",
	    "id", (json_int_t)c->id, "mrn", c->mrn, "first_name", jstr(c->first_name),
	    "last_name", jstr(c->last_name), "preferred_name", jstr(c->preferred_name)));
	reply_json(r, 403, b);
	detail = arena_printf(r->arena, "%s %s: no care relationship", method_names[r->method],
	    rt->path);
	if (detail == NULL) {
		r->audit_lost = true;
		return;
	}
	req_audit(r, "request.refused", "client", c->id, c->id, detail);
}

/* True when the user is in the client's care (or the client does not
 * exist: the route answers 404); false after answering. */
static bool
care_client(struct req *r, const struct route_def *rt, int64_t client)
{
	enum care_way way;
	struct client c;
	struct error e;

	error_clear(&e);
	if (store_care_relationship(r->app->store, r->sess.staff_id, client, r->now, &way,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return false;
	}
	if (way != CARE_NONE)
		return true;
	if (store_client_get(r->app->store, client, r->arena, &c, &e) != ERR_OK) {
		if (e.code == ERR_NOTFOUND)
			return true;
		reply_error(r, &e);
		return false;
	}
	care_refuse(r, rt, &c);
	return false;
}

/* True when the request may go on; false after answering. */
static bool
care_check(struct req *r, const struct route_def *rt)
{
	int64_t one, *clients = &one;
	size_t n = 0;
	struct error e;

	if (!care_rule_applies(r->sess.roles) || (rt->flags & RF_NO_CARE) || r->nids == 0)
		return true;
	error_clear(&e);
	if (strncmp(rt->path, "/api/v1/clients/{id}", 20) == 0) {
		one = r->ids[0];
		n = 1;
	} else {
		for (size_t k = 0; k < sizeof care_records / sizeof care_records[0]; k++) {
			if (strncmp(rt->path, care_records[k].prefix,
			    strlen(care_records[k].prefix)) != 0)
				continue;
			if (store_care_record_clients(r->app->store, care_records[k].kind,
			    r->ids[0], r->arena, &clients, &n, &e) != ERR_OK) {
				reply_error(r, &e);
				return false;
			}
			break;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (!care_client(r, rt, clients[i]))
			return false;
	return true;
}

bool
req_care(struct req *r, int64_t client_id)
{
	if (!care_rule_applies(r->sess.roles) || r->route < 0)
		return true;
	return care_client(r, &routes[r->route], client_id);
}

void
router_dispatch(struct req *r)
{
	const struct route_def *rt = NULL;
	bool path_found = false;
	int i;

	for (i = 0; i < R__MAX; i++) {
		int64_t ids[3];
		char code[33] = "";
		int n;
		if (!router_match(routes[i].path, r->url, ids, &n, code))
			continue;
		path_found = true;
		if (routes[i].method != r->method &&
		    !(r->method == M_HEAD && routes[i].method == M_GET))
			continue;
		rt = &routes[i];
		r->route = i;
		memcpy(r->ids, ids, sizeof ids);
		r->nids = n;
		memcpy(r->code_param, code, sizeof code);
		break;
	}
	if (rt == NULL) {
		if (path_found) {
			reply_err(r, ERR__MAX, "This method is not allowed here.");
			return;
		}
		if (r->method == M_GET || r->method == M_HEAD) {
			if (assets_serve(r))
				return;
		}
		reply_err(r, ERR_NOTFOUND, "Not found.");
		return;
	}

	if (!json_body_ok(r)) {
		reply_err(r, ERR_MALFORMED, "The request body must be JSON, sent with "
		    "Content-Type: application/json.");
		return;
	}
	if (is_write(r->method) && !origin_ok(r)) {
		refuse(r, ERR_FORBIDDEN, "csrf", "This request came from another site.",
		    "foreign origin");
		return;
	}
	r->decl = &rt->au;
	if (rt->flags & RF_PUBLIC) {
		rt->fn(r);
		if (r->slow == NULL)
			req_audit_declared(r, r->decl);
		return;
	}
	if (!auth_session_from_cookie(r)) {
		refuse(r, ERR_UNAUTH, NULL, "Please sign in.", "no session");
		return;
	}
	if (is_write(r->method) && !(rt->flags & RF_NO_CSRF)) {
		const char *tok = req_header(r, "X-CSRF-Token");
		size_t n = strlen(r->sess.csrf);
		if (tok == NULL || strlen(tok) != n ||
		    sodium_memcmp(tok, r->sess.csrf, n) != 0) {
			refuse(r, ERR_FORBIDDEN, "csrf", "The request's security token is "
			    "missing or wrong; reload the page.", "csrf");
			return;
		}
	}
	if (r->sess.must_change_password && !(rt->flags & RF_PW_CHANGE_OK)) {
		refuse(r, ERR_FORBIDDEN, "password_change_required",
		    "Please choose a new password first.", "password change due");
		return;
	}
	if (!roles_allow(r->sess.roles, rt->perm) && rt->perm != PERM_NONE) {
		refuse(r, ERR_FORBIDDEN, NULL, "Your role does not allow this.",
		    perm_name(rt->perm));
		return;
	}
	if (!care_check(r, rt))
		return;
	rt->fn(r);
	if (r->slow == NULL)
		req_audit_declared(r, r->decl);
}

struct req *
router_slow_rest(struct req *r)
{
	handler_fn rest = r->slow;

	r->slow = NULL;
	rest(r);
	req_audit_declared(r, r->decl);
	return r;
}

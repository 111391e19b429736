/*
 * audit_words.c — the audit log's vocabulary (see audit_words.h).
 *
 * An action added anywhere (a route's AU() line, a handler's req_audit, an
 * operation's outcome, a command) gets its words here; tests/api/
 * audit_words.test.mjs reads the code for every action written and fails on
 * one that is missing.  Words say what the person did, past tense, in the
 * clinic's terms; they never name a client or health information.
 */
#include <string.h>

#include "core/audit_words.h"

const struct audit_word audit_actions[] = {
	/* Sign-in and requests */
	{ "session.login", "Signed in", "Sign-in" },
	{ "session.logout", "Signed out", "Sign-in" },
	{ "session.login_failed", "Sign-in failed", "Sign-in" },
	{ "session.login_refused", "Sign-in refused (too many attempts)", "Sign-in" },
	{ "request.refused", "Request refused", "Sign-in" },
	{ "request.refused_more", "More requests refused (counted)", "Sign-in" },
	/* The audit log */
	{ "audit.read", "Read the audit log", "Audit log" },
	{ "audit.trail_read", "Read a client's audit trail", "Audit log" },
	{ "audit.export", "Exported the audit log (CSV)", "Audit log" },
	/* Clients */
	{ "client.search", "Searched clients", "Clients" },
	{ "client.chart_opened", "Opened a client's chart", "Clients" },
	{ "client.read", "Read client details", "Clients" },
	{ "client.create", "Added a client", "Clients" },
	{ "client.update", "Changed client details", "Clients" },
	{ "client.deactivate", "Deactivated a client", "Clients" },
	{ "client.reactivate", "Reactivated a client", "Clients" },
	{ "client.duplicates_shown", "Shown as a possible duplicate", "Clients" },
	{ "contact.list", "Viewed contacts", "Clients" },
	{ "contact.create", "Added a contact", "Clients" },
	{ "contact.update", "Changed a contact", "Clients" },
	{ "contact.remove", "Removed a contact", "Clients" },
	/* Screening, safety and level of care */
	{ "screening.record", "Recorded a screening", "Screening and care" },
	{ "screening.list", "Viewed screenings", "Screening and care" },
	{ "screening.void", "Voided a screening entered in error", "Screening and care" },
	{ "alert.list", "Viewed safety alerts", "Screening and care" },
	{ "alert.resolve", "Documented a response to a safety alert", "Screening and care" },
	{ "alert.unclaimed", "Viewed the unclaimed safety alerts", "Screening and care" },
	{ "alert.claim", "Claimed an unclaimed safety alert", "Screening and care" },
	{ "placement.record", "Recorded a level-of-care assessment", "Screening and care" },
	{ "placement.list", "Viewed level-of-care assessments", "Screening and care" },
	{ "placement_table.update", "Changed the level-of-care table", "Screening and care" },
	{ "episode.admit", "Admitted a client", "Screening and care" },
	{ "episode.alerts_shown", "Shown open safety alerts before admitting",
	    "Screening and care" },
	{ "episode.list", "Viewed episodes of care", "Screening and care" },
	{ "episode.discharge", "Discharged a client", "Screening and care" },
	{ "episode.transfer", "Moved a client to another level of care", "Screening and care" },
	{ "episode.discharge_preview", "Viewed what a discharge would change",
	    "Screening and care" },
	{ "discharge_summary.read", "Viewed a discharge summary", "Screening and care" },
	{ "discharge_summary.create", "Drafted a discharge summary", "Screening and care" },
	{ "discharge_summary.update", "Edited a discharge summary", "Screening and care" },
	{ "discharge_summary.sign", "Signed a discharge summary", "Screening and care" },
	{ "aftercare_plan.read", "Viewed an aftercare plan", "Screening and care" },
	{ "aftercare_plan.list", "Viewed a client's aftercare plans", "Screening and care" },
	{ "aftercare_plan.create", "Drafted an aftercare plan", "Screening and care" },
	{ "aftercare_plan.update", "Edited an aftercare plan", "Screening and care" },
	{ "aftercare_plan.client_sign", "Witnessed the client signing an aftercare plan",
	  "Screening and care" },
	{ "aftercare_plan.revise", "Started a new version of an aftercare plan",
	  "Screening and care" },
	{ "aftercare_plan.print", "Printed an aftercare plan for the client",
	  "Screening and care" },
	{ "census.read", "Viewed the census", "Screening and care" },
	{ "hours.list", "Viewed the week's hours of a site's clients", "Screening and care" },
	{ "hours.weeks", "Viewed a client's weeks of hours", "Screening and care" },
	{ "billing.days", "Viewed a client's billable days", "Billing" },
	{ "billing.list", "Viewed the billable days of a site's clients", "Billing" },
	{ "medication.list", "Viewed medications", "Screening and care" },
	{ "medication.create", "Added a medication", "Screening and care" },
	{ "medication.update", "Changed a medication", "Screening and care" },
	{ "medication.history", "Viewed a medication's earlier versions", "Screening and care" },
	{ "drug_screen.list", "Viewed drug screens", "Screening and care" },
	{ "drug_screen.read", "Viewed a drug screen and its earlier results",
	    "Screening and care" },
	{ "drug_screen.record", "Recorded a drug screen", "Screening and care" },
	{ "drug_screen.entered_in_error", "Marked a drug screen entered in error",
	    "Screening and care" },
	{ "measure.list", "Viewed repeated measures and their score history", "Screening and care" },
	{ "measure.due_list", "Viewed the list of repeated measures due", "Screening and care" },
	{ "drug_screen.results", "Entered or corrected drug screen results",
	    "Screening and care" },
	/* Part 2 consents and disclosures */
	{ "consent.list", "Viewed consents to disclose", "Consents and disclosures" },
	{ "consent.record", "Recorded a consent to disclose", "Consents and disclosures" },
	{ "consent.revoke", "Revoked a consent to disclose", "Consents and disclosures" },
	{ "disclosure.list", "Viewed the accounting of disclosures", "Consents and disclosures" },
	{ "disclosure.release", "Released client information under a consent",
	    "Consents and disclosures" },
	{ "disclosure.document_read", "Opened a released document", "Consents and disclosures" },
	/* Case management */
	{ "resource.create", "Added a resource to the address book", "Case management" },
	{ "resource.update", "Changed a resource of the address book", "Case management" },
	{ "casemgmt.read", "Viewed case management (needs, court dates, referrals)",
	    "Case management" },
	{ "casemgmt.due_list", "Viewed the case-management items due", "Case management" },
	{ "need.update", "Assessed a need", "Case management" },
	{ "court_date.create", "Added a court date", "Case management" },
	{ "court_date.remove", "Removed a court date entered in error", "Case management" },
	{ "referral.create", "Made a referral to a resource", "Case management" },
	{ "referral.status", "Changed a referral's status", "Case management" },
	{ "referral.update", "Changed a referral's follow-up or notes", "Case management" },
	/* Care relationships and breaking the glass */
	{ "care_team.list", "Viewed a client's care team", "Care team" },
	{ "care_team.add", "Added a staff member to a client's care team", "Care team" },
	{ "care_team.remove", "Removed a staff member from a client's care team", "Care team" },
	{ "client.emergency_access", "Opened a client's record in an emergency",
	  "Care team" },
	/* Alumni */
	{ "alumni.list", "Viewed the alumni list", "Alumni" },
	{ "alumni.checkin_read", "Opened an alumni check-in", "Alumni" },
	{ "alumni.checkin_list", "Viewed a client's alumni check-ins", "Alumni" },
	{ "alumni.checkin_record", "Recorded an alumni check-in call", "Alumni" },
	{ "alumni.event_read", "Viewed an alumni event and who answered", "Alumni" },
	{ "alumni.rsvp", "Recorded an alumnus's RSVP or attendance", "Alumni" },
	/* Appointments */
	{ "appointment.book", "Booked an appointment", "Appointments" },
	{ "appointment.read", "Viewed an appointment", "Appointments" },
	{ "appointment.list", "Viewed appointments", "Appointments" },
	{ "appointment.reschedule", "Rescheduled an appointment", "Appointments" },
	{ "appointment.cancel", "Cancelled an appointment", "Appointments" },
	{ "appointment.attendance", "Recorded whether a client came to an appointment",
	  "Appointments" },
	/* Calendar feeds */
	{ "feed.create", "Made a calendar feed link", "Calendar feeds" },
	{ "feed.list", "Viewed calendar feed links", "Calendar feeds" },
	{ "feed.revoke", "Revoked a calendar feed link", "Calendar feeds" },
	{ "feed.fetch", "A calendar feed was fetched with its link", "Calendar feeds" },
	/* Treatment plans */
	{ "plan.list", "Viewed treatment plans", "Treatment plans" },
	{ "plan.read", "Viewed a treatment plan", "Treatment plans" },
	{ "plan.create", "Started a treatment plan", "Treatment plans" },
	{ "plan.update", "Edited a draft treatment plan", "Treatment plans" },
	{ "plan.sign", "Signed a treatment plan (clinician)", "Treatment plans" },
	{ "plan.client_sign", "Witnessed a client signing a treatment plan", "Treatment plans" },
	{ "plan.revise", "Started a new version of a treatment plan", "Treatment plans" },
	{ "plan.reviews_due", "Viewed treatment plan reviews due", "Treatment plans" },
	/* Clinical notes */
	{ "note.open", "Opened a note to write", "Notes" },
	{ "note.list", "Viewed notes", "Notes" },
	{ "note.worklist", "Viewed the notes to sign", "Notes" },
	{ "note.read", "Viewed a note", "Notes" },
	{ "note.update", "Edited a draft note", "Notes" },
	{ "note.sign", "Signed a note", "Notes" },
	{ "note.cosign", "Co-signed a note", "Notes" },
	{ "note.addendum", "Added an addendum to a signed note", "Notes" },
	{ "appointment.conflicts_check", "Checked a booking for clashes", "Appointments" },
	/* Insurance */
	{ "coverage.list", "Viewed insurance coverage", "Insurance" },
	{ "coverage.create", "Added insurance coverage", "Insurance" },
	{ "coverage.update", "Corrected insurance coverage", "Insurance" },
	{ "benefit_check.list", "Viewed benefit checks", "Insurance" },
	{ "benefit_check.create", "Checked benefits", "Insurance" },
	{ "authorization.list", "Viewed authorizations", "Insurance" },
	{ "authorization.create", "Recorded an authorization", "Insurance" },
	/* Admissions */
	{ "inquiry.list", "Viewed the admissions board", "Admissions" },
	{ "inquiry.read", "Opened an inquiry", "Admissions" },
	{ "inquiry.create", "Received an inquiry", "Admissions" },
	{ "inquiry.update", "Changed an inquiry", "Admissions" },
	{ "inquiry.convert", "Converted an inquiry to a client", "Admissions" },
	{ "inquiry.merge", "Merged duplicate inquiries", "Admissions" },
	{ "inquiry.contacts", "Viewed an inquiry's call log", "Admissions" },
	{ "inquiry.contact", "Logged a call or message", "Admissions" },
	{ "inquiry.tasks", "Viewed an inquiry's follow-ups", "Admissions" },
	{ "inquiry.task", "Added a follow-up", "Admissions" },
	/* Tasks */
	{ "task.list", "Viewed tasks", "Tasks" },
	{ "task.done", "Completed a task", "Tasks" },
	/* Staff, sites and the duty roster */
	{ "staff.create", "Added a staff account", "Staff and sites" },
	{ "staff.update", "Changed a staff account", "Staff and sites" },
	{ "staff.disable", "Disabled a staff account", "Staff and sites" },
	{ "staff.enable", "Enabled a staff account", "Staff and sites" },
	{ "staff.unlock", "Unlocked a staff account", "Staff and sites" },
	{ "staff.password_reset", "Reset a staff member's password", "Staff and sites" },
	{ "staff.password_changed", "Changed own password", "Staff and sites" },
	{ "staff.password_change_failed", "Password change failed", "Staff and sites" },
	{ "site.create", "Added a site", "Staff and sites" },
	{ "site.update", "Changed a site", "Staff and sites" },
	{ "room.create", "Added a room", "Staff and sites" },
	{ "room.update", "Changed a room", "Staff and sites" },
	{ "track.create", "Added a track", "Staff and sites" },
	{ "track.update", "Changed a track", "Staff and sites" },
	{ "closure.create", "Closed a site for a day", "Staff and sites" },
	{ "closure.delete", "Removed a site's closure day", "Staff and sites" },
	{ "session.generate", "Generated a track's sessions", "Staff and sites" },
	{ "session.create", "Added a one-off session", "Staff and sites" },
	{ "session.update", "Changed a session", "Staff and sites" },
	{ "session.read", "Viewed a session's roster", "Clients" },
	{ "attendance.record", "Recorded attendance at a session", "Clients" },
	{ "enrolment.create", "Moved a client onto a track", "Clients" },
	{ "enrolment.list", "Viewed a client's tracks", "Clients" },
	{ "program.update", "Changed the program's details", "Staff and sites" },
	{ "measure.schedule_update", "Changed the schedule of repeated measures", "Staff and sites" },
	{ "duty.add", "Added a duty shift", "Staff and sites" },
	{ "duty.remove", "Removed a duty shift", "Staff and sites" },
	{ "duty.end", "Ended a duty shift early", "Staff and sites" },
	{ "duty_series.add", "Added a repeating duty shift", "Staff and sites" },
	{ "duty_series.update", "Changed a repeating duty shift", "Staff and sites" },
	{ "duty_series.end", "Ended a repeating duty shift", "Staff and sites" },
	/* The command line */
	{ "demo.write", "Wrote the demo clinic", "Command line" },
};
const size_t audit_nactions = sizeof audit_actions / sizeof audit_actions[0];

const struct audit_record_word audit_records[] = {
	{ "client", "Client record", "Client records" },
	{ "contact", "Contact", "Contacts" },
	{ "staff", "Staff account", "Staff accounts" },
	{ "site", "Site", "Sites" },
	{ "room", "Room", "Rooms" },
	{ "track", "Track", "Tracks" },
	{ "closure", "Closure day", "Closure days" },
	{ "enrolment", "Enrolment", "Enrolments" },
	{ "group_session", "Session", "Sessions" },
	{ "program", "Program's details", "Program's details" },
	{ "inquiry", "Inquiry", "Inquiries" },
	{ "screening", "Screening", "Screenings" },
	{ "alert", "Safety alert", "Safety alerts" },
	{ "task", "Task", "Tasks" },
	{ "placement", "Level-of-care assessment", "Level-of-care assessments" },
	{ "placement_table", "Level-of-care table version", "Level-of-care table versions" },
	{ "duty_shift", "Duty shift", "Duty shifts" },
	{ "duty_series", "Repeating duty shift", "Repeating duty shifts" },
	{ "episode", "Episode of care", "Episodes of care" },
	{ "coverage", "Insurance coverage", "Insurance coverages" },
	{ "benefit_check", "Benefit check", "Benefit checks" },
	{ "authorization", "Authorization", "Authorizations" },
	{ "appointment", "Appointment", "Appointments" },
	{ "feed", "Calendar feed link", "Calendar feeds" },
	{ "plan", "Treatment plan", "Treatment plans" },
	{ "discharge_summary", "Discharge summary", "Discharge summaries" },
	{ "aftercare_plan", "Aftercare plan", "Aftercare plans" },
	{ "medication", "Medication", "Medications" },
	{ "drug_screen", "Drug screen", "Drug screens" },
	{ "note", "Note", "Notes" },
	{ "consent", "Consent to disclose", "Consents to disclose" },
	{ "disclosure", "Disclosure", "Disclosures" },
	{ "resource", "Resource", "Resources" },
	{ "need", "Need", "Needs" },
	{ "court_date", "Court date", "Court dates" },
	{ "referral", "Referral", "Referrals" },
	{ "care_team", "Care team membership", "Care team memberships" },
	{ "emergency_access", "Emergency access", "Emergency accesses" },
	{ "alumni_checkin", "Alumni check-in", "Alumni check-ins" },
	{ "alumni_event", "Alumni event", "Alumni events" },
};
const size_t audit_nrecords = sizeof audit_records / sizeof audit_records[0];

const char *
audit_action_words(const char *code)
{
	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < audit_nactions; i++)
		if (strcmp(audit_actions[i].code, code) == 0)
			return audit_actions[i].words;
	return NULL;
}

const struct audit_record_word *
audit_record_words(const char *code)
{
	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < audit_nrecords; i++)
		if (strcmp(audit_records[i].code, code) == 0)
			return &audit_records[i];
	return NULL;
}

bool
audit_action_flagged(const char *code)
{
	return code != NULL && strcmp(code, "client.emergency_access") == 0;
}

/*
 * decoders.c — every request-body decoder of the API in one list, so the
 * fuzz target (tests/fuzz/fuzz_json.c) and tests can walk them all.  Each
 * decoder lives beside its handler.
 */
#include "http/decoders.h"

const struct fdecoder *const fdecoders[] = {
	&dec_client,
	&dec_contact,
	&dec_client_active,
	&dec_staff,
	&dec_staff_password,
	&dec_site,
	&dec_room,
	&dec_session,
	&dec_me_password,
	&dec_alert_response,
	&dec_instrument_score,
	&dec_screening,
	&dec_screening_void,
	&dec_duty_shift,
	&dec_duty_series,
	&dec_appointment,
	&dec_appointment_reschedule,
	&dec_appointment_cancel,
	&dec_episode_admit,
	&dec_inquiry,
	&dec_inquiry_insurance,
	&dec_public_help,
	&dec_public_insurance,
	&dec_inquiry_patch,
	&dec_inquiry_convert,
	&dec_inquiry_contact,
	&dec_inquiry_task,
	&dec_inquiry_merge,
	&dec_coverage,
	&dec_benefit,
	&dec_authorization,
	&dec_placement_table,
	&dec_placement_flag,
	&dec_placement_restore,
	&dec_placement_recommend,
	&dec_placement_record,
	/* Last, so the fuzz corpus's first bytes keep naming their decoders. */
	&dec_track,
	&dec_track_block,
	&dec_sessions_generate,
	&dec_session_one_off,
	&dec_session_patch,
	&dec_closure,
	&dec_enrolment,
	&dec_attendance_record,
	&dec_program,
	&dec_medication,
	&dec_drug_screen,
	&dec_drug_screen_results,
};
const size_t nfdecoders = sizeof fdecoders / sizeof fdecoders[0];

/*
 * decoders.c — every request-body decoder of the API in one list, so the
 * fuzz target (tests/fuzz/fuzz_json.c) and tests can walk them all.  Each
 * decoder lives beside its handler.
 */
#include "http/decoders.h"

const struct fdecoder *const fdecoders[] = {
	&dec_client,
	&dec_contact,
	&dec_staff,
	&dec_staff_password,
	&dec_site,
	&dec_room,
	&dec_session,
	&dec_me_password,
	&dec_alert_response,
	&dec_instrument_score,
	&dec_screening,
	&dec_duty_shift,
};
const size_t nfdecoders = sizeof fdecoders / sizeof fdecoders[0];

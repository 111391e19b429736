/*
 * decoders.c — every body decoder of the API, for the table-driven fuzz
 * target (fields.h).
 */
#include "http/adm_decoders.h"
#include "http/fields.h"

const struct fdecoder *const fdecoders[] = {
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
};
const size_t nfdecoders = sizeof fdecoders / sizeof fdecoders[0];

/*
 * adm_decoders.h — the body decoders of the admissions routes (episodes,
 * inquiries and the public form, insurance, placement), each a table in
 * the file of its handler, listed in decoders.c for the fuzz target.
 * Private to src/http/.
 */
#ifndef IOP_ADM_DECODERS_H
#define IOP_ADM_DECODERS_H

#include <stdbool.h>

#include <jansson.h>

#include "core/inquiry.h"
#include "http/fields.h"
#include "lib/arena.h"
#include "lib/err.h"

/* The public form's body: the inquiry, and the honeypot field. */
struct inquiry_body {
	struct inquiry q;		/* first: the inquiry tables' offsets are into it */
	const char *website;
};

/*
 * A help, insurance or phone inquiry's body onto the struct inquiry at the
 * start of out (blank first), by the table of its kind: the public form's
 * (out a struct inquiry_body) or the staff's (a struct inquiry_create_in).
 */
void inquiry_from_json(json_t *o, bool public_form, void *out, struct arena *a,
    struct error *e);

extern const struct fdecoder dec_episode_admit;
extern const struct fdecoder dec_inquiry;		/* staff: help or phone */
extern const struct fdecoder dec_inquiry_insurance;	/* staff: insurance */
extern const struct fdecoder dec_public_help;
extern const struct fdecoder dec_public_insurance;
extern const struct fdecoder dec_inquiry_patch;
extern const struct fdecoder dec_inquiry_convert;
extern const struct fdecoder dec_inquiry_contact;
extern const struct fdecoder dec_inquiry_task;
extern const struct fdecoder dec_inquiry_merge;
extern const struct fdecoder dec_coverage;
extern const struct fdecoder dec_benefit;
extern const struct fdecoder dec_authorization;
extern const struct fdecoder dec_placement_table;
extern const struct fdecoder dec_placement_flag;
extern const struct fdecoder dec_placement_restore;
extern const struct fdecoder dec_placement_recommend;
extern const struct fdecoder dec_placement_record;

#endif

/*
 * api_public.c — what the public pages may ask without signing in: the
 * program's tracks, and a request for help or an insurance check.
 *
 * A submission is answered with an acknowledgement only — never its own
 * data.  It is refused when too large (16 KiB) or too frequent from one
 * address (IOP_PUBLIC_RATE_PER_HOUR); a filled honeypot field ("website")
 * gets the same acknowledgement and is stored nowhere.  Nothing of a
 * submission is logged; its audit row names only the new inquiry.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/inquiry.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/inquiry.h"

#define PUBLIC_MAX_BODY (16 * 1024)

static const char ACK[] = "Thank you. Someone from our admissions team will call you back "
    "within one business day, usually much sooner. If you are in danger or thinking about "
    "suicide, call or text 988, or call 911.";

static void
reply_ack(struct req *r)
{
	reply_json(r, 202, json_pack("{s:s,s:s}", "status", "received", "message", ACK));
}

/* ---- the inquiry's body, for the public form and the staff's intake ---------- */

static const char *
parse_kind(json_t *v, void *dst, struct arena *a)
{
	const char *s, *why;

	(void)a;
	if ((why = fields_text(v, &s)) != NULL)
		return why;
	return inquiry_kind_parse(s, dst) ? NULL : "must be help or insurance";
}

static const char *
parse_for_whom(json_t *v, void *dst, struct arena *a)
{
	const char *s, *why;

	(void)a;
	if ((why = fields_text(v, &s)) != NULL)
		return why;
	if (strcmp(s, "other") != 0 && strcmp(s, "self") != 0)
		return "must be self or other";
	*(bool *)dst = strcmp(s, "other") == 0;
	return NULL;
}

/* true, false, or null for "not asked" (the field left out is the same). */
const char *
parse_consent(json_t *v, void *dst, struct arena *a)
{
	(void)a;
	if (json_is_null(v))
		*(enum consent *)dst = CONSENT_NOT_ASKED;
	else if (json_is_boolean(v))
		*(enum consent *)dst = json_is_true(v) ? CONSENT_YES : CONSENT_NO;
	else
		return "must be true (yes), false (no) or null (not asked)";
	return NULL;
}

/* today, this_week, exploring, or null for "not asked". */
const char *
parse_urgency(json_t *v, void *dst, struct arena *a)
{
	const char *s, *why;

	(void)a;
	if (json_is_null(v)) {
		*(enum urgency *)dst = URG_NOT_ASKED;
		return NULL;
	}
	if ((why = fields_text(v, &s)) != NULL)
		return why;
	return urgency_parse(s, dst) ? NULL : "must be today, this_week or exploring";
}

#define STR_(x) #x
#define STR(x) STR_(x)

/* The list of words at q->substances, and as JSON text (dst: the inquiry). */
static const char *
parse_substances(json_t *v, void *dst, struct arena *a)
{
	struct inquiry *q = dst;
	size_t i;

	if (json_is_null(v))
		return NULL;
	if (!json_is_array(v) || json_array_size(v) > INQUIRY_SUBSTANCES_MAX)
		return "must be a list of up to " STR(INQUIRY_SUBSTANCES_MAX);
	for (i = 0; i < json_array_size(v); i++) {
		json_t *x = json_array_get(v, i);
		if (!json_is_string(x))
			return "must be a list of words";
		q->substances[q->nsubstances++] = json_string_value(x);
	}
	if ((q->substances_json = json_dump_arena(a, json_incref(v))) == NULL)
		return "must be shorter";
	return NULL;
}

/*
 * The inquiry's fields in their sets: all kinds share CONTACT; a help or
 * phone inquiry adds HELP (with the insurance as an object), an insurance
 * check gives the insurance itself (INSURANCE); the public form adds the
 * honeypot.  Offsets are into a struct inquiry at the start of the target.
 */
#define Q(m) offsetof(struct inquiry, m)
#define CONTACT_ROWS                                                                    \
	{ .name = "kind", .kind = FK_CUSTOM, .off = Q(kind), .flags = FD_REQUIRED,      \
	  .parse = parse_kind },                                                        \
	{ .name = "name", .kind = FK_TEXT, .off = Q(name) },                            \
	{ .name = "phone", .kind = FK_TEXT, .off = Q(phone) },                          \
	{ .name = "email", .kind = FK_TEXT, .off = Q(email) },                          \
	{ .name = "ok_voicemail", .kind = FK_CUSTOM, .off = Q(ok_voicemail),           \
	  .parse = parse_consent },                                                     \
	{ .name = "ok_text", .kind = FK_CUSTOM, .off = Q(ok_text), .parse = parse_consent }, \
	{ .name = "best_time", .kind = FK_TEXT, .off = Q(best_time) },                  \
	{ .name = "message", .kind = FK_TEXT, .off = Q(message) }
#define INSURANCE_ROWS                                                                  \
	{ .name = "payer", .kind = FK_TEXT, .off = Q(ins.payer) },                      \
	{ .name = "member_id", .kind = FK_TEXT, .off = Q(ins.member_id) },              \
	{ .name = "group_number", .kind = FK_TEXT, .off = Q(ins.group_number) },        \
	{ .name = "subscriber_name", .kind = FK_TEXT, .off = Q(ins.subscriber_name) },  \
	{ .name = "subscriber_dob", .kind = FK_DATE, .off = Q(ins.subscriber_dob),      \
	  .flags = FD_NULL },                                                           \
	{ .name = "relationship", .kind = FK_TEXT, .off = Q(ins.relationship) }
#define HELP_ROWS                                                                       \
	{ .name = "for_whom", .kind = FK_CUSTOM, .off = Q(for_other),                   \
	  .parse = parse_for_whom },                                                    \
	{ .name = "caller_name", .kind = FK_TEXT, .off = Q(caller_name) },              \
	{ .name = "caller_relationship", .kind = FK_TEXT, .off = Q(caller_relationship) }, \
	{ .name = "substances", .kind = FK_CUSTOM, .off = 0, .parse = parse_substances }, \
	{ .name = "urgency", .kind = FK_CUSTOM, .off = Q(urgency), .parse = parse_urgency }, \
	{ .name = "referral_source", .kind = FK_TEXT, .off = Q(referral_source) },      \
	{ .name = "insurance", .kind = FK_OBJECT, .off = Q(has_insurance),              \
	  .flags = FD_MARK, .sub = &dec_insurance_object }
#define WEBSITE_ROW                                                                     \
	{ .name = "website", .kind = FK_TEXT, .off = offsetof(struct inquiry_body, website) }

static const struct fdef insurance_object_fields[] = { INSURANCE_ROWS };
static const struct fdecoder dec_insurance_object = FDECODER("inquiry.insurance",
    struct inquiry, insurance_object_fields);
static const struct fdef inquiry_fields[] = { CONTACT_ROWS, HELP_ROWS };
static const struct fdef inquiry_insurance_fields[] = { CONTACT_ROWS, INSURANCE_ROWS };
static const struct fdef public_help_fields[] = { CONTACT_ROWS, HELP_ROWS, WEBSITE_ROW };
static const struct fdef public_insurance_fields[] = {
	CONTACT_ROWS, INSURANCE_ROWS, WEBSITE_ROW
};
#undef Q
const struct fdecoder dec_inquiry = FDECODER("inquiry", struct inquiry_create_in,
    inquiry_fields);
const struct fdecoder dec_inquiry_insurance = FDECODER("inquiry_insurance",
    struct inquiry_create_in, inquiry_insurance_fields);
const struct fdecoder dec_public_help = FDECODER("public_help", struct inquiry_body,
    public_help_fields);
const struct fdecoder dec_public_insurance = FDECODER("public_insurance",
    struct inquiry_body, public_insurance_fields);

void
inquiry_from_json(json_t *o, bool public_form, void *out, struct arena *a, struct error *e)
{
	struct inquiry *q = out;
	enum inquiry_kind kind;
	json_t *k = json_object_get(o, "kind");
	bool ins;

	memset(q, 0, sizeof *q);
	q->name = q->phone = q->email = q->best_time = q->caller_name = "";
	q->caller_relationship = q->message = q->referral_source = "";
	q->referred_to = q->close_reason = "";
	q->ins.payer = q->ins.member_id = q->ins.group_number = "";
	q->ins.subscriber_name = q->ins.relationship = "";
	/* What is not said is not asked (memset): never "no" or "exploring". */
	q->kind = INQ__MAX;
	q->substances_json = "[]";
	/* The kind says which fields the body may have. */
	ins = json_is_string(k) && inquiry_kind_parse(json_string_value(k), &kind) &&
	    kind == INQ_INSURANCE;
	fdecode(public_form ? (ins ? &dec_public_insurance : &dec_public_help) :
	    (ins ? &dec_inquiry_insurance : &dec_inquiry), o, a, out, NULL, e, NULL);
	if (q->kind == INQ_INSURANCE)
		q->has_insurance = true;
}

static void
public_inquiry_after(struct req *r)
{
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_ack(r);
}

void
h_public_inquiry(struct req *r)
{
	struct inquiry_create_in *in;
	struct inquiry_body b;
	struct error e;
	json_t *o;

	if (r->body_len > PUBLIC_MAX_BODY) {
		reply_err(r, ERR_TOOLARGE, "That was too long. Please shorten your message, or "
		    "call us.");
		return;
	}
	if (!rate_allow(&r->app->public_rate, r->addr, r->now, 3600,
	    r->app->set.public_rate_per_hour)) {
		reply_err(r, ERR_RATELIMIT, "Too many requests from this connection. Please call "
		    "us instead.");
		return;
	}
	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	b.website = NULL;
	inquiry_from_json(o, true, &b, r->arena, &e);
	/* A filled honeypot: a robot.  Same answer, nothing kept. */
	if (b.website != NULL && *b.website != '\0') {
		reply_ack(r);
		return;
	}
	if (!REQ_OP_INPUT(r, in))
		return;
	in->q = b.q;
	if (in->q.kind == INQ_PHONE)
		error_field(&e, "kind", "must be help or insurance");
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		inquiry_validate_new(&in->q, date_from_unix(r->now), &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->q.source = "web";
	req_audit_as(r, NULL, "public form");
	req_op(r, op_inquiry_create_run, in, public_inquiry_after);
}

/* ---- the program page's data ---------------------------------------------- */

void
h_public_program(struct req *r)
{
	struct page pg = { 200, 0 };
	struct site *sites;
	struct track *tracks;
	size_t ns, nt, i, k;
	int64_t total;
	struct error e;
	json_t *out = json_array();
	struct program prog;
	const char *phone;

	error_clear(&e);
	if (store_program_get(r->app->store, r->arena, &prog, &e) != ERR_OK ||
	    store_site_list(r->app->store, pg, r->arena, &sites, &ns, &total, &e) != ERR_OK ||
	    store_track_list(r->app->store, 0, pg, r->arena, &tracks, &nt, &total, &e)
	    != ERR_OK) {
		json_decref(out);
		reply_error(r, &e);
		return;
	}
	/* The program's own admissions number, else the first active site's. */
	phone = prog.phone;
	for (i = 0; i < ns; i++) {
		json_t *ts = json_array();
		if (!sites[i].active) {
			json_decref(ts);
			continue;
		}
		if (*phone == '\0')
			phone = sites[i].phone;
		for (k = 0; k < nt; k++) {
			json_t *t;
			int days = 0, d;
			if (tracks[k].site_id != sites[i].id || !tracks[k].active)
				continue;
			for (d = 0; d < WD__MAX; d++)
				days += (tracks[k].weekdays >> d) & 1u;
			t = track_to_json(&tracks[k]);
			json_object_del(t, "site_id");
			json_object_del(t, "active");
			json_object_del(t, "blocks");
			json_object_set_new(t, "hours_per_week", json_real(
			    days * (tracks[k].end_min - tracks[k].start_min) / 60.0));
			json_array_append_new(ts, t);
		}
		json_array_append_new(out, json_pack("{s:I,s:o,s:o,s:o,s:o,s:o}",
		    "id", (json_int_t)sites[i].id, "name", jstr(sites[i].name),
		    "address", jstr(sites[i].address), "phone", jstr(sites[i].phone),
		    "timezone", jstr(sites[i].timezone), "tracks", ts));
	}
	reply_json(r, 200, json_pack("{s:{s:o,s:o,s:o,s:o},s:o}", "program",
	    "name", jstr(prog.name), "tagline", jstr(prog.tagline), "phone", jstr(phone),
	    "email", jstr(prog.email), "sites", out));
}

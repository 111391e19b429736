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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/inquiry.h"
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

static const char *const help_keys[] = {
	"kind", "name", "phone", "email", "ok_voicemail", "ok_text", "best_time", "for_whom",
	"caller_name", "caller_relationship", "substances", "urgency", "message", "insurance",
	"referral_source", "website", NULL
};
static const char *const insurance_keys[] = {
	"kind", "payer", "member_id", "group_number", "subscriber_name", "subscriber_dob",
	"relationship", "name", "phone", "email", "ok_voicemail", "ok_text", "best_time",
	"message", "website", NULL
};
static const char *const ins_object_keys[] = {
	"payer", "member_id", "group_number", "subscriber_name", "subscriber_dob",
	"relationship", NULL
};

static void
insurance_apply(json_t *o, struct insurance_info *in, struct arena *a, struct error *e,
    const char *prefix)
{
	const char *dob = NULL;
	char f[48];

#define F(k) (snprintf(f, sizeof f, "%s%s", prefix, k), f)
	jfield_str(o, "payer", a, &in->payer, e, F("payer"));
	jfield_str(o, "member_id", a, &in->member_id, e, F("member_id"));
	jfield_str(o, "group_number", a, &in->group_number, e, F("group_number"));
	jfield_str(o, "subscriber_name", a, &in->subscriber_name, e, F("subscriber_name"));
	jfield_str(o, "relationship", a, &in->relationship, e, F("relationship"));
	if (jfield_str(o, "subscriber_dob", a, &dob, e, F("subscriber_dob")) && dob != NULL &&
	    *dob != '\0' && !date_parse(dob, &in->subscriber_dob))
		error_field(e, F("subscriber_dob"), "must be a real date written YYYY-MM-DD");
#undef F
}

/* Decodes a help, insurance or phone inquiry body onto q (blank first). */
void
inquiry_from_json(json_t *o, struct inquiry *q, struct arena *a, struct error *e)
{
	const char *kind = NULL, *for_whom = NULL, *urgency = NULL;
	json_t *subs, *ins;
	size_t i;

	memset(q, 0, sizeof *q);
	q->name = q->phone = q->email = q->best_time = q->caller_name = "";
	q->caller_relationship = q->message = q->referral_source = "";
	q->referred_to = q->close_reason = "";
	q->ins.payer = q->ins.member_id = q->ins.group_number = "";
	q->ins.subscriber_name = q->ins.relationship = "";
	q->urgency = URG_EXPLORING;
	q->kind = INQ__MAX;
	q->substances_json = "[]";

	if (jfield_str(o, "kind", a, &kind, e, NULL) && kind != NULL &&
	    !inquiry_kind_parse(kind, &q->kind))
		error_field(e, "kind", "must be help or insurance");
	if (kind == NULL)
		error_field(e, "kind", "is required");
	json_only_keys(o, q->kind == INQ_INSURANCE ? insurance_keys : help_keys, e, NULL);
	jfield_str(o, "name", a, &q->name, e, NULL);
	jfield_str(o, "phone", a, &q->phone, e, NULL);
	jfield_str(o, "email", a, &q->email, e, NULL);
	jfield_bool(o, "ok_voicemail", &q->ok_voicemail, e, NULL);
	jfield_bool(o, "ok_text", &q->ok_text, e, NULL);
	jfield_str(o, "best_time", a, &q->best_time, e, NULL);
	jfield_str(o, "caller_name", a, &q->caller_name, e, NULL);
	jfield_str(o, "caller_relationship", a, &q->caller_relationship, e, NULL);
	jfield_str(o, "message", a, &q->message, e, NULL);
	jfield_str(o, "referral_source", a, &q->referral_source, e, NULL);
	if (jfield_str(o, "for_whom", a, &for_whom, e, NULL) && for_whom != NULL) {
		if (strcmp(for_whom, "other") == 0)
			q->for_other = true;
		else if (strcmp(for_whom, "self") != 0)
			error_field(e, "for_whom", "must be self or other");
	}
	if (jfield_str(o, "urgency", a, &urgency, e, NULL) && urgency != NULL &&
	    !urgency_parse(urgency, &q->urgency))
		error_field(e, "urgency", "must be today, this_week or exploring");
	subs = json_object_get(o, "substances");
	if (subs != NULL && !json_is_null(subs)) {
		if (!json_is_array(subs) || json_array_size(subs) > INQUIRY_SUBSTANCES_MAX) {
			error_field(e, "substances", "must be a list of up to %d",
			    INQUIRY_SUBSTANCES_MAX);
		} else {
			for (i = 0; i < json_array_size(subs); i++) {
				json_t *x = json_array_get(subs, i);
				if (!json_is_string(x)) {
					error_field(e, "substances", "must be a list of words");
					break;
				}
				q->substances[q->nsubstances++] = json_string_value(x);
			}
			q->substances_json = json_dump_arena(a, json_incref(subs));
		}
	}
	if (q->kind == INQ_INSURANCE) {
		insurance_apply(o, &q->ins, a, e, "");
		q->has_insurance = true;
	} else if ((ins = json_object_get(o, "insurance")) != NULL && !json_is_null(ins)) {
		if (!json_is_object(ins)) {
			error_field(e, "insurance", "must be an object");
		} else {
			q->has_insurance = true;
			json_only_keys(ins, ins_object_keys, e, "insurance");
			insurance_apply(ins, &q->ins, a, e, "insurance.");
		}
	}
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
	const char *honey = NULL;
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
	/* A filled honeypot: a robot.  Same answer, nothing kept. */
	if (jfield_str(o, "website", r->arena, &honey, &e, NULL) && honey != NULL &&
	    *honey != '\0') {
		reply_ack(r);
		return;
	}
	if (!REQ_OP_INPUT(r, in))
		return;
	inquiry_from_json(o, &in->q, r->arena, &e);
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
	const char *phone = "";

	error_clear(&e);
	if (store_site_list(r->app->store, pg, r->arena, &sites, &ns, &total, &e) != ERR_OK ||
	    store_track_list(r->app->store, 0, pg, r->arena, &tracks, &nt, &total, &e)
	    != ERR_OK) {
		json_decref(out);
		reply_error(r, &e);
		return;
	}
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
			json_object_set_new(t, "hours_per_week", json_real(
			    days * (tracks[k].end_min - tracks[k].start_min) / 60.0));
			json_array_append_new(ts, t);
		}
		json_array_append_new(out, json_pack("{s:I,s:o,s:o,s:o,s:o,s:o}",
		    "id", (json_int_t)sites[i].id, "name", jstr(sites[i].name),
		    "address", jstr(sites[i].address), "phone", jstr(sites[i].phone),
		    "timezone", jstr(sites[i].timezone), "tracks", ts));
	}
	reply_json(r, 200, json_pack("{s:{s:s,s:o},s:o}", "program", "name",
	    "Intensive Outpatient Program", "phone", jstr(phone), "sites", out));
}

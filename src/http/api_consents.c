/*
 * api_consents.c — 42 CFR Part 2 consents, disclosures and the accounting
 * of disclosures.
 *
 * A consent is recorded (POST /clients/{id}/consents) with every element of
 * 2.31 and revoked (POST /consents/{id}/revoke); it is never edited.  A
 * release of client information (POST /clients/{id}/disclosures) is checked
 * against the client's consents, stamped with the 2.32 notice and recorded
 * in the accounting (GET /clients/{id}/disclosures); the document released
 * is served again, exactly as it left, at its document_url.  The rules are
 * core/consent.c; the writes ops/consent.c.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "lib/timeutil.h"
#include "core/client.h"
#include "ops/consent.h"

#define NAME_MAX_LEN 200
#define RECIPIENTS_MAX 20

static json_t *
info_json(const char *text)
{
	infoset s = infoset_parse(text);
	json_t *a = json_array();

	for (int i = 0; i < INFO__MAX; i++)
		if (s & (1u << i))
			json_array_append_new(a, json_string(info_cats[i].code));
	return a;
}

static json_t *
recipients_json(const char *text)
{
	json_t *a = json_array();

	while (text != NULL && *text) {
		size_t n = strcspn(text, "\n");
		const char *colon = memchr(text, ':', n);
		if (colon != NULL)
			json_array_append_new(a, json_pack("{s:s%,s:s%}",
			    "kind", text, (size_t)(colon - text),
			    "name", colon + 1, n - (size_t)(colon - text) - 1));
		text += n;
		if (*text)
			text++;
	}
	return a;
}

/* The request's clock for consent_to_json (the status depends on it). */
static _Thread_local int64_t json_now;

static json_t *
consent_to_json(const struct part2_consent *c)
{
	char day[11];

	date_format(date_from_unix(json_now), day);
	return json_pack("{s:I,s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
	    "s:o,s:o}",
	    "id", (json_int_t)c->id, "client_id", (json_int_t)c->client_id,
	    "status", consent_status_name(consent_status(c, json_now, day)),
	    "client_name", jstr(c->client_name),
	    "disclosing_party", jstr(c->disclosing_party),
	    "information", info_json(c->information),
	    "information_detail", jstr(c->information_detail),
	    "recipients", recipients_json(c->recipients),
	    "purpose", jstr(c->purpose),
	    "revoke_statement", jstr(c->revoke_statement),
	    "expires_on", *c->expires_on ? json_string(c->expires_on) : json_null(),
	    "expires_event", *c->expires_event ? json_string(c->expires_event) : json_null(),
	    "signed_on", jstr(c->signed_on),
	    "signature", jstr(c->signature),
	    "recorded_by_name", jstr(c->recorded_by_name),
	    "recorded_at", jtime(c->recorded_at),
	    "revoked_at", jtime(c->revoked_at),
	    "revoked_by_name", c->revoked_at ? jstr(c->revoked_by_name) : json_null(),
	    "revoke_reason", c->revoked_at ? jstr(c->revoke_reason) : json_null());
}

static json_t *
disclosure_to_json(const struct disclosure *d)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)d->id, "client_id", (json_int_t)d->client_id,
	    "consent_id", (json_int_t)d->consent_id,
	    "recipient", jstr(d->recipient),
	    "recipient_kind", jstr(d->recipient_kind),
	    "information", info_json(d->information),
	    "format", jstr(d->format),
	    "purpose", jstr(d->purpose),
	    "notice", jstr(d->notice),
	    "document_url", json_sprintf("/api/v1/disclosures/%lld/document",
	    (long long)d->id),
	    "released_by_name", jstr(d->released_by_name),
	    "released_at", jtime(d->released_at));
}

/* GET /vocabularies/consents: the categories, kinds, formats and the
 * regulatory wording. */
void
h_consent_vocabulary(struct req *r)
{
	json_t *cats = json_array(), *rk = json_array(), *rl = json_array(), *f = json_array();
	json_t *ck = json_array();

	for (int i = 0; i < INFO__MAX; i++)
		json_array_append_new(cats, json_pack("{s:s,s:s,s:b}", "code", info_cats[i].code,
		    "label", info_cats[i].label, "producible", info_cats[i].producible));
	for (int i = 0; i < RK__MAX; i++)
		json_array_append_new(rk, json_string(recip_kind_names[i]));
	for (int i = 0; i < RL__MAX; i++)
		json_array_append_new(rl, json_string(release_kind_names[i]));
	for (int i = 0; i < DF__MAX; i++)
		json_array_append_new(f, json_string(disc_format_names[i]));
	for (int i = 0; i < CK__MAX; i++)
		json_array_append_new(ck, json_pack("{s:s,s:s}", "code", contact_kinds[i].code,
		    "label", contact_kinds[i].label));
	reply_json(r, 200, json_pack("{s:o,s:o,s:o,s:o,s:o,s:s,s:s,s:s}", "information", cats,
	    "recipient_kinds", rk, "release_kinds", rl, "formats", f, "relationship_kinds", ck,
	    "notice", CONSENT_NOTICE_232, "revoke_statement", CONSENT_REVOKE_STATEMENT,
	    "general_recipients", CONSENT_GENERAL_WORDING));
}

static void
consents_list(struct req *r);
CLIENT_LIST(consents_list, store_consent_list, struct part2_consent, consent_to_json)

void
h_consents_list(struct req *r)
{
	json_now = r->now;
	consents_list(r);
}

CLIENT_LIST(h_disclosures_list, store_disclosure_list, struct disclosure, disclosure_to_json)

/* information: a list of category codes, kept as a comma list. */
static const char *
info_parse(json_t *v, void *dst, struct arena *a)
{
	infoset s = 0;
	size_t i;
	json_t *x;
	int k;

	if (!json_is_array(v))
		return "must be a list of categories of information (GET "
		    "/api/v1/vocabularies/consents lists them)";
	if (json_array_size(v) == 0)
		return "must name at least one category of information";
	json_array_foreach(v, i, x) {
		if (!json_is_string(x) || (k = info_find(json_string_value(x))) < 0)
			return "must name categories of information of the vocabulary (GET "
			    "/api/v1/vocabularies/consents)";
		s |= 1u << k;
	}
	return (*(const char **)dst = infoset_text(s, a)) != NULL ? NULL : "is too long";
}

/* s without its outer blanks, in the arena. */
static const char *
trimmed(const char *s, struct arena *a)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_printf(a, "%.*s", (int)n, s);
}

/* A recipient's name: not blank, one line, not too long. */
static const char *
name_ok(const char *s)
{
	if (s == NULL || strspn(s, " \t") == strlen(s))
		return "must name each recipient";
	if (strlen(s) > NAME_MAX_LEN)
		return "has a recipient name longer than 200 characters";
	if (strpbrk(s, "\r\n") != NULL)
		return "has a recipient name on more than one line";
	return NULL;
}

/* recipients: names, or {"kind": person|organisation, "name"} or
 * {"kind": "general"} (the general wording); kept one a line "kind:name". */
static const char *
recipients_parse(json_t *v, void *dst, struct arena *a)
{
	char *out = arena_strdup(a, "");
	const char *why;
	size_t i;
	json_t *x;

	if (!json_is_array(v))
		return "must be a list of recipients";
	if (json_array_size(v) == 0)
		return "must name at least one recipient";
	if (json_array_size(v) > RECIPIENTS_MAX)
		return "must be at most 20 recipients";
	json_array_foreach(v, i, x) {
		const char *name, *kind = "named";
		int k;
		if (json_is_string(x)) {
			name = json_string_value(x);
		} else if (json_is_object(x)) {
			json_t *jk = json_object_get(x, "kind"), *jn = json_object_get(x, "name");
			kind = json_is_string(jk) ? json_string_value(jk) : "named";
			if ((k = recip_kind_find(kind)) < 0)
				return "has a recipient kind that is not named, person, "
				    "organisation or general";
			name = k == RK_GENERAL ? CONSENT_GENERAL_WORDING :
			    json_is_string(jn) ? json_string_value(jn) : NULL;
		} else {
			return "must be a list of names or of {\"kind\", \"name\"}";
		}
		if ((why = name_ok(name)) != NULL)
			return why;
		if ((name = trimmed(name, a)) == NULL)
			return "is too long";
		if (out == NULL || (out = arena_printf(a, "%s%s%s:%s", out, *out ? "\n" : "",
		    kind, name)) == NULL)
			return "is too long";
	}
	*(const char **)dst = out;
	return NULL;
}

#define CB(m) offsetof(struct part2_consent, m)
static const struct fdef consent_fields[] = {
	{ .name = "disclosing_party", .kind = FK_TEXT, .off = CB(disclosing_party), .max = 200 },
	{ .name = "information", .kind = FK_CUSTOM, .off = CB(information), .parse = info_parse },
	{ .name = "information_detail", .kind = FK_TEXT, .off = CB(information_detail),
	  .max = 1000 },
	{ .name = "recipients", .kind = FK_CUSTOM, .off = CB(recipients),
	  .parse = recipients_parse },
	{ .name = "purpose", .kind = FK_TEXT, .off = CB(purpose), .max = 1000 },
	{ .name = "expires_on", .kind = FK_DATE_TEXT, .off = CB(expires_on), .flags = FD_NULL },
	{ .name = "expires_event", .kind = FK_TEXT, .off = CB(expires_event), .max = 500 },
	{ .name = "signed_on", .kind = FK_DATE_TEXT, .off = CB(signed_on), .flags = FD_NULL },
	{ .name = "signature", .kind = FK_TEXT, .off = CB(signature), .max = 200 },
};
#undef CB
const struct fdecoder dec_consent = FDECODER("consent", struct part2_consent, consent_fields);

/* The operation's refusal, or the consent as it now stands with status. */
static void
consent_reply(struct req *r, int status, const struct part2_consent *c)
{
	json_now = r->now;
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, status, consent_to_json(c));
}

static void
consent_after(struct req *r)
{
	const struct consent_record_in *in = r->op->in;

	consent_reply(r, 201, in->out);
}

void
h_consent_create(struct req *r)
{
	struct consent_record_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->c.disclosing_party = in->c.information = in->c.information_detail = "";
	in->c.recipients = in->c.purpose = in->c.expires_on = in->c.expires_event = "";
	in->c.signed_on = in->c.signature = in->c.revoke_reason = "";
	if (!fdecode(&dec_consent, o, r->arena, &in->c, NULL, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	in->c.client_id = r->ids[0];
	req_op(r, op_consent_record_run, in, consent_after);
}

struct revoke_body {
	const char *reason;
};
static const struct fdef revoke_fields[] = {
	{ .name = "reason", .kind = FK_TEXT, .off = offsetof(struct revoke_body, reason),
	  .flags = FD_REQUIRED, .max = 500 },
};
const struct fdecoder dec_consent_revoke = FDECODER("consent_revoke", struct revoke_body,
    revoke_fields);

static void
revoke_after(struct req *r)
{
	const struct consent_revoke_in *in = r->op->in;

	consent_reply(r, 200, in->out);
}

void
h_consent_revoke(struct req *r)
{
	struct consent_revoke_in *in;
	struct revoke_body b = { "" };
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	if (!fdecode(&dec_consent_revoke, o, r->arena, &b, NULL, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	in->id = r->ids[0];
	in->reason = b.reason;
	req_op(r, op_consent_revoke_run, in, revoke_after);
}

struct release_body {
	int64_t consent_id;
	const char *recipient, *recipient_kind, *information, *format;
};
#define RB(m) offsetof(struct release_body, m)
static const struct fdef release_fields[] = {
	{ .name = "consent_id", .kind = FK_INT, .off = RB(consent_id), .flags = FD_NULL,
	  .min = 1, .max = INT64_MAX },
	{ .name = "recipient", .kind = FK_TEXT, .off = RB(recipient), .flags = FD_REQUIRED,
	  .max = NAME_MAX_LEN },
	{ .name = "recipient_kind", .kind = FK_TEXT, .off = RB(recipient_kind) },
	{ .name = "information", .kind = FK_CUSTOM, .off = RB(information), .flags = FD_REQUIRED,
	  .parse = info_parse },
	{ .name = "format", .kind = FK_TEXT, .off = RB(format), .flags = FD_REQUIRED },
};
#undef RB
const struct fdecoder dec_disclosure = FDECODER("disclosure", struct release_body,
    release_fields);

/* A release's recipient, recipient kind and format (NULL: not given, the
 * default kept), checked into in; each bad one a field error in e. */
static void
release_check(const char *recipient, const char *kind, const char *format,
    struct disclosure_release_in *in, struct error *e)
{
	int k;

	if (*recipient && name_ok(recipient) != NULL)
		error_field(e, "recipient", "must be one line naming the recipient");
	if ((k = release_kind_find(kind)) < 0)
		error_field(e, "recipient_kind", "must be named, treating_provider or payer");
	else
		in->kind = (enum release_kind)k;
	if (format == NULL)
		return;
	if ((k = disc_format_find(format)) < 0)
		error_field(e, "format", "must be pdf, csv or json");
	else
		in->format = (enum disc_format)k;
}

static void
release_after(struct req *r)
{
	const struct disclosure_release_in *in = r->op->in;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, 201, disclosure_to_json(in->out));
}

void
h_disclosure_create(struct req *r)
{
	struct disclosure_release_in *in;
	struct release_body b = { 0, "", "named", "", "" };
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	fdecode(&dec_disclosure, o, r->arena, &b, NULL, &e, NULL);
	release_check(b.recipient, b.recipient_kind,
	    json_object_get(o, "format") != NULL ? b.format : NULL, in, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->client_id = r->ids[0];
	in->consent_id = b.consent_id;
	if ((in->recipient = trimmed(b.recipient, r->arena)) == NULL) {
		reply_err(r, ERR_NOMEM, "Out of memory.");
		return;
	}
	in->info = infoset_parse(b.information);
	req_op(r, op_disclosure_release_run, in, release_after);
}

/* POST /discharge-summaries/{id}/send: the signed discharge summary sent
 * to the next provider — a release of the category discharge_summary
 * through the same operation, so the same consent check, notice and
 * accounting. */
struct send_body {
	int64_t consent_id;
	const char *recipient, *recipient_kind, *format;
};
#define SB(m) offsetof(struct send_body, m)
static const struct fdef send_fields[] = {
	{ .name = "consent_id", .kind = FK_INT, .off = SB(consent_id), .flags = FD_NULL,
	  .min = 1, .max = INT64_MAX },
	{ .name = "recipient", .kind = FK_TEXT, .off = SB(recipient), .flags = FD_REQUIRED,
	  .max = NAME_MAX_LEN },
	{ .name = "recipient_kind", .kind = FK_TEXT, .off = SB(recipient_kind) },
	{ .name = "format", .kind = FK_TEXT, .off = SB(format) },
};
#undef SB
const struct fdecoder dec_dsummary_send = FDECODER("dsummary_send", struct send_body,
    send_fields);

void
h_dsummary_send(struct req *r)
{
	struct disclosure_release_in *in;
	struct send_body b = { 0, "", "named", "pdf" };
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	fdecode(&dec_dsummary_send, o, r->arena, &b, NULL, &e, NULL);
	release_check(b.recipient, b.recipient_kind, b.format, in, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->summary_id = r->ids[0];
	in->consent_id = b.consent_id;
	in->info = 1u << INFO_DISCHARGE_SUMMARY;
	if ((in->recipient = trimmed(b.recipient, r->arena)) == NULL) {
		reply_err(r, ERR_NOMEM, "Out of memory.");
		return;
	}
	req_op(r, op_disclosure_release_run, in, release_after);
}

/* GET /disclosures/{id}/document: the document as it was released. */
void
h_disclosure_document(struct req *r)
{
	struct disclosure d;
	struct error e;
	char *p;
	size_t n;

	error_clear(&e);
	if (store_disclosure_get(r->app->store, r->ids[0], r->arena, &d, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_about(r, d.id, d.client_id);
	n = strlen(d.document);
	if ((p = malloc(n + 1)) == NULL) {
		reply_err(r, ERR_NOMEM, "Out of memory.");
		return;
	}
	memcpy(p, d.document, n + 1);
	r->disposition = arena_printf(r->arena, "attachment; filename=\"disclosure-%lld.%s\"",
	    (long long)d.id, d.format);
	reply_owned(r, 200, d.content_type, p, n);
}

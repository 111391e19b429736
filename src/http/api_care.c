/*
 * api_care.c — a client's care team and the declared emergency ("break the
 * glass").  The rule itself — who may open a client's records — is the
 * router's (care_check.c), in one place for every route.
 */
#include <string.h>

#include "core/validate.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/care.h"

static json_t *
member_to_json(const struct care_member *m)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:I,s:o}",
	    "id", (json_int_t)m->id, "client_id", (json_int_t)m->client_id,
	    "staff_id", (json_int_t)m->staff_id, "staff_name", jstr(m->staff_name),
	    "username", jstr(m->username), "roles", roles_to_json(m->roles),
	    "role_in_care", jstr(m->role_in_care), "added_by", (json_int_t)m->added_by,
	    "added_at", jtime(m->added_at));
}

static json_t *
emergency_to_json(const struct emergency_access *x)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:o,s:o,s:I}",
	    "id", (json_int_t)x->id, "client_id", (json_int_t)x->client_id,
	    "staff_id", (json_int_t)x->staff_id, "reason", jstr(x->reason),
	    "granted_at", jtime(x->granted_at), "expires_at", jtime(x->expires_at),
	    "directors_told", (json_int_t)x->tasks);
}

void
h_care_team_list(struct req *r)
{
	struct care_member *items;
	struct client c;
	struct page pg;
	struct error e;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_client_get(r->app->store, r->ids[0], r->arena, &c, &e) != ERR_OK ||
	    store_care_team_list(r->app->store, c.id, r->arena, &items, &n, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list_page(r, items, n, member_to_json, pg);
}

OP_AFTER(care_team_add_after, struct care_team_add_in, member_to_json, 201)

#define CM(m) offsetof(struct care_member, m)
static const struct fdef care_member_fields[] = {
	{ .name = "staff_id", .kind = FK_INT, .off = CM(staff_id), .flags = FD_REQUIRED,
	    .min = 1, .max = INT64_MAX },
	{ .name = "role_in_care", .kind = FK_TEXT, .off = CM(role_in_care) },
};
const struct fdecoder dec_care_member = FDECODER("care_member", struct care_member,
    care_member_fields);

void
h_care_team_add(struct req *r)
{
	struct care_team_add_in *in;
	const char *m;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->m.role_in_care = "";
	fdecode(&dec_care_member, o, r->arena, &in->m, NULL, &e, NULL);
	if ((m = check_text(in->m.role_in_care, CARE_ROLE_MAX, false, false)) != NULL)
		error_field(&e, "role_in_care", "%s", m);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->m.client_id = r->ids[0];
	req_op(r, op_care_team_add_run, in, care_team_add_after);
}

static void
care_team_remove_after(struct req *r)
{
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_empty(r, 204);
}

void
h_care_team_remove(struct req *r)
{
	struct care_team_remove_in *in;

	if (!REQ_OP_INPUT(r, in))
		return;
	in->client_id = r->ids[0];
	in->staff_id = r->ids[1];
	req_op(r, op_care_team_remove_run, in, care_team_remove_after);
}

OP_AFTER(emergency_after, struct emergency_in, emergency_to_json, 201)

#define EA(m) offsetof(struct emergency_access, m)
static const struct fdef emergency_fields[] = {
	{ .name = "reason", .kind = FK_TEXT, .off = EA(reason) },
};
const struct fdecoder dec_emergency_access = FDECODER("emergency_access",
    struct emergency_access, emergency_fields);

void
h_emergency_access(struct req *r)
{
	struct emergency_in *in;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL || !REQ_OP_INPUT(r, in))
		return;
	error_clear(&e);
	in->x.reason = NULL;
	fdecode(&dec_emergency_access, o, r->arena, &in->x, NULL, &e, NULL);
	if (e.code == ERR_OK)
		emergency_reason_check(in->x.reason, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	in->x.client_id = r->ids[0];
	in->x.expires_at = r->now + (int64_t)r->app->set.emergency_access_hours * 3600;
	req_op(r, op_emergency_access_run, in, emergency_after);
}

/*
 * api_directory.c — staff accounts, sites, rooms and tracks.
 *
 * Everyone signed in may read the lists; only admins change them.  Changes
 * are decoded and validated here and run as operations (ops/staff.h,
 * ops/directory.h): disabling an account or resetting its password ends its
 * sessions in the same transaction, and an admin cannot disable their own
 * account, take away their own admin role or change their own roles at all
 * (a role change's audit row names the roles before and after).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/directory.h"
#include "core/validate.h"
#include "http/decoders.h"
#include "http/op_reply.h"
#include "http/req.h"
#include "ops/directory.h"
#include "ops/password.h"
#include "ops/staff.h"

/* ---- staff ----------------------------------------------------------------- */

/* A staff account's body: the account and, when it is created, its
 * password. */
struct staff_body {
	struct staff s;
	const char *password;
};

/* ["clinician", ...] onto s->roles (dst is the struct staff). */
static const char *
roles_field_parse(json_t *v, void *dst, struct arena *a)
{
	struct staff *s = dst;

	(void)a;
	s->roles = 0;
	if (!json_is_array(v))
		return "must be a list of roles";
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *x = json_array_get(v, i);
		enum role r;
		if (!json_is_string(x) || !role_parse(json_string_value(x), &r))
			return "holds an unknown role";
		s->roles |= 1u << r;
	}
	return NULL;
}

#define STR_(x) #x
#define STR(x) STR_(x)

/* [1, 2] onto s->site_ids and s->nsites (dst is the struct staff). */
static const char *
sites_field_parse(json_t *v, void *dst, struct arena *a)
{
	struct staff *s = dst;

	(void)a;
	s->nsites = 0;
	if (!json_is_array(v) || json_array_size(v) > STAFF_SITES_MAX)
		return "must be a list of up to " STR(STAFF_SITES_MAX) " site ids";
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *x = json_array_get(v, i);
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return "must hold site ids";
		s->site_ids[s->nsites++] = json_integer_value(x);
	}
	return NULL;
}

#define SB(m) offsetof(struct staff_body, m)

/* Rows up to "active" in enum staff_field order: bit i of the fset is field i. */
static const struct fdef staff_fields[] = {
	{ .name = "username", .kind = FK_TEXT, .off = SB(s.username) },
	{ .name = "full_name", .kind = FK_TEXT, .off = SB(s.full_name) },
	{ .name = "email", .kind = FK_TEXT, .off = SB(s.email) },
	{ .name = "roles", .kind = FK_CUSTOM, .off = SB(s), .parse = roles_field_parse },
	{ .name = "site_ids", .kind = FK_CUSTOM, .off = SB(s), .parse = sites_field_parse },
	{ .name = "active", .kind = FK_BOOL, .off = SB(s.active) },
	{ .name = "needs_supervision", .kind = FK_BOOL, .off = SB(s.needs_supervision) },
	{ .name = "supervisor_id", .kind = FK_INT, .off = SB(s.supervisor_id), .flags = FD_NULL,
	  .min = 1, .max = INT64_MAX, .msg = "must name the supervisor, or be null" },
	{ .name = "alumni_coordinator", .kind = FK_BOOL, .off = SB(s.alumni_coordinator) },
	{ .name = "password", .kind = FK_TEXT, .off = SB(password) },
};
const struct fdecoder dec_staff = FDECODER("staff", struct staff_body, staff_fields);

struct password_body {
	const char *password;
};

static const struct fdef staff_password_fields[] = {
	{ .name = "password", .kind = FK_TEXT,
	    .off = offsetof(struct password_body, password) },
};
const struct fdecoder dec_staff_password = FDECODER("staff_password", struct password_body,
    staff_password_fields);

GET_PAGE(h_staff_list, struct staff, store_staff_list, staff_to_json)


GET_ONE(h_staff_get, struct staff, store_staff_get, staff_to_json)


typedef enum err (*finish_fn)(struct op_call *c, void *user, struct error *e);

/* A staff write; each input first, so the call's input leads back to it. */
struct staff_create {
	struct staff_create_in in;
	struct staff_out out;
	char hash[128];
	const char *pw;		/* the body's, hashed on a password thread */
};

struct staff_patch {
	struct staff_update_in in;
	struct staff_out out;
	finish_fn generic;	/* req_op's finish, run after the action is chosen */
};

struct staff_password_reset {
	struct staff_password_in in;
	char hash[128];
	const char *pw;		/* the body's, hashed on a password thread */
};

/* The account as it reads now (locked or not), after any staff change. */
static void
staff_reply(struct req *r, int64_t id, int status)
{
	struct staff s;
	struct error e;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	error_clear(&e);
	if (store_staff_get(r->app->store, id, r->arena, &s, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, status, staff_to_json(&s));
}

static void
staff_create_after(struct req *r)
{
	staff_reply(r, r->op->res.id, 201);
}

static void
staff_id_after(struct req *r)
{
	staff_reply(r, r->ids[0], 200);
}

/* Hashing the new password, on a password thread (req_slow). */
static void
staff_create_hash(struct req *r)
{
	struct staff_create *j = r->slow_arg;
	struct error e;

	error_clear(&e);
	if (pw_hash(j->pw, j->hash, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_staff_create_run, j, staff_create_after);
}

void
h_staff_create(struct req *r)
{
	struct staff_create *j = req_zalloc(r, sizeof *j);
	struct staff_body b;
	const char *pw, *msg;
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->in.out = &j->out;
	j->in.hash = j->hash;
	memset(&b, 0, sizeof b);
	staff_blank(&b.s);
	b.s.must_change_password = true;
	fdecode(&dec_staff, o, r->arena, &b, NULL, &e, NULL);
	j->in.s = b.s;
	pw = b.password;
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		staff_validate(&j->in.s, &e);
	if (pw == NULL || *pw == '\0')
		error_field(&e, "password", "is required");
	else if ((msg = check_password(pw, j->in.s.username)) != NULL)
		error_field(&e, "password", "%s", msg);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->pw = pw;
	req_slow(r, staff_create_hash, j);
}

/* The audit row's action says what became of "active". */
static enum err
staff_patch_finish(struct op_call *c, void *user, struct error *e)
{
	const struct staff_patch *p = c->in;
	struct req *r = user;

	if (p->out.change == STAFF_DISABLED)
		r->audit[0].action = "staff.disable";
	else if (p->out.change == STAFF_ENABLED)
		r->audit[0].action = "staff.enable";
	return p->generic(c, user, e);
}

void
h_staff_patch(struct req *r)
{
	struct staff_patch *p = req_zalloc(r, sizeof *p);
	struct staff_body b;
	struct op_call *c;
	struct error e;
	fset given;
	json_t *o;

	if (p == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	p->in.id = r->ids[0];
	p->in.out = &p->out;
	memset(&b, 0, sizeof b);
	staff_blank(&b.s);
	fdecode(&dec_staff, o, r->arena, &b, &given, &e, NULL);
	if (fset_has(&dec_staff, given, "username"))
		error_field(&e, "username", "cannot be changed");
	if (fset_has(&dec_staff, given, "password"))
		error_field(&e, "password", "is reset with POST /api/v1/staff/{id}/password");
	p->in.set = b.s;
	p->in.fields = (unsigned)(given & ((1u << SF__MAX) - 1));
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if ((c = req_op(r, op_staff_update_run, &p->in, staff_id_after)) != NULL) {
		p->generic = c->finish;
		c->finish = staff_patch_finish;
	}
}

void
h_staff_unlock(struct req *r)
{
	struct staff_unlock_in *in = req_zalloc(r, sizeof *in);

	if (in == NULL)
		return;
	in->id = r->ids[0];
	req_op(r, op_staff_unlock_run, in, staff_id_after);
}

static void
staff_password_hash(struct req *r)
{
	struct staff_password_reset *j = r->slow_arg;
	struct error e;

	error_clear(&e);
	if (pw_hash(j->pw, j->hash, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_staff_password_run, j, staff_id_after);
}

void
h_staff_password(struct req *r)
{
	struct staff_password_reset *j = req_zalloc(r, sizeof *j);
	struct password_body b = { NULL };
	const char *pw, *msg;
	struct staff s;
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->in.id = r->ids[0];
	j->in.hash = j->hash;
	if (!fdecode(&dec_staff_password, o, r->arena, &b, NULL, &e, NULL)) {
		reply_error(r, &e);
		return;
	}
	pw = b.password;
	if (store_staff_get(r->app->store, r->ids[0], r->arena, &s, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (pw == NULL || *pw == '\0')
		error_field(&e, "password", "is required");
	else if ((msg = check_password(pw, s.username)) != NULL)
		error_field(&e, "password", "%s", msg);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	j->pw = pw;
	req_slow(r, staff_password_hash, j);
}

/* ---- sites ------------------------------------------------------------------ */

/* The zone must exist in the system's time zone database. */
static void
check_zone_exists(const char *tz, struct error *e)
{
	char p[160];
	struct stat sb;

	if (tz == NULL || *tz == '\0' || check_timezone_name(tz) != NULL)
		return;	/* site_validate names it */
	snprintf(p, sizeof p, "/usr/share/zoneinfo/%s", tz);
	if (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode))
		error_field(e, "timezone", "is not a known time zone (e.g. America/Chicago)");
}

#define SI(m) offsetof(struct site, m)

static const struct fdef site_fields[] = {
	{ .name = "name", .kind = FK_TEXT, .off = SI(name) },
	{ .name = "timezone", .kind = FK_TEXT, .off = SI(timezone) },
	{ .name = "address", .kind = FK_TEXT, .off = SI(address) },
	{ .name = "phone", .kind = FK_TEXT, .off = SI(phone) },
	{ .name = "active", .kind = FK_BOOL, .off = SI(active) },
};
const struct fdecoder dec_site = FDECODER("site", struct site, site_fields);

GET_PAGE(h_sites_list, struct site, store_site_list, site_to_json)


GET_ONE(h_site_get, struct site, store_site_get, site_to_json)


/* A site or room write; the input first, so the call's input leads back to it. */
struct site_job {
	struct site_write_in in;
	struct site out;
};

/* 201 for a new site, 200 for a change. */
OP_AFTER(site_after, struct site_write_in, site_to_json,
    r->method == M_POST ? 201 : 200)

static void
site_write(struct req *r, bool create)
{
	struct site_job *j = req_zalloc(r, sizeof *j);
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->in.out = &j->out;
	if (create) {
		j->in.s.name = j->in.s.timezone = j->in.s.address = j->in.s.phone = "";
		j->in.s.active = true;
	} else if (store_site_get(r->app->store, r->ids[0], r->arena, &j->in.s, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	fdecode(&dec_site, o, r->arena, &j->in.s, NULL, &e, NULL);
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		site_validate(&j->in.s, &e);
	check_zone_exists(j->in.s.timezone, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_site_write_run, j, site_after);
}

void
h_sites_create(struct req *r)
{
	site_write(r, true);
}

void
h_site_patch(struct req *r)
{
	site_write(r, false);
}

/* ---- rooms and tracks ----------------------------------------------------- */

static bool
site_filter(struct req *r, int64_t *site_id)
{
	struct error e;

	*site_id = 0;
	error_clear(&e);
	if (req_query_int(r, "site_id", 1, INT64_MAX, site_id, &e, "must be a site id"))
		return true;
	reply_error(r, &e);
	return false;
}

void
h_rooms_list(struct req *r)
{
	struct room *items;
	struct page pg;
	struct error e;
	int64_t total, site_id;
	size_t n;

	error_clear(&e);
	if (!site_filter(r, &site_id) || !req_page(r, &pg))
		return;
	if (store_room_list(r->app->store, site_id, pg, r->arena, &items, &n, &total, &e)
	    != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, room_to_json, total);
}

GET_ONE(h_room_get, struct room, store_room_get, room_to_json)


#define RM(m) offsetof(struct room, m)

static const struct fdef room_fields[] = {
	{ .name = "site_id", .kind = FK_INT, .off = RM(site_id), .min = 1,
	    .max = INT64_MAX },
	{ .name = "name", .kind = FK_TEXT, .off = RM(name) },
	{ .name = "capacity", .kind = FK_INT32, .off = RM(capacity), .min = 1, .max = 500 },
	{ .name = "active", .kind = FK_BOOL, .off = RM(active) },
};
const struct fdecoder dec_room = FDECODER("room", struct room, room_fields);

struct room_job {
	struct room_write_in in;
	struct room out;
};

OP_AFTER(room_after, struct room_write_in, room_to_json,
    r->method == M_POST ? 201 : 200)

static void
room_write(struct req *r, bool create)
{
	struct room_job *j = req_zalloc(r, sizeof *j);
	struct error e;
	json_t *o;

	if (j == NULL || (o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->in.out = &j->out;
	if (create) {
		j->in.rm.name = "";
		j->in.rm.active = true;
	} else if (store_room_get(r->app->store, r->ids[0], r->arena, &j->in.rm, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	fdecode(&dec_room, o, r->arena, &j->in.rm, NULL, &e, NULL);
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		room_validate(&j->in.rm, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_op(r, op_room_write_run, j, room_after);
}

void
h_rooms_create(struct req *r)
{
	room_write(r, true);
}

void
h_room_patch(struct req *r)
{
	room_write(r, false);
}

void
h_tracks_list(struct req *r)
{
	struct track *items;
	struct page pg;
	struct error e;
	int64_t total, site_id;
	size_t n;

	error_clear(&e);
	if (!site_filter(r, &site_id) || !req_page(r, &pg))
		return;
	if (store_track_list(r->app->store, site_id, pg, r->arena, &items, &n, &total, &e)
	    != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, track_to_json, total);
}

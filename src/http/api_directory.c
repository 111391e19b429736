/*
 * api_directory.c — staff accounts, sites, rooms and tracks.
 *
 * Everyone signed in may read the lists; only admins change them.
 * Disabling an account or resetting its password ends its sessions in the
 * same transaction.  An admin cannot disable their own account or take
 * away their own admin role (so a clinic is never left without one).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/directory.h"
#include "core/validate.h"
#include "http/req.h"

static const char *const site_keys[] = {
	"name", "timezone", "address", "phone", "active", NULL
};
static const char *const room_keys[] = { "site_id", "name", "capacity", "active", NULL };

/* ---- staff ----------------------------------------------------------------- */

void
h_staff_list(struct req *r)
{
	struct staff *items;
	struct page pg;
	struct error e;
	int64_t total;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_staff_list(r->app->store, pg, r->arena, &items, &n, &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, staff_to_json, total);
}

void
h_staff_get(struct req *r)
{
	struct staff s;
	struct error e;

	error_clear(&e);
	if (store_staff_get(r->app->store, r->ids[0], r->arena, &s, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, staff_to_json(&s));
}

struct staff_job {
	struct req *r;
	struct staff s;
	char hash[128];
	int kind;	/* 0 create, 1 patch, 2 unlock, 3 password */
};

static enum err
staff_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct staff_job *j = arg;
	struct req *r = j->r;
	bool was_active;

	switch (j->kind) {
	case 0:
		if (store_tx_staff_insert(tx, &j->s, j->hash, e) != ERR_OK)
			return e->code;
		r->audit[0].record_id = j->s.id;
		break;
	case 1:
		if (store_tx_staff_get(tx, r->ids[0], r->arena, &j->s, e) != ERR_OK)
			return e->code;
		was_active = j->s.active;
		staff_apply_json(r->in, &j->s, r->arena, e);
		if (e->code != ERR_OK && e->code != ERR_INVALID)
			return e->code;
		if (staff_validate(&j->s, e) != ERR_OK || e->code != ERR_OK)
			return e->code;
		if (j->s.id == r->sess.staff_id && (!j->s.active ||
		    !(j->s.roles & (1u << ROLE_ADMIN))))
			return error_set(e, ERR_CONFLICT, "You cannot disable your own account "
			    "or remove your own admin role.");
		if (store_tx_staff_update(tx, &j->s, e) != ERR_OK)
			return e->code;
		if (was_active && !j->s.active) {
			r->audit[0].action = "staff.disable";
			if (store_tx_sessions_end_staff(tx, j->s.id, e) != ERR_OK)
				return e->code;
		} else if (!was_active && j->s.active) {
			r->audit[0].action = "staff.enable";
		}
		break;
	case 2:
		if (store_tx_staff_unlock(tx, r->ids[0], e) != ERR_OK)
			return e->code;
		break;
	case 3:
		if (store_tx_staff_set_password(tx, r->ids[0], j->hash, true, e) != ERR_OK ||
		    store_tx_sessions_end_staff(tx, r->ids[0], e) != ERR_OK)
			return e->code;
		break;
	}
	return ERR_OK;
}

static void
staff_after(struct req *r)
{
	struct staff_job *j = r->run_arg;
	struct staff s;
	struct error e;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	error_clear(&e);
	if (store_staff_get(r->app->store, j->kind == 0 ? j->s.id : r->ids[0], r->arena, &s,
	    &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, j->kind == 0 ? 201 : 200, staff_to_json(&s));
}

void
h_staff_create(struct req *r)
{
	struct staff_job *j = arena_alloc(r->arena, sizeof *j);
	const char *pw = NULL, *msg;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->s.username = j->s.full_name = j->s.email = "";
	j->s.active = true;
	j->s.must_change_password = true;
	json_only_keys(o, staff_keys, &e, NULL);
	staff_apply_json(o, &j->s, r->arena, &e);
	jfield_str(o, "password", r->arena, &pw, &e, NULL);
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		staff_validate(&j->s, &e);
	if (pw == NULL || *pw == '\0')
		error_field(&e, "password", "is required");
	else if ((msg = check_password(pw, j->s.username)) != NULL)
		error_field(&e, "password", "%s", msg);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (pw_hash(pw, j->hash, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, staff_run, j, staff_after);
}

void
h_staff_patch(struct req *r)
{
	struct staff_job *j = arena_alloc(r->arena, sizeof *j);
	struct staff scratch;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->kind = 1;
	memset(&scratch, 0, sizeof scratch);
	json_only_keys(o, staff_keys, &e, NULL);
	if (json_object_get(o, "username") != NULL)
		error_field(&e, "username", "cannot be changed");
	if (json_object_get(o, "password") != NULL)
		error_field(&e, "password", "is reset with POST /api/v1/staff/{id}/password");
	staff_apply_json(o, &scratch, r->arena, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, staff_run, j, staff_after);
}

void
h_staff_unlock(struct req *r)
{
	struct staff_job *j = arena_alloc(r->arena, sizeof *j);

	j->r = r;
	j->kind = 2;
	req_write(r, staff_run, j, staff_after);
}

void
h_staff_password(struct req *r)
{
	static const char *const keys[] = { "password", NULL };
	struct staff_job *j = arena_alloc(r->arena, sizeof *j);
	const char *pw = NULL, *msg;
	struct staff s;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	j->kind = 3;
	json_only_keys(o, keys, &e, NULL);
	jfield_str(o, "password", r->arena, &pw, &e, NULL);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (store_staff_get(r->app->store, r->ids[0], r->arena, &s, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (pw == NULL || *pw == '\0')
		error_field(&e, "password", "is required");
	else if ((msg = check_password(pw, s.username)) != NULL)
		error_field(&e, "password", "%s", msg);
	if (e.code != ERR_OK || pw_hash(pw, j->hash, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, staff_run, j, staff_after);
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

static void
site_apply_json(json_t *o, struct site *s, struct arena *a, struct error *e)
{
	jfield_str(o, "name", a, &s->name, e, NULL);
	jfield_str(o, "timezone", a, &s->timezone, e, NULL);
	jfield_str(o, "address", a, &s->address, e, NULL);
	jfield_str(o, "phone", a, &s->phone, e, NULL);
	jfield_bool(o, "active", &s->active, e, NULL);
}

void
h_sites_list(struct req *r)
{
	struct site *items;
	struct page pg;
	struct error e;
	int64_t total;
	size_t n;

	error_clear(&e);
	if (!req_page(r, &pg))
		return;
	if (store_site_list(r->app->store, pg, r->arena, &items, &n, &total, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_list(r, items, n, site_to_json, total);
}

void
h_site_get(struct req *r)
{
	struct site s;
	struct error e;

	error_clear(&e);
	if (store_site_get(r->app->store, r->ids[0], r->arena, &s, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, site_to_json(&s));
}

struct site_job {
	struct req *r;
	struct site s;
};

static enum err
site_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct site_job *j = arg;

	if (j->s.id == 0) {
		if (store_tx_site_insert(tx, &j->s, e) != ERR_OK)
			return e->code;
		j->r->audit[0].record_id = j->s.id;
		return ERR_OK;
	}
	return store_tx_site_update(tx, &j->s, e);
}

static void
site_after(struct req *r)
{
	struct site_job *j = r->run_arg;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, r->method == M_POST ? 201 : 200, site_to_json(&j->s));
}

static void
site_write(struct req *r, bool create)
{
	struct site_job *j = arena_alloc(r->arena, sizeof *j);
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	if (create) {
		j->s.name = j->s.timezone = j->s.address = j->s.phone = "";
		j->s.active = true;
	} else if (store_site_get(r->app->store, r->ids[0], r->arena, &j->s, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	json_only_keys(o, site_keys, &e, NULL);
	site_apply_json(o, &j->s, r->arena, &e);
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		site_validate(&j->s, &e);
	check_zone_exists(j->s.timezone, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, site_run, j, site_after);
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

void
h_room_get(struct req *r)
{
	struct room rm;
	struct error e;

	error_clear(&e);
	if (store_room_get(r->app->store, r->ids[0], r->arena, &rm, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	reply_json(r, 200, room_to_json(&rm));
}

struct room_job {
	struct req *r;
	struct room rm;
};

static enum err
room_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct room_job *j = arg;

	if (j->rm.id == 0) {
		if (store_tx_room_insert(tx, &j->rm, e) != ERR_OK)
			return e->code;
		j->r->audit[0].record_id = j->rm.id;
		return ERR_OK;
	}
	return store_tx_room_update(tx, &j->rm, e);
}

static void
room_after(struct req *r)
{
	struct room_job *j = r->run_arg;

	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_json(r, r->method == M_POST ? 201 : 200, room_to_json(&j->rm));
}

static void
room_write(struct req *r, bool create)
{
	struct room_job *j = arena_alloc(r->arena, sizeof *j);
	struct error e;
	int64_t v;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	j->r = r;
	if (create) {
		j->rm.name = "";
		j->rm.active = true;
	} else if (store_room_get(r->app->store, r->ids[0], r->arena, &j->rm, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	json_only_keys(o, room_keys, &e, NULL);
	jfield_str(o, "name", r->arena, &j->rm.name, &e, NULL);
	jfield_bool(o, "active", &j->rm.active, &e, NULL);
	v = j->rm.site_id;
	if (jfield_int(o, "site_id", 1, INT64_MAX, &v, &e, NULL))
		j->rm.site_id = v;
	v = j->rm.capacity;
	if (jfield_int(o, "capacity", 1, 500, &v, &e, NULL))
		j->rm.capacity = (int)v;
	if (e.code == ERR_OK || e.code == ERR_INVALID)
		room_validate(&j->rm, &e);
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	req_write(r, room_run, j, room_after);
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

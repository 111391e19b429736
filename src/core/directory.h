/*
 * directory.h — staff accounts, sites, rooms and tracks: the clinic's own
 * furniture, validated here.
 */
#ifndef IOP_DIRECTORY_H
#define IOP_DIRECTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/perm.h"
#include "core/schedule.h"
#include "lib/err.h"

#define STAFF_SITES_MAX 32

struct staff {
	int64_t id;
	const char *username;
	const char *full_name;
	const char *email;
	roleset roles;
	int64_t site_ids[STAFF_SITES_MAX];
	int nsites;
	bool active;
	bool locked;		/* derived: locked_until > now */
	bool must_change_password;
	int64_t last_login_at;	/* 0: never */
	int failed_logins;
	int64_t locked_until;
	/* Notes signed by them wait for the supervisor's co-signature. */
	bool needs_supervision;
	int64_t supervisor_id;	/* 0: none */
	/* Alumni check-ins after discharge are their tasks (ops/alumni.c). */
	bool alumni_coordinator;
};

/* Checks username, full_name (required, <= 100), email (optional),
 * roles (at least one), nsites within bounds and ids > 0. */
enum err staff_validate(const struct staff *s, struct error *e);

/* An empty account to decode into: text "", active, no roles or sites. */
void staff_blank(struct staff *s);

/* The fields a change names: bit (1u << enum staff_field). */
enum staff_field { SF_USERNAME, SF_FULL_NAME, SF_EMAIL, SF_ROLES, SF_SITES, SF_ACTIVE,
    SF_NEEDS_SUPERVISION, SF_SUPERVISOR, SF_ALUMNI_COORDINATOR, SF__MAX };

void staff_merge(struct staff *to, const struct staff *from, unsigned fields);

/*
 * May staff member actor_id leave account after as it is?  No one may
 * disable their own account or take away their own admin role, so a clinic
 * is never left without an admin.  actor_id 0 (the console) may.  Returns
 * NULL when allowed, else the reason.
 */
const char *staff_change_refused(int64_t actor_id, const struct staff *after);

/*
 * May staff member actor_id change account after's roles from before?  No
 * one changes their own roles (not even an admin adding one: roles are
 * given by someone else); actor_id 0 (the console) may.  Returns NULL when
 * allowed, else the reason.
 */
const char *staff_roles_change_refused(int64_t actor_id, roleset before,
    const struct staff *after);

struct site {
	int64_t id;
	const char *name;
	const char *timezone;
	const char *address;
	const char *phone;
	bool active;
};

enum err site_validate(const struct site *s, struct error *e);

struct room {
	int64_t id;
	int64_t site_id;
	const char *name;
	int capacity;
	bool active;
};

enum err room_validate(const struct room *r, struct error *e);

enum weekday { WD_MON, WD_TUE, WD_WED, WD_THU, WD_FRI, WD_SAT, WD_SUN, WD__MAX };
const char *weekday_name(enum weekday d);	/* "mon" */
bool weekday_parse(const char *s, enum weekday *out);

struct track {
	int64_t id;
	int64_t site_id;
	const char *name;
	const char *level_of_care;	/* "2.1" */
	unsigned weekdays;		/* bit (1u << enum weekday) */
	int start_min, end_min;		/* minutes after midnight, site time */
	bool active;
	/* The weekly template (schedule.h); when it has blocks, weekdays,
	 * start_min and end_min are derived from them (track_from_blocks). */
	struct track_block *blocks;
	int nblocks;
};

/* weekdays, start_min and end_min from the blocks (when there are any). */
void track_from_blocks(struct track *t);

/* name required; level one a day or evening track can deliver: 1
 * (outpatient), 2.1 (intensive outpatient) or 2.5 (partial
 * hospitalisation) — the other levels are early intervention or 24-hour
 * settings, not tracks; at least one weekday; start < end. */
enum err track_validate(const struct track *t, struct error *e);

/* Whether a track may deliver level s ("2.1"). */
bool track_level_known(const char *s);
/* Level s in plain words ("Intensive outpatient"); "" when not a track's. */
const char *track_level_words(const char *s);

/* The program's own details: what the public pages and the app's header
 * say.  updated_at 0: never saved by anyone (a fresh install's defaults). */
struct program {
	const char *name;
	const char *tagline;		/* the line under the name on the public page */
	const char *phone;		/* admissions, for the public; "" for the sites' */
	const char *email;		/* for the public; may be "" */
	int64_t updated_by;
	int64_t updated_at;
};

/* name required (<= 100), tagline <= 200, phone and email optional. */
enum err program_validate(const struct program *p, struct error *e);

/* What a fresh install still lacks, counted from the database. */
struct setup_counts {
	int64_t sites, rooms, tracks;	/* active ones */
	int64_t clinicians, admissions;	/* active staff holding the role */
	int64_t program_saved_at;	/* 0: the program's details never saved */
	int64_t sites_without_director;	/* active sites no active director works at */
};

#endif

/*
 * directory.c — validation of the clinic's own furniture: staff accounts,
 * sites, rooms and program tracks, and the weekday names tracks use.
 *
 * Every check reports all the fields at fault.  Pure: whether a site id or a
 * time zone really exists is for the store and the layers above to ask; this
 * file must not touch the store, the file system or the clock.  Passwords are
 * not here (see check_password).
 */
#include <stddef.h>
#include <string.h>

#include "core/directory.h"
#include "core/validate.h"

#define NAME_MAX_CHARS 100
#define SITE_ADDRESS_MAX_CHARS 200
#define ROOM_CAPACITY_MAX 500
#define PROGRAM_TAGLINE_MAX_CHARS 200
#define MINUTES_PER_DAY (24 * 60)

static const char *const weekday_names[WD__MAX] = {
	[WD_MON] = "mon",
	[WD_TUE] = "tue",
	[WD_WED] = "wed",
	[WD_THU] = "thu",
	[WD_FRI] = "fri",
	[WD_SAT] = "sat",
	[WD_SUN] = "sun",
};

/* The levels of care a day or evening track may deliver (DOMAIN.md):
 * outpatient, intensive outpatient and partial hospitalisation.  Early
 * intervention (0.5) and the 24-hour settings (3.x, 4) are not tracks. */
static const char *const care_levels[] = {
	"1", "2.1", "2.5",
};
/* The same levels in words a visitor knows (DOMAIN.md, levels of care). */
static const char *const care_level_words[] = {
	"Outpatient", "Intensive outpatient", "Partial hospitalization (day treatment)",
};

enum err
staff_validate(const struct staff *s, struct error *e)
{
	const roleset known = (roleset)((1u << ROLE__MAX) - 1u);
	bool bad = false;
	int i, j;

	check_field(e, &bad, "username", check_username(s->username));
	check_field(e, &bad, "full_name", check_text(s->full_name, NAME_MAX_CHARS, true, false));
	check_field(e, &bad, "email", check_email(s->email, false));
	if (s->needs_supervision && s->supervisor_id <= 0)
		check_field(e, &bad, "supervisor_id", "is required when the staff member needs "
		    "supervision: choose who co-signs their notes");

	if ((s->roles & known) == 0)
		check_field(e, &bad, "roles", "choose at least one role");
	else if ((s->roles & ~known) != 0)
		check_field(e, &bad, "roles", "must list only known roles");

	if (s->nsites < 0 || s->nsites > STAFF_SITES_MAX) {
		check_field(e, &bad, "site_ids", "must list at most 32 sites");
	} else {
		for (i = 0; i < s->nsites; i++) {
			if (s->site_ids[i] <= 0) {
				check_field(e, &bad, "site_ids", "must list only known sites");
				break;
			}
			for (j = 0; j < i; j++)
				if (s->site_ids[j] == s->site_ids[i])
					break;
			if (j < i) {
				check_field(e, &bad, "site_ids", "must not list a site twice");
				break;
			}
		}
	}
	return bad ? ERR_INVALID : ERR_OK;
}

enum err
site_validate(const struct site *s, struct error *e)
{
	bool bad = false;

	check_field(e, &bad, "name", check_text(s->name, NAME_MAX_CHARS, true, false));
	check_field(e, &bad, "timezone", check_timezone_name(s->timezone));
	check_field(e, &bad, "address",
	    check_text(s->address, SITE_ADDRESS_MAX_CHARS, false, true));
	check_field(e, &bad, "phone", check_phone(s->phone, false));
	return bad ? ERR_INVALID : ERR_OK;
}

enum err
room_validate(const struct room *r, struct error *e)
{
	bool bad = false;

	if (r->site_id <= 0)
		check_field(e, &bad, "site_id", "is required");
	check_field(e, &bad, "name", check_text(r->name, NAME_MAX_CHARS, true, false));
	if (r->capacity < 1 || r->capacity > ROOM_CAPACITY_MAX)
		check_field(e, &bad, "capacity", "must be between 1 and 500");
	return bad ? ERR_INVALID : ERR_OK;
}

const char *
weekday_name(enum weekday d)
{
	return name_of(weekday_names, WD__MAX, (int)d);
}

bool
weekday_parse(const char *s, enum weekday *out)
{
	int i = name_index(weekday_names, WD__MAX, s);

	if (i >= 0 && out != NULL)
		*out = (enum weekday)i;
	return i >= 0;
}

bool
track_level_known(const char *s)
{
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < sizeof(care_levels) / sizeof(care_levels[0]); i++)
		if (strcmp(s, care_levels[i]) == 0)
			return true;
	return false;
}

const char *
track_level_words(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(care_levels) / sizeof(care_levels[0]); i++)
		if (strcmp(s, care_levels[i]) == 0)
			return care_level_words[i];
	return "";
}

enum err
track_validate(const struct track *t, struct error *e)
{
	const unsigned known = (1u << WD__MAX) - 1u;
	bool bad = false, times_ok = true;

	check_field(e, &bad, "name", check_text(t->name, NAME_MAX_CHARS, true, false));
	if (t->level_of_care == NULL || t->level_of_care[0] == '\0')
		check_field(e, &bad, "level_of_care", "is required");
	else if (!track_level_known(t->level_of_care))
		check_field(e, &bad, "level_of_care", "choose 1 (outpatient), 2.1 (intensive "
		    "outpatient) or 2.5 (partial hospitalisation)");
	if ((t->weekdays & known) == 0)
		check_field(e, &bad, "weekdays", "choose at least one day");
	else if ((t->weekdays & ~known) != 0)
		check_field(e, &bad, "weekdays", "must list only days of the week");
	if (t->start_min < 0 || t->start_min >= MINUTES_PER_DAY) {
		check_field(e, &bad, "start_time", "must be a time from 00:00 to 23:59");
		times_ok = false;
	}
	if (t->end_min < 0 || t->end_min >= MINUTES_PER_DAY) {
		check_field(e, &bad, "end_time", "must be a time from 00:00 to 23:59");
		times_ok = false;
	}
	if (times_ok && t->end_min <= t->start_min)
		check_field(e, &bad, "end_time", "must be after the start time");
	if (t->nblocks > 0 && blocks_validate(t->blocks, t->nblocks, e) != ERR_OK)
		bad = true;
	return bad ? ERR_INVALID : ERR_OK;
}

void
track_from_blocks(struct track *t)
{
	int lo = MINUTES_PER_DAY, hi = 0;

	if (t->nblocks <= 0)
		return;
	t->weekdays = 0;
	for (int i = 0; i < t->nblocks; i++) {
		const struct track_block *b = &t->blocks[i];
		if (b->weekday >= 1 && b->weekday <= 7)
			t->weekdays |= 1u << (b->weekday - 1);
		if (b->start_min < lo)
			lo = b->start_min;
		if (b->start_min + b->minutes > hi)
			hi = b->start_min + b->minutes;
	}
	t->start_min = lo;
	t->end_min = hi >= MINUTES_PER_DAY ? MINUTES_PER_DAY - 1 : hi;
}

enum err
program_validate(const struct program *p, struct error *e)
{
	bool bad = false;

	check_field(e, &bad, "name", check_text(p->name, NAME_MAX_CHARS, true, false));
	check_field(e, &bad, "tagline",
	    check_text(p->tagline, PROGRAM_TAGLINE_MAX_CHARS, false, false));
	check_field(e, &bad, "phone", check_phone(p->phone, false));
	check_field(e, &bad, "email", check_email(p->email, false));
	return bad ? ERR_INVALID : ERR_OK;
}

void
staff_blank(struct staff *s)
{
	memset(s, 0, sizeof *s);
	s->username = s->full_name = s->email = "";
	s->active = true;
}

#define HAS(f, bit) (((f) & (1u << (bit))) != 0)

void
staff_merge(struct staff *to, const struct staff *from, unsigned f)
{
	if (HAS(f, SF_USERNAME))
		to->username = from->username;
	if (HAS(f, SF_FULL_NAME))
		to->full_name = from->full_name;
	if (HAS(f, SF_EMAIL))
		to->email = from->email;
	if (HAS(f, SF_ROLES))
		to->roles = from->roles;
	if (HAS(f, SF_SITES)) {
		to->nsites = from->nsites;
		if (from->nsites > 0)
			memcpy(to->site_ids, from->site_ids,
			    sizeof to->site_ids[0] * (size_t)from->nsites);
	}
	if (HAS(f, SF_ACTIVE))
		to->active = from->active;
	if (HAS(f, SF_NEEDS_SUPERVISION))
		to->needs_supervision = from->needs_supervision;
	if (HAS(f, SF_SUPERVISOR))
		to->supervisor_id = from->supervisor_id;
	if (HAS(f, SF_ALUMNI_COORDINATOR))
		to->alumni_coordinator = from->alumni_coordinator;
}

const char *
staff_change_refused(int64_t actor_id, const struct staff *after)
{
	if (actor_id == 0 || after->id != actor_id)
		return NULL;
	if (!after->active || !(after->roles & (1u << ROLE_ADMIN)))
		return "You cannot disable your own account or remove your own admin role.";
	return NULL;
}

const char *
staff_roles_change_refused(int64_t actor_id, roleset before, const struct staff *after)
{
	if (actor_id == 0 || after->id != actor_id || after->roles == before)
		return NULL;
	return "You cannot change your own roles; another admin must.";
}

/*
 * json.c — JSON in and out.
 *
 * Decoding request bodies is by table (fields.c); here are the instants
 * they carry.  Encoding: one function per record; text is always a JSON
 * string, so the browser renders it as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_words.h"
#include "http/req.h"

char *
json_dump_arena(struct arena *a, json_t *v)
{
	char *s, *copy;

	if (v == NULL)
		return NULL;
	s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	copy = s ? arena_strdup(a, s) : NULL;
	free(s);
	json_decref(v);
	return copy;
}

json_t *
jstr(const char *s)
{
	return json_string(s ? s : "");
}

json_t *
jdate(struct date d)
{
	char b[11];

	if (!date_valid(d))
		return json_null();
	date_format(d, b);
	return json_string(b);
}

json_t *
jtime(int64_t t)
{
	char b[21];

	if (t == 0)
		return json_null();
	time_format_iso(t, b);
	return json_string(b);
}

static int
two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

bool
instant_parse(const char *s, int64_t *out)
{
	struct date d;
	char day[11];
	int hh, mm, ss = 0;
	size_t n = s ? strlen(s) : 0;

	if (n != 17 && n != 20)
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &d) || s[10] != 'T' || s[13] != ':' || s[n - 1] != 'Z')
		return false;
	hh = two_digits(s + 11);
	mm = two_digits(s + 14);
	if (n == 20 && (s[16] != ':' || (ss = two_digits(s + 17)) < 0))
		return false;
	if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss > 59)
		return false;
	*out = date_days(d) * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}

json_t *
roles_to_json(roleset rs)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < ROLE__MAX; i++)
		if (rs & (1u << i))
			json_array_append_new(a, json_string(role_name((enum role)i)));
	return a;
}

json_t *
client_to_json(const struct client *c)
{
	json_t *addr = json_pack("{s:o,s:o,s:o,s:o,s:o}",
	    "line1", jstr(c->address.line1), "line2", jstr(c->address.line2),
	    "city", jstr(c->address.city), "state", jstr(c->address.state),
	    "postal_code", jstr(c->address.postal_code));

	return json_pack("{s:I,s:s,s:o,s:o,s:o,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:b,s:o,s:o}",
	    "id", (json_int_t)c->id,
	    "mrn", c->mrn,
	    "first_name", jstr(c->first_name),
	    "last_name", jstr(c->last_name),
	    "preferred_name", jstr(c->preferred_name),
	    "dob", jdate(c->dob),
	    "sex", sex_name(c->sex),
	    "gender_identity", jstr(c->gender_identity),
	    "phone", jstr(c->phone),
	    "email", jstr(c->email),
	    "address", addr,
	    "language", jstr(c->language),
	    "active", c->active,
	    "created_at", jtime(c->created_at),
	    "updated_at", jtime(c->updated_at));
}

json_t *
contact_to_json(const struct contact *c)
{
	int k = contact_kind_find(c->kind);

	return json_pack("{s:I,s:I,s:o,s:o,s:s,s:s,s:o,s:b,s:o,s:o,s:b,s:b,s:o}",
	    "id", (json_int_t)c->id,
	    "client_id", (json_int_t)c->client_id,
	    "name", jstr(c->name),
	    "relationship", jstr(c->relationship),
	    "kind", contact_kinds[k < 0 ? CK_OTHER : k].code,
	    "kind_label", contact_kinds[k < 0 ? CK_OTHER : k].label,
	    "organisation", jstr(c->organisation),
	    "may_contact", c->may_contact,
	    "phone", jstr(c->phone),
	    "email", jstr(c->email),
	    "emergency", c->emergency,
	    "guardian", c->guardian,
	    "notes", jstr(c->notes));
}

json_t *
staff_to_json(const struct staff *s)
{
	json_t *sites = json_array();
	int i;

	for (i = 0; i < s->nsites; i++)
		json_array_append_new(sites, json_integer(s->site_ids[i]));
	return json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:b,s:b,s:b,s:o,s:b,s:o,s:b}",
	    "id", (json_int_t)s->id,
	    "username", jstr(s->username),
	    "full_name", jstr(s->full_name),
	    "email", jstr(s->email),
	    "roles", roles_to_json(s->roles),
	    "site_ids", sites,
	    "active", s->active,
	    "locked", s->locked,
	    "must_change_password", s->must_change_password,
	    "last_login_at", jtime(s->last_login_at),
	    "needs_supervision", s->needs_supervision,
	    "supervisor_id", s->supervisor_id != 0 ? json_integer(s->supervisor_id) :
	    json_null(),
	    "alumni_coordinator", s->alumni_coordinator);
}

json_t *
site_to_json(const struct site *s)
{
	return json_pack("{s:I,s:o,s:o,s:o,s:o,s:b}",
	    "id", (json_int_t)s->id,
	    "name", jstr(s->name),
	    "timezone", jstr(s->timezone),
	    "address", jstr(s->address),
	    "phone", jstr(s->phone),
	    "active", s->active);
}

json_t *
room_to_json(const struct room *r)
{
	return json_pack("{s:I,s:I,s:o,s:i,s:b}",
	    "id", (json_int_t)r->id,
	    "site_id", (json_int_t)r->site_id,
	    "name", jstr(r->name),
	    "capacity", r->capacity,
	    "active", r->active);
}

static json_t *
hhmm(int m)
{
	char b[8];

	snprintf(b, sizeof b, "%02d:%02d", (m / 60) % 100, m % 60);
	return json_string(b);
}

static json_t *track_fields(const struct track *t);

json_t *
track_to_json(const struct track *t)
{
	json_t *o = track_fields(t);

	if (o != NULL)
		json_object_set_new(o, "level_words", jstr(track_level_words(t->level_of_care)));
	return o;
}

static json_t *
track_fields(const struct track *t)
{
	json_t *days = json_array();
	int i;

	for (i = 0; i < WD__MAX; i++)
		if (t->weekdays & (1u << i))
			json_array_append_new(days, json_string(weekday_name((enum weekday)i)));
	return json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:b,s:o}",
	    "id", (json_int_t)t->id,
	    "site_id", (json_int_t)t->site_id,
	    "name", jstr(t->name),
	    "level_of_care", jstr(t->level_of_care),
	    "weekdays", days,
	    "start_time", hhmm(t->start_min),
	    "end_time", hhmm(t->end_min),
	    "active", t->active,
	    "blocks", blocks_to_json(t));
}

json_t *
audit_to_json(const struct audit_event *ev)
{
	const char *words = audit_action_words(ev->action);

	return json_pack("{s:I,s:o,s:I,s:o,s:o,s:o,s:o,s:b,s:o,s:I,s:I,s:o,s:o}",
	    "id", (json_int_t)ev->id,
	    "at", jtime(ev->at),
	    "user_id", (json_int_t)ev->user_id,
	    "username", jstr(ev->username),
	    "role", jstr(ev->role),
	    "action", jstr(ev->action),
	    "action_words", jstr(words ? words : ev->action),
	    "flagged", audit_action_flagged(ev->action),
	    "record_type", jstr(ev->record_type),
	    "record_id", (json_int_t)ev->record_id,
	    "client_id", (json_int_t)ev->client_id,
	    "address", jstr(ev->address),
	    "detail", jstr(ev->detail));
}

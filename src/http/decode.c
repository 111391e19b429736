/*
 * decode.c — the JSON request decoders: a body's fields onto a core struct.
 *
 * Each *_apply_json applies the fields present (so PATCH changes only what
 * it names), records a field error for each wrong type and returns the set
 * of fields it found (bits of the core's enum client_field, contact_field,
 * staff_field), which a change hands to its operation; the core's
 * *_validate then checks values.  decode_body() is the whole path from raw
 * bytes, used by the fuzz target in tests/fuzz/.
 */
#include <string.h>

#include "http/req.h"
#include "lib/buf.h"

const char *const staff_keys[] = {
	"username", "full_name", "email", "roles", "site_ids", "password", "active", NULL
};

const char *const client_keys[] = {
	"first_name", "last_name", "preferred_name", "dob", "sex", "gender_identity",
	"phone", "email", "address", "language", "active", "allow_duplicate", NULL
};
static const char *const address_keys[] = {
	"line1", "line2", "city", "state", "postal_code", NULL
};
const char *const contact_keys[] = {
	"name", "relationship", "phone", "email", "emergency", "guardian", "notes", NULL
};

/* bit when o has key. */
static unsigned
has(json_t *o, const char *key, int bit)
{
	return json_object_get(o, key) != NULL ? 1u << bit : 0u;
}

/* Apply the fields present in o to c; record type errors.  Also lists the
 * names of the fields given (for the audit row) in changed. */
unsigned
client_apply_json(json_t *o, struct client *c, struct arena *a, struct error *e,
    struct buf *changed)
{
	const char *dob = NULL, *sex = NULL;
	unsigned f = 0;
	json_t *addr;
	const char *key;
	json_t *v;

	jfield_str(o, "first_name", a, &c->first_name, e, NULL);
	jfield_str(o, "last_name", a, &c->last_name, e, NULL);
	jfield_str(o, "preferred_name", a, &c->preferred_name, e, NULL);
	jfield_str(o, "gender_identity", a, &c->gender_identity, e, NULL);
	jfield_str(o, "phone", a, &c->phone, e, NULL);
	jfield_str(o, "email", a, &c->email, e, NULL);
	jfield_str(o, "language", a, &c->language, e, NULL);
	jfield_bool(o, "active", &c->active, e, NULL);
	f |= has(o, "first_name", CF_FIRST_NAME) | has(o, "last_name", CF_LAST_NAME) |
	    has(o, "preferred_name", CF_PREFERRED_NAME) |
	    has(o, "gender_identity", CF_GENDER_IDENTITY) | has(o, "phone", CF_PHONE) |
	    has(o, "email", CF_EMAIL) | has(o, "language", CF_LANGUAGE) |
	    has(o, "active", CF_ACTIVE);
	if (jfield_str(o, "dob", a, &dob, e, NULL) && dob != NULL) {
		f |= 1u << CF_DOB;
		if (*dob == '\0')
			memset(&c->dob, 0, sizeof c->dob);
		else if (!date_parse(dob, &c->dob))
			error_field(e, "dob", "must be a real date written YYYY-MM-DD");
	}
	if (jfield_str(o, "sex", a, &sex, e, NULL) && sex != NULL) {
		f |= 1u << CF_SEX;
		if (!sex_parse(sex, &c->sex))
			error_field(e, "sex", "must be one of female, male, intersex, unknown");
	}
	addr = json_object_get(o, "address");
	if (addr != NULL && !json_is_null(addr)) {
		if (!json_is_object(addr)) {
			error_field(e, "address", "must be an object");
		} else {
			json_only_keys(addr, address_keys, e, "address");
			jfield_str(addr, "line1", a, &c->address.line1, e, "address.line1");
			jfield_str(addr, "line2", a, &c->address.line2, e, "address.line2");
			jfield_str(addr, "city", a, &c->address.city, e, "address.city");
			jfield_str(addr, "state", a, &c->address.state, e, "address.state");
			jfield_str(addr, "postal_code", a, &c->address.postal_code, e,
			    "address.postal_code");
			f |= has(addr, "line1", CF_ADDR_LINE1) | has(addr, "line2", CF_ADDR_LINE2) |
			    has(addr, "city", CF_ADDR_CITY) | has(addr, "state", CF_ADDR_STATE) |
			    has(addr, "postal_code", CF_ADDR_POSTAL_CODE);
		}
	}
	if (changed) {	/* it starts "fields=" (7 bytes) */
		json_object_foreach(o, key, v) {
			(void)v;
			if (strcmp(key, "allow_duplicate") != 0)
				buf_printf(changed, "%s%s", changed->len > 7 ? "," : "", key);
		}
	}
	return f;
}

unsigned
contact_apply_json(json_t *o, struct contact *c, struct arena *a, struct error *e)
{
	jfield_str(o, "name", a, &c->name, e, NULL);
	jfield_str(o, "relationship", a, &c->relationship, e, NULL);
	jfield_str(o, "phone", a, &c->phone, e, NULL);
	jfield_str(o, "email", a, &c->email, e, NULL);
	jfield_bool(o, "emergency", &c->emergency, e, NULL);
	jfield_bool(o, "guardian", &c->guardian, e, NULL);
	jfield_str(o, "notes", a, &c->notes, e, NULL);
	return has(o, "name", KF_NAME) | has(o, "relationship", KF_RELATIONSHIP) |
	    has(o, "phone", KF_PHONE) | has(o, "email", KF_EMAIL) |
	    has(o, "emergency", KF_EMERGENCY) | has(o, "guardian", KF_GUARDIAN) |
	    has(o, "notes", KF_NOTES);
}

unsigned
staff_apply_json(json_t *o, struct staff *s, struct arena *a, struct error *e)
{
	unsigned f;
	json_t *v;
	size_t i;

	jfield_str(o, "username", a, &s->username, e, NULL);
	jfield_str(o, "full_name", a, &s->full_name, e, NULL);
	jfield_str(o, "email", a, &s->email, e, NULL);
	jfield_bool(o, "active", &s->active, e, NULL);
	if ((v = json_object_get(o, "roles")) != NULL) {
		s->roles = 0;
		if (!json_is_array(v)) {
			error_field(e, "roles", "must be a list of roles");
		} else {
			for (i = 0; i < json_array_size(v); i++) {
				json_t *x = json_array_get(v, i);
				enum role r;
				if (!json_is_string(x) || !role_parse(json_string_value(x), &r)) {
					error_field(e, "roles", "holds an unknown role");
					break;
				}
				s->roles |= 1u << r;
			}
		}
	}
	if ((v = json_object_get(o, "site_ids")) != NULL) {
		s->nsites = 0;
		if (!json_is_array(v) || json_array_size(v) > STAFF_SITES_MAX) {
			error_field(e, "site_ids", "must be a list of up to %d site ids",
			    STAFF_SITES_MAX);
		} else {
			for (i = 0; i < json_array_size(v); i++) {
				json_t *x = json_array_get(v, i);
				if (!json_is_integer(x) || json_integer_value(x) <= 0) {
					error_field(e, "site_ids", "must hold site ids");
					break;
				}
				s->site_ids[s->nsites++] = json_integer_value(x);
			}
		}
	}
	f = has(o, "username", SF_USERNAME) | has(o, "full_name", SF_FULL_NAME) |
	    has(o, "email", SF_EMAIL) | has(o, "roles", SF_ROLES) |
	    has(o, "site_ids", SF_SITES) | has(o, "active", SF_ACTIVE);
	return f;
}

enum err
decode_body(enum decode_kind kind, const char *body, size_t n, struct arena *a,
    struct error *e)
{
	json_error_t je;
	json_t *o = json_loadb(body, n, JSON_REJECT_DUPLICATES, &je);
	struct client c;
	struct contact ct;
	struct staff st;

	error_clear(e);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return error_set(e, ERR_MALFORMED, "not a JSON object");
	}
	switch (kind) {
	case DECODE_CLIENT:
		client_blank(&c);
		json_only_keys(o, client_keys, e, NULL);
		client_apply_json(o, &c, a, e, NULL);
		if (e->code == ERR_OK || e->code == ERR_INVALID)
			client_validate(&c, (struct date){ 2026, 1, 1 }, e);
		break;
	case DECODE_CONTACT:
		contact_blank(&ct, 0);
		json_only_keys(o, contact_keys, e, NULL);
		contact_apply_json(o, &ct, a, e);
		if (e->code == ERR_OK || e->code == ERR_INVALID)
			contact_validate(&ct, e);
		break;
	case DECODE_STAFF:
		staff_blank(&st);
		st.active = false;
		json_only_keys(o, staff_keys, e, NULL);
		staff_apply_json(o, &st, a, e);
		if (e->code == ERR_OK || e->code == ERR_INVALID)
			staff_validate(&st, e);
		break;
	}
	json_decref(o);
	return e->code;
}

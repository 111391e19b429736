/*
 * decode.c — the JSON request decoders: a body's fields onto a core struct.
 *
 * Each *_apply_json applies the fields present (so PATCH changes only what
 * it names) and records a field error for each wrong type; the core's
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

/* Apply the fields present in o to c; record type errors.  Also lists the
 * names of the fields given (for the audit row) in changed. */
void
client_apply_json(json_t *o, struct client *c, struct arena *a, struct error *e,
    struct buf *changed)
{
	const char *dob = NULL, *sex = NULL;
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
	if (jfield_str(o, "dob", a, &dob, e, NULL) && dob != NULL) {
		if (*dob == '\0')
			memset(&c->dob, 0, sizeof c->dob);
		else if (!date_parse(dob, &c->dob))
			error_field(e, "dob", "must be a real date written YYYY-MM-DD");
	}
	if (jfield_str(o, "sex", a, &sex, e, NULL) && sex != NULL && !sex_parse(sex, &c->sex))
		error_field(e, "sex", "must be one of female, male, intersex, unknown");
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
		}
	}
	if (changed) {	/* it starts "fields=" (7 bytes) */
		json_object_foreach(o, key, v) {
			(void)v;
			if (strcmp(key, "allow_duplicate") != 0)
				buf_printf(changed, "%s%s", changed->len > 7 ? "," : "", key);
		}
	}
}

void
contact_apply_json(json_t *o, struct contact *c, struct arena *a, struct error *e)
{
	jfield_str(o, "name", a, &c->name, e, NULL);
	jfield_str(o, "relationship", a, &c->relationship, e, NULL);
	jfield_str(o, "phone", a, &c->phone, e, NULL);
	jfield_str(o, "email", a, &c->email, e, NULL);
	jfield_bool(o, "emergency", &c->emergency, e, NULL);
	jfield_bool(o, "guardian", &c->guardian, e, NULL);
	jfield_str(o, "notes", a, &c->notes, e, NULL);
}

void
staff_apply_json(json_t *o, struct staff *s, struct arena *a, struct error *e)
{
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
		memset(&ct, 0, sizeof ct);
		ct.name = ct.relationship = ct.phone = ct.email = ct.notes = "";
		json_only_keys(o, contact_keys, e, NULL);
		contact_apply_json(o, &ct, a, e);
		if (e->code == ERR_OK || e->code == ERR_INVALID)
			contact_validate(&ct, e);
		break;
	case DECODE_STAFF:
		memset(&st, 0, sizeof st);
		st.username = st.full_name = st.email = "";
		json_only_keys(o, staff_keys, e, NULL);
		staff_apply_json(o, &st, a, e);
		if (e->code == ERR_OK || e->code == ERR_INVALID)
			staff_validate(&st, e);
		break;
	}
	json_decref(o);
	return e->code;
}

/*
 * client.h — the client (the person in treatment) and their contacts.
 *
 * Strings are never NULL in a valid record: absent text is "".
 * Validation is pure: "today" is passed in.
 */
#ifndef IOP_CLIENT_H
#define IOP_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/err.h"
#include "lib/timeutil.h"

enum sex { SEX_FEMALE, SEX_MALE, SEX_INTERSEX, SEX_UNKNOWN, SEX__MAX };

const char *sex_name(enum sex s);
bool sex_parse(const char *s, enum sex *out);

struct address {
	const char *line1, *line2, *city, *state, *postal_code;
};

struct client {
	int64_t id;
	char mrn[16];
	const char *first_name;
	const char *last_name;
	const char *preferred_name;
	struct date dob;
	enum sex sex;
	const char *gender_identity;
	const char *phone;
	const char *email;
	struct address address;
	const char *language;
	bool active;
	int64_t created_at, updated_at;
};

/* Field names in errors: first_name, dob, address.city, ... */
enum err client_validate(const struct client *c, struct date today, struct error *e);

/* An empty client to decode into: text "", sex unset (so validation names
 * it as required), active. */
void client_blank(struct client *c);

/* The fields a change names (a PATCH): bit (1u << enum client_field). */
enum client_field {
	CF_FIRST_NAME, CF_LAST_NAME, CF_PREFERRED_NAME, CF_DOB, CF_SEX,
	CF_GENDER_IDENTITY, CF_PHONE, CF_EMAIL, CF_LANGUAGE, CF_ACTIVE,
	CF_ADDR_LINE1, CF_ADDR_LINE2, CF_ADDR_CITY, CF_ADDR_STATE, CF_ADDR_POSTAL_CODE,
	CF__MAX
};

/* Copies the named fields of from onto to. */
void client_merge(struct client *to, const struct client *from, unsigned fields);

/* Whether a change moves the client's identity (name or date of birth), so
 * duplicates must be looked for again. */
bool client_identity_changed(const struct client *before, const struct client *after);

/* "IOP-000042" from 42. */
void client_mrn_format(int64_t seq, char out[16]);

/* A related person of the client (a contact): who they are to the client
 * (kind, from contact_kinds, and the client's own words in relationship),
 * the organisation they speak for, and whether the client has agreed that
 * the program may contact them (false until they say so: contacting anyone
 * about a Part 2 client tells them the client is in treatment). */
struct contact {
	int64_t id;
	int64_t client_id;
	const char *name;
	const char *relationship;	/* the description, may be "" */
	const char *phone;
	const char *email;
	bool emergency;
	bool guardian;
	const char *notes;
	const char *kind;		/* a code of contact_kinds */
	const char *organisation;	/* may be "" */
	bool may_contact;
};

enum contact_kind {
	CK_FAMILY, CK_PARTNER, CK_SPONSOR, CK_PROBATION_OFFICER, CK_PAROLE_OFFICER,
	CK_EMPLOYER, CK_GUARDIAN, CK_FRIEND, CK_OTHER, CK__MAX
};
struct contact_kind_def {
	const char *code;	/* "probation_officer" */
	const char *label;	/* "Probation officer" */
};
extern const struct contact_kind_def contact_kinds[CK__MAX];
int contact_kind_find(const char *code);	/* or -1 */
/* The kind a free-text relationship most likely means ("AA sponsor":
 * sponsor, "mother": family); "other" when nothing matches. */
const char *contact_kind_guess(const char *relationship, bool guardian);
/* A contact with no kind gets the one its relationship text means. */
void contact_settle(struct contact *c);

enum err contact_validate(const struct contact *c, struct error *e);

/* An empty contact of a client: text "", flags false. */
void contact_blank(struct contact *c, int64_t client_id);

enum contact_field {
	KF_NAME, KF_RELATIONSHIP, KF_PHONE, KF_EMAIL, KF_EMERGENCY, KF_GUARDIAN, KF_NOTES,
	KF_KIND, KF_ORGANISATION, KF_MAY_CONTACT,
	KF__MAX
};

void contact_merge(struct contact *to, const struct contact *from, unsigned fields);

#endif

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

/* "IOP-000042" from 42. */
void client_mrn_format(int64_t seq, char out[16]);

struct contact {
	int64_t id;
	int64_t client_id;
	const char *name;
	const char *relationship;
	const char *phone;
	const char *email;
	bool emergency;
	bool guardian;
	const char *notes;
};

enum err contact_validate(const struct contact *c, struct error *e);

#endif

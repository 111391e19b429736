/*
 * err.h — the one error idiom of openiop.
 *
 * Fallible functions return enum err and fill a caller-owned struct error:
 * a short message for people and, for invalid input, the fields at fault.
 * Tables elsewhere map enum err to an HTTP status and a CLI exit code.
 * Messages never contain health information: they name fields, not values.
 */
#ifndef IOP_ERR_H
#define IOP_ERR_H

#include <stddef.h>

enum err {
	ERR_OK = 0,
	ERR_NOMEM,
	ERR_INVALID,	/* bad input; fields say which */
	ERR_MALFORMED,	/* not JSON, or the wrong shape */
	ERR_NOTFOUND,
	ERR_CONFLICT,
	ERR_DUPLICATE,	/* a possible duplicate record */
	ERR_FORBIDDEN,
	ERR_UNAUTH,
	ERR_TOOLARGE,
	ERR_RATELIMIT,
	ERR_STORE,	/* the database failed */
	ERR_IO,
	ERR__MAX
};

#define ERROR_FIELDS_MAX 16

struct error_field {
	char name[48];
	char msg[120];
};

struct error {
	enum err code;
	char msg[320];	/* a refused release names recipient and information */
	size_t nfields;
	struct error_field fields[ERROR_FIELDS_MAX];
};

void error_clear(struct error *e);

/* Set code and message; returns code so callers can "return error_set(...)". */
enum err error_set(struct error *e, enum err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Add a field at fault.  Sets code to ERR_INVALID and, if no message was set,
 * the message "Some fields need attention."  Returns ERR_INVALID.
 * A second error for the same field is ignored (the first one wins).
 */
enum err error_field(struct error *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The short word of the error body: "invalid", "not_found", ... */
const char *err_code_word(enum err code);

#endif

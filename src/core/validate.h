/*
 * validate.h — small checks shared by every record's validation.
 * Each returns NULL when the value is acceptable, or a short message
 * ("must be 100 characters or fewer") to put next to the field.
 */
#ifndef IOP_VALIDATE_H
#define IOP_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/err.h"

/* Text: no control characters (tab and line ends allowed only where multiline
 * is true), no bidirectional embeddings, overrides or isolates, and in one-line
 * text no direction marks or line/paragraph separators either; valid UTF-8, at most max characters (code points); required means non-empty
 * after trimming spaces. */
const char *check_text(const char *s, size_t max, bool required, bool multiline);
const char *check_email(const char *s, bool required);	/* x@y.z, <= 254 */
const char *check_phone(const char *s, bool required);	/* 7-20 digits, + ( ) - . space */
const char *check_username(const char *s);		/* 3-32 of a-z 0-9 . _ - , starts with a letter */
const char *check_password(const char *pw, const char *username); /* >= 12 chars, <= 128 bytes, != username */
const char *check_timezone_name(const char *s);		/* Area/Location shape, e.g. America/Chicago, or "UTC" */

/* NULL, or nothing but spaces, tabs and line ends. */
bool text_blank(const char *s);

/* Record msg, when a check gave one, against field of e and set *bad. */
void check_field(struct error *e, bool *bad, const char *field, const char *msg);

/* Tables of names indexed by an enum: the name of i ("" out of range), and
 * the index of s (-1 when it is none of them). */
const char *name_of(const char *const *names, int n, int i);
int name_index(const char *const *names, int n, const char *s);

#endif

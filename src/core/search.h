/*
 * search.h — what a client search box means.
 *
 * "smi" -> a name prefix; "smith, jo" -> last and first prefixes;
 * "IOP-000042" or "42" or "000042" -> a record number; "1980-02-29" or
 * "02/29/1980" -> a date of birth.  Pure: the store runs the query.
 */
#ifndef IOP_SEARCH_H
#define IOP_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/timeutil.h"

enum search_kind { SEARCH_ALL, SEARCH_NAME, SEARCH_NAME_PAIR, SEARCH_MRN, SEARCH_DOB };

struct client_search {
	enum search_kind kind;
	char a[101];		/* NAME: prefix of first/last/preferred; PAIR: last-name prefix */
	char b[101];		/* PAIR: first-name prefix */
	int64_t mrn;		/* MRN: the number */
	struct date dob;	/* DOB */
};

/* Trims and lower-cases; an empty or blank q gives SEARCH_ALL.
 * false when q is longer than 100 bytes or holds control characters. */
bool search_parse(const char *q, struct client_search *out);

#endif

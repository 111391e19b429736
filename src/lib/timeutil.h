/*
 * timeutil.h — calendar dates and UTC instants, without the system clock.
 *
 * Instants are int64 seconds since the Unix epoch, UTC.  The clock itself is
 * read only by the layers above core (now_utc()) and passed down.
 */
#ifndef IOP_TIMEUTIL_H
#define IOP_TIMEUTIL_H

#include <stdbool.h>
#include <stdint.h>

struct date {
	int y, m, d;	/* all zero: no date */
};

bool date_parse(const char *s, struct date *out);	/* strict YYYY-MM-DD, real date */
bool date_parse_us(const char *s, struct date *out);	/* MM/DD/YYYY */
bool date_valid(struct date d);
int date_cmp(struct date a, struct date b);
void date_format(struct date d, char out[11]);		/* "YYYY-MM-DD" */
struct date date_from_unix(int64_t t);			/* the UTC calendar date */
int64_t date_days(struct date d);			/* days since 1970-01-01 */

void time_format_iso(int64_t t, char out[21]);		/* "YYYY-MM-DDTHH:MM:SSZ" */
bool time_parse_hhmm(const char *s, int *minutes);	/* "09:30" -> 570 */

/* Only outside core: */
int64_t now_utc(void);		/* the wall clock, plus the test build's offset */
int64_t now_monotonic_ms(void);	/* real elapsed time; never moved */

/*
 * The test build (iop-test) moves now_utc() forward by adding seconds to an
 * offset, atomically; every later read in every thread sees the moved clock.
 * The normal build never calls this: it has no route and no setting that
 * reaches it (src/cli/main.c, src/http/server.c).
 */
void clock_advance(int64_t seconds);
int64_t clock_offset(void);	/* seconds added so far; 0 in the normal build */

#endif

/*
 * tz.h — a time zone's UTC offsets from the system's zone database (TZif
 * files under /usr/share/zoneinfo), to turn a site's wall-clock times into
 * UTC instants.
 *
 * tz_parse is pure (bytes in, table out); tz_load reads the file and so is
 * called only above core, which is handed the table.  Past the last
 * transition the file lists (2037 in the files Debian ships), the last
 * offset holds.
 */
#ifndef IOP_TZ_H
#define IOP_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TZ_MAX_TRANSITIONS 2000

struct tz {
	int n;				/* transitions */
	int64_t at[TZ_MAX_TRANSITIONS];	/* UTC instants, ascending */
	int32_t off[TZ_MAX_TRANSITIONS];	/* the offset from each on (seconds east) */
	int32_t off0;			/* the offset before the first */
};

/* A TZif file's bytes into z; false when they are not one. */
bool tz_parse(const unsigned char *b, size_t len, struct tz *z);
/* The zone named (a checked name such as "America/Chicago", or "UTC");
 * false when there is no such file or it is not a zone. */
bool tz_load(const char *name, struct tz *z);

/* The zone named, malloc'd (the caller frees it); NULL when it cannot be
 * read (no such zone) or memory is short. */
struct tz *tz_open(const char *name);

/* The UTC offset at instant t (seconds east of UTC). */
int32_t tz_offset(const struct tz *z, int64_t t);
/*
 * The instant when the wall clock shows local (seconds since 1970-01-01
 * 00:00 as if that were UTC).  A wall time shown twice (clocks turned back)
 * is the first; one the clocks skip (turned forward) is read with the offset
 * before the change, which lands as far after the change as it was after
 * the skipped start (02:30 on a spring-forward night is 03:30).
 */
int64_t tz_local_to_utc(const struct tz *z, int64_t local);

#endif

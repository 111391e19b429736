/*
 * fuzz_tz.c — libFuzzer target for the time zone file reader (tz_parse,
 * src/lib/tz.c).  Beyond not crashing: what it accepts has its transitions
 * in order and within the table, and any wall time turned into an instant
 * is at one of the table's offsets.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "lib/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PROMISE(cond)                                                           \
	do {                                                                    \
		if (!(cond))                                                    \
			__builtin_trap();                                       \
	} while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tz z;

	if (!tz_parse(data, size, &z))
		return 0;
	PROMISE(z.n >= 0 && z.n <= TZ_MAX_TRANSITIONS);
	for (int i = 1; i < z.n; i++)
		PROMISE(z.at[i] > z.at[i - 1]);
	/* Any wall time becomes an instant at one of the table's offsets. */
	for (int64_t local = -86400LL * 365; local < 86400LL * 365 * 80;
	    local += 86400LL * 97 + 3611) {
		int32_t off = tz_offset(&z, tz_local_to_utc(&z, local));
		bool known = off == z.off0;
		for (int i = 0; i < z.n && !known; i++)
			known = off == z.off[i];
		PROMISE(known);
	}
	return 0;
}

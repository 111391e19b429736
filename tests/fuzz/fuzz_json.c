/*
 * fuzz_json.c — libFuzzer target for the JSON request decoders (client,
 * contact, staff bodies): parse, type-check, apply, validate.  The first
 * byte picks the decoder; the rest is the body.
 */
#include <stddef.h>
#include <stdint.h>

#include "http/req.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a;
	struct error e;

	if (size < 1 || size > 65536)
		return 0;
	a = arena_new(1 << 20);
	if (a == NULL)
		return 0;
	decode_body((enum decode_kind)(data[0] % 3), (const char *)data + 1, size - 1, a, &e);
	arena_free(a);
	return 0;
}

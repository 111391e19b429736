/*
 * tz.c — TZif files read into a table of offsets (see tz.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tz.h"

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* The six counts of a header at b (44 bytes). */
struct tzhead {
	uint32_t isut, isstd, leap, time, type, chars;
};

static bool
head(const unsigned char *b, size_t len, struct tzhead *h)
{
	if (len < 44 || memcmp(b, "TZif", 4) != 0)
		return false;
	h->isut = be32(b + 20);
	h->isstd = be32(b + 24);
	h->leap = be32(b + 28);
	h->time = be32(b + 32);
	h->type = be32(b + 36);
	h->chars = be32(b + 40);
	return h->type >= 1 && h->type <= 256 && h->time <= TZ_MAX_TRANSITIONS &&
	    h->leap <= 100000 && h->chars <= 100000 && h->isut <= 256 && h->isstd <= 256;
}

/* The size of a data block after its header, with times of tsize bytes. */
static size_t
block(const struct tzhead *h, size_t tsize)
{
	return h->time * tsize + h->time + h->type * 6 + h->chars + h->leap * (tsize + 4) +
	    h->isstd + h->isut;
}

bool
tz_parse(const unsigned char *b, size_t len, struct tz *z)
{
	struct tzhead h;
	size_t tsize = 4, skip;
	const unsigned char *p, *idx, *types;

	if (!head(b, len, &h))
		return false;
	if (b[4] >= '2') {
		/* Version 2 and later: a second header and block with 64-bit times. */
		skip = 44 + block(&h, 4);
		if (skip > len || !head(b + skip, len - skip, &h))
			return false;
		b += skip;
		len -= skip;
		tsize = 8;
	}
	if (44 + block(&h, tsize) > len)
		return false;
	p = b + 44;
	idx = p + h.time * tsize;
	types = idx + h.time;
	z->n = (int)h.time;
	/* Type 0 holds before the first transition (RFC 8536). */
	z->off0 = (int32_t)be32(types);
	for (uint32_t i = 0; i < h.time; i++) {
		if (idx[i] >= h.type)
			return false;
		z->at[i] = tsize == 8 ? be64(p + i * 8) : (int64_t)(int32_t)be32(p + i * 4);
		z->off[i] = (int32_t)be32(types + idx[i] * 6);
		if (i > 0 && z->at[i] <= z->at[i - 1])
			return false;
	}
	return true;
}

bool
tz_load(const char *name, struct tz *z)
{
	static const char root[] = "/usr/share/zoneinfo/";
	enum { TZ_FILE_MAX = 65536 };
	unsigned char *buf;
	char path[200];
	size_t len;
	FILE *f;
	bool ok;

	if (name == NULL || *name == '\0' || strstr(name, "..") != NULL || name[0] == '/')
		return false;
	if (strcmp(name, "UTC") == 0) {
		memset(z, 0, sizeof *z);
		return true;
	}
	if ((size_t)snprintf(path, sizeof path, "%s%s", root, name) >= sizeof path)
		return false;
	if ((buf = malloc(TZ_FILE_MAX)) == NULL)
		return false;
	if ((f = fopen(path, "rb")) == NULL) {
		free(buf);
		return false;
	}
	len = fread(buf, 1, TZ_FILE_MAX, f);
	ok = ferror(f) == 0 && feof(f) && tz_parse(buf, len, z);
	fclose(f);
	free(buf);
	return ok;
}

int32_t
tz_offset(const struct tz *z, int64_t t)
{
	int lo = 0, hi = z->n;

	if (z->n == 0 || t < z->at[0])
		return z->off0;
	/* The last transition at or before t. */
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return z->off[lo];
}

int64_t
tz_local_to_utc(const struct tz *z, int64_t local)
{
	/* A day either side is well clear of any one change of offset. */
	int32_t before = tz_offset(z, local - 86400), after = tz_offset(z, local + 86400);
	int64_t u1 = local - before, u2 = local - after;
	bool ok1 = tz_offset(z, u1) == before, ok2 = tz_offset(z, u2) == after;

	if (ok1 && ok2)
		return u1 < u2 ? u1 : u2;	/* shown twice: the first */
	if (ok1)
		return u1;
	if (ok2)
		return u2;
	return u1;	/* skipped: read with the offset before the change */
}

struct tz *
tz_open(const char *name)
{
	struct tz *z = malloc(sizeof *z);

	if (z != NULL && !tz_load(name, z)) {
		free(z);
		z = NULL;
	}
	return z;
}

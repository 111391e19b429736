/*
 * zones.c — the site zones a list answer needs, each loaded once per
 * request (req.h: struct zones).
 */
#include <stdlib.h>
#include <string.h>

#include "http/req.h"
#include "lib/tz.h"

void
zones_free(struct zones *zs)
{
	for (int i = 0; i < zs->n; i++)
		free(zs->v[i].z);
	zs->n = 0;
}

int64_t
day_in(struct zones *zs, const char *name, int64_t t)
{
	struct tz *z = NULL;

	for (int i = 0; i < zs->n; i++)
		if (strcmp(zs->v[i].name, name) == 0) {
			z = zs->v[i].z;
			break;
		}
	if (z == NULL && zs->n < ZONES_MAX && (z = tz_open(name)) != NULL) {
		zs->v[zs->n].name = name;
		zs->v[zs->n].z = z;
		zs->n++;
	}
	if (z == NULL)
		return date_days(date_from_unix(t));
	return date_days(local_date(z, t));
}

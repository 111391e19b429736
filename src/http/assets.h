/*
 * assets.h — the web app's files, embedded at build time (see tools/embed.c).
 */
#ifndef IOP_ASSETS_H
#define IOP_ASSETS_H

#include <stddef.h>

struct asset {
	const char *path;		/* under web/, e.g. "app/index.html" */
	const unsigned char *data;
	size_t len;
};

extern const struct asset assets[];	/* ends with a NULL path */

#endif

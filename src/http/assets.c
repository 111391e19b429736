/*
 * assets.c — serving the web app: "/" and "/<file>" from web/public/,
 * "/app/" and "/app/<file>" from web/app/.  Files come from the binary, or
 * from disk under --web-root while editing.  Paths with "..", backslashes
 * or empty segments are refused before any lookup.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/assets.h"
#include "http/req.h"

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".json", "application/json" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".webmanifest", "application/manifest+json" },
};

static const char *
type_of(const char *path)
{
	size_t n = strlen(path), i;

	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t m = strlen(types[i].ext);
		if (n > m && strcmp(path + n - m, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

static bool
safe_path(const char *p)
{
	if (strstr(p, "..") || strchr(p, '\\') || strstr(p, "//") || strchr(p, '%'))
		return false;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20)
			return false;
	return true;
}

static bool
from_disk(struct req *r, const char *rel)
{
	char path[1024];
	FILE *f;
	long n;
	char *buf;

	snprintf(path, sizeof path, "%s/%s", r->app->set.web_root, rel);
	f = fopen(path, "rb");
	if (f == NULL)
		return false;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > (2 << 20) ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = arena_alloc(r->arena, (size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return false;
	}
	fclose(f);
	r->status = 200;
	if (r->resp_heap)
		free(r->resp);
	r->resp_heap = false;
	r->resp = buf;
	r->resp_len = (size_t)n;
	r->resp_persistent = false;
	r->ctype = type_of(rel);
	r->answered = true;
	return true;
}

bool
assets_serve(struct req *r)
{
	const char *url = r->url;
	char rel[512];
	size_t i;

	if (!safe_path(url))
		return false;
	if (strcmp(url, "/app") == 0) {
		r->location = "/app/";
		reply_empty(r, 301);
		return true;
	}
	if (strcmp(url, "/") == 0)
		snprintf(rel, sizeof rel, "public/index.html");
	else if (strcmp(url, "/app/") == 0)
		snprintf(rel, sizeof rel, "app/index.html");
	else if (strncmp(url, "/app/", 5) == 0)
		snprintf(rel, sizeof rel, "app/%s", url + 5);
	else
		snprintf(rel, sizeof rel, "public/%s", url + 1);

	if (r->app->set.web_root)
		return from_disk(r, rel);
	for (i = 0; assets[i].path; i++) {
		if (strcmp(assets[i].path, rel) == 0) {
			r->status = 200;
			if (r->resp_heap)
				free(r->resp);
			r->resp_heap = false;
			r->resp = (char *)assets[i].data;
			r->resp_len = assets[i].len;
			r->resp_persistent = true;
			r->ctype = type_of(rel);
			r->answered = true;
			return true;
		}
	}
	return false;
}

/*
 * assets.c — serving the web app: "/" and "/<file>" from web/public/,
 * "/app/" and "/app/<file>" from web/app/.  Files come from the binary, or
 * from disk under --web-root while editing.  Paths with "..", backslashes
 * or empty segments are refused before any lookup.
 *
 * The public pages share their top, header and footer: a line
 * "<!--#part NAME-->" (NAME in a-z) in a page under public/ stands for the file
 * public/_NAME.html, and in that part the menu item for the page itself
 * (<li><a href="/x.html">) is marked aria-current="page".  Parts are not
 * served on their own.  A line's "<!--#program KEY-->" (KEY name or tagline)
 * becomes that detail of the program (GET /api/v1/program), escaped for
 * HTML text and attributes, so the pages name the clinic before any script
 * runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/assets.h"
#include "http/req.h"

#define PART_OPEN "<!--#part "
#define PROGRAM_OPEN "<!--#program "
#define PROGRAM_DEFAULT_NAME "Intensive Outpatient Program"
#define PART_CLOSE "-->"
#define PART_MAX 8		/* parts in one page */
#define CURRENT " aria-current=\"page\""

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

/* The bytes of a file under web/: from disk under --web-root (read into
 * the request's arena), else from the binary. */
static bool
load(struct req *r, const char *rel, const char **data, size_t *len,
    bool *persistent)
{
	char path[1024];
	FILE *f;
	long n;
	char *buf;
	size_t i;

	if (r->app->set.web_root == NULL) {
		for (i = 0; assets[i].path; i++) {
			if (strcmp(assets[i].path, rel) == 0) {
				*data = (const char *)assets[i].data;
				*len = assets[i].len;
				*persistent = true;
				return true;
			}
		}
		return false;
	}
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
	*data = buf;
	*len = (size_t)n;
	*persistent = false;
	return true;
}

/* The next "<!--#part NAME-->" in s[0..n), its name's span, and the end of
 * the marker; NULL when there is none. */
static const char *
next_part(const char *s, size_t n, const char **name, size_t *name_len,
    const char **end)
{
	const char *p = s, *stop = s + n, *q;
	size_t ol = strlen(PART_OPEN);

	while ((p = memchr(p, '<', (size_t)(stop - p))) != NULL) {
		if ((size_t)(stop - p) > ol && memcmp(p, PART_OPEN, ol) == 0) {
			q = p + ol;
			while (q < stop && *q >= 'a' && *q <= 'z')
				q++;
			if (q > p + ol && (size_t)(stop - q) >= strlen(PART_CLOSE) &&
			    memcmp(q, PART_CLOSE, strlen(PART_CLOSE)) == 0) {
				*name = p + ol;
				*name_len = (size_t)(q - *name);
				*end = q + strlen(PART_CLOSE);
				return p;
			}
		}
		p++;
	}
	return NULL;
}

/* Copies a part to out, marking the menu item for the page itself
 * (<li><a href="self">) as the current page; returns the bytes written.
 * out may be NULL to count them. */
static size_t
put_part(char *out, const char *part, size_t n, const char *self)
{
	char href[600];
	size_t hl, cl = strlen(CURRENT), k = 0;
	const char *p = part, *stop = part + n, *hit, *q;

	hl = (size_t)snprintf(href, sizeof href, "<li><a href=\"%s\"", self);
	if (hl >= sizeof href)
		hl = n + 1;	/* cannot match: copy the part as it is */
	while (p < stop) {
		hit = NULL;
		for (q = p; (size_t)(stop - q) >= hl; q++) {
			if (memcmp(q, href, hl) == 0) {
				hit = q;
				break;
			}
		}
		if (hit == NULL) {
			if (out)
				memcpy(out + k, p, (size_t)(stop - p));
			k += (size_t)(stop - p);
			break;
		}
		if (out) {
			memcpy(out + k, p, (size_t)(hit + hl - p));
			memcpy(out + k + (size_t)(hit + hl - p), CURRENT, cl);
		}
		k += (size_t)(hit + hl - p) + cl;
		p = hit + hl;
	}
	return k;
}

/* A public page with its parts put in place, in the request's arena. */
static bool
expand(struct req *r, const char *rel, const char **data, size_t *len,
    bool *persistent)
{
	struct {
		const char *at, *end, *data;
		size_t len;
	} parts[PART_MAX];
	const char *s = *data, *p, *name, *end;
	char self[512], prel[100];
	size_t n = *len, name_len, np = 0, total, k, i;
	bool pers;
	char *out;

	/* "public/index.html" is "/", "public/x.html" is "/x.html". */
	snprintf(self, sizeof self, "/%s", strcmp(rel, "public/index.html") == 0 ? "" : rel + 7);
	p = s;
	while ((p = next_part(p, n - (size_t)(p - s), &name, &name_len, &end)) != NULL) {
		if (np == PART_MAX || name_len > 64)
			return false;
		snprintf(prel, sizeof prel, "public/_%.*s.html", (int)name_len, name);
		if (!load(r, prel, &parts[np].data, &parts[np].len, &pers))
			return false;
		parts[np].at = p;
		parts[np].end = end;
		np++;
		p = end;
	}
	if (np == 0)
		return true;
	total = n;
	for (i = 0; i < np; i++)
		total += put_part(NULL, parts[i].data, parts[i].len, self) -
		    (size_t)(parts[i].end - parts[i].at);
	if ((out = arena_alloc(r->arena, total + 1)) == NULL)
		return false;
	p = s;
	k = 0;
	for (i = 0; i < np; i++) {
		memcpy(out + k, p, (size_t)(parts[i].at - p));
		k += (size_t)(parts[i].at - p);
		k += put_part(out + k, parts[i].data, parts[i].len, self);
		p = parts[i].end;
	}
	memcpy(out + k, p, n - (size_t)(p - s));
	k += n - (size_t)(p - s);
	*data = out;
	*len = k;
	*persistent = false;
	return true;
}

/* s escaped for HTML text or a quoted attribute into out (NULL: count). */
static size_t
put_escaped(char *out, const char *s)
{
	size_t k = 0, m;
	const char *rep;

	for (; *s; s++) {
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: rep = NULL; break;
		}
		m = rep ? strlen(rep) : 1;
		if (out)
			memcpy(out + k, rep ? rep : s, m);
		k += m;
	}
	return k;
}

/* The program detail a "<!--#program KEY-->" at p names (NULL: not one),
 * and the end of the marker. */
static const char *
program_marker(const char *p, const char *stop, const struct program *prog,
    const char **end)
{
	static const char *const keys[] = { "name", "tagline" };
	size_t ol = strlen(PROGRAM_OPEN), cl = strlen(PART_CLOSE), i, kl;

	if ((size_t)(stop - p) < ol || memcmp(p, PROGRAM_OPEN, ol) != 0)
		return NULL;
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		kl = strlen(keys[i]);
		if ((size_t)(stop - p) >= ol + kl + cl && memcmp(p + ol, keys[i], kl) == 0 &&
		    memcmp(p + ol + kl, PART_CLOSE, cl) == 0) {
			*end = p + ol + kl + cl;
			return i == 0 ? prog->name : prog->tagline;
		}
	}
	return NULL;
}

/* Puts the program's details in place of their markers (two passes: count,
 * then write into the request's arena). */
static bool
fill_program(struct req *r, const char **data, size_t *len, bool *persistent)
{
	struct program prog;
	struct error e;
	const char *s = *data, *stop = s + *len, *p, *v, *end;
	size_t total = 0, k;
	char *out;
	int pass;

	for (p = s; p < stop && !(*p == '<' && (size_t)(stop - p) >= strlen(PROGRAM_OPEN) &&
	    memcmp(p, PROGRAM_OPEN, strlen(PROGRAM_OPEN)) == 0); p++)
		;
	if (p == stop)
		return true;	/* no marker: the page as it is */
	error_clear(&e);
	if (store_program_get(r->app->store, r->arena, &prog, &e) != ERR_OK) {
		prog.name = PROGRAM_DEFAULT_NAME;
		prog.tagline = "";
	}
	if (prog.name == NULL || *prog.name == '\0')
		prog.name = PROGRAM_DEFAULT_NAME;
	if (prog.tagline == NULL)
		prog.tagline = "";
	out = NULL;
	for (pass = 0; pass < 2; pass++) {
		k = 0;
		for (p = s; p < stop;) {
			if (*p == '<' && (v = program_marker(p, stop, &prog, &end)) != NULL) {
				k += put_escaped(out ? out + k : NULL, v);
				p = end;
				continue;
			}
			if (out)
				out[k] = *p;
			k++;
			p++;
		}
		if (pass == 0) {
			total = k;
			if ((out = arena_alloc(r->arena, total + 1)) == NULL)
				return false;
		}
	}
	*data = out;
	*len = total;
	*persistent = false;
	return true;
}

bool
assets_serve(struct req *r)
{
	const char *url = r->url;
	const char *data;
	char rel[512];
	size_t len, rl;
	bool persistent;

	if (!safe_path(url) || strncmp(url, "/_", 2) == 0)
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

	if (!load(r, rel, &data, &len, &persistent))
		return false;
	rl = strlen(rel);
	if (strncmp(rel, "public/", 7) == 0 && rl > 5 && strcmp(rel + rl - 5, ".html") == 0 &&
	    (!expand(r, rel, &data, &len, &persistent) ||
	    !fill_program(r, &data, &len, &persistent)))
		return false;
	r->status = 200;
	if (r->resp_heap)
		free(r->resp);
	r->resp_heap = false;
	r->resp = (char *)data;
	r->resp_len = len;
	r->resp_persistent = persistent;
	r->ctype = type_of(rel);
	r->answered = true;
	return true;
}

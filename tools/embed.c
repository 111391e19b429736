/*
 * embed.c — a build-time tool: turns SQL files and the web app into C.
 *
 *   iop_embed sql OUTBASE queries/a.sql ... -- schema/0001_x.sql ...
 *       writes OUTBASE.h (enum sql_query with one Q_<name> per
 *       "-- name: <name>" block of the query files) and OUTBASE.c (the
 *       texts, with each {{fragment}} put in from its "-- fragment: <name>"
 *       block, and the migrations in the order given).
 *   iop_embed web OUT.c WEBROOT file...
 *       writes OUT.c with one entry per file: its path under WEBROOT and
 *       its bytes.
 *
 * It runs only at build time, on our own files; it exits non-zero on any
 * read or write failure so a broken build is loud.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			p = realloc(p, cap);
			if (p == NULL)
				exit(1);
		}
		r = fread(p + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		perror(path);
		exit(1);
	}
	fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
}

static void
put_cstring(FILE *o, const char *s, size_t n)
{
	size_t i;

	fputc('"', o);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			fputs("\\n\"\n\t\"", o);
		} else if (c == '"' || c == '\\') {
			fprintf(o, "\\%c", c);
		} else if (c < 32 || c >= 127) {
			fprintf(o, "\\%03o", c);
		} else {
			fputc(c, o);
		}
	}
	fputc('"', o);
}

static FILE *
open_out(const char *path)
{
	FILE *o = fopen(path, "w");

	if (o == NULL) {
		perror(path);
		exit(1);
	}
	return o;
}

static void
close_out(FILE *o, const char *path)
{
	if (ferror(o) || fclose(o) != 0) {
		perror(path);
		exit(1);
	}
}

/* A growing string, for a query with its fragments put in. */
struct sbuf {
	char *p;
	size_t n, cap;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (b->p == NULL)
			exit(1);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

#define MAXQ 512

struct block {
	char *name;
	char *body;
	int fragment;
};

/*
 * Split one file into blocks on lines "-- name: NAME" (a query) and
 * "-- fragment: NAME" (text that queries use as {{NAME}}); each body runs to
 * the next marker.  Text before the first marker is the file's commentary.
 */
static size_t
split_blocks(char *q, struct block *bl, size_t nb)
{
	char *line, *next, *nm, *end;
	int frag;

	for (line = q; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			next++;
		if (strncmp(line, "-- name:", 8) == 0)
			frag = 0;
		else if (strncmp(line, "-- fragment:", 12) == 0)
			frag = 1;
		else
			continue;
		if (next == NULL || nb == MAXQ) {
			fputs("bad or too many queries\n", stderr);
			exit(1);
		}
		if (line > q)
			line[-1] = '\0';	/* ends the previous body */
		nm = line + (frag ? 12 : 8);
		while (*nm == ' ')
			nm++;
		end = nm;
		while (*end && (isalnum((unsigned char)*end) || *end == '_'))
			end++;
		*end = '\0';
		bl[nb].name = nm;
		bl[nb].body = next;
		bl[nb].fragment = frag;
		nb++;
	}
	return nb;
}

/* The body with every {{NAME}} replaced by that fragment's text. */
static char *
expand(const char *body, const struct block *bl, size_t nb)
{
	struct sbuf b = { NULL, 0, 0 };
	const char *p = body, *o, *c;
	size_t i;

	sb_add(&b, "", 0);
	while ((o = strstr(p, "{{")) != NULL) {
		sb_add(&b, p, (size_t)(o - p));
		c = strstr(o, "}}");
		if (c == NULL)
			break;
		for (i = 0; i < nb; i++)
			if (bl[i].fragment && strlen(bl[i].name) == (size_t)(c - o - 2) &&
			    strncmp(bl[i].name, o + 2, (size_t)(c - o - 2)) == 0)
				break;
		if (i == nb) {
			fprintf(stderr, "unknown fragment %.*s\n", (int)(c - o - 2), o + 2);
			exit(1);
		}
		sb_add(&b, bl[i].body, strlen(bl[i].body));
		while (b.n > 0 && b.p[b.n - 1] == '\n')
			b.p[--b.n] = '\0';
		p = c + 2;
	}
	sb_add(&b, p, strlen(p));
	return b.p;
}

/*
 * iop_embed sql OUTBASE QUERIES.sql... -- MIGRATION.sql...
 * The query files are read in the order given; the migrations keep theirs.
 */
static int
do_sql(int argc, char **argv)
{
	char hpath[4096], cpath[4096];
	size_t len, i, nb = 0;
	FILE *h, *c;
	static struct block bl[MAXQ];
	int k, sep = -1;

	if (argc < 4)
		return 2;
	for (k = 3; k < argc; k++)
		if (strcmp(argv[k], "--") == 0)
			sep = k;
	if (sep < 0)
		return 2;
	snprintf(hpath, sizeof hpath, "%s.h", argv[2]);
	snprintf(cpath, sizeof cpath, "%s.c", argv[2]);
	for (k = 3; k < sep; k++)
		nb = split_blocks(slurp(argv[k], &len), bl, nb);
	/* A name defined twice: a query would not compile, but a fragment
	 * would silently expand to its first definition. */
	for (i = 0; i < nb; i++) {
		size_t j;

		for (j = i + 1; j < nb; j++)
			if (bl[i].fragment == bl[j].fragment &&
			    strcmp(bl[i].name, bl[j].name) == 0) {
				fprintf(stderr, "%s %s is defined twice\n",
				    bl[i].fragment ? "fragment" : "query", bl[i].name);
				exit(1);
			}
	}

	h = open_out(hpath);
	fputs("/* Generated by tools/embed.c from sql/ — do not edit. */\n"
	    "#ifndef IOP_SQL_GEN_H\n#define IOP_SQL_GEN_H\n#include <stddef.h>\n"
	    "enum sql_query {\n", h);
	for (i = 0; i < nb; i++)
		if (!bl[i].fragment)
			fprintf(h, "\tQ_%s,\n", bl[i].name);
	fputs("\tQ__MAX\n};\n"
	    "extern const char *const sql_query_text[Q__MAX];\n"
	    "extern const char *const sql_query_name[Q__MAX];\n"
	    "extern const char *const sql_migration_text[];\n"
	    "extern const char *const sql_migration_name[];\n"
	    "extern const size_t sql_migration_count;\n#endif\n", h);
	close_out(h, hpath);

	c = open_out(cpath);
	fputs("/* Generated by tools/embed.c from sql/ — do not edit. */\n"
	    "#include \"sql_gen.h\"\n"
	    "const char *const sql_query_text[Q__MAX] = {\n", c);
	for (i = 0; i < nb; i++) {
		char *t;

		if (bl[i].fragment)
			continue;
		t = expand(bl[i].body, bl, nb);
		fprintf(c, "\t[Q_%s] = ", bl[i].name);
		put_cstring(c, t, strlen(t));
		fputs(",\n", c);
		free(t);
	}
	fputs("};\nconst char *const sql_query_name[Q__MAX] = {\n", c);
	for (i = 0; i < nb; i++)
		if (!bl[i].fragment)
			fprintf(c, "\t[Q_%s] = \"%s\",\n", bl[i].name, bl[i].name);
	fputs("};\nconst char *const sql_migration_text[] = {\n", c);
	for (k = sep + 1; k < argc; k++) {
		char *m = slurp(argv[k], &len);
		fputc('\t', c);
		put_cstring(c, m, len);
		fputs(",\n", c);
		free(m);
	}
	fputs("\tNULL\n};\nconst char *const sql_migration_name[] = {\n", c);
	for (k = sep + 1; k < argc; k++) {
		const char *base = strrchr(argv[k], '/');
		fprintf(c, "\t\"%s\",\n", base ? base + 1 : argv[k]);
	}
	fprintf(c, "\tNULL\n};\nconst size_t sql_migration_count = %d;\n", argc - sep - 1);
	close_out(c, cpath);
	return 0;
}

static int
do_web(int argc, char **argv)
{
	size_t rootlen, len, i, j;
	FILE *o;
	int k;

	if (argc < 4)
		return 2;
	rootlen = strlen(argv[3]);
	o = open_out(argv[2]);
	fputs("/* Generated by tools/embed.c from web/ — do not edit. */\n"
	    "#include <stddef.h>\n#include \"http/assets.h\"\n", o);
	for (k = 4; k < argc; k++) {
		unsigned char *d = (unsigned char *)slurp(argv[k], &len);
		fprintf(o, "static const unsigned char asset_%d[] = {", k);
		for (j = 0; j < len; j++)
			fprintf(o, "%s%u,", j % 24 ? "" : "\n", d[j]);
		fputs("0};\n", o);
		free(d);
	}
	fputs("const struct asset assets[] = {\n", o);
	for (k = 4; k < argc; k++) {
		const char *rel = argv[k];
		FILE *f;
		if (strncmp(rel, argv[3], rootlen) == 0)
			rel += rootlen;
		while (*rel == '/')
			rel++;
		f = fopen(argv[k], "rb");
		if (f == NULL)
			return 1;
		fseek(f, 0, SEEK_END);
		len = (size_t)ftell(f);
		fclose(f);
		fputs("\t{ \"", o);
		for (i = 0; rel[i]; i++)
			if (rel[i] != '"' && rel[i] != '\\')
				fputc(rel[i], o);
		fprintf(o, "\", asset_%d, %zu },\n", k, len);
	}
	fputs("\t{ NULL, NULL, 0 }\n};\n", o);
	close_out(o, argv[2]);
	return 0;
}

int
main(int argc, char **argv)
{
	int rc = 2;

	if (argc >= 2 && strcmp(argv[1], "sql") == 0)
		rc = do_sql(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "web") == 0)
		rc = do_web(argc, argv);
	if (rc == 2)
		fputs("usage: iop_embed sql OUTBASE query.sql... -- schema.sql...\n"
		    "       iop_embed web OUT.c WEBROOT file...\n", stderr);
	return rc;
}

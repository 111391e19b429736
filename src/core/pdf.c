/*
 * pdf.c — a minimal PDF 1.4 writer for lines of text (see pdf.h).
 */
#include <string.h>

#include "core/pdf.h"
#include "lib/buf.h"

#define WRAP 92		/* characters a 10 pt Helvetica line holds in 504 pt, roughly */
#define PER_PAGE 52	/* lines a page holds: (792 - 2 * 54) / 13 */
#define MAX_PAGES 400

/* The next character of UTF-8 s as ASCII (typographic quotes and dashes
 * made plain, anything else "?"); *s moves past it. */
static char
ascii_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	unsigned c = p[0];
	size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;

	for (size_t i = 1; i < n; i++)
		if (p[i] == 0 || (p[i] & 0xC0) != 0x80) {
			n = i;
			break;
		}
	*s += n;
	if (n == 1)
		return c < 0x80 && c >= 0x20 ? (char)c : c == '\t' ? ' ' : '?';
	if (n == 3 && p[0] == 0xE2 && p[1] == 0x80) {
		if (p[2] == 0x98 || p[2] == 0x99)
			return '\'';
		if (p[2] == 0x9C || p[2] == 0x9D)
			return '"';
		if (p[2] == 0x93 || p[2] == 0x94)
			return '-';
	}
	return '?';
}

/* Lines of at most WRAP characters, broken at spaces where possible. */
struct wrapped {
	char (*l)[WRAP + 1];
	bool *bold;
	size_t n, cap;
	struct arena *a;
	bool failed;
};

static void
push(struct wrapped *w, const char *s, size_t len, bool bold)
{
	if (w->failed)
		return;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		char (*l)[WRAP + 1] = arena_alloc(w->a, cap * sizeof *l);
		bool *b = arena_alloc(w->a, cap * sizeof *b);
		if (l == NULL || b == NULL || cap > (size_t)PER_PAGE * MAX_PAGES) {
			w->failed = true;
			return;
		}
		if (w->n) {
			memcpy(l, w->l, w->n * sizeof *l);
			memcpy(b, w->bold, w->n * sizeof *b);
		}
		w->l = l;
		w->bold = b;
		w->cap = cap;
	}
	memcpy(w->l[w->n], s, len);
	w->l[w->n][len] = '\0';
	w->bold[w->n++] = bold;
}

static void
wrap(struct wrapped *w, const char *text, bool bold)
{
	char line[WRAP + 1];
	size_t n = 0, last_space = 0;

	if (*text == '\0') {
		push(w, "", 0, false);
		return;
	}
	while (*text) {
		char c = ascii_next(&text);
		line[n++] = c;
		if (c == ' ')
			last_space = n;
		if (n == WRAP) {
			size_t cut = last_space > WRAP / 2 ? last_space : WRAP;
			push(w, line, cut > 0 && line[cut - 1] == ' ' ? cut - 1 : cut, bold);
			memmove(line, line + cut, n - cut);
			n -= cut;
			last_space = 0;
			for (size_t i = 0; i < n; i++)
				if (line[i] == ' ')
					last_space = i + 1;
		}
	}
	if (n > 0)
		push(w, line, n, bold);
}

/* s as a PDF literal string's content: ( ) and \ escaped. */
static void
literal(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '(' || *s == ')' || *s == '\\')
			buf_printf(b, "\\%c", *s);
		else
			buf_append(b, s, 1);
	}
}

char *
pdf_text(const char *title, const struct pdf_line *lines, size_t n, struct arena *a)
{
	struct wrapped w = { .a = a };
	struct buf b, page;
	size_t pages, obj, *off;
	char *out;

	for (size_t i = 0; i < n; i++)
		wrap(&w, lines[i].text ? lines[i].text : "", lines[i].bold);
	if (w.failed)
		return NULL;
	pages = w.n == 0 ? 1 : (w.n + PER_PAGE - 1) / PER_PAGE;
	/* Objects: 1 catalog, 2 pages, 3 and 4 the fonts, 5 the information,
	 * then a page and its content per page. */
	obj = 5 + 2 * pages;
	if ((off = arena_alloc(a, (obj + 1) * sizeof *off)) == NULL)
		return NULL;
	buf_init(&b, 0);
	buf_puts(&b, "%PDF-1.4\n");
	off[1] = b.len;
	buf_puts(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = b.len;
	buf_puts(&b, "2 0 obj\n<< /Type /Pages /Kids [");
	for (size_t p = 0; p < pages; p++)
		buf_printf(&b, " %zu 0 R", 6 + 2 * p);
	buf_printf(&b, " ] /Count %zu >>\nendobj\n", pages);
	off[3] = b.len;
	buf_puts(&b, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	    "/Encoding /WinAnsiEncoding >>\nendobj\n");
	off[4] = b.len;
	buf_puts(&b, "4 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
	    "/Encoding /WinAnsiEncoding >>\nendobj\n");
	off[5] = b.len;
	buf_puts(&b, "5 0 obj\n<< /Title (");
	for (const char *t = title; *t;) {
		char c = ascii_next(&t), s[2] = { c, 0 };
		literal(&b, s);
	}
	buf_puts(&b, ") /Producer (openiop) >>\nendobj\n");
	for (size_t p = 0; p < pages; p++) {
		size_t first = p * PER_PAGE, last = first + PER_PAGE < w.n ? first + PER_PAGE : w.n;
		buf_init(&page, 0);
		buf_puts(&page, "BT\n13 TL\n54 738 Td\n");
		for (size_t i = first; i < last; i++) {
			buf_printf(&page, "/F%d 10 Tf\n(", w.bold[i] ? 2 : 1);
			literal(&page, w.l[i]);
			buf_puts(&page, ") Tj T*\n");
		}
		buf_printf(&page, "/F1 8 Tf\n0 -%d Td\n(Page %zu of %zu) Tj\nET\n",
		    (int)(13 * (PER_PAGE - (last - first)) + 4), p + 1, pages);
		off[6 + 2 * p] = b.len;
		buf_printf(&b, "%zu 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
		    "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %zu 0 R >>\n"
		    "endobj\n", 6 + 2 * p, 7 + 2 * p);
		off[7 + 2 * p] = b.len;
		buf_printf(&b, "%zu 0 obj\n<< /Length %zu >>\nstream\n", 7 + 2 * p,
		    page.failed ? (size_t)0 : page.len);
		if (page.failed)
			b.failed = true;
		else
			buf_append(&b, page.data, page.len);
		buf_puts(&b, "\nendstream\nendobj\n");
		buf_free(&page);
	}
	{
		size_t xref = b.len;
		buf_printf(&b, "xref\n0 %zu\n0000000000 65535 f \n", obj + 1);
		for (size_t i = 1; i <= obj; i++)
			buf_printf(&b, "%010zu 00000 n \n", off[i]);
		buf_printf(&b, "trailer\n<< /Size %zu /Root 1 0 R /Info 5 0 R >>\nstartxref\n%zu\n"
		    "%%%%EOF\n", obj + 1, xref);
	}
	out = b.failed ? NULL : arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

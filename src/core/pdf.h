/*
 * pdf.h — a minimal PDF writer: lines of text, Helvetica 10 pt, on US
 * Letter pages, long lines wrapped at word boundaries.  Enough for a
 * released document that must print as it was released; no images, no
 * compression.  The output is plain ASCII (characters outside it become
 * their nearest ASCII, else "?"), so it can be kept as text.  No I/O.
 */
#ifndef IOP_PDF_H
#define IOP_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/arena.h"

/* One line to set: bold for a heading; a blank line when text is "". */
struct pdf_line {
	const char *text;
	bool bold;
};

/* The PDF file of the lines, titled title (the document information), in
 * the arena; NULL when it is full. */
char *pdf_text(const char *title, const struct pdf_line *lines, size_t n, struct arena *a);

#endif

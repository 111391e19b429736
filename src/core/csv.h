/*
 * csv.h — cells of a CSV file (RFC 4180) that a spreadsheet opens safely.
 */
#ifndef IOP_CSV_H
#define IOP_CSV_H

#include <stdbool.h>

#include "lib/buf.h"

/*
 * Append one cell: always quoted, a quote doubled; a cell a spreadsheet
 * would read as a formula (it starts with = + - @, a tab or a carriage
 * return) gets a leading apostrophe, so opening the file runs nothing.
 * last ends the row ("\r\n"), otherwise a comma follows.
 */
void csv_cell(struct buf *b, const char *s, bool last);

#endif

/* table.h - tables of text cells rendered as aligned text, Markdown, TSV or CSV.
 *
 * A table owns copies of its cells.  Text output pads by display width
 * (width.h) so columns of Chinese names line up; columns marked numeric are
 * right-aligned.  TSV replaces tab/newline in cells with a space; CSV
 * follows RFC 4180 (CRLF line ends, fields with , " CR LF quoted, quotes
 * doubled) and is meant for spreadsheets: a cell that would be taken for a
 * formula is written with a leading ' (jf_csv_formula).  All start with a
 * header row.
 */
#ifndef JF_TABLE_H
#define JF_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "format.h"

enum jf_align { JF_LEFT, JF_RIGHT };

struct jf_table;

/* A new table with ncols columns; free with jf_table_free(). */
struct jf_table *jf_table_new(size_t ncols);
void jf_table_free(struct jf_table *t);
/* Set column i's header and alignment. */
void jf_table_column(struct jf_table *t, size_t i, const char *header, enum jf_align align);
/* Start a new row; then set its cells with jf_table_cell (unset cells are ""). */
void jf_table_row(struct jf_table *t);
/* Set cell i of the current row to a copy of s. */
void jf_table_cell(struct jf_table *t, size_t i, const char *s);
/* printf-style jf_table_cell. */
void jf_table_cellf(struct jf_table *t, size_t i, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Mark the current row as a total: bold in Markdown. */
void jf_table_strong(struct jf_table *t);
size_t jf_table_rows(const struct jf_table *t);
/* Append the table to out: aligned text (columns separated by two spaces,
 * no trailing spaces, header row then rows), TSV or CSV. */
void jf_table_text(const struct jf_table *t, struct jf_buf *out);
void jf_table_tsv(const struct jf_table *t, struct jf_buf *out);
void jf_table_csv(const struct jf_table *t, struct jf_buf *out);
/* A Markdown (GFM) table: header, alignment row, rows; cells escaped. */
void jf_table_markdown(const struct jf_table *t, struct jf_buf *out);
/* Append s with Markdown's inline markup escaped, control characters as
 * spaces. */
void jf_md_escape(struct jf_buf *out, const char *s);

/* Would a spreadsheet take s for a formula?  It begins with =, +, -, @,
 * TAB, CR or LF and is not a number [+-]?[0-9]+(\.[0-9]+)? (SPEC 4.1). */
bool jf_csv_formula(const char *s);
/* Append s to out as one CSV field: quoted when needed, and with a leading
 * ' when jf_csv_formula(s) (inside the quotes when quoted). */
void jf_csv_field(struct jf_buf *out, const char *s);

/* t as format fmt: TSV, CSV, else aligned text. */
void jf_table_write(const struct jf_table *t, enum jf_format fmt, struct jf_buf *out);

#endif

/* sheet.h - a spreadsheet's rows: CSV (RFC 4180) or TSV, UTF-8 or GB18030.
 *
 * The village office keeps its lists in WPS or Excel and saves them as CSV:
 * UTF-8 with or without a BOM ("CSV UTF-8"), or GB18030 on a Chinese PC
 * (plain "CSV"), CRLF line ends, cells holding commas, quotes or line
 * breaks quoted.  jf_sheet_parse() reads such bytes strictly: the first
 * record is the header, every other record has as many cells as the
 * header (a record of empty cells only, as a spreadsheet writes for an
 * empty row, is kept but marked blank), and every cell is decoded to UTF-8.
 * A sheet it cannot take is refused whole, each problem named
 * "FILE:ROW:" (ROW counts records, the header being 1; a quoted line
 * break does not start a record).  Limits: JF_SHEET_MAX_ROWS records
 * after the header, JF_SHEET_MAX_CELL bytes a cell (decoded), and
 * JF_SHEET_MAX_BYTES bytes in all.
 *
 * The sheet's id is the first 16 hex digits of the SHA-256 of its bytes as
 * read (BOM included): entries imported from it record it as `sheet:`.
 */
#ifndef JF_SHEET_H
#define JF_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

#define JF_SHEET_MAX_ROWS 10000
#define JF_SHEET_MAX_CELL 4096
#define JF_SHEET_MAX_BYTES (64u << 20)
#define JF_SHEET_MAX_COLS 64
#define JF_SHEET_ID_LEN 16

enum jf_sheet_enc { JF_SHEET_UTF8, JF_SHEET_GB18030 };

struct jf_sheet {
	char *name;             /* FILE in messages ("-" reads as "stdin") */
	size_t ncols;           /* cells a record has: those of the header */
	size_t nrows;           /* records, the header included (ROW = index + 1) */
	char **cell;            /* nrows * ncols decoded cells, row-major */
	bool *blank;            /* per record: every cell empty */
	char id[JF_SHEET_ID_LEN + 1];
	char *store;            /* the cells' bytes */
};

/* Parse len bytes read from name.  sep is ',' or '\t'.  JF_OK with *s
 * filled, or JF_USAGE with every problem found in d (then *s is empty).
 * Release *s in every case. */
enum jf_status jf_sheet_parse(struct jf_sheet *s, const char *name, const char *p,
			      size_t len, char sep, enum jf_sheet_enc enc, struct jf_diags *d);
/* Read the file path ("-": standard input) and parse it: TSV when the name
 * ends in ".tsv" (any case), else CSV.  JF_SYSTEM when it cannot be read. */
enum jf_status jf_sheet_read(struct jf_sheet *s, const char *path, enum jf_sheet_enc enc,
			     struct jf_diags *d);
void jf_sheet_release(struct jf_sheet *s);

/* The cell of record row (0 = header) in column col; "" when col < 0. */
const char *jf_sheet_cell(const struct jf_sheet *s, size_t row, int col);

/* A column a reader knows: its names, "household|户号" (matched after
 * trimming spaces, ASCII case ignored), and whether it must be there. */
struct jf_sheet_col {
	const char *names;
	bool required;
};

/* Map the header to cols[0..n): map[i] is the sheet's column of cols[i],
 * or -1 when absent.  A missing required column, a column named twice, or
 * a header cell that names no column of cols is refused (JF_USAGE,
 * "FILE:1: ...").  A column with an empty header is allowed only when
 * every cell in it is empty. */
enum jf_status jf_sheet_columns(const struct jf_sheet *s, const struct jf_sheet_col *cols,
				size_t n, int *map, struct jf_diags *d);

/* An encoding's name as the user gives it ("utf-8", "gb18030"...), or -1. */
int jf_sheet_enc_parse(const char *s);

#endif

/* table.c - tables of text cells rendered as aligned text, TSV or CSV.
 *
 * Calls with a column index out of range are ignored, and jf_table_cell()
 * before the first jf_table_row() starts a row, so a caller's slip never
 * writes out of bounds.  In aligned text every ASCII or C1 control
 * character in a cell (tab, newline, ESC, ...) is shown as a space so that
 * a multi-line note cannot break the layout or drive the terminal.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "table.h"
#include "width.h"

struct jf_table {
	size_t ncols;
	char **headers;          /* ncols entries, NULL for "" */
	enum jf_align *align;    /* ncols entries */
	char ***rows;            /* nrows rows of ncols cells, NULL for "" */
	bool *strong;            /* per row: bold in Markdown */
	size_t nrows, caprows;
};

struct jf_table *jf_table_new(size_t ncols)
{
	struct jf_table *t = jf_calloc(1, sizeof *t);

	t->ncols = ncols;
	t->headers = jf_calloc(ncols, sizeof *t->headers);
	t->align = jf_calloc(ncols, sizeof *t->align);
	for (size_t i = 0; i < ncols; i++)
		t->align[i] = JF_LEFT;
	return t;
}

void jf_table_free(struct jf_table *t)
{
	size_t r, i;

	if (!t)
		return;
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++)
			free(t->rows[r][i]);
		free(t->rows[r]);
	}
	for (i = 0; i < t->ncols; i++)
		free(t->headers[i]);
	free(t->rows);
	free(t->strong);
	free(t->headers);
	free(t->align);
	free(t);
}

void jf_table_column(struct jf_table *t, size_t i, const char *header, enum jf_align align)
{
	if (i >= t->ncols)
		return;
	free(t->headers[i]);
	t->headers[i] = header ? jf_strdup(header) : NULL;
	t->align[i] = align;
}

void jf_table_row(struct jf_table *t)
{
	if (t->nrows == t->caprows) {
		size_t cap = t->caprows ? t->caprows : 16;
		if (t->caprows) {
			if (cap > SIZE_MAX / 2)
				jf_oom();
			cap *= 2;
		}
		t->rows = jf_reallocarray(t->rows, cap, sizeof *t->rows);
		t->strong = jf_reallocarray(t->strong, cap, sizeof *t->strong);
		t->caprows = cap;
	}
	t->strong[t->nrows] = false;
	t->rows[t->nrows++] = jf_calloc(t->ncols, sizeof **t->rows);
}

void jf_table_strong(struct jf_table *t)
{
	if (t->nrows)
		t->strong[t->nrows - 1] = true;
}

/* Store s (which the table now owns) as cell i of the current row. */
static void set_cell(struct jf_table *t, size_t i, char *s)
{
	char **cell;

	if (i >= t->ncols) {
		free(s);
		return;
	}
	if (t->nrows == 0)
		jf_table_row(t);
	cell = &t->rows[t->nrows - 1][i];
	free(*cell);
	*cell = s;
}

void jf_table_cell(struct jf_table *t, size_t i, const char *s)
{
	if (i >= t->ncols)
		return;
	set_cell(t, i, jf_strdup(s ? s : ""));
}

void jf_table_cellf(struct jf_table *t, size_t i, const char *fmt, ...)
{
	struct jf_buf b = JF_BUF_INIT;
	va_list ap;

	if (i >= t->ncols)
		return;
	va_start(ap, fmt);
	jf_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	set_cell(t, i, jf_buf_detach(&b));
}

size_t jf_table_rows(const struct jf_table *t)
{
	return t->nrows;
}

/* Cell i of row r (r == SIZE_MAX is the header row), never NULL. */
static const char *cell_at(const struct jf_table *t, size_t r, size_t i)
{
	const char *s = r == SIZE_MAX ? t->headers[i] : t->rows[r][i];
	return s ? s : "";
}

/* Append s to out with control characters replaced by spaces. */
static void text_put(struct jf_buf *out, const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;

	while (i < n) {
		size_t k = jf_utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			jf_buf_addc(out, s[i++]); /* invalid bytes go through */
		else if (jf_cp_control(cp))
			jf_buf_addc(out, ' ');
		else
			jf_buf_add(out, s + i, k);
		i += k;
	}
}

/* Append n spaces to out. */
static void pad(struct jf_buf *out, size_t n)
{
	jf_buf_grow(out, n);
	while (n--)
		jf_buf_addc(out, ' ');
}

/* Append row r (SIZE_MAX: the header) as one aligned line. */
static void text_line(const struct jf_table *t, size_t r, const size_t *widths,
		      struct jf_buf *out)
{
	size_t start = out->len;

	for (size_t i = 0; i < t->ncols; i++) {
		const char *s = cell_at(t, r, i);
		size_t w = jf_width_shown(s);
		size_t gap = widths[i] > w ? widths[i] - w : 0;

		if (i > 0)
			jf_buf_adds(out, "  ");
		if (t->align[i] == JF_RIGHT)
			pad(out, gap);
		text_put(out, s);
		if (t->align[i] == JF_LEFT)
			pad(out, gap);
	}
	/* Empty or blank trailing cells would leave spaces at the end. */
	while (out->len > start && out->s[out->len - 1] == ' ')
		jf_buf_setlen(out, out->len - 1);
	jf_buf_addc(out, '\n');
}

void jf_table_text(const struct jf_table *t, struct jf_buf *out)
{
	size_t *widths = jf_calloc(t->ncols, sizeof *widths);
	size_t r, i;

	for (i = 0; i < t->ncols; i++) {
		widths[i] = jf_width_shown(cell_at(t, SIZE_MAX, i));
		for (r = 0; r < t->nrows; r++) {
			size_t w = jf_width_shown(cell_at(t, r, i));
			if (w > widths[i])
				widths[i] = w;
		}
	}
	text_line(t, SIZE_MAX, widths, out);
	for (r = 0; r < t->nrows; r++)
		text_line(t, r, widths, out);
	free(widths);
}

/* Append s as a TSV field: tab, LF and CR become spaces. */
static void tsv_field(struct jf_buf *out, const char *s)
{
	size_t n;

	while (*s) {
		n = strcspn(s, "\t\n\r");
		jf_buf_add(out, s, n);
		s += n;
		if (*s) {
			jf_buf_addc(out, ' ');
			s++;
		}
	}
}

/* Append row r (SIZE_MAX: the header) as one TSV line. */
static void tsv_line(const struct jf_table *t, size_t r, struct jf_buf *out)
{
	for (size_t i = 0; i < t->ncols; i++) {
		if (i > 0)
			jf_buf_addc(out, '\t');
		tsv_field(out, cell_at(t, r, i));
	}
	jf_buf_addc(out, '\n');
}

void jf_table_tsv(const struct jf_table *t, struct jf_buf *out)
{
	tsv_line(t, SIZE_MAX, out);
	for (size_t r = 0; r < t->nrows; r++)
		tsv_line(t, r, out);
}

/* A Markdown table cell: | and other inline markup escaped with a
 * backslash, line breaks and control characters as spaces. */
static void md_escape(struct jf_buf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (strchr("\\|*_`<>[]~&#!", *p))
			jf_buf_addc(out, '\\');
		if (*p < 0x20 || *p == 0x7f)
			jf_buf_addc(out, ' ');
		else
			jf_buf_addc(out, (char)*p);
	}
}

void jf_md_escape(struct jf_buf *out, const char *s)
{
	md_escape(out, s);
}

void jf_table_markdown(const struct jf_table *t, struct jf_buf *out)
{
	jf_buf_adds(out, "|");
	for (size_t i = 0; i < t->ncols; i++) {
		jf_buf_addc(out, ' ');
		md_escape(out, cell_at(t, SIZE_MAX, i));
		jf_buf_adds(out, " |");
	}
	jf_buf_adds(out, "\n|");
	for (size_t i = 0; i < t->ncols; i++)
		jf_buf_adds(out, t->align[i] == JF_RIGHT ? " ---: |" : " --- |");
	jf_buf_addc(out, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		jf_buf_adds(out, "|");
		for (size_t i = 0; i < t->ncols; i++) {
			const char *s = cell_at(t, r, i);
			bool b = t->strong[r] && *s;
			jf_buf_adds(out, b ? " **" : " ");
			md_escape(out, s);
			jf_buf_adds(out, b ? "** |" : " |");
		}
		jf_buf_addc(out, '\n');
	}
}

bool jf_csv_formula(const char *s)
{
	const char *p = s;
	if (!strchr("=+-@\t\r\n", *s) || !*s)
		return false;
	/* a number [+-]?[0-9]+(\.[0-9]+)? is not a formula */
	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return true;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return true;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p != '\0';
}

void jf_csv_field(struct jf_buf *out, const char *s)
{
	bool formula = jf_csv_formula(s);
	if (!s[strcspn(s, ",\"\r\n")]) {
		if (formula)
			jf_buf_addc(out, '\'');
		jf_buf_adds(out, s);
		return;
	}
	jf_buf_addc(out, '"');
	if (formula)
		jf_buf_addc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			jf_buf_addc(out, '"');
		jf_buf_addc(out, *s);
	}
	jf_buf_addc(out, '"');
}

/* Append row r (SIZE_MAX: the header) as one CSV record. */
static void csv_line(const struct jf_table *t, size_t r, struct jf_buf *out)
{
	for (size_t i = 0; i < t->ncols; i++) {
		const char *s = cell_at(t, r, i);
		if (i > 0)
			jf_buf_addc(out, ',');
		/* A lone empty field would make a blank line; quote it. */
		if (t->ncols == 1 && !*s)
			jf_buf_adds(out, "\"\"");
		else
			jf_csv_field(out, s);
	}
	jf_buf_adds(out, "\r\n");
}

void jf_table_csv(const struct jf_table *t, struct jf_buf *out)
{
	csv_line(t, SIZE_MAX, out);
	for (size_t r = 0; r < t->nrows; r++)
		csv_line(t, r, out);
}

void jf_table_write(const struct jf_table *t, enum jf_format fmt, struct jf_buf *out)
{
	if (fmt == JF_FMT_TSV)
		jf_table_tsv(t, out);
	else if (fmt == JF_FMT_CSV)
		jf_table_csv(t, out);
	else
		jf_table_text(t, out);
}

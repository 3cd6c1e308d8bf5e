/* report_csv.c - a finished report as one CSV (or TSV) table.
 *
 * One record per row of every section, all with the same columns
 * (enum jf_csv_col): from, to, section, then the section's figures where
 * they belong, the rest empty; `expired` in books with expiry: and the
 * notice columns in books with review: only, after the others.  CSV is RFC 4180 with CRLF ends and formula-like text neutralised
 * (jf_csv_field); TSV has LF ends and tab, CR, LF in a cell as spaces,
 * otherwise exact.
 */
#include <stdlib.h>

#include "alloc.h"
#include "report_view.h"
#include "table.h"

struct record {
	struct jf_buf f[JF_NCSV];
	const struct jf_report *r; /* its columns: jf_csv_col_on() (column 0 always) */
	bool tsv;
};

/* A TSV field: tab, CR and LF become spaces. */
static void tsv_field(struct jf_buf *out, const char *s)
{
	for (; *s; s++)
		jf_buf_addc(out, *s == '\t' || *s == '\r' || *s == '\n' ? ' ' : *s);
}

static void end(struct record *rec, struct jf_buf *out)
{
	for (int c = 0; c < JF_NCSV; c++) {
		if (!jf_csv_col_on(rec->r, c))
			continue;
		if (c)
			jf_buf_addc(out, rec->tsv ? '\t' : ',');
		if (rec->tsv)
			tsv_field(out, rec->f[c].s);
		else
			jf_csv_field(out, rec->f[c].s);
		jf_buf_reset(&rec->f[c]);
	}
	jf_buf_adds(out, rec->tsv ? "\n" : "\r\n");
}

/* Cell x of column c into its field(s) of the record. */
static void put(struct record *rec, const struct jf_view *v, size_t i, size_t c)
{
	const struct jf_cell *x = jf_view_at(v, i, c);
	int at = v->cols[c].csv;
	char buf[JF_POINTS_BUFSZ > JF_DATE_BUFSZ ? JF_POINTS_BUFSZ : JF_DATE_BUFSZ];

	if (at == JF_NOCOL || !jf_csv_col_on(rec->r, at))
		return;
	struct jf_buf *f = &rec->f[at];
	switch (x->type) {
	case JF_CELL_POINTS:
		jf_buf_adds(f, jf_points_format(x->n, buf));
		break;
	case JF_CELL_BOOL:
		jf_buf_adds(f, x->n ? "yes" : "no");
		break;
	case JF_CELL_KIND:
		jf_buf_adds(f, jf_kind_name((enum jf_kind)x->n));
		break;
	case JF_CELL_WHAT:
		jf_buf_adds(f, x->s);
		jf_buf_addf(&rec->f[JF_C_QTY], "%lld", (long long)x->n);
		break;
	default:
		jf_view_show(v, i, c, f);
		break;
	}
}

struct sheet {
	struct record rec;
	struct jf_buf *out;
};

static void section(void *ctx, struct jf_view *v)
{
	struct sheet *sh = ctx;
	struct record *rec = &sh->rec;
	char d[JF_DATE_BUFSZ];
	for (size_t i = 0; i < v->nrows; i++) {
		if (v->flags[i] & JF_ROW_TOTAL)
			continue;
		jf_buf_adds(&rec->f[JF_C_FROM], jf_date_format(v->r->o.from, d));
		jf_buf_adds(&rec->f[JF_C_TO], jf_date_format(v->r->o.to, d));
		jf_buf_adds(&rec->f[JF_C_SECTION], v->csv);
		for (size_t c = 0; c < v->ncols; c++)
			put(rec, v, i, c);
		end(rec, sh->out);
	}
	jf_view_release(v);
}

void jf_report_csv(const struct jf_report *r, bool tsv, struct jf_buf *out)
{
	struct sheet sh = { .rec = { .r = r, .tsv = tsv }, .out = out };

	for (int c = 0; c < JF_NCSV; c++)
		jf_buf_init(&sh.rec.f[c]);
	for (int c = 0; c < JF_NCSV; c++) {
		if (!jf_csv_col_on(r, c))
			continue;
		if (c)
			jf_buf_addc(out, tsv ? '\t' : ',');
		jf_buf_adds(out, jf_csv_col_name(c));
	}
	jf_buf_adds(out, tsv ? "\n" : "\r\n");
	jf_view_each(r, section, &sh);
	for (int c = 0; c < JF_NCSV; c++)
		jf_buf_release(&sh.rec.f[c]);
}

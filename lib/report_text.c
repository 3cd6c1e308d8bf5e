/* report_text.c - a finished report as aligned text or Markdown.
 *
 * Each section is a view (report_view.h) put into a jf_table in the order of
 * its table places; text shows the brief review, Markdown the full one.
 */
#include "report_view.h"
#include "table.h"
#include "width.h"

/* The view as a table: a single-row view as figure/value pairs. */
static struct jf_table *table(const struct jf_view *v, bool brief)
{
	const struct jf_report *r = v->r;
	size_t at[JF_VIEW_COLS], n = jf_view_places(v, brief, at);
	struct jf_buf b = JF_BUF_INIT;
	struct jf_table *t;

	if (v->one) {
		t = jf_table_new(2);
		jf_table_column(t, 0, jf_view_label(r, JF_L_FIGURE), JF_LEFT);
		jf_table_column(t, 1, jf_view_label(r, JF_L_VALUE), JF_RIGHT);
		for (size_t p = 0; p < n; p++) {
			jf_table_row(t);
			jf_table_cell(t, 0, jf_view_label(r, v->cols[at[p]].label));
			jf_buf_reset(&b);
			jf_view_show(v, 0, at[p], &b);
			jf_table_cell(t, 1, b.s);
		}
		jf_buf_release(&b);
		return t;
	}
	t = jf_table_new(n);
	for (size_t p = 0; p < n; p++)
		jf_table_column(t, p, jf_view_label(r, v->cols[at[p]].label),
				v->cols[at[p]].flags & JF_COL_NUM ? JF_RIGHT : JF_LEFT);
	for (size_t i = 0; i < v->nrows; i++) {
		jf_table_row(t);
		if (v->flags[i] & JF_ROW_TOTAL)
			jf_table_strong(t);
		for (size_t p = 0; p < n; p++) {
			jf_buf_reset(&b);
			jf_view_show(v, i, at[p], &b);
			jf_table_cell(t, p, b.s);
		}
	}
	jf_buf_release(&b);
	return t;
}

static void section(const struct jf_view *v, bool md, struct jf_buf *out)
{
	const char *h = jf_view_label(v->r, v->title);
	if (md) {
		jf_buf_addf(out, "\n## %s\n\n", h);
	} else {
		jf_buf_addf(out, "\n%s\n", h);
		for (size_t i = jf_width(h); i > 0; i--)
			jf_buf_addc(out, '-');
		jf_buf_addc(out, '\n');
	}
	if (!v->nrows) {
		jf_buf_addf(out, md ? "*%s*\n" : "(%s)\n", jf_view_label(v->r, JF_L_NONE));
		return;
	}
	struct jf_table *t = table(v, !md);
	(md ? jf_table_markdown : jf_table_text)(t, out);
	jf_table_free(t);
}

struct plain {
	bool md;
	struct jf_buf *out;
};

static void show(void *ctx, struct jf_view *v)
{
	struct plain *p = ctx;
	section(v, p->md, p->out);
	jf_view_release(v);
}

void jf_report_text(const struct jf_report *r, bool md, struct jf_buf *out)
{
	if (md) {
		struct jf_buf t = JF_BUF_INIT;
		jf_view_title(r, &t);
		jf_buf_adds(out, "# ");
		jf_md_escape(out, t.s);
		jf_buf_adds(out, "\n\n");
		jf_buf_release(&t);
	} else {
		jf_view_title(r, out);
		jf_buf_addc(out, '\n');
	}
	jf_view_period(r, out);
	jf_buf_addc(out, '\n');

	jf_view_each(r, show, &(struct plain){ md, out });
}

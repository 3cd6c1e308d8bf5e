/* report_html.c - a finished report as printed pages (print.h).
 *
 * An overview page (totals, villages, categories and trend with their
 * charts from svg.c, rules, goods, reviews), then one page per village:
 * its totals, honor roll, goods and stock.  Tables are the views of
 * report_view.h, shown in full.  With opts.notice the village's notice
 * board instead (report_notice.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "print.h"
#include "report_view.h"

/* The view v as a table of the print writer; "none" when it has no rows. */
static void table(struct jf_print *p, const struct jf_view *v)
{
	const struct jf_report *r = v->r;
	size_t at[JF_VIEW_COLS], n = jf_view_places(v, false, at);
	struct jf_print_col cols[JF_VIEW_COLS];
	struct jf_buf b[JF_VIEW_COLS];
	const char *cells[JF_VIEW_COLS];

	if (!v->nrows) {
		jf_print_text(p, "none", jf_view_label(r, JF_L_NONE));
		return;
	}
	if (v->one) {
		/* one row: a figure/value table */
		struct jf_print_col fv[2] = { { jf_view_label(r, JF_L_FIGURE), false },
					      { jf_view_label(r, JF_L_VALUE), true } };
		struct jf_buf val = JF_BUF_INIT;
		jf_print_table(p, v->cls, fv, 2);
		for (size_t i = 0; i < n; i++) {
			jf_buf_reset(&val);
			jf_view_show(v, 0, at[i], &val);
			const char *c2[2] = { jf_view_label(r, v->cols[at[i]].label), val.s };
			jf_print_row(p, NULL, c2);
		}
		jf_buf_release(&val);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		cols[i].head = jf_view_label(r, v->cols[at[i]].label);
		cols[i].num = v->cols[at[i]].flags & JF_COL_NUM;
		jf_buf_init(&b[i]);
	}
	jf_print_table(p, v->cls, cols, n);
	for (size_t row = 0; row < v->nrows; row++) {
		unsigned f = v->flags[row];
		for (size_t i = 0; i < n; i++) {
			jf_buf_reset(&b[i]);
			jf_view_show(v, row, at[i], &b[i]);
			cells[i] = b[i].s;
		}
		jf_print_row(p, f & JF_ROW_TOTAL ? "total" : f & JF_ROW_LOW ? "low" : NULL, cells);
	}
	for (size_t i = 0; i < n; i++)
		jf_buf_release(&b[i]);
}

/* A section: its heading and its table, kept on one sheet when short;
 * the view is released. */
static void section(struct jf_print *p, struct jf_view *v)
{
	jf_print_section(p, v->cls, jf_view_label(v->r, v->title), v->nrows <= 12);
	table(p, v);
	jf_view_release(v);
}

static void page(struct jf_print *p, const struct jf_report *r, int v)
{
	struct jf_buf t = JF_BUF_INIT, per = JF_BUF_INIT;
	if (v >= 0 && r->o.village < 0) {
		/* a village's page of a township report */
		const char *sep = r->book->lang == JF_LANG_ZH ? "" : " ";
		jf_buf_addf(&t, "%s%s%s%s%s", r->book->township, sep, r->book->villages[v].name,
			    sep, jf_view_label(r, JF_L_NOTICE));
	} else {
		jf_view_title(r, &t);
	}
	jf_view_period(r, &per);
	struct jf_print_head h = { t.s, NULL, NULL, per.s };
	jf_print_page(p, v >= 0 ? "village" : "overview", &h);
	jf_buf_release(&t);
	jf_buf_release(&per);
}

static void chart_cat(struct jf_print *p, const struct jf_report *r)
{
	const struct jf_book *b = r->book;
	size_t n = b->ncategories;
	const char **lab = jf_calloc(n + 1, sizeof *lab);
	jf_points *val = jf_calloc(2 * n + 1, sizeof *val);
	struct jf_svg_series ser[2] = { { jf_view_label(r, JF_L_EARNED), "#2e7d32" },
					{ jf_view_label(r, JF_L_DEDUCTED), "#c62828" } };
	for (size_t c = 0; c < n; c++) {
		lab[c] = b->categories[c];
		val[2 * c] = r->cats[c].earned;
		val[2 * c + 1] = r->cats[c].deducted;
	}
	struct jf_svg_chart ch = { jf_view_label(r, JF_L_BY_CATEGORY), n, lab, 2, ser, val };
	jf_print_chart(p, &ch, false);
	free(lab);
	free(val);
}

static void chart_trend(struct jf_print *p, const struct jf_report *r)
{
	char labs[JF_REPORT_WEEKS][8];
	const char *lab[JF_REPORT_WEEKS];
	jf_points val[2 * JF_REPORT_WEEKS];
	struct jf_svg_series ser[2] = { { jf_view_label(r, JF_L_EARNED), "#2e7d32" },
					{ jf_view_label(r, JF_L_REDEEMED), "#1565c0" } };
	for (int i = 0; i < JF_REPORT_WEEKS; i++) {
		snprintf(labs[i], sizeof labs[i], "W%02d", r->weeks[i].week % 100);
		lab[i] = labs[i];
		val[2 * i] = r->weeks[i].earned;
		val[2 * i + 1] = r->weeks[i].redeemed;
	}
	struct jf_svg_chart ch = { jf_view_label(r, JF_L_TREND), JF_REPORT_WEEKS, lab, 2, ser, val };
	jf_print_chart(p, &ch, true);
}

void jf_report_html(const struct jf_report *r, struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	struct jf_view g;
	struct jf_buf t = JF_BUF_INIT;

	if (r->o.notice && r->o.village >= 0) {
		jf_report_notice(r, out);
		return;
	}
	jf_view_title(r, &t);
	jf_buf_addc(&t, ' ');
	jf_view_period(r, &t);
	struct jf_print *p = jf_print_new(b, JF_PAPER_A4, r->o.printed, "report", t.s);

	page(p, r, -1);
	jf_view_totals(r, -1, &g);
	section(p, &g);
	jf_view_villages(r, &g);
	section(p, &g);
	/* a chart and its table on one sheet */
	jf_print_section(p, "chart", jf_view_label(r, JF_L_BY_CATEGORY), true);
	chart_cat(p, r);
	jf_view_categories(r, &g);
	table(p, &g);
	jf_view_release(&g);
	jf_print_section(p, "chart", jf_view_label(r, JF_L_TREND), true);
	chart_trend(p, r);
	jf_view_trend(r, &g);
	table(p, &g);
	jf_view_release(&g);
	jf_view_rules(r, &g);
	section(p, &g);
	jf_view_goods(r, -2, &g);
	section(p, &g);
	jf_view_reviews(r, &g);
	section(p, &g);
	/* books with the wish wall: the wishes and the hours of service */
	static const enum jf_section wall[] = {
		JF_SEC_WISHES, JF_SEC_TEAM_HOURS, JF_SEC_VOLUNTEER_HOURS,
	};
	for (size_t i = 0; i < sizeof wall / sizeof *wall; i++)
		if (jf_view_section(r, wall[i], -1, &g))
			section(p, &g);

	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		if (r->o.village < 0) {
			page(p, r, (int)v);
			jf_view_totals(r, (int)v, &g);
			section(p, &g);
		}
		/* with the board of 星级文明户 of the village, and what is on notice */
		static const enum jf_section order[] = {
			JF_SEC_HONOR, JF_SEC_STARS, JF_SEC_LOSERS, JF_SEC_GOODS, JF_SEC_STOCK,
			JF_SEC_ON_NOTICE, JF_SEC_WISHES, JF_SEC_TEAM_HOURS, JF_SEC_VOLUNTEER_HOURS,
		};
		for (size_t i = 0; i < sizeof order / sizeof *order; i++)
			if (jf_view_section(r, order[i], (int)v, &g))
				section(p, &g);
	}
	jf_print_finish(p, out);
	jf_print_free(p);
	jf_buf_release(&t);
}

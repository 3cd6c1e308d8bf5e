/* report_html.c - a finished report as one HTML page, for print and screen.
 *
 * An overview (totals, villages, categories and trend with their charts
 * from svg.c, rules, goods, reviews), then one section per village, each
 * on a page of its own when printed: its totals, honor roll, goods and
 * stock.  Tables are the views of report_view.h, shown in full.
 */
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "report_view.h"
#include "svg.h"

static const char css[] =
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\","
	"\"PingFang SC\",\"Microsoft YaHei\",sans-serif;font-size:11pt;line-height:1.35;"
	"color:#111;background:#fff;max-width:190mm;margin:1.5em auto;padding:0 1em}\n"
	"h1{font-size:18pt;margin:0 0 .2em}\n"
	"h2{font-size:13pt;margin:1.1em 0 .4em;border-bottom:1px solid #999}\n"
	".period{color:#333;margin:0 0 .8em}\n"
	"table{border-collapse:collapse;margin:.3em 0 .8em;font-size:10pt}\n"
	"th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}\n"
	"th{background:#eee}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"tr.total td{font-weight:bold}\n"
	"tr.low td{background:#fdecea;color:#b71c1c;font-weight:bold}\n"
	"table.honor td{font-size:11pt}\n"
	"table.review td,table.review th{white-space:nowrap}\n"
	"table.review td:nth-child(7){white-space:normal}\n"
	"table.review td:nth-last-child(-n+2){font-family:monospace;font-size:6.5pt;"
	"white-space:normal;word-break:break-all;min-width:13ch}\n"
	".none{color:#555;font-style:italic}\n"
	"svg.chart{display:block;max-width:100%;height:auto;margin:.3em 0}\n"
	"section.village{margin-top:2em;border-top:3px double #999}\n"
	"@page{size:A4;margin:14mm}\n"
	"@media print{body{margin:0;padding:0;max-width:none;font-size:10pt}"
	"section.village{border-top:none;margin-top:0}"
	"section.break{break-before:page;page-break-before:always}"
	"table,svg{break-inside:avoid;page-break-inside:avoid}"
	"h1,h2{break-after:avoid;page-break-after:avoid}"
	"thead{display:table-header-group}}\n";

static void table(const struct jf_view *v, struct jf_buf *out)
{
	const struct jf_report *r = v->r;
	size_t at[JF_VIEW_COLS], n = jf_view_places(v, false, at);
	struct jf_buf b = JF_BUF_INIT;

	if (!v->nrows) {
		jf_buf_addf(out, "<p class=\"none\">%s</p>\n", jf_view_label(r, JF_L_NONE));
		return;
	}
	jf_buf_addf(out, "<table class=\"%s\">\n<thead><tr>", v->cls);
	if (v->one) {
		jf_buf_adds(out, "<th>");
		jf_xml_escape(out, jf_view_label(r, JF_L_FIGURE));
		jf_buf_adds(out, "</th><th class=\"num\">");
		jf_xml_escape(out, jf_view_label(r, JF_L_VALUE));
		jf_buf_adds(out, "</th></tr></thead>\n<tbody>\n");
		for (size_t p = 0; p < n; p++) {
			jf_buf_adds(out, "<tr><td>");
			jf_xml_escape(out, jf_view_label(r, v->cols[at[p]].label));
			jf_buf_adds(out, "</td><td class=\"num\">");
			jf_buf_reset(&b);
			jf_view_show(v, 0, at[p], &b);
			jf_xml_escape(out, b.s);
			jf_buf_adds(out, "</td></tr>\n");
		}
		jf_buf_adds(out, "</tbody>\n</table>\n");
		jf_buf_release(&b);
		return;
	}
	for (size_t p = 0; p < n; p++) {
		jf_buf_adds(out, v->cols[at[p]].flags & JF_COL_NUM ? "<th class=\"num\">" : "<th>");
		jf_xml_escape(out, jf_view_label(r, v->cols[at[p]].label));
		jf_buf_adds(out, "</th>");
	}
	jf_buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < v->nrows; i++) {
		unsigned f = v->flags[i];
		jf_buf_adds(out, f & JF_ROW_TOTAL ? "<tr class=\"total\">"
				 : f & JF_ROW_LOW ? "<tr class=\"low\">" : "<tr>");
		for (size_t p = 0; p < n; p++) {
			jf_buf_adds(out, v->cols[at[p]].flags & JF_COL_NUM ? "<td class=\"num\">"
									  : "<td>");
			jf_buf_reset(&b);
			jf_view_show(v, i, at[p], &b);
			jf_xml_escape(out, b.s);
			jf_buf_adds(out, "</td>");
		}
		jf_buf_adds(out, "</tr>\n");
	}
	jf_buf_adds(out, "</tbody>\n</table>\n");
	jf_buf_release(&b);
}

static void heading(const struct jf_report *r, enum jf_label h, struct jf_buf *out)
{
	jf_buf_adds(out, "<h2>");
	jf_xml_escape(out, jf_view_label(r, h));
	jf_buf_adds(out, "</h2>\n");
}

/* A section: its heading and its table; the view is released. */
static void section(struct jf_view *v, struct jf_buf *out)
{
	heading(v->r, v->title, out);
	table(v, out);
	jf_view_release(v);
}

static void head(const struct jf_report *r, struct jf_buf *out, int v)
{
	struct jf_buf t = JF_BUF_INIT;
	jf_buf_adds(out, "<h1>");
	if (v >= 0 && r->o.village < 0) {
		/* a village's page of a township report */
		const char *sep = r->book->lang == JF_LANG_ZH ? "" : " ";
		jf_buf_addf(&t, "%s%s%s%s%s", r->book->township, sep, r->book->villages[v].name,
			    sep, jf_view_label(r, JF_L_NOTICE));
	} else {
		jf_view_title(r, &t);
	}
	jf_xml_escape(out, t.s);
	jf_buf_adds(out, "</h1>\n<p class=\"period\">");
	jf_buf_reset(&t);
	jf_view_period(r, &t);
	jf_xml_escape(out, t.s);
	jf_buf_adds(out, "</p>\n");
	jf_buf_release(&t);
}

static void html_charts_cat(const struct jf_report *r, struct jf_buf *out)
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
	if (n)
		jf_svg_hbars(&ch, out);
	free(lab);
	free(val);
}

static void html_charts_trend(const struct jf_report *r, struct jf_buf *out)
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
	jf_svg_columns(&ch, out);
}

void jf_report_html(const struct jf_report *r, struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	struct jf_view g;
	struct jf_buf t = JF_BUF_INIT;

	jf_view_title(r, &t);
	jf_buf_addc(&t, ' ');
	jf_view_period(r, &t);
	jf_buf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>", b->lang == JF_LANG_ZH ? "zh-Hans" : "en");
	jf_xml_escape(out, t.s);
	jf_buf_addf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	jf_buf_release(&t);

	jf_buf_adds(out, "<section class=\"overview\">\n");
	head(r, out, -1);
	jf_view_totals(r, -1, &g);
	section(&g, out);
	jf_view_villages(r, &g);
	section(&g, out);
	heading(r, JF_L_BY_CATEGORY, out);
	html_charts_cat(r, out);
	jf_view_categories(r, &g);
	table(&g, out);
	jf_view_release(&g);
	heading(r, JF_L_TREND, out);
	html_charts_trend(r, out);
	jf_view_trend(r, &g);
	table(&g, out);
	jf_view_release(&g);
	jf_view_rules(r, &g);
	section(&g, out);
	jf_view_goods(r, -2, &g);
	section(&g, out);
	jf_view_reviews(r, &g);
	section(&g, out);
	jf_buf_adds(out, "</section>\n");

	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		jf_buf_addf(out, "<section class=\"village%s\">\n", r->o.village < 0 ? " break" : "");
		if (r->o.village < 0) {
			head(r, out, (int)v);
			jf_view_totals(r, (int)v, &g);
			section(&g, out);
		}
		jf_view_ranks(r, false, (int)v, &g);
		section(&g, out);
		if (r->o.deductions) {
			jf_view_ranks(r, true, (int)v, &g);
			section(&g, out);
		}
		jf_view_goods(r, (int)v, &g);
		section(&g, out);
		jf_view_stock(r, (int)v, &g);
		section(&g, out);
		jf_buf_adds(out, "</section>\n");
	}
	jf_buf_adds(out, "</body>\n</html>\n");
}

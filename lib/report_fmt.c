/* report_fmt.c - a finished report as text, Markdown, CSV, JSON or HTML.
 *
 * Text, Markdown and HTML are drawn from the same tables ("grids") so that
 * they always show the same figures; CSV and JSON are written directly.
 * TSV is the CSV table with tabs and LF line ends.
 * Labels are English, or Chinese for a book with `lang: zh`; keys of the
 * machine formats (CSV header, JSON) are always English.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "json.h"
#include "report.h"
#include "svg.h"
#include "table.h"
#include "width.h"

/* ---- labels ------------------------------------------------------------ */

enum lab {
	L_REPORT, L_TO, L_TOTALS, L_FIGURE, L_VALUE, L_ENTRIES, L_EARNED, L_DEDUCTED,
	L_ADJUSTED, L_REDEEMED, L_HOUSEHOLDS, L_OUTSTANDING, L_BY_VILLAGE, L_VILLAGE,
	L_ACTIVE, L_TOTAL, L_BY_CATEGORY, L_CATEGORY, L_TIMES, L_TOP_RULES, L_RANK,
	L_RULE, L_NAME, L_POINTS, L_HONOR, L_LOST, L_HOUSEHOLD, L_HEAD, L_GOODS,
	L_ITEM, L_QTY, L_UNIT, L_STOCK, L_NOTE, L_LOW, L_TREND, L_WEEK, L_FROM,
	L_UNTIL, L_REVIEW, L_DATE, L_KIND, L_WHAT, L_REASON, L_BY, L_ID, L_REF,
	L_NONE, L_K_EARN, L_K_REDEEM, L_K_ADJUST, L_K_RESTOCK, L_K_VOID, L_STOCK_AT,
	L_NOTICE, L_INSTOCK, NLAB
};

static const struct { const char *en, *zh; } labels[NLAB] = {
	[L_REPORT] = { "points report", "积分报告" },
	[L_TO] = { "to", "至" },
	[L_TOTALS] = { "Totals", "总计" },
	[L_FIGURE] = { "figure", "项目" },
	[L_VALUE] = { "value", "数值" },
	[L_ENTRIES] = { "entries", "记录条数" },
	[L_EARNED] = { "earned", "获得积分" },
	[L_DEDUCTED] = { "deducted", "扣除积分" },
	[L_ADJUSTED] = { "adjusted", "调整积分" },
	[L_REDEEMED] = { "redeemed", "兑换积分" },
	[L_HOUSEHOLDS] = { "households active", "活跃户数" },
	[L_OUTSTANDING] = { "outstanding", "积分结余" },
	[L_BY_VILLAGE] = { "By village", "各村" },
	[L_VILLAGE] = { "village", "村" },
	[L_ACTIVE] = { "active", "活跃户" },
	[L_TOTAL] = { "total", "合计" },
	[L_BY_CATEGORY] = { "Points by category", "分类积分" },
	[L_CATEGORY] = { "category", "类别" },
	[L_TIMES] = { "times", "次数" },
	[L_TOP_RULES] = { "Top rules", "常用积分规则" },
	[L_RANK] = { "rank", "名次" },
	[L_RULE] = { "rule", "规则" },
	[L_NAME] = { "name", "名称" },
	[L_POINTS] = { "points", "积分" },
	[L_HONOR] = { "Honor roll", "光荣榜" },
	[L_LOST] = { "Points lost", "扣分榜" },
	[L_HOUSEHOLD] = { "household", "户号" },
	[L_HEAD] = { "head", "户主" },
	[L_GOODS] = { "Goods redeemed", "兑换商品" },
	[L_ITEM] = { "item", "商品" },
	[L_QTY] = { "qty", "数量" },
	[L_UNIT] = { "unit", "单位" },
	[L_STOCK] = { "Stock", "库存" },
	[L_NOTE] = { "note", "备注" },
	[L_LOW] = { "low", "库存不足" },
	[L_TREND] = { "Weekly trend", "近8周趋势" },
	[L_WEEK] = { "week", "周" },
	[L_FROM] = { "from", "起" },
	[L_UNTIL] = { "to", "止" },
	[L_REVIEW] = { "Voids and adjustments", "作废与调整" },
	[L_DATE] = { "date", "日期" },
	[L_KIND] = { "kind", "类型" },
	[L_WHAT] = { "what", "内容" },
	[L_REASON] = { "reason", "原因" },
	[L_BY] = { "by", "操作员" },
	[L_ID] = { "id", "编号" },
	[L_REF] = { "voids", "被作废记录" },
	[L_NONE] = { "none", "无" },
	[L_K_EARN] = { "earn", "积分" },
	[L_K_REDEEM] = { "redeem", "兑换" },
	[L_K_ADJUST] = { "adjust", "调整" },
	[L_K_RESTOCK] = { "restock", "入库" },
	[L_K_VOID] = { "void", "作废" },
	[L_STOCK_AT] = { "Stock at the period's end", "期末库存" },
	[L_NOTICE] = { "points notice", "积分公示" },
	[L_INSTOCK] = { "stock", "库存" },
};

static bool zh(const struct jf_report *r)
{
	return r->book->lang == JF_LANG_ZH;
}

static const char *L(const struct jf_report *r, enum lab l)
{
	return zh(r) ? labels[l].zh : labels[l].en;
}

static const char *kind_label(const struct jf_report *r, enum jf_kind k)
{
	static const enum lab ks[] = { L_K_EARN, L_K_REDEEM, L_K_ADJUST, L_K_RESTOCK, L_K_VOID };
	return L(r, ks[k < JF_NKINDS ? k : JF_VOID]);
}

/* The kind shown for a review line: "adjust", "void earn" / "作废积分". */
static void review_kind(const struct jf_report *r, const struct jf_report_review *v,
			struct jf_buf *out)
{
	if (v->kind != JF_VOID) {
		jf_buf_adds(out, kind_label(r, v->kind));
		return;
	}
	jf_buf_addf(out, "%s%s%s", kind_label(r, JF_VOID), zh(r) ? "" : " ",
		    kind_label(r, v->target_kind));
}

/* ---- grids: tables drawn as text, Markdown or HTML ---------------------- */

#define GMAX 12
enum { ROW_TOTAL = 1, ROW_LOW = 2 };

struct grid {
	size_t ncols, nrows;
	const char *head[GMAX];
	bool num[GMAX];
	char **cells;            /* nrows * ncols; NULL is "" */
	unsigned char *flags;    /* per row */
	const char *cls;         /* HTML class of the table */
};

static void grid_init(struct grid *g, const char *cls, size_t ncols, ...)
{
	va_list ap;
	memset(g, 0, sizeof *g);
	g->cls = cls;
	g->ncols = ncols < GMAX ? ncols : GMAX;
	/* pairs: header, numeric? */
	va_start(ap, ncols);
	for (size_t i = 0; i < g->ncols; i++) {
		g->head[i] = va_arg(ap, const char *);
		g->num[i] = va_arg(ap, int);
	}
	va_end(ap);
}

static void grid_release(struct grid *g)
{
	for (size_t i = 0; i < g->nrows * g->ncols; i++)
		free(g->cells[i]);
	free(g->cells);
	free(g->flags);
	memset(g, 0, sizeof *g);
}

static void grid_row(struct grid *g, unsigned flags)
{
	g->cells = jf_reallocarray(g->cells, (g->nrows + 1) * g->ncols, sizeof *g->cells);
	g->flags = jf_reallocarray(g->flags, g->nrows + 1, 1);
	for (size_t i = 0; i < g->ncols; i++)
		g->cells[g->nrows * g->ncols + i] = NULL;
	g->flags[g->nrows++] = (unsigned char)flags;
}

static void grid_cell(struct grid *g, size_t i, const char *s)
{
	if (!g->nrows || i >= g->ncols || !s)
		return;
	char **c = &g->cells[(g->nrows - 1) * g->ncols + i];
	free(*c);
	*c = jf_strdup(s);
}

static void grid_cellf(struct grid *g, size_t i, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void grid_cellf(struct grid *g, size_t i, const char *fmt, ...)
{
	struct jf_buf b = JF_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	jf_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	grid_cell(g, i, b.s);
	jf_buf_release(&b);
}

static void grid_points(struct grid *g, size_t i, jf_points p)
{
	char pb[JF_POINTS_BUFSZ];
	grid_cell(g, i, jf_points_format(p, pb));
}

static void grid_int(struct grid *g, size_t i, int64_t v)
{
	grid_cellf(g, i, "%lld", (long long)v);
}

static const char *grid_at(const struct grid *g, size_t r, size_t i)
{
	const char *s = g->cells[r * g->ncols + i];
	return s ? s : "";
}

static void grid_text(const struct jf_report *r, const struct grid *g, struct jf_buf *out)
{
	if (!g->nrows) {
		jf_buf_addf(out, "(%s)\n", L(r, L_NONE));
		return;
	}
	struct jf_table *t = jf_table_new(g->ncols);
	for (size_t i = 0; i < g->ncols; i++)
		jf_table_column(t, i, g->head[i], g->num[i] ? JF_RIGHT : JF_LEFT);
	for (size_t row = 0; row < g->nrows; row++) {
		jf_table_row(t);
		for (size_t i = 0; i < g->ncols; i++)
			jf_table_cell(t, i, grid_at(g, row, i));
	}
	jf_table_text(t, out);
	jf_table_free(t);
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

static void grid_md(const struct jf_report *r, const struct grid *g, struct jf_buf *out)
{
	if (!g->nrows) {
		jf_buf_addf(out, "*%s*\n", L(r, L_NONE));
		return;
	}
	jf_buf_adds(out, "|");
	for (size_t i = 0; i < g->ncols; i++) {
		jf_buf_addc(out, ' ');
		md_escape(out, g->head[i]);
		jf_buf_adds(out, " |");
	}
	jf_buf_adds(out, "\n|");
	for (size_t i = 0; i < g->ncols; i++)
		jf_buf_adds(out, g->num[i] ? " ---: |" : " --- |");
	jf_buf_addc(out, '\n');
	for (size_t row = 0; row < g->nrows; row++) {
		jf_buf_adds(out, "|");
		for (size_t i = 0; i < g->ncols; i++) {
			const char *s = grid_at(g, row, i);
			jf_buf_addc(out, ' ');
			if (g->flags[row] & ROW_TOTAL && *s)
				jf_buf_adds(out, "**");
			md_escape(out, s);
			if (g->flags[row] & ROW_TOTAL && *s)
				jf_buf_adds(out, "**");
			jf_buf_adds(out, " |");
		}
		jf_buf_addc(out, '\n');
	}
}

static void grid_html(const struct jf_report *r, const struct grid *g, struct jf_buf *out)
{
	if (!g->nrows) {
		jf_buf_addf(out, "<p class=\"none\">%s</p>\n", L(r, L_NONE));
		return;
	}
	jf_buf_addf(out, "<table class=\"%s\">\n<thead><tr>", g->cls);
	for (size_t i = 0; i < g->ncols; i++) {
		jf_buf_adds(out, g->num[i] ? "<th class=\"num\">" : "<th>");
		jf_xml_escape(out, g->head[i]);
		jf_buf_adds(out, "</th>");
	}
	jf_buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (size_t row = 0; row < g->nrows; row++) {
		unsigned f = g->flags[row];
		jf_buf_adds(out, f & ROW_TOTAL ? "<tr class=\"total\">"
				 : f & ROW_LOW ? "<tr class=\"low\">" : "<tr>");
		for (size_t i = 0; i < g->ncols; i++) {
			jf_buf_adds(out, g->num[i] ? "<td class=\"num\">" : "<td>");
			jf_xml_escape(out, grid_at(g, row, i));
			jf_buf_adds(out, "</td>");
		}
		jf_buf_adds(out, "</tr>\n");
	}
	jf_buf_adds(out, "</tbody>\n</table>\n");
}

/* ---- the sections, as grids -------------------------------------------- */

static void totals_grid(const struct jf_report *r, const struct jf_report_sums *s,
			struct grid *g)
{
	const enum lab names[] = { L_ENTRIES, L_EARNED, L_DEDUCTED, L_ADJUSTED, L_REDEEMED,
				   L_HOUSEHOLDS, L_OUTSTANDING };
	grid_init(g, "totals", 2, L(r, L_FIGURE), 0, L(r, L_VALUE), 1);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		grid_row(g, 0);
		grid_cell(g, 0, L(r, names[i]));
		switch (names[i]) {
		case L_ENTRIES: grid_int(g, 1, s->entries); break;
		case L_EARNED: grid_points(g, 1, s->earned); break;
		case L_DEDUCTED: grid_points(g, 1, s->deducted); break;
		case L_ADJUSTED: grid_points(g, 1, s->adjusted); break;
		case L_REDEEMED: grid_points(g, 1, s->redeemed); break;
		case L_HOUSEHOLDS: grid_int(g, 1, s->households); break;
		default: grid_points(g, 1, s->outstanding); break;
		}
	}
}

static void sums_cells(struct grid *g, const struct jf_report_sums *s)
{
	grid_int(g, 1, s->entries);
	grid_points(g, 2, s->earned);
	grid_points(g, 3, s->deducted);
	grid_points(g, 4, s->adjusted);
	grid_points(g, 5, s->redeemed);
	grid_int(g, 6, s->households);
	grid_points(g, 7, s->outstanding);
}

static void villages_grid(const struct jf_report *r, struct grid *g)
{
	const struct jf_book *b = r->book;
	size_t n = 0;
	grid_init(g, "villages", 8, L(r, L_VILLAGE), 0, L(r, L_ENTRIES), 1, L(r, L_EARNED), 1,
		  L(r, L_DEDUCTED), 1, L(r, L_ADJUSTED), 1, L(r, L_REDEEMED), 1,
		  L(r, L_ACTIVE), 1, L(r, L_OUTSTANDING), 1);
	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		grid_row(g, 0);
		grid_cell(g, 0, b->villages[v].name);
		sums_cells(g, &r->villages[v]);
		n++;
	}
	if (n > 1) {
		grid_row(g, ROW_TOTAL);
		grid_cell(g, 0, L(r, L_TOTAL));
		sums_cells(g, &r->total);
	}
}

static void cats_grid(const struct jf_report *r, struct grid *g)
{
	const struct jf_book *b = r->book;
	grid_init(g, "categories", 4, L(r, L_CATEGORY), 0, L(r, L_TIMES), 1,
		  L(r, L_EARNED), 1, L(r, L_DEDUCTED), 1);
	for (size_t c = 0; c < b->ncategories; c++) {
		grid_row(g, 0);
		grid_cell(g, 0, b->categories[c]);
		grid_int(g, 1, r->cats[c].qty);
		grid_points(g, 2, r->cats[c].earned);
		grid_points(g, 3, r->cats[c].deducted);
	}
}

static void rules_grid(const struct jf_report *r, struct grid *g)
{
	const struct jf_book *b = r->book;
	grid_init(g, "rules", 6, L(r, L_RANK), 1, L(r, L_RULE), 0, L(r, L_NAME), 0,
		  L(r, L_CATEGORY), 0, L(r, L_TIMES), 1, L(r, L_POINTS), 1);
	for (size_t i = 0; i < r->ntop_rules; i++) {
		const struct jf_activity *a = &b->activities[r->top_rules[i].index];
		const struct jf_report_rule *ru = &r->rules[r->top_rules[i].index];
		grid_row(g, 0);
		grid_int(g, 0, r->top_rules[i].rank);
		grid_cell(g, 1, a->code);
		grid_cell(g, 2, a->name);
		grid_cell(g, 3, a->category);
		grid_int(g, 4, ru->qty);
		grid_points(g, 5, ru->points);
	}
}

/* Honor roll (losers false) or the households that lost points, of
 * village v, or of every village with a village column (v < 0). */
static void ranks_grid(const struct jf_report *r, bool losers, int v, struct grid *g)
{
	const struct jf_book *b = r->book;
	size_t c = v < 0;
	if (v < 0)
		grid_init(g, losers ? "lost" : "honor", 5, L(r, L_VILLAGE), 0, L(r, L_RANK), 1,
			  L(r, L_HOUSEHOLD), 0, L(r, L_HEAD), 0,
			  L(r, losers ? L_DEDUCTED : L_EARNED), 1);
	else
		grid_init(g, losers ? "lost" : "honor", 4, L(r, L_RANK), 1, L(r, L_HOUSEHOLD), 0,
			  L(r, L_HEAD), 0, L(r, losers ? L_DEDUCTED : L_EARNED), 1);
	for (size_t vi = 0; vi < b->nvillages; vi++) {
		if (!jf_report_has_village(r, (int)vi) || (v >= 0 && (int)vi != v))
			continue;
		const struct jf_report_rank *list = losers ? r->losers + r->losers_at[vi]
							  : r->honor + r->honor_at[vi];
		size_t n = losers ? r->losers_n[vi] : r->honor_n[vi];
		for (size_t i = 0; i < n; i++) {
			const struct jf_household *hh = &b->households[list[i].index];
			const struct jf_report_hh *h = &r->hh[list[i].index];
			grid_row(g, 0);
			if (v < 0)
				grid_cell(g, 0, b->villages[vi].name);
			grid_int(g, c, list[i].rank);
			grid_cell(g, c + 1, hh->id);
			grid_cell(g, c + 2, hh->head);
			grid_points(g, c + 3, losers ? h->deducted : h->earned);
		}
	}
}

/* Goods redeemed: of village v; of every village, one row per village and
 * item (v == -1); or summed over the villages, one row per item (v == -2). */
static void goods_grid(const struct jf_report *r, int v, struct grid *g)
{
	const struct jf_book *b = r->book;
	size_t c = v == -1;
	if (c)
		grid_init(g, "goods", 6, L(r, L_VILLAGE), 0, L(r, L_ITEM), 0, L(r, L_NAME), 0,
			  L(r, L_QTY), 1, L(r, L_UNIT), 0, L(r, L_POINTS), 1);
	else
		grid_init(g, "goods", 5, L(r, L_ITEM), 0, L(r, L_NAME), 0, L(r, L_QTY), 1,
			  L(r, L_UNIT), 0, L(r, L_POINTS), 1);
	if (v == -2) {
		for (size_t i = 0; i < b->ngoods; i++) {
			int64_t qty = 0;
			jf_points pts = 0;
			bool any = false;
			for (size_t vi = 0; vi < b->nvillages; vi++) {
				const struct jf_report_good *gd = &r->goods[vi * b->ngoods + i];
				if (!jf_report_has_village(r, (int)vi) || (!gd->qty && !gd->points))
					continue;
				any = true;
				qty += gd->qty;            /* bounded: the village sums did not overflow */
				if (!jf_points_add(pts, gd->points, &pts))
					pts = INT64_MAX;
			}
			if (!any)
				continue;
			grid_row(g, 0);
			grid_cell(g, 0, b->goods[i].code);
			grid_cell(g, 1, b->goods[i].name);
			grid_int(g, 2, qty);
			grid_cell(g, 3, b->goods[i].unit);
			grid_points(g, 4, pts);
		}
		return;
	}
	for (size_t vi = 0; vi < b->nvillages; vi++) {
		if (!jf_report_has_village(r, (int)vi) || (v >= 0 && (int)vi != v))
			continue;
		for (size_t i = 0; i < b->ngoods; i++) {
			const struct jf_report_good *gd = &r->goods[vi * b->ngoods + i];
			if (!gd->qty && !gd->points)
				continue;
			grid_row(g, 0);
			if (c)
				grid_cell(g, 0, b->villages[vi].name);
			grid_cell(g, c, b->goods[i].code);
			grid_cell(g, c + 1, b->goods[i].name);
			grid_int(g, c + 2, gd->qty);
			grid_cell(g, c + 3, b->goods[i].unit);
			grid_points(g, c + 4, gd->points);
		}
	}
}

static bool is_low(const struct jf_report *r, int64_t stock)
{
	return r->book->low_stock >= 0 && stock <= r->book->low_stock;
}

static void low_note(const struct jf_report *r, struct grid *g, size_t i)
{
	grid_cellf(g, i, zh(r) ? "%s（≤%lld）" : "%s (<= %lld)", L(r, L_LOW),
		   (long long)r->book->low_stock);
}

/* Stock of the tracked goods, of village v or of every village (v < 0). */
static void stock_grid(const struct jf_report *r, int v, struct grid *g)
{
	const struct jf_book *b = r->book;
	size_t c = v < 0;
	if (c)
		grid_init(g, "stock", 6, L(r, L_VILLAGE), 0, L(r, L_ITEM), 0, L(r, L_NAME), 0,
			  L(r, L_INSTOCK), 1, L(r, L_UNIT), 0, L(r, L_NOTE), 0);
	else
		grid_init(g, "stock", 5, L(r, L_ITEM), 0, L(r, L_NAME), 0, L(r, L_INSTOCK), 1,
			  L(r, L_UNIT), 0, L(r, L_NOTE), 0);
	for (size_t vi = 0; vi < b->nvillages; vi++) {
		if (!jf_report_has_village(r, (int)vi) || (v >= 0 && (int)vi != v))
			continue;
		for (size_t i = 0; i < b->ngoods; i++) {
			if (!b->goods[i].stock)
				continue;
			int64_t s = r->goods[vi * b->ngoods + i].stock;
			grid_row(g, is_low(r, s) ? ROW_LOW : 0);
			if (c)
				grid_cell(g, 0, b->villages[vi].name);
			grid_cell(g, c, b->goods[i].code);
			grid_cell(g, c + 1, b->goods[i].name);
			grid_int(g, c + 2, s);
			grid_cell(g, c + 3, b->goods[i].unit);
			if (is_low(r, s))
				low_note(r, g, c + 4);
		}
	}
}

static void week_label(const struct jf_report_week *w, struct jf_buf *out)
{
	jf_buf_addf(out, "%04d-W%02d", w->iso_year, w->week);
}

static void trend_grid(const struct jf_report *r, struct grid *g)
{
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
	grid_init(g, "trend", 6, L(r, L_WEEK), 0, L(r, L_FROM), 0, L(r, L_UNTIL), 0,
		  L(r, L_EARNED), 1, L(r, L_DEDUCTED), 1, L(r, L_REDEEMED), 1);
	for (int i = 0; i < JF_REPORT_WEEKS; i++) {
		const struct jf_report_week *w = &r->weeks[i];
		struct jf_buf lb = JF_BUF_INIT;
		week_label(w, &lb);
		grid_row(g, 0);
		grid_cell(g, 0, lb.s);
		grid_cell(g, 1, jf_date_format(w->from, d1));
		grid_cell(g, 2, jf_date_format(w->to, d2));
		grid_points(g, 3, w->earned);
		grid_points(g, 4, w->deducted);
		grid_points(g, 5, w->redeemed);
		jf_buf_release(&lb);
	}
}

/* What a void undid: "clean-yard x1"; "" for an adjustment. */
static void review_what(const struct jf_report *r, const struct jf_report_review *v,
			struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	if (v->kind != JF_VOID || v->what < 0)
		return;
	if (v->target_kind == JF_EARN && (size_t)v->what < b->nactivities)
		jf_buf_adds(out, b->activities[v->what].code);
	else if ((v->target_kind == JF_REDEEM || v->target_kind == JF_RESTOCK) &&
		 (size_t)v->what < b->ngoods)
		jf_buf_adds(out, b->goods[v->what].code);
	else
		return;
	jf_buf_addf(out, " x%lld", (long long)v->qty);
}

/* Voids and adjustments; full adds what, the ids (Markdown, HTML). */
static void review_grid(const struct jf_report *r, bool full, struct grid *g)
{
	const struct jf_book *b = r->book;
	char db[JF_DATE_BUFSZ], pb[JF_POINTS_BUFSZ];
	if (full)
		grid_init(g, "review", 10, L(r, L_DATE), 0, L(r, L_KIND), 0, L(r, L_HOUSEHOLD), 0,
			  L(r, L_HEAD), 0, L(r, L_WHAT), 0, L(r, L_POINTS), 1, L(r, L_REASON), 0,
			  L(r, L_BY), 0, L(r, L_ID), 0, L(r, L_REF), 0);
	else
		grid_init(g, "review", 7, L(r, L_DATE), 0, L(r, L_KIND), 0, L(r, L_HOUSEHOLD), 0,
			  L(r, L_HEAD), 0, L(r, L_POINTS), 1, L(r, L_BY), 0, L(r, L_REASON), 0);
	for (size_t i = 0; i < r->nreviews; i++) {
		const struct jf_report_review *v = &r->reviews[i];
		struct jf_buf k = JF_BUF_INIT, w = JF_BUF_INIT;
		size_t c = 0;
		review_kind(r, v, &k);
		grid_row(g, 0);
		grid_cell(g, c++, jf_date_format(v->date, db));
		grid_cell(g, c++, k.s);
		grid_cell(g, c++, v->household >= 0 ? b->households[v->household].id
				  : b->villages[v->village].code);
		grid_cell(g, c++, v->household >= 0 ? b->households[v->household].head
				  : b->villages[v->village].name);
		if (full) {
			review_what(r, v, &w);
			grid_cell(g, c++, w.s);
		}
		if (v->household >= 0)
			grid_cell(g, c, jf_points_format_signed(v->points, pb));
		c++;
		if (full) {
			grid_cell(g, c++, v->reason);
			grid_cell(g, c++, v->by);
			grid_cell(g, c++, v->id);
			grid_cell(g, c++, v->ref);
		} else {
			grid_cell(g, c++, v->by);
			grid_cell(g, c++, v->reason);
		}
		jf_buf_release(&k);
		jf_buf_release(&w);
	}
}

/* ---- the title --------------------------------------------------------- */

/* "龙渠乡 下堡村 points report 2026-W44: 2026-10-26 to 2026-11-01" */
static void title(const struct jf_report *r, struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	const char *sep = zh(r) ? "" : " ";
	jf_buf_adds(out, b->township);
	if (r->o.village >= 0)
		jf_buf_addf(out, "%s%s", sep, b->villages[r->o.village].name);
	jf_buf_addf(out, "%s%s", sep, L(r, L_REPORT));
}

static void period(const struct jf_report *r, struct jf_buf *out)
{
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
	size_t len = out->len;
	jf_report_period_name(r->o.from, r->o.to, out);
	if (out->len > len)
		jf_buf_adds(out, zh(r) ? "：" : ": ");
	jf_buf_addf(out, zh(r) ? "%s 至 %s" : "%s to %s", jf_date_format(r->o.from, d1),
		    jf_date_format(r->o.to, d2));
}

/* ---- text and Markdown -------------------------------------------------- */

typedef void (*grid_fn)(const struct jf_report *, const struct grid *, struct jf_buf *);

static void heading(const struct jf_report *r, bool md, const char *h, struct jf_buf *out)
{
	(void)r;
	if (md) {
		jf_buf_addf(out, "\n## %s\n\n", h);
		return;
	}
	jf_buf_addf(out, "\n%s\n", h);
	for (size_t i = jf_width(h); i > 0; i--)
		jf_buf_addc(out, '-');
	jf_buf_addc(out, '\n');
}

static void section(const struct jf_report *r, bool md, const char *h, struct grid *g,
		    struct jf_buf *out)
{
	heading(r, md, h, out);
	(md ? grid_md : grid_text)(r, g, out);
	grid_release(g);
}

static void write_plain(const struct jf_report *r, bool md, struct jf_buf *out)
{
	struct grid g;

	if (md) {
		struct jf_buf t = JF_BUF_INIT;
		title(r, &t);
		jf_buf_adds(out, "# ");
		md_escape(out, t.s);
		jf_buf_adds(out, "\n\n");
		jf_buf_release(&t);
	} else {
		title(r, out);
		jf_buf_addc(out, '\n');
	}
	period(r, out);
	jf_buf_addc(out, '\n');

	totals_grid(r, &r->total, &g);
	section(r, md, L(r, L_TOTALS), &g, out);
	villages_grid(r, &g);
	section(r, md, L(r, L_BY_VILLAGE), &g, out);
	cats_grid(r, &g);
	section(r, md, L(r, L_BY_CATEGORY), &g, out);
	rules_grid(r, &g);
	section(r, md, L(r, L_TOP_RULES), &g, out);
	ranks_grid(r, false, -1, &g);
	section(r, md, L(r, L_HONOR), &g, out);
	if (r->o.deductions) {
		ranks_grid(r, true, -1, &g);
		section(r, md, L(r, L_LOST), &g, out);
	}
	goods_grid(r, -1, &g);
	section(r, md, L(r, L_GOODS), &g, out);
	stock_grid(r, -1, &g);
	section(r, md, L(r, L_STOCK_AT), &g, out);
	trend_grid(r, &g);
	section(r, md, L(r, L_TREND), &g, out);
	review_grid(r, md, &g);
	section(r, md, L(r, L_REVIEW), &g, out);
}

/* ---- CSV ---------------------------------------------------------------- */

enum csvcol {
	C_FROM, C_TO, C_SECTION, C_VILLAGE, C_KEY, C_NAME, C_RANK, C_ENTRIES, C_QTY,
	C_EARNED, C_DEDUCTED, C_ADJUSTED, C_REDEEMED, C_POINTS, C_HOUSEHOLDS,
	C_OUTSTANDING, C_STOCK, C_LOW, C_DATE, C_ID, C_KIND, C_REF, C_REF_KIND, C_WHAT,
	C_REASON, C_BY, NCSV
};

static const char *const csv_names[NCSV] = {
	"from", "to", "section", "village", "key", "name", "rank", "entries", "qty",
	"earned", "deducted", "adjusted", "redeemed", "points", "households",
	"outstanding", "stock", "low", "date", "id", "kind", "ref", "ref_kind", "what",
	"reason", "by",
};

struct csvrow {
	char *f[NCSV];
	bool tsv;               /* tab-separated instead */
};

static void cset(struct csvrow *row, enum csvcol c, const char *s)
{
	free(row->f[c]);
	row->f[c] = s ? jf_strdup(s) : NULL;
}

static void csetf(struct csvrow *row, enum csvcol c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void csetf(struct csvrow *row, enum csvcol c, const char *fmt, ...)
{
	struct jf_buf b = JF_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	jf_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(row->f[c]);
	row->f[c] = jf_buf_detach(&b);
}

static void csetp(struct csvrow *row, enum csvcol c, jf_points p)
{
	char pb[JF_POINTS_BUFSZ];
	cset(row, c, jf_points_format(p, pb));
}

static void csv_begin(const struct jf_report *r, struct csvrow *row, const char *section)
{
	char d[JF_DATE_BUFSZ];
	bool tsv = row->tsv;
	memset(row, 0, sizeof *row);
	row->tsv = tsv;
	cset(row, C_FROM, jf_date_format(r->o.from, d));
	cset(row, C_TO, jf_date_format(r->o.to, d));
	cset(row, C_SECTION, section);
}

/* A TSV field: tab, CR and LF become spaces. */
static void tsv_field(struct jf_buf *out, const char *s)
{
	for (; *s; s++)
		jf_buf_addc(out, *s == '\t' || *s == '\r' || *s == '\n' ? ' ' : *s);
}

static void csv_end(struct csvrow *row, struct jf_buf *out)
{
	for (int c = 0; c < NCSV; c++) {
		if (c)
			jf_buf_addc(out, row->tsv ? '\t' : ',');
		if (row->tsv)
			tsv_field(out, row->f[c] ? row->f[c] : "");
		else
			jf_csv_field(out, row->f[c] ? row->f[c] : "");
		free(row->f[c]);
	}
	jf_buf_adds(out, row->tsv ? "\n" : "\r\n");
}

static void csv_sums(struct csvrow *row, const struct jf_report_sums *s)
{
	csetf(row, C_ENTRIES, "%lld", (long long)s->entries);
	csetp(row, C_EARNED, s->earned);
	csetp(row, C_DEDUCTED, s->deducted);
	csetp(row, C_ADJUSTED, s->adjusted);
	csetp(row, C_REDEEMED, s->redeemed);
	csetf(row, C_HOUSEHOLDS, "%lld", (long long)s->households);
	csetp(row, C_OUTSTANDING, s->outstanding);
}

static void write_csv(const struct jf_report *r, bool tsv, struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	struct csvrow row = { .tsv = tsv };

	for (int c = 0; c < NCSV; c++) {
		if (c)
			jf_buf_addc(out, tsv ? '\t' : ',');
		jf_buf_adds(out, csv_names[c]);
	}
	jf_buf_adds(out, tsv ? "\n" : "\r\n");

	csv_begin(r, &row, "totals");
	if (r->o.village >= 0)
		cset(&row, C_VILLAGE, b->villages[r->o.village].code);
	csv_sums(&row, &r->total);
	csv_end(&row, out);
	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		csv_begin(r, &row, "village");
		cset(&row, C_VILLAGE, b->villages[v].code);
		cset(&row, C_NAME, b->villages[v].name);
		csv_sums(&row, &r->villages[v]);
		csv_end(&row, out);
	}
	for (size_t c = 0; c < b->ncategories; c++) {
		csv_begin(r, &row, "category");
		cset(&row, C_KEY, b->categories[c]);
		csetf(&row, C_QTY, "%lld", (long long)r->cats[c].qty);
		csetp(&row, C_EARNED, r->cats[c].earned);
		csetp(&row, C_DEDUCTED, r->cats[c].deducted);
		csv_end(&row, out);
	}
	for (size_t i = 0; i < r->ntop_rules; i++) {
		int a = r->top_rules[i].index;
		csv_begin(r, &row, "rule");
		cset(&row, C_KEY, b->activities[a].code);
		cset(&row, C_NAME, b->activities[a].name);
		csetf(&row, C_RANK, "%d", r->top_rules[i].rank);
		csetf(&row, C_QTY, "%lld", (long long)r->rules[a].qty);
		csetp(&row, C_POINTS, r->rules[a].points);
		csv_end(&row, out);
	}
	for (int pass = 0; pass < (r->o.deductions ? 2 : 1); pass++) {
		for (size_t v = 0; v < b->nvillages; v++) {
			if (!jf_report_has_village(r, (int)v))
				continue;
			const struct jf_report_rank *list = pass ? r->losers + r->losers_at[v]
								 : r->honor + r->honor_at[v];
			size_t n = pass ? r->losers_n[v] : r->honor_n[v];
			for (size_t i = 0; i < n; i++) {
				const struct jf_report_hh *h = &r->hh[list[i].index];
				csv_begin(r, &row, pass ? "deductions" : "honor_roll");
				cset(&row, C_VILLAGE, b->villages[v].code);
				cset(&row, C_KEY, b->households[list[i].index].id);
				cset(&row, C_NAME, b->households[list[i].index].head);
				csetf(&row, C_RANK, "%d", list[i].rank);
				if (pass)
					csetp(&row, C_DEDUCTED, h->deducted);
				else
					csetp(&row, C_EARNED, h->earned);
				csv_end(&row, out);
			}
		}
	}
	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		for (size_t i = 0; i < b->ngoods; i++) {
			const struct jf_report_good *gd = &r->goods[v * b->ngoods + i];
			if (!gd->qty && !gd->points)
				continue;
			csv_begin(r, &row, "goods");
			cset(&row, C_VILLAGE, b->villages[v].code);
			cset(&row, C_KEY, b->goods[i].code);
			cset(&row, C_NAME, b->goods[i].name);
			csetf(&row, C_QTY, "%lld", (long long)gd->qty);
			csetp(&row, C_REDEEMED, gd->points);
			csv_end(&row, out);
		}
	}
	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		for (size_t i = 0; i < b->ngoods; i++) {
			if (!b->goods[i].stock)
				continue;
			int64_t s = r->goods[v * b->ngoods + i].stock;
			csv_begin(r, &row, "stock");
			cset(&row, C_VILLAGE, b->villages[v].code);
			cset(&row, C_KEY, b->goods[i].code);
			cset(&row, C_NAME, b->goods[i].name);
			csetf(&row, C_STOCK, "%lld", (long long)s);
			if (b->low_stock >= 0)
				cset(&row, C_LOW, is_low(r, s) ? "yes" : "no");
			csv_end(&row, out);
		}
	}
	for (int i = 0; i < JF_REPORT_WEEKS; i++) {
		const struct jf_report_week *w = &r->weeks[i];
		struct jf_buf lb = JF_BUF_INIT;
		week_label(w, &lb);
		csv_begin(r, &row, "trend");
		cset(&row, C_KEY, lb.s);
		csetp(&row, C_EARNED, w->earned);
		csetp(&row, C_DEDUCTED, w->deducted);
		csetp(&row, C_REDEEMED, w->redeemed);
		csv_end(&row, out);
		jf_buf_release(&lb);
	}
	for (size_t i = 0; i < r->nreviews; i++) {
		const struct jf_report_review *v = &r->reviews[i];
		char d[JF_DATE_BUFSZ];
		struct jf_buf w = JF_BUF_INIT;
		csv_begin(r, &row, "review");
		cset(&row, C_VILLAGE, b->villages[v->village].code);
		if (v->household >= 0) {
			cset(&row, C_KEY, b->households[v->household].id);
			cset(&row, C_NAME, b->households[v->household].head);
			csetp(&row, C_POINTS, v->points);
		}
		cset(&row, C_DATE, jf_date_format(v->date, d));
		cset(&row, C_ID, v->id);
		cset(&row, C_KIND, jf_kind_name(v->kind));
		if (v->kind == JF_VOID) {
			cset(&row, C_REF, v->ref);
			cset(&row, C_REF_KIND, jf_kind_name(v->target_kind));
			review_what(r, v, &w);
			if (w.len) {
				/* the code, without the " xN" */
				char *sp = strrchr(w.s, ' ');
				if (sp)
					*sp = '\0';
				cset(&row, C_WHAT, w.s);
				csetf(&row, C_QTY, "%lld", (long long)v->qty);
			}
		}
		cset(&row, C_REASON, v->reason);
		cset(&row, C_BY, v->by);
		csv_end(&row, out);
		jf_buf_release(&w);
	}
}

/* ---- JSON --------------------------------------------------------------- */

static void json_sums(struct jf_json *j, const struct jf_report_sums *s)
{
	jf_json_key(j, "entries");
	jf_json_int(j, s->entries);
	jf_json_key(j, "earned");
	jf_json_points(j, s->earned);
	jf_json_key(j, "deducted");
	jf_json_points(j, s->deducted);
	jf_json_key(j, "adjusted");
	jf_json_points(j, s->adjusted);
	jf_json_key(j, "redeemed");
	jf_json_points(j, s->redeemed);
	jf_json_key(j, "households");
	jf_json_int(j, s->households);
	jf_json_key(j, "outstanding");
	jf_json_points(j, s->outstanding);
}

static void json_kv(struct jf_json *j, const char *k, const char *v)
{
	jf_json_key(j, k);
	jf_json_str(j, v);
}

static void json_ranks(const struct jf_report *r, struct jf_json *j, bool losers)
{
	const struct jf_book *b = r->book;
	jf_json_arr_open(j);
	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		const struct jf_report_rank *list = losers ? r->losers + r->losers_at[v]
							  : r->honor + r->honor_at[v];
		size_t n = losers ? r->losers_n[v] : r->honor_n[v];
		for (size_t i = 0; i < n; i++) {
			jf_json_obj_open(j);
			json_kv(j, "village", b->villages[v].code);
			jf_json_key(j, "rank");
			jf_json_int(j, list[i].rank);
			json_kv(j, "household", b->households[list[i].index].id);
			json_kv(j, "head", b->households[list[i].index].head);
			jf_json_key(j, losers ? "deducted" : "earned");
			jf_json_points(j, losers ? r->hh[list[i].index].deducted
					      : r->hh[list[i].index].earned);
			jf_json_obj_close(j);
		}
	}
	jf_json_arr_close(j);
}

static void write_json(const struct jf_report *r, struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	struct jf_json j;
	char d[JF_DATE_BUFSZ];
	struct jf_buf pn = JF_BUF_INIT;

	jf_json_init(&j, out, true);
	jf_json_obj_open(&j);
	json_kv(&j, "township", b->township);
	json_kv(&j, "from", jf_date_format(r->o.from, d));
	json_kv(&j, "to", jf_date_format(r->o.to, d));
	jf_report_period_name(r->o.from, r->o.to, &pn);
	json_kv(&j, "period", pn.len ? pn.s : NULL);
	jf_buf_release(&pn);
	json_kv(&j, "village", r->o.village >= 0 ? b->villages[r->o.village].code : NULL);
	jf_json_key(&j, "totals");
	jf_json_obj_open(&j);
	json_sums(&j, &r->total);
	jf_json_obj_close(&j);

	jf_json_key(&j, "villages");
	jf_json_arr_open(&j);
	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		jf_json_obj_open(&j);
		json_kv(&j, "village", b->villages[v].code);
		json_kv(&j, "name", b->villages[v].name);
		json_sums(&j, &r->villages[v]);
		jf_json_obj_close(&j);
	}
	jf_json_arr_close(&j);

	jf_json_key(&j, "categories");
	jf_json_arr_open(&j);
	for (size_t c = 0; c < b->ncategories; c++) {
		jf_json_obj_open(&j);
		json_kv(&j, "category", b->categories[c]);
		jf_json_key(&j, "qty");
		jf_json_int(&j, r->cats[c].qty);
		jf_json_key(&j, "earned");
		jf_json_points(&j, r->cats[c].earned);
		jf_json_key(&j, "deducted");
		jf_json_points(&j, r->cats[c].deducted);
		jf_json_obj_close(&j);
	}
	jf_json_arr_close(&j);

	jf_json_key(&j, "rules");
	jf_json_arr_open(&j);
	for (size_t i = 0; i < r->ntop_rules; i++) {
		int a = r->top_rules[i].index;
		jf_json_obj_open(&j);
		jf_json_key(&j, "rank");
		jf_json_int(&j, r->top_rules[i].rank);
		json_kv(&j, "activity", b->activities[a].code);
		json_kv(&j, "name", b->activities[a].name);
		json_kv(&j, "category", b->activities[a].category);
		jf_json_key(&j, "qty");
		jf_json_int(&j, r->rules[a].qty);
		jf_json_key(&j, "points");
		jf_json_points(&j, r->rules[a].points);
		jf_json_obj_close(&j);
	}
	jf_json_arr_close(&j);

	jf_json_key(&j, "honor_roll");
	json_ranks(r, &j, false);
	if (r->o.deductions) {
		jf_json_key(&j, "deductions");
		json_ranks(r, &j, true);
	}

	jf_json_key(&j, "goods");
	jf_json_arr_open(&j);
	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		for (size_t i = 0; i < b->ngoods; i++) {
			const struct jf_report_good *gd = &r->goods[v * b->ngoods + i];
			if (!gd->qty && !gd->points)
				continue;
			jf_json_obj_open(&j);
			json_kv(&j, "village", b->villages[v].code);
			json_kv(&j, "item", b->goods[i].code);
			json_kv(&j, "name", b->goods[i].name);
			json_kv(&j, "unit", b->goods[i].unit);
			jf_json_key(&j, "qty");
			jf_json_int(&j, gd->qty);
			jf_json_key(&j, "points");
			jf_json_points(&j, gd->points);
			jf_json_obj_close(&j);
		}
	}
	jf_json_arr_close(&j);

	jf_json_key(&j, "low_stock");
	if (b->low_stock >= 0)
		jf_json_int(&j, b->low_stock);
	else
		jf_json_null(&j);
	jf_json_key(&j, "stock");
	jf_json_arr_open(&j);
	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		for (size_t i = 0; i < b->ngoods; i++) {
			if (!b->goods[i].stock)
				continue;
			int64_t s = r->goods[v * b->ngoods + i].stock;
			jf_json_obj_open(&j);
			json_kv(&j, "village", b->villages[v].code);
			json_kv(&j, "item", b->goods[i].code);
			json_kv(&j, "name", b->goods[i].name);
			json_kv(&j, "unit", b->goods[i].unit);
			jf_json_key(&j, "stock");
			jf_json_int(&j, s);
			jf_json_key(&j, "low");
			jf_json_bool(&j, is_low(r, s));
			jf_json_obj_close(&j);
		}
	}
	jf_json_arr_close(&j);

	jf_json_key(&j, "trend");
	jf_json_arr_open(&j);
	for (int i = 0; i < JF_REPORT_WEEKS; i++) {
		const struct jf_report_week *w = &r->weeks[i];
		struct jf_buf lb = JF_BUF_INIT;
		week_label(w, &lb);
		jf_json_obj_open(&j);
		json_kv(&j, "week", lb.s);
		json_kv(&j, "from", jf_date_format(w->from, d));
		json_kv(&j, "to", jf_date_format(w->to, d));
		jf_json_key(&j, "earned");
		jf_json_points(&j, w->earned);
		jf_json_key(&j, "deducted");
		jf_json_points(&j, w->deducted);
		jf_json_key(&j, "redeemed");
		jf_json_points(&j, w->redeemed);
		jf_json_obj_close(&j);
		jf_buf_release(&lb);
	}
	jf_json_arr_close(&j);

	jf_json_key(&j, "reviews");
	jf_json_arr_open(&j);
	for (size_t i = 0; i < r->nreviews; i++) {
		const struct jf_report_review *v = &r->reviews[i];
		jf_json_obj_open(&j);
		json_kv(&j, "date", jf_date_format(v->date, d));
		json_kv(&j, "id", v->id);
		json_kv(&j, "kind", jf_kind_name(v->kind));
		if (v->household >= 0) {
			json_kv(&j, "household", b->households[v->household].id);
			json_kv(&j, "head", b->households[v->household].head);
		}
		json_kv(&j, "village", b->villages[v->village].code);
		if (v->kind == JF_VOID) {
			struct jf_buf w = JF_BUF_INIT;
			json_kv(&j, "ref", v->ref);
			json_kv(&j, "ref_kind", jf_kind_name(v->target_kind));
			review_what(r, v, &w);
			if (w.len) {
				char *sp = strrchr(w.s, ' ');
				if (sp)
					*sp = '\0';
				json_kv(&j, v->target_kind == JF_EARN ? "activity" : "item", w.s);
				jf_json_key(&j, "qty");
				jf_json_int(&j, v->qty);
			}
			jf_buf_release(&w);
		}
		if (v->household >= 0) {
			jf_json_key(&j, "points");
			jf_json_points(&j, v->points);
		}
		if (v->reason)
			json_kv(&j, "reason", v->reason);
		if (v->note)
			json_kv(&j, "note", v->note);
		json_kv(&j, "by", v->by);
		jf_json_obj_close(&j);
	}
	jf_json_arr_close(&j);
	jf_json_obj_close(&j);
	jf_buf_addc(out, '\n');
}

/* ---- HTML --------------------------------------------------------------- */

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

static void html_section(const struct jf_report *r, const char *h, struct grid *g,
			 struct jf_buf *out)
{
	jf_buf_adds(out, "<h2>");
	jf_xml_escape(out, h);
	jf_buf_adds(out, "</h2>\n");
	grid_html(r, g, out);
	grid_release(g);
}

static void html_head(const struct jf_report *r, struct jf_buf *out, int v)
{
	struct jf_buf t = JF_BUF_INIT;
	title(r, &t);
	jf_buf_adds(out, "<h1>");
	if (v >= 0 && r->o.village < 0) {
		/* a village's page of a township report */
		const char *sep = zh(r) ? "" : " ";
		jf_buf_reset(&t);
		jf_buf_addf(&t, "%s%s%s%s%s", r->book->township, sep, r->book->villages[v].name,
			    sep, L(r, L_NOTICE));
		jf_xml_escape(out, t.s);
	} else {
		jf_xml_escape(out, t.s);
	}
	jf_buf_adds(out, "</h1>\n<p class=\"period\">");
	jf_buf_reset(&t);
	period(r, &t);
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
	struct jf_svg_series ser[2] = { { L(r, L_EARNED), "#2e7d32" },
					{ L(r, L_DEDUCTED), "#c62828" } };
	for (size_t c = 0; c < n; c++) {
		lab[c] = b->categories[c];
		val[2 * c] = r->cats[c].earned;
		val[2 * c + 1] = r->cats[c].deducted;
	}
	struct jf_svg_chart ch = { L(r, L_BY_CATEGORY), n, lab, 2, ser, val };
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
	struct jf_svg_series ser[2] = { { L(r, L_EARNED), "#2e7d32" },
					{ L(r, L_REDEEMED), "#1565c0" } };
	for (int i = 0; i < JF_REPORT_WEEKS; i++) {
		snprintf(labs[i], sizeof labs[i], "W%02d", r->weeks[i].week % 100);
		lab[i] = labs[i];
		val[2 * i] = r->weeks[i].earned;
		val[2 * i + 1] = r->weeks[i].redeemed;
	}
	struct jf_svg_chart ch = { L(r, L_TREND), JF_REPORT_WEEKS, lab, 2, ser, val };
	jf_svg_columns(&ch, out);
}

static void write_html(const struct jf_report *r, struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	struct grid g;
	struct jf_buf t = JF_BUF_INIT;

	title(r, &t);
	jf_buf_addc(&t, ' ');
	period(r, &t);
	jf_buf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>", zh(r) ? "zh-Hans" : "en");
	jf_xml_escape(out, t.s);
	jf_buf_addf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	jf_buf_release(&t);

	jf_buf_adds(out, "<section class=\"overview\">\n");
	html_head(r, out, -1);
	totals_grid(r, &r->total, &g);
	html_section(r, L(r, L_TOTALS), &g, out);
	villages_grid(r, &g);
	html_section(r, L(r, L_BY_VILLAGE), &g, out);
	jf_buf_adds(out, "<h2>");
	jf_xml_escape(out, L(r, L_BY_CATEGORY));
	jf_buf_adds(out, "</h2>\n");
	html_charts_cat(r, out);
	cats_grid(r, &g);
	grid_html(r, &g, out);
	grid_release(&g);
	jf_buf_adds(out, "<h2>");
	jf_xml_escape(out, L(r, L_TREND));
	jf_buf_adds(out, "</h2>\n");
	html_charts_trend(r, out);
	trend_grid(r, &g);
	grid_html(r, &g, out);
	grid_release(&g);
	rules_grid(r, &g);
	html_section(r, L(r, L_TOP_RULES), &g, out);
	goods_grid(r, -2, &g);
	html_section(r, L(r, L_GOODS), &g, out);
	review_grid(r, true, &g);
	html_section(r, L(r, L_REVIEW), &g, out);
	jf_buf_adds(out, "</section>\n");

	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		jf_buf_addf(out, "<section class=\"village%s\">\n", r->o.village < 0 ? " break" : "");
		if (r->o.village < 0) {
			html_head(r, out, (int)v);
			totals_grid(r, &r->villages[v], &g);
			html_section(r, L(r, L_TOTALS), &g, out);
		}
		ranks_grid(r, false, (int)v, &g);
		html_section(r, L(r, L_HONOR), &g, out);
		if (r->o.deductions) {
			ranks_grid(r, true, (int)v, &g);
			html_section(r, L(r, L_LOST), &g, out);
		}
		goods_grid(r, (int)v, &g);
		html_section(r, L(r, L_GOODS), &g, out);
		stock_grid(r, (int)v, &g);
		html_section(r, L(r, L_STOCK_AT), &g, out);
		jf_buf_adds(out, "</section>\n");
	}
	jf_buf_adds(out, "</body>\n</html>\n");
}

void jf_report_format(const struct jf_report *r, enum jf_format fmt, struct jf_buf *out)
{
	switch (fmt) {
	case JF_FMT_JSON: write_json(r, out); break;
	case JF_FMT_CSV: write_csv(r, false, out); break;
	case JF_FMT_TSV: write_csv(r, true, out); break;
	case JF_FMT_HTML: write_html(r, out); break;
	case JF_FMT_MARKDOWN: write_plain(r, true, out); break;
	default: write_plain(r, false, out); break;
	}
}

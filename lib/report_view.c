/* report_view.c - the sections of a finished report as rows of typed cells.
 *
 * One builder per section: it names its columns (JSON key, CSV column,
 * table place and header) in JSON order, then adds the rows the report
 * shows — the villages asked for, the goods that moved, the stock-tracked
 * items.  Every writer reads the same rows, so the formats cannot disagree.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "kind.h"
#include "report_view.h"
#include "volunteers.h"

static const char *const csv_names[JF_NCSV] = {
	"from", "to", "section", "village", "key", "name", "rank", "entries", "qty",
	"earned", "deducted", "adjusted", "redeemed", "points", "households",
	"outstanding", "stock", "low", "date", "id", "kind", "ref", "ref_kind", "what",
	"reason", "by", "expired", "notice_from", "notice_to", "counts_from",
	"posted", "taken", "done", "dropped", "open", "age_days", "team", "volunteers", "hours",
	"total_hours",
};

const char *jf_csv_col_name(int c)
{
	return c >= 0 && c < JF_NCSV ? csv_names[c] : "";
}

bool jf_csv_col_on(const struct jf_report *r, int c)
{
	if (c == JF_C_EXPIRED)
		return r->expiry_on;
	if (c >= JF_C_POSTED)
		return r->wishes_on;
	if (c >= JF_C_NOTICE_FROM)
		return r->book->review.set;
	return true;
}

const char *jf_view_label(const struct jf_report *r, enum jf_label l)
{
	return jf_label(r->book->lang, l);
}

static bool zh(const struct jf_report *r)
{
	return r->book->lang == JF_LANG_ZH;
}

/* ---- building ------------------------------------------------------------ */

static void init(const struct jf_report *r, struct jf_view *v, const char *csv,
		 const char *json, const char *cls, enum jf_label title)
{
	memset(v, 0, sizeof *v);
	v->r = r;
	v->csv = csv;
	v->json = json;
	v->cls = cls;
	v->title = title;
}

/* Add a column shown at place grid in both tables (or -1: in neither). */
static void colb(struct jf_view *v, const char *key, int csv, int grid, int brief,
		 enum jf_label label, unsigned flags)
{
	if (v->ncols >= JF_VIEW_COLS)
		abort(); /* a builder's slip, caught by every test */
	v->cols[v->ncols++] = (struct jf_col){ key, csv, grid, brief, label, flags };
	if (grid >= 0 && (size_t)grid + 1 > v->ngrid)
		v->ngrid = (size_t)grid + 1;
	if (brief >= 0 && (size_t)brief + 1 > v->nbrief)
		v->nbrief = (size_t)brief + 1;
}

static void col(struct jf_view *v, const char *key, int csv, int grid, enum jf_label label,
		unsigned flags)
{
	colb(v, key, csv, grid, grid, label, flags);
}

static void row(struct jf_view *v, unsigned flags)
{
	v->cells = jf_reallocarray(v->cells, (v->nrows + 1) * v->ncols, sizeof *v->cells);
	v->flags = jf_reallocarray(v->flags, v->nrows + 1, 1);
	memset(&v->cells[v->nrows * v->ncols], 0, v->ncols * sizeof *v->cells);
	v->flags[v->nrows++] = (unsigned char)flags;
}

static struct jf_cell *cell(struct jf_view *v, size_t c)
{
	return &v->cells[(v->nrows - 1) * v->ncols + c];
}

static void text(struct jf_view *v, size_t c, const char *s)
{
	*cell(v, c) = (struct jf_cell){ JF_CELL_TEXT, s, 0, 0 };
}

static void num(struct jf_view *v, size_t c, enum jf_cell_type t, int64_t n, int64_t m)
{
	*cell(v, c) = (struct jf_cell){ t, NULL, n, m };
}

void jf_view_release(struct jf_view *v)
{
	free(v->cells);
	free(v->flags);
	memset(v, 0, sizeof *v);
}

const struct jf_cell *jf_view_at(const struct jf_view *v, size_t i, size_t c)
{
	return &v->cells[i * v->ncols + c];
}

/* ---- the sections ---------------------------------------------------------- */

/* The seven sums from column at on, in the table from place g on. */
static void sums_cols(struct jf_view *v, int g, enum jf_label households)
{
	col(v, "entries", JF_C_ENTRIES, g, JF_L_ENTRIES, JF_COL_NUM);
	col(v, "earned", JF_C_EARNED, g + 1, JF_L_EARNED, JF_COL_NUM);
	col(v, "deducted", JF_C_DEDUCTED, g + 2, JF_L_DEDUCTED, JF_COL_NUM);
	col(v, "adjusted", JF_C_ADJUSTED, g + 3, JF_L_ADJUSTED, JF_COL_NUM);
	col(v, "redeemed", JF_C_REDEEMED, g + 4, JF_L_REDEEMED, JF_COL_NUM);
	col(v, "households", JF_C_HOUSEHOLDS, g + 5, households, JF_COL_NUM);
	col(v, "outstanding", JF_C_OUTSTANDING, g + 6, JF_L_OUTSTANDING, JF_COL_NUM);
	if (v->r->expiry_on) /* books with expiry: */
		col(v, "expired", JF_C_EXPIRED, g + 7, JF_L_EXPIRED, JF_COL_NUM);
}

static void sums_cells(struct jf_view *v, size_t at, const struct jf_report_sums *s)
{
	num(v, at, JF_CELL_INT, s->entries, 0);
	num(v, at + 1, JF_CELL_POINTS, s->earned, 0);
	num(v, at + 2, JF_CELL_POINTS, s->deducted, 0);
	num(v, at + 3, JF_CELL_POINTS, s->adjusted, 0);
	num(v, at + 4, JF_CELL_POINTS, s->redeemed, 0);
	num(v, at + 5, JF_CELL_INT, s->households, 0);
	num(v, at + 6, JF_CELL_POINTS, s->outstanding, 0);
	if (v->r->expiry_on)
		num(v, at + 7, JF_CELL_POINTS, s->expired, 0);
}

void jf_view_totals(const struct jf_report *r, int v, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	int only = v >= 0 ? v : r->o.village;
	init(r, out, "totals", "totals", "totals", JF_L_TOTALS);
	out->one = true;
	col(out, NULL, JF_C_VILLAGE, -1, JF_L_VILLAGE, 0);
	sums_cols(out, 0, JF_L_HOUSEHOLDS);
	row(out, 0);
	if (only >= 0)
		text(out, 0, b->villages[only].code);
	sums_cells(out, 1, v >= 0 ? &r->villages[v] : &r->total);
}

void jf_view_villages(const struct jf_report *r, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	size_t n = 0;
	init(r, out, "village", "villages", "villages", JF_L_BY_VILLAGE);
	col(out, "village", JF_C_VILLAGE, -1, JF_L_VILLAGE, 0);
	col(out, "name", JF_C_NAME, 0, JF_L_VILLAGE, 0);
	sums_cols(out, 1, JF_L_ACTIVE);
	for (size_t vi = 0; vi < b->nvillages; vi++) {
		if (!jf_report_has_village(r, (int)vi))
			continue;
		row(out, 0);
		text(out, 0, b->villages[vi].code);
		text(out, 1, b->villages[vi].name);
		sums_cells(out, 2, &r->villages[vi]);
		n++;
	}
	if (n > 1) {
		row(out, JF_ROW_TOTAL);
		num(out, 1, JF_CELL_LABEL, JF_L_TOTAL, 0);
		sums_cells(out, 2, &r->total);
	}
}

void jf_view_categories(const struct jf_report *r, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	init(r, out, "category", "categories", "categories", JF_L_BY_CATEGORY);
	col(out, "category", JF_C_KEY, 0, JF_L_CATEGORY, 0);
	col(out, "qty", JF_C_QTY, 1, JF_L_TIMES, JF_COL_NUM);
	col(out, "earned", JF_C_EARNED, 2, JF_L_EARNED, JF_COL_NUM);
	col(out, "deducted", JF_C_DEDUCTED, 3, JF_L_DEDUCTED, JF_COL_NUM);
	for (size_t c = 0; c < b->ncategories; c++) {
		row(out, 0);
		text(out, 0, b->categories[c]);
		num(out, 1, JF_CELL_INT, r->cats[c].qty, 0);
		num(out, 2, JF_CELL_POINTS, r->cats[c].earned, 0);
		num(out, 3, JF_CELL_POINTS, r->cats[c].deducted, 0);
	}
}

void jf_view_rules(const struct jf_report *r, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	init(r, out, "rule", "rules", "rules", JF_L_TOP_RULES);
	col(out, "rank", JF_C_RANK, 0, JF_L_RANK, JF_COL_NUM);
	col(out, "activity", JF_C_KEY, 1, JF_L_RULE, 0);
	col(out, "name", JF_C_NAME, 2, JF_L_NAME, 0);
	col(out, "category", JF_NOCOL, 3, JF_L_CATEGORY, 0);
	col(out, "qty", JF_C_QTY, 4, JF_L_TIMES, JF_COL_NUM);
	col(out, "points", JF_C_POINTS, 5, JF_L_POINTS, JF_COL_NUM);
	for (size_t i = 0; i < r->ntop_rules; i++) {
		int a = r->top_rules[i].index;
		row(out, 0);
		num(out, 0, JF_CELL_INT, r->top_rules[i].rank, 0);
		text(out, 1, b->activities[a].code);
		text(out, 2, b->activities[a].name);
		text(out, 3, b->activities[a].category);
		num(out, 4, JF_CELL_INT, r->rules[a].qty, 0);
		num(out, 5, JF_CELL_POINTS, r->rules[a].points, 0);
	}
}

/* Does the section of village v (-1: every one) show village vi? */
static bool shows(const struct jf_report *r, int v, size_t vi)
{
	return jf_report_has_village(r, (int)vi) && (v < 0 || (int)vi == v);
}

/* The village's code (CSV, JSON) and, when every village is shown, its
 * name first in the table. */
static void village_cols(struct jf_view *out, bool every)
{
	col(out, "village", JF_C_VILLAGE, -1, JF_L_VILLAGE, 0);
	col(out, NULL, JF_NOCOL, every ? 0 : -1, JF_L_VILLAGE, 0);
}

static void village_cells(struct jf_view *out, const struct jf_book *b, size_t vi)
{
	text(out, 0, b->villages[vi].code);
	text(out, 1, b->villages[vi].name);
}

void jf_view_ranks(const struct jf_report *r, bool losers, int v, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	int c = v < 0;
	init(r, out, losers ? "deductions" : "honor_roll", losers ? "deductions" : "honor_roll",
	     losers ? "lost" : "honor", losers ? JF_L_LOST : JF_L_HONOR);
	village_cols(out, v < 0);
	col(out, "rank", JF_C_RANK, c, JF_L_RANK, JF_COL_NUM);
	col(out, "household", JF_C_KEY, c + 1, JF_L_HOUSEHOLD, 0);
	col(out, "head", JF_C_NAME, c + 2, JF_L_HEAD, 0);
	col(out, losers ? "deducted" : "earned", losers ? JF_C_DEDUCTED : JF_C_EARNED, c + 3,
	    losers ? JF_L_DEDUCTED : JF_L_EARNED, JF_COL_NUM);
	for (size_t vi = 0; vi < b->nvillages; vi++) {
		if (!shows(r, v, vi))
			continue;
		const struct jf_report_rank *list = losers ? r->losers + r->losers_at[vi]
							  : r->honor + r->honor_at[vi];
		size_t n = losers ? r->losers_n[vi] : r->honor_n[vi];
		for (size_t i = 0; i < n; i++) {
			const struct jf_report_hh *h = &r->hh[list[i].index];
			row(out, 0);
			village_cells(out, b, vi);
			num(out, 2, JF_CELL_INT, list[i].rank, 0);
			text(out, 3, b->households[list[i].index].id);
			text(out, 4, b->households[list[i].index].head);
			num(out, 5, JF_CELL_POINTS, losers ? h->deducted : h->earned, 0);
		}
	}
}

void jf_view_stars(const struct jf_report *r, int v, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	int c = v < 0;
	init(r, out, "star", "stars", "stars", JF_L_STARS);
	col(out, "household", JF_C_KEY, c, JF_L_HOUSEHOLD, 0);
	col(out, "head", JF_C_NAME, c + 1, JF_L_HEAD, 0);
	village_cols(out, v < 0);
	col(out, "points", JF_C_POINTS, c + 2, JF_L_POINTS, JF_COL_NUM);
	col(out, "stars", JF_C_QTY, c + 3, JF_L_STAR_COUNT, JF_COL_NUM);
	for (size_t vi = 0; r->stars_on && vi < b->nvillages; vi++) {
		if (!shows(r, v, vi))
			continue;
		for (size_t i = 0; i < r->stars_n[vi]; i++) {
			const struct jf_report_star *s = &r->stars[r->stars_at[vi] + i];
			row(out, 0);
			text(out, 0, b->households[s->household].id);
			text(out, 1, b->households[s->household].head);
			text(out, 2, b->villages[vi].code);
			text(out, 3, b->villages[vi].name);
			num(out, 4, JF_CELL_POINTS, s->points, 0);
			num(out, 5, JF_CELL_INT, s->stars, 0);
		}
	}
}

static void goods_cols(struct jf_view *out, int c, enum jf_label figure, int figure_csv,
		       const char *figure_key)
{
	col(out, "item", JF_C_KEY, c, JF_L_ITEM, 0);
	col(out, "name", JF_C_NAME, c + 1, JF_L_NAME, 0);
	col(out, "unit", JF_NOCOL, c + 3, JF_L_UNIT, 0);
	col(out, figure_key, figure_csv, c + 2, figure, JF_COL_NUM);
}

static void goods_cells(struct jf_view *out, const struct jf_good *g, int64_t qty)
{
	text(out, 2, g->code);
	text(out, 3, g->name);
	text(out, 4, g->unit);
	num(out, 5, JF_CELL_INT, qty, 0);
}

/* Did item i move in village vi (units or points redeemed)? */
static bool moved(const struct jf_report *r, size_t vi, size_t i)
{
	const struct jf_report_good *gd = &r->goods[vi * r->book->ngoods + i];
	return gd->qty || gd->points;
}

void jf_view_goods(const struct jf_report *r, int v, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	int c = v == -1;
	init(r, out, "goods", "goods", "goods", JF_L_GOODS);
	village_cols(out, v == -1);
	goods_cols(out, c, JF_L_QTY, JF_C_QTY, "qty");
	col(out, "points", JF_C_REDEEMED, c + 4, JF_L_POINTS, JF_COL_NUM);
	if (v == -2) {
		for (size_t i = 0; i < b->ngoods; i++) {
			int64_t qty = 0;
			jf_points pts = 0;
			bool any = false;
			for (size_t vi = 0; vi < b->nvillages; vi++) {
				const struct jf_report_good *gd = &r->goods[vi * b->ngoods + i];
				if (!jf_report_has_village(r, (int)vi) || !moved(r, vi, i))
					continue;
				any = true;
				qty += gd->qty;            /* bounded: the village sums did not overflow */
				if (!jf_points_add(pts, gd->points, &pts))
					pts = INT64_MAX;
			}
			if (!any)
				continue;
			row(out, 0);
			goods_cells(out, &b->goods[i], qty);
			num(out, 6, JF_CELL_POINTS, pts, 0);
		}
		return;
	}
	for (size_t vi = 0; vi < b->nvillages; vi++) {
		if (!shows(r, v, vi))
			continue;
		for (size_t i = 0; i < b->ngoods; i++) {
			const struct jf_report_good *gd = &r->goods[vi * b->ngoods + i];
			if (!moved(r, vi, i))
				continue;
			row(out, 0);
			village_cells(out, b, vi);
			goods_cells(out, &b->goods[i], gd->qty);
			num(out, 6, JF_CELL_POINTS, gd->points, 0);
		}
	}
}

void jf_view_stock(const struct jf_report *r, int v, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	int c = v < 0;
	init(r, out, "stock", "stock", "stock", JF_L_STOCK_AT);
	village_cols(out, v < 0);
	goods_cols(out, c, JF_L_INSTOCK, JF_C_STOCK, "stock");
	col(out, "low", b->low_stock >= 0 ? JF_C_LOW : JF_NOCOL, c + 4, JF_L_NOTE, 0);
	for (size_t vi = 0; vi < b->nvillages; vi++) {
		if (!shows(r, v, vi))
			continue;
		for (size_t i = 0; i < b->ngoods; i++) {
			if (!b->goods[i].stock)
				continue;
			int64_t s = r->goods[vi * b->ngoods + i].stock;
			bool low = b->low_stock >= 0 && s <= b->low_stock;
			row(out, low ? JF_ROW_LOW : 0);
			village_cells(out, b, vi);
			goods_cells(out, &b->goods[i], s);
			num(out, 6, JF_CELL_BOOL, low, b->low_stock);
		}
	}
}

void jf_view_trend(const struct jf_report *r, struct jf_view *out)
{
	init(r, out, "trend", "trend", "trend", JF_L_TREND);
	col(out, "week", JF_C_KEY, 0, JF_L_WEEK, 0);
	col(out, "from", JF_NOCOL, 1, JF_L_FROM, 0);
	col(out, "to", JF_NOCOL, 2, JF_L_UNTIL, 0);
	col(out, "earned", JF_C_EARNED, 3, JF_L_EARNED, JF_COL_NUM);
	col(out, "deducted", JF_C_DEDUCTED, 4, JF_L_DEDUCTED, JF_COL_NUM);
	col(out, "redeemed", JF_C_REDEEMED, 5, JF_L_REDEEMED, JF_COL_NUM);
	for (int i = 0; i < JF_REPORT_WEEKS; i++) {
		const struct jf_report_week *w = &r->weeks[i];
		row(out, 0);
		num(out, 0, JF_CELL_WEEK, w->iso_year, w->week);
		num(out, 1, JF_CELL_DATE, w->from, 0);
		num(out, 2, JF_CELL_DATE, w->to, 0);
		num(out, 3, JF_CELL_POINTS, w->earned, 0);
		num(out, 4, JF_CELL_POINTS, w->deducted, 0);
		num(out, 5, JF_CELL_POINTS, w->redeemed, 0);
	}
}

/* Does an entry of kind k act on another one (a void)? */
static bool follow(enum jf_kind k)
{
	return jf_kind(k)->flags & JF_KF_FOLLOW;
}

/* The code of what a void undid (an activity or an item), or NULL. */
static const char *undid(const struct jf_book *b, const struct jf_report_review *v)
{
	if (!follow(v->kind) || v->what < 0)
		return NULL;
	/* a serve's record keeps hours for qty, and a rule only with a
	 * household (wish.h): its void shows its points, not "rule xN" */
	if (v->target_kind == JF_SERVE)
		return NULL;
	if (jf_kind_has(v->target_kind, JF_F_ACTIVITY) && (size_t)v->what < b->nactivities)
		return b->activities[v->what].code;
	if (jf_kind_has(v->target_kind, JF_F_ITEM) && (size_t)v->what < b->ngoods)
		return b->goods[v->what].code;
	return NULL;
}

enum {
	R_DATE, R_ID, R_KIND, R_HOUSEHOLD, R_HEAD, R_VILLAGE, R_WHO, R_WHO_NAME, R_REF,
	R_REF_KIND, R_WHAT, R_POINTS, R_REASON, R_NOTE, R_BY
};

/* The tables show the review brief in text (date, kind, who, points, by,
 * reason) and in full in Markdown and HTML. */
void jf_view_reviews(const struct jf_report *r, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	/* books with review: objections and rejections are listed too */
	init(r, out, "review", "reviews", "review",
	     b->review.set ? JF_L_REVIEW_ALL : JF_L_REVIEW);
	colb(out, "date", JF_C_DATE, 0, 0, JF_L_DATE, 0);
	colb(out, "id", JF_C_ID, 8, -1, JF_L_ID, 0);
	colb(out, "kind", JF_C_KIND, 1, 1, JF_L_KIND, 0);
	col(out, "household", JF_C_KEY, -1, JF_L_HOUSEHOLD, 0);
	col(out, "head", JF_C_NAME, -1, JF_L_HEAD, 0);
	col(out, "village", JF_C_VILLAGE, -1, JF_L_VILLAGE, 0);
	colb(out, NULL, JF_NOCOL, 2, 2, JF_L_HOUSEHOLD, 0);
	colb(out, NULL, JF_NOCOL, 3, 3, JF_L_HEAD, 0);
	colb(out, "ref", JF_C_REF, 9, -1, JF_L_REF, 0);
	col(out, "ref_kind", JF_C_REF_KIND, -1, JF_L_KIND, 0);
	colb(out, "what", JF_C_WHAT, 4, -1, JF_L_WHAT, 0);
	colb(out, "points", JF_C_POINTS, 5, 4, JF_L_POINTS, JF_COL_NUM | JF_COL_SIGNED);
	colb(out, "reason", JF_C_REASON, 6, 6, JF_L_REASON, 0);
	col(out, "note", JF_NOCOL, -1, JF_L_NOTE, 0);
	colb(out, "by", JF_C_BY, 7, 5, JF_L_BY, 0);
	for (size_t i = 0; i < r->nreviews; i++) {
		const struct jf_report_review *v = &r->reviews[i];
		const struct jf_village *vil = &b->villages[v->village];
		const char *what = undid(b, v);
		row(out, 0);
		num(out, R_DATE, JF_CELL_DATE, v->date, 0);
		text(out, R_ID, v->id);
		num(out, R_KIND, JF_CELL_KIND, v->kind, follow(v->kind) ? (int)v->target_kind : -1);
		text(out, R_VILLAGE, vil->code);
		if (v->household >= 0) {
			const struct jf_household *h = &b->households[v->household];
			text(out, R_HOUSEHOLD, h->id);
			text(out, R_HEAD, h->head);
			text(out, R_WHO, h->id);
			text(out, R_WHO_NAME, h->head);
			num(out, R_POINTS, JF_CELL_POINTS, v->points, 0);
		} else {
			text(out, R_WHO, vil->code);
			text(out, R_WHO_NAME, vil->name);
		}
		if (follow(v->kind)) {
			text(out, R_REF, v->ref);
			num(out, R_REF_KIND, JF_CELL_KIND, v->target_kind, -1);
		}
		if (what)
			*cell(out, R_WHAT) = (struct jf_cell){ JF_CELL_WHAT, what, v->qty,
							      v->target_kind };
		else if (v->to >= 0) /* a transfer (or its void): to whom */
			text(out, R_WHAT, b->households[v->to].id);
		if (v->reason)
			text(out, R_REASON, v->reason);
		if (v->note)
			text(out, R_NOTE, v->note);
		text(out, R_BY, v->by);
	}
}

/* Books with review: (SPEC 4.2): the entries on notice on the period's
 * last day, by village, with their notice period and counting day. */
void jf_view_on_notice(const struct jf_report *r, int v, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	int c = v < 0;
	init(r, out, "on_notice", "on_notice", "on-notice", JF_L_ON_NOTICE);
	village_cols(out, v < 0);
	col(out, "household", JF_C_KEY, c, JF_L_HOUSEHOLD, 0);
	col(out, "head", JF_C_NAME, c + 1, JF_L_HEAD, 0);
	col(out, "activity", JF_C_WHAT, c + 2, JF_L_RULE, 0);
	col(out, "name", JF_NOCOL, c + 3, JF_L_NAME, 0);
	col(out, "points", JF_C_POINTS, c + 4, JF_L_POINTS, JF_COL_NUM);
	col(out, "notice_from", JF_C_NOTICE_FROM, c + 5, JF_L_FROM, 0);
	col(out, "notice_to", JF_C_NOTICE_TO, c + 6, JF_L_UNTIL, 0);
	col(out, "counts_from", JF_C_COUNTS_FROM, c + 7, JF_L_COUNTS_FROM, 0);
	col(out, "date", JF_C_DATE, -1, JF_L_DATE, 0);
	col(out, "id", JF_C_ID, -1, JF_L_ID, 0);
	for (size_t i = 0; i < r->nnotices; i++) {
		const struct jf_report_notice *n = &r->notices[i];
		if (!shows(r, v, (size_t)n->village))
			continue;
		const struct jf_activity *a = &b->activities[n->activity];
		row(out, 0);
		village_cells(out, b, (size_t)n->village);
		text(out, 2, b->households[n->household].id);
		text(out, 3, b->households[n->household].head);
		*cell(out, 4) = (struct jf_cell){ JF_CELL_WHAT, a->code, n->qty, JF_EARN };
		text(out, 5, a->name);
		num(out, 6, JF_CELL_POINTS, n->points, 0);
		num(out, 7, JF_CELL_DATE, n->notice_from, 0);
		num(out, 8, JF_CELL_DATE, n->counts_from - 1, 0);
		num(out, 9, JF_CELL_DATE, n->counts_from, 0);
		num(out, 10, JF_CELL_DATE, n->date, 0);
		text(out, 11, n->id);
	}
}

/* Books with the wish wall (SPEC 4.3; report_wish.c): the period's
 * wishes of village v (-1: the report's), one row. */
void jf_view_wishes(const struct jf_report *r, int v, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	int only = v >= 0 ? v : r->o.village;
	const struct jf_report_wishes *w = v >= 0 ? &r->wishes[v] : &r->wish_total;
	init(r, out, "wishes", "wishes", "wish-sums", JF_L_WISHES);
	out->one = true;
	col(out, NULL, JF_C_VILLAGE, -1, JF_L_VILLAGE, 0);
	col(out, "posted", JF_C_POSTED, 0, JF_L_POSTED_N, JF_COL_NUM);
	col(out, "taken", JF_C_TAKEN, 1, JF_L_TAKEN_N, JF_COL_NUM);
	col(out, "done", JF_C_DONE, 2, JF_L_DONE_N, JF_COL_NUM);
	col(out, "dropped", JF_C_DROPPED, 3, JF_L_DROPPED_N, JF_COL_NUM);
	col(out, "open", JF_C_OPEN, 4, JF_L_OPEN_END, JF_COL_NUM);
	col(out, "oldest_household", JF_C_KEY, 5, JF_L_OLDEST_HH, 0);
	col(out, "oldest_head", JF_C_NAME, 6, JF_L_OLDEST_HEAD, 0);
	col(out, "oldest_posted", JF_C_DATE, 7, JF_L_OLDEST_POSTED, 0);
	col(out, "oldest_age_days", JF_C_AGE_DAYS, 8, JF_L_OLDEST_AGE, JF_COL_NUM);
	row(out, 0);
	if (only >= 0)
		text(out, 0, b->villages[only].code);
	if (!w)
		return;
	num(out, 1, JF_CELL_INT, w->posted, 0);
	num(out, 2, JF_CELL_INT, w->taken, 0);
	num(out, 3, JF_CELL_INT, w->done, 0);
	num(out, 4, JF_CELL_INT, w->dropped, 0);
	num(out, 5, JF_CELL_INT, w->open, 0);
	if (w->oldest >= 0) {
		text(out, 6, b->households[w->oldest].id);
		text(out, 7, b->households[w->oldest].head);
		num(out, 8, JF_CELL_DATE, w->oldest_posted, 0);
		num(out, 9, JF_CELL_INT, r->o.to - w->oldest_posted, 0);
	} else {
		text(out, 6, NULL);
		text(out, 7, NULL);
		text(out, 8, NULL);
		text(out, 9, NULL);
	}
}

/* Is team t shown in the section of village v (-1: the report's)? */
static bool shows_team(const struct jf_report *r, int v, size_t t)
{
	int tv = r->book->vol.teams[t].village;
	return v >= 0 ? tv == v : r->o.village < 0 || tv == r->o.village;
}

/* The hours of service by team: every team of the village (township teams
 * in a report of every village), its volunteers who served, and a total. */
void jf_view_team_hours(const struct jf_report *r, int v, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	size_t n = 0;
	jf_points all = 0;
	int64_t nall = 0;
	init(r, out, "team_hours", "team_hours", "team-hours", JF_L_TEAM_HOURS);
	col(out, "team", JF_C_TEAM, 0, JF_L_TEAM, 0);
	col(out, "name", JF_C_NAME, 1, JF_L_NAME, 0);
	col(out, "village", JF_C_VILLAGE, -1, JF_L_VILLAGE, 0);
	col(out, "volunteers", JF_C_VOLUNTEERS, 2, JF_L_VOLUNTEERS, JF_COL_NUM);
	col(out, "hours", JF_C_HOURS, 3, JF_L_HOURS, JF_COL_NUM);
	for (size_t t = 0; r->vol_hours && t < b->vol.nteams; t++) {
		const struct jf_team *tm = &b->vol.teams[t];
		if (!shows_team(r, v, t))
			continue;
		jf_points h = 0;
		int64_t k = 0;
		for (size_t i = 0; i < b->vol.nvolunteers; i++)
			if (b->vol.volunteers[i].team == (int)t && r->vol_hours[i]) {
				/* hours are bounded by 24 a day a volunteer: no overflow */
				h += r->vol_hours[i];
				k++;
			}
		row(out, 0);
		text(out, 0, tm->code);
		text(out, 1, tm->name);
		text(out, 2, tm->village >= 0 ? b->villages[tm->village].code : NULL);
		num(out, 3, JF_CELL_INT, k, 0);
		num(out, 4, JF_CELL_POINTS, h, 0);
		all += h;
		nall += k;
		n++;
	}
	if (n > 1) {
		row(out, JF_ROW_TOTAL);
		num(out, 1, JF_CELL_LABEL, JF_L_TOTAL, 0);
		num(out, 3, JF_CELL_INT, nall, 0);
		num(out, 4, JF_CELL_POINTS, all, 0);
	}
}

/* The hours of service by volunteer, in volunteers.yaml's order: those
 * who served by the period's end, with their total and stars. */
void jf_view_volunteer_hours(const struct jf_report *r, int v, struct jf_view *out)
{
	const struct jf_book *b = r->book;
	init(r, out, "volunteer_hours", "volunteer_hours", "volunteer-hours", JF_L_VOLUNTEER_HOURS);
	col(out, "volunteer", JF_C_KEY, 0, JF_L_VOLUNTEER, 0);
	col(out, "name", JF_C_NAME, 1, JF_L_NAME, 0);
	col(out, "team", JF_C_TEAM, 2, JF_L_TEAM, 0);
	col(out, "hours", JF_C_HOURS, 3, JF_L_HOURS, JF_COL_NUM);
	col(out, "total_hours", JF_C_TOTAL_HOURS, 4, JF_L_TOTAL_HOURS, JF_COL_NUM);
	if (b->vol.nstars)
		col(out, "stars", JF_C_QTY, 5, JF_L_STAR_COUNT, JF_COL_NUM);
	for (size_t i = 0; r->vol_hours && i < b->vol.nvolunteers; i++) {
		const struct jf_volunteer *vo = &b->vol.volunteers[i];
		if (!r->vol_hours[i] && !r->vol_total[i])
			continue;
		if (v >= 0 ? !shows_team(r, v, (size_t)vo->team) : !jf_report_has_volunteer(r, i))
			continue;
		row(out, 0);
		text(out, 0, vo->id);
		text(out, 1, vo->name);
		text(out, 2, b->vol.teams[vo->team].code);
		num(out, 3, JF_CELL_POINTS, r->vol_hours[i], 0);
		num(out, 4, JF_CELL_POINTS, r->vol_total[i], 0);
		if (b->vol.nstars)
			num(out, 5, JF_CELL_INT, jf_volunteer_stars(b, r->vol_total[i]), 0);
	}
}

/* ---- showing --------------------------------------------------------------- */

size_t jf_view_places(const struct jf_view *v, bool brief, size_t at[JF_VIEW_COLS])
{
	size_t n = brief ? v->nbrief : v->ngrid;
	for (size_t c = 0; c < v->ncols; c++) {
		int p = brief ? v->cols[c].brief : v->cols[c].grid;
		if (p >= 0)
			at[p] = c;
	}
	return n;
}

void jf_view_show(const struct jf_view *v, size_t i, size_t c, struct jf_buf *out)
{
	const struct jf_report *r = v->r;
	const struct jf_cell *x = jf_view_at(v, i, c);
	char buf[JF_POINTS_BUFSZ > JF_DATE_BUFSZ ? JF_POINTS_BUFSZ : JF_DATE_BUFSZ];

	switch (x->type) {
	case JF_CELL_NONE:
		break;
	case JF_CELL_TEXT:
		if (x->s)
			jf_buf_adds(out, x->s);
		break;
	case JF_CELL_INT:
		jf_buf_addf(out, "%lld", (long long)x->n);
		break;
	case JF_CELL_POINTS:
		jf_buf_adds(out, v->cols[c].flags & JF_COL_SIGNED ? jf_points_format_signed(x->n, buf)
								    : jf_points_format(x->n, buf));
		break;
	case JF_CELL_DATE:
		jf_buf_adds(out, jf_date_format((jf_date)x->n, buf));
		break;
	case JF_CELL_BOOL:
		if (x->n)
			jf_buf_addf(out, zh(r) ? "%s（≤%lld）" : "%s (<= %lld)",
				    jf_view_label(r, JF_L_LOW), (long long)x->m);
		break;
	case JF_CELL_WEEK:
		jf_buf_addf(out, "%04d-W%02d", (int)x->n, (int)x->m);
		break;
	case JF_CELL_KIND:
		jf_buf_adds(out, jf_label_kind(r->book->lang, (enum jf_kind)x->n));
		if (x->m >= 0)
			jf_buf_addf(out, "%s%s", zh(r) ? "" : " ",
				    jf_label_kind(r->book->lang, (enum jf_kind)x->m));
		break;
	case JF_CELL_WHAT:
		jf_buf_addf(out, "%s x%lld", x->s, (long long)x->n);
		break;
	case JF_CELL_LABEL:
		jf_buf_adds(out, jf_view_label(r, (enum jf_label)x->n));
		break;
	}
}

/* ---- the title ------------------------------------------------------------- */

void jf_view_title(const struct jf_report *r, struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	const char *sep = zh(r) ? "" : " ";
	jf_buf_adds(out, b->township);
	if (r->o.village >= 0)
		jf_buf_addf(out, "%s%s", sep, b->villages[r->o.village].name);
	jf_buf_addf(out, "%s%s", sep, jf_view_label(r, JF_L_REPORT));
}

void jf_view_period(const struct jf_report *r, struct jf_buf *out)
{
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
	size_t len = out->len;
	jf_report_period_name(r->o.from, r->o.to, out);
	if (out->len > len)
		jf_buf_adds(out, zh(r) ? "：" : ": ");
	jf_buf_addf(out, zh(r) ? "%s 至 %s" : "%s to %s", jf_date_format(r->o.from, d1),
		    jf_date_format(r->o.to, d2));
}

bool jf_view_section(const struct jf_report *r, enum jf_section s, int v,
		     struct jf_view *out)
{
	switch (s) {
	case JF_SEC_TOTALS: jf_view_totals(r, v, out); break;
	case JF_SEC_VILLAGES: jf_view_villages(r, out); break;
	case JF_SEC_CATEGORIES: jf_view_categories(r, out); break;
	case JF_SEC_RULES: jf_view_rules(r, out); break;
	case JF_SEC_HONOR: jf_view_ranks(r, false, v, out); break;
	case JF_SEC_LOSERS:
		if (!r->o.deductions)
			return false;
		jf_view_ranks(r, true, v, out);
		break;
	case JF_SEC_GOODS: jf_view_goods(r, v, out); break;
	case JF_SEC_STOCK: jf_view_stock(r, v, out); break;
	case JF_SEC_TREND: jf_view_trend(r, out); break;
	case JF_SEC_REVIEWS: jf_view_reviews(r, out); break;
	case JF_SEC_ON_NOTICE:
		if (!r->book->review.set)
			return false;
		jf_view_on_notice(r, v, out);
		break;
	case JF_SEC_STARS:
		if (!r->stars_on)
			return false;
		jf_view_stars(r, v, out);
		break;
	case JF_SEC_WISHES:
	case JF_SEC_TEAM_HOURS:
	case JF_SEC_VOLUNTEER_HOURS:
		if (!r->wishes_on)
			return false;
		(s == JF_SEC_WISHES ? jf_view_wishes : s == JF_SEC_TEAM_HOURS ? jf_view_team_hours
		 : jf_view_volunteer_hours)(r, v, out);
		break;
	default: return false;
	}
	return true;
}

void jf_view_each(const struct jf_report *r, jf_view_fn fn, void *ctx)
{
	static const enum jf_section order[] = {
		JF_SEC_TOTALS, JF_SEC_VILLAGES, JF_SEC_CATEGORIES, JF_SEC_RULES,
		JF_SEC_HONOR, JF_SEC_LOSERS, JF_SEC_GOODS, JF_SEC_STOCK,
		JF_SEC_TREND, JF_SEC_REVIEWS, JF_SEC_ON_NOTICE, JF_SEC_STARS,
		JF_SEC_WISHES, JF_SEC_TEAM_HOURS, JF_SEC_VOLUNTEER_HOURS,
	};
	struct jf_view v;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		if (jf_view_section(r, order[i], -1, &v))
			fn(ctx, &v);
}

void jf_report_format(const struct jf_report *r, enum jf_format fmt, struct jf_buf *out)
{
	switch (fmt) {
	case JF_FMT_JSON: jf_report_json(r, out); break;
	case JF_FMT_CSV: jf_report_csv(r, false, out); break;
	case JF_FMT_TSV: jf_report_csv(r, true, out); break;
	case JF_FMT_HTML: jf_report_html(r, out); break;
	case JF_FMT_MARKDOWN: jf_report_text(r, true, out); break;
	default: jf_report_text(r, false, out); break;
	}
}

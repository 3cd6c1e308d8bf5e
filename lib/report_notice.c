/* report_notice.c - a village's notice board (公示栏) as a printed page.
 *
 * One A4 page (more for a large village) through the print writer: the
 * title 「X村积分公示」 with the period, the honor roll first, then every
 * household of the village with the period's earned, deducted, (adjusted,
 * when any household of the village has an adjustment,) redeemed and its
 * balance at the period's end — zeros for a household without entries —,
 * then the goods redeemed by name, in books with review: the deeds on
 * notice (公示中) with their notice period, and the notice: foot.  A household is
 * listed when its account is open some day of the period, or it still
 * holds points.
 */
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "print.h"
#include "report_view.h"

static const char *lab(const struct jf_report *r, enum jf_label l)
{
	return jf_view_label(r, l);
}

static bool listed(const struct jf_report *r, size_t i)
{
	const struct jf_household *h = &r->book->households[i];
	const struct jf_report_hh *x = &r->hh[i];
	if (x->active || x->balance != 0)
		return true;
	return (h->since == JF_DATE_NONE || h->since <= r->o.to) &&
	       (h->until == JF_DATE_NONE || h->until >= r->o.from);
}

/* Open the section cls headed l with its table of ncols columns, kept on
 * one page when its n rows are at most keep; false when it has no rows
 * (it says so). */
static bool section(struct jf_print *p, const struct jf_report *r, const char *cls,
		    enum jf_label l, size_t n, size_t keep, const struct jf_print_col *cols,
		    size_t ncols)
{
	jf_print_section(p, cls, lab(r, l), n <= keep);
	if (!n) {
		jf_print_text(p, "none", lab(r, JF_L_NONE));
		return false;
	}
	jf_print_table(p, cls, cols, ncols);
	return true;
}

/* The honor roll of village v: rank, household, head, earned. */
static void honor(struct jf_print *p, const struct jf_report *r, int v)
{
	const struct jf_book *b = r->book;
	char pb[JF_POINTS_BUFSZ], rank[24];
	size_t n = r->honor_n[v];
	struct jf_print_col cols[4] = { { lab(r, JF_L_RANK), true }, { lab(r, JF_L_HOUSEHOLD), false },
					{ lab(r, JF_L_HEAD), false }, { lab(r, JF_L_EARNED), true } };
	if (!section(p, r, "honor", JF_L_HONOR, n, 15, cols, 4))
		return;
	for (size_t i = 0; i < n; i++) {
		const struct jf_report_rank *k = &r->honor[r->honor_at[v] + i];
		snprintf(rank, sizeof rank, "%d", k->rank);
		const char *c[4] = { rank, b->households[k->index].id, b->households[k->index].head,
				     jf_points_format(r->hh[k->index].earned, pb) };
		jf_print_row(p, NULL, c);
	}
}

/* Every household of village v: earned, deducted, adjusted (when any
 * household of the village has an adjustment), redeemed, in books with
 * expiry: what expired in the period, the balance, and in books with
 * expiry: the points that expire within 30 days of the period's end (the
 * reminder, 到期提醒). */
static void households(struct jf_print *p, const struct jf_report *r, int v)
{
	enum { EARNED, DEDUCTED, ADJUSTED, REDEEMED, EXPIRED, BALANCE, EXPIRING, NFIG };
	static const enum jf_label head[NFIG] = {
		JF_L_EARNED, JF_L_DEDUCTED, JF_L_ADJUSTED, JF_L_REDEEMED, JF_L_EXPIRED,
		JF_L_BALANCE, JF_L_EXPIRING,
	};
	const struct jf_book *b = r->book;
	bool show[NFIG] = { true, true, false, true, r->expiry_on, true, r->expiry_on };
	jf_points sum[NFIG] = { 0 };
	for (size_t i = 0; i < b->nhouseholds; i++)
		if (b->households[i].village == v && r->hh[i].adjusted != 0)
			show[ADJUSTED] = true;
	struct jf_print_col cols[2 + NFIG] = {
		{ lab(r, JF_L_HOUSEHOLD), false }, { lab(r, JF_L_HEAD), false },
	};
	size_t n = 2;
	for (int k = 0; k < NFIG; k++)
		if (show[k])
			cols[n++] = (struct jf_print_col){ lab(r, head[k]), true };
	jf_print_section(p, "households", lab(r, JF_L_EVERY_HH), false);
	jf_print_table(p, "households", cols, n);
	char f[NFIG][JF_POINTS_BUFSZ];
	const char *c[2 + NFIG];
	for (size_t i = 0; i <= b->nhouseholds; i++) {
		bool total = i == b->nhouseholds;
		const struct jf_report_hh *x = total ? NULL : &r->hh[i];
		if (!total && (b->households[i].village != v || !listed(r, i)))
			continue;
		jf_points fig[NFIG];
		if (x) {
			jf_points in[NFIG] = { x->earned, x->deducted, x->adjusted, x->redeemed,
					       x->expired, x->balance, x->expiring };
			for (int k = 0; k < NFIG; k++) {
				fig[k] = in[k];
				/* the village's sums did not overflow, so these do not */
				(void)jf_points_add(sum[k], in[k], &sum[k]);
			}
		} else {
			for (int k = 0; k < NFIG; k++)
				fig[k] = sum[k];
		}
		size_t m = 0;
		c[m++] = total ? lab(r, JF_L_TOTAL) : b->households[i].id;
		c[m++] = total ? "" : b->households[i].head;
		for (int k = 0; k < NFIG; k++)
			if (show[k])
				c[m++] = jf_points_format(fig[k], f[k]);
		jf_print_row(p, total ? "total" : NULL, c);
	}
}

/* The goods redeemed in village v, by name. */
static void goods(struct jf_print *p, const struct jf_report *r, int v)
{
	const struct jf_book *b = r->book;
	char q[24], pb[JF_POINTS_BUFSZ];
	struct jf_print_col cols[4] = { { lab(r, JF_L_ITEM), false }, { lab(r, JF_L_QTY), true },
					{ lab(r, JF_L_UNIT), false }, { lab(r, JF_L_POINTS), true } };
	size_t n = 0;
	for (size_t i = 0; i < b->ngoods; i++)
		n += r->goods[(size_t)v * b->ngoods + i].qty != 0;
	if (!section(p, r, "goods", JF_L_GOODS, n, 15, cols, 4))
		return;
	for (size_t i = 0; i < b->ngoods; i++) {
		const struct jf_report_good *g = &r->goods[(size_t)v * b->ngoods + i];
		if (!g->qty)
			continue;
		snprintf(q, sizeof q, "%lld", (long long)g->qty);
		const char *c[4] = { b->goods[i].name, q, b->goods[i].unit,
				     jf_points_format(g->points, pb) };
		jf_print_row(p, NULL, c);
	}
}

/* Books with review: (SPEC 4.2): the deeds of village v on notice on the
 * period's last day (or today), with their notice period: not yet in the
 * figures above, which count them from their counting day. */
static void on_notice(struct jf_print *p, const struct jf_report *r, int v)
{
	const struct jf_book *b = r->book;
	bool zh = b->lang == JF_LANG_ZH;
	char pb[JF_POINTS_BUFSZ], d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ], d3[JF_DATE_BUFSZ];
	struct jf_buf per = JF_BUF_INIT, what = JF_BUF_INIT;
	struct jf_print_col cols[6] = {
		{ lab(r, JF_L_HOUSEHOLD), false }, { lab(r, JF_L_HEAD), false },
		{ lab(r, JF_L_RULE), false }, { lab(r, JF_L_POINTS), true },
		{ lab(r, JF_L_PERIOD), false }, { lab(r, JF_L_COUNTS_FROM), false },
	};
	size_t n = 0;
	for (size_t i = 0; i < r->nnotices; i++)
		n += r->notices[i].village == v;
	if (!section(p, r, "on-notice", JF_L_ON_NOTICE, n, 12, cols, 6))
		return;
	for (size_t i = 0; i < r->nnotices; i++) {
		const struct jf_report_notice *x = &r->notices[i];
		if (x->village != v)
			continue;
		const struct jf_household *h = &b->households[x->household];
		jf_buf_reset(&what);
		jf_buf_adds(&what, b->activities[x->activity].name);
		if (x->qty > 1)
			jf_buf_addf(&what, " ×%lld", (long long)x->qty);
		jf_buf_reset(&per);
		jf_buf_addf(&per, zh ? "%s 至 %s" : "%s to %s", jf_date_format(x->notice_from, d1),
			    jf_date_format(x->counts_from - 1, d2));
		const char *c[6] = { h->id, h->head, what.s, jf_points_format(x->points, pb), per.s,
				     jf_date_format(x->counts_from, d3) };
		jf_print_row(p, NULL, c);
	}
	jf_buf_release(&per);
	jf_buf_release(&what);
}

void jf_report_notice(const struct jf_report *r, struct jf_buf *out)
{
	const struct jf_book *b = r->book;
	int v = r->o.village;
	struct jf_buf t = JF_BUF_INIT, per = JF_BUF_INIT;
	jf_buf_addf(&t, "%s%s%s", b->villages[v].name, b->lang == JF_LANG_ZH ? "" : " ",
		    lab(r, JF_L_NOTICE));
	jf_view_period(r, &per);
	struct jf_print *p = jf_print_new(b, JF_PAPER_A4, r->o.printed, "notice", t.s);
	struct jf_print_head h = { t.s, b->township, NULL, per.s };
	jf_print_page(p, "notice", &h);
	/* the two short lists side by side, the honor roll first */
	jf_print_band(p, true);
	honor(p, r, v);
	goods(p, r, v);
	jf_print_band(p, false);
	households(p, r, v);
	if (b->review.set)
		on_notice(p, r, v);
	jf_print_finish(p, out);
	jf_print_free(p);
	jf_buf_release(&t);
	jf_buf_release(&per);
}

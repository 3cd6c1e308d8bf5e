/* passbook.c - the printed passbook (积分存折) of jf-log --format html.
 *
 * Per household, a page of the print writer (print.h): 日期, 事由 (the
 * rule's or the goods' name, an adjustment's reason, 作废 and the reason
 * of a void), 存入 (what adds to the balance), 支取 (what takes from it),
 * 结余 (the running balance; a reviewed earn's points on its counting day,
 * the entry itself marked 待审核, 公示中 ... before; 年度清零 for what
 * expired, not the receipts of it); with a period start, a first line 承上 with
 * the balance brought forward.  Each household starts a new sheet.
 */
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "labels.h"
#include "print.h"
#include "review.h"
#include "stmt.h"
#include "stmt_priv.h"

/* Order: household, then date, then ledger order. */
static int cmp_hh(const void *a, const void *b)
{
	const struct jf_stmt_line *x = *(const struct jf_stmt_line *const *)a;
	const struct jf_stmt_line *y = *(const struct jf_stmt_line *const *)b;
	if (x->household != y->household)
		return x->household < y->household ? -1 : 1;
	return jf_stmt_cmp_line(x, y);
}

/* Books with review: (SPEC 4.2).  A reviewed earn shows on its date while
 * it does not count (pending review, on notice, rejected, voided) and on
 * its counting day (its line "counts") once it does; the reviews
 * themselves (approve, object, reject) change no balance and are not in
 * the passbook. */
static bool in_passbook(const struct jf_stmt_line *l)
{
	if ((jf_kind(l->kind)->flags & JF_KF_FOLLOW) && l->kind != JF_VOID && !l->effect)
		return false;
	/* a receipt of expiry changes nothing: the computed line 年度清零 is
	 * what counts (SPEC 4.5), once */
	if (jf_kind_has(l->kind, JF_F_UNTIL) && !l->expired)
		return false;
	if (l->state >= 0 && !l->counting && l->counts_from != JF_DATE_NONE &&
	    (l->state == JF_RV_COUNTS || l->state == JF_RV_VOIDED))
		return false;
	return true;
}

static const enum jf_label state_label[] = {
	[JF_RV_PENDING] = JF_L_PENDING, [JF_RV_NOTICE] = JF_L_NOTICE_ST,
	[JF_RV_COUNTS] = JF_L_NONE, [JF_RV_REJECTED] = JF_L_REJECTED,
	[JF_RV_VOIDED] = JF_L_VOIDED,
};

/* What the line was for, in words. */
static void cause(const struct jf_book *b, const struct jf_stmt_line *l, struct jf_buf *out)
{
	bool zh = b->lang == JF_LANG_ZH;
	if (jf_kind_has(l->kind, JF_F_ACTIVITY) && l->activity >= 0) {
		jf_buf_adds(out, b->activities[l->activity].name);
		if (l->qty > 1)
			jf_buf_addf(out, " ×%lld", (long long)l->qty);
		if (l->state >= 0 && !l->counting && l->state != JF_RV_COUNTS)
			jf_buf_addf(out, zh ? "（%s）" : " (%s)",
				    jf_label(b->lang, state_label[l->state]));
	} else if (jf_kind_has(l->kind, JF_F_ITEM) && l->item >= 0) {
		jf_buf_addf(out, "%s ×%lld%s", b->goods[l->item].name, (long long)l->qty,
			    b->goods[l->item].unit);
	} else if (l->kind == JF_VOID) {
		jf_buf_addf(out, "%s%s%s", jf_label(b->lang, JF_L_VOIDED), zh ? "：" : ": ",
			    l->t.reason ? l->t.reason : "");
	} else if (l->peer >= 0) {
		/* a transfer: the other household (SPEC 4.5) */
		const struct jf_household *o = &b->households[l->peer];
		jf_buf_addf(out, "%s%s %s %s", l->t.reason ? l->t.reason : "", l->t.reason ? "：" : "",
			    o->id, o->head);
	} else if (l->t.reason) {
		jf_buf_adds(out, l->t.reason);
	} else {
		jf_buf_adds(out, jf_label_kind(b->lang, l->kind));
	}
}

enum jf_status jf_stmt_passbook(struct jf_stmt *s, enum jf_paper paper, jf_date printed,
				struct jf_buf *out, struct jf_diags *d)
{
	const struct jf_book *b = s->b;
	bool zh = b->lang == JF_LANG_ZH;
	struct jf_stmt_line **ix = jf_calloc(s->n + 1, sizeof *ix);
	struct jf_buf title = JF_BUF_INIT, place = JF_BUF_INIT, sub = JF_BUF_INIT,
		      per = JF_BUF_INIT, what = JF_BUF_INIT;
	char db[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ], fin[JF_POINTS_BUFSZ], fout[JF_POINTS_BUFSZ],
	     fbal[JF_POINTS_BUFSZ];
	enum jf_status st = JF_OK;
	struct jf_print_col cols[5] = {
		{ jf_label(b->lang, JF_L_DATE), false }, { jf_label(b->lang, JF_L_CAUSE), false },
		{ jf_label(b->lang, JF_L_IN), true }, { jf_label(b->lang, JF_L_OUT), true },
		{ jf_label(b->lang, JF_L_BALANCE), true },
	};

	for (size_t i = 0; i < s->n; i++)
		ix[i] = &s->v[i];
	if (s->n)
		qsort(ix, s->n, sizeof *ix, cmp_hh);
	jf_buf_addf(&title, "%s%s%s", b->township, zh ? "" : " ", jf_label(b->lang, JF_L_PASSBOOK));
	if (s->from != JF_DATE_NONE || s->to != JF_DATE_NONE) {
		jf_buf_addf(&per, "%s%s", jf_label(b->lang, JF_L_PERIOD), zh ? "：" : ": ");
		if (s->from != JF_DATE_NONE)
			jf_buf_adds(&per, jf_date_format(s->from, db));
		jf_buf_addf(&per, zh ? " 至 " : " to ");
		if (s->to != JF_DATE_NONE)
			jf_buf_adds(&per, jf_date_format(s->to, d2));
	}
	struct jf_print *p = jf_print_new(b, paper, printed, "passbook", title.s);
	size_t k = 0;
	for (size_t h = 0; h < b->nhouseholds && st == JF_OK; h++) {
		if (!s->want[h])
			continue;
		const struct jf_household *hh = &b->households[h];
		jf_buf_reset(&place);
		jf_buf_addf(&place, "%s %s", b->township, b->villages[hh->village].name);
		jf_buf_reset(&sub);
		jf_buf_addf(&sub, "%s %s%s%s %s", jf_label(b->lang, JF_L_HOUSEHOLD), hh->id,
			    zh ? "　" : "  ", jf_label(b->lang, JF_L_HEAD), hh->head);
		struct jf_print_head head = { title.s, place.s, sub.s, per.len ? per.s : NULL };
		jf_print_page(p, NULL, &head);
		jf_print_section(p, NULL, NULL, false);
		jf_print_table(p, "passbook", cols, 5);
		while (k < s->n && ix[k]->household < (int)h)
			k++;
		jf_points bal = 0;
		bool shown = false, carried = s->from == JF_DATE_NONE;
		for (; k < s->n && ix[k]->household == (int)h; k++) {
			const struct jf_stmt_line *l = ix[k];
			if (!jf_points_add(bal, l->effect, &bal)) {
				jf_error(d, "the balance of '%s' overflows", hh->id);
				st = JF_INVALID;
				break;
			}
			if ((l->date < s->from && s->from != JF_DATE_NONE) || !in_passbook(l))
				continue;
			if (!carried) {
				jf_points before = bal - l->effect; /* bal did not overflow */
				const char *c[5] = { jf_date_format(s->from, db),
						     jf_label(b->lang, JF_L_BROUGHT), "", "",
						     jf_points_format(before, fbal) };
				jf_print_row(p, "carry", c);
				carried = true;
			}
			jf_buf_reset(&what);
			cause(b, l, &what);
			const char *c[5] = { jf_date_format(l->date, db), what.s,
					     l->effect > 0 ? jf_points_format(l->effect, fin) : "",
					     l->effect < 0 ? jf_points_format(-l->effect, fout) : "",
					     jf_points_format(bal, fbal) };
			jf_print_row(p, NULL, c);
			shown = true;
		}
		if (!carried) {
			const char *c[5] = { jf_date_format(s->from, db), jf_label(b->lang, JF_L_BROUGHT),
					     "", "", jf_points_format(bal, fbal) };
			jf_print_row(p, "carry", c);
		}
		if (!shown)
			jf_print_text(p, "none", jf_label(b->lang, JF_L_NO_ENTRIES));
	}
	if (st == JF_OK)
		jf_print_finish(p, out);
	jf_print_free(p);
	free(ix);
	jf_buf_release(&title);
	jf_buf_release(&place);
	jf_buf_release(&sub);
	jf_buf_release(&per);
	jf_buf_release(&what);
	return st;
}

/* kind_year.c - the kinds of SPEC 4.4: transfer (分户, 合户, moving away)
 * and expire (a receipt of 清零). */
#include <string.h>

#include "acct.h"
#include "kind.h"
#include "txn.h"

#define P(kc, f, ...) jf_kcheck_problem(kc, f, JF_SEV_ERROR, __VA_ARGS__)
#define W(kc, f, ...) jf_kcheck_problem(kc, f, JF_SEV_WARNING, __VA_ARGS__)

/* transfer: points from `household` to `to`; two moves.  The record keeps
 * the receiver in qty (index.h has no room of its own for it). */

static void transfer_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	if ((ok & JF_FB(JF_F_POINTS)) && e->points <= 0)
		P(kc, JF_F_POINTS, "a transfer's points must be more than 0");
	if ((ok & JF_FB(JF_F_TO)) && (ok & JF_FB(JF_F_HOUSEHOLD)) && e->to == e->household)
		P(kc, JF_F_TO, "a transfer to the household it comes from");
}

static void transfer_warn(struct jf_kcheck *kc, const struct jf_entry *e)
{
	char d1[JF_DATE_BUFSZ];
	if (e->household < 0 || e->to < 0)
		return;
	const struct jf_household *h = &kc->b->households[e->household];
	const struct jf_household *to = &kc->b->households[e->to];
	/* out of a closed account is allowed (SPEC 4.0), before it opened is not */
	if (h->since != JF_DATE_NONE && e->date < h->since)
		W(kc, JF_F_DATE, "household '%s' has no open account on %s", h->id,
		  jf_date_format(e->date, d1));
	if (!jf_date_within(e->date, to->since, to->until))
		W(kc, JF_F_TO, "household '%s' has no open account on %s", to->id,
		  jf_date_format(e->date, d1));
}

static size_t transfer_moves(const struct jf_book *b, const struct jf_effect *r,
			     const struct jf_effect *t, struct jf_move *out)
{
	(void)t;
	int to = r->qty;
	if (to < 0 || (size_t)to >= b->nhouseholds)
		return 0;
	for (int i = 0; i < 2; i++) {
		struct jf_move m = {
			.household = i ? to : r->household, .bucket = JF_BUCKET_TRANSFER,
			.points = i ? r->points : -r->points, .rule = -1, .item = -1,
			.village = i ? b->households[to].village : r->village,
			.from = r->date, .dated = r->date,
		};
		out[i] = m;
	}
	return 2;
}

static enum jf_status transfer_prepare(struct jf_wctx *w)
{
	const struct jf_txn *t = w->t;
	struct jf_txn_result *r = w->r;
	char p1[JF_POINTS_BUFSZ];
	if (t->points <= 0)
		return jf_wrefuse(w, JF_USAGE, "bad points '%s': a transfer moves more than 0 points",
				  jf_points_format(t->points, p1));
	if (!t->to || (r->to = jf_book_household(w->b, t->to)) < 0)
		return jf_wrefuse(w, JF_REFUSED, "unknown household '%s'", t->to ? t->to : "");
	if (r->to == r->household)
		return jf_wrefuse(w, JF_USAGE, "cannot transfer from %s to itself", t->to);
	/* out of a closed account is allowed (SPEC 4.0), into one is not */
	enum jf_status st = jf_wctx_account(w, &w->b->households[r->to], false);
	if (st == JF_OK)
		st = jf_wctx_account(w, &w->b->households[r->household], true);
	if (st != JF_OK)
		return st;
	w->rec->points = t->points;
	return JF_OK;
}

static enum jf_status transfer_settle(struct jf_wctx *w)
{
	char p1[JF_POINTS_BUFSZ], p2[JF_POINTS_BUFSZ];
	if (w->balance < w->rec->points)
		return jf_wrefuse(w, JF_REFUSED, "balance short: %s has %s, the transfer is %s",
				  w->t->household, jf_points_format(w->balance, p1),
				  jf_points_format(w->rec->points, p2));
	return JF_OK;
}

const struct jf_kind_ops jf_kind_transfer = {
	.name = "transfer",
	.required = JF_FB(JF_F_HOUSEHOLD) | JF_FB(JF_F_TO) | JF_FB(JF_F_POINTS) |
		    JF_FB(JF_F_REASON),
	.flags = JF_KF_VOIDABLE | JF_KF_LISTED | JF_KF_CLOSED_OK,
	.check = transfer_check,
	.warn = transfer_warn,
	.moves = transfer_moves,
	.prepare = transfer_prepare,
	.settle = transfer_settle,
};

/* expire: a receipt that the household's points valid through `until`
 * expired; no moves (expiry is computed, expiry.h).  The record keeps
 * `until` in qty. */

static void expire_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	char d1[JF_DATE_BUFSZ];
	if ((ok & JF_FB(JF_F_POINTS)) && e->points >= 0)
		P(kc, JF_F_POINTS, "a receipt of expiry's points must be negative");
	if ((ok & JF_FB(JF_F_UNTIL)) && e->date != e->until + 1 && e->until != JF_DATE_NONE)
		P(kc, JF_F_DATE, "a receipt of expiry is dated the day after its 'until' (%s)",
		  jf_date_format(e->until + 1, d1));
	if ((ok & JF_FB(JF_F_UNTIL)) && !kc->b->expiry.years && kc->warnings)
		W(kc, JF_F_UNTIL, "a receipt of expiry in a book without 'expiry:' (jf.yaml)");
}

static enum jf_status expire_prepare(struct jf_wctx *w)
{
	if (w->t->points >= 0)
		return jf_wrefuse(w, JF_USAGE, "a receipt of expiry's points must be negative");
	if (w->t->until == JF_DATE_NONE || w->r->date != w->t->until + 1)
		return jf_wrefuse(w, JF_USAGE, "a receipt of expiry is dated the day after its 'until'");
	w->rec->points = w->t->points;
	return JF_OK;
}

const struct jf_kind_ops jf_kind_expire = {
	.name = "expire",
	.required = JF_FB(JF_F_HOUSEHOLD) | JF_FB(JF_F_POINTS) | JF_FB(JF_F_UNTIL),
	.flags = JF_KF_CLOSED_OK,
	.check = expire_check,
	.prepare = expire_prepare,
};

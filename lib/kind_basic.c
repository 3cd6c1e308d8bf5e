/* kind_basic.c - the kinds of SPEC section 1: earn, redeem, adjust,
 * restock and void. */
#include <string.h>

#include "acct.h"
#include "kind.h"
#include "review.h"
#include "txn.h"

#define P(kc, f, ...) jf_kcheck_problem(kc, f, JF_SEV_ERROR, __VA_ARGS__)
#define W(kc, f, ...) jf_kcheck_problem(kc, f, JF_SEV_WARNING, __VA_ARGS__)

/* The one move of an entry of these kinds, into out[0]: r's household and
 * shop from r's date, and in a bucket (not JF_BUCKET_NONE) r's points;
 * the callers add what their kind moves besides.  Returns the move. */
static struct jf_move *one_move(struct jf_move *out, const struct jf_effect *r,
				enum jf_bucket bucket)
{
	out[0] = (struct jf_move){
		.household = r->household, .bucket = bucket,
		.points = bucket != JF_BUCKET_NONE ? r->points : 0, .rule = -1, .item = -1,
		.village = r->village, .from = r->date, .dated = r->date,
	};
	return &out[0];
}

/* w's points: price times the qty asked, or a refusal if that overflows. */
static enum jf_status times_qty(struct jf_wctx *w, jf_points price)
{
	if (!jf_points_mul(price, w->t->qty, &w->rec->points))
		return jf_wrefuse(w, JF_USAGE, "points for qty %lld overflow", (long long)w->t->qty);
	return JF_OK;
}

/* earn: points to the household, by the sign of the rule; a reviewed earn
 * (SPEC 4.2) carries the approvals and notice_days it was written under */

static void earn_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	(void)ok;
	bool a = e->present & JF_FB(JF_F_APPROVALS), n = e->present & JF_FB(JF_F_NOTICE_DAYS);
	if (a != n)
		P(kc, a ? JF_F_APPROVALS : JF_F_NOTICE_DAYS,
		  "a reviewed earn carries both 'approvals' and 'notice_days'");
}

static void earn_warn(struct jf_kcheck *kc, const struct jf_entry *e)
{
	char b1[JF_POINTS_BUFSZ], b2[JF_POINTS_BUFSZ], d1[JF_DATE_BUFSZ];
	const struct jf_activity *a = &kc->b->activities[e->activity];
	jf_points want;
	if (!jf_date_within(e->date, a->since, a->until))
		W(kc, JF_F_DATE, "rule '%s' is not valid on %s", a->code,
		  jf_date_format(e->date, d1));
	else if (jf_points_mul(a->points, e->qty, &want) && want != e->points)
		W(kc, JF_F_POINTS, "recorded points %s differ from the rule's %s (%s x %lld)",
		  jf_points_format(e->points, b1), jf_points_format(want, b2), a->code,
		  (long long)e->qty);
}

size_t jf_reviewed_moves(const struct jf_effect *r, struct jf_move *out)
{
	if (!r->need)
		return 1;
	out[1] = out[0];
	out[0].points = 0;
	out[1].rule = -1;
	out[1].qty = 0;
	out[1].hours = false;
	out[1].reviewed = true;
	out[1].pend_end = JF_DATE_NONE;
	if (r->flags & JF_EFFECT_ENDED) {
		out[1].from = JF_DATE_NEVER;
		out[1].pend_end = r->counts;
	} else {
		out[1].from = r->counts == JF_DATE_NONE ? JF_DATE_NEVER : r->counts;
	}
	return 2;
}

bool jf_reviewed_stateful(const struct jf_effect *r)
{
	return r->need > 0;
}

void jf_reviewed_replay(struct jf_effect *r, struct jf_fu *f, size_t n)
{
	struct jf_review_state st;
	jf_review_replay(r, f, n, JF_DATE_NONE, &st);
	r->flags &= (uint8_t)~JF_EFFECT_ENDED;
	r->counts = st.counts_from;
	if (st.st == JF_RV_REJECTED || (st.st == JF_RV_VOIDED && st.counts_from == JF_DATE_NONE)) {
		r->flags |= JF_EFFECT_ENDED;
		r->counts = st.ended;
	}
}

/* A reviewed earn (SPEC 4.2) has two moves: the use of its rule on its
 * own date (limits count it while it is under review), and its points
 * (jf_reviewed_moves()). */
static size_t earn_moves(const struct jf_book *b, const struct jf_effect *r,
			 const struct jf_effect *t, struct jf_move *out)
{
	(void)b;
	(void)t;
	struct jf_move *m = one_move(out, r, JF_BUCKET_EARN);
	m->deduction = r->points < 0;
	m->rule = r->what;
	m->qty = r->qty;
	return jf_reviewed_moves(r, out);
}

static enum jf_status earn_prepare(struct jf_wctx *w)
{
	const struct jf_activity *a = &w->b->activities[w->r->activity];
	enum jf_status st = times_qty(w, a->points);
	if (st != JF_OK)
		return st;
	/* under a `review: true` rule it is written as a reviewed earn, with
	 * the approvals and notice days of today's review: block (SPEC 4.2) */
	if (a->review && w->b->review.set) {
		w->rec->need = (uint8_t)w->b->review.approvals;
		w->rec->notice = (uint16_t)w->b->review.notice_days;
		w->rec->counts = JF_DATE_NONE;
	}
	return JF_OK;
}

const struct jf_kind_ops jf_kind_earn = {
	.name = "earn",
	.required = JF_FB(JF_F_HOUSEHOLD) | JF_FB(JF_F_ACTIVITY) | JF_FB(JF_F_QTY) |
		    JF_FB(JF_F_POINTS),
	.optional = JF_FB(JF_F_SHEET) | JF_REVIEWED_FIELDS,
	.flags = JF_KF_VOIDABLE,
	.check = earn_check,
	.warn = earn_warn,
	.moves = earn_moves,
	JF_REVIEWED_HOOKS,
	.prepare = earn_prepare,
};

/* redeem: spends points, takes goods from the household's village shop */

static void redeem_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	if ((ok & JF_FB(JF_F_POINTS)) && e->points >= 0)
		P(kc, JF_F_POINTS, "a redemption's points must be negative");
}

static size_t redeem_moves(const struct jf_book *b, const struct jf_effect *r,
			   const struct jf_effect *t, struct jf_move *out)
{
	(void)b;
	(void)t;
	struct jf_move *m = one_move(out, r, JF_BUCKET_SPEND);
	m->item = r->what;
	m->qty = r->qty;
	m->stock = -(int64_t)r->qty;
	return 1;
}

static enum jf_status redeem_prepare(struct jf_wctx *w)
{
	enum jf_status st = times_qty(w, w->b->goods[w->r->item].points);
	if (st == JF_OK)
		w->rec->points = -w->rec->points;
	return st;
}

static enum jf_status redeem_settle(struct jf_wctx *w)
{
	char p1[JF_POINTS_BUFSZ], p2[JF_POINTS_BUFSZ], p3[JF_POINTS_BUFSZ];
	const struct jf_txn *t = w->t;
	const struct jf_txn_result *r = w->r;
	/* reviewed points pending or on notice do not count yet (SPEC 4.2) */
	jf_points pending = w->acc && w->rec->household >= 0
			  ? w->acc->acct[w->rec->household].pending : 0;
	if (w->balance < -w->rec->points && pending > 0)
		return jf_wrefuse(w, JF_REFUSED, "balance short: %s has %s (%s more pending review), "
				  "%lld x %s costs %s", t->household, jf_points_format(w->balance, p1),
				  jf_points_format(pending, p3), (long long)t->qty, t->code,
				  jf_points_format(-w->rec->points, p2));
	if (w->balance < -w->rec->points)
		return jf_wrefuse(w, JF_REFUSED, "balance short: %s has %s, %lld x %s costs %s",
				  t->household, jf_points_format(w->balance, p1),
				  (long long)t->qty, t->code, jf_points_format(-w->rec->points, p2));
	int64_t have;
	if (jf_wctx_stock(w, &have) && have < t->qty)
		return jf_wrefuse(w, JF_REFUSED, "stock short: the %s shop has %lld of '%s', %lld asked",
				  w->b->villages[r->village].code, (long long)have, t->code,
				  (long long)t->qty);
	return JF_OK;
}

const struct jf_kind_ops jf_kind_redeem = {
	.name = "redeem",
	.required = JF_FB(JF_F_HOUSEHOLD) | JF_FB(JF_F_ITEM) | JF_FB(JF_F_QTY) |
		    JF_FB(JF_F_POINTS),
	.optional = JF_FB(JF_F_SHEET),
	.flags = JF_KF_VOIDABLE,
	.check = redeem_check,
	.moves = redeem_moves,
	.prepare = redeem_prepare,
	.settle = redeem_settle,
};

/* adjust: opening balances and township decisions */

static void adjust_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	if ((ok & JF_FB(JF_F_POINTS)) && e->points == 0)
		P(kc, JF_F_POINTS, "an adjustment of 0 points");
}

static size_t adjust_moves(const struct jf_book *b, const struct jf_effect *r,
			   const struct jf_effect *t, struct jf_move *out)
{
	(void)b;
	(void)t;
	one_move(out, r, JF_BUCKET_ADJUST);
	return 1;
}

static enum jf_status adjust_prepare(struct jf_wctx *w)
{
	w->rec->points = w->t->points;
	return JF_OK;
}

const struct jf_kind_ops jf_kind_adjust = {
	.name = "adjust",
	.required = JF_FB(JF_F_HOUSEHOLD) | JF_FB(JF_F_POINTS) | JF_FB(JF_F_REASON),
	.flags = JF_KF_VOIDABLE | JF_KF_LISTED,
	.check = adjust_check,
	.moves = adjust_moves,
	.prepare = adjust_prepare,
};

/* restock: goods into (qty < 0: out of) a village shop */

static void restock_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	(void)ok;
	if (e->item >= 0 && !kc->b->goods[e->item].stock && kc->warnings)
		W(kc, JF_F_ITEM, "stock of '%s' is not tracked (no 'stock: true')",
		  kc->b->goods[e->item].code);
}

static size_t restock_moves(const struct jf_book *b, const struct jf_effect *r,
			    const struct jf_effect *t, struct jf_move *out)
{
	(void)b;
	(void)t;
	struct jf_move *m = one_move(out, r, JF_BUCKET_NONE);
	m->household = -1;
	m->item = r->what;
	m->stock = r->qty;
	return 1;
}

static enum jf_status restock_prepare(struct jf_wctx *w)
{
	const struct jf_good *g = &w->b->goods[w->r->item];
	if (!g->stock)
		return jf_wrefuse(w, JF_REFUSED,
				  "stock of '%s' is not tracked (no 'stock: true' in catalogue.yaml)",
				  g->code);
	return JF_OK;
}

static enum jf_status restock_settle(struct jf_wctx *w)
{
	const struct jf_txn *t = w->t;
	int64_t have;
	if (jf_wctx_stock(w, &have) && have + t->qty < 0)
		return jf_wrefuse(w, JF_REFUSED, "cannot write off %lld of '%s': the %s shop has %lld",
				  (long long)-t->qty, t->code, w->b->villages[w->r->village].code,
				  (long long)have);
	return JF_OK;
}

const struct jf_kind_ops jf_kind_restock = {
	.name = "restock",
	.required = JF_FB(JF_F_VILLAGE) | JF_FB(JF_F_ITEM) | JF_FB(JF_F_QTY),
	.flags = JF_KF_VOIDABLE,
	.qty_min = -1000000000,
	.check = restock_check,
	.moves = restock_moves,
	.prepare = restock_prepare,
	.settle = restock_settle,
};

/* void: its target no longer counts, from the void's date on */

/* How problems name a void's target: replayed voids have no text. */
#define REFNAME(e) ((e)->ref ? (e)->ref : "(a cached entry's target)")

static void void_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	if ((ok & JF_FB(JF_F_REF)) && e->id && !strcmp(e->ref, e->id))
		P(kc, JF_F_REF, "an entry cannot void itself");
}

static bool void_follow(struct jf_kcheck *kc, const struct jf_entry *e,
			struct jf_effect *self, struct jf_effect *target)
{
	if (!(jf_kind((enum jf_kind)target->kind)->flags & JF_KF_VOIDABLE)) {
		if (target->kind == JF_VOID)
			P(kc, JF_F_REF, "'%s' is a void; a void cannot be voided", REFNAME(e));
		else
			P(kc, JF_F_REF, "'%s' (kind %s) cannot be voided", REFNAME(e),
			  jf_kind_name((enum jf_kind)target->kind));
		return false;
	}
	if (target->flags & JF_EFFECT_VOIDED) {
		P(kc, JF_F_REF, "entry '%s' is already voided", REFNAME(e));
		return false;
	}
	if (kc->warnings && e->date < target->date) {
		char d1[JF_DATE_BUFSZ];
		W(kc, JF_F_REF, "the void is dated before the entry it undoes (%s)",
		  jf_date_format(target->date, d1));
	}
	target->flags |= JF_EFFECT_VOIDED;
	self->household = target->household;
	self->village = target->village;
	self->what = target->what;
	return true;
}

void jf_wctx_follow(struct jf_wctx *w)
{
	const struct jf_effect *tg = w->target;
	w->r->ref = w->t->ref;
	w->r->ref_kind = (enum jf_kind)tg->kind;
	w->rec->household = tg->household;
	w->rec->village = tg->village;
	w->r->household = tg->household;
	w->r->village = tg->village;
}

/* The target's moves taken back, on the void's date. */
static size_t void_moves(const struct jf_book *b, const struct jf_effect *r,
			 const struct jf_effect *t, struct jf_move *out)
{
	if (!t)
		return 0;
	const struct jf_kind_ops *o = jf_kind((enum jf_kind)t->kind);
	size_t n = o->moves ? o->moves(b, t, NULL, out) : 0;
	for (size_t i = 0; i < n; i++) {
		/* a reviewed entry's points: only what counted by the void's
		 * date is taken back (SPEC 4.2) */
		if (out[i].reviewed && (out[i].from == JF_DATE_NEVER || out[i].from > r->date))
			out[i].points = 0;
		out[i].reviewed = false;
		out[i].pend_end = JF_DATE_NONE;
		out[i].points = jf_points_neg(out[i].points);
		out[i].qty = -out[i].qty;
		out[i].stock = -out[i].stock;
		out[i].from = r->date;
	}
	return n;
}

static enum jf_status void_settle(struct jf_wctx *w)
{
	const struct jf_effect *tg = w->target;
	const struct jf_txn *t = w->t;
	struct jf_txn_result *r = w->r;
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
	if (tg->kind == JF_VOID)
		return jf_wrefuse(w, JF_REFUSED, "'%s' is a void; a void cannot be voided", t->ref);
	if (!(jf_kind((enum jf_kind)tg->kind)->flags & JF_KF_VOIDABLE))
		return jf_wrefuse(w, JF_REFUSED, "'%s' (kind %s) cannot be voided", t->ref,
				  jf_kind_name((enum jf_kind)tg->kind));
	if (tg->flags & JF_EFFECT_VOIDED)
		return jf_wrefuse(w, JF_REFUSED, "entry '%s' is already voided", t->ref);
	/* a rejected entry never counted: readers give such a void no effect
	 * (review.h), so a writer refuses it (SPEC 4.0: superseded is only
	 * for what clones merged) */
	if (tg->need) {
		struct jf_review_state rs;
		jf_review_replay(tg, w->fus, w->nfus, JF_DATE_NONE, &rs);
		if (rs.st == JF_RV_REJECTED)
			return jf_wrefuse(w, JF_REFUSED, "'%s' was rejected on %s: it never "
					  "counted, so there is nothing to void", t->ref,
					  jf_date_format(rs.ended, d1));
	}
	if (r->date < tg->date)
		return jf_wrefuse(w, JF_REFUSED,
				  "a void cannot be dated %s, before the entry it undoes (%s)",
				  jf_date_format(r->date, d1), jf_date_format(tg->date, d2));
	jf_wctx_follow(w);
	w->rec->what = tg->what;
	/* what it gives back: the target's rule or goods, and the stock */
	struct jf_move m[JF_MOVES_MAX];
	size_t n = void_moves(w->b, w->rec, tg, m);
	r->qty = 0;
	for (size_t i = 0; i < n; i++) {
		if (m[i].rule >= 0)
			r->activity = m[i].rule;
		if (m[i].item >= 0)
			r->item = m[i].item;
		r->qty += m[i].stock;
	}
	int64_t have;
	if (jf_wctx_stock(w, &have) && have + r->qty < 0)
		return jf_wrefuse(w, JF_REFUSED,
				  "cannot void the restock '%s': the %s shop has only %lld of '%s' left; "
				  "write off what is wrong instead (jf-restock %s %s -QTY)",
				  t->ref, w->b->villages[r->village].code, (long long)have,
				  w->b->goods[r->item].code, w->b->villages[r->village].code,
				  w->b->goods[r->item].code);
	/* what the target's kind says of undoing it (a take: its wish's state) */
	const struct jf_kind_ops *to = jf_kind((enum jf_kind)tg->kind);
	return to->settle_void ? to->settle_void(w) : JF_OK;
}

const struct jf_kind_ops jf_kind_void = {
	.name = "void",
	.required = JF_FB(JF_F_REF) | JF_FB(JF_F_REASON),
	.flags = JF_KF_FOLLOW | JF_KF_LISTED | JF_KF_ONCE,
	.check = void_check,
	.follow = void_follow,
	.moves = void_moves,
	.settle = void_settle,
};

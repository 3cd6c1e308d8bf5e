/* report.c - the figures of a period report, gathered in one pass. */
#include <stdlib.h>
#include <string.h>

#include "acct.h"
#include "kind.h"
#include "alloc.h"
#include "cmp.h"
#include "expiry.h"
#include "report.h"
#include "review_read.h"

struct jf_report *jf_report_new(const struct jf_book *b, const struct jf_report_opts *o)
{
	struct jf_report *r = jf_calloc(1, sizeof *r);
	size_t nv = b->nvillages ? b->nvillages : 1;

	r->book = b;
	r->o = *o;
	r->review_day = o->capped && o->today < o->to ? o->today : o->to;
	if (r->o.top < 1)
		r->o.top = JF_REPORT_TOP_DEFAULT;
	r->villages = jf_calloc(nv, sizeof *r->villages);
	r->hh = jf_calloc(b->nhouseholds ? b->nhouseholds : 1, sizeof *r->hh);
	r->rules = jf_calloc(b->nactivities ? b->nactivities : 1, sizeof *r->rules);
	r->cats = jf_calloc(b->ncategories ? b->ncategories : 1, sizeof *r->cats);
	r->goods = jf_calloc(nv * (b->ngoods ? b->ngoods : 1), sizeof *r->goods);
	r->honor_at = jf_calloc(nv, sizeof *r->honor_at);
	r->honor_n = jf_calloc(nv, sizeof *r->honor_n);
	r->losers_at = jf_calloc(nv, sizeof *r->losers_at);
	r->losers_n = jf_calloc(nv, sizeof *r->losers_n);
	/* 星级文明户: a period of exactly one calendar year */
	jf_date ya, yz;
	jf_period_bounds(JF_PER_YEAR, o->from, &ya, &yz);
	r->stars_on = b->stars.set && b->stars.nlevels && ya == o->from && yz == o->to;
	if (r->stars_on) {
		r->star_pts = jf_calloc(b->nhouseholds ? b->nhouseholds : 1, sizeof *r->star_pts);
		r->star_veto = jf_calloc(b->nhouseholds ? b->nhouseholds : 1, sizeof *r->star_veto);
		r->stars_at = jf_calloc(nv, sizeof *r->stars_at);
		r->stars_n = jf_calloc(nv, sizeof *r->stars_n);
	}

	/* the 8 ISO weeks ending with the one that holds `to` */
	jf_date mon, sun;
	jf_period_bounds(JF_PER_WEEK, o->to, &mon, &sun);
	r->trend_from = mon - 7 * (JF_REPORT_WEEKS - 1);
	for (int i = 0; i < JF_REPORT_WEEKS; i++) {
		struct jf_report_week *w = &r->weeks[i];
		w->from = r->trend_from + 7 * i;
		w->to = w->from + 6 < o->to ? w->from + 6 : o->to;
		jf_date_isoweek(w->from, &w->iso_year, &w->week);
	}
	return r;
}

void jf_report_free(struct jf_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nreviews; i++) {
		struct jf_report_review *v = &r->reviews[i];
		free(v->id); free(v->ref); free(v->reason); free(v->note); free(v->by);
	}
	free(r->reviews);
	for (size_t i = 0; i < r->nnotices; i++)
		free(r->notices[i].id);
	free(r->notices);
	free(r->villages);
	free(r->hh);
	free(r->rules);
	free(r->cats);
	free(r->goods);
	free(r->honor); free(r->honor_at); free(r->honor_n);
	free(r->losers); free(r->losers_at); free(r->losers_n);
	free(r->top_rules);
	free(r->star_pts); free(r->star_veto);
	free(r->stars); free(r->stars_at); free(r->stars_n);
	jf_report_wish_free(r);
	free(r);
}

bool jf_report_has_village(const struct jf_report *r, int v)
{
	return v >= 0 && (size_t)v < r->book->nvillages && (r->o.village < 0 || r->o.village == v);
}

/* *to += v, clearing *ok on overflow. */
static void addp(bool *ok, jf_points *to, jf_points v)
{
	if (!jf_points_add(*to, v, to))
		*ok = false;
}

static void addi(bool *ok, int64_t *to, int64_t v)
{
	if (__builtin_add_overflow(*to, v, to))
		*ok = false;
}

static void add_review(struct jf_report *r, const struct jf_entry *e)
{
	r->reviews = jf_grow(r->reviews, r->nreviews, &r->capreviews, 16, sizeof *r->reviews);
	struct jf_report_review *v = &r->reviews[r->nreviews++];
	memset(v, 0, sizeof *v);
	v->date = e->date;
	v->kind = e->kind;
	v->target_kind = e->target ? (enum jf_kind)e->target->kind : e->kind;
	v->household = e->household;
	v->village = e->village;
	v->what = -1;
	v->to = e->to;
	if (e->target) {
		v->what = e->target->what;
		v->qty = e->target->qty;
		/* a transfer's receiver stands in its record's qty */
		if (jf_kind_has((enum jf_kind)e->target->kind, JF_F_TO))
			v->to = (int)e->target->qty;
	}
	if (v->to < 0 || (size_t)v->to >= r->book->nhouseholds)
		v->to = -1;
	struct jf_move m[JF_MOVES_MAX];
	size_t n = jf_entry_moves(r->book, e, m);
	if (!jf_moves_points(m, n, e->household, &v->points))
		v->points = 0;
	v->id = jf_strdup(e->id);
	v->ref = jf_strdup_or_null(e->ref);
	v->reason = jf_strdup_or_null(e->reason);
	v->note = jf_strdup_or_null(e->note);
	v->by = jf_strdup_or_null(e->by);
}

/* Stars: the earn points of the year (net of voids dated in it) and the
 * uses of veto rules, by household. */
static void star_move(struct jf_report *r, const struct jf_move *mv, bool *ok)
{
	const struct jf_stars *st = &r->book->stars;
	addp(ok, &r->star_pts[mv->household], mv->points);
	for (size_t i = 0; i < st->nveto; i++)
		if (st->veto[i] == mv->rule)
			addi(ok, &r->star_veto[mv->household], mv->qty);
}

/* The order of every ranking here: the bigger x1 first, then the bigger
 * x2; 0 when both are equal (the caller breaks the tie). */
static int bigger_first(int64_t x1, int64_t y1, int64_t x2, int64_t y2)
{
	if (x1 != y1)
		return x1 > y1 ? -1 : 1;
	if (x2 != y2)
		return x2 > y2 ? -1 : 1;
	return 0;
}

static int cmp_star(const void *a, const void *b)
{
	const struct jf_report_star *x = a, *y = b;
	int c = bigger_first(x->stars, y->stars, x->points, y->points);
	if (c)
		return c;
	return x->household < y->household ? -1 : x->household > y->household;
}

/* Rate every household whose account is open on the year's last day. */
static void rate_stars(struct jf_report *r, bool *ok)
{
	const struct jf_book *b = r->book;
	const struct jf_stars *st = &b->stars;
	r->stars = jf_calloc(b->nhouseholds ? b->nhouseholds : 1, sizeof *r->stars);
	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		r->stars_at[v] = r->nstars;
		for (size_t h = 0; h < b->nhouseholds; h++) {
			const struct jf_household *hh = &b->households[h];
			if (hh->village != (int)v || !jf_date_within(r->o.to, hh->since, hh->until))
				continue;
			struct jf_report_star *s = &r->stars[r->nstars++];
			s->household = (int)h;
			addp(ok, &s->points, r->star_pts[h]);
			addp(ok, &s->points, st->base);
			s->stars = 0;
			if (r->star_veto[h] <= 0)
				for (size_t l = 0; l < st->nlevels && !s->stars; l++)
					if (s->points >= st->levels[l].min)
						s->stars = st->levels[l].stars;
		}
		r->stars_n[v] = r->nstars - r->stars_at[v];
		if (r->stars_n[v])
			qsort(r->stars + r->stars_at[v], r->stars_n[v], sizeof *r->stars, cmp_star);
	}
}

/* A reviewed earn (SPEC 4.2) counts in a report on its counting day, its
 * rule's use too: its moves (a use of its rule on its own date, for
 * limits, and its points from the counting day) become one move, the
 * points with the rule.  A void of one takes back what counted by the
 * void's date, or nothing; a rejection's move (the rule's use taken back,
 * for limits) is none. */
static size_t report_moves(const struct jf_book *b, const struct jf_entry *e,
			   struct jf_move *m)
{
	size_t n = jf_entry_moves(b, e, m);
	const struct jf_effect *rv = e->self && e->self->need ? e->self
				   : e->target && e->target->need ? e->target : NULL;
	if (!rv)
		return n;
	size_t use = n, pts = n;
	for (size_t i = 0; i < n; i++)
		if (m[i].bucket == JF_BUCKET_EARN && m[i].rule >= 0 && use == n)
			use = i;
		else if (m[i].bucket == JF_BUCKET_EARN && m[i].rule < 0 && pts == n)
			pts = i;
	if (use == n)
		return n;
	bool counted = true;
	if (rv == e->target) /* a follow-up: did the target count by its date? */
		counted = pts < n && !(rv->flags & JF_EFFECT_ENDED) &&
			  rv->counts != JF_DATE_NONE && rv->counts <= e->date;
	if (pts < n && counted) {
		m[pts].rule = m[use].rule;
		m[pts].qty = m[use].qty;
		m[pts].hours = m[use].hours;
		m[pts].deduction = m[use].deduction;
	}
	/* drop the use, and the points that did not count */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (i != use && (i != pts || counted))
			m[k++] = m[i];
	return k;
}

/* Books with review: an entry on notice on the period's last day. */
static void add_notice(struct jf_report *r, const struct jf_entry *e,
		       const struct jf_review_state *st)
{
	r->notices = jf_grow(r->notices, r->nnotices, &r->capnotices, 16, sizeof *r->notices);
	r->notices[r->nnotices++] = (struct jf_report_notice){
		.date = e->date, .household = e->household, .village = e->village,
		.activity = e->activity, .qty = e->qty, .points = e->points,
		.notice_from = st->notice_from, .counts_from = st->counts_from,
		.id = jf_strdup(e->id ? e->id : ""),
	};
}

enum jf_status jf_report_add(struct jf_report *r, const struct jf_entry *e,
			     struct jf_diags *d)
{
	const struct jf_book *b = r->book;
	bool ok = true;
	int v = e->village;

	if (!jf_report_wish_add(r, e)) {
		jf_error_at(d, e->file, e->line, e->col, "sum of hours overflows");
		return JF_INVALID;
	}
	if (e->date > r->o.to || v < 0 || (size_t)v >= b->nvillages)
		return JF_OK;
	if (r->o.village >= 0 && v != r->o.village)
		return JF_OK;

	struct jf_move m[JF_MOVES_MAX];
	size_t n = report_moves(b, e, m);
	struct jf_report_hh *h = e->household >= 0 ? &r->hh[e->household] : NULL;
	bool period = e->date >= r->o.from;

	struct jf_review_state rs;
	bool listed = period && (jf_kind(e->kind)->flags & JF_KF_LISTED);
	bool notice = b->review.set && e->household >= 0 &&
		      jf_review_entry(e, r->review_day, &rs) && rs.st == JF_RV_NOTICE;
	if (listed || notice) {
		/* listed: its texts (read again when replayed from the cache) */
		struct jf_etexts t;
		struct jf_entry x;
		jf_etexts_init(&t);
		enum jf_status st = jf_entry_texts(b, e, &x, &t, d);
		if (st == JF_OK && listed)
			add_review(r, &x);
		if (st == JF_OK && notice)
			add_notice(r, &x, &rs);
		jf_etexts_release(&t);
		if (st != JF_OK)
			return st;
	}
	if (period) {
		r->villages[v].entries++;
		if (h)
			h->active = true;
	}
	for (size_t i = 0; i < n; i++) {
		const struct jf_move *mv = &m[i];
		jf_points p = mv->points;
		struct jf_report_hh *mh = mv->household >= 0 ? &r->hh[mv->household] : NULL;
		if (mv->from > r->o.to || (mv->reviewed && mv->from > r->review_day))
			continue;
		/* as of the period's end: balances and stock */
		if (mh)
			addp(&ok, &mh->balance, p);
		if (mv->stock && mv->item >= 0 && (size_t)mv->item < b->ngoods &&
		    b->goods[mv->item].stock)
			addi(&ok, &r->goods[(size_t)v * b->ngoods + (size_t)mv->item].stock,
			     mv->stock);
		/* the trend */
		if (mv->from >= r->trend_from) {
			struct jf_report_week *w = &r->weeks[(mv->from - r->trend_from) / 7];
			if (mv->bucket == JF_BUCKET_EARN)
				addp(&ok, mv->deduction ? &w->deducted : &w->earned,
				     mv->deduction ? -p : p);
			else if (mv->bucket == JF_BUCKET_SPEND)
				addp(&ok, &w->redeemed, -p);
		}
		/* the period */
		if (mv->from < r->o.from || !mh)
			continue;
		if (r->stars_on && mv->bucket == JF_BUCKET_EARN)
			star_move(r, mv, &ok);
		struct jf_report_sums *vs = &r->villages[v];
		switch (mv->bucket) {
		case JF_BUCKET_EARN: {
			const struct jf_activity *a = &b->activities[mv->rule];
			struct jf_report_rule *ru = &r->rules[mv->rule];
			struct jf_report_cat *c = &r->cats[a->cat];
			ru->used = c->used = true;
			/* times the rule was used: a serve's use is its hours
			 * (hundredths, for limits), one time here */
			int64_t times = mv->hours ? (mv->qty > 0) - (mv->qty < 0) : mv->qty;
			addi(&ok, &ru->qty, times);
			addp(&ok, &ru->points, p);
			addi(&ok, &c->qty, times);
			if (!mv->deduction) {
				addp(&ok, &vs->earned, p);
				addp(&ok, &c->earned, p);
				addp(&ok, &mh->earned, p);
			} else {
				addp(&ok, &vs->deducted, -p);
				addp(&ok, &c->deducted, -p);
				addp(&ok, &mh->deducted, -p);
			}
			break;
		}
		case JF_BUCKET_SPEND: {
			struct jf_report_good *g = &r->goods[(size_t)v * b->ngoods + (size_t)mv->item];
			g->used = true;
			addi(&ok, &g->qty, mv->qty);
			addp(&ok, &g->points, -p);
			addp(&ok, &vs->redeemed, -p);
			addp(&ok, &mh->redeemed, -p);
			break;
		}
		case JF_BUCKET_ADJUST:
			addp(&ok, &vs->adjusted, p);
			addp(&ok, &mh->adjusted, p);
			break;
		case JF_BUCKET_TRANSFER: /* listed for review; in the balances above */
		case JF_BUCKET_NONE:
			break;
		}
	}
	if (!ok) {
		jf_error_at(d, e->file, e->line, e->col, "sum of points or stock overflows");
		return JF_INVALID;
	}
	return JF_OK;
}

/* A sort key for ranking: bigger first, then the name (bytes) ascending. */
struct key {
	int64_t k1, k2;
	const char *name;
	int index;
};

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = bigger_first(x->k1, y->k1, x->k2, y->k2);
	return c ? c : strcmp(x->name, y->name);
}

/* Sort keys[0..n) and append to list (room for n more, at *len) those
 * whose competition rank is at most top (top < 0: all). */
/* Into keys, the households of village v that earned (deducted: that
 * lost to deductions) more than 0 points in the period; their count. */
static size_t village_keys(const struct jf_report *r, int v, bool deducted, struct key *keys)
{
	const struct jf_book *b = r->book;
	size_t n = 0;
	for (size_t h = 0; h < b->nhouseholds; h++) {
		jf_points p = deducted ? r->hh[h].deducted : r->hh[h].earned;
		if (b->households[h].village == v && p > 0)
			keys[n++] = (struct key){ p, 0, b->households[h].id, (int)h };
	}
	return n;
}

static void rank_into(struct key *keys, size_t n, int top, struct jf_report_rank *list,
		      size_t *len)
{
	int rank = 0;
	if (n)
		qsort(keys, n, sizeof *keys, cmp_key);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || keys[i].k1 != keys[i - 1].k1 || keys[i].k2 != keys[i - 1].k2)
			rank = (int)i + 1;
		if (top >= 0 && rank > top)
			break;
		list[*len].index = keys[i].index;
		list[*len].rank = rank;
		(*len)++;
	}
}

static int cmp_review(const void *a, const void *b)
{
	const struct jf_report_review *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* On notice: by village, the day it counts from, household, id. */
static int cmp_notice(const void *a, const void *b)
{
	const struct jf_report_notice *x = a, *y = b;
	return jf_review_key_cmp((struct jf_review_key){ x->village, x->counts_from, x->household, x->id },
				 (struct jf_review_key){ y->village, y->counts_from, y->household, y->id });
}

void jf_report_expiry(struct jf_report *r, const struct jf_expiry *x)
{
	const struct jf_book *b = r->book;
	bool ok = true;
	r->expiry_on = true;
	for (size_t i = 0; x && i < x->nlapses; i++) {
		const struct jf_xlapse *l = &x->lapses[i];
		int v = b->households[l->household].village;
		jf_date day = l->until + 1;
		if (!jf_report_has_village(r, v) || day > r->o.to)
			continue;
		addp(&ok, &r->hh[l->household].balance, -l->points);
		if (day >= r->o.from) {
			addp(&ok, &r->villages[v].expired, l->points);
			addp(&ok, &r->hh[l->household].expired, l->points);
		}
	}
	for (size_t h = 0; x && h < b->nhouseholds && h < x->nh; h++)
		r->hh[h].expiring = x->acct[h].expiring;
	/* a void took back only what had not expired of its target */
	for (size_t i = 0; x && i < x->nkept; i++) {
		const struct jf_xkept *k = &x->kept[i];
		int v = b->households[k->household].village;
		struct jf_report_hh *mh = &r->hh[k->household];
		if (!jf_report_has_village(r, v) || k->date > r->o.to)
			continue;
		addp(&ok, &mh->balance, k->points);
		bool earn = k->bucket == JF_BUCKET_EARN && k->rule >= 0 &&
			    (size_t)k->rule < b->nactivities;
		if (earn && k->date >= r->trend_from)
			addp(&ok, &r->weeks[(k->date - r->trend_from) / 7].earned, k->points);
		if (k->date < r->o.from)
			continue;
		if (earn) {
			addp(&ok, &r->rules[k->rule].points, k->points);
			addp(&ok, &r->cats[b->activities[k->rule].cat].earned, k->points);
			addp(&ok, &r->villages[v].earned, k->points);
			addp(&ok, &mh->earned, k->points);
		} else if (k->bucket == JF_BUCKET_ADJUST) {
			addp(&ok, &r->villages[v].adjusted, k->points);
			addp(&ok, &mh->adjusted, k->points);
		}
	}
	(void)ok; /* lapses are bounded by the balances they came from, and
		   * what voids kept by the points they took back */
}

enum jf_status jf_report_finish(struct jf_report *r, struct jf_diags *d)
{
	const struct jf_book *b = r->book;
	size_t nh = b->nhouseholds, n;
	struct key *keys = jf_calloc(nh > b->nactivities ? nh + 1 : b->nactivities + 1,
				     sizeof *keys);
	bool ok = true;

	r->honor = jf_calloc(nh + 1, sizeof *r->honor);
	r->losers = jf_calloc(nh + 1, sizeof *r->losers);
	r->top_rules = jf_calloc(b->nactivities + 1, sizeof *r->top_rules);
	for (size_t h = 0; h < nh; h++) {
		int v = b->households[h].village;
		if (!jf_report_has_village(r, v))
			continue;
		if (r->hh[h].active)
			r->villages[v].households++;
		addp(&ok, &r->villages[v].outstanding, r->hh[h].balance);
	}
	memset(&r->total, 0, sizeof r->total);
	for (size_t v = 0; v < b->nvillages; v++) {
		const struct jf_report_sums *s = &r->villages[v];
		if (!jf_report_has_village(r, (int)v))
			continue;
		addi(&ok, &r->total.entries, s->entries);
		addp(&ok, &r->total.earned, s->earned);
		addp(&ok, &r->total.deducted, s->deducted);
		addp(&ok, &r->total.adjusted, s->adjusted);
		addp(&ok, &r->total.redeemed, s->redeemed);
		addi(&ok, &r->total.households, s->households);
		addp(&ok, &r->total.outstanding, s->outstanding);
		addp(&ok, &r->total.expired, s->expired);
	}

	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		r->honor_at[v] = r->nhonor;
		rank_into(keys, village_keys(r, (int)v, false, keys), r->o.top, r->honor,
			  &r->nhonor);
		r->honor_n[v] = r->nhonor - r->honor_at[v];
		if (!r->o.deductions)
			continue;
		r->losers_at[v] = r->nlosers;
		rank_into(keys, village_keys(r, (int)v, true, keys), -1, r->losers, &r->nlosers);
		r->losers_n[v] = r->nlosers - r->losers_at[v];
	}

	n = 0;
	for (size_t a = 0; a < b->nactivities; a++)
		if (r->rules[a].qty || r->rules[a].points)
			keys[n++] = (struct key){ r->rules[a].qty, r->rules[a].points,
						  b->activities[a].code, (int)a };
	rank_into(keys, n, r->o.top, r->top_rules, &r->ntop_rules);
	free(keys);

	if (r->stars_on)
		rate_stars(r, &ok);
	jf_report_wish_finish(r);
	if (r->nreviews)
		qsort(r->reviews, r->nreviews, sizeof *r->reviews, cmp_review);
	if (r->nnotices)
		qsort(r->notices, r->nnotices, sizeof *r->notices, cmp_notice);
	if (!ok) {
		jf_error(d, "sum of points overflows");
		return JF_INVALID;
	}
	return JF_OK;
}

void jf_report_period_name(jf_date from, jf_date to, struct jf_buf *out)
{
	jf_date a, z;
	int y, w, m, day;

	jf_period_bounds(JF_PER_WEEK, from, &a, &z);
	if (a == from && z == to) {
		jf_date_isoweek(from, &y, &w);
		jf_buf_addf(out, "%04d-W%02d", y, w);
		return;
	}
	jf_period_bounds(JF_PER_MONTH, from, &a, &z);
	if (a == from && z == to) {
		jf_date_to_ymd(from, &y, &m, &day);
		jf_buf_addf(out, "%04d-%02d", y, m);
	}
}

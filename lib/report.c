/* report.c - the figures of a period report, gathered in one pass. */
#include <stdlib.h>
#include <string.h>

#include "acct.h"
#include "alloc.h"
#include "report.h"

struct jf_report *jf_report_new(const struct jf_book *b, const struct jf_report_opts *o)
{
	struct jf_report *r = jf_calloc(1, sizeof *r);
	size_t nv = b->nvillages ? b->nvillages : 1;

	r->book = b;
	r->o = *o;
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
	free(r->villages);
	free(r->hh);
	free(r->rules);
	free(r->cats);
	free(r->goods);
	free(r->honor); free(r->honor_at); free(r->honor_n);
	free(r->losers); free(r->losers_at); free(r->losers_n);
	free(r->top_rules);
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

static char *dup_or_null(const char *s)
{
	return s ? jf_strdup(s) : NULL;
}

static void add_review(struct jf_report *r, const struct jf_entry *e)
{
	if (r->nreviews == r->capreviews) {
		r->capreviews = r->capreviews ? 2 * r->capreviews : 16;
		r->reviews = jf_reallocarray(r->reviews, r->capreviews, sizeof *r->reviews);
	}
	struct jf_report_review *v = &r->reviews[r->nreviews++];
	memset(v, 0, sizeof *v);
	v->date = e->date;
	v->kind = e->kind;
	v->target_kind = jf_entry_points_kind(e);
	v->household = e->household;
	v->village = e->village;
	v->what = -1;
	if (e->kind == JF_VOID && e->target) {
		v->what = e->target->what;
		v->qty = e->target->qty;
	}
	v->points = v->target_kind == JF_RESTOCK ? 0 : jf_entry_points(e);
	v->id = jf_strdup(e->id);
	v->ref = dup_or_null(e->ref);
	v->reason = dup_or_null(e->reason);
	v->note = dup_or_null(e->note);
	v->by = dup_or_null(e->by);
}

enum jf_status jf_report_add(struct jf_report *r, const struct jf_entry *e,
			     struct jf_diags *d)
{
	const struct jf_book *b = r->book;
	bool ok = true;
	int v = e->village;

	if (e->date > r->o.to || v < 0 || (size_t)v >= b->nvillages)
		return JF_OK;
	if (r->o.village >= 0 && v != r->o.village)
		return JF_OK;

	enum jf_kind k = jf_entry_points_kind(e);
	jf_points p = k == JF_RESTOCK ? 0 : jf_entry_points(e);
	const struct jf_effect *t = e->kind == JF_VOID ? e->target : NULL;
	if (e->kind == JF_VOID && !t)
		return JF_OK;   /* cannot happen: the scanner delivers resolved voids */
	/* what the entry carries: for a void, its target's, taken back */
	int what = t ? t->what : (k == JF_EARN ? e->activity : e->item);
	int64_t qty = t ? -(int64_t)t->qty : e->qty;
	jf_points orig = t ? t->points : e->points;
	struct jf_report_hh *h = e->household >= 0 ? &r->hh[e->household] : NULL;
	if (!h && k != JF_RESTOCK)
		return JF_OK;   /* cannot happen: only restocks name no household */

	/* as of the period's end: balances and stock */
	if (h)
		addp(&ok, &h->balance, p);
	if ((k == JF_RESTOCK || k == JF_REDEEM) && what >= 0 && (size_t)what < b->ngoods &&
	    b->goods[what].stock)
		addi(&ok, &r->goods[(size_t)v * b->ngoods + (size_t)what].stock,
		     k == JF_RESTOCK ? qty : -qty);

	/* the trend */
	if (e->date >= r->trend_from) {
		struct jf_report_week *w = &r->weeks[(e->date - r->trend_from) / 7];
		if (k == JF_EARN)
			addp(&ok, orig >= 0 ? &w->earned : &w->deducted, orig >= 0 ? p : -p);
		else if (k == JF_REDEEM)
			addp(&ok, &w->redeemed, -p);
	}

	/* the period */
	if (e->date >= r->o.from) {
		struct jf_report_sums *vs = &r->villages[v];
		vs->entries++;
		if (h)
			h->active = true;
		switch (k) {
		case JF_EARN: {
			const struct jf_activity *a = &b->activities[what];
			struct jf_report_rule *ru = &r->rules[what];
			struct jf_report_cat *c = &r->cats[a->cat];
			ru->used = c->used = true;
			addi(&ok, &ru->qty, qty);
			addp(&ok, &ru->points, p);
			addi(&ok, &c->qty, qty);
			if (orig >= 0) {
				addp(&ok, &vs->earned, p);
				addp(&ok, &c->earned, p);
				addp(&ok, &h->earned, p);
			} else {
				addp(&ok, &vs->deducted, -p);
				addp(&ok, &c->deducted, -p);
				addp(&ok, &h->deducted, -p);
			}
			break;
		}
		case JF_REDEEM: {
			struct jf_report_good *g = &r->goods[(size_t)v * b->ngoods + (size_t)what];
			g->used = true;
			addi(&ok, &g->qty, qty);
			addp(&ok, &g->points, -p);
			addp(&ok, &vs->redeemed, -p);
			addp(&ok, &h->redeemed, -p);
			break;
		}
		case JF_ADJUST:
			addp(&ok, &vs->adjusted, p);
			addp(&ok, &h->adjusted, p);
			break;
		default:
			break;
		}
		if (e->kind == JF_VOID || e->kind == JF_ADJUST)
			add_review(r, e);
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
	if (x->k1 != y->k1)
		return x->k1 > y->k1 ? -1 : 1;
	if (x->k2 != y->k2)
		return x->k2 > y->k2 ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Sort keys[0..n) and append to list (room for n more, at *len) those
 * whose competition rank is at most top (top < 0: all). */
static void rank_into(struct key *keys, size_t n, int top, struct jf_report_rank *list,
		      size_t *len)
{
	int rank = 0;
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
	}

	for (size_t v = 0; v < b->nvillages; v++) {
		if (!jf_report_has_village(r, (int)v))
			continue;
		n = 0;
		for (size_t h = 0; h < nh; h++)
			if (b->households[h].village == (int)v && r->hh[h].earned > 0)
				keys[n++] = (struct key){ r->hh[h].earned, 0, b->households[h].id, (int)h };
		r->honor_at[v] = r->nhonor;
		rank_into(keys, n, r->o.top, r->honor, &r->nhonor);
		r->honor_n[v] = r->nhonor - r->honor_at[v];
		if (!r->o.deductions)
			continue;
		n = 0;
		for (size_t h = 0; h < nh; h++)
			if (b->households[h].village == (int)v && r->hh[h].deducted > 0)
				keys[n++] = (struct key){ r->hh[h].deducted, 0, b->households[h].id, (int)h };
		r->losers_at[v] = r->nlosers;
		rank_into(keys, n, -1, r->losers, &r->nlosers);
		r->losers_n[v] = r->nlosers - r->losers_at[v];
	}

	n = 0;
	for (size_t a = 0; a < b->nactivities; a++)
		if (r->rules[a].qty || r->rules[a].points)
			keys[n++] = (struct key){ r->rules[a].qty, r->rules[a].points,
						  b->activities[a].code, (int)a };
	rank_into(keys, n, r->o.top, r->top_rules, &r->ntop_rules);
	free(keys);

	if (r->nreviews)
		qsort(r->reviews, r->nreviews, sizeof *r->reviews, cmp_review);
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

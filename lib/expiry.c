/* expiry.c - the years of a household's points, and what expires. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cmp.h"
#include "expiry.h"

void jf_expiry_init(struct jf_expiry *x, const struct jf_expiry_policy *p, size_t nh)
{
	memset(x, 0, sizeof *x);
	x->pol = *p;
	x->nh = nh;
	x->acct = jf_calloc(nh ? nh : 1, sizeof *x->acct);
}

void jf_expiry_release(struct jf_expiry *x)
{
	free(x->v);
	free(x->acct);
	free(x->lapses);
	free(x->kept);
	free(x->receipts);
	memset(x, 0, sizeof *x);
}

void jf_expiry_add(struct jf_expiry *x, const struct jf_xmove *m)
{
	x->v = jf_grow(x->v, x->n, &x->cap, 256, sizeof *x->v);
	x->v[x->n++] = *m;
}

void jf_expiry_receipt(struct jf_expiry *x, int h, jf_date until, jf_points p)
{
	x->receipts = jf_grow(x->receipts, x->nreceipts, &x->capreceipts, 64, sizeof *x->receipts);
	struct jf_xlapse *r = &x->receipts[x->nreceipts++];
	r->household = h;
	r->until = until;
	r->points = p;
}

static int cmp_lapse(const void *a, const void *b);

size_t jf_expiry_due(const struct jf_expiry *x, struct jf_xdue **out)
{
	size_t n = 0, cap = 0, i = 0, k = 0;
	struct jf_xdue *v = NULL;
	struct jf_xlapse *rc = NULL;
	bool ok = true;
	*out = NULL;
	if (x->nreceipts) {
		rc = jf_reallocarray(NULL, x->nreceipts, sizeof *rc);
		memcpy(rc, x->receipts, x->nreceipts * sizeof *rc);
		qsort(rc, x->nreceipts, sizeof *rc, cmp_lapse);
	}
	while (i < x->nlapses || k < x->nreceipts) {
		struct jf_xdue d = { 0 };
		const struct jf_xlapse *l = i < x->nlapses ? &x->lapses[i] : NULL;
		const struct jf_xlapse *r = k < x->nreceipts ? &rc[k] : NULL;
		const struct jf_xlapse *first = !r || (l && cmp_lapse(l, r) <= 0) ? l : r;
		d.household = first->household;
		d.until = first->until;
		if (l && l->household == d.household && l->until == d.until) {
			d.computed = l->points;
			i++;
		}
		while (k < x->nreceipts && rc[k].household == d.household && rc[k].until == d.until)
			ok = jf_points_add(d.recorded, rc[k++].points, &d.recorded) && ok;
		if (d.computed == d.recorded || d.until >= x->as_of)
			continue;
		v = jf_grow(v, n, &cap, 16, sizeof *v);
		v[n++] = d;
	}
	free(rc);
	if (!ok) {
		free(v);
		return (size_t)-1;
	}
	*out = v;
	return n;
}

static int year_of(jf_date d)
{
	int y, m, dd;
	jf_date_to_ymd(d, &y, &m, &dd);
	return y;
}

/* The day points count on: never before `since`. */
static jf_date eff(const struct jf_expiry_policy *p, jf_date d)
{
	return p->since != JF_DATE_NONE && d < p->since ? p->since : d;
}

jf_date jf_expiry_last_day(const struct jf_expiry_policy *p, jf_date d)
{
	return jf_date_from_ymd(year_of(eff(p, d)) + p->years - 1, 12, 31);
}

static int cmp_move(const void *a, const void *b)
{
	const struct jf_xmove *x = a, *y = b;
	int c;
	if ((c = JF_CMP(x->date, y->date)) || (c = JF_CMP(x->cls, y->cls)) ||
	    (c = JF_CMP(x->tie, y->tie)) || (c = JF_CMP(x->household, y->household)))
		return c;
	return JF_CMP(x->points, y->points);
}

static int cmp_lapse(const void *a, const void *b)
{
	const struct jf_xlapse *x = a, *y = b;
	if (x->household != y->household)
		return x->household < y->household ? -1 : 1;
	return x->until < y->until ? -1 : x->until > y->until;
}

/* The run's working state. */
struct state {
	struct jf_expiry *x;
	int n;              /* years */
	int first;          /* the first year points can count in (since), or 0 */
	int *cur;           /* per household: the year it stands in, 0: none yet */
	jf_points *bucket;  /* [h * n + year mod n] */
	jf_points *debt;
	size_t caplapses;
	bool ok;
};

static jf_points *bucket(struct state *s, int h, int y)
{
	return &s->bucket[(size_t)h * (size_t)s->n + (size_t)(((y % s->n) + s->n) % s->n)];
}

static void add(struct state *s, jf_points *to, jf_points v)
{
	if (!jf_points_add(*to, v, to))
		s->ok = false;
}

static void lapse(struct state *s, int h, int y, jf_points p)
{
	struct jf_expiry *x = s->x;
	x->lapses = jf_grow(x->lapses, x->nlapses, &s->caplapses, 64, sizeof *x->lapses);
	struct jf_xlapse *l = &x->lapses[x->nlapses++];
	l->household = h;
	l->until = jf_date_from_ymd(y, 12, 31);
	l->points = p;
	l->kept = 0;
}

/* Bring household h to year y: what is left of the years that end on the
 * way expires. */
static void advance(struct state *s, int h, int y)
{
	if (!s->cur[h] || s->cur[h] >= y) {
		if (!s->cur[h])
			s->cur[h] = y;
		return;
	}
	for (int steps = 0; s->cur[h] < y && steps < s->n; steps++) {
		int ending = s->cur[h], oldest = ending - s->n + 1;
		jf_points *b = bucket(s, h, oldest);
		if (*b > 0)
			lapse(s, h, ending, *b);
		*b = 0;
		s->cur[h]++;
	}
	s->cur[h] = y;
}

static int oldest_valid(const struct state *s, int h)
{
	int y = s->cur[h] - s->n + 1;
	return y < s->first ? s->first : y;
}

/* Points in, counting in year y: they pay the debt first. */
static void gain(struct state *s, int h, int y, jf_points p)
{
	jf_points pay = p < s->debt[h] ? p : s->debt[h];
	s->debt[h] -= pay;
	add(s, bucket(s, h, y), p - pay);
}

/* Points out, the oldest year first; the rest becomes debt. */
static void take(struct state *s, int h, jf_points p)
{
	for (int y = oldest_valid(s, h); y <= s->cur[h] && p > 0; y++) {
		jf_points *b = bucket(s, h, y);
		jf_points t = *b < p ? *b : p;
		*b -= t;
		p -= t;
	}
	add(s, &s->debt[h], p);
}

/* What expired of household h's points of year y, if that year is gone:
 * its lapse, or NULL. */
static struct jf_xlapse *find_lapse(struct jf_xlapse *v, size_t n, int h, int y, int years)
{
	jf_date until = jf_date_from_ymd(y + years - 1, 12, 31);
	for (size_t i = n; i-- > 0;)
		if (v[i].household == h && v[i].until == until)
			return &v[i];
	return NULL;
}

/* Note that void m keeps p of household h (and, for a transfer, that its
 * giver gets p less back). */
static void kept(struct state *s, const struct jf_xmove *m, int h, jf_points p)
{
	struct jf_expiry *x = s->x;
	x->kept = jf_grow(x->kept, x->nkept, &x->capkept, 16, sizeof *x->kept);
	x->kept[x->nkept++] = (struct jf_xkept){
		.household = h, .date = m->date, .tie = m->tie, .points = p,
		.rule = m->rule, .bucket = m->bucket,
	};
}

/* Void m takes p back from household h of the points it counted on
 * origin: once their year is gone, what expired of it is not taken again
 * (SPEC 4.2: a void takes back what its target counts on the void's
 * date).  Returns what is left to take. */
static jf_points keep_expired(struct state *s, const struct jf_xmove *m, int h, jf_points p)
{
	int yo = year_of(eff(&s->x->pol, m->origin));
	if (yo >= oldest_valid(s, h))
		return p;
	struct jf_xlapse *l = find_lapse(s->x->lapses, s->x->nlapses, h, yo, s->n);
	jf_points t = l ? l->points - l->kept : 0;
	if (t > p)
		t = p;
	if (t <= 0)
		return p;
	l->kept += t;
	kept(s, m, h, t);
	if (m->cls == JF_X_UNOUT)
		kept(s, m, m->peer, -t);
	return p - t;
}

/* A void of a gain counted on origin: out of its own year while it is
 * valid; the rest like any negative amount. */
static void ungain(struct state *s, const struct jf_xmove *m, int h)
{
	int yo = year_of(eff(&s->x->pol, m->origin));
	jf_points p = keep_expired(s, m, h, m->points);
	if (yo >= oldest_valid(s, h) && yo <= s->cur[h]) {
		jf_points *from = bucket(s, h, yo);
		jf_points t = *from < p ? *from : p;
		*from -= t;
		p -= t;
	}
	take(s, h, p);
}

/* A transfer: the years go oldest first and the receiver keeps them; what
 * the giver does not have goes as points of the current year. */
static void transfer(struct state *s, int h, int to, jf_points p)
{
	for (int y = oldest_valid(s, h); y <= s->cur[h] && p > 0; y++) {
		jf_points *b = bucket(s, h, y);
		jf_points t = *b < p ? *b : p;
		*b -= t;
		p -= t;
		if (t)
			gain(s, to, y, t);
	}
	if (p > 0) {
		add(s, &s->debt[h], p);
		gain(s, to, s->cur[h], p);
	}
}

bool jf_expiry_run(struct jf_expiry *x, jf_date as_of)
{
	struct state s = { .x = x, .n = x->pol.years, .ok = true };
	if (s.n < 1)
		return true;
	size_t nh = x->nh ? x->nh : 1;
	s.first = x->pol.since != JF_DATE_NONE ? year_of(x->pol.since) : 0;
	s.cur = jf_calloc(nh, sizeof *s.cur);
	s.bucket = jf_calloc(nh * (size_t)s.n, sizeof *s.bucket);
	s.debt = jf_calloc(nh, sizeof *s.debt);
	memset(x->acct, 0, nh * sizeof *x->acct);
	x->as_of = as_of;
	x->nlapses = 0;
	x->nkept = 0;
	free(x->lapses);
	x->lapses = NULL;

	if (x->n)
		qsort(x->v, x->n, sizeof *x->v, cmp_move);
	for (size_t i = 0; i < x->n && s.ok; i++) {
		const struct jf_xmove *m = &x->v[i];
		jf_date d = eff(&x->pol, m->date);
		if (m->date > as_of)
			break;
		int h = m->household, y = year_of(d);
		if (h < 0 || (size_t)h >= x->nh || m->points <= 0)
			continue;
		advance(&s, h, y);
		switch ((enum jf_xclass)m->cls) {
		case JF_X_GAIN:
			gain(&s, h, y, m->points);
			break;
		case JF_X_BACK:
			gain(&s, h, oldest_valid(&s, h), m->points);
			break;
		case JF_X_UNGAIN:
			ungain(&s, m, h);
			break;
		case JF_X_TAKE:
			take(&s, h, m->points);
			break;
		case JF_X_OUT:
			if (m->peer < 0 || (size_t)m->peer >= x->nh || m->peer == h) {
				take(&s, h, m->points);
				break;
			}
			advance(&s, m->peer, y);
			transfer(&s, h, m->peer, m->points);
			break;
		case JF_X_UNOUT: {
			if (m->peer < 0 || (size_t)m->peer >= x->nh || m->peer == h) {
				take(&s, h, m->points);
				break;
			}
			jf_points p = keep_expired(&s, m, h, m->points);
			advance(&s, m->peer, y);
			if (p > 0)
				transfer(&s, h, m->peer, p);
			break;
		}
		}
	}
	/* every household to the day asked */
	int ya = year_of(eff(&x->pol, as_of));
	jf_date last = jf_date_from_ymd(ya, 12, 31);
	for (size_t h = 0; h < x->nh; h++) {
		if (!s.cur[h])
			continue;
		advance(&s, (int)h, ya);
		if (as_of >= x->pol.since || x->pol.since == JF_DATE_NONE) {
			if (last - as_of <= JF_EXPIRING_DAYS && ya - s.n + 1 >= s.first)
				x->acct[h].expiring = *bucket(&s, (int)h, ya - s.n + 1);
		}
	}
	/* sum per household */
	size_t k = 0;
	for (size_t i = 0; i < x->nlapses; i++)
		if (x->lapses[i].points > 0)
			x->lapses[k++] = x->lapses[i];
	x->nlapses = k;
	if (x->nlapses)
		qsort(x->lapses, x->nlapses, sizeof *x->lapses, cmp_lapse);
	for (size_t i = 0; i < x->nlapses; i++)
		add(&s, &x->acct[x->lapses[i].household].expired, x->lapses[i].points);
	for (size_t i = 0; i < x->nkept; i++)
		add(&s, &x->acct[x->kept[i].household].kept, x->kept[i].points);
	free(s.cur);
	free(s.bucket);
	free(s.debt);
	return s.ok;
}

jf_points jf_expiry_keepable(const struct jf_expiry *x, int h, jf_date origin)
{
	int n = x->pol.years;
	if (n < 1 || h < 0 || (size_t)h >= x->nh || x->as_of == JF_DATE_NONE)
		return 0;
	int first = x->pol.since != JF_DATE_NONE ? year_of(x->pol.since) : 0;
	int oldest = year_of(eff(&x->pol, x->as_of)) - n + 1;
	int yo = year_of(eff(&x->pol, origin));
	if (yo >= (oldest < first ? first : oldest))
		return 0;
	const struct jf_xlapse *l = find_lapse(x->lapses, x->nlapses, h, yo, n);
	return l ? l->points - l->kept : 0;
}

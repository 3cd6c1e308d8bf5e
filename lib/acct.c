/* acct.c - household accounts and shop stock from entries. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "acct.h"
#include "kind.h"

void jf_accts_init(struct jf_accts *a, const struct jf_book *b, jf_date as_of)
{
	a->book = b;
	a->acct = jf_calloc(b->nhouseholds, sizeof *a->acct);
	a->stock = jf_calloc(b->nvillages * (b->ngoods ? b->ngoods : 1), sizeof *a->stock);
	a->as_of = as_of;
	a->expiry = NULL;
	if (b->expiry.years > 0) {
		a->expiry = jf_malloc(sizeof *a->expiry);
		jf_expiry_init(a->expiry, &b->expiry, b->nhouseholds);
	}
	a->tally = 0;
	/* reviewed points count from their counting day: "everything" still
	 * means what counts today */
	a->today = as_of;
	if (as_of == JF_DATE_NONE) {
		struct jf_diags dd = JF_DIAGS_INIT;
		if (jf_accts_day(a, JF_DATE_NONE, &a->today, &dd) != JF_OK)
			a->today = JF_DATE_NONE;
		jf_diags_release(&dd);
	}
}

void jf_accts_release(struct jf_accts *a)
{
	free(a->acct);
	free(a->stock);
	if (a->expiry) {
		jf_expiry_release(a->expiry);
		free(a->expiry);
	}
	memset(a, 0, sizeof *a);
}

static bool add(jf_points *to, jf_points v)
{
	return jf_points_add(*to, v, to);
}

/* Move m into the accounts; false on overflow. */
static bool apply_move(struct jf_accts *a, const struct jf_move *m)
{
	const struct jf_book *b = a->book;
	bool ok = true;
	if (m->household >= 0) {
		struct jf_account *ac = &a->acct[m->household];
		switch (m->bucket) {
		case JF_BUCKET_EARN:
			/* a void of a deduction gives back to "deducted" */
			ok = add(&ac->earned, m->points) &&
			     add(m->deduction ? &ac->deducted : &ac->gained, m->points);
			break;
		case JF_BUCKET_ADJUST:
			ok = add(&ac->earned, m->points) && add(&ac->adjusted, m->points);
			break;
		case JF_BUCKET_SPEND:
			ok = add(&ac->spent, -m->points);
			break;
		case JF_BUCKET_TRANSFER:
			ok = add(&ac->earned, m->points) && add(&ac->transferred, m->points);
			break;
		case JF_BUCKET_NONE:
			break;
		}
	}
	/* stock: redemptions take from the household's village shop */
	if (m->stock && m->item >= 0 && m->village >= 0 && b->goods[m->item].stock) {
		int64_t *s = &a->stock[(size_t)m->village * b->ngoods + (size_t)m->item];
		if (__builtin_add_overflow(*s, m->stock, s))
			ok = false;
	}
	return ok;
}

uint64_t jf_accts_tie(const struct jf_entry *e)
{
	return e->self ? ((uint64_t)e->self->key.w[0] << 32 | e->self->key.w[1]) : 0;
}

jf_date jf_accts_origin(const struct jf_book *b, const struct jf_effect *target, size_t i)
{
	struct jf_move tm[JF_MOVES_MAX];
	const struct jf_kind_ops *o = jf_kind((enum jf_kind)target->kind);
	size_t tn = o->moves ? o->moves(b, target, NULL, tm) : 0;
	return i < tn ? tm[i].from : JF_DATE_NONE;
}

/* Hand move i of entry e (n moves m) to the expiry's years. */
static void expiry_move(struct jf_accts *a, const struct jf_entry *e,
			const struct jf_move *m, size_t n, size_t i)
{
	const struct jf_move *mv = &m[i];
	if (mv->household < 0 || !mv->points || mv->bucket == JF_BUCKET_NONE)
		return;
	struct jf_xmove x = {
		.date = mv->from, .origin = mv->from, .household = mv->household, .peer = -1,
		.points = mv->points < 0 ? -mv->points : mv->points,
		.tie = jf_accts_tie(e), .rule = mv->rule, .bucket = (uint8_t)mv->bucket,
	};
	bool follow = e->target && (jf_kind(e->kind)->flags & JF_KF_FOLLOW);
	jf_date o = follow && mv->points < 0 ? jf_accts_origin(a->book, e->target, i) : JF_DATE_NONE;
	if (o != JF_DATE_NONE)
		x.origin = o;
	if (mv->bucket == JF_BUCKET_TRANSFER) {
		/* the giver's move carries the pair; the receiver's comes with it */
		if (mv->points > 0)
			return;
		for (size_t k = 0; k < n; k++)
			if (k != i && m[k].bucket == JF_BUCKET_TRANSFER && m[k].points > 0)
				x.peer = m[k].household;
		x.cls = follow ? JF_X_UNOUT : JF_X_OUT;
	} else if (follow && mv->points < 0) {
		/* a void of a gain: out of the gain's own year */
		x.cls = JF_X_UNGAIN;
	} else if (follow) {
		x.cls = JF_X_BACK;
	} else {
		x.cls = mv->points > 0 ? JF_X_GAIN : JF_X_TAKE;
	}
	jf_expiry_add(a->expiry, &x);
}

enum jf_status jf_accts_tally(const struct jf_book *b, jf_points *t,
			      const struct jf_entry *e, struct jf_diags *d)
{
	struct jf_move m[JF_MOVES_MAX];
	size_t n = jf_entry_moves(b, e, m);
	for (size_t i = 0; i < n; i++)
		if (!jf_points_tally(t, m[i].points)) {
			jf_error_at(d, e->file, e->line, e->col, JF_POINTS_TALLY_MSG);
			return JF_INVALID;
		}
	return JF_OK;
}

enum jf_status jf_accts_apply(struct jf_accts *a, const struct jf_entry *e,
			      struct jf_diags *d)
{
	struct jf_move m[JF_MOVES_MAX];
	size_t n = jf_entry_moves(a->book, e, m);
	bool ok = true, touched = false;

	for (size_t i = 0; i < n; i++)
		if (!jf_points_tally(&a->tally, m[i].points)) {
			jf_error_at(d, e->file, e->line, e->col, JF_POINTS_TALLY_MSG);
			return JF_INVALID;
		}

	/* a receipt of expiry (kinds with `until`) counts nothing: noted apart */
	if (a->expiry && e->household >= 0 && e->until != JF_DATE_NONE && e->points < 0 &&
	    (a->as_of == JF_DATE_NONE || e->date <= a->as_of))
		jf_expiry_receipt(a->expiry, e->household, e->until, -e->points);
	for (size_t i = 0; i < n; i++) {
		const struct jf_move *p = &m[i];
		jf_date day = a->as_of != JF_DATE_NONE ? a->as_of : p->reviewed ? a->today : JF_DATE_NONE;
		if (p->from == JF_DATE_NEVER || (day != JF_DATE_NONE && p->from > day)) {
			/* a reviewed earning under review that day: pending */
			if (p->reviewed && p->household >= 0 &&
			    (day == JF_DATE_NONE || p->dated <= day) &&
			    (p->pend_end == JF_DATE_NONE || (day != JF_DATE_NONE && day < p->pend_end)))
				ok = add(&a->acct[p->household].pending, p->points) && ok;
			continue;
		}
		if (m[i].household >= 0 && !touched) {
			a->acct[m[i].household].entries++;
			touched = true;
		}
		ok = apply_move(a, &m[i]) && ok;
		if (a->expiry)
			expiry_move(a, e, m, n, i);
	}
	if (!ok) {
		jf_error_at(d, e->file, e->line, e->col, "sum of points or stock overflows");
		return JF_INVALID;
	}
	return JF_OK;
}

bool jf_account_balance(const struct jf_account *ac, jf_points *out)
{
	jf_points b;
	return jf_points_sub(ac->earned, ac->spent, &b) && jf_points_sub(b, ac->expired, out);
}

enum jf_status jf_accts_day(const struct jf_accts *a, jf_date as_of, jf_date *out,
			    struct jf_diags *d)
{
	time_t now;
	const char *why;
	if (as_of == JF_DATE_NONE)
		as_of = a->as_of;
	if (as_of == JF_DATE_NONE) {
		if (jf_now(&now, &why) < 0) {
			jf_error(d, "JF_NOW: %s", why);
			return JF_USAGE;
		}
		if (jf_date_in_tz(now, a->book->timezone, &as_of) < 0) {
			jf_error(d, "cannot use time zone '%s'", a->book->timezone);
			return JF_SYSTEM;
		}
	}
	*out = as_of;
	return JF_OK;
}

enum jf_status jf_accts_expire(struct jf_accts *a, jf_date as_of, struct jf_diags *d)
{
	if (!a->expiry)
		return JF_OK;
	enum jf_status st = jf_accts_day(a, as_of, &as_of, d);
	if (st != JF_OK)
		return st;
	if (!jf_expiry_run(a->expiry, as_of)) {
		jf_error(d, "sum of points overflows in the expiry of points");
		return JF_INVALID;
	}
	bool ok = true;
	for (size_t h = 0; h < a->book->nhouseholds; h++) {
		struct jf_account *ac = &a->acct[h];
		ac->expired = a->expiry->acct[h].expired;
		ac->expiring = a->expiry->acct[h].expiring;
		/* what voids did not take back, their targets' points having
		 * expired: in earned, instead of what the last run kept */
		jf_points k = a->expiry->acct[h].kept;
		ok = jf_points_sub(ac->earned, ac->kept, &ac->earned) &&
		     jf_points_add(ac->earned, k, &ac->earned) && ok;
		ac->kept = k;
	}
	if (!ok) {
		jf_error(d, "sum of points overflows in the expiry of points");
		return JF_INVALID;
	}
	return JF_OK;
}

int64_t jf_accts_stock(const struct jf_accts *a, int village, int item)
{
	return a->stock[(size_t)village * a->book->ngoods + (size_t)item];
}

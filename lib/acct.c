/* acct.c - household accounts and shop stock from entries. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "acct.h"
#include "kind.h"

void jf_accts_init(struct jf_accts *a, const struct jf_book *b, jf_date as_of)
{
	a->book = b;
	a->acct = jf_calloc(b->nhouseholds, sizeof *a->acct);
	a->stock = jf_calloc(b->nvillages * (b->ngoods ? b->ngoods : 1), sizeof *a->stock);
	a->as_of = as_of;
	a->tally = 0;
}

void jf_accts_release(struct jf_accts *a)
{
	free(a->acct);
	free(a->stock);
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

	for (size_t i = 0; i < n; i++) {
		if (a->as_of != JF_DATE_NONE && m[i].from > a->as_of)
			continue;
		if (m[i].household >= 0 && !touched) {
			a->acct[m[i].household].entries++;
			touched = true;
		}
		ok = apply_move(a, &m[i]) && ok;
	}
	if (!ok) {
		jf_error_at(d, e->file, e->line, e->col, "sum of points or stock overflows");
		return JF_INVALID;
	}
	return JF_OK;
}

bool jf_account_balance(const struct jf_account *ac, jf_points *out)
{
	return jf_points_sub(ac->earned, ac->spent, out);
}

int64_t jf_accts_stock(const struct jf_accts *a, int village, int item)
{
	return a->stock[(size_t)village * a->book->ngoods + (size_t)item];
}

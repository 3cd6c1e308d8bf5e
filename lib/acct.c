/* acct.c - household accounts and shop stock from entries. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "acct.h"

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

jf_points jf_entry_points(const struct jf_entry *e)
{
	if (e->kind == JF_VOID)
		return e->target ? jf_points_neg(e->target->points) : 0;
	return e->points;
}

enum jf_kind jf_entry_points_kind(const struct jf_entry *e)
{
	if (e->kind == JF_VOID && e->target)
		return (enum jf_kind)e->target->kind;
	return e->kind;
}

enum jf_status jf_accts_tally(const struct jf_book *b, jf_points *t,
			      const struct jf_entry *e, struct jf_diags *d)
{
	(void)b;
	if (jf_points_tally(t, jf_entry_points(e)))
		return JF_OK;
	jf_error_at(d, e->file, e->line, e->col, JF_POINTS_TALLY_MSG);
	return JF_INVALID;
}

static bool add(jf_points *to, jf_points v)
{
	return jf_points_add(*to, v, to);
}

enum jf_status jf_accts_apply(struct jf_accts *a, const struct jf_entry *e,
			      struct jf_diags *d)
{
	const struct jf_book *b = a->book;
	bool ok = true;

	if (jf_accts_tally(b, &a->tally, e, d) != JF_OK)
		return JF_INVALID;
	if (a->as_of != JF_DATE_NONE && e->date > a->as_of)
		return JF_OK;
	enum jf_kind k = jf_entry_points_kind(e);
	jf_points p = jf_entry_points(e);
	if (e->household >= 0 && k != JF_RESTOCK) {
		struct jf_account *ac = &a->acct[e->household];
		ac->entries++;
		switch (k) {
		case JF_EARN: {
			/* a void of a deduction gives back to "deducted" */
			jf_points orig = e->kind == JF_VOID ? e->target->points : e->points;
			ok = add(&ac->earned, p) && add(orig >= 0 ? &ac->gained : &ac->deducted, p);
			break;
		}
		case JF_ADJUST:
			ok = add(&ac->earned, p) && add(&ac->adjusted, p);
			break;
		case JF_REDEEM:
			ok = add(&ac->spent, -p);
			break;
		default:
			break;
		}
	}
	/* stock: redemptions take from the household's village shop */
	int64_t qty = 0;
	int item = -1, village = e->village;
	if (e->kind == JF_VOID && e->target) {
		const struct jf_effect *t = e->target;
		if (t->kind == JF_RESTOCK)
			qty = -(int64_t)t->qty;
		else if (t->kind == JF_REDEEM)
			qty = t->qty;
		item = t->what;
		village = t->village;
	} else if (e->kind == JF_RESTOCK) {
		qty = e->qty;
		item = e->item;
	} else if (e->kind == JF_REDEEM) {
		qty = -e->qty;
		item = e->item;
	}
	if (qty && item >= 0 && village >= 0 && b->goods[item].stock) {
		int64_t *s = &a->stock[(size_t)village * b->ngoods + (size_t)item];
		if (__builtin_add_overflow(*s, qty, s))
			ok = false;
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

/* report_wish.c - the wish wall and volunteer hours of a period report
 * (SPEC 4.3; report.h).
 *
 * Only in books that use them: volunteers.yaml is there, or the ledger has
 * an entry of the wish family (a wish can be posted without teams).  By
 * village (a wish's household's; its take, done and drop follow it):
 *   posted    wishes dated in the period;
 *   taken     takes dated in it that took the wish on (a take superseded
 *             by an earlier one is not counted; one voided later is: its
 *             void reopened the wish);
 *   done, dropped  dones and drops dated in it that had effect;
 *   open      wishes posted by the period's end and up on that day (open
 *             or taken, as of that day; not a closed account's, as on the
 *             wall), and the oldest of them.
 * Hours, by volunteer: serves dated in the period, a void of a serve
 * taking its hours back on the void's date; and the total by the period's
 * end (the stars).  A volunteer belongs to its team's village; township
 * teams show only in a report of every village.  Every figure comes from
 * the records, so the cache gives the same report.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "kind.h"
#include "report.h"
#include "volunteers.h"
#include "wish.h"

bool jf_report_has_volunteer(const struct jf_report *r, size_t i)
{
	const struct jf_book *b = r->book;
	if (i >= b->vol.nvolunteers)
		return false;
	int t = b->vol.volunteers[i].team;
	int v = t >= 0 ? b->vol.teams[t].village : -1;
	return r->o.village < 0 || v == r->o.village;
}

static void ensure(struct jf_report *r)
{
	const struct jf_book *b = r->book;
	if (r->wishes)
		return;
	r->wishes = jf_calloc(b->nvillages ? b->nvillages : 1, sizeof *r->wishes);
	for (size_t v = 0; v < b->nvillages; v++)
		r->wishes[v].oldest = -1;
	r->vol_hours = jf_calloc(b->vol.nvolunteers ? b->vol.nvolunteers : 1, sizeof *r->vol_hours);
	r->vol_total = jf_calloc(b->vol.nvolunteers ? b->vol.nvolunteers : 1, sizeof *r->vol_total);
}

/* Hours h (negative: a void's) of the serve record s, on day `date`. */
static bool hours(struct jf_report *r, const struct jf_effect *s, jf_points h, jf_date date)
{
	int vol = jf_serve_volunteer(s);
	if (vol < 0 || !jf_report_has_volunteer(r, (size_t)vol))
		return true;
	if (!jf_points_add(r->vol_total[vol], h, &r->vol_total[vol]))
		return false;
	return date < r->o.from || jf_points_add(r->vol_hours[vol], h, &r->vol_hours[vol]);
}

/* Is wish e up (open or taken) on the period's last day, as the wall
 * shows it then (wish_list.c): not once its household's account closed
 * (past its until:)?  Its follow-ups are replayed on a copy: the
 * scanner's records stay as they are. */
static bool up_at_end(const struct jf_report *r, const struct jf_entry *e)
{
	const struct jf_household *hh = &r->book->households[e->household];
	if (hh->until != JF_DATE_NONE && r->o.to > hh->until)
		return false;
	struct jf_wish_state st;
	struct jf_fu *f = jf_calloc(e->nfus ? e->nfus : 1, sizeof *f);
	if (e->nfus)
		memcpy(f, e->fus, e->nfus * sizeof *f);
	jf_wish_state_of(e->self, f, e->nfus, r->o.to, &st);
	free(f);
	return st.st == JF_WS_OPEN || st.st == JF_WS_TAKEN;
}

bool jf_report_wish_add(struct jf_report *r, const struct jf_entry *e)
{
	const struct jf_book *b = r->book;
	enum jf_kind tk = e->target ? (enum jf_kind)e->target->kind : JF_NKINDS;
	switch (e->kind) {
	case JF_WISH: case JF_TAKE: case JF_DONE: case JF_DROP: case JF_SERVE:
		r->wishes_on = true;
		break;
	case JF_VOID:
		if (tk == JF_SERVE)
			break;
		return true;
	default:
		return true;
	}
	ensure(r);
	if (e->date > r->o.to || !e->self)
		return true;
	bool period = e->date >= r->o.from;
	/* a reviewed serve that never counts adds no hours, nor does a void
	 * of it take any back (wish.h: jf_serve_hours_count()) */
	if (e->kind == JF_SERVE)
		return !jf_serve_hours_count(e->self, r->o.to) ||
		       hours(r, e->self, jf_serve_hours(e->self), e->date);
	if (e->kind == JF_VOID) {
		if (!jf_serve_hours_count(e->target, e->date))
			return true;
		jf_points h = jf_serve_hours(e->target);
		return hours(r, e->target, -h, e->date);
	}
	int v = e->village;
	if (!jf_report_has_village(r, v))
		return true;
	struct jf_report_wishes *w = &r->wishes[v];
	bool stands = !(e->self->flags & JF_EFFECT_SUPERSEDED);
	switch (e->kind) {
	case JF_WISH:
		w->posted += period;
		if (e->household >= 0 && up_at_end(r, e)) {
			w->open++;
			/* the oldest: the first posted, then the first household */
			if (w->oldest < 0 || e->date < w->oldest_posted ||
			    (e->date == w->oldest_posted && e->household < w->oldest)) {
				w->oldest = e->household;
				w->oldest_posted = e->date;
			}
		}
		break;
	case JF_TAKE:
		w->taken += period && stands;
		break;
	case JF_DONE:
		w->done += period && stands;
		break;
	case JF_DROP:
		w->dropped += period && stands;
		break;
	default:
		break;
	}
	(void)b;
	return true;
}

void jf_report_wish_finish(struct jf_report *r)
{
	const struct jf_book *b = r->book;
	if (b->vol.set)
		r->wishes_on = true;
	if (!r->wishes_on)
		return;
	ensure(r);
	struct jf_report_wishes *t = &r->wish_total;
	memset(t, 0, sizeof *t);
	t->oldest = -1;
	for (size_t v = 0; v < b->nvillages; v++) {
		const struct jf_report_wishes *w = &r->wishes[v];
		if (!jf_report_has_village(r, (int)v))
			continue;
		/* counts of entries: far below any overflow */
		t->posted += w->posted;
		t->taken += w->taken;
		t->done += w->done;
		t->dropped += w->dropped;
		t->open += w->open;
		if (w->oldest >= 0 && (t->oldest < 0 || w->oldest_posted < t->oldest_posted)) {
			t->oldest = w->oldest;
			t->oldest_posted = w->oldest_posted;
		}
	}
}

void jf_report_wish_free(struct jf_report *r)
{
	free(r->wishes);
	free(r->vol_hours);
	free(r->vol_total);
}

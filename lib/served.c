/* served.c - a volunteer's hours a day across the book (wish.h: jf-check's
 * warning where merged clones passed SPEC 4.3's 24 hours). */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cache.h"
#include "kind.h"
#include "volunteers.h"
#include "wish.h"

struct jf_serve_day {
	int vol;
	jf_date day;
	jf_points hours;
	struct jf_idkey key;
};

void jf_served_note(struct jf_served *s, const struct jf_entry *e)
{
	if (!e->self)
		return;
	if (jf_kind_has(e->kind, JF_F_HOURS) && !(jf_kind(e->kind)->flags & JF_KF_FOLLOW)) {
		int v = jf_serve_volunteer(e->self);
		if (v < 0)
			return;
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			s->v = jf_reallocarray(s->v, s->cap, sizeof *s->v);
		}
		s->v[s->n++] = (struct jf_serve_day){ v, e->date, jf_serve_hours(e->self),
						      e->self->key };
	} else if ((jf_kind(e->kind)->flags & JF_KF_ONCE) && e->target &&
		   jf_kind_has((enum jf_kind)e->target->kind, JF_F_HOURS)) {
		if (s->nvoided == s->capvoided) {
			s->capvoided = s->capvoided ? s->capvoided * 2 : 16;
			s->voided = jf_reallocarray(s->voided, s->capvoided, sizeof *s->voided);
		}
		s->voided[s->nvoided++] = e->target->key;
	}
}

static int cmp_day(const void *a, const void *b)
{
	const struct jf_serve_day *x = a, *y = b;
	if (x->vol != y->vol)
		return x->vol < y->vol ? -1 : 1;
	return x->day < y->day ? -1 : x->day > y->day;
}

static int cmp_key(const void *a, const void *b)
{
	return jf_idkey_cmp(*(const struct jf_idkey *)a, *(const struct jf_idkey *)b);
}

void jf_served_warnings(struct jf_served *s, const struct jf_book *b, struct jf_diags *d)
{
	char d1[JF_DATE_BUFSZ], p1[JF_POINTS_BUFSZ];
	if (s->nvoided > 1)
		qsort(s->voided, s->nvoided, sizeof *s->voided, cmp_key);
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++)
		if (!s->nvoided || !bsearch(&s->v[i].key, s->voided, s->nvoided, sizeof *s->voided,
					    cmp_key))
			s->v[k++] = s->v[i];
	s->n = k;
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_day);
	for (size_t i = 0, j; i < s->n; i = j) {
		jf_points sum = 0;
		bool over = false;
		for (j = i; j < s->n && !cmp_day(&s->v[i], &s->v[j]); j++)
			over = over || !jf_points_add(sum, s->v[j].hours, &sum);
		if (over || sum > JF_HOURS_DAY_MAX)
			jf_diag_add(d, JF_SEV_WARNING, NULL, 0, 0,
				    "volunteer %s served %s hours on %s: at most 24 a day "
				    "(entries merged from two clones?)",
				    b->vol.volunteers[s->v[i].vol].id,
				    over ? "more than 24" : jf_points_format(sum, p1),
				    jf_date_format(s->v[i].day, d1));
	}
}

void jf_served_release(struct jf_served *s)
{
	free(s->v);
	free(s->voided);
	memset(s, 0, sizeof *s);
}

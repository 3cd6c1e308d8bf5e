/* vlog.c - a volunteer's service with a running total of hours (vlog.h). */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "i18n.h"
#include "json.h"
#include "kind.h"
#include "labels.h"
#include "lineord.h"
#include "review_read.h"
#include "table.h"
#include "vlog.h"
#include "volunteers.h"
#include "wish.h"

struct line {
	struct jf_lpos pos;        /* ledger order */
	jf_date date;
	enum jf_kind kind;         /* JF_SERVE or JF_VOID */
	jf_points hours;           /* signed: a void's are negative */
	bool counted;              /* hours adds to the total (wish.h:
				    * jf_serve_hours_count()) */
	int state;                 /* a reviewed serve's (review.h), else -1 */
	jf_points total;           /* the running total after it */
	int stars;                 /* of that total */
	int household, activity;   /* -1: none (hours only) */
	jf_points points;          /* the serve's (a void's: taken back, negative) */
	struct jf_ltexts t;        /* its entry's texts */
};

struct jf_vlog {
	const struct jf_book *b;
	int v;
	jf_date from, to;
	struct line *l;
	size_t n, cap;
	struct jf_lfiles files;    /* of the lines, interned */
	jf_points before;          /* the total before the period */
	bool sorted;
};

struct jf_vlog *jf_vlog_new(const struct jf_book *b, int v, jf_date from, jf_date to)
{
	struct jf_vlog *s = jf_calloc(1, sizeof *s);
	s->b = b;
	s->v = v;
	s->from = from;
	s->to = to;
	return s;
}

void jf_vlog_free(struct jf_vlog *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		jf_ltexts_free(&s->l[i].t);
	jf_lfiles_free(&s->files);
	free(s->l);
	free(s);
}

enum jf_status jf_vlog_add(struct jf_vlog *s, const struct jf_entry *e, struct jf_diags *d)
{
	const struct jf_effect *serve = e->kind == JF_SERVE ? e->self
				      : e->kind == JF_VOID && e->target &&
					e->target->kind == JF_SERVE ? e->target : NULL;
	if (!serve || jf_serve_volunteer(serve) != s->v)
		return JF_OK;
	if (s->to != JF_DATE_NONE && e->date > s->to)
		return JF_OK;
	s->l = jf_grow(s->l, s->n, &s->cap, 32, sizeof *s->l);
	struct line *l = &s->l[s->n];
	memset(l, 0, sizeof *l);
	l->pos.seq = s->n++;
	l->date = e->date;
	l->kind = e->kind;
	l->hours = e->kind == JF_VOID ? -jf_serve_hours(serve) : jf_serve_hours(serve);
	l->points = e->kind == JF_VOID ? -serve->points : serve->points;
	/* a reviewed serve that never counts (rejected, voided before its
	 * counting day) is shown but adds nothing, nor does a void of it */
	l->counted = jf_serve_hours_count(serve, e->kind == JF_VOID ? e->date : s->to);
	if (e->kind == JF_VOID && !l->counted) {
		l->hours = 0;
		l->points = 0;
	}
	struct jf_review_state rs;
	l->state = e->kind == JF_SERVE && jf_review_entry(e, s->to, &rs) ? (int)rs.st : -1;
	l->household = serve->household;
	l->activity = serve->household >= 0 ? (int)serve->what : -1;
	if (s->from == JF_DATE_NONE || l->date >= s->from) {
		/* shown: its texts (read again when replayed from the cache) */
		enum jf_status st = jf_ltexts_read(&l->t, s->b, e, d);
		if (st != JF_OK)
			return st;
	}
	l->pos.file = jf_lfiles_intern(&s->files, e->file);
	l->pos.line = e->line;
	return JF_OK;
}

static int cmp_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return jf_lpos_cmp(&x->pos, &y->pos);
}

/* Sort and total: hours are at most 24 a day, so no total overflows. */
static void settle(struct jf_vlog *s)
{
	if (s->sorted)
		return;
	s->sorted = true;
	if (s->n > 1)
		qsort(s->l, s->n, sizeof *s->l, cmp_line);
	jf_points t = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->l[i].counted)
			t += s->l[i].hours;
		s->l[i].total = t;
		s->l[i].stars = jf_volunteer_stars(s->b, t);
		if (s->from != JF_DATE_NONE && s->l[i].date < s->from)
			s->before = t;
	}
}

static bool shown(const struct jf_vlog *s, const struct line *l)
{
	return s->from == JF_DATE_NONE || l->date >= s->from;
}

/* Line i, when it is shown (jf_json_array). */
static void json_line(struct jf_json *j, const void *ctx, size_t i)
{
	const struct jf_vlog *s = ctx;
	const struct jf_book *b = s->b;
	const struct line *l = &s->l[i];
	if (!shown(s, l))
		return;
	char db[JF_DATE_BUFSZ];
	jf_json_obj_open(j);
	jf_json_kstr(j, "id", l->t.id);
	jf_json_kstr(j, "date", jf_date_format(l->date, db));
	jf_json_kstr(j, "kind", jf_kind_name(l->kind));
	jf_json_kstr(j, "volunteer", b->vol.volunteers[s->v].id);
	jf_json_kpoints(j, "hours", l->hours);
	jf_json_kpoints(j, "total_hours", l->total);
	if (l->state >= 0) {
		jf_json_kstr(j, "state", jf_review_st_name((enum jf_review_st)l->state));
		jf_json_key(j, "counted");
		jf_json_bool(j, l->counted);
	}
	if (b->vol.nstars)
		jf_json_kint(j, "stars", l->stars);
	if (l->household >= 0) {
		jf_json_kstr(j, "household", b->households[l->household].id);
		jf_json_kstr(j, "activity", b->activities[l->activity].code);
		jf_json_kpoints(j, "points", l->points);
	}
	jf_json_kstr_opt(j, "ref", l->t.ref);
	jf_json_kstr_opt(j, "reason", l->t.reason);
	jf_json_kstr_opt(j, "note", l->t.note);
	jf_json_kstr(j, "by", l->t.by);
	jf_json_obj_close(j);
}

void jf_vlog_format(struct jf_vlog *s, enum jf_format fmt, struct jf_buf *out)
{
	const struct jf_book *b = s->b;
	settle(s);
	if (fmt == JF_FMT_JSON) {
		jf_json_array(out, s->n, json_line, s);
		return;
	}
	static const char *const heads[] = { N_("date"), N_("kind"), N_("hours"), N_("total_hours"),
					     N_("stars"), N_("household"), N_("what"), N_("points"),
					     N_("id"), N_("note") };
	bool stars = b->vol.nstars > 0;
	size_t nc = sizeof heads / sizeof *heads;
	struct jf_table *t = jf_table_new(stars ? nc : nc - 1);
	char db[JF_DATE_BUFSZ], pb[JF_POINTS_BUFSZ];
	for (size_t i = 0, c = 0; i < nc; i++) {
		if (i == 4 && !stars)
			continue;
		jf_table_column(t, c++, jf_tr_col(b->lang, fmt, heads[i]),
				(i >= 2 && i <= 4) || i == 7 ? JF_RIGHT : JF_LEFT);
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct line *l = &s->l[i];
		size_t c = 0;
		if (!shown(s, l))
			continue;
		jf_table_row(t);
		jf_table_cell(t, c++, jf_date_format(l->date, db));
		jf_table_cell(t, c++, jf_kind_name(l->kind));
		jf_table_cell(t, c++, jf_points_format_signed(l->hours, pb));
		jf_table_cell(t, c++, jf_points_format(l->total, pb));
		if (stars)
			jf_table_cellf(t, c++, "%d", l->stars);
		if (l->household >= 0) {
			jf_table_cell(t, c, b->households[l->household].id);
			jf_table_cell(t, c + 1, b->activities[l->activity].code);
			jf_table_cell(t, c + 2, jf_points_format_signed(l->points, pb));
		} else if (l->t.ref) {
			jf_table_cell(t, c + 1, l->t.ref);
		}
		c += 3;
		jf_table_cell(t, c++, l->t.id ? l->t.id : "");
		const char *note = l->t.reason ? l->t.reason : l->t.note ? l->t.note : "";
		if (!l->counted && l->state >= 0) /* "rejected", "voided: NOTE" */
			jf_table_cellf(t, c++, "%s%s%s", jf_review_st_name((enum jf_review_st)l->state),
				       *note ? ": " : "", note);
		else
			jf_table_cell(t, c++, note);
	}
	jf_table_write(t, fmt, out);
	jf_table_free(t);
}

/* "★★☆☆☆" for n of the levels set. */
static void star_marks(const struct jf_book *b, int n, struct jf_buf *out)
{
	for (size_t i = 0; i < b->vol.nstars; i++)
		jf_buf_adds(out, (int)i < n ? "★" : "☆");
}

void jf_vlog_print(struct jf_vlog *s, enum jf_paper paper, jf_date printed, struct jf_buf *out)
{
	const struct jf_book *b = s->b;
	const struct jf_volunteer *vo = &b->vol.volunteers[s->v];
	bool zh = b->lang == JF_LANG_ZH;
	struct jf_buf sub = JF_BUF_INIT, per = JF_BUF_INIT, what = JF_BUF_INIT,
		      stars = JF_BUF_INIT;
	char db[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ], hb[JF_POINTS_BUFSZ], tb[JF_POINTS_BUFSZ];
	settle(s);
	const char *title = jf_label(b->lang, JF_L_SERVICE_RECORD);
	struct jf_print *p = jf_print_new(b, paper, printed, "service-record", title);
	jf_buf_addf(&sub, zh ? "%s　%s　%s" : "%s  %s  %s", vo->id, vo->name,
		    b->vol.teams[vo->team].name);
	if (s->from != JF_DATE_NONE || s->to != JF_DATE_NONE) {
		jf_buf_addf(&per, "%s%s", jf_label(b->lang, JF_L_PERIOD), zh ? "：" : ": ");
		if (s->from != JF_DATE_NONE && s->to != JF_DATE_NONE)
			jf_buf_addf(&per, zh ? "%s 至 %s" : "%s to %s", jf_date_format(s->from, db),
				    jf_date_format(s->to, d2));
		else if (s->from != JF_DATE_NONE)
			jf_buf_addf(&per, zh ? "%s 起" : "from %s", jf_date_format(s->from, db));
		else
			jf_buf_addf(&per, zh ? "至 %s" : "to %s", jf_date_format(s->to, d2));
	}
	struct jf_print_head h = { title, b->township, sub.s, per.len ? per.s : NULL };
	jf_print_page(p, NULL, &h);
	jf_print_section(p, "service", NULL, false);
	size_t nc = b->vol.nstars ? 5 : 4;
	struct jf_print_col cols[5] = {
		{ jf_label(b->lang, JF_L_DATE), false }, { jf_label(b->lang, JF_L_CAUSE), false },
		{ jf_label(b->lang, JF_L_HOURS), true }, { jf_label(b->lang, JF_L_TOTAL_HOURS), true },
		{ jf_label(b->lang, JF_L_STAR_COUNT), false },
	};
	jf_print_table(p, "service", cols, nc);
	if (s->from != JF_DATE_NONE && s->before) {
		jf_buf_reset(&stars);
		star_marks(b, jf_volunteer_stars(b, s->before), &stars);
		const char *c[5] = { jf_date_format(s->from, db), jf_label(b->lang, JF_L_BROUGHT_HOURS),
				     NULL, jf_points_format(s->before, tb), stars.s };
		jf_print_row(p, "carry", c);
	}
	size_t shown_n = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct line *l = &s->l[i];
		if (!shown(s, l))
			continue;
		shown_n++;
		jf_buf_reset(&what);
		if (l->kind == JF_VOID)
			jf_buf_addf(&what, "%s%s%s", jf_label(b->lang, JF_L_VOIDED),
				    l->t.reason ? (zh ? "：" : ": ") : "", l->t.reason ? l->t.reason : "");
		else if (l->household >= 0)
			jf_buf_adds(&what, b->activities[l->activity].name);
		else
			jf_buf_adds(&what, l->t.note ? l->t.note : jf_label_kind(b->lang, JF_SERVE));
		if (l->kind == JF_SERVE && !l->counted && l->state >= 0)
			/* never counts: its hours are not in the total */
			jf_buf_addf(&what, zh ? "（%s）" : " (%s)",
				    jf_label(b->lang, l->state == JF_RV_REJECTED ? JF_L_REJECTED
								      : JF_L_VOIDED));
		jf_buf_reset(&stars);
		star_marks(b, l->stars, &stars);
		const char *c[5] = { jf_date_format(l->date, db), what.s,
				     jf_points_format_signed(l->hours, hb),
				     jf_points_format(l->total, tb), stars.s };
		jf_print_row(p, NULL, c);
	}
	if (!shown_n)
		jf_print_text(p, "none", jf_label(b->lang, JF_L_NO_ENTRIES));
	jf_print_finish(p, out);
	jf_print_free(p);
	jf_buf_release(&sub);
	jf_buf_release(&per);
	jf_buf_release(&what);
	jf_buf_release(&stars);
}

/* stmt.c - statements with running balances. */
#include <stdlib.h>
#include <string.h>

#include "acct.h"
#include "alloc.h"
#include "expiry.h"
#include "i18n.h"
#include "json.h"
#include "review_read.h"
#include "kind.h"
#include "stmt.h"
#include "stmt_priv.h"
#include "table.h"

struct jf_stmt *jf_stmt_new(const struct jf_book *b, const bool *want, bool with_shops,
			    int village, jf_date from, jf_date to)
{
	struct jf_stmt *s = jf_calloc(1, sizeof *s);
	*s = (struct jf_stmt){ .b = b, .want = want, .with_shops = with_shops,
			       .village = village, .from = from, .to = to,
			       .review = b->review.set, .day = to };
	return s;
}

void jf_stmt_day(struct jf_stmt *s, jf_date day)
{
	s->day = day;
}

void jf_stmt_free(struct jf_stmt *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		jf_ltexts_free(&s->v[i].t);
	}
	jf_lfiles_free(&s->files);
	free(s->v);
	free(s);
}

/* A new, zeroed line at the end, numbered in the order added. */
static struct jf_stmt_line *new_line(struct jf_stmt *s)
{
	s->v = jf_grow(s->v, s->n, &s->cap, 64, sizeof *s->v);
	struct jf_stmt_line *l = &s->v[s->n];
	memset(l, 0, sizeof *l);
	l->pos.seq = s->n++;
	l->state = -1;
	l->counts_from = JF_DATE_NONE;
	return l;
}

/* Line l of entry e gets the entry's texts when it is shown (dated in
 * the period): an entry replayed from the cache has them read again. */
static enum jf_status line_texts(struct jf_stmt *s, struct jf_stmt_line *l,
				 const struct jf_entry *e, struct jf_diags *d)
{
	if (s->from != JF_DATE_NONE && l->date < s->from)
		return JF_OK; /* it only counts toward the balance */
	return jf_ltexts_read(&l->t, s->b, e, d);
}

/* One line of entry e for household h (-1: a shop's line), dated date
 * (the entry's, or its counting day). */
static enum jf_status add_line(struct jf_stmt *s, const struct jf_entry *e, int h,
			       const struct jf_move *m, size_t n, jf_date date,
			       struct jf_diags *d)
{
	struct jf_stmt_line *l = new_line(s);
	l->date = date;
	l->dated = e->date;
	l->kind = e->kind;
	l->household = h;
	l->peer = -1;
	if (e->to >= 0)
		l->peer = h == e->to ? e->household : e->to;
	l->incoming = e->to >= 0 && h == e->to;
	l->until = e->until;
	l->tie = jf_accts_tie(e);
	l->activity = e->activity;
	l->item = e->item;
	l->village = e->village;
	l->qty = e->qty;
	l->points = e->points;
	if (!jf_moves_points(m, n, h, &l->effect))
		return JF_INVALID; /* cannot happen: one move per household */
	enum jf_status st = line_texts(s, l, e, d);
	if (st != JF_OK)
		return st;
	l->pos.file = jf_lfiles_intern(&s->files, e->file);
	l->pos.line = e->line;
	l->superseded = e->self && (e->self->flags & JF_EFFECT_SUPERSEDED);
	struct jf_review_state rs;
	if (s->review && jf_review_entry(e, s->day, &rs)) {
		/* on its date it changes nothing: its points count from its
		 * counting day, a line of their own (add_counting) */
		l->effect = 0;
		for (size_t i = 0; i < n; i++)
			if (m[i].household == h && !m[i].reviewed && m[i].from == e->date &&
			    !jf_points_add(l->effect, m[i].points, &l->effect))
				return JF_INVALID;
		l->state = (int)rs.st;
		l->counts_from = rs.counts_from;
		l->need = e->need;
		l->notice = e->notice;
	}
	return JF_OK;
}

/* A reviewed earn's second line: its points on its counting day, when
 * that is by the statement's day.  Its points move says the day. */
static enum jf_status add_counting(struct jf_stmt *s, const struct jf_entry *e, int h,
				   const struct jf_move *m, size_t n, struct jf_diags *d)
{
	for (size_t i = 0; i < n; i++) {
		if (!m[i].reviewed || m[i].household != h || m[i].from == JF_DATE_NEVER ||
		    (s->day != JF_DATE_NONE && m[i].from > s->day))
			continue;
		enum jf_status st = add_line(s, e, h, m, n, m[i].from, d);
		if (st != JF_OK)
			return st;
		struct jf_stmt_line *l = &s->v[s->n - 1];
		l->effect = m[i].points;
		l->counting = true;
		l->state = (int)JF_RV_COUNTS;
		l->counts_from = m[i].from;
	}
	return JF_OK;
}

void jf_stmt_add_expired(struct jf_stmt *s, const struct jf_expiry *x)
{
	for (size_t i = 0; x && i < x->nlapses; i++) {
		const struct jf_xlapse *lp = &x->lapses[i];
		if (!s->want[lp->household] || (s->to != JF_DATE_NONE && lp->until + 1 > s->to))
			continue;
		struct jf_stmt_line *l = new_line(s);
		l->date = lp->until + 1;
		l->kind = JF_EXPIRE;
		l->household = lp->household;
		l->activity = l->item = l->peer = -1;
		l->village = s->b->households[lp->household].village;
		l->points = l->effect = -lp->points;
		l->expired = true;
		l->until = lp->until;
	}
	/* a void takes back only what had not expired of its target */
	for (size_t i = 0; x && i < x->nkept; i++) {
		const struct jf_xkept *k = &x->kept[i];
		if (!s->want[k->household])
			continue;
		for (size_t j = 0; j < s->n; j++) {
			struct jf_stmt_line *l = &s->v[j];
			if (l->household == k->household && l->date == k->date && l->tie == k->tie &&
			    l->pos.file && !l->counting) {
				l->effect += k->points;
				break;
			}
		}
	}
}

enum jf_status jf_stmt_add(struct jf_stmt *s, const struct jf_entry *e, struct jf_diags *d)
{
	if (s->to != JF_DATE_NONE && e->date > s->to)
		return JF_OK;
	struct jf_move m[JF_MOVES_MAX];
	size_t n = jf_entry_moves(s->b, e, m);
	if (e->household < 0) {
		if (!s->with_shops || (s->village >= 0 && e->village != s->village))
			return JF_OK;
		return add_line(s, e, -1, m, n, e->date, d);
	}
	/* the entry's household, and any other a move touches (a transfer's
	 * receiver, also when its void gives the points back) */
	enum jf_status st = JF_OK;
	if (s->want[e->household])
		st = add_line(s, e, e->household, m, n, e->date, d);
	if (st == JF_OK && s->want[e->household] && s->review && e->need)
		st = add_counting(s, e, e->household, m, n, d);
	for (size_t i = 0; i < n && st == JF_OK; i++) {
		int h = m[i].household;
		bool seen = h < 0 || h == e->household;
		for (size_t k = 0; k < i && !seen; k++)
			seen = m[k].household == h;
		if (!seen && s->want[h])
			st = add_line(s, e, h, m, n, e->date, d);
	}
	return st;
}

/* In its day: a counting line first (0), unless its entry is of the same
 * day; the entries (1), in ledger order; lines of no entry (2). */
static int phase(const struct jf_stmt_line *l)
{
	if (l->counting)
		return l->date == l->dated ? 1 : 0;
	return l->pos.file ? 1 : 2;
}

int jf_stmt_cmp_line(const void *a, const void *b)
{
	const struct jf_stmt_line *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	int px = phase(x), py = phase(y);
	if (px != py)
		return px < py ? -1 : 1;
	if (px != 1) /* counting lines, lines of no entry: as they came */
		return x->pos.seq < y->pos.seq ? -1 : x->pos.seq > y->pos.seq;
	return jf_lpos_cmp(&x->pos, &y->pos);
}

static void json_line(struct jf_json *j, const struct jf_book *b, const struct jf_stmt_line *l)
{
	char db[JF_DATE_BUFSZ];
	jf_json_obj_open(j);
	if (l->expired) {
		jf_json_kstr(j, "date", jf_date_format(l->date, db));
		jf_json_kstr(j, "kind", "expired");
		jf_json_kstr(j, "household", b->households[l->household].id);
		jf_json_kpoints(j, "points", l->points);
		jf_json_kstr(j, "until", jf_date_format(l->until, db));
		jf_json_kpoints(j, "balance", l->balance);
		jf_json_obj_close(j);
		return;
	}
	jf_json_kstr(j, "id", l->t.id);
	jf_json_kstr(j, "date", jf_date_format(l->date, db));
	jf_json_kstr_opt(j, "at", l->t.at);
	jf_json_kstr(j, "kind", l->counting ? "counts" : jf_kind_name(l->kind));
	if (jf_kind_has(l->kind, JF_F_VILLAGE))
		jf_json_kstr(j, "village", b->villages[l->village].code);
	if (jf_kind_has(l->kind, JF_F_HOUSEHOLD))
		jf_json_kstr(j, "household",
			     b->households[l->incoming ? l->peer : l->household].id);
	if (jf_kind_has(l->kind, JF_F_TO))
		jf_json_kstr(j, "to", b->households[l->incoming ? l->household : l->peer].id);
	if (jf_kind_has(l->kind, JF_F_ACTIVITY))
		jf_json_kstr(j, "activity", b->activities[l->activity].code);
	if (jf_kind_has(l->kind, JF_F_ITEM))
		jf_json_kstr(j, "item", b->goods[l->item].code);
	if (l->qty)
		jf_json_kint(j, "qty", l->qty);
	if (jf_kind_has(l->kind, JF_F_POINTS))
		jf_json_kpoints(j, "points", l->points);
	if (l->need) {
		jf_json_kint(j, "approvals", l->need);
		jf_json_kint(j, "notice_days", l->notice);
	}
	if (jf_kind_has(l->kind, JF_F_UNTIL))
		jf_json_kstr(j, "until", jf_date_format(l->until, db));
	jf_json_kstr_opt(j, "ref", l->t.ref);
	jf_json_kstr_opt(j, "reviewer", l->t.reviewer);
	jf_json_kstr_opt(j, "reason", l->t.reason);
	jf_json_kstr_opt(j, "note", l->t.note);
	jf_json_kstr(j, "by", l->t.by);
	if (l->state >= 0) {
		/* a reviewed earn (SPEC 4.2): its state as of the statement's day */
		jf_json_kstr(j, "state", jf_review_st_name((enum jf_review_st)l->state));
		jf_json_key(j, "counts_from");
		if (l->counts_from != JF_DATE_NONE)
			jf_json_str(j, jf_date_format(l->counts_from, db));
		else
			jf_json_null(j);
	}
	if (l->superseded) {
		jf_json_key(j, "superseded");
		jf_json_bool(j, true);
	}
	if (l->household >= 0) {
		if (l->state >= 0) {
			jf_json_kpoints(j, "effect", l->effect);
		} else if (!jf_kind_has(l->kind, JF_F_HOUSEHOLD) || l->incoming) {
			/* whose statement line it is, and what it did there */
			jf_json_kstr(j, l->incoming ? "account" : "household",
				     b->households[l->household].id);
			jf_json_kpoints(j, "effect", l->effect);
		}
		jf_json_kpoints(j, "balance", l->balance);
	}
	jf_json_obj_close(j);
}

enum jf_status jf_stmt_format(struct jf_stmt *s, enum jf_format fmt, bool narrow,
			      struct jf_buf *out, struct jf_diags *d)
{
	const struct jf_book *b = s->b;
	jf_points *bal = jf_calloc(b->nhouseholds, sizeof *bal);
	size_t ncol = s->review ? 11 : 10;
	struct jf_table *t = jf_table_new(ncol);
	struct jf_json j;
	char db[JF_DATE_BUFSZ], pb[JF_POINTS_BUFSZ];
	enum jf_status st = JF_OK;
	static const char *const heads[] = { N_("date"), N_("household"), N_("head"), N_("kind"),
					     N_("what"), N_("qty"), N_("points"), N_("balance"),
					     N_("id"), N_("note"), N_("state") };
	if (narrow && fmt == JF_FMT_TEXT)
		narrow = true;
	else
		narrow = false;

	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, jf_stmt_cmp_line);
	for (size_t i = 0, c = 0; i < ncol; i++) {
		if (narrow && (i == 1 || i == 2))
			continue;
		jf_table_column(t, c++, jf_tr_col(b->lang, fmt, heads[i]),
				(i >= 5 && i <= 7) ? JF_RIGHT : JF_LEFT); /* tsv/csv: English */
	}
	jf_json_init(&j, out, true);
	if (fmt == JF_FMT_JSON)
		jf_json_arr_open(&j);
	for (size_t i = 0; i < s->n; i++) {
		struct jf_stmt_line *l = &s->v[i];
		if (l->household >= 0 &&
		    !jf_points_add(bal[l->household], l->effect, &bal[l->household])) {
			jf_error(d, "the balance of '%s' overflows", b->households[l->household].id);
			st = JF_INVALID;
			break;
		}
		if (l->household >= 0)
			l->balance = bal[l->household];
		if (s->from != JF_DATE_NONE && l->date < s->from)
			continue;
		if (fmt == JF_FMT_JSON) {
			json_line(&j, b, l);
			continue;
		}
		size_t c = 0;
		jf_table_row(t);
		jf_table_cell(t, c++, jf_date_format(l->date, db));
		if (!narrow) {
			jf_table_cell(t, c++, l->household >= 0 ? b->households[l->household].id : "");
			jf_table_cell(t, c++, l->household >= 0 ? b->households[l->household].head
							      : b->villages[l->village].name);
		}
		jf_table_cell(t, c++, l->expired ? "expired" : l->counting ? "counts"
							  : jf_kind_name(l->kind));
		char ub[JF_DATE_BUFSZ];
		const char *what = l->expired || jf_kind_has(l->kind, JF_F_UNTIL)
				 ? jf_date_format(l->until, ub)
				 : jf_kind_has(l->kind, JF_F_ACTIVITY) ? b->activities[l->activity].code
				 : jf_kind_has(l->kind, JF_F_ITEM) ? b->goods[l->item].code
				 : l->peer >= 0 ? b->households[l->peer].id
				 : l->t.ref ? l->t.ref : "";
		jf_table_cell(t, c++, what);
		if (l->qty)
			jf_table_cellf(t, c, "%lld", (long long)l->qty);
		c++;
		if (l->household >= 0)
			jf_table_cell(t, c, jf_points_format_signed(l->effect, pb));
		c++;
		if (l->household >= 0)
			jf_table_cell(t, c, jf_points_format(l->balance, pb));
		c++;
		jf_table_cell(t, c++, l->t.id ? l->t.id : "");
		const char *note = l->t.reason ? l->t.reason : l->t.note ? l->t.note : "";
		if (l->t.reviewer) /* approve, reject: who decided */
			jf_table_cellf(t, c++, "%s%s%s", l->t.reviewer, *note ? ": " : "", note);
		else
			jf_table_cell(t, c++, note);
		if (s->review)
			jf_table_cell(t, c++, l->counting ? "" : l->state >= 0
				      ? jf_review_st_name((enum jf_review_st)l->state)
				      : l->superseded ? "superseded" : "");
	}
	if (st == JF_OK) {
		if (fmt == JF_FMT_JSON) {
			jf_json_arr_close(&j);
			jf_buf_addc(out, '\n');
		} else {
			jf_table_write(t, fmt, out);
		}
	}
	jf_table_free(t);
	free(bal);
	return st;
}

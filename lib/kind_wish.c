/* kind_wish.c - the wish wall and volunteer service (SPEC 4.3): wish, take,
 * done, drop and serve.
 *
 * A wish is an entry of its household; take, done and drop are follow-ups
 * of a wish whose effect depends on their canonical order (wish.h:
 * jf_wish_replay); serve is a volunteer's hours, earning points for a
 * household when it names an activity.  Reading one checks what the
 * entry alone and its target decide: codes known (service, team,
 * volunteer), hours, a take naming a team or a volunteer, a follow-up of a
 * wish not dated before it.  The new fields (text, service, team,
 * volunteer, hours, wish) are read through jf_kcheck_text(): where the
 * reader hands the kinds no texts, an entry that carries any of them but
 * text is refused, so that nothing unchecked is counted.
 *
 * Writers (prepare, settle) refuse what SPEC 4.3 refuses: a take of a wish
 * not open, a done of a wish not taken, a drop of a wish done or dropped,
 * unknown or inactive teams and volunteers, hours beyond 24 a volunteer a
 * day; a follow-up is checked in its canonical place among the wish's
 * others (state.h), and refused where it would take the effect of one
 * already there.  A serve with an activity earns like an earn of the
 * volunteer's household (its rule's limit counted in hours, its window,
 * its review); a serve's `wish` names a wish taken or done.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "review.h"
#include "txn.h"
#include "yemit.h"

#include "kind.h"
#include "volunteers.h"
#include "wish.h"

#define P(kc, f, ...) jf_kcheck_problem(kc, f, JF_SEV_ERROR, __VA_ARGS__)
#define W(kc, f, ...) jf_kcheck_problem(kc, f, JF_SEV_WARNING, __VA_ARGS__)

/* How problems name a follow-up's target: replayed entries have no text. */
#define REFNAME(e) ((e)->ref ? (e)->ref : "(a cached entry's target)")

/* The text of field f, when the entry has it; *missing when it has it but
 * the reader hands no texts. */
static const char *own_text(struct jf_kcheck *kc, const struct jf_entry *e, enum jf_field f,
			    bool *missing)
{
	if (!(e->present & JF_FB(f)))
		return NULL;
	const char *s = jf_kcheck_text(kc, f);
	if (!s)
		*missing = true;
	return s;
}

static void not_supported(struct jf_kcheck *kc, const struct jf_entry *e, enum jf_field f)
{
	P(kc, f, "%s entries with '%s' are not supported yet by this reader",
	  jf_kind_name(e->kind), jf_fields[f].name);
}

/* ---- wish ---- */

static void wish_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	(void)ok;
	bool missing = false;
	const char *s = own_text(kc, e, JF_F_SERVICE, &missing);
	if (missing)
		not_supported(kc, e, JF_F_SERVICE);
	else if (s && jf_book_service(kc->b, s) < 0)
		P(kc, JF_F_SERVICE, "unknown service '%s'", s);
}

static void wish_record(struct jf_kcheck *kc, const struct jf_entry *e, struct jf_effect *rec)
{
	bool missing = false;
	const char *s = own_text(kc, e, JF_F_SERVICE, &missing);
	int i = s ? jf_book_service(kc->b, s) : -1;
	rec->what = (uint16_t)(i + 1);
}

/* ---- take, done, drop: follow-ups of a wish ---- */

static void take_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	(void)ok;
	char d1[JF_DATE_BUFSZ];
	bool missing = false;
	const char *team = own_text(kc, e, JF_F_TEAM, &missing);
	const char *vol = own_text(kc, e, JF_F_VOLUNTEER, &missing);
	if (!(e->present & (JF_FB(JF_F_TEAM) | JF_FB(JF_F_VOLUNTEER)))) {
		P(kc, JF_F_REF, "a take names a team or a volunteer (or both)");
		return;
	}
	if (missing) {
		not_supported(kc, e, e->present & JF_FB(JF_F_TEAM) ? JF_F_TEAM : JF_F_VOLUNTEER);
		return;
	}
	int t = team ? jf_book_team(kc->b, team) : -1;
	int v = vol ? jf_book_volunteer(kc->b, vol) : -1;
	if (team && t < 0)
		P(kc, JF_F_TEAM, "unknown team '%s'", team);
	else if (team && !jf_team_active(kc->b, t, e->date))
		P(kc, JF_F_TEAM, "team '%s' is not active on %s", team,
		  jf_date_format(e->date, d1));
	if (vol && v < 0)
		P(kc, JF_F_VOLUNTEER, "unknown volunteer '%s'", vol);
	else if (vol && !jf_volunteer_active(kc->b, v, e->date))
		P(kc, JF_F_VOLUNTEER, "volunteer '%s' is not active on %s", vol,
		  jf_date_format(e->date, d1));
}

static void take_record(struct jf_kcheck *kc, const struct jf_entry *e, struct jf_effect *rec)
{
	bool missing = false;
	const char *team = own_text(kc, e, JF_F_TEAM, &missing);
	const char *vol = own_text(kc, e, JF_F_VOLUNTEER, &missing);
	rec->what = (uint16_t)((team ? jf_book_team(kc->b, team) : -1) + 1);
	rec->qty = vol ? jf_book_volunteer(kc->b, vol) : -1;
}

/* Any follow-up of a wish: its target is a wish it is not dated before;
 * it names the wish's household and shop. */
static bool wish_follow(struct jf_kcheck *kc, const struct jf_entry *e,
			struct jf_effect *self, struct jf_effect *target)
{
	char d1[JF_DATE_BUFSZ];
	if (target->kind != JF_WISH) {
		P(kc, JF_F_REF, "'%s' is not a wish but an entry of kind %s", REFNAME(e),
		  jf_kind_name((enum jf_kind)target->kind));
		return false;
	}
	if (self->date < target->date) {
		P(kc, JF_F_REF, "a %s dated before the wish '%s' (posted %s)",
		  jf_kind_name(e->kind), REFNAME(e), jf_date_format(target->date, d1));
		return false;
	}
	target->flags |= JF_EFFECT_FOLLOWED;
	self->household = target->household;
	self->village = target->village;
	return true;
}

/* ---- serve: a volunteer's hours, points for a household with an activity ---- */

#define EARNS (JF_FB(JF_F_ACTIVITY) | JF_FB(JF_F_HOUSEHOLD) | JF_FB(JF_F_POINTS))

static void serve_check(struct jf_kcheck *kc, const struct jf_entry *e, uint32_t ok)
{
	char b1[JF_POINTS_BUFSZ], b2[JF_POINTS_BUFSZ], b3[JF_POINTS_BUFSZ];
	const char *why;
	bool missing = false;
	const char *vol = own_text(kc, e, JF_F_VOLUNTEER, &missing);
	const char *hours = own_text(kc, e, JF_F_HOURS, &missing);
	const char *wish = own_text(kc, e, JF_F_WISH, &missing);
	uint32_t earns = e->present & EARNS;
	if (earns && earns != EARNS)
		P(kc, !(earns & JF_FB(JF_F_ACTIVITY)) ? JF_F_HOURS : JF_F_ACTIVITY,
		  "a serve that earns points names its activity, household and points");
	if (missing) {
		not_supported(kc, e, !vol ? JF_F_VOLUNTEER : !hours ? JF_F_HOURS : JF_F_WISH);
		return;
	}
	jf_points h = 0;
	if (hours && jf_hours_parse(hours, &h, &why) < 0)
		P(kc, JF_F_HOURS, "bad hours '%s': %s", hours, why);
	if (vol && jf_book_volunteer(kc->b, vol) < 0)
		P(kc, JF_F_VOLUNTEER, "unknown volunteer '%s'", vol);
	/* a reader checks the id's form; that it names a wish taken or done
	 * is the writers' rule (jf-book(5)) */
	if (wish && !jf_id_valid(wish))
		P(kc, JF_F_WISH, "bad wish '%s'", wish);
	bool a = e->present & JF_FB(JF_F_APPROVALS), n = e->present & JF_FB(JF_F_NOTICE_DAYS);
	if (a != n)
		P(kc, a ? JF_F_APPROVALS : JF_F_NOTICE_DAYS,
		  "a reviewed serve carries both 'approvals' and 'notice_days'");
	else if (a && earns != EARNS)
		P(kc, JF_F_APPROVALS, "a reviewed serve earns points: it names its activity, "
		  "household and points");
	if (earns != EARNS || !(ok & EARNS) || e->activity < 0)
		return;
	/* the points: rule x hours, as recorded when written */
	const struct jf_activity *ac = &kc->b->activities[e->activity];
	jf_points want;
	if (h && jf_hours_points(ac->points, h, &want) && want != e->points && kc->warnings)
		W(kc, JF_F_POINTS, "recorded points %s differ from the rule's %s (%s x %s hours)",
		  jf_points_format(e->points, b1), jf_points_format(want, b2), ac->code,
		  jf_points_format(h, b3));
}

static void serve_warn(struct jf_kcheck *kc, const struct jf_entry *e)
{
	char d1[JF_DATE_BUFSZ];
	bool missing = false;
	const char *vol = own_text(kc, e, JF_F_VOLUNTEER, &missing);
	int v = vol ? jf_book_volunteer(kc->b, vol) : -1;
	if (v >= 0 && !jf_volunteer_active(kc->b, v, e->date))
		W(kc, JF_F_VOLUNTEER, "volunteer '%s' is not active on %s", vol,
		  jf_date_format(e->date, d1));
	if (e->activity >= 0) {
		const struct jf_activity *a = &kc->b->activities[e->activity];
		if (!jf_date_within(e->date, a->since, a->until))
			W(kc, JF_F_DATE, "rule '%s' is not valid on %s", a->code,
			  jf_date_format(e->date, d1));
	}
}

static void serve_record(struct jf_kcheck *kc, const struct jf_entry *e, struct jf_effect *rec)
{
	bool missing = false;
	const char *hours = own_text(kc, e, JF_F_HOURS, &missing), *why;
	jf_points h = 0;
	if (hours && jf_hours_parse(hours, &h, &why) < 0)
		h = 0;
	rec->qty = (int32_t)h;
	const char *vol = own_text(kc, e, JF_F_VOLUNTEER, &missing);
	int v = vol ? jf_book_volunteer(kc->b, vol) : -1;
	rec->vol = (uint16_t)(v + 1);
}

/* A serve that earns moves as an earn does (kind_basic.c), its rule used
 * by the hour; a reviewed one's points count from its counting day. */
static size_t serve_moves(const struct jf_book *b, const struct jf_effect *r,
			  const struct jf_effect *t, struct jf_move *out)
{
	(void)b;
	(void)t;
	if (r->household < 0)
		return 0; /* hours only */
	struct jf_move m = {
		.household = r->household, .bucket = JF_BUCKET_EARN, .points = r->points,
		.deduction = r->points < 0, .rule = r->what, .item = -1, .village = r->village,
		/* the rule's uses in hours, for its limit */
		.qty = r->qty, .hours = true, .from = r->date, .dated = r->date,
	};
	out[0] = m;
	return jf_reviewed_moves(r, out);
}

/* ---- what the records hold (wish.h) ---- */

int jf_wish_service(const struct jf_effect *wish)
{
	return (int)wish->what - 1;
}

int jf_take_team(const struct jf_effect *take)
{
	return (int)take->what - 1;
}

int jf_take_volunteer(const struct jf_effect *take)
{
	return take->qty;
}

int jf_serve_volunteer(const struct jf_effect *serve)
{
	return (int)serve->vol - 1;
}

jf_points jf_serve_hours(const struct jf_effect *serve)
{
	return serve->qty;
}

bool jf_serve_hours_count(const struct jf_effect *serve, jf_date as_of)
{
	return !(serve->need && (serve->flags & JF_EFFECT_ENDED) &&
		 (as_of == JF_DATE_NONE || serve->counts <= as_of));
}

/* ---- the state machine of SPEC 4.3 (wish.h) ---- */

const char *jf_wish_st_name(enum jf_wish_st st)
{
	static const char *const names[] = { "open", "taken", "done", "dropped" };
	return (unsigned)st < 4 ? names[st] : "?";
}

static void supersede(struct jf_fu *f, int by)
{
	f->flags |= JF_EFFECT_SUPERSEDED;
	f->superseded_by = by;
}

/* Follow-up keys with their index, sorted by key, to find one in log n. */
struct keyix {
	struct jf_idkey key;
	size_t i;
};

static int cmp_keyix(const void *a, const void *b)
{
	const struct keyix *x = a, *y = b;
	int c = memcmp(&x->key, &y->key, sizeof x->key);
	return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* The first entry of v[0..n) with key k, or NULL. */
static const struct keyix *keyix_find(const struct keyix *v, size_t n, struct jf_idkey k)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (memcmp(&v[mid].key, &k, sizeof k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !memcmp(&v[lo].key, &k, sizeof k) ? &v[lo] : NULL;
}

void jf_wish_replay(const struct jf_effect *wish, struct jf_fu *f, size_t n,
		    const struct jf_idkey *void_of, jf_date as_of, struct jf_wish_state *o)
{
	(void)wish;
	memset(o, 0, sizeof *o);
	o->st = JF_WS_OPEN;
	o->taken_by = o->ended_by = -1;
	o->taken = o->ended = JF_DATE_NONE;
	/* every follow-up by its key, and the voids by the take they undo */
	size_t nv = 0;
	struct keyix *byk = jf_calloc(n ? n : 1, sizeof *byk);
	struct keyix *byv = jf_calloc(n ? n : 1, sizeof *byv);
	for (size_t i = 0; i < n; i++) {
		f[i].flags &= (uint8_t)~JF_EFFECT_SUPERSEDED;
		f[i].superseded_by = -1;
		byk[i] = (struct keyix){ f[i].key, i };
		if (void_of && f[i].kind == JF_VOID)
			byv[nv++] = (struct keyix){ void_of[i], i };
	}
	if (n > 1)
		qsort(byk, n, sizeof *byk, cmp_keyix);
	if (nv > 1)
		qsort(byv, nv, sizeof *byv, cmp_keyix);
	for (size_t i = 0; i < n; i++) {
		struct jf_fu *u = &f[i];
		if (as_of != JF_DATE_NONE && u->date > as_of)
			break;
		bool ended = o->st == JF_WS_DONE || o->st == JF_WS_DROPPED;
		switch ((enum jf_kind)u->kind) {
		case JF_TAKE: {
			/* a take voided before its turn never stands */
			const struct keyix *v = keyix_find(byv, nv, u->key);
			if (v && v->i < i)
				break;
			if (o->st != JF_WS_OPEN) {
				supersede(u, ended ? o->ended_by : o->taken_by);
				break;
			}
			o->st = JF_WS_TAKEN;
			o->taken_by = (int)i;
			o->taken = u->date;
			o->takes++;
			break;
		}
		case JF_DONE:
		case JF_DROP:
			if (ended || (u->kind == JF_DONE && o->st != JF_WS_TAKEN)) {
				supersede(u, ended ? o->ended_by : -1);
				break;
			}
			o->st = u->kind == JF_DONE ? JF_WS_DONE : JF_WS_DROPPED;
			o->ended_by = (int)i;
			o->ended = u->date;
			break;
		case JF_VOID: {
			const struct keyix *t = void_of ? keyix_find(byk, n, void_of[i]) : NULL;
			if (!t || (long)t->i != o->taken_by)
				break; /* a take that does not stand: nothing changes */
			if (ended) {
				supersede(u, o->ended_by);
				break;
			}
			o->st = JF_WS_OPEN;
			o->taken_by = -1;
			o->taken = JF_DATE_NONE;
			break;
		}
		default:
			break;
		}
	}
	free(byk);
	free(byv);
}

void jf_wish_state_of(const struct jf_effect *wish, struct jf_fu *f, size_t n, jf_date as_of,
		      struct jf_wish_state *out)
{
	struct jf_idkey *void_of = jf_calloc(n ? n : 1, sizeof *void_of);
	for (size_t i = 0; i < n; i++)
		void_of[i] = f[i].ref;
	jf_wish_replay(wish, f, n, void_of, as_of, out);
	free(void_of);
}

/* A wish's state is its follow-ups' (kind.h: stateful, replay): it moves
 * nothing itself; the replay marks the follow-ups that have no effect. */
static bool wish_stateful(const struct jf_effect *r)
{
	(void)r;
	return true;
}

static void wish_replay_hook(struct jf_effect *r, struct jf_fu *f, size_t n)
{
	struct jf_wish_state st;
	jf_wish_state_of(r, f, n, JF_DATE_NONE, &st);
}

int jf_wish_age(jf_date posted, const struct jf_wish_state *s, jf_date as_of)
{
	jf_date end = s->ended != JF_DATE_NONE && (as_of == JF_DATE_NONE || s->ended <= as_of) ?
		      s->ended : as_of;
	return end == JF_DATE_NONE || end < posted ? 0 : (int)(end - posted);
}

/* ---- writers (SPEC 4.3) ---- */

/* A text field of the request: present, non-empty, fit for a ledger. */
static enum jf_status text_field(struct jf_wctx *w, enum jf_field f, bool required)
{
	const char *s = w->t->val[f], *why;
	if (!s || !*s)
		return required ? jf_wrefuse(w, JF_USAGE, "a %s needs its %s",
					     jf_kind_name(w->t->kind), jf_fields[f].name) : JF_OK;
	if ((why = jf_text_check(s)))
		return jf_wrefuse(w, JF_USAGE, "the %s %s", jf_fields[f].name, why);
	return JF_OK;
}

static enum jf_status wish_prepare(struct jf_wctx *w)
{
	enum jf_status st = text_field(w, JF_F_TEXT, true);
	if (st != JF_OK)
		return st;
	const char *sv = w->t->val[JF_F_SERVICE];
	int i = sv ? jf_book_service(w->b, sv) : -1;
	if (sv && i < 0)
		return jf_wrefuse(w, JF_REFUSED, "unknown service '%s'", sv);
	w->rec->what = (uint16_t)(i + 1);
	return JF_OK;
}

static enum jf_status wish_settle(struct jf_wctx *w)
{
	w->r->has_wish = true;
	w->r->wish_st = JF_WS_OPEN;
	return JF_OK;
}

/* A team (kind: JF_F_TEAM) or volunteer of the request: -1 when not
 * given, -2 refused. */
static int who(struct jf_wctx *w, enum jf_field f, enum jf_status *st)
{
	char d1[JF_DATE_BUFSZ];
	const char *s = w->t->val[f];
	if (!s)
		return -1;
	bool team = f == JF_F_TEAM;
	int i = team ? jf_book_team(w->b, s) : jf_book_volunteer(w->b, s);
	if (i < 0) {
		*st = jf_wrefuse(w, JF_REFUSED, team ? "unknown team '%s'" : "unknown volunteer '%s'", s);
		return -2;
	}
	if (!(team ? jf_team_active(w->b, i, w->r->date) : jf_volunteer_active(w->b, i, w->r->date))) {
		*st = jf_wrefuse(w, JF_REFUSED, team ? "team '%s' is not active on %s"
					      : "volunteer '%s' is not active on %s", s,
				 jf_date_format(w->r->date, d1));
		return -2;
	}
	return i;
}

static enum jf_status take_prepare(struct jf_wctx *w)
{
	enum jf_status st = JF_OK;
	if (!w->t->val[JF_F_TEAM] && !w->t->val[JF_F_VOLUNTEER])
		return jf_wrefuse(w, JF_USAGE, "a take names a team (--team) or a volunteer "
				  "(--volunteer), or both");
	int t = who(w, JF_F_TEAM, &st);
	if (t == -2)
		return st;
	int v = who(w, JF_F_VOLUNTEER, &st);
	if (v == -2)
		return st;
	w->rec->what = (uint16_t)(t + 1);
	w->rec->qty = v;
	w->r->team = t;
	w->r->volunteer = v;
	return JF_OK;
}

/* The wish's follow-ups with the request's own in its canonical place:
 * the state just before it and after all of them; whether its own has no
 * effect; and the first one already there that had an effect and would
 * lose it (NULL: none).  old and all are the caller's to free. */
struct placed {
	struct jf_wish_state before, after;
	struct jf_fu *old, *all;
	size_t n, k;              /* all: n + 1 records, the own one at k */
	bool own_superseded;
	const struct jf_fu *broken;
};

static void place(struct jf_wctx *w, const struct jf_effect *wish, struct placed *p)
{
	struct jf_wish_state st0;
	size_t n = w->nfus;
	memset(p, 0, sizeof *p);
	p->n = n;
	p->old = jf_calloc(n + 1, sizeof *p->old);
	p->all = jf_calloc(n + 1, sizeof *p->all);
	if (n)
		memcpy(p->old, w->fus, n * sizeof *p->old);
	jf_wish_state_of(wish, p->old, n, JF_DATE_NONE, &st0);
	if (n)
		memcpy(p->all, p->old, n * sizeof *p->all);
	p->all[n] = *w->self_fu;
	jf_fu_sort(p->all, n + 1);
	for (p->k = 0; p->k < n && !jf_idkey_eq(p->all[p->k].key, w->self_fu->key); p->k++)
		;
	jf_wish_state_of(wish, p->all, p->k, JF_DATE_NONE, &p->before);
	jf_wish_state_of(wish, p->all, n + 1, JF_DATE_NONE, &p->after);
	p->own_superseded = p->all[p->k].flags & JF_EFFECT_SUPERSEDED;
	for (size_t i = 0; i < n + 1 && !p->broken; i++) {
		if (i == p->k || !(p->all[i].flags & JF_EFFECT_SUPERSEDED))
			continue;
		for (size_t j = 0; j < n; j++)
			if (jf_idkey_eq(p->old[j].key, p->all[i].key) &&
			    !(p->old[j].flags & JF_EFFECT_SUPERSEDED))
				p->broken = &p->old[j];
	}
}

static void placed_release(struct placed *p)
{
	free(p->old);
	free(p->all);
}

/* A follow-up that would come before others of its wish and take their
 * effect away (dated back with -d): refused. */
static enum jf_status broken(struct jf_wctx *w, const struct placed *p, const char *wish)
{
	char d1[JF_DATE_BUFSZ];
	return jf_wrefuse(w, JF_REFUSED, "a %s dated %s comes before the %s '%s' of wish '%s' "
			  "and would take its effect away; date it later",
			  jf_kind_name(w->t->kind), jf_date_format(w->r->date, d1),
			  jf_kind_name((enum jf_kind)p->broken->kind), p->broken->id, wish);
}

/* Why the state s refuses a take, done or drop of wish id (NULL: it does not). */
static enum jf_status state_refusal(struct jf_wctx *w, const struct placed *p, const char *id)
{
	char d1[JF_DATE_BUFSZ];
	const struct jf_wish_state *s = &p->before;
	enum jf_kind k = w->t->kind;
	switch (s->st) {
	case JF_WS_OPEN:
		if (k == JF_DONE)
			return jf_wrefuse(w, JF_REFUSED, "wish '%s' is open: nobody has taken it on "
					  "(jf-wish take first)", id);
		break;
	case JF_WS_TAKEN:
		if (k == JF_TAKE)
			return jf_wrefuse(w, JF_REFUSED, "wish '%s' was taken on %s (take %s); "
					  "a wish is taken once", id, jf_date_format(s->taken, d1),
					  p->all[s->taken_by].id);
		break;
	case JF_WS_DONE:
		return jf_wrefuse(w, JF_REFUSED, "wish '%s' is done (%s, done %s)", id,
				  jf_date_format(s->ended, d1), p->all[s->ended_by].id);
	case JF_WS_DROPPED:
		return jf_wrefuse(w, JF_REFUSED, "wish '%s' was dropped on %s (drop %s)", id,
				  jf_date_format(s->ended, d1), p->all[s->ended_by].id);
	}
	return JF_OK;
}

/* take, done, drop: of a wish, not dated before it, in a state that lets it. */
static enum jf_status wish_fu_settle(struct jf_wctx *w)
{
	const struct jf_effect *tg = w->target;
	const struct jf_txn *t = w->t;
	struct jf_txn_result *r = w->r;
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
	if (tg->kind != JF_WISH)
		return jf_wrefuse(w, JF_REFUSED, "'%s' is not a wish but an entry of kind %s", t->ref,
				  jf_kind_name((enum jf_kind)tg->kind));
	if (r->date < tg->date)
		return jf_wrefuse(w, JF_REFUSED, "a %s cannot be dated %s, before the wish '%s' "
				  "(posted %s)", jf_kind_name(t->kind), jf_date_format(r->date, d1),
				  t->ref, jf_date_format(tg->date, d2));
	jf_wctx_follow(w);
	if (!w->self_fu)
		return JF_OK;
	struct placed p;
	place(w, tg, &p);
	enum jf_status st = state_refusal(w, &p, t->ref);
	if (st == JF_OK && p.own_superseded)   /* what state_refusal did not name */
		st = jf_wrefuse(w, JF_REFUSED, "a %s of wish '%s' in the state '%s' has no effect",
				jf_kind_name(t->kind), t->ref, jf_wish_st_name(p.before.st));
	if (st == JF_OK && p.broken)
		st = broken(w, &p, t->ref);
	r->has_wish = true;
	r->wish_st = p.after.st;
	placed_release(&p);
	return st;
}

/* The void of a take: the wish is open again, unless it is done or
 * dropped, or the take never stood. */
static enum jf_status take_settle_void(struct jf_wctx *w)
{
	const struct jf_txn *t = w->t;
	char d1[JF_DATE_BUFSZ];
	if (!w->self_fu || !w->fus)
		return JF_OK;
	struct placed p;
	place(w, NULL, &p);
	/* the take voided, among the wish's follow-ups */
	long ti = -1;
	for (size_t i = 0; i < p.n + 1; i++)
		if (jf_idkey_eq(p.all[i].key, w->target->key))
			ti = (long)i;
	enum jf_status st = JF_OK;
	if (p.before.st == JF_WS_DONE || p.before.st == JF_WS_DROPPED)
		st = jf_wrefuse(w, JF_REFUSED, "take '%s' cannot be voided: its wish is %s (%s)",
				t->ref, jf_wish_st_name(p.before.st), jf_date_format(p.before.ended, d1));
	else if (ti < 0 || p.before.taken_by != ti)
		st = jf_wrefuse(w, JF_REFUSED, "take '%s' has no effect (another take stands); "
				"there is nothing to undo", t->ref);
	else if (p.broken)
		st = broken(w, &p, "of this take");
	w->r->has_wish = true;
	w->r->wish_st = p.after.st;
	w->r->team = jf_take_team(w->target);
	w->r->volunteer = jf_take_volunteer(w->target);
	placed_release(&p);
	return st;
}

static enum jf_status serve_prepare(struct jf_wctx *w)
{
	const struct jf_book *b = w->b;
	const struct jf_txn *t = w->t;
	struct jf_txn_result *r = w->r;
	const char *why;
	enum jf_status st = JF_OK;
	if (!t->val[JF_F_VOLUNTEER])
		return jf_wrefuse(w, JF_USAGE, "a serve names its volunteer");
	jf_points h;
	if (!t->val[JF_F_HOURS] || jf_hours_parse(t->val[JF_F_HOURS], &h, &why) < 0)
		return jf_wrefuse(w, JF_USAGE, "bad hours '%s': %s",
				  t->val[JF_F_HOURS] ? t->val[JF_F_HOURS] : "", t->val[JF_F_HOURS] ? why : "missing");
	const char *wish = t->val[JF_F_WISH];
	if (wish && !jf_id_valid(wish))
		return jf_wrefuse(w, JF_USAGE, "bad wish id '%s'", wish);
	int v = who(w, JF_F_VOLUNTEER, &st);
	if (v == -2)
		return st;
	const struct jf_volunteer *vo = &b->vol.volunteers[v];
	w->rec->qty = (int32_t)h;
	w->rec->vol = (uint16_t)(v + 1);
	r->volunteer = v;
	r->hours = h;
	r->wish = wish;
	/* where it is filed: the household's village, else the team's */
	int tv = vo->team >= 0 ? b->vol.teams[vo->team].village : -1;
	r->village = vo->household >= 0 ? b->households[vo->household].village : tv >= 0 ? tv : 0;
	if (r->activity < 0)
		return JF_OK;
	if (vo->household < 0) {
		/* SPEC 4.3: a volunteer without a household gets hours only */
		r->activity = -1;
		r->hours_only = true;
		return JF_OK;
	}
	/* points for the household, as an earning of it would be */
	const struct jf_household *hh = &b->households[vo->household];
	st = jf_wctx_account(w, hh, false);
	if (st != JF_OK)
		return st;
	r->household = vo->household;
	r->village = hh->village;
	const struct jf_activity *a = &b->activities[r->activity];
	/* service earns; a deduction rule would fine the volunteer */
	if (a->points < 0)
		return jf_wrefuse(w, JF_REFUSED, "rule '%s' deducts points: a serve earns them "
				  "(record the deduction with jf-add)", a->code);
	if (!jf_hours_points(a->points, h, &w->rec->points))
		return jf_wrefuse(w, JF_USAGE, "points for %s hours overflow", t->val[JF_F_HOURS]);
	if (a->review && b->review.set) {
		w->rec->need = (uint8_t)b->review.approvals;
		w->rec->notice = (uint16_t)b->review.notice_days;
		w->rec->counts = JF_DATE_NONE;
	}
	return JF_OK;
}

static enum jf_status serve_settle(struct jf_wctx *w)
{
	const struct jf_book *b = w->b;
	const struct jf_txn *t = w->t;
	struct jf_txn_result *r = w->r;
	char d1[JF_DATE_BUFSZ], p1[JF_POINTS_BUFSZ], p2[JF_POINTS_BUFSZ];
	const struct jf_volunteer *vo = &b->vol.volunteers[r->volunteer];
	if (w->hours_day + r->hours > JF_HOURS_DAY_MAX)
		return jf_wrefuse(w, JF_REFUSED, "volunteer '%s' has %s hours on %s already; "
				  "%s more would pass 24 hours a day", vo->id,
				  jf_points_format(w->hours_day, p1), jf_date_format(r->date, d1),
				  jf_points_format(r->hours, p2));
	const char *wish = t->val[JF_F_WISH];
	if (!wish)
		return JF_OK;
	if (!w->named)
		return jf_wrefuse(w, JF_REFUSED, "no entry with id '%s'", wish);
	if (w->named->kind != JF_WISH)
		return jf_wrefuse(w, JF_REFUSED, "'%s' is not a wish but an entry of kind %s", wish,
				  jf_kind_name((enum jf_kind)w->named->kind));
	struct jf_wish_state s;
	struct jf_fu *f = jf_calloc(w->nfus + 1, sizeof *f);
	if (w->nfus)
		memcpy(f, w->fus, w->nfus * sizeof *f);
	jf_wish_state_of(w->named, f, w->nfus, r->date, &s);
	free(f);
	if (s.st == JF_WS_TAKEN || s.st == JF_WS_DONE)
		return JF_OK;
	return jf_wrefuse(w, JF_REFUSED, "wish '%s' is %s on %s: a serve names a wish taken "
			  "or done", wish, jf_wish_st_name(s.st), jf_date_format(r->date, d1));
}

/* The void of a serve: its hours and points; the line says whose. */
static enum jf_status serve_settle_void(struct jf_wctx *w)
{
	const struct jf_effect *tg = w->target;
	w->r->volunteer = jf_serve_volunteer(tg);
	w->r->hours = jf_serve_hours(tg);
	return JF_OK;
}

/* ---- the kinds of the family (kinds.h) ---- */

const struct jf_kind_ops jf_kind_wish = {
	.name = "wish",
	.required = JF_FB(JF_F_HOUSEHOLD) | JF_FB(JF_F_TEXT),
	.optional = JF_FB(JF_F_SERVICE),
	.check = wish_check,
	.record = wish_record,
	.stateful = wish_stateful,
	.replay = wish_replay_hook,
	.prepare = wish_prepare,
	.settle = wish_settle,
};

/* What take, done and drop share: follow-ups of a wish, of a closed
 * household's too (SPEC 4.3), read by wish_follow() and settled by
 * wish_fu_settle() against the wish's state. */
#define WISH_FU_FLAGS (JF_KF_FOLLOW | JF_KF_CLOSED_OK)
#define WISH_FU_HOOKS .follow = wish_follow, .settle = wish_fu_settle

const struct jf_kind_ops jf_kind_take = {
	.name = "take",
	.required = JF_FB(JF_F_REF),
	.optional = JF_FB(JF_F_TEAM) | JF_FB(JF_F_VOLUNTEER),
	.flags = WISH_FU_FLAGS | JF_KF_VOIDABLE,
	WISH_FU_HOOKS,
	.check = take_check,
	.record = take_record,
	.prepare = take_prepare,
	.settle_void = take_settle_void,
};

const struct jf_kind_ops jf_kind_done = {
	.name = "done",
	.required = JF_FB(JF_F_REF),
	.flags = WISH_FU_FLAGS,
	WISH_FU_HOOKS,
};

const struct jf_kind_ops jf_kind_drop = {
	.name = "drop",
	.required = JF_FB(JF_F_REF) | JF_FB(JF_F_REASON),
	.flags = WISH_FU_FLAGS,
	WISH_FU_HOOKS,
};

const struct jf_kind_ops jf_kind_serve = {
	.name = "serve",
	.required = JF_FB(JF_F_VOLUNTEER) | JF_FB(JF_F_HOURS),
	.optional = JF_FB(JF_F_WISH) | EARNS | JF_REVIEWED_FIELDS,
	.flags = JF_KF_VOIDABLE,
	.check = serve_check,
	.warn = serve_warn,
	.record = serve_record,
	.moves = serve_moves,
	JF_REVIEWED_HOOKS,
	.prepare = serve_prepare,
	.settle = serve_settle,
	.settle_void = serve_settle_void,
};

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
 * The record slots (wish.h): a serve's volunteer has no slot yet - the
 * record (index.h) is full but for 2 bytes of padding after `notice`,
 * which a `uint16_t` volunteer index would fit (JF_VOLUNTEERS_MAX is
 * 50,000 for that reason).  Until then a serve counts no hours per
 * volunteer from the cache.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

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

/* Wishes, takes, dones and drops move nothing (writers ask every kind). */
static size_t no_moves(const struct jf_book *b, const struct jf_effect *r,
		       const struct jf_effect *t, struct jf_move *out)
{
	(void)b; (void)r; (void)t; (void)out;
	return 0;
}

static bool wish_stateful(const struct jf_effect *r);
static void wish_replay_hook(struct jf_effect *r, struct jf_fu *f, size_t n);

const struct jf_kind_ops jf_kind_wish = {
	.name = "wish",
	.zh = "微心愿",
	.required = JF_FB(JF_F_HOUSEHOLD) | JF_FB(JF_F_TEXT),
	.optional = JF_FB(JF_F_SERVICE),
	.check = wish_check,
	.record = wish_record,
	.moves = no_moves,
	.stateful = wish_stateful,
	.replay = wish_replay_hook,
};

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
		P(kc, JF_F_REF, "'%s' is not a wish but a %s entry", REFNAME(e),
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

const struct jf_kind_ops jf_kind_take = {
	.name = "take",
	.zh = "认领",
	.required = JF_FB(JF_F_REF),
	.optional = JF_FB(JF_F_TEAM) | JF_FB(JF_F_VOLUNTEER),
	.flags = JF_KF_FOLLOW | JF_KF_VOIDABLE | JF_KF_CLOSED_OK,
	.check = take_check,
	.follow = wish_follow,
	.record = take_record,
	.moves = no_moves,
};

const struct jf_kind_ops jf_kind_done = {
	.name = "done",
	.zh = "心愿完成",
	.required = JF_FB(JF_F_REF),
	.flags = JF_KF_FOLLOW | JF_KF_CLOSED_OK,
	.follow = wish_follow,
	.moves = no_moves,
};

const struct jf_kind_ops jf_kind_drop = {
	.name = "drop",
	.zh = "心愿撤下",
	.required = JF_FB(JF_F_REF) | JF_FB(JF_F_REASON),
	.flags = JF_KF_FOLLOW | JF_KF_CLOSED_OK,
	.follow = wish_follow,
	.moves = no_moves,
};

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
	if (wish && !jf_id_valid(wish))
		P(kc, JF_F_WISH, "bad wish '%s'", wish);
	/* whether the wish named is taken or done depends on the wish's
	 * state, which this reader does not replay yet */
	else if (wish)
		P(kc, JF_F_WISH, "serve entries naming a wish are not supported yet");
	if (earns != EARNS || !(ok & EARNS) || e->activity < 0)
		return;
	/* the points: rule x hours, as recorded when written */
	const struct jf_activity *a = &kc->b->activities[e->activity];
	jf_points want;
	if (h && jf_hours_points(a->points, h, &want) && want != e->points && kc->warnings)
		W(kc, JF_F_POINTS, "recorded points %s differ from the rule's %s (%s x %s hours)",
		  jf_points_format(e->points, b1), jf_points_format(want, b2), a->code,
		  jf_points_format(h, b3));
	/* a limit counts hours in place of qty; until the limits do, a serve
	 * that earns cannot be counted right */
	P(kc, JF_F_ACTIVITY, "serve entries that earn points are not supported yet");
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
		/* the rule's uses in hours, for its limit: not counted yet (serve_check) */
		.qty = 0, .from = r->date, .dated = r->date,
	};
	out[0] = m;
	return 1;
}

const struct jf_kind_ops jf_kind_serve = {
	.name = "serve",
	.zh = "志愿服务",
	.required = JF_FB(JF_F_VOLUNTEER) | JF_FB(JF_F_HOURS),
	.optional = JF_FB(JF_F_WISH) | EARNS,
	.flags = JF_KF_VOIDABLE,
	.check = serve_check,
	.warn = serve_warn,
	.record = serve_record,
	.moves = serve_moves,
};

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

/* txn.c - the writers' checks, the entry's text and the append. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct.h"
#include "alloc.h"
#include "append.h"
#include "cache.h"
#include "failpoint.h"
#include "json.h"
#include "kind.h"
#include "lock.h"
#include "txn.h"
#include "width.h"
#include "yemit.h"

/* A limited rule a request uses: the household's uses of it in the
 * limit's period, by the date of the deed (a void takes its target's back). */
struct slot {
	int household, activity;
	jf_date from, to;
	int64_t count;
};

/* A volunteer's day that a serve request falls on: the hours served that
 * day (SPEC 4.3: at most 24), as read and as the batch adds them. */
struct vday {
	int vol;
	jf_date day;
	jf_points hours;
};

/* What the scan must find out for the requests. */
struct check {
	const struct jf_book *b;
	struct jf_diags *d;
	struct jf_accts acc;
	struct slot *slots;      /* sorted by household, then activity */
	size_t nslots;
	struct vday *vdays;      /* only when a request is a serve: a few */
	size_t nvdays;
};

static int cmp_slot(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->household != y->household)
		return x->household < y->household ? -1 : 1;
	return x->activity < y->activity ? -1 : x->activity > y->activity;
}

/* The first slot of (household, activity), or NULL. */
static struct slot *slot_find(const struct check *c, int household, int activity)
{
	size_t lo = 0, hi = c->nslots;
	struct slot key = { .household = household, .activity = activity };
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_slot(&c->slots[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nslots && !cmp_slot(&c->slots[lo], &key) ? &c->slots[lo] : NULL;
}

/* The hours of a serve (or, a void of one, taken back) on its volunteer's
 * day, where a request counts them. */
static void count_hours(struct check *c, const struct jf_entry *e)
{
	const struct jf_effect *r = e->self;
	int sign = 1;
	if (e->kind == JF_VOID && e->target) {
		r = e->target;
		sign = -1;
	}
	if (!r || r->kind >= JF_NKINDS || !jf_kind_has((enum jf_kind)r->kind, JF_F_HOURS))
		return;
	int v = jf_serve_volunteer(r);
	for (size_t i = 0; i < c->nvdays; i++)
		if (c->vdays[i].vol == v && c->vdays[i].day == r->date)
			c->vdays[i].hours += sign * jf_serve_hours(r);
}

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct check *c = ctx;
	if (c->nvdays)
		count_hours(c, e);
	if (c->nslots) {
		struct jf_move m[JF_MOVES_MAX];
		size_t n = jf_entry_moves(c->b, e, m);
		for (size_t i = 0; i < n; i++) {
			if (m[i].household < 0 || m[i].rule < 0)
				continue;
			struct slot *sl = slot_find(c, m[i].household, m[i].rule);
			for (; sl && sl < c->slots + c->nslots && sl->household == m[i].household &&
			       sl->activity == m[i].rule; sl++)
				if (m[i].dated >= sl->from && m[i].dated <= sl->to)
					/* in hundredths of a use: a serve's are hours */
					sl->count += m[i].hours ? m[i].qty : m[i].qty * JF_POINTS_SCALE;
		}
	}
	return jf_accts_apply(&c->acc, e, c->d);
}

/* The uses counted for a request of household h, rule a, dated day. */
static int64_t slot_count(const struct check *c, int h, int a, jf_date day)
{
	struct slot *sl = slot_find(c, h, a);
	for (; sl && sl < c->slots + c->nslots && sl->household == h && sl->activity == a; sl++)
		if (day >= sl->from && day <= sl->to)
			return sl->count;
	return 0;
}

static enum jf_status refuse(struct jf_diags *d, enum jf_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static enum jf_status refuse(struct jf_diags *d, enum jf_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_diag_vadd(d, JF_SEV_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return st;
}

bool jf_wctx_stock(const struct jf_wctx *w, int64_t *have)
{
	const struct jf_txn_result *r = w->r;
	if (r->item < 0 || r->village < 0 || !w->b->goods[r->item].stock)
		return false;
	*have = jf_accts_stock(w->acc, r->village, r->item);
	return true;
}

enum jf_status jf_wctx_account(struct jf_wctx *w, const struct jf_household *h, bool closed_ok)
{
	char d1[JF_DATE_BUFSZ];
	jf_date day = w->r->date;
	if (h->since != JF_DATE_NONE && day < h->since)
		return jf_wrefuse(w, JF_REFUSED, "the account of %s opens on %s", h->id,
				  jf_date_format(h->since, d1));
	if (!closed_ok && h->until != JF_DATE_NONE && day > h->until)
		return jf_wrefuse(w, JF_REFUSED, "the account of %s was closed on %s", h->id,
				  jf_date_format(h->until, d1));
	return JF_OK;
}

/* Does request t name a code in field f: its kind has the field, and the
 * request gives it or the kind requires it (an optional household or
 * activity, a serve's, is the kind's to find)? */
static bool names(const struct jf_txn *t, enum jf_field f, const char *code)
{
	return jf_kind_has(t->kind, f) && (code || (jf_kind(t->kind)->required & JF_FB(f)));
}

/* Resolve the request's codes and static rules (no ledger needed): the
 * fields the kind has, then the kind's own rules. */
static enum jf_status precheck(struct jf_wctx *w, jf_date today)
{
	const struct jf_book *b = w->b;
	const struct jf_txn *t = w->t;
	struct jf_txn_result *r = w->r;
	struct jf_diags *d = w->d;
	const struct jf_kind_ops *o = jf_kind(t->kind);
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
	const char *why;

	static const struct { const char *name; size_t off; } texts[] = {
		{ "note", offsetof(struct jf_txn, note) },
		{ "reason", offsetof(struct jf_txn, reason) },
		{ "operator name", offsetof(struct jf_txn, by) },
	};
	for (size_t i = 0; i < 3; i++) {
		const char *s = *(const char *const *)((const char *)t + texts[i].off);
		if (s && (why = jf_text_check(s)))
			return refuse(d, JF_USAGE, "the %s %s", texts[i].name, why);
	}
	if (!t->by || !*t->by)
		return refuse(d, JF_USAGE, "no operator name: use -b NAME or set JF_OPERATOR");
	if ((o->required & JF_FB(JF_F_REASON)) && (!t->reason || !*t->reason))
		return refuse(d, JF_USAGE, "a reason is required (--reason TEXT)");
	if (r->date > today)
		return refuse(d, JF_USAGE, "date %s is in the future (today is %s in %s)",
			      jf_date_format(r->date, d1), jf_date_format(today, d2), b->timezone);
	/* the codes the request names (r's are -1 until found) */
	if (names(t, JF_F_HOUSEHOLD, t->household) &&
	    (r->household = jf_book_household(b, t->household)) < 0)
		return refuse(d, JF_REFUSED, "unknown household '%s'", t->household);
	if (r->household >= 0) {
		const struct jf_household *h = &b->households[r->household];
		r->village = h->village;
		/* a kind that may name a closed account checks the window itself */
		enum jf_status st = o->flags & JF_KF_CLOSED_OK ? JF_OK : jf_wctx_account(w, h, false);
		if (st != JF_OK)
			return st;
	}
	if (names(t, JF_F_VILLAGE, t->village) &&
	    (r->village = jf_book_village(b, t->village)) < 0)
		return refuse(d, JF_REFUSED, "unknown village '%s'", t->village);
	if (names(t, JF_F_ACTIVITY, t->code) &&
	    (r->activity = jf_book_activity(b, t->code)) < 0)
		return refuse(d, JF_REFUSED, "unknown activity '%s'", t->code);
	if (r->activity >= 0) {
		const struct jf_activity *a = &b->activities[r->activity];
		if (!jf_date_within(r->date, a->since, a->until))
			return refuse(d, JF_REFUSED, "rule '%s' is not valid on %s", a->code,
				      jf_date_format(r->date, d1));
	}
	if (names(t, JF_F_ITEM, t->code) && (r->item = jf_book_good(b, t->code)) < 0)
		return refuse(d, JF_REFUSED, "unknown item '%s'", t->code);
	r->qty = t->qty;
	enum jf_status st = o->prepare ? o->prepare(w) : JF_OK;
	if (st != JF_OK)
		return st;
	/* the new entry's record */
	struct jf_effect *rec = w->rec;
	rec->date = r->date;
	rec->kind = (uint8_t)t->kind;
	rec->household = r->household;
	rec->village = (uint16_t)(r->village < 0 ? 0 : r->village);
	/* what prepare() put in the kind's own slots stays (wish.h) */
	if (r->activity >= 0 || r->item >= 0)
		rec->what = (uint16_t)(r->activity >= 0 ? r->activity : r->item);
	if (jf_kind_has(t->kind, JF_F_QTY))
		rec->qty = (int32_t)t->qty;
	rec->counts = JF_DATE_NONE;
	/* as a reader works it out: who decided, or who recorded it */
	if (!jf_kind_has(t->kind, JF_F_REVIEWER))
		rec->who = (int8_t)jf_book_reviewer(b, t->by);
	if (jf_kind_has(t->kind, JF_F_TO))
		rec->qty = r->to;
	else if (jf_kind_has(t->kind, JF_F_UNTIL))
		rec->qty = t->until;
	if (!jf_kind_has(t->kind, JF_F_POINTS))
		rec->points = 0;
	return JF_OK;
}

/* Books with expiry: a void takes back only what its target's points
 * still are on its date; what of them expired is not taken again, and a
 * transfer's giver gets that much less back (expiry.h). */
static void keep_expired(const struct jf_book *b, const struct jf_accts *a,
			 const struct jf_effect *target, struct jf_move *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (m[i].household < 0 || m[i].points >= 0 || m[i].bucket == JF_BUCKET_NONE ||
		    m[i].reviewed)
			continue;
		jf_date o = jf_accts_origin(b, target, i);
		jf_points t = o == JF_DATE_NONE ? 0 : jf_expiry_keepable(a->expiry, m[i].household, o);
		if (t > -m[i].points)
			t = -m[i].points;
		if (t <= 0)
			continue;
		m[i].points += t;
		for (size_t k = 0; k < n && m[i].bucket == JF_BUCKET_TRANSFER; k++)
			if (k != i && m[k].bucket == JF_BUCKET_TRANSFER && m[k].points > 0)
				m[k].points -= t;
	}
}

/* Limit and balance/stock checks with the ledger read. */
static enum jf_status postcheck(struct jf_wctx *w, struct check *c, struct jf_effect *target)
{
	const struct jf_book *b = w->b;
	const struct jf_txn *t = w->t;
	struct jf_txn_result *r = w->r;
	struct jf_diags *d = w->d;
	const struct jf_kind_ops *o = jf_kind(t->kind);

	w->acc = &c->acc;
	if (o->flags & JF_KF_FOLLOW) {
		w->target = target;
		if (!w->target)
			return refuse(d, JF_REFUSED, "no entry with id '%s'", t->ref);
	}
	if (o->flags & JF_KF_FOLLOW) {
		/* the follow-up's own checks decide the household it names */
		enum jf_status st = o->settle(w);
		if (st != JF_OK)
			return st;
	}
	/* expiry as of the entry's day: no writer spends expired points */
	enum jf_status xst = jf_accts_expire(&c->acc, r->date, d);
	if (xst != JF_OK)
		return xst;
	w->balance = 0;
	if (r->household >= 0 && !jf_account_balance(&c->acc.acct[r->household], &w->balance))
		return refuse(d, JF_INVALID, "the balance of '%s' overflows", b->households[r->household].id);
	if (jf_kind_has(t->kind, JF_F_ACTIVITY) && r->activity >= 0) {
		const struct jf_activity *a = &b->activities[r->activity];
		static const char *const per[] = { "day", "week", "month", "year", "quarter" };
		/* in hundredths: a serve uses its rule by the hour (SPEC 4.3),
		 * an earn once per qty */
		bool hrs = jf_kind_has(t->kind, JF_F_HOURS);
		int64_t want = hrs ? w->rec->qty : t->qty * JF_POINTS_SCALE;
		int64_t used = a->limit ? slot_count(c, r->household, r->activity, r->date) : 0;
		const char *hid = b->households[r->household].id;
		char u1[JF_POINTS_BUFSZ];
		if (a->limit && used + want > a->limit * JF_POINTS_SCALE && !hrs &&
		    used % JF_POINTS_SCALE == 0)
			return refuse(d, JF_REFUSED,
				      "limit reached: '%s' is at most %lld per %s, and %s has %lld in that %s",
				      a->code, (long long)a->limit, per[a->limit_per], hid,
				      (long long)(used / JF_POINTS_SCALE), per[a->limit_per]);
		if (a->limit && used + want > a->limit * JF_POINTS_SCALE)
			return refuse(d, JF_REFUSED,
				      "limit reached: '%s' is at most %lld hours per %s, and %s has %s "
				      "in that %s", a->code, (long long)a->limit, per[a->limit_per],
				      hid, jf_points_format(used, u1), per[a->limit_per]);
	}
	if (jf_kind_has(t->kind, JF_F_HOURS)) {
		w->hours_day = 0;
		for (size_t i = 0; i < c->nvdays; i++)
			if (c->vdays[i].vol == jf_serve_volunteer(w->rec) &&
			    c->vdays[i].day == r->date)
				w->hours_day = c->vdays[i].hours;
	}
	if (!(o->flags & JF_KF_FOLLOW) && o->settle) {
		enum jf_status st = o->settle(w);
		if (st != JF_OK)
			return st;
	}
	/* what it does: the household's balance and the shop's stock after it */
	struct jf_move m[JF_MOVES_MAX];
	size_t n = o->moves ? o->moves(b, w->rec, w->target, m) : 0; /* approve, object: none */
	if (c->acc.expiry && (o->flags & JF_KF_FOLLOW) && w->target)
		keep_expired(b, &c->acc, w->target, m, n);
	int64_t have, delta = 0;
	for (size_t i = 0; i < n; i++)
		delta += m[i].stock;
	if (jf_wctx_stock(w, &have)) {
		r->has_stock = true;
		r->stock = have + delta;
	}
	/* what counts on its day; a reviewed earn's points wait (SPEC 4.2) */
	size_t nc = 0;
	struct jf_move mc[JF_MOVES_MAX];
	for (size_t i = 0; i < n; i++) {
		if (m[i].reviewed && m[i].from > r->date) {
			r->reviewed = true;
			if (m[i].household == r->household &&
			    !jf_points_add(r->pending, m[i].points, &r->pending))
				return refuse(d, JF_REFUSED, "the points of the entry overflow");
			continue;
		}
		mc[nc++] = m[i];
	}
	if (!jf_moves_points(mc, nc, r->household, &r->points))
		return refuse(d, JF_REFUSED, "the points of the entry overflow");
	jf_points tally = c->acc.tally; /* counted again when it is accepted */
	for (size_t i = 0; i < n; i++)
		if (!jf_points_tally(&tally, m[i].points))
			return refuse(d, JF_REFUSED, "%s with this entry", JF_POINTS_TALLY_MSG);
	if (r->household >= 0 && !jf_points_add(w->balance, r->points, &r->balance))
		return refuse(d, JF_REFUSED, "the balance of '%s' would overflow", b->households[r->household].id);
	if (r->to >= 0) {
		jf_points tb, tp;
		if (!jf_account_balance(&c->acc.acct[r->to], &tb) || !jf_moves_points(m, n, r->to, &tp) ||
		    !jf_points_add(tb, tp, &r->to_balance))
			return refuse(d, JF_REFUSED, "the balance of '%s' would overflow", b->households[r->to].id);
	}
	return JF_OK;
}

static void field(struct jf_buf *o, const char *k, const char *v)
{
	jf_buf_addf(o, "  %s: ", k);
	jf_yaml_scalar(o, v);
	jf_buf_addc(o, '\n');
}

/* The text of field f of the request, or NULL. */
static const char *txn_text(const struct jf_txn *t, enum jf_field f)
{
	switch (f) {
	case JF_F_REF: return t->ref;
	case JF_F_REASON: return t->reason;
	case JF_F_NOTE: return t->note && *t->note ? t->note : NULL;
	default: return t->val[f];
	}
}

/* The entry's bytes: "- id: ..." and the fields its kind has, with `by`
 * last, so that a write cut at a line boundary always lacks a required
 * field and is seen as cut short. */
static void build(const struct jf_book *b, const struct jf_txn *t, struct jf_txn_result *r,
		  const struct jf_effect *rec, const char *at)
{
	struct jf_buf *o = &r->text;
	char db[JF_DATE_BUFSZ], pb[JF_POINTS_BUFSZ];
	jf_buf_addf(o, "- id: %s\n", r->id);
	field(o, "date", jf_date_format(r->date, db));
	field(o, "at", at);
	field(o, "kind", jf_kind_name(t->kind));
	for (const enum jf_field *f = jf_field_write_order; *f != JF_NFIELDS; f++) {
		const char *name = jf_fields[*f].name, *v;
		if (!jf_kind_has(t->kind, *f))
			continue;
		switch (jf_fields[*f].type) {
		case JF_FT_VILLAGE:
			field(o, name, b->villages[r->village].code);
			break;
		case JF_FT_HOUSEHOLD:
			/* an optional household (a serve's) only where there is one */
			if ((*f == JF_F_TO ? r->to : r->household) >= 0)
				field(o, name, b->households[*f == JF_F_TO ? r->to : r->household].id);
			break;
		case JF_FT_DATE:
			if (*f == JF_F_UNTIL)
				field(o, name, jf_date_format(t->until, db));
			break;
		case JF_FT_ACTIVITY:
			if (r->activity >= 0)
				field(o, name, b->activities[r->activity].code);
			break;
		case JF_FT_ITEM:
			field(o, name, b->goods[r->item].code);
			break;
		case JF_FT_QTY:
			jf_buf_addf(o, "  %s: %lld\n", name, (long long)t->qty);
			break;
		case JF_FT_POINTS:
			/* optional points (a serve's) go with the household */
			if ((jf_kind(t->kind)->required & JF_FB(*f)) || r->household >= 0)
				field(o, name, jf_points_format(rec->points, pb));
			break;
		case JF_FT_HOURS:
			field(o, name, jf_points_format(rec->qty, pb));
			break;
		case JF_FT_COUNT:
			/* a reviewed earn: what it needs, from today's settings */
			if (rec->need)
				jf_buf_addf(o, "  %s: %d\n", name,
					    *f == JF_F_APPROVALS ? rec->need : rec->notice);
			break;
		default:
			if ((v = txn_text(t, *f)))
				field(o, name, v);
			break;
		}
	}
	field(o, "by", t->by);
}

/* Append the entries' bytes to r's file in one write, then, for a single
 * entry (rec), extend the file's reader cache by it; after several, the
 * next reader reads them. */
static enum jf_status append_entries(const struct jf_book *b, const struct jf_txn *t,
				     const struct jf_txn_result *r, const char *text, size_t len,
				     const struct jf_effect *rec, const struct jf_effect *target,
				     const struct jf_fu *fu, const struct jf_scan *scan,
				     struct jf_diags *d)
{
	struct jf_buf p = JF_BUF_INIT;
	struct stat before;
	jf_buf_addf(&p, "%s/%s", b->root, r->file.s);
	bool existed = stat(p.s, &before) == 0;
	jf_buf_release(&p);
	enum jf_status st = jf_append(b->root, r->file.s, text, len, d);
	if (st != JF_OK || t->no_cache || !rec)
		return st;
	(void)jf_failpoint("after-append");
	struct jf_cache_pin old, now;
	if (jf_cache_extend(b, r->file.s, existed, &before, text, len, rec, target, fu, &old,
			    &now) == 0)
		jf_scan_book_extend(scan, b, r->file.s, &old, &now, rec, target);
	return JF_OK;
}

/* One request of a commit. */
struct req {
	struct jf_effect rec;     /* the new entry's record */
	struct jf_fu fu;          /* a follow-up: its record for canonical order */
	struct jf_fu *fus;        /* a stateful target's follow-ups, this one's too */
	struct jf_effect target;  /* a follow-up's target, as the batch leaves it */
	bool has_target;
	struct jf_idkey skey;     /* the stateful target its state is of (fus) */
	bool has_skey;
	struct jf_effect named;   /* a serve's wish, as read */
	bool has_named;
	struct jf_wctx w;
	struct jf_diags d;        /* its refusals */
	enum jf_status st;
};

/* A kind's problems while a follow-up of the batch marks its target: the
 * writer checked it already, so there are none to report. */
static void no_problem(struct jf_kcheck *kc, enum jf_field f, enum jf_severity sev,
		       const char *fmt, va_list ap)
{
	(void)kc; (void)f; (void)sev; (void)fmt; (void)ap;
}

/* Request i was accepted: the requests after it see it as appended. */
static enum jf_status accept(struct check *c, struct req *q, size_t n, size_t i)
{
	struct req *x = &q[i];
	const struct jf_kind_ops *o = jf_kind((enum jf_kind)x->rec.kind);
	struct jf_entry e = {
		.file = "", .kind = (enum jf_kind)x->rec.kind, .date = x->rec.date,
		.household = x->w.r->household, .village = x->w.r->village,
		.activity = x->w.r->activity, .item = x->w.r->item,
		.qty = jf_kind_has(x->rec.kind, JF_F_QTY) ? x->rec.qty : 0,
		.points = x->rec.points, .self = &x->rec,
		.target = x->has_target ? &x->target : NULL,
		.to = x->w.r->to, .until = jf_kind_has(x->rec.kind, JF_F_UNTIL) ? x->rec.qty : JF_DATE_NONE,
	};
	if (x->has_target && o->follow) {
		struct jf_kcheck kc = { .b = c->b, .problem = no_problem };
		struct jf_effect self = x->rec;
		(void)o->follow(&kc, &e, &self, &x->target);
		/* later follow-ups of the same target see it so */
		for (size_t k = i + 1; k < n; k++)
			if (q[k].has_target && jf_idkey_eq(q[k].target.key, x->target.key))
				q[k].target = x->target;
	}
	return on_entry(c, &e);
}

/* Request i's w.fus: the follow-ups of stateful target sk read and those
 * of the batch before it, sorted, with room for its own. */
static void gather_fus(const struct jf_scan *scan, struct req *q, size_t i, struct jf_idkey sk)
{
	struct req *x = &q[i];
	size_t nf;
	const struct jf_fu *sf = jf_scan_fus(scan, sk, &nf);
	x->skey = sk;
	x->has_skey = true;
	x->fus = jf_calloc(nf + i + 1, sizeof *x->fus);
	if (nf)
		memcpy(x->fus, sf, nf * sizeof *sf);
	for (size_t k = 0; k < i; k++)
		if (q[k].st == JF_OK && q[k].has_target && q[k].has_skey &&
		    jf_idkey_eq(q[k].skey, sk))
			x->fus[nf++] = q[k].fu;
	jf_fu_sort(x->fus, nf);
	x->w.fus = x->fus;
	x->w.nfus = nf;
}

/* The record for canonical order of follow-up k (read, or of the batch
 * before request i), or NULL: a void of a take finds its wish so. */
static const struct jf_fu *held_fu(const struct jf_scan *scan, const struct req *q, size_t i,
				   struct jf_idkey k)
{
	for (size_t j = 0; j < scan->nfus; j++)
		if (jf_idkey_eq(scan->fus[j].key, k))
			return &scan->fus[j];
	for (size_t j = 0; j < i; j++)
		if (q[j].st == JF_OK && q[j].has_skey && jf_idkey_eq(q[j].fu.key, k))
			return &q[j].fu;
	return NULL;
}

/* Request i, a follow-up: its record for canonical order, and, when its
 * target is stateful (or is the follow-up of one: the void of a take), the
 * target's follow-ups read and those of the batch before it, sorted, with
 * room for its own (w.fus). */
static void stateful_fus(const struct jf_scan *scan, struct req *q, size_t i, const char *at)
{
	struct req *x = &q[i];
	const struct jf_txn_result *r = x->w.r;
	jf_fu_init(&x->fu, r->id, r->date, at, (enum jf_kind)x->rec.kind, x->rec.who);
	x->fu.target = x->fu.ref = x->target.key;
	x->w.self_fu = &x->fu;
	const struct jf_fu *of = NULL;
	if (jf_effect_stateful(&x->target))
		gather_fus(scan, q, i, x->target.key);
	else if (x->target.kind < JF_NKINDS &&
		 (jf_kind((enum jf_kind)x->target.kind)->flags & JF_KF_FOLLOW) &&
		 (of = held_fu(scan, q, i, x->target.key)))
		gather_fus(scan, q, i, of->target);
}

/* The volunteers' days the serve requests fall on, one each. */
static void make_vdays(struct check *c, struct req *q, size_t n)
{
	for (size_t i = 0; i < n; i++)
		c->nvdays += q[i].st == JF_OK && jf_kind_has(q[i].w.t->kind, JF_F_HOURS);
	if (!c->nvdays)
		return;
	c->vdays = jf_calloc(c->nvdays, sizeof *c->vdays);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (q[i].st != JF_OK || !jf_kind_has(q[i].w.t->kind, JF_F_HOURS))
			continue;
		struct vday v = { jf_serve_volunteer(&q[i].rec), q[i].rec.date, 0 };
		size_t j = 0;
		while (j < k && (c->vdays[j].vol != v.vol || c->vdays[j].day != v.day))
			j++;
		if (j == k)
			c->vdays[k++] = v;
	}
	c->nvdays = k;
}

/* A follow-up of a stateful target must come after the target's other
 * follow-ups in canonical order (SPEC 4.0), or its state would be worked
 * out as if it had been recorded before them.  One at the same instant
 * (JF_NOW fixed, or two within a second) is ordered by id: the new id is
 * the next after theirs (jf_id_after).  One dated today but recorded
 * before one in the book (a clock behind another clone's) is refused; one
 * dated back with -d is for its kind's settle to judge. */
static enum jf_status order_last(const struct jf_scan *scan, struct req *x,
				 struct jf_txn_result *r, const struct jf_txn *t)
{
	const struct jf_fu *last = x->w.nfus ? &x->fus[x->w.nfus - 1] : NULL;
	char d1[JF_DATE_BUFSZ];
	if (!last || jf_fu_cmp(last, &x->fu) < 0)
		return JF_OK;
	bool same = last->date == x->fu.date && last->has_at == x->fu.has_at &&
		    last->at_ns == x->fu.at_ns;
	/* dated back with -d: its kind's settle judges it in its place */
	if (!same && t->date != JF_DATE_NONE)
		return JF_OK;
	if (!same)
		return refuse(x->w.d, JF_REFUSED,
			      "'%s' has a follow-up recorded later than now (%s, %s): is this "
			      "machine's clock behind?", t->ref, last->id,
			      jf_date_format(last->date, d1));
	if (jf_id_after(last->id, r->id) < 0)
		return refuse(x->w.d, JF_SYSTEM, "cannot make a new id after '%s'", last->id);
	struct jf_idkey k = jf_id_key(r->id, strlen(r->id));
	if (strcmp(r->id, last->id) <= 0 || jf_scan_find(scan, k))
		return refuse(x->w.d, JF_SYSTEM, "cannot make a new id after '%s'", last->id);
	x->rec.key = k;
	memcpy(x->fu.id, r->id, strlen(r->id) + 1);
	x->fu.key = k;
	return JF_OK;
}

/* The limited rules the requests use, one slot each. */
static void make_slots(struct check *c, const struct jf_book *b, struct req *q, size_t n)
{
	c->slots = jf_calloc(n ? n : 1, sizeof *c->slots);
	for (size_t i = 0; i < n; i++) {
		const struct jf_txn_result *r = q[i].w.r;
		if (q[i].st != JF_OK || !jf_kind_has(q[i].w.t->kind, JF_F_ACTIVITY) ||
		    r->activity < 0 || !b->activities[r->activity].limit)
			continue;
		struct slot *sl = &c->slots[c->nslots++];
		sl->household = r->household;
		sl->activity = r->activity;
		jf_period_bounds(b->activities[r->activity].limit_per, r->date, &sl->from, &sl->to);
	}
	qsort(c->slots, c->nslots, sizeof *c->slots, cmp_slot);
	/* one slot per household, rule and period */
	size_t k = 0;
	for (size_t i = 0; i < c->nslots; i++)
		if (!k || cmp_slot(&c->slots[k - 1], &c->slots[i]) || c->slots[k - 1].from != c->slots[i].from)
			c->slots[k++] = c->slots[i];
	c->nslots = k;
}

static int cmp_key(const void *a, const void *b)
{
	const struct jf_idkey *x = a, *y = b;
	return memcmp(x, y, sizeof *x);
}

/* Move request i's refusals into d, named by where the request came from. */
static void report(struct jf_diags *d, const struct jf_txn *t, struct jf_diags *from)
{
	for (size_t k = 0; k < from->n; k++) {
		const struct jf_diag *g = &from->v[k];
		if (t->src)
			jf_diag_add(d, g->sev, t->src, t->src_line, 0, "%s", g->msg);
		else
			jf_diag_add(d, g->sev, g->file, g->line, g->col, "%s", g->msg);
	}
	jf_diags_release(from);
}

enum jf_status jf_txn_commit_many(const struct jf_book *b, const struct jf_txn *t, size_t n,
				  struct jf_txn_result *res, struct jf_diags *d)
{
	struct jf_lock lock = JF_LOCK_INIT;
	struct jf_scan scan;
	struct check c;
	char at[40];
	time_t now;
	const char *why;
	jf_date today;
	enum jf_status st = JF_OK;
	struct timespec ts;

	for (size_t i = 0; i < n; i++) {
		struct jf_txn_result *r = &res[i];
		memset(r, 0, sizeof *r);
		jf_buf_init(&r->file);
		jf_buf_init(&r->text);
		r->household = r->village = r->activity = r->item = -1;
		r->to = -1;
		r->reviewer = -1;
		r->volunteer = r->team = -1;
		r->kind = t[i].kind;
		r->dry_run = t[i].dry_run;
	}
	if (!n)
		return JF_OK;
	if (jf_now(&now, &why) < 0)
		return refuse(d, JF_USAGE, "JF_NOW: %s", why);
	/* a new id holds its time since 1970; a JF_NOW that parses can lie
	 * outside what a writer can use: a usage error, not a system fault */
	bool fake_now = getenv("JF_NOW") != NULL;
	if (now < 0)
		return fake_now ? refuse(d, JF_USAGE, "JF_NOW is before 1970-01-01T00:00:00Z: "
						      "a new entry's id cannot hold that time")
				: refuse(d, JF_SYSTEM, "the clock is before 1970-01-01");
	if (jf_date_in_tz(now, b->timezone, &today) < 0 ||
	    jf_time_format_tz(now, b->timezone, at, sizeof at) < 0) {
		if (fake_now && jf_tz_valid(b->timezone))
			return refuse(d, JF_USAGE, "JF_NOW is after 9999-12-31 in the book's time "
						   "zone '%s', the last day jf takes", b->timezone);
		return refuse(d, JF_SYSTEM, "cannot use time zone '%s'", b->timezone);
	}
	struct req *q = jf_calloc(n, sizeof *q);
	enum jf_status worst = JF_OK;
	for (size_t i = 0; i < n; i++) {
		struct jf_txn_result *r = &res[i];
		r->date = t[i].date == JF_DATE_NONE ? today : t[i].date;
		q[i].w = (struct jf_wctx){ .b = b, .t = &t[i], .r = r, .rec = &q[i].rec, .d = &q[i].d };
		q[i].st = precheck(&q[i].w, today);
		worst = jf_status_worst(worst, q[i].st);
	}
	if (n == 1 && worst != JF_OK) {
		/* a single request refused on its face: no need to read the book */
		report(d, &t[0], &q[0].d);
		free(q);
		return worst;
	}

	memset(&c, 0, sizeof c);
	if ((st = jf_lock_take(&lock, b->root, t[0].wait_ms, d)) != JF_OK)
		goto out;
	(void)jf_failpoint("after-lock");
	if (t[0].locked && (st = t[0].locked(t[0].locked_ctx, b, d)) != JF_OK) {
		jf_lock_release(&lock);
		goto out;
	}
	c.b = b;
	c.d = d;
	make_slots(&c, b, q, n);
	make_vdays(&c, q, n);
	jf_accts_init(&c.acc, b, JF_DATE_NONE);
	jf_scan_init(&scan);
	scan.use_cache = !t[0].no_cache;
	/* the new ids and the targets are looked up after the scan */
	clock_gettime(CLOCK_REALTIME, &ts);
	struct jf_idkey *keys = jf_calloc(n, sizeof *keys);
	for (size_t i = 0; i < n && st == JF_OK; i++) {
		if (jf_id_new(now, getenv("JF_NOW") ? 0 : (int)(ts.tv_nsec / 1000000), res[i].id) < 0)
			st = refuse(d, JF_SYSTEM, "cannot read the random source for a new id");
		q[i].rec.key = keys[i] = jf_id_key(res[i].id, strlen(res[i].id));
		(void)jf_scan_watch(&scan, keys[i]);
		if (t[i].ref && (jf_kind(t[i].kind)->flags & JF_KF_FOLLOW))
			(void)jf_scan_watch(&scan, jf_id_key(t[i].ref, strlen(t[i].ref)));
		/* the wish a serve names */
		if (jf_kind_has(t[i].kind, JF_F_WISH) && t[i].val[JF_F_WISH])
			(void)jf_scan_watch(&scan, jf_id_key(t[i].val[JF_F_WISH],
							     strlen(t[i].val[JF_F_WISH])));
	}
	if (st == JF_OK)
		st = jf_ledger_scan(&scan, b, on_entry, &c, d);
	(void)jf_failpoint("after-scan");
	if (st == JF_INVALID)
		jf_error(d, "the book is invalid; nothing was recorded (see 'jf-check')");
	if (st == JF_OK) {
		qsort(keys, n, sizeof *keys, cmp_key);
		for (size_t i = 0; i < n && st == JF_OK; i++)
			if (jf_scan_find(&scan, q[i].rec.key) ||
			    (i && !cmp_key(&keys[i - 1], &keys[i])))
				st = refuse(d, JF_SYSTEM, "the new id '%s' is taken (a clock or random source fault?); nothing was recorded",
					    res[i].id);
	}
	free(keys);
	for (size_t i = 0; i < n && st == JF_OK; i++) {
		struct req *x = &q[i];
		if (x->st != JF_OK)
			continue;
		const struct jf_effect *tg = NULL;
		if (t[i].ref && (jf_kind(t[i].kind)->flags & JF_KF_FOLLOW)) {
			struct jf_idkey tk = jf_id_key(t[i].ref, strlen(t[i].ref));
			if (!x->has_target && (tg = jf_scan_find(&scan, tk))) {
				x->target = *tg;
				x->has_target = true;
			}
			/* an earlier follow-up of the batch may have acted on it */
			for (size_t k = 0; k < i; k++)
				if (q[k].has_target && q[k].st == JF_OK &&
				    jf_idkey_eq(q[k].target.key, tk)) {
					x->target = q[k].target;
					x->has_target = true;
				}
		}
		if (x->has_target)
			stateful_fus(&scan, q, i, at);
		if (x->has_target && x->fus &&
		    (x->st = order_last(&scan, x, &res[i], &t[i])) != JF_OK) {
			worst = jf_status_worst(worst, x->st);
			continue;
		}
		const char *wish = jf_kind_has(t[i].kind, JF_F_WISH) ? t[i].val[JF_F_WISH] : NULL;
		if (wish) {
			struct jf_idkey wk = jf_id_key(wish, strlen(wish));
			if ((tg = jf_scan_find(&scan, wk))) {
				x->named = *tg;
				x->has_named = true;
				x->w.named = &x->named;
				gather_fus(&scan, q, i, wk);
				x->has_skey = false; /* it is no follow-up of the wish */
			}
		}
		x->st = postcheck(&x->w, &c, x->has_target ? &x->target : NULL);
		if (x->st == JF_OK && x->fus && x->has_target) {
			/* the target's state after it */
			x->fus[x->w.nfus] = x->fu;
			jf_fu_sort(x->fus, x->w.nfus + 1);
			jf_review_replay(&x->target, x->fus, x->w.nfus + 1, res[i].date, &res[i].review);
			res[i].has_review = x->target.need > 0;
			res[i].needed = x->target.need;
			res[i].reviewer = jf_kind_has(t[i].kind, JF_F_REVIEWER) ? x->rec.who : -1;
		}
		if (x->st == JF_OK)
			x->st = accept(&c, q, n, i);
		worst = jf_status_worst(worst, x->st);
	}
	if (st == JF_OK)
		st = worst;
	if (st == JF_OK) {
		struct jf_buf all = JF_BUF_INIT;
		for (size_t i = 0; i < n; i++) {
			build(b, &t[i], &res[i], &q[i].rec, at);
			jf_buf_add(&all, res[i].text.s, res[i].text.len);
		}
		/* SPEC 4.0: every entry goes to the file of the first */
		for (size_t i = 0; i < n; i++)
			jf_book_ledger_path(b, res[0].village, res[0].date, &res[i].file);
		if (!t[0].dry_run)
			st = append_entries(b, &t[0], &res[0], all.s, all.len,
					    n == 1 ? &q[0].rec : NULL,
					    q[0].has_target ? &q[0].target : NULL, &q[0].fu, &scan, d);
		jf_buf_release(&all);
	}
	jf_scan_release(&scan);
	jf_accts_release(&c.acc);
	free(c.slots);
	free(c.vdays);
	jf_lock_release(&lock);
out:
	for (size_t i = 0; i < n; i++) {
		report(d, &t[i], &q[i].d);
		free(q[i].fus);
	}
	free(q);
	return st;
}

enum jf_status jf_txn_commit(const struct jf_book *b, const struct jf_txn *t,
			     struct jf_txn_result *r, struct jf_diags *d)
{
	return jf_txn_commit_many(b, t, 1, r, d);
}

void jf_txn_result_release(struct jf_txn_result *r)
{
	jf_buf_release(&r->file);
	jf_buf_release(&r->text);
}

/* ", on notice 2026-12-01 to 2026-12-03, counts from 2026-12-04" */
static void review_text(const struct jf_txn_result *r, struct jf_buf *o)
{
	const struct jf_review_state *v = &r->review;
	char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ], d3[JF_DATE_BUFSZ];
	switch (v->st) {
	case JF_RV_PENDING:
		jf_buf_addf(o, ", pending: %d of %d approvals", v->approvals, r->needed);
		break;
	case JF_RV_NOTICE:
		jf_buf_addf(o, ", on notice %s to %s, counts from %s",
			    jf_date_format(v->notice_from, d1), jf_date_format(v->counts_from - 1, d2),
			    jf_date_format(v->counts_from, d3));
		break;
	case JF_RV_COUNTS:
		jf_buf_addf(o, ", counts from %s", jf_date_format(v->counts_from, d1));
		break;
	default:
		jf_buf_addf(o, ", %s", jf_review_st_name(v->st));
		break;
	}
}

void jf_txn_result_text(const struct jf_book *b, const struct jf_txn_result *r,
			struct jf_buf *o)
{
	char pb[JF_POINTS_BUFSZ], bb[JF_POINTS_BUFSZ];
	if (r->dry_run)
		jf_buf_adds(o, "dry run, nothing written: ");
	jf_buf_adds(o, jf_kind_name(r->kind));
	bool follow = jf_kind(r->kind)->flags & JF_KF_FOLLOW;
	if (follow)
		jf_buf_addf(o, " %s (%s)", r->ref, jf_kind_name(r->ref_kind));
	if (jf_kind_has(r->kind, JF_F_VILLAGE))
		jf_buf_addf(o, " %s", b->villages[r->village].code);
	bool hrs = jf_kind_has(r->kind, JF_F_HOURS);
	if (r->household >= 0 && !hrs)
		jf_buf_addf(o, " %s %s", b->households[r->household].id,
			    b->households[r->household].head);
	/* a serve: who and how long; a take: who takes it on */
	if (r->team >= 0)
		jf_buf_addf(o, " team %s", b->vol.teams[r->team].code);
	if (r->volunteer >= 0)
		jf_buf_addf(o, " %s%s %s", r->team >= 0 || follow ? "volunteer " : "",
			    b->vol.volunteers[r->volunteer].id, b->vol.volunteers[r->volunteer].name);
	if (r->hours)
		jf_buf_addf(o, " %s hour%s", jf_points_format(r->hours, pb), r->hours == 100 ? "" : "s");
	if (hrs && r->hours_only)
		jf_buf_adds(o, ", hours only: the volunteer has no household to earn the points");
	if (r->wish)
		jf_buf_addf(o, ", wish %s", r->wish);
	if (r->household >= 0 && hrs)
		jf_buf_addf(o, ", %s %s", b->households[r->household].id,
			    b->households[r->household].head);
	if (!follow) {
		if (r->activity >= 0 && hrs)
			jf_buf_addf(o, " %s", b->activities[r->activity].code);
		else if (r->activity >= 0)
			jf_buf_addf(o, " %s x%lld", b->activities[r->activity].code, (long long)r->qty);
		if (r->item >= 0)
			jf_buf_addf(o, " %s x%lld", b->goods[r->item].code, (long long)r->qty);
	}
	/* a review (not a void): who, the target's state, then the balance */
	bool rv = r->has_review && r->kind != JF_VOID;
	if (rv && r->reviewer >= 0)
		jf_buf_addf(o, " by %s", b->review.reviewers[r->reviewer]);
	if (rv)
		review_text(r, o);
	if (r->has_wish)
		jf_buf_addf(o, ", %s", jf_wish_st_name(r->wish_st)); /* no points move */
	else if (r->household >= 0 && r->reviewed)
		jf_buf_addf(o, " %s pending review, balance %s",
			    jf_points_format_signed(r->pending, pb), jf_points_format(r->balance, bb));
	else if (r->household >= 0 && rv)
		jf_buf_addf(o, ", balance %s", jf_points_format(r->balance, bb));
	else if (r->household >= 0)
		jf_buf_addf(o, " %s, balance %s", jf_points_format_signed(r->points, pb),
			    jf_points_format(r->balance, bb));
	if (r->has_review && !rv)
		review_text(r, o);
	if (r->to >= 0)
		jf_buf_addf(o, ", to %s %s, balance %s", b->households[r->to].id,
			    b->households[r->to].head, jf_points_format(r->to_balance, bb));
	if (r->has_stock)
		jf_buf_addf(o, ", stock %lld", (long long)r->stock);
	jf_buf_addf(o, ", id %s\n", r->id);
}

void jf_txn_result_json(const struct jf_book *b, const struct jf_txn_result *r,
			struct jf_buf *o)
{
	struct jf_json j;
	char db[JF_DATE_BUFSZ];
	jf_json_init(&j, o, false);
	jf_json_obj_open(&j);
	jf_json_kstr(&j, "id", r->id);
	jf_json_kstr(&j, "kind", jf_kind_name(r->kind));
	jf_json_kstr(&j, "date", jf_date_format(r->date, db));
	if (r->household >= 0) {
		jf_json_kstr(&j, "household", b->households[r->household].id);
		jf_json_kstr(&j, "head", b->households[r->household].head);
	}
	if (r->village >= 0)
		jf_json_kstr(&j, "village", b->villages[r->village].code);
	if (jf_kind(r->kind)->flags & JF_KF_FOLLOW) {
		jf_json_kstr(&j, "ref", r->ref);
		jf_json_kstr(&j, "ref_kind", jf_kind_name(r->ref_kind));
	}
	if (r->activity >= 0)
		jf_json_kstr(&j, "activity", b->activities[r->activity].code);
	if (r->item >= 0)
		jf_json_kstr(&j, "item", b->goods[r->item].code);
	if (r->qty)
		jf_json_kint(&j, "qty", r->qty);
	if (r->household >= 0) {
		jf_json_kpoints(&j, "points", r->points);
		jf_json_kpoints(&j, "balance", r->balance);
	}
	if (r->reviewed)
		jf_json_kpoints(&j, "pending", r->pending);
	if (r->reviewer >= 0)
		jf_json_kstr(&j, "reviewer", b->review.reviewers[r->reviewer]);
	if (r->has_review) {
		jf_json_kstr(&j, "state", jf_review_st_name(r->review.st));
		jf_json_kint(&j, "approvals", r->review.approvals);
		jf_json_kint(&j, "needed", r->needed);
		jf_json_key(&j, "counts_from");
		if (r->review.counts_from == JF_DATE_NONE)
			jf_json_null(&j);
		else
			jf_json_str(&j, jf_date_format(r->review.counts_from, db));
	}
	if (r->to >= 0) {
		jf_json_kstr(&j, "to", b->households[r->to].id);
		jf_json_kstr(&j, "to_head", b->households[r->to].head);
		jf_json_kpoints(&j, "to_balance", r->to_balance);
	}
	if (r->has_stock)
		jf_json_kint(&j, "stock", r->stock);
	if (r->team >= 0)
		jf_json_kstr(&j, "team", b->vol.teams[r->team].code);
	if (r->volunteer >= 0) {
		jf_json_kstr(&j, "volunteer", b->vol.volunteers[r->volunteer].id);
		jf_json_kstr(&j, "volunteer_name", b->vol.volunteers[r->volunteer].name);
	}
	if (r->hours)
		jf_json_kpoints(&j, "hours", r->hours);
	if (jf_kind_has(r->kind, JF_F_HOURS)) {
		jf_json_key(&j, "hours_only");
		jf_json_bool(&j, r->hours_only);
		jf_json_key(&j, "wish");
		if (r->wish)
			jf_json_str(&j, r->wish);
		else
			jf_json_null(&j);
	}
	if (r->has_wish)
		jf_json_kstr(&j, "state", jf_wish_st_name(r->wish_st));
	jf_json_kstr(&j, "file", r->file.s);
	jf_json_key(&j, "dry_run");
	jf_json_bool(&j, r->dry_run);
	jf_json_obj_close(&j);
	jf_buf_addc(o, '\n');
}

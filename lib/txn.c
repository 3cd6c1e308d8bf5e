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

/* What the scan must find out for the request. */
struct check {
	const struct jf_book *b;
	struct jf_diags *d;
	struct jf_accts acc;
	int household, activity;
	jf_date lim_from, lim_to;
	int64_t lim_count;
};

static enum jf_status on_entry(void *ctx, const struct jf_entry *e)
{
	struct check *c = ctx;
	if (c->activity >= 0 && c->household >= 0) {
		/* uses of the rule by the household in the limit's period, by the
		 * date of the deed (a void takes its target's back) */
		struct jf_move m[JF_MOVES_MAX];
		size_t n = jf_entry_moves(c->b, e, m);
		for (size_t i = 0; i < n; i++)
			if (m[i].household == c->household && m[i].rule == c->activity &&
			    m[i].dated >= c->lim_from && m[i].dated <= c->lim_to)
				c->lim_count += m[i].qty;
	}
	return jf_accts_apply(&c->acc, e, c->d);
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
	if (jf_kind_has(t->kind, JF_F_HOUSEHOLD)) {
		r->household = jf_book_household(b, t->household);
		if (r->household < 0)
			return refuse(d, JF_REFUSED, "unknown household '%s'", t->household);
		const struct jf_household *h = &b->households[r->household];
		r->village = h->village;
		/* a kind that may name a closed account checks the window itself */
		bool closed_ok = o->flags & JF_KF_CLOSED_OK;
		if (!closed_ok && h->since != JF_DATE_NONE && r->date < h->since)
			return refuse(d, JF_REFUSED, "the account of %s opens on %s", h->id,
				      jf_date_format(h->since, d1));
		if (!closed_ok && h->until != JF_DATE_NONE && r->date > h->until)
			return refuse(d, JF_REFUSED, "the account of %s was closed on %s", h->id,
				      jf_date_format(h->until, d1));
	}
	if (jf_kind_has(t->kind, JF_F_VILLAGE)) {
		r->village = jf_book_village(b, t->village);
		if (r->village < 0)
			return refuse(d, JF_REFUSED, "unknown village '%s'", t->village);
	}
	if (jf_kind_has(t->kind, JF_F_ACTIVITY)) {
		r->activity = jf_book_activity(b, t->code);
		if (r->activity < 0)
			return refuse(d, JF_REFUSED, "unknown activity '%s'", t->code);
		const struct jf_activity *a = &b->activities[r->activity];
		if (!jf_date_within(r->date, a->since, a->until))
			return refuse(d, JF_REFUSED, "rule '%s' is not valid on %s", a->code,
				      jf_date_format(r->date, d1));
	}
	if (jf_kind_has(t->kind, JF_F_ITEM)) {
		r->item = jf_book_good(b, t->code);
		if (r->item < 0)
			return refuse(d, JF_REFUSED, "unknown item '%s'", t->code);
	}
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
	rec->what = (uint16_t)(r->activity >= 0 ? r->activity : r->item >= 0 ? r->item : 0);
	rec->qty = jf_kind_has(t->kind, JF_F_QTY) ? (int32_t)t->qty : 0;
	if (jf_kind_has(t->kind, JF_F_TO))
		rec->qty = r->to;
	else if (jf_kind_has(t->kind, JF_F_UNTIL))
		rec->qty = t->until;
	if (!jf_kind_has(t->kind, JF_F_POINTS))
		rec->points = 0;
	return JF_OK;
}

/* Limit and balance/stock checks with the ledger read. */
static enum jf_status postcheck(struct jf_wctx *w, struct check *c, const struct jf_scan *s)
{
	const struct jf_book *b = w->b;
	const struct jf_txn *t = w->t;
	struct jf_txn_result *r = w->r;
	struct jf_diags *d = w->d;
	const struct jf_kind_ops *o = jf_kind(t->kind);

	w->acc = &c->acc;
	if (o->flags & JF_KF_FOLLOW) {
		w->target = jf_scan_find(s, jf_id_key(t->ref, strlen(t->ref)));
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
	if (jf_kind_has(t->kind, JF_F_ACTIVITY)) {
		const struct jf_activity *a = &b->activities[r->activity];
		static const char *const per[] = { "day", "week", "month", "year" };
		if (a->limit && c->lim_count + t->qty > a->limit)
			return refuse(d, JF_REFUSED,
				      "limit reached: '%s' is at most %lld per %s, and %s has %lld in that %s",
				      a->code, (long long)a->limit, per[a->limit_per], t->household,
				      (long long)c->lim_count, per[a->limit_per]);
	}
	if (!(o->flags & JF_KF_FOLLOW) && o->settle) {
		enum jf_status st = o->settle(w);
		if (st != JF_OK)
			return st;
	}
	/* what it does: the household's balance and the shop's stock after it */
	struct jf_move m[JF_MOVES_MAX];
	size_t n = jf_kind(t->kind)->moves(b, w->rec, w->target, m);
	int64_t have, delta = 0;
	for (size_t i = 0; i < n; i++)
		delta += m[i].stock;
	if (jf_wctx_stock(w, &have)) {
		r->has_stock = true;
		r->stock = have + delta;
	}
	if (!jf_moves_points(m, n, r->household, &r->points))
		return refuse(d, JF_REFUSED, "the points of the entry overflow");
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
	default: return NULL;
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
			field(o, name, b->households[*f == JF_F_TO ? r->to : r->household].id);
			break;
		case JF_FT_DATE:
			if (*f == JF_F_UNTIL)
				field(o, name, jf_date_format(t->until, db));
			break;
		case JF_FT_ACTIVITY:
			field(o, name, b->activities[r->activity].code);
			break;
		case JF_FT_ITEM:
			field(o, name, b->goods[r->item].code);
			break;
		case JF_FT_QTY:
			jf_buf_addf(o, "  %s: %lld\n", name, (long long)t->qty);
			break;
		case JF_FT_POINTS:
			field(o, name, jf_points_format(rec->points, pb));
			break;
		default:
			if ((v = txn_text(t, *f)))
				field(o, name, v);
			break;
		}
	}
	field(o, "by", t->by);
}

/* Append the entry, then extend the file's reader cache by it. */
static enum jf_status append_entry(const struct jf_book *b, const struct jf_txn *t,
				   const struct jf_txn_result *r, const struct jf_effect *rec,
				   const struct jf_effect *target, struct jf_diags *d)
{
	struct jf_buf p = JF_BUF_INIT;
	struct stat before;
	jf_buf_addf(&p, "%s/%s", b->root, r->file.s);
	bool existed = stat(p.s, &before) == 0;
	jf_buf_release(&p);
	enum jf_status st = jf_append(b->root, r->file.s, r->text.s, r->text.len, d);
	if (st != JF_OK || t->no_cache)
		return st;
	(void)jf_failpoint("after-append");
	jf_cache_extend(b, r->file.s, existed, &before, r->text.s, r->text.len, rec, target);
	return JF_OK;
}

enum jf_status jf_txn_commit(const struct jf_book *b, const struct jf_txn *t,
			     struct jf_txn_result *r, struct jf_diags *d)
{
	struct jf_lock lock = JF_LOCK_INIT;
	struct jf_scan scan;
	struct check c;
	char at[40];
	time_t now;
	const char *why;
	jf_date today;
	enum jf_status st;
	struct timespec ts;

	memset(r, 0, sizeof *r);
	jf_buf_init(&r->file);
	jf_buf_init(&r->text);
	r->household = r->village = r->activity = r->item = -1;
	r->to = -1;
	r->kind = t->kind;
	r->dry_run = t->dry_run;
	if (jf_now(&now, &why) < 0)
		return refuse(d, JF_USAGE, "JF_NOW: %s", why);
	if (jf_date_in_tz(now, b->timezone, &today) < 0 ||
	    jf_time_format_tz(now, b->timezone, at, sizeof at) < 0)
		return refuse(d, JF_SYSTEM, "cannot use time zone '%s'", b->timezone);
	r->date = t->date == JF_DATE_NONE ? today : t->date;
	struct jf_effect rec;
	memset(&rec, 0, sizeof rec);
	struct jf_wctx w = { .b = b, .t = t, .r = r, .rec = &rec, .d = d };
	if ((st = precheck(&w, today)) != JF_OK)
		return st;

	if ((st = jf_lock_take(&lock, b->root, t->wait_ms, d)) != JF_OK)
		return st;
	(void)jf_failpoint("after-lock");
	memset(&c, 0, sizeof c);
	c.b = b;
	c.d = d;
	c.household = r->household;
	c.activity = jf_kind_has(t->kind, JF_F_ACTIVITY) ? r->activity : -1;
	if (c.activity >= 0)
		jf_period_bounds(b->activities[c.activity].limit_per, r->date, &c.lim_from, &c.lim_to);
	jf_accts_init(&c.acc, b, JF_DATE_NONE);
	jf_scan_init(&scan);
	scan.use_cache = !t->no_cache;
	/* the new id and the void's target are looked up after the scan */
	clock_gettime(CLOCK_REALTIME, &ts);
	if (jf_id_new(now, getenv("JF_NOW") ? 0 : (int)(ts.tv_nsec / 1000000), r->id) < 0)
		st = refuse(d, JF_SYSTEM, "cannot read the random source for a new id");
	struct jf_idkey idkey = jf_id_key(r->id, strlen(r->id));
	rec.key = idkey;
	(void)jf_scan_watch(&scan, idkey); /* room for two: cannot fail */
	if (jf_kind(t->kind)->flags & JF_KF_FOLLOW)
		(void)jf_scan_watch(&scan, jf_id_key(t->ref, strlen(t->ref)));
	if (st == JF_OK)
		st = jf_ledger_scan(&scan, b, on_entry, &c, d);
	(void)jf_failpoint("after-scan");
	if (st == JF_INVALID)
		jf_error(d, "the book is invalid; nothing was recorded (see 'jf-check')");
	if (st == JF_OK && jf_scan_find(&scan, idkey))
		st = refuse(d, JF_SYSTEM, "the new id '%s' is taken (a clock or random source fault?); nothing was recorded",
			    r->id);
	if (st == JF_OK)
		st = postcheck(&w, &c, &scan);
	if (st == JF_OK) {
		build(b, t, r, &rec, at);
		jf_book_ledger_path(b, r->village, r->date, &r->file);
		if (!t->dry_run)
			st = append_entry(b, t, r, &rec, w.target, d);
	}
	jf_scan_release(&scan);
	jf_accts_release(&c.acc);
	jf_lock_release(&lock);
	return st;
}

void jf_txn_result_release(struct jf_txn_result *r)
{
	jf_buf_release(&r->file);
	jf_buf_release(&r->text);
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
	if (r->household >= 0)
		jf_buf_addf(o, " %s %s", b->households[r->household].id,
			    b->households[r->household].head);
	if (!follow) {
		if (r->activity >= 0)
			jf_buf_addf(o, " %s x%lld", b->activities[r->activity].code, (long long)r->qty);
		if (r->item >= 0)
			jf_buf_addf(o, " %s x%lld", b->goods[r->item].code, (long long)r->qty);
	}
	if (r->household >= 0)
		jf_buf_addf(o, " %s, balance %s", jf_points_format_signed(r->points, pb),
			    jf_points_format(r->balance, bb));
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
	jf_json_key(&j, "id");
	jf_json_str(&j, r->id);
	jf_json_key(&j, "kind");
	jf_json_str(&j, jf_kind_name(r->kind));
	jf_json_key(&j, "date");
	jf_json_str(&j, jf_date_format(r->date, db));
	if (r->household >= 0) {
		jf_json_key(&j, "household");
		jf_json_str(&j, b->households[r->household].id);
		jf_json_key(&j, "head");
		jf_json_str(&j, b->households[r->household].head);
	}
	if (r->village >= 0) {
		jf_json_key(&j, "village");
		jf_json_str(&j, b->villages[r->village].code);
	}
	if (jf_kind(r->kind)->flags & JF_KF_FOLLOW) {
		jf_json_key(&j, "ref");
		jf_json_str(&j, r->ref);
		jf_json_key(&j, "ref_kind");
		jf_json_str(&j, jf_kind_name(r->ref_kind));
	}
	if (r->activity >= 0) {
		jf_json_key(&j, "activity");
		jf_json_str(&j, b->activities[r->activity].code);
	}
	if (r->item >= 0) {
		jf_json_key(&j, "item");
		jf_json_str(&j, b->goods[r->item].code);
	}
	if (r->qty) {
		jf_json_key(&j, "qty");
		jf_json_int(&j, r->qty);
	}
	if (r->household >= 0) {
		jf_json_key(&j, "points");
		jf_json_points(&j, r->points);
		jf_json_key(&j, "balance");
		jf_json_points(&j, r->balance);
	}
	if (r->to >= 0) {
		jf_json_key(&j, "to");
		jf_json_str(&j, b->households[r->to].id);
		jf_json_key(&j, "to_head");
		jf_json_str(&j, b->households[r->to].head);
		jf_json_key(&j, "to_balance");
		jf_json_points(&j, r->to_balance);
	}
	if (r->has_stock) {
		jf_json_key(&j, "stock");
		jf_json_int(&j, r->stock);
	}
	jf_json_key(&j, "file");
	jf_json_str(&j, r->file.s);
	jf_json_key(&j, "dry_run");
	jf_json_bool(&j, r->dry_run);
	jf_json_obj_close(&j);
	jf_buf_addc(o, '\n');
}

/* txn.c - the writers' checks, the entry's text and the append. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acct.h"
#include "alloc.h"
#include "append.h"
#include "cache.h"
#include "json.h"
#include "lock.h"
#include "txn.h"
#include "width.h"

const char *jf_text_check(const char *s)
{
	size_t n = strlen(s), off;
	if (n > 4096)
		return "is longer than 4096 bytes";
	if (!jf_utf8_valid(s, n, &off))
		return "is not valid UTF-8";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || jf_special_char(p))
			return "contains a control character (tab, newline...)";
	return NULL;
}

static bool plain_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || strchr("?:,[]{}#&*!|>'\"%@` \t", s[0]) || s[n - 1] == ' ' ||
	    (s[0] == '-' && (!s[1] || s[1] == ' ')) ||
	    s[n - 1] == ':' || strstr(s, ": ") || strstr(s, " #"))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || jf_special_char(p))
			return false;
	/* a leading BOM or other invisible start would confuse a reader */
	return (unsigned char)s[0] < 0x80 || strncmp(s, "\xEF\xBB\xBF", 3);
}

void jf_yaml_scalar(struct jf_buf *out, const char *s)
{
	if (plain_ok(s)) {
		jf_buf_adds(out, s);
		return;
	}
	jf_buf_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			jf_buf_addc(out, '\\');
			jf_buf_addc(out, (char)*p);
		} else if (*p < 0x20 || *p == 0x7F) {
			jf_buf_addf(out, "\\x%02X", *p);
		} else if (jf_special_char(p)) {
			/* C1 controls, U+2028/U+2029 (YAML reads them as breaks),
			 * U+FEFF and the noncharacters: escaped, never raw */
			uint32_t cp;
			if (p[0] >= 0xE0) {
				cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
				     (p[2] & 0x3F);
				p += 2;
			} else {
				cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
				p += 1;
			}
			jf_buf_addf(out, "\\u%04X", (unsigned)cp);
		} else {
			jf_buf_addc(out, (char)*p);
		}
	}
	jf_buf_addc(out, '"');
}

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
	if (c->activity >= 0 && c->household >= 0 && e->household == c->household) {
		if (e->kind == JF_EARN && e->activity == c->activity &&
		    e->date >= c->lim_from && e->date <= c->lim_to)
			c->lim_count += e->qty;
		else if (e->kind == JF_VOID && e->target->kind == JF_EARN &&
			 e->target->what == c->activity && e->target->date >= c->lim_from &&
			 e->target->date <= c->lim_to)
			c->lim_count -= e->target->qty;
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

/* Resolve the request's codes and static rules (no ledger needed). */
static enum jf_status precheck(const struct jf_book *b, const struct jf_txn *t,
			       struct jf_txn_result *r, jf_date today, struct jf_diags *d)
{
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
	if ((t->kind == JF_ADJUST || t->kind == JF_VOID) && (!t->reason || !*t->reason))
		return refuse(d, JF_USAGE, "a reason is required (--reason TEXT)");
	if (r->date > today)
		return refuse(d, JF_USAGE, "date %s is in the future (today is %s in %s)",
			      jf_date_format(r->date, d1), jf_date_format(today, d2), b->timezone);
	if (t->kind == JF_EARN || t->kind == JF_REDEEM || t->kind == JF_ADJUST) {
		r->household = jf_book_household(b, t->household);
		if (r->household < 0)
			return refuse(d, JF_REFUSED, "unknown household '%s'", t->household);
		const struct jf_household *h = &b->households[r->household];
		r->village = h->village;
		if (h->since != JF_DATE_NONE && r->date < h->since)
			return refuse(d, JF_REFUSED, "the account of %s opens on %s", h->id,
				      jf_date_format(h->since, d1));
		if (h->until != JF_DATE_NONE && r->date > h->until)
			return refuse(d, JF_REFUSED, "the account of %s was closed on %s", h->id,
				      jf_date_format(h->until, d1));
	}
	if (t->kind == JF_RESTOCK) {
		r->village = jf_book_village(b, t->village);
		if (r->village < 0)
			return refuse(d, JF_REFUSED, "unknown village '%s'", t->village);
	}
	if (t->kind == JF_EARN) {
		r->activity = jf_book_activity(b, t->code);
		if (r->activity < 0)
			return refuse(d, JF_REFUSED, "unknown activity '%s'", t->code);
		const struct jf_activity *a = &b->activities[r->activity];
		if (!jf_date_within(r->date, a->since, a->until))
			return refuse(d, JF_REFUSED, "rule '%s' is not valid on %s", a->code,
				      jf_date_format(r->date, d1));
		if (!jf_points_mul(a->points, t->qty, &r->points))
			return refuse(d, JF_USAGE, "points for qty %lld overflow", (long long)t->qty);
	}
	if (t->kind == JF_REDEEM || t->kind == JF_RESTOCK) {
		r->item = jf_book_good(b, t->code);
		if (r->item < 0)
			return refuse(d, JF_REFUSED, "unknown item '%s'", t->code);
		const struct jf_good *g = &b->goods[r->item];
		if (t->kind == JF_RESTOCK && !g->stock)
			return refuse(d, JF_REFUSED, "stock of '%s' is not tracked (no 'stock: true' in catalogue.yaml)",
				      g->code);
		if (t->kind == JF_REDEEM) {
			if (!jf_points_mul(g->points, t->qty, &r->points))
				return refuse(d, JF_USAGE, "points for qty %lld overflow", (long long)t->qty);
			r->points = -r->points;
		}
	}
	if (t->kind == JF_ADJUST)
		r->points = t->points;
	r->qty = t->qty;
	return JF_OK;
}

/* Limit and balance/stock checks with the ledger read. */
static enum jf_status postcheck(const struct jf_book *b, const struct jf_txn *t,
				struct jf_txn_result *r, struct check *c,
				const struct jf_scan *s, struct jf_diags *d)
{
	char p1[JF_POINTS_BUFSZ], p2[JF_POINTS_BUFSZ];
	jf_points bal = 0;

	if (t->kind == JF_VOID) {
		const struct jf_effect *tg = jf_scan_find(s, jf_id_key(t->ref, strlen(t->ref)));
		if (!tg)
			return refuse(d, JF_REFUSED, "no entry with id '%s'", t->ref);
		if (tg->kind == JF_VOID)
			return refuse(d, JF_REFUSED, "'%s' is a void; a void cannot be voided", t->ref);
		if (tg->flags & JF_EFFECT_VOIDED)
			return refuse(d, JF_REFUSED, "entry '%s' is already voided", t->ref);
		if (r->date < tg->date) {
			char d1[JF_DATE_BUFSZ], d2[JF_DATE_BUFSZ];
			return refuse(d, JF_REFUSED, "a void cannot be dated %s, before the entry it undoes (%s)",
				      jf_date_format(r->date, d1), jf_date_format(tg->date, d2));
		}
		r->ref = t->ref;
		r->ref_kind = (enum jf_kind)tg->kind;
		r->household = tg->household;
		r->village = tg->village;
		r->points = jf_points_neg(tg->points);
		if (tg->kind == JF_EARN)
			r->activity = tg->what;
		else if (tg->kind != JF_ADJUST)
			r->item = tg->what;
		if (tg->kind == JF_REDEEM)
			r->qty = tg->qty;
		else if (tg->kind == JF_RESTOCK)
			r->qty = -(int64_t)tg->qty;
	}
	if (r->household >= 0 && !jf_account_balance(&c->acc.acct[r->household], &bal))
		return refuse(d, JF_INVALID, "the balance of '%s' overflows", b->households[r->household].id);
	if (t->kind == JF_EARN) {
		const struct jf_activity *a = &b->activities[r->activity];
		static const char *const per[] = { "day", "week", "month", "year" };
		if (a->limit && c->lim_count + t->qty > a->limit)
			return refuse(d, JF_REFUSED,
				      "limit reached: '%s' is at most %lld per %s, and %s has %lld in that %s",
				      a->code, (long long)a->limit, per[a->limit_per], t->household,
				      (long long)c->lim_count, per[a->limit_per]);
	}
	if (t->kind == JF_REDEEM && bal < -r->points)
		return refuse(d, JF_REFUSED, "balance short: %s has %s, %lld x %s costs %s",
			      t->household, jf_points_format(bal, p1), (long long)t->qty,
			      t->code, jf_points_format(-r->points, p2));
	if (r->item >= 0 && b->goods[r->item].stock && r->village >= 0) {
		int64_t have = jf_accts_stock(&c->acc, r->village, r->item);
		/* a void's r->qty is already the stock it gives back or takes */
		int64_t delta = t->kind == JF_REDEEM ? -t->qty : t->kind == JF_RESTOCK ? t->qty
			      : r->qty;
		if (t->kind == JF_REDEEM && have < t->qty)
			return refuse(d, JF_REFUSED, "stock short: the %s shop has %lld of '%s', %lld asked",
				      b->villages[r->village].code, (long long)have, t->code,
				      (long long)t->qty);
		if (t->kind == JF_RESTOCK && have + t->qty < 0)
			return refuse(d, JF_REFUSED, "cannot write off %lld of '%s': the %s shop has %lld",
				      (long long)-t->qty, t->code, b->villages[r->village].code,
				      (long long)have);
		if (t->kind == JF_VOID && have + delta < 0)
			return refuse(d, JF_REFUSED, "cannot void the restock '%s': the %s shop has only %lld of '%s' left; "
				      "write off what is wrong instead (jf-restock %s %s -QTY)",
				      t->ref, b->villages[r->village].code, (long long)have,
				      b->goods[r->item].code, b->villages[r->village].code, b->goods[r->item].code);
		r->has_stock = true;
		r->stock = have + delta;
	}
	if (!jf_points_tally(&c->acc.tally, r->points))
		return refuse(d, JF_REFUSED, "%s with this entry", JF_POINTS_TALLY_MSG);
	if (r->household >= 0 && !jf_points_add(bal, r->points, &r->balance))
		return refuse(d, JF_REFUSED, "the balance of '%s' would overflow", b->households[r->household].id);
	return JF_OK;
}

static void field(struct jf_buf *o, const char *k, const char *v)
{
	jf_buf_addf(o, "  %s: ", k);
	jf_yaml_scalar(o, v);
	jf_buf_addc(o, '\n');
}

/* The entry's bytes: "- id: ..." with `by` last, so that a write cut at a
 * line boundary always lacks a required field and is seen as cut short. */
static void build(const struct jf_book *b, const struct jf_txn *t, struct jf_txn_result *r,
		  const char *at)
{
	struct jf_buf *o = &r->text;
	char db[JF_DATE_BUFSZ], pb[JF_POINTS_BUFSZ];
	jf_buf_addf(o, "- id: %s\n", r->id);
	field(o, "date", jf_date_format(r->date, db));
	field(o, "at", at);
	field(o, "kind", jf_kind_name(t->kind));
	if (t->kind == JF_RESTOCK)
		field(o, "village", b->villages[r->village].code);
	if (t->kind != JF_RESTOCK && t->kind != JF_VOID)
		field(o, "household", b->households[r->household].id);
	if (t->kind == JF_EARN)
		field(o, "activity", b->activities[r->activity].code);
	if (t->kind == JF_REDEEM || t->kind == JF_RESTOCK)
		field(o, "item", b->goods[r->item].code);
	if (t->kind == JF_EARN || t->kind == JF_REDEEM || t->kind == JF_RESTOCK)
		jf_buf_addf(o, "  qty: %lld\n", (long long)t->qty);
	if (t->kind == JF_EARN || t->kind == JF_REDEEM || t->kind == JF_ADJUST)
		field(o, "points", jf_points_format(r->points, pb));
	if (t->kind == JF_VOID)
		field(o, "ref", t->ref);
	if (t->reason)
		field(o, "reason", t->reason);
	if (t->note && *t->note)
		field(o, "note", t->note);
	field(o, "by", t->by);
}

/* Append the entry, then extend the file's reader cache by it. */
static enum jf_status append_entry(const struct jf_book *b, const struct jf_txn *t,
				   const struct jf_txn_result *r, const struct jf_scan *scan,
				   struct jf_idkey key, struct jf_diags *d)
{
	struct jf_buf p = JF_BUF_INIT;
	struct stat before;
	jf_buf_addf(&p, "%s/%s", b->root, r->file.s);
	bool existed = stat(p.s, &before) == 0;
	jf_buf_release(&p);
	enum jf_status st = jf_append(b->root, r->file.s, r->text.s, r->text.len, d);
	if (st != JF_OK || t->no_cache)
		return st;
	const struct jf_effect *target = NULL;
	struct jf_effect rec = {
		.key = key, .date = r->date, .household = r->household,
		.village = (uint16_t)(r->village < 0 ? 0 : r->village), .kind = (uint8_t)t->kind,
	};
	switch (t->kind) {
	case JF_EARN:
		rec.what = (uint16_t)r->activity;
		rec.points = r->points;
		rec.qty = (int32_t)t->qty;
		break;
	case JF_REDEEM:
		rec.what = (uint16_t)r->item;
		rec.points = r->points;
		rec.qty = (int32_t)t->qty;
		break;
	case JF_ADJUST:
		rec.points = r->points;
		break;
	case JF_RESTOCK:
		rec.what = (uint16_t)r->item;
		rec.qty = (int32_t)t->qty;
		rec.household = -1;
		break;
	case JF_VOID:
		target = jf_scan_find(scan, jf_id_key(t->ref, strlen(t->ref)));
		if (target)
			rec.what = target->what;
		break;
	default:
		break;
	}
	(void)jf_failpoint("after-append");
	jf_cache_extend(b, r->file.s, existed, &before, r->text.s, r->text.len, &rec, target);
	return JF_OK;
}

enum jf_status jf_txn_commit(const struct jf_book *b, const struct jf_txn *t,
			     struct jf_txn_result *r, struct jf_diags *d)
{
	struct jf_lock lock = { -1 };
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
	r->kind = t->kind;
	r->dry_run = t->dry_run;
	if (jf_now(&now, &why) < 0)
		return refuse(d, JF_USAGE, "JF_NOW: %s", why);
	if (jf_date_in_tz(now, b->timezone, &today) < 0 ||
	    jf_time_format_tz(now, b->timezone, at, sizeof at) < 0)
		return refuse(d, JF_SYSTEM, "cannot use time zone '%s'", b->timezone);
	r->date = t->date == JF_DATE_NONE ? today : t->date;
	if ((st = precheck(b, t, r, today, d)) != JF_OK)
		return st;

	if ((st = jf_lock_take(&lock, b->root, t->wait_ms, d)) != JF_OK)
		return st;
	(void)jf_failpoint("after-lock");
	memset(&c, 0, sizeof c);
	c.b = b;
	c.d = d;
	c.household = r->household;
	c.activity = t->kind == JF_EARN ? r->activity : -1;
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
	scan.watch[scan.nwatch++] = idkey;
	if (t->kind == JF_VOID)
		scan.watch[scan.nwatch++] = jf_id_key(t->ref, strlen(t->ref));
	if (st == JF_OK)
		st = jf_ledger_scan(&scan, b, on_entry, &c, d);
	(void)jf_failpoint("after-scan");
	if (st == JF_INVALID)
		jf_error(d, "the book is invalid; nothing was recorded (see 'jf-check')");
	if (st == JF_OK && jf_scan_find(&scan, idkey))
		st = refuse(d, JF_SYSTEM, "the new id '%s' is taken (a clock or random source fault?); nothing was recorded",
			    r->id);
	if (st == JF_OK)
		st = postcheck(b, t, r, &c, &scan, d);
	if (st == JF_OK) {
		build(b, t, r, at);
		jf_book_ledger_path(b, r->village, r->date, &r->file);
		if (!t->dry_run)
			st = append_entry(b, t, r, &scan, idkey, d);
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
	if (r->kind == JF_VOID)
		jf_buf_addf(o, " %s (%s)", r->ref, jf_kind_name(r->ref_kind));
	if (r->kind == JF_RESTOCK)
		jf_buf_addf(o, " %s", b->villages[r->village].code);
	if (r->household >= 0)
		jf_buf_addf(o, " %s %s", b->households[r->household].id,
			    b->households[r->household].head);
	if (r->kind != JF_VOID) {
		if (r->activity >= 0)
			jf_buf_addf(o, " %s x%lld", b->activities[r->activity].code, (long long)r->qty);
		if (r->item >= 0)
			jf_buf_addf(o, " %s x%lld", b->goods[r->item].code, (long long)r->qty);
	}
	if (r->household >= 0)
		jf_buf_addf(o, " %s, balance %s", jf_points_format_signed(r->points, pb),
			    jf_points_format(r->balance, bb));
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
	if (r->kind == JF_VOID) {
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

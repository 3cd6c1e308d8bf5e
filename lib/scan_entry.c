/* scan_entry.c - reading and validating one entry, through the kind table. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scan.h"

/* Look up a code field; report it when unknown. */
static int code_field(struct scanner *sc, enum jf_field f, const char *what,
		      int (*lookup)(const struct jf_book *, const char *))
{
	const char *v = scan_fs(sc, f);
	if (!v)
		return -1;
	int i = lookup(sc->b, v);
	if (i < 0)
		FERR(sc, f, "unknown %s '%s'", what, v);
	return i;
}

/* Warnings of jf-check about an entry that is otherwise valid. */
static void entry_warnings(struct scanner *sc, struct kcheck *k, const struct jf_entry *e)
{
	char d1[JF_DATE_BUFSZ];
	const struct jf_kind_ops *o = jf_kind(e->kind);
	if (o->warn)
		o->warn(&k->kc, e);
	if (e->household >= 0 && !(o->flags & JF_KF_CLOSED_OK)) {
		const struct jf_household *h = &sc->b->households[e->household];
		if (!jf_date_within(e->date, h->since, h->until))
			FWARN(sc, JF_F_DATE, "household '%s' has no open account on %s", h->id,
			      jf_date_format(e->date, d1));
	}
	if (e->at && strncmp(scan_fs(sc, JF_F_DATE), e->at, 10) > 0)
		FWARN(sc, JF_F_DATE, "date is after the time it was recorded (%s)", e->at);
}

/* Parse field f of the kind's own (codes, qty, points) into e; false if bad. */
static bool parse_field(struct scanner *sc, enum jf_field f, const struct jf_kind_ops *o,
			struct jf_entry *e)
{
	const char *v = scan_fs(sc, f), *why;
	int i;
	if (f == JF_F_TO)
		return (e->to = code_field(sc, f, "household", jf_book_household)) >= 0;
	if (f == JF_F_UNTIL) {
		if (jf_date_parse(v, &e->until, &why) < 0) {
			FERR(sc, f, "bad until '%s': %s", v, why);
			return false;
		}
		return true;
	}
	/* the codes of the book, by the field's type: how they are named,
	 * looked up, and where the entry keeps the index */
	static const struct {
		const char *what;
		int (*lookup)(const struct jf_book *, const char *);
		size_t off;
	} codes[] = {
		[JF_FT_HOUSEHOLD] = { "household", jf_book_household, offsetof(struct jf_entry, household) },
		[JF_FT_ACTIVITY] = { "activity", jf_book_activity, offsetof(struct jf_entry, activity) },
		[JF_FT_ITEM] = { "item", jf_book_good, offsetof(struct jf_entry, item) },
		[JF_FT_VILLAGE] = { "village", jf_book_village, offsetof(struct jf_entry, village) },
	};
	enum jf_ftype ty = jf_fields[f].type;
	if ((size_t)ty < sizeof codes / sizeof *codes && codes[ty].what) {
		i = code_field(sc, f, codes[ty].what, codes[ty].lookup);
		*(int *)((char *)e + codes[ty].off) = i;
		return i >= 0;
	}
	switch (ty) {
	case JF_FT_QTY:
		if (jf_int_parse(v, o->qty_min ? o->qty_min : 1, JF_ENTRY_QTY_MAX, &e->qty, &why) < 0) {
			FERR(sc, f, "bad qty '%s': %s", v, why);
			return false;
		}
		if (e->qty == 0) {
			FERR(sc, f, "qty must not be 0");
			return false;
		}
		return true;
	case JF_FT_COUNT: {
		int64_t n;
		int64_t max = f == JF_F_APPROVALS ? JF_REVIEWERS_MAX : JF_NOTICE_DAYS_MAX;
		if (jf_int_parse(v, f == JF_F_APPROVALS ? 1 : 0, max, &n, &why) < 0) {
			FERR(sc, f, "bad %s '%s': %s (%d to %lld)", jf_fields[f].name, v, why,
			     f == JF_F_APPROVALS, (long long)max);
			return false;
		}
		*(f == JF_F_APPROVALS ? &e->need : &e->notice) = (int)n;
		return true;
	}
	case JF_FT_POINTS:
		if (jf_points_parse(v, &e->points, &why) < 0) {
			FERR(sc, f, "bad points '%s': %s", v, why);
			return false;
		}
		return true;
	default:
		return true;
	}
}

/* The lowest field of the JF_FB() bits m; m must not be 0. */
static int low_field(uint32_t m)
{
	return __builtin_ctz(m);
}

/* Validate the entry in sc->f and deliver it; set has the JF_FB() bits of
 * the fields read (those whose f[].set is true). */
static enum jf_status finish_entry(struct scanner *sc, uint32_t set)
{
	struct jf_entry e = {
		.file = sc->file, .fid = sc->fid, .line = sc->item_line, .col = sc->item_col,
		.household = -1, .activity = -1, .item = -1, .village = -1,
		.to = -1, .until = JF_DATE_NONE,
	};
	const char *why;
	int kind = -1;

	uint32_t empty = 0;
	/* the fields are visited in the order of their bits, as problems are said */
	for (uint32_t m = set & ~JF_FB(JF_F_NOTE); m; m &= m - 1) {
		int i = low_field(m);
		if (!sc->f[i].v.s[0]) {
			FERR(sc, i, "'%s' is empty", jf_fields[i].name);
			sc->f[i].set = false;
			sc->f[i].empty = true;
			empty |= JF_FB(i);
		}
	}
	set &= ~empty;
	static const enum jf_field base[] = { JF_F_ID, JF_F_DATE, JF_F_KIND, JF_F_BY };
	for (size_t i = 0; i < sizeof base / sizeof *base; i++)
		if (!((set | empty) & JF_FB(base[i]))) {
			scan_problem(sc, sc->item_line, sc->item_col, JF_SEV_ERROR,
				"entry has no '%s'", jf_fields[base[i]].name);
			sc->item_incomplete = true;
		}
	if ((e.id = scan_fs(sc, JF_F_ID)) && !jf_id_valid_n(e.id, sc->f[JF_F_ID].v.len))
		FERR(sc, JF_F_ID, "bad id '%s' (1-64 of A-Z a-z 0-9 - _)", e.id);
	if (sc->f[JF_F_DATE].set && jf_date_parse(scan_fs(sc, JF_F_DATE), &e.date, &why) < 0)
		FERR(sc, JF_F_DATE, "bad date '%s': %s", scan_fs(sc, JF_F_DATE), why);
	if ((e.at = scan_fs(sc, JF_F_AT)) && jf_timestamp_check(e.at, &why) < 0)
		FERR(sc, JF_F_AT, "bad time '%s': %s", e.at, why);
	e.by = scan_fs(sc, JF_F_BY);
	e.note = scan_fs(sc, JF_F_NOTE);
	e.reason = scan_fs(sc, JF_F_REASON);
	e.ref = scan_fs(sc, JF_F_REF);
	e.reviewer = scan_fs(sc, JF_F_REVIEWER);
	e.present = set | empty;
	if (sc->f[JF_F_KIND].set && (kind = jf_kind_parse(scan_fs(sc, JF_F_KIND))) < 0)
		FERR(sc, JF_F_KIND, "unknown kind '%s' (%s)", scan_fs(sc, JF_F_KIND), jf_kind_names());
	if (kind < 0)
		return JF_OK;
	e.kind = (enum jf_kind)kind;
	const struct jf_kind_ops *o = jf_kind(e.kind);

	uint32_t allowed = JF_FIELDS_COMMON | o->required | o->optional, ok = 0;
	for (uint32_t m = (set & ~allowed) | (o->required & ~(set | empty)); m; m &= m - 1) {
		int i = low_field(m);
		if (set & JF_FB(i))
			FERR(sc, i, "'%s' does not belong in an entry of kind %s", jf_fields[i].name, o->name);
		else {
			scan_problem(sc, sc->item_line, sc->item_col, JF_SEV_ERROR,
				"%s entry has no '%s'", o->name, jf_fields[i].name);
			sc->item_incomplete = true;
		}
	}
	static const enum jf_field own[] = {
		JF_F_HOUSEHOLD, JF_F_ACTIVITY, JF_F_ITEM, JF_F_VILLAGE, JF_F_QTY, JF_F_POINTS,
		JF_F_APPROVALS, JF_F_NOTICE_DAYS, JF_F_TO, JF_F_UNTIL,
	};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++) {
		enum jf_field f = own[i];
		/* codes are looked up wherever they stand, to name them */
		bool code = jf_fields[f].type != JF_FT_QTY && jf_fields[f].type != JF_FT_POINTS &&
			    jf_fields[f].type != JF_FT_COUNT && f != JF_F_UNTIL;
		if ((set & JF_FB(f)) && (code || (allowed & JF_FB(f))) && parse_field(sc, f, o, &e))
			ok |= JF_FB(f);
		if (f == JF_F_VILLAGE && e.household >= 0)
			e.village = sc->b->households[e.household].village;
	}
	if (e.ref && !jf_id_valid(e.ref))
		FERR(sc, JF_F_REF, "bad ref '%s'", e.ref);
	else if (e.ref)
		ok |= JF_FB(JF_F_REF);
	struct kcheck k;
	scan_kcheck_init(&k, sc);
	if (o->check)
		o->check(&k.kc, &e, ok);
	if (sc->item.errors) /* this item's problems so far, keys included */
		return JF_OK;
	if (sc->s->warnings || sc->settings)
		entry_warnings(sc, &k, &e);

	struct jf_effect rec = {
		.key = sc->idkey, .date = e.date,
		.points = e.points, .household = e.household, .qty = (int32_t)e.qty,
		.what = (uint16_t)(e.activity >= 0 ? e.activity : e.item < 0 ? 0 : e.item),
		.village = (uint16_t)(e.village < 0 ? 0 : e.village), .kind = (uint8_t)kind,
		.need = (uint8_t)e.need, .notice = (uint16_t)e.notice, .counts = JF_DATE_NONE,
		/* who decided (approve, reject) or who recorded (a reviewed earn) */
		.who = (int8_t)jf_book_reviewer(sc->b, jf_kind_has(e.kind, JF_F_REVIEWER) ?
					       (e.reviewer ? e.reviewer : "") : e.by),
	};
	if (o->record)
		o->record(&k.kc, &e, &rec);
	/* a transfer's receiver and an expiry's last day stand in qty */
	if (o->required & JF_FB(JF_F_TO))
		rec.qty = e.to;
	else if (o->required & JF_FB(JF_F_UNTIL))
		rec.qty = e.until;
	int dup;
	struct jf_effect *self = jf_index_add(&sc->s->index, &rec, &dup);
	if (dup) {
		FERR(sc, JF_F_ID, "duplicate id '%s'", e.id);
		return JF_OK;
	}
	scan_note_pos(sc, e.line, e.col);
	e.self = self;
	if (set & JF_FB(JF_F_WISH))
		scan_note_named(sc, self, scan_fs(sc, JF_F_WISH), sc->f[JF_F_WISH].line,
				sc->f[JF_F_WISH].col);
	enum jf_status st = JF_OK;
	if (o->flags & JF_KF_FOLLOW) {
		struct jf_fu fu;
		jf_fu_init(&fu, e.id, e.date, e.at, e.kind, self->who);
		fu.target = fu.ref = jf_id_key(e.ref, strlen(e.ref));
		struct jf_effect *t = jf_index_find(&sc->s->index, fu.target);
		scan_file_void(sc, sc->s->index.n - 1 - sc->file_first, &fu, e.ref,
			       sc->f[JF_F_REF].line, sc->f[JF_F_REF].col);
		if (!t) {
			scan_hold_void(sc, &e, self, &fu, true);
			/* a follow-up read earlier may name this one: it is refused now */
			return sc->npend ? scan_release_pending(sc, rec.key, self) : JF_OK;
		}
		st = scan_resolve_follow(sc, &e, t, sc->f[JF_F_REF].line, sc->f[JF_F_REF].col,
					 &fu, true, NULL);
	} else if (jf_effect_stateful(self)) {
		scan_defer_target(sc, &e, self, true);
	} else {
		st = scan_deliver(sc, &e);
	}
	if (st == JF_OK && sc->npend)
		st = scan_release_pending(sc, rec.key, self);
	return st;
}

/* memcpy(d, s, n) for the short values most fields hold: two loads that
 * may overlap, no byte outside s[0..n) read or d[0..n) written. */
static void copy_short(char *d, const char *s, size_t n)
{
	if (n > 16) {
		memcpy(d, s, n);
	} else if (n >= 8) {
		uint64_t a, b;
		memcpy(&a, s, 8), memcpy(&b, s + n - 8, 8);
		memcpy(d, &a, 8), memcpy(d + n - 8, &b, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4), memcpy(&b, s + n - 4, 4);
		memcpy(d, &a, 4), memcpy(d + n - 4, &b, 4);
	} else if (n) {
		d[0] = s[0], d[n / 2] = s[n / 2], d[n - 1] = s[n - 1];
	}
}

/* Read one entry mapping (its MAP_START was just read). Returns -1 on a YAML
 * error, 0 otherwise; *st gets a callback's status. */
int scan_read_entry(struct scanner *sc, struct jf_yread *r, enum jf_status *st)
{
	struct jf_yev ev;
	uint32_t set = 0;
	/* only the fields the last entry set can be set or empty */
	for (uint32_t m = sc->fdirty; m; m &= m - 1) {
		struct fval *f = &sc->f[__builtin_ctz(m)];
		f->set = f->empty = false;
	}
	sc->fdirty = 0;
	for (;;) {
		if (jf_yread_next(r, &ev) <= 0)
			return -1;
		if (ev.type == JF_YEV_MAP_END)
			break;
		if (ev.type != JF_YEV_SCALAR) {
			scan_problem(sc, ev.line, ev.col, JF_SEV_ERROR, "a key must be plain text");
			if (jf_yread_skip(r) < 0)
				return -1;
			if (jf_yread_next(r, &ev) <= 0)
				return -1;
			if ((ev.type == JF_YEV_SEQ_START || ev.type == JF_YEV_MAP_START) &&
			    jf_yread_skip(r) < 0)
				return -1;
			continue;
		}
		int fi = jf_field_lookup(ev.value, ev.len);
		unsigned long kl = ev.line, kc = ev.col;
		bool known = fi >= 0, ext = !known && !strncmp(ev.value, "x-", 2);
		if (!known && !ext)
			scan_problem(sc, kl, kc, JF_SEV_ERROR, "unknown key '%s'", ev.value);
		else if (known && (set & JF_FB(fi)))
			scan_problem(sc, kl, kc, JF_SEV_ERROR, "duplicate key '%s'", ev.value);
		if (jf_yread_next(r, &ev) <= 0)
			return -1;
		if (ev.type == JF_YEV_SEQ_START || ev.type == JF_YEV_MAP_START) {
			scan_problem(sc, ev.line, ev.col, JF_SEV_ERROR,
				"nesting inside an entry is not allowed: values are plain text");
			if (jf_yread_skip(r) < 0)
				return -1;
			continue;
		}
		if (!known || (set & JF_FB(fi)))
			continue;
		struct fval *f = &sc->f[fi];
		if (ev.len < f->v.cap) {
			/* the common case: the field's buffer holds it (buf.h's
			 * invariants kept: NUL-terminated, len its length) */
			copy_short(f->v.s, ev.value, ev.len);
			f->v.s[ev.len] = '\0';
			f->v.len = ev.len;
		} else {
			jf_buf_reset(&f->v);
			jf_buf_add(&f->v, ev.value, ev.len);
		}
		f->set = true;
		set |= JF_FB(fi);
		sc->fdirty = set;
		if (fi == JF_F_ID) {
			sc->idkey = jf_id_key(f->v.s, f->v.len);
			jf_index_prefetch(&sc->s->index, sc->idkey);
		}
		f->line = ev.line;
		f->col = ev.col;
	}
	*st = finish_entry(sc, set);
	return 0;
}

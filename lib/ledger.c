/* ledger.c - the strict streaming reader of ledger files. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "cache.h"
#include "ledger.h"
#include "lock.h"

const struct jf_ylimits jf_ledger_limits = {
	.max_bytes = JF_LEDGER_MAX_BYTES,
	.max_scalar = JF_LEDGER_MAX_SCALAR,
	.max_depth = 3, /* the list, an entry, and one level to name nesting */
	.allow_cr = false,
	.max_line = JF_LEDGER_MAX_SCALAR + 1024,
};

struct fval {
	struct jf_buf v;
	bool set;
	bool empty;                  /* present with an empty value */
	unsigned long line, col;
};

/* A ledger file whose cache is written when the scan ends well. */
struct save {
	char *rel;
	struct jf_fcache fc;         /* identity, lines, hash, voids */
	size_t first;                /* its records in the index */
};

/* A void read before the entry it undoes (texts are NULL for one replayed
 * from the cache). */
struct pending {
	struct jf_idkey ref_key;
	char *id, *ref, *at, *by, *note, *reason, *file;
	unsigned long line, col;         /* the entry */
	unsigned long ref_line, ref_col; /* its ref, where problems are shown */
	jf_date date;
	enum jf_kind kind;
	struct jf_effect *self;
	bool done;
};

struct scanner {
	struct jf_scan *s;
	const struct jf_book *b;
	jf_entry_fn fn;
	void *ctx;
	struct jf_diags *d;
	enum jf_status st;           /* worst so far */
	struct fval f[JF_NFIELDS];
	struct pending *pend;
	size_t npend, cappend;
	uint32_t *pslots;            /* ref key -> pending index + 1 */
	size_t pcap;
	/* the cache */
	uint64_t settings;           /* jf_cache_settings_hash, 0: no cache */
	struct save *saves;          /* files whose cache is to be written */
	size_t nsaves;
	struct jf_cache_void *fv;    /* the current file's voids */
	size_t nfv, capfv;
	size_t file_first;           /* its first record in the index */
	/* per file */
	const char *file;
	struct jf_diags item;        /* the current item's problems */
	bool item_incomplete;        /* it lacks a field or is not a mapping */
	unsigned long item_line, item_col;
	unsigned long cut_line;      /* no final newline: items from here are cut */
};

static void problem(struct scanner *sc, unsigned long line, unsigned long col,
		    enum jf_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void problem(struct scanner *sc, unsigned long line, unsigned long col,
		    enum jf_severity sev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_diag_vadd(&sc->item, sev, sc->file, line, col, fmt, ap);
	va_end(ap);
}

#define FERR(sc, fi, ...) problem(sc, (sc)->f[fi].line, (sc)->f[fi].col, JF_SEV_ERROR, __VA_ARGS__)
#define FWARN(sc, fi, ...) problem(sc, (sc)->f[fi].line, (sc)->f[fi].col, JF_SEV_WARNING, __VA_ARGS__)

/* Move the current item's problems into the caller's diagnostics. */
static void flush_item(struct scanner *sc)
{
	for (size_t i = 0; i < sc->item.n; i++) {
		struct jf_diag *g = &sc->item.v[i];
		jf_diag_add(sc->d, g->sev, g->file, g->line, g->col, "%s", g->msg);
	}
	if (sc->item.errors)
		sc->st = jf_status_worst(sc->st, JF_INVALID);
	jf_diags_release(&sc->item);
	sc->item_incomplete = false;
}

static enum jf_status deliver(struct scanner *sc, const struct jf_entry *e)
{
	sc->s->entries++;
	if (!sc->fn)
		return JF_OK;
	return sc->fn(sc->ctx, e);
}

/* How problems name a void's target: replayed voids have no text. */
#define REFNAME(e) ((e)->ref ? (e)->ref : "(a cached entry's target)")

/* Where a kind's problems about the current entry go: its fields' places,
 * or, for a follow-up meeting its target, the place of its ref. */
struct kcheck {
	struct jf_kcheck kc;
	struct scanner *sc;
	bool at_ref;
	unsigned long rline, rcol;
};

static void kproblem(struct jf_kcheck *kc, enum jf_field f, enum jf_severity sev,
		     const char *fmt, va_list ap)
{
	struct kcheck *k = (struct kcheck *)kc;
	struct scanner *sc = k->sc;
	unsigned long line = k->at_ref ? k->rline : sc->f[f].line;
	unsigned long col = k->at_ref ? k->rcol : sc->f[f].col;
	jf_diag_vadd(&sc->item, sev, sc->file, line, col, fmt, ap);
}

static void kcheck_init(struct kcheck *k, struct scanner *sc)
{
	memset(k, 0, sizeof *k);
	k->kc.b = sc->b;
	k->kc.warnings = sc->s->warnings;
	k->kc.problem = kproblem;
	k->sc = sc;
}

/* A follow-up meets its target: its kind checks it, then it is delivered
 * naming the target's household and shop.  Problems go to the current
 * item (pos is the follow-up's ref). */
static enum jf_status resolve_follow(struct scanner *sc, struct jf_entry *e,
				     struct jf_effect *target, unsigned long rline,
				     unsigned long rcol)
{
	struct kcheck k;
	struct jf_effect *self = (struct jf_effect *)e->self;
	kcheck_init(&k, sc);
	k.at_ref = true;
	k.rline = rline;
	k.rcol = rcol;
	if (!jf_kind(e->kind)->follow(&k.kc, e, self, target))
		return JF_OK;
	e->target = target;
	e->household = self->household;
	e->village = self->village;
	return deliver(sc, e);
}

static size_t pslot(const struct scanner *sc, struct jf_idkey k)
{
	size_t i = (k.w[0] ^ ((size_t)k.w[2] << 7)) & (sc->pcap - 1);
	while (sc->pslots[i] && !jf_idkey_eq(sc->pend[sc->pslots[i] - 1].ref_key, k))
		i = (i + 1) & (sc->pcap - 1);
	return i;
}

/* The pending void that waits for the entry with key k, or -1. */
static long pend_find(const struct scanner *sc, struct jf_idkey k)
{
	if (!sc->pcap)
		return -1;
	uint32_t v = sc->pslots[pslot(sc, k)];
	return v ? (long)v - 1 : -1;
}

static void pend_put(struct scanner *sc, size_t idx)
{
	if ((sc->npend + 1) * 2 > sc->pcap) {
		free(sc->pslots);
		sc->pcap = sc->pcap ? sc->pcap * 2 : 64;
		sc->pslots = jf_calloc(sc->pcap, sizeof *sc->pslots);
		for (size_t i = 0; i < sc->npend; i++)
			sc->pslots[pslot(sc, sc->pend[i].ref_key)] = (uint32_t)i + 1;
	}
	sc->pslots[pslot(sc, sc->pend[idx].ref_key)] = (uint32_t)idx + 1;
}

/* Deliver the void that was waiting for the entry with this key. */
static enum jf_status release_pending(struct scanner *sc, struct jf_idkey key,
				      struct jf_effect *target)
{
	long k = pend_find(sc, key);
	if (k < 0)
		return JF_OK;
	struct pending *p = &sc->pend[k];
	if (p->done)
		return JF_OK;
	p->done = true;
	struct jf_entry e = {
		.file = p->file, .line = p->line, .col = p->col, .id = p->id,
		.at = p->at, .by = p->by, .note = p->note, .reason = p->reason,
		.ref = p->ref, .date = p->date, .kind = p->kind, .household = -1,
		.activity = -1, .item = -1, .village = -1, .self = p->self,
	};
	const char *file = sc->file;
	sc->file = p->file;
	enum jf_status st = resolve_follow(sc, &e, target, p->ref_line, p->ref_col);
	sc->file = file;
	return st;
}

static char *dupf(const struct fval *f)
{
	return f && f->set ? jf_strdup(f->v.s) : NULL;
}

static char *dups(const char *s)
{
	return s ? jf_strdup(s) : NULL;
}

/* Hold void e (its record self, the key of its target) until the target is
 * read.  parsed: its texts and positions are in sc->f. */
static void hold_void(struct scanner *sc, const struct jf_entry *e, struct jf_effect *self,
		      struct jf_idkey key, bool parsed)
{
	long old = pend_find(sc, key);
	if (old >= 0) {
		problem(sc, parsed ? sc->f[JF_F_REF].line : 0, parsed ? sc->f[JF_F_REF].col : 0,
			JF_SEV_ERROR, "entry '%s' is voided twice (also at %s:%lu)", REFNAME(e),
			sc->pend[old].file, sc->pend[old].ref_line);
		return;
	}
	if (sc->npend == sc->cappend) {
		sc->cappend = sc->cappend ? sc->cappend * 2 : 16;
		sc->pend = jf_reallocarray(sc->pend, sc->cappend, sizeof *sc->pend);
	}
	struct pending *p = &sc->pend[sc->npend];
	memset(p, 0, sizeof *p);
	p->ref_key = key;
	p->id = dups(e->id);
	p->ref = dups(e->ref);
	p->at = dupf(parsed ? &sc->f[JF_F_AT] : NULL);
	p->by = dupf(parsed ? &sc->f[JF_F_BY] : NULL);
	p->note = dupf(parsed ? &sc->f[JF_F_NOTE] : NULL);
	p->reason = dupf(parsed ? &sc->f[JF_F_REASON] : NULL);
	p->file = jf_strdup(sc->file);
	p->line = e->line;
	p->col = e->col;
	p->ref_line = parsed ? sc->f[JF_F_REF].line : 0;
	p->ref_col = parsed ? sc->f[JF_F_REF].col : 0;
	p->date = e->date;
	p->kind = e->kind;
	p->self = self;
	pend_put(sc, sc->npend++);
}

/* The entry a cached record stands for: no texts, no position. */
static void replayed_entry(const struct scanner *sc, const struct jf_effect *r,
			   struct jf_entry *e)
{
	enum jf_kind k = (enum jf_kind)r->kind;
	memset(e, 0, sizeof *e);
	e->file = sc->file;
	e->date = r->date;
	e->kind = k;
	e->household = r->household;
	e->activity = jf_kind_has(k, JF_F_ACTIVITY) ? r->what : -1;
	e->item = jf_kind_has(k, JF_F_ITEM) ? r->what : -1;
	e->village = r->village;
	e->qty = r->qty;
	e->points = r->points;
	e->self = r;
	if (jf_kind(k)->flags & JF_KF_FOLLOW)
		e->household = e->village = -1;
}

/* Note void number rec of the current file (counted within the file) for
 * its cache. */
static void file_void(struct scanner *sc, size_t rec, struct jf_idkey target)
{
	if (!sc->settings)
		return;
	if (sc->nfv == sc->capfv) {
		sc->capfv = sc->capfv ? sc->capfv * 2 : 16;
		sc->fv = jf_reallocarray(sc->fv, sc->capfv, sizeof *sc->fv);
	}
	memset(&sc->fv[sc->nfv], 0, sizeof sc->fv[sc->nfv]);
	sc->fv[sc->nfv].rec = (uint32_t)rec;
	sc->fv[sc->nfv].target.key = target; /* the rest when saved */
	sc->nfv++;
}

static const char *fs(const struct scanner *sc, enum jf_field f)
{
	return sc->f[f].set ? sc->f[f].v.s : NULL;
}

/* Look up a code field; report it when unknown. */
static int code_field(struct scanner *sc, enum jf_field f, const char *what,
		      int (*lookup)(const struct jf_book *, const char *))
{
	const char *v = fs(sc, f);
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
	if (e->household >= 0) {
		const struct jf_household *h = &sc->b->households[e->household];
		if (!jf_date_within(e->date, h->since, h->until))
			FWARN(sc, JF_F_DATE, "household '%s' has no open account on %s", h->id,
			      jf_date_format(e->date, d1));
	}
	if (e->at && strncmp(fs(sc, JF_F_DATE), e->at, 10) > 0)
		FWARN(sc, JF_F_DATE, "date is after the time it was recorded (%s)", e->at);
}

/* Parse field f of the kind's own (codes, qty, points) into e; false if bad. */
static bool parse_field(struct scanner *sc, enum jf_field f, const struct jf_kind_ops *o,
			struct jf_entry *e)
{
	const char *v = fs(sc, f), *why;
	int i;
	switch (jf_fields[f].type) {
	case JF_FT_HOUSEHOLD:
		i = e->household = code_field(sc, f, "household", jf_book_household);
		break;
	case JF_FT_ACTIVITY:
		i = e->activity = code_field(sc, f, "activity", jf_book_activity);
		break;
	case JF_FT_ITEM:
		i = e->item = code_field(sc, f, "item", jf_book_good);
		break;
	case JF_FT_VILLAGE:
		i = e->village = code_field(sc, f, "village", jf_book_village);
		break;
	case JF_FT_QTY:
		if (jf_int_parse(v, o->qty_min, JF_ENTRY_QTY_MAX, &e->qty, &why) < 0) {
			FERR(sc, f, "bad qty '%s': %s", v, why);
			return false;
		}
		if (e->qty == 0) {
			FERR(sc, f, "qty must not be 0");
			return false;
		}
		return true;
	case JF_FT_POINTS:
		if (jf_points_parse(v, &e->points, &why) < 0) {
			FERR(sc, f, "bad points '%s': %s", v, why);
			return false;
		}
		return true;
	default:
		return true;
	}
	return i >= 0;
}

/* Validate the entry in sc->f and deliver it. */
static enum jf_status finish_entry(struct scanner *sc)
{
	struct jf_entry e = {
		.file = sc->file, .line = sc->item_line, .col = sc->item_col,
		.household = -1, .activity = -1, .item = -1, .village = -1,
	};
	const char *why;
	int kind = -1;

	for (int i = 0; i < JF_NFIELDS; i++)
		if (sc->f[i].set && !sc->f[i].v.s[0] && i != JF_F_NOTE) {
			FERR(sc, i, "'%s' is empty", jf_fields[i].name);
			sc->f[i].set = false;
			sc->f[i].empty = true;
		}
	static const enum jf_field base[] = { JF_F_ID, JF_F_DATE, JF_F_KIND, JF_F_BY };
	for (size_t i = 0; i < sizeof base / sizeof *base; i++)
		if (!sc->f[base[i]].set && !sc->f[base[i]].empty) {
			problem(sc, sc->item_line, sc->item_col, JF_SEV_ERROR,
				"entry has no '%s'", jf_fields[base[i]].name);
			sc->item_incomplete = true;
		}
	if ((e.id = fs(sc, JF_F_ID)) && !jf_id_valid(e.id))
		FERR(sc, JF_F_ID, "bad id '%s' (1-64 of A-Z a-z 0-9 - _)", e.id);
	if (sc->f[JF_F_DATE].set && jf_date_parse(fs(sc, JF_F_DATE), &e.date, &why) < 0)
		FERR(sc, JF_F_DATE, "bad date '%s': %s", fs(sc, JF_F_DATE), why);
	if ((e.at = fs(sc, JF_F_AT)) && jf_timestamp_check(e.at, &why) < 0)
		FERR(sc, JF_F_AT, "bad time '%s': %s", e.at, why);
	e.by = fs(sc, JF_F_BY);
	e.note = fs(sc, JF_F_NOTE);
	e.reason = fs(sc, JF_F_REASON);
	e.ref = fs(sc, JF_F_REF);
	if (sc->f[JF_F_KIND].set && (kind = jf_kind_parse(fs(sc, JF_F_KIND))) < 0)
		FERR(sc, JF_F_KIND, "unknown kind '%s' (%s)", fs(sc, JF_F_KIND), jf_kind_names());
	if (kind < 0)
		return JF_OK;
	e.kind = (enum jf_kind)kind;
	const struct jf_kind_ops *o = jf_kind(e.kind);

	uint32_t allowed = JF_FIELDS_COMMON | o->required | o->optional, ok = 0;
	for (int i = 0; i < JF_NFIELDS; i++) {
		if (sc->f[i].set && !(allowed & JF_FB(i)))
			FERR(sc, i, "'%s' does not belong in a %s entry", jf_fields[i].name, o->name);
		if (!sc->f[i].set && !sc->f[i].empty && (o->required & JF_FB(i))) {
			problem(sc, sc->item_line, sc->item_col, JF_SEV_ERROR,
				"%s entry has no '%s'", o->name, jf_fields[i].name);
			sc->item_incomplete = true;
		}
	}
	static const enum jf_field own[] = {
		JF_F_HOUSEHOLD, JF_F_ACTIVITY, JF_F_ITEM, JF_F_VILLAGE, JF_F_QTY, JF_F_POINTS,
	};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++) {
		enum jf_field f = own[i];
		/* codes are looked up wherever they stand, to name them */
		bool code = jf_fields[f].type != JF_FT_QTY && jf_fields[f].type != JF_FT_POINTS;
		if (sc->f[f].set && (code || (allowed & JF_FB(f))) && parse_field(sc, f, o, &e))
			ok |= JF_FB(f);
		if (f == JF_F_VILLAGE && e.household >= 0)
			e.village = sc->b->households[e.household].village;
	}
	if (e.ref && !jf_id_valid(e.ref))
		FERR(sc, JF_F_REF, "bad ref '%s'", e.ref);
	else if (e.ref)
		ok |= JF_FB(JF_F_REF);
	struct kcheck k;
	kcheck_init(&k, sc);
	if (o->check)
		o->check(&k.kc, &e, ok);
	if (sc->item.errors) /* this item's problems so far, keys included */
		return JF_OK;
	if (sc->s->warnings)
		entry_warnings(sc, &k, &e);

	struct jf_effect rec = {
		.key = jf_id_key(e.id, strlen(e.id)), .date = e.date,
		.points = e.points, .household = e.household, .qty = (int32_t)e.qty,
		.what = (uint16_t)(e.activity >= 0 ? e.activity : e.item < 0 ? 0 : e.item),
		.village = (uint16_t)(e.village < 0 ? 0 : e.village), .kind = (uint8_t)kind,
	};
	int dup;
	struct jf_effect *self = jf_index_add(&sc->s->index, &rec, &dup);
	if (dup) {
		FERR(sc, JF_F_ID, "duplicate id '%s'", e.id);
		return JF_OK;
	}
	e.self = self;
	enum jf_status st;
	if (o->flags & JF_KF_FOLLOW) {
		struct jf_idkey tk = jf_id_key(e.ref, strlen(e.ref));
		struct jf_effect *t = jf_index_find(&sc->s->index, tk);
		file_void(sc, sc->s->index.n - 1 - sc->file_first, tk);
		if (!t) {
			hold_void(sc, &e, self, tk, true);
			/* a follow-up read earlier may name this one: it is refused now */
			return sc->npend ? release_pending(sc, rec.key, self) : JF_OK;
		}
		st = resolve_follow(sc, &e, t, sc->f[JF_F_REF].line, sc->f[JF_F_REF].col);
	} else {
		st = deliver(sc, &e);
	}
	if (st == JF_OK && sc->npend)
		st = release_pending(sc, rec.key, self);
	return st;
}

/* Read one entry mapping (its MAP_START was just read). Returns -1 on a YAML
 * error, 0 otherwise; *st gets a callback's status. */
static int read_entry(struct scanner *sc, struct jf_yread *r, enum jf_status *st)
{
	struct jf_yev ev;
	for (int i = 0; i < JF_NFIELDS; i++)
		sc->f[i].set = sc->f[i].empty = false;
	for (;;) {
		if (jf_yread_next(r, &ev) <= 0)
			return -1;
		if (ev.type == JF_YEV_MAP_END)
			break;
		if (ev.type != JF_YEV_SCALAR) {
			problem(sc, ev.line, ev.col, JF_SEV_ERROR, "a key must be plain text");
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
			problem(sc, kl, kc, JF_SEV_ERROR, "unknown key '%s'", ev.value);
		else if (known && sc->f[fi].set)
			problem(sc, kl, kc, JF_SEV_ERROR, "duplicate key '%s'", ev.value);
		if (jf_yread_next(r, &ev) <= 0)
			return -1;
		if (ev.type == JF_YEV_SEQ_START || ev.type == JF_YEV_MAP_START) {
			problem(sc, ev.line, ev.col, JF_SEV_ERROR,
				"nesting inside an entry is not allowed: values are plain text");
			if (jf_yread_skip(r) < 0)
				return -1;
			continue;
		}
		if (!known || sc->f[fi].set)
			continue;
		struct fval *f = &sc->f[fi];
		jf_buf_reset(&f->v);
		jf_buf_add(&f->v, ev.value, ev.len);
		f->set = true;
		f->line = ev.line;
		f->col = ev.col;
	}
	*st = finish_entry(sc);
	return 0;
}

/* The line of the file's last item ("-" in column 1), or 0 if a line after
 * it starts in column 1 with something else (a stray line, not part of the
 * item: damage, not a cut).  Reads the file once; only files that fail to
 * parse pay for this. */
static unsigned long last_item_line(int fd)
{
	char buf[65536];
	unsigned long line = 1, last = 1;
	bool bol = true, stray = false;
	ssize_t n;
	off_t off = 0;
	while ((n = pread(fd, buf, sizeof buf, off)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (bol && buf[i] == '-') {
				last = line;
				stray = false;
			} else if (bol && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' &&
				   buf[i] != '#') {
				stray = true;
			}
			bol = buf[i] == '\n';
			line += bol;
		}
		off += n;
	}
	return stray ? 0 : last;
}

/* A file without a final newline: where does its cut-short tail start?
 * Returns false if the unterminated last line is blank or a comment (no
 * entry was cut).  Else sets the line and byte offset of the cut: the last
 * line itself if it starts an item ("-") or is not YAML at all (say the
 * NUL bytes a crash can leave), or the item it continues if it is indented.
 * Reads the file once; only such files pay for this. */
static bool find_cut(int fd, unsigned long *line, off_t *offset)
{
	char buf[65536];
	unsigned long ln = 1, item_line = 1, last_line = 1;
	off_t off = 0, item_off = 0, last_off = 0;
	bool bol = true;
	ssize_t n;
	while ((n = pread(fd, buf, sizeof buf, off)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (bol) {
				last_line = ln;
				last_off = off + i;
				if (buf[i] == '-') {
					item_line = ln;
					item_off = off + i;
				}
			}
			bol = buf[i] == '\n';
			ln += bol;
		}
		off += n;
	}
	/* classify the unterminated last line */
	char c = 0;
	off_t p = last_off;
	while (pread(fd, &c, 1, p) == 1 && (c == ' ' || c == '\t'))
		p++;
	if (p >= off || c == '#')
		return false;
	bool indented = p > last_off;
	if (indented) {
		*line = item_line;
		*offset = item_off;
	} else {
		*line = last_line;
		*offset = last_off;
	}
	return true;
}

static void add_cut(struct scanner *sc, unsigned long line)
{
	struct jf_scan *s = sc->s;
	s->cuts = jf_reallocarray(s->cuts, s->ncuts + 1, sizeof *s->cuts);
	s->cuts[s->ncuts].file = jf_strdup(sc->file);
	s->cuts[s->ncuts].line = line;
	s->ncuts++;
	jf_error_at(sc->d, sc->file, line, 1,
		    "the last entry is cut short (an interrupted write?); "
		    "'jf-check --repair' sets it aside");
	sc->st = jf_status_worst(sc->st, JF_INVALID);
}

/* Do the first c->size bytes of the file still hash as cached?  (Only when
 * its identity changed: an append by git, or an edit.)  Also requires the
 * bytes after them to start a new item, so a tail is never parsed as the
 * continuation of the last cached entry.  On success *h holds the state. */
static bool prefix_ok(int fd, const struct jf_fcache *c, struct jf_hash *h)
{
	char buf[65536];
	uint64_t off = 0;
	jf_hash_init(h);
	while (off < c->size) {
		size_t want = c->size - off < sizeof buf ? (size_t)(c->size - off) : sizeof buf;
		ssize_t n = pread(fd, buf, want, (off_t)off);
		if (n <= 0)
			return false;
		jf_hash_update(h, buf, (size_t)n);
		off += (uint64_t)n;
	}
	if (jf_hash_value(h) != jf_hash_value(&c->hash))
		return false;
	/* the cached part must end a line, or the tail would continue it */
	if (c->size && (pread(fd, buf, 1, (off_t)c->size - 1) != 1 || buf[0] != '\n'))
		return false;
	/* the first line after that is not blank or a comment must start "-" */
	ssize_t n = pread(fd, buf, sizeof buf, (off_t)off);
	bool bol = true, comment = false;
	for (ssize_t i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			bol = true;
			comment = false;
			continue;
		}
		if (comment || buf[i] == ' ' || buf[i] == '\t')
			continue;
		if (buf[i] == '#') {
			comment = true;
			continue;
		}
		/* an item ("- ", or "-" alone), not a document marker "---" */
		return bol && buf[i] == '-' &&
		       (i + 1 == n || buf[i + 1] == ' ' || buf[i + 1] == '\n');
	}
	return n >= 0 && (size_t)n < sizeof buf; /* only blanks and comments follow */
}

/* Hand the cached records of the current file to the callback, checking
 * ids and voids as if they had been read.  The index adopts the records. */
static enum jf_status replay(struct scanner *sc, struct jf_fcache *c)
{
	struct jf_effect *recs = c->recs;
	size_t n = c->nrecs, v = 0;

	c->recs = NULL;
	c->nrecs = 0;
	jf_index_adopt(&sc->s->index, recs, n);
	for (size_t i = 0; i < n; i++) {
		struct jf_effect *r = &recs[i];
		struct jf_entry e;
		enum jf_status st;

		replayed_entry(sc, r, &e);
		sc->item_line = sc->item_col = 0;
		if (jf_index_insert(&sc->s->index, r)) {
			problem(sc, 0, 0, JF_SEV_ERROR,
				"a duplicate id among the cached entries; run 'jf-check'");
			continue;
		}
		r->flags = 0; /* worked out again: other files may have changed */
		if (jf_kind((enum jf_kind)r->kind)->flags & JF_KF_FOLLOW) {
			struct jf_idkey tk = c->voids[v++].target.key;
			struct jf_effect *t = jf_index_find(&sc->s->index, tk);
			file_void(sc, i, tk);
			if (!t) {
				hold_void(sc, &e, r, tk, false);
				st = sc->npend ? release_pending(sc, r->key, r) : JF_OK;
			} else {
				st = resolve_follow(sc, &e, t, 0, 0);
			}
		} else {
			st = deliver(sc, &e);
			if (st == JF_OK && sc->npend)
				st = release_pending(sc, r->key, r);
		}
		if (st != JF_OK)
			return st;
	}
	return JF_OK;
}

/* Remember to write the current file's cache if the scan ends well. */
static void want_save(struct scanner *sc, const char *rel, const struct stat *st,
		      unsigned long lines, const struct jf_hash *h)
{
	struct save *sv;
	sc->saves = jf_reallocarray(sc->saves, sc->nsaves + 1, sizeof *sc->saves);
	sv = &sc->saves[sc->nsaves++];
	memset(sv, 0, sizeof *sv);
	sv->rel = jf_strdup(rel);
	jf_fcache_identity(&sv->fc, st);
	sv->fc.lines = lines;
	sv->fc.hash = *h;
	sv->first = sc->file_first;
	sv->fc.nrecs = sc->s->index.n - sc->file_first;
	sv->fc.nvoids = sc->nfv;
	sv->fc.voids = jf_calloc(sc->nfv ? sc->nfv : 1, sizeof *sv->fc.voids);
	if (sc->nfv)
		memcpy(sv->fc.voids, sc->fv, sc->nfv * sizeof *sc->fv);
}

static enum jf_status scan_file(struct scanner *sc, const char *path, const char *rel,
			      struct jf_fcache *pre, bool have)
{
	struct jf_yread r;
	struct jf_yev ev;
	struct jf_diags ydiag = JF_DIAGS_INIT;
	struct stat stt;
	enum jf_status cb = JF_OK;
	int fd, rc;
	bool in_seq = false, seen_doc = false, yaml_err = false;
	unsigned long last_item = 0;
	uint64_t limit = 0;

	sc->file = rel;
	sc->cut_line = 0;
	do
		fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		jf_error(sc->d, "cannot open '%s': %s", rel, strerror(errno));
		return JF_SYSTEM;
	}
	if (fstat(fd, &stt) < 0) {
		jf_error(sc->d, "cannot stat '%s': %s", rel, strerror(errno));
		close(fd);
		return JF_SYSTEM;
	}
	if ((uint64_t)stt.st_size > JF_LEDGER_MAX_BYTES) {
		/* refused before a byte is read */
		jf_error_at(sc->d, rel, 0, 0, "file is larger than the limit of %llu bytes",
			    (unsigned long long)JF_LEDGER_MAX_BYTES);
		close(fd);
		jf_fcache_release(pre);
		return JF_INVALID;
	}
	if (stt.st_size > 0) {
		char last;
		if (pread(fd, &last, 1, stt.st_size - 1) != 1) {
			jf_error(sc->d, "cannot read '%s': %s", rel, strerror(errno));
			close(fd);
			return JF_SYSTEM;
		}
		off_t cut_off;
		if (last != '\n' && find_cut(fd, &sc->cut_line, &cut_off))
			limit = (uint64_t)cut_off; /* the cut bytes are not parsed at all */
		else if (last != '\n' && sc->s->warnings)
			jf_diag_add(sc->d, JF_SEV_WARNING, rel, 0, 0,
				    "the file does not end with a newline");
	}
	sc->s->files++;
	size_t errors0 = sc->d->errors;
	uint64_t end = limit ? limit : (uint64_t)stt.st_size; /* a consistent snapshot */
	struct jf_fcache fc = *pre; /* ours now */
	struct jf_hash hash;
	bool cached = false;
	memset(pre, 0, sizeof *pre);
	jf_hash_init(&hash);
	sc->file_first = sc->s->index.n;
	sc->nfv = 0;
	if (have && stt.st_size > 0) {
		cached = fc.size <= end && (jf_fcache_same(&fc, &stt) || prefix_ok(fd, &fc, &hash));
		if (cached) {
			hash = fc.hash;
			cb = replay(sc, &fc);
		} else {
			jf_fcache_release(&fc);
			jf_hash_init(&hash);
		}
	}
	uint64_t start = cached ? fc.size : 0;
	if (cb != JF_OK || start == end) {
		/* nothing after the cached part: the file is read */
		close(fd);
		bool ok = cb == JF_OK && sc->d->errors == errors0 && !sc->item.errors &&
			  !sc->cut_line;
		flush_item(sc);
		if (cb == JF_OK && sc->cut_line)
			add_cut(sc, sc->cut_line); /* cut right where the cache ends */
		if (ok && cached && !jf_fcache_same(&fc, &stt))
			want_save(sc, rel, &stt, fc.lines, &hash);
		jf_fcache_release(&fc);
		return cb;
	}
	if (start && lseek(fd, (off_t)start, SEEK_SET) < 0) {
		jf_error(sc->d, "cannot read '%s': %s", rel, strerror(errno));
		close(fd);
		jf_fcache_release(&fc);
		return JF_SYSTEM;
	}
	jf_yread_fd(&r, fd, rel, &jf_ledger_limits, &ydiag);
	r.limit = end - start;
	r.line_base = cached ? fc.lines : 0;
	r.line = r.line_base + 1;
	r.hash = sc->settings ? &hash : NULL;

	while ((rc = jf_yread_next(&r, &ev)) > 0) {
		if (ev.type == JF_YEV_DOC_START) {
			if (seen_doc) {
				jf_error_at(&ydiag, rel, ev.line, ev.col,
					    "only one document is allowed in a ledger file");
				rc = -1;
				break;
			}
			seen_doc = true;
			continue;
		}
		if (ev.type == JF_YEV_DOC_END)
			continue;
		if (!in_seq) {
			if (ev.type == JF_YEV_SCALAR && ev.len == 0)
				continue; /* an empty document */
			if (ev.type != JF_YEV_SEQ_START || ev.flow) {
				jf_error_at(&ydiag, rel, ev.line, ev.col,
					    "a ledger file must be a list of entries, each starting '- '");
				rc = -1;
				break;
			}
			in_seq = true;
			continue;
		}
		if (ev.type == JF_YEV_SEQ_END) {
			in_seq = false;
			continue;
		}
		/* a new item: the previous one's problems are final */
		flush_item(sc);
		last_item = ev.line;
		sc->item_line = ev.line;
		sc->item_col = ev.col;
		if (sc->cut_line && ev.line >= sc->cut_line) {
			/* the unterminated last item: never delivered */
			if ((ev.type == JF_YEV_MAP_START || ev.type == JF_YEV_SEQ_START) &&
			    jf_yread_skip(&r) < 0) {
				rc = -1;
				break;
			}
			continue;
		}
		if (ev.type != JF_YEV_MAP_START) {
			problem(sc, ev.line, ev.col, JF_SEV_ERROR, "an entry must be a mapping of fields");
			sc->item_incomplete = true;
			if (ev.type == JF_YEV_SEQ_START && jf_yread_skip(&r) < 0) {
				rc = -1;
				break;
			}
			continue;
		}
		if (read_entry(sc, &r, &cb) < 0) {
			rc = -1;
			break;
		}
		if (cb != JF_OK)
			break;
	}
	yaml_err = rc < 0;
	unsigned long lines = r.line - 1;
	/* A text that stops parsing inside the file's last item is a cut-short
	 * write; one that stops earlier is damage, reported where it is. */
	unsigned long tail_line = yaml_err && r.syntax_error && in_seq ? last_item_line(fd) : 0;
	bool tail_syntax = tail_line && r.syntax_line >= tail_line;
	enum jf_status io = jf_yread_close(&r);
	close(fd);
	if (io != JF_OK) {
		for (size_t i = 0; i < ydiag.n; i++)
			jf_diag_add(sc->d, ydiag.v[i].sev, ydiag.v[i].file, ydiag.v[i].line,
				    ydiag.v[i].col, "%s", ydiag.v[i].msg);
		jf_diags_release(&ydiag);
		flush_item(sc);
		jf_fcache_release(&fc);
		return io;
	}
	if (sc->cut_line) {
		/* everything wrong from the cut item on is the cut itself */
		bool other = false;
		for (size_t i = 0; i < ydiag.n; i++)
			if (ydiag.v[i].line < sc->cut_line) {
				jf_diag_add(sc->d, JF_SEV_ERROR, rel, ydiag.v[i].line,
					    ydiag.v[i].col, "%s", ydiag.v[i].msg);
				other = true;
			}
		if (sc->item_line < sc->cut_line)
			flush_item(sc);
		else
			jf_diags_release(&sc->item);
		if (other)
			sc->st = jf_status_worst(sc->st, JF_INVALID);
		add_cut(sc, sc->cut_line);
	} else if (yaml_err && cb == JF_OK) {
		/* a YAML error inside the last item started is a cut-short tail */
		const struct jf_diag *g = ydiag.n ? &ydiag.v[0] : NULL;
		if (g && tail_syntax) {
			jf_diags_release(&sc->item);
			add_cut(sc, tail_line);
		} else {
			flush_item(sc);
			if (g)
				jf_diag_add(sc->d, JF_SEV_ERROR, rel, g->line, g->col, "%s", g->msg);
			sc->st = jf_status_worst(sc->st, JF_INVALID);
		}
	} else if (sc->item_incomplete && cb == JF_OK) {
		jf_diags_release(&sc->item);
		add_cut(sc, last_item);
	} else {
		flush_item(sc);
		if (cb == JF_OK && sc->d->errors == errors0 && sc->settings && !sc->cut_line)
			want_save(sc, rel, &stt, lines, &hash);
	}
	sc->item_incomplete = false;
	jf_diags_release(&ydiag);
	jf_fcache_release(&fc);
	return cb;
}

/* Load every file's cache.  True when each non-empty file has one that
 * matches it exactly: nothing was appended or changed since. */
static bool load_caches(struct scanner *sc, char **names, size_t n,
			struct jf_fcache *pre, bool *have)
{
	bool exact = true;
	for (size_t i = 0; i < n; i++) {
		struct jf_buf p = JF_BUF_INIT;
		struct stat st;
		jf_buf_addf(&p, "%s/%s", sc->b->root, names[i]);
		bool ok = stat(p.s, &st) == 0;
		jf_buf_release(&p);
		if (ok && st.st_size == 0)
			continue;
		have[i] = ok && jf_cache_load(sc->b->root, names[i], sc->settings, sc->b, &pre[i]);
		exact = exact && have[i] && jf_fcache_same(&pre[i], &st);
	}
	return exact;
}

/* Every file is exactly as cached, and was valid as a whole when cached:
 * hand the records to the callback without building the index or reading
 * any ledger byte.  Whether a watched entry is voided is worked out from
 * the voids, not from saved flags. */
static enum jf_status replay_all(struct scanner *sc, char **names, size_t n,
				 struct jf_fcache *pre)
{
	struct jf_scan *s = sc->s;
	bool voided[2] = { false, false };
	s->replay_only = true;
	for (size_t i = 0; i < n; i++) {
		struct jf_fcache *c = &pre[i];
		size_t v = 0;
		sc->file = names[i];
		s->files++;
		for (size_t k = 0; k < c->nrecs; k++) {
			struct jf_effect *r = &c->recs[k];
			struct jf_entry e;
			replayed_entry(sc, r, &e);
			for (size_t w = 0; w < s->nwatch; w++)
				if (jf_idkey_eq(r->key, s->watch[w])) {
					s->watched[w] = *r;
					s->watched[w].flags = 0;
					s->found[w] = true;
				}
			if (jf_kind((enum jf_kind)r->kind)->flags & JF_KF_FOLLOW) {
				const struct jf_effect *t = &c->voids[v++].target;
				e.target = t;
				e.household = t->household;
				e.village = t->village;
				for (size_t w = 0; w < s->nwatch; w++)
					if (jf_idkey_eq(t->key, s->watch[w]))
						voided[w] = true;
			}
			s->cached++;
			enum jf_status st = deliver(sc, &e);
			if (st != JF_OK)
				return st;
		}
		jf_fcache_release(c);
	}
	/* a void may come before its target: mark the target afterwards */
	for (size_t w = 0; w < s->nwatch; w++)
		if (voided[w])
			s->watched[w].flags |= JF_EFFECT_VOIDED;
	return JF_OK;
}

const struct jf_effect *jf_scan_find(const struct jf_scan *s, struct jf_idkey k)
{
	if (!s->replay_only)
		return jf_index_find(&s->index, k);
	for (size_t w = 0; w < s->nwatch; w++)
		if (s->found[w] && jf_idkey_eq(s->watch[w], k))
			return &s->watched[w];
	return NULL;
}

/* Collect the relative paths of every *.yaml file under dir (rel). */
static enum jf_status walk(const char *dir, const char *rel, int depth, char ***names,
			   size_t *n, struct jf_diags *d)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	enum jf_status st = JF_OK;

	if (!dp) {
		if (errno == ENOENT && depth == 0)
			return JF_OK;
		jf_error(d, "cannot read directory '%s': %s", rel, strerror(errno));
		return JF_SYSTEM;
	}
	if (depth > 16) {
		closedir(dp);
		jf_error(d, "'%s': ledger directories nest too deep", rel);
		return JF_INVALID;
	}
	while ((de = readdir(dp))) {
		struct jf_buf p = JF_BUF_INIT, r = JF_BUF_INIT;
		struct stat stt;
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		jf_buf_addf(&p, "%s/%s", dir, de->d_name);
		jf_buf_addf(&r, "%s/%s", rel, de->d_name);
		if (lstat(p.s, &stt) < 0) {
			jf_error(d, "cannot stat '%s': %s", r.s, strerror(errno));
			st = JF_SYSTEM;
		} else if (S_ISLNK(stt.st_mode)) {
			jf_error(d, "'%s' is a symbolic link; links under ledger/ are not followed", r.s);
			st = jf_status_worst(st, JF_INVALID);
		} else if (S_ISDIR(stt.st_mode)) {
			st = jf_status_worst(st, walk(p.s, r.s, depth + 1, names, n, d));
		} else if (len > 5 && !strcmp(de->d_name + len - 5, ".yaml")) {
			if (!S_ISREG(stt.st_mode)) {
				jf_error(d, "'%s' is not a regular file", r.s);
				st = jf_status_worst(st, JF_INVALID);
			} else {
				*names = jf_reallocarray(*names, *n + 1, sizeof **names);
				(*names)[(*n)++] = jf_buf_detach(&r);
			}
		}
		jf_buf_release(&p);
		jf_buf_release(&r);
	}
	closedir(dp);
	return st;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void jf_scan_init(struct jf_scan *s)
{
	memset(s, 0, sizeof *s);
}

void jf_scan_release(struct jf_scan *s)
{
	jf_index_release(&s->index);
	for (size_t i = 0; i < s->ncuts; i++)
		free(s->cuts[i].file);
	free(s->cuts);
	memset(s, 0, sizeof *s);
}

enum jf_status jf_ledger_scan(struct jf_scan *s, const struct jf_book *b,
			      jf_entry_fn fn, void *ctx, struct jf_diags *d)
{
	struct scanner sc = { .s = s, .b = b, .fn = fn, .ctx = ctx, .d = d, .st = JF_OK };
	struct jf_buf dir = JF_BUF_INIT;
	char **names = NULL;
	size_t n = 0;
	enum jf_status st;

	for (int i = 0; i < JF_NFIELDS; i++)
		jf_buf_init(&sc.f[i].v);
	if (s->use_cache)
		sc.settings = jf_cache_settings_hash(b->root);
	jf_buf_addf(&dir, "%s/ledger", b->root);
	st = walk(dir.s, "ledger", 0, &names, &n, d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	struct jf_fcache *pre = jf_calloc(n ? n : 1, sizeof *pre);
	bool *have = jf_calloc(n ? n : 1, sizeof *have);
	if (sc.settings && st == JF_OK && load_caches(&sc, names, n, pre, have))
		st = replay_all(&sc, names, n, pre);
	for (size_t i = 0; !s->replay_only && i < n && (st == JF_OK || st == JF_INVALID); i++) {
		struct jf_buf p = JF_BUF_INIT;
		jf_buf_addf(&p, "%s/%s", b->root, names[i]);
		enum jf_status fst = scan_file(&sc, p.s, names[i], &pre[i], have[i]);
		jf_buf_release(&p);
		st = jf_status_worst(st, fst);
		if (fst != JF_OK && fst != JF_INVALID)
			st = fst;
	}
	for (size_t i = 0; i < sc.npend; i++) {
		struct pending *p = &sc.pend[i];
		if (!p->done && (st == JF_OK || st == JF_INVALID)) {
			if (p->ref)
				jf_error_at(d, p->file, p->ref_line, p->ref_col,
					    "void of unknown id '%s'", p->ref);
			else
				jf_error(d, "%s: a cached void names an unknown id; run 'jf-check'",
					 p->file);
			sc.st = jf_status_worst(sc.st, JF_INVALID);
		}
		free(p->id); free(p->ref); free(p->at); free(p->by);
		free(p->note); free(p->reason); free(p->file);
	}
	free(sc.pend);
	free(sc.pslots);
	for (size_t i = 0; i < n; i++)
		jf_fcache_release(&pre[i]);
	free(pre);
	free(have);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (int i = 0; i < JF_NFIELDS; i++)
		jf_buf_release(&sc.f[i].v);
	jf_diags_release(&sc.item);
	jf_buf_release(&dir);
	if (st == JF_OK || st == JF_INVALID)
		st = jf_status_worst(st, sc.st);
	/* only a scan without problems is worth remembering; a cache that
	 * cannot be written only means more reading next time */
	for (size_t i = 0; i < sc.nsaves; i++) {
		struct save *sv = &sc.saves[i];
		if (st == JF_OK) {
			/* the file must not have changed while it was read */
			struct jf_buf p = JF_BUF_INIT;
			struct stat now;
			jf_buf_addf(&p, "%s/%s", b->root, sv->rel);
			bool ok = stat(p.s, &now) == 0 && jf_fcache_same(&sv->fc, &now);
			for (size_t k = 0; ok && k < sv->fc.nvoids; k++) {
				struct jf_cache_void *cv = &sv->fc.voids[k];
				const struct jf_effect *t = jf_index_find(&s->index, cv->target.key);
				ok = t != NULL;
				if (ok)
					cv->target = *t;
			}
			if (ok)
				jf_cache_save(b->root, sv->rel, sc.settings, &sv->fc, &s->index, sv->first);
			jf_buf_release(&p);
		}
		free(sv->rel);
		jf_fcache_release(&sv->fc);
	}
	free(sc.saves);
	free(sc.fv);
	return st;
}

enum jf_status jf_ledger_read(struct jf_scan *s, const struct jf_book *b,
			      jf_entry_fn fn, void *ctx, struct jf_diags *d)
{
	struct jf_lock l;
	enum jf_status st = jf_lock_shared(&l, b->root, 10000, d);
	if (st == JF_OK)
		st = jf_ledger_scan(s, b, fn, ctx, d);
	jf_lock_release(&l);
	return st;
}

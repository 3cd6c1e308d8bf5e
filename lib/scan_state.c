/* scan_state.c - stateful targets and their follow-ups (state.h): held to
 * the end of the scan, replayed in canonical order, then delivered. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cache.h"
#include "scan.h"
#include "wish.h"

static struct pending *defer_new(struct scanner *sc)
{
	sc->defer = jf_grow(sc->defer, sc->ndefer, &sc->capdefer, 16, sizeof *sc->defer);
	struct pending *p = &sc->defer[sc->ndefer++];
	memset(p, 0, sizeof *p);
	p->next = -1;
	return p;
}

void scan_defer_target(struct scanner *sc, const struct jf_entry *e, struct jf_effect *self,
		       bool parsed)
{
	struct pending *p = defer_new(sc);
	scan_pend_fill(sc, p, e, self, parsed);
}

void scan_defer_follow(struct scanner *sc, const struct jf_entry *e, struct jf_effect *t,
		       const struct jf_fu *fu, bool parsed, struct pending *held)
{
	struct jf_scan *s = sc->s;
	struct pending *p = defer_new(sc);
	if (held) {
		/* it moves: its texts and place go with it */
		*p = *held;
		held->id = held->ref = held->at = held->file = held->kept = NULL;
	} else {
		scan_pend_fill(sc, p, e, (struct jf_effect *)e->self, parsed);
	}
	p->target = t;
	p->fu = *fu;
	p->next = -1;
	p->indirect = !jf_effect_stateful(t);
	((struct jf_effect *)p->self)->flags |= JF_EFFECT_HELD;
	p->fu_i = s->nfus;
	s->fus = jf_grow(s->fus, s->nfus, &s->capfus, 16, sizeof *s->fus);
	s->fus[s->nfus++] = *fu;
}

static int cmp_fu(const void *a, const void *b)
{
	const struct jf_fu *x = a, *y = b;
	int c = jf_idkey_cmp(x->target, y->target);
	return c ? c : jf_fu_cmp(x, y);
}

/* The first of s->fus[lo, hi) whose target is not below k (upper: above). */
static size_t fus_bound(const struct jf_scan *s, struct jf_idkey k, bool upper)
{
	size_t lo = 0, hi = s->nfus;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = jf_idkey_cmp(s->fus[mid].target, k);
		if (c < 0 || (upper && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct jf_fu *jf_scan_fus(const struct jf_scan *s, struct jf_idkey k, size_t *n)
{
	size_t lo = fus_bound(s, k, false), hi = fus_bound(s, k, true);
	*n = hi - lo;
	return *n ? &s->fus[lo] : NULL;
}

/* Follow-up p's record among its stateful target's (sorted in canonical
 * order: found by it, in log n), or NULL. */
static const struct jf_fu *own_fu(const struct jf_scan *s, const struct pending *p,
				  const struct jf_fu **all)
{
	size_t n;
	struct jf_fu *f = jf_scan_fus(s, p->fu.target, &n);
	size_t lo = 0, hi = n;
	*all = f;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = jf_fu_cmp(&f[mid], &p->fu);
		if (c == 0)
			return jf_idkey_eq(f[mid].key, p->self->key) ? &f[mid] : NULL;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Hand held entry p to the callback, its texts read again. */
static enum jf_status deliver_held(struct scanner *sc, struct pending *p)
{
	struct jf_scan *s = sc->s;
	struct jf_entry e;
	struct jf_buf t[4];
	const char *txt[4];
	enum jf_status st = JF_OK;

	scan_entry_of(sc, p->self, NULL, &e);
	e.file = p->file;
	e.fid = p->fid;
	e.line = p->line;
	e.col = p->col;
	e.off = p->coff;
	e.len = p->clen;
	e.id = p->id;
	e.at = p->at;
	e.ref = p->ref;
	if (p->target) {
		const struct jf_fu *all, *own = own_fu(s, p, &all);
		e.target = p->target;
		e.household = p->self->household;
		e.village = p->self->village;
		p->self->flags &= (uint8_t)~JF_EFFECT_SUPERSEDED;
		if (own && (own->flags & JF_EFFECT_SUPERSEDED)) {
			p->self->flags |= JF_EFFECT_SUPERSEDED;
			unsigned long line = p->ref_line ? p->ref_line : p->line;
			unsigned long col = p->ref_line ? p->ref_col : p->col;
			if (s->warnings && own->superseded_by >= 0)
				jf_diag_add(sc->d, JF_SEV_WARNING, p->file, line, col,
					    "this %s has no effect: superseded by %s",
					    jf_kind_name(p->kind), all[own->superseded_by].id);
			else if (s->warnings)
				jf_diag_add(sc->d, JF_SEV_WARNING, p->file, line, col,
					    "this %s has no effect in the state the entries before "
					    "it left", jf_kind_name(p->kind));
		}
	} else {
		e.fus = jf_scan_fus(s, p->self->key, &e.nfus);
	}
	for (int i = 0; i < 4; i++)
		jf_buf_init(&t[i]);
	if (scan_pend_texts(sc, p, t, txt)) {
		scan_entry_texts(&e, txt);
		const char *file = sc->file;
		sc->file = p->file;
		st = scan_deliver(sc, &e);
		sc->file = file;
	}
	for (int i = 0; i < 4; i++)
		jf_buf_release(&t[i]);
	return st;
}

/* The stateful target of the void of a held follow-up (a take): the
 * follow-up's own.  A hash of the held direct follow-ups by key. */
static void resolve_indirect(struct scanner *sc)
{
	struct jf_scan *s = sc->s;
	size_t cap = 16, nd = 0;
	for (size_t i = 0; i < sc->ndefer; i++)
		nd += sc->defer[i].target && !sc->defer[i].indirect;
	while (cap < 2 * nd)
		cap *= 2;
	uint32_t *slot = jf_calloc(cap, sizeof *slot);
	for (size_t i = 0; i < sc->ndefer; i++) {
		const struct pending *p = &sc->defer[i];
		if (!p->target || p->indirect)
			continue;
		size_t h = (p->self->key.w[0] ^ ((size_t)p->self->key.w[2] << 7)) & (cap - 1);
		while (slot[h])
			h = (h + 1) & (cap - 1);
		slot[h] = (uint32_t)i + 1;
	}
	for (size_t i = 0; i < sc->ndefer; i++) {
		struct pending *p = &sc->defer[i];
		if (!p->indirect)
			continue;
		struct jf_idkey k = p->target->key;
		size_t h = (k.w[0] ^ ((size_t)k.w[2] << 7)) & (cap - 1);
		for (; slot[h]; h = (h + 1) & (cap - 1))
			if (jf_idkey_eq(sc->defer[slot[h] - 1].self->key, k)) {
				p->fu.target = sc->defer[slot[h] - 1].fu.target;
				s->fus[p->fu_i].target = p->fu.target;
				break;
			}
	}
	free(slot);
}

enum jf_status scan_flush_deferred(struct scanner *sc)
{
	struct jf_scan *s = sc->s;
	enum jf_status st = JF_OK;

	resolve_indirect(sc);
	if (s->nfus > 1)
		qsort(s->fus, s->nfus, sizeof *s->fus, cmp_fu);
	/* every target's state first: its follow-ups' moves depend on it */
	for (size_t i = 0; i < sc->ndefer; i++) {
		struct pending *p = &sc->defer[i];
		if (p->target)
			continue;
		size_t n;
		struct jf_fu *f = jf_scan_fus(s, p->self->key, &n);
		jf_kind((enum jf_kind)p->self->kind)->replay(p->self, f, n);
		long x = s->nwatch ? jf_scan_watched(s, p->self->key) : -1;
		if (x >= 0 && s->found[x]) {
			s->watched[x].counts = p->self->counts;
			s->watched[x].flags = (uint8_t)((s->watched[x].flags & ~JF_EFFECT_ENDED) |
						      (p->self->flags & JF_EFFECT_ENDED));
		}
	}
	for (size_t i = 0; i < sc->ndefer && st == JF_OK; i++)
		st = deliver_held(sc, &sc->defer[i]);
	scan_drop_deferred(sc);
	return st;
}

void scan_drop_deferred(struct scanner *sc)
{
	for (size_t i = 0; i < sc->ndefer; i++)
		scan_pend_free(&sc->defer[i]);
	free(sc->defer);
	sc->defer = NULL;
	sc->ndefer = sc->capdefer = 0;
}

void scan_note_named(struct scanner *sc, const struct jf_effect *self, const char *id,
		     unsigned long line, unsigned long col)
{
	sc->named = jf_grow(sc->named, sc->nnamed, &sc->capnamed, 16, sizeof *sc->named);
	struct named *n = &sc->named[sc->nnamed++];
	n->key = jf_id_key(id, strlen(id));
	n->self = self;
	n->file = jf_strdup(sc->file);
	n->id = jf_strdup(id);
	n->line = line;
	n->col = col;
}

/* SPEC 4.3: a serve's wish is a wish of the book, taken or done (the
 * writers' rule: jf-check warns where merged clones broke it). */
void scan_check_named(struct scanner *sc)
{
	struct jf_scan *s = sc->s;
	char d1[JF_DATE_BUFSZ];
	for (size_t i = 0; i < sc->nnamed; i++) {
		const struct named *n = &sc->named[i];
		const struct jf_effect *t = jf_scan_find(s, n->key);
		if (!t || t->kind != JF_WISH) {
			if (!t)
				jf_error_at(sc->d, n->file, n->line, n->col, "no entry with id '%s'",
					    n->id);
			else
				jf_error_at(sc->d, n->file, n->line, n->col,
					    "'%s' is not a wish but an entry of kind %s", n->id,
					    jf_kind_name((enum jf_kind)t->kind));
			sc->st = jf_status_worst(sc->st, JF_INVALID);
			continue;
		}
		if (!s->warnings)
			continue;
		size_t nf;
		struct jf_fu *f0 = jf_scan_fus(s, n->key, &nf);
		struct jf_fu *f = jf_calloc(nf ? nf : 1, sizeof *f);
		if (nf)
			memcpy(f, f0, nf * sizeof *f);
		struct jf_wish_state ws;
		jf_wish_state_of(t, f, nf, n->self->date, &ws);
		free(f);
		if (ws.st != JF_WS_TAKEN && ws.st != JF_WS_DONE)
			jf_diag_add(sc->d, JF_SEV_WARNING, n->file, n->line, n->col,
				    "wish '%s' is %s on %s: a serve names a wish taken or done",
				    n->id, jf_wish_st_name(ws.st),
				    jf_date_format(n->self->date, d1));
	}
	scan_drop_named(sc);
}

void scan_drop_named(struct scanner *sc)
{
	for (size_t i = 0; i < sc->nnamed; i++) {
		free(sc->named[i].file);
		free(sc->named[i].id);
	}
	free(sc->named);
	sc->named = NULL;
	sc->nnamed = sc->capnamed = 0;
}

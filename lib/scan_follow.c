/* scan_follow.c - follow-ups (voids): checked against their target, held
 * back while their target is not read yet. */
#include <string.h>

#include "alloc.h"
#include "scan.h"

/* A follow-up meets its target: its kind checks it, then it is delivered
 * naming the target's household and shop.  Problems go to the current
 * item (pos is the follow-up's ref). */
enum jf_status scan_resolve_follow(struct scanner *sc, struct jf_entry *e,
				     struct jf_effect *target, unsigned long rline,
				     unsigned long rcol)
{
	struct kcheck k;
	struct jf_effect *self = (struct jf_effect *)e->self;
	scan_kcheck_init(&k, sc);
	k.at_ref = true;
	k.rline = rline;
	k.rcol = rcol;
	if (!jf_kind(e->kind)->follow(&k.kc, e, self, target))
		return JF_OK;
	e->target = target;
	e->household = self->household;
	e->village = self->village;
	return scan_deliver(sc, e);
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
enum jf_status scan_release_pending(struct scanner *sc, struct jf_idkey key,
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
		.to = -1, .until = JF_DATE_NONE,
	};
	const char *file = sc->file;
	sc->file = p->file;
	enum jf_status st = scan_resolve_follow(sc, &e, target, p->ref_line, p->ref_col);
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
void scan_hold_void(struct scanner *sc, const struct jf_entry *e, struct jf_effect *self,
		      struct jf_idkey key, bool parsed)
{
	long old = pend_find(sc, key);
	if (old >= 0) {
		scan_problem(sc, parsed ? sc->f[JF_F_REF].line : 0, parsed ? sc->f[JF_F_REF].col : 0,
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

void scan_pending_finish(struct scanner *sc, enum jf_status st)
{
	struct jf_diags *d = sc->d;
	for (size_t i = 0; i < sc->npend; i++) {
		struct pending *p = &sc->pend[i];
		if (!p->done && (st == JF_OK || st == JF_INVALID)) {
			if (p->ref)
				jf_error_at(d, p->file, p->ref_line, p->ref_col,
					    "void of unknown id '%s'", p->ref);
			else
				jf_error(d, "%s: a cached void names an unknown id; run 'jf-check'",
					 p->file);
			sc->st = jf_status_worst(sc->st, JF_INVALID);
		}
		free(p->id); free(p->ref); free(p->at); free(p->by);
		free(p->note); free(p->reason); free(p->file);
	}
	free(sc->pend);
	free(sc->pslots);
}

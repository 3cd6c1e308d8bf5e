/* scan_follow.c - follow-ups (voids): checked against their target, held
 * back while their target is not read yet. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "fileio.h"
#include "scan.h"

/* A follow-up meets its target: its kind checks it, then it is delivered
 * naming the target's household and shop, or, when the target is
 * stateful, held to the end of the scan.  Problems go to the current item
 * (pos is the follow-up's ref). */
enum jf_status scan_resolve_follow(struct scanner *sc, struct jf_entry *e,
				     struct jf_effect *target, unsigned long rline,
				     unsigned long rcol, const struct jf_fu *fu, bool parsed,
				     struct pending *held)
{
	struct kcheck k;
	struct jf_effect *self = (struct jf_effect *)e->self;
	scan_kcheck_init(&k, sc);
	k.kc.text = NULL; /* a held follow-up's texts are not in sc->f */
	k.at_ref = true;
	k.rline = rline;
	k.rcol = rcol;
	if (!jf_kind(e->kind)->follow(&k.kc, e, self, target))
		return JF_OK;
	/* a follow-up of a stateful target, or of one of its follow-ups
	 * (the void of a take): held to the end */
	if (jf_effect_stateful(target) || (target->flags & JF_EFFECT_HELD)) {
		scan_defer_follow(sc, e, target, fu, parsed, held);
		return JF_OK;
	}
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

bool scan_held(const struct scanner *sc, struct jf_idkey k)
{
	return pend_find(sc, k) >= 0;
}

static void pend_put(struct scanner *sc, size_t idx)
{
	if ((sc->npend + 1) * 2 > sc->pcap) {
		free(sc->pslots);
		sc->pcap = sc->pcap ? sc->pcap * 2 : 64;
		sc->pslots = jf_calloc(sc->pcap, sizeof *sc->pslots);
		/* the first held for a key heads its list */
		for (size_t i = 0; i < sc->npend; i++) {
			size_t j = pslot(sc, sc->pend[i].ref_key);
			if (!sc->pslots[j])
				sc->pslots[j] = (uint32_t)i + 1;
		}
	}
	sc->pslots[pslot(sc, sc->pend[idx].ref_key)] = (uint32_t)idx + 1;
}

/* Where line `line` of the file starts: the reader stands at byte `at`
 * (absolute) on line `at_line`; walk back over the newlines.  Returns
 * false on a read error. */
static bool line_start(int fd, uint64_t at, unsigned long at_line, unsigned long line,
		       uint64_t *out)
{
	char buf[8192];
	unsigned long need = at_line - line + 1; /* newlines to pass */
	uint64_t end = at;
	while (end > 0) {
		size_t n = end < sizeof buf ? (size_t)end : sizeof buf;
		if (jf_pread_all(fd, buf, n, (off_t)(end - n)) != (ssize_t)n)
			return false;
		for (size_t i = n; i-- > 0;)
			if (buf[i] == '\n' && --need == 0) {
				*out = end - n + i + 1;
				return true;
			}
		end -= n;
	}
	*out = 0;
	return need == 1; /* line 1 */
}

/* Read the long texts of held entry p again from its file: its by, note,
 * reason and reviewer into txt[] (NULL when absent; kept in t[]).  The
 * entry must read as the one held (same id and ref), else the file
 * changed under the reader.  Returns false then, or on a read error. */
static bool reread(const struct scanner *sc, const struct pending *p, struct jf_buf t[4],
		   const char *txt[4])
{
	static const enum jf_field want[4] = { JF_F_BY, JF_F_NOTE, JF_F_REASON, JF_F_REVIEWER };
	struct jf_etexts x;
	jf_etexts_init(&x);
	bool ok = scan_reread(sc->b->root, p->file, p->fid, p->off, p->len, p->off_line, p->line, p->col,
			      &x);
	bool has_ref = x.has & JF_FB(JF_F_REF);
	ok = ok && p->id && (x.has & JF_FB(JF_F_ID)) && !strcmp(x.v[JF_F_ID].s, p->id) &&
	     (p->ref ? has_ref && !strcmp(x.v[JF_F_REF].s, p->ref) : !has_ref);
	for (int k = 0; k < 4; k++) {
		txt[k] = NULL;
		if (x.has & JF_FB(want[k])) {
			jf_buf_release(&t[k]);
			t[k] = x.v[want[k]];
			jf_buf_init(&x.v[want[k]]);
			txt[k] = t[k].s;
		}
	}
	jf_etexts_release(&x);
	return ok;
}

bool scan_pend_texts(struct scanner *sc, const struct pending *p, struct jf_buf t[4],
		     const char *txt[4])
{
	for (int i = 0; i < 4; i++)
		txt[i] = NULL;
	if (p->kept) {
		const char *q = p->kept;
		for (int i = 0; i < 4; i++)
			if (p->kept_has & (1u << i)) {
				txt[i] = q;
				q += strlen(q) + 1;
			}
		return true;
	}
	if (!p->len || reread(sc, p, t, txt))
		return true;
	jf_error_at(sc->d, p->file, p->line, p->col,
		    "the entry changed while the ledger was read; read it again");
	sc->st = jf_status_worst(sc->st, JF_INVALID);
	return false;
}

/* Deliver the follow-ups that were waiting for the entry with this key. */
enum jf_status scan_release_pending(struct scanner *sc, struct jf_idkey key,
				      struct jf_effect *target)
{
	long k = pend_find(sc, key);
	enum jf_status st = JF_OK;
	for (; k >= 0 && st == JF_OK; k = sc->pend[k].next) {
		struct pending *p = &sc->pend[k];
		if (p->done)
			continue;
		p->done = true;
		struct jf_entry e = {
			.file = p->file, .line = p->line, .col = p->col, .id = p->id,
			.at = p->at, .ref = p->ref, .date = p->date, .kind = p->kind, .household = -1,
			.activity = -1, .item = -1, .village = -1, .self = p->self,
			.to = -1, .until = JF_DATE_NONE, .off = p->coff, .len = p->clen,
			.fid = p->fid,
		};
		struct jf_buf t[4];
		const char *txt[4];
		for (int i = 0; i < 4; i++)
			jf_buf_init(&t[i]);
		/* one held to the end is read again then */
		bool to_end = jf_effect_stateful(target) || (target->flags & JF_EFFECT_HELD);
		if (to_end || scan_pend_texts(sc, p, t, txt)) {
			if (!to_end)
				scan_entry_texts(&e, txt);
			const char *file = sc->file;
			uint64_t fid = sc->fid;
			sc->file = p->file;
			sc->fid = p->fid;
			struct jf_fu fu = p->fu;
			st = scan_resolve_follow(sc, &e, target, p->ref_line, p->ref_col, &fu, false, p);
			sc->file = file;
			sc->fid = fid;
		}
		for (int i = 0; i < 4; i++)
			jf_buf_release(&t[i]);
	}
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

void scan_pend_fill(struct scanner *sc, struct pending *p, const struct jf_entry *e,
		    struct jf_effect *self, bool parsed)
{
	p->id = dups(e->id);
	p->ref = dups(e->ref);
	p->at = dupf(parsed ? &sc->f[JF_F_AT] : NULL);
	p->file = jf_strdup(sc->file);
	p->fid = e->fid;
	/* short texts are kept; long ones (up to 64 KiB each) read again */
	static const enum jf_field longs[4] = { JF_F_BY, JF_F_NOTE, JF_F_REASON, JF_F_REVIEWER };
	size_t total = 0;
	for (int i = 0; parsed && i < 4; i++)
		if (sc->f[longs[i]].set)
			total += sc->f[longs[i]].v.len + 1;
	if (parsed && total <= KEPT_MAX) {
		char *q = p->kept = jf_malloc(total ? total : 1);
		for (int i = 0; i < 4; i++)
			if (sc->f[longs[i]].set) {
				memcpy(q, sc->f[longs[i]].v.s, sc->f[longs[i]].v.len + 1);
				q += sc->f[longs[i]].v.len + 1;
				p->kept_has |= (uint8_t)(1u << i);
			}
	} else if (parsed && sc->rd) {
		/* its bytes: from the start of its first line to where the
		 * reader stands (past its end) */
		struct jf_ywhere w;
		jf_yread_where(sc->rd, &w);
		uint64_t at = sc->rd_base + w.bytes;
		if (line_start(sc->fd, at, w.line, e->line, &p->off)) {
			p->len = at - p->off;
			p->off_line = e->line;
		} else {
			scan_problem(sc, e->line, e->col, JF_SEV_ERROR,
				     "cannot read the entry again: %s", strerror(errno));
		}
	}
	p->line = e->line;
	p->col = e->col;
	p->coff = (uint32_t)e->off;
	p->clen = (uint32_t)e->len;
	/* a replayed follow-up's ref: as its file's cache keeps it */
	p->ref_line = !e->ref ? 0 : parsed ? sc->f[JF_F_REF].line : sc->rref_line;
	p->ref_col = !e->ref ? 0 : parsed ? sc->f[JF_F_REF].col : sc->rref_col;
	p->date = e->date;
	p->kind = e->kind;
	p->self = self;
	p->next = -1;
}

void scan_pend_free(struct pending *p)
{
	free(p->kept);
	p->kept = NULL;
	free(p->id);
	free(p->ref);
	free(p->at);
	free(p->file);
	p->id = p->ref = p->at = p->file = NULL;
}

/* Hold follow-up e (its record self, its target fu->target) until the
 * target is read.  parsed: its texts and positions are in sc->f.  Two
 * follow-ups that may come once (voids) for one target are refused. */
void scan_hold_void(struct scanner *sc, const struct jf_entry *e, struct jf_effect *self,
		      const struct jf_fu *fu, bool parsed)
{
	long old = pend_find(sc, fu->target), last = -1;
	for (long k = old; k >= 0; k = sc->pend[k].next) {
		last = k;
		if ((jf_kind(e->kind)->flags & JF_KF_ONCE) &&
		    (jf_kind(sc->pend[k].kind)->flags & JF_KF_ONCE)) {
			scan_problem(sc, parsed ? sc->f[JF_F_REF].line : sc->rref_line,
				     parsed ? sc->f[JF_F_REF].col : sc->rref_col, JF_SEV_ERROR,
				     "entry '%s' is voided twice (also at %s:%lu)", REFNAME(e),
				     sc->pend[k].file, sc->pend[k].ref_line);
			return;
		}
	}
	if (sc->npend == sc->cappend) {
		sc->cappend = sc->cappend ? sc->cappend * 2 : 16;
		sc->pend = jf_reallocarray(sc->pend, sc->cappend, sizeof *sc->pend);
	}
	struct pending *p = &sc->pend[sc->npend];
	memset(p, 0, sizeof *p);
	p->ref_key = fu->target;
	scan_pend_fill(sc, p, e, self, parsed);
	p->fu = *fu;
	if (last >= 0)
		sc->pend[last].next = (long)sc->npend++;
	else
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
					    "%s of unknown id '%s'", jf_kind_name(p->kind), p->ref);
			else
				jf_error(d, "%s: a cached void names an unknown id; run 'jf-check'",
					 p->file);
			sc->st = jf_status_worst(sc->st, JF_INVALID);
		}
		scan_pend_free(p);
	}
	free(sc->pend);
	free(sc->pslots);
}

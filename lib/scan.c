/* scan.c - the scanner's core: problems, delivery, notes for the cache. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "i18n.h"
#include "scan.h"

static struct jf_cache_warn *fw_new(struct scanner *sc)
{
	sc->fw = jf_grow(sc->fw, sc->nfw, &sc->capfw, 16, sizeof *sc->fw);
	struct jf_cache_warn *w = &sc->fw[sc->nfw++];
	memset(w, 0, sizeof *w);
	return w;
}

/* A warning the entry being read decides alone: note it for the file's
 * cache, as jf_diag_vadd() words it, on the record the entry will have. */
static void note_warn(struct scanner *sc, unsigned long line, unsigned long col,
		      const char *fmt, va_list ap)
{
	if (!sc->settings)
		return;
	struct jf_buf msg = JF_BUF_INIT;
	const char *t = jf_tr(fmt);
	jf_buf_vaddf(&msg, t, ap);
	struct jf_cache_warn *w = fw_new(sc);
	w->rec = (uint32_t)(sc->s->index.n - sc->file_first);
	w->line = (uint32_t)line;
	w->col = (uint32_t)col;
	w->tr = jf_hash_bytes(t, strlen(t));
	w->fmt = jf_strdup(fmt);
	w->msg = jf_buf_detach(&msg);
}

void scan_fw_clear(struct scanner *sc)
{
	for (size_t i = 0; i < sc->nfw; i++) {
		free(sc->fw[i].fmt);
		free(sc->fw[i].msg);
	}
	sc->nfw = 0;
}

void scan_replay_warn(struct scanner *sc, const struct jf_cache_warn *w)
{
	if (sc->s->warnings)
		jf_diag_add(&sc->item, JF_SEV_WARNING, sc->file, w->line, w->col, "%s", w->msg);
	struct jf_cache_warn *n = fw_new(sc);
	*n = *w;
	n->fmt = jf_strdup(w->fmt);
	n->msg = jf_strdup(w->msg);
}

/* Warnings are noted for the cache whenever it is used (so that any
 * reader's cache serves jf-check), and shown only with s->warnings. */
void scan_problem(struct scanner *sc, unsigned long line, unsigned long col,
		  enum jf_severity sev, const char *fmt, ...)
{
	va_list ap;
	if (sev == JF_SEV_WARNING) {
		va_start(ap, fmt);
		note_warn(sc, line, col, fmt, ap);
		va_end(ap);
		if (!sc->s->warnings)
			return;
	}
	va_start(ap, fmt);
	jf_diag_vadd(&sc->item, sev, sc->file, line, col, fmt, ap);
	va_end(ap);
}

/* Move the current item's problems into the caller's diagnostics. */
void scan_flush_item(struct scanner *sc)
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

enum jf_status scan_deliver(struct scanner *sc, const struct jf_entry *e)
{
	sc->s->entries++;
	if (!sc->fn)
		return JF_OK;
	return sc->fn(sc->ctx, e);
}

const char *scan_fs(const struct scanner *sc, enum jf_field f)
{
	return sc->f[f].set ? sc->f[f].v.s : NULL;
}

/* Note follow-up number rec of the current file (counted within the
 * file) for its cache. */
void scan_file_void(struct scanner *sc, size_t rec, const struct jf_fu *fu, const char *ref,
		    unsigned long rline, unsigned long rcol)
{
	if (!sc->settings)
		return;
	if (sc->nfv == sc->capfv) {
		sc->capfv = sc->capfv ? sc->capfv * 2 : 16;
		sc->fv = jf_reallocarray(sc->fv, sc->capfv, sizeof *sc->fv);
	}
	memset(&sc->fv[sc->nfv], 0, sizeof sc->fv[sc->nfv]);
	sc->fv[sc->nfv].rec = (uint32_t)rec;
	sc->fv[sc->nfv].target.key = fu->target; /* the rest when saved */
	sc->fv[sc->nfv].fu = *fu;
	if (ref && strlen(ref) < sizeof sc->fv[sc->nfv].ref)
		strcpy(sc->fv[sc->nfv].ref, ref);
	sc->fv[sc->nfv].ref_line = (uint32_t)rline;
	sc->fv[sc->nfv].ref_col = (uint32_t)rcol;
	sc->nfv++;
}

static void kproblem(struct jf_kcheck *kc, enum jf_field f, enum jf_severity sev,
		     const char *fmt, va_list ap)
{
	struct kcheck *k = (struct kcheck *)kc;
	struct scanner *sc = k->sc;
	unsigned long line = k->at_ref ? k->rline : sc->f[f].line;
	unsigned long col = k->at_ref ? k->rcol : sc->f[f].col;
	if (sev == JF_SEV_WARNING) {
		/* one about a follow-up and its target: worked out each time */
		if (!k->at_ref) {
			va_list aq;
			va_copy(aq, ap);
			note_warn(sc, line, col, fmt, aq);
			va_end(aq);
		}
		if (!sc->s->warnings)
			return;
	}
	jf_diag_vadd(&sc->item, sev, sc->file, line, col, fmt, ap);
}

/* The text of field f of the entry being read (kind.h: text). */
static const char *ktext(struct jf_kcheck *kc, enum jf_field f)
{
	return scan_fs(((struct kcheck *)kc)->sc, f);
}

void scan_kcheck_init(struct kcheck *k, struct scanner *sc)
{
	memset(k, 0, sizeof *k);
	k->kc.b = sc->b;
	k->kc.warnings = sc->s->warnings || sc->settings;
	k->kc.problem = kproblem;
	k->kc.text = ktext;
	k->sc = sc;
}

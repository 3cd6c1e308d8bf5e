/* scan.c - the scanner's core: problems, delivery, notes for the cache. */
#include <string.h>

#include "alloc.h"
#include "scan.h"

void scan_problem(struct scanner *sc, unsigned long line, unsigned long col,
		  enum jf_severity sev, const char *fmt, ...)
{
	va_list ap;
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
void scan_file_void(struct scanner *sc, size_t rec, const struct jf_fu *fu)
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
	sc->nfv++;
}

static void kproblem(struct jf_kcheck *kc, enum jf_field f, enum jf_severity sev,
		     const char *fmt, va_list ap)
{
	struct kcheck *k = (struct kcheck *)kc;
	struct scanner *sc = k->sc;
	unsigned long line = k->at_ref ? k->rline : sc->f[f].line;
	unsigned long col = k->at_ref ? k->rcol : sc->f[f].col;
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
	k->kc.warnings = sc->s->warnings;
	k->kc.problem = kproblem;
	k->kc.text = ktext;
	k->sc = sc;
}

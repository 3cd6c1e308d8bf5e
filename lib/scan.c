/* scan.c - the scanner's core: problems, delivery, notes for the cache. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "fileio.h"
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

void scan_note_pos(struct scanner *sc, unsigned long line, unsigned long col)
{
	if (!sc->settings)
		return;
	sc->fpos = jf_grow(sc->fpos, sc->nfpos, &sc->capfpos, 64, sizeof *sc->fpos);
	sc->fpos[sc->nfpos++] = (struct jf_cache_pos){ 0, 0, (uint32_t)line, (uint32_t)col };
}

void jf_etexts_init(struct jf_etexts *t)
{
	for (int i = 0; i < JF_NFIELDS; i++)
		jf_buf_init(&t->v[i]);
	t->has = 0;
}

void jf_etexts_release(struct jf_etexts *t)
{
	for (int i = 0; i < JF_NFIELDS; i++)
		jf_buf_release(&t->v[i]);
	t->has = 0;
}

bool scan_reread(const char *root, const char *file, uint64_t fid, uint64_t off, uint64_t len,
		 unsigned long off_line, unsigned long line, unsigned long col,
		 struct jf_etexts *t)
{
	struct jf_buf path = JF_BUF_INIT;
	struct jf_diags ignore = JF_DIAGS_INIT;
	struct jf_yread r;
	struct jf_yev ev;
	bool ok = false;

	t->has = 0;
	if (!len || len > JF_LEDGER_MAX_BYTES || !off_line)
		return false;
	jf_buf_addf(&path, "%s/%s", root, file);
	int fd = open(path.s, O_RDONLY | O_CLOEXEC);
	jf_buf_release(&path);
	if (fd < 0)
		return false;
	char *mem = jf_malloc((size_t)len);
	ssize_t got = jf_pread_all(fd, mem, (size_t)len, (off_t)off);
	/* after the read: a change before it or during it shows in the ctime */
	struct stat st;
	bool same = !fid || (fstat(fd, &st) == 0 && jf_fid_of(&st) == fid);
	close(fd);
	if (got != (ssize_t)len || !same) {
		free(mem);
		return false;
	}
	jf_yread_mem(&r, mem, (size_t)len, file, &jf_ledger_limits, &ignore);
	jf_yread_set(&r, &(struct jf_yread_opts){ .line_base = off_line - 1 });
	int rc;
	while ((rc = jf_yread_next(&r, &ev)) > 0 &&
	       (ev.type == JF_YEV_DOC_START || ev.type == JF_YEV_SEQ_START))
		;
	if (rc > 0 && ev.type == JF_YEV_MAP_START && ev.line == line && ev.col == col) {
		for (;;) {
			struct jf_yev v;
			if (jf_yread_next(&r, &ev) <= 0 || ev.type == JF_YEV_MAP_END)
				break;
			if (ev.type != JF_YEV_SCALAR)
				goto done;
			int fi = jf_field_lookup(ev.value, ev.len);
			if (fi < 0 && strncmp(ev.value, "x-", 2))
				goto done;
			if (fi >= 0 && (t->has & JF_FB(fi)))
				goto done; /* a key twice: not the entry that was read */
			if (jf_yread_next(&r, &v) <= 0 || v.type != JF_YEV_SCALAR)
				goto done;
			if (fi < 0)
				continue;
			t->has |= JF_FB(fi);
			jf_buf_reset(&t->v[fi]);
			jf_buf_add(&t->v[fi], v.value, v.len);
		}
		ok = ev.type == JF_YEV_MAP_END;
	}
done:
	(void)jf_yread_close(&r);
	free(mem);
	jf_diags_release(&ignore);
	return ok;
}

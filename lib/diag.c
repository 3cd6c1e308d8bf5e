/* diag.c - collected diagnostics. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "i18n.h"

void jf_diags_init(struct jf_diags *d)
{
	memset(d, 0, sizeof *d);
}

void jf_diags_release(struct jf_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	jf_diags_init(d);
}

void jf_diags_move(struct jf_diags *to, struct jf_diags *from)
{
	for (size_t i = 0; i < from->n; i++)
		jf_diag_add(to, from->v[i].sev, from->v[i].file, from->v[i].line, from->v[i].col,
			    "%s", from->v[i].msg);
	jf_diags_release(from);
}

void jf_diag_vadd(struct jf_diags *d, enum jf_severity sev, const char *file,
		  unsigned long line, unsigned long col, const char *fmt, va_list ap)
{
	struct jf_buf msg = JF_BUF_INIT;
	struct jf_diag *g;

	if (sev == JF_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->n >= JF_DIAG_MAX) {
		d->dropped++;
		return;
	}
	d->v = jf_grow(d->v, d->n, &d->cap, 8, sizeof *d->v);
	jf_buf_vaddf(&msg, jf_tr(fmt), ap); /* every library message: i18n.h */
	g = &d->v[d->n++];
	g->sev = sev;
	g->file = file ? jf_strdup(file) : NULL;
	g->line = line;
	g->col = col;
	g->msg = jf_buf_detach(&msg);
}

void jf_diag_add(struct jf_diags *d, enum jf_severity sev, const char *file,
		 unsigned long line, unsigned long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_diag_vadd(d, sev, file, line, col, fmt, ap);
	va_end(ap);
}

void jf_error_at(struct jf_diags *d, const char *file, unsigned long line,
		 unsigned long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_diag_vadd(d, JF_SEV_ERROR, file, line, col, fmt, ap);
	va_end(ap);
}

void jf_error(struct jf_diags *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	jf_diag_vadd(d, JF_SEV_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void jf_diag_format(const struct jf_diag *g, struct jf_buf *out)
{
	if (g->file) {
		jf_buf_adds(out, g->file);
		if (g->line) {
			jf_buf_addf(out, ":%lu", g->line);
			if (g->col)
				jf_buf_addf(out, ":%lu", g->col);
		}
		jf_buf_adds(out, ": ");
	}
	if (g->sev == JF_SEV_WARNING)
		jf_buf_adds(out, jf_tr("warning: "));
	jf_buf_adds(out, g->msg);
}

void jf_diags_format(const struct jf_diags *d, const char *prog, struct jf_buf *out)
{
	for (size_t i = 0; i < d->n; i++) {
		jf_buf_addf(out, "%s: ", prog);
		jf_diag_format(&d->v[i], out);
		jf_buf_addc(out, '\n');
	}
	if (d->dropped)
		jf_buf_addf(out, jf_tr("%s: %zu more problem%s not shown\n"), prog,
			    d->dropped, d->dropped == 1 ? "" : "s");
}

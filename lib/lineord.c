/* lineord.c - lines of entries kept in ledger order (lineord.h). */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "entry.h"
#include "ledger.h"
#include "lineord.h"

const char *jf_lfiles_intern(struct jf_lfiles *f, const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = f->n; i > 0; i--)
		if (!strcmp(f->v[i - 1], name))
			return f->v[i - 1];
	f->v = jf_reallocarray(f->v, f->n + 1, sizeof *f->v);
	return f->v[f->n++] = jf_strdup(name);
}

void jf_lfiles_free(struct jf_lfiles *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

enum jf_status jf_ltexts_read(struct jf_ltexts *t, const struct jf_book *b,
			      const struct jf_entry *e, struct jf_diags *d)
{
	struct jf_etexts et;
	struct jf_entry x;
	jf_etexts_init(&et);
	enum jf_status st = jf_entry_texts(b, e, &x, &et, d);
	if (st == JF_OK) {
		t->id = jf_strdup_or_null(x.id);
		t->at = jf_strdup_or_null(x.at);
		t->by = jf_strdup_or_null(x.by);
		t->note = jf_strdup_or_null(x.note);
		t->reason = jf_strdup_or_null(x.reason);
		t->ref = jf_strdup_or_null(x.ref);
		t->reviewer = jf_strdup_or_null(x.reviewer);
	}
	jf_etexts_release(&et);
	return st;
}

void jf_ltexts_free(struct jf_ltexts *t)
{
	free(t->id); free(t->at); free(t->by); free(t->note);
	free(t->reason); free(t->ref); free(t->reviewer);
}

int jf_lpos_cmp(const struct jf_lpos *x, const struct jf_lpos *y)
{
	if (x->file && y->file) {
		int c = x->file == y->file ? 0 : strcmp(x->file, y->file);
		if (c)
			return c;
		if (x->line != y->line)
			return x->line < y->line ? -1 : 1;
	}
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* listout.c - what the entry lists write alike (listout.h). */
#include "i18n.h"
#include "listout.h"

void jf_list_format(const struct jf_list_out *o, const struct jf_book *b, enum jf_format f,
		    size_t n, const void *ctx, struct jf_buf *out)
{
	if (f == JF_FMT_JSON) {
		jf_json_array(out, n, o->json, ctx);
		return;
	}
	struct jf_table *t = jf_tr_table(b->lang, f, o->heads, o->ncols, o->right);
	for (size_t i = 0; i < n; i++) {
		jf_table_row(t);
		o->row(t, ctx, i);
	}
	jf_table_write(t, f, out);
	jf_table_free(t);
}

void jf_list_sheet(const struct jf_book *b, enum jf_paper paper, jf_date printed,
		   const char *cls, enum jf_label title, size_t n, int empty,
		   int (*village)(const void *ctx, size_t i),
		   void (*page)(struct jf_print *p, const void *ctx, int v, size_t from, size_t to),
		   const void *ctx, struct jf_buf *out)
{
	struct jf_buf t = JF_BUF_INIT;
	jf_buf_addf(&t, "%s%s%s", b->township, b->lang == JF_LANG_ZH ? "" : " ",
		    jf_label(b->lang, title));
	struct jf_print *p = jf_print_new(b, paper, printed, cls, t.s);
	jf_print_villages(p, n, empty, village, page, ctx);
	jf_print_finish(p, out);
	jf_print_free(p);
	jf_buf_release(&t);
}

bool jf_list_table(struct jf_print *p, const struct jf_book *b, const char *cls, bool rows,
		   enum jf_label none, const struct jf_list_col *cols, size_t ncols)
{
	struct jf_print_col pc[16];
	jf_print_section(p, cls, NULL, false);
	if (!rows) {
		jf_print_text(p, "none", jf_label(b->lang, none));
		return false;
	}
	if (ncols > sizeof pc / sizeof *pc)
		ncols = sizeof pc / sizeof *pc;
	for (size_t i = 0; i < ncols; i++)
		pc[i] = (struct jf_print_col){ jf_label(b->lang, cols[i].head), cols[i].num };
	jf_print_table(p, cls, pc, ncols);
	return true;
}

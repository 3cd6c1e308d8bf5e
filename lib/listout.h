/* listout.h - what the entry lists write alike (review_list.c, wish_list.c).
 *
 * A list (jf-review list, jf-wish list) is an array of items sorted by
 * village.  As data it is one table row per item (aligned text, TSV, CSV;
 * table.h) or a JSON array of one object per item, the table's columns
 * named by the objects' keys; printed (print.h) it is a sheet of a page
 * per village, each page one table of the village's items.
 */
#ifndef JF_LISTOUT_H
#define JF_LISTOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "book.h"
#include "buf.h"
#include "format.h"
#include "json.h"
#include "labels.h"
#include "print.h"
#include "table.h"

/* How a list is written as data. */
struct jf_list_out {
	const char *const *heads;   /* the columns: the JSON keys, N_()-marked,
				     * translated in text (jf_tr_col) */
	size_t ncols;
	unsigned long long right;   /* bit i set: column i right-aligned */
	void (*json)(struct jf_json *j, const void *ctx, size_t i); /* item i's object */
	void (*row)(struct jf_table *t, const void *ctx, size_t i); /* its cells */
};

/* The n items of ctx, as o says, in format f of book b. */
void jf_list_format(const struct jf_list_out *o, const struct jf_book *b, enum jf_format f,
		    size_t n, const void *ctx, struct jf_buf *out);

/* The printed sheet of a list, titled the township and `title`: page() for
 * each village's run of the n items (village(ctx, i): item i's), or once
 * for `empty` when there are none (print.h: jf_print_villages). */
void jf_list_sheet(const struct jf_book *b, enum jf_paper paper, jf_date printed,
		   const char *cls, enum jf_label title, size_t n, int empty,
		   int (*village)(const void *ctx, size_t i),
		   void (*page)(struct jf_print *p, const void *ctx, int v, size_t from, size_t to),
		   const void *ctx, struct jf_buf *out);

/* A column of a printed page's table: its label, right-aligned figures. */
struct jf_list_col {
	enum jf_label head;
	bool num;
};

/* A page's list: section cls (no heading), then, with no rows, the text
 * `none` (false), else the head of its table of ncols columns (true). */
bool jf_list_table(struct jf_print *p, const struct jf_book *b, const char *cls, bool rows,
		   enum jf_label none, const struct jf_list_col *cols, size_t ncols);

#endif

/* print.h - printed pages: one self-contained HTML file made of sections.
 *
 * Every page jf prints (the report, the notice board, the passbooks; later
 * the 公示 sheet, the wish wall and the stars board) comes from this one
 * writer (SPEC 4.5), so they share the paper (A4 or A5), the type sizes
 * (12 pt or more in print), the header (title, place, period) and the
 * `notice:` foot (contact and phone from jf.yaml, and the date printed).
 * The file has inline CSS, inline SVG, no script, and fetches nothing.
 *
 * A caller starts a page (jf_print_page: a new sheet of paper when
 * printed, with the shared header; the page before it gets its foot), then
 * adds sections to it: a heading, tables, text blocks, charts.  A section
 * marked keep (a chart and its table, a short list) is never split across
 * two sheets; other sections flow, their table header repeated on each
 * sheet, so no sheet is left half empty for a long table.  Every text is
 * escaped here; callers pass plain UTF-8.
 *
 *	struct jf_print *p = jf_print_new(b, JF_PAPER_A4, today, "passbook", "积分存折");
 *	jf_print_page(p, &(struct jf_print_head){ "积分存折", "龙渠乡 下堡村", NULL, NULL });
 *	jf_print_section(p, NULL, NULL, false);
 *	jf_print_table(p, "passbook", cols, 5);
 *	jf_print_row(p, NULL, cells);
 *	jf_print_finish(p, &out);
 *	jf_print_free(p);
 */
#ifndef JF_PRINT_H
#define JF_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "book.h"
#include "buf.h"
#include "labels.h"
#include "svg.h"

enum jf_paper { JF_PAPER_A4, JF_PAPER_A5 };

/* Parse "a4" or "a5" (any case); false for anything else. */
bool jf_paper_parse(const char *s, enum jf_paper *out);

/* The header of a page; NULL members are left out. */
struct jf_print_head {
	const char *title;      /* "下堡村积分公示" */
	const char *place;      /* "龙渠乡 下堡村" */
	const char *sub;        /* a line of its own: "户号 XB-017　户主 司学霞" */
	const char *period;     /* "2026-11：2026-11-01 至 2026-11-30" */
};

/* A column of a table. */
struct jf_print_col {
	const char *head;       /* its header */
	bool num;               /* right-aligned figures */
};

struct jf_print;

/* A new document of book b (borrowed; it gives the language and the
 * notice: foot) on paper, printed on the day `printed` (shown at each
 * page's foot), with the class cls on <body> ("report", "notice",
 * "passbook": CSS of that kind of page) and the <title> title.  Free with
 * jf_print_free(). */
struct jf_print *jf_print_new(const struct jf_book *b, enum jf_paper paper, jf_date printed,
			      const char *cls, const char *title);
void jf_print_free(struct jf_print *p);

/* Start a page with header h (borrowed for the call): ends the section and
 * the page before it (with its foot); printed, it begins a new sheet.
 * cls: a class for the page ("village"), or NULL. */
void jf_print_page(struct jf_print *p, const char *cls, const struct jf_print_head *h);
/* Sheets of one page per village (the 公示 sheet, the wish wall): the
 * page of village v (-1: the township) titled "[village ]label", its
 * period "as of DATE". */
void jf_print_village_page(struct jf_print *p, const char *cls, int v, enum jf_label label,
			   jf_date as_of);
/* The pages of n items sorted by village: page(p, ctx, v, from, to) for
 * each run [from, to) of one village v (village(ctx, i): item i's), or,
 * with no items, once for village `empty` (-1: the township). */
void jf_print_villages(struct jf_print *p, size_t n, int empty,
		       int (*village)(const void *ctx, size_t i),
		       void (*page)(struct jf_print *p, const void *ctx, int v, size_t from,
				    size_t to),
		       const void *ctx);
/* Start a section of the current page (ending the one before), with the
 * heading `heading` (NULL: none) and the class cls (NULL: none); keep: never
 * split across sheets. */
void jf_print_section(struct jf_print *p, const char *cls, const char *heading, bool keep);
/* Begin (on) or end (off) a band of sections side by side (two short
 * lists next to each other, each a section of its own); a page or the end
 * of the document ends it too. */
void jf_print_band(struct jf_print *p, bool on);
/* A paragraph of text in the current section, with class cls (NULL: none). */
void jf_print_text(struct jf_print *p, const char *cls, const char *text);
/* Start a table of n columns (cols borrowed for the call), class cls; rows
 * follow; it ends with the section or the next table. */
void jf_print_table(struct jf_print *p, const char *cls, const struct jf_print_col *cols,
		    size_t n);
/* A row of the open table: n cells as the table has columns (NULL: empty),
 * with class cls ("total", "low", "carry"; NULL: none).  Ignored with no
 * table open. */
void jf_print_row(struct jf_print *p, const char *cls, const char *const *cells);
/* A chart (svg.c) in the current section: horizontal bars, or columns. */
void jf_print_chart(struct jf_print *p, const struct jf_svg_chart *c, bool columns);
/* End the document and append it to out: doctype, head with the CSS,
 * the pages, each ended with its foot.  Call once. */
void jf_print_finish(struct jf_print *p, struct jf_buf *out);

/* The foot's words and the page's size, for tests: "A4" or "A5". */
const char *jf_paper_name(enum jf_paper paper);

#endif

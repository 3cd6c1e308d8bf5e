/* report_view.h - the sections of a finished report as rows of typed cells.
 *
 * Between the model (report.h) and the writers (report_text.c,
 * report_html.c, report_csv.c, report_json.c).  A view is one section —
 * the honor roll of a village, the goods redeemed, the voids and
 * adjustments — already filtered (the villages asked for, the goods that
 * moved, ...), with its columns and its rows.  A cell keeps its value and
 * its type, not a text: points stay points, a void's "what" stays a code
 * and a quantity.  Each writer decides how a type reads in its format.
 *
 * A column says where it shows in each format: its JSON key (NULL: not in
 * JSON; JSON members come in column order), its place in the CSV record
 * (enum jf_csv_col, JF_NOCOL: none), its place in the table of text,
 * Markdown and HTML (grid) and in the brief table of text (brief), with the
 * table's header label.  So one list of columns serves every format, and
 * adding a column to a section is one line in its builder.
 *
 * Example: print the households of the honor roll of village 0:
 *
 *	struct jf_view v;
 *	jf_view_ranks(r, false, 0, &v);
 *	for (size_t i = 0; i < v.nrows; i++)
 *		printf("%s\n", jf_view_at(&v, i, 3)->s);   (column 3: household)
 *	jf_view_release(&v);
 */
#ifndef JF_REPORT_VIEW_H
#define JF_REPORT_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "labels.h"
#include "report.h"

enum jf_cell_type {
	JF_CELL_NONE,   /* nothing: an empty cell, no JSON member */
	JF_CELL_TEXT,   /* s (NULL: empty, JSON null) */
	JF_CELL_INT,    /* n */
	JF_CELL_POINTS, /* n, points */
	JF_CELL_DATE,   /* n, a jf_date */
	JF_CELL_BOOL,   /* n (0 or 1); m: the low-stock bound a true one is at */
	JF_CELL_WEEK,   /* n: ISO year, m: week: "2026-W48" */
	JF_CELL_KIND,   /* n: enum jf_kind; m: a void's target kind, or -1 */
	JF_CELL_WHAT,   /* s: activity or item code, n: qty, m: its kind */
	JF_CELL_LABEL,  /* n: enum jf_label */
};

struct jf_cell {
	enum jf_cell_type type;
	const char *s;          /* borrowed from the book or the report */
	int64_t n, m;
};

/* The columns of the CSV (and TSV) record, the same for every section. */
enum jf_csv_col {
	JF_C_FROM, JF_C_TO, JF_C_SECTION, JF_C_VILLAGE, JF_C_KEY, JF_C_NAME, JF_C_RANK,
	JF_C_ENTRIES, JF_C_QTY, JF_C_EARNED, JF_C_DEDUCTED, JF_C_ADJUSTED, JF_C_REDEEMED,
	JF_C_POINTS, JF_C_HOUSEHOLDS, JF_C_OUTSTANDING, JF_C_STOCK, JF_C_LOW, JF_C_DATE,
	JF_C_ID, JF_C_KIND, JF_C_REF, JF_C_REF_KIND, JF_C_WHAT, JF_C_REASON, JF_C_BY,
	/* books with expiry:, with review: only (SPEC 4.0: after the others) */
	JF_C_EXPIRED, JF_C_NOTICE_FROM, JF_C_NOTICE_TO, JF_C_COUNTS_FROM,
	/* books with the wish wall or volunteers (SPEC 4.3) only */
	JF_C_POSTED, JF_C_TAKEN, JF_C_DONE, JF_C_DROPPED, JF_C_OPEN, JF_C_AGE_DAYS, JF_C_TEAM,
	JF_C_VOLUNTEERS, JF_C_HOURS, JF_C_TOTAL_HOURS,
	JF_NCSV
};
#define JF_NOCOL (-1)

/* The CSV header of column c: "from", "to", "section", ... */
const char *jf_csv_col_name(int c);
/* Does report r's CSV have column c?  JF_C_EXPIRED only in books with
 * expiry:, the notice columns only in books with review:, the wish and
 * hours columns only in books with the wish wall (r->wishes_on). */
bool jf_csv_col_on(const struct jf_report *r, int c);

#define JF_VIEW_COLS 16

enum {
	JF_COL_NUM = 1,     /* right-aligned in tables */
	JF_COL_SIGNED = 2,  /* points with their sign in tables: "+5" */
};

struct jf_col {
	const char *key;        /* JSON key, or NULL */
	int csv;                /* enum jf_csv_col, or JF_NOCOL */
	int grid, brief;        /* place in the table and in the brief one, or -1 */
	enum jf_label label;    /* the table header */
	unsigned flags;         /* JF_COL_* */
};

enum {
	JF_ROW_TOTAL = 1,   /* a total of the rows above: tables only */
	JF_ROW_LOW = 2,     /* stock at or below the low mark */
};

struct jf_view {
	const struct jf_report *r;
	const char *csv;        /* the CSV section name: "rule" */
	const char *json;       /* the JSON member: "rules" */
	const char *cls;        /* the HTML table's class */
	enum jf_label title;    /* the section heading */
	bool one;               /* a single row: a JSON object, a figure/value table */
	size_t ncols, ngrid, nbrief;
	struct jf_col cols[JF_VIEW_COLS];
	struct jf_cell *cells;  /* nrows * ncols */
	unsigned char *flags;   /* per row: JF_ROW_* */
	size_t nrows;
};

/* The sections.  v: a village, or -1 for every village the report covers
 * (with a village column in tables); for goods also -2: summed over the
 * villages, one row per item.  Free each with jf_view_release(). */
void jf_view_totals(const struct jf_report *r, int v, struct jf_view *out);
void jf_view_villages(const struct jf_report *r, struct jf_view *out);
void jf_view_categories(const struct jf_report *r, struct jf_view *out);
void jf_view_rules(const struct jf_report *r, struct jf_view *out);
/* The honor roll, or with losers the households that lost points. */
void jf_view_ranks(const struct jf_report *r, bool losers, int v, struct jf_view *out);
void jf_view_goods(const struct jf_report *r, int v, struct jf_view *out);
void jf_view_stock(const struct jf_report *r, int v, struct jf_view *out);
void jf_view_trend(const struct jf_report *r, struct jf_view *out);
void jf_view_reviews(const struct jf_report *r, struct jf_view *out);
/* Books with review: the entries on notice on the period's last day. */
void jf_view_on_notice(const struct jf_report *r, int v, struct jf_view *out);
/* 星级文明户: every household rated, most stars first (empty unless
 * r->stars_on). */
void jf_view_stars(const struct jf_report *r, int v, struct jf_view *out);
/* Books with the wish wall (SPEC 4.3): the period's wishes (one row), and
 * the hours of service by team and by volunteer. */
void jf_view_wishes(const struct jf_report *r, int v, struct jf_view *out);
void jf_view_team_hours(const struct jf_report *r, int v, struct jf_view *out);
void jf_view_volunteer_hours(const struct jf_report *r, int v, struct jf_view *out);
void jf_view_release(struct jf_view *v);

/* The tables' columns: at[p] is the column shown at place p, for the
 * full table or the brief one; returns the number of places. */
size_t jf_view_places(const struct jf_view *v, bool brief, size_t at[JF_VIEW_COLS]);
/* Cell c of row i. */
const struct jf_cell *jf_view_at(const struct jf_view *v, size_t i, size_t c);
/* Append cell c of row i as the tables show it, in the book's language. */
void jf_view_show(const struct jf_view *v, size_t i, size_t c, struct jf_buf *out);
/* The label l in the report's language. */
const char *jf_view_label(const struct jf_report *r, enum jf_label l);

/* A section by name, for the writers' lists of them. */
enum jf_section {
	JF_SEC_TOTALS, JF_SEC_VILLAGES, JF_SEC_CATEGORIES, JF_SEC_RULES,
	JF_SEC_HONOR, JF_SEC_LOSERS, JF_SEC_GOODS, JF_SEC_STOCK, JF_SEC_TREND,
	JF_SEC_REVIEWS, JF_SEC_ON_NOTICE, JF_SEC_STARS,
	JF_SEC_WISHES, JF_SEC_TEAM_HOURS, JF_SEC_VOLUNTEER_HOURS,
};
/* Section s for village v (as above; the sections without a village
 * ignore it) into *out, and true; false, out untouched, for a section the
 * report leaves out: the losers without opts.deductions, the stars
 * without r->stars_on, the wishes and hours without r->wishes_on. */
bool jf_view_section(const struct jf_report *r, enum jf_section s, int v,
		     struct jf_view *out);

/* Call fn with each section of the report, every village together, in the
 * order text, CSV and JSON show them: totals, villages, categories, rules,
 * honor roll, deductions (with opts.deductions), goods, stock, trend,
 * reviews, on notice (books with review:), stars, wishes, hours by team
 * and by volunteer (books with the wish wall).  fn owns the view (it calls jf_view_release). */
typedef void (*jf_view_fn)(void *ctx, struct jf_view *v);
void jf_view_each(const struct jf_report *r, jf_view_fn fn, void *ctx);

/* The title: "龙渠乡 下堡村 points report" (appended to out). */
void jf_view_title(const struct jf_report *r, struct jf_buf *out);
/* The period: "2026-W44: 2026-10-26 to 2026-11-01". */
void jf_view_period(const struct jf_report *r, struct jf_buf *out);

/* The writers, one per format family (jf_report_format() picks). */
void jf_report_text(const struct jf_report *r, bool markdown, struct jf_buf *out);
void jf_report_html(const struct jf_report *r, struct jf_buf *out);
/* The notice board of village r->o.village (opts.notice; report_notice.c). */
void jf_report_notice(const struct jf_report *r, struct jf_buf *out);
void jf_report_csv(const struct jf_report *r, bool tsv, struct jf_buf *out);
void jf_report_json(const struct jf_report *r, struct jf_buf *out);

#endif

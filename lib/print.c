/* print.c - the one HTML print writer: pages of sections, one self-contained
 * file (see print.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "labels.h"
#include "print.h"

struct jf_print {
	const struct jf_book *b;
	enum jf_paper paper;
	jf_date printed;
	const char *cls, *title;
	struct jf_buf body;
	size_t ncols;           /* of the open table, 0: none */
	bool numv[64];
	bool in_page, in_section, in_band;
	size_t pages;
};

/* The CSS every printed page shares.  Sizes are in pt so that print and
 * screen agree; nothing below 12 pt. */
static const char css[] =
	"body{font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",\"Source Han Sans SC\","
	"\"WenQuanYi Micro Hei\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
	"font-size:12pt;line-height:1.4;color:#000;background:#fff;margin:1em auto;padding:0 1em}\n"
	"body.a4{max-width:186mm}\nbody.a5{max-width:128mm}\n"
	".page+.page{margin-top:2em;padding-top:1em;border-top:3px double #888}\n"
	"header.head{text-align:center;margin:0 0 .6em}\n"
	"header.head h1{font-size:20pt;margin:0 0 .15em;letter-spacing:.05em}\n"
	"header.head p{margin:0}\n"
	".place{font-size:13pt}\n.sub{font-size:14pt;font-weight:bold;margin:.2em 0}\n"
	".period{font-size:12pt}\n"
	"h2{font-size:14pt;margin:.8em 0 .3em;padding-bottom:.1em;border-bottom:1.5px solid #444}\n"
	"table{border-collapse:collapse;width:100%;margin:.2em 0 .5em;font-size:12pt}\n"
	"th,td{border:1px solid #666;padding:3px 6px;text-align:left;vertical-align:top}\n"
	"th{background:#e8e8e8;font-weight:bold}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"tr.total td{font-weight:bold;background:#f3f3f3}\n"
	"tr.carry td{font-style:italic;background:#f6f6f6}\n"
	"tr.low td{background:#fdecea;color:#b71c1c;font-weight:bold}\n"
	"td.code{word-break:break-all;font-family:monospace}\n"
	/* the report's review list: ids wrap rather than widen the page */
	"table.review td:nth-last-child(-n+2){font-family:monospace;word-break:break-all;min-width:9ch}\n"
	"p.none{color:#333;font-style:italic;margin:.2em 0 .5em}\n"
	"p.text{margin:.3em 0}\n"
	"div.band{display:flex;gap:0 6mm;align-items:flex-start}\ndiv.band>section{flex:1 1 0;min-width:0}\n"
	"svg.chart{display:block;max-width:100%;height:auto;margin:.3em auto}\n"
	"footer.foot{margin-top:1em;padding-top:.3em;border-top:1px solid #666;font-size:12pt;"
	"display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 2em}\n"
	/* the notice board: big enough to read on the wall */
	"body.notice table{font-size:13pt;line-height:1.3}\nbody.notice th,body.notice td{padding:2px 8px}\n"
	"body.notice h2{font-size:15pt}\nbody.notice header.head h1{font-size:26pt}\n"
	"body.passbook table{font-size:12pt}\nbody.passbook td:first-child{white-space:nowrap}\n"
	/* the 公示 sheet (jf-review list): read on the wall; ids, names,
	 * dates and points never broken across lines */
	"body.review-sheet table{font-size:13pt;line-height:1.35}\n"
	"body.review-sheet header.head h1{font-size:26pt}\n"
	"table.under-review td:nth-child(-n+3),table.under-review td.num{white-space:nowrap}\n"
	"table.under-review td:nth-child(4),table.under-review td:nth-child(6){word-break:keep-all}\n"
	"table.under-review td:nth-child(7){white-space:pre}\n"
	"body.review-sheet p.hint{font-size:13pt;margin:.6em 0}\n"
	/* the wish wall (jf-wish list): dates, names and ages never broken; a
	 * wish up too long in bold, with its words in the state column */
	"body.wish-wall table{font-size:12pt;line-height:1.35}\n"
	"body.wish-wall header.head h1{font-size:26pt}\n"
	"body.wish-wall table.wishes td:nth-child(-n+2){white-space:nowrap}\n"
	"body.wish-wall table.wishes td:nth-child(3),"
	"body.wish-wall table.wishes td:nth-child(n+5){white-space:pre}\n"
	"body.wish-wall table.wishes th{white-space:nowrap}\n"
	"body.wish-wall table.wishes td:nth-child(4){white-space:pre-line;overflow-wrap:anywhere;min-width:8em}\n"
	"body.wish-wall table.wishes tr.late td{font-weight:bold;background:#fdecea}\n"
	"body.wish-wall table.wishes tr.late td:last-child{color:#b71c1c}\n"
	"body.wish-wall table.menu td:first-child{word-break:keep-all}\n"
	"body.wish-wall table.menu td:last-child{font-family:monospace;white-space:nowrap}\n"
	"body.wish-wall p.hint{font-size:13pt;margin:.6em 0}\n"
	/* a volunteer's service record (jf-log --volunteer) */
	"table.service td:first-child,table.service td.num{white-space:nowrap}\n"
	"@media print{body{margin:0;padding:0;max-width:none}"
	".page+.page{break-before:page;page-break-before:always;margin:0;padding:0;border:none}"
	"section.keep{break-inside:avoid;page-break-inside:avoid}"
	"h1,h2{break-after:avoid;page-break-after:avoid}"
	"tr,svg{break-inside:avoid;page-break-inside:avoid}"
	"thead{display:table-header-group}"
	"footer.foot{break-inside:avoid;page-break-inside:avoid}}\n";

bool jf_paper_parse(const char *s, enum jf_paper *out)
{
	if (!strcasecmp(s, "a4"))
		*out = JF_PAPER_A4;
	else if (!strcasecmp(s, "a5"))
		*out = JF_PAPER_A5;
	else
		return false;
	return true;
}

const char *jf_paper_name(enum jf_paper paper)
{
	return paper == JF_PAPER_A5 ? "A5" : "A4";
}

struct jf_print *jf_print_new(const struct jf_book *b, enum jf_paper paper, jf_date printed,
			      const char *cls, const char *title)
{
	struct jf_print *p = jf_calloc(1, sizeof *p);
	*p = (struct jf_print){ .b = b, .paper = paper, .printed = printed, .cls = cls,
				.title = title, .body = JF_BUF_INIT };
	return p;
}

void jf_print_free(struct jf_print *p)
{
	if (!p)
		return;
	jf_buf_release(&p->body);
	free(p);
}

static const char *label(const struct jf_print *p, enum jf_label l)
{
	return jf_label(p->b->lang, l);
}

static void end_table(struct jf_print *p)
{
	if (p->ncols)
		jf_buf_adds(&p->body, "</tbody>\n</table>\n");
	p->ncols = 0;
}

static void end_section(struct jf_print *p)
{
	end_table(p);
	if (p->in_section)
		jf_buf_adds(&p->body, "</section>\n");
	p->in_section = false;
}

/* "label：value" (Chinese) or "label: value" into the foot. */
static void foot_item(struct jf_print *p, enum jf_label l, const char *v)
{
	jf_buf_adds(&p->body, "<span>");
	jf_xml_escape(&p->body, label(p, l));
	jf_buf_adds(&p->body, p->b->lang == JF_LANG_ZH ? "：" : ": ");
	jf_xml_escape(&p->body, v);
	jf_buf_adds(&p->body, "</span>");
}

void jf_print_band(struct jf_print *p, bool on)
{
	end_section(p);
	if (p->in_band)
		jf_buf_adds(&p->body, "</div>\n");
	if (on)
		jf_buf_adds(&p->body, "<div class=\"band\">\n");
	p->in_band = on;
}

static void end_page(struct jf_print *p)
{
	char db[JF_DATE_BUFSZ];
	jf_print_band(p, false);
	if (!p->in_page)
		return;
	jf_buf_adds(&p->body, "<footer class=\"foot\">");
	if (p->b->notice_contact)
		foot_item(p, JF_L_CONTACT, p->b->notice_contact);
	if (p->b->notice_phone)
		foot_item(p, JF_L_PHONE, p->b->notice_phone);
	foot_item(p, JF_L_PRINTED, jf_date_format(p->printed, db));
	jf_buf_adds(&p->body, "</footer>\n</article>\n");
	p->in_page = false;
}

static void line(struct jf_buf *out, const char *cls, const char *s, const char *tag)
{
	if (!s)
		return;
	jf_buf_addf(out, "<%s class=\"%s\">", tag, cls);
	jf_xml_escape(out, s);
	jf_buf_addf(out, "</%s>\n", tag);
}

void jf_print_page(struct jf_print *p, const char *cls, const struct jf_print_head *h)
{
	end_page(p);
	jf_buf_adds(&p->body, "<article class=\"page");
	if (cls) {
		jf_buf_addc(&p->body, ' ');
		jf_xml_escape(&p->body, cls);
	}
	jf_buf_adds(&p->body, "\">\n<header class=\"head\">\n<h1>");
	jf_xml_escape(&p->body, h->title);
	jf_buf_adds(&p->body, "</h1>\n");
	line(&p->body, "place", h->place, "p");
	line(&p->body, "sub", h->sub, "p");
	line(&p->body, "period", h->period, "p");
	jf_buf_adds(&p->body, "</header>\n");
	p->in_page = true;
	p->pages++;
}

void jf_print_village_page(struct jf_print *p, const char *cls, int v, enum jf_label label,
			   jf_date as_of)
{
	const struct jf_book *b = p->b;
	struct jf_buf title = JF_BUF_INIT, per = JF_BUF_INIT;
	char db[JF_DATE_BUFSZ];
	if (v >= 0)
		jf_buf_addf(&title, "%s%s", b->villages[v].name, b->lang == JF_LANG_ZH ? "" : " ");
	jf_buf_adds(&title, jf_label(b->lang, label));
	jf_buf_addf(&per, "%s %s", jf_label(b->lang, JF_L_AS_OF), jf_date_format(as_of, db));
	struct jf_print_head h = { title.s, b->township, NULL, per.s };
	jf_print_page(p, cls, &h);
	jf_buf_release(&title);
	jf_buf_release(&per);
}

void jf_print_villages(struct jf_print *p, size_t n, int empty,
		       int (*village)(const void *ctx, size_t i),
		       void (*page)(struct jf_print *p, const void *ctx, int v, size_t from,
				    size_t to),
		       const void *ctx)
{
	if (n == 0)
		page(p, ctx, empty, 0, 0);
	for (size_t i = 0; i < n;) {
		int v = village(ctx, i);
		size_t k = i;
		while (k < n && village(ctx, k) == v)
			k++;
		page(p, ctx, v, i, k);
		i = k;
	}
}

void jf_print_section(struct jf_print *p, const char *cls, const char *heading, bool keep)
{
	end_section(p);
	jf_buf_adds(&p->body, "<section");
	if (cls || keep) {
		jf_buf_adds(&p->body, " class=\"");
		if (cls)
			jf_xml_escape(&p->body, cls);
		jf_buf_adds(&p->body, keep ? (cls ? " keep" : "keep") : "");
		jf_buf_adds(&p->body, "\"");
	}
	jf_buf_adds(&p->body, ">\n");
	p->in_section = true;
	if (heading) {
		jf_buf_adds(&p->body, "<h2>");
		jf_xml_escape(&p->body, heading);
		jf_buf_adds(&p->body, "</h2>\n");
	}
}

/* A section to write into: the current one, else a plain one. */
static void need_section(struct jf_print *p)
{
	if (!p->in_section)
		jf_print_section(p, NULL, NULL, false);
}

void jf_print_text(struct jf_print *p, const char *cls, const char *text)
{
	need_section(p);
	end_table(p);
	line(&p->body, cls ? cls : "text", text, "p");
}

void jf_print_table(struct jf_print *p, const char *cls, const struct jf_print_col *cols,
		    size_t n)
{
	need_section(p);
	end_table(p);
	if (n > sizeof p->numv / sizeof *p->numv)
		n = sizeof p->numv / sizeof *p->numv;
	jf_buf_adds(&p->body, "<table");
	if (cls) {
		jf_buf_adds(&p->body, " class=\"");
		jf_xml_escape(&p->body, cls);
		jf_buf_adds(&p->body, "\"");
	}
	jf_buf_adds(&p->body, ">\n<thead><tr>");
	for (size_t i = 0; i < n; i++) {
		p->numv[i] = cols[i].num;
		jf_buf_adds(&p->body, cols[i].num ? "<th class=\"num\">" : "<th>");
		jf_xml_escape(&p->body, cols[i].head);
		jf_buf_adds(&p->body, "</th>");
	}
	jf_buf_adds(&p->body, "</tr></thead>\n<tbody>\n");
	p->ncols = n;
	if (!n) /* an empty table still needs its end tags */
		jf_buf_adds(&p->body, "</tbody>\n</table>\n");
}

void jf_print_row(struct jf_print *p, const char *cls, const char *const *cells)
{
	if (!p->ncols)
		return;
	if (cls) {
		jf_buf_adds(&p->body, "<tr class=\"");
		jf_xml_escape(&p->body, cls);
		jf_buf_adds(&p->body, "\">");
	} else {
		jf_buf_adds(&p->body, "<tr>");
	}
	for (size_t i = 0; i < p->ncols; i++) {
		jf_buf_adds(&p->body, p->numv[i] ? "<td class=\"num\">" : "<td>");
		jf_xml_escape(&p->body, cells[i] ? cells[i] : "");
		jf_buf_adds(&p->body, "</td>");
	}
	jf_buf_adds(&p->body, "</tr>\n");
}

void jf_print_chart(struct jf_print *p, const struct jf_svg_chart *c, bool columns)
{
	need_section(p);
	end_table(p);
	if (!c->n)
		return;
	if (columns)
		jf_svg_columns(c, &p->body);
	else
		jf_svg_hbars(c, &p->body);
}

void jf_print_finish(struct jf_print *p, struct jf_buf *out)
{
	const char *paper = p->paper == JF_PAPER_A5 ? "a5" : "a4";
	end_page(p);
	jf_buf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>", p->b->lang == JF_LANG_ZH ? "zh-Hans" : "en");
	jf_xml_escape(out, p->title);
	jf_buf_addf(out, "</title>\n<style>\n%s@page{size:%s;margin:%s}\n</style>\n</head>\n",
		    css, jf_paper_name(p->paper), p->paper == JF_PAPER_A5 ? "10mm" : "12mm");
	jf_buf_addf(out, "<body class=\"%s %s\">\n", p->cls ? p->cls : "page", paper);
	jf_buf_add(out, p->body.s, p->body.len);
	jf_buf_adds(out, "</body>\n</html>\n");
}

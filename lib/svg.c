/* svg.c - bar charts as inline SVG, integer arithmetic only. */
#include <stdint.h>
#include <string.h>

#include "svg.h"
#include "width.h"

void jf_xml_escape(struct jf_buf *out, const char *s)
{
	/* the five characters markup gives a meaning */
	static const char *const ent[0x40] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
	};
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	for (; *p; p++) {
		if (*p < 0x40 && ent[*p]) {
			jf_buf_adds(out, ent[*p]);
		} else if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f) {
			jf_buf_addc(out, ' ');
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			jf_buf_addc(out, ' ');      /* a C1 control character */
			p++;
		} else {
			jf_buf_addc(out, (char)*p);
		}
	}
}

/* The scale of a chart: len(v) = v * span / max, without overflow. */
struct scale {
	int64_t max;
	int shift;
	int span;
};

static struct scale scale_of(const struct jf_svg_chart *c, int span)
{
	struct scale s = { 0, 0, span };
	for (size_t i = 0; i < c->n * c->nseries; i++)
		if (c->values[i] > s.max)
			s.max = c->values[i];
	while (s.max > INT64_MAX / 4096) {
		s.max >>= 1;
		s.shift++;
	}
	return s;
}

static int length(const struct scale *s, jf_points v)
{
	if (v <= 0 || s->max <= 0)
		return 0;
	int64_t len = ((v >> s->shift) * s->span + s->max / 2) / s->max;   /* rounded */
	return len < 1 ? 1 : (int)len;   /* a positive value always shows */
}

static void open_svg(struct jf_buf *out, const char *cls, int w, int h, const char *title)
{
	jf_buf_addf(out, "<svg class=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		    "role=\"img\" aria-label=\"", cls, w, h, w, h);
	jf_xml_escape(out, title);
	jf_buf_adds(out, "\"><title>");
	jf_xml_escape(out, title);
	jf_buf_adds(out, "</title>\n");
}

/* The legend: a swatch and a name per series, left to right at y. */
static void legend(const struct jf_svg_chart *c, struct jf_buf *out, int x, int y)
{
	for (size_t s = 0; s < c->nseries; s++) {
		jf_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"", x, y);
		jf_xml_escape(out, c->series[s].color);
		jf_buf_addf(out, "\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">", x + 14, y + 9);
		jf_xml_escape(out, c->series[s].name);
		jf_buf_adds(out, "</text>\n");
		x += 14 + 7 * (int)jf_width(c->series[s].name) + 16;
	}
}

static size_t nseries(const struct jf_svg_chart *c)
{
	return c->nseries > JF_SVG_MAX_SERIES ? JF_SVG_MAX_SERIES : c->nseries;
}

void jf_svg_hbars(const struct jf_svg_chart *c, struct jf_buf *out)
{
	enum { BAR = 10, GAP = 2, PAD = 8, SPAN = 320, VALW = 72, TOP = 22, CW = 7 };
	struct jf_svg_chart cc = *c;
	size_t lw = 0;
	char pb[JF_POINTS_BUFSZ];

	cc.nseries = nseries(c);
	for (size_t i = 0; i < cc.n; i++) {
		size_t w = jf_width(cc.labels[i]);
		lw = w > lw ? w : lw;
	}
	if (lw > 40)
		lw = 40;
	int left = (int)lw * CW + 12;
	int rowh = (int)cc.nseries * (BAR + GAP) + PAD;
	int width = left + SPAN + VALW;
	int height = TOP + (int)cc.n * rowh + 4;
	struct scale s = scale_of(&cc, SPAN);

	open_svg(out, "chart hbars", width, height, cc.title);
	legend(&cc, out, left, 4);
	jf_buf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n",
		    left, TOP - 2, left, height - 2);
	for (size_t i = 0; i < cc.n; i++) {
		int y = TOP + (int)i * rowh + PAD / 2;
		jf_buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">",
			    left - 6, y + (int)cc.nseries * (BAR + GAP) / 2 + 4);
		jf_xml_escape(out, cc.labels[i]);
		jf_buf_adds(out, "</text>\n");
		for (size_t k = 0; k < cc.nseries; k++) {
			jf_points v = cc.values[i * c->nseries + k];
			int len = length(&s, v);
			int by = y + (int)k * (BAR + GAP);
			if (len) {
				jf_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"",
					    left + 1, by, len, BAR);
				jf_xml_escape(out, cc.series[k].color);
				jf_buf_adds(out, "\"/>");
			}
			jf_buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>\n",
				    left + 1 + len + 4, by + BAR - 1, jf_points_format(v, pb));
		}
	}
	jf_buf_adds(out, "</svg>\n");
}

void jf_svg_columns(const struct jf_svg_chart *c, struct jf_buf *out)
{
	enum { BARW = 22, GAPW = 14, SPAN = 120, TOP = 36, BOTTOM = 22, LEFT = 10 };
	struct jf_svg_chart cc = *c;
	char pb[JF_POINTS_BUFSZ];

	cc.nseries = nseries(c);
	int groupw = (int)cc.nseries * BARW + GAPW;
	int width = LEFT * 2 + (int)cc.n * groupw;
	if (width < 320)
		width = 320;
	int base = TOP + SPAN;
	int height = base + BOTTOM;
	struct scale s = scale_of(&cc, SPAN);

	open_svg(out, "chart columns", width, height, cc.title);
	legend(&cc, out, LEFT, 4);
	jf_buf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n",
		    LEFT, base, LEFT + (int)cc.n * groupw, base);
	for (size_t i = 0; i < cc.n; i++) {
		int x = LEFT + (int)i * groupw + GAPW / 2;
		for (size_t k = 0; k < cc.nseries; k++) {
			jf_points v = cc.values[i * c->nseries + k];
			int h = length(&s, v);
			int bx = x + (int)k * BARW;
			if (h) {
				jf_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"",
					    bx + 1, base - h, BARW - 2, h);
				jf_xml_escape(out, cc.series[k].color);
				jf_buf_adds(out, "\"/>");
			}
			if (v)      /* zeros are left to the table */
				jf_buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"9\" "
					    "text-anchor=\"middle\">%s</text>\n",
					    bx + BARW / 2, base - h - 3, jf_points_format(v, pb));
		}
		jf_buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">",
			    x + (int)cc.nseries * BARW / 2, base + 15);
		jf_xml_escape(out, cc.labels[i]);
		jf_buf_adds(out, "</text>\n");
	}
	jf_buf_adds(out, "</svg>\n");
}

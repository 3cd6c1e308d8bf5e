/* svg.h - small bar charts as inline SVG, for the HTML report.
 *
 * Integer arithmetic only: values are jf_points (hundredths) and every
 * length is a whole number of pixels, rounded.  Bars are scaled to the
 * largest value; a value at or below zero draws no bar (a positive one at
 * least one pixel).  Every bar of a horizontal chart carries its value; a
 * column chart leaves zeros unlabelled.  The
 * output is deterministic (no ids from a clock, no random names) and has no
 * script and no external reference; text is XML-escaped.
 */
#ifndef JF_SVG_H
#define JF_SVG_H

#include <stddef.h>

#include "buf.h"
#include "points.h"

#define JF_SVG_MAX_SERIES 3

struct jf_svg_series {
	const char *name;       /* in the legend */
	const char *color;      /* a CSS colour, e.g. "#2e7d32" */
};

struct jf_svg_chart {
	const char *title;                /* the chart's accessible name */
	size_t n;                         /* groups (one label each) */
	const char *const *labels;        /* [n] */
	size_t nseries;                   /* 1..JF_SVG_MAX_SERIES */
	const struct jf_svg_series *series;
	const jf_points *values;          /* [n * nseries]: group i, series s at i * nseries + s */
};

/* Append a horizontal bar chart: one row per group, label on the left. */
void jf_svg_hbars(const struct jf_svg_chart *c, struct jf_buf *out);
/* Append a column chart: groups side by side left to right (a trend). */
void jf_svg_columns(const struct jf_svg_chart *c, struct jf_buf *out);

/* Append s with & < > " ' written as character references (text and
 * attribute values of HTML and SVG alike); control characters other than
 * tab and newline become spaces. */
void jf_xml_escape(struct jf_buf *out, const char *s);

#endif

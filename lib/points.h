/* points.h - exact decimal points, at most two places, no floating point.
 *
 * A jf_points holds hundredths of a point: 6.5 points is 650.  Every
 * operation checks for overflow and reports it instead of wrapping.
 */
#ifndef JF_POINTS_H
#define JF_POINTS_H

#include <stdbool.h>
#include <stdint.h>

typedef int64_t jf_points;

#define JF_POINTS_SCALE 100
/* Longest text jf_points_format() writes, with the NUL. */
#define JF_POINTS_BUFSZ 32

/* Parse s: optional '-', digits without a leading zero (except "0"), then
 * optionally '.' and one or two digits.  "5", "-5", "6.5", "0.25", "-0.5".
 * Refused: "", "+5", "05", "1.", ".5", "1.234", "1e3", spaces, overflow.
 * Returns 0 and sets *out, or -1 and sets *why to a static message. */
int jf_points_parse(const char *s, jf_points *out, const char **why);
/* Write p shortest-exact: 5 -> "5", 650 -> "6.5", 25 -> "0.25", -50 -> "-0.5".
 * buf must hold JF_POINTS_BUFSZ bytes; returns buf. */
char *jf_points_format(jf_points p, char *buf);
/* As jf_points_format but always with a sign: "+5", "-0.5", "0". */
char *jf_points_format_signed(jf_points p, char *buf);
/* *out = a + b; returns false (and leaves *out alone) on overflow. */
bool jf_points_add(jf_points a, jf_points b, jf_points *out);
/* *out = a - b; false on overflow. */
bool jf_points_sub(jf_points a, jf_points b, jf_points *out);
/* *out = p * qty (qty a plain integer count); false on overflow. */
bool jf_points_mul(jf_points p, int64_t qty, jf_points *out);

/* Parse a decimal integer: optional '-', digits, no leading zeros, no '+',
 * within [min, max].  Returns 0, or -1 with *why set. */
int jf_int_parse(const char *s, int64_t min, int64_t max, int64_t *out,
		 const char **why);

#endif

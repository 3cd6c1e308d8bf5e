/* points.h - exact decimal points, at most two places, no floating point.
 *
 * A jf_points holds hundredths of a point: 6.5 points is 650.  Every
 * operation checks for overflow and reports it instead of wrapping.
 *
 * One bound for points everywhere, checked the same way: a value (the
 * points of one entry, a rule's points or a price, a command's POINTS) is
 * at most JF_POINTS_MAX either way, and so is what one entry's rule points
 * or price times its qty comes to; every sum is at most JF_POINTS_SUM_MAX
 * either way, and so is the tally of a book: the sum of every entry's
 * points taken without sign (jf_points_tally).  Any sum a command makes
 * is a sum of entries' points, so a book whose tally is within the bound
 * can overflow no sum of any command; one beyond it is refused by every
 * command alike.  Both bounds are symmetric, so -p never overflows.
 */
#ifndef JF_POINTS_H
#define JF_POINTS_H

#include <stdbool.h>
#include <stdint.h>

typedef int64_t jf_points;

#define JF_POINTS_SCALE 100
/* 1,000,000,000 points: one entry, rule, price or operand. */
#define JF_POINTS_MAX ((jf_points)100000000000)
/* 1,000,000,000,000 points: any sum, and a book's tally. */
#define JF_POINTS_SUM_MAX ((jf_points)100000000000000)
/* What a command says of a book whose tally passes JF_POINTS_SUM_MAX. */
#define JF_POINTS_TALLY_MSG \
	"the points of the book, every entry counted without its sign, pass 1000000000000 (the most one book holds)"
/* Longest text jf_points_format() writes, with the NUL. */
#define JF_POINTS_BUFSZ 32

/* Parse s: optional '-', digits without a leading zero (except "0"), then
 * optionally '.' and one or two digits.  "5", "-5", "6.5", "0.25", "-0.5".
 * Refused: "", "+5", "05", "1.", ".5", "1.234", "1e3", spaces, and any
 * value beyond JF_POINTS_MAX either way.
 * Returns 0 and sets *out, or -1 and sets *why to a static message. */
int jf_points_parse(const char *s, jf_points *out, const char **why);
/* Write p shortest-exact: 5 -> "5", 650 -> "6.5", 25 -> "0.25", -50 -> "-0.5".
 * buf must hold JF_POINTS_BUFSZ bytes; returns buf. */
char *jf_points_format(jf_points p, char *buf);
/* As jf_points_format but always with a sign: "+5", "-0.5", "0". */
char *jf_points_format_signed(jf_points p, char *buf);
/* *out = a + b; returns false (and leaves *out alone) if the sum passes
 * JF_POINTS_SUM_MAX either way. */
bool jf_points_add(jf_points a, jf_points b, jf_points *out);
/* *out = a - b; false beyond JF_POINTS_SUM_MAX. */
bool jf_points_sub(jf_points a, jf_points b, jf_points *out);
/* *out = p * qty (qty a plain integer count): the points of one entry, so
 * false if they pass JF_POINTS_MAX either way. */
bool jf_points_mul(jf_points p, int64_t qty, jf_points *out);
/* Is p a value one entry may carry (|p| <= JF_POINTS_MAX)? */
bool jf_points_valid(jf_points p);
/* -p, for any p: a value beyond every bound (INT64_MIN) stays beyond them,
 * so that the check that follows refuses it. */
jf_points jf_points_neg(jf_points p);
/* Count one entry's points p into a book's tally *t (the sum of |points|):
 * false, leaving *t alone, if p is not a valid value or *t would pass
 * JF_POINTS_SUM_MAX. */
bool jf_points_tally(jf_points *t, jf_points p);

/* Parse a decimal integer: optional '-', digits, no leading zeros, no '+',
 * within [min, max].  Returns 0, or -1 with *why set. */
int jf_int_parse(const char *s, int64_t min, int64_t max, int64_t *out,
		 const char **why);

#endif

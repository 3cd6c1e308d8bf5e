/* points.c - exact decimal points in hundredths, no floating point. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "points.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Accumulate the digits of s[0..n) into *acc (which starts at 0), as a
 * negative number when neg, so that INT64_MIN is reachable.  Returns false
 * on overflow.
 */
static bool accumulate(const char *s, size_t n, bool neg, int64_t *acc)
{
	int64_t v = *acc;

	for (size_t i = 0; i < n; i++) {
		int64_t d = s[i] - '0';
		if (__builtin_mul_overflow(v, 10, &v))
			return false;
		if (neg ? __builtin_sub_overflow(v, d, &v)
			: __builtin_add_overflow(v, d, &v))
			return false;
	}
	*acc = v;
	return true;
}

/*
 * Check the integer part that starts at s: at least one digit, no leading
 * zero unless it is exactly "0".  Returns its length, or 0 with *why set.
 */
static size_t int_digits(const char *s, const char **why)
{
	size_t n = 0;

	while (is_digit(s[n]))
		n++;
	if (n == 0) {
		*why = s[0] == '\0' ? "missing digits" : "not a number";
		return 0;
	}
	if (n > 1 && s[0] == '0') {
		*why = "leading zero";
		return 0;
	}
	return n;
}

/* The sign and the digits of a number's whole part: sets *neg and *p past
 * the sign; returns the number of digits, or 0 with *why. */
static size_t sign_digits(const char *s, const char **p, bool *neg, const char **why)
{
	*p = s;
	*neg = false;
	if (!s || !*s) {
		*why = "empty number";
		return 0;
	}
	if (**p == '+') {
		*why = "'+' not allowed";
		return 0;
	}
	if (**p == '-') {
		*neg = true;
		(*p)++;
	}
	return int_digits(*p, why);
}

int jf_points_parse(const char *s, jf_points *out, const char **why)
{
	const char *p;
	bool neg;
	size_t ni, nf = 0;
	int64_t v = 0;
	const char *frac = NULL;

	ni = sign_digits(s, &p, &neg, why);
	if (!ni)
		return -1;
	if (p[ni] == '.') {
		frac = p + ni + 1;
		while (is_digit(frac[nf]))
			nf++;
		if (nf == 0) {
			*why = "digits expected after '.'";
			return -1;
		}
		if (nf > 2) {
			*why = "more than two decimal places";
			return -1;
		}
		if (frac[nf] != '\0') {
			*why = "not a number";
			return -1;
		}
	} else if (p[ni] != '\0') {
		*why = "not a number";
		return -1;
	}
	if (!accumulate(p, ni, neg, &v))
		goto overflow;
	/* Two fractional places: pad "6.5" to 650, "6" to 600. */
	if (frac && !accumulate(frac, nf, neg, &v))
		goto overflow;
	for (size_t k = nf; k < 2; k++)
		if (__builtin_mul_overflow(v, 10, &v))
			goto overflow;
	if (!jf_points_valid(v))
		goto overflow;
	*out = v;
	return 0;
overflow:
	*why = "number out of range (at most 1000000000 points either way)";
	return -1;
}

/* Write p with the sign prefix `plus` used for positive values. */
static char *format(jf_points p, char *buf, const char *plus)
{
	uint64_t mag = p < 0 ? (uint64_t)-(p + 1) + 1 : (uint64_t)p;
	uint64_t ip = mag / JF_POINTS_SCALE;
	unsigned fp = (unsigned)(mag % JF_POINTS_SCALE);
	const char *sign = p < 0 ? "-" : p > 0 ? plus : "";
	int n;

	if (fp == 0)
		n = snprintf(buf, JF_POINTS_BUFSZ, "%s%" PRIu64, sign, ip);
	else if (fp % 10 == 0)
		n = snprintf(buf, JF_POINTS_BUFSZ, "%s%" PRIu64 ".%u", sign,
			     ip, fp / 10);
	else
		n = snprintf(buf, JF_POINTS_BUFSZ, "%s%" PRIu64 ".%02u", sign,
			     ip, fp);
	/* At most 1 + 17 + 3 characters: never truncated. */
	if (n < 0)
		buf[0] = '\0';
	return buf;
}

char *jf_points_format(jf_points p, char *buf)
{
	return format(p, buf, "");
}

char *jf_points_format_signed(jf_points p, char *buf)
{
	return format(p, buf, "+");
}

static bool within(jf_points p, jf_points max)
{
	return p >= -max && p <= max;
}

bool jf_points_valid(jf_points p)
{
	return within(p, JF_POINTS_MAX);
}

bool jf_points_add(jf_points a, jf_points b, jf_points *out)
{
	jf_points r;

	if (__builtin_add_overflow(a, b, &r) || !within(r, JF_POINTS_SUM_MAX))
		return false;
	*out = r;
	return true;
}

bool jf_points_sub(jf_points a, jf_points b, jf_points *out)
{
	jf_points r;

	if (__builtin_sub_overflow(a, b, &r) || !within(r, JF_POINTS_SUM_MAX))
		return false;
	*out = r;
	return true;
}

bool jf_points_mul(jf_points p, int64_t qty, jf_points *out)
{
	jf_points r;

	if (__builtin_mul_overflow(p, qty, &r) || !within(r, JF_POINTS_MAX))
		return false;
	*out = r;
	return true;
}

jf_points jf_points_neg(jf_points p)
{
	return p == INT64_MIN ? INT64_MIN : -p;
}

bool jf_points_tally(jf_points *t, jf_points p)
{
	jf_points r;

	if (!jf_points_valid(p) || !within(*t, JF_POINTS_SUM_MAX) ||
	    !jf_points_add(*t, p < 0 ? -p : p, &r))
		return false;
	*t = r;
	return true;
}

int jf_int_parse(const char *s, int64_t min, int64_t max, int64_t *out,
		 const char **why)
{
	const char *p;
	bool neg;
	size_t n;
	int64_t v = 0;

	n = sign_digits(s, &p, &neg, why);
	if (!n)
		return -1;
	if (p[n] != '\0') {
		*why = p[n] == '.' ? "not a whole number" : "not a number";
		return -1;
	}
	if (!accumulate(p, n, neg, &v) || v < min || v > max) {
		*why = "number out of range";
		return -1;
	}
	*out = v;
	return 0;
}

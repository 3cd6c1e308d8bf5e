/* width.c - strict UTF-8 decoding and terminal display width, no locales.
 *
 * The width of a code point comes from libutf8proc (utf8proc_charwidth:
 * East Asian Wide and Fullwidth two columns, combining marks and format
 * characters none), with two corrections so that it says what a terminal
 * shows:
 * - the conjoining Hangul jungseong and jongseong (U+1160-11FF,
 *   U+D7B0-D7FF) join the syllable before them and take no column;
 * - an unassigned code point where UAX #11 reserves room for ideographs
 *   (U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, planes 2 and 3) is wide, as
 *   EastAsianWidth.txt says, where utf8proc counts every unassigned one.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "width.h"

/* Is lo <= cp <= hi? */
static bool in(uint32_t cp, uint32_t lo, uint32_t hi)
{
	return cp >= lo && cp <= hi;
}

/* A conjoining Hangul vowel or final consonant. */
static bool hangul_join(uint32_t cp)
{
	return in(cp, 0x1160, 0x11FF) || in(cp, 0xD7B0, 0xD7FF);
}

/* Where UAX #11 gives unassigned code points the width W. */
static bool ideograph_room(uint32_t cp)
{
	return in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) ||
	       in(cp, 0xF900, 0xFAFF) || in(cp, 0x20000, 0x3FFFD);
}

/* utf8proc_iterate() follows RFC 3629 section 4: it refuses overlong
 * forms, surrogates, code points past U+10FFFF, and C0, C1 and F5..FF as
 * lead bytes; it never reads more than 4 bytes. */
size_t jf_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	if (n == 0)
		return 0;
	k = utf8proc_iterate((const utf8proc_uint8_t *)s, n < 4 ? (utf8proc_ssize_t)n : 4, &c);
	if (k <= 0)
		return 0;
	*cp = (uint32_t)c;
	return (size_t)k;
}

/* Walk s sequence by sequence; report where the first bad one starts. */
bool jf_utf8_valid(const char *s, size_t n, size_t *off)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		size_t k = jf_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			if (off)
				*off = i;
			return false;
		}
		i += k;
	}
	return true;
}

/* Controls first, then the corrections, then utf8proc. */
int jf_cp_width(uint32_t cp)
{
	utf8proc_int32_t c = (utf8proc_int32_t)cp;

	if (jf_cp_control(cp))
		return 0;
	if (cp < 0x300 || cp > 0x10FFFF)
		return 1;
	if (hangul_join(cp))
		return 0;
	if (ideograph_room(cp) && utf8proc_category(c) == UTF8PROC_CATEGORY_CN)
		return 2;
	return utf8proc_charwidth(c);
}

/* The width of s, one per invalid byte; a control counts ctl. */
static size_t width_of(const char *s, size_t ctl)
{
	size_t n = strlen(s), i = 0, w = 0;
	uint32_t cp;

	while (i < n) {
		size_t k = jf_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			w++;
			i++;
			continue;
		}
		w += jf_cp_control(cp) ? ctl : (size_t)jf_cp_width(cp);
		i += k;
	}
	return w;
}

bool jf_cp_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

size_t jf_width(const char *s)
{
	return width_of(s, 0);
}

size_t jf_width_shown(const char *s)
{
	return width_of(s, 1);
}

unsigned long jf_text_line(const char *s, size_t off)
{
	unsigned long line = 1;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + off - p))); p++)
		line++;
	return line;
}

unsigned long jf_text_col(const char *s, size_t off)
{
	size_t ls = off;
	unsigned long col = 1;
	while (ls && s[ls - 1] != '\n')
		ls--;
	for (size_t i = ls; i < off; i++)
		col += ((unsigned char)s[i] & 0xC0) != 0x80;
	return col;
}

bool jf_utf8_has_bidi(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp = 0;
		size_t k = jf_utf8_decode(s + i, n - i, &cp);
		if (in(cp, 0x202A, 0x202E) || in(cp, 0x2066, 0x2069))
			return true;
		i += k ? k : 1;
	}
	return false;
}

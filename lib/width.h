/* width.h - display width of UTF-8 text on a terminal, without locales.
 *
 * East Asian Wide and Fullwidth characters (CJK ideographs, kana, Hangul,
 * fullwidth forms, CJK punctuation such as "，" and "。") count two columns,
 * combining marks and zero-width characters none, everything else one.
 */
#ifndef JF_WIDTH_H
#define JF_WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one UTF-8 sequence at s (n bytes available).  Returns its length
 * (1..4) and sets *cp, or 0 for an invalid, overlong, surrogate or
 * truncated sequence. */
size_t jf_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Does valid UTF-8 s (n bytes) hold a bidirectional override or isolate
 * (U+202A-U+202E, U+2066-U+2069), which reorders what a page shows? */
bool jf_utf8_has_bidi(const char *s, size_t n);
/* Is s[0..n) valid UTF-8? If not and off is non-NULL, *off is the offset
 * of the first bad byte. */
bool jf_utf8_valid(const char *s, size_t n, size_t *off);
/* Columns code point cp takes: 0, 1 or 2 (control characters: 0). */
int jf_cp_width(uint32_t cp);
/* Columns the UTF-8 string s takes (invalid bytes count one each). */
size_t jf_width(const char *s);
/* The same as aligned text shows it: a control counts one (a space). */
size_t jf_width_shown(const char *s);
/* Is cp a C0 or C1 control? */
bool jf_cp_control(uint32_t cp);

/* The line (1-based) of the byte s[off], counting the newlines before it. */
unsigned long jf_text_line(const char *s, size_t off);
/* The column (1-based, in characters) of the byte s[off]. */
unsigned long jf_text_col(const char *s, size_t off);

/* Does the UTF-8 sequence at p (NUL-terminated) start a C1 control
 * character (U+0080..U+009F), a line/paragraph separator (U+2028,
 * U+2029), a byte order mark (U+FEFF) or a noncharacter (U+FFFE, U+FFFF),
 * which jf refuses in values like other control characters? */
static inline bool jf_special_char(const unsigned char *p)
{
	return (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) ||
	       (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) ||
	       (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) ||          /* U+FEFF */
	       (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF));
}

#endif

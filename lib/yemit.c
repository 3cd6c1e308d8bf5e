/* yemit.c - YAML scalars for the writers' entries, and the check of their
 * free text. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "width.h"
#include "yemit.h"

const char *jf_text_check(const char *s)
{
	size_t n = strlen(s), off;
	if (n > 4096)
		return "is longer than 4096 bytes";
	if (!jf_utf8_valid(s, n, &off))
		return "is not valid UTF-8";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || jf_special_char(p))
			return "contains a control character (tab, newline...)";
	if (jf_utf8_has_bidi(s, n))
		return "contains a bidirectional control character (U+202A-U+202E, U+2066-U+2069)";
	return NULL;
}

static bool plain_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || strchr("?:,[]{}#&*!|>'\"%@` \t", s[0]) || s[n - 1] == ' ' ||
	    (s[0] == '-' && (!s[1] || s[1] == ' ')) ||
	    s[n - 1] == ':' || strstr(s, ": ") || strstr(s, " #"))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || jf_special_char(p))
			return false;
	/* a leading BOM or other invisible start would confuse a reader */
	return (unsigned char)s[0] < 0x80 || strncmp(s, "\xEF\xBB\xBF", 3);
}

void jf_yaml_scalar(struct jf_buf *out, const char *s)
{
	if (plain_ok(s)) {
		jf_buf_adds(out, s);
		return;
	}
	jf_buf_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			jf_buf_addc(out, '\\');
			jf_buf_addc(out, (char)*p);
		} else if (*p < 0x20 || *p == 0x7F) {
			jf_buf_addf(out, "\\x%02X", *p);
		} else if (jf_special_char(p)) {
			/* C1 controls, U+2028/U+2029 (YAML reads them as breaks),
			 * U+FEFF and the noncharacters: escaped, never raw */
			uint32_t cp;
			if (p[0] >= 0xE0) {
				cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
				     (p[2] & 0x3F);
				p += 2;
			} else {
				cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
				p += 1;
			}
			jf_buf_addf(out, "\\u%04X", (unsigned)cp);
		} else {
			jf_buf_addc(out, (char)*p);
		}
	}
	jf_buf_addc(out, '"');
}

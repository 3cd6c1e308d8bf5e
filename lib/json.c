/* json.c - writing JSON into a buffer.
 *
 * Nesting deeper than JF_JSON_DEPTH saturates instead of failing: every
 * level from JF_JSON_DEPTH on shares the last slot of first[].  The output
 * stays correct because only the innermost container's flag is ever
 * consulted, and when a container closes its parent has necessarily had a
 * member written (the container itself), so the flag is simply reset to
 * false.  depth itself stops counting at INT_MAX.
 *
 * Bytes that are not valid UTF-8 are written as \ufffd so that the output
 * is always valid JSON; U+2028 and U+2029 are escaped for JavaScript.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "points.h"
#include "width.h"

/* Slot of first[] for the container at depth d (1 = outermost). */
static bool *first_at(struct jf_json *j, int d)
{
	return &j->first[d < JF_JSON_DEPTH ? d - 1 : JF_JSON_DEPTH - 1];
}

/* In pretty mode, start a new line indented for the current depth. */
static void newline(struct jf_json *j)
{
	if (!j->pretty)
		return;
	jf_buf_grow(j->out, 1 + 2 * (size_t)j->depth);
	jf_buf_addc(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		jf_buf_adds(j->out, "  ");
}

/* Write what precedes a value or key: nothing after a key, else the comma
 * and line break separating it from the previous member. */
static void sep(struct jf_json *j)
{
	bool *first;

	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	first = first_at(j, j->depth);
	if (!*first)
		jf_buf_addc(j->out, ',');
	*first = false;
	newline(j);
}

void jf_json_init(struct jf_json *j, struct jf_buf *out, bool pretty)
{
	memset(j, 0, sizeof *j);
	j->out = out;
	j->pretty = pretty;
}

/* Open an object or array with bracket c. */
static void open_with(struct jf_json *j, char c)
{
	sep(j);
	jf_buf_addc(j->out, c);
	if (j->depth < INT_MAX)
		j->depth++;
	*first_at(j, j->depth) = true;
}

/* Close the innermost container with bracket c. */
static void close_with(struct jf_json *j, char c)
{
	bool empty = true;

	j->after_key = false;
	if (j->depth > 0) {
		empty = *first_at(j, j->depth);
		j->depth--;
		if (j->depth > 0)
			*first_at(j, j->depth) = false;
	}
	if (!empty)
		newline(j);
	jf_buf_addc(j->out, c);
}

void jf_json_obj_open(struct jf_json *j)
{
	open_with(j, '{');
}

void jf_json_obj_close(struct jf_json *j)
{
	close_with(j, '}');
}

void jf_json_arr_open(struct jf_json *j)
{
	open_with(j, '[');
}

void jf_json_arr_close(struct jf_json *j)
{
	close_with(j, ']');
}

void jf_json_key(struct jf_json *j, const char *key)
{
	sep(j);
	jf_json_escape(j->out, key);
	jf_buf_adds(j->out, j->pretty ? ": " : ":");
	j->after_key = true;
}

void jf_json_str(struct jf_json *j, const char *s)
{
	sep(j);
	if (s)
		jf_json_escape(j->out, s);
	else
		jf_buf_adds(j->out, "null");
}

void jf_json_int(struct jf_json *j, int64_t v)
{
	sep(j);
	jf_buf_addf(j->out, "%" PRId64, v);
}

void jf_json_points(struct jf_json *j, jf_points p)
{
	char buf[JF_POINTS_BUFSZ];

	sep(j);
	jf_buf_adds(j->out, jf_points_format(p, buf));
}

void jf_json_bool(struct jf_json *j, bool v)
{
	sep(j);
	jf_buf_adds(j->out, v ? "true" : "false");
}

void jf_json_null(struct jf_json *j)
{
	sep(j);
	jf_buf_adds(j->out, "null");
}

/* Escape s per RFC 8259; a NULL s is written as "". */
void jf_json_escape(struct jf_buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	/* RFC 8259's two-character escapes; other controls are \u00XX */
	static const char *const esc[0x60] = {
		['"'] = "\\\"", ['\\'] = "\\\\", ['\b'] = "\\b", ['\f'] = "\\f",
		['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t",
	};
	size_t n = s ? strlen(s) : 0, i = 0;

	jf_buf_addc(out, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			size_t run = i + 1;
			while (run < n && (unsigned char)s[run] >= 0x20 &&
			       (unsigned char)s[run] < 0x80 && s[run] != '"' &&
			       s[run] != '\\')
				run++;
			jf_buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		if (c < 0x80) {
			i++;
			if (c < 0x60 && esc[c]) {
				jf_buf_adds(out, esc[c]);
			} else {
				jf_buf_adds(out, "\\u00");
				jf_buf_addc(out, hex[c >> 4]);
				jf_buf_addc(out, hex[c & 0xF]);
			}
			continue;
		}
		k = jf_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			jf_buf_adds(out, "\\ufffd");
			i++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			jf_buf_adds(out, cp == 0x2028 ? "\\u2028" : "\\u2029");
			i += k;
		} else {
			jf_buf_add(out, s + i, k);
			i += k;
		}
	}
	jf_buf_addc(out, '"');
}

void jf_json_kstr(struct jf_json *j, const char *key, const char *s)
{
	jf_json_key(j, key);
	jf_json_str(j, s);
}

void jf_json_kint(struct jf_json *j, const char *key, int64_t v)
{
	jf_json_key(j, key);
	jf_json_int(j, v);
}

void jf_json_kpoints(struct jf_json *j, const char *key, jf_points p)
{
	jf_json_key(j, key);
	jf_json_points(j, p);
}

void jf_json_kstr_opt(struct jf_json *j, const char *key, const char *s)
{
	if (s)
		jf_json_kstr(j, key, s);
}

void jf_json_array(struct jf_buf *out, size_t n,
		   void (*item)(struct jf_json *j, const void *ctx, size_t i), const void *ctx)
{
	struct jf_json j;
	jf_json_init(&j, out, true);
	jf_json_arr_open(&j);
	for (size_t i = 0; i < n; i++)
		item(&j, ctx, i);
	jf_json_arr_close(&j);
	jf_buf_addc(out, '\n');
}

/* json.h - writing JSON into a buffer.
 *
 * A small writer that tracks nesting to place commas.  Strings are escaped
 * per RFC 8259 (", \, control characters as \uXXXX; UTF-8 passed through).
 * Points are written as exact JSON numbers ("6.5", "-0.25", "5").
 * Output is compact (no spaces) unless pretty is set, in which case each
 * member/element goes on its own line, indented by two spaces.
 */
#ifndef JF_JSON_H
#define JF_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include "buf.h"
#include "points.h"

#define JF_JSON_DEPTH 32

struct jf_json {
	struct jf_buf *out;
	int depth;
	bool pretty;
	bool first[JF_JSON_DEPTH]; /* no member written yet at this depth */
	bool after_key;
};

/* Start writing into out (appends; does not reset out). */
void jf_json_init(struct jf_json *j, struct jf_buf *out, bool pretty);
void jf_json_obj_open(struct jf_json *j);
void jf_json_obj_close(struct jf_json *j);
void jf_json_arr_open(struct jf_json *j);
void jf_json_arr_close(struct jf_json *j);
/* Write a member key; the next value call writes its value. */
void jf_json_key(struct jf_json *j, const char *key);
void jf_json_str(struct jf_json *j, const char *s); /* NULL writes null */
void jf_json_int(struct jf_json *j, int64_t v);
void jf_json_points(struct jf_json *j, jf_points p);
void jf_json_bool(struct jf_json *j, bool v);
void jf_json_null(struct jf_json *j);
/* A member: its key and value in one call. */
void jf_json_kstr(struct jf_json *j, const char *key, const char *s); /* NULL: null */
void jf_json_kint(struct jf_json *j, const char *key, int64_t v);
void jf_json_kpoints(struct jf_json *j, const char *key, jf_points p);
/* The member key: s only where s is not NULL (an optional field). */
void jf_json_kstr_opt(struct jf_json *j, const char *key, const char *s);
/* Append to out a document that is one array (pretty, then a newline)
 * of n elements: item(j, ctx, i) writes element i, or nothing to leave
 * it out. */
void jf_json_array(struct jf_buf *out, size_t n,
		   void (*item)(struct jf_json *j, const void *ctx, size_t i), const void *ctx);
/* Append s to out as a JSON string literal with quotes. */
void jf_json_escape(struct jf_buf *out, const char *s);

#endif

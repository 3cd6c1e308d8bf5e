/* buf.h - growable byte buffers that are always NUL-terminated.
 *
 * Invariants: after jf_buf_init() (or JF_BUF_INIT), b->s is never NULL and
 * b->s[b->len] == '\0'.  The buffer owns b->s; jf_buf_release() frees it and
 * leaves an empty buffer; jf_buf_detach() hands the storage to the caller,
 * who must free() it.  Allocation failure ends the process (see alloc.h).
 */
#ifndef JF_BUF_H
#define JF_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct jf_buf {
	char *s;
	size_t len;
	size_t cap; /* 0 while s points at the shared empty string */
};

extern char jf_buf_empty[];
#define JF_BUF_INIT { jf_buf_empty, 0, 0 }

/* Make b an empty buffer. */
void jf_buf_init(struct jf_buf *b);
/* Free b's storage; b is empty and reusable afterwards. */
void jf_buf_release(struct jf_buf *b);
/* Empty b but keep its storage. */
void jf_buf_reset(struct jf_buf *b);
/* Return b's string, which the caller now owns; b is left empty. */
char *jf_buf_detach(struct jf_buf *b);
/* Make room for at least n more bytes. */
void jf_buf_grow(struct jf_buf *b, size_t n);
/* Append n bytes of s. */
void jf_buf_add(struct jf_buf *b, const void *s, size_t n);
/* Append the string s. */
void jf_buf_adds(struct jf_buf *b, const char *s);
/* Append one byte. */
void jf_buf_addc(struct jf_buf *b, char c);
/* Append printf-style formatted text. */
void jf_buf_addf(struct jf_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void jf_buf_vaddf(struct jf_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Shorten b to len bytes (len <= b->len). */
void jf_buf_setlen(struct jf_buf *b, size_t len);

#endif
